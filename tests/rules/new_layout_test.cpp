// A third layout read by a rule file alone: the test describes a small sheet (two half-page
// "事業評価カード" on one A4 page), has the sample generator print it and write the records it
// holds, writes a rule file for it, and reads the PDF with that file: no C++ knows this layout.
#include <gtest/gtest.h>

#include <fstream>

#include "../support/test_support.h"
#include "sheetx/extractor.h"
#include "sheetx/record_json.h"
#include "sheetx/rules.h"

namespace {

using namespace sheetx::testing;

// The layout as printed: a title, the year and the division as "label：value" lines of free
// text, a ruled block of label | value cells with two rows of ticked options (■□ and ●○), and
// an indicator table whose headers give each figure's year and kind.
constexpr const char* kCard = R"(kind: project
municipality: {code: "999999", name: 見本町}
ruleset: {id: mihon-card, version: "1"}
layout: {page: a4-portrait, margin: 30, sizes: {body: 8, heading: 10}}
pages:
  - - {text: 事業評価カード, size: 14}
    - {label: "年度：", text: 令和５年度, into: period}
    - {label: "担当課：", text: 総務課, into: project.division}
    - grid:
        columns: [60, 200, 60, 200]
        rows:
          - [番号, {text: "7", into: project.code}, 事業名, {text: 窓口案内の改善, into: project.name}]
          - [区分, {options: [法定, 任意], chosen: 任意, into: project.mandatory, values: {法定: true, 任意: false}},
             方向性, {options: [拡充, 継続, 廃止], chosen: 継続, marks: [●, ○], into: project.direction}]
    - grid:
        columns: [200, 40, 100, 100]
        table: {into: indicators, indicator_kind: activity, roles: [name, unit, year, year], kinds: {目標: target, 実績: actual}}
        rows:
          - {head: true, cells: [指標, 単位, Ｒ５目標, Ｒ５実績]}
          - [案内件数, 件, "1,000", "１，２３４"]
)";

// The rule file a newcomer writes for it (rules/README.md, "Writing a rule file").
constexpr const char* kCardRules = R"(id: mihon-card
version: "1"
kind: project
municipality: {code: "999999", name: 見本町}
sheet:
  title: '^事業評価カード$'
  several_per_page: true          # two cards on a page: each title starts one
period: {label: '^年度[:：]', take: after}
project:
  - {label: '^番号$', into: code}
  - {label: '^事業名$', into: name}
  - {label: '^担当課[:：]', take: after, into: division}
  - {label: '^区分$', options: {ticked: '■', unticked: '□'}, into: mandatory, values: {法定: true, 任意: false}}
  - {label: '^方向性$', options: {ticked: '●', unticked: '○'}, into: direction}
tables:
  - into: indicators
    header: '^指標$'
    kind: activity
    kinds: {target: '目標$', actual: '実績$'}
    columns:
      - {role: name, header: '^指標$'}
      - {role: unit, header: '^単位$'}
      - {role: figure, header: '(目標|実績)$'}
)";

// `text` with `from` replaced by `to`.
std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(NewLayout, TwoCardsOnOnePageAreReadByARuleFileAlone) {
  const fs::path dir = scratch("rules-new-layout");
  std::string second = with(kCard, "margin: 30,", "margin: 30, same_page: true, top: 440,");
  second = with(second, "\"7\"", "\"8\"");
  second = with(second, "窓口案内の改善", "広報紙の発行");
  second = with(second, "chosen: 任意", "chosen: 法定");
  second = with(second, "chosen: 継続", "chosen: 拡充");
  second = with(second, "\"1,000\", \"１，２３４\"", "\"約5,000\", \"5,100\"");
  std::ofstream(dir / "a.yaml") << kCard;
  std::ofstream(dir / "b.yaml") << second;
  std::ofstream(dir / "card.yaml") << kCardRules;
  const CommandResult made = run("/usr/bin/python3 " + quoted(kSamples / "project_sheets.py") + " --out " +
                                 quoted(dir) + " --name card --description " + quoted(dir / "a.yaml") +
                                 " --description " + quoted(dir / "b.yaml") + " 2>&1");
  ASSERT_EQ(made.status, 0) << made.out;

  const sheetx::rules::Reader reader({sheetx::rules::Ruleset::load((dir / "card.yaml").string())});
  const auto sheets = reader.read(sheetx::extractor::extract_file((dir / "card.pdf").string()));
  ASSERT_EQ(sheets.size(), 2u);
  for (const auto& [sheet, code] : {std::pair{sheets[0], "7"}, std::pair{sheets[1], "8"}}) {
    auto got = sheetx::records::to_json(sheet);
    auto want = nlohmann::ordered_json::parse(read_file(dir / ("card-" + std::string(code) + ".expected.json")));
    for (auto* record : {&got, &want}) {
      record->erase("id");      // the sheet id is the command's (records::SheetIds over a run)
      record->erase("source");  // path and digest are the caller's
    }
    EXPECT_EQ(got.dump(2), want.dump(2)) << "card " << code;
  }
  EXPECT_EQ(sheets[0].projects.at(0).direction->choice, "継続");
  EXPECT_EQ(sheets[1].projects.at(0).mandatory, true);
}

}  // namespace
