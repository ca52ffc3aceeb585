// Reading sheets from the sample PDFs: what each sheet's description (samples/src/*.yaml) says
// is printed must come out of the rules. The whole records are compared by `sheetx check` in
// tests/cli; here the structure that the rules are responsible for is pinned down.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <numeric>
#include <tuple>

#include "sheetx/extractor.h"
#include "sheetx/rules.h"
#include "hand_pages.h"
#include "../support/test_support.h"

namespace {

using sheetx::records::Sheet;

std::vector<Sheet> read(const std::string& pdf) {
  static const std::vector<sheetx::rules::Ruleset> rules = {
      sheetx::rules::Ruleset::load(sheetx::rules::default_rules_path())};
  return sheetx::rules::read_sheets(sheetx::extractor::extract_file(pdf), rules);
}

std::size_t activity_count(const Sheet& sheet) {
  return std::accumulate(sheet.projects.begin(), sheet.projects.end(), std::size_t{0},
                         [](std::size_t n, const auto& p) { return n + p.activities.size(); });
}

TEST(SheetReader, SeedReplicaMeasure) {
  const auto sheets = read("samples/taito-35.pdf");
  ASSERT_EQ(sheets.size(), 1u);
  const auto& s = sheets[0];
  EXPECT_EQ(s.source.first_page, 1);
  EXPECT_EQ(s.source.pages, 3);
  EXPECT_EQ(s.review_period.label, "令和元～２年度");
  EXPECT_EQ(s.review_period.from_fiscal_year, 2019);
  EXPECT_EQ(s.review_period.to_fiscal_year, 2020);
  EXPECT_EQ(s.measure.number, 35);
  EXPECT_EQ(s.measure.name, "ものづくりを支える産業集積の維持・発展");
  EXPECT_EQ(s.measure.department, "文化産業観光部");
  EXPECT_EQ(s.measure.division, "産業振興課");
  EXPECT_EQ(s.measure.goal.number, 3);
  EXPECT_EQ(s.measure.goal.name, "活力にあふれ多彩な魅力が輝くまちの実現");
  ASSERT_EQ(s.measure.vision.size(), 2u);
  EXPECT_EQ(s.measure.vision[1].rfind("従来の取引関係や業種を超えて", 0), 0u) << s.measure.vision[1];
  ASSERT_EQ(s.measure.initiatives.size(), 3u);
  EXPECT_EQ(s.measure.initiatives[0].name, "台東区中小企業振興センターなどによる創業支援");
  EXPECT_EQ(s.measure.initiatives[1].number, 2);
  EXPECT_EQ(s.measure.initiatives[1].name, "区内定着支援");
  EXPECT_EQ(s.measure.evaluation.grade, "B");
  EXPECT_EQ(s.measure.evaluation.label, "概ね順調である");
  EXPECT_EQ(s.measure.review.direction.size(), 4u);
  EXPECT_EQ(s.measure.review.summary.rfind("中小企業振興センターを中心に", 0), 0u) << s.measure.review.summary;
}

TEST(SheetReader, SeedReplicaIndicator) {
  const auto s = read("samples/taito-35.pdf").at(0);
  ASSERT_EQ(s.indicators.size(), 1u);
  const auto& i = s.indicators[0];
  EXPECT_EQ(i.name, "台東区中小企業振興センターが支援する中小企業数");
  EXPECT_EQ(i.source, "所管課調べ");
  ASSERT_EQ(i.values.size(), 5u);
  EXPECT_EQ(i.values[0].kind, "baseline");
  EXPECT_EQ(i.values[0].fiscal_year, 2018);
  EXPECT_EQ(i.values[0].quantity.raw, "延べ4,600社");
  EXPECT_EQ(i.values[0].quantity.value, 4600);
  EXPECT_TRUE(i.values[0].quantity.cumulative);
  EXPECT_EQ(i.values[2].kind, "actual");
  EXPECT_EQ(i.values[2].fiscal_year, 2020);
  EXPECT_EQ(i.values[4].kind, "target");
  EXPECT_EQ(i.values[4].fiscal_year, 2028);
  EXPECT_EQ(i.values[0].quantity.at.page, 1);
}

TEST(SheetReader, SeedReplicaProjectsAcrossBackPages) {
  const auto s = read("samples/taito-35.pdf").at(0);
  ASSERT_EQ(s.projects.size(), 9u);
  EXPECT_EQ(activity_count(s), 16u);
  for (std::size_t i = 0; i < s.projects.size(); ++i) EXPECT_EQ(s.projects[i].number, static_cast<int>(i) + 1);
  EXPECT_EQ(s.projects[0].name, "台東デザイナーズビレッジの運営");  // wrapped over two lines
  EXPECT_EQ(s.projects[8].name, "新市場開拓支援");                  // ＜再掲＞ wrapped apart
  EXPECT_TRUE(s.projects[8].reposted);
  EXPECT_FALSE(s.projects[0].reposted);
  const auto& revised = s.projects[0].activities.at(0);  // 年19社 over (年15社)
  ASSERT_TRUE(revised.plan);
  EXPECT_EQ(revised.plan->value, 19);
  EXPECT_TRUE(revised.plan->per_year);
  ASSERT_TRUE(revised.plan->revised);
  EXPECT_EQ(revised.plan->revised->value, 15);
  const auto& exchange = s.projects[2].activities;  // two activities under one merged project cell
  ASSERT_EQ(exchange.size(), 2u);
  ASSERT_EQ(exchange[0].years.size(), 3u);
  EXPECT_EQ(exchange[0].years[0].fiscal_year, 2019);
  EXPECT_EQ(exchange[0].years[2].fiscal_year, 2021);
  ASSERT_TRUE(exchange[0].years[2].actual);
  EXPECT_TRUE(exchange[0].years[2].actual->estimate);
  EXPECT_EQ(exchange[0].baseline_fiscal_year, 2018);
  // Pages 2 and 3 both hold projects: the table continues after its repeated header.
  EXPECT_EQ(s.projects.front().activities.front().plan->at.page, 2);
  EXPECT_EQ(s.projects.back().activities.back().plan->at.page, 3);
}

TEST(SheetReader, LaterPeriodTakesItsYearsFromHeaders) {
  const auto s = read("samples/taito-18.pdf").at(0);
  EXPECT_EQ(s.review_period.label, "令和３～４年度");
  EXPECT_EQ(s.review_period.from_fiscal_year, 2021);
  EXPECT_EQ(s.review_period.to_fiscal_year, 2022);
  ASSERT_EQ(s.projects.size(), 3u);
  EXPECT_EQ(activity_count(s), 5u);
  const auto& years = s.projects[0].activities.at(0).years;
  ASSERT_EQ(years.size(), 3u);
  EXPECT_EQ(years[0].fiscal_year, 2021);
  EXPECT_EQ(years[2].fiscal_year, 2023);
  EXPECT_EQ(s.projects[0].activities.at(0).baseline_fiscal_year, 2020);
  EXPECT_EQ(s.projects[2].name, "地域学習活動支援");
  EXPECT_TRUE(s.projects[2].reposted);
}

TEST(SheetReader, ManyProjectsOverThreeBackPagesWithFilledRules) {
  const auto s = read("samples/taito-41.pdf").at(0);
  EXPECT_EQ(s.source.pages, 4);
  ASSERT_EQ(s.projects.size(), 14u);
  EXPECT_EQ(activity_count(s), 21u);
  EXPECT_EQ(s.measure.evaluation.grade, "C");
  EXPECT_EQ(s.measure.initiatives.size(), 4u);
  EXPECT_EQ(s.indicators.size(), 2u);
}

TEST(SheetReader, BundleSplitsIntoThreeSheets) {
  const auto sheets = read("samples/bundle.pdf");
  ASSERT_EQ(sheets.size(), 3u);
  EXPECT_EQ(sheets[0].measure.number, 12);
  EXPECT_EQ(sheets[1].measure.number, 7);
  EXPECT_EQ(sheets[2].measure.number, 18);
  EXPECT_EQ(sheets[0].source.first_page, 1);
  EXPECT_EQ(sheets[1].source.first_page, sheets[0].source.last_page + 1);
  EXPECT_EQ(sheets[2].source.last_page, sheets[2].source.first_page + sheets[2].source.pages - 1);
  EXPECT_EQ(sheets[2].review_period.from_fiscal_year, 2021);
  EXPECT_EQ(sheets[0].review_period.from_fiscal_year, 2019);
}

TEST(SheetReader, RotatedBackPageReadsLikeTheUprightOne) {
  const auto upright = read("samples/taito-07.pdf").at(0);
  const auto rotated = read("samples/taito-07-rotated.pdf").at(0);
  ASSERT_EQ(rotated.projects.size(), upright.projects.size());
  EXPECT_EQ(activity_count(rotated), activity_count(upright));
  for (std::size_t p = 0; p < upright.projects.size(); ++p) {
    EXPECT_EQ(rotated.projects[p].name, upright.projects[p].name);
    EXPECT_EQ(rotated.projects[p].activities.size(), upright.projects[p].activities.size());
  }
}

TEST(SheetReader, PdfThatIsNoSheetSaysNoRuleMatches) {
  try {
    read("samples/bad/not-a-sheet.pdf");
    FAIL() << "a PDF that is no review sheet gave sheets";
  } catch (const sheetx::rules::NoRuleMatches& e) {
    EXPECT_EQ(std::string(e.what()).rfind("not a review sheet (title seen \"", 0), 0u) << e.what();
  }
}

// A page made by hand: a title block and one ruled row 施策№ | VALUE.
sheetx::extractor::Document one_row_sheet(const std::string& value) {
  using namespace sheetx::extractor;
  Page page;
  page.number = 1;
  page.width = 842;
  page.height = 595;
  page.blocks.push_back({{20, 10, 400, 30}, "令和元～２年度 長期総合計画　検証シート", {"令和元～２年度 長期総合計画　検証シート"}});
  Table table;
  table.rows = 1;
  table.cols = 2;
  table.box = {20, 40, 800, 70};
  table.cells.push_back({0, 0, 1, 1, {20, 40, 100, 70}, "施策№", {"施策№"}});
  table.cells.push_back({0, 1, 1, 1, {100, 40, 800, 70}, value, {value}});
  page.tables.push_back(table);
  Document document;
  document.page_count = 1;
  document.pages.push_back(page);
  return document;
}

TEST(SheetReader, AMeasureNumberTooLongForAnIntIsMissingNotACrash) {
  const std::vector<sheetx::rules::Ruleset> rules = {sheetx::rules::Ruleset::load(sheetx::rules::default_rules_path())};
  const auto sheets = sheetx::rules::read_sheets(one_row_sheet("施策99999999999999999999　名前"), rules);
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_FALSE(sheets[0].measure.number.has_value());
  EXPECT_EQ(sheets[0].measure.name, "名前");
  const auto& w = sheets[0].warnings;
  EXPECT_TRUE(std::any_of(w.begin(), w.end(), [](const auto& x) {
    return x.code == "missing-field" &&
           x.message == "measure.number not found by its rule, which filled measure.name (cells run together?)" &&
           x.rule.starts_with("taito-kensho.yaml:");
  }));
}

// A rule author finds the rule that read a cell by its line: each cell a table column read
// names that column's own line of the rule file (inspect and explain show it).
TEST(SheetReader, EachCellNamesTheLineOfTheColumnThatReadIt) {
  const std::string text = sheetx::testing::read_file(sheetx::rules::default_rules_path());
  auto line_of = [&](const std::string& needle) {
    const auto at = text.find(needle);
    EXPECT_NE(at, std::string::npos) << needle;
    return "taito-kensho.yaml:" + std::to_string(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1);
  };
  const std::vector<sheetx::rules::Ruleset> rules = {sheetx::rules::Ruleset::load(sheetx::rules::default_rules_path())};
  const auto uses = sheetx::rules::Reader(rules).explain(sheetx::extractor::extract_file("samples/taito-35.pdf")).uses;
  std::map<std::string, std::set<std::string>> rules_of;
  for (const auto& use : uses) rules_of[use.field].insert(use.rule.substr(use.rule.rfind('/') + 1));
  EXPECT_EQ(rules_of["indicator.name"], (std::set<std::string>{line_of("{role: name, header: '指標名'}")}));
  EXPECT_EQ(rules_of["indicator.source"], (std::set<std::string>{line_of("{role: source, header: '出典'}")}));
  EXPECT_EQ(rules_of["activity.name"], (std::set<std::string>{line_of("{role: activity, header: '取り組み'}")}));
}

TEST(SheetReader, AnItemsRegexThatCanMatchNothingStillEnds) {
  // A rule author's items regex that matches the empty string must not loop forever.
  std::string text = sheetx::testing::read_file(sheetx::rules::default_rules_path());
  const std::string items = "items: '(?P<number>[①-⑳])[ 　]*(?P<name>[^①-⑳]+)'";
  ASSERT_NE(text.find(items), std::string::npos);
  text.replace(text.find(items), items.size(), "items: '(?P<number>[①-⑳]?)(?P<name>[^①-⑳]*)'");
  const std::vector<sheetx::rules::Ruleset> rules = {sheetx::rules::Ruleset::parse(text, "empty-items.yaml")};
  const auto sheets = sheetx::rules::read_sheets(sheetx::extractor::extract_file("samples/taito-35.pdf"), rules);
  ASSERT_EQ(sheets.size(), 1u);
  EXPECT_EQ(sheets[0].measure.initiatives.size(), 3u);
}

// A project table made by hand on the sheet's first page: each cell {row, col, row_span, text}
// on a grid of 100 x 20 pt cells.
sheetx::extractor::Document project_table(const std::vector<std::tuple<int, int, int, std::string>>& cells) {
  auto document = one_row_sheet("施策1　名前");
  sheetx::extractor::Table table;
  table.cols = 6;
  table.rows = 5;
  table.box = {20, 100, 620, 200};
  for (const auto& [row, col, span, text] : cells) {
    const double x0 = 20 + 100.0 * col, y0 = 100 + 20.0 * row;
    table.cells.push_back({row, col, span, 1, {x0, y0, x0 + 100, y0 + 20.0 * span}, text, {text}});
  }
  document.pages[0].tables.push_back(table);
  return document;
}

const std::vector<std::tuple<int, int, int, std::string>> kHeader = {
    {0, 0, 1, "（事業№）行政計画事業名"}, {0, 1, 1, "所管課"}, {0, 2, 1, "本事業の取り組み"},
    {0, 3, 1, "（平成３０年度事業量）計画事業量"}, {0, 4, 1, "年度別事業計画"}, {0, 5, 1, "R２(2019)年度"}};

TEST(SheetReader, TwoTargetRowsUnderOneNameCellAreTwoActivities) {
  auto cells = kHeader;
  for (const auto& c : std::vector<std::tuple<int, int, int, std::string>>{
           {1, 0, 4, "1 事業"}, {1, 1, 4, "課"}, {1, 2, 4, "取組"},
           {1, 3, 1, "10件"}, {1, 4, 1, "目標"}, {1, 5, 1, "5件"},
           {2, 3, 1, "(3件)"}, {2, 4, 1, "実績"}, {2, 5, 1, "4件"},
           {3, 3, 1, "20件"}, {3, 4, 1, "目標"}, {3, 5, 1, "6件"},
           {4, 3, 1, "(4件)"}, {4, 4, 1, "実績"}, {4, 5, 1, "7件"}})
    cells.push_back(c);
  const std::vector<sheetx::rules::Ruleset> rules = {sheetx::rules::Ruleset::load(sheetx::rules::default_rules_path())};
  const auto sheet = sheetx::rules::read_sheets(project_table(cells), rules).at(0);
  ASSERT_EQ(sheet.projects.size(), 1u);
  const auto& activities = sheet.projects[0].activities;
  ASSERT_EQ(activities.size(), 2u);
  EXPECT_EQ(activities[1].name, "取組");
  EXPECT_EQ(activities[0].plan->value, 10);
  EXPECT_EQ(activities[1].plan->value, 20);
  EXPECT_EQ(activities[1].baseline->value, 4);
  EXPECT_EQ(activities[1].years.at(0).actual->value, 7);
}

TEST(SheetReader, AHeaderWhoseEraAndGregorianYearsDisagreeIsWarnedAt) {
  auto cells = kHeader;
  for (const auto& c : std::vector<std::tuple<int, int, int, std::string>>{
           {1, 0, 2, "1 事業"}, {1, 1, 2, "課"}, {1, 2, 2, "取組"}, {1, 3, 1, "5件"}, {1, 4, 1, "目標"},
           {1, 5, 1, "5件"}, {2, 3, 1, "(3件)"}, {2, 4, 1, "実績"}, {2, 5, 1, "4件"}})
    cells.push_back(c);
  const std::vector<sheetx::rules::Ruleset> rules = {sheetx::rules::Ruleset::load(sheetx::rules::default_rules_path())};
  const auto sheet = sheetx::rules::read_sheets(project_table(cells), rules).at(0);
  const auto& w = sheet.warnings;
  const auto year = std::find_if(w.begin(), w.end(), [](const auto& x) { return x.code == "year-mismatch"; });
  ASSERT_NE(year, w.end());
  ASSERT_TRUE(year->at);
  EXPECT_EQ(year->at->box[0], 520);  // the header cell of that column
  EXPECT_EQ(year->at->box[1], 100);
}


// ---- Pages made by hand: what a second producer prints differently, and the doubts it raises.

using sheetx::extractor::Cell;
using sheetx::extractor::Document;
using sheetx::extractor::Table;
using sheetx::records::Warning;
using sheetx::test::grid;
using sheetx::test::titled_page;


std::string shipped_rules_text() { return sheetx::testing::read_file(sheetx::rules::default_rules_path()); }

Sheet read_one(const Document& document, const std::string& rules_text = shipped_rules_text()) {
  const std::vector<sheetx::rules::Ruleset> rules = {sheetx::rules::Ruleset::parse(rules_text, "test.yaml")};
  auto sheets = sheetx::rules::read_sheets(document, rules);
  EXPECT_EQ(sheets.size(), 1u);
  return sheets.at(0);
}

std::vector<Warning> with_code(const Sheet& sheet, const std::string& code) {
  std::vector<Warning> out;
  for (const auto& w : sheet.warnings)
    if (w.code == code) out.push_back(w);
  return out;
}

std::string codes(const Sheet& sheet) {
  std::string out;
  for (const auto& w : sheet.warnings) out += w.code + " (" + w.rule + "): " + w.message + "\n";
  return out;
}

// A projects table: one project with one activity whose plan column has `plan_header`, and the
// figures given for the plan, the baseline and two years' targets and actuals.
Table project_table(const std::string& plan_header, const std::vector<std::string>& target,
                    const std::vector<std::string>& actual) {
  return grid(20, 300, 90,
              {{"（事業№）行政計画事業名", "所管課", "本事業の取り組み", plan_header, "年度別事業計画", "令和元年度", "令和２年度"},
               {"1 講座の運営", "生涯学習課", "講座", target[0], "目標", target[1], target[2]},
               {"^", "^", "^", actual[0], "実績", actual[1], actual[2]}});
}

TEST(SheetReaderVariants, PlanHeaderInEitherWordOrderOrWithANoteIsThePlan) {
  for (const std::string header : {"（平成３０年度事業量）計画事業量", "計画事業量（平成３０年度事業量）",
                                   "平成３０年度事業量\n計画事業量", "計画事業量\n（平成３０年度事業量）", "（注１）計画事業量"}) {
    const auto sheet = read_one(titled_page({project_table(header, {"年10回", "5回", "5回"}, {"(8回)", "4回", "6回"})}));
    ASSERT_EQ(sheet.projects.size(), 1u) << header;
    ASSERT_EQ(sheet.projects[0].activities.size(), 1u) << header;
    const auto& a = sheet.projects[0].activities[0];
    ASSERT_TRUE(a.plan && a.baseline) << header << "\n" << codes(sheet);
    EXPECT_EQ(a.plan->value, 10) << header;
    EXPECT_EQ(a.baseline->value, 8) << header;
    // The baseline's year is the header's; no false fiscal-2018 year comes from the plan column.
    EXPECT_EQ(a.baseline_fiscal_year, header.find("平成３０") != std::string::npos ? std::optional(2018) : std::nullopt);
    ASSERT_EQ(a.years.size(), 2u) << header;
    EXPECT_EQ(a.years[0].fiscal_year, 2019);
    EXPECT_EQ(a.years[1].fiscal_year, 2020);
    for (const char* code : {"header-roles", "unread-cell", "missing-field", "figure-problem"})
      EXPECT_TRUE(with_code(sheet, code).empty()) << header << ": " << code << "\n" << codes(sheet);
  }
}

TEST(SheetReaderVariants, AHeaderTwoRolesMatchWithoutPrecedenceIsWarned) {
  std::string rules = shipped_rules_text();
  const std::string precedence = "  precedence: [[plan, year], [kind, year]]\n";
  ASSERT_NE(rules.find(precedence), std::string::npos);
  rules.erase(rules.find(precedence), precedence.size());
  const auto sheet =
      read_one(titled_page({project_table("計画事業量（平成３０年度事業量）", {"年10回", "5回", "5回"}, {"(8回)", "4回", "6回"})}),
               rules);
  const auto warned = with_code(sheet, "header-roles");
  ASSERT_FALSE(warned.empty()) << codes(sheet);
  EXPECT_NE(warned[0].message.find("plan"), std::string::npos) << warned[0].message;
  EXPECT_NE(warned[0].message.find("year"), std::string::npos) << warned[0].message;
  ASSERT_TRUE(warned[0].at.has_value());
  EXPECT_EQ(warned[0].at->box[0], 20 + 3 * 90);  // the plan column, header to last row
  EXPECT_EQ(warned[0].at->box[1], 300);
  EXPECT_EQ(warned[0].at->box[3], 300 + 3 * 24);
}

TEST(SheetReaderVariants, ProblemFiguresAreWarnedAndTwoFiguresInOneCellAreNotRead) {
  const auto sheet = read_one(titled_page(
      {project_table("計画事業量", {"19社\n15社", "12地点", "45社\n（累計229件）"}, {"(8社)", "未集計", "6社"})}));
  ASSERT_EQ(sheet.projects.size(), 1u);
  const auto& a = sheet.projects[0].activities.at(0);
  ASSERT_TRUE(a.plan.has_value());
  EXPECT_FALSE(a.plan->value.has_value()) << "19社 over 15社 is not read as 19";
  EXPECT_EQ(a.plan->raw, "19社\n15社");
  ASSERT_EQ(a.years.size(), 2u);
  EXPECT_EQ(a.years[0].target->value, 12) << "an unknown counter keeps its figure, with a warning";
  std::set<std::pair<std::string, double>> warned;  // code, left edge of the cell
  for (const auto& w : sheet.warnings)
    if (w.at && (w.code == "unreadable-figure" || w.code == "figure-problem")) warned.insert({w.code, w.at->box[0]});
  EXPECT_TRUE(warned.count({"unreadable-figure", 20 + 3 * 90})) << codes(sheet);  // 19社 / 15社
  EXPECT_TRUE(warned.count({"figure-problem", 20 + 5 * 90})) << codes(sheet);     // 12地点
  EXPECT_TRUE(warned.count({"figure-problem", 20 + 6 * 90})) << codes(sheet);     // 45社 / 累計229件
  EXPECT_TRUE(warned.count({"unreadable-figure", 20 + 5 * 90})) << codes(sheet);  // 未集計
  for (const auto& w : with_code(sheet, "figure-problem")) EXPECT_EQ(w.rule.rfind("test.yaml:", 0), 0u) << w.rule;
}

TEST(SheetReaderVariants, AMissingYearCellIsWarned) {
  Table table = project_table("計画事業量", {"年10回", "5回", "5回"}, {"(8回)", "4回", "6回"});
  // The 2020 actual's cell is not in the grid (a ruling line the producer left out).
  std::erase_if(table.cells, [](const Cell& c) { return c.row == 2 && c.col == 6; });
  const auto sheet = read_one(titled_page({table}));
  const auto missing = with_code(sheet, "missing-field");
  ASSERT_EQ(missing.size(), 1u) << codes(sheet);
  EXPECT_NE(missing[0].message.find("no actual cell for fiscal 2020"), std::string::npos) << missing[0].message;
}

TEST(SheetReaderVariants, CellsThatAreNoDataAreWarnedUnlessTheRuleFileIgnoresThem) {
  const Table table = grid(20, 300, 90,
                           {{"（事業№）行政計画事業名", "所管課", "本事業の取り組み", "計画事業量", "年度別事業計画", "令和元年度", "令和２年度"},
                            {"1 講座の運営", "生涯学習課", "講座", "年10回", "目標", "5回", "5回"},
                            {"^", "^", "^", "(8回)", "実績", "4回", "6回"},
                            {"", "", "", "", "", "", "※数値は速報値"}});
  const auto sheet = read_one(titled_page({table}));
  // A row of the table with text and no row label: none of it is read, one warning covers it.
  const auto unread = with_code(sheet, "unread-row");
  ASSERT_EQ(unread.size(), 1u) << codes(sheet);
  EXPECT_NE(unread[0].message.find("※数値は速報値"), std::string::npos);
  ASSERT_TRUE(unread[0].at.has_value());
  EXPECT_EQ(unread[0].at->box[1], 300 + 3 * 24);
  EXPECT_EQ(unread[0].at->box[2], 20 + 7 * 90);
  EXPECT_TRUE(with_code(sheet, "unread-cell").empty()) << "the row's warning covers its cells";
  // A note across the table's width would be taken for a project: flagged, never silent.
  const Table across = grid(20, 300, 90,
                            {{"（事業№）行政計画事業名", "所管課", "本事業の取り組み", "計画事業量", "年度別事業計画", "令和元年度", "令和２年度"},
                             {"1 講座の運営", "生涯学習課", "講座", "年10回", "目標", "5回", "5回"},
                             {"^", "^", "^", "(8回)", "実績", "4回", "6回"},
                             {"※数値は速報値", "<", "<", "<", "<", "<", "<"}});
  const auto noted = read_one(titled_page({across}));
  ASSERT_EQ(noted.projects.size(), 2u);
  EXPECT_FALSE(with_code(noted, "missing-field").empty()) << codes(noted);
  // A rule file that declares such notes no data reads both tables without them.
  std::string rules = shipped_rules_text();
  const std::string at = "  precedence: [[plan, year], [kind, year]]\n";
  rules.insert(rules.find(at) + at.size(), "  ignore: ['^※']\n");
  for (const Table& t : {table, across}) {
    const auto ignored = read_one(titled_page({t}), rules);
    EXPECT_EQ(ignored.projects.size(), 1u) << codes(ignored);
    for (const char* code : {"unread-cell", "unread-row", "missing-field"})
      EXPECT_TRUE(with_code(ignored, code).empty()) << codes(ignored);
  }
}

TEST(SheetReaderVariants, ACellUnderAColumnNoRuleReadsIsWarned) {
  const Table table = grid(20, 300, 90,
                           {{"（事業№）行政計画事業名", "所管課", "本事業の取り組み", "計画事業量", "年度別事業計画", "令和元年度", "備考"},
                            {"1 講座の運営", "生涯学習課", "講座", "年10回", "目標", "5回", "定員見直し"},
                            {"^", "^", "^", "(8回)", "実績", "4回", ""}});
  const auto sheet = read_one(titled_page({table}));
  const auto unread = with_code(sheet, "unread-cell");
  ASSERT_EQ(unread.size(), 1u) << codes(sheet);
  EXPECT_NE(unread[0].message.find("定員見直し"), std::string::npos);
  EXPECT_EQ(unread[0].at->box[0], 20 + 6 * 90);
}

TEST(SheetReaderVariants, AYearColumnWhoseHeaderNamesNoYearIsWarned) {
  Table table = grid(20, 300, 90,
                     {{"（事業№）行政計画事業名", "所管課", "本事業の取り組み", "計画事業量", "年度別事業計画", "令和元年度", "年度計"},
                      {"1 講座の運営", "生涯学習課", "講座", "年10回", "目標", "5回", "5回"},
                      {"^", "^", "^", "(8回)", "実績", "4回", "6回"}});
  const auto sheet = read_one(titled_page({table}));
  const auto warned = with_code(sheet, "column-without-year");
  ASSERT_EQ(warned.size(), 1u) << codes(sheet);
  EXPECT_NE(warned[0].message.find("年度計"), std::string::npos);
  EXPECT_EQ(sheet.projects.at(0).activities.at(0).years.size(), 1u);
}

// The measure's table as 台東区 prints it, with the number label and the legend as given.
Table measure_table(const std::string& number_label, bool legend_in_one_cell) {
  if (legend_in_one_cell)
    return grid(20, 40, 120, {{number_label, "施策35　ものづくりの振興", "主管", "産業部", "産業振興課"},
                              {"検証結果", "Ｂ", "概要", "<", "<"},
                              {"^", "Ａ　順調である\nＢ　概ね順調である\nＣ　順調でない", "^", "^", "^"}});
  return grid(20, 40, 120, {{number_label, "施策35　ものづくりの振興", "主管", "産業部", "産業振興課"},
                            {"検証結果", "Ｂ", "概要", "<", "<"},
                            {"^", "Ａ　順調である", "^", "^", "^"},
                            {"^", "Ｂ　概ね順調である", "^", "^", "^"},
                            {"^", "Ｃ　順調でない", "^", "^", "^"}});
}

TEST(SheetReaderVariants, NumberLabelAsNoOrBangou) {
  for (const std::string label : {"施策№", "施策No.", "施策Ｎｏ．", "施策番号", "施策№施策名"}) {
    const auto sheet = read_one(titled_page({measure_table(label, false)}));
    EXPECT_EQ(sheet.measure.number, 35) << label << "\n" << codes(sheet);
    EXPECT_EQ(sheet.measure.name, "ものづくりの振興") << label;
  }
}

TEST(SheetReaderVariants, GradeLegendAsLinesOfOneCellOrAsCells) {
  for (const bool one_cell : {true, false}) {
    const auto sheet = read_one(titled_page({measure_table("施策№", one_cell)}));
    EXPECT_EQ(sheet.measure.evaluation.grade, "B") << one_cell;
    EXPECT_EQ(sheet.measure.evaluation.label, "概ね順調である") << one_cell << "\n" << codes(sheet);
  }
}

TEST(SheetReaderVariants, ARuleThatMatchesNothingIsWarnedWithItsLine) {
  const auto sheet = read_one(titled_page({measure_table("施策№", false)}));
  // No 基本目標, 目指す姿… on this page, and no indicator or project table.
  std::set<std::string> rules;
  for (const auto& w : with_code(sheet, "rule-unmatched")) {
    EXPECT_EQ(w.rule.rfind("test.yaml:", 0), 0u) << w.rule;
    rules.insert(w.rule);
    EXPECT_NE(w.message.find("matched nothing"), std::string::npos) << w.message;
  }
  const std::string text = shipped_rules_text();
  const auto line_of = [&](const std::string& needle) {
    return "test.yaml:" + std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<long>(text.find(needle)), '\n'));
  };
  EXPECT_TRUE(rules.count(line_of("- label: '^基本目標$'"))) << codes(sheet);
  EXPECT_TRUE(rules.count(line_of("header: '指標名'"))) << codes(sheet);
  EXPECT_FALSE(rules.count(line_of("- label: '^施策(?:"))) << "the number rule matched";
}

