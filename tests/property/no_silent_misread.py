#!/usr/bin/python3
"""Property "no silent misread" (issue 12): a sheet read wrong says so.

For each sample description (samples/src/*.yaml) and each perturbation of it (below), draws the
PDF with samples/generate.py into a temporary folder, runs `sheetx extract` on it and compares the
record with the one the generator's oracle expects from the perturbed description. Every fact
(field value) that differs must be covered by a warning of the record that points at its cell
(same page, overlapping box) or names its field; every doubt the oracle predicts (a figure it
cannot read for sure) must be covered by a warning at its cell. A PDF that sheetx refuses with a
message (no record) counts as flagged. Prints perturbations x samples and fails below 100%; fails
too when a record read from a variant does not validate against schema/review-sheet.schema.json.

Variants are chosen by a seeded random generator per sample and perturbation, so every run draws
the same PDFs. Usage: no_silent_misread.py --sheetx PATH [--rules FILE] [--keep DIR] [--verbose]
"""
import argparse
import copy
import json
import pathlib
import random
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "samples"))
try:
    import generate  # the generator and its oracle
except ImportError as missing:  # python3-reportlab or python3-yaml not installed
    print(f"SKIP: cannot draw samples without {missing.name} (Debian python3-reportlab, python3-yaml)")
    sys.exit(77)

SAMPLES = ["taito-35", "taito-12", "taito-41", "taito-07", "taito-18"]
VARIANTS = 6  # at most this many variants of a perturbation per sample (drawn, not all)
DIGITS = re.compile(r"[0-9０-９][0-9０-９,，.．]*")


# ---------------------------------------------------------------- perturbations of a description
# Each takes (description, rng) and yields (what, changed description), candidates in a seeded
# order; a candidate the generator cannot lay out (text overflowing a cell) is passed over.

def figure_cells(d):
    """Every figure of the description as (what, getter/setter path): indicator values, plans,
    baselines, targets, actuals; merged cells and empty or dash cells left out."""
    out = []
    for i, ind in enumerate(d["indicators"]):
        out += [(f"indicator {i} value {j}", ("indicators", i, "values", j)) for j in range(len(ind["values"]))]
    for p, proj in enumerate(d["projects"]):
        for a, act in enumerate(proj["activities"]):
            out += [(f"project {proj['number']} activity {a} {key}", ("projects", p, "activities", a, key))
                    for key in ("plan", "baseline")]
            for k in range(len(act["targets"])):
                out += [(f"project {proj['number']} activity {a} {key}[{k}]", ("projects", p, "activities", a, key, k))
                        for key in ("targets", "actuals")]
    return [(w, path) for w, path in out if printable(get(d, path))]


def interleaved(items, kind, rng):
    """The items shuffled, then taken one kind at a time in turn (a plan, a target, an actual, an
    indicator value, …), so that a few variants already cover every kind."""
    rng.shuffle(items)
    groups = {}
    for item in items:
        groups.setdefault(kind(item), []).append(item)
    rounds = [[g[k] for g in groups.values() if k < len(g)] for k in range(max(map(len, groups.values()), default=0))]
    return [item for r in rounds for item in r]


def cell_kind(cell):
    """indicators, plan, baseline, targets or actuals."""
    path = cell[1]
    return path[0] if path[0] == "indicators" else path[4]


def printable(fig):
    text = "".join(fig) if isinstance(fig, list) else fig
    return isinstance(text, str) and DIGITS.search(text) is not None


def get(d, path):
    for key in path:
        d = d[key]
    return d


def put(d, path, value):
    get(d, path[:-1])[path[-1]] = value


def reorder_header(d, rng):
    """A header of several words printed with its words in the other order, on one line."""
    heads = [(f"back header {k}", ("back_header", k)) for k, v in d["back_header"].items() if isinstance(v, list)]
    heads += [(f"year column {k}", ("year_columns", k)) for k, v in enumerate(d["year_columns"]) if isinstance(v, list)]
    for c, col in enumerate(d["indicator_columns"]):
        if isinstance(col.get("header"), list):
            heads.append((f"indicator column {c}", ("indicator_columns", c, "header")))
    rng.shuffle(heads)
    heads.sort(key=lambda h: h[1] != ("back_header", "baseline"))  # the case first
    for what, path in heads:
        e = copy.deepcopy(d)
        put(e, path, "".join(reversed(get(d, path))))
        yield what, e


