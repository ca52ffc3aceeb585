#!/usr/bin/python3
"""Makes sheetx's sample corpus: review-sheet PDFs that look like the ones 台東区 publishes,
the expected JSON of each sheet, and the bad inputs in bad/.

In:  samples/src/manifest.yaml (which PDFs from which descriptions) and one description per sheet
     (samples/src/*.yaml: the content as printed plus layout knobs).
Out: samples/NAME.pdf, samples/NAME.expected.json (or NAME-<measure>.expected.json when a PDF holds
     several sheets) and samples/bad/*, all byte-for-byte reproducible (reportlab invariant mode).

The expected JSON comes from the descriptions through this script's own small figure and year
parsers, never from sheetx, so that it is an independent oracle. Usage:
    /usr/bin/python3 samples/generate.py [--out DIR]
"""
import argparse
import copy
import hashlib
import json
import pathlib
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
import zlib

import yaml
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import producer_style  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent

# TrueType fonts only: reportlab cannot embed the CFF outlines of Noto Sans CJK.
FONTS = {
    "ipaexg": ("IPAexGothic", "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
    "ipaexm": ("IPAexMincho", "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf"),
}
PAGE_SIZES = {"a4-landscape": landscape(A4), "a4-portrait": A4, "a3-landscape": landscape(A3), "a3-portrait": A3}
# The labels printed beside the values, as 台東区 prints them; the layout knob `labels` prints
# others (施策No., 所管 …), as another producer (or a test of unknown words) does.
LABELS = {
    "measure": ["施策№", "施策名"], "department": ["主管"], "overview": ["施策の概要"], "goal": ["基本目標"],
    "vision": ["１０年後の", "目指す姿"], "initiatives": ["主な取り組み"], "indicators": "施策の指標",
    "indicator_name": "指標名", "indicator_source": "出典", "review": ["検証結果"],
    "target_row": "目標", "actual_row": "実績", "execution": ["施策の執行状況"],
}
PAD = 2.5            # inner cell padding, points
LEADING = 1.28       # line height as a multiple of the font size
TEXT_SPACE = " \t\u3000"

# ---------------------------------------------------------------- the oracle: text, figures, years

# Full-width ASCII to ASCII, as docs/records.md folds figures and counters (％ is unit "%").
FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
DASHES = {"―", "－", "-", "‐", "—"}
# A line may not start with these (kinsoku): wrapping pushes the previous character down instead.
NO_LINE_START = set("、。，．・）」』〕＞ー々ゃゅょっャュョッァィゥェォぁぃぅぇぉ")


def join_lines(lines):
    """Wrapped lines as one text: no space between Japanese characters, one between Latin words."""
    text = ""
    for line in lines:
        if text and line and text[-1].isascii() and text[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            text += " "
        text += line
    return text.strip(TEXT_SPACE)


def paragraphs(lines):
    """Splits lines into paragraphs at lines starting with a bullet or an indent."""
    paras = []
    for line in lines:
        if not line.strip(TEXT_SPACE):
            continue
        if not paras or line[0] in "●・\u3000":
            paras.append([])
        paras[-1].append(line)
    return [join_lines(p) for p in paras]


def drop_bullet(text):
    return text[1:].strip(TEXT_SPACE) if text[:1] in ("●", "・") else text


def number(text):
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() and "." not in text else value


FIGURE = re.compile(r"(延べ)?(年)?([0-9][0-9,]*(?:\.[0-9]+)?)(.*)")
RUNNING = re.compile(r"\(?累計([0-9][0-9,]*(?:\.[0-9]+)?)(.*?)\)?")
# The counters a reader knows (normalizer/README.md's list and the rule file's `counters`), width
# folded: a figure in any other counter is read as printed but is a doubt a reader must report.
COUNTERS = set("社 件 回 人 名 か所 ヶ所 カ所 ケ所 箇所 団体 校 園 % 円 千円 百万円 日 日間 時間 本 台 冊 部 枚 点 店 "
               "店舗 事業 事業者 施設 世帯 戸 棟 区画 講座 コース 種類 品目 クラス 組 団 チーム 人日 か月 ヶ月 カ月 週 "
               "倍 ポイント 位 歳 号 誌 個 基 機 ha m km m2 ㎡ kg t".split())


class Unreadable(ValueError):
    """A printed figure the oracle cannot read as one figure."""


def parse_line(line):
    """One printed figure (no running total) as {value, unit, cumulative?, per_year?}."""
    t = line.strip(TEXT_SPACE).translate(FOLD)
    if t.startswith("(") and t.endswith(")"):
        t = t[1:-1]  # the baseline column's (and a revision's) parentheses
    m = FIGURE.fullmatch(t)
    if not m or re.search(r"[0-9]", m.group(4)):  # `19社15社`: two figures are not one
        raise Unreadable(f"no one figure in {line!r}")
    q = {"value": number(m.group(3)), "unit": m.group(4).strip() or None}
    if m.group(1):
        q["cumulative"] = True
    if m.group(2):
        q["per_year"] = True
    return q


def whole_figure(text):
    """Whether a text reads as one figure in a known counter, with nothing left over."""
    try:
        unit = parse_line(text)["unit"]
    except Unreadable:
        return False
    return unit is None or unit in COUNTERS


def segments(lines):
    """A cell's printed lines as its figures' texts: a line opening a parenthesis starts a new
    one (a revision, a running total), and so does a whole figure under a whole figure (a second
    figure); any other line continues a wrapped figure."""
    out = []
    for line in (l.strip(TEXT_SPACE) for l in lines):
        if not line:
            continue
        if not out or line[:1] in "(（" or (whole_figure(join_lines(out[-1])) and whole_figure(line)):
            out.append([])
        out[-1].append(line)
    return [join_lines(s) for s in out]


def quantity(lines):
    """A printed cell (its lines) as a contract quantity without `at`, and the doubts a reader
    must report about it as (code, message, what): a cell the oracle cannot read as one figure keeps
    value and unit null (`unreadable-figure`); one it reads with a doubt (a counter no reader
    knows, a running total in another counter) keeps them as printed (`figure-problem`)."""
    parts = segments(lines)
    raw = "\n".join(parts)
    q = {"raw": raw, "value": None, "unit": None}
    if not raw or raw.strip("()（）") in DASHES:  # no figure: empty, a dash, or `(―)` in the baseline column
        return q, []
    first = parts[0].translate(FOLD)
    inline = re.search(r"\(累計", first)  # `45社（累計229社）` on one line
    rest = parts[1:]
    if inline:
        rest = [first[inline.start():]] + rest
        first = first[:inline.start()]
    doubts = []
    try:
        q.update(parse_line(first))
        for part in rest:
            t = part.translate(FOLD)
            running = RUNNING.fullmatch(t)
            if running:
                q["running_total"] = number(running.group(1))
                if (running.group(2).strip() or None) != q["unit"]:
                    doubts.append(("figure-problem", f"{raw!r}: the running total counts in another counter", {}))
            elif t.startswith("(") and t.endswith(")"):
                rev = parse_line(part)
                q["revised"] = {k: rev[k] for k in ("value", "unit", "per_year") if k in rev}
            else:
                raise Unreadable(f"a second figure {part!r}")
    except Unreadable as e:
        return {"raw": raw, "value": None, "unit": None}, [("unreadable-figure", f"{raw!r}: {e}", {})]
    units = [q["unit"], q.get("revised", {}).get("unit")]
    doubts += [("figure-problem", f"{raw!r}: unknown counter {u!r}", {"counter": u})
               for u in units if u and u not in COUNTERS]
    return q, doubts


ERA_START = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988}


def era_year(era, year):
    return ERA_START[era] + (1 if year == "元" else int(year))


def fiscal_year(header):
    """Gregorian fiscal year of a column header; era and Gregorian forms must agree."""
    t = join_lines(header).translate(FOLD)
    years = set()
    m = re.search(r"(令和|平成|R|H)(元|[0-9]+)", t)
    if m:
        years.add(era_year(m.group(1), m.group(2)))
    m = re.search(r"(?<![0-9])([0-9]{4})(?![0-9])", t)
    if m:
        years.add(int(m.group(1)))
    if len(years) != 1:
        raise ValueError(f"oracle cannot read one fiscal year from {t!r}")
    return years.pop()


def review_period(label):
    m = re.fullmatch(r"(令和|平成)(元|[0-9]+)[～~](元|[0-9]+)年度", label.translate(FOLD))
    if not m:
        raise ValueError(f"oracle cannot read review period {label!r}")
    return {"label": label, "from_fiscal_year": era_year(m.group(1), m.group(2)),
            "to_fiscal_year": era_year(m.group(1), m.group(3))}


def numbered(text, prefix):
    """`施策35　名前` -> (35, 名前)."""
    m = re.fullmatch(prefix + r"([0-9０-９]+)\u3000(.+)", text)
    if not m:
        raise ValueError(f"expected {prefix}N　name, got {text!r}")
    return int(m.group(1).translate(FOLD)), m.group(2)


def fold(text):
    return unicodedata.normalize("NFKC", text)


# ---------------------------------------------------------------- layout primitives


def as_lines(value):
    """A description's text: a list is explicit lines, a string one line (wrapped if allowed)."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


class Cell:
    """A ruled cell: box in points (top-left origin), the lines it prints."""

    def __init__(self, box, lines, size, align="left", stacked=False):
        self.box, self.lines, self.size, self.align, self.stacked = box, lines, size, align, stacked


class Page:
    def __init__(self, size, rotate=0):
        self.width, self.height = size
        self.rotate = rotate
        self.cells = []
        self.texts = []  # (x, y_baseline, text, size): text outside any table
        self.ellipses = []  # boxes (top-left origin) stroked as ellipses: a circled word, as Excel draws one


class Typesetter:
    """Measures and wraps text in one font."""

    def __init__(self, font_key):
        self.font, path = FONTS[font_key]
        if self.font not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(self.font, path))

    def width(self, text, size):
        return pdfmetrics.stringWidth(text, self.font, size)

    def wrap(self, text, width, size):
        lines, line = [], ""
        for ch in text:
            if line and self.width(line + ch, size) > width:
                if ch in NO_LINE_START and len(line) > 1:
                    lines.append(line[:-1])
                    line = line[-1]
                else:
                    lines.append(line)
                    line = ""
            line += ch
        return lines + [line] if line else lines

    def fit(self, value, width, size):
        """Explicit lines as given; a single string wrapped to the width."""
        if isinstance(value, list):
            return [str(v) for v in value]
        return self.wrap(str(value), width - 2 * PAD, size) if value not in (None, "") else []

    def check(self, cell, where):
        x0, y0, x1, y1 = cell.box
        if cell.stacked:
            need_w = max((self.width(ch, cell.size) for ch in "".join(cell.lines)), default=0)
            need_h = len("".join(cell.lines)) * cell.size * LEADING
        else:
            need_w = max((self.width(l, cell.size) for l in cell.lines), default=0)
            need_h = len(cell.lines) * cell.size * LEADING
        if need_w > x1 - x0 - 2 * PAD + 0.01 or need_h > y1 - y0 + 0.01:
            raise ValueError(f"{where}: {cell.lines!r} overflows its cell {cell.box}")


def text_height(lines, size):
    return len(lines) * size * LEADING + 2 * PAD


# ---------------------------------------------------------------- one sheet


class Sheet:
    """Lays out one description as pages and builds its expected record."""

    def __init__(self, desc, name):
        self.d, self.name = desc, name
        lay = desc["layout"]
        self.lay = lay
        self.ts = Typesetter(lay.get("font", "ipaexg"))
        self.size = PAGE_SIZES[lay.get("page", "a4-landscape")]
        self.margin = lay.get("margin", 28)
        self.sizes = {"title": 13, "body": 8.5, "name": 11, "grade": 24, "heading": 11, "note": 8,
                      **lay.get("sizes", {})}
        self.labels = {**LABELS, **lay.get("labels", {})}
        self.pages = []
        self.found = []  # the warnings the oracle finds, in sheet order

    def cell(self, page, box, value, size=None, align="left", stacked=False, wrap=True):
        size = size or self.sizes["body"]
        lines = self.ts.fit(value, box[2] - box[0], size) if wrap else as_lines(value)
        c = Cell(box, lines, size, align, stacked)
        self.ts.check(c, self.name)
        page.cells.append(c)
        return c

    def at(self, page_index, box):
        return {"page": page_index, "box": [round(v, 2) for v in box]}

    # ------------------------------------------------------------ front page

    def front(self):
        d, lay, s = self.d, self.lay.get("front", {}), self.sizes
        page = Page(self.size)
        self.pages.append(page)
        pno = len(self.pages)
        m = self.margin
        x0, x1 = m, page.width - m
        y = m
        title_x = x0 + lay.get("title_indent", 0)
        page.texts.append((title_x, y + s["title"], d["title"], s["title"]))
        title_at = self.at(pno, (title_x, y, title_x + self.ts.width(d["title"], s["title"]), y + s["title"] * LEADING))
        y += s["title"] + 10

        # 施策№ / 施策名 | value | 主/管 | department | division
        mw, dw = lay.get("measure_label_width", 94), lay.get("department_width", 110)
        h = lay.get("measure_height", 30)
        xs = [x0, x0 + mw, x1 - 2 * dw - 20, x1 - 2 * dw, x1 - dw, x1]
        self.cell(page, (xs[0], y, xs[1], y + h), self.labels["measure"], align="center")
        measure_cell = self.cell(page, (xs[1], y, xs[2], y + h), d["measure"]["label"], size=s["name"])
        self.cell(page, (xs[2], y, xs[3], y + h), self.labels["department"], align="center", stacked=True)
        dept = self.cell(page, (xs[3], y, xs[4], y + h), d["measure"]["department"], align="center")
        div = self.cell(page, (xs[4], y, xs[5], y + h), d["measure"]["division"], align="center")
        y += h + lay.get("gap", 6)

        # 施策の概要: 基本目標, 10年後の目指す姿, 主な取り組み
        sw, lw = lay.get("stack_width", 22), lay.get("label_width", 70)
        vx = x0 + sw + lw
        top = y
        rows = []
        vision_lines = [l for bullet in d["vision"] for l in self.ts.fit(bullet, x1 - vx, s["body"])]
        marks = d["initiatives"]
        iw = (x1 - vx) / len(marks)
        mark_w = lay.get("initiative_mark_width", 16)
        init_lines = [self.ts.fit(i["name"], iw - mark_w, s["body"]) for i in marks]
        heights = [lay.get("goal_height", 20), text_height(vision_lines, s["body"]),
                   max(text_height(l, s["body"]) for l in init_lines + [["", ""]])]
        labels = [self.labels["goal"], self.labels["vision"], self.labels["initiatives"]]
        for label, hh in zip(labels, heights):
            rows.append((y, y + hh))
            self.cell(page, (x0 + sw, y, vx, y + hh), label, align="center", wrap=False)
            y += hh
        self.cell(page, (x0, top, x0 + sw, y), self.labels["overview"], align="center", stacked=True)
        goal = self.cell(page, (vx, rows[0][0], x1, rows[0][1]), d["goal"])
        vision = self.cell(page, (vx, rows[1][0], x1, rows[1][1]), vision_lines, wrap=False)
        init_at = []
        for k, (ini, lines) in enumerate(zip(marks, init_lines)):
            ax = vx + k * iw
            self.cell(page, (ax, rows[2][0], ax + mark_w, rows[2][1]), ini["mark"], align="center")
            self.cell(page, (ax + mark_w, rows[2][0], ax + iw, rows[2][1]), lines, wrap=False)
            init_at.append(self.at(pno, (ax, rows[2][0], ax + iw, rows[2][1])))
        y += 3
        page.texts.append((x0, y + s["note"], d["note"], s["note"]))
        y += s["note"] + lay.get("gap", 6)

        # 施策の指標
        page.texts.append((x0, y + s["body"], self.labels["indicators"], s["body"] + 1))
        y += s["body"] + 6
        indicators, y = self.indicator_table(page, pno, x0, x1, y, lay)
        y += lay.get("gap", 6)

        # 検証結果: grade, legend, review text
        gw = lay.get("grade_width", 130)
        review = d["review"]
        rx = x0 + sw + gw
        box_lines = []
        for part in [review["intro"]] + [[sec["heading"]] + self.section_lines(sec, x1 - rx) for sec in review["sections"]]:
            if box_lines:
                box_lines.append("")
            box_lines += part
        rh = text_height(box_lines, s["body"])
        legend_h = lay.get("legend_height", 18)
        grade_h = max(rh - 3 * legend_h, 40)
        bottom = y + max(rh, grade_h + 3 * legend_h)
        if bottom > page.height - m / 2:
            raise ValueError(f"{self.name}: front page runs {bottom - page.height + m / 2:.0f}pt past the bottom")
        self.cell(page, (x0, y, x0 + sw, bottom), self.labels["review"], align="center", stacked=True)
        grade = self.cell(page, (x0 + sw, y, rx, y + grade_h), d["grade"], size=s["grade"], align="center")
        # The legend: one cell an entry (台東区), or the entries as lines of one cell (knob legend: lines).
        entries = []  # (entry text, its cell)
        if self.lay.get("legend", "cells") == "lines":
            c = self.cell(page, (x0 + sw, y + grade_h, rx, bottom), d["legend"], wrap=False)
            entries = [(line.strip(TEXT_SPACE), c) for line in c.lines]
        else:
            for k, entry in enumerate(d["legend"]):
                ly = y + grade_h + k * legend_h
                c = self.cell(page, (x0 + sw, ly, rx, ly + legend_h if k < 2 else bottom), entry)
                entries.append((join_lines(c.lines), c))
        review_box = self.cell(page, (rx, y, x1, bottom), box_lines, wrap=False)

        number_, name = numbered(join_lines(measure_cell.lines), "施策")
        goal_no, goal_name = numbered(join_lines(goal.lines), "基本目標")
        grade_text = fold(join_lines(grade.lines))
        label, legend_cell = next((t, c) for t, c in entries if fold(t)[:1] == grade_text)
        sections = {sec["heading"]: self.section_lines(sec, x1 - rx) for sec in review["sections"]}
        vision_paras = paragraphs(vision_lines)
        measure = {
            "number": number_, "name": name,
            "department": join_lines(dept.lines), "division": join_lines(div.lines),
            "goal": {"number": goal_no, "name": goal_name},
            "vision": [drop_bullet(p) for p in vision_paras],
            "initiatives": sorted(({"number": int(fold(i["mark"])), "name": join_lines(l), "_at": {"number": a, "name": a}}
                                   for i, l, a in zip(marks, init_lines, init_at)), key=lambda i: i["number"]),
            "evaluation": {"grade": grade_text, "label": label[1:].strip(TEXT_SPACE)},
            "review": {
                "summary": "\n".join(paragraphs(sections["＜施策の概要＞"])),
                "indicators": "\n".join(paragraphs(sections["＜施策の指標＞"])),
                "direction": [drop_bullet(p) for p in paragraphs(sections["＜今後の方向性＞"])],
            },
        }
        # Where each text fact is printed (dropped from the expected files; tests compare by place).
        at = {key: self.at(pno, c.box) for key, c in (("number", measure_cell), ("name", measure_cell),
              ("department", dept), ("division", div), ("goal", goal), ("vision", vision),
              ("evaluation.grade", grade), ("evaluation.label", legend_cell), ("review", review_box))}
        measure["_at"] = {**at, "review_period": title_at}
        return measure, indicators

    def section_lines(self, sec, width):
        out = []
        for para in sec["paragraphs"]:
            out += self.ts.fit(para, width, self.sizes["body"])
        return out

    def indicator_table(self, page, pno, x0, x1, y, lay):
        """The 施策の指標 table from y down: its records and its bottom edge."""
        s = self.sizes
        cols = self.d["indicator_columns"]  # [{header, kind?}] ; a group {group, columns}
        nw, srcw = lay.get("indicator_widths", [190, 90])
        leaves = []
        for col in cols:
            if "group" in col:
                leaves += [dict(c, group=col["group"]) for c in col["columns"]]
            else:
                leaves.append(col)
        vw = (x1 - x0 - nw - srcw) / len(leaves)
        hh = lay.get("indicator_header_height", 14)
        self.cell(page, (x0, y, x0 + nw, y + 2 * hh), self.labels["indicator_name"], align="center")
        self.cell(page, (x0 + nw, y, x0 + nw + srcw, y + 2 * hh), self.labels["indicator_source"], align="center")
        xs = [x0 + nw + srcw + k * vw for k in range(len(leaves) + 1)]
        k = 0
        for col in cols:
            if "group" in col:
                n = len(col["columns"])
                self.cell(page, (xs[k], y, xs[k + n], y + hh), col["group"], align="center")
                for j in range(n):
                    self.cell(page, (xs[k + j], y + hh, xs[k + j + 1], y + 2 * hh), col["columns"][j]["header"], align="center")
                k += n
            else:
                self.cell(page, (xs[k], y, xs[k + 1], y + 2 * hh), col["header"], align="center")
                k += 1
        y += 2 * hh
        records = []
        for ind in self.d["indicators"]:
            name_lines = self.ts.fit(ind["name"], nw, s["body"])
            h = max(text_height(name_lines, s["body"]), lay.get("indicator_row_height", 26))
            name = self.cell(page, (x0, y, x0 + nw, y + h), name_lines, wrap=False)
            src = self.cell(page, (x0 + nw, y, x0 + nw + srcw, y + h), ind["source"], align="center")
            values = []
            for j, (col, fig) in enumerate(zip(leaves, ind["values"])):
                kind = "target" if "group" in col else col.get("kind", "actual")
                q = self.figure_cell(page, pno, (xs[j], y, xs[j + 1], y + h), fig, where=ind["name"])
                values.append({"kind": kind, "fiscal_year": fiscal_year(as_lines(col["header"])), **q})
            if len(values) != len(leaves):
                raise ValueError(f"{self.name}: indicator {ind['name']!r} needs {len(leaves)} values")
            records.append({"name": join_lines(name.lines), "source": join_lines(src.lines), "values": values,
                            "_at": {"name": self.at(pno, name.box), "source": self.at(pno, src.box)}})
            y += h
        return records, y

    # ------------------------------------------------------------ back pages

    def back_pages(self):
        d, lay, s = self.d, self.lay.get("back", {}), self.sizes
        widths = {"stack": 22, "number": 18, "name": 118, "division": 70, "activity": 120,
                  "baseline": 95, "label": 40, **lay.get("widths", {})}
        years_h = d["year_columns"]
        row_h, head_h = lay.get("row_height", 22), lay.get("header_height", 30)
        groups = self.paginate(d["projects"], lay)
        projects = []
        order = ["number", "name"] + lay.get("order", ["division", "activity", "baseline", "label"])
        for g, group in enumerate(groups):
            page = Page(self.size, self.lay.get("rotate", {}).get(len(self.pages) + 1, 0))
            self.pages.append(page)
            pno = len(self.pages)
            m = self.margin
            x1 = page.width - m
            page.texts.append((m, m + s["heading"], d["back_heading"], s["heading"]))
            y = m + s["heading"] + 8
            x = m + widths["stack"]
            edges = {}
            for key in order:  # number and name stay together: one header cell spans both
                edges[key] = (x, x + widths[key])
                x += widths[key]
            yw = (x1 - x) / len(years_h)
            year_edges = [(x + k * yw, x + (k + 1) * yw) for k in range(len(years_h))]
            head = [((edges["number"][0], edges["name"][1]), d["back_header"]["project"])] + \
                [(edges[key], d["back_header"][key]) for key in order[2:]] + list(zip(year_edges, years_h))
            for (a, b), text in head:  # a header given as one string wraps to its cell
                self.cell(page, (a, y, b, y + head_h), text, size=s.get("header", s["body"]), align="center")
            table_top = y
            y += head_h
            base_year = fiscal_year(as_lines(d["back_header"]["baseline"]))
            years = [fiscal_year(as_lines(h)) for h in years_h]
            estimate = ["見込み" in join_lines(as_lines(h)) for h in years_h]
            for p in group:
                acts = p["activities"]
                p_top, p_bot = y, y + 2 * row_h * len(acts)
                num = self.cell(page, (edges["number"][0], p_top, edges["number"][1], p_bot), str(p["number"]), align="center")
                name = self.cell(page, (edges["name"][0], p_top, edges["name"][1], p_bot), p["name"])
                # The seed prints 所管課 once per activity (17 times on 16 activities + front page);
                # the knob division_per_activity draws it so, else one cell merged over the project.
                per_activity = lay.get("division_per_activity", False)
                div_rows = [(p_top + 2 * row_h * k, p_top + 2 * row_h * (k + 1)) for k in range(len(acts))] \
                    if per_activity else [(p_top, p_bot)]
                div = [self.cell(page, (edges["division"][0], a, edges["division"][1], b), p["division"], align="center")
                       for a, b in div_rows][0]
                full = join_lines(name.lines)
                record = {"number": int(fold(join_lines(num.lines))), "name": full.replace("＜再掲＞", "").strip(TEXT_SPACE),
                          "division": join_lines(div.lines), "reposted": "＜再掲＞" in full, "activities": [],
                          "_at": {"number": self.at(pno, num.box), "name": self.at(pno, name.box),
                                  "reposted": self.at(pno, name.box), "division": self.at(pno, div.box)}}
                for a in acts:
                    t_top, mid, a_bot = y, y + row_h, y + 2 * row_h
                    an = self.cell(page, (edges["activity"][0], t_top, edges["activity"][1], a_bot), a["name"])
                    self.cell(page, (edges["label"][0], t_top, edges["label"][1], mid), self.labels["target_row"], align="center")
                    self.cell(page, (edges["label"][0], mid, edges["label"][1], a_bot), self.labels["actual_row"], align="center")
                    col = edges["baseline"]
                    where = f"{record['number']}/{join_lines(an.lines)}"
                    plan = self.figure_cell(page, pno, (col[0], t_top, col[1], mid), a["plan"], where=where)
                    baseline = self.figure_cell(page, pno, (col[0], mid, col[1], a_bot), a["baseline"], where=where)
                    act = {"name": join_lines(an.lines), "baseline": {"fiscal_year": base_year, **baseline},
                           "plan": plan, "years": [], "_at": {"name": self.at(pno, an.box)}}
                    if len(a["targets"]) != len(years) or len(a["actuals"]) != len(years):
                        raise ValueError(f"{self.name}: {a['name']!r} needs {len(years)} targets and actuals")
                    for k, (fy, (ya, yb)) in enumerate(zip(years, year_edges)):
                        t_fig = a["targets"][k]
                        if isinstance(t_fig, dict) and t_fig.get("merge"):
                            # One cell over both rows: the same figure is the target and the actual.
                            target = self.figure_cell(page, pno, (ya, t_top, yb, a_bot), t_fig, where=where)
                            actual = copy.deepcopy(target)  # its own `at`: pages are shifted per dict
                            if estimate[k]:
                                actual["estimate"] = True
                        else:
                            target = self.figure_cell(page, pno, (ya, t_top, yb, mid), t_fig, where=where)
                            actual = self.figure_cell(page, pno, (ya, mid, yb, a_bot), a["actuals"][k], estimate[k], where)
                        act["years"].append({"fiscal_year": fy, "target": target, "actual": actual})
                    self.found += consistency(act, record["number"])
                    record["activities"].append(act)
                    y = a_bot
                projects.append(record)
            if y > page.height - m / 2:
                raise ValueError(f"{self.name}: back page {g + 1} runs past the bottom; break earlier")
            if g == 0:  # the stacked label stands on the first back page only, as in the seed
                self.cell(page, (m, table_top, m + widths["stack"], y), self.labels["execution"], align="center", stacked=True)
        return projects

    def figure_cell(self, page, pno, box, fig, estimate=False, where=""):
        """Prints a figure in its cell; returns the oracle's quantity with its flags and `at`,
        and notes the doubts a reader must report about it."""
        c = self.cell(page, box, figure(fig), align="center", wrap=False)
        q, doubts = quantity(c.lines)
        if estimate:
            q["estimate"] = True
        q["at"] = self.at(pno, c.box)
        self.found += [{"code": code, "figure": q["raw"], "activity": where, "at": q["at"], "message": message, **what}
                       for code, message, what in doubts]
        return q

    @staticmethod
    def paginate(projects, lay):
        """Whole projects per back page: explicit breaks, else at most max_activities a page."""
        breaks, limit = set(lay.get("break_before", [])), lay.get("max_activities", 10)
        groups, count = [[]], 0
        for p in projects:
            n = len(p["activities"])
            if groups[-1] and (p["number"] in breaks or (not breaks and count + n > limit)):
                groups.append([])
                count = 0
            groups[-1].append(p)
            count += n
        return groups

    # ------------------------------------------------------------ the whole sheet

    def build(self, declared_only=True):
        """The pages and the expected record. Every warning the oracle finds (an inconsistency of
        the figures, a figure a reader cannot read for sure) must be declared under `warnings:` in
        the description, and every declared one found; declared_only=False takes what it finds (a
        description changed by a test)."""
        measure, indicators = self.front()
        projects = self.back_pages()
        declared = self.d.get("warnings", [])
        warnings, used = [], set()
        for w in self.found:
            # A declaration names what it covers (code, activity, fiscal_year, figure, counter):
            # `{code: figure-problem, counter: 地点}` covers every figure in 地点.
            match = [k for k, x in enumerate(declared) if all(w.get(key) == v for key, v in x.items() if key != "message")]
            if declared_only and not match:
                raise ValueError(f"{self.name}: undeclared {w['code']} in {w['activity']} {w.get('fiscal_year', '')}"
                                 f"{w.get('figure', '')!r}: declare it under warnings or fix the figures")
            k = next((k for k in match if k not in used), match[0]) if match else None
            used.add(k)
            message = declared[k].get("message", w["message"]) if match else w["message"]
            warnings.append({"code": w["code"], "message": message, "at": w["at"]})
        if declared_only and used != set(range(len(declared))):
            raise ValueError(f"{self.name}: declared warnings {sorted(set(range(len(declared))) - used)} not found")
        ruleset = self.d.get("ruleset", {"id": "taito-kensho", "version": "1"})
        municipality = self.d.get("municipality", {"code": "131067", "name": "台東区"})
        period = review_period(self.d["period"])
        record = {
            "format": "review-sheet/1",
            "kind": "measure",
            "id": f"{municipality['code']}/{ruleset['id']}/{period['from_fiscal_year']}-{period['to_fiscal_year']}"
                  f"/{measure['number']}",
            "source": None,
            "ruleset": ruleset,
            "municipality": municipality,
            "review_period": period,
            "measure": measure,
            "indicators": indicators,
            "projects": projects,
            "warnings": warnings,
        }
        return self.pages, record


def figure(fig):
    """A description's figure as its printed lines: text or lines, or {text, merge?}."""
    if isinstance(fig, dict):
        return as_lines(fig.get("text", ""))
    return as_lines("" if fig is None else fig)


def consistency(act, project_no):
    """The oracle's checks of one activity, in sheet order (plan cell first, then years)."""
    out, plan, base = [], act["plan"], act["baseline"]
    where = f"{project_no}/{act['name']}"
    if plan["value"] is not None and not plan.get("per_year"):
        total = sum(y["target"]["value"] or 0 for y in act["years"])
        if abs(total - plan["value"]) > 1e-9:
            out.append({"code": "plan-sum-mismatch", "activity": where, "at": plan["at"],
                        "message": f"計画事業量 {plan['raw']} は年度別目標の合計 {total} と一致しない"})
    if "running_total" in plan and "running_total" in base and plan["value"] is not None:
        if abs(base["running_total"] + plan["value"] - plan["running_total"]) > 1e-9:
            out.append({"code": "running-total-mismatch", "activity": where, "at": plan["at"],
                        "message": f"累計 {base['running_total']} + 計画 {plan['value']} ≠ 計画の累計 {plan['running_total']}"})
    for y in act["years"]:
        t, a = y["target"], y["actual"]
        if t["unit"] and a["unit"] and t["unit"] != a["unit"]:
            out.append({"code": "unit-mismatch", "activity": where, "fiscal_year": y["fiscal_year"], "at": a["at"],
                        "message": f"{y['fiscal_year']}年度の目標 {t['raw']} と実績 {a['raw']} の単位が違う"})
    return out


# ---------------------------------------------------------------- drawing


def edge_segments(cells):
    """The union of all ruled cell edges: horizontal and vertical intervals."""
    spans = {}
    for c in cells:
        x0, y0, x1, y1 = (round(v, 3) for v in c.box)
        for key, a, b in ((("h", y0), x0, x1), (("h", y1), x0, x1), (("v", x0), y0, y1), (("v", x1), y0, y1)):
            spans.setdefault(key, []).append((a, b))
    segs = []
    for (kind, at), ivs in sorted(spans.items()):
        ivs.sort()
        cur = list(ivs[0])
        for a, b in ivs[1:] + [(None, None)]:
            if a is not None and a <= cur[1] + 1e-6:
                cur[1] = max(cur[1], b)
                continue
            segs.append((kind, at, cur[0], cur[1]))
            if a is not None:
                cur = [a, b]
    return segs


def draw_page(cv, page, ts, style, number=1):
    """Draws a page: its text, and its ruling in the style asked (below); `style.omit` lists
    [page, n] pairs: the nth merged segment of that page (of the sheet) is not drawn."""
    W, H = page.width, page.height
    cv.setPageSize((W, H))  # reportlab stores the MediaBox swapped (portrait) when /Rotate is 90
    cv.setPageRotation(page.rotate)
    if page.rotate == 90:
        # Draw in the displayed (landscape) frame: displayed (X, Y) is stored (H - Y, X).
        cv.transform(0, 1, -1, 0, H, 0)
    elif page.rotate:
        raise ValueError(f"rotation {page.rotate} is not supported")

    def line_y(y):
        return H - y

    cv.setFillColorRGB(0, 0, 0)
    items = [("cell", c) for c in page.cells] + [("text", t) for t in page.texts]
    omit = {n for p, n in style.get("omit", []) if p == number}
    edges = [e for n, e in enumerate(edge_segments(page.cells)) if n not in omit]
    if style.get("producer"):  # drawn as Word, Excel or 一太郎 draw (samples/producer_style.py)
        producer_style.draw_page(cv, page, ts, style, edges, draw_cell_text, line_y)
        draw_ellipses(cv, page, line_y)
        cv.showPage()
        return
    lw = style.get("width", 0.6)
    if style.get("style") == "filled":
        rng = random.Random(style.get("seed", 1))
        twice = style.get("twice_every", 5)
        edges = edges + edges[::twice]  # some edges drawn twice, as some producers do
        rng.shuffle(edges)
        rng.shuffle(items)
    for kind, item in items:
        if kind == "text":
            x, y, text, size = item
            cv.setFont(ts.font, size)
            cv.drawString(x, line_y(y), text)
        else:
            draw_cell_text(cv, item, ts, line_y)
    edge_style = style.get("style", "stroke")
    if edge_style == "filled":  # thin filled rectangles along the merged edges
        for kind, at, a, b in edges:
            if kind == "h":
                cv.rect(a - lw / 2, line_y(at) - lw / 2, b - a + lw, lw, stroke=0, fill=1)
            else:
                cv.rect(at - lw / 2, line_y(b) - lw / 2, lw, b - a + lw, stroke=0, fill=1)
    elif edge_style in ("segments", "rectangles"):  # each cell's own edges, shared ones twice
        cv.setLineWidth(lw)
        for c in page.cells:
            x0, y0, x1, y1 = c.box
            if edge_style == "rectangles":
                cv.rect(x0, line_y(y1), x1 - x0, y1 - y0, stroke=1, fill=0)
            else:
                for xa, ya, xb, yb in ((x0, y0, x1, y0), (x1, y0, x1, y1), (x0, y1, x1, y1), (x0, y0, x0, y1)):
                    cv.line(xa, line_y(ya), xb, line_y(yb))
    elif edge_style == "stroke":  # one stroked line per merged edge
        cv.setLineWidth(lw)
        cv.setLineCap(2)
        for kind, at, a, b in edges:
            if kind == "h":
                cv.line(a, line_y(at), b, line_y(at))
            else:
                cv.line(at, line_y(a), at, line_y(b))
    else:
        raise ValueError(f"unknown edge style {edge_style!r}")
    draw_ellipses(cv, page, line_y)
    cv.showPage()


def draw_ellipses(cv, page, line_y):
    """Stroked ellipses only, no fill: how an Excel shape circles a printed word."""
    if page.ellipses:
        cv.setLineWidth(0.8)
    for x0, y0, x1, y1 in page.ellipses:
        cv.ellipse(x0, line_y(y1), x1, line_y(y0), stroke=1, fill=0)


def printed_lines(c):
    """A cell's lines as drawn: one character a line when stacked."""
    return list("".join(c.lines)) if c.stacked else c.lines


def line_origin(c, i, width):
    """Where line i of a cell starts (x, baseline; top-left origin): the lines centred vertically."""
    x0, y0, x1, y1 = c.box
    lh = c.size * LEADING
    top = y0 + ((y1 - y0) - len(printed_lines(c)) * lh) / 2
    x = (x0 + x1 - width) / 2 if c.align == "center" or c.stacked else x1 - PAD - width if c.align == "right" else x0 + PAD
    return x, top + i * lh + c.size * 0.98


def draw_cell_text(cv, c, ts, line_y):
    cv.setFont(ts.font, c.size)
    for i, line in enumerate(printed_lines(c)):
        x, base = line_origin(c, i, ts.width(line, c.size))
        cv.drawString(x, line_y(base), line)


def shift_pages(obj, offset):
    """Turns sheet-local page numbers in `at` into PDF page numbers."""
    if isinstance(obj, dict):
        if set(obj) == {"page", "box"}:
            obj["page"] += offset
        for v in obj.values():
            shift_pages(v, offset)
    elif isinstance(obj, list):
        for v in obj:
            shift_pages(v, offset)


def write_json(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def merged(base, changes):
    """`changes` laid over `base`: dicts merge key by key, a dict with integer keys changes those
    items of a list, anything else replaces."""
    if isinstance(changes, dict) and isinstance(base, dict):
        return {**base, **{k: merged(base[k], v) if k in base else v for k, v in changes.items()}}
    if isinstance(changes, dict) and isinstance(base, list) and all(isinstance(k, int) for k in changes):
        return [merged(item, changes[k]) if k in changes else item for k, item in enumerate(base)]
    return changes


def without_places(obj):
    """A record without the `_at` places of its text facts (kept for tests, not in the contract)."""
    if isinstance(obj, dict):
        return {k: without_places(v) for k, v in obj.items() if k != "_at"}
    if isinstance(obj, list):
        return [without_places(v) for v in obj]
    return obj


def make_sheets(descriptions, pdf_path, declared_only=True):
    """Draws the sheets (name, description) back to back into one PDF; returns their expected
    records, each text fact's place under `_at`, source.sha256 filled. A sheet whose layout says
    `same_page: true` draws its first page onto the previous sheet's last one (several sheets on
    one page; its `layout.top` keeps it clear of the one above)."""
    cv = canvas.Canvas(str(pdf_path), invariant=1, pageCompression=1)
    cv.setTitle(descriptions[0][1].get("document_title", "長期総合計画 検証シート"))
    cv.setAuthor("sheetx samples")
    cv.setCreator("sheetx samples/generate.py")
    results, drawn = [], []  # drawn: (page, typesetter, edge style, page number in its sheet)
    for sheet_name, desc in descriptions:
        if desc.get("kind") == "project":  # a project sheet: ruled grids whose cells name their fields
            import project_sheets
            sheet = project_sheets.ProjectSheet(desc, sheet_name)
        else:
            sheet = Sheet(desc, sheet_name)
        pages, record = sheet.build(declared_only)
        style = desc.get("layout", {}).get("edges", {})
        first = len(drawn)  # PDF pages before this sheet's first
        if desc.get("layout", {}).get("same_page") and drawn:
            shared = drawn[-1][0]
            shared.cells += pages[0].cells
            shared.texts += pages[0].texts
            shared.ellipses += pages[0].ellipses
            first -= 1
            pages = pages[1:]
        drawn += [(page, sheet.ts, style, number) for number, page in enumerate(pages, 1)]
        shift_pages(record, first)
        record["source"] = {"path": pdf_path.name, "sha256": None, "pages": len(drawn) - first,
                            "first_page": first + 1, "last_page": len(drawn)}
        results.append(record)
    for page, ts, style, number in drawn:
        draw_page(cv, page, ts, style, number)
    cv.save()
    digest = hashlib.sha256(pdf_path.read_bytes()).hexdigest()
    for record in results:
        record["source"]["sha256"] = digest
    return results


def description(src, sheet_name, changes=None):
    """A sheet's description (src/NAME.yaml, or the file sheet_name when src is None) with a
    manifest entry's `changes` laid over it."""
    path = src / f"{sheet_name}.yaml" if src else pathlib.Path(sheet_name)
    desc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return merged(desc, changes or {})


def sheet_key(record):
    """What tells a bundle's sheets apart in their file names: the measure or the project code."""
    return record["projects"][0]["code"] if record["kind"] == "project" else record["measure"]["number"]


def summary(record):
    """One line about a sheet for the generator's log."""
    if record["kind"] == "project":
        p = record["projects"][0]
        return (f"事業{p['code']}: {len(p.get('indicators', []))} indicators / {len(p.get('costs', []))} cost lines / "
                f"{len(record['warnings'])} warnings")
    return (f"施策{record['measure']['number']}: {len(record['projects'])} projects / "
            f"{sum(len(p['activities']) for p in record['projects'])} activities / {len(record['warnings'])} warnings")


def make_pdf(entry, src, out):
    """One PDF of the manifest and its expected JSON files; returns (name, pages, sheets)."""
    name = entry["name"]
    descriptions = [(str(s), description(src, s, entry.get("changes"))) for s in entry["sheets"]]
    results = make_sheets(descriptions, out / f"{name}.pdf")
    for record in results:
        suffix = f"-{sheet_key(record)}" if len(results) > 1 else ""
        write_json(out / f"{name}{suffix}.expected.json", without_places(record))
    return name, results[-1]["source"]["last_page"], results


# ---------------------------------------------------------------- bad inputs


def image_pdf(gray_pgm, width_pt, height_pt):
    """A one-page PDF holding only a grayscale image (a scan: no text layer), written by hand."""
    header, _, rest = gray_pgm.partition(b"\n")
    dims, _, rest = rest.partition(b"\n")
    maxval, _, pixels = rest.partition(b"\n")
    if header != b"P5" or maxval != b"255":
        raise ValueError("expected a binary 8-bit PGM from pdftoppm")
    w, h = (int(v) for v in dims.split())
    data = zlib.compress(pixels, 9)
    content = f"q {width_pt:.2f} 0 0 {height_pt:.2f} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width_pt:.2f} {height_pt:.2f}] "
        f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray "
        f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_bad(out, good_pdf):
    bad = out / "bad"
    bad.mkdir(parents=True, exist_ok=True)
    (bad / "empty.pdf").write_bytes(b"")
    (bad / "not-a-pdf.pdf").write_text(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>404 Not Found</title></head>\n"
        "<body><h1>ページが見つかりません</h1><p>お探しのページは移動または削除された可能性があります。</p>"
        "</body></html>\n", encoding="utf-8")
    data = good_pdf.read_bytes()
    (bad / "truncated.pdf").write_bytes(data[: len(data) // 2])
    subprocess.run(["qpdf", "--static-id", "--static-aes-iv", "--encrypt", "kensho", "owner-kensho", "128", "--use-aes=y",
                    "--", str(good_pdf), str(bad / "encrypted.pdf")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "100", "-gray", str(good_pdf), f"{tmp}/scan"], check=True)
        pgm = next(pathlib.Path(tmp).glob("scan*.pgm")).read_bytes()
    w, h = landscape(A4)
    (bad / "scanned.pdf").write_bytes(image_pdf(pgm, w, h))
    # A valid PDF with Japanese text and a ruled table that is no review sheet: a notice.
    cv = canvas.Canvas(str(bad / "not-a-sheet.pdf"), pagesize=A4, invariant=1, pageCompression=1)
    ts = Typesetter("ipaexg")
    cv.setFont(ts.font, 16)
    cv.drawString(60, 780, "区民施設の臨時休館のお知らせ")
    cv.setFont(ts.font, 10.5)
    for i, line in enumerate(["設備点検のため、下記の施設を臨時休館いたします。",
                              "ご利用の皆様にはご不便をおかけしますが、ご理解とご協力をお願いいたします。"]):
        cv.drawString(60, 740 - 18 * i, line)
    rows = [("施設名", "休館日"), ("区民館", "令和２年１０月５日"), ("図書館", "令和２年１０月１２日")]
    cv.setLineWidth(0.6)
    for r, (a, b) in enumerate(rows):
        y = 680 - 22 * r
        cv.rect(60, y - 22, 160, 22)
        cv.rect(220, y - 22, 200, 22)
        cv.drawString(66, y - 15, a)
        cv.drawString(226, y - 15, b)
    cv.showPage()
    cv.save()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=pathlib.Path, default=HERE, help="output folder (default: samples/)")
    args = ap.parse_args()
    src = HERE / "src"
    manifest = yaml.safe_load((src / "manifest.yaml").read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    for entry in manifest["pdfs"]:
        name, pages, records = make_pdf(entry, src, args.out)
        print(f"{name}.pdf: {pages} pages; " + ", ".join(summary(r) for r in records))
    make_bad(args.out, args.out / f"{manifest['bad_from']}.pdf")
    print("bad/: empty, not-a-pdf, truncated, encrypted, scanned, not-a-sheet")


if __name__ == "__main__":
    sys.modules.setdefault("generate", sys.modules[__name__])  # project_sheets imports this very module
    try:
        main()
    except (ValueError, KeyError) as e:
        sys.exit(f"generate.py: {e}")
