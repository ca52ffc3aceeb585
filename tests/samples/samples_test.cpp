// The sample corpus is what it claims to be: the replica holds the seed's text, every expected file
// follows the schema and matches its PDF, the committed files are what samples/generate.py makes,
// and each bad input is broken the way its name says. Uses poppler-utils, qpdf and python3 only.
#include <gtest/gtest.h>

#include "../support/test_support.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using sheetx::testing::kRoot;
using sheetx::testing::kSamples;
using sheetx::testing::quoted;
using sheetx::testing::read_file;
using sheetx::testing::run;
using sheetx::testing::CommandResult;

// Whitespace-separated tokens with their counts.
std::map<std::string, int> tokens(const std::string& text) {
  std::map<std::string, int> counts;
  std::istringstream in(text);
  std::string token;
  while (in >> token) ++counts[token];
  return counts;
}

std::vector<fs::path> expected_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kSamples)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 14 && name.ends_with(".expected.json")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

int page_count(const fs::path& pdf) {
  const CommandResult info = run("pdfinfo " + quoted(pdf));
  std::smatch m;
  if (info.status != 0 || !std::regex_search(info.out, m, std::regex(R"(Pages:\s+(\d+))")))
    throw std::runtime_error("pdfinfo cannot read " + pdf.string());
  return std::stoi(m[1]);
}

TEST(Samples, ReplicaHoldsTheSeedText) {
  const auto seed = tokens(read_file(kSamples / "src" / "taito-35.seed.txt"));
  const CommandResult replica = run("pdftotext " + quoted(kSamples / "taito-35.pdf") + " -");
  ASSERT_EQ(replica.status, 0);
  const auto got = tokens(replica.out);
  int total = 0, found = 0;
  for (const auto& [token, count] : seed) {
    total += count;
    const auto it = got.find(token);
    found += std::min(count, it == got.end() ? 0 : it->second);
  }
  const double ratio = static_cast<double>(found) / total;
  std::cout << "replica holds " << found << " of the seed's " << total << " tokens: " << ratio << "\n";
  EXPECT_GE(ratio, 0.90);
  EXPECT_EQ(page_count(kSamples / "taito-35.pdf"), 3);
}

TEST(Samples, ExpectedFilesFollowTheSchema) {
  const auto files = expected_files();
  ASSERT_GE(files.size(), 9u);
  const CommandResult result = sheetx::testing::validate_records(files);
  EXPECT_EQ(result.status, 0) << result.out;
}

TEST(Samples, EveryExpectedFigureIsPrintedInItsBox) {
  const CommandResult result = run("/usr/bin/python3 " + quoted(kRoot / "tests/samples/figures_in_place.py") + " " +
                                   quoted(kSamples) + " 2>&1");
  EXPECT_EQ(result.status, 0) << result.out;
  std::cout << result.out;
}

