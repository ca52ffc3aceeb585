// sheetx records as the portal's flat tables: measures.csv, indicators.csv, projects.csv,
// years.csv, and for project sheets project_sheets.csv and costs.csv, with their Frictionless
// datapackage.json (docs/records.md, "Flat tables").
//
// In:  sheet documents as to_json makes them (with their final, run-unique "id"), one at a time.
// Out: the tables in a folder, every row keyed by sheet_id and the review period, put in place
//      only when the run finishes.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "sheetx/record.h"
#include "sheetx/record_files.h"

namespace sheetx::records {

struct CsvSettings {
  // Start each table with a UTF-8 byte order mark, which Excel needs to read UTF-8 (--csv-bom).
  // Off by default: the government's open-data guideline asks for UTF-8 without one.
  bool byte_order_mark = false;
  // Prefix text cells that a spreadsheet would run as a formula (starting = + - @ tab CR) with
  // an apostrophe, and warn about each (--excel). Off by default: the data stays as printed.
  bool neutralise_formulas = false;
};

// The tables, streamed: memory grows with the number of distinct (activity, fiscal year) keys,
// not with the rows. Nothing replaces a file of the folder until finish(); a CsvTables dropped
// unfinished leaves the folder as it was.
class CsvTables {
 public:
  // Starts the tables for dir (created if missing).
  explicit CsvTables(const std::string& dir, CsvSettings settings = {});
  ~CsvTables();
  CsvTables(const CsvTables&) = delete;
  CsvTables& operator=(const CsvTables&) = delete;

  // Adds one sheet's rows; returns the warnings its CSV form gave (formulas neutralised).
  std::vector<Warning> add(const nlohmann::ordered_json& sheet);
  // Writes years.csv (with its `latest` column) and datapackage.json complete, then puts the
  // seven files in place one right after another.
  void finish();

 private:
  struct YearRow {
    int group = -1;  // index into latest_, -1 when the row's key is incomplete
    std::size_t bytes = 0;
  };
  struct Latest {
    std::pair<int, int> period;  // (to, from) fiscal year of the report
    std::size_t row = 0;
  };
  // `period` (to, from) is absent when the row's key is incomplete: it then has no `latest`.
  void add_year_row(const std::string& line, const std::string& key, std::optional<std::pair<int, int>> period);

  std::string dir_;
  CsvSettings settings_;
  std::unique_ptr<AtomicFile> measures_, indicators_, projects_, project_sheets_, costs_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> years_;  // rows without `latest`, unlinked scratch
  std::vector<YearRow> year_rows_;
  std::unordered_map<std::string, int> groups_;  // (code, measure, project, activity, year) -> latest_
  std::vector<Latest> latest_;
};

}  // namespace sheetx::records
