// Box arithmetic, and turning page boxes into the frame where a rotated text reads left to right,
// top to bottom.
#pragma once

#include <algorithm>

#include "sheetx/extractor.h"

namespace sheetx::extractor {

// The smallest box holding both.
inline Box unite(const Box& a, const Box& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

// The box as seen after turning the page so that text drawn at `rotation` degrees clockwise
// (0, 90, 180, 270) stands upright; page_width and page_height are the page's size as displayed.
inline Box to_upright(const Box& b, int rotation, double page_width, double page_height) {
  switch (rotation) {
    case 90:  // reads downwards, first line on the right
      return {b.y0, page_width - b.x1, b.y1, page_width - b.x0};
    case 180:
      return {page_width - b.x1, page_height - b.y1, page_width - b.x0, page_height - b.y0};
    case 270:  // reads upwards, first line on the left
      return {page_height - b.y1, b.x0, page_height - b.y0, b.x1};
    default:
      return b;
  }
}

}  // namespace sheetx::extractor
