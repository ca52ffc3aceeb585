// The extractor on real PDFs: the seed replica's front and back pages cell by cell, the stacked
// labels, rotated pages, every bad input, the producer cases (issue 14: tests/extractor/producers,
// made by make_producer_cases.py, one PDF per way real producers draw tables) and the external
// lattice cases through the scorer. Expected texts are the sheet as printed (pdftotext of the
// replica, the seed 施策35) and the grids in producers/cases.json.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>

#include "sheetx/extractor.h"
#include "text_layout.h"
#include "../support/test_support.h"

namespace ex = sheetx::extractor;
namespace fs = std::filesystem;

namespace {

const std::string kSamples = std::string(SHEETX_SOURCE_DIR) + "/samples/";

ex::Document extract(const std::string& path, int page = 0) {
  ex::Settings settings;
  settings.first_page = page == 0 ? 1 : page;
  settings.last_page = page;
  return ex::extract_file(path, settings);
}

// The cell covering (row, col) of a table, or a failure naming the position.
const ex::Cell& cell(const ex::Table& table, int row, int col) {
  const ex::Cell* c = table.at(row, col);
  if (!c) throw std::runtime_error("no cell at " + std::to_string(row) + "," + std::to_string(col));
  return *c;
}

std::string text_at(const ex::Table& table, int row, int col) { return cell(table, row, col).text; }

// A file name as a test name: every character but a letter or digit becomes '_'.
std::string test_name(std::string name) {
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// A temporary copy of a sample turned by qpdf (/Rotate added, contents untouched).
std::string rotated_copy(const std::string& sample, int degrees) {
  fs::path out = fs::temp_directory_path() / ("sheetx-extractor-" + std::to_string(degrees) + "-" + fs::path(sample).filename().string());
  std::string cmd = "qpdf --rotate=+" + std::to_string(degrees) + " '" + sample + "' '" + out.string() + "'";
  if (std::system(cmd.c_str()) != 0) throw std::runtime_error("qpdf failed: " + cmd);
  return out.string();
}

// The samples are committed: a missing one fails the tests that read it.
class Taito35 : public ::testing::Test {};

TEST_F(Taito35, FrontPageHeaderCells) {
  ex::Page page = extract(kSamples + "taito-35.pdf", 1).pages.at(0);
  EXPECT_EQ(page.rotation, 0);
  EXPECT_NEAR(page.width, 841.89, 0.01);  // A4 landscape
  EXPECT_NEAR(page.height, 595.28, 0.01);
  ASSERT_EQ(page.tables.size(), 4u);
  const ex::Table& head = page.tables[0];
  ASSERT_EQ(head.rows, 1);
  ASSERT_EQ(head.cols, 5);
  EXPECT_EQ(text_at(head, 0, 0), "施策№施策名");
  EXPECT_EQ(text_at(head, 0, 1), "施策35　ものづくりを支える産業集積の維持・発展");  // the dropped U+3000 is back
  EXPECT_EQ(text_at(head, 0, 2), "主管");
  EXPECT_EQ(cell(head, 0, 2).lines, (std::vector<std::string>{"主", "管"}));
  EXPECT_EQ(text_at(head, 0, 3), "文化産業観光部");
  EXPECT_EQ(text_at(head, 0, 4), "産業振興課");
  // The title above the tables is free text.
  ASSERT_FALSE(page.blocks.empty());
  EXPECT_EQ(page.blocks[0].text, "令和元～２年度長期総合計画　検証シート");
}

TEST_F(Taito35, FrontPageOutlineWithStackedLabel) {
  ex::Page page = extract(kSamples + "taito-35.pdf", 1).pages.at(0);
  const ex::Table& outline = page.tables.at(1);
  ASSERT_EQ(outline.rows, 3);
  const ex::Cell& label = cell(outline, 0, 0);
  EXPECT_EQ(label.text, "施策の概要");
  EXPECT_EQ(label.lines, (std::vector<std::string>{"施", "策", "の", "概", "要"}));
  EXPECT_EQ(label.row_span, 3);
  EXPECT_EQ(text_at(outline, 0, 1), "基本目標");
  EXPECT_EQ(text_at(outline, 0, 2), "基本目標３　活力にあふれ多彩な魅力が輝くまちの実現");
  EXPECT_EQ(cell(outline, 0, 2).col_span, outline.cols - 2);
  EXPECT_EQ(text_at(outline, 1, 1), "１０年後の目指す姿");
  EXPECT_EQ(text_at(outline, 1, 2),
            "●ものづくりのまちの魅力が広く台東区内外に認知され、企業の誘致や創業・起業者の定着が進み、多彩"
            "な産業が集積しています。●従来の取引関係や業種を超えて事業者間の交流・連携が促進され、新たな商品"
            "・サービスが創出されるなど、ビジネスが活性化されています。");
  EXPECT_EQ(text_at(outline, 2, 1), "主な取り組み");
  EXPECT_EQ(text_at(outline, 2, 2), "①");
  EXPECT_EQ(text_at(outline, 2, 3), "台東区中小企業振興センターなどによる創業支援");  // wrapped: 創業支 / 援
  EXPECT_EQ(cell(outline, 2, 3).lines.size(), 2u);
  EXPECT_EQ(text_at(outline, 2, 4), "②");
  EXPECT_EQ(text_at(outline, 2, 5), "区内定着支援");
  EXPECT_EQ(text_at(outline, 2, 6), "③");
  EXPECT_EQ(text_at(outline, 2, 7), "「ものづくりのまち」ブランディング");
}

TEST_F(Taito35, FrontPageIndicatorTable) {
  ex::Page page = extract(kSamples + "taito-35.pdf", 1).pages.at(0);
  const ex::Table& ind = page.tables.at(2);
  ASSERT_EQ(ind.rows, 3);
  ASSERT_EQ(ind.cols, 7);
  const std::vector<std::string> header{"指標名", "出典", "策定時(2018年度末)", "R元(2019)年度末", "R２(2020)年度末"};
  for (int c = 0; c < 5; ++c) {
    EXPECT_EQ(text_at(ind, 0, c), header[c]);
    EXPECT_EQ(cell(ind, 0, c).row_span, 2);
  }
  EXPECT_EQ(text_at(ind, 0, 5), "目標");
  EXPECT_EQ(cell(ind, 0, 5).col_span, 2);
  EXPECT_EQ(text_at(ind, 1, 5), "2023年度末");
  EXPECT_EQ(text_at(ind, 1, 6), "2028年度末");
  const std::vector<std::string> row{"台東区中小企業振興センターが支援する中小企業数", "所管課調べ", "延べ4,600社",
                                     "5,653社", "5,550社", "延べ4,700社", "延べ4,800社"};
  for (int c = 0; c < 7; ++c) EXPECT_EQ(text_at(ind, 2, c), row[c]) << "column " << c;
  // Centred header lines are not taken for indents.
  EXPECT_EQ(cell(ind, 0, 2).lines, (std::vector<std::string>{"策定時", "(2018年度末)"}));
}

TEST_F(Taito35, FrontPageEvaluation) {
  ex::Page page = extract(kSamples + "taito-35.pdf", 1).pages.at(0);
  const ex::Table& eval = page.tables.at(3);
  const ex::Cell& label = cell(eval, 0, 0);
  EXPECT_EQ(label.lines, (std::vector<std::string>{"検", "証", "結", "果"}));
  EXPECT_EQ(label.row_span, eval.rows);
  EXPECT_EQ(text_at(eval, 0, 1), "Ｂ");
  EXPECT_EQ(text_at(eval, 1, 1), "Ａ　順調である");
  EXPECT_EQ(text_at(eval, 2, 1), "Ｂ　概ね順調である");
  EXPECT_EQ(text_at(eval, 3, 1), "Ｃ　順調でない");
  const ex::Cell& review = cell(eval, 0, 2);
  ASSERT_GE(review.lines.size(), 4u);
  EXPECT_EQ(review.lines[0], "（施策及び施策の指標の実績、構成する行政計画事業の進捗・成果・課題等を踏まえ、");
  EXPECT_EQ(review.lines[1], "　長期総合計画一部修正（ポストコロナ）を見据えて取り組みを検証）");  // indent kept
  EXPECT_EQ(review.lines[2], "＜施策の概要＞");
  EXPECT_EQ(review.lines[3].rfind("　中小企業振興センターを中心に、", 0), 0u);
  EXPECT_NE(review.text.find("＜施策の指標＞・台東区中小企業振興センターが支援する中小企業数（〇）　コロナ禍で"),
            std::string::npos);
  EXPECT_NE(review.text.find("・「ものづくりのまちPR支援」については"), std::string::npos);
}

TEST_F(Taito35, BackPageWrappedNamesAndMergedActivities) {
  ex::Page page = extract(kSamples + "taito-35.pdf", 2).pages.at(0);
  ASSERT_EQ(page.tables.size(), 1u);
  const ex::Table& t = page.tables[0];
  ASSERT_EQ(t.cols, 10);
  const ex::Cell& label = cell(t, 0, 0);
  EXPECT_EQ(label.lines, (std::vector<std::string>{"施", "策", "の", "執", "行", "状", "況"}));
  EXPECT_EQ(label.row_span, t.rows);
  EXPECT_EQ(text_at(t, 0, 1), "（事業№）行政計画事業名");
  EXPECT_EQ(cell(t, 0, 1).col_span, 2);
  EXPECT_EQ(text_at(t, 0, 5), "（平成３０年度事業量）計画事業量");
  EXPECT_EQ(text_at(t, 0, 9), "令和３年度(実績は見込み)");
  // Project 1: a wrapped name over two rows (目標 and 実績), a revised plan on two lines.
  const ex::Cell& name = cell(t, 1, 2);
  EXPECT_EQ(name.text, "台東デザイナーズビレッジの運営");
  EXPECT_EQ(name.lines, (std::vector<std::string>{"台東デザイナーズビ", "レッジの運営"}));
  EXPECT_EQ(name.row_span, 2);
  EXPECT_EQ(text_at(t, 1, 1), "1");
  EXPECT_EQ(cell(t, 1, 5).lines, (std::vector<std::string>{"年19社", "(年15社)"}));
  EXPECT_EQ(text_at(t, 1, 6), "目標");
  EXPECT_EQ(text_at(t, 2, 6), "実績");
  EXPECT_EQ(text_at(t, 2, 5), "(19社)");
  // Project 3: one name and number over two activities (four rows), each activity merged over two.
  const ex::Cell& project3 = cell(t, 5, 2);
  EXPECT_EQ(project3.text, "異業種間交流支援");
  EXPECT_EQ(project3.row_span, 4);
  EXPECT_EQ(cell(t, 6, 1).text, "3");
  EXPECT_EQ(text_at(t, 5, 4), "ビジネス交流フェスタ");
  EXPECT_EQ(cell(t, 5, 4).row_span, 2);
  EXPECT_EQ(text_at(t, 7, 4), "交流展出展支援");
  EXPECT_EQ(cell(t, 7, 5).lines, (std::vector<std::string>{"45社", "（累計229社）"}));
  EXPECT_EQ(text_at(t, 8, 5), "(13社)(累計184社)");  // no space between wrapped ASCII brackets
  const std::vector<std::string> actuals{"13社", "9社", "8社"};
  for (int c = 0; c < 3; ++c) EXPECT_EQ(text_at(t, 8, 7 + c), actuals[c]);
}

// qpdf turns the page with /Rotate and leaves its contents: the text then runs sideways on the
// page as displayed, and each grid must read as the unturned one, boxes turned with the page.
TEST_F(Taito35, PagesTurnedByRotateReadAsTheOriginal) {
  ex::Page original = extract(kSamples + "taito-35.pdf", 2).pages.at(0);
  for (int degrees : {90, 180, 270}) {
    SCOPED_TRACE(degrees);
    ex::Page turned = extract(rotated_copy(kSamples + "taito-35.pdf", degrees), 2).pages.at(0);
    EXPECT_EQ(turned.rotation, degrees);
    bool quarter = degrees != 180;
    EXPECT_NEAR(turned.width, quarter ? original.height : original.width, 0.01);
    ASSERT_EQ(turned.tables.size(), original.tables.size());
    const ex::Table& a = original.tables[0];
    const ex::Table& b = turned.tables[0];
    EXPECT_EQ(b.rotation, degrees);
    ASSERT_EQ(b.rows, a.rows);
    ASSERT_EQ(b.cols, a.cols);
    ASSERT_EQ(b.cells.size(), a.cells.size());
    double w = original.width, h = original.height;
    // Grid lines are page positions in reading order: rows run right to left across a page
    // turned 90, up a page turned 180, left to right across one turned 270.
    ASSERT_EQ(b.row_edges.size(), a.row_edges.size());
    ASSERT_EQ(b.col_edges.size(), a.col_edges.size());
    for (size_t i = 0; i < a.row_edges.size(); ++i) {
      EXPECT_NEAR(b.row_edges[i], degrees == 270 ? a.row_edges[i] : h - a.row_edges[i], 0.5) << "row edge " << i;
    }
    for (size_t i = 0; i < a.col_edges.size(); ++i) {
      EXPECT_NEAR(b.col_edges[i], degrees == 90 ? a.col_edges[i] : w - a.col_edges[i], 0.5) << "column edge " << i;
    }
    for (size_t i = 0; i < a.cells.size(); ++i) {
      const ex::Cell& ca = a.cells[i];
      const ex::Cell& cb = b.cells[i];
      EXPECT_EQ(cb.text, ca.text);
      EXPECT_EQ(std::tie(cb.row, cb.col, cb.row_span, cb.col_span), std::tie(ca.row, ca.col, ca.row_span, ca.col_span));
      // Where the unturned box lands on the turned page (clockwise turns).
      ex::Box want = degrees == 90    ? ex::Box{h - ca.box.y1, ca.box.x0, h - ca.box.y0, ca.box.x1}
                     : degrees == 180 ? ex::Box{w - ca.box.x1, h - ca.box.y1, w - ca.box.x0, h - ca.box.y0}
                                      : ex::Box{ca.box.y0, w - ca.box.x1, ca.box.y1, w - ca.box.x0};
      EXPECT_NEAR(cb.box.x0, want.x0, 0.5);
      EXPECT_NEAR(cb.box.y0, want.y0, 0.5);
      EXPECT_NEAR(cb.box.x1, want.x1, 0.5);
      EXPECT_NEAR(cb.box.y1, want.y1, 0.5);
    }
  }
}

// The generator's rotated sample stores a page with /Rotate 90 and counter-turned contents, as
// scanners and some producers do: its text is upright as displayed and reads as the twin's.
TEST(Rotated, RotatePageWithUprightTextReadsAsItsTwin) {
  ex::Document turned = extract(kSamples + "taito-07-rotated.pdf");
  ex::Document twin = extract(kSamples + "taito-07.pdf");
  ASSERT_EQ(turned.pages.size(), twin.pages.size());
  const ex::Page& page = turned.pages.back();
  EXPECT_EQ(page.rotation, 90);
  ASSERT_EQ(page.tables.size(), twin.pages.back().tables.size());
  const ex::Table& a = twin.pages.back().tables[0];
  const ex::Table& b = page.tables[0];
  EXPECT_EQ(b.rotation, 0);  // upright as displayed
  ASSERT_EQ(b.cells.size(), a.cells.size());
  for (size_t i = 0; i < a.cells.size(); ++i) EXPECT_EQ(b.cells[i].text, a.cells[i].text);
}

struct BadInput {
  std::string file;
  std::string message;
};

void PrintTo(const BadInput& input, std::ostream* os) { *os << input.file; }

class BadInputs : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadInputs, FailWithOneClearError) {
  std::string path = kSamples + "bad/" + GetParam().file;
  try {
    extract(path);
    FAIL() << "no error for " << path;
  } catch (const ex::ExtractError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": " + GetParam().message);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Samples, BadInputs,
    ::testing::Values(BadInput{"empty.pdf", "empty file: 0 bytes"}, BadInput{"not-a-pdf.pdf", "not a PDF: no %PDF- header"},
                      BadInput{"truncated.pdf", "damaged: Poppler cannot read it (truncated or corrupt beyond repair)"},
                      BadInput{"encrypted.pdf", "encrypted: needs a password"},
                      BadInput{"scanned.pdf", "no text layer (scanned pages need OCR first)"}),
    [](const auto& test) { return test_name(test.param.file); });

TEST(Errors, MissingFileAndPagesOutOfRange) {
  EXPECT_THROW(extract(kSamples + "no-such-file.pdf"), ex::ExtractError);
  try {
    extract(kSamples + "taito-35.pdf", 9);
    FAIL();
  } catch (const ex::ExtractError& e) {
    EXPECT_EQ(std::string(e.what()), kSamples + "taito-35.pdf: no page 9 to read (the file has 3)");
  }
  // Pages count from 1: a page 0 (a caller counting from 0) is no page, said so.
  ex::Settings from_zero;
  from_zero.first_page = 0;
  try {
    ex::extract_file(kSamples + "taito-35.pdf", from_zero);
    FAIL() << "page 0 was read";
  } catch (const ex::ExtractError& e) {
    EXPECT_EQ(std::string(e.what()), kSamples + "taito-35.pdf: no page 0 to read (the file has 3)");
  }
  // A last page past the end is a limit: the pages up to the end are read.
  ex::Settings settings;
  settings.first_page = 2;
  settings.last_page = 9;
  EXPECT_EQ(ex::extract_file(kSamples + "taito-35.pdf", settings).pages.size(), 2u);
}

// A page that names a font its resources lack: Poppler complains once per use; its complaints
// become warnings of the file (each once) and never reach stderr.
TEST(Errors, PopplerMessagesBecomeWarnings) {
  std::string pdf = sheetx::testing::read_file(kSamples + "taito-35.pdf");
  size_t font = pdf.find("/F1 ");
  ASSERT_NE(font, std::string::npos);
  pdf.replace(font, 3, "/X1");  // the resources now call font F1 X1
  ::testing::internal::CaptureStderr();
  ex::Document doc = ex::extract_bytes(pdf, "unknown-font.pdf");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(doc.page_count, 3);
  EXPECT_EQ(doc.warnings, (std::vector<std::string>{"poppler: error: Unknown font tag 'F1'"}));
  EXPECT_EQ(doc.pages[0].tables.size(), 4u);  // the edges do not depend on the text
}

// The scorer over the ten external ruled tables (Camelot's and tabula-java's test files), in
// ../shared/external/lattice beside the checkout or where SHEETX_LATTICE_DIR says.
TEST(Lattice, TenOfTenTablesExact) {
  const char* env = std::getenv("SHEETX_LATTICE_DIR");
  fs::path lattice = env ? fs::path(env) : fs::path(SHEETX_SOURCE_DIR) / ".." / "shared" / "external" / "lattice";
  if (!fs::exists(lattice / "cases.json")) GTEST_SKIP() << lattice << " not present (set SHEETX_LATTICE_DIR)";
  std::string cmd = "/usr/bin/python3 '" + std::string(SHEETX_SOURCE_DIR) + "/bench/lattice_score.py' '" +
                    lattice.string() + "' --sheetx '" + SHEETX_EXE + "'";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  ASSERT_EQ(pclose(pipe), 0) << out;
  size_t at = out.rfind("score: ");
  ASSERT_NE(at, std::string::npos) << out;
  EXPECT_EQ(out.substr(at), "score: 10/10\n") << out;
}

// --- Producer cases (issue 14) -------------------------------------------------------------------

const std::string kProducers = std::string(SHEETX_SOURCE_DIR) + "/tests/extractor/producers/";

struct ProducerCase {
  std::string pdf;
  int page = 1, table_index = 0, rows = 0, columns = 0;
  std::vector<std::vector<std::string>> cells;
  std::string doc;
};

void PrintTo(const ProducerCase& c, std::ostream* os) { *os << c.pdf << " p" << c.page << " t" << c.table_index; }

std::vector<ProducerCase> producer_cases() {
  std::ifstream in(kProducers + "cases.json");
  std::vector<ProducerCase> cases;
  for (const auto& j : nlohmann::json::parse(in)) {
    cases.push_back({j.at("pdf"), j.at("page"), j.at("table_index"), j.at("rows"), j.at("columns"), j.at("cells"),
                     j.at("doc")});
  }
  return cases;
}

ex::Page producer_page(const std::string& pdf, int page = 1, ex::Settings settings = {}) {
  settings.first_page = settings.last_page = page;
  return ex::extract_file(kProducers + pdf, settings).pages.at(0);
}

class ProducerCases : public ::testing::TestWithParam<ProducerCase> {};

// Each case's table has its expected grid, every slot covered by exactly one cell, and each
// cell's text (at its top-left slot) as printed.
TEST_P(ProducerCases, ReadAsPrinted) {
  const ProducerCase& want = GetParam();
  SCOPED_TRACE(want.doc);
  ex::Page page = producer_page(want.pdf, want.page);
  ASSERT_GT(page.tables.size(), static_cast<size_t>(want.table_index));
  const ex::Table& t = page.tables[static_cast<size_t>(want.table_index)];
  ASSERT_EQ(t.rows, want.rows);
  ASSERT_EQ(t.cols, want.columns);
  for (int r = 0; r < t.rows; ++r) {
    for (int c = 0; c < t.cols; ++c) {
      int covering = 0;
      for (const ex::Cell& cell : t.cells) {
        covering += r >= cell.row && r < cell.row + cell.row_span && c >= cell.col && c < cell.col + cell.col_span;
      }
      EXPECT_EQ(covering, 1) << "slot " << r << "," << c;
      const ex::Cell& home = cell(t, r, c);
      std::string text = home.row == r && home.col == c ? home.text : "";
      EXPECT_EQ(text, want.cells[static_cast<size_t>(r)][static_cast<size_t>(c)]) << "slot " << r << "," << c;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Issue14, ProducerCases, ::testing::ValuesIn(producer_cases()), [](const auto& test) {
  return test_name(test.param.pdf) + "_p" + std::to_string(test.param.page) +
         "_t" + std::to_string(test.param.table_index);
});

TEST(Producers, ShadingAndShadedLabelsMakeNoTables) {
  EXPECT_EQ(producer_page("shading.pdf").tables.size(), 1u);
  EXPECT_EQ(producer_page("shading-box-in-cell.pdf").tables.size(), 1u);
  EXPECT_EQ(producer_page("shading.pdf").edges.size(), 8u);  // the grid's own edges
  // Fills farther from the edges than max_shading_inset are rulings (tables ruled by colour).
  ex::Settings settings;
  settings.max_shading_inset = 1;
  EXPECT_EQ(producer_page("shading.pdf", 1, settings).edges.size(), 16u);
}

TEST(Producers, TallGlyphBoxesKeepLinesApart) {
  const std::vector<std::string> bullets{"\u2022 Reported", "\u2022 Generates", "\u2022 Totals"};
  EXPECT_EQ(cell(producer_page("tall-glyph-boxes.pdf").tables.at(0), 1, 1).lines, bullets);
  // On a page turned by /Rotate the runs go down, left or up the page: each is still cut to the
  // em on its own baseline.
  for (int degrees : {90, 180, 270}) {
    ex::Page turned = extract(rotated_copy(kProducers + "tall-glyph-boxes.pdf", degrees)).pages.at(0);
    EXPECT_EQ(cell(turned.tables.at(0), 1, 1).lines, bullets) << "turned " << degrees;
  }
}

TEST(Producers, OpenFramesAreTables) {
  ex::Page page = producer_page("open-frames.pdf");
  ASSERT_EQ(page.tables.size(), 2u);
  EXPECT_NEAR(page.tables[0].box.x0, 40, 0.5);  // the outer columns are the edges' ends
  EXPECT_NEAR(page.tables[0].box.x1, 340, 0.5);
}

TEST(Producers, LShapedRegionIsAHeadingAndAnIndent) {
  const ex::Table t = producer_page("l-shaped-region.pdf").tables.at(0);
  EXPECT_EQ(cell(t, 0, 0).col_span, 3);
  EXPECT_EQ(cell(t, 0, 0).row_span, 1);
  EXPECT_EQ(cell(t, 1, 0).row_span, 2);
  EXPECT_EQ(cell(t, 1, 0).col_span, 1);
}

TEST(Producers, FloatingBoxTextIsABlockOfItsOwn) {
  ex::Page page = producer_page("floating-box.pdf");
  ASSERT_EQ(page.tables.size(), 1u);
  ASSERT_EQ(page.blocks.size(), 1u);
  EXPECT_EQ(page.blocks[0].text, "Revised");
  // A box no grid edge crosses is a table of its own, as before.
  ex::Settings settings;
  settings.floating_box_clearance = 50;  // every grid edge now "meets" the box
  EXPECT_GT(producer_page("floating-box.pdf", 1, settings).tables.at(0).rows, 3);
}

TEST(Producers, AnnotationsStayOutOfThePageAndAreListedApartWhenAsked) {
  ex::Page page = producer_page("annotations.pdf");
  EXPECT_EQ(page.tables.size(), 1u);
  EXPECT_TRUE(page.blocks.empty());
  EXPECT_TRUE(page.annotations.empty());
  ex::Settings settings;
  settings.annotations = true;
  ex::Page with = producer_page("annotations.pdf", 1, settings);
  EXPECT_EQ(with.tables.size(), 1u);
  EXPECT_TRUE(with.blocks.empty());
  ASSERT_EQ(with.annotations.size(), 3u);
  EXPECT_EQ(with.annotations[0].subtype, "FreeText");
  EXPECT_EQ(with.annotations[0].text, "Check this");
  EXPECT_NEAR(with.annotations[0].box.x0, 250, 0.01);
  EXPECT_NEAR(with.annotations[0].box.y0, 40, 0.01);  // top-left origin, as the page
  EXPECT_EQ(with.annotations[1].subtype, "Highlight");
  EXPECT_EQ(with.annotations[2].subtype, "Line");
  EXPECT_EQ(with.annotations[2].text, "cut here");
}

TEST(Producers, VerticalLabelReadsColumnsRightToLeft) {
  ex::Page page = producer_page("vertical-text.pdf");
  const ex::Cell& label = cell(page.tables.at(0), 0, 0);
  EXPECT_EQ(label.lines, (std::vector<std::string>{"とび・土工・", "コンクリート工事"}));
  // Most of the grid's text is in the vertical font: vertical writing stands upright, so the
  // grid is read as an upright table.
  EXPECT_EQ(page.tables.at(0).rotation, 0);
}

// Issue 16: a ruling line broken by 2 points still divides the columns (join_tolerance 3).
TEST(Producers, ABrokenEdgeStillJoins) {
  ex::Page page = producer_page("broken-edge.pdf");
  EXPECT_EQ(cell(page.tables.at(0), 1, 0).col_span, 1);
  auto edges_at_140 = [](const ex::Page& p) {
    std::vector<std::pair<double, double>> spans;
    for (const ex::Edge& e : p.edges) {
      if (e.x0 == e.x1 && std::abs(e.x0 - 140) < 0.5) spans.emplace_back(e.y0, e.y1);
    }
    return spans;
  };
  EXPECT_EQ(edges_at_140(page), (std::vector<std::pair<double, double>>{{40, 76}}));
  ex::Settings strict;
  strict.join_tolerance = 1;  // the two pieces stay apart
  EXPECT_EQ(edges_at_140(producer_page("broken-edge.pdf", 1, strict)),
            (std::vector<std::pair<double, double>>{{40, 66}, {68, 76}}));
}

TEST(Producers, DashesJoinAcrossTheDashGapOnly) {
  ex::Settings short_gap;
  short_gap.max_dash_gap = 2;
  EXPECT_LT(producer_page("dashed-edges.pdf", 2, short_gap).tables.at(0).rows, 3);
}

// A wrapped line continues its word with a space only between two letters or digits of
// alphabetic scripts (the first and last of each range too); Japanese and full-width text joins
// without one.
TEST(LinesToText, ASpaceOnlyBetweenAlphabeticWords) {
  EXPECT_EQ(ex::lines_to_text({"Plan", "A"}), "Plan A");
  EXPECT_EQ(ex::lines_to_text({"Z", "a"}), "Z a");
  EXPECT_EQ(ex::lines_to_text({"z", "0"}), "z 0");
  EXPECT_EQ(ex::lines_to_text({"step", "9"}), "step 9");
  EXPECT_EQ(ex::lines_to_text({"Ελληνικά", "λέξη"}), "Ελληνικά λέξη");
  EXPECT_EQ(ex::lines_to_text({"Привет", "мир"}), "Привет мир");
  EXPECT_EQ(ex::lines_to_text({"À", "ÿ"}), "À ÿ");
  EXPECT_EQ(ex::lines_to_text({"2", "×", "3"}), "2×3");  // × and ÷ are signs, not letters
  EXPECT_EQ(ex::lines_to_text({"施策", "名称"}), "施策名称");
  EXPECT_EQ(ex::lines_to_text({"ＡＢ", "Ｃ"}), "ＡＢＣ");
  EXPECT_EQ(ex::lines_to_text({"Plan", "（A）"}), "Plan（A）");
}

TEST(LinesToText, FiguresOnePerLineKeepALineBreak) {
  EXPECT_EQ(ex::lines_to_text({"46,460,600千円", "23,139,800千円"}), "46,460,600千円\n23,139,800千円");
  EXPECT_EQ(ex::lines_to_text({"1,234", "△5,678"}), "1,234\n△5,678");
  EXPECT_EQ(ex::lines_to_text({"(13社)", "(累計184社)"}), "(13社)(累計184社)");  // brackets close the figure
  EXPECT_EQ(ex::lines_to_text({"年19社", "(年15社)"}), "年19社(年15社)");
  EXPECT_EQ(ex::lines_to_text({"令和2年度", "実績"}), "令和2年度実績");  // the next line holds no figure
  EXPECT_EQ(ex::lines_to_text({"1,234件", "うち567件"}), "1,234件うち567件");  // nor starts with one
  EXPECT_EQ(ex::lines_to_text({"Cycle", "Name"}), "Cycle Name");
}

TEST(Settings, SetByName) {
  ex::Settings s;
  ex::set_setting(s, "max_shading_inset=2.5");
  EXPECT_EQ(s.max_shading_inset, 2.5);
  ex::set_setting(s, "annotations", "true");
  EXPECT_TRUE(s.annotations);
  ex::set_setting(s, "last_page=3");
  EXPECT_EQ(s.last_page, 3);
  EXPECT_THROW(ex::set_setting(s, "no_such=1"), std::invalid_argument);
  EXPECT_THROW(ex::set_setting(s, "join_tolerance=wide"), std::invalid_argument);
  EXPECT_THROW(ex::set_setting(s, "join_tolerance=-1"), std::invalid_argument);
  EXPECT_THROW(ex::set_setting(s, "annotations=maybe"), std::invalid_argument);
  EXPECT_THROW(ex::set_setting(s, "join_tolerance"), std::invalid_argument);
  EXPECT_EQ(s.join_tolerance, 3.0);  // refused values leave the setting as it was
}

}  // namespace

// Poppler drops the ideographic space between two runs: one is put back where the gap is one em
// wide, never between runs that touch (施策名前 must not read 施策　名前) or stand a fraction of an
// em apart.
TEST(LineToText, IdeographicSpaceOnlyForAGapOfOneEm) {
  const ex::Settings settings;
  const ex::ReadingFrame frame{0, 600, 800};
  auto joined = [&](double gap_em) {
    const ex::Word left{"施策", {100, 100, 120, 110}, "", 10, 0};
    const ex::Word right{"名前", {120 + gap_em * 10, 100, 140 + gap_em * 10, 110}, "", 10, 0};
    return ex::line_to_text({&left, &right}, frame, settings, std::numeric_limits<double>::quiet_NaN());
  };
  EXPECT_EQ(joined(0), "施策名前");
  EXPECT_EQ(joined(0.5), "施策名前");
  EXPECT_EQ(joined(1), "施策　名前");
  EXPECT_EQ(joined(1.2), "施策　名前");
}
