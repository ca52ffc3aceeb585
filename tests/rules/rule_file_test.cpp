// Rule files: the shipped one loads; every kind of mistake is reported with file, line and cause.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sheetx/rules.h"
#include "../support/test_support.h"

namespace {

using sheetx::rules::RuleFileError;
using sheetx::rules::Ruleset;

std::string shipped_text() { return sheetx::testing::read_file(sheetx::rules::default_rules_path()); }

// The shipped rule file with one line replaced; returns the error message of loading it.
std::string error_after_replacing(const std::string& from, const std::string& to) {
  std::string text = shipped_text();
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  try {
    Ruleset::parse(text, "broken.yaml");
  } catch (const RuleFileError& e) {
    return e.what();
  }
  return "(no error)";
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
  EXPECT_NE(message.find("take must be right, right_all, self, any or lines"), std::string::npos) << message;
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

}  // namespace
