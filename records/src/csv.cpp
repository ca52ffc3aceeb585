// Sheets -> the portal's flat CSV tables and their Frictionless datapackage.json.
#include <filesystem>

#include "sheetx/records.h"

namespace sheetx::records {
namespace {

struct Field {
  const char* name;
  const char* title;
  const char* type;  // Frictionless table schema type
};

struct TableSpec {
  const char* name;
  const char* title;
  std::vector<Field> fields;
};

// The columns every table starts with, as the standard open-data datasets of Japanese local
// governments do.
const Field kCode{"全国地方公共団体コード", "全国地方公共団体コード", "string"};
const Field kCity{"地方公共団体名", "地方公共団体名", "string"};
const Field kMeasure{"measure_number", "施策番号", "integer"};

const TableSpec& measures_spec() {
  static const TableSpec spec{"measures", "施策", {kCode, kCity, {"review_period", "検証期間", "string"},
      {"from_fiscal_year", "検証期間（開始年度）", "integer"}, {"to_fiscal_year", "検証期間（終了年度）", "integer"},
      kMeasure, {"measure_name", "施策名", "string"}, {"department", "主管部", "string"},
      {"division", "主管課", "string"}, {"goal_number", "基本目標番号", "integer"},
      {"goal_name", "基本目標", "string"}, {"grade", "検証結果", "string"},
      {"grade_label", "検証結果（説明）", "string"}, {"source_path", "出典ファイル", "string"},
      {"first_page", "開始ページ", "integer"}, {"warnings", "警告数", "integer"}}};
  return spec;
}

const TableSpec& indicators_spec() {
  static const TableSpec spec{"indicators", "施策の指標（値ごと）", {kCode, kCity, kMeasure,
      {"indicator_name", "指標名", "string"}, {"indicator_source", "出典", "string"},
      {"kind", "区分（baseline/actual/target）", "string"}, {"fiscal_year", "年度", "integer"},
      {"raw", "表記", "string"}, {"value", "値", "number"}, {"unit", "単位", "string"},
      {"cumulative", "延べ", "boolean"}, {"page", "ページ", "integer"}}};
  return spec;
}

const TableSpec& projects_spec() {
  static const TableSpec spec{"projects", "行政計画事業（取り組みごと）", {kCode, kCity, kMeasure,
      {"project_number", "事業番号", "integer"}, {"project_name", "行政計画事業名", "string"},
      {"division", "所管課", "string"}, {"reposted", "再掲", "boolean"},
      {"activity_number", "取り組み番号（事業内の順）", "integer"}, {"activity_name", "本事業の取り組み", "string"},
      {"baseline_fiscal_year", "事業量の基準年度", "integer"}, {"baseline_raw", "基準年度事業量（表記）", "string"},
      {"baseline_value", "基準年度事業量", "number"}, {"baseline_unit", "基準年度事業量（単位）", "string"},
      {"plan_raw", "計画事業量（表記）", "string"}, {"plan_value", "計画事業量", "number"},
      {"plan_unit", "計画事業量（単位）", "string"}, {"plan_per_year", "計画事業量（年あたり）", "boolean"},
      {"plan_running_total", "計画事業量（累計）", "number"}, {"plan_revised_value", "計画事業量（修正後）", "number"}}};
  return spec;
}

const TableSpec& years_spec() {
  static const TableSpec spec{"years", "年度別事業計画と実績", {kCode, kCity, kMeasure,
      {"project_number", "事業番号", "integer"}, {"activity_number", "取り組み番号（事業内の順）", "integer"},
      {"activity_name", "本事業の取り組み", "string"}, {"fiscal_year", "年度", "integer"},
      {"target_raw", "目標（表記）", "string"}, {"target_value", "目標", "number"},
      {"target_unit", "目標（単位）", "string"}, {"actual_raw", "実績（表記）", "string"},
      {"actual_value", "実績", "number"}, {"actual_unit", "実績（単位）", "string"},
      {"actual_estimate", "実績は見込み", "boolean"}}};
  return spec;
}

using Json = nlohmann::ordered_json;

// A JSON scalar as a CSV cell: null and a missing key give an empty cell.
std::string cell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::string cell(const Json& object, const char* key) {
  return object.is_object() && object.contains(key) ? cell(object[key]) : "";
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

// A table's file, started with its header row.
std::unique_ptr<AtomicFile> start_table(const std::filesystem::path& dir, const TableSpec& spec) {
  auto file = std::make_unique<AtomicFile>((dir / (std::string(spec.name) + ".csv")).string());
  std::vector<std::string> names;
  for (const auto& f : spec.fields) names.push_back(f.name);
  file->write(csv_line(names));
  return file;
}

nlohmann::ordered_json resource_json(const TableSpec& spec) {
  nlohmann::ordered_json fields = nlohmann::ordered_json::array();
  for (const auto& f : spec.fields) fields.push_back({{"name", f.name}, {"title", f.title}, {"type", f.type}});
  return {{"name", spec.name},
          {"title", spec.title},
          {"path", std::string(spec.name) + ".csv"},
          {"profile", "tabular-data-resource"},
          {"format", "csv"},
          {"mediatype", "text/csv"},
          {"encoding", "utf-8"},
          {"schema", {{"fields", fields}}}};
}

}  // namespace

CsvTables::CsvTables(const std::string& dir)
    : dir_(dir),
      measures_(start_table(dir, measures_spec())),
      indicators_(start_table(dir, indicators_spec())),
      projects_(start_table(dir, projects_spec())),
      years_(start_table(dir, years_spec())) {}

CsvTables::~CsvTables() = default;

void CsvTables::add(const Json& sheet) {
  const Json& m = sheet["measure"];
  const Json& city = sheet["municipality"];
  const std::vector<std::string> lead = {cell(city, "code"), cell(city, "name"), cell(m, "number")};
  auto row = [&](std::initializer_list<std::string> rest) {
    std::vector<std::string> r = lead;
    r.insert(r.end(), rest);
    return r;
  };
  const Json& period = sheet["review_period"];
  measures_->write(csv_line({cell(city, "code"), cell(city, "name"), cell(period, "label"),
                       cell(period, "from_fiscal_year"), cell(period, "to_fiscal_year"), cell(m, "number"),
                       cell(m, "name"), cell(m, "department"), cell(m, "division"), cell(m["goal"], "number"),
                       cell(m["goal"], "name"), cell(m["evaluation"], "grade"), cell(m["evaluation"], "label"),
                       cell(sheet["source"], "path"), cell(sheet["source"], "first_page"),
                       std::to_string(sheet["warnings"].size())}));
  for (const auto& indicator : sheet["indicators"]) {
    for (const auto& v : indicator["values"]) {
      indicators_->write(csv_line(row({cell(indicator, "name"), cell(indicator, "source"), cell(v, "kind"),
                                 cell(v, "fiscal_year"), cell(v, "raw"), cell(v, "value"), cell(v, "unit"),
                                 flag(v, "cumulative"), cell(v["at"], "page")})));
    }
  }
  for (const auto& project : sheet["projects"]) {
    int index = 0;
    for (const auto& a : project["activities"]) {
      ++index;
      auto p = row({cell(project, "number"), cell(project, "name"), cell(project, "division"),
                    flag(project, "reposted"), std::to_string(index), cell(a, "name"),
                    cell(a["baseline"], "fiscal_year")});
      figure_cells(a["baseline"], p);
      const Json& plan = a["plan"];
      figure_cells(plan, p);
      p.push_back(flag(plan, "per_year"));
      p.push_back(cell(plan, "running_total"));
      p.push_back(plan.is_object() && plan.contains("revised") ? cell(plan["revised"], "value") : "");
      projects_->write(csv_line(p));
      for (const auto& y : a["years"]) {
        auto r = row({cell(project, "number"), std::to_string(index), cell(a, "name"), cell(y, "fiscal_year")});
        figure_cells(y["target"], r);
        figure_cells(y["actual"], r);
        r.push_back(flag(y["actual"], "estimate"));
        years_->write(csv_line(r));
      }
    }
  }
}

void CsvTables::finish() {
  for (auto* table : {&measures_, &indicators_, &projects_, &years_}) (*table)->commit();
  nlohmann::ordered_json package = {
      {"profile", "tabular-data-package"},
      {"name", "review-sheets"},
      {"title", "長期総合計画 検証シート"},
      {"resources", {resource_json(measures_spec()), resource_json(indicators_spec()),
                     resource_json(projects_spec()), resource_json(years_spec())}}};
  write_file_atomically((std::filesystem::path(dir_) / "datapackage.json").string(), package.dump(2) + "\n");
}

}  // namespace sheetx::records
