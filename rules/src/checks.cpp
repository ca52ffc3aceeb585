#include "checks.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace sheetx::rules {
namespace {

using records::Quantity;
using records::Warning;

std::string number(double value) { return records::number_text(value); }

std::string figure(const Quantity& q) { return "「" + q.raw + "」"; }

void check_activity(const records::Project& project, const records::Activity& activity,
                    std::vector<Warning>& out) {
  const std::string where = "project " + (project.number ? std::to_string(*project.number) : project.name) +
                            ", " + activity.name + ": ";
  double targets = 0;
  for (const auto& year : activity.years) {
    if (year.target && year.target->value) {
      targets += *year.target->value;
    }
    if (year.target && year.actual && year.target->unit && year.actual->unit &&
        normalizer::fold_width(*year.target->unit) != normalizer::fold_width(*year.actual->unit)) {
      out.push_back({"unit-mismatch",
                     where + "fiscal " + std::to_string(year.fiscal_year) + " target " + figure(*year.target) +
                         " and actual " + figure(*year.actual) + " are in different counters",
                     year.actual->at, ""});
    }
  }
  if (!activity.plan || !activity.plan->value) return;
  const auto& plan = *activity.plan;
  // Targets printed as a dash count as none: a plan of 30 over ―, ―, ― is not their sum.
  if (!plan.per_year && std::abs(targets - *plan.value) > 1e-9) {
    out.push_back({"plan-sum-mismatch",
                   where + "plan " + figure(*activity.plan) + " is not the sum of the yearly targets (" +
                       number(targets) + ")",
                   activity.plan->at, ""});
  }
  if (plan.running_total && activity.baseline && activity.baseline->running_total &&
      std::abs(*activity.baseline->running_total + *plan.value - *plan.running_total) > 1e-9) {
    out.push_back({"running-total-mismatch",
                   where + "running total " + number(*activity.baseline->running_total) + " + plan " +
                       number(*plan.value) + " is not the plan's running total " + number(*plan.running_total),
                   activity.plan->at, ""});
  }
}

}  // namespace

std::vector<Warning> check_sheet(const records::Sheet& sheet) {
  std::vector<Warning> out;
  for (const auto& project : sheet.projects)
    for (const auto& activity : project.activities) check_activity(project, activity, out);
  return out;
}

bool is_misread(std::string_view warning_code) {
  static const std::set<std::string, std::less<>> kSheetsOwn = {"plan-sum-mismatch", "running-total-mismatch",
                                                                "unit-mismatch", "year-mismatch"};
  return !kSheetsOwn.count(warning_code);
}

}  // namespace sheetx::rules
