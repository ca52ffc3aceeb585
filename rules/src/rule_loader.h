// Checks of rule-file YAML shared by the parsers of its sections (private to the rules library):
// every problem is thrown as RuleFileError "FILE:LINE: problem".
#pragma once

#include <algorithm>
#include <array>
#include <initializer_list>
#include <set>
#include <string>

#include <yaml-cpp/yaml.h>

#include "table_rule.h"
#include "sheetx/rules.h"

namespace sheetx::rules {

template <std::size_t N>
inline bool contains(const std::array<const char*, N>& names, const std::string& name) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return name == n; });
}

template <std::size_t N>
inline std::string listed(const std::array<const char*, N>& names) {
  std::string out;
  for (const char* n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

class RuleLoader {
 public:
  explicit RuleLoader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& problem) const {
    fail(at.Mark().line + 1, problem);
  }
  [[noreturn]] void fail(int line, const std::string& problem) const {
    throw RuleFileError(path_ + ":" + std::to_string(line) + ": " + problem);
  }

  // Checks that a map holds only the keys named.
  void only_keys(const YAML::Node& map, std::initializer_list<const char*> keys,
                 const std::string& what) const {
    if (!map.IsMap()) fail(map, what + " must be a map of keys");
    for (const auto& kv : map) {
      auto key = kv.first.as<std::string>();
      if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; })) {
        std::string allowed;
        for (const char* k : keys) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
        fail(kv.first, "unknown key '" + key + "' in " + what + " (allowed: " + allowed + ")");
      }
    }
  }

  std::string text(const YAML::Node& map, const char* key, const std::string& what) const {
    const YAML::Node node = map[key];
    if (!node) fail(map, what + " needs '" + key + "'");
    if (!node.IsScalar()) fail(node, "'" + std::string(key) + "' in " + what + " must be text");
    return node.as<std::string>();
  }

  Regex regex(const YAML::Node& node, const char* key) const {
    if (!node.IsScalar()) fail(node, std::string("'") + key + "' must be a regular expression");
    RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_shared<const RE2>(node.as<std::string>(), options);
    if (!re->ok()) fail(node, std::string("'") + key + "' is not a valid RE2 regex: " + re->error());
    return re;
  }

  Regex optional_regex(const YAML::Node& map, const char* key) const {
    const YAML::Node node = map[key];
    return node ? regex(node, key) : nullptr;
  }

  Regex required_regex(const YAML::Node& map, const char* key, const std::string& what) const {
    const YAML::Node node = map[key];
    if (!node) fail(map, what + " needs '" + key + "'");
    return regex(node, key);
  }

  void check_groups(const YAML::Node& node, const Regex& re,
                    const std::set<std::string>& allowed) const {
    for (const auto& [group, index] : re->NamedCapturingGroups()) {
      (void)index;
      if (!allowed.count(group)) {
        std::string names;
        for (const auto& a : allowed) names += (names.empty() ? "" : ", ") + a;
        fail(node, "group '" + group + "' names no field here (fields: " + names + ")");
      }
    }
  }

  template <std::size_t N>
  void table(const YAML::Node& node, TableRule& rule, const std::array<const char*, N>& roles,
             const std::string& what) const {
    rule.line = node.Mark().line + 1;
    rule.header = required_regex(node, "header", what);
    const YAML::Node columns = node["columns"];
    if (!columns || !columns.IsSequence() || columns.size() == 0)
      fail(node, what + " needs 'columns', a list of {role, header}");
    for (const auto& c : columns) {
      only_keys(c, {"role", "header"}, "a column");
      ColumnRule column{c.Mark().line + 1, text(c, "role", "a column"), required_regex(c, "header", "a column")};
      if (!contains(roles, column.role))
        fail(c, "unknown role '" + column.role + "' in " + what + " (roles: " + listed(roles) + ")");
      rule.columns.push_back(std::move(column));
    }
    if (const YAML::Node precedence = node["precedence"]) {
      const char* shape = "'precedence' must be a list of role lists, each the winner first: [[plan, year]]";
      if (!precedence.IsSequence()) fail(precedence, shape);
      for (const auto& list : precedence) {
        if (!list.IsSequence() || list.size() < 2) fail(list, shape);
        auto& winners = rule.precedence.emplace_back();
        for (const auto& p : list) {
          auto role = p.as<std::string>();
          if (std::none_of(rule.columns.begin(), rule.columns.end(), [&](const auto& c) { return c.role == role; }))
            fail(p, "'" + role + "' in 'precedence' is no role of a column of " + what);
          winners.push_back(std::move(role));
        }
      }
    }
    if (const YAML::Node ignore = node["ignore"]) {
      if (!ignore.IsSequence()) fail(ignore, "'ignore' must be a list of regexes (cells that are not data)");
      for (const auto& i : ignore) rule.ignore.push_back(regex(i, "ignore"));
    }
  }

  // A table whose rows no column starts would give nothing.
  void require_role(const YAML::Node& node, const TableRule& rule, const char* role, const std::string& what) const {
    if (std::none_of(rule.columns.begin(), rule.columns.end(), [&](const auto& c) { return c.role == role; }))
      fail(node, what + " needs a column with role '" + role + "': its rows are found by it");
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace sheetx::rules
