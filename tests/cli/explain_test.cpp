// sheetx explain: with a broken copy of the shipped rule file, the report names the broken rule
// (FILE:LINE) and the cell it expected, with why its regex passed over it, in text and in JSON.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "../support/test_support.h"

namespace {

using namespace sheetx::testing;

// The shipped rule file with `from` replaced by `to`, written to dir/broken.yaml; returns the
// line of the change.
int write_broken_rules(const fs::path& dir, const std::string& from, const std::string& to) {
  std::string text = read_file(kRoot / "rules" / "taito-kensho.yaml");
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  std::ofstream(dir / "broken.yaml") << text;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

// The plan column's header anchored at both ends no longer matches the header printed with its
// note before it, （平成３０年度事業量）計画事業量.
constexpr const char* kPlanRule = "{role: plan, header: '計画事業量'}";
constexpr const char* kBrokenPlanRule = "{role: plan, header: '^計画事業量$'}";
constexpr const char* kPlanHeader = "（平成３０年度事業量）計画事業量";

TEST(Explain, TextNamesTheBrokenRuleAndTheCellItExpected) {
  const fs::path dir = scratch("explain-text");
  const int line = write_broken_rules(dir, kPlanRule, kBrokenPlanRule);
  const auto result = run(kSheetx + " explain samples/taito-35.pdf --rules " + quoted(dir / "broken.yaml") +
                          " --field activity.plan --page 2");
  ASSERT_EQ(result.status, 0) << result.out;
  const std::string rule = "broken.yaml:" + std::to_string(line);
  EXPECT_NE(result.out.find("MISS " + rule + "  projects column plan '^計画事業量$'"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("matched nothing: no column header of the projects table matches '^計画事業量$'"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("«" + std::string(kPlanHeader) + "»: regex did not match"), std::string::npos)
      << result.out;
  // The same miss is a warning on the record, naming the rule.
  EXPECT_NE(result.out.find("rule-unmatched (" + rule + ")"), std::string::npos) << result.out;
}

// A measure rule whose label no cell has: the trace says under the rule why it read nothing,
// and the record carries the same as a warning naming the rule.
TEST(Explain, AMeasureRuleThatMatchesNothingSaysWhyUnderTheRule) {
  const fs::path dir = scratch("explain-measure-miss");
  const int line = write_broken_rules(dir, "label: '^主な取り組み$'", "label: '^主な取り組み一覧$'");
  const auto result = run(kSheetx + " explain samples/taito-35.pdf --rules " + quoted(dir / "broken.yaml") +
                          " --field measure.initiatives");
  ASSERT_EQ(result.status, 0) << result.out;
  const std::string rule = "broken.yaml:" + std::to_string(line);
  EXPECT_NE(result.out.find("MISS " + rule + "  measure '^主な取り組み一覧$' -> measure.initiatives\n"
                            "     matched nothing: no cell's text matches label '^主な取り組み一覧$'\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("rule-unmatched (" + rule + ")"), std::string::npos) << result.out;
}

// A line that only ends a section (section_end, no heading of its own) is shown as looked at
// and not taken: what follows it is no field's text.
TEST(Explain, ASectionEndIsLookedAtNotTaken) {
  const fs::path dir = scratch("explain-section-end");
  write_broken_rules(dir, "      review_direction: '^＜今後の方向性＞$'\n", "");
  const auto result = run(kSheetx + " explain samples/taito-35.pdf --rules " + quoted(dir / "broken.yaml") +
                          " --field measure.review_indicators");
  ASSERT_EQ(result.status, 0) << result.out;
  const auto end = result.out.find("«＜今後の方向性＞»: ends a section (section_end)\n");
  ASSERT_NE(end, std::string::npos) << result.out;
  const auto line = result.out.rfind('\n', end) + 1;
  EXPECT_EQ(result.out.substr(line, 8), "     - p") << result.out.substr(line, end - line);
  EXPECT_NE(result.out.find("«＜施策の指標＞»: heading of measure.review_indicators"), std::string::npos) << result.out;
}

TEST(Explain, JsonNamesTheBrokenRuleAndTheCellItExpected) {
  const fs::path dir = scratch("explain-json");
  const int line = write_broken_rules(dir, kPlanRule, kBrokenPlanRule);
  const auto result = run(kSheetx + " explain samples/taito-35.pdf --format json --rules " +
                          quoted(dir / "broken.yaml"));
  ASSERT_EQ(result.status, 0) << result.out;
  const auto report = nlohmann::json::parse(result.out);
  ASSERT_EQ(report["sheets"].size(), 1u);
  const std::string name = "broken.yaml:" + std::to_string(line);
  const nlohmann::json* rule = nullptr;
  for (const auto& r : report["sheets"][0]["rules"])
    if (r["rule"] == name) rule = &r;
  ASSERT_NE(rule, nullptr) << name << " not in " << result.out.substr(0, 2000);
  EXPECT_FALSE((*rule)["matched"].get<bool>());
  EXPECT_EQ((*rule)["regex"], "^計画事業量$");
  int expected_cell_looks = 0;
  for (const auto& look : (*rule)["looks"]) {
    if (look["text"] != kPlanHeader) continue;
    ++expected_cell_looks;
    EXPECT_FALSE(look["matched"].get<bool>());
    EXPECT_NE(look["outcome"].get<std::string>().find("regex did not match"), std::string::npos) << look;
    EXPECT_EQ(look["box"].size(), 4u);
  }
  EXPECT_EQ(expected_cell_looks, 2) << "the header is printed on both back pages";
  bool warned = false;
  for (const auto& w : report["sheets"][0]["warnings"]) warned |= w["code"] == "rule-unmatched" && w["rule"] == name;
  EXPECT_TRUE(warned);
}

// With the shipped rule file every rule of the sample matched, and a legend rule shows the entry
// it took and the grade it passed another entry over for.
TEST(Explain, ShippedRulesAllMatchTheSample) {
  const auto result = run(kSheetx + " explain samples/taito-35.pdf --format json");
  ASSERT_EQ(result.status, 0) << result.out;
  const auto report = nlohmann::json::parse(result.out);
  for (const auto& r : report["sheets"][0]["rules"]) EXPECT_TRUE(r["matched"].get<bool>()) << r["rule"] << r["result"];
  const auto legend = run(kSheetx + " explain samples/taito-35.pdf --format json --field measure.grade_label");
  const auto looks = nlohmann::json::parse(legend.out)["sheets"][0]["rules"].at(0)["looks"];
  bool passed_over = false, took = false;
  for (const auto& look : looks) {
    passed_over |= look["text"] == "Ａ　順調である" &&
                   look["outcome"] == "matched, but its grade «Ａ» is not the grade found «B»";
    took |= look["text"] == "Ｂ　概ね順調である" && look["matched"].get<bool>();
  }
  EXPECT_TRUE(passed_over && took) << looks;
  // The text report shows a few of the lines passed over and counts the rest.
  const auto text = run(kSheetx + " explain samples/taito-35.pdf --field measure.grade_label");
  EXPECT_NE(text.out.find("+ p1 [48.0 502.7 178.0 520.7] «Ｂ　概ね順調である»: matched"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("more it passed over (--format json lists all)"), std::string::npos) << text.out;
}

TEST(Explain, APdfThatIsNoSheetSaysSo) {
  const auto result = run(kSheetx + " explain samples/bad/not-a-sheet.pdf 2>&1");
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.out.find("samples/bad/not-a-sheet.pdf: not a review sheet (title seen"), std::string::npos)
      << result.out;
}

}  // namespace