def merge_legend(d, rng):
    """The grade legend as lines of one cell."""
    e = copy.deepcopy(d)
    e["layout"]["legend"] = "lines"
    yield "legend as lines of one cell", e


def drop_ruling(d, rng):
    """One ruling segment not drawn (a page's nth merged segment)."""
    pages, _ = generate.Sheet(copy.deepcopy(d), "probe").build(declared_only=False)
    candidates = [(p, n) for p, page in enumerate(pages, 1) for n in range(len(generate.edge_segments(page.cells)))]
    rng.shuffle(candidates)
    for p, n in candidates:
        e = copy.deepcopy(d)
        e["layout"]["edges"] = {**e["layout"].get("edges", {}), "omit": [[p, n]]}
        kind, at, a, b = generate.edge_segments(pages[p - 1].cells)[n]
        yield f"page {p} {'horizontal' if kind == 'h' else 'vertical'} ruling at {at:.0f} ({a:.0f}-{b:.0f})", e


UNKNOWN_LABELS = [  # (where, change): words no rule of the shipped file knows
    ("主管 as 所管", {"layout": {"labels": {"department": ["所管"]}}}),
    ("出典 as 資料", {"layout": {"labels": {"indicator_source": "資料"}}}),
    ("目標 row as 計画", {"layout": {"labels": {"target_row": "計画"}}}),
    ("実績 row as 結果", {"layout": {"labels": {"actual_row": "結果"}}}),
    ("主な取り組み as 重点施策", {"layout": {"labels": {"initiatives": ["重点施策"]}}}),
    ("所管課 as 担当課", {"back_header": {"division": "担当課"}}),
    ("本事業の取り組み as 取組内容", {"back_header": {"activity": "取組内容"}}),
]


def unknown_label(d, rng):
    """A label renamed to a word the rules do not know."""
    order = list(UNKNOWN_LABELS)
    rng.shuffle(order)
    for what, change in order:
        yield what, generate.merged(d, change)


def two_figures(d, rng):
    """A figure cell holding a second figure on a line of its own."""
    for what, path in interleaved(figure_cells(d), cell_kind, rng):
        fig = get(d, path)
        if isinstance(fig, list) or str(fig).lstrip().startswith(("(", "（")):
            continue  # a revision or a baseline: a second line would read as its revision
        e = copy.deepcopy(d)
        put(e, path, [fig, DIGITS.sub("7", fig, count=1)])
        yield what, e


def unknown_counter(d, rng):
    """A figure counted in a word no reader knows."""
    for what, path in interleaved(figure_cells(d), cell_kind, rng):
        fig = get(d, path)
        if isinstance(fig, list):
            continue
        m = list(DIGITS.finditer(fig))[-1]
        e = copy.deepcopy(d)
        put(e, path, fig[:m.end()] + "ユニット" + (")" if fig.rstrip().endswith((")", "）")) else ""))
        yield what, e


def swap_columns(d, rng):
    """Two columns printed in each other's place."""
    options = []
    e = copy.deepcopy(d)
    e["year_columns"][0], e["year_columns"][1] = d["year_columns"][1], d["year_columns"][0]
    for proj in e["projects"]:
        for act in proj["activities"]:
            for key in ("targets", "actuals"):
                act[key][0], act[key][1] = act[key][1], act[key][0]
    options.append(("first two year columns", e))
    for order in (["activity", "division", "baseline", "label"], ["division", "activity", "label", "baseline"]):
        options.append((f"back columns {'/'.join(order)}", generate.merged(d, {"layout": {"back": {"order": order}}})))
    cols = d["indicator_columns"]
    if len(cols) > 1 and "group" not in cols[0] and "group" not in cols[1]:
        e = copy.deepcopy(d)
        e["indicator_columns"][0], e["indicator_columns"][1] = cols[1], cols[0]
        for ind in e["indicators"]:
            ind["values"][0], ind["values"][1] = ind["values"][1], ind["values"][0]
        options.append(("first two indicator columns", e))
    rng.shuffle(options)
    yield from options