// What a ruling line left out makes of the projects table: each is a warning at its cells.
TEST(SheetReaderVariants, CellsRunTogetherAreWarned) {
  const std::vector<std::string> head = {"（事業№）行政計画事業名", "所管課", "本事業の取り組み", "計画事業量", "年度別事業計画",
                                         "令和元年度", "令和２年度"};
  // A body cell over both year columns: read for both years.
  const auto spanning = read_one(titled_page({grid(20, 300, 90, {head,
                                                                  {"1 講座の運営", "生涯学習課", "講座", "年10回", "目標", "5回", "<"},
                                                                  {"^", "^", "^", "(8回)", "実績", "4回", "6回"}})}));
  const auto twice = with_code(spanning, "cell-read-twice");
  ASSERT_EQ(twice.size(), 1u) << codes(spanning);
  EXPECT_EQ(twice[0].at->box[0], 20 + 5 * 90);
  EXPECT_EQ(twice[0].at->box[2], 20 + 7 * 90);
  // A header over two grid columns: two cells for one year's figure.
  auto merged_head = head;
  merged_head[6] = "<";
  const auto under_one = read_one(titled_page({grid(20, 300, 90, {merged_head,
                                                                   {"1 講座の運営", "生涯学習課", "講座", "年10回", "目標", "5回", "5回"},
                                                                   {"^", "^", "^", "(8回)", "実績", "4回", "6回"}})}));
  EXPECT_EQ(with_code(under_one, "cells-under-one-header").size(), 4u) << codes(under_one);
  // Two columns naming one year: one would overwrite the other.
  auto same_year = head;
  same_year[6] = "令和元年度";
  const auto twice_2019 = read_one(titled_page({grid(20, 300, 90, {same_year,
                                                                    {"1 講座の運営", "生涯学習課", "講座", "年10回", "目標", "5回", "5回"},
                                                                    {"^", "^", "^", "(8回)", "実績", "4回", "6回"}})}));
  const auto same = with_code(twice_2019, "same-year-columns");
  ASSERT_EQ(same.size(), 2u) << codes(twice_2019);
  EXPECT_EQ(same[0].at->box[3], 300 + 3 * 24) << "the whole column";
}

