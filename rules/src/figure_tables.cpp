// Reading a project sheet's figure tables by their header rows into its project: indicators and
// cost lines by fiscal year (years as columns or as rows), and evaluation items. A figure's year
// and kind come from its column's header or its row's label, by the words the rule file gives;
// every figure whose year or kind cannot be told is left unread with a warning naming the rule.
#include <algorithm>

#include "figure_tables.h"
#include "table_columns.h"

namespace sheetx::rules {
namespace {

using extractor::Cell;
using extractor::Page;
using extractor::Table;
using Into = FigureTableRule::Into;

// What a header or a row label says of its figures: a fiscal year and a kind.
struct Stamp {
  std::optional<int> year;
  std::vector<std::string> year_warnings;  // the normalizer's, of an era year
  const FigureTableRule::RelativeYear* relative_without_review = nullptr;  // its words, but the sheet gives no review year
  std::vector<const FigureTableRule::Kind*> kinds;  // every kind whose words matched, in file order
  const FigureTableRule::Kind* kind() const { return kinds.empty() ? nullptr : kinds.front(); }
};

// An indicator or a cost line as the table prints it.
struct Entry {
  std::string name;
  std::optional<std::string> unit;  // its unit cell, as printed
  std::string group;                // an indicator's kind (activity / outcome)
  std::vector<records::IndicatorValue> values;
};

bool empty_text(const Cell* cell) { return !cell || trim(cell->text).empty(); }

// The cells of a row that start in it, left to right.
std::vector<const Cell*> starting_cells(const Table& table, int r) {
  std::vector<const Cell*> out;
  for (int c = 0; c < table.cols; ++c) {
    const Cell* cell = table.at(r, c);
    if (cell && cell->row == r && (out.empty() || out.back() != cell)) out.push_back(cell);
  }
  return out;
}

std::string into_name(Into into) {
  switch (into) {
    case Into::kIndicators: return "indicators";
    case Into::kCosts: return "costs";
    case Into::kEvaluation: return "evaluation";
  }
  return {};
}

// Whether no cell that starts in a row prints anything (an unused row of a fixed form).
bool blank(const Table& table, int r) {
  const auto cells = starting_cells(table, r);
  return std::all_of(cells.begin(), cells.end(), empty_text);
}

class FigureTableReader {
 public:
  FigureTableReader(const FigureTableRule& rule, const normalizer::Normalizer& normalizer, SheetContext& context)
      : rule_(rule), normalizer_(normalizer), context_(context) {}

  void read(const std::vector<const Page*>& pages) {
    TableReader table(rule_, name(), context_);
    table.years_may_repeat();
    const auto found = table.find(pages, normalizer_, nullptr, [this](const Page& page, const Header& header) {
      return !rule_.caption || RE2::PartialMatch(squeeze(caption(page, *header.table)), *rule_.caption);
    });
    for (const auto& f : found) read_table(f);
    if (rule_.overall && !overall_found_) read_overall_apart(found);
    if (!found.empty() && rows_read_ == 0)
      context_.warn("missing-field", "no row under the " + name() + " table's header",
                    at_of(found.front().page->number, found.front().header.cell->box), rule_.line);
    if (rule_.overall && !found.empty()) {
      const std::string why = "no item of the " + name() + " table, nor a row of a table of its own on its page, matches overall " +
                              regex_text(*rule_.overall);
      conclude(context_.trace(rule_.overall_line), overall_found_,
               overall_found_ ? "filled evaluation.grade and evaluation.label" : "matched nothing: " + why);
      if (!overall_found_)
        context_.warn("rule-unmatched", why + ": the overall grade was not read",
                      at_of(found.front().page->number, found.front().header.cell->box), rule_.overall_line);
    }
    table.warn_unread(found);
  }

 private:
  std::string name() const { return into_name(rule_.into); }
  // The record field a figure table's cells go into, as CellUse, warnings and explain's --field name it.
  std::string field() const { return "project." + name(); }

