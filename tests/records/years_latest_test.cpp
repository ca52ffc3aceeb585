// years.csv's `latest` within one sheet: the key of a report is the activity and its fiscal year,
// so each year an activity reports on a sheet is that year's latest report, and a later review
// period replaces only the years it reports again.
#include <gtest/gtest.h>

#include "../support/latest_reports.h"

namespace {

using sheetx::testing::activity_report;
using sheetx::testing::latest_cells_of_run;

TEST(YearsLatest, EachYearOfOneSheetIsItsOwnLatestAndALaterPeriodReplacesTheYearsItReportsAgain) {
  const auto latest = latest_cells_of_run("years-latest-per-year",
                                          {activity_report("131067", 2019, 2020, 1, {2019, 2020, 2021}),
                                           activity_report("131067", 2021, 2022, 1, {2021, 2022})});
  EXPECT_EQ(latest, (std::vector<std::string>{"true", "true", "false", "true", "true"}));
}

}  // namespace
