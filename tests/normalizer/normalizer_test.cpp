// Table-driven cases for the normalizer: every row of the record contract's quantity table (docs/records.md, "Quantities"),
// the figures of the 施策35 sheet, every year form of the issue, and what must fail.
#include <gtest/gtest.h>
#include <unicode/calendar.h>
#include <unicode/smpdtfmt.h>

#include "sheetx/normalizer.h"
#include "sheetx/records.h"

namespace sheetx::normalizer {
namespace {

const Normalizer& shared_normalizer() {
  static const Normalizer normalizer;  // the tests run on one thread
  return normalizer;
}

// ---------------------------------------------------------------------------------------------
// Width folding

struct FoldCase {
  const char* printed;
  const char* folded;
};

class FoldWidth : public testing::TestWithParam<FoldCase> {};

TEST_P(FoldWidth, FoldsOnlyTheFullWidthAsciiAndHalfWidthKatakana) {
  EXPECT_EQ(fold_width(GetParam().printed), GetParam().folded);
}

INSTANTIATE_TEST_SUITE_P(Cases, FoldWidth, testing::Values(
    FoldCase{"４，６００社", "4,600社"},
    FoldCase{"（１２．５％）", "(12.5%)"},
    FoldCase{"ＡＢＣｘｙｚ", "ABCxyz"},
    FoldCase{"Ｒ２（２０２０）", "R2(2020)"},
    FoldCase{"施策35　ものづくり", "施策35 ものづくり"},
    FoldCase{"－１", "-1"},
    FoldCase{"①②③", "①②③"},
    FoldCase{"㈱台東", "㈱台東"},
    FoldCase{"―", "―"},
    FoldCase{"デザイナー", "デザイナー"},
    FoldCase{"ﾃﾞｻﾞｲﾅｰ", "デザイナー"},
    FoldCase{"ｶﾞｲﾄﾞ", "ガイド"},
    FoldCase{"ｺｰｽ｡", "コース。"},
    FoldCase{"令和元～２年度", "令和元~2年度"},
    FoldCase{"㎡", "㎡"},
    FoldCase{"Ⅳ期", "Ⅳ期"},
    FoldCase{"", ""},
    FoldCase{"\xff", "\xEF\xBF\xBD"}));

// ---------------------------------------------------------------------------------------------
// No figure

struct NoFigureCase {
  const char* printed;
  bool no_figure;
};

class HasNoFigure : public testing::TestWithParam<NoFigureCase> {};

TEST_P(HasNoFigure, DecidesOnTheTextAsPrinted) {
  EXPECT_EQ(has_no_figure(GetParam().printed), GetParam().no_figure);
}

INSTANTIATE_TEST_SUITE_P(Cases, HasNoFigure, testing::Values(
    NoFigureCase{"", true},
    NoFigureCase{"―", true},
    NoFigureCase{"－", true},
    NoFigureCase{"-", true},
    NoFigureCase{"‐", true},
    NoFigureCase{" ― ", true},
    NoFigureCase{"　", true},
    NoFigureCase{"\n", true},
    NoFigureCase{"ー", true},
    NoFigureCase{"(―)", true},
    NoFigureCase{"0", false},
    NoFigureCase{"―1", false},
    NoFigureCase{"-3件", false},
    NoFigureCase{"―社", false},
    NoFigureCase{"未定", false}));

// ---------------------------------------------------------------------------------------------
// Quantities: the record format's JSON of each cell (raw left out: it is checked to be the
// input everywhere), plus "parenthesized" when set, and the problem expected (empty: none).

struct QuantityCase {
  const char* printed;
  const char* json;
  const char* problem = "";
};

std::ostream& operator<<(std::ostream& out, const QuantityCase& c) { return out << c.printed; }

nlohmann::json observed(const Quantity& quantity) {
  nlohmann::json json = records::to_json(quantity);  // compared as a map: key order aside
  json.erase("raw");
  if (quantity.parenthesized) json["parenthesized"] = true;
  return json;
}

void expect_quantity(const Normalizer& normalizer, const QuantityCase& c) {
  const Quantity quantity = normalizer.quantity(c.printed);
  EXPECT_EQ(quantity.raw, c.printed);
  EXPECT_EQ(observed(quantity), nlohmann::json::parse(c.json));
  if (*c.problem == '\0') {
    EXPECT_TRUE(quantity.problems.empty()) << quantity.problems.front();
  } else {
    ASSERT_FALSE(quantity.problems.empty());
    EXPECT_NE(quantity.problems.front().find(c.problem), std::string::npos)
        << quantity.problems.front();
  }
}

class QuantityTable : public testing::TestWithParam<QuantityCase> {};

TEST_P(QuantityTable, ReadsTheCell) { expect_quantity(shared_normalizer(), GetParam()); }

// The rows of the record contract's quantity table (docs/records.md, "Quantities"), in order.
INSTANTIATE_TEST_SUITE_P(RecordFormat, QuantityTable, testing::Values(
    QuantityCase{"延べ4,600社", R"({"value":4600,"unit":"社","cumulative":true})"},
    QuantityCase{"４，６００社", R"({"value":4600,"unit":"社"})"},
    QuantityCase{"年19社", R"({"value":19,"unit":"社","per_year":true})"},
    QuantityCase{"年19社\n(年15社)",
                 R"({"value":19,"unit":"社","per_year":true,"revised":{"value":15,"unit":"社","per_year":true}})"},
    QuantityCase{"45社（累計229社）", R"({"value":45,"unit":"社","running_total":229})"},
    QuantityCase{"(13社)(累計184社)",
                 R"({"value":13,"unit":"社","running_total":184,"parenthesized":true})"},
    QuantityCase{"(9社)", R"({"value":9,"unit":"社","parenthesized":true})"},
    QuantityCase{"―", R"({"value":null,"unit":null})"},
    QuantityCase{"－", R"({"value":null,"unit":null})"},
    QuantityCase{"-", R"({"value":null,"unit":null})"},
    QuantityCase{"", R"({"value":null,"unit":null})"},
    QuantityCase{"12.5％", R"({"value":12.5,"unit":"%"})"},
    QuantityCase{"1億2,000万円", R"({"value":120000000,"unit":"円"})"},
    QuantityCase{"三件", R"({"value":3,"unit":"件"})"},
    QuantityCase{"5件\n(実績は見込み)", R"({"value":5,"unit":"件","estimate":true})"}));

// Cells of the 施策35 sheet (shared/seed), as the extractor joins their lines.
INSTANTIATE_TEST_SUITE_P(Sheet35, QuantityTable, testing::Values(
    QuantityCase{"5,653社", R"({"value":5653,"unit":"社"})"},
    QuantityCase{"5,550社", R"({"value":5550,"unit":"社"})"},
    QuantityCase{"延べ4,700社", R"({"value":4700,"unit":"社","cumulative":true})"},
    QuantityCase{"延べ4,800社", R"({"value":4800,"unit":"社","cumulative":true})"},
    QuantityCase{"年9社", R"({"value":9,"unit":"社","per_year":true})"},
    QuantityCase{"(19社)", R"({"value":19,"unit":"社","parenthesized":true})"},
    QuantityCase{"15件", R"({"value":15,"unit":"件"})"},
    QuantityCase{"(1回)", R"({"value":1,"unit":"回","parenthesized":true})"},
    QuantityCase{"0件", R"({"value":0,"unit":"件"})"},
    QuantityCase{"45社\n（累計229社）", R"({"value":45,"unit":"社","running_total":229})"},
    QuantityCase{"年1回", R"({"value":1,"unit":"回","per_year":true})"},
    QuantityCase{"(13社)\n(累計184社)",
                 R"({"value":13,"unit":"社","running_total":184,"parenthesized":true})"},
    QuantityCase{"(131件)", R"({"value":131,"unit":"件","parenthesized":true})"},
    QuantityCase{"130回", R"({"value":130,"unit":"回"})"},
    QuantityCase{"年100件", R"({"value":100,"unit":"件","per_year":true})"},
    QuantityCase{"年100回", R"({"value":100,"unit":"回","per_year":true})"},
    QuantityCase{"（14回）", R"({"value":14,"unit":"回","parenthesized":true})"},
    QuantityCase{"104回", R"({"value":104,"unit":"回"})"},
    QuantityCase{"年3回", R"({"value":3,"unit":"回","per_year":true})"},
    QuantityCase{"(3件)\n(累計20件)",
                 R"({"value":3,"unit":"件","running_total":20,"parenthesized":true})"},
    QuantityCase{"9件\n（累計29件）", R"({"value":9,"unit":"件","running_total":29})"},
    QuantityCase{"(59件)\n(累計541件)",
                 R"({"value":59,"unit":"件","running_total":541,"parenthesized":true})"},
    QuantityCase{"(8件)\n(累計90件)",
                 R"({"value":8,"unit":"件","running_total":90,"parenthesized":true})"},
    QuantityCase{"136件\n（累計677件）", R"({"value":136,"unit":"件","running_total":677})"},
    QuantityCase{"27件\n（累計117件）", R"({"value":27,"unit":"件","running_total":117})"},
    QuantityCase{"(14件)\n(累計89件)",
                 R"({"value":14,"unit":"件","running_total":89,"parenthesized":true})"},
    QuantityCase{"50件\n（累計139件）", R"({"value":50,"unit":"件","running_total":139})"},
    QuantityCase{"年19社\n（年15社）",
                 R"({"value":19,"unit":"社","per_year":true,"revised":{"value":15,"unit":"社","per_year":true}})"},
    QuantityCase{"10件", R"({"value":10,"unit":"件"})"},
    QuantityCase{"―\n", R"({"value":null,"unit":null})"}));

// Figures: grouping, decimals, signs, multipliers, kanji numerals, counters, qualifiers.
INSTANTIATE_TEST_SUITE_P(Figures, QuantityTable, testing::Values(
    QuantityCase{"1,234,567人", R"({"value":1234567,"unit":"人"})"},
    QuantityCase{"１，２３４，５６７人", R"({"value":1234567,"unit":"人"})"},
    QuantityCase{"4600", R"({"value":4600,"unit":null})"},
    QuantityCase{"４６００", R"({"value":4600,"unit":null})"},
    QuantityCase{"0.5%", R"({"value":0.5,"unit":"%"})"},
    QuantityCase{"０．５％", R"({"value":0.5,"unit":"%"})"},
    QuantityCase{"100％", R"({"value":100,"unit":"%"})"},
    QuantityCase{"1,234.5千円", R"({"value":1234.5,"unit":"千円"})"},
    QuantityCase{"△3件", R"({"value":-3,"unit":"件"})"},
    QuantityCase{"▲1,200千円", R"({"value":-1200,"unit":"千円"})"},
    QuantityCase{"-3件", R"({"value":-3,"unit":"件"})"},
    QuantityCase{"－３件", R"({"value":-3,"unit":"件"})"},
    QuantityCase{"−3件", R"({"value":-3,"unit":"件"})"},  // U+2212 MINUS SIGN
    QuantityCase{"+2.5%", R"({"value":2.5,"unit":"%"})"},
    QuantityCase{"5千円", R"({"value":5,"unit":"千円"})"},
    QuantityCase{"3百万円", R"({"value":3,"unit":"百万円"})"},
    QuantityCase{"1万5千人", R"({"value":15000,"unit":"人"})"},
    QuantityCase{"2万人", R"({"value":20000,"unit":"人"})"},
    QuantityCase{"1.5億円", R"({"value":150000000,"unit":"円"})"},
    QuantityCase{"1億円", R"({"value":100000000,"unit":"円"})"},
    QuantityCase{"3千人", R"({"value":3000,"unit":"人"})"},
    QuantityCase{"１億２，０００万円", R"({"value":120000000,"unit":"円"})"},
    QuantityCase{"十二回", R"({"value":12,"unit":"回"})"},
    QuantityCase{"二千十九", R"({"value":2019,"unit":null})"},
    QuantityCase{"三", R"({"value":3,"unit":null})"},
    QuantityCase{"〇件", R"({"value":0,"unit":"件"})"},
    QuantityCase{"百件", R"({"value":100,"unit":"件"})"},
    QuantityCase{"三千円", R"({"value":3,"unit":"千円"})"},
    QuantityCase{"二十三万四千人", R"({"value":234000,"unit":"人"})"},
    QuantityCase{"年三回", R"({"value":3,"unit":"回","per_year":true})"},
    QuantityCase{"12か所", R"({"value":12,"unit":"か所"})"},
    QuantityCase{"3ヶ所", R"({"value":3,"unit":"ヶ所"})"},
    QuantityCase{"５団体", R"({"value":5,"unit":"団体"})"},
    QuantityCase{"2校", R"({"value":2,"unit":"校"})"},
    QuantityCase{"3ｺｰｽ", R"({"value":3,"unit":"コース"})"},
    QuantityCase{"５ｈａ", R"({"value":5,"unit":"ha"})"},
    QuantityCase{"40店舗", R"({"value":40,"unit":"店舗"})"},
    QuantityCase{"延べ１２，３４５人", R"({"value":12345,"unit":"人","cumulative":true})"},
    QuantityCase{"延12人", R"({"value":12,"unit":"人","cumulative":true})"},
    QuantityCase{"年間12回", R"({"value":12,"unit":"回","per_year":true})"},
    QuantityCase{"延べ 4,600 社", R"({"value":4600,"unit":"社","cumulative":true})"},
    QuantityCase{"　19社　", R"({"value":19,"unit":"社"})"},
    QuantityCase{"(累計184社)", R"({"value":184,"unit":"社","cumulative":true,"parenthesized":true})"},
    QuantityCase{"累計229社", R"({"value":229,"unit":"社","cumulative":true})"},
    QuantityCase{"(年15社)", R"({"value":15,"unit":"社","per_year":true,"parenthesized":true})"},
    QuantityCase{"（―）", R"({"value":null,"unit":null})"},
    QuantityCase{"―――", R"({"value":null,"unit":null})"},
    QuantityCase{"ｰ", R"({"value":null,"unit":null})"}));

// Japanese large numbers in digits: 兆 億 万 close groups of places, 千 百 stand within a group;
// a counter that starts with a multiplier (千円, 百万円) is the unit unless a multiplier came
// before. 1万5千円 once read as 10005 千円 (a 667-fold error).
INSTANTIATE_TEST_SUITE_P(LargeNumbers, QuantityTable, testing::Values(
    QuantityCase{"1万5千円", R"({"value":15000,"unit":"円"})"},
    QuantityCase{"１万５千円", R"({"value":15000,"unit":"円"})"},
    QuantityCase{"一万五千円", R"({"value":15000,"unit":"円"})"},
    QuantityCase{"1億2,000万円", R"({"value":120000000,"unit":"円"})"},
    QuantityCase{"1億2千万円", R"({"value":120000000,"unit":"円"})"},
    QuantityCase{"1億5千万円", R"({"value":150000000,"unit":"円"})"},
    QuantityCase{"１億５千万円", R"({"value":150000000,"unit":"円"})"},
    QuantityCase{"3万円", R"({"value":30000,"unit":"円"})"},
    QuantityCase{"３万円", R"({"value":30000,"unit":"円"})"},
    QuantityCase{"2千500円", R"({"value":2500,"unit":"円"})"},
    QuantityCase{"２千５００円", R"({"value":2500,"unit":"円"})"},
    QuantityCase{"3千万円", R"({"value":30000000,"unit":"円"})"},
    QuantityCase{"2千500万円", R"({"value":25000000,"unit":"円"})"},
    QuantityCase{"1千2百万円", R"({"value":12000000,"unit":"円"})"},
    QuantityCase{"1千2万円", R"({"value":10020000,"unit":"円"})"},
    QuantityCase{"1万5千5百円", R"({"value":15500,"unit":"円"})"},
    QuantityCase{"1億3百万円", R"({"value":103000000,"unit":"円"})"},
    QuantityCase{"12万3,456円", R"({"value":123456,"unit":"円"})"},
    QuantityCase{"1兆2,000億円", R"({"value":1200000000000,"unit":"円"})"},
    QuantityCase{"1,500万人", R"({"value":15000000,"unit":"人"})"},
    QuantityCase{"5千円", R"({"value":5,"unit":"千円"})"},
    QuantityCase{"５千円", R"({"value":5,"unit":"千円"})"},
    QuantityCase{"5百万円", R"({"value":5,"unit":"百万円"})"},
    QuantityCase{"五百万円", R"({"value":5,"unit":"百万円"})"},
    // 十 (or 百) came before the counter's multiplier: the figure counts 円, as 1万5千円 does.
    QuantityCase{"十五千円", R"({"value":15000,"unit":"円"})"},
    QuantityCase{"十万円", R"({"value":100000,"unit":"円"})"},
    QuantityCase{"1.5千円", R"({"value":1.5,"unit":"千円"})"},
    QuantityCase{"3千人", R"({"value":3000,"unit":"人"})"},
    QuantityCase{"1万千円", R"({"value":null,"unit":null})", "digits and kanji numerals mixed"},
    QuantityCase{"1万2万円", R"({"value":null,"unit":null})", "multipliers out of order"},
    QuantityCase{"1万1億円", R"({"value":null,"unit":null})", "multipliers out of order"},
    QuantityCase{"1億2億円", R"({"value":null,"unit":null})", "multipliers out of order"},
    QuantityCase{"1万20000人", R"({"value":null,"unit":null})", "multipliers out of order"},
    QuantityCase{"2千5000円", R"({"value":null,"unit":null})", "multipliers out of order"},
    QuantityCase{"5百3千円", R"({"value":null,"unit":null})", "multipliers out of order"},
    QuantityCase{"1万15千円", R"({"value":null,"unit":null})", "multipliers out of order"},
    // A part equal to the multiplier before it is out of order too: 1万10000 is no 2万.
    QuantityCase{"1万10000人", R"({"value":null,"unit":null})", "multipliers out of order"},
    QuantityCase{"1億10000万円", R"({"value":null,"unit":null})", "multipliers out of order"},
    QuantityCase{"2千1000円", R"({"value":null,"unit":null})", "multipliers out of order"},
    QuantityCase{"5百100円", R"({"value":null,"unit":null})", "multipliers out of order"}));

// Figures with qualifiers (docs/records.md, "Figures with qualifiers"), each form printed in
// half- and full-width.
INSTANTIATE_TEST_SUITE_P(Qualifiers, QuantityTable, testing::Values(
    QuantityCase{"約1,200人", R"({"value":1200,"unit":"人","approximate":true})"},
    QuantityCase{"約１，２００人", R"({"value":1200,"unit":"人","approximate":true})"},
    QuantityCase{"50%以上", R"({"value":50,"unit":"%","bound":"at_least"})"},
    QuantityCase{"５０％以上", R"({"value":50,"unit":"%","bound":"at_least"})"},
    QuantityCase{"10件以下", R"({"value":10,"unit":"件","bound":"at_most"})"},
    QuantityCase{"１０件以下", R"({"value":10,"unit":"件","bound":"at_most"})"},
    QuantityCase{"3回未満", R"({"value":3,"unit":"回","bound":"less_than"})"},
    QuantityCase{"３回未満", R"({"value":3,"unit":"回","bound":"less_than"})"},
    QuantityCase{"100人超", R"({"value":100,"unit":"人","bound":"more_than"})"},
    QuantityCase{"１００人超", R"({"value":100,"unit":"人","bound":"more_than"})"},
    QuantityCase{"年12回程度", R"({"value":12,"unit":"回","per_year":true,"approximate":true})"},
    QuantityCase{"年１２回程度", R"({"value":12,"unit":"回","per_year":true,"approximate":true})"},
    QuantityCase{"1～3回", R"({"value":1,"unit":"回","range_to":3})"},
    QuantityCase{"１～３回", R"({"value":1,"unit":"回","range_to":3})"},
    QuantityCase{"1〜3回", R"({"value":1,"unit":"回","range_to":3})"},
    QuantityCase{"１〜３回", R"({"value":1,"unit":"回","range_to":3})"},
    QuantityCase{"1~3回", R"({"value":1,"unit":"回","range_to":3})"},
    QuantityCase{"1回～3回", R"({"value":1,"unit":"回","range_to":3})"},
    QuantityCase{"1,000～1,500人", R"({"value":1000,"unit":"人","range_to":1500})"},
    QuantityCase{"3～3回", R"({"value":3,"unit":"回","range_to":3})"},  // ends equal: not backwards
    QuantityCase{"3割", R"({"value":3,"unit":"割"})"},
    QuantityCase{"３割", R"({"value":3,"unit":"割"})"},
    QuantityCase{"1.5倍", R"({"value":1.5,"unit":"倍"})"},
    QuantityCase{"１．５倍", R"({"value":1.5,"unit":"倍"})"},
    QuantityCase{"実施", R"({"value":null,"unit":null,"status":"実施"})"},
    QuantityCase{"　実施　", R"({"value":null,"unit":null,"status":"実施"})"},
    QuantityCase{"未実施", R"({"value":null,"unit":null,"status":"未実施"})"},
    QuantityCase{"完了", R"({"value":null,"unit":null,"status":"完了"})"},
    QuantityCase{"検討中", R"({"value":null,"unit":null,"status":"検討中"})"},
    QuantityCase{"○", R"({"value":null,"unit":null,"status":"○"})"},
    QuantityCase{"×", R"({"value":null,"unit":null,"status":"×"})"},
    QuantityCase{"約1～3回", R"({"value":1,"unit":"回","approximate":true,"range_to":3})"},
    QuantityCase{"100人以上程度", R"({"value":100,"unit":"人","approximate":true,"bound":"at_least"})"},
    QuantityCase{"年約12回", R"({"value":12,"unit":"回","per_year":true,"approximate":true})"},
    QuantityCase{"(約9社)", R"({"value":9,"unit":"社","approximate":true,"parenthesized":true})"},
    QuantityCase{"約100件", R"({"value":100,"unit":"件","approximate":true})"}));

// A qualified figure that cannot be read whole says so.
INSTANTIATE_TEST_SUITE_P(QualifierFailures, QuantityTable, testing::Values(
    QuantityCase{"1回～3件", R"({"value":null,"unit":null})", "different units"},
    QuantityCase{"３～１回", R"({"value":null,"unit":null})", "runs backwards"},
    QuantityCase{"1～回", R"({"value":null,"unit":null})", "no figure in '1~回'"},
    QuantityCase{"～3回", R"({"value":null,"unit":null})", "no figure in '~3回'"},
    QuantityCase{"10件以上以下", R"({"value":null,"unit":null})", "two bounds"},
    QuantityCase{"約", R"({"value":null,"unit":null})", "no figure"},
    QuantityCase{"以上", R"({"value":null,"unit":null})", "no figure"},
    QuantityCase{"〇", R"({"value":null,"unit":null})", "a mark or a zero"},
    QuantityCase{"実施\n3回", R"({"value":null,"unit":null})", "status word '実施' beside a figure"},
    QuantityCase{"19社\n(約15社)", R"({"value":19,"unit":"社"})", "says more than a revision holds"},
    QuantityCase{"19社\n(実施)", R"({"value":19,"unit":"社"})", "says more than a revision holds"},
    QuantityCase{"19社\n(15社以上)", R"({"value":19,"unit":"社"})", "says more than a revision holds"},
    QuantityCase{"19社\n(15～17社)", R"({"value":19,"unit":"社"})", "says more than a revision holds"},
    QuantityCase{"45社\n(累計約229社)", R"({"value":45,"unit":"社","running_total":229})", "is qualified"},
    QuantityCase{"実施済", R"({"value":null,"unit":null})", "no figure"}));

// 見込み: an estimated actual, wherever the cell says so.
INSTANTIATE_TEST_SUITE_P(Estimates, QuantityTable, testing::Values(
    QuantityCase{"15社見込み", R"({"value":15,"unit":"社","estimate":true})"},
    QuantityCase{"15社\n(見込み)", R"({"value":15,"unit":"社","estimate":true})"},
    QuantityCase{"見込み15社", R"({"value":15,"unit":"社","estimate":true})"},
    QuantityCase{"（見込）8件", R"({"value":8,"unit":"件","estimate":true})"},
    QuantityCase{"年19社見込み\n(年15社)",
                 R"({"value":19,"unit":"社","per_year":true,"estimate":true,"revised":{"value":15,"unit":"社","per_year":true}})"},
    QuantityCase{"見込み", R"({"value":null,"unit":null,"estimate":true})", "no figure"}));

// What cannot be read says so: value null (or the unit kept as printed) and a problem.
INSTANTIATE_TEST_SUITE_P(Failures, QuantityTable, testing::Values(
    QuantityCase{"未定", R"({"value":null,"unit":null})", "no figure"},
    QuantityCase{"約?", R"({"value":null,"unit":null})", "no figure"},
    QuantityCase{"?", R"({"value":null,"unit":null})", "no figure"},
    QuantityCase{"社", R"({"value":null,"unit":null})", "no figure"},
    QuantityCase{"abc", R"({"value":null,"unit":null})", "no figure"},
    QuantityCase{"10ブース", R"({"value":10,"unit":"ブース"})", "unknown counter 'ブース'"},
    QuantityCase{"１０ｘ", R"({"value":10,"unit":"x"})", "unknown counter 'x'"},
    QuantityCase{"5社です", R"({"value":5,"unit":"社です"})", "unknown counter"},
    QuantityCase{"1,23社", R"({"value":null,"unit":null})", "malformed number '1,23'"},
    QuantityCase{"4,6000社", R"({"value":null,"unit":null})", "malformed number"},
    QuantityCase{"1234,567社", R"({"value":null,"unit":null})", "malformed number"},
    QuantityCase{"12.社", R"({"value":null,"unit":null})", "malformed number"},
    QuantityCase{"1.2.3件", R"({"value":null,"unit":null})", "malformed number"},
    QuantityCase{"1億二千万円", R"({"value":null,"unit":null})", "digits and kanji numerals mixed"},
    QuantityCase{"3三件", R"({"value":null,"unit":null})", "digits and kanji numerals mixed"},
    QuantityCase{"一二三件", R"({"value":null,"unit":null})", "kanji numeral '一二三' not readable"},
    QuantityCase{"19社\n15社", R"({"value":19,"unit":"社"})", "unexpected figure '15社'"},
    QuantityCase{"(1社)\n(2社)", R"({"value":1,"unit":"社","parenthesized":true})", "unexpected figure '2社'"},
    QuantityCase{"(9社", R"({"value":9,"unit":"社","parenthesized":true})", "'(' without ')'"},
    QuantityCase{"9社)", R"({"value":9,"unit":"社"})", "')' without '('"},
    QuantityCase{"((9社))", R"({"value":9,"unit":"社","parenthesized":true})", "nested parentheses"},
    QuantityCase{"()9社", R"({"value":9,"unit":"社"})", "empty parentheses"},
    QuantityCase{"45社\n（累計229件）", R"({"value":45,"unit":"社","running_total":229})",
                 "counts in another unit"},
    QuantityCase{"45社\n(累計229社)\n(累計230社)", R"({"value":45,"unit":"社","running_total":229})",
                 "second running total"},
    QuantityCase{"年社", R"({"value":null,"unit":null})", "no figure in '年社'"},
    QuantityCase{"△", R"({"value":null,"unit":null})", "no figure"},
    QuantityCase{"9999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999億円",
                 R"({"value":null,"unit":null})", "too large"}));

TEST(Quantity, RuleFileCountersAreKnownAndFolded) {
  const Normalizer normalizer({"ブース", "ｾｯﾄ"});
  expect_quantity(normalizer, {"10ブース", R"({"value":10,"unit":"ブース"})"});
  expect_quantity(normalizer, {"2セット", R"({"value":2,"unit":"セット"})"});
  expect_quantity(normalizer, {"2ｾｯﾄ", R"({"value":2,"unit":"セット"})"});
  expect_quantity(normalizer, {"3社", R"({"value":3,"unit":"社"})"});
}

TEST(Quantity, JsonPrintsQualifiersInContractOrder) {
  EXPECT_EQ(records::to_json(shared_normalizer().quantity("年約1～3回以上")).dump(),
            R"({"raw":"年約1～3回以上","value":1,"unit":"回","per_year":true,"approximate":true,)"
            R"("bound":"at_least","range_to":3})");
  EXPECT_EQ(records::to_json(shared_normalizer().quantity("実施")).dump(),
            R"({"raw":"実施","value":null,"unit":null,"status":"実施"})");
  EXPECT_EQ(records::to_json(shared_normalizer().quantity("1.5倍")).dump(),
            R"({"raw":"1.5倍","value":1.5,"unit":"倍"})");
}

TEST(Quantity, JsonPrintsWholeNumbersAsIntegersAndOnlyTheFlagsSetInContractOrder) {
  const Quantity quantity = shared_normalizer().quantity("延べ4,600社");
  EXPECT_EQ(records::to_json(quantity).dump(),
            R"({"raw":"延べ4,600社","value":4600,"unit":"社","cumulative":true})");
  EXPECT_EQ(records::to_json(shared_normalizer().quantity("")).dump(),
            R"({"raw":"","value":null,"unit":null})");
}

// ---------------------------------------------------------------------------------------------
// Fiscal years

// The first warning holds `expected`; an empty `expected`: there is no warning.
void expect_first_warning(const std::vector<std::string>& warnings, const char* expected) {
  if (*expected == '\0') {
    EXPECT_TRUE(warnings.empty()) << warnings.front();
  } else {
    ASSERT_FALSE(warnings.empty());
    EXPECT_NE(warnings.front().find(expected), std::string::npos) << warnings.front();
  }
}

struct YearCase {
  const char* printed;
  std::optional<int> year;  // nullopt: names no year
  bool year_end = false;
  const char* how = "";     // substring of `how`
  const char* warning = ""; // substring of the first warning; empty: no warning
  bool estimate = false;
};

std::ostream& operator<<(std::ostream& out, const YearCase& c) { return out << c.printed; }

class FiscalYearTable : public testing::TestWithParam<YearCase> {};

TEST_P(FiscalYearTable, ReadsTheHeader) {
  const YearCase& c = GetParam();
  const std::optional<FiscalYear> year = shared_normalizer().fiscal_year(c.printed);
  ASSERT_EQ(year.has_value(), c.year.has_value());
  if (!year) return;
  EXPECT_EQ(year->year, *c.year);
  EXPECT_EQ(year->year_end, c.year_end);
  EXPECT_EQ(year->estimate, c.estimate);
  EXPECT_NE(year->how.find(c.how), std::string::npos) << year->how;
  expect_first_warning(year->warnings, c.warning);
}

INSTANTIATE_TEST_SUITE_P(Headers, FiscalYearTable, testing::Values(
    YearCase{"令和元年度", 2019, false, "era 令和 1 (printed 令和元年)"},
    YearCase{"令和２年度", 2020, false, "era 令和 2"},
    YearCase{"令和2年度", 2020, false, "era 令和 2"},
    YearCase{"令和 2 年度", 2020, false, "era 令和 2"},
    YearCase{"令和３年度\n(実績は見込み)", 2021, false, "era 令和 3", "", true},
    YearCase{"見込\n令和３年度", 2021, false, "era 令和 3", "", true},  // 見込 first
    YearCase{"令和10年度", 2028, false, "era 令和 10"},
    YearCase{"(2018年度末)", 2018, true, "Gregorian 2018"},
    YearCase{"策定時\n(2018年度末)", 2018, true, "Gregorian 2018"},
    YearCase{"R元(2019)\n年度末", 2019, true, "era 令和 1 (printed R元), Gregorian 2019"},
    YearCase{"R２(2020)\n年度末", 2020, true, "Gregorian 2020"},
    YearCase{"R２(2020)年度末", 2020, true, "era 令和 2 (printed R2)"},
    YearCase{"Ｒ２（２０２０）年度末", 2020, true, "era 令和 2"},
    YearCase{"2023年度末", 2023, true, "Gregorian 2023"},
    YearCase{"2028年度末", 2028, true, "Gregorian 2028"},
    YearCase{"2019年度", 2019, false, "Gregorian 2019"},
    YearCase{"2020年", 2020, false, "Gregorian 2020"},
    YearCase{"（平成３０年度事業量）", 2018, false, "era 平成 30"},
    YearCase{"(平成30年度事業量)", 2018, false, "era 平成 30"},
    YearCase{"平成30年度", 2018, false, "era 平成 30"},
    YearCase{"平成元年度", 1989, false, "era 平成 1"},
    YearCase{"平成31年度", 2019, false, "era 平成 31"},
    YearCase{"H30", 2018, false, "era 平成 30 (printed H30)"},
    YearCase{"H31", 2019, false, "era 平成 31"},
    YearCase{"R1", 2019, false, "era 令和 1 (printed R1)"},
    YearCase{"R元", 2019, false, "era 令和 1"},
    YearCase{"R2", 2020, false, "era 令和 2"},
    YearCase{"S63", 1988, false, "era 昭和 63"},
    YearCase{"昭和64年", 1989, false, "era 昭和 64"},
    YearCase{"大正15年", 1926, false, "era 大正 15"},
    YearCase{"明治45年", 1912, false, "era 明治 45"}));

// `how` (what `sheetx value` prints) adds "(printed …)" only when the print is not the era and
// year it names written plainly: a reader is told of 元 or a letter, not of the plain form.
TEST(FiscalYear, HowNamesThePrintedFormOnlyWhenItDiffers) {
  EXPECT_EQ(shared_normalizer().fiscal_year("令和2年度")->how, "era 令和 2");
  EXPECT_EQ(shared_normalizer().fiscal_year("平成30年度")->how, "era 平成 30");
  EXPECT_EQ(shared_normalizer().fiscal_year("令和元年度")->how, "era 令和 1 (printed 令和元年)");
}

// The normalizer reads eras from a table of its own (ICU's calendar formats cost more than the
// rest of a sheet): every era ICU's Japanese calendar knows from 明治 on must read as ICU says,
// by name and by letter, its first and last years without a warning and the year after its end
// with one. A new era in ICU's data fails here until the table has it.
TEST(FiscalYear, EveryEraFromMeijiReadsAsIcusJapaneseCalendarSaysIt) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale japanese("ja_JP@calendar=japanese");
  std::unique_ptr<icu::Calendar> calendar(icu::Calendar::createInstance(japanese, status));
  icu::SimpleDateFormat name_format(icu::UnicodeString(u"G"), japanese, status);
  icu::SimpleDateFormat letter_format(icu::UnicodeString(u"GGGGG"), japanese, status);
  ASSERT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  constexpr int32_t kMeiji = 232;  // ICU's index of 明治
  const int32_t newest = calendar->getMaximum(UCAL_ERA);
  ASSERT_GE(newest, 236);  // 令和
  for (int32_t era = kMeiji; era <= newest; ++era) {
    calendar->clear();
    calendar->set(UCAL_ERA, era);
    calendar->set(UCAL_YEAR, 1);
    const int32_t first = calendar->get(UCAL_EXTENDED_YEAR, status);
    const int32_t last = calendar->getActualMaximum(UCAL_YEAR, status);
    icu::UnicodeString name, letter;
    icu::FieldPosition field;
    std::string name_utf8, letter_utf8;
    name_format.format(*calendar, name, field).toUTF8String(name_utf8);
    letter_format.format(*calendar, letter, field).toUTF8String(letter_utf8);
    ASSERT_TRUE(U_SUCCESS(status)) << u_errorName(status);
    SCOPED_TRACE(name_utf8 + " " + letter_utf8 + " from " + std::to_string(first));

    for (const std::string& printed : {name_utf8 + "元年度", name_utf8 + "1年度", letter_utf8 + "1", letter_utf8 + "元"}) {
      const std::optional<FiscalYear> year = shared_normalizer().fiscal_year(printed);
      ASSERT_TRUE(year.has_value()) << printed;
      EXPECT_EQ(year->year, first) << printed;
      EXPECT_TRUE(year->warnings.empty()) << printed;
    }
    if (era == newest) {
      const std::optional<FiscalYear> tenth = shared_normalizer().fiscal_year(name_utf8 + "10年度");
      ASSERT_TRUE(tenth.has_value());
      EXPECT_EQ(tenth->year, first + 9);
      EXPECT_TRUE(tenth->warnings.empty());
      continue;
    }
    const std::optional<FiscalYear> final_year = shared_normalizer().fiscal_year(name_utf8 + std::to_string(last) + "年度");
    ASSERT_TRUE(final_year.has_value());
    EXPECT_EQ(final_year->year, first + last - 1);
    EXPECT_TRUE(final_year->warnings.empty());
    const std::optional<FiscalYear> past = shared_normalizer().fiscal_year(letter_utf8 + std::to_string(last + 1));
    ASSERT_TRUE(past.has_value());
    EXPECT_EQ(past->year, first + last);
    ASSERT_EQ(past->warnings.size(), 1u);
    EXPECT_NE(past->warnings.front().find("is not a year of " + name_utf8), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(Failures, FiscalYearTable, testing::Values(
    YearCase{"平成32年度", 2020, false, "era 平成 32", "is not a year of 平成"},
    YearCase{"H32", 2020, false, "era 平成 32", "(its years are 1 to 31)"},
    YearCase{"昭和65年", 1990, false, "era 昭和 65", "is not a year of 昭和"},
    YearCase{"明治46年", 1913, false, "era 明治 46", "is not a year of 明治"},
    YearCase{"令和0年度", 2018, false, "era 令和 0", "is not a year of 令和"},
    YearCase{"R２(2019)年度末", 2020, true, "Gregorian 2019", "is 2020 but the Gregorian year printed"},
    YearCase{"令和元年度(2018)", 2019, false, "", "is 2019 but the Gregorian year printed"},
    YearCase{"目標", std::nullopt},
    YearCase{"", std::nullopt},
    YearCase{"年度", std::nullopt},
    YearCase{"令和", std::nullopt},
    YearCase{"元年度", std::nullopt},
    YearCase{"R", std::nullopt},
    YearCase{"文化産業観光部", std::nullopt},
    YearCase{"19社", std::nullopt}));

// ---------------------------------------------------------------------------------------------
// Period labels

struct PeriodCase {
  const char* printed;
  std::optional<std::pair<int, int>> years;
  const char* warning = "";
};

std::ostream& operator<<(std::ostream& out, const PeriodCase& c) { return out << c.printed; }

class PeriodTable : public testing::TestWithParam<PeriodCase> {};

TEST_P(PeriodTable, ReadsTheLabel) {
  const PeriodCase& c = GetParam();
  const std::optional<Period> period = shared_normalizer().period(c.printed);
  ASSERT_EQ(period.has_value(), c.years.has_value());
  if (!period) return;
  EXPECT_EQ(period->from_fiscal_year, c.years->first);
  EXPECT_EQ(period->to_fiscal_year, c.years->second);
  expect_first_warning(period->warnings, c.warning);
}

INSTANTIATE_TEST_SUITE_P(Labels, PeriodTable, testing::Values(
    PeriodCase{"令和元～２年度", std::pair{2019, 2020}},
    PeriodCase{"令和元〜２年度", std::pair{2019, 2020}},
    PeriodCase{"令和元~2年度", std::pair{2019, 2020}},
    PeriodCase{"令和元年度～令和２年度", std::pair{2019, 2020}},
    PeriodCase{"平成30～令和2年度", std::pair{2018, 2020}},
    PeriodCase{"平成30年度から令和2年度", std::pair{2018, 2020}},
    PeriodCase{"令和元年度から３年度", std::pair{2019, 2021}},  // から is two characters wide
    PeriodCase{"2019～2020年度", std::pair{2019, 2020}},
    PeriodCase{"令和元年度", std::pair{2019, 2019}},
    PeriodCase{"平成30～32年度", std::pair{2018, 2020}, "is not a year of 平成"},
    PeriodCase{"令和３～元年度", std::pair{2021, 2019}, "ends before it starts"},
    // The end's own doubts are the period's: an era year past its era, a Gregorian year that disagrees.
    PeriodCase{"平成30年度～平成32年度", std::pair{2018, 2020}, "is not a year of 平成"},
    PeriodCase{"令和元年度～令和２(2019)年度", std::pair{2019, 2020}, "is 2020 but the Gregorian year printed"},
    // Other dashes between the years, and an era start with a Gregorian end.
    PeriodCase{"2019-2020年度", std::pair{2019, 2020}},
    PeriodCase{"令和元年度―令和２年度", std::pair{2019, 2020}},
    PeriodCase{"令和元年度－令和２年度", std::pair{2019, 2020}},
    PeriodCase{"令和元年度～2021年度", std::pair{2019, 2021}},
    PeriodCase{"長期総合計画", std::nullopt},
    PeriodCase{"～２年度", std::nullopt},
    PeriodCase{"令和元～年度", std::nullopt},
    PeriodCase{"2019～20年度", std::nullopt}));

}  // namespace
}  // namespace sheetx::normalizer