  // The free text nearest above a table, over it, with no other table between: its caption.
  static std::string caption(const Page& page, const Table& table) {
    const extractor::TextBlock* nearest = nullptr;
    for (const auto& block : page.blocks) {
      const bool over = block.box.x1 > table.box.x0 && block.box.x0 < table.box.x1;
      if (!over || block.box.y1 > table.box.y0 + 1 || (nearest && block.box.y1 <= nearest->box.y1)) continue;
      const bool table_between = std::any_of(page.tables.begin(), page.tables.end(), [&](const Table& other) {
        return &other != &table && other.box.y0 >= block.box.y1 - 1 && other.box.y1 <= table.box.y0 + 1 &&
               other.box.x1 > table.box.x0 && other.box.x0 < table.box.x1;
      });
      if (!table_between) nearest = &block;
    }
    return nearest ? nearest->text : std::string();
  }

  // The sheet's one project: tables load only in a project sheet's rule file, whose sheets start
  // with it.
  records::Project& project() { return context_.sheet().projects.front(); }

  // A header's or a row label's year and kind, by the normalizer and the rule file's words.
  Stamp stamp(const std::string& text) const {
    Stamp out;
    const std::string squeezed = squeeze(text);
    if (const auto year = normalizer_.fiscal_year(text)) {
      out.year = year->year;
      out.year_warnings = year->warnings;
    } else {
      const auto& review = context_.sheet().review_period.from_fiscal_year;
      for (const auto& relative : rule_.relative_years) {
        if (!RE2::PartialMatch(squeezed, *relative.words)) continue;
        if (review) out.year = *review + relative.offset;
        else out.relative_without_review = &relative;
        break;
      }
    }
    for (const auto& kind : rule_.kinds)
      if (RE2::PartialMatch(squeezed, *kind.words)) out.kinds.push_back(&kind);
    return out;
  }

  // Warnings of a stamp read from the header or label at `at`: its era year, several kinds.
  void warn_stamp(const Stamp& s, const std::string& text, const records::At& at, int line) {
    for (const auto& warning : s.year_warnings)
      context_.warn("year-mismatch", "「" + squeeze(text) + "」: " + warning, at, line);
    if (s.kinds.size() > 1) {
      std::string kinds;
      for (const auto* k : s.kinds) kinds += (kinds.empty() ? "" : " and ") + k->kind + " (line " + std::to_string(k->line) + ")";
      context_.warn("several-kinds",
                    "「" + squeeze(text) + "」 names the kinds " + kinds + "; its figures were read as " +
                        s.kind()->kind,
                    at, rule_.kinds_line);
    }
  }

  std::string no_year_why(const Stamp& s) const {
    return s.relative_without_review ? "names a year relative to the review period (relative_years, line " +
                                           std::to_string(s.relative_without_review->line) +
                                           "), which the sheet does not give"
                                     : "names no fiscal year";
  }

  // Whether a row's first cell with text is one the rule's `skip` declares no data; its cells
  // are then read by no rule and warned of by none.
  bool skipped(const Page& page, const Table& table, int r) {
    if (rule_.skip.empty()) return false;
    const auto cells = starting_cells(table, r);
    const auto first = std::find_if(cells.begin(), cells.end(), [](const Cell* c) { return !empty_text(c); });
    if (first == cells.end()) return false;
    const std::string text = squeeze((*first)->text);
    if (std::none_of(rule_.skip.begin(), rule_.skip.end(), [&](const Regex& re) { return RE2::PartialMatch(text, *re); }))
      return false;
    for (const Cell* cell : cells) context_.covered(*cell);
    look(context_.trace(rule_.line), page.number, (*first)->box, text, true, "row skipped (skip)");
    return true;
  }

