#include "record_diff.h"

#include <algorithm>
#include <cmath>

#include <unicode/utf8.h>

#include "sheetx/record_json.h"

namespace sheetx::cli {
namespace {

using Json = nlohmann::ordered_json;

// A value as compact JSON, cut after 120 bytes at a character boundary (never half a character).
std::string shown(const Json& value) {
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  int32_t cut = 120;
  if (text.size() <= static_cast<std::size_t>(cut)) return text;
  U8_SET_CP_START(reinterpret_cast<const uint8_t*>(text.data()), 0, cut);
  return text.substr(0, static_cast<std::size_t>(cut)) + "…";
}

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

bool boxes_close(const Json& a, const Json& b, double tolerance) {
  if (!a.is_array() || !b.is_array() || a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_number() || !b[i].is_number()) return false;
    if (std::abs(a[i].get<double>() - b[i].get<double>()) > tolerance) return false;
  }
  return true;
}

// Warnings in one order on both sides: the record's own (by place, then code).
Json sorted_warnings(const Json& warnings) {
  if (!warnings.is_array()) return warnings;
  std::vector<Json> items(warnings.begin(), warnings.end());
  std::stable_sort(items.begin(), items.end(), records::json_warning_order);
  Json out = Json::array();
  for (auto& item : items) {
    item.erase("message");
    item.erase("rule");  // the rule file's line numbers are no part of what a sheet prints
    out.push_back(std::move(item));
  }
  return out;
}

void compare(const Json& expected, const Json& got, const std::string& path, double tolerance,
             std::vector<Difference>& out) {
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".box") == 0 && boxes_close(expected, got, tolerance)) return;
  if (expected.is_object() && got.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      if (path.empty() && key == "source") continue;
      const std::string child = join(path, key);
      if (!got.contains(key)) {
        out.push_back({child, shown(value), "(missing)"});
      } else if (path.empty() && key == "warnings") {
        compare(sorted_warnings(value), sorted_warnings(got[key]), child, tolerance, out);
      } else {
        compare(value, got[key], child, tolerance, out);
      }
    }
    for (const auto& [key, value] : got.items()) {
      if (!expected.contains(key) && !(path.empty() && key == "source")) out.push_back({join(path, key), "(missing)", shown(value)});
    }
    return;
  }
  if (expected.is_array() && got.is_array()) {
    const std::size_t n = std::max(expected.size(), got.size());
    for (std::size_t i = 0; i < n; ++i) {
      const std::string child = path + "[" + std::to_string(i) + "]";
      if (i >= got.size()) out.push_back({child, shown(expected[i]), "(missing)"});
      else if (i >= expected.size()) out.push_back({child, "(missing)", shown(got[i])});
      else compare(expected[i], got[i], child, tolerance, out);
    }
    return;
  }
  if (expected.is_number() && got.is_number() && expected.get<double>() == got.get<double>()) return;
  if (expected != got) out.push_back({path, shown(expected), shown(got)});
}

}  // namespace

std::vector<Difference> diff_records(const Json& expected, const Json& got, double box_tolerance) {
  std::vector<Difference> out;
  compare(expected, got, "", box_tolerance, out);
  return out;
}

}  // namespace sheetx::cli
