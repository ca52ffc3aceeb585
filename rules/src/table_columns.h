// Tables read by their header rows (private to the rules library): the header cell a table's rule
// finds, the grid columns under each header with the role a column rule gives them, figures read
// from cells with their doubts as warnings, and the warnings of what the table's rules did not read.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "rule_file.h"
#include "sheet_context.h"
#include "sheetx/normalizer.h"

namespace sheetx::rules {

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
  const extractor::Table* table = nullptr;
  const extractor::Cell* cell = nullptr;  // the cell the header regex matched
  int first_row = 0, end_row = 0;         // [first_row, end_row)
};

// The first cell of each table of the page that `header` matches (white space removed).
std::vector<Header> find_headers(const extractor::Page& page, const RE2& header);

// The role a header takes among the column rules it matched: the first of a precedence list
// that holds all the roles matched, else the first matched (and the caller warns).
const ColumnRule* take_role(const std::vector<const ColumnRule*>& matched, const TableRule& rule, bool& settled);

// A column's cells from its header (as wide as its lowest header cell) to the table's bottom:
// where a doubt about the column lies.
extractor::Box column_box(const Header& header, const Column& column);

// Header rows -> columns: grid columns under the same header cells are one column; each takes
// the role of the column rule its header matches (see take_role). A header several roles match
// without a stated precedence, and a column that needs a fiscal year and names none, are warned.
std::vector<Column> header_to_columns(const extractor::Page& page, const Header& header, const TableRule& rule,
                                      const normalizer::Normalizer& normalizer, const RE2* estimate,
                                      SheetContext& context);

// The distinct cells of a row under a column, left to right.
std::vector<const extractor::Cell*> row_cells(const extractor::Table& table, int row, const Column& column);

// The first column of that role, or nullptr.
const Column* role_column(const std::vector<Column>& columns, const std::string& role);

// Whether the rule file declares a table cell no data (its `ignore`): read by no rule, warned of by none.
bool ignored(const TableRule& rule, const extractor::Cell& cell);

// Several cells in one row under one header (a header run together over two columns) give one
// fact several figures: each cell is warned of.
void warn_cells_under_one_header(SheetContext& context, int page, const std::vector<const extractor::Cell*>& cells,
                                 const Column& column, const std::string& field);

// Reads figures into quantities with their provenance; what the normalizer could not fully read
// becomes a warning at the cell, naming the column's rule.
class FigureReader {
 public:
  FigureReader(const normalizer::Normalizer& normalizer, int page, SheetContext& context)
      : normalizer_(normalizer), page_(page), context_(context) {}

  records::Quantity read(const extractor::Cell& cell, const std::string& field, const Column& column) const;

  // The cells' wrapped lines joined, the cells joined by `separator`.
  std::string text(const std::vector<const extractor::Cell*>& cells, const char* separator,
                   const std::string& field, const Column& column) const;

 private:
  const normalizer::Normalizer& normalizer_;
  int page_;
  SheetContext& context_;
};

// A table of the sheet as its rule finds it: the headers on each page, the columns under each,
// and afterwards the warnings of what was not read.
class TableReader {
 public:
  TableReader(const TableRule& rule, std::string name, SheetContext& context)
      : rule_(rule), name_(std::move(name)), context_(context) {}

  struct Found {
    const extractor::Page* page;
    Header header;
    std::vector<Column> columns;
  };

  // Columns of one role may name the same year (their header words give them other kinds): the
  // caller warns of a fact given twice, not find().
  void years_may_repeat() { years_may_repeat_ = true; }

  // Which of the tables whose header matched the rule reads (all when empty).
  using Accept = std::function<bool(const extractor::Page&, const Header&)>;

  // Every header of the table on the sheet's pages, with its columns.
  std::vector<Found> find(const std::vector<const extractor::Page*>& pages, const normalizer::Normalizer& normalizer,
                          const RE2* estimate, const Accept& accept = {});

  // Cells of the found tables with text that no rule read and the rule file does not ignore.
  void warn_unread(const std::vector<Found>& found);

 private:
  static const Column* column_of(const std::vector<Column>& columns, int col);
  std::string column_detail(const Column* column) const;

  // Free text on the rows of a claimed table, beside it within a column's width: a column whose
  // ruling lines the extractor did not see, read by no rule.
  void warn_text_beside(const extractor::Page& page, const extractor::Table& table);

  // Two columns of one role that name the same fiscal year would give one fact twice (one
  // overwriting the other): a header run together, or a year misprinted. Both are warned.
  void warn_same_year(const extractor::Page& page, const Header& header, const std::vector<Column>& columns);

  // What the normalizer said of the years in a table's header, as warnings at those cells.
  void warn_header_years(const extractor::Page& page, const std::vector<Column>& columns);

  const TableRule& rule_;
  std::string name_;
  SheetContext& context_;
  std::set<int> taken_;  // lines of the column rules that took a column
  bool years_may_repeat_ = false;
};

}  // namespace sheetx::rules