  // The unit printed once for the table: in a header cell, else in its caption.
  std::optional<std::string> table_unit(const Page& page, const Header& header) {
    if (!rule_.unit) return std::nullopt;
    RuleTrace* trace = context_.trace(rule_.unit_line);
    for (const auto& cell : header.table->cells) {
      if (cell.row < header.first_row || cell.row >= header.end_row) continue;
      if (auto match = match_groups(*rule_.unit, join_wrapped(cell.lines))) {
        look(trace, page.number, cell.box, join_wrapped(cell.lines), true, "unit " + quoted((*match)["unit"]));
        conclude(trace, true, "the table's unit " + quoted((*match)["unit"]));
        return (*match)["unit"];
      }
    }
    if (auto match = match_groups(*rule_.unit, caption(page, *header.table))) {
      conclude(trace, true, "the table's unit " + quoted((*match)["unit"]) + ", from its caption");
      return (*match)["unit"];
    }
    const std::string why = "no header cell or caption of the " + name() + " table matches unit " + regex_text(*rule_.unit);
    conclude(trace, false, "matched nothing: " + why);
    context_.warn("rule-unmatched", why + ": its bare figures have no unit", at_of(page.number, header.cell->box),
                  rule_.unit_line);
    return std::nullopt;
  }

  void read_table(const TableReader::Found& found) {
    if (rule_.into == Into::kEvaluation) return read_evaluation(found);
    const auto unit = table_unit(*found.page, found.header);
    std::vector<Entry> entries = rule_.years_as_rows ? read_years_as_rows(found, unit) : read_years_as_columns(found, unit);
    auto& p = project();
    for (auto& entry : entries) {
      if (rule_.into == Into::kIndicators)
        p.indicators.push_back({std::move(entry.group), std::move(entry.name), std::move(entry.unit), std::move(entry.values)});
      else
        p.costs.push_back({std::move(entry.name), std::move(entry.values)});
    }
  }

  // The figure columns' stamps, each warned of once: a year or a kind its header does not give
  // (and no row label will) leaves the column unread.
  std::vector<Stamp> column_stamps(const TableReader::Found& found, bool kind_from_rows) {
    std::vector<Stamp> out;
    for (const auto& column : found.columns) {
      out.push_back(stamp(column.header));
      if (column.role != "figure") continue;
      const Stamp& s = out.back();
      const auto at = at_of(found.page->number, column_box(found.header, column));
      // Two columns of one year and kind give each figure twice: a header run together or misprinted.
      for (std::size_t c = 0; c + 1 < out.size(); ++c) {
        const Column& other = found.columns[c];
        if (other.role != "figure" || !s.year || out[c].year != s.year || out[c].kind() != s.kind()) continue;
        for (const Column* both : {&other, &column})
          context_.warn("same-year-columns",
                        "columns 「" + squeeze(other.header) + "」 and 「" + squeeze(column.header) + "」 both read as " +
                            (s.kind() ? s.kind()->kind : std::string("figures")) + " of fiscal " + std::to_string(*s.year) +
                            " (a header run together?)",
                        at_of(found.page->number, column_box(found.header, *both)), both->line);
      }
      warn_stamp(s, column.header, at_of(found.page->number, column.header_box), column.line);
      look(context_.trace(column.line), found.page->number, column.header_box, squeeze(column.header), s.year.has_value(),
           (s.year ? "fiscal " + std::to_string(*s.year) : "no fiscal year") + ", " +
               (s.kind() ? s.kind()->kind : kind_from_rows ? "kind from the row" : "no kind"));
      if (!s.year)
        context_.warn("column-without-year",
                      "figure column 「" + squeeze(column.header) + "」 " + no_year_why(s) + ": its cells are not read", at,
                      column.line);
      if (!s.kind() && !kind_from_rows)
        context_.warn("column-without-kind",
                      "figure column 「" + squeeze(column.header) + "」 names no kind (" + kind_words() +
                          ") and the table has no kind column: its cells are not read",
                      at, column.line);
    }
    return out;
  }

  std::string kind_words() const {
    std::string out;
    for (const auto& k : rule_.kinds) out += (out.empty() ? "" : ", ") + k.kind + " " + regex_text(*k.words);
    return out;
  }

