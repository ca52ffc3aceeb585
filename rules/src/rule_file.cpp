// Loading a rule file: YAML through yaml-cpp, regexes through RE2, every problem reported as
// "FILE:LINE: problem" before any sheet is read.
#include "rule_file.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>

#include <optional>

#include <yaml-cpp/yaml.h>

#include "page_text.h"

namespace sheetx::rules {
namespace {

constexpr std::array kIndicatorRoles = {"name", "source", "baseline", "target", "actual"};
constexpr std::array kProjectRoles = {"project", "division", "activity", "plan", "kind", "year"};

using Kind = MeasureField::Kind;
using records::Measure;

const std::array<MeasureField, 13> kMeasureFields = {{
    {"number", Kind::kNumber, [](Measure& m, const std::string& t) { m.number = to_int(t); }, nullptr,
     [](const Measure& m) { return m.number.has_value(); }},
    {"name", Kind::kText, [](Measure& m, const std::string& t) { m.name = t; }, nullptr,
     [](const Measure& m) { return !m.name.empty(); }},
    {"department", Kind::kText, [](Measure& m, const std::string& t) { m.department = t; }, nullptr,
     [](const Measure& m) { return !m.department.empty(); }},
    {"division", Kind::kText, [](Measure& m, const std::string& t) { m.division = t; }, nullptr,
     [](const Measure& m) { return !m.division.empty(); }},
    {"goal_number", Kind::kNumber, [](Measure& m, const std::string& t) { m.goal.number = to_int(t); }, nullptr,
     [](const Measure& m) { return m.goal.number.has_value(); }},
    {"goal_name", Kind::kText, [](Measure& m, const std::string& t) { m.goal.name = t; }, nullptr,
     [](const Measure& m) { return !m.goal.name.empty(); }},
    {"vision", Kind::kList, nullptr, [](Measure& m, std::vector<std::string> l) { m.vision = std::move(l); },
     [](const Measure& m) { return !m.vision.empty(); }},
    {"initiatives", Kind::kItems, nullptr, nullptr, [](const Measure& m) { return !m.initiatives.empty(); }},
    {"grade", Kind::kText,
     [](Measure& m, const std::string& t) { m.evaluation.grade = normalizer::fold_width(t); }, nullptr,
     [](const Measure& m) { return !m.evaluation.grade.empty(); }},
    {"grade_label", Kind::kText, [](Measure& m, const std::string& t) { m.evaluation.label = t; }, nullptr,
     [](const Measure& m) { return !m.evaluation.label.empty(); }},
    {"review_summary", Kind::kText, [](Measure& m, const std::string& t) { m.review.summary = t; }, nullptr,
     [](const Measure& m) { return !m.review.summary.empty(); }},
    {"review_indicators", Kind::kText, [](Measure& m, const std::string& t) { m.review.indicators = t; }, nullptr,
     [](const Measure& m) { return !m.review.indicators.empty(); }},
    {"review_direction", Kind::kList, nullptr,
     [](Measure& m, std::vector<std::string> l) { m.review.direction = std::move(l); },
     [](const Measure& m) { return !m.review.direction.empty(); }},
}};

template <std::size_t N>
bool contains(const std::array<const char*, N>& names, const std::string& name) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return name == n; });
}

