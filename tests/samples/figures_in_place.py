#!/usr/bin/env python3
"""Every figure of every expected file stands where the expected file says: the words of
`pdftotext -bbox` whose centres fall in the quantity's `at` box, read top to bottom and left to
right, spell its `raw` (white space aside). Checks the expected files against the PDFs with
Poppler's own tool, not with sheetx. Usage: figures_in_place.py SAMPLES_DIR"""
import glob
import html
import json
import re
import subprocess
import sys

WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>')


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


def quantities(node):
    if isinstance(node, dict):
        if "raw" in node and "at" in node:
            yield node
        for value in node.values():
            yield from quantities(value)
    elif isinstance(node, list):
        for value in node:
            yield from quantities(value)


def main(samples):
    total = wrong = 0
    for expected in sorted(glob.glob(f"{samples}/*.expected.json")):
        record = json.load(open(expected, encoding="utf-8"))
        pages = words_by_page(f"{samples}/{record['source']['path']}")
        for q in quantities(record):
            x0, y0, x1, y1 = q["at"]["box"]
            inside = [w for w in pages[q["at"]["page"] - 1]
                      if x0 <= (w[0] + w[2]) / 2 <= x1 and y0 <= (w[1] + w[3]) / 2 <= y1]
            printed = "".join(w[4] for w in sorted(inside, key=lambda w: (round(w[1]), w[0])))
            total += 1
            if printed != re.sub(r"\s", "", q["raw"]):
                wrong += 1
                print(f"{expected}: page {q['at']['page']} {q['raw']!r}: the PDF prints {printed!r} there")
    print(f"{total} quantities, {wrong} differ from pdftotext's words in their box")
    return 1 if wrong or not total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
