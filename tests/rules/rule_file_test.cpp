// Rule files: the shipped one loads; every kind of mistake is reported with file, line and cause.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sheetx/rules.h"

namespace {

using sheetx::rules::RuleFileError;
using sheetx::rules::Ruleset;

std::string shipped_text() {
  std::ifstream in(sheetx::rules::default_rules_path());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

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

}  // namespace
