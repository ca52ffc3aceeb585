// The rules of a project sheet's figure tables, `tables:` in a rule file (private to the rules
// library; rules/README.md, "Figure tables").
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "table_rule.h"

namespace sheetx::rules {

struct FigureTableRule : TableRule {
  enum class Into { kIndicators, kCosts, kEvaluation };
  Into into = Into::kIndicators;
  bool years_as_rows = false;  // a `when` column names each row's year and kind; a figure column is an entry
  // A value's kind (target, actual, budget, settlement, estimate) by the words of a header or
  // row label, in file order; the line of each for messages.
  struct Kind {
    std::string kind;
    Regex words;
    int line = 0;
  };
  std::vector<Kind> kinds;
  // Words of a header or row label that name a year relative to the review period's first year.
  struct RelativeYear {
    Regex words;
    int offset = 0;
    int line = 0;
  };
  std::vector<RelativeYear> relative_years;
  std::string kind;                                   // the indicators' kind for the whole table
  std::vector<std::pair<std::string, Regex>> groups;  // indicator kind by a group cell's (or caption's) words
  Regex caption;                                      // only tables whose caption (text above) matches
  std::vector<Regex> skip;                            // rows whose first cell matches hold no data
  bool continues = false;  // a row with a name and no figure belongs to the row above
  Regex unit;              // group `unit`: the unit printed once for the table's bare figures
  Regex overall;           // the evaluation row of the overall grade and its label
  // Lines of the keys, for warnings and traces.
  int kinds_line = 0, skip_line = 0, unit_line = 0, overall_line = 0, caption_line = 0, groups_line = 0;
};

}  // namespace sheetx::rules
