"""A minimal PDF writer for the extractor's producer cases: pages of raw content operators, the
fonts producers use (a Latin Type1, Japanese CID fonts written horizontally and vertically, a
symbol font whose glyph boxes are far taller than its glyphs), small images and annotations.

Coordinates given to the helpers are points from the page's top-left corner, as sheetx reports
them; the writer turns them into PDF's bottom-left frame.
"""


def _hex_utf16(text):
    return "".join(f"{ord(c):04X}" for c in text)


def _to_unicode_cmap():
    # CID = the character's UTF-16 code unit (BMP only), both for Identity-H and Identity-V.
    ranges = "\n".join(f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256))
    return ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"256 beginbfrange\n{ranges}\nendbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end\n")


class Page:
    def __init__(self, width, height):
        self.width, self.height = width, height
        self.ops = []
        self.annots = []   # (dict body without /P, appearance stream or None)
        self.images = {}   # name -> (w, h, gray bytes)

    def y(self, top):
        return self.height - top

    # --- paths -----------------------------------------------------------------------------
    def line(self, x0, y0, x1, y1, width=0.5, gray=0.0, dash=None):
        d = f"[{' '.join(str(v) for v in dash)}] 0 d " if dash else ""
        self.ops.append(f"q {d}{gray} G {width} w {x0} {self.y(y0)} m {x1} {self.y(y1)} l S Q")

    def rect_fill(self, x0, y0, x1, y1, gray=0.8, rgb=None):
        colour = f"{rgb[0]} {rgb[1]} {rgb[2]} rg" if rgb else f"{gray} g"
        self.ops.append(f"q {colour} {x0} {self.y(y1)} {x1 - x0} {y1 - y0} re f Q")

    def rect_stroke(self, x0, y0, x1, y1, width=0.5):
        self.ops.append(f"q 0 G {width} w {x0} {self.y(y1)} {x1 - x0} {y1 - y0} re S Q")

    def grid(self, xs, ys, width=0.5):
        """Every row and column edge of a fully ruled grid."""
        for y in ys:
            self.line(xs[0], y, xs[-1], y, width)
        for x in xs:
            self.line(x, ys[0], x, ys[-1], width)

    # --- text ------------------------------------------------------------------------------
    def text(self, x, baseline, s, size=10, font="F1"):
        """Latin text (WinAnsi) with its baseline at `baseline` from the top."""
        esc = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        self.ops.append(f"BT /{font} {size} Tf {x} {self.y(baseline)} Td ({esc}) Tj ET")

    def jtext(self, x, baseline, s, size=10):
        """Japanese text written horizontally (Identity-H)."""
        self.ops.append(f"BT /FJ {size} Tf {x} {self.y(baseline)} Td <{_hex_utf16(s)}> Tj ET")

    def jvertical(self, x_centre, top, s, size=10):
        """Japanese text written vertically (Identity-V), a column centred on x_centre from top."""
        self.ops.append(f"BT /FV {size} Tf {x_centre} {self.y(top)} Td <{_hex_utf16(s)}> Tj ET")

    def jchar_column(self, x, top, s, size=10):
        """A column of upright characters, each placed apart (how Excel and Word stack vertical
        text in a cell): one character per em, top to bottom."""
        for i, c in enumerate(s):
            self.jtext(x, top + (i + 0.88) * size, c, size)

    # --- images and annotations ------------------------------------------------------------
    def image(self, x0, y0, x1, y1, name="Dot"):
        """A 1x1 black image XObject painted over the box."""
        self.images[name] = (1, 1, b"\x00")
        self.ops.append(f"q {x1 - x0} 0 0 {y1 - y0} {x0} {self.y(y1)} cm /{name} Do Q")

    def annotation(self, subtype, box, contents, appearance=None, extra=""):
        x0, y0, x1, y1 = box
        rect = f"[{x0} {self.y(y1)} {x1} {self.y(y0)}]"
        body = f"/Type /Annot /Subtype /{subtype} /Rect {rect} /Contents ({contents}) /F 4 {extra}"
        self.annots.append((body, appearance, rect))


