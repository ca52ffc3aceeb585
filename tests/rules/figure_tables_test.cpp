// Figure tables of project sheets (`tables:`), on pages made by hand: each form a rule file can
// say (years as columns or rows, kinds from header words or a row label, relative years, skipped
// rows, a name continued over rows, a table's unit, evaluation items) and each doubt's warning.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "hand_pages.h"
#include "sheetx/rules.h"

namespace {

using sheetx::extractor::Document;
using sheetx::extractor::Page;
using sheetx::extractor::Table;
using sheetx::records::Project;
using sheetx::records::Sheet;
using sheetx::records::Warning;
using sheetx::test::grid;

// The rule file's head: a project sheet titled 評価シート, its review period printed after the
// title. The tables under test follow it.
const std::string kHead = R"(id: test
version: "1"
kind: project
municipality: {code: "112330", name: 北本市}
sheet: {title: '^評価シート(?P<period>.*)$'}
project:
  - {label: '^事業名$', into: name}
tables:
)";

// FILE:LINE of the line that holds `needle` in the rules.
std::string where(const std::string& rules, const std::string& needle) {
  const auto at = rules.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return "test.yaml:" + std::to_string(1 + std::count(rules.begin(), rules.begin() + static_cast<long>(at), '\n'));
}

Document page_of(std::vector<Table> tables, const std::string& period = "令和５年度",
                 std::vector<sheetx::extractor::TextBlock> captions = {}) {
  Page page;
  page.number = 1;
  page.width = 1190;
  page.height = 842;
  const std::string title = "評価シート" + period;
  page.blocks.push_back({{20, 4, 400, 20}, title, {title}});
  for (auto& caption : captions) page.blocks.push_back(std::move(caption));
  page.tables = std::move(tables);
  Document document;
  document.page_count = 1;
  document.pages.push_back(std::move(page));
  return document;
}

Sheet read_one(const Document& document, const std::string& rules) {
  const std::vector<sheetx::rules::Ruleset> rulesets = {sheetx::rules::Ruleset::parse(rules, "test.yaml")};
  auto sheets = sheetx::rules::read_sheets(document, rulesets);
  EXPECT_EQ(sheets.size(), 1u);
  return sheets.at(0);
}

// The warnings of the figure tables (not of the head's rules).
std::vector<Warning> table_warnings(const Sheet& sheet, const std::string& code = "") {
  std::vector<Warning> out;
  for (const auto& w : sheet.warnings) {
    static const int head_lines = static_cast<int>(std::count(kHead.begin(), kHead.end(), '\n'));
    const bool head = w.rule.empty() || std::stoi(w.rule.substr(w.rule.find(':') + 1)) <= head_lines;
    if (!head && (code.empty() || w.code == code)) out.push_back(w);
  }
  return out;
}

std::string listed(const std::vector<Warning>& warnings) {
  std::string out;
  for (const auto& w : warnings) out += w.code + " (" + w.rule + "): " + w.message + "\n";
  return out;
}

// A sheet whose figure tables must read without a doubt.
Sheet read_without_table_warnings(const Document& document, const std::string& rules) {
  Sheet sheet = read_one(document, rules);
  EXPECT_TRUE(table_warnings(sheet).empty()) << listed(table_warnings(sheet));
  return sheet;
}

const Project& project_of(const Sheet& sheet) {
  EXPECT_EQ(sheet.projects.size(), 1u);
  return sheet.projects.at(0);
}

// "kind fiscal_year raw value unit" of each value, for comparing in one line.
std::vector<std::string> values_of(const std::vector<sheetx::records::IndicatorValue>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::string value = v.quantity.value ? std::to_string(static_cast<long long>(*v.quantity.value)) : "null";
    out.push_back(v.kind + " " + (v.fiscal_year ? std::to_string(*v.fiscal_year) : "?") + " " + v.quantity.raw + " " +
                  value + " " + v.quantity.unit.value_or("-"));
  }
  return out;
}

// Layout K's indicators: a merged 区分 cell gives the kind, each indicator two rows (目標, 実績)
// under a merged name and unit; years from the column headers, kinds from the row label.
const std::string kRowKinds = kHead + R"(  - into: indicators
    header: '^指標名$'
    groups: {activity: '^活動指標$', outcome: '^成果指標$'}
    kinds: {target: '^目標$', actual: '^実績$'}
    columns:
      - {role: group, header: '^区分$'}
      - {role: name, header: '^指標名$'}
      - {role: unit, header: '^単位$'}
      - {role: kind, header: '^$'}
      - {role: figure, header: '年度$'}
)";