TEST(Samples, ExpectedFilesMatchTheirPdf) {
  // Each expected file names its PDF, its hash and its pages; a PDF's sheets cover all its pages.
  std::map<std::string, int> pages_covered;
  for (const auto& file : expected_files()) {
    const std::string json = read_file(file);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(json, m, std::regex(R"re("path": "([^"]+)",\s*"sha256": "([0-9a-f]{64})",\s*"pages": (\d+))re")))
        << file;
    const fs::path pdf = kSamples / m[1].str();
    const CommandResult sum = run("sha256sum " + quoted(pdf));
    ASSERT_EQ(sum.status, 0) << pdf;
    EXPECT_EQ(sum.out.substr(0, 64), m[2].str()) << file << " names a different " << pdf;
    pages_covered[pdf.string()] += std::stoi(m[3]);
  }
  for (const auto& [pdf, pages] : pages_covered) EXPECT_EQ(page_count(pdf), pages) << pdf;
  EXPECT_EQ(pages_covered.size(), 17u);
}

TEST(Samples, RotatedPageDisplaysLikeTheUprightOne) {
  // Page 3 of taito-07-rotated is stored portrait with /Rotate 90; shown, it is taito-07's page 3.
  const CommandResult info = run("pdfinfo -f 3 -l 3 " + quoted(kSamples / "taito-07-rotated.pdf"));
  EXPECT_NE(info.out.find("Page    3 rot:   90"), std::string::npos) << info.out;
  // pdftotext -bbox gives word boxes on the page as displayed (its <page> size is the MediaBox's).
  const auto words = [](const fs::path& pdf) {
    return run("pdftotext -bbox -f 3 -l 3 " + quoted(pdf) + " - | grep '<word'").out;
  };
  const std::string rotated = words(kSamples / "taito-07-rotated.pdf");
  EXPECT_NE(rotated.find("地域ケア会議"), std::string::npos);
  EXPECT_EQ(rotated, words(kSamples / "taito-07.pdf"));
  // So the expected records agree too, source apart.
  const auto record = [](const std::string& name) {
    const std::string json = read_file(kSamples / name);
    return json.substr(json.find("\"ruleset\""));
  };
  EXPECT_EQ(record("taito-07-rotated.expected.json"), record("taito-07.expected.json"));
}

TEST(Samples, SecondProducerRulesItsCellsAsRectanglesOrSegments) {
  // The content streams, uncompressed: `x y w h re S` strokes a rectangle, `x y m x y l S` a line.
  const auto operators = [](const std::string& name, const std::string& op) {
    const CommandResult qdf = run("qpdf --qdf --object-streams=disable " + quoted(kSamples / name) + " -");
    std::istringstream in(qdf.out);
    int count = 0;
    for (std::string line; std::getline(in, line);) count += line.ends_with(op);
    return count;
  };
  // taito-12-b strokes each cell as a rectangle; taito-12 strokes merged edges as lines.
  EXPECT_EQ(operators("taito-12.pdf", " re S"), 0);
  EXPECT_GT(operators("taito-12-b.pdf", " re S"), 50);
  // taito-07-b draws each cell's four edges (shared ones twice): many more lines than taito-07.
  EXPECT_GT(operators("taito-07-b.pdf", " l S"), 4 * operators("taito-07.pdf", " l S"));
}

TEST(Samples, CircledChoicesAreStrokedEllipses) {
  // Layout S circles 法定/任意 (page 1) and the direction (page 2) as an Excel shape does: a path
  // of four Bezier curves, stroked, not filled. Layout K ticks boxes: no curve at all.
  const auto content = [](const std::string& name) {
    return run("qpdf --qdf --object-streams=disable " + quoted(kSamples / name) + " -").out;
  };
  const auto ellipses = [](const std::string& qdf) {
    std::istringstream in(qdf);
    int curves = 0, stroked = 0, run_of_curves = 0;
    for (std::string line; std::getline(in, line);) {
      if (line.ends_with(" c")) {
        ++curves;
        ++run_of_curves;
        continue;
      }
      stroked += run_of_curves == 4 && line == "S";  // S strokes; f or B would fill
      run_of_curves = 0;
    }
    return std::make_pair(curves, stroked);
  };
  EXPECT_EQ(ellipses(content("shinagawa-06-03-11.pdf")), std::make_pair(8, 2));
  EXPECT_EQ(ellipses(content("shinagawa-bundle.pdf")), std::make_pair(16, 4));
  EXPECT_EQ(ellipses(content("kitamoto-bundle.pdf")).first, 0);
}

TEST(Samples, CommittedFilesAreWhatTheGeneratorMakes) {
  if (run("/usr/bin/python3 -c 'import reportlab, yaml' 2>/dev/null").status != 0)
    GTEST_SKIP() << "python3-reportlab or python3-yaml is missing: cannot regenerate the samples";
  std::string tmpl = (fs::temp_directory_path() / "sheetx-samples-XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  const fs::path out = tmpl;
  const CommandResult made = run("/usr/bin/python3 " + quoted(kSamples / "generate.py") + " --out " + quoted(out));
  ASSERT_EQ(made.status, 0) << made.out;
  int compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file()) continue;
    const fs::path relative = fs::relative(entry.path(), out);
    const fs::path committed = kSamples / relative;
    ASSERT_TRUE(fs::exists(committed)) << relative << " is generated but not committed";
    EXPECT_TRUE(read_file(entry.path()) == read_file(committed)) << relative << " differs from a fresh run";
    ++compared;
  }
  for (const auto& entry : fs::recursive_directory_iterator(kSamples)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && (name.ends_with(".pdf") || name.ends_with(".expected.json"))) {
      EXPECT_TRUE(fs::exists(out / fs::relative(entry.path(), kSamples))) << name << " is committed but not generated";
    }
  }
  std::cout << "compared " << compared << " generated files\n";
  fs::remove_all(out);
}

// A third, small layout described at test time, as the rules helper's test does: two half-page
// sheets on one A4 page, a label and its value on one line, ticked boxes, a figure table.
constexpr const char* kHalfPageSheet = R"(kind: project
municipality: {code: "999999", name: 見本町}
ruleset: {id: mihon-half, version: "1"}
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

TEST(Samples, NewLayoutFromADescriptionGivenAtTestTime) {
  const fs::path dir = sheetx::testing::scratch("samples-new-layout");
  std::string second = kHalfPageSheet;
  const auto replace = [&second](const std::string& from, const std::string& to) {
    const auto at = second.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    second.replace(at, from.size(), to);
  };
  replace("margin: 30,", "margin: 30, same_page: true, top: 440,");
  replace("\"7\"", "\"8\"");
  replace("窓口案内の改善", "広報紙の発行");
  replace("\"1,000\", \"１，２３４\"", "\"約5,000\", \"5,100\"");
  std::ofstream(dir / "a.yaml") << kHalfPageSheet;
  std::ofstream(dir / "b.yaml") << second;
  const std::string make = "/usr/bin/python3 " + quoted(kSamples / "project_sheets.py") + " --out " + quoted(dir / "out") +
                           " --name half --description " + quoted(dir / "a.yaml") + " --description " + quoted(dir / "b.yaml");
  const CommandResult made = run(make + " 2>&1");
  ASSERT_EQ(made.status, 0) << made.out;
  EXPECT_EQ(page_count(dir / "out/half.pdf"), 1);
  const std::vector<fs::path> records = {dir / "out/half-7.expected.json", dir / "out/half-8.expected.json"};
  const CommandResult valid = sheetx::testing::validate_records(records);
  EXPECT_EQ(valid.status, 0) << valid.out;
  const CommandResult in_place = run("/usr/bin/python3 " + quoted(kRoot / "tests/samples/figures_in_place.py") + " " +
                                     quoted(dir / "out") + " 2>&1");
  EXPECT_EQ(in_place.status, 0) << in_place.out;
  EXPECT_NE(in_place.out.find("4 figures, 0 differ"), std::string::npos) << in_place.out;
  const std::string first = read_file(records[0]), other = read_file(records[1]);
  for (const char* fact : {"\"id\": \"999999/mihon-half/2023-2023/7\"", "\"division\": \"総務課\"", "\"mandatory\": false",
                           "\"choice\": \"継続\"", "\"raw\": \"１，２３４\",\n              \"value\": 1234,\n              \"unit\": \"件\""}) {
    EXPECT_NE(first.find(fact), std::string::npos) << fact << "\n" << first;
  }
  for (const char* fact : {"\"first_page\": 1,\n    \"last_page\": 1", "\"approximate\": true", "\"name\": \"広報紙の発行\""}) {
    EXPECT_NE(other.find(fact), std::string::npos) << fact << "\n" << other;
  }
  const std::string text = run("pdftotext -layout " + quoted(dir / "out/half.pdf") + " -").out;
  EXPECT_LT(text.find("窓口案内の改善"), text.find("広報紙の発行"));
  EXPECT_NE(text.find("□法定"), std::string::npos);

  // A description naming a field the record does not have is refused with the problem.
  std::ofstream(dir / "a.yaml") << std::string(kHalfPageSheet) + "    - {text: x, into: project.budget}\n";
  const CommandResult refused = run(make + " 2>&1");
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.out.find("unknown field 'project.budget'"), std::string::npos) << refused.out;
}

