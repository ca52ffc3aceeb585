// Reading sheets: pages split into sheets by their title, the measure's fields found by their
// labels, and the two tables read by their header rows. Nothing here knows a sheet's content:
// every label, header and row marker comes from the rule file. Every doubt becomes a warning
// naming the rule (FILE:LINE) that missed or misread; when explaining, every look is noted too.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "checks.h"
#include "page_text.h"
#include "rule_file.h"
#include "sheetx/normalizer.h"

namespace sheetx::rules {
namespace {

using extractor::Box;
using extractor::Page;
using extractor::Table;

// The pages of one sheet and the rule file that recognised its first page.
struct SheetPages {
  std::size_t ruleset = 0;  // index in the reader's rule files
  std::string period;
  std::vector<const Page*> pages;
  std::vector<std::string> also_recognised;  // the later rule files whose title matched too (paths)
};

// Document pages -> sheets: a page whose title some rule file matches starts one.
std::vector<SheetPages> pages_to_sheets(const extractor::Document& document,
                                        const std::vector<Ruleset>& rulesets) {
  std::vector<SheetPages> sheets;
  std::string first_title;
  for (const auto& page : document.pages) {
    const auto spots = page_spots(page);
    std::string page_text;
    for (const auto& spot : spots) {
      if (!spot.table) page_text += spot.squeezed;
    }
    if (first_title.empty() && !page_text.empty()) first_title = utf8_prefix(page_text, 40);
    std::optional<std::size_t> match;
    std::string period;
    std::vector<std::string> also_recognised;
    for (std::size_t r = 0; r < rulesets.size(); ++r) {
      const RE2& title = *rule_file(rulesets[r]).title;
      // Each free text block, then a cell, then the page's free text run together (a title
      // split over two blocks): so that other text on the page never becomes part of the title.
      std::optional<GroupMatch> found;
      for (const auto& spot : spots) {
        if (!found && !spot.table) found = match_groups(title, spot.squeezed);
      }
      for (const auto& spot : spots) {
        if (!found && spot.table) found = match_groups(title, spot.squeezed);
      }
      if (!found) found = match_groups(title, page_text);
      // The first rule file reads the sheet; every other one that recognises the title too is
      // a doubt on it (which layout is this?), never silent.
      if (found && match) {
        also_recognised.push_back(rulesets[r].path());
      } else if (found) {
        match = r;
        period = (*found)["period"];
      }
    }
    if (match) {
      sheets.push_back({*match, period, {&page}, std::move(also_recognised)});
    } else if (!sheets.empty()) {
      sheets.back().pages.push_back(&page);
    }
  }
  if (sheets.empty()) {
    throw NoRuleMatches(first_title.empty() ? std::string("(no text)") : first_title);
  }
  return sheets;
}

bool right_of(const Box& anchor, const Box& box) {
  const double overlap = std::min(anchor.y1, box.y1) - std::max(anchor.y0, box.y0);
  return box.x0 >= anchor.x1 - 1.0 && overlap > 0.5 * std::min(anchor.height(), box.height());
}

// Orders on positions rounded to a point, so that cells of one row (or column) drawn a fraction
// of a point apart still sort as one, and the order stays a strict weak ordering.
bool reading_order(const Spot* a, const Spot* b) {
  return std::make_pair(std::lround(a->box.y0), a->box.x0) < std::make_pair(std::lround(b->box.y0), b->box.x0);
}

bool nearest_first(const Spot* a, const Spot* b) {
  return std::make_pair(std::lround(a->box.x0), a->box.y0) < std::make_pair(std::lround(b->box.x0), b->box.y0);
}

// ①..⑳ and other numeric characters -> their value, from ICU's character properties.
std::optional<int> circled_number(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(trim(text));
  if (u.countChar32() != 1) return to_int(text);
  const double value = u_getNumericValue(u.char32At(0));
  // 兆 is a numeric character too: only small whole numbers are item numbers.
  if (value == U_NO_NUMERIC_VALUE || value < 0 || value > 1000 || value != std::floor(value)) return std::nullopt;
  return static_cast<int>(value);
}

records::At at_of(int page, const Box& box) { return {page, {box.x0, box.y0, box.x1, box.y1}}; }

std::string quoted(const std::string& text) { return "«" + text + "»"; }
std::string regex_text(const RE2& re) { return "'" + re.pattern() + "'"; }

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

void look(RuleTrace* trace, int page, const Box& box, std::string text, bool matched, std::string outcome) {
  if (trace) trace->looks.push_back({page, box, std::move(text), matched, std::move(outcome)});
}
void conclude(RuleTrace* trace, bool matched, std::string result) {
  if (!trace) return;
  trace->matched = matched;
  trace->result = std::move(result);
}

std::string joined(const std::vector<std::string>& names, const char* prefix = "") {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(prefix) + n;
  return out;
}

// Fills the measure from the sheet's first page, rule by rule.
class MeasureReader {
 public:
  MeasureReader(SheetContext& context, std::vector<Spot> spots)
      : context_(context), rules_(context.rules()), spots_(std::move(spots)) {}

  void read() {
    for (const auto& rule : rules_.measure) apply(rule);
    auto& m = context_.sheet().measure;
    std::sort(m.initiatives.begin(), m.initiatives.end(),
              [](const auto& a, const auto& b) { return a.number < b.number; });
  }

 private:
  const Spot* anchor(const FieldRule& rule, RuleTrace* trace) const {
    const RE2* re = rule.label ? rule.label.get() : rule.contains.get();
    for (const auto& spot : spots_) {
      if (RE2::PartialMatch(spot.squeezed, *re)) {
        look(trace, spot.page, spot.box, spot.squeezed, true, rule.label ? "label matched" : "contains matched");
        return &spot;
      }
    }
    for (const auto& spot : spots_) {
      if (!spot.squeezed.empty()) look(trace, spot.page, spot.box, spot.squeezed, false, "regex did not match");
    }
    return nullptr;
  }

  // The cells (or, for take: lines, the printed lines) a rule's anchor points at.
  std::vector<Spot> candidates(const FieldRule& rule, const Spot* at) const {
    std::vector<const Spot*> out;
    if (rule.take == Take::kSelf) {
      if (at) out.push_back(at);
    } else {
      for (const auto& spot : spots_) {
        if (spot.squeezed.empty() || &spot == at) continue;
        if (rule.take == Take::kAny || rule.take == Take::kLines || right_of(at->box, spot.box)) out.push_back(&spot);
      }
      std::sort(out.begin(), out.end(), rule.take == Take::kRight ? nearest_first : reading_order);
    }
    std::vector<Spot> spots;
    for (const Spot* spot : out) {
      if (rule.take != Take::kLines) {
        spots.push_back(*spot);
        continue;
      }
      for (const auto& line : spot->lines) {
        Spot one = *spot;
        one.lines = {line};
        one.text = trim(line);
        one.squeezed = squeeze(line);
        if (!one.squeezed.empty()) spots.push_back(std::move(one));
      }
    }
    return spots;
  }

