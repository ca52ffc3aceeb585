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

#include "figure_tables.h"
#include "page_text.h"
#include "rule_loader.h"

namespace sheetx::rules {
namespace {

constexpr std::array<const char*, 3> kSectionNames = {"measure", "project", "period"};

constexpr std::array kIndicatorRoles = {"name", "source", "baseline", "target", "actual"};
constexpr std::array kProjectRoles = {"project", "division", "activity", "plan", "kind", "year"};

using Kind = Field::Kind;
using records::Sheet;

std::string text_of(Field::Value v) { return std::get<std::string>(std::move(v)); }

const std::array<Field, 13> kMeasureFields = {{
    {"number", Kind::kNumber, [](Sheet& s, Field::Value v) { s.measure.number = to_int(text_of(v)); },
     [](const Sheet& s) { return s.measure.number.has_value(); }},
    {"name", Kind::kText, [](Sheet& s, Field::Value v) { s.measure.name = text_of(v); },
     [](const Sheet& s) { return !s.measure.name.empty(); }},
    {"department", Kind::kText, [](Sheet& s, Field::Value v) { s.measure.department = text_of(v); },
     [](const Sheet& s) { return !s.measure.department.empty(); }},
    {"division", Kind::kText, [](Sheet& s, Field::Value v) { s.measure.division = text_of(v); },
     [](const Sheet& s) { return !s.measure.division.empty(); }},
    {"goal_number", Kind::kNumber, [](Sheet& s, Field::Value v) { s.measure.goal.number = to_int(text_of(v)); },
     [](const Sheet& s) { return s.measure.goal.number.has_value(); }},
    {"goal_name", Kind::kText, [](Sheet& s, Field::Value v) { s.measure.goal.name = text_of(v); },
     [](const Sheet& s) { return !s.measure.goal.name.empty(); }},
    {"vision", Kind::kList,
     [](Sheet& s, Field::Value v) { s.measure.vision = std::get<std::vector<std::string>>(std::move(v)); },
     [](const Sheet& s) { return !s.measure.vision.empty(); }},
    {"initiatives", Kind::kItems, nullptr, [](const Sheet& s) { return !s.measure.initiatives.empty(); }},
    {"grade", Kind::kText,
     [](Sheet& s, Field::Value v) { s.measure.evaluation.grade = normalizer::fold_width(text_of(v)); },
     [](const Sheet& s) { return !s.measure.evaluation.grade.empty(); }},
    {"grade_label", Kind::kText, [](Sheet& s, Field::Value v) { s.measure.evaluation.label = text_of(v); },
     [](const Sheet& s) { return !s.measure.evaluation.label.empty(); }},
    {"review_summary", Kind::kText, [](Sheet& s, Field::Value v) { s.measure.review.summary = text_of(v); },
     [](const Sheet& s) { return !s.measure.review.summary.empty(); }},
    {"review_indicators", Kind::kText, [](Sheet& s, Field::Value v) { s.measure.review.indicators = text_of(v); },
     [](const Sheet& s) { return !s.measure.review.indicators.empty(); }},
    {"review_direction", Kind::kList,
     [](Sheet& s, Field::Value v) { s.measure.review.direction = std::get<std::vector<std::string>>(std::move(v)); },
     [](const Sheet& s) { return !s.measure.review.direction.empty(); }},
}};

// The one project of a project sheet (the reader makes it before any rule runs).
records::Project& the_project(Sheet& s) { return s.projects.front(); }
const records::Project& the_project(const Sheet& s) { return s.projects.front(); }
records::ProjectEvaluation& evaluation(Sheet& s) {
  auto& e = the_project(s).evaluation;
  return e ? *e : e.emplace();
}
records::Direction& direction(Sheet& s) {
  auto& d = the_project(s).direction;
  return d ? *d : d.emplace();
}

// Project fields, then the measure fields a project rule may fill under another name (its
// place in the plan: the measure and its goal).
const std::array<Field, 16> kProjectFields = {{
    // The code as printed; the number too when the code is one (7; 02-12-003 is none).
    {"code", Kind::kText,
     [](Sheet& s, Field::Value v) {
       auto& project = the_project(s);
       project.code = text_of(std::move(v));
       project.number = to_int(*project.code);
     },
     [](const Sheet& s) { return the_project(s).code.has_value(); }},
    {"number", Kind::kNumber, [](Sheet& s, Field::Value v) { the_project(s).number = to_int(text_of(v)); },
     [](const Sheet& s) { return the_project(s).number.has_value(); }},
    {"name", Kind::kText, [](Sheet& s, Field::Value v) { the_project(s).name = text_of(v); },
     [](const Sheet& s) { return !the_project(s).name.empty(); }},
    {"department", Kind::kText, [](Sheet& s, Field::Value v) { the_project(s).department = text_of(v); },
     [](const Sheet& s) { return the_project(s).department.has_value(); }},
    {"division", Kind::kText, [](Sheet& s, Field::Value v) { the_project(s).division = text_of(v); },
     [](const Sheet& s) { return !the_project(s).division.empty(); }},
    {"started_fiscal_year", Kind::kYear,
     [](Sheet& s, Field::Value v) { the_project(s).started_fiscal_year = std::get<int>(v); },
     [](const Sheet& s) { return the_project(s).started_fiscal_year.has_value(); }},
    {"legal_basis", Kind::kText, [](Sheet& s, Field::Value v) { the_project(s).legal_basis = text_of(v); },
     [](const Sheet& s) { return the_project(s).legal_basis.has_value(); }},
    {"mandatory", Kind::kBool, [](Sheet& s, Field::Value v) { the_project(s).mandatory = std::get<bool>(v); },
     [](const Sheet& s) { return the_project(s).mandatory.has_value(); }},
    {"purpose", Kind::kText, [](Sheet& s, Field::Value v) { the_project(s).purpose = text_of(v); },
     [](const Sheet& s) { return the_project(s).purpose.has_value(); }},
    {"target", Kind::kText, [](Sheet& s, Field::Value v) { the_project(s).target = text_of(v); },
     [](const Sheet& s) { return the_project(s).target.has_value(); }},
    {"means", Kind::kText, [](Sheet& s, Field::Value v) { the_project(s).means = text_of(v); },
     [](const Sheet& s) { return the_project(s).means.has_value(); }},
    {"direction", Kind::kDirection,
     [](Sheet& s, Field::Value v) {
       auto chosen = std::get<records::Direction>(std::move(v));
       auto& d = direction(s);
       d.choice = std::move(chosen.choice);
       d.options = std::move(chosen.options);
     },
     [](const Sheet& s) { return the_project(s).direction && !the_project(s).direction->options.empty(); }},
    {"direction_text", Kind::kText, [](Sheet& s, Field::Value v) { direction(s).text = text_of(v); },
     [](const Sheet& s) { return the_project(s).direction && !the_project(s).direction->text.empty(); }},
    {"grade", Kind::kText,
     [](Sheet& s, Field::Value v) { evaluation(s).grade = normalizer::fold_width(text_of(v)); },
     [](const Sheet& s) { return the_project(s).evaluation && !the_project(s).evaluation->grade.empty(); }},
    {"grade_label", Kind::kText, [](Sheet& s, Field::Value v) { evaluation(s).label = text_of(v); },
     [](const Sheet& s) { return the_project(s).evaluation && !the_project(s).evaluation->label.empty(); }},
    {"direction_choice", Kind::kText,
     [](Sheet& s, Field::Value v) { direction(s).choice = text_of(v); },
     [](const Sheet& s) { return the_project(s).direction && the_project(s).direction->choice.has_value(); }},
}};

// A project rule's names for the measure's fields: measure_number -> measure's number.
constexpr std::array<std::pair<const char*, const char*>, 4> kPlaceInPlan = {{
    {"measure_number", "number"}, {"measure_name", "name"}, {"goal_number", "goal_number"}, {"goal_name", "goal_name"}}};

const Field kPeriodField = {"period", Kind::kText,
                            [](Sheet& s, Field::Value v) { s.review_period.label = text_of(v); },
                            [](const Sheet& s) { return !s.review_period.label.empty(); }};
const Field kExtraField = {"extra", Kind::kExtra, nullptr, nullptr};
constexpr std::string_view kExtraPrefix = "extra.";

bool is_extra(const std::string& name) { return name.size() > kExtraPrefix.size() && name.starts_with(kExtraPrefix); }

// Reads one node kind after another, with the file name for messages.
class Loader : public RuleLoader {
 public:
  using RuleLoader::RuleLoader;

