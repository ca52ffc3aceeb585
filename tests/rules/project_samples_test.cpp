// The two project-sheet layouts of samples/ read by their rule files alone: each record as the
// sample's expected JSON says, compared as `sheetx check` compares (the id aside: it is the
// run's, records::SheetIds).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "record_diff.h"
#include "sheetx/extractor.h"
#include "sheetx/record_json.h"
#include "sheetx/rules.h"

namespace {

namespace fs = std::filesystem;

nlohmann::ordered_json expected(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::ordered_json::parse(text.str());
}

// Reads the PDF with the rule file and compares each sheet with samples/NAME[-CODE].expected.json.
void reads_as_expected(const std::string& rules, const std::string& name, std::size_t sheets_expected) {
  const sheetx::rules::Reader reader({sheetx::rules::Ruleset::load("rules/" + rules)});
  const auto sheets = reader.read(sheetx::extractor::extract_file("samples/" + name + ".pdf"));
  ASSERT_EQ(sheets.size(), sheets_expected) << name;
  for (const auto& sheet : sheets) {
    ASSERT_EQ(sheet.projects.size(), 1u);
    const auto code = sheet.projects[0].code.value_or("?");
    const fs::path one = "samples/" + name + ".expected.json";
    auto want = expected(sheets_expected == 1 ? one : fs::path("samples/" + name + "-" + code + ".expected.json"));
    auto got = sheetx::records::to_json(sheet);
    got.erase("id");
    want.erase("id");
    std::string differences;
    for (const auto& d : sheetx::cli::diff_records(want, got))
      differences += d.path + ": expected " + d.expected + ", got " + d.got + "\n";
    EXPECT_EQ(differences, "") << name << " " << code;
  }
}

TEST(ProjectSamples, KitamotoOneSheet) { reads_as_expected("kitamoto-jimu.yaml", "kitamoto-02-12-003", 1); }
TEST(ProjectSamples, KitamotoBundleOfThree) { reads_as_expected("kitamoto-jimu.yaml", "kitamoto-bundle", 3); }
TEST(ProjectSamples, ShinagawaOneSheetOverTwoPages) { reads_as_expected("shinagawa-jimu.yaml", "shinagawa-06-03-11", 1); }
TEST(ProjectSamples, ShinagawaBundleOfTwo) { reads_as_expected("shinagawa-jimu.yaml", "shinagawa-bundle", 2); }

}  // namespace
