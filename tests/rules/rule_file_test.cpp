// Rule files: the shipped one loads; every kind of mistake is reported with file, line and cause.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "project_rules.h"
#include "sheetx/rules.h"
#include "../support/test_support.h"

namespace {

using sheetx::rules::RuleFileError;
using sheetx::rules::Ruleset;

std::string shipped_text() { return sheetx::testing::read_file(sheetx::rules::default_rules_path()); }

// The error message of loading `text` as `name`, or "(no error)".
std::string load_error(const std::string& text, const std::string& name) {
  try {
    Ruleset::parse(text, name);
  } catch (const RuleFileError& e) {
    return e.what();
  }
  return "(no error)";
}

// The shipped rule file with one line replaced; returns the error message of loading it.
std::string error_after_replacing(const std::string& from, const std::string& to) {
  std::string text = shipped_text();
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  return load_error(text, "broken.yaml");
}

// The 1-based line of the first occurrence of `needle` in the shipped file.
int line_of(const std::string& needle) {
  const std::string text = shipped_text();
  const auto at = text.find(needle);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

TEST(RuleFile, ShippedFileLoads) {
  const auto rules = Ruleset::load(sheetx::rules::default_rules_path());
  EXPECT_EQ(rules.id(), "taito-kensho");
  EXPECT_FALSE(rules.version().empty());
}

// 'items' fills the initiatives and nothing else: an items rule that names other fields would
// lose what it read, so it is an error at load.
TEST(RuleFile, ItemsFillOnlyTheInitiatives) {
  for (const std::string into : {"    into: name", "    into: [initiatives, vision]"}) {
    const std::string message = error_after_replacing("    into: initiatives", into);
    EXPECT_EQ(message.rfind("broken.yaml:" + std::to_string(line_of("  - label: '^主な取り組み$'")) + ":", 0), 0u)
        << into << ": " << message;
    EXPECT_NE(message.find("'items' fills 'initiatives': it needs 'into: initiatives'"), std::string::npos)
        << into << ": " << message;
  }
}

TEST(RuleFile, MissingFileIsNamed) {
  try {
    Ruleset::load("no/such/rules.yaml");
    FAIL() << "loaded a missing file";
  } catch (const RuleFileError& e) {
    EXPECT_NE(std::string(e.what()).find("no/such/rules.yaml"), std::string::npos);
  }
}

TEST(RuleFile, BadRegexNamesLineAndCause) {
  const std::string message = error_after_replacing("header: '指標名'", "header: '指標名('");
  EXPECT_EQ(message.rfind("broken.yaml:" + std::to_string(line_of("header: '指標名'")) + ": ", 0), 0u) << message;
  EXPECT_NE(message.find("not a valid RE2 regex"), std::string::npos) << message;
}

TEST(RuleFile, UnknownKeyNamesLine) {
  const std::string message = error_after_replacing("    take: right_all   ", "    tkae: right_all   ");
  EXPECT_NE(message.find("unknown key 'tkae'"), std::string::npos) << message;
  EXPECT_EQ(message.rfind("broken.yaml:" + std::to_string(line_of("take: right_all")) + ":", 0), 0u) << message;
}

TEST(RuleFile, UnknownFieldInGroupIsRefused) {
  const std::string message = error_after_replacing("(?P<goal_name>", "(?P<goal_title>");
  EXPECT_NE(message.find("group 'goal_title' names no field"), std::string::npos) << message;
  EXPECT_NE(message.find(":" + std::to_string(line_of("(?P<goal_name>")) + ":"), std::string::npos) << message;
}

TEST(RuleFile, UnknownRoleIsRefused) {
  const std::string message = error_after_replacing("{role: source,", "{role: origin,");
  EXPECT_NE(message.find("unknown role 'origin'"), std::string::npos) << message;
  EXPECT_NE(message.find(":" + std::to_string(line_of("{role: source,")) + ":"), std::string::npos) << message;
}

TEST(RuleFile, BadTakeIsRefused) {
  const std::string message = error_after_replacing("take: self", "take: left");
  EXPECT_NE(message.find("take must be right, right_all, self, any, lines or after, not 'left'"), std::string::npos) << message;
}

TEST(RuleFile, YamlSyntaxErrorNamesLine) {
  const std::string message = error_after_replacing("  code: \"131067\"", "  code: [\"131067\"");
  EXPECT_EQ(message.rfind("broken.yaml:", 0), 0u) << message;
  EXPECT_EQ(message.find("(no error)"), std::string::npos);
}

TEST(RuleFile, MissingSectionIsNamed) {
  const std::string message = error_after_replacing("sheet:\n  title:", "shet:\n  title:");
  EXPECT_NE(message.find("unknown key 'shet'"), std::string::npos) << message;
}

// Rules whose result the reader would throw away are refused when the file loads, naming the line.
TEST(RuleFile, SectionsCannotFillTheInitiatives) {
  const std::string message =
      error_after_replacing("      review_summary: '^＜施策の概要＞$'", "      initiatives: '^＜施策の概要＞$'");
  EXPECT_EQ(message.rfind("broken.yaml:" + std::to_string(line_of("review_summary: '^＜施策の概要＞$'")) + ":", 0), 0u)
      << message;
  EXPECT_NE(message.find("'initiatives' is filled by 'items', not by a section"), std::string::npos) << message;
}

TEST(RuleFile, ARuleFillsByOneWayOnly) {
  const std::string message = error_after_replacing("    take: self\n", "    take: self\n    pattern: '(?P<name>.+)'\n");
  EXPECT_NE(message.find("the others would be ignored"), std::string::npos) << message;
}

TEST(RuleFile, AFieldFilledByTwoRulesIsRefused) {
  const std::string message = error_after_replacing("    into: [department, division]", "    into: [department, name]");
  EXPECT_NE(message.find("'name' is already filled by the rule at line " + std::to_string(line_of("  - label: '^施策("))),
            std::string::npos)
      << message;
}

TEST(RuleFile, WhereNeedsAFieldAnEarlierRuleFills) {
  const std::string message = error_after_replacing("    where: grade", "    where: goal_name");
  EXPECT_NE(message.find("needs a pattern with the group 'goal_name'"), std::string::npos) << message;
  std::string text = shipped_text();
  const std::string legend = text.substr(text.find("  - take: lines"), text.find("  - contains:") - text.find("  - take: lines"));
  text.erase(text.find(legend), legend.size());
  text.insert(text.find("  - label: '^検証結果$'"), legend);  // the legend before the grade it compares with
  try {
    Ruleset::parse(text, "moved.yaml");
    FAIL() << "a legend rule before the grade rule loaded";
  } catch (const RuleFileError& e) {
    EXPECT_NE(std::string(e.what()).find("which no earlier rule fills"), std::string::npos) << e.what();
  }
}

TEST(RuleFile, TakeSelfFillsOneField) {
  const std::string message =
      error_after_replacing("    into: [department, division]", "    take: self\n    into: [department, division]");
  EXPECT_NE(message.find("take: self finds one cell"), std::string::npos) << message;
}

TEST(RuleFile, PrecedenceNamesRolesOfTheTable) {
  const std::string message = error_after_replacing("precedence: [[plan,", "precedence: [[plann,");
  EXPECT_NE(message.find("'plann' in 'precedence' is no role of a column of projects"), std::string::npos) << message;
  const std::string flat = error_after_replacing("precedence: [[plan, year], [kind, year]]", "precedence: [plan, year]");
  EXPECT_NE(flat.find("'precedence' must be a list of role lists"), std::string::npos) << flat;
}

TEST(RuleFile, ATableWithoutTheColumnItsRowsAreFoundByIsRefused) {
  std::string text = shipped_text();
  text.replace(text.find("{role: project, header:"), 15, "{role: division,");
  try {
    Ruleset::parse(text, "broken.yaml");
    FAIL() << "a projects table without a project column loaded";
  } catch (const RuleFileError& e) {
    EXPECT_NE(std::string(e.what()).find("projects needs a column with role 'project'"), std::string::npos) << e.what();
  }
}

TEST(RuleFile, IgnoreTakesRegexes) {
  std::string list = shipped_text(), scalar = shipped_text();
  list.insert(list.find("  project: '"), "  ignore: ['^※', '^注']\n");
  EXPECT_NO_THROW(Ruleset::parse(list, "ignore.yaml"));
  scalar.insert(scalar.find("  project: '"), "  ignore: '^※'\n");
  EXPECT_THROW(Ruleset::parse(scalar, "ignore.yaml"), RuleFileError);
}

// `extractor:` says how a producer draws (extractor/README.md names the settings); a name the
// extractor does not know, or a value that is not one, is refused at load with its line.
TEST(RuleFile, ExtractorSettingsAreCheckedAtLoad) {
  const std::string counters = "counters: [事業者, 店舗]";
  std::string text = shipped_text();
  text.replace(text.find(counters), counters.size(), counters + "\nextractor:\n  max_shading_inset: 3\n  annotations: true");
  const auto rules = Ruleset::parse(text, "producer.yaml");
  EXPECT_EQ(rules.extractor_settings(), (std::vector<std::string>{"max_shading_inset=3", "annotations=true"}));
  EXPECT_TRUE(Ruleset::load(sheetx::rules::default_rules_path()).extractor_settings().empty());

  const int line = line_of(counters) + 2;
  const std::string unknown = error_after_replacing(counters, counters + "\nextractor:\n  shading: 3");
  EXPECT_EQ(unknown.rfind("broken.yaml:" + std::to_string(line) + ": ", 0), 0u) << unknown;
  EXPECT_NE(unknown.find("shading"), std::string::npos) << unknown;
  const std::string bad = error_after_replacing(counters, counters + "\nextractor:\n  max_dash_gap: wide");
  EXPECT_EQ(bad.rfind("broken.yaml:" + std::to_string(line) + ": ", 0), 0u) << bad;
  EXPECT_NE(error_after_replacing(counters, counters + "\nextractor: [max_dash_gap]").find("'extractor' must be a map"),
            std::string::npos);
}

// Figure tables (`tables:`): each key is checked at load; the line is the one marked `#here`.
TEST(RuleFile, FigureTableMistakesNameTheirLine) {
  const std::string costs = "  - into: costs\n    header: '^区分'\n    kinds: {budget: '予算$'}\n";
  const std::string columns = "    columns: [{role: name, header: '^区分'}, {role: figure, header: '年度'}]\n";
  const std::string indicators = "  - into: indicators\n    header: '^指標名$'\n    kinds: {target: '目標'}\n";
  const struct {
    std::string table, problem;
  } cases[] = {
      {"  - into: budgets #here\n    header: x\n", "into must be indicators, costs or evaluation"},
      {costs + columns + "    colums: [] #here\n", "unknown key 'colums'"},
      {"  - into: costs\n    header: '^区分'\n    kinds: {target: '目標'} #here\n" + columns,
       "'target' is no kind of a cost's values"},
      {costs + columns + "    years: diagonal #here\n", "years must be columns or rows"},
      {costs + columns + "    unit: '単位：[^）]+' #here\n", "needs a group (?P<unit>"},
      {costs + columns + "    overall: '^総合評価$' #here\n", "'overall' names the overall grade's row"},
      {costs + columns + "    relative_years: {'前年度': last} #here\n", "must be a whole number"},
      {costs + "    years: rows\n" + columns.substr(0, columns.size() - 1) + " #here\n", "unknown role 'name'"},
      {costs + "    years: rows\n    continues: true #here\n    columns: [{role: when, header: x}, {role: figure, header: y}]\n",
       "'continues' joins a name over rows"},
      {"  - into: costs #here\n    header: x\n" + columns, "needs 'kinds'"},
      {"  - into: costs #here\n    header: x\n    kinds: {budget: y}\n    columns: [{role: name, header: x}]\n",
       "needs a column with role 'figure'"},
      {indicators + columns + "    groups: {activity: '活動'} #here\n", "a 'group' column or the table's caption"},
      {indicators + "    kind: input #here\n" + columns, "'input' is no kind of indicator"},
      {"  - into: indicators #here\n    header: x\n    kinds: {target: y}\n" + columns, "needs 'kind' (activity or outcome)"},
      {"  - into: evaluation\n    header: x\n    kinds: {target: y} #here\n    columns: [{role: item, header: x}, {role: grade, header: y}]\n",
       "an evaluation table has no figures"},
      {"  - into: evaluation\n    header: x\n    years: rows #here\n    columns: [{role: item, header: x}, {role: grade, header: y}]\n",
       "an evaluation table has no years"},
      {"  - into: costs\n    header: '^区分'\n    kinds: [予算] #here\n" + columns, "'kinds' must map kinds to the words"},
      {costs + columns + "    relative_years: ['^前年度'] #here\n", "'relative_years' must map words (regexes) to offsets"},
      {costs + columns + "    kind: activity #here\n", "'kind' gives indicators their kind: this table is no indicators table"},
      {costs + columns + "    groups: {activity: '活動'} #here\n", "'groups' gives indicators their kind"},
      {indicators + columns + "    kind: activity #here\n    groups: {activity: '活動'}\n", "takes 'kind' or 'groups', not both"},
      {indicators + columns + "    groups: [活動] #here\n", "'groups' must map kinds to words"},
      {"  - into: indicators #here\n    header: x\n    kinds: {target: y}\n    kind: activity\n"
       "    columns: [{role: group, header: x}, {role: name, header: y}, {role: figure, header: z}]\n",
       "a 'group' column needs 'groups'"},
      {"  into: costs #here\n", "'tables' must be a list of figure tables"},
  };
  const std::string head = sheetx::test::kProjectRules + "tables:\n";  // tables belong to project sheets
  const int first = static_cast<int>(std::count(head.begin(), head.end(), '\n')) + 1;
  for (const auto& c : cases) {
    const int line = first + static_cast<int>(std::count(c.table.begin(), c.table.begin() + static_cast<long>(c.table.find("#here")), '\n'));
    std::string message = "(no error)";
    try {
      Ruleset::parse(head + c.table, "tables.yaml");
    } catch (const RuleFileError& e) {
      message = e.what();
    }
    EXPECT_EQ(message.rfind("tables.yaml:" + std::to_string(line) + ": ", 0), 0u) << c.table << message;
    EXPECT_NE(message.find(c.problem), std::string::npos) << c.table << message;
  }
  EXPECT_NO_THROW(Ruleset::parse(head + costs + columns + "    unit: '（単位：(?P<unit>[^）]+)）'\n    skip: ['^計$', '^※']\n"
                                         "    relative_years: {'^前年度': -1}\n",
                                 "tables.yaml"));
}

// ---- A project sheet's rule file (kind: project) and the keys that came with it.

// The project rules with `from` replaced by `to`; the error of loading them.
std::string project_error(const std::string& from, const std::string& to) {
  std::string text = sheetx::test::kProjectRules;
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  return load_error(text, "jimu.yaml");
}

// "jimu.yaml:LINE: " of the line holding `needle` in the project rules.
std::string project_line(const std::string& needle) { return sheetx::test::project_rule_at("jimu.yaml", needle) + ": "; }

TEST(ProjectRuleFile, LoadsWithoutTheMeasureSheetsTables) {
  EXPECT_NO_THROW(Ruleset::parse(sheetx::test::kProjectRules, "jimu.yaml"));
}

TEST(ProjectRuleFile, KindIsMeasureOrProject) {
  const std::string message = project_error("kind: project", "kind: projects");
  EXPECT_EQ(message, project_line("kind:") + "kind must be measure or project, not 'projects'");
}

TEST(ProjectRuleFile, TablesOfTheOtherKindAreRefused) {
  const std::string message = project_error("period:", "indicators: {header: 'x', columns: []}\nperiod:");
  EXPECT_EQ(message.rfind(project_line("period:"), 0), 0u) << message;
  EXPECT_NE(message.find("'indicators' is a table of a measure sheet"), std::string::npos) << message;
  const std::string project_in_measure_file = error_after_replacing("measure:\n", "project: []\nmeasure:\n");
  EXPECT_NE(project_in_measure_file.find("'project' fills the one project of a project sheet: it needs kind: project"),
            std::string::npos)
      << project_in_measure_file;
  const std::string tables_in_measure_file = error_after_replacing("measure:\n", "tables: []\nmeasure:\n");
  EXPECT_NE(tables_in_measure_file.find("'tables' fill the one project of a project sheet: they need kind: project"),
            std::string::npos)
      << tables_in_measure_file;
  EXPECT_NE(project_error("project:\n", "projekt:\n").find("unknown key 'projekt'"), std::string::npos);
}

TEST(ProjectRuleFile, FieldsAreTheProjectsOrExtra) {
  const std::string message = project_error("into: division", "into: bureau");
  EXPECT_EQ(message.rfind(project_line("into: division"), 0), 0u) << message;
  EXPECT_NE(message.find("'bureau' is no project field (fields: code, number, name"), std::string::npos) << message;
  EXPECT_NE(message.find("measure_number, measure_name, goal_number, goal_name, extra.NAME)"), std::string::npos) << message;
  EXPECT_NE(project_error("into: extra.budget_account", "into: extra.").find("'extra.' is no project field"),
            std::string::npos);
  const std::string group = project_error("(?P<measure_name>", "(?P<extra_name>");
  EXPECT_NE(group.find("group 'extra_name' names no field here"), std::string::npos) << group;
}

TEST(ProjectRuleFile, TakeAfterNeedsALabel) {
  const std::string message = project_error("{label: '^担当課[:：]', take: after", "{contains: '^担当課[:：]', take: after");
  EXPECT_EQ(message, project_line("take: after") + "take: after reads the rest of the line a 'label' starts: it needs 'label'");
}

TEST(ProjectRuleFile, OptionsAreTickedOrCircledAndFillOneField) {
  EXPECT_EQ(project_error("unticked: '[□☐○]'", "untick: '[□☐○]'"),
            project_line("unticked") + "unknown key 'untick' in options (allowed: ticked, unticked, circled, separator)");
  EXPECT_EQ(project_error("{ticked: '[■☑●]', unticked: '[□☐○]'}", "{ticked: '[■☑●]'}"),
            project_line("unticked") + "options needs 'unticked'");
  EXPECT_EQ(project_error("{circled: true, separator: '・'}", "{circled: true}"),
            project_line("circled") + "circled options needs 'separator'");
  EXPECT_EQ(project_error("{circled: true, separator: '・'}", "{circled: true, separator: '・', ticked: '■'}"),
            project_line("circled") + "options are ticked (ticked, unticked) or circled (separator), not both");
  EXPECT_NE(project_error("into: direction", "into: [direction, name]").find("'options' fill one field"),
            std::string::npos);
  EXPECT_NE(project_error("into: direction", "into: started_fiscal_year").find("'started_fiscal_year' takes no option"),
            std::string::npos);
  EXPECT_EQ(project_error("{circled: true, separator: '・'}", "{circled: false, separator: '・'}"),
            project_line("circled") + "'circled' is true or left out");
  EXPECT_EQ(project_error("unticked: '[□☐○]'}", "unticked: '[□☐○]', separator: '・'}"),
            project_line("unticked") + "'separator' goes with circled: true");
  const std::string unmarked = project_error("options: {circled: true, separator: '・'}, ", "");
  EXPECT_EQ(unmarked, project_line("into: direction") +
                          "'direction' is filled by 'options' (the chosen one and all printed), which this rule lacks");
}

TEST(ProjectRuleFile, AYesOrNoFieldNeedsValuesMappingToTrueOrFalse) {
  EXPECT_EQ(project_error(", values: {法定: true, 任意: false}", ""),
            project_line("into: mandatory") + "'mandatory' is yes or no: 'values' must map the printed words to true or false");
  EXPECT_EQ(project_error("任意: false}", "任意: maybe}"),
            project_line("into: mandatory") + "'values' maps a printed word to true or false, not 'maybe'");
  EXPECT_NE(project_error("into: extra.budget_account}", "into: extra.budget_account, values: {a: true}}")
                .find("'values' maps printed words to true or false: it goes with a yes/no field"),
            std::string::npos);
}

TEST(ProjectRuleFile, TheSheetKeyNeedsItsGroup) {
  EXPECT_EQ(project_error("(?P<key>[0-9]{2}-[0-9]{2}-[0-9]{3})", "([0-9]{2}-[0-9]{2}-[0-9]{3})"),
            project_line("key:") + "'key' needs a group (?P<key>…): the text that tells one sheet from the next");
  EXPECT_NE(project_error("several_per_page: true", "several_per_page: twice").find(project_line("several_per_page")),
            std::string::npos);
  EXPECT_NE(project_error("several_per_page: true", "several: true").find("unknown key 'several' in sheet"),
            std::string::npos);
}

TEST(ProjectRuleFile, APeriodRuleFillsThePeriodAndNotWhenTheTitleDoes) {
  EXPECT_NE(project_error("period: {label: '^評価対象年度$'}", "period: {label: '^評価対象年度$', into: name}")
                .find("'name' is no period field (fields: period, extra.NAME)"),
            std::string::npos);
  EXPECT_EQ(project_error("title: '^事務事業評価シート$'", "title: '^(?P<period>\\S+年度)事務事業評価シート$'"),
            project_line("period:") + "the title's group 'period' gives the review period: 'period' would be ignored");
}

// What the YAML parser could not read is named with its line and the parser's words, so that a
// rule author finds the typo.
TEST(RuleFile, YamlSyntaxErrorNamesTheParsersLineAndWords) {
  const std::string message = error_after_replacing("  name: 台東区", "  name: 台東区: 区");
  EXPECT_EQ(message.rfind("broken.yaml:" + std::to_string(line_of("  name: 台東区")) + ": ", 0), 0u) << message;
  EXPECT_NE(message.find("illegal map value"), std::string::npos) << message;
}

// A rule of the measure's fields says where its cell is and what it fills, once each.
TEST(RuleFile, AFieldRuleNeedsOneWayToFindItsCellAndSomethingToFill) {
  const std::string both = error_after_replacing("  - label: '^主管$'\n", "  - label: '^主管$'\n    contains: '主管'\n");
  EXPECT_EQ(both.rfind("broken.yaml:" + std::to_string(line_of("  - label: '^主管$'")) + ": ", 0), 0u) << both;
  EXPECT_NE(both.find("takes 'label' or 'contains', not both"), std::string::npos) << both;
  const std::string neither = error_after_replacing("  - label: '^主管$'\n", "  - take: right\n");
  EXPECT_NE(neither.find("needs 'label' or 'contains' (or take: any or lines)"), std::string::npos) << neither;
  const std::string whole_page = error_after_replacing("  - take: lines ", "  - label: x\n    take: lines ");
  EXPECT_NE(whole_page.find("take: lines looks at the whole page: 'label' and 'contains' would be ignored"),
            std::string::npos)
      << whole_page;
  const std::string nothing = error_after_replacing("    into: [department, division]", "");
  EXPECT_EQ(nothing.rfind("broken.yaml:" + std::to_string(line_of("  - label: '^主管$'")) + ": ", 0), 0u) << nothing;
  EXPECT_NE(nothing.find("needs 'pattern', 'items', 'into' or 'sections' to say what it fills"), std::string::npos)
      << nothing;
  const std::string mapped = error_after_replacing("    into: [department, division]", "    into: {department: x}");
  EXPECT_NE(mapped.find("'into' must be a field name or a list of them"), std::string::npos) << mapped;
}

// Each part of a rule file that is missing or of the wrong shape is named.
TEST(RuleFile, EachSectionMissingOrMisshapenIsNamed) {
  const std::string text = shipped_text();
  // The error of the rules with the text from `from` up to `to` (or the end) replaced by `with`.
  const auto without = [&](const std::string& from, const std::string& to, const std::string& with = "") {
    std::string cut = text;
    const auto at = cut.find(from), end = to.empty() ? cut.size() : cut.find(to, at);
    EXPECT_NE(end, std::string::npos) << from;
    cut.replace(at, end - at, with);
    return load_error(cut, "cut.yaml");
  };
  EXPECT_NE(without("municipality:\n", "\n\n").find("the rule file needs 'municipality' {code, name}"), std::string::npos);
  EXPECT_NE(without("sheet:\n", "\n\n").find("the rule file needs 'sheet' {title}"), std::string::npos);
  EXPECT_NE(without("measure:\n", "\n# The 施策の指標").find("the rule file needs 'measure', a list of field rules"),
            std::string::npos);
  EXPECT_NE(without("indicators:\n", "\n# The 行政計画事業").find("the rule file needs 'indicators'"), std::string::npos);
  EXPECT_NE(without("projects:\n", "").find("the rule file needs 'projects'"), std::string::npos);
  EXPECT_NE(error_after_replacing("counters: [事業者, 店舗]", "counters: 事業者").find("'counters' must be a list"),
            std::string::npos);
  EXPECT_NE(without("measure:\n", "\n# The 施策の指標", "measure: {label: x}\n").find("'measure' must be a list of field rules"),
            std::string::npos);
}

TEST(ProjectRuleFile, AProjectSheetNeedsItsProjectRules) {
  std::string text = sheetx::test::kProjectRules;
  text.erase(text.find("project:\n"));
  try {
    Ruleset::parse(text, "jimu.yaml");
    FAIL() << "a project sheet's rules without 'project' loaded";
  } catch (const RuleFileError& e) {
    EXPECT_NE(std::string(e.what()).find("needs 'project', a list of field rules"), std::string::npos) << e.what();
  }
}

}  // namespace
