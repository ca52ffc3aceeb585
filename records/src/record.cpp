// The record types' own functions: warning order, the sheet's key, numbers as text.
#include <charconv>
#include <cmath>
#include <tuple>
#include <utility>

#include "sheetx/record.h"

namespace sheetx::records {

bool warning_order(const Warning& a, const Warning& b) {
  // Positions rounded to a point: a strict weak ordering that keeps one row's cells together.
  auto key = [](const Warning& w) {
    return w.at ? std::make_tuple(1, w.at->page, std::lround(w.at->box[1]), std::lround(w.at->box[0]))
                : std::make_tuple(0, 0, 0L, 0L);
  };
  return std::make_pair(key(a), a.code) < std::make_pair(key(b), b.code);
}

namespace {

std::string number_or_unknown(const std::optional<int>& n) { return n ? std::to_string(*n) : std::string("unknown"); }

// A printed code as one part of the id: '/' would split it, '~' starts a run's repeat number and
// '%' is the escape, so they are written %2F, %7E and %25.
std::string id_part(const std::string& printed) {
  std::string out;
  for (char c : printed) out += c == '/' ? "%2F" : c == '~' ? "%7E" : c == '%' ? "%25" : std::string(1, c);
  return out;
}

// What names a project sheet's project: its code as printed, else its number.
std::optional<std::string> project_key(const Sheet& sheet) {
  if (sheet.projects.empty()) return std::nullopt;
  const Project& project = sheet.projects.front();
  if (project.code && !project.code->empty()) return *project.code;
  if (project.number) return std::to_string(*project.number);
  return std::nullopt;
}

}  // namespace

std::string sheet_id(const Sheet& sheet) {
  auto part = [](const std::string& text) { return text.empty() ? std::string("unknown") : text; };
  const auto& period = sheet.review_period;
  std::string subject;
  if (sheet.kind == SheetKind::project) {
    const auto key = project_key(sheet);
    subject = key ? id_part(*key) : "unknown";
  } else {
    subject = number_or_unknown(sheet.measure.number);
  }
  return part(sheet.municipality_code) + "/" + part(sheet.ruleset_id) + "/" + number_or_unknown(period.from_fiscal_year) +
         "-" + number_or_unknown(period.to_fiscal_year) + "/" + subject;
}

std::string SheetIds::claim(const std::string& key, bool& repeated) {
  const int n = ++seen_[key];
  repeated = n > 1;
  return repeated ? key + "~" + std::to_string(n) : key;
}

std::string number_text(double value) {
  // Integers up to 2^53 are exact in a double: print them whole, as the sheet did.
  if (std::isfinite(value) && value == std::trunc(value) && std::abs(value) < 9007199254740992.0) {
    return std::to_string(static_cast<long long>(value));
  }
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  return std::string(text, end);
}

}  // namespace sheetx::records