  // A field of the rule's section by name, or a load error naming the section's fields.
  const Field& field_named(const YAML::Node& at, Section section, const std::string& name) const {
    const Field* f = find_field(section, name);
    if (!f) fail(at, "'" + name + "' is no " + kSectionNames[static_cast<int>(section)] + " field (fields: " +
                         field_names(section) + ")");
    return *f;
  }

  static bool take_from(const std::string& word, Take& take) {
    static const std::map<std::string, Take> kTakes = {{"right", Take::kRight}, {"right_all", Take::kRightAll},
                                                       {"self", Take::kSelf},   {"any", Take::kAny},
                                                       {"lines", Take::kLines}, {"after", Take::kAfter}};
    const auto it = kTakes.find(word);
    if (it == kTakes.end()) return false;
    take = it->second;
    return true;
  }

  OptionsRule options(const YAML::Node& node) const {
    only_keys(node, {"ticked", "unticked", "circled", "separator"}, "options");
    OptionsRule rule;
    if (node["circled"]) {
      if (!node["circled"].as<bool>()) fail(node["circled"], "'circled' is true or left out");
      if (node["ticked"] || node["unticked"])
        fail(node, "options are ticked (ticked, unticked) or circled (separator), not both");
      rule.separator = required_regex(node, "separator", "circled options");
      return rule;
    }
    if (node["separator"]) fail(node["separator"], "'separator' goes with circled: true");
    rule.ticked = required_regex(node, "ticked", "options");
    rule.unticked = required_regex(node, "unticked", "options");
    return rule;
  }