Table row_kinds_table(const std::string& third_row_label = "目標") {
  return grid(20, 40, 80,
              {{"区分", "指標名", "単位", "", "令和４年度", "令和５年度"},
               {"活動指標", "講座の開催\n回数", "回", "目標", "24", "２４"},
               {"^", "^", "^", "実績", "18", "約22"},
               {"成果指標", "参加者数", "％", third_row_label, "82.0", "―"},
               {"^", "^", "^", "実績", "81.6", ""}});
}

TEST(FigureTables, YearsAsColumnsWithRowKindsAndMergedGroups) {
  const auto sheet = read_without_table_warnings(page_of({row_kinds_table()}), kRowKinds);
  const auto& indicators = project_of(sheet).indicators;
  ASSERT_EQ(indicators.size(), 2u);
  EXPECT_EQ(indicators[0].kind, "activity");
  EXPECT_EQ(indicators[0].name, "講座の開催回数");
  EXPECT_EQ(indicators[0].unit, "回");
  EXPECT_EQ(values_of(indicators[0].values),
            (std::vector<std::string>{"target 2022 24 24 回", "target 2023 ２４ 24 回", "actual 2022 18 18 回",
                                      "actual 2023 約22 22 回"}));
  EXPECT_TRUE(indicators[0].values[3].quantity.approximate);
  EXPECT_EQ(indicators[1].kind, "outcome");
  EXPECT_EQ(indicators[1].unit, "％");  // as printed; the figures' unit is folded
  EXPECT_EQ(values_of(indicators[1].values),
            (std::vector<std::string>{"target 2022 82.0 82 %", "target 2023 ― null -", "actual 2022 81.6 81 %",
                                      "actual 2023  null -"}));
  EXPECT_EQ(indicators[1].values[0].quantity.at.box[0], 20 + 4 * 80);
  EXPECT_EQ(indicators[1].values[0].quantity.at.box[1], 40 + 3 * 24);
}

TEST(FigureTables, ARowLabelNoKindNamesLeavesItsFiguresUnreadWithAWarning) {
  const auto sheet = read_one(page_of({row_kinds_table("見込")}), kRowKinds);
  const auto warned = table_warnings(sheet, "row-without-kind");
  ASSERT_EQ(warned.size(), 1u) << listed(table_warnings(sheet));
  EXPECT_EQ(warned[0].rule, where(kRowKinds, "{role: kind,"));
  EXPECT_NE(warned[0].message.find("参加者数"), std::string::npos) << warned[0].message;
  ASSERT_TRUE(warned[0].at.has_value());
  EXPECT_EQ(warned[0].at->box[0], 20 + 3 * 80);  // the row label's cell
  EXPECT_EQ(project_of(sheet).indicators.at(1).values.size(), 2u);  // the 実績 row only
  EXPECT_TRUE(table_warnings(sheet, "unread-cell").empty()) << listed(table_warnings(sheet));
}

// Layout S's indicators: kinds from the header words, years in another order, the kind of each
// table from its caption, and a name printed over two rows (the second without figures).
const std::string kHeaderKinds = kHead + R"(  - into: indicators
    header: '^指標名$'
    caption: '^【(活動量|成果)】$'
    groups: {activity: '活動量', outcome: '成果'}
    kinds: {target: '目標値$', actual: '実績値$'}
    continues: true
    columns:
      - {role: name, header: '^指標名$'}
      - {role: unit, header: '^単位$'}
      - {role: figure, header: '年度'}
)";

Document header_kinds_page(const std::string& second_year = "令和５年度\n実績値") {
  const std::vector<std::string> head = {"指標名", "単位", "令和５年度\n目標値", second_year, "令和４年度\n実績値"};
  return page_of({grid(20, 60, 90,
                       {head,
                        {"協定事業者数", "社", "85", "88", "81"},
                        {"職員による", "件", "1,200", "1,315", "１，１８８"},
                        {"訪問件数", "", "", "", ""},
                        {"", "", "", "", ""}}),  // an unused row
                  grid(20, 200, 90, {head, {"通報件数", "件", "10以下", "", "12"}}),
                  grid(600, 60, 90, {{"指標名", "備考"}, {"他の表", "―"}})},
                 "令和５年度",
                 {{{20, 40, 100, 52}, "【活動量】", {"【活動量】"}},
                  {{20, 180, 100, 192}, "【成果】", {"【成果】"}},
                  {{600, 40, 700, 52}, "【参考】", {"【参考】"}}});
}

