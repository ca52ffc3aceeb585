// sheetx layout and sheetx inspect show the marks drawn on a page (an ellipse round a word): in
// the layout JSON as boxes, in the report as ellipses over the page image.
#include <gtest/gtest.h>

#include <fstream>

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

TEST(Inspect, MarksAreDrawnAsEllipses) {
  const fs::path dir = scratch("inspect-marks");
  const auto result = run(kSheetx + " inspect " + quoted(write_marked_pdf(dir)) + " -o " + quoted(dir / "r.html"));
  ASSERT_EQ(result.status, 0) << result.out;
  const std::string html = read_file(dir / "r.html");
  EXPECT_NE(html.find("<ellipse class=\"drawn\" cx=\"147.00\" cy=\"226.00\" rx=\"20.00\" ry=\"9.00\"/>"), std::string::npos);
  EXPECT_NE(html.find("1 drawn mark"), std::string::npos);
}

}  // namespace
