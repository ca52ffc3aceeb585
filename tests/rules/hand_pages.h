// Pages made by hand for the rules tests: ruled tables from rows of cell texts.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sheetx/extractor.h"

namespace sheetx::test {

using extractor::Cell;
using extractor::Table;

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    out.push_back(text.substr(start, end - start));
  out.push_back(text.substr(start));
  return out;
}

// A ruled table from rows of cell texts, each grid cell `width` × 24 points from (x, y): "^"
// continues the cell above (a row span), "<" the cell to the left (a column span); a cell's lines
// are split at "\n".
inline Table grid(double x, double y, double width, const std::vector<std::vector<std::string>>& rows) {
  Table table;
  table.rows = static_cast<int>(rows.size());
  table.cols = static_cast<int>(rows.front().size());
  std::map<std::pair<int, int>, std::size_t> owner;
  for (int r = 0; r < table.rows; ++r) {
    for (int c = 0; c < table.cols; ++c) {
      const std::string& text = rows[r][c];
      if (text == "^" || text == "<") {
        const std::size_t i = owner.at(text == "^" ? std::make_pair(r - 1, c) : std::make_pair(r, c - 1));
        Cell& cell = table.cells[i];
        if (text == "^") cell.row_span = std::max(cell.row_span, r - cell.row + 1);
        else cell.col_span = std::max(cell.col_span, c - cell.col + 1);
        owner[{r, c}] = i;
        continue;
      }
      owner[{r, c}] = table.cells.size();
      table.cells.push_back({r, c, 1, 1, {}, text, split_lines(text)});
    }
  }
  for (Cell& cell : table.cells) {
    cell.box = {x + cell.col * width, y + cell.row * 24.0, x + (cell.col + cell.col_span) * width,
                y + (cell.row + cell.row_span) * 24.0};
    if (cell.text.find('\n') != std::string::npos) {
      std::string joined;
      for (const auto& line : cell.lines) joined += line;
      cell.text = joined;
    }
  }
  table.box = {x, y, x + table.cols * width, y + table.rows * 24.0};
  for (int r = 0; r <= table.rows; ++r) table.row_edges.push_back(y + r * 24.0);
  for (int c = 0; c <= table.cols; ++c) table.col_edges.push_back(x + c * width);
  return table;
}

// One page with a measure sheet's title and the tables given.
inline extractor::Document titled_page(std::vector<Table> tables) {
  extractor::Page page;
  page.number = 1;
  page.width = 842;
  page.height = 1200;
  page.blocks.push_back({{20, 10, 400, 30}, "令和元～２年度 長期総合計画　検証シート", {"令和元～２年度 長期総合計画　検証シート"}});
  page.tables = std::move(tables);
  extractor::Document document;
  document.page_count = 1;
  document.pages.push_back(page);
  return document;
}

// Page 2 (842 × 595) holding one row of another project without the table's header: the rules
// read nothing on it.
inline void add_back_page_without_header(extractor::Document& document) {
  extractor::Page back;
  back.number = 2;
  back.width = 842;
  back.height = 595;
  back.tables.push_back(grid(20, 40, 90, {{"2 別の事業", "課", "取組", "年4回", "目標", "2回", "2回"}}));
  document.pages.push_back(back);
  document.page_count = 2;
}

}  // namespace sheetx::test