TEST(FigureTables, KindsFromHeaderWordsCaptionsAndANameOverTwoRows) {
  const auto sheet = read_without_table_warnings(header_kinds_page(), kHeaderKinds);
  const auto& indicators = project_of(sheet).indicators;
  ASSERT_EQ(indicators.size(), 3u);  // the table captioned 【参考】 is not read
  EXPECT_EQ(indicators[0].kind, "activity");
  EXPECT_EQ(values_of(indicators[0].values),
            (std::vector<std::string>{"target 2023 85 85 社", "actual 2023 88 88 社", "actual 2022 81 81 社"}));
  EXPECT_EQ(indicators[1].name, "職員による訪問件数");
  EXPECT_EQ(indicators[1].values.size(), 3u);
  EXPECT_EQ(indicators[1].values[2].quantity.value, 1188);
  EXPECT_EQ(indicators[2].kind, "outcome");
  EXPECT_EQ(values_of(indicators[2].values),
            (std::vector<std::string>{"target 2023 10以下 10 件", "actual 2023  null -", "actual 2022 12 12 件"}));
}

// A caption's text box may reach a point into its table's top rule (the glyphs' descent): the
// table it touches is still between it and the next table down, which has no caption of its own
// and so is not read as 【成果】's.
TEST(FigureTables, ACaptionTouchingItsTableIsNotTheCaptionOfTheTableBelow) {
  const std::vector<std::string> head = {"指標名", "単位", "令和５年度\n目標値", "令和５年度\n実績値"};
  const auto sheet = read_one(page_of({grid(20, 60, 90, {head, {"協定事業者数", "社", "85", "88"}}),
                                       grid(20, 200, 90, {head, {"通報件数", "件", "10", "12"}})},
                                      "令和５年度", {{{20, 40, 100, 61}, "【成果】", {"【成果】"}}}),
                              kHeaderKinds);
  const auto& indicators = project_of(sheet).indicators;
  ASSERT_EQ(indicators.size(), 1u) << listed(table_warnings(sheet));
  EXPECT_EQ(indicators[0].name, "協定事業者数");
  EXPECT_EQ(indicators[0].kind, "outcome");
}

TEST(FigureTables, WithoutContinuesARowWithoutFiguresIsAnIndicatorOfItsOwn) {
  std::string rules = kHeaderKinds;
  rules.erase(rules.find("    continues: true\n"), std::string("    continues: true\n").size());
  const auto sheet = read_one(header_kinds_page(), rules);
  const auto& indicators = project_of(sheet).indicators;
  ASSERT_EQ(indicators.size(), 4u);
  EXPECT_EQ(indicators[1].name, "職員による");
  EXPECT_EQ(indicators[2].name, "訪問件数");
}

TEST(FigureTables, AFigureColumnWithoutKindOrYearIsWarnedAndNotRead) {
  const auto no_kind = read_one(header_kinds_page("令和５年度\n見込値"), kHeaderKinds);
  const auto warned = table_warnings(no_kind, "column-without-kind");
  ASSERT_EQ(warned.size(), 2u) << listed(table_warnings(no_kind));  // one a table
  EXPECT_EQ(warned[0].rule, where(kHeaderKinds, "{role: figure,"));
  ASSERT_TRUE(warned[0].at.has_value());
  EXPECT_EQ(warned[0].at->box[0], 20 + 3 * 90);  // the whole column
  EXPECT_EQ(warned[0].at->box[3], 60 + 5 * 24);
  EXPECT_EQ(project_of(no_kind).indicators.at(0).values.size(), 2u);
  EXPECT_TRUE(table_warnings(no_kind, "unread-cell").empty()) << listed(table_warnings(no_kind));

  const auto no_year = read_one(header_kinds_page("年度\n実績値"), kHeaderKinds);
  EXPECT_EQ(table_warnings(no_year, "column-without-year").size(), 2u) << listed(table_warnings(no_year));
}

TEST(FigureTables, TwoColumnsOfOneYearAndKindAreWarned) {
  const auto sheet = read_one(header_kinds_page("令和５年度\n目標値"), kHeaderKinds);
  EXPECT_EQ(table_warnings(sheet, "same-year-columns").size(), 4u) << listed(table_warnings(sheet));
  EXPECT_FALSE(table_warnings(sheet, "same-year-values").empty()) << listed(table_warnings(sheet));
}