TEST(SheetReaderVariants, ABackPageWithoutATableHeaderIsWarned) {
  Document document = titled_page({project_table("計画事業量", {"年10回", "5回", "5回"}, {"(8回)", "4回", "6回"})});
  sheetx::test::add_back_page_without_header(document);
  const auto sheet = read_one(document);
  const auto unread = with_code(sheet, "unread-page");
  ASSERT_EQ(unread.size(), 1u) << codes(sheet);
  EXPECT_EQ(unread[0].at->page, 2);
  EXPECT_EQ(unread[0].at->box[2], 842);
}

TEST(SheetReaderVariants, AnActualAfterTheReviewPeriodIsWarned) {
  // The 目標 header cell lost with the table's right edge: 2023年度末 alone reads as an actual.
  const Table table = grid(20, 200, 90, {{"指標名", "出典", "策定時(2018年度末)", "R元(2019)年度末", "R２(2020)年度末", "2023年度末"},
                                         {"利用者数", "所管課調べ", "52,310人", "48,905人", "21,034人", "55,000人"}});
  const auto sheet = read_one(titled_page({table}));
  const auto after = with_code(sheet, "actual-after-period");
  ASSERT_EQ(after.size(), 1u) << codes(sheet);
  EXPECT_EQ(after[0].at->box[0], 20 + 5 * 90);
  EXPECT_NE(after[0].message.find("fiscal 2023"), std::string::npos) << after[0].message;
}

