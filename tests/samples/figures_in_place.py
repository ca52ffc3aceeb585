#!/usr/bin/env python3
"""Every figure of every expected file is what its PDF prints where the expected file says: the
words of `pdftotext -bbox` whose centres fall in the quantity's `at` box, read top to bottom and
left to right, spell its `raw` (white space aside); read by the generator's figure parser, those
printed lines give its value, unit and flags; and the column header printed above the box names
its fiscal year (and `estimate` for an actual under a header saying 見込み). On a project sheet
(indicator and cost values) the unit of a bare figure is the one printed for it (the indicator's
単位 cell on its row, the table's （単位：千円） above it), and the fiscal year and kind are printed
over the box (令和３年度, 令和５年度目標値, 令和４年度決算) or on its row, left of it (目標, 実績;
前年度決算 relative to the review year). Checks the expected files against the PDFs with
Poppler's own tool, not with sheetx. Usage: figures_in_place.py SAMPLES_DIR"""
import glob
import html
import json
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "samples"))
import generate  # noqa: E402  (the oracle's figure and year parsers)
import project_sheets  # noqa: E402  (its figure parser: qualifiers, bare figures)

WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>')
FLAGS = ("value", "unit", "cumulative", "per_year", "running_total", "revised")
PROJECT_FLAGS = FLAGS + ("approximate", "bound")
# The words a project sheet prints for a value's kind and for a year relative to the review year.
KIND_WORDS = {"目標": "target", "実績": "actual", "決算": "settlement", "予算": "budget", "見込": "estimate"}
RELATIVE = {"前年度": -1, "当年度": 0, "次年度": 1}
UNIT_NOTE = re.compile(r"[（(]単位[：:](.+?)[）)]")


def words_by_page(pdf):
    """Page by page, the words with their boxes (points, top-left origin, page as displayed)."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for line in out.splitlines():
        if line.strip().startswith("<page"):
            pages.append([])
        elif (m := WORD.search(line)) and pages:
            pages[-1].append((float(m[1]), float(m[2]), float(m[3]), float(m[4]), html.unescape(m[5])))
    return pages


def printed_lines(words):
    """Words as printed lines, top to bottom: words whose tops lie within 2pt share a line."""
    lines = []
    for w in sorted(words, key=lambda w: (w[1], w[0])):
        if lines and abs(lines[-1][0][1] - w[1]) < 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [(line[0][1], line[0][3], "".join(w[4] for w in sorted(line))) for line in lines]


def header_above(words, box, is_header=lambda lines: "年度" in "".join(lines).translate(generate.FOLD)):
    """The fiscal year and text of the column header over `box`: of the blocks of printed lines
    above it (within the column; lines right under one another make a block, as in one cell),
    the lowest that is a header (by default: says 年度)."""
    x0, y0, x1, _ = box
    blocks = []
    for top, bottom, text in printed_lines([w for w in words if x0 <= (w[0] + w[2]) / 2 <= x1 and w[3] <= y0 + 0.5]):
        if blocks and top - blocks[-1][-1][1] < (bottom - top) * 0.5:
            blocks[-1].append((top, bottom, text))
        else:
            blocks.append([(top, bottom, text)])
    for block in reversed(blocks):
        lines = [text for _, _, text in block]
        if is_header(lines):
            try:
                return generate.fiscal_year(lines), "".join(lines)
            except ValueError:
                return None, "".join(lines)
    return None, ""


def figures(record):
    """(quantity, fiscal year or None, whether it is an actual) for every figure of a record."""
    for ind in record["indicators"]:
        for v in ind["values"]:
            yield v, v["fiscal_year"], False
    for project in record["projects"]:
        for act in project["activities"]:
            yield act["plan"], None, False
            yield act["baseline"], act["baseline"]["fiscal_year"], False
            for year in act["years"]:
                yield year["target"], year["fiscal_year"], False
                yield year["actual"], year["fiscal_year"], True


def printed_in(q, words):
    """The printed lines whose words' centres fall in the quantity's box."""
    x0, y0, x1, y1 = q["at"]["box"]
    inside = [w for w in words if x0 <= (w[0] + w[2]) / 2 <= x1 and y0 <= (w[1] + w[3]) / 2 <= y1]
    return [text for _, _, text in printed_lines(inside)]


def project_figures(record):
    """(value, the unit its row says or None, whether it is a cost) for every figure of a project
    sheet's indicators and cost lines."""
    for project in record["projects"]:
        for ind in project.get("indicators", []):
            for v in ind["values"]:
                yield v, ind["unit"], False
        for line in project.get("costs", []):
            for v in line["values"]:
                yield v, None, True


