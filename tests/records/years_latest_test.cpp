// years.csv's `latest` within one sheet: the key of a report is the activity and its fiscal year,
// so each year an activity reports on a sheet is that year's latest report, and a later review
// period replaces only the years it reports again.
#include <gtest/gtest.h>

#include "../support/test_support.h"
#include "sheetx/records.h"

namespace {

using namespace sheetx::records;

nlohmann::ordered_json sheet_reporting(int from, int to, const std::vector<int>& fiscal_years) {
  Sheet sheet;
  sheet.municipality_code = "131067";
  sheet.ruleset_id = "taito-kensho";
  sheet.review_period = {"label", from, to};
  sheet.measure.number = 12;
  Project project;
  project.number = 1;
  Activity activity;
  activity.name = "子育て相談";
  for (int year : fiscal_years) activity.years.push_back({year, std::nullopt, std::nullopt});
  project.activities.push_back(activity);
  sheet.projects.push_back(project);
  return to_json(sheet);
}

// The last cell of each row of years.csv after its header.
std::vector<std::string> latest_cells(const std::filesystem::path& file) {
  const std::string years = sheetx::testing::read_file(file);
  std::vector<std::string> latest;
  for (std::size_t at = years.find("\r\n"); at + 2 < years.size(); at = years.find("\r\n", at + 2)) {
    const std::string row = years.substr(at + 2, years.find("\r\n", at + 2) - at - 2);
    latest.push_back(row.substr(row.rfind(',') + 1));
  }
  return latest;
}

TEST(YearsLatest, EachYearOfOneSheetIsItsOwnLatestAndALaterPeriodReplacesTheYearsItReportsAgain) {
  const auto dir = sheetx::testing::scratch("years-latest-per-year");
  {
    CsvTables tables(dir.string());
    tables.add(sheet_reporting(2019, 2020, {2019, 2020, 2021}));
    tables.add(sheet_reporting(2021, 2022, {2021, 2022}));
    tables.finish();
  }
  EXPECT_EQ(latest_cells(dir / "years.csv"), (std::vector<std::string>{"true", "true", "false", "true", "true"}));
}

}  // namespace
