// Reading sheets: pages split into sheets by their title, the measure's fields found by their
// labels, and the two tables read by their header rows. Nothing here knows a sheet's content:
// every label, header and row marker comes from the rule file.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

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
    for (std::size_t r = 0; r < rulesets.size(); ++r) {
      const RE2& title = *rulesets[r].file().title;
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
      if (found) {
        match = r;
        period = (*found)["period"];
        break;
      }
    }
    if (match) {
      sheets.push_back({*match, period, {&page}});
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

// Digits as printed (full-width too) -> a number; nothing for anything else or one too large.
std::optional<int> to_int(const std::string& text) {
  const std::string folded = normalizer::fold_width(trim(text));
  int value = 0;
  const auto [end, error] = std::from_chars(folded.data(), folded.data() + folded.size(), value);
  if (folded.empty() || error != std::errc() || end != folded.data() + folded.size() || folded.front() == '-')
    return std::nullopt;
  return value;
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

// Where the cells that rules read are noted, when someone asked (sheetx inspect).
class UseLog {
 public:
  explicit UseLog(std::vector<CellUse>* uses) : uses_(uses) {}
  void add(int page, const Box& box, const std::string& field) const {
    if (uses_) uses_->push_back({page, box, field});
  }
  void add(const Spot& spot, const std::string& field) const { add(spot.page, spot.box, field); }

 private:
  std::vector<CellUse>* uses_;
};

// Fills the measure from the sheet's first page, rule by rule.
class MeasureReader {
 public:
  MeasureReader(const RuleFile& rules, std::vector<Spot> spots, records::Sheet& sheet, const UseLog& log)
      : rules_(rules), spots_(std::move(spots)), sheet_(sheet), log_(log) {}

  void read() {
    for (const auto& rule : rules_.measure) apply(rule);
    auto& m = sheet_.measure;
    std::sort(m.initiatives.begin(), m.initiatives.end(),
              [](const auto& a, const auto& b) { return a.number < b.number; });
  }

 private:
  const Spot* anchor(const FieldRule& rule) const {
    const RE2* re = rule.label ? rule.label.get() : rule.contains.get();
    for (const auto& spot : spots_) {
      if (re && RE2::PartialMatch(spot.squeezed, *re)) return &spot;
    }
    return nullptr;
  }

  std::vector<const Spot*> candidates(const FieldRule& rule, const Spot* at) const {
    std::vector<const Spot*> out;
    if (rule.take == Take::kSelf) {
      if (at) out.push_back(at);
      return out;
    }
    for (const auto& spot : spots_) {
      if (spot.squeezed.empty() || &spot == at) continue;
      if (rule.take == Take::kAny || right_of(at->box, spot.box)) out.push_back(&spot);
    }
    std::sort(out.begin(), out.end(), rule.take == Take::kRight ? nearest_first : reading_order);
    return out;
  }

  void apply(const FieldRule& rule) {
    const Spot* at = nullptr;
    if (rule.take != Take::kAny) {
      at = anchor(rule);
      if (!at) return;  // a missing field is reported once the whole sheet is read
    }
    const auto found = candidates(rule, at);
    if (rule.items) return fill_items(rule, found);
    if (rule.pattern) return fill_pattern(rule, found);
    if (!rule.sections.empty()) return fill_sections(rule, found);
    for (std::size_t i = 0; i < rule.into.size() && i < found.size(); ++i) fill(rule.into[i], *found[i], found[i]->lines);
  }

  void fill_items(const FieldRule& rule, const std::vector<const Spot*>& found) {
    std::string text;
    for (const Spot* spot : found) {
      text += spot->text;
      log_.add(*spot, "measure.initiatives");
    }
    std::size_t pos = 0;
    for (auto item = match_groups(*rule.items, text); item; item = match_groups(*rule.items, text, pos)) {
      if (item->end <= pos) break;  // an empty match would never move on
      pos = item->end;
      sheet_.measure.initiatives.push_back({circled_number((*item)["number"]), (*item)["name"]});
    }
  }

  void fill_pattern(const FieldRule& rule, const std::vector<const Spot*>& found) {
    for (const Spot* spot : found) {
      auto match = match_groups(*rule.pattern, trim(spot->text));
      if (!match) continue;
      if (!rule.where.empty() && normalizer::fold_width((*match)[rule.where]) != value_of(rule.where)) continue;
      for (const auto& [name, value] : match->groups) {
        if (name != rule.where) fill(name, *spot, {value});
      }
      return;
    }
  }

  void fill_sections(const FieldRule& rule, const std::vector<const Spot*>& found) {
    if (found.empty()) return;
    const std::string* field = nullptr;
    std::map<std::string, std::vector<std::string>> lines;
    for (const auto& line : found.front()->lines) {
      const std::string squeezed = squeeze(line);
      auto heading = std::find_if(rule.sections.begin(), rule.sections.end(),
                                  [&](const auto& s) { return RE2::PartialMatch(squeezed, *s.second); });
      if (heading != rule.sections.end()) {
        field = &heading->first;
      } else if (rule.section_end && RE2::PartialMatch(squeezed, *rule.section_end)) {
        field = nullptr;
      } else if (field) {
        lines[*field].push_back(line);
      }
    }
    for (const auto& [name, text] : lines) fill(name, *found.front(), text);
  }

  // The text a field was filled with, folded, for `where`.
  std::string value_of(const std::string& field) const {
    const auto it = filled_.find(field);
    return it == filled_.end() ? std::string() : normalizer::fold_width(it->second);
  }

  // Puts printed lines into a field: lists take one item per paragraph, text takes the
  // paragraphs joined with "\n", numbers and the grade are folded.
  void fill(const std::string& field, const Spot& from, const std::vector<std::string>& lines) {
    log_.add(from, "measure." + field);
    auto& m = sheet_.measure;
    if (is_list_field(field)) {
      auto items = paragraphs(lines, rules_.paragraph.get(), rules_.bullet.get());
      if (field == "vision") m.vision = std::move(items);
      if (field == "review_direction") m.review.direction = std::move(items);
      return;
    }
    std::string text;
    for (const auto& p : paragraphs(lines, rules_.paragraph.get(), nullptr)) text += (text.empty() ? "" : "\n") + p;
    filled_[field] = text;
    if (field == "number") m.number = to_int(text);
    else if (field == "name") m.name = text;
    else if (field == "department") m.department = text;
    else if (field == "division") m.division = text;
    else if (field == "goal_number") m.goal.number = to_int(text);
    else if (field == "goal_name") m.goal.name = text;
    else if (field == "grade") m.evaluation.grade = normalizer::fold_width(text);
    else if (field == "grade_label") m.evaluation.label = text;
    else if (field == "review_summary") m.review.summary = text;
    else if (field == "review_indicators") m.review.indicators = text;
  }

  const RuleFile& rules_;
  std::vector<Spot> spots_;
  records::Sheet& sheet_;
  const UseLog& log_;
  std::map<std::string, std::string> filled_;  // text fields as filled, for `where`
};

// A run of grid columns under one header, with the role the rule file gives it.
struct Column {
  std::string role;
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
  int first_row = 0, end_row = 0;  // [first_row, end_row)
};

std::vector<Header> find_headers(const Page& page, const RE2& header) {
  std::vector<Header> out;
  for (const auto& table : page.tables) {
    for (const auto& cell : table.cells) {
      if (RE2::PartialMatch(squeeze(join_wrapped(cell.lines)), header)) {
        out.push_back({&table, cell.row, cell.row + cell.row_span});
        break;
      }
    }
  }
  return out;
}

// Header rows -> columns: grid columns under the same header cells are one column; each takes
// the first role whose regex matches its header.
std::vector<Column> header_to_columns(const Header& header, const TableRule& rule,
                                      const normalizer::Normalizer& normalizer, const RE2* estimate) {
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
    const std::string squeezed = squeeze(column.header);
    for (const auto& role : rule.columns) {
      if (RE2::PartialMatch(squeezed, *role.header)) {
        column.role = role.role;
        break;
      }
    }
    if (!cells.empty()) column.header_box = cells.back()->box;
    if (auto year = normalizer.fiscal_year(column.header)) {
      column.fiscal_year = year->year;
      column.year_warnings = year->warnings;
    }
    column.estimate = estimate && RE2::PartialMatch(squeezed, *estimate);
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

// Reads figures into quantities with their provenance.
class FigureReader {
 public:
  FigureReader(const normalizer::Normalizer& normalizer, int page, const UseLog& log)
      : normalizer_(normalizer), page_(page), log_(log) {}

  records::Quantity read(const extractor::Cell& cell, const std::string& field) const {
    log_.add(page_, cell.box, field);
    // A second figure in parentheses (a revision, a running total) keeps its own line, joined
    // by "\n"; a figure that merely wrapped is joined back into one line.
    std::string raw;
    std::vector<std::string> wrapped;
    for (const auto& line : cell.lines) {
      const std::string t = trim(line);
      if (t.empty()) continue;
      if (!wrapped.empty() && (t.rfind("(", 0) == 0 || t.rfind("（", 0) == 0)) {
        raw += (raw.empty() ? "" : "\n") + join_wrapped(wrapped);
        wrapped.clear();
      }
      wrapped.push_back(t);
    }
    if (!wrapped.empty()) raw += (raw.empty() ? "" : "\n") + join_wrapped(wrapped);
    return {normalizer_.quantity(raw), {page_, {cell.box.x0, cell.box.y0, cell.box.x1, cell.box.y1}}};
  }

  std::string text(const std::vector<const extractor::Cell*>& cells, const char* separator,
                   const std::string& field) const {
    std::string out;
    for (const auto* cell : cells) {
      log_.add(page_, cell->box, field);
      std::string t = join_wrapped(cell->lines);
      if (!t.empty()) out += (out.empty() ? "" : separator) + t;
    }
    return out;
  }

 private:
  const normalizer::Normalizer& normalizer_;
  int page_;
  const UseLog& log_;
};

const Column* role_column(const std::vector<Column>& columns, const std::string& role) {
  auto it = std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.role == role; });
  return it == columns.end() ? nullptr : &*it;
}

// What the normalizer said of the years in a table's header, as warnings at those cells.
void warn_header_years(const Page& page, const std::vector<Column>& columns, records::Sheet& sheet) {
  for (const auto& column : columns) {
    for (const auto& warning : column.year_warnings) {
      const auto& b = column.header_box;
      sheet.warnings.push_back({"year-mismatch", "column 「" + column.header + "」: " + warning,
                                records::At{page.number, {b.x0, b.y0, b.x1, b.y1}}});
    }
  }
}

// The header cells of a table, as read.
void log_header(const Page& page, const Header& header, const UseLog& log) {
  for (const auto& cell : header.table->cells) {
    if (cell.row >= header.first_row && cell.row < header.end_row) log.add(page.number, cell.box, "header");
  }
}

// Indicator table rows -> indicators: a row whose name cell starts there is one indicator.
void read_indicators(const std::vector<const Page*>& pages, const RuleFile& rules,
                     const normalizer::Normalizer& normalizer, records::Sheet& sheet, const UseLog& log) {
  for (const Page* page : pages) {
    for (const auto& header : find_headers(*page, *rules.indicators.header)) {
      const auto columns = header_to_columns(header, rules.indicators, normalizer, nullptr);
      warn_header_years(*page, columns, sheet);
      const Column* name = role_column(columns, "name");
      if (!name) continue;
      const Column* source = role_column(columns, "source");
      FigureReader figures(normalizer, page->number, log);
      log_header(*page, header, log);
      for (int r = header.end_row; r < header.table->rows; ++r) {
        const auto* name_cell = header.table->at(r, name->first);
        if (!name_cell || name_cell->row != r || trim(name_cell->text).empty()) continue;
        records::Indicator indicator;
        indicator.name = figures.text(row_cells(*header.table, r, *name), "", "indicator.name");
        if (source) indicator.source = figures.text(row_cells(*header.table, r, *source), "", "indicator.source");
        for (const auto& column : columns) {
          if (column.role != "baseline" && column.role != "target" && column.role != "actual") continue;
          for (const auto* cell : row_cells(*header.table, r, column)) {
            indicator.values.push_back({column.role, column.fiscal_year, figures.read(*cell, "indicator." + column.role)});
          }
        }
        sheet.indicators.push_back(std::move(indicator));
      }
    }
  }
}

// Project table rows -> projects and activities. A project starts where its cell starts with
// text, an activity likewise; within an activity the target and actual rows are told apart by
// their row label. Rows carry on across pages, so a project may continue on the next page.
class ProjectReader {
 public:
  ProjectReader(const RuleFile& rules, const normalizer::Normalizer& normalizer, records::Sheet& sheet,
                const UseLog& log)
      : rules_(rules.projects), normalizer_(normalizer), sheet_(sheet), log_(log) {}

  void read(const std::vector<const Page*>& pages) {
    for (const Page* page : pages) {
      for (const auto& header : find_headers(*page, *rules_.header)) {
        const auto columns = header_to_columns(header, rules_, normalizer_, rules_.estimate.get());
        warn_header_years(*page, columns, sheet_);
        log_header(*page, header, log_);
        for (int r = header.end_row; r < header.table->rows; ++r) read_row(*page, *header.table, columns, r);
      }
    }
  }

 private:
  // True when the cell under `column` at row r starts at r and holds text.
  static bool starts(const Table& table, const Column* column, int r) {
    if (!column) return false;
    for (const auto* cell : row_cells(table, r, *column)) {
      if (cell->row == r && !trim(cell->text).empty()) return true;
    }
    return false;
  }

  void read_row(const Page& page, const Table& table, const std::vector<Column>& columns, int r) {
    FigureReader figures(normalizer_, page.number, log_);
    const Column* project = role_column(columns, "project");
    const Column* activity = role_column(columns, "activity");
    if (starts(table, project, r)) start_project(figures.text(row_cells(table, r, *project), " ", "project.name"),
                                                 figures, table, columns, r);
    if (sheet_.projects.empty()) return;
    auto& activities = sheet_.projects.back().activities;
    if (starts(table, activity, r) || activities.empty()) {
      if (!activity_has_text(table, columns, r)) return;
      records::Activity a;
      if (activity) a.name = figures.text(row_cells(table, r, *activity), "", "activity.name");
      activities.push_back(std::move(a));
    }
    const auto kind = row_kind(table, columns, r);
    if (!kind) return;
    // An activity is one 目標 row and one 実績 row: a second of either under the same (merged or
    // blank) name cell starts the next activity, rather than overwriting the figures read.
    if (holds(activities.back(), *kind)) activities.push_back({activities.back().name, {}, {}, {}, {}});
    auto& current = activities.back();
    for (const auto& column : columns) {
      const auto cells = row_cells(table, r, column);
      if (cells.empty()) continue;
      if (column.role == "plan") {
        auto q = figures.read(*cells.front(), *kind == Kind::kTarget ? "activity.plan" : "activity.baseline");
        if (*kind == Kind::kTarget) {
          current.plan = std::move(q);
        } else {
          current.baseline = std::move(q);
          current.baseline_fiscal_year = column.fiscal_year;
        }
      } else if (column.role == "year" && column.fiscal_year) {
        auto q = figures.read(*cells.front(), *kind == Kind::kTarget ? "year.target" : "year.actual");
        if (*kind == Kind::kActual && column.estimate) q.value.estimate = true;
        year_entry(current, *column.fiscal_year)(*kind) = std::move(q);
      }
    }
  }

  enum class Kind { kTarget, kActual };

  // Whether an activity already has figures from a row of this kind.
  static bool holds(const records::Activity& a, Kind kind) {
    if (kind == Kind::kTarget ? a.plan.has_value() : a.baseline.has_value()) return true;
    return std::any_of(a.years.begin(), a.years.end(),
                       [&](const auto& y) { return kind == Kind::kTarget ? y.target.has_value() : y.actual.has_value(); });
  }

  std::optional<Kind> row_kind(const Table& table, const std::vector<Column>& columns, int r) const {
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
      if (RE2::PartialMatch(text, *rules_.target_row)) return Kind::kTarget;
      if (RE2::PartialMatch(text, *rules_.actual_row)) return Kind::kActual;
    }
    return std::nullopt;
  }

  static bool activity_has_text(const Table& table, const std::vector<Column>& columns, int r) {
    for (const auto& column : columns) {
      if (column.role.empty() || column.role == "project" || column.role == "division") continue;
      for (const auto* cell : row_cells(table, r, column))
        if (!trim(cell->text).empty()) return true;
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

  void start_project(const std::string& text, const FigureReader& figures, const Table& table,
                     const std::vector<Column>& columns, int r) {
    records::Project project;
    if (auto match = match_groups(*rules_.project, trim(text))) {
      project.number = to_int((*match)["number"]);
      project.name = (*match)["name"];
      project.reposted = !(*match)["reposted"].empty();
    } else {
      project.name = trim(text);
    }
    if (const Column* division = role_column(columns, "division"))
      project.division = figures.text(row_cells(table, r, *division), "", "project.division");
    sheet_.projects.push_back(std::move(project));
  }

  const ProjectTableRule& rules_;
  const normalizer::Normalizer& normalizer_;
  records::Sheet& sheet_;
  const UseLog& log_;
};

records::Sheet read_sheet(const SheetPages& pages, const RuleFile& rules, const normalizer::Normalizer& normalizer,
                          const UseLog& log) {
  records::Sheet sheet;
  sheet.ruleset_id = rules.id;
  sheet.ruleset_version = rules.version;
  sheet.municipality_code = rules.municipality_code;
  sheet.municipality_name = rules.municipality_name;
  sheet.source.first_page = pages.pages.front()->number;
  sheet.source.last_page = pages.pages.back()->number;
  sheet.source.pages = static_cast<int>(pages.pages.size());
  sheet.review_period.label = pages.period;
  if (auto period = normalizer.period(pages.period)) {
    sheet.review_period.from_fiscal_year = period->from_fiscal_year;
    sheet.review_period.to_fiscal_year = period->to_fiscal_year;
    for (const auto& warning : period->warnings)
      sheet.warnings.push_back({"year-mismatch", "review period 「" + pages.period + "」: " + warning, std::nullopt});
  }
  MeasureReader(rules, page_spots(*pages.pages.front()), sheet, log).read();
  read_indicators(pages.pages, rules, normalizer, sheet, log);
  ProjectReader(rules, normalizer, sheet, log).read(pages.pages);
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
  for (const auto& ruleset : rulesets_) normalizers_->each.emplace_back(ruleset.file().counters);
}
Reader::~Reader() = default;
Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;

std::vector<records::Sheet> Reader::read(const extractor::Document& document, std::vector<CellUse>* uses) const {
  const UseLog log(uses);
  std::vector<records::Sheet> sheets;
  for (const auto& pages : pages_to_sheets(document, rulesets_)) {
    sheets.push_back(read_sheet(pages, rulesets_[pages.ruleset].file(), normalizers_->each[pages.ruleset], log));
  }
  return sheets;
}

std::vector<records::Sheet> read_sheets(const extractor::Document& document, const std::vector<Ruleset>& rulesets,
                                        std::vector<CellUse>* uses) {
  return Reader(rulesets).read(document, uses);
}

}  // namespace sheetx::rules
