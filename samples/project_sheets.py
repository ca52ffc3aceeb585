#!/usr/bin/python3
"""Project review sheets (事務事業評価シート) for sheetx's sample corpus, from descriptions made of
ruled grids whose cells say which record field they fill.

In:  a description (samples/src/kitamoto-*.yaml, shinagawa-*.yaml, or any YAML file of the same
     form, see samples/README.md "Project sheets"): page size, free texts and ruled grids; cells
     tagged `into: FIELD`, grids tagged as figure tables (`table:` with a role per column).
Out: the PDF and the expected JSON of each sheet (kind "project"), from this script's own oracle
     (generate.py's text, figure and year parsers), never from sheetx.

generate.py draws these sheets for the manifest (a description with `kind: project` is built here);
run alone, this script makes a PDF of descriptions given at test time:
    /usr/bin/python3 samples/project_sheets.py --description D.yaml [--description E.yaml] --out DIR [--name NAME]
"""
import argparse
import pathlib
import sys

from reportlab.pdfbase import pdfmetrics

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import generate as g  # noqa: E402  (fonts, wrapping, cells, drawing, the figure and year oracle)

# Key order of a quantity in the JSON writer (records/src/json.cpp), `at` last.
QUANTITY_KEYS = ("raw", "value", "unit", "cumulative", "per_year", "approximate", "bound", "range_to",
                 "running_total", "revised", "estimate", "status", "at")
# Printed after a figure: its bound (record format, "Figures with qualifiers").
BOUNDS = {"以上": "at_least", "以下": "at_most", "未満": "less_than", "超": "more_than"}
# Text fields of the project, in the writer's order; `mandatory`, `direction`, `evaluation` are
# built from options and tables.
PROJECT_TEXTS = ("name", "department", "division", "legal_basis", "purpose", "target", "means")
# How a ticked box option prints: the chosen one's mark, the others'.
BOX_MARKS = ("■", "□")
GAP = 6           # points between blocks
SIDE_GAP = 10     # points between blocks side by side


def empty_measure():
    """A measure as the JSON writer writes one the sheet does not print."""
    return {"number": None, "name": "", "department": "", "division": "", "goal": {"number": None, "name": ""},
            "vision": [], "initiatives": [], "evaluation": {"grade": "", "label": ""},
            "review": {"summary": "", "indicators": "", "direction": []}}


def text_of(lines):
    """A text field as the record holds it: wrapped lines joined, paragraphs (a line opening with
    ・, ● or an ideographic space) joined by a newline."""
    return "\n".join(g.paragraphs(lines))


def figure_quantity(lines, unit):
    """A printed figure as a contract quantity without `at`: generate.py's parser, after the
    qualifiers 約 / 程度 / 以上 以下 未満 超; a bare figure takes `unit` (its row's 単位 or its
    table's （単位：千円）), width folded as counters are."""
    if len(lines) > 1:
        raise ValueError(f"a project sheet's figure is one line: {lines!r}")
    raw = lines[0] if lines else ""
    text, extra = raw, {}
    if text.startswith("約"):
        text, extra["approximate"] = text[1:], True
    if text.endswith("程度"):
        text, extra["approximate"] = text[:-2], True
    for word, bound in BOUNDS.items():
        if text.endswith(word):
            text, extra["bound"] = text[: -len(word)], bound
    q, doubts = g.quantity([text] if text else [])
    if doubts:
        raise ValueError(f"{raw!r} is no figure the record format can express: {doubts}")
    q["raw"] = raw
    if q["value"] is None:
        if extra:
            raise ValueError(f"{raw!r}: a qualifier without a figure")
    else:
        q.update(extra)
        if q["unit"] is None and unit:
            q["unit"] = unit.translate(g.FOLD)
    return q


def ordered_quantity(q):
    return {k: q[k] for k in QUANTITY_KEYS if k in q}


class Placed:
    """A grid cell laid out: its row and column in the grid, its spans, its spec and its Cell."""

    def __init__(self, r, c, span, down, spec):
        self.r, self.c, self.span, self.down, self.spec = r, c, span, down, spec
        self.cell, self.page = None, 0

    @property
    def lines(self):
        return self.cell.lines

    @property
    def text(self):
        return g.join_lines(self.cell.lines)


