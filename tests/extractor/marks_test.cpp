// Drawn marks (Page::marks): a closed curved path an author drew round a word, as Excel shapes
// circle a chosen option, is a box of its own and never a ruling line or a cell edge. The PDFs are
// written here in raw operators (a ruled table, words, and ellipses as four Bézier curves, as
// reportlab's canvas.ellipse and Excel draw them).
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>

#include "marked_pdfs.h"
#include "sheetx/extractor.h"

namespace ex = sheetx::extractor;
namespace pdf = sheetx::testing::hostile;
using namespace sheetx::testing::marked;

namespace {

ex::Page page_of(const std::string& content) {
  ex::Document doc = ex::extract_bytes(pdf::one_page(pdf::stream(content)), "marks.pdf");
  EXPECT_EQ(doc.pages.size(), 1u);
  return doc.pages.at(0);
}

void expect_box(const ex::Box& box, double x0, double y0, double x1, double y1, double tolerance = 0.01) {
  EXPECT_NEAR(box.x0, x0, tolerance);
  EXPECT_NEAR(box.y0, y0, tolerance);
  EXPECT_NEAR(box.x1, x1, tolerance);
  EXPECT_NEAR(box.y1, y1, tolerance);
}

// Everything the table finder made of a page, to compare a page with and without its marks.
std::string grid_of(const ex::Page& page) {
  std::ostringstream out;
  for (const ex::Edge& e : page.edges) out << "edge " << e.x0 << "," << e.y0 << "," << e.x1 << "," << e.y1 << "\n";
  for (const ex::Table& t : page.tables) {
    out << "table " << t.rows << "x" << t.cols << "\n";
    for (const ex::Cell& c : t.cells) {
      out << c.row << "," << c.col << " " << c.row_span << "x" << c.col_span << " " << c.box.x0 << "," << c.box.y0 << ","
          << c.box.x1 << "," << c.box.y1 << " " << c.text << "\n";
    }
  }
  for (const ex::TextBlock& b : page.blocks) out << "block " << b.text << "\n";
  return out.str();
}

TEST(Marks, AnEllipseRoundAWordIsAMarkWithTheBoxItSpans) {
  ex::Page page = page_of(ruled_table() + ellipse(147, 226, 20, 9));  // round "No"
  ASSERT_EQ(page.marks.size(), 1u);
  expect_box(page.marks[0], 127, 217, 167, 235);
  EXPECT_EQ(page.blocks.at(0).text, "Yes No");  // the word it circles stays text
}

TEST(Marks, AnEllipseOverARuledTableLeavesItsGridAsItWas) {
  // Round "Legal" and across the edges round "Free" and "Stop": crossing two column edges and a row edge.
  std::string marked = ruled_table() + ellipse(250, 145, 40, 10) + ellipse(300, 175, 70, 20);
  ex::Page with = page_of(marked);
  ex::Page without = page_of(ruled_table());
  EXPECT_EQ(grid_of(with), grid_of(without));
  ASSERT_EQ(with.tables.size(), 1u);
  EXPECT_EQ(with.tables[0].rows, 3);
  EXPECT_EQ(with.tables[0].cols, 3);
  ASSERT_EQ(with.marks.size(), 2u);  // top to bottom
  expect_box(with.marks[0], 210, 135, 290, 155);
  expect_box(with.marks[1], 230, 155, 370, 195);
}

TEST(Marks, ClosedWithoutTheCloseOperatorAndUnderACtm) {
  // The last curve ends where the first began, no h; then one drawn scaled by the CTM.
  ex::Page page = page_of(ruled_table() + ellipse(147, 226, 20, 9, false) + "q 2 0 0 1 0 0 cm " + ellipse(60, 300, 10, 10) + "Q\n");
  ASSERT_EQ(page.marks.size(), 2u);
  expect_box(page.marks[0], 127, 217, 167, 235);
  expect_box(page.marks[1], 100, 290, 140, 310);
}

TEST(Marks, ATurnedCircleSpansItsCurveNotItsControlPoints) {
  // Turned 30 degrees about its centre, a circle's control points reach past it; the box is the
  // curve's (a Bézier circle is within 0.03% of a true one).
  double c = std::cos(M_PI / 6), s = std::sin(M_PI / 6), cx = 300, cy = kPageHeight - 500;
  std::ostringstream cm;
  cm << "q " << c << " " << s << " " << -s << " " << c << " " << cx - c * cx + s * cy << " " << cy - s * cx - c * cy << " cm ";
  ex::Page page = page_of(ruled_table() + cm.str() + ellipse(300, 500, 40, 40) + "Q\n");
  ASSERT_EQ(page.marks.size(), 1u);
  expect_box(page.marks[0], 260, 460, 340, 540, 0.05);
}

TEST(Marks, OpenCurvesFilledCirclesAndRoundedRectanglesAreNoMarks) {
  double y = kPageHeight - 300;
  std::ostringstream ops;
  // an open arc: half an ellipse
  ops << "100 " << y << " m 100 " << y + 20 << " 140 " << y + 20 << " 140 " << y << " c S\n";
  // a filled circle (a bullet drawn as a path)
  ops << "200 " << y << " m 200 " << y + 5 << " 210 " << y + 5 << " 210 " << y << " c 210 " << y - 5 << " 200 " << y - 5
      << " 200 " << y << " c f\n";
  // a rounded rectangle: straight sides as long as edges, corners as curves
  ops << "305 " << y << " m 395 " << y << " l 400 " << y << " 400 " << y + 5 << " 400 " << y + 5 << " c 400 " << y + 35
      << " l 400 " << y + 40 << " 395 " << y + 40 << " 395 " << y + 40 << " c 305 " << y + 40 << " l 300 " << y + 40 << " 300 "
      << y + 35 << " 300 " << y + 35 << " c 300 " << y + 5 << " l 300 " << y << " 305 " << y << " 305 " << y << " c h S\n";
  ex::Page page = page_of("BT /F1 10 Tf 320 " + std::to_string(y + 15) + " Td (Box) Tj ET\n" + ops.str());
  EXPECT_TRUE(page.marks.empty());
  EXPECT_EQ(page.edges.size(), 4u);  // the rounded rectangle's four sides
}

}  // namespace
