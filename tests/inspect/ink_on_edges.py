#!/usr/bin/python3
"""Checks that a report's page image and its overlay agree: the ruling lines the extractor found
must lie on dark pixels of the image Poppler rendered, and the same lines moved aside must not.

Usage: ink_on_edges.py REPORT.html PAGE
Prints "inked N/M shifted K/M": of M ruling lines drawn on PAGE, N lie on ink where drawn and K
lie on ink when moved 6 points aside. Needs python3-pil (Debian; reportlab depends on it).
"""
import base64
import io
import re
import sys

from PIL import Image


def page_section(html, page):
    start = html.index(f'<section class="page" id="page-{page}"')
    end = html.find('<section class="page"', start + 1)
    return html[start:end if end >= 0 else len(html)]


def inked(image, scale, x0, y0, x1, y1):
    """Whether most points along the line (in points) have a dark pixel within 2 px of it."""
    steps = max(2, int(max(abs(x1 - x0), abs(y1 - y0)) * scale / 3))
    dark = 0
    for i in range(steps + 1):
        x = (x0 + (x1 - x0) * i / steps) * scale
        y = (y0 + (y1 - y0) * i / steps) * scale
        window = [(round(x) + dx, round(y) + dy) for dx in (-2, -1, 0, 1, 2) for dy in (-2, -1, 0, 1, 2)]
        inside = [(px, py) for px, py in window if 0 <= px < image.width and 0 <= py < image.height]
        if inside and min(image.getpixel(p) for p in inside) < 128:
            dark += 1
    return dark > 0.8 * (steps + 1)


def main():
    html = open(sys.argv[1], encoding="utf-8").read()
    section = page_section(html, int(sys.argv[2]))
    width = float(re.search(r'viewBox="0 0 ([0-9.]+) ', section).group(1))
    data = re.search(r'href="data:image/png;base64,([^"]+)"', section).group(1)
    image = Image.open(io.BytesIO(base64.b64decode(data))).convert("L")
    scale = image.width / width
    lines = [tuple(map(float, m)) for m in
             re.findall(r'<line x1="([0-9.]+)" y1="([0-9.]+)" x2="([0-9.]+)" y2="([0-9.]+)"/>', section)]
    on = sum(inked(image, scale, *line) for line in lines)
    # Aside: across the line's direction (down for a horizontal line, right for a vertical one).
    aside = sum(inked(image, scale, x0 + (6 if x0 == x1 else 0), y0 + (6 if y0 == y1 else 0),
                      x1 + (6 if x0 == x1 else 0), y1 + (6 if y0 == y1 else 0)) for x0, y0, x1, y1 in lines)
    print(f"inked {on}/{len(lines)} shifted {aside}/{len(lines)}")


if __name__ == "__main__":
    main()