// Layout K's costs: years and kinds from the headers (R4決算, 令和５年度予算), the unit printed
// once in a header cell, a note row skipped.
const std::string kCostColumns = kHead + R"(  - into: costs
    header: '^区分'
    unit: '（単位：(?P<unit>[^）]+)）'
    kinds: {settlement: '決算$', budget: '予算$', estimate: '見込$'}
    skip: '^※'
    columns:
      - {role: name, header: '^区分'}
      - {role: figure, header: '.'}
    precedence: [[name, figure]]
)";

Table cost_columns_table(const std::string& unit_note = "（単位：千円）", const std::string& figure = "9,120") {
  return grid(20, 40, 100,
              {{"区分\n" + unit_note, "R4決算", "令和５年度予算", "令和６年度見込"},
               {"事業費", "8,432", figure, "9,300"},
               {"一般財源", "3,647", "3,940", "4,000円"},
               {"※人件費は含まない", "<", "<", "<"}});
}

TEST(FigureTables, CostLinesWithKindsAndYearsFromHeadersAndTheTablesUnit) {
  const auto sheet = read_without_table_warnings(page_of({cost_columns_table()}), kCostColumns);
  const auto& costs = project_of(sheet).costs;
  ASSERT_EQ(costs.size(), 2u);
  EXPECT_EQ(costs[0].name, "事業費");
  EXPECT_EQ(values_of(costs[0].values),
            (std::vector<std::string>{"settlement 2022 8,432 8432 千円", "budget 2023 9,120 9120 千円",
                                      "estimate 2024 9,300 9300 千円"}));
  EXPECT_FALSE(costs[0].values[2].quantity.estimate);  // the kind says it
  EXPECT_EQ(values_of(costs[1].values).back(), "estimate 2024 4,000円 4000 円");  // its own unit kept
}

TEST(FigureTables, AnUnreadableFigureAndAMissingUnitAreWarnedNamingTheirRules) {
  const auto sheet = read_one(page_of({cost_columns_table("", "未集計")}), kCostColumns);
  const auto unit = table_warnings(sheet, "rule-unmatched");
  ASSERT_EQ(unit.size(), 1u) << listed(table_warnings(sheet));
  EXPECT_EQ(unit[0].rule, where(kCostColumns, "unit:"));
  const auto figure = table_warnings(sheet, "unreadable-figure");
  const auto problem = table_warnings(sheet, "figure-problem");
  ASSERT_EQ(figure.size() + problem.size(), 1u) << listed(table_warnings(sheet));
  const Warning& w = figure.empty() ? problem[0] : figure[0];
  EXPECT_EQ(w.rule, where(kCostColumns, "{role: figure,"));
  ASSERT_TRUE(w.at.has_value());
  EXPECT_EQ(w.at->box[0], 20 + 2 * 100);
  EXPECT_EQ(w.at->box[1], 40 + 24);
}

TEST(FigureTables, CellsOfAColumnNoRuleTakesAreWarnedAsUnread) {
  const std::string only_settlements = kCostColumns.substr(0, kCostColumns.find("      - {role: figure")) +
                                       "      - {role: figure, header: '決算$'}\n";
  const auto sheet = read_one(page_of({cost_columns_table()}), only_settlements);
  const auto warned = table_warnings(sheet, "unread-cell");
  EXPECT_EQ(warned.size(), 4u) << listed(table_warnings(sheet));  // 予算 and 見込 of two lines
  for (const auto& w : warned) EXPECT_EQ(w.rule, where(only_settlements, "into: costs"));
  EXPECT_EQ(project_of(sheet).costs.at(0).values.size(), 1u);

  // explain shows the same cells in the table rule's trace, as misses, so its author sees them.
  const std::vector<sheetx::rules::Ruleset> rulesets = {sheetx::rules::Ruleset::parse(only_settlements, "test.yaml")};
  const auto reading = sheetx::rules::Reader(rulesets).explain(page_of({cost_columns_table()}));
  ASSERT_EQ(reading.traces.size(), 1u);
  std::vector<std::string> unread;
  for (const auto& rule : reading.traces[0].rules) {
    if (rule.rule != where(only_settlements, "into: costs")) continue;
    for (const auto& look : rule.looks) {
      if (look.outcome != "no rule read this cell") continue;
      EXPECT_FALSE(look.matched) << look.text;
      unread.push_back(look.text);
    }
  }
  EXPECT_EQ(unread, (std::vector<std::string>{"9,120", "9,300", "3,940", "4,000円"}));
}

