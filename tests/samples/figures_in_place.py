#!/usr/bin/env python3
"""Every figure of every expected file is what its PDF prints where the expected file says: the
words of `pdftotext -bbox` whose centres fall in the quantity's `at` box, read top to bottom and
left to right, spell its `raw` (white space aside); read by the generator's figure parser, those
printed lines give its value, unit and flags; and the column header printed above the box names
its fiscal year (and `estimate` for an actual under a header saying 見込み). Checks the expected
files against the PDFs with Poppler's own tool, not with sheetx. Usage: figures_in_place.py SAMPLES_DIR"""
import glob
import html
import json
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "samples"))
import generate  # noqa: E402  (the oracle's figure and year parsers)

WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>')
FLAGS = ("value", "unit", "cumulative", "per_year", "running_total", "revised")


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


def header_above(words, box):
    """The fiscal year and text of the column header over `box`: of the blocks of printed lines
    above it (within the column; lines right under one another make a block, as in one cell),
    the lowest that says 年度."""
    x0, y0, x1, _ = box
    blocks = []
    for top, bottom, text in printed_lines([w for w in words if x0 <= (w[0] + w[2]) / 2 <= x1 and w[3] <= y0 + 0.5]):
        if blocks and top - blocks[-1][-1][1] < (bottom - top) * 0.5:
            blocks[-1].append((top, bottom, text))
        else:
            blocks.append([(top, bottom, text)])
    for block in reversed(blocks):
        lines = [text for _, _, text in block]
        if "年度" in "".join(lines).translate(generate.FOLD):
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


def check(q, year, actual, pages):
    """What differs between a quantity and what its PDF prints in and over its box."""
    x0, y0, x1, y1 = q["at"]["box"]
    words = pages[q["at"]["page"] - 1]
    inside = [w for w in words if x0 <= (w[0] + w[2]) / 2 <= x1 and y0 <= (w[1] + w[3]) / 2 <= y1]
    lines = [text for _, _, text in printed_lines(inside)]
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
        for q, year, actual in figures(record):
            total += 1
            problems = check(q, year, actual, pages)
            wrong += bool(problems)
            for problem in problems:
                print(f"{expected}: page {q['at']['page']} {q['raw']!r}: {problem}")
    print(f"{total} figures, {wrong} differ from what pdftotext's words in and over their box say")
    return 1 if wrong or not total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