// The projects table: 1 講座の運営 (one activity over two rows) and the rows given after it.
Table lecture_project_then(std::vector<std::vector<std::string>> rows) {
  rows.insert(rows.begin(), {{"（事業№）行政計画事業名", "所管課", "本事業の取り組み", "計画事業量", "年度別事業計画", "令和元年度", "令和２年度"},
                             {"1 講座の運営", "生涯学習課", "講座", "年10回", "目標", "5回", "5回"},
                             {"^", "^", "^", "(8回)", "実績", "4回", "6回"}});
  return grid(20, 300, 90, rows);
}

TEST(SheetReaderVariants, ABlankActivityNameCellIsNotFilledInSilence) {
  const auto sheet = read_one(titled_page({lecture_project_then(
      {{"^", "^", "", "年2回", "目標", "1回", "1回"},
       {"^", "^", "^", "(2回)", "実績", "1回", "1回"}})}));
  ASSERT_EQ(sheet.projects.at(0).activities.size(), 2u);
  const auto missing = with_code(sheet, "missing-field");
  ASSERT_EQ(missing.size(), 1u) << codes(sheet);
  EXPECT_NE(missing[0].message.find("activity.name: its cell is blank"), std::string::npos) << missing[0].message;
  EXPECT_EQ(missing[0].at->box[1], 300 + 3 * 24);
}

