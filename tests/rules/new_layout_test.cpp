// A third layout read by a rule file alone: the test describes a small sheet (two half-page
// 事業点検票 on one A4 page), has the sample generator print it and write the records it
// holds, writes a rule file for it, and reads the PDF with that file: no C++ knows this layout.
#include <gtest/gtest.h>

#include <fstream>

#include "../support/test_support.h"
#include "record_diff.h"
#include "sheetx/extractor.h"
#include "sheetx/record_json.h"
#include "sheetx/rules.h"

namespace {

using namespace sheetx::testing;

// The layout as printed: a title, the year as a "label：value" line of free text, a ruled block
// of label | value cells (the division as "label：value" inside a cell, ■□ boxes, a circled
// word), and an outcome table whose headers give each figure's year and kind.
constexpr const char* kCard = R"(kind: project
municipality: {code: "999998", name: 見本村}
ruleset: {id: mihon-tenken, version: "1"}
layout: {page: a4-portrait, margin: 36, sizes: {body: 8, heading: 11}}
pages:
  - - {text: 事業点検票, size: 13, align: center}
    - {label: "点検年度：", text: 令和５年度, into: period}
    - grid:
        columns: [70, 190, 70, 190]
        rows:
          - [事業番号, {text: "7", into: project.code}, 事業名, {text: 窓口案内の改善, into: project.name}]
          - [所管, {label: "課名：", text: 総務課, into: project.division},
             区分, {options: [法定, 任意], chosen: 任意, into: project.mandatory, values: {法定: true, 任意: false}}]
          - [今後, {options: [拡充, 継続, 廃止], chosen: 継続, mark: circle, into: project.direction, span: 3}]
    - grid:
        columns: [180, 40, 100, 100, 100]
        table: {into: indicators, indicator_kind: outcome, roles: [name, unit, year, year, year], kinds: {目標: target, 実績: actual}}
        rows:
          - {head: true, cells: [成果指標, 単位, Ｒ４実績, Ｒ５目標, Ｒ５実績]}
          - [窓口の満足度, ％, "62", "70", "68.5"]
)";

// The rule file a newcomer writes for it (rules/README.md, "Writing a rule file").
constexpr const char* kCardRules = R"(id: mihon-tenken
version: "1"
kind: project
municipality: {code: "999998", name: 見本村}
sheet:
  title: '^事業点検票$'
  several_per_page: true          # two cards on a page: each title starts one
period: {label: '^点検年度[:：]', take: after}
project:
  - {label: '^事業番号$', into: code}
  - {label: '^事業名$', into: name}
  - {label: '^課名[:：]', take: after, into: division}
  - {label: '^区分$', options: {ticked: '■', unticked: '□'}, into: mandatory, values: {法定: true, 任意: false}}
  - {label: '^今後$', options: {circled: true, separator: '・'}, into: direction}
tables:
  - into: indicators
    header: '^成果指標$'
    kind: outcome
    kinds: {target: '目標$', actual: '実績$'}
    columns:
      - {role: name, header: '^成果指標$'}
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
  std::string second = with(kCard, "margin: 36,", "margin: 36, same_page: true, top: 440,");
  second = with(second, "\"7\"", "\"8\"");
  second = with(second, "窓口案内の改善", "広報紙の発行");
  second = with(second, "chosen: 任意", "chosen: 法定");
  second = with(second, "chosen: 継続", "chosen: 拡充");
  second = with(second, "\"62\", \"70\", \"68.5\"", "\"―\", \"50以上\", \"約55\"");
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
    got.erase("id");  // the sheet id is the command's (records::SheetIds over a run)
    want.erase("id");
    std::string differences;
    for (const auto& d : sheetx::cli::diff_records(want, got))
      differences += d.path + ": expected " + d.expected + ", got " + d.got + "\n";
    EXPECT_EQ(differences, "") << "card " << code;
    EXPECT_EQ(sheet.source.first_page, 1);
    EXPECT_EQ(sheet.source.last_page, 1);
  }
  EXPECT_EQ(sheets[0].projects.at(0).direction->choice, "継続");  // circled
  EXPECT_EQ(sheets[1].projects.at(0).direction->choice, "拡充");
  EXPECT_EQ(sheets[1].projects.at(0).mandatory, true);
}

}  // namespace
