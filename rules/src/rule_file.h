// The parsed form of a rule file (private to the rules library). Loading checks everything that
// can be checked without a PDF, so that reading a sheet never meets a malformed rule, and no rule
// is accepted whose result the reader would throw away.
#pragma once

#include <memory>
#include <string>
#include <optional>
#include <utility>
#include <variant>
#include <vector>

#include <re2/re2.h>

#include "figure_table_rule.h"
#include "sheetx/rules.h"
#include "table_rule.h"

namespace sheetx::rules {

// The fields rules fill, each named once: how a rule's text goes into the record, and whether it
// did. Rule files name them (`pattern` groups, `into`, `sections`); the reader fills them. Three
// lists: the measure's (`measure:` rules), a project sheet's one project's (`project:` rules, which
// may also fill the measure's place in the plan: measure_number, goal_name…), and the review
// period (`period:`). Any list also takes free fields, `extra.NAME`, kept under the record's extra.
struct Field {
  enum class Kind {
    kText,       // the paragraphs joined with "\n"
    kNumber,     // digits as printed (full-width too)
    kList,       // one item per paragraph, bullet dropped
    kItems,      // numbered items, filled by a rule's `items` only (initiatives)
    kYear,       // a fiscal year as printed (an era's year or a Gregorian one), read by the normalizer
    kBool,       // a printed word that the rule's `values` maps to true or false
    kDirection,  // options: the chosen one and all of them in print order (`options` only)
    kExtra,      // extra.NAME: text kept under the record's extra
  };
  using Value = std::variant<std::string, std::vector<std::string>, int, bool, records::Direction>;
  const char* name;
  Kind kind;
  // Sets the field: kText and kNumber take the text, kList the items, kYear the year, kBool the
  // flag, kDirection the options read (kItems and kExtra are set by the reader).
  void (*set)(records::Sheet&, Value);
  bool (*filled)(const records::Sheet&);
};

// Which list of fields a rule fills.
enum class Section { kMeasure, kProject, kPeriod };

// The field of that name in a section ("extra.NAME" in any), or nullptr.
const Field* find_field(Section section, const std::string& name);
// Every field name of a section, comma-separated, for messages.
std::string field_names(Section section);
// The field as records and explanations name it: "measure.name", "project.code", "extra.sdgs".
std::string field_path(Section section, const std::string& name);
// Sets a field (an extra field under its NAME) and tells whether it is set.
void set_field(records::Sheet& sheet, const Field& field, const std::string& name, Field::Value value);
bool field_filled(const records::Sheet& sheet, const Field& field, const std::string& name);

// Where a field's value sits relative to the cell its rule finds.
enum class Take {
  kRight,     // the non-empty cells right of the label, nearest first (default)
  kRightAll,  // every cell right of the label, in reading order, joined or searched
  kSelf,      // the found cell itself
  kAny,       // any cell of the page (with `pattern`, the first that matches)
  kLines,     // every printed line of any cell of the page, each on its own (a legend in one cell)
  kAfter,     // the rest of the printed line the label starts ("Division: Welfare"), in a cell or free text
};

// Options printed side by side, one of them marked as chosen: a tick before each (■yes □no),
// or a ring drawn round the chosen word (yes・no with a ring round one).
struct OptionsRule {
  Regex ticked, unticked;  // the marks printed before each option (one character each)
  Regex separator;         // circled: what stands between the options
  bool circled() const { return separator != nullptr; }
};

struct FieldRule {
  int line = 0;                // in the rule file, for messages
  Section section = Section::kMeasure;
  Regex label;                 // the label cell (white space removed), or
  Regex contains;              // a cell whose text holds this (white space removed)
  Take take = Take::kRight;
  Regex pattern;               // named groups are field names
  Regex items;                 // repeated matches give a list (initiatives)
  std::vector<std::string> into;  // field names the found cells go into, in order
  std::string where;           // a group that must equal the field of that name filled before
  std::vector<std::pair<std::string, Regex>> sections;  // field, heading line
  Regex section_end;
  std::optional<OptionsRule> options;          // with `into`: the chosen option fills it
  std::vector<std::pair<std::string, bool>> values;  // a kBool field's printed word -> value
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
  records::SheetKind kind = records::SheetKind::measure;
  std::string name;  // the file's name without its folder: FILE of FILE:LINE in records
  std::string municipality_code, municipality_name;
  std::vector<std::string> counters;
  std::vector<std::string> extractor_settings;  // NAME=VALUE, from `extractor:`
  Regex paragraph, bullet;
  Regex title;  // group `period` gives the review period label
  int title_line = 0;
  Regex key;    // group `key`: a title page of the same key continues the sheet before it
  int key_line = 0;
  bool several_per_page = false;  // each title on a page starts a sheet; the page is cut between
  std::optional<FieldRule> period;  // the review period from a cell, when the title names none
  std::vector<FieldRule> measure;
  std::vector<FieldRule> project;   // kind project: the one project's fields
  // Kind measure only (a project sheet's figure tables are `tables`): line 0 when absent.
  TableRule indicators;
  ProjectTableRule projects;
  std::vector<FigureTableRule> tables;  // a project sheet's figure tables

  // "FILE:LINE" of a rule, as records and explanations name it.
  std::string where(int line) const { return name + ":" + std::to_string(line); }
};

// The parsed file behind a Ruleset.
const RuleFile& rule_file(const Ruleset& ruleset);

}  // namespace sheetx::rules