  // A field rule of a section; `filled` holds the fields earlier rules of the section fill, with
  // their lines.
  FieldRule field(const YAML::Node& node, Section section, std::map<std::string, int>& filled) const {
    const std::string what = std::string("a ") + kSectionNames[static_cast<int>(section)] + " rule";
    only_keys(node, {"label", "contains", "take", "pattern", "items", "into", "where", "sections", "section_end",
                     "options", "values"},
              what);
    FieldRule rule;
    rule.line = node.Mark().line + 1;
    rule.section = section;
    rule.label = optional_regex(node, "label");
    rule.contains = optional_regex(node, "contains");
    if (rule.label && rule.contains) fail(node, what + " takes 'label' or 'contains', not both");
    if (const YAML::Node take = node["take"]) {
      const auto t = take.as<std::string>();
      if (!take_from(t, rule.take))
        fail(take, "take must be right, right_all, self, any, lines or after, not '" + t + "'");
    }
    const bool anywhere = rule.take == Take::kAny || rule.take == Take::kLines;
    if (!anywhere && !rule.label && !rule.contains)
      fail(node, what + " needs 'label' or 'contains' (or take: any or lines)");
    if (anywhere && (rule.label || rule.contains))
      fail(node, "take: " + node["take"].as<std::string>() + " looks at the whole page: 'label' and 'contains' would be ignored");
    if (rule.take == Take::kAfter && !rule.label)
      fail(node, "take: after reads the rest of the line a 'label' starts: it needs 'label'");
    rule.pattern = optional_regex(node, "pattern");
    rule.items = optional_regex(node, "items");
    if (section == Section::kPeriod && !rule.pattern && !node["into"]) rule.into.push_back("period");
    const int ways = !!rule.pattern + !!rule.items + !!node["sections"] + (node["into"] && !rule.items);
    if (ways == 0 && rule.into.empty())
      fail(node, what + " needs 'pattern', 'items', 'into' or 'sections' to say what it fills");
    if (ways > 1)
      fail(node, what + " fills by one of 'pattern', 'items' (with into: initiatives), 'into' or 'sections': "
                 "the others would be ignored");
    if (rule.pattern) {
      for (const auto& [group, index] : rule.pattern->NamedCapturingGroups()) {
        (void)index;
        const Field* f = find_field(section, group);
        if (!f || f->kind == Kind::kExtra)
          fail(node["pattern"], "group '" + group + "' names no field here (fields: " + field_names(section) + ")");
      }
    }
    if (rule.items) check_groups(node["items"], rule.items, {"number", "name"});
    if (const YAML::Node into = node["into"]) {
      if (into.IsScalar()) rule.into.push_back(into.as<std::string>());
      else if (into.IsSequence()) for (const auto& n : into) rule.into.push_back(n.as<std::string>());
      else fail(into, "'into' must be a field name or a list of them");
      for (const auto& name : rule.into) field_named(into, section, name);
      if (rule.take == Take::kSelf && rule.into.size() > 1)
        fail(into, "take: self finds one cell: only the first field of 'into' could be filled");
    }
    if (rule.items && (rule.into.size() != 1 || rule.into[0] != "initiatives"))
      fail(node, "'items' fills 'initiatives': it needs 'into: initiatives'");
    if (const YAML::Node opts = node["options"]) {
      rule.options = options(opts);
      if (rule.into.size() != 1 || !node["into"])
        fail(opts, "'options' fill one field: the chosen option goes 'into' it");
      const Kind kind = find_field(section, rule.into[0])->kind;
      if (kind != Kind::kDirection && kind != Kind::kBool && kind != Kind::kText && kind != Kind::kExtra)
        fail(opts, "'" + rule.into[0] + "' takes no option: options fill a text, a yes/no or the direction");
    }
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
        const Field& f = field_named(kv.first, section, name);
        if (f.kind == Kind::kItems) fail(kv.first, "'" + name + "' is filled by 'items', not by a section");
        if (f.kind != Kind::kText && f.kind != Kind::kList && f.kind != Kind::kExtra)
          fail(kv.first, "'" + name + "' is no text: a section fills a text or a list");
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
        const Kind kind = find_field(section, group)->kind;
        if (kind == Kind::kItems)
          fail(node["pattern"], "'" + group + "' is filled by 'items', not by a pattern group");
        if (kind == Kind::kDirection)
          fail(node["pattern"], "'" + group + "' is filled by 'options', not by a pattern group");
        rule.fills.push_back(group);
      }
    }
    for (const auto& name : rule.into) rule.fills.push_back(name);
    for (const auto& [name, heading] : rule.sections) rule.fills.push_back(name);
    bool takes_values = false;
    for (const auto& name : rule.fills) {
      const Kind kind = find_field(section, name)->kind;
      if (kind == Kind::kItems && !rule.items)
        fail(node["into"], "'" + name + "' is filled by 'items', which this rule lacks");
      if (kind == Kind::kDirection && !rule.options)
        fail(node["into"], "'" + name + "' is filled by 'options' (the chosen one and all printed), which this rule lacks");
      if (kind == Kind::kBool) {
        takes_values = true;
        if (!node["values"])
          fail(node, "'" + name + "' is yes or no: 'values' must map the printed words to true or false");
      }
      const auto [earlier, fresh] = filled.emplace(name, rule.line);
      if (!fresh)
        fail(node, "'" + name + "' is already filled by the rule at line " + std::to_string(earlier->second) +
                       ": one of the two values would be thrown away");
    }
    if (const YAML::Node values = node["values"]) {
      if (!takes_values) fail(values, "'values' maps printed words to true or false: it goes with a yes/no field (mandatory)");
      if (!values.IsMap() || values.size() == 0) fail(values, "'values' must map printed words to true or false");
      for (const auto& kv : values) {
        bool flag = false;
        if (!YAML::convert<bool>::decode(kv.second, flag))
          fail(kv.second, "'values' maps a printed word to true or false, not '" + kv.second.as<std::string>() + "'");
        rule.values.emplace_back(kv.first.as<std::string>(), flag);
      }
    }
    return rule;
  }