  void unmatched(const FieldRule& rule, RuleTrace* trace, const std::string& why, const Spot* at) {
    conclude(trace, false, "matched nothing: " + why);
    context_.warn("rule-unmatched", "the rule filling " + joined(rule.fills, "measure.") + " matched nothing: " + why,
                  at ? std::optional(at_of(at->page, at->box)) : std::nullopt, rule.line);
  }

  void apply(const FieldRule& rule) {
    RuleTrace* trace = context_.trace(rule.line);
    const Spot* at = nullptr;
    if (rule.take != Take::kAny && rule.take != Take::kLines) {
      at = anchor(rule, trace);
      if (!at)
        return unmatched(rule, trace,
                         "no cell's text matches " + std::string(rule.label ? "label " : "contains ") +
                             regex_text(rule.label ? *rule.label : *rule.contains),
                         nullptr);
    }
    const auto found = candidates(rule, at);
    if (found.empty())
      return unmatched(rule, trace, at ? "no cell right of the label" : "no text on the page", at);
    bool filled = false;
    if (rule.items) filled = fill_items(rule, found, trace);
    else if (rule.pattern) filled = fill_pattern(rule, found, trace);
    else if (!rule.sections.empty()) filled = fill_sections(rule, found, trace);
    else filled = fill_into(rule, found, trace);
    if (!filled) return unmatched(rule, trace, trace_reason(rule), at);
    std::vector<std::string> missing;
    for (const auto& name : rule.fills)
      if (!measure_field(name)->filled(context_.sheet().measure)) missing.push_back(name);
    conclude(trace, true, missing.empty() ? "filled " + joined(rule.fills, "measure.")
                                          : "filled some; not " + joined(missing, "measure."));
    // What the rule did fill is in doubt too (two cells run together fill one field): the warning
    // names it and sits on the first cell the rule took.
    std::vector<std::string> taken;
    for (const auto& name : rule.fills)
      if (std::find(missing.begin(), missing.end(), name) == missing.end()) taken.push_back(name);
    for (const auto& name : missing)
      context_.warn("missing-field",
                    "measure." + name + " not found by its rule" +
                        (taken.empty() ? "" : ", which filled " + joined(taken, "measure.") + " (cells run together?)"),
                    at_of(found.front().page, found.front().box), rule.line);
  }

  static std::string trace_reason(const FieldRule& rule) {
    if (rule.items) return "regex " + regex_text(*rule.items) + " found no item";
    if (rule.pattern && !rule.where.empty())
      return "no cell matches " + regex_text(*rule.pattern) + " with the " + rule.where + " found";
    if (rule.pattern) return "regex " + regex_text(*rule.pattern) + " matched no cell it looked at";
    if (!rule.sections.empty()) return "no line matches a section heading";
    return "no cell to fill from";
  }

  bool fill_into(const FieldRule& rule, const std::vector<Spot>& found, RuleTrace* trace) {
    for (std::size_t i = 0; i < rule.into.size() && i < found.size(); ++i) {
      look(trace, found[i].page, found[i].box, found[i].text, true, "went into measure." + rule.into[i]);
      fill(rule, rule.into[i], found[i], found[i].lines);
    }
    return true;
  }

  // Items are printed one to a cell, or one to a line of a cell, each line starting with its
  // marker. An item that starts inside a line, or whose marker stands on a line apart from its
  // name, is two cells run together (a ruling line between them missing): the names interleave.
  void warn_items_run_together(const FieldRule& rule, const Spot& spot) {
    std::size_t items = 0, lines_starting_one = 0;
    for (auto item = match_groups(*rule.items, spot.text); item; item = match_groups(*rule.items, spot.text, item->end)) {
      ++items;
      if (item->end >= spot.text.size()) break;
    }
    for (const std::string& line : spot.lines) {
      const std::string printed = trim(line);
      const auto item = match_groups(*rule.items, printed);
      lines_starting_one += item && printed.rfind((*item)["number"], 0) == 0;
    }
    if (items <= lines_starting_one) return;
    context_.warn("items-run-together",
                  "measure.initiatives: the cell holds " + std::to_string(items) + " item(s) but only " +
                      std::to_string(lines_starting_one) +
                      " line(s) start one: cells run together (a ruling line missing?), the names may be cut wrong",
                  at_of(spot.page, spot.box), rule.line);
  }

  bool fill_items(const FieldRule& rule, const std::vector<Spot>& found, RuleTrace* trace) {
    std::string text;
    for (const Spot& spot : found) {
      text += spot.text;
      context_.read(spot, "measure.initiatives", rule.line);
      look(trace, spot.page, spot.box, spot.text, true, "joined into the text the items regex sees");
      warn_items_run_together(rule, spot);
    }
    auto& initiatives = context_.sheet().measure.initiatives;
    std::size_t pos = 0;
    for (auto item = match_groups(*rule.items, text); item; item = match_groups(*rule.items, text, pos)) {
      if (item->end <= pos) break;  // an empty match would never move on
      pos = item->end;
      initiatives.push_back({circled_number((*item)["number"]), (*item)["name"]});
    }
    return !initiatives.empty();
  }

  bool fill_pattern(const FieldRule& rule, const std::vector<Spot>& found, RuleTrace* trace) {
    for (const Spot& spot : found) {
      const std::string text = trim(spot.text);
      auto match = match_groups(*rule.pattern, text);
      if (!match) {
        if (trace) look(trace, spot.page, spot.box, text, false, "regex did not match " + quoted(text));
        continue;
      }
      if (!rule.where.empty() && normalizer::fold_width((*match)[rule.where]) != value_of(rule.where)) {
        if (trace)
          look(trace, spot.page, spot.box, text, false,
               "matched, but its " + rule.where + " " + quoted((*match)[rule.where]) + " is not the " + rule.where +
                   " found " + quoted(value_of(rule.where)));
        continue;
      }
      look(trace, spot.page, spot.box, text, true, "matched");
      for (const auto& [name, value] : match->groups) {
        if (name != rule.where) fill(rule, name, spot, {value});
      }
      return true;
    }
    return false;
  }

