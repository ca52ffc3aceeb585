// Sheet documents -> the portal's flat CSV tables and their Frictionless datapackage.json.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "sheetx/record_csv.h"
#include "sheetx/record_json.h"

namespace sheetx::records {
namespace {

using Json = nlohmann::ordered_json;

struct Field {
  const char* name;
  const char* title;
  const char* type;  // Frictionless table schema type
};

struct ForeignKey {
  std::vector<const char*> fields;
  const char* table;  // the fields have the same names there
};

struct TableSpec {
  const char* name;
  const char* title;
  std::vector<Field> fields;
  std::vector<const char*> primary_key;
  std::optional<ForeignKey> parent;
};

// Every table starts with the municipality, as the standard open-data datasets of Japanese local
// governments do, then the sheet's key and review period, so that each row says where it is from
// and two periods of one measure never mix in a join.
std::vector<Field> with_lead(std::initializer_list<Field> rest) {
  std::vector<Field> fields = {{"全国地方公共団体コード", "全国地方公共団体コード", "string"},
                               {"地方公共団体名", "地方公共団体名", "string"},
                               {"sheet_id", "シートID", "string"},
                               {"review_period", "評価対象期間", "string"},
                               {"from_fiscal_year", "評価対象期間（開始年度）", "integer"},
                               {"to_fiscal_year", "評価対象期間（終了年度）", "integer"},
                               {"measure_number", "施策番号", "integer"}};
  fields.insert(fields.end(), rest);
  return fields;
}

const TableSpec& measures_spec() {
  static const TableSpec spec{
      "measures", "施策",
      with_lead({{"measure_name", "施策名", "string"}, {"department", "担当部局", "string"},
                 {"division", "担当課", "string"}, {"goal_number", "基本目標番号", "integer"},
                 {"goal_name", "基本目標", "string"}, {"grade", "評価", "string"},
                 {"grade_label", "評価（説明）", "string"}, {"source_path", "出典ファイル", "string"},
                 {"first_page", "開始ページ", "integer"}, {"warnings", "警告数", "integer"},
                 {"kind", "シートの種類（measure/project）", "string"}}),
      {"sheet_id"}, std::nullopt};
  return spec;
}

const TableSpec& indicators_spec() {
  static const TableSpec spec{
      "indicators", "指標（値ごと）",
      with_lead({{"indicator_number", "指標番号（シート内の順）", "integer"}, {"indicator_name", "指標名", "string"},
                 {"indicator_source", "出典", "string"}, {"value_number", "値番号（指標内の順）", "integer"},
                 {"kind", "区分（baseline/actual/target）", "string"}, {"fiscal_year", "年度", "integer"},
                 {"raw", "表記", "string"}, {"value", "値", "number"}, {"unit", "単位", "string"},
                 {"cumulative", "延べ", "boolean"}, {"page", "ページ", "integer"},
                 {"project_order", "事業の順（シート内）", "integer"}, {"project_number", "事業番号", "integer"},
                 {"project_code", "事業コード（表記）", "string"},
                 {"indicator_kind", "指標の区分（activity/outcome）", "string"},
                 {"indicator_unit", "指標の単位", "string"}}),
      {"sheet_id", "indicator_number", "value_number"}, ForeignKey{{"sheet_id"}, "measures"}};
  return spec;
}

const TableSpec& projects_spec() {
  static const TableSpec spec{
      "projects", "事業（取り組みごと）",
      with_lead({{"project_order", "事業の順（シート内）", "integer"}, {"project_number", "事業番号", "integer"},
                 {"project_name", "事業名", "string"}, {"division", "担当課", "string"},
                 {"reposted", "再掲", "boolean"}, {"activity_number", "取り組み番号（事業内の順）", "integer"},
                 {"activity_name", "取り組み", "string"}, {"baseline_fiscal_year", "基準年度", "integer"},
                 {"baseline_raw", "基準年度の事業量（表記）", "string"},
                 {"baseline_value", "基準年度の事業量", "number"},
                 {"baseline_unit", "基準年度の事業量（単位）", "string"}, {"plan_raw", "計画量（表記）", "string"},
                 {"plan_value", "計画量", "number"}, {"plan_unit", "計画量（単位）", "string"},
                 {"plan_per_year", "計画量（年あたり）", "boolean"}, {"plan_running_total", "計画量（累計）", "number"},
                 {"plan_revised_value", "計画量（修正後）", "number"}}),
      {"sheet_id", "project_order", "activity_number"}, ForeignKey{{"sheet_id"}, "measures"}};
  return spec;
}

const TableSpec& project_sheets_spec() {
  static const TableSpec spec{
      "project_sheets", "事務事業（事業ごと）",
      with_lead({{"project_order", "事業の順（シート内）", "integer"}, {"project_number", "事業番号", "integer"},
                 {"project_code", "事業コード（表記）", "string"}, {"project_name", "事業名", "string"},
                 {"department", "担当部局", "string"}, {"division", "担当課", "string"},
                 {"started_fiscal_year", "事業開始年度", "integer"}, {"legal_basis", "根拠法令", "string"},
                 {"mandatory", "法定（true）・任意（false）", "boolean"}, {"purpose", "目的", "string"},
                 {"target", "対象", "string"}, {"means", "手段・事業内容", "string"}, {"grade", "総合評価", "string"},
                 {"grade_label", "総合評価（説明）", "string"}, {"direction", "今後の方向性", "string"},
                 {"direction_text", "今後の方向性（説明）", "string"}, {"extra", "その他の項目（JSON）", "string"}}),
      {"sheet_id", "project_order"}, ForeignKey{{"sheet_id"}, "measures"}};
  return spec;
}

const TableSpec& costs_spec() {
  static const TableSpec spec{
      "costs", "事業費（費目・値ごと）",
      with_lead({{"project_order", "事業の順（シート内）", "integer"}, {"project_number", "事業番号", "integer"},
                 {"project_code", "事業コード（表記）", "string"}, {"line_number", "費目番号（事業内の順）", "integer"},
                 {"line_name", "費目", "string"}, {"value_number", "値番号（費目内の順）", "integer"},
                 {"kind", "区分（settlement/budget/estimate）", "string"}, {"fiscal_year", "年度", "integer"},
                 {"raw", "表記", "string"}, {"value", "値", "number"}, {"unit", "単位", "string"},
                 {"page", "ページ", "integer"}}),
      {"sheet_id", "project_order", "line_number", "value_number"},
      ForeignKey{{"sheet_id", "project_order"}, "project_sheets"}};
  return spec;
}

const TableSpec& years_spec() {
  static const TableSpec spec{
      "years", "年度別の目標と実績",
      with_lead({{"project_order", "事業の順（シート内）", "integer"}, {"project_number", "事業番号", "integer"},
                 {"activity_number", "取り組み番号（事業内の順）", "integer"}, {"activity_name", "取り組み", "string"},
                 {"fiscal_year", "年度", "integer"}, {"target_raw", "目標（表記）", "string"},
                 {"target_value", "目標", "number"}, {"target_unit", "目標（単位）", "string"},
                 {"actual_raw", "実績（表記）", "string"}, {"actual_value", "実績", "number"},
                 {"actual_unit", "実績（単位）", "string"}, {"actual_estimate", "実績は見込み値", "boolean"},
                 {"latest", "その年度の最新の報告", "boolean"}}),
      {"sheet_id", "project_order", "activity_number", "fiscal_year"},
      ForeignKey{{"sheet_id", "project_order", "activity_number"}, "projects"}};
  return spec;
}

// A JSON scalar as a CSV cell: null and a missing key give an empty cell.
std::string cell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string cell(const Json& object, const char* key) { return cell(member(object, key)); }

// The place of a field in its table's rows.
std::size_t field_index(const TableSpec& spec, std::string_view name) {
  for (std::size_t i = 0; i < spec.fields.size(); ++i)
    if (spec.fields[i].name == name) return i;
  throw std::logic_error("no field " + std::string(name) + " in " + spec.name);
}

// A flag that the record format writes only when set.
std::string flag(const Json& object, const char* key) {
  if (!object.is_object()) return "";
  return object.value(key, false) ? "true" : "false";
}

// A figure's raw text, value and unit as three cells (empty for a missing figure).
void figure_cells(const Json& q, std::vector<std::string>& row) {
  for (const char* key : {"raw", "value", "unit"}) row.push_back(cell(q, key));
}

std::string quoted(const std::string& value) {
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + quoted(cells[i]);
  return line + "\r\n";
}

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// A text cell that a spreadsheet would run as a formula (OWASP "CSV injection"). A lone dash is
// the sheets' "no figure" and runs as nothing.
bool looks_like_formula(const std::string& text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos && text != "-";
}

std::string shown(char c) {
  if (c == '\t') return "a tab";
  if (c == '\r') return "a carriage return";
  return std::string("\"") + c + "\"";
}

// The rows of one sheet for one table, checked against the table's types.
struct Rows {
  const TableSpec& spec;
  std::vector<std::vector<std::string>> rows;
};

// Prefixes formula-like text cells with an apostrophe, one warning per cell.
void neutralise_formulas(Rows& table, std::vector<Warning>& warnings) {
  for (auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      const Field& field = table.spec.fields[i];
      if (std::strcmp(field.type, "string") != 0 || !looks_like_formula(row[i])) continue;
      warnings.push_back({"formula-neutralised",
                          std::string(table.spec.name) + ".csv " + field.name + ": a cell starting with " +
                              shown(row[i][0]) + " is written with a leading ' so that a spreadsheet shows it as text",
                          std::nullopt, ""});
      row[i] = "'" + row[i];
    }
  }
}

std::string header_line(const TableSpec& spec) {
  std::vector<std::string> names;
  for (const auto& f : spec.fields) names.push_back(f.name);
  return csv_line(names);
}

std::unique_ptr<AtomicFile> start_table(const std::filesystem::path& dir, const TableSpec& spec, bool bom) {
  auto file = std::make_unique<AtomicFile>((dir / (std::string(spec.name) + ".csv")).string());
  if (bom) file->write(kByteOrderMark);
  file->write(header_line(spec));
  return file;
}

Json resource_json(const TableSpec& spec) {
  Json fields = Json::array();
  for (const auto& f : spec.fields) {
    Json field = {{"name", f.name}, {"title", f.title}, {"type", f.type}};
    for (const char* key : spec.primary_key)
      if (std::strcmp(key, f.name) == 0) field["constraints"] = {{"required", true}};
    fields.push_back(std::move(field));
  }
  Json schema = {{"fields", fields}, {"primaryKey", spec.primary_key}};
  if (spec.parent) {
    schema["foreignKeys"] = Json::array(
        {{{"fields", spec.parent->fields}, {"reference", {{"resource", spec.parent->table}, {"fields", spec.parent->fields}}}}});
  }
  return {{"name", spec.name},
          {"title", spec.title},
          {"path", std::string(spec.name) + ".csv"},
          {"profile", "tabular-data-resource"},
          {"format", "csv"},
          {"mediatype", "text/csv"},
          {"encoding", "utf-8"},
          // Said, not left to a reader to guess: a sniffer fed a sample that holds a text of
          // several lines (a project's purpose) guesses wrong (Frictionless JS fails to parse).
          {"dialect",
           {{"delimiter", ","}, {"lineTerminator", "\r\n"}, {"quoteChar", "\""}, {"doubleQuote", true}, {"header", true}}},
          {"schema", schema}};
}

}  // namespace

