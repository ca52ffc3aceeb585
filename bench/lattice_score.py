#!/usr/bin/python3
"""Scores `sheetx layout` on ruled tables made by others, cell by cell.

Usage: python3 bench/lattice_score.py LATTICE_DIR [--sheetx PATH]

LATTICE_DIR holds PDFs and cases.json (see its README): each case names a PDF, a page and the
index of a table on that page, with the expected grid. A case passes when the table has the
expected rows and columns and every cell's text, whitespace removed, is the expected one (a
merged cell's text at its top-left position, "" at the other positions it covers).
Prints one line per case and `score: P/N`; exits 0 (the caller judges the score). A missing
LATTICE_DIR, cases.json or sheetx binary is one line `lattice_score.py: PATH: CAUSE` and exit 2.
"""
import argparse
import json
import os
import re
import subprocess
import sys

def squash(text):
    return re.sub(r"\s+", "", text)

def grid(table):
    """The table as rows of cell texts, a merged cell's text at its top-left position."""
    rows = [["" for _ in range(table["cols"])] for _ in range(table["rows"])]
    for cell in table["cells"]:
        rows[cell["row"]][cell["col"]] = cell["text"]
    return rows

def score_case(case, layout):
    page = next((p for p in layout["pages"] if p["number"] == case["page"]), None)
    if page is None or case["table_index"] >= len(page["tables"]):
        found = 0 if page is None else len(page["tables"])
        return False, f"table {case['table_index']} not found ({found} tables on the page)"
    table = page["tables"][case["table_index"]]
    if (table["rows"], table["cols"]) != (case["rows"], case["columns"]):
        return False, f"grid {table['rows']}x{table['cols']}, expected {case['rows']}x{case['columns']}"
    got = grid(table)
    wrong = [(r, c, got[r][c], want)
             for r, row in enumerate(case["cells"]) for c, want in enumerate(row)
             if squash(got[r][c]) != squash(want)]
    if wrong:
        r, c, g, w = wrong[0]
        return False, f"{len(wrong)} cells differ, first ({r},{c}): {g!r} != {w!r}"
    return True, f"{case['rows']}x{case['columns']} exact"

def fail(path, cause):
    print(f"lattice_score.py: {path}: {cause}", file=sys.stderr)
    sys.exit(2)

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lattice_dir")
    parser.add_argument("--sheetx", default=os.environ.get("SHEETX", "build/sheetx"))
    args = parser.parse_args()
    cases_path = os.path.join(args.lattice_dir, "cases.json")
    if not os.path.isfile(cases_path):
        fail(cases_path, "no such file (LATTICE_DIR is the folder of the external lattice cases)")
    if not (os.path.isfile(args.sheetx) and os.access(args.sheetx, os.X_OK)):
        fail(args.sheetx, "no sheetx binary here (build it first: bash scripts/build.sh)")
    try:
        with open(cases_path, encoding="utf-8") as f:
            cases = json.load(f)
    except (OSError, ValueError) as e:
        fail(cases_path, str(e))
    layouts = {}
    passed = 0
    for case in cases:
        key = (case["pdf"], case["page"])
        if key not in layouts:
            run = subprocess.run([args.sheetx, "layout", os.path.join(args.lattice_dir, case["pdf"]),
                                  "--page", str(case["page"])], capture_output=True, text=True)
            try:
                layouts[key] = json.loads(run.stdout) if run.returncode == 0 else run.stderr.strip()
            except ValueError as e:
                layouts[key] = f"unreadable JSON ({e})"
        layout = layouts[key]
        if isinstance(layout, str):
            ok, why = False, f"sheetx layout failed: {layout}"
        else:
            ok, why = score_case(case, layout)
        passed += ok
        print(f"{'PASS' if ok else 'FAIL'} {case['pdf']} p{case['page']} t{case['table_index']}: {why}")
    print(f"score: {passed}/{len(cases)}")

if __name__ == "__main__":
    sys.exit(main())
