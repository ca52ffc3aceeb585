// The rules of a project sheet's figure tables, `tables:` in a rule file (private to the rules
// library; rules/README.md, "Figure tables").
#pragma once

#include <vector>

#include "table_rule.h"

namespace sheetx::rules {

struct FigureTableRule : TableRule {
  enum class Into { kIndicators, kCosts, kEvaluation };
  Into into = Into::kIndicators;
};

}  // namespace sheetx::rules