def shift_down(d, rng):
    """A cell's text printed one row down: into the cell below, over what that cell holds."""
    moves = []
    for p, proj in enumerate(d["projects"]):
        acts = proj["activities"]
        for a, act in enumerate(acts):
            for k in range(len(act["targets"])):
                moves.append(("target", f"project {proj['number']} activity {a} target[{k}] onto its actual",
                              ("projects", p, "activities", a, "targets", k), ("projects", p, "activities", a, "actuals", k)))
                if a + 1 < len(acts):
                    moves.append(("actual", f"project {proj['number']} activity {a} actual[{k}] onto the next target",
                                  ("projects", p, "activities", a, "actuals", k),
                                  ("projects", p, "activities", a + 1, "targets", k)))
            if a + 1 < len(acts):
                moves.append(("name", f"project {proj['number']} activity {a} name onto the next",
                              ("projects", p, "activities", a, "name"), ("projects", p, "activities", a + 1, "name")))
    for i in range(len(d["indicators"]) - 1):
        for j in range(len(d["indicators"][i]["values"])):
            moves.append(("indicator", f"indicator {i} value {j} onto the next indicator's",
                          ("indicators", i, "values", j), ("indicators", i + 1, "values", j)))
    for _, what, source, target in interleaved(moves, lambda m: m[0], rng):
        moved, below = get(d, source), get(d, target)
        if isinstance(moved, dict) or isinstance(below, dict) or not "".join(generate.as_lines(moved)).strip():
            continue  # merged cells move as a whole or not at all; an empty cell moves nothing
        e = copy.deepcopy(d)
        put(e, source, "")
        put(e, target, generate.as_lines(moved) + generate.as_lines(below))
        yield what, e


PERTURBATIONS = {
    "reorder header words": reorder_header,
    "merge legend cells": merge_legend,
    "drop a ruling line": drop_ruling,
    "rename a label": unknown_label,
    "two figures in a cell": two_figures,
    "unknown counter": unknown_counter,
    "swap two columns": swap_columns,
    "text one row down": shift_down,
}


# ---------------------------------------------------------------- facts and their places

QUANTITY_KEYS = ("raw", "value", "unit", "cumulative", "per_year", "running_total", "revised", "estimate")


def places_in(node):
    """Every `at` inside a record part (its cells), for facts of parts only one side has."""
    if isinstance(node, dict):
        if set(node) == {"page", "box"}:
            return [node]
        return [p for k, v in node.items() for p in places_in(v)]
    if isinstance(node, list):
        return [p for v in node for p in places_in(v)]
    return []


def facts(record):
    """A record as {fact path: (value, [places])}: lists keyed by what names their items (a
    project by its number, a year by its fiscal year, an indicator's value by its kind and
    fiscal year), else by position."""
    out = {}

    def add(path, value, places):
        out[path] = (value, places)

    def quantity(path, q, extra=()):
        for key in QUANTITY_KEYS + tuple(extra):
            add(f"{path}.{key}", q.get(key), [q["at"]] if "at" in q else [])

    m = record.get("measure") or {}
    at = m.get("_at", {})
    for key, value in (record.get("review_period") or {}).items():
        add(f"review_period.{key}", value, [at["review_period"]] if "review_period" in at else [])
    for key in ("number", "name", "department", "division"):
        add(f"measure.{key}", m.get(key), [at[key]] if key in at else [])
    for key in ("number", "name"):
        add(f"measure.goal.{key}", (m.get("goal") or {}).get(key), [at["goal"]] if "goal" in at else [])
    for k, item in enumerate(m.get("vision") or []):
        add(f"measure.vision[{k}]", item, [at["vision"]] if "vision" in at else [])
    for ini in m.get("initiatives") or []:
        add(f"measure.initiatives[#{ini['number']}].name", ini["name"], [ini["_at"]["name"]] if "_at" in ini else [])
    for key in ("grade", "label"):
        add(f"measure.evaluation.{key}", (m.get("evaluation") or {}).get(key),
            [at[f"evaluation.{key}"]] if f"evaluation.{key}" in at else [])
    review = m.get("review") or {}
    for key in ("summary", "indicators"):
        add(f"measure.review.{key}", review.get(key), [at["review"]] if "review" in at else [])
    for k, item in enumerate(review.get("direction") or []):
        add(f"measure.review.direction[{k}]", item, [at["review"]] if "review" in at else [])
    for i, ind in enumerate(record.get("indicators") or []):
        iat = ind.get("_at") or {}
        for key in ("name", "source"):
            add(f"indicators[{i}].{key}", ind.get(key), [iat[key]] if key in iat else places_in(ind))
        for v in ind.get("values") or []:
            quantity(f"indicators[{i}].values[{v.get('kind')} {v.get('fiscal_year')}]", v)
    for p, proj in enumerate(record.get("projects") or []):
        pkey = f"projects[#{proj['number']}]" if proj.get("number") is not None else f"projects[{p}]"
        pat = proj.get("_at") or {}
        for key in ("number", "name", "division", "reposted"):
            add(f"{pkey}.{key}", proj.get(key), [pat[key]] if key in pat else places_in(proj))
        for a, act in enumerate(proj.get("activities") or []):
            akey = f"{pkey}.activities[{a}]"
            add(f"{akey}.name", act.get("name"), [act["_at"]["name"]] if "_at" in act else places_in(act))
            for key in ("plan", "baseline"):
                if act.get(key):
                    quantity(f"{akey}.{key}", act[key], ("fiscal_year",) if key == "baseline" else ())
            for y in act.get("years") or []:
                for key in ("target", "actual"):
                    if y.get(key):
                        quantity(f"{akey}.years[{y['fiscal_year']}].{key}", y[key])
    return out


