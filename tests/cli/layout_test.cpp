// sheetx layout and sheetx inspect show the marks drawn on a page (an ellipse round a word): in
// the layout JSON as boxes, in the report as ellipses over the page image; the layout JSON lists
// the ruling lines as `edges`.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "../support/test_support.h"
#include "marked_pdfs.h"

namespace {

using namespace sheetx::testing;

fs::path write_marked_pdf(const fs::path& dir) {
  const fs::path pdf = dir / "marked.pdf";
  std::ofstream(pdf, std::ios::binary) << marked::marked_pdf(marked::ellipse(147, 226, 20, 9));
  return pdf;
}

TEST(Layout, MarksAreBoxesInTheLayoutJson) {
  const fs::path dir = scratch("layout-marks");
  const auto result = run(kSheetx + " layout " + quoted(write_marked_pdf(dir)));
  ASSERT_EQ(result.status, 0) << result.out;
  const auto page = nlohmann::json::parse(result.out)["pages"].at(0);
  EXPECT_EQ(page["marks"], nlohmann::json::parse("[[127, 217, 167, 235]]"));
  EXPECT_EQ(page["tables"].size(), 1u);
}

// The ruled table's 4 row and 4 column lines, end to end, under the key pdfplumber gives them
// (`rules` means rule files in sheetx).
TEST(Layout, RulingLinesAreEdgesInTheLayoutJson) {
  const fs::path dir = scratch("layout-edges");
  const auto result = run(kSheetx + " layout " + quoted(write_marked_pdf(dir)));
  ASSERT_EQ(result.status, 0) << result.out;
  const auto page = nlohmann::json::parse(result.out)["pages"].at(0);
  EXPECT_FALSE(page.contains("rules"));
  auto edges = page.at("edges").get<std::vector<std::vector<double>>>();
  std::sort(edges.begin(), edges.end());
  EXPECT_EQ(edges, (std::vector<std::vector<double>>{{100, 100, 100, 190}, {100, 100, 400, 100}, {100, 130, 400, 130},
                                                      {100, 160, 400, 160}, {100, 190, 400, 190}, {200, 100, 200, 190},
                                                      {300, 100, 300, 190}, {400, 100, 400, 190}}));
}

TEST(Inspect, MarksAreDrawnAsEllipses) {
  const fs::path dir = scratch("inspect-marks");
  const auto result = run(kSheetx + " inspect " + quoted(write_marked_pdf(dir)) + " -o " + quoted(dir / "r.html"));
  ASSERT_EQ(result.status, 0) << result.out;
  const std::string html = read_file(dir / "r.html");
  EXPECT_NE(html.find("<ellipse class=\"drawn\" cx=\"147.00\" cy=\"226.00\" rx=\"20.00\" ry=\"9.00\"/>"), std::string::npos);
  EXPECT_NE(html.find("1 drawn mark"), std::string::npos);
}

}  // namespace