class BadSample : public ::testing::Test {
 protected:
  static fs::path bad(const std::string& name) { return kSamples / "bad" / name; }
  static bool qpdf_ok(const fs::path& pdf) { return run("qpdf --check " + quoted(pdf) + " >/dev/null 2>&1").status == 0; }
};

TEST_F(BadSample, EmptyIsZeroBytes) { EXPECT_EQ(fs::file_size(bad("empty.pdf")), 0u); }

TEST_F(BadSample, NotAPdfIsAnHtmlPage) {
  const std::string data = read_file(bad("not-a-pdf.pdf"));
  EXPECT_FALSE(data.starts_with("%PDF-"));
  EXPECT_TRUE(data.starts_with("<!DOCTYPE html>"));
}

TEST_F(BadSample, TruncatedIsHalfOfTheReplica) {
  const std::string data = read_file(bad("truncated.pdf"));
  const auto whole = fs::file_size(kSamples / "taito-35.pdf");
  EXPECT_TRUE(data.starts_with("%PDF-"));
  EXPECT_EQ(data.size(), whole / 2);
  EXPECT_EQ(data.find("%%EOF"), std::string::npos);
  EXPECT_FALSE(qpdf_ok(bad("truncated.pdf")));
}

TEST_F(BadSample, EncryptedNeedsAUserPassword) {
  // qpdf --requires-password exits 0 when the file cannot be opened without a password.
  EXPECT_EQ(run("qpdf --requires-password " + quoted(bad("encrypted.pdf"))).status, 0);
  EXPECT_EQ(run("qpdf --password=kensho --check " + quoted(bad("encrypted.pdf")) + " >/dev/null").status, 0);
}

TEST_F(BadSample, ScannedHasAnImageAndNoText) {
  EXPECT_TRUE(qpdf_ok(bad("scanned.pdf")));
  const std::string text = run("pdftotext " + quoted(bad("scanned.pdf")) + " -").out;
  EXPECT_EQ(text.find_first_not_of(" \n\f"), std::string::npos) << text;
  const std::string images = run("pdfimages -list " + quoted(bad("scanned.pdf"))).out;
  EXPECT_NE(images.find("image"), std::string::npos) << images;
}

TEST_F(BadSample, NotASheetIsAValidPdfWithOtherText) {
  EXPECT_TRUE(qpdf_ok(bad("not-a-sheet.pdf")));
  const std::string text = run("pdftotext " + quoted(bad("not-a-sheet.pdf")) + " -").out;
  EXPECT_NE(text.find("お知らせ"), std::string::npos);
  EXPECT_EQ(text.find("検証シート"), std::string::npos);
  EXPECT_EQ(text.find("施策"), std::string::npos);
}

}  // namespace
