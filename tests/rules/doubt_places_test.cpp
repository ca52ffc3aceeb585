// Where a reader's doubts point (docs/records.md: `at` is where the doubt lies), and a rule file
// that cannot say where an evaluation table's items are.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "hand_pages.h"
#include "project_rules.h"
#include "sheetx/extractor.h"
#include "sheetx/rules.h"
#include "../support/test_support.h"

namespace {

using sheetx::extractor::Document;
using sheetx::records::Sheet;
using sheetx::records::Warning;
using sheetx::test::grid;

// A measure sheet's first page (its title) with one projects table of one project named `project`.
Document measure_sheet(const std::string& project) {
  return sheetx::test::titled_page(
      {grid(20, 300, 90,
            {{"（事業№）行政計画事業名", "所管課", "本事業の取り組み", "計画事業量", "年度別事業計画", "令和元年度", "令和２年度"},
             {project, "生涯学習課", "講座", "年10回", "目標", "5回", "5回"},
             {"^", "^", "^", "(8回)", "実績", "4回", "6回"}})});
}

std::vector<Warning> read_warnings(const Document& document, const std::string& code) {
  const std::vector<sheetx::rules::Ruleset> rules = {sheetx::rules::Ruleset::load(sheetx::rules::default_rules_path())};
  const auto sheets = sheetx::rules::read_sheets(document, rules);
  EXPECT_EQ(sheets.size(), 1u);
  std::vector<Warning> out;
  for (const auto& w : sheets.at(0).warnings)
    if (w.code == code) out.push_back(w);
  return out;
}

TEST(DoubtPlaces, ABackPageNothingWasReadOnIsWarnedAtTheWholePage) {
  Document document = measure_sheet("1 講座の運営");
  sheetx::test::add_back_page_without_header(document);
  const auto unread = read_warnings(document, "unread-page");
  ASSERT_EQ(unread.size(), 1u);
  ASSERT_TRUE(unread[0].at);
  EXPECT_EQ(unread[0].at->page, 2);
  EXPECT_EQ(unread[0].at->box, (std::array<double, 4>{0, 0, 842, 595}));
}

// Without its number, every row of the project is in doubt: the warning covers the project's rows
// across the whole table, not only its name cell.
TEST(DoubtPlaces, AProjectWithoutNumberIsWarnedAcrossItsRows) {
  const auto missing = read_warnings(measure_sheet("講座の運営"), "missing-field");
  const auto no_number = std::find_if(missing.begin(), missing.end(), [](const Warning& w) {
    return w.message.find("no project number") != std::string::npos;
  });
  ASSERT_NE(no_number, missing.end());
  ASSERT_TRUE(no_number->at);
  EXPECT_EQ(no_number->at->box, (std::array<double, 4>{20, 324, 20 + 7 * 90, 324 + 2 * 24}));
}

TEST(DoubtPlaces, AnEvaluationTableWithoutItsItemColumnIsNoRuleFile) {
  const std::string evaluation = "tables:\n  - into: evaluation\n    header: '^評価項目'\n"
                                 "    columns: [{role: grade, header: '^評価$'}, {role: comment, header: '^説明'}]\n";
  std::string message = "(no error)";
  try {
    sheetx::rules::Ruleset::parse(sheetx::test::kProjectRules + evaluation, "evaluation.yaml");
  } catch (const sheetx::rules::RuleFileError& e) {
    message = e.what();
  }
  EXPECT_NE(message.find("needs a column with role 'item'"), std::string::npos) << message;
}

}  // namespace
