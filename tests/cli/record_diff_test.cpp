// diff_records: what counts as a difference between expected and found records, and how it is named.
#include <gtest/gtest.h>

#include "record_diff.h"

namespace {

using Json = nlohmann::ordered_json;
using sheetx::cli::diff_records;

Json sheet() {
  return Json::parse(R"({
    "format": "review-sheet/1",
    "source": {"path": "a.pdf", "sha256": "00"},
    "projects": [{"number": 1, "activities": [{"name": "支援", "years": [
      {"fiscal_year": 2019, "actual": {"raw": "9社", "value": 9, "unit": "社", "at": {"page": 2, "box": [10, 20, 30, 40]}}},
      {"fiscal_year": 2020, "actual": {"raw": "9社", "value": 9, "unit": "社", "at": {"page": 2, "box": [30, 20, 50, 40]}}}]}]}],
    "warnings": [{"code": "b", "message": "one", "at": {"page": 2, "box": [0, 50, 1, 60]}},
                 {"code": "a", "message": "two", "at": {"page": 1, "box": [0, 50, 1, 60]}}]
  })");
}

TEST(RecordDiff, SameRecordsHaveNoDifference) { EXPECT_TRUE(diff_records(sheet(), sheet()).empty()); }

TEST(RecordDiff, NamesTheChangedFigureByItsPath) {
  Json got = sheet();
  got["projects"][0]["activities"][0]["years"][1]["actual"]["value"] = 19;
  const auto d = diff_records(sheet(), got);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, "projects[0].activities[0].years[1].actual.value");
  EXPECT_EQ(d[0].expected, "9");
  EXPECT_EQ(d[0].got, "19");
}

TEST(RecordDiff, BoxesWithinAPointAreEqual) {
  Json got = sheet();
  got["projects"][0]["activities"][0]["years"][0]["actual"]["at"]["box"][2] = 30.9;
  EXPECT_TRUE(diff_records(sheet(), got).empty());
  got["projects"][0]["activities"][0]["years"][0]["actual"]["at"]["box"][2] = 31.5;
  const auto d = diff_records(sheet(), got);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, "projects[0].activities[0].years[0].actual.at.box[2]");
}

TEST(RecordDiff, SourceAndWarningMessagesAndOrderAreNotDifferences) {
  Json got = sheet();
  got["source"] = {{"path", "elsewhere/a.pdf"}, {"sha256", "ff"}};
  std::swap(got["warnings"][0], got["warnings"][1]);
  got["warnings"][0]["message"] = "reworded";
  EXPECT_TRUE(diff_records(sheet(), got).empty());
}

TEST(RecordDiff, MissingAndExtraElementsAreNamed) {
  Json got = sheet();
  got["projects"][0]["activities"][0]["years"].erase(1);
  got["projects"][0]["extra"] = true;
  const auto d = diff_records(sheet(), got);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].path, "projects[0].activities[0].years[1]");
  EXPECT_EQ(d[0].got, "(missing)");
  EXPECT_EQ(d[1].path, "projects[0].extra");
  EXPECT_EQ(d[1].expected, "(missing)");
}

TEST(RecordDiff, AWarningOfAnotherCodeIsADifference) {
  Json got = sheet();
  got["warnings"][1]["code"] = "c";
  const auto d = diff_records(sheet(), got);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, "warnings[0].code");
}

TEST(RecordDiff, ALongJapaneseValueIsCutOnACharacterBoundary) {
  Json expected = sheet(), got = sheet();
  std::string kanji;
  for (int i = 0; i < 60; ++i) kanji += "区";
  got["summary"] = kanji;
  expected["summary"] = kanji + "。";
  const auto d = diff_records(expected, got);
  ASSERT_EQ(d.size(), 1u);
  // Valid UTF-8 all through: a strict dump of the report must not throw.
  EXPECT_NO_THROW((void)Json({{"expected", d[0].expected}, {"got", d[0].got}}).dump());
  EXPECT_LT(d[0].expected.size(), 130u);
}

TEST(RecordDiff, AWarningPlaceWithoutABoxIsNoCrash) {
  Json expected = sheet(), got = sheet();
  expected["warnings"][0]["at"] = {{"page", 2}};
  got["warnings"][0]["at"] = {{"page", 2}};
  EXPECT_TRUE(diff_records(expected, got).empty());
}

}  // namespace
