// sheetx records: the review-sheet record types of ../shared/docs/record-format.md (measure
// sheets and project sheets, figures with their qualifiers) and their JSON and CSV forms.
//
// In:  Sheet values built by the rules layer.
// Out: one JSON document per sheet (to_json), and the flat CSV tables with their Frictionless
//      datapackage.json (CsvTables), made from those documents so that they say the same.
//      Field names and conventions: docs/records.md.
#pragma once

#include <array>
#include <iosfwd>
#include <map>
#include <memory>
#include <string_view>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sheetx/normalizer.h"

namespace sheetx::records {

inline constexpr const char* kFormat = "review-sheet/1";

// Where a value was printed: 1-based page of the PDF, cell box in points, top-left origin.
struct At {
  int page = 0;
  std::array<double, 4> box{};
};

// A figure as printed and as read (the normalizer's Quantity: raw, value, unit, qualifiers),
// with where it was printed.
struct Quantity : normalizer::Quantity {
  At at;
};

struct Source {
  std::string path, sha256;
  int pages = 0, first_page = 0, last_page = 0;
};

struct Numbered {
  std::optional<int> number;
  std::string name;
};

struct Evaluation {
  std::string grade, label;
};

struct Review {
  std::string summary, indicators;
  std::vector<std::string> direction;
};

struct Measure {
  std::optional<int> number;
  std::string name, department, division;
  Numbered goal;
  std::vector<std::string> vision;
  std::vector<Numbered> initiatives;
  Evaluation evaluation;
  Review review;
};

// A figure of one fiscal year and kind: an indicator's (baseline, actual, target) or a cost
// line's (settlement, budget, estimate).
struct IndicatorValue {
  std::string kind;
  std::optional<int> fiscal_year;
  Quantity quantity;
};

struct Indicator {
  std::string name, source;
  std::vector<IndicatorValue> values;
};

struct YearFigures {
  int fiscal_year = 0;
  std::optional<Quantity> target, actual;
};

struct Activity {
  std::string name;
  std::optional<int> baseline_fiscal_year;
  std::optional<Quantity> baseline, plan;
  std::vector<YearFigures> years;
};

// A project sheet's 活動指標 or 成果指標 row.
struct ProjectIndicator {
  std::string kind;  // activity (活動指標) or outcome (成果指標)
  std::string name;
  std::optional<std::string> unit;  // the row's unit column, as printed
  std::vector<IndicatorValue> values;
};

// A line of a project sheet's 事業費 table (一般財源, 人件費, 合計 …) by fiscal year.
struct Cost {
  std::string name;  // the line's label as printed
  std::vector<IndicatorValue> values;  // kind: settlement (決算), budget (予算), estimate (見込)
};

struct EvaluationItem {
  std::string name, grade, comment;  // 有効性, A, the comment printed beside it
};

// A project sheet's evaluation: graded items, then the overall grade and its legend label.
struct ProjectEvaluation {
  std::vector<EvaluationItem> items;
  std::string grade, label;
};

// The chosen direction (拡充 / 継続 / 改善 / 縮小 / 休止・廃止 …) among the options printed.
struct Direction {
  std::optional<std::string> choice;  // none ticked: null
  std::vector<std::string> options;
  std::string text;
};

// A 行政計画事業 of a measure sheet, or the one project of a project sheet (事務事業評価シート).
// The project-sheet fields are written only when set: a measure sheet does not print them.
struct Project {
  std::optional<int> number;
  std::optional<std::string> code;  // the project number as printed (02-12-003)
  std::string name, division;
  std::optional<std::string> department;
  bool reposted = false;
  std::optional<int> started_fiscal_year;  // 事業開始年度
  std::optional<std::string> legal_basis;  // 根拠法令等, as printed
  std::optional<bool> mandatory;           // 法定・義務的 (true) or 任意 (false)
  std::optional<std::string> purpose, target, means;  // 目的(意図), 対象, 手段・事業内容
  std::vector<ProjectIndicator> indicators;
  std::vector<Cost> costs;
  std::optional<ProjectEvaluation> evaluation;
  std::optional<Direction> direction;
  std::vector<Activity> activities;
};

struct Warning {
  std::string code, message;
  std::optional<At> at;
};

struct ReviewPeriod {
  std::string label;
  std::optional<int> from_fiscal_year, to_fiscal_year;
};

// What a sheet reviews: one 施策 (the 検証シート) or one project (事務事業評価シート).
enum class SheetKind { measure, project };

struct Sheet {
  SheetKind kind = SheetKind::measure;
  Source source;
  std::string ruleset_id, ruleset_version;
  std::string municipality_code, municipality_name;
  ReviewPeriod review_period;
  Measure measure;
  std::vector<Indicator> indicators;
  std::vector<Project> projects;
  std::vector<Warning> warnings;
  // Fields a rule file fills that the record format does not have, by the rule's name; written
  // under "extra" when there are any.
  std::map<std::string, std::string> extra;
};

// Warnings in page order: those without a place first, then by page, top, left and code.
bool warning_order(const Warning& a, const Warning& b);

nlohmann::ordered_json to_json(const Sheet& sheet);

// A quantity as the record format writes it: raw, value (an integer when whole), unit, then
// only the qualifiers that are set, in the contract's order: cumulative, per_year,
// approximate, bound, range_to, running_total, revised {value, unit, per_year?}, estimate,
// status. No "at" (to_json(Sheet) adds it) and no problems (the rules layer makes them warnings).
nlohmann::ordered_json to_json(const normalizer::Quantity& quantity);

// A file written whole or not at all: the bytes go to a temporary file of its own beside the
// target (two runs never mix their bytes), which commit() syncs and renames into place, so that
// an existing file is only ever replaced by a complete new one. Dropped uncommitted, the
// temporary is removed and the target left as it was. Errors throw std::runtime_error naming
// the target.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  void write(std::string_view bytes);
  void commit();

 private:
  [[noreturn]] void fail(int error);
  std::string path_, temporary_;
  int fd_ = -1;
};

void write_file_atomically(const std::string& path, const std::string& content);

// The portal's flat tables, streamed: measures.csv, indicators.csv, projects.csv and years.csv
// take each sheet document (as to_json makes them) as it comes, and finish() puts them and
// datapackage.json in place, so memory does not grow with the number of sheets.
class CsvTables {
 public:
  // Starts the four tables in dir (created if missing).
  explicit CsvTables(const std::string& dir);
  ~CsvTables();
  void add(const nlohmann::ordered_json& sheet);
  void finish();

 private:
  std::string dir_;
  std::unique_ptr<AtomicFile> measures_, indicators_, projects_, years_;
};

}  // namespace sheetx::records