// Layout S's costs: years as rows, relative to the review period's year; the cost lines are the
// columns; the total row skipped.
const std::string kCostRows = kHead + R"(  - into: costs
    header: '^区分'
    years: rows
    unit: '（単位：(?P<unit>[^）]+)）'
    kinds: {settlement: '決算$', budget: '予算$', estimate: '見込$'}
    relative_years: {'^前年度': -1, '^当年度': 0, '^次年度': 1}
    skip: '^計$'
    columns:
      - {role: when, header: '^区分'}
      - {role: figure, header: '.'}
    precedence: [[when, figure]]
)";

Document cost_rows_page(const std::string& period) {
  return page_of({grid(20, 40, 100,
                       {{"区分（単位：千円）", "事業費", "うち\n人件\n費"},  // a header wrapped twice
                        {"前年度決算", "38,210", "21,400"},
                        {"当年度予算", "40,500", "22,100"},
                        {"令和７年度見込", "41,000", "22,500"},
                        {"計", "119,710", "66,000"}})},
                 period);
}

TEST(FigureTables, YearsAsRowsRelativeToTheReviewPeriod) {
  const auto sheet = read_without_table_warnings(cost_rows_page("令和５年度"), kCostRows);
  const auto& costs = project_of(sheet).costs;
  ASSERT_EQ(costs.size(), 2u);
  EXPECT_EQ(costs[0].name, "事業費");
  EXPECT_EQ(costs[1].name, "うち人件費");
  EXPECT_EQ(values_of(costs[1].values),
            (std::vector<std::string>{"settlement 2022 21,400 21400 千円", "budget 2023 22,100 22100 千円",
                                      "estimate 2025 22,500 22500 千円"}));
}

TEST(FigureTables, ARelativeYearWithoutAReviewPeriodIsWarnedAtItsRow) {
  const auto sheet = read_one(cost_rows_page(""), kCostRows);
  const auto warned = table_warnings(sheet, "row-without-year");
  ASSERT_EQ(warned.size(), 2u) << listed(table_warnings(sheet));
  EXPECT_EQ(warned[0].rule, where(kCostRows, "{role: when,"));
  // The message names the relative_years entry whose words matched, for the rule's author.
  EXPECT_NE(warned[0].message.find("review period (relative_years, line " +
                                   where(kCostRows, "'^前年度'").substr(std::string("test.yaml:").size()) + ")"),
            std::string::npos)
      << warned[0].message;
  ASSERT_TRUE(warned[0].at.has_value());
  EXPECT_EQ(warned[0].at->box[1], 40 + 24);
  EXPECT_EQ(project_of(sheet).costs.at(0).values.size(), 1u);  // 令和７年度見込 only
  EXPECT_TRUE(table_warnings(sheet, "unread-cell").empty()) << listed(table_warnings(sheet));
}

const std::string kEvaluation = kHead + R"(  - into: evaluation
    header: '^評価項目$'
    overall: '^総合評価$'
    columns:
      - {role: item, header: '^評価項目$'}
      - {role: grade, header: '^評価$'}
      - {role: comment, header: '^評価の理由$'}
)";

TEST(FigureTables, EvaluationItemsAndTheOverallGrade) {
  const auto sheet = read_one(page_of({grid(20, 40, 120,
                                            {{"評価項目", "評価", "評価の理由"},
                                             {"必要性", "Ａ", "高齢化率が\n上昇している。"},
                                             {"有効性", "", "参加者が偏る。"},
                                             {"総合評価", "B", "概ね順調"}})}),
                              kEvaluation);
  const auto& evaluation = project_of(sheet).evaluation;
  ASSERT_TRUE(evaluation.has_value());
  ASSERT_EQ(evaluation->items.size(), 2u);
  EXPECT_EQ(evaluation->items[0].name, "必要性");
  EXPECT_EQ(evaluation->items[0].grade, "A");  // folded
  EXPECT_EQ(evaluation->items[0].comment, "高齢化率が上昇している。");
  EXPECT_EQ(evaluation->grade, "B");
  EXPECT_EQ(evaluation->label, "概ね順調");
  const auto warned = table_warnings(sheet);
  ASSERT_EQ(warned.size(), 1u) << listed(warned);
  EXPECT_EQ(warned[0].code, "missing-field");
  EXPECT_EQ(warned[0].rule, where(kEvaluation, "{role: grade,"));
}

