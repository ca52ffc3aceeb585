// The table finder at its settings' boundaries, on pages written here in raw PDF operators
// (tests/robustness/hostile_pdfs.h writes the file around them): a pen exactly
// max_edge_thickness wide still draws an edge, two parallel edges exactly snap_tolerance apart
// are one edge, a filled bar with a corner half a point off is one; and tables come in reading order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hostile_pdfs.h"
#include "sheetx/extractor.h"

namespace ex = sheetx::extractor;
namespace pdf = sheetx::testing::hostile;

namespace {

constexpr double kPageHeight = 842;  // hostile_pdfs.h's pages are A4 portrait

// A line from (x0, y0) to (x1, y1), points from the page's top, stroked with the pen `pen`
// (operators setting its width and colour).
std::string line(double x0, double y0, double x1, double y1, const std::string& pen) {
  return "q " + pen + " " + std::to_string(x0) + " " + std::to_string(kPageHeight - y0) + " m " + std::to_string(x1) +
         " " + std::to_string(kPageHeight - y1) + " l S Q\n";
}

// A word with its baseline at (x, baseline) from the page's top.
std::string word(double x, double baseline, const std::string& text) {
  return "BT /F1 10 Tf " + std::to_string(x) + " " + std::to_string(kPageHeight - baseline) + " Td (" + text + ") Tj ET\n";
}

// A 2 x 2 grid (columns at x 100, 200, 300; rows at y 100, 130, 160 from the top) ruled with
// `pen`, a word in each cell.
std::string grid(const std::string& pen) {
  std::string ops;
  for (double y : {100, 130, 160}) ops += line(100, y, 300, y, pen);
  for (double x : {100, 200, 300}) ops += line(x, 100, x, 160, pen);
  return ops + word(110, 120, "Ward") + word(210, 120, "Beds") + word(110, 150, "Taito") + word(210, 150, "340");
}

ex::Page page_of(const std::string& content, ex::Settings settings = {}) {
  ex::Document doc = ex::extract_bytes(pdf::one_page(pdf::stream(content)), "table-finder.pdf", settings);
  EXPECT_EQ(doc.pages.size(), 1u);
  return doc.pages.at(0);
}

// background_lines_1.pdf draws its edges as white lines over coloured cells: a white pen no wider
// than max_edge_thickness draws an edge. A wider pen paints a band, a fill, and a white fill shows
// nothing on paper.
TEST(TableFinder, AWhitePenAsWideAsAnEdgeDrawsEdges) {
  const std::string white_pen = "1 1 1 RG 3 w";  // exactly max_edge_thickness (3)
  ex::Page page = page_of(grid(white_pen));
  ASSERT_EQ(page.tables.size(), 1u);
  const ex::Table& table = page.tables[0];
  EXPECT_EQ(table.rows, 2);
  EXPECT_EQ(table.cols, 2);
  ASSERT_NE(table.at(1, 1), nullptr);
  EXPECT_EQ(table.at(1, 1)->text, "340");

  ex::Settings thinner_edges;
  thinner_edges.max_edge_thickness = 2.9;  // the same pen is now wider than an edge
  EXPECT_TRUE(page_of(grid(white_pen), thinner_edges).tables.empty());
}

// A double border (two lines 2 points apart, as spreadsheets draw one under a header) is one edge
// at their middle while they are no farther apart than snap_tolerance (2), not a row 2 points high.
TEST(TableFinder, TwoEdgesSnapToleranceApartAreOne) {
  const std::string pen = "0 G 0.5 w";
  const std::string doubled = grid(pen) + line(100, 132, 300, 132, pen);  // the second line of y 130
  ex::Page page = page_of(doubled);
  ASSERT_EQ(page.tables.size(), 1u);
  const ex::Table& table = page.tables[0];
  EXPECT_EQ(table.rows, 2);
  ASSERT_EQ(table.row_edges.size(), 3u);
  EXPECT_DOUBLE_EQ(table.row_edges[1], 131);
  ASSERT_NE(table.at(1, 0), nullptr);
  EXPECT_EQ(table.at(1, 0)->text, "Taito");

  ex::Settings closer;
  closer.snap_tolerance = 1.9;  // the two lines are now two edges, a thin row between them
  EXPECT_EQ(page_of(doubled, closer).tables.at(0).rows, 3);
}

// Spreadsheets draw thin borders as filled bars. A bar whose corner a producer's rounding left up
// to half a point off (kSlantTolerance) is still a rectangle, so its edge is kept; a corner a
// whole point off makes a slanted shape, no edge.
TEST(TableFinder, ABarWithACornerHalfAPointOffIsStillAnEdge) {
  auto at = [](double x, double y) { return std::to_string(x) + " " + std::to_string(kPageHeight - y); };
  // A filled bar from (x0, y0) to (x1, y1), its top-left corner raised by `raised`.
  auto bar = [&](double x0, double y0, double x1, double y1, double raised) {
    return "0 g " + at(x0, y0 - raised) + " m " + at(x1, y0) + " l " + at(x1, y1) + " l " + at(x0, y1) + " l h f\n";
  };
  auto bars = [&](double raised) {
    std::string ops = bar(100, 100, 301, 101, 0) + bar(100, 130, 301, 131, raised) + bar(100, 160, 301, 161, 0);
    for (double x : {100, 200, 300}) ops += bar(x, 100, x + 1, 161, 0);
    return ops + word(110, 120, "Ward") + word(210, 120, "Beds") + word(110, 150, "Taito") + word(210, 150, "340");
  };
  ex::Page page = page_of(bars(0.5));
  ASSERT_EQ(page.tables.size(), 1u);
  EXPECT_EQ(page.tables[0].rows, 2);
  ASSERT_NE(page.tables[0].at(1, 1), nullptr);
  EXPECT_EQ(page.tables[0].at(1, 1)->text, "340");

  ex::Page slanted = page_of(bars(1));
  ASSERT_EQ(slanted.tables.size(), 1u);
  EXPECT_EQ(slanted.tables[0].rows, 1);
}

// Tables come in the page's reading order, top to bottom, whatever order the finder met them in
// (it meets them by their corners, left to right): a rule's `table` numbers count in this order.
TEST(TableFinder, TablesComeInReadingOrderTopToBottom) {
  const std::string pen = "0 G 0.5 w";
  // One ruled box of two cells, its top-left corner at (x, y), its words in the cells.
  auto box = [&](double x, double y, const std::string& left, const std::string& right) {
    std::string ops;
    for (double dy : {0, 30}) ops += line(x, y + dy, x + 200, y + dy, pen);
    for (double dx : {0, 100, 200}) ops += line(x + dx, y, x + dx, y + 30, pen);
    return ops + word(x + 10, y + 20, left) + word(x + 110, y + 20, right);
  };
  ex::Page page = page_of(box(50, 400, "Lower", "left") + box(350, 100, "Upper", "right"));
  ASSERT_EQ(page.tables.size(), 2u);
  ASSERT_NE(page.tables[0].at(0, 0), nullptr);
  EXPECT_EQ(page.tables[0].at(0, 0)->text, "Upper");
  ASSERT_NE(page.tables[1].at(0, 0), nullptr);
  EXPECT_EQ(page.tables[1].at(0, 0)->text, "Lower");
}

}  // namespace