  // A figure read into an entry, with the table's or the entry's unit for a bare figure; a second
  // figure of one kind and year in an entry is warned of.
  void add_value(Entry& entry, const FigureReader& figures, const Cell& cell, const Column& column,
                 const std::string& kind, int year, const std::optional<std::string>& unit) {
    records::Quantity q = figures.read(cell, field() + "." + kind, column);
    if (q.value && !q.unit && unit && !unit->empty()) q.unit = normalizer::fold_width(*unit);
    const bool twice = std::any_of(entry.values.begin(), entry.values.end(), [&](const records::IndicatorValue& v) {
      return v.kind == kind && v.fiscal_year == year;
    });
    if (twice)
      context_.warn("same-year-values",
                    "「" + entry.name + "」 has two " + kind + " figures of fiscal " + std::to_string(year) +
                        " (a row label missing, or a year misprinted?)",
                    q.at, column.line);
    entry.values.push_back({kind, year, std::move(q)});
  }

  // The group (indicator kind) a cell's or the caption's words give, or "".
  std::string group_of(const std::string& text) const {
    const std::string squeezed = squeeze(text);
    for (const auto& [group, words] : rule_.groups)
      if (RE2::PartialMatch(squeezed, *words)) return group;
    return {};
  }

  std::string text_under(const FigureReader& figures, const Table& table, int r, const Column* column,
                         const std::string& field) const {
    return column ? figures.text(row_cells(table, r, *column), "", field, *column) : std::string();
  }

  // Whether a row prints a figure or a unit of its own (else, with a name, it may continue the row above).
  static bool prints_figures(const Table& table, int r, const std::vector<Column>& columns) {
    for (const auto& column : columns) {
      if (column.role != "figure" && column.role != "unit") continue;
      for (const Cell* cell : row_cells(table, r, column))
        if (cell->row == r && !empty_text(cell)) return true;
    }
    return false;
  }

  // A row with a name and nothing else belongs to the entry above (`continues`): its name joined.
  void continue_above(Entry& above, const FigureReader& figures, const TableReader::Found& found, int r,
                      const Column& name) {
    const Table& table = *found.header.table;
    const std::string more = text_under(figures, table, r, &name, field() + ".name");
    look(context_.trace(rule_.line), found.page->number, row_cells(table, r, name).front()->box, more, true,
         "no figure: the name continues 「" + above.name + "」 (continues)");
    above.name = join_wrapped({above.name, more});
    for (const auto& column : found.columns)
      if (column.role != "name")
        for (const Cell* cell : row_cells(table, r, column))
          if (cell->row == r) context_.covered(*cell);
  }

  Entry start_entry(const FigureReader& figures, const TableReader::Found& found, int r, const std::string& table_group) {
    const Table& table = *found.header.table;
    const Column* unit = role_column(found.columns, "unit");
    const Column* group = role_column(found.columns, "group");
    Entry entry;
    entry.name = text_under(figures, table, r, role_column(found.columns, "name"), field() + ".name");
    const std::string printed = text_under(figures, table, r, unit, field() + ".unit");
    if (!printed.empty()) entry.unit = printed;
    entry.group = table_group;
    if (group) {
      const std::string words = text_under(figures, table, r, group, "project.indicators.kind");
      entry.group = group_of(words);
      if (entry.group.empty())
        context_.warn("missing-field",
                      "indicator 「" + entry.name + "」: its group 「" + squeeze(words) + "」 names no kind by the groups",
                      at_of(found.page->number, row_cells(table, r, *group).front()->box), rule_.groups_line);
    }
    return entry;
  }

