// What the reading of one sheet shares (private to the rules library): the record's warnings,
// the cells read, the trace when explaining, and the small helpers that word them.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <re2/re2.h>

#include "page_text.h"
#include "rule_file.h"
#include "sheetx/rules.h"

namespace sheetx::rules {

records::At at_of(int page, const extractor::Box& box);
std::string quoted(const std::string& text);
std::string regex_text(const RE2& re);
// names joined by ", ", each after `prefix`.
std::string joined(const std::vector<std::string>& names, const char* prefix = "");

// Everything the reading of one sheet shares: the record's warnings, the table cells read (for
// unread-cell), and, when explaining, the trace and the cells used.
class SheetContext {
 public:
  SheetContext(const RuleFile& rules, records::Sheet& sheet, SheetTrace* trace, std::vector<CellUse>* uses)
      : rules_(rules), sheet_(sheet), trace_(trace), uses_(uses) {}

  const RuleFile& rules() const { return rules_; }
  records::Sheet& sheet() { return sheet_; }
  bool explaining() const { return trace_ != nullptr; }

  void warn(std::string code, std::string message, std::optional<records::At> at, int line) {
    sheet_.warnings.push_back({std::move(code), std::move(message), std::move(at), line ? rules_.where(line) : ""});
  }

  // A table cell read for a field by the rule at `line`, under the grid column `column` (-1: no
  // column's). One cell read under two columns holds the text of two (a ruling line between them
  // missing): a doubt on both. (Under one column, a cell over both rows of an activity is printed
  // once for the target and the actual.)
  void read(int page, const extractor::Cell& cell, const std::string& field, int line, int column = -1,
            const std::string& detail = {}) {
    const auto [earlier, fresh] = read_cells_.emplace(&cell, std::make_pair(field, column));
    if (!fresh && column >= 0 && earlier->second.second >= 0 && earlier->second.second != column) {
      warn("cell-read-twice",
           "one cell read as both " + earlier->second.first + " and " + field +
               " (a ruling line between two cells missing?)",
           at_of(page, cell.box), line);
    }
    if (uses_) uses_->push_back({page, cell.box, field, rules_.where(line), detail});
  }
  // A table cell a warning already covers: not warned of again as unread.
  void covered(const extractor::Cell& cell) { read_cells_.emplace(&cell, std::make_pair("", -1)); }
  void read(const Spot& spot, const std::string& field, int line) {
    if (uses_) uses_->push_back({spot.page, spot.box, field, rules_.where(line), {}});
  }
  bool was_read(const extractor::Cell& cell) const { return read_cells_.count(&cell) > 0; }
  // Pages where a table's header was found.
  void table_on(int page) { table_pages_.insert(page); }
  bool has_table(int page) const { return table_pages_.count(page) > 0; }

  // The trace of the rule at `line` (created in file order by the reader), or nullptr when not
  // explaining.
  RuleTrace* trace(int line) {
    if (!trace_) return nullptr;
    const std::string name = rules_.where(line);
    for (auto& rule : trace_->rules)
      if (rule.rule == name) return &rule;
    return nullptr;
  }
  void start_trace(int line, std::string kind, const RE2* regex, std::vector<std::string> fields) {
    if (trace_)
      trace_->rules.push_back({rules_.where(line), std::move(kind), regex ? regex->pattern() : "", std::move(fields),
                               false, "", {}});
  }

 private:
  const RuleFile& rules_;
  records::Sheet& sheet_;
  SheetTrace* trace_;
  std::vector<CellUse>* uses_;
  // cell -> the field and grid column it was first read for
  std::unordered_map<const extractor::Cell*, std::pair<std::string, int>> read_cells_;
  std::set<int> table_pages_;
};

// Notes a look of a rule (nothing when not explaining: trace is null).
void look(RuleTrace* trace, int page, const extractor::Box& box, std::string text, bool matched, std::string outcome);
// Notes what a rule came to (nothing when not explaining).
void conclude(RuleTrace* trace, bool matched, std::string result);

}  // namespace sheetx::rules
