// The records library's own rules: a sheet's key, ids made unique in a run, numbers as text,
// reading a document's members safely, and which report of a fiscal year the CSV tables call latest.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>

#include "../support/latest_reports.h"
#include "../support/test_support.h"
#include "sheetx/records.h"

namespace {

using namespace sheetx::records;
using sheetx::testing::activity_report;
using sheetx::testing::latest_cells_of_run;

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

// years.csv's `latest` picks one report a fiscal year for each municipality's activity, by the
// municipality's code: two towns of one name (府中市 is 132063 in Tokyo and 342076 in Hiroshima)
// are two municipalities, each with its own latest report; a later review period of the same
// town replaces the earlier one's figure for the year.
TEST(CsvTables, TheLatestReportOfAYearIsPerMunicipalityCode) {
  auto sheet = [](const std::string& code, int from, int to) {
    Sheet s = activity_report(code, from, to, 1, {2020});
    s.municipality_name = "府中市";
    return s;
  };
  const auto latest = latest_cells_of_run(
      "records-latest", {sheet("132063", 2019, 2020), sheet("342076", 2019, 2020), sheet("132063", 2020, 2021)});
  EXPECT_EQ(latest, (std::vector<std::string>{"false", "true", "true"}));
}

// Among the reports of one activity and year, the latest is the sheet of the latest review
// period: by to_fiscal_year, then from_fiscal_year; of two sheets of one period, the first in
// run order. A row without a project number (or activity name, or period years) cannot be
// matched and has `latest` empty.
TEST(CsvTables, TheLatestReportIsByPeriodEndThenStartThenRunOrder) {
  auto report = [](int from, int to, std::optional<int> project_number) {
    return activity_report("131067", from, to, project_number, {2020});
  };
  const auto latest = latest_cells_of_run("records-latest-order", {
      report(2019, 2020, 3),
      report(2020, 2021, 3),  // ends later: the latest
      report(2021, 2021, 3),  // ends as late and starts later: the latest
      report(2021, 2021, 3),  // the same period again: the first stays
      report(2022, 2023, std::nullopt)});
  EXPECT_EQ(latest, (std::vector<std::string>{"false", "false", "true", "false", ""}));
}

// Warnings in page order, as a reader goes through the sheet: those without a place first,
// then by page, top and left (rounded to a point, so that the cells of one printed row keep
// together) and code; a stable sort keeps two of one place and code in the order found.
TEST(WarningOrder, IsPageThenTopThenLeftThenCodeAfterThoseWithoutAPlace) {
  auto at = [](int page, double left, double top) { return At{page, {left, top, left + 10, top + 10}}; };
  const std::vector<Warning> ordered = {
      {"a", "", std::nullopt, ""},       {"z", "", std::nullopt, ""},        {"z", "", at(1, 50, 200), ""},
      {"c", "", at(2, 5, 100.3), ""},    {"a", "", at(2, 10, 99.8), ""},     {"b", "", at(2, 10, 100), ""},
      {"a", "", at(2, 0, 300), ""},      {"a", "first", at(3, 0, 0), ""},  {"a", "second", at(3, 0, 0), ""}};
  std::vector<Warning> shuffled = {ordered[5], ordered[7], ordered[2], ordered[1], ordered[8],
                                   ordered[6], ordered[3], ordered[0], ordered[4]};
  std::stable_sort(shuffled.begin(), shuffled.end(), warning_order);
  auto places = [](const std::vector<Warning>& warnings) {
    std::vector<std::string> out;
    for (const Warning& w : warnings) {
      out.push_back(w.code + w.message + (w.at ? " p" + std::to_string(w.at->page) + " " + number_text(w.at->box[0]) + "," +
                                         number_text(w.at->box[1])
                                   : ""));
    }
    return out;
  };
  EXPECT_EQ(places(shuffled), places(ordered));
}

// A file written in pieces (one byte or many) is the pieces joined, and parent folders are made.
TEST(AtomicFile, WritesThePiecesJoinedIntoNewFolders) {
  const auto target = sheetx::testing::scratch("records-atomic-pieces") / "portal" / "2024" / "table.csv";
  {
    AtomicFile file(target.string());
    for (std::string_view piece : {"a", ",", "bc\r\n", ""}) file.write(piece);
    file.commit();
  }
  EXPECT_EQ(sheetx::testing::read_file(target), "a,bc\r\n");
}

// Until commit the bytes are in NAME.part-XXXXXX beside the target (six letters or digits);
// dropped uncommitted, that file goes and the target keeps its old bytes.
TEST(AtomicFile, DroppedUncommittedItLeavesTheTargetAsItWas) {
  const auto dir = sheetx::testing::scratch("records-atomic-dropped");
  const auto target = dir / "table.csv";
  write_file_atomically(target.string(), "old\r\n");
  {
    AtomicFile file(target.string());
    file.write("new\r\n");
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename());
    std::sort(names.begin(), names.end());
    ASSERT_EQ(names.size(), 2u);
    EXPECT_EQ(names[0], "table.csv");
    const std::string& part = names[1];
    ASSERT_EQ(part.size(), std::string("table.csv.part-").size() + 6) << part;
    EXPECT_EQ(part.rfind("table.csv.part-", 0), 0u) << part;
    EXPECT_EQ(part.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 15),
              std::string::npos) << part;
  }
  EXPECT_EQ(sheetx::testing::read_file(target), "old\r\n");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u) << "the temporary file is removed";
}

// A target that cannot be written (its folder is a file) is an error naming it.
TEST(AtomicFile, ATargetThatCannotBeWrittenIsAnErrorNamingIt) {
  const auto dir = sheetx::testing::scratch("records-atomic-error");
  write_file_atomically((dir / "portal").string(), "a file, not a folder");
  const std::string target = (dir / "portal" / "table.csv").string();
  try {
    AtomicFile file(target);
    ADD_FAILURE() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()).rfind(target + ": cannot write: ", 0), 0u) << error.what();
  }
}

// A committed file is the target's, whole; the writer then owns no descriptor: the CSV tables
// keep several files open while each is committed, and none may lose its descriptor to
// another's clean-up.
TEST(AtomicFile, ACommittedFileIsInPlaceAndItsWriterClosesNothingMore) {
  const auto dir = sheetx::testing::scratch("records-atomic");
  const auto target = dir / "table.csv";
  int opened_after = -1;
  {
    AtomicFile file(target.string());
    file.write("a,b\r\n");
    file.commit();
    opened_after = open("/dev/null", O_RDONLY | O_CLOEXEC);  // takes the number the file had
    ASSERT_GE(opened_after, 0);
  }
  EXPECT_NE(fcntl(opened_after, F_GETFD), -1) << "the writer closed a descriptor it no longer owned";
  close(opened_after);
  EXPECT_EQ(sheetx::testing::read_file(target), "a,b\r\n");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u) << "no temporary file left";
}

}  // namespace
