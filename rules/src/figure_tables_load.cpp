// Loading `tables:`: every key checked, every problem "FILE:LINE: problem".
#include "figure_tables.h"

namespace sheetx::rules {
namespace {

constexpr std::array kFigureRoles = {"name", "unit", "kind", "group", "figure", "line", "year", "item", "grade",
                                     "comment"};

}  // namespace

std::vector<FigureTableRule> load_figure_tables(const YAML::Node& tables, const RuleLoader& loader) {
  std::vector<FigureTableRule> out;
  if (!tables) return out;
  if (!tables.IsSequence()) loader.fail(tables, "'tables' must be a list of figure tables");
  for (const auto& node : tables) {
    loader.only_keys(node, {"into", "header", "columns", "precedence", "ignore"}, "a figure table");
    FigureTableRule rule;
    const std::string into = loader.text(node, "into", "a figure table");
    if (into == "indicators") rule.into = FigureTableRule::Into::kIndicators;
    else if (into == "costs") rule.into = FigureTableRule::Into::kCosts;
    else if (into == "evaluation") rule.into = FigureTableRule::Into::kEvaluation;
    else loader.fail(node["into"], "into must be indicators, costs or evaluation, not '" + into + "'");
    loader.table(node, rule, kFigureRoles, "a figure table");
    out.push_back(std::move(rule));
  }
  return out;
}

}  // namespace sheetx::rules
