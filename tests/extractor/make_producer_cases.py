#!/usr/bin/env python3
"""Writes the extractor's producer cases: one small PDF per failure class of issue 14, drawn with
the operators Excel, Word, 一太郎 and DocuWorks write, and `producers/cases.json` with the grid
each must read as (the lattice cases' format: pdf, page, table_index, rows, columns, cells as rows
of texts, a merged cell's text at its top-left position and "" at the other positions it covers).

Usage: python3 tests/extractor/make_producer_cases.py   (rewrites tests/extractor/producers/)
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdf_writer import Page, write  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "producers")


def put_texts(page, xs, ys, rows, size=9):
    """Each row's texts left in its cells, baselines 4.5 pt above the row's bottom edge."""
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                page.text(xs[c] + 3, ys[r + 1] - 4.5, text, size)


def shading():
    """1. Excel/Word cell shading: fills set 2.5 pt inside the stroked edges (Word's cell margins),
    a shaded header row and one shaded body cell. The fills' sides are no edges."""
    p = Page(400, 200)
    xs, ys = [40, 140, 240, 340], [40, 58, 76, 94]
    p.rect_fill(xs[0] + 2.5, ys[0] + 2.5, xs[3] - 2.5, ys[1] - 2.5, 0.75)  # the header row, one fill
    p.rect_fill(xs[1] + 2.5, ys[2] + 2.5, xs[2] - 2.5, ys[3] - 2.5, 0.9)
    p.grid(xs, ys)
    rows = [["Locale", "Share", "n"], ["Tokyo", "41%", "120"], ["Osaka", "23%", "75"]]
    put_texts(p, xs, ys, rows)
    return [p], [(0, rows)]


def shading_box_in_cell():
    """2. A shaded box and a stroked box drawn inside cells (labels on a tint): no tables."""
    p = Page(400, 200)
    xs, ys = [40, 160, 340], [40, 70, 100]
    p.grid(xs, ys)
    p.rect_fill(xs[0] + 8, ys[0] + 6, xs[0] + 80, ys[1] - 6, 0.85)
    p.rect_stroke(xs[1] + 8, ys[1] + 6, xs[1] + 60, ys[2] - 6)
    p.text(xs[0] + 12, ys[1] - 11, "Benzene")
    p.text(xs[1] + 12, ys[0] + 19, "Locales")
    p.text(xs[0] + 12, ys[2] - 11, "n =")
    p.text(xs[1] + 12, ys[2] - 11, "%")
    return [p], [(0, [["Benzene", "Locales"], ["n =", "%"]])]


def tall_glyph_boxes():
    """3. Word bullets in a symbol font whose glyph boxes are 2.5 em tall: three lines of a cell
    stay three lines."""
    p = Page(400, 200)
    xs, ys = [40, 120, 340], [40, 58, 112]
    p.grid(xs, ys)
    p.text(xs[0] + 3, ys[1] - 4.5, "Item")
    p.text(xs[1] + 3, ys[1] - 4.5, "Notes")
    p.text(xs[0] + 3, ys[2] - 4.5, "Pumps")
    for i, word in enumerate(["Reported", "Generates", "Totals"]):
        baseline = ys[1] + 14 + 12 * i
        p.text(xs[1] + 4, baseline, "\x95", 10, font="FS")  # WinAnsi 0x95: the bullet
        p.text(xs[1] + 14, baseline, word, 10)
    # lines joined as the extractor joins wrapped lines (no space after a Latin letter before •)
    return [p], [(0, [["Item", "Notes"], ["Pumps", "\u2022 Reported\u2022 Generates\u2022 Totals"]])]


def open_frames():
    """4. Open frames: edges across the text with inner column edges but no outer ones (Word's
    'no side borders' table), and horizontal edges with a single divider."""
    p = Page(400, 300)
    xs, ys = [40, 140, 240, 340], [40, 58, 76, 94]
    for y in ys:
        p.line(xs[0], y, xs[3], y)
    for x in xs[1:3]:
        p.line(x, ys[0], x, ys[3])
    rows = [["Year", "Budget", "Spent"], ["2019", "1,200", "1,150"], ["2020", "1,300", "1,310"]]
    put_texts(p, xs, ys, rows)
    xs2, ys2 = [40, 190, 340], [150, 168, 186, 204]
    for y in ys2:
        p.line(xs2[0], y, xs2[2], y)
    p.line(xs2[1], ys2[0], xs2[1], ys2[3])
    rows2 = [["Ward", "Clinics"], ["Taito", "12"], ["Sumida", "9"]]
    put_texts(p, xs2, ys2, rows2)
    return [p], [(0, rows), (1, rows2)]


def ruled_header_unruled_body():
    """5. A header ruled into columns over body rows ruled only across (Excel with inside
    vertical borders on the header only)."""
    p = Page(400, 200)
    xs, ys = [40, 140, 210, 280, 350], [40, 58, 76, 94, 112]
    for y in ys:
        p.line(xs[0], y, xs[-1], y)
    p.line(xs[0], ys[0], xs[0], ys[-1])
    p.line(xs[-1], ys[0], xs[-1], ys[-1])
    for x in xs[1:-1]:
        p.line(x, ys[0], x, ys[1])
    rows = [["Country", "Share", "Growth", "Count"], ["Austria", "86.2", "13.8", "03,375"],
            ["Belgium", "71.0", "9.4", "12,004"], ["Czechia", "65.5", "20.1", "8,210"]]
    put_texts(p, xs, ys, rows)
    return [p], [(0, rows)]


def l_shaped_region():
    """6. A heading row over an empty indent column, with no edge between them: an L-shaped
    region, split into a heading cell and an indent cell."""
    p = Page(400, 200)
    xs, ys = [40, 60, 200, 300], [40, 58, 76, 94]
    p.line(xs[0], ys[0], xs[3], ys[0])
    p.line(xs[1], ys[1], xs[3], ys[1])
    p.line(xs[1], ys[2], xs[3], ys[2])
    p.line(xs[0], ys[3], xs[3], ys[3])
    p.line(xs[0], ys[0], xs[0], ys[3])
    p.line(xs[3], ys[0], xs[3], ys[3])
    p.line(xs[1], ys[1], xs[1], ys[3])
    p.line(xs[2], ys[1], xs[2], ys[3])
    p.text(xs[0] + 3, ys[1] - 4.5, "Group A")
    put_texts(p, xs, ys, [["", "", ""], ["", "Item 1", "10"], ["", "Item 2", "20"]])
    return [p], [(0, [["Group A", "", ""], ["", "Item 1", "10"], ["", "Item 2", "20"]])]


def floating_box():
    """7. A bordered text box (DocuWorks/Word shape) drawn over a grid: the grid stays 3x3, the
    box's text is a block of its own, not the text of the cell under it."""
    p = Page(400, 220)
    xs, ys = [40, 140, 240, 340], [40, 58, 76, 94]
    p.grid(xs, ys)
    rows = [["Ward", "2019", "2020"], ["Taito", "12", ""], ["Sumida", "9", ""]]  # the box hides two
    put_texts(p, xs, ys, rows)
    p.rect_fill(190, 62, 300, 110, 1.0)  # the box's white background
    p.rect_stroke(190, 62, 300, 110)
    p.text(245, 72, "Revised")
    return [p], [(0, rows)]


def annotations():
    """8. Annotations a reader added (FreeText with its box, Highlight, Line): page content only."""
    p = Page(400, 200)
    xs, ys = [40, 140, 240], [40, 58, 76]
    p.grid(xs, ys)
    rows = [["Ward", "Clinics"], ["Taito", "12"]]
    put_texts(p, xs, ys, rows)
    box = (250, 40, 340, 70)
    ap = "0 G 1 w 0.5 0.5 89 29 re S BT /F1 9 Tf 5 12 Td (Check this) Tj ET"
    p.annotation("FreeText", box, "Check this", ap, "/DA (/F1 9 Tf 0 g)")
    hl = (140, 58, 240, 76)
    p.annotation("Highlight", hl, "", "1 1 0 rg 0 0 100 18 re f",
                 f"/QuadPoints [{hl[0]} {p.y(hl[1])} {hl[2]} {p.y(hl[1])} {hl[0]} {p.y(hl[3])} {hl[2]} {p.y(hl[3])}]")
    ln = (40, 100, 240, 101)
    p.annotation("Line", ln, "cut here", "0 G 1 w 0 0.5 m 200 0.5 l S",
                 f"/L [{ln[0]} {p.y(100.5)} {ln[2]} {p.y(100.5)}]")
    return [p], [(0, rows)]


def vertical_text():
    """9. A vertical label of two columns: 一太郎 writes a vertical font (Identity-V), Excel and
    Word place each upright character apart. Columns read right to left."""
    pages = []
    for vertical_font in (True, False):
        p = Page(300, 240)
        xs, ys = [40, 80, 260], [40, 160]
        p.grid(xs, ys)
        right, left = "とび・土工・", "コンクリート工事"
        if vertical_font:
            p.jvertical(66, ys[0] + 10, right, 10)
            p.jvertical(54, ys[0] + 10, left, 10)
        else:
            p.jchar_column(61, ys[0] + 10, right, 10)
            p.jchar_column(49, ys[0] + 10, left, 10)
        p.jtext(xs[1] + 4, ys[0] + 20, "許可業種", 10)
        pages.append(p)
    return pages, [(0, [["とび・土工・コンクリート工事", "許可業種"]])]


def dashed_edges():
    """10. Dashed and dotted edges: a dash pattern, runs of 1-pt segments 4 pt apart, and rows of
    tiny images (tiled dots), each on a page of its own."""
    pages = []
    rows = [["Ward", "Clinics", "Beds"], ["Taito", "12", "340"], ["Sumida", "9", "210"]]
    xs, ys = [40, 140, 240, 340], [40, 58, 76, 94]
    for style in ("pattern", "segments", "images"):
        p = Page(400, 160)
        p.rect_stroke(xs[0], ys[0], xs[-1], ys[-1])
        inner = [(xs[0], y, xs[-1], y) for y in ys[1:-1]] + [(x, ys[0], x, ys[-1]) for x in xs[1:-1]]
        for x0, y0, x1, y1 in inner:
            if style == "pattern":
                p.line(x0, y0, x1, y1, 0.5, dash=[1, 2])
            elif style == "segments":
                horizontal = y0 == y1
                length = (x1 - x0) if horizontal else (y1 - y0)
                # 1-pt dashes 5 pt apart, the last one at the edge's end (as Word spaces them)
                for t in [i * 5.0 for i in range(int((length - 1) // 5) + 1)] + [length - 1]:
                    if horizontal:
                        p.line(x0 + t, y0, x0 + t + 1, y0)
                    else:
                        p.line(x0, y0 + t, x0, y0 + t + 1)
            else:
                horizontal = y0 == y1
                length = (x1 - x0) if horizontal else (y1 - y0)
                t = 0.0
                while t <= length - 0.5:
                    if horizontal:
                        p.image(x0 + t, y0 - 0.25, x0 + t + 0.5, y0 + 0.25)
                    else:
                        p.image(x0 - 0.25, y0 + t, x0 + 0.25, y0 + t + 0.5)
                    t += 2
        put_texts(p, xs, ys, rows)
        pages.append(p)
    return pages, [(0, rows)]


def figures_on_lines():
    """11. Figures one per line in a cell (Excel's wrapped amounts): a line break between them."""
    p = Page(400, 200)
    xs, ys = [40, 160, 340], [40, 76, 112]
    p.grid(xs, ys)
    p.jtext(xs[0] + 3, ys[0] + 14, "予算額", 10)
    p.jtext(xs[1] + 3, ys[0] + 14, "46,460,600千円", 10)
    p.jtext(xs[1] + 3, ys[0] + 28, "23,139,800千円", 10)
    p.jtext(xs[0] + 3, ys[1] + 14, "1,234", 10)
    p.jtext(xs[0] + 3, ys[1] + 28, "5,678", 10)
    p.jtext(xs[1] + 3, ys[1] + 14, "(13社)", 10)
    p.jtext(xs[1] + 3, ys[1] + 28, "(累計184社)", 10)
    return [p], [(0, [["予算額", "46,460,600千円\n23,139,800千円"], ["1,234\n5,678", "(13社)(累計184社)"]])]


def broken_edge():
    """A column edge drawn in two pieces with a 2-pt break inside a row (a gap the join tolerance
    closes): the column stays."""
    p = Page(400, 200)
    xs, ys = [40, 140, 240, 340], [40, 58, 76]
    for y in ys:
        p.line(xs[0], y, xs[-1], y)
    for x in (xs[0], xs[2], xs[3]):
        p.line(x, ys[0], x, ys[-1])
    p.line(xs[1], ys[0], xs[1], 66)
    p.line(xs[1], 68, xs[1], ys[-1])
    rows = [["Ward", "2019", "2020"], ["Taito", "12", "14"]]
    put_texts(p, xs, ys, rows)
    return [p], [(0, rows)]


CASES = {
    "shading": shading, "shading-box-in-cell": shading_box_in_cell, "tall-glyph-boxes": tall_glyph_boxes,
    "open-frames": open_frames, "ruled-header-unruled-body": ruled_header_unruled_body,
    "l-shaped-region": l_shaped_region, "floating-box": floating_box, "annotations": annotations,
    "vertical-text": vertical_text, "dashed-edges": dashed_edges, "figures-on-lines": figures_on_lines,
    "broken-edge": broken_edge,
}


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = []
    for name, make in CASES.items():
        pages, tables = make()
        write(os.path.join(OUT, name + ".pdf"), pages)
        for page_number in range(1, len(pages) + 1):
            for index, rows in tables:
                expected.append({"pdf": name + ".pdf", "page": page_number, "table_index": index,
                                 "rows": len(rows), "columns": len(rows[0]), "cells": rows,
                                 "doc": make.__doc__.split("\n")[0]})
    with open(os.path.join(OUT, "cases.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
