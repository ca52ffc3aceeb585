// Pages with drawn marks for the extractor's and the command line's tests: a small ruled table
// with words, and ellipses as four Bézier curves (as reportlab's canvas.ellipse and Excel draw
// them), in raw PDF operators; hostile_pdfs.h (tests/robustness) writes the file around them.
#pragma once

#include <sstream>
#include <string>

#include "hostile_pdfs.h"

namespace sheetx::testing::marked {

constexpr double kPageHeight = 842;
// The handle length of a quarter circle drawn as one cubic Bézier curve.
constexpr double kQuarter = 0.5523;

// An ellipse centred at (cx, cy) from the page's top, radii rx and ry, as four curves in PDF user
// space, stroked; `close` adds the closing operator h (some producers leave it out, the last
// curve ending at the first point).
inline std::string ellipse(double cx, double cy, double rx, double ry, bool close = true) {
  double y = kPageHeight - cy;
  std::ostringstream out;
  out << "q 0.8 w " << cx + rx << " " << y << " m "
      << cx + rx << " " << y + kQuarter * ry << " " << cx + kQuarter * rx << " " << y + ry << " " << cx << " " << y + ry << " c "
      << cx - kQuarter * rx << " " << y + ry << " " << cx - rx << " " << y + kQuarter * ry << " " << cx - rx << " " << y << " c "
      << cx - rx << " " << y - kQuarter * ry << " " << cx - kQuarter * rx << " " << y - ry << " " << cx << " " << y - ry << " c "
      << cx + kQuarter * rx << " " << y - ry << " " << cx + rx << " " << y - kQuarter * ry << " " << cx + rx << " " << y << " c "
      << (close ? "h " : "") << "S Q\n";
  return out.str();
}

// A 3 x 3 ruled table (columns at x 100, 200, 300, 400; rows at y 100, 130, 160, 190 from the
// top) with a word in each cell, and the options line "Yes No" under it.
inline std::string ruled_table() {
  std::string ops = "0.5 w\n";
  for (double y : {100, 130, 160, 190}) ops += "100 " + std::to_string(kPageHeight - y) + " m 400 " + std::to_string(kPageHeight - y) + " l S\n";
  for (double x : {100, 200, 300, 400}) {
    ops += std::to_string(x) + " " + std::to_string(kPageHeight - 100) + " m " + std::to_string(x) + " " +
           std::to_string(kPageHeight - 190) + " l S\n";
  }
  const char* words[3][3] = {{"Name", "Kind", "Choice"}, {"Alpha", "Legal", "Keep"}, {"Beta", "Free", "Stop"}};
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) {
      ops += "BT /F1 10 Tf " + std::to_string(110 + 100 * c) + " " + std::to_string(kPageHeight - 120 - 30 * r) + " Td (" +
             words[r][c] + ") Tj ET\n";
    }
  }
  return ops + "BT /F1 10 Tf 110 " + std::to_string(kPageHeight - 230) + " Td (Yes) Tj 30 0 Td (No) Tj ET\n";
}

// One page: the ruled table and `extra` operators.
inline std::string marked_pdf(const std::string& extra) {
  return hostile::one_page(hostile::stream(ruled_table() + extra));
}

}  // namespace sheetx::testing::marked