  // A list of field rules of a section.
  std::vector<FieldRule> fields(const YAML::Node& list, Section section, const char* key) const {
    if (!list.IsSequence()) fail(list, std::string("'") + key + "' must be a list of field rules");
    std::map<std::string, int> filled;
    std::vector<FieldRule> out;
    for (const auto& node : list) out.push_back(field(node, section, filled));
    return out;
  }

  // The indicators and projects tables of a measure sheet.
  void measure_tables(const YAML::Node& root, RuleFile& rf) const {
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
  }

  RuleFile file(const YAML::Node& root) const {
    only_keys(root, {"id", "version", "kind", "municipality", "counters", "extractor", "text", "sheet", "period",
                     "measure", "project", "indicators", "projects", "tables"},
              "the rule file");
    RuleFile rf;
    rf.path = path();
    rf.name = std::filesystem::path(path()).filename().string();
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
    only_keys(sheet, {"title", "key", "several_per_page"}, "sheet");
    rf.title = required_regex(sheet, "title", "sheet");
    rf.title_line = sheet["title"].Mark().line + 1;
    rf.key = optional_regex(sheet, "key");
    if (rf.key) rf.key_line = sheet["key"].Mark().line + 1;
    if (rf.key) check_groups(sheet["key"], rf.key, {"key"});
    if (rf.key && !rf.key->NamedCapturingGroups().count("key"))
      fail(sheet["key"], "'key' needs a group (?P<key>…): the text that tells one sheet from the next");
    if (const YAML::Node several = sheet["several_per_page"]) rf.several_per_page = several.as<bool>();
    if (const YAML::Node period = root["period"]) {
      if (rf.title->NamedCapturingGroups().count("period"))
        fail(period, "the title's group 'period' gives the review period: 'period' would be ignored");
      std::map<std::string, int> filled;
      rf.period = field(period, Section::kPeriod, filled);
    }

    if (const YAML::Node kind = root["kind"]) {
      const auto k = kind.as<std::string>();
      if (k == "project") rf.kind = records::SheetKind::project;
      else if (k != "measure") fail(kind, "kind must be measure or project, not '" + k + "'");
    }
    if (const YAML::Node measure = root["measure"]) rf.measure = fields(measure, Section::kMeasure, "measure");
    if (rf.kind == records::SheetKind::project) {
      for (const char* key : {"indicators", "projects"})
        if (root[key])
          fail(root[key], std::string("'") + key + "' is a table of a measure sheet (kind: measure); a project sheet's "
                          "figure tables are under 'tables'");
      const YAML::Node project = root["project"];
      if (!project) fail(root, "a project sheet's rule file (kind: project) needs 'project', a list of field rules");
      rf.project = fields(project, Section::kProject, "project");
    } else {
      if (root["project"])
        fail(root["project"], "'project' fills the one project of a project sheet: it needs kind: project");
      if (root["tables"])
        fail(root["tables"], "'tables' fill the one project of a project sheet: they need kind: project");
      if (!root["measure"]) fail(root, "the rule file needs 'measure', a list of field rules");
      measure_tables(root, rf);
    }
    rf.tables = load_figure_tables(root["tables"], *this);
    return rf;
  }

};

}  // namespace