def overlaps(a, b):
    """Same page and boxes overlapping by more than half a point each way."""
    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = a["box"], b["box"]
    return a["page"] == b["page"] and min(ax1, bx1) - max(ax0, bx0) > 0.5 and min(ay1, by1) - max(ay0, by0) > 0.5


def field_of(path):
    """A fact path without its item keys: projects[#3].activities[0].plan.value -> projects.activities.plan.value."""
    return re.sub(r"\[[^]]*\]", "", path)


# The rule file's names of measure fields (rules/README.md) where they differ from the record's.
RULE_FIELDS = {"measure.goal.number": "measure.goal_number", "measure.goal.name": "measure.goal_name",
               "measure.evaluation.grade": "measure.grade", "measure.evaluation.label": "measure.grade_label",
               "measure.review.summary": "measure.review_summary",
               "measure.review.indicators": "measure.review_indicators",
               "measure.review.direction": "measure.review_direction"}


def names_field(warning, path):
    """A warning names a fact's field when it says the field's dotted name (or an enclosing one of
    two parts or more: measure.goal), or its rule-file name (measure.grade), or, placed nowhere,
    the table the fact stands in."""
    field, text = field_of(path), warning.get("message", "") + " " + warning.get("field", "")
    parts = field.split(".")
    names = [".".join(parts[:n]) for n in range(2, len(parts) + 1)] + [RULE_FIELDS.get(field, field)]
    if any(re.search(re.escape(name) + r"(?!\w)", text) for name in names):
        return True
    return "at" not in warning and parts[0] in ("indicators", "projects") and f"{parts[0]} table" in text


def covered(warnings, path, places):
    return any(("at" in w and any(overlaps(w["at"], p) for p in places)) or names_field(w, path) for w in warnings)


def same(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 1e-9
    return a == b or (a in (None, False) and b in (None, False))


# ---------------------------------------------------------------- the run


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sheetx", required=True, help="the sheetx executable")
    ap.add_argument("--rules", help="read with this rule file instead of the shipped one")
    ap.add_argument("--keep", type=pathlib.Path, help="write the PDFs and records here, and keep them")
    ap.add_argument("--verbose", action="store_true", help="list every fact wrong, flagged or not")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sheetx-property-") as tmp:
        work = args.keep or pathlib.Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        cases = draw(work)
        records, refused = extract(args.sheetx, work, args.rules)
        if not records:
            return 1  # extract() said why
        silent = report(cases, records, refused, args.verbose)
        invalid = follow_schema(records, work)
        return 1 if silent or invalid else 0


def draw(work):
    """Every variant's PDF in `work`; returns [(perturbation, sample, what, pdf name, oracle record)]."""
    src = ROOT / "samples" / "src"
    cases = []
    for sample in SAMPLES:
        base = generate.description(src, sample)
        base.pop("warnings", None)  # the oracle predicts them afresh for each variant
        for p_index, (pert, make) in enumerate(PERTURBATIONS.items()):
            rng = random.Random(f"{sample}/{pert}")
            made = 0
            for what, desc in make(copy.deepcopy(base), rng):
                name = f"{sample}--p{p_index}-{made}.pdf"
                try:
                    record, = generate.make_sheets([(sample, desc)], work / name, declared_only=False)
                except ValueError:  # overflows its cell or the page: not a sheet anyone prints
                    (work / name).unlink(missing_ok=True)
                    continue
                cases.append((pert, sample, what, name, record))
                made += 1
                if made == VARIANTS:
                    break
    return cases


def extract(sheetx, work, rules=None):
    """sheetx extract over the folder: records by PDF name, and the PDFs it refused (by name)."""
    run = subprocess.run([sheetx, "extract", str(work), "--format", "jsonl"] + (["--rules", rules] if rules else []),
                         capture_output=True, text=True)
    records = {}
    for line in run.stdout.splitlines():
        record = json.loads(line)
        records.setdefault(pathlib.Path(record["source"]["path"]).name, []).append(record)
    refused = {pathlib.Path(m.group(1)).name for m in re.finditer(r"^sheetx: (.+?\.pdf): ", run.stderr, re.M)}
    if not records:
        print(f"sheetx extract read no sheet at all (exit {run.returncode}): {run.stderr[:500]}")
    return records, refused


def follow_schema(records, work):
    """Every record read from a variant validates against the schema (issue 12: output never
    contradicts the schema, whatever the sheet); 0 when all do."""
    path = work / "records.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for rs in records.values() for r in rs),
                    encoding="utf-8")
    run = subprocess.run(["/usr/bin/python3", str(ROOT / "scripts" / "validate-records.py"), "--jsonl", str(path)],
                         capture_output=True, text=True)
    print(f"{sum(map(len, records.values()))} records read from the variants; schema: "
          + ("all valid" if run.returncode == 0 else "INVALID\n" + run.stdout + run.stderr))
    return run.returncode