TEST(FigureTables, TheOverallGradeInARowOfATableOfItsOwn) {
  const auto sheet = read_one(page_of({grid(20, 40, 120, {{"評価項目", "評価", "評価の理由"}, {"必要性", "A", "高い。"}}),
                                       grid(20, 120, 120, {{"総合評価", "Ｂ", "概ね順調"}})}),
                              kEvaluation);
  EXPECT_TRUE(table_warnings(sheet).empty()) << listed(table_warnings(sheet));
  const auto& evaluation = project_of(sheet).evaluation;
  ASSERT_TRUE(evaluation.has_value());
  EXPECT_EQ(evaluation->items.size(), 1u);
  EXPECT_EQ(evaluation->grade, "B");
  EXPECT_EQ(evaluation->label, "概ね順調");

  // The label merged over two columns, as spreadsheets print it, is one cell: the grade is the next.
  const auto merged = read_one(page_of({grid(20, 40, 120, {{"評価項目", "評価", "評価の理由"}, {"必要性", "A", "高い。"}}),
                                        grid(20, 120, 120, {{"総合評価", "<", "Ｃ", "遅れ"}})}),
                               kEvaluation);
  ASSERT_TRUE(project_of(merged).evaluation.has_value());
  EXPECT_EQ(project_of(merged).evaluation->grade, "C");
  EXPECT_EQ(project_of(merged).evaluation->label, "遅れ");

  const auto nowhere = read_one(page_of({grid(20, 40, 120, {{"評価項目", "評価", "評価の理由"}, {"必要性", "A", "高い。"}})}),
                                kEvaluation);
  const auto warned = table_warnings(nowhere, "rule-unmatched");
  ASSERT_EQ(warned.size(), 1u) << listed(table_warnings(nowhere));
  EXPECT_EQ(warned[0].rule, where(kEvaluation, "overall:"));
}

TEST(FigureTables, ExplainTracesTheTablesRulesAndTheCellsTheyRead) {
  const std::vector<sheetx::rules::Ruleset> rulesets = {sheetx::rules::Ruleset::parse(kCostRows, "test.yaml")};
  const auto reading = sheetx::rules::Reader(rulesets).explain(cost_rows_page("令和５年度"));
  ASSERT_EQ(reading.traces.size(), 1u);
  const sheetx::rules::RuleTrace* table = nullptr;
  const sheetx::rules::RuleTrace* when = nullptr;
  for (const auto& trace : reading.traces[0].rules) {
    if (trace.rule == where(kCostRows, "into: costs")) table = &trace;
    if (trace.rule == where(kCostRows, "{role: when,")) when = &trace;
  }
  ASSERT_TRUE(table && when);
  EXPECT_TRUE(table->matched);
  EXPECT_TRUE(std::any_of(table->looks.begin(), table->looks.end(),
                          [](const auto& look) { return look.outcome.find("skip") != std::string::npos; }));
  EXPECT_TRUE(std::any_of(when->looks.begin(), when->looks.end(),
                          [](const auto& look) { return look.outcome == "fiscal 2022, settlement"; }));
  EXPECT_TRUE(std::any_of(reading.uses.begin(), reading.uses.end(),
                          [](const auto& use) { return use.field == "project.costs.budget"; }));
}

// explain shows a row that only continues the name above as taken into that name, under the
// table's rule (a rule author checks that a wrapped name was joined, not dropped).
TEST(FigureTables, ExplainShowsAContinuedNameAsTaken) {
  const std::vector<sheetx::rules::Ruleset> rulesets = {sheetx::rules::Ruleset::parse(kHeaderKinds, "test.yaml")};
  const auto reading = sheetx::rules::Reader(rulesets).explain(header_kinds_page());
  ASSERT_EQ(reading.traces.size(), 1u);
  const auto& rules = reading.traces[0].rules;
  const auto table = std::find_if(rules.begin(), rules.end(),
                                  [&](const auto& t) { return t.rule == where(kHeaderKinds, "into: indicators"); });
  ASSERT_NE(table, rules.end());
  const auto continued = std::find_if(table->looks.begin(), table->looks.end(), [](const auto& look) {
    return look.outcome.find("continues 「職員による」") != std::string::npos;
  });
  ASSERT_NE(continued, table->looks.end());
  EXPECT_EQ(continued->text, "訪問件数");
  EXPECT_TRUE(continued->matched) << "the row was taken into the name above";
  EXPECT_EQ(continued->box.y0, 60 + 3 * 24);
}