  // The kind a row's kind cell names (nullptr if none does), and that cell's place.
  const FigureTableRule::Kind* row_kind(const TableReader::Found& found, int r, const Column& kind_column,
                                        std::optional<records::At>& at) {
    for (const Cell* cell : row_cells(*found.header.table, r, kind_column)) {
      const std::string words = join_wrapped(cell->lines);
      const Stamp s = stamp(words);
      at = at_of(found.page->number, cell->box);
      context_.read(found.page->number, *cell, field() + ".row_kind", kind_column.line, kind_column.first);
      look(context_.trace(kind_column.line), found.page->number, cell->box, squeeze(words), s.kind() != nullptr,
           s.kind() ? "row kind " + s.kind()->kind : "no kind's words matched");
      warn_stamp(s, words, *at, kind_column.line);
      if (s.kind()) return s.kind();
    }
    return nullptr;
  }

  // Years as columns: a row whose name cell starts there starts an entry; the rows under a name
  // cell spanning them (a target and an actual row) add to it. A figure's year is its column's; its kind its
  // column's header words, else its row's kind cell.
  std::vector<Entry> read_years_as_columns(const TableReader::Found& found, const std::optional<std::string>& unit) {
    const Page& page = *found.page;
    const Table& table = *found.header.table;
    const auto& columns = found.columns;
    const Column* name = role_column(columns, "name");
    const Column* kind_column = role_column(columns, "kind");
    const auto stamps = column_stamps(found, kind_column != nullptr);
    const bool group_column = role_column(columns, "group") != nullptr;
    const std::string table_group = rule_.kind.empty() && !group_column ? group_of(caption(page, table)) : rule_.kind;
    if (rule_.into == Into::kIndicators && table_group.empty() && !group_column)
      context_.warn("missing-field",
                    "the caption 「" + squeeze(caption(page, table)) + "」 of the indicators table names no kind by its groups",
                    at_of(page.number, table.box), rule_.groups_line);
    FigureReader figures(normalizer_, page.number, context_);
    std::vector<Entry> entries;
    for (int r = found.header.end_row; r < table.rows; ++r) {
      if (blank(table, r) || skipped(page, table, r)) continue;
      const auto names = row_cells(table, r, *name);
      const bool starts = std::any_of(names.begin(), names.end(), [&](const Cell* c) { return c->row == r && !empty_text(c); });
      if (starts && rule_.continues && !entries.empty() && !prints_figures(table, r, columns)) {
        continue_above(entries.back(), figures, found, r, *name);
        continue;
      }
      if (starts) entries.push_back(start_entry(figures, found, r, table_group));
      if (entries.empty()) continue;  // text above the first entry: warned of as unread
      ++rows_read_;
      Entry& entry = entries.back();
      std::optional<records::At> kind_at;
      const FigureTableRule::Kind* by_row = kind_column ? row_kind(found, r, *kind_column, kind_at) : nullptr;
      bool kindless = false;  // a figure printed whose kind neither its header nor its row gives
      for (std::size_t c = 0; c < columns.size(); ++c) {
        const Column& column = columns[c];
        if (column.role != "figure") continue;
        const auto cells = row_cells(table, r, column);
        warn_cells_under_one_header(context_, page.number, cells, column, field() + " figure");
        const FigureTableRule::Kind* kind = stamps[c].kind() ? stamps[c].kind() : by_row;
        if (stamps[c].kind() && by_row && stamps[c].kind() != by_row && !cells.empty())
          context_.warn("several-kinds",
                        "column 「" + squeeze(column.header) + "」 says " + kind->kind + ", its row " + by_row->kind +
                            "; the figure was read as " + kind->kind,
                        at_of(page.number, cells.front()->box), rule_.kinds_line);
        for (const Cell* cell : cells) {
          if (stamps[c].year && kind) {
            add_value(entry, figures, *cell, column, kind->kind, *stamps[c].year, entry.unit ? entry.unit : unit);
            continue;
          }
          kindless |= kind_column && !kind && !empty_text(cell);  // (a column without year or kind is warned of once)
          context_.covered(*cell);
        }
      }
      if (kindless)
        context_.warn("row-without-kind",
                      "a row of 「" + entry.name + "」 has no kind cell whose words name a kind (" + kind_words() +
                          "): its figures are not read",
                      kind_at ? *kind_at : at_of(page.number, names.empty() ? table.box : names.front()->box),
                      kind_column->line);
    }
    return entries;
  }

