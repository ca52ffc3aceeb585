// The flat tables of a project sheet (事務事業評価シート): its project's fields in
// project_sheets.csv, its cost lines in costs.csv, its activity and outcome indicators in
// indicators.csv with the project's number and code, and datapackage.json declaring them with
// their keys; a measure sheet beside it writes none of these.
#include <gtest/gtest.h>

#include <sstream>

#include "../support/test_support.h"
#include "project_sheet.h"
#include "sheetx/record_csv.h"

namespace sheetx::records {
namespace {

namespace fs = std::filesystem;
using sheetx::testing::read_file;

// A CSV file's rows split into cells (RFC 4180 quoting; the test's cells hold no line break), the
// header first.
std::vector<std::vector<std::string>> rows_of(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read_file(file));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cell += '"';  // RFC 4180: a quote inside a quoted cell is doubled
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.push_back(std::exchange(cell, ""));
      } else {
        cell += c;
      }
    }
    cells.push_back(cell);
    rows.push_back(std::move(cells));
  }
  return rows;
}

// Each row as column name -> cell.
std::vector<std::map<std::string, std::string>> records_of(const fs::path& file) {
  const auto rows = rows_of(file);
  std::vector<std::map<std::string, std::string>> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::map<std::string, std::string> named;
    for (std::size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) named[rows[0][c]] = rows[r][c];
    out.push_back(std::move(named));
  }
  return out;
}

// A measure sheet (施策35 with one indicator) and the project sheet, written as one run.
fs::path write_tables(const std::string& name) {
  const fs::path dir = sheetx::testing::scratch("csv-" + name);
  Sheet measure = sheet_of(SheetKind::measure);
  measure.measure.number = 35;
  measure.indicators.push_back({"来訪者数", "区の統計", {{"actual", 2022, printed("1,200人")}}});
  CsvTables tables(dir.string());
  for (const Sheet& sheet : {measure, project_sheet()}) tables.add(to_json(sheet));
  tables.finish();
  return dir;
}

TEST(ProjectSheetCsv, CostsHaveOneRowPerLineAndValue) {
  const auto costs = records_of(write_tables("costs") / "costs.csv");
  ASSERT_EQ(costs.size(), 3u);  // 一般財源: 2022 settlement and 2023 budget; 人件費: 2024 estimate
  EXPECT_EQ(costs[0].at("sheet_id"), "131067/test/2023-2023/02-12-003");
  EXPECT_EQ(costs[0].at("measure_number"), "12");
  EXPECT_EQ(costs[0].at("project_order"), "1");
  EXPECT_EQ(costs[0].at("project_number"), "");
  EXPECT_EQ(costs[0].at("project_code"), "02-12-003");
  EXPECT_EQ(costs[0].at("line_number"), "1");
  EXPECT_EQ(costs[0].at("line_name"), "一般財源");
  EXPECT_EQ(costs[0].at("value_number"), "1");
  EXPECT_EQ(costs[0].at("kind"), "settlement");
  EXPECT_EQ(costs[0].at("fiscal_year"), "2022");
  EXPECT_EQ(costs[0].at("raw"), "1,234千円");
  EXPECT_EQ(costs[0].at("value"), "1234");
  EXPECT_EQ(costs[0].at("unit"), "千円");
  EXPECT_EQ(costs[0].at("page"), "1");
  EXPECT_EQ(costs[1].at("kind"), "budget");
  EXPECT_EQ(costs[1].at("value_number"), "2");
  EXPECT_EQ(costs[2].at("line_number"), "2");
  EXPECT_EQ(costs[2].at("line_name"), "人件費");
  EXPECT_EQ(costs[2].at("kind"), "estimate");
  EXPECT_EQ(costs[2].at("value"), "15000");
}

TEST(ProjectSheetCsv, ProjectIndicatorsFollowTheSheetsOwnWithTheProjectAndTheirKind) {
  const auto indicators = records_of(write_tables("indicators") / "indicators.csv");
  ASSERT_EQ(indicators.size(), 5u);  // the measure's one value, then 2 + 2 of the project
  EXPECT_EQ(indicators[0].at("indicator_name"), "来訪者数");
  EXPECT_EQ(indicators[0].at("project_order"), "");
  EXPECT_EQ(indicators[0].at("indicator_kind"), "");
  const auto& first = indicators[1];
  EXPECT_EQ(first.at("sheet_id"), "131067/test/2023-2023/02-12-003");
  EXPECT_EQ(first.at("indicator_number"), "1");
  EXPECT_EQ(first.at("indicator_name"), "教室の開催回数");
  EXPECT_EQ(first.at("kind"), "target");
  EXPECT_EQ(first.at("fiscal_year"), "2023");
  EXPECT_EQ(first.at("raw"), "年12回程度");
  EXPECT_EQ(first.at("value"), "12");
  EXPECT_EQ(first.at("project_order"), "1");
  EXPECT_EQ(first.at("project_code"), "02-12-003");
  EXPECT_EQ(first.at("indicator_kind"), "activity");
  EXPECT_EQ(first.at("indicator_unit"), "回");
  EXPECT_EQ(indicators[3].at("indicator_number"), "2");
  EXPECT_EQ(indicators[3].at("indicator_kind"), "outcome");
  EXPECT_EQ(indicators[4].at("raw"), "実施");
  EXPECT_EQ(indicators[4].at("value"), "");
}

