// Hostile PDFs written byte by byte at test time: small files whose structure attacks a parser
// (self-invoking forms, deep nesting, thousands of pages, 100,000 text runs, a content stream
// that inflates into millions of operators). Each is a valid PDF as far as its header, xref and
// trailer go, so the attack reaches Poppler's content parser rather than stopping at the door.
#pragma once

#include <zlib.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace sheetx::testing::hostile {

// A PDF from its objects' bodies: bodies[i] is object i + 1; object 1 must be the catalog.
inline std::string pdf_from_objects(const std::vector<std::string>& bodies) {
  std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(bodies.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char entry[21];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(bodies.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

inline std::string stream(const std::string& data, const std::string& dictionary_entries = "") {
  return "<< /Length " + std::to_string(data.size()) + " " + dictionary_entries + " >>\nstream\n" + data +
         "\nendstream";
}

// A Flate stream: a few KiB on disk for megabytes of content.
inline std::string deflated_stream(const std::string& data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string packed(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(packed.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                static_cast<uLong>(data.size()), Z_BEST_COMPRESSION) != Z_OK) {
    throw std::runtime_error("zlib cannot compress the test stream");
  }
  packed.resize(size);
  return stream(packed, "/Filter /FlateDecode");
}

constexpr const char* kCatalog = "<< /Type /Catalog /Pages 2 0 R >>";
constexpr const char* kSomeText = "BT /F1 12 Tf 72 770 Td (hostile) Tj ET\n";

// A page under the page tree root (object 2), drawn by object `contents`, with Helvetica as F1.
inline std::string page_object(int contents, const std::string& resources = "",
                               const std::string& media_box = "0 0 595 842") {
  return "<< /Type /Page /Parent 2 0 R /MediaBox [" + media_box + "] /Contents " + std::to_string(contents) +
         " 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> " + resources +
         " >> >>";
}

// One page (objects 1-4: catalog, pages, page, content) with the given content and extra page
// resources; more objects follow as `extra` (object 5 on).
inline std::string one_page(const std::string& content_object, const std::string& resources = "",
                            const std::vector<std::string>& extra = {}, const std::string& media_box = "0 0 595 842") {
  std::vector<std::string> bodies = {kCatalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                     page_object(4, resources, media_box), content_object};
  bodies.insert(bodies.end(), extra.begin(), extra.end());
  return pdf_from_objects(bodies);
}

// A page that draws form X1, which draws a second form, which draws X1 again: recursion without
// end unless the parser notices.
inline std::string self_invoking_forms() {
  const std::string form = "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X 6 0 R >> >>";
  const std::string other = "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X 5 0 R >> >>";
  return one_page(stream(std::string(kSomeText) + "/X1 Do\n"), "/XObject << /X1 5 0 R >>",
                  {stream("0 0 m 10 10 l S /X Do\n", form), stream("/X Do\n", other)});
}

// A page tree that holds itself: the root's kids are a page, the root again, and a node whose
// kids are itself and the root.
inline std::string page_tree_loop() {
  return pdf_from_objects({kCatalog, "<< /Type /Pages /Kids [3 0 R 2 0 R 5 0 R] /Count 3 >>", page_object(4),
                           stream(kSomeText), "<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 2 0 R] /Count 2 >>"});
}

// `depth` levels of nested arrays and dictionaries, both in the page's content stream and in an
// object of the file itself.
inline std::string deeply_nested(int depth) {
  std::string arrays(static_cast<std::size_t>(depth), '[');
  arrays += std::string(static_cast<std::size_t>(depth), ']');
  std::string dictionaries;
  for (int i = 0; i < depth; ++i) dictionaries += "<< /A ";
  for (int i = 0; i < depth; ++i) dictionaries += ">> ";
  return one_page(stream(std::string(kSomeText) + arrays + " pop\n" + dictionaries + " pop\n" + arrays + " TJ\n"),
                  "/Nested 5 0 R", {arrays + " " + dictionaries});
}

// `pages` pages, each with one word, all sharing one content stream.
inline std::string many_pages(int pages) {
  std::string kids;
  for (int i = 0; i < pages; ++i) kids += std::to_string(i + 4) + " 0 R ";
  std::vector<std::string> bodies = {
      kCatalog, "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>", stream(kSomeText)};
  bodies.insert(bodies.end(), static_cast<std::size_t>(pages), page_object(3));
  return pdf_from_objects(bodies);
}

// One page with `runs` text runs of one tiny digit each, set like lines of words (every seventh
// a space), in a ruled box: 100,000 runs fill an A4 page at 2 pt.
inline std::string tiny_text_runs(int runs) {
  std::string content = "0.1 w 10 3 575 836 re S BT /F1 2 Tf\n";
  const int per_line = 340;
  for (int i = 0; i < runs; ++i) {
    const double x = 15 + (i % per_line) * 1.2, y = 828 - (i / per_line) * 2.7;
    const char letter = i % 7 == 6 ? ' ' : static_cast<char>('0' + i % 10);
    char op[64];
    std::snprintf(op, sizeof op, "1 0 0 1 %.2f %.2f Tm (%c) Tj\n", x, y, letter);
    content += op;
  }
  return one_page(deflated_stream(content + "ET\n"));
}

// `runs` letters scattered one by one over the page, none close enough to its neighbours to
// make a word: Poppler's text layout (TextPage::coalesce) takes superlinear time on these
// (20,000 take seconds, 40,000 most of a minute): a file that only the time limit stops.
inline std::string scattered_text_runs(int runs) {
  std::string content = "BT /F1 1 Tf\n";
  const int per_line = 400;
  for (int i = 0; i < runs; ++i) {
    const double x = 25 + (i % per_line) * 1.35, y = 815 - (i / per_line) * 3.1;
    char op[64];
    std::snprintf(op, sizeof op, "1 0 0 1 %.2f %.2f Tm (%c) Tj\n", x, y, static_cast<char>('a' + i % 26));
    content += op;
  }
  return one_page(deflated_stream(content + "ET\n"));
}

// One ruled cell holding `lines` printed lines of `width` letters a at 6 points (wide enough
// that Poppler keeps them all), closed by a "!": the text that makes a backtracking regex engine
// run `(a+)+$` for ever. The page grows to hold the cell.
inline std::string long_cell(int lines, int width) {
  const int page_width = 100 + width * 4, page_height = 100 + lines * 7;
  std::string content = "0.5 w 40 40 " + std::to_string(page_width - 80) + " " + std::to_string(page_height - 80) +
                        " re S BT /F1 6 Tf 6.5 TL 45 " + std::to_string(page_height - 45) + " Td\n";
  for (int i = 0; i < lines; ++i) {
    content += "(" + std::string(static_cast<std::size_t>(width), 'a') + (i + 1 == lines ? "!" : "") + ") '\n";
  }
  return one_page(deflated_stream(content + "ET\n"), "", {},
                  "0 0 " + std::to_string(page_width) + " " + std::to_string(page_height));
}

// A page whose content stream inflates from a few KiB to `operators` "q" operators (save the
// graphics state), each of which costs Poppler a copied state that is never restored.
inline std::string state_bomb(std::size_t operators) {
  std::string content = kSomeText;
  content.reserve(content.size() + 2 * operators);
  for (std::size_t i = 0; i < operators; ++i) content += "q\n";
  return one_page(deflated_stream(content));
}

// One page whose title line and ruled cell say, through a font's ToUnicode map (as a crafted
// font would), terminal escape sequences (a window-title change, a colour change, a screen
// clear, a bell, the 8-bit CSI), bidi overrides and isolates, and quotes that close early.
// Codes 1-6 stand for ESC, BEL, U+202E, U+2066, U+009B and U+200F.
inline std::string hostile_text() {
  const std::string cmap =
      "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Hostile def "
      "1 begincodespacerange <00> <FF> endcodespacerange 6 beginbfchar <01> <001B> <02> <0007> <03> <202E> "
      "<04> <2066> <05> <009B> <06> <200F> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end";
  std::string widths;
  for (int i = 0; i < 256; ++i) widths += "600 ";
  const std::string font = "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /FirstChar 0 /LastChar 255 /Widths [" +
                           widths + "] /ToUnicode 5 0 R >>";
  const std::string content =
      "BT /F1 14 Tf 60 780 Td (\\001]0;pwned\\002\\001[31mReview \"sheet\\003 eltit) Tj ET\n"
      "1 w 60 600 300 100 re S 360 600 200 100 re S\n"
      "BT /F1 10 Tf 70 660 Td (\\001[2J\\005 cell \"quoted\\004 \\006x\\\\y) Tj ET\n"
      "BT /F1 10 Tf 370 660 Td (\\001[0m\" 12\\003) Tj ET\n";
  return pdf_from_objects({kCatalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 " +
                               font + " >> >> >>",
                           stream(content), stream(cmap)});
}

}  // namespace sheetx::testing::hostile