const Field* find_field(Section section, const std::string& name) {
  if (is_extra(name)) return &kExtraField;
  const auto in = [&](const auto& fields) -> const Field* {
    for (const auto& field : fields)
      if (name == field.name) return &field;
    return nullptr;
  };
  switch (section) {
    case Section::kMeasure:
      return in(kMeasureFields);
    case Section::kPeriod:
      return name == kPeriodField.name ? &kPeriodField : nullptr;
    case Section::kProject:
      if (const Field* f = in(kProjectFields)) return f;
      for (const auto& [alias, measure_name] : kPlaceInPlan)
        if (name == alias) return find_field(Section::kMeasure, measure_name);
      return nullptr;
  }
  return nullptr;
}

std::string field_names(Section section) {
  std::string out;
  const auto add = [&](const char* name) { out += (out.empty() ? "" : ", ") + std::string(name); };
  switch (section) {
    case Section::kMeasure:
      for (const auto& field : kMeasureFields) add(field.name);
      break;
    case Section::kPeriod:
      add(kPeriodField.name);
      break;
    case Section::kProject:
      for (const auto& field : kProjectFields) add(field.name);
      for (const auto& alias : kPlaceInPlan) add(alias.first);
      break;
  }
  add("extra.NAME");
  return out;
}

std::string field_path(Section section, const std::string& name) {
  if (is_extra(name)) return name;
  if (section == Section::kPeriod) return "review_period.label";
  for (const auto& [alias, measure_name] : kPlaceInPlan)
    if (section == Section::kProject && name == alias) return "measure." + std::string(measure_name);
  return std::string(kSectionNames[static_cast<int>(section)]) + "." + name;
}

void set_field(records::Sheet& sheet, const Field& field, const std::string& name, Field::Value value) {
  if (field.kind == Kind::kExtra) sheet.extra[name.substr(kExtraPrefix.size())] = text_of(std::move(value));
  else field.set(sheet, std::move(value));
}

bool field_filled(const records::Sheet& sheet, const Field& field, const std::string& name) {
  if (field.kind == Kind::kExtra) return sheet.extra.count(name.substr(kExtraPrefix.size())) > 0;
  return field.filled(sheet);
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
  } catch (const std::runtime_error& e) {
    throw RuleFileError(path + ": cannot read the rule file: " + e.what());  // no such file, not a file…
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