// explain names each cell of an overall grade's row in a table of its own by what it was read as:
// the label, the grade right of it, then the grade's words.
TEST(FigureTables, ExplainNamesTheCellsOfTheOverallGradesRow) {
  const std::vector<sheetx::rules::Ruleset> rulesets = {sheetx::rules::Ruleset::parse(kEvaluation, "test.yaml")};
  const auto reading = sheetx::rules::Reader(rulesets).explain(
      page_of({grid(20, 40, 120, {{"評価項目", "評価", "評価の理由"}, {"必要性", "A", "高い。"}}),
               grid(20, 120, 120, {{"総合評価", "Ｂ", "概ね順調"}})}));
  std::map<std::string, double> left_of;  // field -> the left edge of the cell read for it
  for (const auto& use : reading.uses)
    if (use.field.starts_with("project.evaluation.") && use.box.y0 == 120) {
      EXPECT_EQ(use.rule, where(kEvaluation, "overall:")) << use.field;
      left_of[use.field] = use.box.x0;
    }
  EXPECT_EQ(left_of, (std::map<std::string, double>{{"project.evaluation.overall", 20},
                                                    {"project.evaluation.grade", 140},
                                                    {"project.evaluation.label", 260}}));
}

// A header or row label whose words name two kinds: the figures are read as the first kind the
// rule file lists, with a warning naming both, at the header (or at the figure, when the column
// and its row disagree).
TEST(FigureTables, AHeaderNamingTwoKindsIsWarnedAtIt) {
  std::string rules = kCostColumns;
  const std::string kinds = "kinds: {settlement: '決算$', budget: '予算$', estimate: '見込$'}";
  rules.replace(rules.find(kinds), kinds.size(), "kinds: {settlement: '決算', budget: '予算', estimate: '見込'}");
  const auto sheet = read_one(page_of({grid(20, 40, 100, {{"区分\n（単位：千円）", "R4決算", "令和５年度予算見込"},
                                                          {"事業費", "8,432", "9,120"}})}),
                              rules);
  const auto warned = table_warnings(sheet, "several-kinds");
  ASSERT_EQ(warned.size(), 1u) << listed(table_warnings(sheet));
  const std::string line = where(rules, "kinds:").substr(std::string("test.yaml:").size());
  EXPECT_EQ(warned[0].message, "「令和５年度予算見込」 names the kinds budget (line " + line + ") and estimate (line " + line +
                                   "); its figures were read as budget");
  EXPECT_EQ(warned[0].rule, where(rules, "kinds:"));
  ASSERT_TRUE(warned[0].at.has_value());
  EXPECT_EQ(warned[0].at->box[0], 20 + 2 * 100);
  EXPECT_EQ(warned[0].at->box[1], 40);
  EXPECT_EQ(values_of(project_of(sheet).costs.at(0).values).back(), "budget 2023 9,120 9120 千円");
}

TEST(FigureTables, AColumnAndItsRowNamingDifferentKindsAreWarnedAtTheFigure) {
  std::string rules = kRowKinds;
  const std::string kinds = "kinds: {target: '^目標$', actual: '^実績$'}";
  rules.replace(rules.find(kinds), kinds.size(), "kinds: {target: '目標', actual: '実績'}");
  Table table = row_kinds_table();
  for (auto& cell : table.cells)
    if (cell.row == 0 && cell.col == 5) {  // the header 実績 over 令和５年度
      cell.lines = {"実績", "令和５年度"};
      cell.text = "実績令和５年度";
    }
  const auto sheet = read_one(page_of({table}), rules);
  const auto warned = table_warnings(sheet, "several-kinds");
  ASSERT_EQ(warned.size(), 2u) << listed(table_warnings(sheet));  // the two 目標 rows' figures of 令和５年度
  EXPECT_EQ(warned[0].message, "column 「実績令和５年度」 says actual, its row target; the figure was read as actual");
  EXPECT_EQ(warned[0].rule, where(rules, "kinds:"));
  EXPECT_EQ(warned[0].at->box[0], 20 + 5 * 80);
  EXPECT_EQ(warned[0].at->box[1], 40 + 24);
}

}  // namespace