// The FILE:LINE (as test.yaml) of the shipped rules' line that holds `needle`.
std::string shipped_rule_at(const std::string& needle) {
  const std::string text = shipped_rules_text();
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return "test.yaml:" + std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

// Items printed one to a line are read quietly; two in one line are two cells run together (a
// ruling line missing): read, and warned at their cell.
TEST(SheetReaderVariants, ItemsRunTogetherInOneLineAreWarnedAtTheirCell) {
  const auto apart = read_one(titled_page({grid(20, 200, 120, {{"主な取り組み", "①創業支援\n②区内定着支援"}})}));
  ASSERT_EQ(apart.measure.initiatives.size(), 2u) << codes(apart);
  EXPECT_TRUE(with_code(apart, "items-run-together").empty()) << codes(apart);

  const auto together = read_one(titled_page({grid(20, 200, 120, {{"主な取り組み", "①創業支援②区内定着支援"}})}));
  ASSERT_EQ(together.measure.initiatives.size(), 2u);
  EXPECT_EQ(together.measure.initiatives[1].number, 2);
  EXPECT_EQ(together.measure.initiatives[1].name, "区内定着支援");
  const auto warned = with_code(together, "items-run-together");
  ASSERT_EQ(warned.size(), 1u) << codes(together);
  EXPECT_EQ(warned[0].rule, shipped_rule_at("- label: '^主な取り組み$'"));
  EXPECT_NE(warned[0].message.find("holds 2 item(s) but only 1 line(s) start one"), std::string::npos)
      << warned[0].message;
  ASSERT_TRUE(warned[0].at);
  EXPECT_EQ(warned[0].at->box[0], 140);
  EXPECT_EQ(warned[0].at->box[1], 200);
}

// explain shows each cell of the items, joined into the text the items regex sees, under the rule.
TEST(SheetReaderVariants, ExplainShowsEachItemsCellTaken) {
  const std::vector<sheetx::rules::Ruleset> rules = {sheetx::rules::Ruleset::parse(shipped_rules_text(), "test.yaml")};
  const auto reading = sheetx::rules::Reader(rules).explain(
      titled_page({grid(20, 200, 120, {{"主な取り組み", "①創業支援", "②区内定着支援"}})}));
  ASSERT_EQ(reading.traces.size(), 1u);
  const auto& traces = reading.traces[0].rules;
  const auto items = std::find_if(traces.begin(), traces.end(),
                                  [](const auto& t) { return t.rule == shipped_rule_at("- label: '^主な取り組み$'"); });
  ASSERT_NE(items, traces.end());
  EXPECT_TRUE(items->matched);
  std::vector<std::pair<double, std::string>> joined;  // left edge, text
  for (const auto& look : items->looks)
    if (look.outcome == "joined into the text the items regex sees") {
      EXPECT_TRUE(look.matched);
      joined.push_back({look.box.x0, look.text});
    }
  EXPECT_EQ(joined, (std::vector<std::pair<double, std::string>>{{140, "①創業支援"}, {260, "②区内定着支援"}}));
}

// The record keeps one division per project: an activity's row printing another is warned at it.
TEST(SheetReaderVariants, AnotherDivisionOnALaterRowOfTheProjectIsWarnedAtItsCell) {
  const auto sheet = read_one(titled_page({lecture_project_then(
      {{"^", "文化課", "展示", "年2回", "目標", "1回", "1回"},
       {"^", "^", "^", "(2回)", "実績", "1回", "1回"}})}));
  ASSERT_EQ(sheet.projects.size(), 1u) << codes(sheet);
  EXPECT_EQ(sheet.projects[0].division, "生涯学習課");
  EXPECT_EQ(sheet.projects[0].activities.size(), 2u);
  const auto warned = with_code(sheet, "division-differs");
  ASSERT_EQ(warned.size(), 1u) << codes(sheet);
  EXPECT_EQ(warned[0].message, "project 「講座の運営」: a row's division 「文化課」 is not the project's 「生涯学習課」, which the record keeps");
  EXPECT_EQ(warned[0].rule, shipped_rule_at("{role: division,"));
  EXPECT_EQ(warned[0].at->box[0], 20 + 90);
  EXPECT_EQ(warned[0].at->box[1], 300 + 3 * 24);
}

// Text printed just right of a table, on its rows, is a column whose ruling is missing: warned.
TEST(SheetReaderVariants, TextBesideATableOnItsRowsIsWarned) {
  Document document = titled_page({project_table("計画事業量", {"年10回", "5回", "5回"}, {"(8回)", "4回", "6回"})});
  const double right = 20 + 7 * 90;
  document.pages[0].blocks.push_back({{right + 10, 326, right + 70, 346}, "定員見直し", {"定員見直し"}});
  document.pages[0].blocks.push_back({{right + 10, 500, right + 70, 520}, "欄外の注記", {"欄外の注記"}});  // below it
  document.pages[0].blocks.push_back({{right + 200, 326, right + 260, 346}, "遠い注記", {"遠い注記"}});    // far right
  const auto sheet = read_one(document);
  const auto warned = with_code(sheet, "unread-text");
  ASSERT_EQ(warned.size(), 1u) << codes(sheet);
  EXPECT_NE(warned[0].message.find("「定員見直し」 beside the projects table"), std::string::npos) << warned[0].message;
  EXPECT_EQ(warned[0].rule, shipped_rule_at("header: '行政計画事業名'"));
  EXPECT_EQ(warned[0].at->box[0], right + 10);
  EXPECT_EQ(warned[0].at->box[1], 326);
}

// Two rule files that both recognise a title: the first given reads the sheet, with a warning
// naming the other, never a silent choice.
TEST(SheetReaderVariants, ATitleTwoRuleFilesRecogniseIsWarned) {
  const std::vector<sheetx::rules::Ruleset> rules = {
      sheetx::rules::Ruleset::parse(shipped_rules_text(), "first.yaml"),
      sheetx::rules::Ruleset::parse(shipped_rules_text(), "second.yaml")};
  const auto sheets = sheetx::rules::read_sheets(titled_page({measure_table("施策№", false)}), rules);
  ASSERT_EQ(sheets.size(), 1u);
  const auto warned = with_code(sheets[0], "title-ambiguous");
  ASSERT_EQ(warned.size(), 1u) << codes(sheets[0]);
  EXPECT_EQ(warned[0].message.rfind("the title is recognised by second.yaml too: read with first.yaml", 0), 0u)
      << warned[0].message;
  EXPECT_FALSE(warned[0].at.has_value()) << "the whole sheet";
  const auto once = sheetx::rules::read_sheets(titled_page({measure_table("施策№", false)}), {rules[0]});
  EXPECT_TRUE(with_code(once.at(0), "title-ambiguous").empty());
}

// A project printed with its name and division but no activity (nothing in the activity and
// figure columns) is a project without activities, not one blank activity.
TEST(SheetReaderVariants, AProjectRowWithoutAnyActivityHasNoActivity) {
  const auto sheet = read_one(titled_page({lecture_project_then(
      {{"2 展示の運営", "文化課", "", "", "", "", ""}})}));
  ASSERT_EQ(sheet.projects.size(), 2u) << codes(sheet);
  EXPECT_EQ(sheet.projects[0].activities.size(), 1u);
  EXPECT_EQ(sheet.projects[1].name, "展示の運営");
  EXPECT_EQ(sheet.projects[1].division, "文化課");
  EXPECT_TRUE(sheet.projects[1].activities.empty()) << codes(sheet);
}

}  // namespace
