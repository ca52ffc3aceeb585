"""Drawing styles of real producers for the sample sheets (issue 14), chosen in a description's
or the manifest's `layout: {edges: {producer: NAME}}`:

- `word`: header and label cells (centred or stacked text) shaded light grey by a fill set 1.5 pt
  inside their lines, as Word sets cell shading within the cell margins; inner horizontal edges
  dotted as runs of 1-pt dashes 2 pt apart; inner vertical edges as hairlines (0.1 pt).
- `excel`: the same shading drawn edge to edge under the lines; inner edges as a dash pattern.
- `ichitaro`: `word`'s edges, and every stacked label written in two columns read right to left
  (each character upright, placed apart, as 一太郎 and Excel stack vertical text).

The cells, texts and expected records are generate.py's; only the drawing differs, so each style
must read exactly as the plainly ruled sheet does.
"""

PRODUCERS = ("word", "excel", "ichitaro")
OUTER_WIDTH = 0.6
HAIRLINE = 0.1
SHADE = 0.85
LEADING = 1.0  # a stacked column's characters one em apart


def inner(kind, at, a, b, cells):
    """True when an edge segment has cells on both sides (not a table's outer frame)."""
    def on_side(c, before):
        x0, y0, x1, y1 = c.box
        if kind == "h":
            edge = y1 if before else y0
            return abs(edge - at) < 1e-3 and x0 < b and x1 > a
        edge = x1 if before else x0
        return abs(edge - at) < 1e-3 and y0 < b and y1 > a
    return any(on_side(c, True) for c in cells) and any(on_side(c, False) for c in cells)


def shade(cv, page, line_y, inset):
    cv.setFillGray(SHADE)
    for c in page.cells:
        if c.align == "center" or c.stacked:
            x0, y0, x1, y1 = c.box
            cv.rect(x0 + inset, line_y(y1 - inset), x1 - x0 - 2 * inset, y1 - y0 - 2 * inset, stroke=0, fill=1)
    cv.setFillGray(0)


def draw_edges(cv, edges, cells, line_y, producer):
    cv.setLineCap(0)
    for kind, at, a, b in edges:
        ends = ((a, line_y(at)), (b, line_y(at))) if kind == "h" else ((at, line_y(a)), (at, line_y(b)))
        (x0, y0), (x1, y1) = ends
        if not inner(kind, at, a, b, cells):
            cv.setDash()
            cv.setLineWidth(OUTER_WIDTH)
            cv.line(x0, y0, x1, y1)
        elif kind == "v":
            cv.setDash()
            cv.setLineWidth(HAIRLINE)
            cv.line(x0, y0, x1, y1)
        elif producer == "excel":
            cv.setLineWidth(0.5)
            cv.setDash([1, 1])
            cv.line(x0, y0, x1, y1)
        else:
            cv.setDash()
            cv.setLineWidth(0.5)
            t = a
            while t < b:
                end = min(t + 1, b)
                cv.line(t, y0, end, y0)
                t += 3
            cv.line(b - 1, y0, b, y0)
    cv.setDash()


def two_columns(c, ts):
    """A stacked label as two columns, right one first: (x, baseline, character, size) for each
    character, upright and placed apart."""
    text = "".join(c.lines)
    half = (len(text) + 1) // 2
    x0, y0, x1, y1 = c.box
    size = min(c.size, (x1 - x0 - 4) / 2.2)
    top = y0 + ((y1 - y0) - half * size * LEADING) / 2
    centre = (x0 + x1) / 2
    for column, x_mid in ((text[:half], centre + 0.6 * size), (text[half:], centre - 0.6 * size)):
        for i, ch in enumerate(column):
            yield x_mid - ts.width(ch, size) / 2, top + i * size * LEADING + size * 0.88, ch, size


def draw_page(cv, page, ts, style, edges, draw_cell_text, line_y):
    """Draws one page in the producer's way: shading, then text, then edges."""
    producer = style["producer"]
    shade(cv, page, line_y, 0 if producer == "excel" else 1.5)
    cv.setFillColorRGB(0, 0, 0)
    for x, y, text, size in page.texts:
        cv.setFont(ts.font, size)
        cv.drawString(x, line_y(y), text)
    for c in page.cells:
        if producer == "ichitaro" and c.stacked and len("".join(c.lines)) >= 4:
            for x, y, ch, size in two_columns(c, ts):
                cv.setFont(ts.font, size)
                cv.drawString(x, line_y(y), ch)
        else:
            draw_cell_text(cv, c, ts, line_y)
    draw_edges(cv, edges, page.cells, line_y, producer)
