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

std::string sheet_id(const Sheet& sheet) {
  auto part = [](const std::string& text) { return text.empty() ? std::string("unknown") : text; };
  auto year = [](const std::optional<int>& y) { return y ? std::to_string(*y) : std::string("unknown"); };
  const auto& period = sheet.review_period;
  return part(sheet.municipality_code) + "/" + part(sheet.ruleset_id) + "/" + year(period.from_fiscal_year) + "-" +
         year(period.to_fiscal_year) + "/" + year(sheet.measure.number);
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