  bool fill_sections(const FieldRule& rule, const std::vector<Spot>& found, RuleTrace* trace) {
    const Spot& spot = found.front();
    const std::string* field = nullptr;
    std::map<std::string, std::vector<std::string>> lines;
    for (const auto& line : spot.lines) {
      const std::string squeezed = squeeze(line);
      auto heading = std::find_if(rule.sections.begin(), rule.sections.end(),
                                  [&](const auto& s) { return RE2::PartialMatch(squeezed, *s.second); });
      if (heading != rule.sections.end()) {
        field = &heading->first;
        look(trace, spot.page, spot.box, squeezed, true, "heading of measure." + *field);
      } else if (rule.section_end && RE2::PartialMatch(squeezed, *rule.section_end)) {
        field = nullptr;
        look(trace, spot.page, spot.box, squeezed, false, "ends a section (section_end)");
      } else if (field) {
        lines[*field].push_back(line);
      }
    }
    for (const auto& [name, text] : lines) fill(rule, name, spot, text);
    return !lines.empty();
  }

  // The text a field was filled with, folded, for `where`.
  std::string value_of(const std::string& field) const {
    const auto it = filled_.find(field);
    return it == filled_.end() ? std::string() : normalizer::fold_width(it->second);
  }

  // Puts printed lines into a field: lists take one item per paragraph, text takes the
  // paragraphs joined with "\n", numbers and the grade are folded.
  void fill(const FieldRule& rule, const std::string& name, const Spot& from, const std::vector<std::string>& lines) {
    context_.read(from, "measure." + name, rule.line);
    const MeasureField& field = *measure_field(name);
    auto& m = context_.sheet().measure;
    if (field.kind == MeasureField::Kind::kList) {
      field.set_list(m, paragraphs(lines, rules_.paragraph.get(), rules_.bullet.get()));
      return;
    }
    std::string text;
    for (const auto& p : paragraphs(lines, rules_.paragraph.get(), nullptr)) text += (text.empty() ? "" : "\n") + p;
    filled_[name] = text;
    field.set_text(m, text);
  }

