// The shared machinery of tables read by their header rows: columns from header cells, figures
// read from cells with their doubts, and the warnings of what a table's rules did not read.
#include "table_columns.h"

#include <algorithm>

#include "sheetx/normalizer.h"

namespace sheetx::rules {

using extractor::Box;
using extractor::Page;
using extractor::Table;

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

Box column_box(const Header& header, const Column& column) {
  Box box = column.header_box;
  if (header.table->rotation == 0) box.y1 = std::max(box.y1, header.table->box.y1);  // a turned grid runs along x
  return box;
}

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

std::vector<const extractor::Cell*> row_cells(const Table& table, int row, const Column& column) {
  std::vector<const extractor::Cell*> out;
  for (int c = column.first; c <= column.last; ++c) {
    const auto* cell = table.at(row, c);
    if (cell && std::find(out.begin(), out.end(), cell) == out.end()) out.push_back(cell);
  }
  return out;
}

records::Quantity FigureReader::read(const extractor::Cell& cell, const std::string& field, const Column& column) const {
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

std::string FigureReader::text(const std::vector<const extractor::Cell*>& cells, const char* separator,
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

bool ignored(const TableRule& rule, const extractor::Cell& cell) {
  if (rule.ignore.empty()) return false;
  const std::string text = squeeze(cell.text);
  return std::any_of(rule.ignore.begin(), rule.ignore.end(), [&](const Regex& re) { return RE2::PartialMatch(text, *re); });
}

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

std::vector<TableReader::Found> TableReader::find(const std::vector<const Page*>& pages,
                                                  const normalizer::Normalizer& normalizer, const RE2* estimate,
                                                  const Accept& accept) {
  RuleTrace* trace = context_.trace(rule_.line);
  std::vector<Found> out;
  for (const Page* page : pages) {
    for (const auto& header : find_headers(*page, *rule_.header)) {
      if (accept && !accept(*page, header)) continue;
      look(trace, page->number, header.cell->box, squeeze(join_wrapped(header.cell->lines)), true, "header matched");
      context_.table_on(page->number);
      auto columns = header_to_columns(*page, header, rule_, normalizer, estimate, context_);
      warn_header_years(*page, columns);
      if (!years_may_repeat_) warn_same_year(*page, header, columns);
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

void TableReader::warn_unread(const std::vector<Found>& found) {
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

const Column* TableReader::column_of(const std::vector<Column>& columns, int col) {
  for (const auto& column : columns)
    if (col >= column.first && col <= column.last) return &column;
  return nullptr;
}

std::string TableReader::column_detail(const Column* column) const {
  if (!column || column->role.empty()) return "header of a column no role took";
  for (const auto& rule : rule_.columns)
    if (rule.line == column->line) return "column role " + column->role + ", header regex " + regex_text(*rule.header);
  return {};
}

void TableReader::warn_text_beside(const Page& page, const Table& table) {
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

void TableReader::warn_same_year(const Page& page, const Header& header, const std::vector<Column>& columns) {
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

void TableReader::warn_header_years(const Page& page, const std::vector<Column>& columns) {
  for (const auto& column : columns) {
    for (const auto& warning : column.year_warnings)
      context_.warn("year-mismatch", "column 「" + column.header + "」: " + warning,
                    at_of(page.number, column.header_box), column.line);
  }
}

}  // namespace sheetx::rules
