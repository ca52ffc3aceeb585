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
