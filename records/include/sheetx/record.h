// sheetx records: the review-sheet record types of docs/records.md (the contract with the portal)
// and the key that names a sheet.
//
// In:  values the rules layer reads off a sheet.
// Out: a Sheet, and its id (sheet_id), the key that every JSON document and CSV row carries.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sheetx/normalizer.h"

namespace sheetx::records {

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

// A doubt about the sheet or its reading (codes: docs/records.md). `rule` is the rule file's
// FILE:LINE (file name only) of the rule that produced or missed the value, empty when none did.
struct Warning {
  std::string code, message;
  std::optional<At> at;
  std::string rule;
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

// The sheet's key, the same on every run and machine: municipality code / rule file id /
// review period's fiscal years / what the sheet reviews: the measure number on a measure sheet
// ("131067/taito-kensho/2019-2020/35"), the project's code (or its number when it prints no
// code) on a project sheet ("112330/kitamoto-jimu/2023-2023/02-12-003"; a '/', '~' or '%' in the
// code is written %2F, %7E or %25). A part the sheet did not give reads "unknown". Two sheets of one key in
// a run are told apart by SheetIds.
std::string sheet_id(const Sheet& sheet);

// Makes the ids of one run unique, in run order: the first sheet of a key keeps it, the n-th
// (n >= 2) gets "~n" after it ("131067/taito-kensho/2019-2020/12~2"). Deterministic for a given
// input order.
class SheetIds {
 public:
  // The id this sheet gets in the run; `repeated` is set when its key was taken before.
  std::string claim(const std::string& key, bool& repeated);

 private:
  std::map<std::string, int> seen_;  // key -> sheets of that key so far
};

// A number as a person writes it: integers without a decimal point or exponent (1234567), other
// values in the shortest form that reads back the same (12.5, 0.1).
std::string number_text(double value);

}  // namespace sheetx::records