def cell_spec(spec):
    return dict(spec) if isinstance(spec, dict) else {"text": "" if spec is None else spec}


def options_text(spec):
    """An options cell's printed text: ■□ before each word, or the words joined by ・ (the chosen
    one circled when drawn)."""
    options = [str(o) for o in spec["options"]]
    if spec.get("chosen") is not None and spec["chosen"] not in options:
        raise ValueError(f"chosen {spec['chosen']!r} is not among {options!r}")
    if spec.get("mark", "box") == "box":
        on, off = spec.get("marks", BOX_MARKS)
        return spec.get("separator", "\u3000").join((on if o == spec.get("chosen") else off) + o for o in options)
    return spec.get("separator", "・").join(options)


class ProjectSheet(g.Sheet):
    """Lays out one project-sheet description and builds its expected record."""

    def __init__(self, desc, name):
        super().__init__({**desc, "layout": desc.get("layout", {})}, name)
        self.grids = []     # (grid spec, rows, [Placed], {(row, column): Placed}) in sheet order
        self.texts = []     # (spec, [text]) of free texts with `into`

    # ------------------------------------------------------------ layout

    def printable(self, text):
        """Refuses a character the font has no glyph for (☑ ☐ are not in IPAex): it would print
        as an empty box while its text still reads."""
        glyphs = pdfmetrics.getFont(self.ts.font).face.charToGlyph
        missing = sorted({ch for ch in text if ord(ch) not in glyphs and ch not in "\n"})
        if missing:
            raise ValueError(f"{self.name}: {self.ts.font} has no glyph for {''.join(missing)!r} in {text!r}")
        return text

    def build(self, declared_only=True):
        for k, blocks in enumerate(self.d["pages"]):
            page = g.Page(self.size)
            self.pages.append(page)
            top = self.lay.get("top", self.margin) if k == 0 else self.margin  # below another sheet's half
            bottom = self.blocks(page, blocks, self.margin, page.width - self.margin, top)
            if bottom > page.height - self.margin / 2:
                raise ValueError(f"{self.name}: page {len(self.pages)} runs {bottom - page.height + self.margin / 2:.0f}pt "
                                 "past the bottom")
        return self.pages, self.record()

    def blocks(self, page, blocks, x0, x1, y):
        """Lays blocks out top to bottom between x0 and x1 from y; returns the bottom."""
        for k, block in enumerate(blocks):
            if k:
                y += block.get("gap", GAP) if isinstance(block, dict) else GAP
            y = self.block(page, block, x0, x1, y)
        return y

    def block(self, page, block, x0, x1, y):
        if "side_by_side" in block:  # columns of blocks from the same top: [{width, blocks}]
            parts, bottom, x = block["side_by_side"], y, x0
            free = x1 - x0 - SIDE_GAP * (len(parts) - 1)
            for part in parts:
                w = free * part.get("width", 1 / len(parts))
                bottom = max(bottom, self.blocks(page, part["blocks"], x, x + w, y))
                x += w + SIDE_GAP
            return bottom
        if "grid" in block:
            return self.grid(page, block["grid"], x0, x1, y)
        return self.free_text(page, block, x0, x1, y)

    def free_text(self, page, spec, x0, x1, y):
        """A line of text outside any table (a title, a heading, or `label` and its value on one
        line); `align` left, center or right."""
        size = spec.get("size", self.sizes["heading"])
        text = self.printable(str(spec.get("label", "")) + str(spec["text"]))
        w = self.ts.width(text, size)
        if w > x1 - x0:
            raise ValueError(f"{self.name}: {text!r} is wider than its place")
        x = {"left": x0, "center": (x0 + x1 - w) / 2, "right": x1 - w}[spec.get("align", "left")]
        page.texts.append((x, y + size, text, size))
        if "into" in spec:
            self.texts.append((spec, [text]))
        return y + size * g.LEADING

    def grid(self, page, spec, x0, x1, y):
        """A ruled grid: `columns` (relative widths), `rows` of cells placed as in an HTML table
        (a cell's `span` columns wide, `down` rows high, cells from rows above skipped)."""
        weights = spec["columns"]
        xs = [x0]
        for w in weights:
            xs.append(xs[-1] + (x1 - x0) * w / sum(weights))
        rows = [r if isinstance(r, dict) else {"cells": r} for r in spec["rows"]]
        taken, placed = {}, []
        for r, row in enumerate(rows):
            c = 0
            for raw in row["cells"]:
                while (r, c) in taken:
                    c += 1
                s = cell_spec(raw)
                p = Placed(r, c, s.get("span", 1), s.get("down", 1), s)
                for rr in range(r, r + p.down):
                    for cc in range(c, c + p.span):
                        taken[(rr, cc)] = p
                placed.append(p)
                c += p.span
        for r in range(len(rows)):
            missing = [c for c in range(len(weights)) if (r, c) not in taken]
            if missing or any(c >= len(weights) for rr, c in taken if rr == r):
                raise ValueError(f"{self.name}: grid row {r} {rows[r]['cells']!r} does not fill the {len(weights)} columns")
        aligns = spec.get("align", ["left"] * len(weights))
        size = spec.get("size", self.sizes["body"])

        def wrapped(p):
            s, width = p.spec, xs[p.c + p.span] - xs[p.c]
            if "paragraphs" in s:  # each wrapped on its own lines
                return [line for para in s["paragraphs"] for line in self.ts.fit(str(para), width, s.get("size", size))]
            value = options_text(s) if "options" in s else s.get("text", "")
            if "label" in s:  # a label and its value in one cell: `担当課：高齢介護課`
                value = str(s["label"]) + str(value)
            return self.ts.fit(value, width, s.get("size", size))

        def lines_of(p):
            return [self.printable(line) for line in wrapped(p)]

        heights = [row.get("height", spec.get("row_height", 16)) for row in rows]
        for p in placed:  # a cell's `height`: the least height of its rows
            heights[p.r + p.down - 1] += max(0, p.spec.get("height", 0) - sum(heights[p.r:p.r + p.down]))
        for p in sorted(placed, key=lambda p: p.down):  # single rows first, then spans grow their last row
            need = g.text_height(lines_of(p), p.spec.get("size", size))
            have = sum(heights[p.r:p.r + p.down])
            if need > have:
                heights[p.r + p.down - 1] += need - have
        tops = [y]
        for h in heights:
            tops.append(tops[-1] + h)
        for p in placed:
            box = (xs[p.c], tops[p.r], xs[p.c + p.span], tops[p.r + p.down])
            align = p.spec.get("align", aligns[p.c])
            p.cell = self.cell(page, box, lines_of(p), size=p.spec.get("size", size), align=align, wrap=False)
            p.page = len(self.pages)
            if p.spec.get("mark") == "circle" and p.spec.get("chosen") is not None:
                page.ellipses.append(self.circle(p))
        self.grids.append((spec, rows, placed, taken))
        return tops[-1]

    def circle(self, p):
        """The box of an ellipse round the chosen word of a one-line options cell."""
        c, s = p.cell, p.spec
        if len(c.lines) != 1:
            raise ValueError(f"{self.name}: a circled choice must print on one line: {c.lines!r}")
        line = c.lines[0]
        sep = s.get("separator", "・")
        options = [str(o) for o in s["options"]]
        before = sep.join(options[:options.index(s["chosen"])]) + (sep if options.index(s["chosen"]) else "")
        x, base = g.line_origin(c, 0, self.ts.width(line, c.size))
        left = x + self.ts.width(before, c.size)
        w = self.ts.width(s["chosen"], c.size)
        return (left - 2, base - c.size - 1, left + w + 2, base + c.size * 0.25 + 1)

    # ------------------------------------------------------------ the oracle

    def record(self):
        d = self.d
        project = {f: None for f in PROJECT_TEXTS}
        project.update(code=None, started_fiscal_year=None, mandatory=None, indicators=[], costs=[],
                       evaluation=None, direction=None)
        measure, extra, period = empty_measure(), {}, None
        filled = []

        def fill(spec, lines):
            if "label" in spec:  # the field is what follows its label
                if not lines or not lines[0].startswith(str(spec["label"])):
                    raise ValueError(f"{self.name}: label {spec['label']!r} must print on the value's first line")
                lines = [lines[0][len(str(spec["label"])):]] + lines[1:]
            text = g.join_lines(lines)
            into = spec["into"]
            filled.append(into)
            nonlocal period
            if into == "period":
                year = g.fiscal_year([text])
                period = {"label": text, "from_fiscal_year": year, "to_fiscal_year": year}
            elif into == "measure":
                measure["number"], measure["name"] = g.numbered(text, "")
            elif into == "measure.goal":
                number, name = g.numbered(text, "")
                measure["goal"] = {"number": number, "name": name}
            elif into.startswith("extra."):
                extra[into[len("extra."):]] = text_of(lines)
            elif into == "project.code":
                project["code"] = text
            elif into == "project.started_fiscal_year":
                project["started_fiscal_year"] = g.fiscal_year([text])
            elif into == "project.mandatory":
                project["mandatory"] = spec["values"][spec["chosen"]]
            elif into == "project.direction":
                project["direction"] = {"choice": spec.get("chosen"), "options": [str(o) for o in spec["options"]],
                                        "text": (project["direction"] or {}).get("text", "")}
            elif into == "project.direction.text":
                project["direction"] = {**(project["direction"] or {"choice": None, "options": []}), "text": text_of(lines)}
            elif into in ("project.evaluation.grade", "project.evaluation.label"):
                project["evaluation"] = project["evaluation"] or {"items": [], "grade": "", "label": ""}
                project["evaluation"][into.rsplit(".", 1)[1]] = text
            elif into.startswith("project.") and into[len("project."):] in PROJECT_TEXTS:
                project[into[len("project."):]] = text_of(lines)
            else:
                raise ValueError(f"{self.name}: unknown field {into!r}")

        for spec, lines in self.texts:
            fill(spec, lines)
        for spec, rows, placed, taken in self.grids:
            for p in placed:
                if "into" in p.spec:
                    fill(p.spec, p.lines)
        if period is None:
            raise ValueError(f"{self.name}: no cell is `into: period`")
        for spec, rows, placed, taken in self.grids:
            if "table" in spec:
                self.table(spec, rows, taken, period["from_fiscal_year"], project)
        repeated = sorted({f for f in filled if filled.count(f) > 1})
        if repeated:
            raise ValueError(f"{self.name}: fields filled twice: {repeated}")

        code = project["code"]
        folded = (code or "").translate(g.FOLD)
        out = {"number": int(folded) if folded.isdigit() else None}
        if code is not None:
            out["code"] = code
        out["name"] = project["name"] or ""
        if project["department"] is not None:
            out["department"] = project["department"]
        out["division"] = project["division"] or ""
        out["reposted"] = False
        for key in ("started_fiscal_year", "legal_basis", "mandatory", "purpose", "target", "means"):
            if project[key] is not None:
                out[key] = project[key]
        for key in ("indicators", "costs"):
            if project[key]:
                out[key] = project[key]
        for key in ("evaluation", "direction"):
            if project[key] is not None:
                out[key] = project[key]
        out["activities"] = []
        ruleset, municipality = d["ruleset"], d["municipality"]
        record = {
            "format": "review-sheet/1",
            "kind": "project",
            "id": f"{municipality['code']}/{ruleset['id']}/{period['from_fiscal_year']}-{period['to_fiscal_year']}/{code}",
            "source": None,
            "ruleset": ruleset,
            "municipality": municipality,
            "review_period": period,
            "measure": measure,
            "indicators": [],
            "projects": [out],
            "warnings": [],
        }
        if extra:
            record["extra"] = dict(sorted(extra.items()))
        return record

    def table(self, spec, rows, taken, review_year, project):
        """A figure table's records, from its roles (one a column) and its header rows:
        - `group` (an indicator's kind, by `groups`), `name`, `unit`, `kind` (a row's value kind,
          by `kinds`), `year` (a column of figures: year and kind from its header): indicators
          (`into: indicators`) or cost lines named in the `name` column (`into: costs`);
        - `when` (a row's year and kind, from its text), `line` (a cost line named by its header):
          costs with years as rows;
        - `item`, `grade`, `comment`: evaluation items (`into: evaluation`).
        Rows `head: true` are headers, rows `skip: true` are no data (totals, notes)."""
        t = spec["table"]
        roles = t["roles"]
        if len(roles) != len(spec["columns"]):
            raise ValueError(f"{self.name}: {len(roles)} roles for {len(spec['columns'])} columns")
        cols = {role: [c for c, r in enumerate(roles) if r == role] for role in set(roles)}
        heads = [r for r, row in enumerate(rows) if row.get("head")]
        body = [r for r, row in enumerate(rows) if not row.get("head") and not row.get("skip")]

        def header(c):
            seen = []
            for r in heads:
                if taken[(r, c)] not in seen:
                    seen.append(taken[(r, c)])
            return g.join_lines([line for p in seen for line in p.lines])

        def word(text, table, what):
            hits = [v for k, v in t.get(table, {}).items() if k in text]
            if len(hits) != 1:
                raise ValueError(f"{self.name}: {what} {text!r} names {len(hits)} of {table} {list(t.get(table, {}))}")
            return hits[0]

        def year(text):
            relative = [v for k, v in t.get("relative", {}).items() if k in text]
            return review_year + relative[0] if relative else g.fiscal_year([text])

        def value(kind, fiscal_year, p, unit):
            q = figure_quantity(p.lines, unit)
            q["at"] = self.at(p.page, p.cell.box)
            return {"kind": kind, "fiscal_year": fiscal_year, **ordered_quantity(q)}

        into = t["into"]
        if into == "evaluation":
            items = [{"name": taken[(r, cols["item"][0])].text, "grade": taken[(r, cols["grade"][0])].text,
                      "comment": text_of(taken[(r, cols["comment"][0])].lines)} for r in body]
            project["evaluation"] = project["evaluation"] or {"items": [], "grade": "", "label": ""}
            project["evaluation"]["items"] += items
        elif "when" in cols:  # years as rows: one cost line a column
            lines = [{"name": header(c), "values": []} for c in cols["line"]]
            for r in body:
                when = taken[(r, cols["when"][0])].text
                for line, c in zip(lines, cols["line"]):
                    line["values"].append(value(word(when, "kinds", "row"), year(when), taken[(r, c)], t.get("unit")))
            project["costs"] += lines
        else:  # years as columns: one indicator or cost line a row (or two: target and actual)
            out = project["indicators"] if into == "indicators" else project["costs"]
            current, name_cell = None, None
            for r in body:
                name = taken[(r, cols["name"][0])]
                figures = [taken[(r, c)] for c in cols["year"]]
                if name is not name_cell:
                    name_cell = name
                    if t.get("continues") and current and not any(p.text for p in figures if p.r == r):
                        current["name"] += name.text  # a name printed over two ruled rows
                        continue
                    if into == "indicators":
                        kind = t["indicator_kind"] if "group" not in cols else \
                            word(taken[(r, cols["group"][0])].text, "groups", "group")
                        unit = taken[(r, cols["unit"][0])].text if "unit" in cols else ""
                        current = {"kind": kind, "name": name.text, "unit": unit or None, "values": []}
                    else:
                        current = {"name": name.text, "values": []}
                    out.append(current)
                row_kind = word(taken[(r, cols["kind"][0])].text, "kinds", "row") if "kind" in cols else None
                unit = current.get("unit") or t.get("unit")
                for c, p in zip(cols["year"], figures):
                    if p.r == r:
                        current["values"].append(value(row_kind or word(header(c), "kinds", "column"),
                                                       year(header(c)), p, unit))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--description", type=pathlib.Path, action="append", required=True,
                    help="a sheet's description (YAML); several make one PDF of the sheets in order")
    ap.add_argument("--out", type=pathlib.Path, required=True, help="output folder")
    ap.add_argument("--name", help="the PDF's name without .pdf (default: the first description's)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    entry = {"name": args.name or args.description[0].stem, "sheets": args.description,
             "changes": {"kind": "project"}}  # implied: this script makes project sheets only
    name, pages, records = g.make_pdf(entry, None, args.out)
    print(f"{name}.pdf: {pages} pages; " + ", ".join(g.summary(r) for r in records))


if __name__ == "__main__":
    try:
        main()
    except (ValueError, KeyError) as e:
        sys.exit(f"project_sheets.py: {e}")