CsvTables::CsvTables(const std::string& dir, CsvSettings settings)
    : dir_(dir),
      settings_(settings),
      measures_(start_table(dir, measures_spec(), settings.byte_order_mark)),
      indicators_(start_table(dir, indicators_spec(), settings.byte_order_mark)),
      projects_(start_table(dir, projects_spec(), settings.byte_order_mark)),
      project_sheets_(start_table(dir, project_sheets_spec(), settings.byte_order_mark)),
      costs_(start_table(dir, costs_spec(), settings.byte_order_mark)),
      years_(std::tmpfile(), &std::fclose) {
  if (!years_) throw std::runtime_error("cannot make a scratch file for years.csv: " + std::string(std::strerror(errno)));
}

CsvTables::~CsvTables() = default;

void CsvTables::add_year_row(const std::string& line, const std::string& key,
                             std::optional<std::pair<int, int>> period) {
  if (std::fwrite(line.data(), 1, line.size(), years_.get()) != line.size())
    throw std::runtime_error("cannot write the scratch file for years.csv: " + std::string(std::strerror(errno)));
  YearRow row{-1, line.size()};
  const std::size_t index = year_rows_.size();
  if (period) {
    const auto [it, fresh] = groups_.emplace(key, static_cast<int>(latest_.size()));
    row.group = it->second;
    if (fresh) {
      latest_.push_back({*period, index});
    } else if (*period > latest_[row.group].period) {  // equal periods: the first in run order stays
      latest_[row.group] = {*period, index};
    }
  }
  year_rows_.push_back(row);
}

