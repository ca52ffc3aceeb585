#include "checks.h"

#include <algorithm>
#include <cmath>

namespace sheetx::rules {
namespace {

using records::Quantity;
using records::Warning;

std::string number(double value) { return records::number_text(value); }

std::string figure(const Quantity& q) { return "「" + q.raw + "」"; }

// A figure cell with printed text that the normalizer could not turn into a number (a status
// word such as 実施 is read: it has no number).
void check_readable(const Quantity* q, std::vector<Warning>& out) {
  if (q && !q->value && !q->status && !normalizer::has_no_figure(q->raw)) {
    out.push_back({"unreadable-figure", "cannot read the figure " + figure(*q), q->at});
  }
}

void check_activity(const records::Project& project, const records::Activity& activity,
                    std::vector<Warning>& out) {
  const std::string where = "project " + (project.number ? std::to_string(*project.number) : project.name) +
                            ", " + activity.name + ": ";
  check_readable(activity.plan ? &*activity.plan : nullptr, out);
  check_readable(activity.baseline ? &*activity.baseline : nullptr, out);
  double targets = 0;
  for (const auto& year : activity.years) {
    check_readable(year.target ? &*year.target : nullptr, out);
    check_readable(year.actual ? &*year.actual : nullptr, out);
    if (year.target && year.target->value) {
      targets += *year.target->value;
    }
    if (year.target && year.actual && year.target->unit && year.actual->unit &&
        normalizer::fold_width(*year.target->unit) != normalizer::fold_width(*year.actual->unit)) {
      out.push_back({"unit-mismatch",
                     where + "fiscal " + std::to_string(year.fiscal_year) + " target " + figure(*year.target) +
                         " and actual " + figure(*year.actual) + " are in different counters",
                     year.actual->at});
    }
  }
  if (!activity.plan || !activity.plan->value) return;
  const auto& plan = *activity.plan;
  // Targets printed as a dash count as none: a plan of 30 over ―, ―, ― is not their sum.
  if (!plan.per_year && std::abs(targets - *plan.value) > 1e-9) {
    out.push_back({"plan-sum-mismatch",
                   where + "plan " + figure(*activity.plan) + " is not the sum of the yearly targets (" +
                       number(targets) + ")",
                   activity.plan->at});
  }
  if (plan.running_total && activity.baseline && activity.baseline->running_total &&
      std::abs(*activity.baseline->running_total + *plan.value - *plan.running_total) > 1e-9) {
    out.push_back({"running-total-mismatch",
                   where + "running total " + number(*activity.baseline->running_total) + " + plan " +
                       number(*plan.value) + " is not the plan's running total " + number(*plan.running_total),
                   activity.plan->at});
  }
}

void check_required(const records::Sheet& sheet, std::vector<Warning>& out) {
  const auto& m = sheet.measure;
  auto require = [&](bool present, const char* field) {
    if (!present) out.push_back({"missing-field", std::string("no ") + field + " found", std::nullopt});
  };
  require(m.number.has_value(), "measure.number");
  require(!m.name.empty(), "measure.name");
  require(!m.department.empty(), "measure.department");
  require(!m.division.empty(), "measure.division");
  require(m.goal.number.has_value(), "measure.goal");
  require(!m.evaluation.grade.empty(), "measure.evaluation.grade");
  require(!sheet.indicators.empty(), "indicators");
  require(!sheet.projects.empty(), "projects");
}

}  // namespace

std::vector<Warning> check_sheet(const records::Sheet& sheet) {
  std::vector<Warning> out;
  check_required(sheet, out);
  for (const auto& indicator : sheet.indicators)
    for (const auto& value : indicator.values) check_readable(&value.quantity, out);
  for (const auto& project : sheet.projects)
    for (const auto& activity : project.activities) check_activity(project, activity, out);
  return out;
}

}  // namespace sheetx::rules
