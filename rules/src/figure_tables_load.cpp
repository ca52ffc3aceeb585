// Loading `tables:`: every key checked, every problem "FILE:LINE: problem", so that reading never
// meets a table rule whose result would be thrown away.
#include <algorithm>

#include "figure_tables.h"

namespace sheetx::rules {
namespace {

using Into = FigureTableRule::Into;

constexpr std::array kIndicatorRoles = {"name", "unit", "group", "kind", "figure"};
constexpr std::array kCostRoles = {"name", "kind", "figure"};
constexpr std::array kRowYearRoles = {"when", "figure"};
constexpr std::array kEvaluationRoles = {"item", "grade", "comment"};
constexpr std::array kIndicatorKinds = {"target", "actual"};
constexpr std::array kCostKinds = {"settlement", "budget", "estimate"};
constexpr std::array kIndicatorGroups = {"activity", "outcome"};

class TableLoader {
 public:
  TableLoader(const YAML::Node& node, const RuleLoader& loader) : node_(node), loader_(loader) {}

  FigureTableRule load() {
    loader_.only_keys(node_,
                      {"into", "header", "columns", "precedence", "ignore", "caption", "years", "kinds",
                       "relative_years", "kind", "groups", "skip", "continues", "unit", "overall"},
                      "a figure table");
    const std::string into = loader_.text(node_, "into", "a figure table");
    if (into == "indicators") rule_.into = Into::kIndicators;
    else if (into == "costs") rule_.into = Into::kCosts;
    else if (into == "evaluation") rule_.into = Into::kEvaluation;
    else loader_.fail(node_["into"], "into must be indicators, costs or evaluation, not '" + into + "'");
    if (const YAML::Node years = node_["years"]) {
      const std::string way = loader_.text(node_, "years", "a figure table");
      if (way != "columns" && way != "rows") loader_.fail(years, "years must be columns or rows, not '" + way + "'");
      if (rule_.into == Into::kEvaluation) loader_.fail(years, "an evaluation table has no years");
      rule_.years_as_rows = way == "rows";
    }
    const std::string what = "a figure table (into: " + into + (rule_.years_as_rows ? ", years: rows)" : ")");
    if (rule_.into == Into::kEvaluation) loader_.table(node_, rule_, kEvaluationRoles, what);
    else if (rule_.years_as_rows) loader_.table(node_, rule_, kRowYearRoles, what);
    else if (rule_.into == Into::kIndicators) loader_.table(node_, rule_, kIndicatorRoles, what);
    else loader_.table(node_, rule_, kCostRoles, what);
    if (rule_.into == Into::kEvaluation) {
      loader_.require_role(node_, rule_, "item", what);
      loader_.require_role(node_, rule_, "grade", what);
    } else {
      loader_.require_role(node_, rule_, rule_.years_as_rows ? "when" : "name", what);
      loader_.require_role(node_, rule_, "figure", what);
    }
    rule_.caption = loader_.optional_regex(node_, "caption");
    rule_.caption_line = line_of("caption");
    kinds(what);
    relative_years();
    indicator_kind(what);
    skip();
    if (const YAML::Node continues = node_["continues"]) {
      if (rule_.into == Into::kEvaluation || rule_.years_as_rows)
        loader_.fail(continues, "'continues' joins a name over rows: it needs years as columns and a name column");
      rule_.continues = continues.as<bool>();
    }
    if (const YAML::Node unit = node_["unit"]) {
      if (rule_.into == Into::kEvaluation) loader_.fail(unit, "an evaluation table has no figures to give a unit");
      rule_.unit = loader_.regex(unit, "unit");
      if (!rule_.unit->NamedCapturingGroups().count("unit"))
        loader_.fail(unit, "'unit' needs a group (?P<unit>…) around the unit in the printed note");
      rule_.unit_line = line_of("unit");
    }
    if (const YAML::Node overall = node_["overall"]) {
      if (rule_.into != Into::kEvaluation) loader_.fail(overall, "'overall' names the overall grade's row of an evaluation table");
      rule_.overall = loader_.regex(overall, "overall");
      rule_.overall_line = line_of("overall");
    }
    return std::move(rule_);
  }

 private:
  int line_of(const char* key) const {
    const YAML::Node node = node_[key];
    return node ? node.Mark().line + 1 : 0;
  }

  template <std::size_t N>
  void check_name(const YAML::Node& at, const std::string& name, const std::array<const char*, N>& names,
                  const std::string& what) const {
    if (!contains(names, name)) loader_.fail(at, "'" + name + "' is no " + what + " (" + listed(names) + ")");
  }