template <std::size_t N>
std::string listed(const std::array<const char*, N>& names) {
  std::string out;
  for (const char* n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

// Reads one node kind after another, with the file name for messages.
class Loader {
 public:
  explicit Loader(std::string path) : path_(std::move(path)) {}

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

  // Groups of a measure pattern: measure fields.
  void check_groups(const YAML::Node& node, const Regex& re) const {
    for (const auto& [group, index] : re->NamedCapturingGroups()) {
      (void)index;
      if (!measure_field(group))
        fail(node, "group '" + group + "' names no field here (fields: " + measure_field_names() + ")");
    }
  }

  // A measure rule; `filled` holds the fields earlier rules fill, with their lines.
  FieldRule field(const YAML::Node& node, std::map<std::string, int>& filled) const {
    only_keys(node, {"label", "contains", "take", "pattern", "items", "into", "where", "sections",
                     "section_end"},
              "a measure rule");
    FieldRule rule;
    rule.line = node.Mark().line + 1;
    rule.label = optional_regex(node, "label");
    rule.contains = optional_regex(node, "contains");
    if (rule.label && rule.contains) fail(node, "a measure rule takes 'label' or 'contains', not both");
    if (const YAML::Node take = node["take"]) {
      const auto t = take.as<std::string>();
      if (t == "right") rule.take = Take::kRight;
      else if (t == "right_all") rule.take = Take::kRightAll;
      else if (t == "self") rule.take = Take::kSelf;
      else if (t == "any") rule.take = Take::kAny;
      else if (t == "lines") rule.take = Take::kLines;
      else fail(take, "take must be right, right_all, self, any or lines, not '" + t + "'");
    }
    const bool anywhere = rule.take == Take::kAny || rule.take == Take::kLines;
    if (!anywhere && !rule.label && !rule.contains)
      fail(node, "a measure rule needs 'label' or 'contains' (or take: any or lines)");
    if (anywhere && (rule.label || rule.contains))
      fail(node, "take: " + node["take"].as<std::string>() + " looks at the whole page: 'label' and 'contains' would be ignored");
    rule.pattern = optional_regex(node, "pattern");
    rule.items = optional_regex(node, "items");
    const int ways = !!rule.pattern + !!rule.items + !!node["sections"] + (node["into"] && !rule.items);
    if (ways == 0) fail(node, "a measure rule needs 'pattern', 'items', 'into' or 'sections' to say what it fills");
    if (ways > 1)
      fail(node, "a measure rule fills by one of 'pattern', 'items' (with into: initiatives), 'into' or 'sections': "
                 "the others would be ignored");
    if (rule.pattern) check_groups(node["pattern"], rule.pattern);
    if (rule.items) check_groups(node["items"], rule.items, {"number", "name"});
    if (const YAML::Node into = node["into"]) {
      if (into.IsScalar()) rule.into.push_back(into.as<std::string>());
      else if (into.IsSequence()) for (const auto& n : into) rule.into.push_back(n.as<std::string>());
      else fail(into, "'into' must be a field name or a list of them");
      for (const auto& name : rule.into)
        if (!measure_field(name)) fail(into, "'" + name + "' is no measure field (fields: " + measure_field_names() + ")");
      if (rule.take == Take::kSelf && rule.into.size() > 1)
        fail(into, "take: self finds one cell: only the first field of 'into' could be filled");
    }
    if (rule.items && (rule.into.size() != 1 || rule.into[0] != "initiatives"))
      fail(node, "'items' fills 'initiatives': it needs 'into: initiatives'");
    if (const YAML::Node where = node["where"]) {
      rule.where = where.as<std::string>();
      if (!rule.pattern || !rule.pattern->NamedCapturingGroups().count(rule.where))
        fail(where, "'where: " + rule.where + "' needs a pattern with the group '" + rule.where + "'");
      if (!filled.count(rule.where))
        fail(where, "'where: " + rule.where + "' compares with '" + rule.where + "', which no earlier rule fills");
      if (!anywhere) fail(where, "'where' picks among the cells of the page: it needs take: any or lines");
    }
    if (const YAML::Node sections = node["sections"]) {
      if (!sections.IsMap()) fail(sections, "'sections' must map field names to heading regexes");
      for (const auto& kv : sections) {
        auto name = kv.first.as<std::string>();
        const MeasureField* f = measure_field(name);
        if (!f) fail(kv.first, "'" + name + "' is no measure field (fields: " + measure_field_names() + ")");
        if (f->kind == Kind::kItems) fail(kv.first, "'" + name + "' is filled by 'items', not by a section");
        rule.sections.emplace_back(name, regex(kv.second, "sections"));
      }
      rule.section_end = optional_regex(node, "section_end");
    } else if (node["section_end"]) {
      fail(node["section_end"], "'section_end' goes with 'sections'");
    }
    if (rule.pattern) {
      for (const auto& [group, index] : rule.pattern->NamedCapturingGroups()) {
        (void)index;
        if (group == rule.where) continue;
        if (measure_field(group)->kind == Kind::kItems)
          fail(node["pattern"], "'" + group + "' is filled by 'items', not by a pattern group");
        rule.fills.push_back(group);
      }
    }
    for (const auto& name : rule.into) rule.fills.push_back(name);
    for (const auto& [name, heading] : rule.sections) rule.fills.push_back(name);
    for (const auto& name : rule.fills) {
      if (measure_field(name)->kind == Kind::kItems && !rule.items)
        fail(node["into"], "'" + name + "' is filled by 'items', which this rule lacks");
      const auto [earlier, fresh] = filled.emplace(name, rule.line);
      if (!fresh)
        fail(node, "'" + name + "' is already filled by the rule at line " + std::to_string(earlier->second) +
                       ": one of the two values would be thrown away");
    }
    return rule;
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

  RuleFile file(const YAML::Node& root) const {
    only_keys(root, {"id", "version", "municipality", "counters", "extractor", "text", "sheet", "measure",
                     "indicators", "projects"},
              "the rule file");
    RuleFile rf;
    rf.path = path_;
    rf.name = std::filesystem::path(path_).filename().string();
    rf.id = text(root, "id", "the rule file");
    rf.version = text(root, "version", "the rule file");
    const YAML::Node municipality = root["municipality"];
    if (!municipality) fail(root, "the rule file needs 'municipality' {code, name}");
    only_keys(municipality, {"code", "name"}, "municipality");
    rf.municipality_code = text(municipality, "code", "municipality");
    rf.municipality_name = text(municipality, "name", "municipality");
    if (const YAML::Node counters = root["counters"]) {
      if (!counters.IsSequence()) fail(counters, "'counters' must be a list");
      for (const auto& c : counters) rf.counters.push_back(c.as<std::string>());
    }
    if (const YAML::Node settings = root["extractor"]) {
      if (!settings.IsMap()) fail(settings, "'extractor' must be a map of setting: value (extractor/README.md)");
      extractor::Settings check;  // a setting the extractor does not know, or a bad value, fails here
      for (const auto& kv : settings) {
        const std::string assignment = kv.first.as<std::string>() + "=" + kv.second.as<std::string>();
        try {
          extractor::set_setting(check, assignment);
        } catch (const std::invalid_argument& e) {
          fail(kv.first, e.what());
        }
        rf.extractor_settings.push_back(assignment);
      }
    }
    if (const YAML::Node text_node = root["text"]) {
      only_keys(text_node, {"paragraph", "bullet"}, "text");
      rf.paragraph = optional_regex(text_node, "paragraph");
      rf.bullet = optional_regex(text_node, "bullet");
    }
    const YAML::Node sheet = root["sheet"];
    if (!sheet) fail(root, "the rule file needs 'sheet' {title}");
    only_keys(sheet, {"title"}, "sheet");
    rf.title = required_regex(sheet, "title", "sheet");

    const YAML::Node measure = root["measure"];
    if (!measure || !measure.IsSequence()) fail(root, "the rule file needs 'measure', a list of field rules");
    std::map<std::string, int> filled;
    for (const auto& m : measure) rf.measure.push_back(field(m, filled));

    const YAML::Node indicators = root["indicators"];
    if (!indicators) fail(root, "the rule file needs 'indicators'");
    only_keys(indicators, {"header", "columns", "precedence", "ignore"}, "indicators");
    table(indicators, rf.indicators, kIndicatorRoles, "indicators");
    require_role(indicators, rf.indicators, "name", "indicators");

    const YAML::Node projects = root["projects"];
    if (!projects) fail(root, "the rule file needs 'projects'");
    only_keys(projects, {"header", "columns", "precedence", "ignore", "project", "target_row", "actual_row", "estimate"},
              "projects");
    table(projects, rf.projects, kProjectRoles, "projects");
    require_role(projects, rf.projects, "project", "projects");
    rf.projects.project = required_regex(projects, "project", "projects");
    check_groups(projects["project"], rf.projects.project, {"number", "name", "reposted"});
    rf.projects.target_row = required_regex(projects, "target_row", "projects");
    rf.projects.actual_row = required_regex(projects, "actual_row", "projects");
    rf.projects.estimate = optional_regex(projects, "estimate");
    return rf;
  }

 private:
  std::string path_;
};

}  // namespace

const MeasureField* measure_field(const std::string& name) {
  for (const auto& field : kMeasureFields)
    if (name == field.name) return &field;
  return nullptr;
}

std::string measure_field_names() {
  std::string out;
  for (const auto& field : kMeasureFields) out += (out.empty() ? "" : ", ") + std::string(field.name);
  return out;
}

const RuleFile& rule_file(const Ruleset& ruleset) { return *ruleset.file_; }

Ruleset Ruleset::parse(std::string_view yaml, const std::string& name) {
  Loader loader(name);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    loader.fail(e.mark.line + 1, e.msg);
  }
  try {
    return Ruleset(std::make_shared<const RuleFile>(loader.file(root)));
  } catch (const YAML::Exception& e) {  // a value of the wrong kind, met while converting it
    loader.fail(e.mark.line + 1, e.msg);
  }
}

Ruleset Ruleset::load(const std::string& path) {
  std::string text;
  try {
    text = extractor::read_file(path);
  } catch (const std::runtime_error&) {
    throw RuleFileError(path + ": cannot read the rule file");
  }
  return parse(text, path);
}

const std::string& Ruleset::id() const { return file_->id; }
const std::string& Ruleset::version() const { return file_->version; }
const std::string& Ruleset::path() const { return file_->path; }
const std::vector<std::string>& Ruleset::extractor_settings() const { return file_->extractor_settings; }

std::string default_rules_path() {
  // An installed sheetx (bin/sheetx) finds the rule file it was installed with; one run from its
  // build tree finds the source tree's.
  std::error_code error;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed = exe.parent_path().parent_path() / SHEETX_INSTALLED_RULES;
    if (std::filesystem::exists(installed, error)) return installed.string();
  }
  return SHEETX_DEFAULT_RULES;
}

}  // namespace sheetx::rules