TEST(ProjectSheetCsv, ProjectSheetsHaveOneRowPerProjectWithItsFields) {
  const fs::path dir = write_tables("project-sheets");
  const auto projects = records_of(dir / "project_sheets.csv");
  ASSERT_EQ(projects.size(), 1u);  // the measure sheet has none
  const auto& p = projects[0];
  EXPECT_EQ(p.at("project_code"), "02-12-003");
  EXPECT_EQ(p.at("project_name"), "介護予防教室");
  EXPECT_EQ(p.at("department"), "福祉部");
  EXPECT_EQ(p.at("division"), "高齢福祉課");
  EXPECT_EQ(p.at("started_fiscal_year"), "2006");
  EXPECT_EQ(p.at("legal_basis"), "介護保険法第115条の45");
  EXPECT_EQ(p.at("mandatory"), "false");
  EXPECT_EQ(p.at("purpose"), "高齢者が自立した生活を続けられる");
  EXPECT_EQ(p.at("means"), "体操教室を開く");
  EXPECT_EQ(p.at("grade"), "B");
  EXPECT_EQ(p.at("grade_label"), "概ね順調");
  EXPECT_EQ(p.at("direction"), "継続");
  EXPECT_EQ(p.at("direction_text"), "内容を見直して続ける");
  EXPECT_EQ(p.at("extra"), R"({"予算事業名":"介護予防事業"})");
  // measures.csv holds a row for every sheet, saying its kind; projects.csv (activities) none for
  // a project that has none.
  const auto measures = records_of(dir / "measures.csv");
  ASSERT_EQ(measures.size(), 2u);
  EXPECT_EQ(measures[0].at("kind"), "measure");
  EXPECT_EQ(measures[1].at("kind"), "project");
  EXPECT_EQ(measures[1].at("measure_name"), "健康づくりの推進");
  EXPECT_EQ(measures[1].at("warnings"), "0");
  EXPECT_EQ(records_of(dir / "projects.csv").size(), 0u);
}

TEST(ProjectSheetCsv, DatapackageDeclaresTheNewTablesWithTheirKeys) {
  const fs::path dir = write_tables("datapackage");
  const auto package = nlohmann::json::parse(read_file(dir / "datapackage.json"));
  std::map<std::string, nlohmann::json> resources;
  for (const auto& r : package["resources"]) resources[r["name"]] = r;
  ASSERT_TRUE(resources.count("costs"));
  ASSERT_TRUE(resources.count("project_sheets"));
  EXPECT_EQ(resources["costs"]["path"], "costs.csv");
  EXPECT_EQ(resources["costs"]["schema"]["primaryKey"],
            nlohmann::json::parse(R"(["sheet_id", "project_order", "line_number", "value_number"])"));
  EXPECT_EQ(resources["costs"]["schema"]["foreignKeys"][0]["reference"]["resource"], "project_sheets");
  EXPECT_EQ(resources["project_sheets"]["schema"]["primaryKey"], nlohmann::json::parse(R"(["sheet_id", "project_order"])"));
  EXPECT_EQ(resources["project_sheets"]["schema"]["foreignKeys"][0]["reference"]["resource"], "measures");
  // The CSV dialect is declared, not left to a reader's guess (texts of several lines made it guess wrong).
  EXPECT_EQ(resources["project_sheets"]["dialect"]["delimiter"], ",");
  EXPECT_EQ(resources["project_sheets"]["dialect"]["lineTerminator"], "\r\n");
  // Every table's header is its declared fields, in order.
  for (const auto& [name, resource] : resources) {
    std::vector<std::string> declared;
    for (const auto& field : resource["schema"]["fields"]) declared.push_back(field["name"]);
    EXPECT_EQ(rows_of(dir / resource["path"].get<std::string>()).at(0), declared) << name;
  }
}

}  // namespace
}  // namespace sheetx::records