def is_figure(text):
    """Whether a printed line reads as a figure (or a dash) of a project sheet."""
    try:
        return project_sheets.figure_quantity([text], None)["value"] is not None or text in generate.DASHES
    except ValueError:
        return False


def left_on_row(words, box):
    """The words printed left of the box on its row (overlapping its height), nearest first."""
    x0, y0, _, y1 = box
    row = [w for w in words if w[2] <= x0 + 0.5 and w[1] < y1 and w[3] > y0]
    return [w[4] for w in sorted(row, key=lambda w: -w[2])]


def check_project(v, unit, cost, pages, review_year):
    """What differs between a project sheet's value and what its PDF prints in, over and beside
    its box."""
    words = pages[v["at"]["page"] - 1]
    box = v["at"]["box"]
    lines = printed_in(v, words)
    if "".join(lines) != re.sub(r"\s", "", v["raw"]):
        return [f"the PDF prints {''.join(lines)!r} there"]
    problems = []
    left = left_on_row(words, box)
    if cost:  # the unit printed once for the table, above the figure
        notes = [(w[3], m[1]) for w in words if w[3] <= box[1] + 0.5 and (m := UNIT_NOTE.search(w[4]))]
        printed_unit = max(notes)[1] if notes else None
    else:  # the indicator's 単位 cell, on the figure's row
        printed_unit = unit if unit in left else None
        if unit is not None and printed_unit is None:
            problems.append(f"unit {unit!r} is not printed on its row: {left!r}")
    read = project_sheets.figure_quantity(lines, printed_unit)
    problems += [f"{key} {v.get(key)!r}, the print says {read.get(key)!r}" for key in PROJECT_FLAGS
                 if v.get(key) != read.get(key)]
    # The header of the box's own table: the lowest block over it that is not figures (its rows).
    year, header = header_above(words, box, lambda lines: not all(is_figure(line) for line in lines))
    beside = next((w for w in left if not is_figure(w)), "")  # the row's label, past the figures left of it
    if year is None:  # years as rows: the row's words say the year, relative to the review year
        year = next((review_year + d for word, d in RELATIVE.items() if word in beside), None)
    if year != v["fiscal_year"]:
        problems.append(f"fiscal year {v['fiscal_year']}, the print says {header!r} over it and {beside!r} beside it")
    kinds = [k for word, k in KIND_WORDS.items() if word in header] or \
        [k for word, k in KIND_WORDS.items() if word in beside]
    if kinds != [v["kind"]]:
        problems.append(f"kind {v['kind']!r}, the print says {header!r} over it and {beside!r} beside it")
    return problems


def check(q, year, actual, pages):
    """What differs between a quantity and what its PDF prints in and over its box."""
    words = pages[q["at"]["page"] - 1]
    lines = printed_in(q, words)
    problems = []
    if "".join(lines) != re.sub(r"\s", "", q["raw"]):
        return [f"the PDF prints {''.join(lines)!r} there"]
    read, _ = generate.quantity(lines)
    problems += [f"{key} {q.get(key)!r}, the print says {read.get(key)!r}" for key in FLAGS if q.get(key) != read.get(key)]
    if year is not None:
        printed_year, header = header_above(words, q["at"]["box"])
        if printed_year != year:
            problems.append(f"fiscal year {year}, the header over it says {header!r}")
        if q.get("estimate", False) != (actual and "見込" in header):
            problems.append(f"estimate {q.get('estimate', False)}, the header over it says {header!r}")
    return problems


def main(samples):
    total = wrong = 0
    for expected in sorted(glob.glob(f"{samples}/*.expected.json")):
        record = json.load(open(expected, encoding="utf-8"))
        pages = words_by_page(f"{samples}/{record['source']['path']}")
        checks = [(q, check(q, year, actual, pages)) for q, year, actual in figures(record)]
        review_year = record["review_period"]["from_fiscal_year"]
        checks += [(v, check_project(v, unit, cost, pages, review_year)) for v, unit, cost in project_figures(record)]
        for q, problems in checks:
            total += 1
            wrong += bool(problems)
            for problem in problems:
                print(f"{expected}: page {q['at']['page']} {q['raw']!r}: {problem}")
    print(f"{total} figures, {wrong} differ from what pdftotext's words in and over their box say")
    return 1 if wrong or not total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