  // Years as rows: each figure column is an entry named by its header; each row's `when` cell
  // gives its figures' year and kind.
  std::vector<Entry> read_years_as_rows(const TableReader::Found& found, const std::optional<std::string>& unit) {
    const Page& page = *found.page;
    const Table& table = *found.header.table;
    const auto& columns = found.columns;
    const Column* when = role_column(columns, "when");
    FigureReader figures(normalizer_, page.number, context_);
    std::vector<Entry> entries;
    std::vector<const Column*> entry_columns;
    for (const auto& column : columns) {
      if (column.role != "figure") continue;
      Entry entry;
      std::vector<std::string> lines;
      for (std::size_t at = 0, next = 0; at <= column.header.size(); at = next + 1) {
        next = std::min(column.header.find('\n', at), column.header.size());
        lines.push_back(column.header.substr(at, next - at));
      }
      entry.name = join_wrapped(lines);
      entry.group = rule_.kind.empty() ? group_of(caption(page, table)) : rule_.kind;
      entries.push_back(std::move(entry));
      entry_columns.push_back(&column);
    }
    for (int r = found.header.end_row; r < table.rows; ++r) {
      if (blank(table, r) || skipped(page, table, r)) continue;
      const auto whens = row_cells(table, r, *when);
      if (whens.empty() || whens.front()->row != r) continue;
      const std::string label = text_under(figures, table, r, when, field() + ".when");
      const Stamp s = stamp(label);
      const auto at = at_of(page.number, whens.front()->box);
      warn_stamp(s, label, at, when->line);
      look(context_.trace(when->line), page.number, whens.front()->box, squeeze(label), s.year && s.kind(),
           (s.year ? "fiscal " + std::to_string(*s.year) : no_year_why(s)) + ", " + (s.kind() ? s.kind()->kind : "no kind"));
      ++rows_read_;
      if (!s.year || !s.kind()) {
        const std::string why = !s.year ? "「" + squeeze(label) + "」 " + no_year_why(s)
                                         : "「" + squeeze(label) + "」 names no kind (" + kind_words() + ")";
        context_.warn(!s.year ? "row-without-year" : "row-without-kind", "a row of the " + name() + " table: " + why +
                      ": its figures are not read", at, when->line);
        for (const auto* column : entry_columns)
          for (const Cell* cell : row_cells(table, r, *column)) context_.covered(*cell);
        continue;
      }
      for (std::size_t e = 0; e < entries.size(); ++e) {
        const auto cells = row_cells(table, r, *entry_columns[e]);
        warn_cells_under_one_header(context_, page.number, cells, *entry_columns[e], field() + " figure");
        for (const Cell* cell : cells) add_value(entries[e], figures, *cell, *entry_columns[e], s.kind()->kind, *s.year, unit);
      }
    }
    return entries;
  }

  // One evaluation item a row; the row `overall` names gives the overall grade and its label.
  void read_evaluation(const TableReader::Found& found) {
    const Page& page = *found.page;
    const Table& table = *found.header.table;
    const Column* item = role_column(found.columns, "item");
    const Column* grade = role_column(found.columns, "grade");
    const Column* comment = role_column(found.columns, "comment");
    FigureReader figures(normalizer_, page.number, context_);
    auto& project = this->project();
    if (!project.evaluation) project.evaluation.emplace();
    auto& evaluation = *project.evaluation;
    for (int r = found.header.end_row; r < table.rows; ++r) {
      if (blank(table, r) || skipped(page, table, r)) continue;
      const auto items = row_cells(table, r, *item);
      if (items.empty() || items.front()->row != r || empty_text(items.front())) continue;
      ++rows_read_;
      const std::string name = squeeze(join_wrapped(items.front()->lines));
      const bool overall = rule_.overall && RE2::PartialMatch(name, *rule_.overall);
      const std::string prefix = overall ? "project.evaluation." : "project.evaluation.item.";
      records::EvaluationItem read{text_under(figures, table, r, item, "project.evaluation.item.name"),
                                   normalizer::fold_width(text_under(figures, table, r, grade, prefix + "grade")),
                                   text_under(figures, table, r, comment, overall ? "project.evaluation.label" : "project.evaluation.item.comment")};
      if (read.grade.empty())
        context_.warn("missing-field", "evaluation item 「" + read.name + "」: no grade", at_of(page.number, items.front()->box),
                      grade->line);
      if (overall) {
        look(context_.trace(rule_.overall_line), page.number, items.front()->box, name, true, "the overall grade's row");
        overall_found_ = true;
        evaluation.grade = std::move(read.grade);
        evaluation.label = std::move(read.comment);
      } else {
        evaluation.items.push_back(std::move(read));
      }
    }
  }

