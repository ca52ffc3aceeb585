// sheetx records: the review-sheet record types of ../shared/docs/record-format.md and their
// JSON and CSV forms.
//
// In:  Sheet values built by the rules layer.
// Out: one JSON document per sheet (to_json), and the flat CSV tables with their Frictionless
//      datapackage.json (CsvTables), made from those documents so that they say the same.
//      Field names and conventions: docs/records.md.
#pragma once

#include <array>
#include <iosfwd>
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

// A figure as printed and as read, with where it was printed.
struct Quantity {
  normalizer::Quantity value;
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

struct IndicatorValue {
  std::string kind;  // baseline, actual, target
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

struct Project {
  std::optional<int> number;
  std::string name, division;
  bool reposted = false;
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

struct Sheet {
  Source source;
  std::string ruleset_id, ruleset_version;
  std::string municipality_code, municipality_name;
  ReviewPeriod review_period;
  Measure measure;
  std::vector<Indicator> indicators;
  std::vector<Project> projects;
  std::vector<Warning> warnings;
};

// Warnings in page order: those without a place first, then by page, top, left and code.
bool warning_order(const Warning& a, const Warning& b);

nlohmann::ordered_json to_json(const Sheet& sheet);

// Writes a whole file or nothing: content goes to a temporary file beside it, renamed into place,
// so an existing file is only ever replaced by a complete new one. Throws std::runtime_error
// naming the file.
void write_file_atomically(const std::string& path, const std::string& content);

// The portal's flat tables. Add sheet documents (as to_json makes them) one by one, then write
// the folder: measures.csv, indicators.csv, projects.csv, years.csv and datapackage.json.
class CsvTables {
 public:
  void add(const nlohmann::ordered_json& sheet);
  // Writes the four tables and datapackage.json into dir (created if missing); throws
  // std::runtime_error naming the file that could not be written.
  void write(const std::string& dir) const;

 private:
  std::vector<std::vector<std::string>> measures_, indicators_, projects_, years_;
};

}  // namespace sheetx::records
