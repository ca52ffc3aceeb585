// The records library's own rules: a sheet's key, ids made unique in a run, numbers as text,
// and reading a document's members safely.
#include <gtest/gtest.h>

#include "sheetx/records.h"

namespace {

using namespace sheetx::records;

Sheet sheet_of(int measure) {
  Sheet sheet;
  sheet.municipality_code = "131067";
  sheet.ruleset_id = "taito-kensho";
  sheet.review_period = {"令和元～２年度", 2019, 2020};
  sheet.measure.number = measure;
  return sheet;
}

TEST(SheetId, IsCodeRulesetPeriodAndMeasure) {
  EXPECT_EQ(sheet_id(sheet_of(35)), "131067/taito-kensho/2019-2020/35");
  EXPECT_EQ(to_json(sheet_of(35))["id"], "131067/taito-kensho/2019-2020/35");
}

TEST(SheetId, SaysUnknownForAPartTheSheetDidNotGive) {
  Sheet sheet = sheet_of(35);
  sheet.measure.number.reset();
  sheet.review_period.to_fiscal_year.reset();
  EXPECT_EQ(sheet_id(sheet), "131067/taito-kensho/2019-unknown/unknown");
}

// A project sheet (事務事業評価シート) reviews one project: its code names it in the id, where a
// measure sheet's measure number does (the project sheet's measure number is its place in the plan).
Sheet project_sheet_of(std::optional<std::string> code, std::optional<int> number) {
  Sheet sheet;
  sheet.kind = SheetKind::project;
  sheet.municipality_code = "112330";
  sheet.ruleset_id = "kitamoto-jimu";
  sheet.review_period = {"令和５年度", 2023, 2023};
  sheet.measure.number = 12;
  Project project;
  project.code = std::move(code);
  project.number = number;
  sheet.projects.push_back(project);
  return sheet;
}

TEST(SheetId, OfAProjectSheetEndsWithTheProjectCode) {
  EXPECT_EQ(sheet_id(project_sheet_of("02-12-003", std::nullopt)), "112330/kitamoto-jimu/2023-2023/02-12-003");
  EXPECT_EQ(to_json(project_sheet_of("02-12-003", std::nullopt))["id"], "112330/kitamoto-jimu/2023-2023/02-12-003");
  // No code printed: the project's number; neither: unknown, never the measure number.
  EXPECT_EQ(sheet_id(project_sheet_of(std::nullopt, 7)), "112330/kitamoto-jimu/2023-2023/7");
  EXPECT_EQ(sheet_id(project_sheet_of("", 7)), "112330/kitamoto-jimu/2023-2023/7");
  EXPECT_EQ(sheet_id(project_sheet_of(std::nullopt, std::nullopt)), "112330/kitamoto-jimu/2023-2023/unknown");
  Sheet none = project_sheet_of(std::nullopt, std::nullopt);
  none.projects.clear();
  EXPECT_EQ(sheet_id(none), "112330/kitamoto-jimu/2023-2023/unknown");
}

TEST(SheetId, ASlashOrTildeInAProjectCodeIsEscapedSoTheIdKeepsItsParts) {
  EXPECT_EQ(sheet_id(project_sheet_of("2/12-3", std::nullopt)), "112330/kitamoto-jimu/2023-2023/2%2F12-3");
  EXPECT_EQ(sheet_id(project_sheet_of("100%", std::nullopt)), "112330/kitamoto-jimu/2023-2023/100%25");
  EXPECT_EQ(sheet_id(project_sheet_of("A~2", std::nullopt)), "112330/kitamoto-jimu/2023-2023/A%7E2");  // not a repeat
}

TEST(SheetIds, TheFirstSheetOfAKeyKeepsItLaterOnesAreNumbered) {
  SheetIds ids;
  bool repeated = true;
  EXPECT_EQ(ids.claim("a/r/2019-2020/12", repeated), "a/r/2019-2020/12");
  EXPECT_FALSE(repeated);
  EXPECT_EQ(ids.claim("a/r/2019-2020/7", repeated), "a/r/2019-2020/7");
  EXPECT_EQ(ids.claim("a/r/2019-2020/12", repeated), "a/r/2019-2020/12~2");
  EXPECT_TRUE(repeated);
  EXPECT_EQ(ids.claim("a/r/2019-2020/12", repeated), "a/r/2019-2020/12~3");
}

// A plan-sum warning once read "(1.23457e+06)" for a sum of 1234567.
TEST(NumberText, PrintsIntegersWholeAndFractionsShortest) {
  EXPECT_EQ(number_text(1234567), "1234567");
  EXPECT_EQ(number_text(-42), "-42");
  EXPECT_EQ(number_text(0), "0");
  EXPECT_EQ(number_text(12.5), "12.5");
  EXPECT_EQ(number_text(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(number_text(1234567.25), "1234567.25");
}

TEST(Member, IsNullForAMissingKeyOrANonObject) {
  const nlohmann::ordered_json document = {{"measure", {{"number", 35}}}, {"list", {1, 2}}};
  EXPECT_EQ(member(document, "measure")["number"], 35);
  EXPECT_TRUE(member(document, "missing").is_null());
  EXPECT_TRUE(member(member(document, "missing"), "deeper").is_null());
  EXPECT_TRUE(member(document["list"], "number").is_null());
}

}  // namespace
