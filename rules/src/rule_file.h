// The parsed form of a rule file (private to the rules library). Loading checks everything that
// can be checked without a PDF, so that reading a sheet never meets a malformed rule.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "sheetx/rules.h"

namespace sheetx::rules {

using Regex = std::shared_ptr<const RE2>;

// Where a measure field's value sits relative to the cell its rule finds.
enum class Take {
  kRight,     // the non-empty cells right of the label, nearest first (default)
  kRightAll,  // every cell right of the label, in reading order, joined or searched
  kSelf,      // the found cell itself
  kAny,       // any cell of the page (with `pattern`, the first that matches)
};

struct FieldRule {
  int line = 0;                // in the rule file, for messages
  Regex label;                 // the label cell (white space removed), or
  Regex contains;              // a cell whose text holds this (white space removed)
  Take take = Take::kRight;
  Regex pattern;               // named groups are field names
  Regex items;                 // repeated matches give a list (initiatives)
  std::vector<std::string> into;  // field names the found cells go into, in order
  std::string where;           // a group that must equal the field of that name filled before
  std::vector<std::pair<std::string, Regex>> sections;  // field, heading line
  Regex section_end;
};

struct ColumnRule {
  int line = 0;
  std::string role;
  Regex header;
};

struct TableRule {
  int line = 0;
  Regex header;  // a header cell of the table (white space removed)
  std::vector<ColumnRule> columns;
};

struct ProjectTableRule : TableRule {
  Regex project;     // number, name, reposted groups over the project cells' text
  Regex target_row;  // the 目標 row label
  Regex actual_row;  // the 実績 row label
  Regex estimate;    // a year column header so marked holds estimated actuals
};

struct RuleFile {
  std::string path, id, version;
  std::string municipality_code, municipality_name;
  std::vector<std::string> counters;
  Regex paragraph, bullet;
  Regex title;  // group `period` gives the review period label
  std::vector<FieldRule> measure;
  TableRule indicators;
  ProjectTableRule projects;
};

// Whether a measure field holds a list (vision, initiatives, review_direction).
bool is_list_field(const std::string& name);

}  // namespace sheetx::rules