  SheetContext& context_;
  const RuleFile& rules_;
  std::vector<Spot> spots_;
  std::map<std::string, std::string> filled_;  // text fields as filled, for `where`
};

// A run of grid columns under one header, with the role the rule file gives it.
struct Column {
  std::string role;
  int line = 0;              // the column rule that gave the role
  int first = 0, last = 0;   // grid columns, inclusive
  std::string header;        // header cells' text, lines joined by "\n", as printed
  extractor::Box header_box;  // its lowest header cell
  std::optional<int> fiscal_year;
  std::vector<std::string> year_warnings;  // R２(2019): era and Gregorian year disagree…
  bool estimate = false;
};

// The header rows of a table: the rows its header cell covers.
struct Header {
  const Table* table = nullptr;
  const extractor::Cell* cell = nullptr;  // the cell the header regex matched
  int first_row = 0, end_row = 0;         // [first_row, end_row)
};

std::vector<Header> find_headers(const Page& page, const RE2& header) {
  std::vector<Header> out;
  for (const auto& table : page.tables) {
    for (const auto& cell : table.cells) {
      if (RE2::PartialMatch(squeeze(join_wrapped(cell.lines)), header)) {
        out.push_back({&table, &cell, cell.row, cell.row + cell.row_span});
        break;
      }
    }
  }
  return out;
}

// The role a header takes among the column rules it matched: the first of a precedence list
// that holds all the roles matched, else the first matched (and the caller warns).
const ColumnRule* take_role(const std::vector<const ColumnRule*>& matched, const TableRule& rule, bool& settled) {
  std::set<std::string> roles;
  for (const auto* m : matched) roles.insert(m->role);
  settled = roles.size() <= 1;
  if (settled) return matched.empty() ? nullptr : matched.front();
  for (const auto& list : rule.precedence) {
    if (!std::all_of(roles.begin(), roles.end(),
                     [&](const std::string& role) { return std::find(list.begin(), list.end(), role) != list.end(); }))
      continue;
    settled = true;
    for (const auto& role : list)
      for (const auto* m : matched)
        if (m->role == role) return m;
  }
  return matched.front();
}

// A column's cells from its header (as wide as its lowest header cell) to the table's bottom:
// where a doubt about the column lies.
Box column_box(const Header& header, const Column& column) {
  Box box = column.header_box;
  if (header.table->rotation == 0) box.y1 = std::max(box.y1, header.table->box.y1);  // a turned grid runs along x
  return box;
}

// Header rows -> columns: grid columns under the same header cells are one column; each takes
// the role of the column rule its header matches (see take_role). A header several roles match
// without a stated precedence, and a column that needs a fiscal year and names none, are warned.
std::vector<Column> header_to_columns(const Page& page, const Header& header, const TableRule& rule,
                                      const normalizer::Normalizer& normalizer, const RE2* estimate,
                                      SheetContext& context) {
  std::vector<Column> columns;
  std::vector<const extractor::Cell*> previous;
  for (int c = 0; c < header.table->cols; ++c) {
    std::vector<const extractor::Cell*> cells;
    for (int r = header.first_row; r < header.end_row; ++r) {
      const auto* cell = header.table->at(r, c);
      if (cell && (cells.empty() || cells.back() != cell)) cells.push_back(cell);
    }
    if (!columns.empty() && cells == previous) {
      columns.back().last = c;
      continue;
    }
    previous = cells;
    Column column;
    column.first = column.last = c;
    for (const auto* cell : cells) {
      for (const auto& line : cell->lines) column.header += (column.header.empty() ? "" : "\n") + trim(line);
    }
    if (!cells.empty()) column.header_box = cells.back()->box;
    const std::string squeezed = squeeze(column.header);
    std::vector<const ColumnRule*> matched;
    for (const auto& role : rule.columns)
      if (RE2::PartialMatch(squeezed, *role.header)) matched.push_back(&role);
    bool settled = true;
    const ColumnRule* taken = take_role(matched, rule, settled);
    if (taken) {
      column.role = taken->role;
      column.line = taken->line;
    }
    if (!settled) {
      std::string roles;
      for (const auto* m : matched) roles += (roles.empty() ? "" : " and ") + m->role + " (line " + std::to_string(m->line) + ")";
      // The doubt is every cell of the column: placed on the whole column.
      context.warn("header-roles",
                   "header 「" + squeezed + "」 matched roles " + roles + "; its cells were read as " + taken->role +
                       " (two columns run together? else say which wins with the table's 'precedence')",
                   at_of(page.number, column_box(header, column)), rule.line);
    }
    if (auto year = normalizer.fiscal_year(column.header)) {
      column.fiscal_year = year->year;
      column.year_warnings = year->warnings;
    }
    column.estimate = estimate && RE2::PartialMatch(squeezed, *estimate);
    const bool needs_year = column.role == "year" || column.role == "baseline" || column.role == "target" ||
                            column.role == "actual";
    if (needs_year && !column.fiscal_year) {
      context.warn("column-without-year",
                   "column 「" + squeezed + "」 has role " + column.role + " but its header names no fiscal year" +
                       (column.role == "year" ? ": its cells are not read" : ""),
                   at_of(page.number, column.header_box), column.line);
    }
    if (context.explaining()) {
      for (const auto& role : rule.columns) {
        const bool hit = std::find(matched.begin(), matched.end(), &role) != matched.end();
        std::string outcome = !hit ? "regex did not match " + quoted(squeezed)
                              : &role == taken ? "took the column" + std::string(settled ? "" : " (first of several roles)")
                                               : "matched, but the header went to role " + taken->role;
        if (&role == taken && needs_year && !column.fiscal_year) outcome += "; column has no fiscal year";
        if (matched.size() > 1 && hit) {
          std::string roles;
          for (const auto* m : matched) roles += (roles.empty() ? "" : " and ") + m->role;
          outcome += " (header matched roles " + roles + ")";
        }
        look(context.trace(role.line), page.number, column.header_box, squeezed, &role == taken, outcome);
      }
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

// The distinct cells of a row under a column, left to right.
std::vector<const extractor::Cell*> row_cells(const Table& table, int row, const Column& column) {
  std::vector<const extractor::Cell*> out;
  for (int c = column.first; c <= column.last; ++c) {
    const auto* cell = table.at(row, c);
    if (cell && std::find(out.begin(), out.end(), cell) == out.end()) out.push_back(cell);
  }
  return out;
}

// Reads figures into quantities with their provenance; what the normalizer could not fully read
// becomes a warning at the cell, naming the column's rule.
class FigureReader {
 public:
  FigureReader(const normalizer::Normalizer& normalizer, int page, SheetContext& context)
      : normalizer_(normalizer), page_(page), context_(context) {}

  records::Quantity read(const extractor::Cell& cell, const std::string& field, const Column& column) const {
    context_.read(page_, cell, field, column.line, column.first);
    // A second figure in parentheses (a revision, a running total) keeps its own line, joined
    // by "\n"; a figure that merely wrapped is joined back into one line. A line that is a whole
    // figure under another whole figure is a second figure: the cell is not read (which of the
    // two is meant cannot be told), rather than read as the first.
    std::string raw;
    std::vector<std::string> wrapped;
    int plain_figures = 0;
    const auto whole = [&](const std::string& text) {
      const auto q = normalizer_.quantity(text);
      return q.value && q.problems.empty();
    };
    const auto parenthesized = [](const std::string& t) { return t.rfind("(", 0) == 0 || t.rfind("（", 0) == 0; };
    const auto close_group = [&] {
      raw += (raw.empty() ? "" : "\n") + join_wrapped(wrapped);
      plain_figures += !parenthesized(wrapped.front());
      wrapped.clear();
    };
    for (const auto& line : cell.lines) {
      const std::string t = trim(line);
      if (t.empty()) continue;
      if (!wrapped.empty() && (parenthesized(t) || (whole(join_wrapped(wrapped)) && whole(t)))) close_group();
      wrapped.push_back(t);
    }
    if (!wrapped.empty()) close_group();
    records::Quantity q{normalizer_.quantity(raw), at_of(page_, cell.box)};
    if (plain_figures > 1) {
      static_cast<normalizer::Quantity&>(q) = normalizer::Quantity{};
      q.raw = raw;
      q.problems = {std::to_string(plain_figures) + " figures in one cell"};
    }
    if (!q.problems.empty()) {
      const bool unreadable = !q.value && !normalizer::has_no_figure(q.raw);
      context_.warn(unreadable ? "unreadable-figure" : "figure-problem",
                    field + " 「" + q.raw + "」: " + joined(q.problems), q.at, column.line);
    }
    if (RuleTrace* trace = context_.trace(column.line))
      look(trace, page_, cell.box, raw, true, "read as " + field);
    return q;
  }

  std::string text(const std::vector<const extractor::Cell*>& cells, const char* separator,
                   const std::string& field, const Column& column) const {
    std::string out;
    for (const auto* cell : cells) {
      context_.read(page_, *cell, field, column.line, column.first);
      std::string t = join_wrapped(cell->lines);
      if (RuleTrace* trace = context_.trace(column.line)) look(trace, page_, cell->box, t, true, "read as " + field);
      if (!t.empty()) out += (out.empty() ? "" : separator) + t;
    }
    return out;
  }

 private:
  const normalizer::Normalizer& normalizer_;
  int page_;
  SheetContext& context_;
};

// Whether the rule file declares a table cell no data (its `ignore`): read by no rule, warned of by none.
bool ignored(const TableRule& rule, const extractor::Cell& cell) {
  if (rule.ignore.empty()) return false;
  const std::string text = squeeze(cell.text);
  return std::any_of(rule.ignore.begin(), rule.ignore.end(), [&](const Regex& re) { return RE2::PartialMatch(text, *re); });
}

// Several cells in one row under one header (a header run together over two columns) give one
// fact several figures: each cell is warned of.
void warn_cells_under_one_header(SheetContext& context, int page, const std::vector<const extractor::Cell*>& cells,
                                 const Column& column, const std::string& field) {
  if (cells.size() < 2) return;
  for (const auto* cell : cells)
    context.warn("cells-under-one-header",
                 std::to_string(cells.size()) + " cells in one row under the header 「" + squeeze(column.header) +
                     "」, one " + field + ": a header run together over two columns?",
                 at_of(page, cell->box), column.line);
}

const Column* role_column(const std::vector<Column>& columns, const std::string& role) {
  auto it = std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.role == role; });
  return it == columns.end() ? nullptr : &*it;
}

// A table of the sheet as its rule finds it: the headers on each page, the columns under each,
// and afterwards the warnings of what was not read.
class TableReader {
 public:
  TableReader(const TableRule& rule, std::string name, SheetContext& context)
      : rule_(rule), name_(std::move(name)), context_(context) {}

  struct Found {
    const Page* page;
    Header header;
    std::vector<Column> columns;
  };

  // Every header of the table on the sheet's pages, with its columns.
  std::vector<Found> find(const std::vector<const Page*>& pages, const normalizer::Normalizer& normalizer,
                          const RE2* estimate) {
    RuleTrace* trace = context_.trace(rule_.line);
    std::vector<Found> out;
    for (const Page* page : pages) {
      for (const auto& header : find_headers(*page, *rule_.header)) {
        look(trace, page->number, header.cell->box, squeeze(join_wrapped(header.cell->lines)), true, "header matched");
        context_.table_on(page->number);
        auto columns = header_to_columns(*page, header, rule_, normalizer, estimate, context_);
        warn_header_years(*page, columns);
        warn_same_year(*page, header, columns);
        for (const auto& cell : header.table->cells) {
          if (cell.row >= header.first_row && cell.row < header.end_row) {
            const Column* column = column_of(columns, cell.col);
            context_.read(page->number, cell, "header", column && !column->role.empty() ? column->line : rule_.line, -1,
                          column_detail(column));
          }
        }
        for (const auto& column : columns)
          if (!column.role.empty()) taken_.insert(column.line);
        out.push_back({page, header, std::move(columns)});
      }
    }
    if (out.empty()) {
      const std::string why = "no cell matches header " + regex_text(*rule_.header) + " on pages " +
                              std::to_string(pages.front()->number) + "–" + std::to_string(pages.back()->number);
      conclude(trace, false, "matched nothing: " + why);
      context_.warn("rule-unmatched", "the " + name_ + " table's rule matched nothing: " + why, std::nullopt, rule_.line);
      return out;
    }
    conclude(trace, true, "found the table's header on " + std::to_string(out.size()) + " page(s)");
    for (const auto& column : rule_.columns) {
      if (taken_.count(column.line)) {
        conclude(context_.trace(column.line), true, "took a column");
        continue;
      }
      const std::string why = "no column header of the " + name_ + " table matches " + regex_text(*column.header);
      conclude(context_.trace(column.line), false, "matched nothing: " + why);
      context_.warn("rule-unmatched", "the rule for role " + column.role + " matched nothing: " + why,
                    at_of(out.front().page->number, out.front().header.cell->box), column.line);
    }
    return out;
  }

  // Cells of the found tables with text that no rule read and the rule file does not ignore.
  void warn_unread(const std::vector<Found>& found) {
    std::set<std::pair<int, const Table*>> seen;
    RuleTrace* trace = context_.trace(rule_.line);
    for (const auto& f : found) {
      if (!seen.insert({f.page->number, f.header.table}).second) continue;
      warn_text_beside(*f.page, *f.header.table);
      for (const auto& cell : f.header.table->cells) {
        if (context_.was_read(cell) || ignored(rule_, cell)) continue;
        const std::string text = squeeze(cell.text);
        if (text.empty()) continue;
        look(trace, f.page->number, cell.box, text, false, "no rule read this cell");
        context_.warn("unread-cell",
                      "no rule read 「" + utf8_prefix(text, 40) + "」 in the " + name_ +
                          " table (declare it in the table's 'ignore' if it is not data)",
                      at_of(f.page->number, cell.box), rule_.line);
      }
    }
  }

 private:
  static const Column* column_of(const std::vector<Column>& columns, int col) {
    for (const auto& column : columns)
      if (col >= column.first && col <= column.last) return &column;
    return nullptr;
  }

  std::string column_detail(const Column* column) const {
    if (!column || column->role.empty()) return "header of a column no role took";
    for (const auto& rule : rule_.columns)
      if (rule.line == column->line) return "column role " + column->role + ", header regex " + regex_text(*rule.header);
    return {};
  }

  // Free text on the rows of a claimed table, beside it within a column's width: a column whose
  // ruling lines the extractor did not see, read by no rule.
  void warn_text_beside(const Page& page, const Table& table) {
    if (table.rotation != 0 || table.cols == 0) return;
    const double column_width = table.box.width() / table.cols;
    for (const auto& block : page.blocks) {
      const double overlap = std::min(block.box.y1, table.box.y1) - std::max(block.box.y0, table.box.y0);
      const double gap = std::max(block.box.x0 - table.box.x1, table.box.x0 - block.box.x1);
      if (overlap < 0.5 * block.box.height() || gap < 0 || gap > column_width || squeeze(block.text).empty()) continue;
      context_.warn("unread-text",
                    "text 「" + utf8_prefix(squeeze(block.text), 20) + "」 beside the " + name_ +
                        " table, on its rows, was read by no rule (a column whose ruling is missing?)",
                    at_of(page.number, block.box), rule_.line);
    }
  }

  // Two columns of one role that name the same fiscal year would give one fact twice (one
  // overwriting the other): a header run together, or a year misprinted. Both are warned.
  void warn_same_year(const Page& page, const Header& header, const std::vector<Column>& columns) {
    for (std::size_t a = 0; a < columns.size(); ++a) {
      for (std::size_t b = a + 1; b < columns.size(); ++b) {
        const Column& x = columns[a];
        const Column& y = columns[b];
        if (x.role.empty() || x.role != y.role || !x.fiscal_year || x.fiscal_year != y.fiscal_year) continue;
        for (const Column* column : {&x, &y})
          context_.warn("same-year-columns",
                        "columns 「" + squeeze(x.header) + "」 and 「" + squeeze(y.header) + "」 both read as " + x.role +
                            " of fiscal " + std::to_string(*x.fiscal_year) + " (a header run together?)",
                        at_of(page.number, column_box(header, *column)), column->line);
      }
    }
  }

  // What the normalizer said of the years in a table's header, as warnings at those cells.
  void warn_header_years(const Page& page, const std::vector<Column>& columns) {
    for (const auto& column : columns) {
      for (const auto& warning : column.year_warnings)
        context_.warn("year-mismatch", "column 「" + column.header + "」: " + warning,
                      at_of(page.number, column.header_box), column.line);
    }
  }

  const TableRule& rule_;
  std::string name_;
  SheetContext& context_;
  std::set<int> taken_;  // lines of the column rules that took a column
};

// Indicator table rows -> indicators: a row whose name cell starts there is one indicator.
void read_indicators(const std::vector<const Page*>& pages, const normalizer::Normalizer& normalizer,
                     SheetContext& context) {
  const TableRule& rule = context.rules().indicators;
  TableReader table(rule, "indicators", context);
  const auto found = table.find(pages, normalizer, nullptr);
  auto& sheet = context.sheet();
  const auto& period = sheet.review_period;
  for (const auto& [page, header, columns] : found) {
    // A sheet reviews the years of its period: an actual of a later year is a target (or
    // another column) taken for an actual.
    for (const auto& column : columns)
      if (column.role == "actual" && column.fiscal_year && period.to_fiscal_year && *column.fiscal_year > *period.to_fiscal_year)
        context.warn("actual-after-period",
                     "column 「" + squeeze(column.header) + "」 read as the actual of fiscal " +
                         std::to_string(*column.fiscal_year) + ", after the review period (to fiscal " +
                         std::to_string(*period.to_fiscal_year) + "): a target column taken for an actual?",
                     at_of(page->number, column_box(header, column)), column.line);
    const Column* name = role_column(columns, "name");
    if (!name) continue;
    const Column* source = role_column(columns, "source");
    FigureReader figures(normalizer, page->number, context);
    for (int r = header.end_row; r < header.table->rows; ++r) {
      const auto* name_cell = header.table->at(r, name->first);
      if (!name_cell || name_cell->row != r || trim(name_cell->text).empty()) continue;
      records::Indicator indicator;
      indicator.name = figures.text(row_cells(*header.table, r, *name), "", "indicator.name", *name);
      if (source) {
        indicator.source = figures.text(row_cells(*header.table, r, *source), "", "indicator.source", *source);
        if (indicator.source.empty())
          context.warn("missing-field", "indicator 「" + indicator.name + "」: no source (出典)",
                       at_of(page->number, name_cell->box), source->line);
      }
      for (const auto& column : columns) {
        if (column.role != "baseline" && column.role != "target" && column.role != "actual") continue;
        const auto cells = row_cells(*header.table, r, column);
        warn_cells_under_one_header(context, page->number, cells, column, "indicator." + column.role);
        if (cells.empty())
          context.warn("missing-field",
                       "indicator 「" + indicator.name + "」: no cell under column 「" + squeeze(column.header) + "」",
                       at_of(page->number, name_cell->box), column.line);
        for (const auto* cell : cells)
          indicator.values.push_back({column.role, column.fiscal_year, figures.read(*cell, "indicator." + column.role, column)});
      }
      sheet.indicators.push_back(std::move(indicator));
    }
  }
  if (!found.empty() && sheet.indicators.empty())
    context.warn("missing-field", "no indicator row under the indicators table's header",
                 at_of(found.front().page->number, found.front().header.cell->box), rule.line);
  table.warn_unread(found);
}

// Project table rows -> projects and activities. A project starts where its cell starts with
// text, an activity likewise; within an activity the target and actual rows are told apart by
// their row label. Rows carry on across pages, so a project may continue on the next page.
class ProjectReader {
 public:
  ProjectReader(const normalizer::Normalizer& normalizer, SheetContext& context)
      : rules_(context.rules().projects), normalizer_(normalizer), context_(context), sheet_(context.sheet()) {}

  void read(const std::vector<const Page*>& pages) {
    TableReader table(rules_, "projects", context_);
    const auto found = table.find(pages, normalizer_, rules_.estimate.get());
    for (const auto& [page, header, columns] : found)
      for (int r = header.end_row; r < header.table->rows; ++r) read_row(*page, *header.table, columns, r);
    if (!found.empty() && sheet_.projects.empty())
      context_.warn("missing-field", "no project row under the projects table's header",
                    at_of(found.front().page->number, found.front().header.cell->box), rules_.line);
    warn_unfilled();
    table.warn_unread(found);
  }

 private:
  enum class Kind { kTarget, kActual };

  // What the rows of an activity promised: a 目標 row promises the plan and each year's target,
  // a 実績 row the baseline and each year's actual.
  struct Promise {
    std::optional<records::At> target_row, actual_row;  // the rows' label cells
    int plan_line = 0;                                  // the plan column's rule, when there is one
    std::map<int, int> years;                           // fiscal year -> its column rule's line
  };

  // True when the cell under `column` at row r starts at r and holds text that is data.
  bool starts(const Table& table, const Column* column, int r) const {
    if (!column) return false;
    for (const auto* cell : row_cells(table, r, *column)) {
      if (cell->row == r && !trim(cell->text).empty() && !ignored(rules_, *cell)) return true;
    }
    return false;
  }

  void read_row(const Page& page, const Table& table, const std::vector<Column>& columns, int r) {
    FigureReader figures(normalizer_, page.number, context_);
    const Column* project = role_column(columns, "project");
    const Column* activity = role_column(columns, "activity");
    if (starts(table, project, r)) start_project(figures.text(row_cells(table, r, *project), " ", "project.name", *project),
                                                 figures, page, table, columns, r);
    if (sheet_.projects.empty()) return;
    if (!starts(table, project, r)) read_division_again(page, table, columns, r);
    auto& activities = sheet_.projects.back().activities;
    if (starts(table, activity, r) || activities.empty()) {
      if (!activity_has_text(table, columns, r)) return;
      records::Activity a;
      if (activity) a.name = figures.text(row_cells(table, r, *activity), "", "activity.name", *activity);
      new_activity(std::move(a));
    }
    const auto row = row_kind(page, table, columns, r);
    if (!row) return warn_unlabelled(page, table, r);
    const Kind kind = row->first;
    // An activity is one 目標 row and one 実績 row: a second of either under the same (merged or
    // blank) name cell starts the next activity, rather than overwriting the figures read.
    if (holds(activities.back(), kind)) {
      new_activity({activities.back().name, {}, {}, {}, {}});
      // Under a merged name cell the name is the same activity's; under a blank cell of its own
      // it is a guess: said at that cell.
      if (activity)
        for (const auto* cell : row_cells(table, r, *activity))
          if (cell->row == r && trim(cell->text).empty())
            context_.warn("missing-field",
                          "activity.name: its cell is blank; the name 「" + activities.back().name +
                              "」 of the activity above is repeated",
                          at_of(page.number, cell->box), activity->line);
    }
    auto& current = activities.back();
    Promise& promise = promises_.back().back();
    (kind == Kind::kTarget ? promise.target_row : promise.actual_row) = row->second;
    for (const auto& column : columns) {
      const auto cells = row_cells(table, r, column);
      if (column.role == "plan") promise.plan_line = column.line;
      if (column.role == "year" && column.fiscal_year) promise.years.emplace(*column.fiscal_year, column.line);
      if (cells.empty()) continue;
      if (column.role == "plan" || column.role == "year")
        warn_cells_under_one_header(context_, page.number, cells, column, column.role == "plan" ? "activity.plan" : "year figure");
      if (column.role == "plan") {
        auto q = figures.read(*cells.front(), kind == Kind::kTarget ? "activity.plan" : "activity.baseline", column);
        if (kind == Kind::kTarget) {
          current.plan = std::move(q);
        } else {
          current.baseline = std::move(q);
          current.baseline_fiscal_year = column.fiscal_year;
        }
      } else if (column.role == "year" && column.fiscal_year) {
        auto q = figures.read(*cells.front(), kind == Kind::kTarget ? "year.target" : "year.actual", column);
        if (kind == Kind::kActual && column.estimate) q.estimate = true;
        year_entry(current, *column.fiscal_year)(kind) = std::move(q);
      }
    }
  }

  // A row of an activity with text but no row label the rules know (目標/実績 renamed, or two rows
  // run together): none of its cells is read; one warning covers the row.
  void warn_unlabelled(const Page& page, const Table& table, int r) {
    std::vector<const extractor::Cell*> cells;
    bool text = false;
    for (int c = 0; c < table.cols; ++c) {
      const auto* cell = table.at(r, c);
      if (!cell || std::find(cells.begin(), cells.end(), cell) != cells.end()) continue;
      cells.push_back(cell);
      text |= cell->row == r && !context_.was_read(*cell) && !trim(cell->text).empty() && !ignored(rules_, *cell);
    }
    if (!text) return;
    Box box = cells.front()->box;
    std::string seen;
    for (const auto* cell : cells) {
      box = {std::min(box.x0, cell->box.x0), std::min(box.y0, cell->box.y0), std::max(box.x1, cell->box.x1),
             std::max(box.y1, cell->box.y1)};
      if (!context_.was_read(*cell)) {
        context_.covered(*cell);
        if (seen.empty() && !trim(cell->text).empty()) seen = utf8_prefix(squeeze(cell->text), 20);
      }
    }
    context_.warn("unread-row",
                  "a row of the projects table (「" + seen + "」…) has no row label that target_row " +
                      regex_text(*rules_.target_row) + " or actual_row " + regex_text(*rules_.actual_row) +
                      " matches: none of its figures was read",
                  at_of(page.number, box), rules_.line);
  }

  // A division cell printed again on a later row of the project (one per activity): the record
  // holds one division per project, so a different one is a warning.
  void read_division_again(const Page& page, const Table& table, const std::vector<Column>& columns, int r) {
    const Column* division = role_column(columns, "division");
    if (!division) return;
    const auto& project = sheet_.projects.back();
    for (const auto* cell : row_cells(table, r, *division)) {
      if (cell->row != r) continue;
      context_.read(page.number, *cell, "project.division", division->line, division->first);
      const std::string text = join_wrapped(cell->lines);
      if (RuleTrace* trace = context_.trace(division->line))
        look(trace, page.number, cell->box, text, true, "read as project.division again");
      if (!text.empty() && text != project.division)
        context_.warn("division-differs",
                      "project 「" + project.name + "」: a row's division 「" + text + "」 is not the project's 「" +
                          project.division + "」, which the record keeps",
                      at_of(page.number, cell->box), division->line);
    }
  }

  void new_activity(records::Activity activity) {
    sheet_.projects.back().activities.push_back(std::move(activity));
    promises_.back().emplace_back();
  }

  // Whether an activity already has figures from a row of this kind.
  static bool holds(const records::Activity& a, Kind kind) {
    if (kind == Kind::kTarget ? a.plan.has_value() : a.baseline.has_value()) return true;
    return std::any_of(a.years.begin(), a.years.end(),
                       [&](const auto& y) { return kind == Kind::kTarget ? y.target.has_value() : y.actual.has_value(); });
  }

  // The kind of a row (and its label cell) from the cells of its kind column (any cell without one).
  std::optional<std::pair<Kind, records::At>> row_kind(const Page& page, const Table& table,
                                                       const std::vector<Column>& columns, int r) {
    const Column* kind = role_column(columns, "kind");
    std::vector<const extractor::Cell*> cells;
    if (kind) {
      cells = row_cells(table, r, *kind);
    } else {
      for (int c = 0; c < table.cols; ++c)
        if (const auto* cell = table.at(r, c)) cells.push_back(cell);
    }
    for (const auto* cell : cells) {
      const std::string text = squeeze(cell->text);
      std::optional<Kind> found;
      if (RE2::PartialMatch(text, *rules_.target_row)) found = Kind::kTarget;
      else if (RE2::PartialMatch(text, *rules_.actual_row)) found = Kind::kActual;
      if (!found) continue;
      const int line = kind ? kind->line : rules_.line;
      context_.read(page.number, *cell, *found == Kind::kTarget ? "activity.target_row" : "activity.actual_row", line,
                    kind ? kind->first : -1);
      if (RuleTrace* trace = context_.trace(line))
        look(trace, page.number, cell->box, text, true,
           *found == Kind::kTarget ? "target_row matched" : "actual_row matched");
      return std::make_pair(*found, at_of(page.number, cell->box));
    }
    return std::nullopt;
  }

  bool activity_has_text(const Table& table, const std::vector<Column>& columns, int r) const {
    for (const auto& column : columns) {
      if (column.role.empty() || column.role == "project" || column.role == "division") continue;
      for (const auto* cell : row_cells(table, r, column))
        if (!trim(cell->text).empty() && !ignored(rules_, *cell)) return true;
    }
    return false;
  }

  struct YearSlot {
    records::YearFigures& entry;
    std::optional<records::Quantity>& operator()(Kind kind) const {
      return kind == Kind::kTarget ? entry.target : entry.actual;
    }
  };

  static YearSlot year_entry(records::Activity& activity, int fiscal_year) {
    auto it = std::find_if(activity.years.begin(), activity.years.end(),
                           [&](const auto& y) { return y.fiscal_year == fiscal_year; });
    if (it == activity.years.end()) {
      activity.years.push_back({fiscal_year, std::nullopt, std::nullopt});
      it = activity.years.end() - 1;
    }
    return {*it};
  }

  void start_project(const std::string& text, const FigureReader& figures, const Page& page, const Table& table,
                     const std::vector<Column>& columns, int r) {
    records::Project project;
    const Column* column = role_column(columns, "project");
    const auto at = at_of(page.number, row_cells(table, r, *column).front()->box);
    if (auto match = match_groups(*rules_.project, trim(text))) {
      project.number = to_int((*match)["number"]);
      project.name = (*match)["name"];
      project.reposted = !(*match)["reposted"].empty();
    } else {
      project.name = trim(text);
      context_.warn("missing-field", "project 「" + project.name + "」: the projects' regex " +
                                         regex_text(*rules_.project) + " did not match it", at, column->line);
    }
    // Without its number the project's rows cannot be told for sure: the doubt covers them all.
    if (!project.number) {
      const Box& cell = row_cells(table, r, *column).front()->box;
      const Box rows = table.rotation == 0 ? Box{table.box.x0, cell.y0, table.box.x1, cell.y1} : cell;
      context_.warn("missing-field", "project 「" + project.name + "」: no project number", at_of(page.number, rows),
                    column->line);
    }
    if (const Column* division = role_column(columns, "division")) {
      project.division = figures.text(row_cells(table, r, *division), "", "project.division", *division);
      if (project.division.empty())
        context_.warn("missing-field", "project 「" + project.name + "」: no division (所管課)", at, division->line);
    }
    sheet_.projects.push_back(std::move(project));
    promises_.emplace_back();
  }

  // Each promised figure of each activity that its rows did not give.
  void warn_unfilled() {
    for (std::size_t p = 0; p < sheet_.projects.size(); ++p) {
      const auto& project = sheet_.projects[p];
      const std::string name = "project " + (project.number ? std::to_string(*project.number) : "「" + project.name + "」");
      if (project.activities.empty())
        context_.warn("missing-field", name + ": no activity row", std::nullopt, rules_.line);
      for (std::size_t a = 0; a < project.activities.size(); ++a) {
        const auto& activity = project.activities[a];
        const Promise& promise = promises_[p][a];
        const std::string where = name + ", activity 「" + activity.name + "」: ";
        for (const auto kind : {Kind::kTarget, Kind::kActual}) {
          const bool target = kind == Kind::kTarget;
          const auto& row = target ? promise.target_row : promise.actual_row;
          if (!row) {
            context_.warn("missing-field", where + "no " + (target ? "target (目標)" : "actual (実績)") + " row",
                          target ? promise.actual_row : promise.target_row, rules_.line);
            continue;
          }
          if (promise.plan_line && !(target ? activity.plan : activity.baseline))
            context_.warn("missing-field", where + "no " + (target ? "plan" : "baseline") + " cell in its row", row,
                          promise.plan_line);
          for (const auto& [year, line] : promise.years) {
            const int fiscal_year = year;  // clang 14 cannot capture a structured binding
            const auto it = std::find_if(activity.years.begin(), activity.years.end(),
                                         [&](const auto& y) { return y.fiscal_year == fiscal_year; });
            if (it == activity.years.end() || !(target ? it->target : it->actual))
              context_.warn("missing-field",
                            where + "no " + (target ? "target" : "actual") + " cell for fiscal " + std::to_string(year),
                            row, line);
          }
        }
      }
    }
  }

  const ProjectTableRule& rules_;
  const normalizer::Normalizer& normalizer_;
  SheetContext& context_;
  records::Sheet& sheet_;
  std::vector<std::vector<Promise>> promises_;  // per project, per activity
};

// A back page of the sheet with text where neither table's header was found: nothing on it was
// read (a table the extractor did not see whole, a header printed otherwise).
void warn_unread_pages(const std::vector<const Page*>& pages, SheetContext& context) {
  for (std::size_t i = 1; i < pages.size(); ++i) {
    const Page& page = *pages[i];
    if (context.has_table(page.number) || (page.tables.empty() && page.blocks.empty())) continue;
    context.warn("unread-page",
                 "page " + std::to_string(page.number) + " of the sheet holds no indicators or projects table header " +
                     regex_text(*context.rules().projects.header) + ": nothing on it was read",
                 at_of(page.number, {0, 0, page.width, page.height}), context.rules().projects.line);
  }
}

// Every rule of the file in file order, as a trace entry to fill.
void start_traces(SheetContext& context) {
  const RuleFile& rules = context.rules();
  for (const auto& rule : rules.measure) {
    const RE2* re = rule.label ? rule.label.get() : rule.contains ? rule.contains.get() : rule.pattern.get();
    std::vector<std::string> fields;
    for (const auto& f : rule.fills) fields.push_back("measure." + f);
    context.start_trace(rule.line, "measure", re, fields);
  }
  const auto table = [&](const TableRule& t, const char* name, auto role_fields) {
    context.start_trace(t.line, std::string(name) + " table", t.header.get(), {name});
    for (const auto& column : t.columns)
      context.start_trace(column.line, std::string(name) + " column " + column.role, column.header.get(),
                          role_fields(column.role));
  };
  table(rules.indicators, "indicators", [](const std::string& role) {
    return std::vector<std::string>{"indicator." + role};
  });
  table(rules.projects, "projects", [](const std::string& role) -> std::vector<std::string> {
    if (role == "project") return {"project.number", "project.name"};
    if (role == "division") return {"project.division"};
    if (role == "activity") return {"activity.name"};
    if (role == "plan") return {"activity.plan", "activity.baseline"};
    if (role == "year") return {"year.target", "year.actual"};
    return {"activity.kind"};
  });
}

records::Sheet read_sheet(const SheetPages& pages, const RuleFile& rules, const normalizer::Normalizer& normalizer,
                          SheetTrace* trace, std::vector<CellUse>* uses) {
  records::Sheet sheet;
  sheet.ruleset_id = rules.id;
  sheet.ruleset_version = rules.version;
  sheet.municipality_code = rules.municipality_code;
  sheet.municipality_name = rules.municipality_name;
  sheet.source.first_page = pages.pages.front()->number;
  sheet.source.last_page = pages.pages.back()->number;
  sheet.source.pages = static_cast<int>(pages.pages.size());
  sheet.review_period.label = pages.period;
  SheetContext context(rules, sheet, trace, uses);
  for (const auto& other : pages.also_recognised) {
    context.warn("title-ambiguous",
                 "the title is recognised by " + std::filesystem::path(other).filename().string() + " too: read with " +
                     std::filesystem::path(rules.path).filename().string() +
                     ", the first (rule files are tried in the order given, a folder's by name)",
                 std::nullopt, 0);
  }
  if (auto period = normalizer.period(pages.period)) {
    sheet.review_period.from_fiscal_year = period->from_fiscal_year;
    sheet.review_period.to_fiscal_year = period->to_fiscal_year;
    for (const auto& warning : period->warnings)
      context.warn("year-mismatch", "review period 「" + pages.period + "」: " + warning, std::nullopt, 0);
  } else {
    context.warn("missing-field", "review period 「" + pages.period + "」 names no fiscal years", std::nullopt, 0);
  }
  if (trace) {
    trace->first_page = sheet.source.first_page;
    trace->last_page = sheet.source.last_page;
    trace->rule_file = rules.path;
    start_traces(context);
  }
  MeasureReader(context, page_spots(*pages.pages.front())).read();
  read_indicators(pages.pages, normalizer, context);
  ProjectReader(normalizer, context).read(pages.pages);
  warn_unread_pages(pages.pages, context);
  for (auto& warning : check_sheet(sheet)) sheet.warnings.push_back(std::move(warning));
  std::stable_sort(sheet.warnings.begin(), sheet.warnings.end(), records::warning_order);
  return sheet;
}

}  // namespace

struct Reader::Normalizers {
  std::vector<normalizer::Normalizer> each;
};

Reader::Reader(std::vector<Ruleset> rulesets)
    : rulesets_(std::move(rulesets)), normalizers_(std::make_unique<Normalizers>()) {
  for (const auto& ruleset : rulesets_) normalizers_->each.emplace_back(rule_file(ruleset).counters);
}
Reader::~Reader() = default;
Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;

std::vector<records::Sheet> Reader::read(const extractor::Document& document) const {
  std::vector<records::Sheet> sheets;
  for (const auto& pages : pages_to_sheets(document, rulesets_)) {
    sheets.push_back(read_sheet(pages, rule_file(rulesets_[pages.ruleset]), normalizers_->each[pages.ruleset],
                                nullptr, nullptr));
  }
  return sheets;
}

Reading Reader::explain(const extractor::Document& document) const {
  Reading reading;
  for (const auto& pages : pages_to_sheets(document, rulesets_)) {
    SheetTrace trace;
    reading.sheets.push_back(read_sheet(pages, rule_file(rulesets_[pages.ruleset]), normalizers_->each[pages.ruleset],
                                        &trace, &reading.uses));
    reading.traces.push_back(std::move(trace));
  }
  return reading;
}

std::vector<records::Sheet> read_sheets(const extractor::Document& document, const std::vector<Ruleset>& rulesets) {
  return Reader(rulesets).read(document);
}

}  // namespace sheetx::rules
