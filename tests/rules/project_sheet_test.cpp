// Project sheets (事務事業評価シート) read by a rule file alone, on pages made by hand: the project
// fields by label, a label and its value on one line, ticked and circled options, the review
// period from a cell, free fields, several sheets on a page and one sheet over pages.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "hand_pages.h"
#include "project_rules.h"
#include "sheetx/rules.h"

namespace {

using sheetx::extractor::Box;
using sheetx::extractor::Document;
using sheetx::extractor::Page;
using sheetx::extractor::Table;
using sheetx::extractor::TextBlock;
using sheetx::extractor::Word;
using sheetx::records::Sheet;
using sheetx::records::Warning;
using sheetx::test::grid;

const std::string& kRules = sheetx::test::kProjectRules;

std::string rule_at(const std::string& needle) { return sheetx::test::project_rule_at("test.yaml", needle); }

// One sheet's block from `top`: the title as free text, the ruled label cells, the division as
// free text (a label and its value on one line), and the direction's options as one printed run
// of 8 full-width characters with a ring round the option `circled` (none when empty).
void add_sheet(Page& page, double top, const std::string& code, const std::string& mandatory,
               const std::vector<int>& circled) {
  page.blocks.push_back({{20, top, 300, top + 20}, "事務事業評価シート", {"事務事業評価シート"}});
  page.tables.push_back(grid(20, top + 30, 120,
                             {{"評価対象年度", "令和５年度"},
                              {"事業番号", code},
                              {"事業名", "見守り事業"},
                              {"施策", "12 地域福祉の推進"},
                              {"事業開始年度", "平成18年度"},
                              {"事業区分", mandatory},
                              {"予算科目", "一般会計"},
                              {"今後の方向性", "拡充・継続・改善"}}));
  page.blocks.push_back({{20, top + 230, 300, top + 250}, "担当課：　福祉課", {"担当課：　福祉課"}});
  const double y = top + 30 + 7 * 24 + 6;  // the options' row
  page.words.push_back({"拡充・継続・改善", {145, y, 241, y + 12}, "", 12, 0, false});
  for (const int option : circled) {  // 拡充 at characters 0-1, 継続 3-4, 改善 6-7
    const double x = 145 + 12.0 * 3 * option;
    page.marks.push_back({x - 4, y - 3, x + 28, y + 15});
  }
}

Document pages(std::vector<Page> list) {
  Document document;
  document.page_count = static_cast<int>(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    list[i].number = static_cast<int>(i) + 1;
    list[i].width = 595;
    list[i].height = 842;
  }
  document.pages = std::move(list);
  return document;
}

Page one_sheet(const std::string& code = "02-12-003", const std::string& mandatory = "■法定　□任意",
               const std::vector<int>& circled = {1}) {
  Page page;
  add_sheet(page, 10, code, mandatory, circled);
  return page;
}

std::vector<Sheet> read(const Document& document, const std::string& rules = kRules) {
  return sheetx::rules::read_sheets(document, {sheetx::rules::Ruleset::parse(rules, "test.yaml")});
}

std::vector<Warning> with_code(const Sheet& sheet, const std::string& code) {
  std::vector<Warning> out;
  std::copy_if(sheet.warnings.begin(), sheet.warnings.end(), std::back_inserter(out),
               [&](const Warning& w) { return w.code == code; });
  return out;
}

std::string all_warnings(const Sheet& sheet) {
  std::string out;
  for (const auto& w : sheet.warnings) out += w.code + " (" + w.rule + "): " + w.message + "\n";
  return out;
}

TEST(ProjectSheetRules, FieldsOptionsPeriodAndExtraFromTheRuleFileAlone) {
  const auto sheets = read(pages({one_sheet()}));
  ASSERT_EQ(sheets.size(), 1u);
  const Sheet& s = sheets[0];
  EXPECT_EQ(s.kind, sheetx::records::SheetKind::project);
  EXPECT_EQ(s.review_period.label, "令和５年度");
  EXPECT_EQ(s.review_period.from_fiscal_year, 2023);
  EXPECT_EQ(s.review_period.to_fiscal_year, 2023);
  ASSERT_EQ(s.projects.size(), 1u);
  const auto& p = s.projects[0];
  EXPECT_EQ(p.code, "02-12-003");
  EXPECT_EQ(p.number, 3);
  EXPECT_EQ(p.name, "見守り事業");
  EXPECT_EQ(p.division, "福祉課");  // 担当課：　福祉課, label and value on one free line
  EXPECT_EQ(p.started_fiscal_year, 2006);
  EXPECT_EQ(p.mandatory, true);
  ASSERT_TRUE(p.direction);
  EXPECT_EQ(p.direction->choice, "継続");
  EXPECT_EQ(p.direction->options, (std::vector<std::string>{"拡充", "継続", "改善"}));
  EXPECT_EQ(s.measure.number, 12);
  EXPECT_EQ(s.measure.name, "地域福祉の推進");
  EXPECT_EQ(s.extra.at("budget_account"), "一般会計");
  EXPECT_TRUE(s.warnings.empty()) << all_warnings(s);
}

TEST(ProjectSheetRules, TheOtherTickedOptionGivesFalse) {
  const auto s = read(pages({one_sheet("02-12-003", "□法定　☑任意")})).at(0);
  EXPECT_EQ(s.projects[0].mandatory, false);
}

// None chosen, or two: the choice is left empty with a warning at the options' cell naming the
// rule; the options are still listed.
TEST(ProjectSheetRules, NoneOrTwoChosenIsAWarningNeverAGuess) {
  const auto none = read(pages({one_sheet("02-12-003", "□法定　□任意", {})})).at(0);
  EXPECT_FALSE(none.projects[0].mandatory);
  ASSERT_TRUE(none.projects[0].direction);
  EXPECT_FALSE(none.projects[0].direction->choice);
  EXPECT_EQ(none.projects[0].direction->options.size(), 3u);
  const auto unclear = with_code(none, "choice-unclear");
  ASSERT_EQ(unclear.size(), 2u) << all_warnings(none);
  EXPECT_EQ(unclear[0].rule, rule_at("into: mandatory"));
  EXPECT_NE(unclear[0].message.find("none of the options 「法定」「任意」 are ticked"), std::string::npos) << unclear[0].message;
  EXPECT_EQ(unclear[1].rule, rule_at("into: direction"));
  EXPECT_TRUE(with_code(none, "missing-field").empty()) << all_warnings(none);  // one warning each, not two

  const auto two = read(pages({one_sheet("02-12-003", "■法定　■任意", {0, 2})})).at(0);
  EXPECT_FALSE(two.projects[0].mandatory);
  EXPECT_FALSE(two.projects[0].direction->choice);
  const auto both = with_code(two, "choice-unclear");
  ASSERT_EQ(both.size(), 2u) << all_warnings(two);
  EXPECT_NE(both[1].message.find("2 of the options 「拡充」「継続」「改善」 are circled"), std::string::npos) << both[1].message;
}

// An option printed inside an earlier one (廃止 in 一部廃止) is found at its own place: the ring
// round the second option chooses it, not the first.
TEST(ProjectSheetRules, AnOptionInsideAnEarlierOneIsFoundAtItsOwnPlace) {
  Page page = one_sheet("02-12-003", "■法定　□任意", {});
  for (auto& table : page.tables)
    for (auto& cell : table.cells)
      if (cell.text == "拡充・継続・改善") {
        cell.text = "一部廃止・廃止";
        cell.lines = {cell.text};
      }
  auto& word = page.words.back();
  word.text = "一部廃止・廃止";
  word.box.x1 = word.box.x0 + 12 * 7;
  const double x = word.box.x0 + 12 * 5;  // 廃止 at characters 5-6
  page.marks.push_back({x - 4, word.box.y0 - 3, x + 28, word.box.y1 + 3});
  const auto sheet = read(pages({page})).at(0);
  ASSERT_TRUE(sheet.projects[0].direction);
  EXPECT_EQ(sheet.projects[0].direction->options, (std::vector<std::string>{"一部廃止", "廃止"}));
  EXPECT_EQ(sheet.projects[0].direction->choice, "廃止") << all_warnings(sheet);
}

TEST(ProjectSheetRules, AWordTheValuesDoNotMapIsMissingWithItsReason) {
  const auto s = read(pages({one_sheet("02-12-003", "■義務　□任意")})).at(0);
  EXPECT_FALSE(s.projects[0].mandatory);
  const auto missing = with_code(s, "missing-field");
  ASSERT_EQ(missing.size(), 1u) << all_warnings(s);
  EXPECT_EQ(missing[0].message, "project.mandatory not found by its rule («義務» is none of the words its 'values' map)");
  EXPECT_EQ(missing[0].rule, rule_at("into: mandatory"));
}

TEST(ProjectSheetRules, TwoSheetsOnOnePageAreCutApart) {
  Page page;
  add_sheet(page, 10, "01-01-001", "■法定　□任意", {0});
  add_sheet(page, 420, "01-01-002", "□法定　■任意", {2});
  const auto sheets = read(pages({page}));
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(sheets[0].projects[0].code, "01-01-001");
  EXPECT_EQ(sheets[0].projects[0].mandatory, true);
  EXPECT_EQ(sheets[0].projects[0].direction->choice, "拡充");
  EXPECT_EQ(sheets[1].projects[0].code, "01-01-002");
  EXPECT_EQ(sheets[1].projects[0].mandatory, false);
  EXPECT_EQ(sheets[1].projects[0].direction->choice, "改善");
  EXPECT_EQ(sheets[1].projects[0].division, "福祉課");
  for (const auto& s : sheets) {
    EXPECT_EQ(s.source.first_page, 1);
    EXPECT_EQ(s.source.pages, 1);
    EXPECT_TRUE(s.warnings.empty()) << all_warnings(s);
  }
}

// A page whose title repeats with the key of the sheet before continues it; another key starts
// the next sheet.
TEST(ProjectSheetRules, ATitleRepeatedWithTheSameKeyContinuesTheSheet) {
  Page second;
  second.blocks.push_back({{20, 10, 300, 30}, "事務事業評価シート", {"事務事業評価シート"}});
  second.tables.push_back(grid(20, 40, 120, {{"事業番号", "02-12-003"}, {"評価", "A"}}));
  const auto sheets = read(pages({one_sheet(), second, one_sheet("02-12-004"), second}));
  ASSERT_EQ(sheets.size(), 3u);
  EXPECT_EQ(sheets[0].source.first_page, 1);
  EXPECT_EQ(sheets[0].source.last_page, 2);
  EXPECT_EQ(sheets[1].projects[0].code, "02-12-004");
  EXPECT_EQ(sheets[1].source.last_page, 3);
  EXPECT_EQ(sheets[2].source.first_page, 4);  // 02-12-003 again, after 02-12-004: a sheet of its own
}

TEST(ProjectSheetRules, ATitlePageWithoutTheKeyStartsASheetWithAWarning) {
  const auto sheets = read(pages({one_sheet("第三号")}));
  const auto missing = with_code(sheets.at(0), "missing-field");
  const auto key = std::find_if(missing.begin(), missing.end(),
                                [](const Warning& w) { return w.message.find("sheet key") != std::string::npos; });
  ASSERT_NE(key, missing.end()) << all_warnings(sheets.at(0));
  EXPECT_EQ(key->rule, rule_at("  key:"));
}

// A label and its value on one printed line inside a cell, like one in free text.
TEST(ProjectSheetRules, ALabelAndItsValueOnOneLineOfACell) {
  Page page = one_sheet();
  page.blocks.pop_back();
  page.tables.push_back(grid(300, 40, 200, {{"担当部：福祉部\n担当課：高齢福祉課"}}));
  const auto s = read(pages({page})).at(0);
  EXPECT_EQ(s.projects[0].division, "高齢福祉課");
}

TEST(ProjectSheetRules, APeriodCellNamingNoYearIsWarned) {
  std::string rules = kRules;
  const std::string label = "評価対象年度$'}";
  rules.replace(rules.find(label), label.size(), "事業名$'}");
  const auto s = read(pages({one_sheet()}), rules).at(0);
  EXPECT_EQ(s.review_period.label, "見守り事業");
  EXPECT_FALSE(s.review_period.from_fiscal_year);
  const auto missing = with_code(s, "missing-field");
  ASSERT_FALSE(missing.empty());
  EXPECT_EQ(missing[0].rule, rule_at("period:"));
}

// A grade printed as options (A・B・C, one circled) fills the overall grade as a text field.
TEST(ProjectSheetRules, AGradePrintedAsOptions) {
  Page page = one_sheet();
  page.tables.push_back(grid(300, 40, 120, {{"総合評価", "A・B・C"}}));
  page.words.push_back({"A・B・C", {425, 46, 455, 58}, "", 10, 0, false});  // 6 points a character
  page.marks.push_back({433, 43, 445, 61});                                  // round B (x 437–443)
  std::string rules = kRules;
  rules += "  - {label: '^総合評価$', options: {circled: true, separator: '・'}, into: grade}\n";
  const auto s = read(pages({page}), rules).at(0);
  ASSERT_TRUE(s.projects[0].evaluation);
  EXPECT_EQ(s.projects[0].evaluation->grade, "B");
  EXPECT_TRUE(with_code(s, "choice-unclear").empty()) << all_warnings(s);
}

// explain shows each option as looked at, chosen or not, under the rule that read it.
TEST(ProjectSheetRules, ExplainTracesTheOptionsAndThePeriod) {
  const sheetx::rules::Reader reader({sheetx::rules::Ruleset::parse(kRules, "test.yaml")});
  const auto reading = reader.explain(pages({one_sheet()}));
  ASSERT_EQ(reading.traces.size(), 1u);
  const auto& rules = reading.traces[0].rules;
  ASSERT_GE(rules.size(), 2u);
  // First the sheet: the title that started it, its key.
  EXPECT_EQ(rules[0].kind, "sheet");
  EXPECT_EQ(rules[0].rule, rule_at("  title:"));
  ASSERT_EQ(rules[0].looks.size(), 1u);
  EXPECT_EQ(rules[0].looks[0].outcome, "title matched; key «02-12-003»: starts a sheet");
  EXPECT_EQ(rules[1].kind, "period");
  EXPECT_EQ(rules[1].fields, (std::vector<std::string>{"review_period.label"}));
  const auto direction = std::find_if(rules.begin(), rules.end(), [](const auto& r) { return r.rule == rule_at("into: direction"); });
  ASSERT_NE(direction, rules.end());
  EXPECT_EQ(direction->kind, "project");
  EXPECT_TRUE(direction->matched);
  std::vector<std::string> seen;
  for (const auto& look : direction->looks) seen.push_back(look.text + ": " + look.outcome);
  EXPECT_NE(std::find(seen.begin(), seen.end(), "継続: circled"), seen.end()) << ::testing::PrintToString(seen);
  EXPECT_NE(std::find(seen.begin(), seen.end(), "拡充: not circled"), seen.end()) << ::testing::PrintToString(seen);
  const auto extra = std::find_if(reading.uses.begin(), reading.uses.end(), [](const auto& u) { return u.field == "extra.budget_account"; });
  EXPECT_NE(extra, reading.uses.end());
}

}  // namespace
