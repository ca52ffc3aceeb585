// The flat tables (docs/records.md, "Flat tables for portals"): a measure sheet's indicators,
// activities and years with their figures' columns; a project sheet's project fields in
// project_sheets.csv, its cost lines in costs.csv, its activity and outcome indicators in
// indicators.csv with the project's number and code, and datapackage.json declaring them with
// their keys (a measure sheet beside it writes none of these); the byte order mark, quoting and
// formula neutralisation of the settings; a run that does not finish changes nothing.
#include <gtest/gtest.h>

#include <utility>

#include "../support/test_support.h"
#include "project_sheet.h"
#include "sheetx/record_csv.h"

namespace sheetx::records {
namespace {

namespace fs = std::filesystem;
using sheetx::testing::read_file;

// A CSV file's rows split into cells (RFC 4180: rows end in CRLF, a quoted cell keeps its commas
// and line breaks and doubles its quotes), the header first.
std::vector<std::vector<std::string>> rows_of(const fs::path& file) {
  const std::string text = read_file(file);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> cells;
  std::string cell;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
      cell += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.push_back(std::exchange(cell, ""));
    } else if (c == '\r' && !quoted && i + 1 < text.size() && text[i + 1] == '\n') {
      cells.push_back(std::exchange(cell, ""));
      rows.push_back(std::exchange(cells, {}));
      ++i;
    } else {
      cell += c;
    }
  }
  if (!cell.empty() || !cells.empty()) rows.push_back({"unterminated row: " + cell});
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

// The sheets written as one run into a scratch folder; the warnings the run gave, if asked for.
fs::path write_run(const std::string& name, const std::vector<Sheet>& sheets, CsvSettings settings = {},
                   std::vector<Warning>* warnings = nullptr) {
  const fs::path dir = sheetx::testing::scratch("csv-" + name);
  CsvTables tables(dir.string(), settings);
  std::vector<Warning> given;
  for (const Sheet& sheet : sheets) {
    for (Warning& warning : tables.add(to_json(sheet))) given.push_back(std::move(warning));
  }
  tables.finish();
  if (warnings) *warnings = std::move(given);
  return dir;
}

// A measure sheet (施策35 with one indicator) and the project sheet, written as one run.
fs::path write_tables(const std::string& name) {
  Sheet measure = sheet_of(SheetKind::measure);
  measure.measure.number = 35;
  measure.indicators.push_back({"来訪者数", "区の統計", {{"actual", 2022, printed("1,200人")}}});
  return write_run(name, {measure, project_sheet()});
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
  // Every table's header is its declared fields, in order; the primary key's fields, and only
  // they, are required (a validator refuses a row without them).
  for (const auto& [name, resource] : resources) {
    std::vector<std::string> declared, required;
    for (const auto& field : resource["schema"]["fields"]) {
      declared.push_back(field["name"]);
      if (field.value("/constraints/required"_json_pointer, false)) required.push_back(field["name"]);
    }
    EXPECT_EQ(rows_of(dir / resource["path"].get<std::string>()).at(0), declared) << name;
    EXPECT_EQ(nlohmann::json(required), resource["schema"]["primaryKey"]) << name;
  }
}

// A 施策 sheet as the rules layer fills it: one indicator, a reposted project with a revised
// per-year plan and a plan with its running total, and years with a target and an estimated actual.
Sheet measure_sheet() {
  Sheet sheet = sheet_of(SheetKind::measure);
  sheet.review_period = {"令和元～２年度", 2019, 2020};
  sheet.measure.number = 35;
  sheet.measure.name = "ものづくり産業の振興";
  sheet.measure.department = "文化産業観光部";
  sheet.measure.division = "産業振興課";
  sheet.measure.goal = {4, "にぎわいのあるまち"};
  sheet.measure.evaluation = {"B", "概ね順調"};
  sheet.warnings.push_back({"unit-missing", "a figure without a counter", std::nullopt, ""});
  sheet.indicators.push_back({"支援した事業者数", "区の統計", {{"actual", 2019, printed("延べ4,600社", 2)}}});
  Project project;
  project.number = 3;
  project.name = "創業支援";
  project.division = "産業振興課";
  project.reposted = true;
  Activity revised;
  revised.name = "創業相談";
  revised.baseline_fiscal_year = 2018;
  revised.baseline = printed("(9社)");
  revised.plan = printed("年19社\n(年15社)");
  revised.years.push_back({2019, printed("年19社"), printed("20社")});
  revised.years.push_back({2020, printed("年15社"), printed("15社見込み")});
  revised.years.push_back({2021, printed("年15社"), std::nullopt});
  Activity running;
  running.name = "交流会";
  running.plan = printed("45社（累計229社）");
  project.activities = {revised, running};
  sheet.projects.push_back(project);
  return sheet;
}

const char* const kTables[] = {"measures.csv", "indicators.csv", "projects.csv", "years.csv", "project_sheets.csv", "costs.csv"};

TEST(MeasureSheetCsv, ProjectsHaveOneRowPerActivityWithItsBaselineAndPlan) {
  const auto projects = records_of(write_run("projects", {measure_sheet()}) / "projects.csv");
  ASSERT_EQ(projects.size(), 2u);
  const auto& revised = projects[0];
  EXPECT_EQ(revised.at("全国地方公共団体コード"), "131067");
  EXPECT_EQ(revised.at("地方公共団体名"), "台東区");
  EXPECT_EQ(revised.at("sheet_id"), "131067/test/2019-2020/35");
  EXPECT_EQ(revised.at("review_period"), "令和元～２年度");
  EXPECT_EQ(revised.at("from_fiscal_year"), "2019");
  EXPECT_EQ(revised.at("to_fiscal_year"), "2020");
  EXPECT_EQ(revised.at("measure_number"), "35");
  EXPECT_EQ(revised.at("project_order"), "1");
  EXPECT_EQ(revised.at("project_number"), "3");
  EXPECT_EQ(revised.at("project_name"), "創業支援");
  EXPECT_EQ(revised.at("division"), "産業振興課");
  EXPECT_EQ(revised.at("reposted"), "true");
  EXPECT_EQ(revised.at("activity_number"), "1");
  EXPECT_EQ(revised.at("activity_name"), "創業相談");
  EXPECT_EQ(revised.at("baseline_fiscal_year"), "2018");
  EXPECT_EQ(revised.at("baseline_raw"), "(9社)");
  EXPECT_EQ(revised.at("baseline_value"), "9");
  EXPECT_EQ(revised.at("baseline_unit"), "社");
  EXPECT_EQ(revised.at("plan_raw"), "年19社\n(年15社)");
  EXPECT_EQ(revised.at("plan_value"), "19");
  EXPECT_EQ(revised.at("plan_unit"), "社");
  EXPECT_EQ(revised.at("plan_per_year"), "true");
  EXPECT_EQ(revised.at("plan_running_total"), "");
  EXPECT_EQ(revised.at("plan_revised_value"), "15");
  const auto& running = projects[1];
  EXPECT_EQ(running.at("project_order"), "1");
  EXPECT_EQ(running.at("activity_number"), "2");
  EXPECT_EQ(running.at("baseline_fiscal_year"), "");  // no baseline printed: empty, not 0
  EXPECT_EQ(running.at("baseline_value"), "");
  EXPECT_EQ(running.at("plan_value"), "45");
  EXPECT_EQ(running.at("plan_per_year"), "false");
  EXPECT_EQ(running.at("plan_running_total"), "229");
  EXPECT_EQ(running.at("plan_revised_value"), "");
}

TEST(MeasureSheetCsv, YearsHaveTheTargetAndActualOfEachActivityAndYear) {
  const auto years = records_of(write_run("years", {measure_sheet()}) / "years.csv");
  ASSERT_EQ(years.size(), 3u);
  EXPECT_EQ(years[0].at("project_order"), "1");
  EXPECT_EQ(years[0].at("project_number"), "3");
  EXPECT_EQ(years[0].at("activity_number"), "1");
  EXPECT_EQ(years[0].at("activity_name"), "創業相談");
  EXPECT_EQ(years[0].at("fiscal_year"), "2019");
  EXPECT_EQ(years[0].at("target_raw"), "年19社");
  EXPECT_EQ(years[0].at("target_value"), "19");
  EXPECT_EQ(years[0].at("target_unit"), "社");
  EXPECT_EQ(years[0].at("actual_raw"), "20社");
  EXPECT_EQ(years[0].at("actual_value"), "20");
  EXPECT_EQ(years[0].at("actual_unit"), "社");
  EXPECT_EQ(years[0].at("actual_estimate"), "false");
  EXPECT_EQ(years[0].at("latest"), "true");
  EXPECT_EQ(years[1].at("fiscal_year"), "2020");
  EXPECT_EQ(years[1].at("actual_value"), "15");
  EXPECT_EQ(years[1].at("actual_estimate"), "true");
  // No actual printed: the actual's cells and its flag are empty, not false.
  EXPECT_EQ(years[2].at("actual_raw"), "");
  EXPECT_EQ(years[2].at("actual_value"), "");
  EXPECT_EQ(years[2].at("actual_estimate"), "");
}

TEST(MeasureSheetCsv, MeasuresAndIndicatorsSayTheSheetAndEachValue) {
  const fs::path dir = write_run("measures", {measure_sheet()});
  const auto measures = records_of(dir / "measures.csv");
  ASSERT_EQ(measures.size(), 1u);
  EXPECT_EQ(measures[0].at("measure_name"), "ものづくり産業の振興");
  EXPECT_EQ(measures[0].at("department"), "文化産業観光部");
  EXPECT_EQ(measures[0].at("goal_number"), "4");
  EXPECT_EQ(measures[0].at("goal_name"), "にぎわいのあるまち");
  EXPECT_EQ(measures[0].at("grade"), "B");
  EXPECT_EQ(measures[0].at("grade_label"), "概ね順調");
  EXPECT_EQ(measures[0].at("source_path"), "a.pdf");
  EXPECT_EQ(measures[0].at("first_page"), "1");
  EXPECT_EQ(measures[0].at("warnings"), "1");
  EXPECT_EQ(measures[0].at("kind"), "measure");
  const auto indicators = records_of(dir / "indicators.csv");
  ASSERT_EQ(indicators.size(), 1u);
  EXPECT_EQ(indicators[0].at("indicator_number"), "1");
  EXPECT_EQ(indicators[0].at("indicator_source"), "区の統計");
  EXPECT_EQ(indicators[0].at("value_number"), "1");
  EXPECT_EQ(indicators[0].at("kind"), "actual");
  EXPECT_EQ(indicators[0].at("value"), "4600");
  EXPECT_EQ(indicators[0].at("cumulative"), "true");
  EXPECT_EQ(indicators[0].at("page"), "2");
  // A row of every table has exactly its header's cells: a loader reads columns by position.
  for (const char* table : kTables) {
    const auto rows = rows_of(dir / table);
    for (std::size_t r = 1; r < rows.size(); ++r) EXPECT_EQ(rows[r].size(), rows[0].size()) << table << " row " << r;
  }
}

TEST(MeasureSheetCsv, CellsWithACommaQuoteOrLineBreakAreQuotedAsRfc4180Says) {
  Sheet sheet = measure_sheet();
  sheet.projects[0].name = "創業支援,\"特区\"";
  const std::string projects = read_file(write_run("quoting", {sheet}) / "projects.csv");
  EXPECT_NE(projects.find(",\"創業支援,\"\"特区\"\"\","), std::string::npos) << projects;
  EXPECT_NE(projects.find(",\"年19社\n(年15社)\","), std::string::npos) << projects;
  EXPECT_EQ(projects.find("\r\n"), projects.find('\n') - 1) << "rows end in CRLF";
}

// --csv-bom: each table starts with a UTF-8 byte order mark (Excel in Japan needs it), and by
// default none does; datapackage.json never has one.
TEST(MeasureSheetCsv, AByteOrderMarkStartsEveryTableOnlyWhenAsked) {
  const std::string bom = "\xEF\xBB\xBF";
  const fs::path with = write_run("bom", {measure_sheet()}, {true, false});
  const fs::path without = write_run("no-bom", {measure_sheet()});
  for (const char* table : kTables) {
    EXPECT_EQ(read_file(with / table), bom + read_file(without / table)) << table;
    EXPECT_EQ(read_file(without / table).rfind("全国地方公共団体コード,", 0), 0u) << table;
  }
  EXPECT_EQ(read_file(with / "datapackage.json"), read_file(without / "datapackage.json"));
}

// --excel: a text cell that a spreadsheet would run as a formula gets a leading ', with one
// warning each, counted in the sheet's warnings; a lone "-" and number columns stay as they are.
TEST(MeasureSheetCsv, FormulaLikeTextCellsAreNeutralisedOnlyWhenAsked) {
  Sheet sheet = measure_sheet();
  sheet.measure.name = "\tものづくり";
  sheet.measure.division = "-";
  sheet.indicators[0].values[0].quantity = printed("-3社");
  sheet.projects[0].name = "\r創業支援";
  sheet.projects[0].activities[0].name = "=HYPERLINK(\"x\")";
  sheet.projects[0].activities[1].name = "@交流会";
  std::vector<Warning> warnings;
  const fs::path dir = write_run("formulas", {sheet}, {false, true}, &warnings);
  std::vector<std::string> messages;
  for (const Warning& w : warnings) {
    EXPECT_EQ(w.code, "formula-neutralised");
    messages.push_back(w.message.substr(0, w.message.find(" is written")));
  }
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "measures.csv measure_name: a cell starting with a tab",
                          "indicators.csv raw: a cell starting with \"-\"",
                          "projects.csv project_name: a cell starting with a carriage return",
                          "projects.csv activity_name: a cell starting with \"=\"",
                          "projects.csv project_name: a cell starting with a carriage return",
                          "projects.csv activity_name: a cell starting with \"@\"",
                          "years.csv activity_name: a cell starting with \"=\"",
                          "years.csv activity_name: a cell starting with \"=\"",
                          "years.csv activity_name: a cell starting with \"=\"",
                      }));
  const auto measures = records_of(dir / "measures.csv");
  EXPECT_EQ(measures[0].at("measure_name"), "'\tものづくり");
  EXPECT_EQ(measures[0].at("division"), "-");
  EXPECT_EQ(measures[0].at("warnings"), std::to_string(1 + warnings.size()));
  const auto indicators = records_of(dir / "indicators.csv");
  EXPECT_EQ(indicators[0].at("raw"), "'-3社");
  EXPECT_EQ(indicators[0].at("value"), "-3");
  const auto projects = records_of(dir / "projects.csv");
  EXPECT_EQ(projects[0].at("project_name"), "'\r創業支援");
  EXPECT_EQ(projects[0].at("activity_name"), "'=HYPERLINK(\"x\")");
  EXPECT_EQ(projects[1].at("activity_name"), "'@交流会");
  // By default the data stays as printed.
  std::vector<Warning> none;
  const fs::path exact = write_run("formulas-exact", {sheet}, {}, &none);
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(records_of(exact / "projects.csv")[0].at("activity_name"), "=HYPERLINK(\"x\")");
  EXPECT_EQ(records_of(exact / "measures.csv")[0].at("warnings"), "1");
}

TEST(CsvTablesRun, ARunOfNoSheetWritesEveryTableWithItsHeader) {
  const fs::path dir = sheetx::testing::scratch("csv-empty");
  CsvTables(dir.string()).finish();
  for (const char* table : kTables) {
    const auto rows = rows_of(dir / table);
    ASSERT_EQ(rows.size(), 1u) << table;
    EXPECT_EQ(rows[0].at(0), "全国地方公共団体コード") << table;
  }
  EXPECT_TRUE(fs::exists(dir / "datapackage.json"));
}

// Each file's name and text.
std::map<std::string, std::string> files_in(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) files[entry.path().filename()] = read_file(entry.path());
  return files;
}

// A run that stops before finish() (an error, a kill) leaves the previous tables as they were.
TEST(CsvTablesRun, ARunThatDoesNotFinishLeavesTheFolderAsItWas) {
  const fs::path dir = write_run("unfinished", {measure_sheet()});
  const auto before = files_in(dir);
  {
    CsvTables tables(dir.string());
    tables.add(to_json(project_sheet()));
  }
  EXPECT_EQ(files_in(dir), before);
  EXPECT_EQ(before.size(), 7u);
}

}  // namespace
}  // namespace sheetx::records
