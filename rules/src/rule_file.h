// The parsed form of a rule file (private to the rules library). Loading checks everything that
// can be checked without a PDF, so that reading a sheet never meets a malformed rule, and no rule
// is accepted whose result the reader would throw away.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "figure_table_rule.h"
#include "sheetx/rules.h"
#include "table_rule.h"

namespace sheetx::rules {

// The measure's fields, each named once: how a rule's text goes into the record, and whether it
// did. Rule files name them (`pattern` groups, `into`, `sections`); the reader fills them.
struct MeasureField {
  enum class Kind {
    kText,    // the paragraphs joined with "\n"
    kNumber,  // digits as printed (full-width too)
    kList,    // one item per paragraph, bullet dropped
    kItems,   // numbered items, filled by a rule's `items` only (initiatives)
  };
  const char* name;
  Kind kind;
  void (*set_text)(records::Measure&, const std::string&);           // kText and kNumber
  void (*set_list)(records::Measure&, std::vector<std::string>);     // kList
  bool (*filled)(const records::Measure&);
};

// The field of that name, or nullptr.
const MeasureField* measure_field(const std::string& name);
// Every field name, comma-separated, for messages.
std::string measure_field_names();

// Where a measure field's value sits relative to the cell its rule finds.
enum class Take {
  kRight,     // the non-empty cells right of the label, nearest first (default)
  kRightAll,  // every cell right of the label, in reading order, joined or searched
  kSelf,      // the found cell itself
  kAny,       // any cell of the page (with `pattern`, the first that matches)
  kLines,     // every printed line of any cell of the page, each on its own (a legend in one cell)
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
  std::vector<std::string> fills;  // the fields this rule promises, in the order it names them
};

struct ProjectTableRule : TableRule {
  Regex project;     // number, name, reposted groups over the project cells' text
  Regex target_row;  // the 目標 row label
  Regex actual_row;  // the 実績 row label
  Regex estimate;    // a year column header so marked holds estimated actuals
};

struct RuleFile {
  std::string path, id, version;
  std::string name;  // the file's name without its folder: FILE of FILE:LINE in records
  std::string municipality_code, municipality_name;
  std::vector<std::string> counters;
  std::vector<std::string> extractor_settings;  // NAME=VALUE, from `extractor:`
  Regex paragraph, bullet;
  Regex title;  // group `period` gives the review period label
  std::vector<FieldRule> measure;
  TableRule indicators;
  ProjectTableRule projects;
  std::vector<FigureTableRule> tables;  // a project sheet's figure tables

  // "FILE:LINE" of a rule, as records and explanations name it.
  std::string where(int line) const { return name + ":" + std::to_string(line); }
};

// The parsed file behind a Ruleset.
const RuleFile& rule_file(const Ruleset& ruleset);

}  // namespace sheetx::rules
