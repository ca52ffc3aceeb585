// A page's contents in one pass of Poppler's core: its text runs and its vector paths (the raw
// material of ruling lines). The only part of the extractor that uses Poppler's private core API
// (it moves between releases), so it stays behind this small interface.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "sheetx/extractor.h"

class PDFDoc;

namespace sheetx::extractor {

// A stroked straight segment (width = the pen's width), a filled rectangle or an image placed
// upright (its box); points, top-left origin, on the page as displayed.
struct PathPiece {
  Box box;            // for a segment: its two ends (x0 == x1 or y0 == y1)
  double width = 0;   // pen width for a stroke, 0 for a fill
  bool filled = false;  // a filled rectangle, or an image
  bool image = false;   // an image: an edge only when thin (dotted edges tiled from tiny images)
  bool white = false;  // drawn in white (or near): invisible on paper unless over a colour
};

struct PageContent {
  // Text runs as poppler-cpp's page::text_list makes them (same TextOutputDev settings), in
  // Poppler's order.
  std::vector<Word> words;
  // Axis-parallel stroked segments, filled rectangles and upright images; curves and slanted
  // segments left out.
  std::vector<PathPiece> paths;
  // Stroked closed subpaths of curves with no straight piece as long as an edge (ellipses,
  // circles): the box each spans. They give no path pieces.
  std::vector<Box> marks;
  // The page's annotations (only when asked for): never drawn into words or paths.
  std::vector<Annotation> annotations;
  // Poppler keeps at most kMaxTinyChars characters under 3 points wide per page and drops the
  // rest without a word (TextPage::addChar); true when this page had more.
  bool tiny_chars_dropped = false;
};

constexpr int kMaxTinyChars = 50000;

class PageContents {
 public:
  // Reads the pages of a document opened by PopplerDocument, which must outlive this object.
  explicit PageContents(PDFDoc& document);
  ~PageContents();
  PageContents(const PageContents&) = delete;
  PageContents& operator=(const PageContents&) = delete;

  // 1-based. The page's own content only (annotations are listed apart when settings.annotations);
  // a run whose box is taller than settings.max_glyph_box_em ems is cut to one em on its baseline.
  PageContent read(int page_number, const Settings& settings) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sheetx::extractor
