// The consistency checks over a read sheet: where a sheet's own figures disagree (a plan that is
// not the sum of its yearly targets, a running total that does not add up, a year's target and
// actual in different counters), the reader warns at the cell a reviewer must look at, and
// `extract --strict` does not count these as misreads (the sheet is printed so).
#include <gtest/gtest.h>

#include "checks.h"
#include "sheetx/rules.h"

namespace {

using sheetx::records::Activity;
using sheetx::records::Quantity;
using sheetx::records::Sheet;
using sheetx::records::Warning;
using sheetx::rules::check_sheet;

// A figure as the reader leaves it: read `value` in `unit`, printed at the cell whose left edge is x.
Quantity figure(const std::string& raw, std::optional<double> value, std::optional<std::string> unit, double x) {
  Quantity q;
  q.raw = raw;
  q.value = value;
  q.unit = std::move(unit);
  q.at = {2, {x, 300, x + 90, 324}};
  return q;
}

// One project 1 「講座の運営」 with one activity.
Sheet sheet_with(Activity activity) {
  activity.name = "講座";
  Sheet sheet;
  sheet.projects.push_back({});
  sheet.projects[0].number = 1;
  sheet.projects[0].name = "講座の運営";
  sheet.projects[0].activities.push_back(std::move(activity));
  return sheet;
}

// A plan of `plan` (at x = 290) over targets of 5 and 4 回 in fiscal 2019 and 2020.
Activity planned(Quantity plan) {
  Activity a;
  a.plan = std::move(plan);
  a.years.push_back({2019, figure("5回", 5, "回", 470), std::nullopt});
  a.years.push_back({2020, figure("4回", 4, "回", 560), std::nullopt});
  return a;
}

TEST(Checks, APlanThatIsNotTheSumOfItsTargetsIsWarnedAtThePlan) {
  const auto warnings = check_sheet(sheet_with(planned(figure("10回", 10, "回", 290))));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code, "plan-sum-mismatch");
  EXPECT_EQ(warnings[0].message, "project 1, 講座: plan 「10回」 is not the sum of the yearly targets (9)");
  ASSERT_TRUE(warnings[0].at);
  EXPECT_EQ(warnings[0].at->page, 2);
  EXPECT_EQ(warnings[0].at->box[0], 290);
  EXPECT_EQ(warnings[0].rule, "") << "no rule made the figures disagree";
}

TEST(Checks, APlanThatIsTheSumOfItsTargetsIsNotWarned) {
  EXPECT_TRUE(check_sheet(sheet_with(planned(figure("9回", 9, "回", 290)))).empty());
  // Sums of decimal figures are not exact in binary: 0.1 + 0.2 is 0.3 on the sheet.
  Activity a;
  a.plan = figure("0.3km", 0.3, "km", 290);
  a.years.push_back({2019, figure("0.1km", 0.1, "km", 470), std::nullopt});
  a.years.push_back({2020, figure("0.2km", 0.2, "km", 560), std::nullopt});
  EXPECT_TRUE(check_sheet(sheet_with(a)).empty());
}

TEST(Checks, APlanPerYearOrWithoutAFigureIsNoSum) {
  auto per_year = figure("年10回", 10, "回", 290);
  per_year.per_year = true;
  EXPECT_TRUE(check_sheet(sheet_with(planned(per_year))).empty());
  EXPECT_TRUE(check_sheet(sheet_with(planned(figure("―", std::nullopt, std::nullopt, 290)))).empty());
  EXPECT_TRUE(check_sheet(sheet_with(Activity{})).empty()) << "no plan at all";
}

// Targets printed as a dash count as none: a plan of 30 over ―, ― is not their sum.
TEST(Checks, DashTargetsCountAsNothing) {
  Activity a;
  a.plan = figure("30回", 30, "回", 290);
  a.years.push_back({2019, figure("―", std::nullopt, std::nullopt, 470), std::nullopt});
  a.years.push_back({2020, figure("―", std::nullopt, std::nullopt, 560), std::nullopt});
  const auto warnings = check_sheet(sheet_with(a));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].message.find("(0)"), std::string::npos) << warnings[0].message;
}

TEST(Checks, ARunningTotalThatDoesNotAddUpIsWarnedAtThePlan) {
  Activity a = planned(figure("9回\n（累計229回）", 9, "回", 290));
  a.plan->running_total = 229;
  a.baseline = figure("(8回)\n（累計220回）", 8, "回", 290);
  a.baseline->running_total = 220;
  EXPECT_TRUE(check_sheet(sheet_with(a)).empty()) << "220 + 9 is 229";
  a.plan->running_total = 230;
  const auto warnings = check_sheet(sheet_with(a));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code, "running-total-mismatch");
  EXPECT_EQ(warnings[0].message, "project 1, 講座: running total 220 + plan 9 is not the plan's running total 230");
  EXPECT_EQ(warnings[0].at->box[0], 290);
  // Without the baseline's running total there is nothing to add up.
  a.baseline->running_total.reset();
  EXPECT_TRUE(check_sheet(sheet_with(a)).empty());
}

TEST(Checks, ATargetAndActualInDifferentCountersAreWarnedAtTheActual) {
  Activity a;
  a.years.push_back({2019, figure("5回", 5, "回", 470), figure("4件", 4, "件", 470)});
  a.years.back().actual->at.box[1] = 324;  // the actual's row, under the target's
  a.years.push_back({2020, figure("5ｋｍ", 5, "ｋｍ", 560), figure("4km", 4, "km", 560)});
  a.years.push_back({2021, figure("5回", 5, "回", 650), figure("―", std::nullopt, std::nullopt, 650)});
  const auto warnings = check_sheet(sheet_with(a));
  ASSERT_EQ(warnings.size(), 1u) << "full-width ｋｍ is km; a dash has no counter";
  EXPECT_EQ(warnings[0].code, "unit-mismatch");
  EXPECT_EQ(warnings[0].message, "project 1, 講座: fiscal 2019 target 「5回」 and actual 「4件」 are in different counters");
  EXPECT_EQ(warnings[0].at->box[0], 470);
  EXPECT_EQ(warnings[0].at->box[1], 324);
}

TEST(Checks, AProjectWithoutANumberIsNamedByItsName) {
  Sheet sheet = sheet_with(planned(figure("10回", 10, "回", 290)));
  sheet.projects[0].number.reset();
  const auto warnings = check_sheet(sheet);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].message.rfind("project 講座の運営, 講座: ", 0), 0u) << warnings[0].message;
}

// What the sheet prints inconsistently is no misread: --strict fails only on the reader's doubts.
TEST(Checks, TheSheetsOwnDisagreementsAreNoMisreads) {
  for (const char* code : {"plan-sum-mismatch", "running-total-mismatch", "unit-mismatch", "year-mismatch"})
    EXPECT_FALSE(sheetx::rules::is_misread(code)) << code;
  for (const char* code : {"missing-field", "unread-cell", "figure-problem", "choice-unclear"})
    EXPECT_TRUE(sheetx::rules::is_misread(code)) << code;
}

}  // namespace