def report(cases, records, refused, verbose):
    table = {}  # (perturbation, sample) -> [variants, wrong, flagged, doubts, doubts flagged]
    misses = {}  # variant -> what went unflagged
    for pert, sample, what, name, expected in cases:
        variant = f"{name} ({pert}: {what})"
        row = table.setdefault((pert, sample), [0, 0, 0, 0, 0])
        row[0] += 1
        got = records.get(name, [])
        if len(got) != 1:
            loud = name in refused
            n = len(facts(expected))
            row[1] += n
            row[2] += n if loud else 0
            if not loud:
                misses.setdefault(variant, []).append(f"{len(got)} records and no message")
            continue
        got = got[0]
        warnings = got.get("warnings", [])
        want, have = facts(expected), facts(got)
        for path in sorted(set(want) | set(have)):
            w_value, w_places = want.get(path, (None, []))
            h_value, h_places = have.get(path, (None, []))
            if same(w_value, h_value):
                continue
            row[1] += 1
            flagged = covered(warnings, path, w_places + h_places)
            row[2] += flagged
            line = f"{path}: expected {w_value!r}, read {h_value!r}"
            if not flagged:
                misses.setdefault(variant, []).append(line)
            elif verbose:
                print(f"flagged  {variant}: {line}")
        for doubt in (w for w in expected["warnings"] if w["code"] in ("figure-problem", "unreadable-figure")):
            row[3] += 1
            if any("at" in w and overlaps(w["at"], doubt["at"]) for w in warnings):
                row[4] += 1
            else:
                misses.setdefault(variant, []).append(f"doubt not reported: {doubt['message']}")
    print_table(table)
    for variant, lines in misses.items():
        shown = lines if verbose else lines[:3]
        print(f"SILENT   {variant}: {len(lines)} facts, " + "; ".join(shown) + ("" if shown == lines else "; …"))
    wrong = sum(r[1] + r[3] for r in table.values())
    flagged = sum(r[2] + r[4] for r in table.values())
    print(f"{len(cases)} variants; {wrong} facts wrong or in doubt, {flagged} flagged "
          f"({100.0 * flagged / wrong if wrong else 100:.1f}%)")
    return 0 if flagged == wrong and cases else 1


def print_table(table):
    """Rows: perturbations; columns: samples and all; each cell `wrong/flagged` facts, then
    `+doubts/flagged`, then (variants)."""
    width = 24

    def cell(rows):
        r = [sum(col) for col in zip(*rows)] if rows else None
        return "-" if not r else f"{r[1]}/{r[2]}" + (f" +{r[3]}/{r[4]}" if r[3] else "") + f" ({r[0]})"

    print(f"{'perturbation':22}" + "".join(f"{s:>{width}}" for s in SAMPLES + ["all"]))
    for pert in PERTURBATIONS:
        rows = [[table[(pert, s)]] if (pert, s) in table else [] for s in SAMPLES]
        print(f"{pert:22}" + "".join(f"{cell(r):>{width}}" for r in rows + [sum(rows, [])]))
    print("cell: facts wrong/flagged +doubts/flagged (variants drawn)")


if __name__ == "__main__":
    sys.exit(main())