def write(path, pages):
    objs = []  # index+1 = object number

    def add(body):
        objs.append(body)
        return len(objs)

    def stream(data, extra=""):
        if isinstance(data, str):
            data = data.encode("latin-1")
        return b"<< /Length %d %s>>\nstream\n" % (len(data), extra.encode()) + data + b"\nendstream"

    tounicode = add(stream(_to_unicode_cmap()))
    desc_j = add(b"<< /Type /FontDescriptor /FontName /MS-Mincho /Flags 4 /FontBBox [0 -141 1000 859] "
                 b"/ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>")

    def cid_font(encoding):
        cid = add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /MS-Mincho /CIDSystemInfo << /Registry "
                  b"(Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 1000 "
                  b"/DW2 [880 -1000] /CIDToGIDMap /Identity >>" % desc_j)
        return add(b"<< /Type /Font /Subtype /Type0 /BaseFont /MS-Mincho /Encoding /%s /DescendantFonts "
                   b"[%d 0 R] /ToUnicode %d 0 R >>" % (encoding.encode(), cid, tounicode))

    fonts = {
        "F1": add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        "FJ": cid_font("Identity-H"),
        "FV": cid_font("Identity-V"),
    }
    # A symbol font as Word embeds bullets: its descriptor's ascent and descent make every glyph
    # box 2.5 em tall, far taller than the bullet drawn.
    desc_tall = add(b"<< /Type /FontDescriptor /FontName /BulletSymbols /Flags 32 /FontBBox [0 -1000 1000 1500] "
                    b"/ItalicAngle 0 /Ascent 1500 /Descent -1000 /CapHeight 700 /StemV 80 >>")
    fonts["FS"] = add(b"<< /Type /Font /Subtype /TrueType /BaseFont /BulletSymbols /FirstChar 32 /LastChar 255 "
                      b"/Widths [%s] /Encoding /WinAnsiEncoding /FontDescriptor %d 0 R >>"
                      % (b" ".join([b"600"] * 224), desc_tall))
    font_dict = " ".join(f"/{k} {v} 0 R" for k, v in fonts.items())

    pages_obj = add(b"")  # filled in below
    kids = []
    for page in pages:
        xobjects = {}
        for name, (w, h, data) in page.images.items():
            xobjects[name] = add(stream(data, f"/Type /XObject /Subtype /Image /Width {w} /Height {h} "
                                              f"/ColorSpace /DeviceGray /BitsPerComponent 8 "))
        xo = " ".join(f"/{k} {v} 0 R" for k, v in xobjects.items())
        content = add(stream("\n".join(page.ops)))
        annot_refs = []
        page_obj = add(b"")
        for body, appearance, rect in page.annots:
            ap = ""
            if appearance is not None:
                ap_obj = add(stream(appearance, f"/Type /XObject /Subtype /Form /BBox {rect} "
                                                f"/Resources << /Font << {font_dict} >> >> "))
                ap = f"/AP << /N {ap_obj} 0 R >>"
            annot_refs.append(add(f"<< {body} {ap} /P {page_obj} 0 R >>".encode()))
        annots = f"/Annots [{' '.join(f'{a} 0 R' for a in annot_refs)}]" if annot_refs else ""
        objs[page_obj - 1] = (f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {page.width} {page.height}] "
                              f"/Resources << /Font << {font_dict} >> /XObject << {xo} >> >> "
                              f"/Contents {content} 0 R {annots} >>").encode()
        kids.append(page_obj)
    objs[pages_obj - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                           f"/Count {len(kids)} >>").encode()
    catalog = add(f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode())

    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs):
        if isinstance(body, str):
            body = body.encode()
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(bytes(out))