  // The overall grade printed in a row of a table of its own (the overall label | its grade | its words) on a page
  // of the evaluation table: the cells right of the one `overall` matches, the grade first.
  void read_overall_apart(const std::vector<TableReader::Found>& found) {
    for (const auto& f : found) {
      for (const auto& table : f.page->tables) {
        if (&table == f.header.table) continue;
        for (int r = 0; r < table.rows; ++r) {
          const auto cells = starting_cells(table, r);
          const auto label = std::find_if(cells.begin(), cells.end(), [&](const Cell* c) {
            return RE2::PartialMatch(squeeze(c->text), *rule_.overall);
          });
          if (label == cells.end() || cells.end() - label < 2) continue;
          auto& evaluation = *project().evaluation;
          const int page = f.page->number;
          look(context_.trace(rule_.overall_line), page, (*label)->box, squeeze((*label)->text), true,
               "the overall grade's row, in a table of its own");
          context_.read(page, **label, "project.evaluation.overall", rule_.overall_line);
          context_.read(page, *label[1], "project.evaluation.grade", rule_.overall_line);
          evaluation.grade = normalizer::fold_width(join_wrapped(label[1]->lines));
          if (cells.end() - label > 2) {
            context_.read(page, *label[2], "project.evaluation.label", rule_.overall_line);
            evaluation.label = join_wrapped(label[2]->lines);
          }
          overall_found_ = true;
          return;
        }
      }
    }
  }

  const FigureTableRule& rule_;
  const normalizer::Normalizer& normalizer_;
  SheetContext& context_;
  int rows_read_ = 0;
  bool overall_found_ = false;
};

}  // namespace

void read_figure_tables(const std::vector<const Page*>& pages, const normalizer::Normalizer& normalizer,
                        SheetContext& context) {
  for (const auto& rule : context.rules().tables) {
    if (context.explaining()) {
      // In file order, as every trace of the sheet.
      struct Traced {
        int line;
        std::string kind;
        const RE2* regex;
        std::vector<std::string> fields;
      };
      const std::string into = into_name(rule.into);
      std::vector<Traced> traced = {{rule.line, into + " table", rule.header.get(), {"project." + into}}};
      for (const auto& column : rule.columns)
        traced.push_back({column.line, into + " column " + column.role, column.header.get(),
                          {"project." + into + "." + column.role}});
      if (rule.unit) traced.push_back({rule.unit_line, into + " unit", rule.unit.get(), {"project." + into + ".unit"}});
      if (rule.overall)
        traced.push_back({rule.overall_line, "evaluation overall", rule.overall.get(),
                          {"project.evaluation.grade", "project.evaluation.label"}});
      std::stable_sort(traced.begin(), traced.end(), [](const Traced& a, const Traced& b) { return a.line < b.line; });
      for (auto& t : traced) context.start_trace(t.line, std::move(t.kind), t.regex, std::move(t.fields));
    }
    FigureTableReader(rule, normalizer, context).read(pages);
  }
}

}  // namespace sheetx::rules