std::vector<Warning> CsvTables::add(const Json& sheet) {
  const Json& m = member(sheet, "measure");
  const Json& city = member(sheet, "municipality");
  const Json& period = member(sheet, "review_period");
  const std::vector<std::string> lead = {cell(city, "code"), cell(city, "name"), cell(sheet, "id"),
                                         cell(period, "label"), cell(period, "from_fiscal_year"),
                                         cell(period, "to_fiscal_year"), cell(m, "number")};
  auto row = [&](std::initializer_list<std::string> rest) {
    std::vector<std::string> r = lead;
    r.insert(r.end(), rest);
    return r;
  };
  Rows measures{measures_spec(), {}}, indicators{indicators_spec(), {}}, projects{projects_spec(), {}},
      project_sheets{project_sheets_spec(), {}}, costs{costs_spec(), {}}, years{years_spec(), {}};
  const bool project_sheet = member(sheet, "kind") == "project";
  int indicator_number = 0;
  // The sheet's indicators, then (project_columns given) those of a project sheet's project.
  auto add_indicator = [&](const Json& indicator, const std::vector<std::string>& project_columns) {
    ++indicator_number;
    int value_number = 0;
    for (const auto& v : member(indicator, "values")) {
      auto r = row({std::to_string(indicator_number), cell(indicator, "name"), cell(indicator, "source"),
                    std::to_string(++value_number), cell(v, "kind"), cell(v, "fiscal_year"), cell(v, "raw"),
                    cell(v, "value"), cell(v, "unit"), flag(v, "cumulative"), cell(member(v, "at"), "page")});
      r.insert(r.end(), project_columns.begin(), project_columns.end());
      if (!project_columns.empty()) {
        r.push_back(cell(indicator, "kind"));
        r.push_back(cell(indicator, "unit"));
      } else {
        r.insert(r.end(), 5, "");
      }
      indicators.rows.push_back(std::move(r));
    }
  };
  for (const auto& indicator : member(sheet, "indicators")) add_indicator(indicator, {});
  int project_order = 0;
  for (const auto& project : member(sheet, "projects")) {
    const std::string order = std::to_string(++project_order);
    if (project_sheet) {
      const std::vector<std::string> project_columns = {order, cell(project, "number"), cell(project, "code")};
      const Json& evaluation = member(project, "evaluation");
      const Json& direction = member(project, "direction");
      auto p = row({order, cell(project, "number"), cell(project, "code"), cell(project, "name"),
                    cell(project, "department"), cell(project, "division"), cell(project, "started_fiscal_year"),
                    cell(project, "legal_basis"), cell(project, "mandatory"), cell(project, "purpose"),
                    cell(project, "target"), cell(project, "means"), cell(evaluation, "grade"),
                    cell(evaluation, "label"), cell(direction, "choice"), cell(direction, "text"),
                    cell(sheet, "extra")});
      project_sheets.rows.push_back(std::move(p));
      for (const auto& indicator : member(project, "indicators")) add_indicator(indicator, project_columns);
      int line_number = 0;
      for (const auto& line : member(project, "costs")) {
        const std::string line_order = std::to_string(++line_number);
        int value_number = 0;
        for (const auto& v : member(line, "values")) {
          auto r = row({order, cell(project, "number"), cell(project, "code"), line_order, cell(line, "name"),
                        std::to_string(++value_number), cell(v, "kind"), cell(v, "fiscal_year")});
          figure_cells(v, r);
          r.push_back(cell(member(v, "at"), "page"));
          costs.rows.push_back(std::move(r));
        }
      }
    }
    int activity_number = 0;
    for (const auto& a : member(project, "activities")) {
      const std::string number = std::to_string(++activity_number);
      auto p = row({order, cell(project, "number"), cell(project, "name"), cell(project, "division"),
                    flag(project, "reposted"), number, cell(a, "name"), cell(member(a, "baseline"), "fiscal_year")});
      figure_cells(member(a, "baseline"), p);
      const Json& plan = member(a, "plan");
      figure_cells(plan, p);
      p.push_back(flag(plan, "per_year"));
      p.push_back(cell(plan, "running_total"));
      p.push_back(cell(member(plan, "revised"), "value"));
      projects.rows.push_back(std::move(p));
      for (const auto& y : member(a, "years")) {
        auto r = row({order, cell(project, "number"), number, cell(a, "name"), cell(y, "fiscal_year")});
        figure_cells(member(y, "target"), r);
        figure_cells(member(y, "actual"), r);
        r.push_back(flag(member(y, "actual"), "estimate"));
        years.rows.push_back(std::move(r));
      }
    }
  }
  measures.rows.push_back(row({cell(m, "name"), cell(m, "department"), cell(m, "division"),
                               cell(member(m, "goal"), "number"), cell(member(m, "goal"), "name"),
                               cell(member(m, "evaluation"), "grade"), cell(member(m, "evaluation"), "label"),
                               cell(member(sheet, "source"), "path"), cell(member(sheet, "source"), "first_page"),
                               "", cell(sheet, "kind")}));

  std::vector<Warning> warnings;
  if (settings_.neutralise_formulas) {
    for (Rows* table : {&measures, &indicators, &projects, &project_sheets, &costs, &years})
      neutralise_formulas(*table, warnings);
  }
  measures.rows.front()[field_index(measures_spec(), "warnings")] =
      std::to_string(member(sheet, "warnings").size() + warnings.size());
  for (const auto& r : measures.rows) measures_->write(csv_line(r));
  for (const auto& r : indicators.rows) indicators_->write(csv_line(r));
  for (const auto& r : projects.rows) projects_->write(csv_line(r));
  for (const auto& r : project_sheets.rows) project_sheets_->write(csv_line(r));
  for (const auto& r : costs.rows) costs_->write(csv_line(r));

  // The latest report of a fiscal year: the same activity (municipality, measure, project number,
  // activity name) and year in the sheet of the latest review period.
  const Json& from = member(period, "from_fiscal_year");
  const Json& to = member(period, "to_fiscal_year");
  for (const auto& r : years.rows) {
    const std::string& project_number = r[lead.size() + 1];
    const std::string& activity_name = r[lead.size() + 3];
    const std::string& fiscal_year = r[lead.size() + 4];
    const bool complete = !lead[0].empty() && !lead[6].empty() && !project_number.empty() && !activity_name.empty() &&
                          !fiscal_year.empty() && from.is_number_integer() && to.is_number_integer();
    const std::string key = lead[0] + '\x1f' + lead[6] + '\x1f' + project_number + '\x1f' + activity_name + '\x1f' +
                            fiscal_year;
    add_year_row(csv_line(r), key,
                 complete ? std::optional(std::pair{to.get<int>(), from.get<int>()}) : std::nullopt);
  }
  return warnings;
}

