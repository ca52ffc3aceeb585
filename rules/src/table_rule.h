// The rules of a table read by its header rows (private to the rules library): its header cell,
// the roles its column headers give, and the cells that are not data.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <re2/re2.h>

namespace sheetx::rules {

using Regex = std::shared_ptr<const RE2>;

struct ColumnRule {
  int line = 0;
  std::string role;
  Regex header;
};

struct TableRule {
  int line = 0;
  Regex header;  // a header cell of the table (white space removed)
  std::vector<ColumnRule> columns;
  // Roles that may share a header, first the one that wins: a header whose roles all stand in one
  // of these lists takes that list's first without a warning; otherwise the first column rule
  // that matched wins, with a warning.
  std::vector<std::vector<std::string>> precedence;
  std::vector<Regex> ignore;  // cells of the table that are not data (white space removed)
};

}  // namespace sheetx::rules