  void kinds(const std::string& what) {
    const YAML::Node kinds = node_["kinds"];
    if (rule_.into == Into::kEvaluation) {
      if (kinds) loader_.fail(kinds, "an evaluation table has no figures to give a kind");
      return;
    }
    if (!kinds) loader_.fail(node_, what + " needs 'kinds' ({target: '目標', …}): the words that give each figure its kind");
    if (!kinds.IsMap()) loader_.fail(kinds, "'kinds' must map kinds to the words (regexes) that name them");
    rule_.kinds_line = line_of("kinds");
    for (const auto& kv : kinds) {
      const std::string kind = kv.first.as<std::string>();
      if (rule_.into == Into::kIndicators) check_name(kv.first, kind, kIndicatorKinds, "kind of an indicator's values");
      else check_name(kv.first, kind, kCostKinds, "kind of a cost's values");
      rule_.kinds.push_back({kind, loader_.regex(kv.second, "kinds"), kv.first.Mark().line + 1});
    }
  }

  void relative_years() {
    const YAML::Node relative = node_["relative_years"];
    if (!relative) return;
    if (rule_.into == Into::kEvaluation) loader_.fail(relative, "an evaluation table has no years");
    if (!relative.IsMap()) loader_.fail(relative, "'relative_years' must map words (regexes) to offsets: {'前年度': -1}");
    for (const auto& kv : relative) {
      int offset = 0;
      try {
        offset = kv.second.as<int>();
      } catch (const YAML::Exception&) {
        loader_.fail(kv.second, "the offset of '" + kv.first.as<std::string>() + "' must be a whole number of years (-1, 0, 1)");
      }
      rule_.relative_years.push_back({loader_.regex(kv.first, "relative_years"), offset, kv.first.Mark().line + 1});
    }
  }

  // An indicator's kind: the table's `kind`, or `groups` words in a group cell or the caption.
  void indicator_kind(const std::string& what) {
    const YAML::Node kind = node_["kind"];
    const YAML::Node groups = node_["groups"];
    const bool group_column = std::any_of(rule_.columns.begin(), rule_.columns.end(),
                                          [](const ColumnRule& c) { return c.role == "group"; });
    if (rule_.into != Into::kIndicators) {
      if (kind) loader_.fail(kind, "'kind' gives indicators their kind: this table is no indicators table");
      if (groups) loader_.fail(groups, "'groups' gives indicators their kind: this table is no indicators table");
      return;
    }
    if (kind && groups) loader_.fail(kind, "an indicators table takes 'kind' or 'groups', not both");
    if (!kind && !groups)
      loader_.fail(node_, what + " needs 'kind' (activity or outcome) or 'groups' (their words in a group cell or the caption)");
    if (group_column && !groups) loader_.fail(node_, "a 'group' column needs 'groups': the words that give each kind");
    if (kind) {
      rule_.kind = loader_.text(node_, "kind", what);
      check_name(kind, rule_.kind, kIndicatorGroups, "kind of indicator");
      return;
    }
    if (!groups.IsMap()) loader_.fail(groups, "'groups' must map kinds to words (regexes): {activity: '活動', outcome: '成果'}");
    if (!group_column && !rule_.caption)
      loader_.fail(groups, "'groups' are looked for in a 'group' column or the table's caption: it needs one of them");
    rule_.groups_line = line_of("groups");
    for (const auto& kv : groups) {
      const std::string group = kv.first.as<std::string>();
      check_name(kv.first, group, kIndicatorGroups, "kind of indicator");
      rule_.groups.emplace_back(group, loader_.regex(kv.second, "groups"));
    }
  }

  void skip() {
    const YAML::Node skip = node_["skip"];
    if (!skip) return;
    rule_.skip_line = line_of("skip");
    if (skip.IsSequence()) {
      for (const auto& s : skip) rule_.skip.push_back(loader_.regex(s, "skip"));
    } else {
      rule_.skip.push_back(loader_.regex(skip, "skip"));
    }
  }

  const YAML::Node& node_;
  const RuleLoader& loader_;
  FigureTableRule rule_;
};

}  // namespace

std::vector<FigureTableRule> load_figure_tables(const YAML::Node& tables, const RuleLoader& loader) {
  std::vector<FigureTableRule> out;
  if (!tables) return out;
  if (!tables.IsSequence()) loader.fail(tables, "'tables' must be a list of figure tables");
  for (const auto& node : tables) out.push_back(TableLoader(node, loader).load());
  return out;
}

}  // namespace sheetx::rules