void CsvTables::finish() {
  // years.csv: the scratch rows with `latest` added, empty where the row's key is incomplete.
  auto years = start_table(dir_, years_spec(), settings_.byte_order_mark);
  std::rewind(years_.get());
  std::string line;
  for (std::size_t i = 0; i < year_rows_.size(); ++i) {
    line.resize(year_rows_[i].bytes);
    if (std::fread(line.data(), 1, line.size(), years_.get()) != line.size())
      throw std::runtime_error("cannot read the scratch file for years.csv");
    line.resize(line.size() - 2);  // the row's "\r\n"
    const int group = year_rows_[i].group;
    line += group < 0 ? "," : latest_[group].row == i ? ",true" : ",false";
    years->write(line + "\r\n");
  }
  const Json package = {{"profile", "tabular-data-package"},
                        {"name", "review-sheets"},
                        {"title", "評価シートの施策・指標・事業（review-sheet/1）"},
                        {"resources",
                         {resource_json(measures_spec()), resource_json(indicators_spec()),
                          resource_json(projects_spec()), resource_json(years_spec()),
                          resource_json(project_sheets_spec()), resource_json(costs_spec())}}};
  AtomicFile datapackage((std::filesystem::path(dir_) / "datapackage.json").string());
  datapackage.write(package.dump(2) + "\n");
  // Every file is complete before the first takes its name: a failure up to here leaves the
  // folder as it was.
  for (AtomicFile* file : {measures_.get(), indicators_.get(), projects_.get(), years.get(), project_sheets_.get(),
                           costs_.get(), &datapackage})
    file->commit();
}

}  // namespace sheetx::records
