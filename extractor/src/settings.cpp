// Settings by name, for the command line (--setting NAME=VALUE) and rule files.
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "sheetx/extractor.h"

namespace sheetx::extractor {
namespace {

using Number = double Settings::*;
using Count = int Settings::*;
using Flag = bool Settings::*;

// Every setting a user may tune, by the name extractor/README.md gives it.
constexpr std::pair<const char*, Number> kNumbers[] = {
    {"snap_tolerance", &Settings::snap_tolerance},
    {"join_tolerance", &Settings::join_tolerance},
    {"intersection_tolerance", &Settings::intersection_tolerance},
    {"min_edge_length", &Settings::min_edge_length},
    {"max_edge_thickness", &Settings::max_edge_thickness},
    {"max_shading_inset", &Settings::max_shading_inset},
    {"max_dash_gap", &Settings::max_dash_gap},
    {"floating_box_clearance", &Settings::floating_box_clearance},
    {"max_glyph_box_em", &Settings::max_glyph_box_em},
    {"ideographic_space_slack", &Settings::ideographic_space_slack},
    {"max_indent_padding", &Settings::max_indent_padding},
    {"free_text_gap", &Settings::free_text_gap},
    {"block_line_gap", &Settings::block_line_gap},
};
constexpr std::pair<const char*, Count> kCounts[] = {
    {"first_page", &Settings::first_page}, {"last_page", &Settings::last_page}, {"max_pages", &Settings::max_pages}};
constexpr std::pair<const char*, Flag> kFlags[] = {{"annotations", &Settings::annotations}};

[[noreturn]] void refuse(const std::string& name, const std::string& why) {
  throw std::invalid_argument("setting " + name + ": " + why);
}

template <typename T>
T parse_number(const std::string& name, const std::string& value) {
  T out{};
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (error != std::errc() || end != value.data() + value.size()) refuse(name, "'" + value + "' is not a number");
  if constexpr (std::is_floating_point_v<T>) {
    if (!std::isfinite(out) || out < 0) refuse(name, "'" + value + "' is not a number of points or ems >= 0");
  }
  return out;
}

}  // namespace

void set_setting(Settings& settings, const std::string& name, const std::string& value) {
  for (auto [known, field] : kNumbers) {
    if (name == known) return void(settings.*field = parse_number<double>(name, value));
  }
  for (auto [known, field] : kCounts) {
    if (name == known) return void(settings.*field = parse_number<int>(name, value));
  }
  for (auto [known, field] : kFlags) {
    if (name != known) continue;
    if (value == "true" || value == "1") return void(settings.*field = true);
    if (value == "false" || value == "0") return void(settings.*field = false);
    refuse(name, "'" + value + "' is not true or false");
  }
  refuse(name, "no such setting (extractor/README.md lists them)");
}

void set_setting(Settings& settings, const std::string& assignment) {
  auto eq = assignment.find('=');
  if (eq == std::string::npos) refuse(assignment, "expected NAME=VALUE");
  set_setting(settings, assignment.substr(0, eq), assignment.substr(eq + 1));
}

}  // namespace sheetx::extractor
