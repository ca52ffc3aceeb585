// sheetx inspect: the report of real sample PDFs, read back as HTML and as a browser renders it.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../support/test_support.h"
#include "sheetx/extractor.h"
#include "sheetx/inspect.h"
#include "sheetx/records.h"
#include "sheetx/rules.h"

namespace sheetx {
namespace {

using testing::kRoot;
using testing::kSamples;
using testing::run;
namespace fs = std::filesystem;

const fs::path kBuild = SHEETX_BINARY_DIR;

std::vector<rules::Ruleset> shipped_rules() { return {rules::Ruleset::load(rules::default_rules_path())}; }

std::string report_of(const fs::path& pdf) { return inspect::report_html(pdf.string(), {shipped_rules()}); }

// The report written where the browser and the reader of the test log can open it.
fs::path saved_report(const fs::path& pdf, const std::string& html) {
  const fs::path path = kBuild / ("inspect-" + pdf.stem().string() + ".html");
  records::write_file_atomically(path.string(), html);
  return path;
}

std::string unescape(std::string text) {
  for (const auto& [entity, character] : std::vector<std::pair<std::string, std::string>>{
           {"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
    for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
      text.replace(at, entity.size(), character);
  }
  return text;
}

// The value of attribute name in one tag, unescaped; empty when absent.
std::string attribute(const std::string& tag, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const auto start = tag.find(key);
  if (start == std::string::npos) return "";
  const auto from = start + key.size();
  return unescape(tag.substr(from, tag.find('"', from) - from));
}

// One <rect> of the overlay: a cell, a text block or another place a rule read.
struct DrawnMark {
  std::string classes, id, fields, value, warnings;
  extractor::Box box;
  std::string where;  // data-where: the place as the report names it
  bool has_class(const std::string& name) const { return (" " + classes + " ").find(" " + name + " ") != std::string::npos; }
};

// A page of the report as the HTML states it.
struct DrawnPage {
  int number = 0;
  std::size_t stated_cells = 0;  // data-cell-count
  std::vector<DrawnMark> marks;
  std::vector<std::string> warning_links;  // data-mark of each warning link beside the page
  std::size_t count(const std::string& kind) const {
    return std::count_if(marks.begin(), marks.end(), [&](const DrawnMark& m) { return m.has_class(kind); });
  }
  const DrawnMark* at(const extractor::Box& box) const {
    for (const auto& m : marks)
      if (std::abs(m.box.x0 - box.x0) < 0.02 && std::abs(m.box.y0 - box.y0) < 0.02 &&
          std::abs(m.box.x1 - box.x1) < 0.02 && std::abs(m.box.y1 - box.y1) < 0.02)
        return &m;
    return nullptr;
  }
};

std::map<int, DrawnPage> drawn_pages(const std::string& html) {
  std::map<int, DrawnPage> pages;
  const std::string opening = "<section class=\"page\"";
  for (auto start = html.find(opening); start != std::string::npos;) {
    const auto next = html.find(opening, start + 1);
    const std::string section = html.substr(start, (next == std::string::npos ? html.size() : next) - start);
    DrawnPage page;
    const std::string head = section.substr(0, section.find('>'));
    page.number = std::stoi(attribute(head, "data-page"));
    page.stated_cells = std::stoul(attribute(head, "data-cell-count"));
    for (auto at = section.find("<rect "); at != std::string::npos; at = section.find("<rect ", at + 1)) {
      const std::string tag = section.substr(at, section.find("/>", at) - at);
      const double x = std::stod(attribute(tag, "x")), y = std::stod(attribute(tag, "y"));
      page.marks.push_back({attribute(tag, "class"), attribute(tag, "id"), attribute(tag, "data-fields"),
                            attribute(tag, "data-value"), attribute(tag, "data-warnings"),
                            {x, y, x + std::stod(attribute(tag, "width")), y + std::stod(attribute(tag, "height"))},
                            attribute(tag, "data-where")});
    }
    for (auto at = section.find("<a href=\"#"); at != std::string::npos; at = section.find("<a href=\"#", at + 1))
      page.warning_links.push_back(attribute(section.substr(at, section.find('>', at) - at), "data-mark"));
    pages[page.number] = std::move(page);
    start = next;
  }
  return pages;
}

std::map<int, std::size_t> extracted_cells(const fs::path& pdf) {
  std::map<int, std::size_t> cells;
  for (const auto& page : extractor::extract_file(pdf.string()).pages) {
    cells[page.number] = 0;
    for (const auto& table : page.tables) cells[page.number] += table.cells.size();
  }
  return cells;
}

void expect_every_cell_drawn(const fs::path& pdf, const std::string& html) {
  const auto pages = drawn_pages(html);
  const auto cells = extracted_cells(pdf);
  ASSERT_EQ(pages.size(), cells.size()) << "one section per page";
  for (const auto& [number, page] : pages) {
    EXPECT_EQ(page.count("cell"), cells.at(number)) << "cells drawn on page " << number;
    EXPECT_EQ(page.stated_cells, cells.at(number)) << "cell count stated on page " << number;
  }
}

// Every object of a record that carries `at` and `raw` is a quantity read from one place.
void collect_quantities(const nlohmann::ordered_json& node, std::vector<nlohmann::ordered_json>& out) {
  if (node.is_object() && node.contains("at") && node.contains("raw")) out.push_back(node);
  if (node.is_structured())
    for (const auto& child : node) collect_quantities(child, out);
}

extractor::Box box_of(const nlohmann::ordered_json& at) {
  const auto& b = at["box"];
  return {b[0].get<double>(), b[1].get<double>(), b[2].get<double>(), b[3].get<double>()};
}

// The boxes in the report are printed to 0.01 pt; the rules' boxes are the extractor's.
extractor::Box rounded(const extractor::Box& b) {
  auto r = [](double v) { return std::round(v * 100) / 100; };
  return {r(b.x0), r(b.y0), r(b.x1), r(b.y1)};
}

TEST(InspectReport, DrawsEveryCellOfEveryPage) {
  for (const auto& pdf : {kSamples / "taito-35.pdf", kSamples / "taito-07-rotated.pdf", kSamples / "bundle.pdf",
                          kSamples / "bad" / "not-a-sheet.pdf"}) {
    SCOPED_TRACE(pdf.string());
    expect_every_cell_drawn(pdf, report_of(pdf));
  }
}

// A reader finds a place by what the report calls it: tables, rows, columns and free text blocks
// counted from 1 as printed, with the spans of a merged cell; the summary names each rule file
// with its version.
TEST(InspectReport, NamesEachPlaceCountingFromOne) {
  const auto pdf = kSamples / "taito-35.pdf";
  const std::string html = report_of(pdf);
  const auto pages = drawn_pages(html);
  std::size_t spanning = 0;
  for (const auto& page : extractor::extract_file(pdf.string()).pages) {
    const std::string prefix = "p" + std::to_string(page.number);
    for (std::size_t t = 0; t < page.tables.size(); ++t) {
      for (const auto& cell : page.tables[t].cells) {
        const DrawnMark* mark = pages.at(page.number).at(rounded(cell.box));
        ASSERT_NE(mark, nullptr);
        const std::string table = std::to_string(t + 1), row = std::to_string(cell.row + 1),
                          column = std::to_string(cell.col + 1);
        std::string where = "table " + table + ", row " + row + ", column " + column;
        if (cell.row_span > 1) where += ", " + std::to_string(cell.row_span) + " rows";
        if (cell.col_span > 1) where += ", " + std::to_string(cell.col_span) + " columns";
        spanning += cell.row_span > 1 || cell.col_span > 1;
        EXPECT_EQ(mark->where, where);
        EXPECT_EQ(mark->id, prefix + "-t" + table + "-r" + row + "-c" + column);
      }
    }
    for (std::size_t b = 0; b < page.blocks.size(); ++b) {
      const DrawnMark* mark = pages.at(page.number).at(rounded(page.blocks[b].box));
      ASSERT_NE(mark, nullptr);
      EXPECT_EQ(mark->where, "free text block " + std::to_string(b + 1));
      EXPECT_EQ(mark->id, prefix + "-b" + std::to_string(b + 1));
    }
  }
  EXPECT_GT(spanning, 0u) << "taito-35 has merged cells";
  const auto rules = shipped_rules();
  EXPECT_NE(html.find("Rule files: " + rules[0].id() + " " + rules[0].version() + "."), std::string::npos);
}

TEST(InspectReport, IsSelfContained) {
  for (const auto& pdf : {kSamples / "taito-35.pdf", kSamples / "bad" / "not-a-sheet.pdf"}) {
    const std::string html = report_of(pdf);
    EXPECT_EQ(html.find("http:"), std::string::npos) << pdf;
    EXPECT_EQ(html.find("https:"), std::string::npos) << pdf;
    EXPECT_EQ(html.find("src="), std::string::npos) << pdf;
    std::size_t images = 0;
    for (auto at = html.find("href=\""); at != std::string::npos; at = html.find("href=\"", at + 1)) {
      const std::string target = html.substr(at + 6, 22);
      EXPECT_TRUE(target.starts_with("#") || target == "data:image/png;base64,") << pdf << ": href to " << target;
      images += target.starts_with("data:");
    }
    EXPECT_EQ(images, extracted_cells(pdf).size()) << "one embedded image per page";
  }
}

TEST(InspectReport, ColoursEveryPlaceARuleReadByItsField) {
  const auto pdf = kSamples / "taito-35.pdf";
  const auto document = extractor::extract_file(pdf.string());
  const auto uses = rules::Reader(shipped_rules()).explain(document).uses;
  ASSERT_GT(uses.size(), 100u);
  const auto pages = drawn_pages(report_of(pdf));
  std::map<std::string, int> by_part;
  for (const auto& use : uses) {
    const DrawnMark* mark = pages.at(use.page).at(rounded(use.box));
    ASSERT_NE(mark, nullptr) << use.field << " on page " << use.page << " is not drawn";
    EXPECT_NE(("\n" + mark->fields + "\n").find("\n" + use.field + "\n"), std::string::npos)
        << mark->id << " does not name " << use.field;
    EXPECT_TRUE(mark->has_class("used")) << mark->id;
    const std::string part = use.field.substr(0, use.field.find('.'));
    if (mark->fields.starts_with(use.field)) {
      EXPECT_TRUE(mark->has_class("f-" + part)) << mark->id << " coloured as " << mark->classes;
      ++by_part[part];
    }
  }
  for (const char* part : {"measure", "indicator", "project", "activity", "year", "header"})
    EXPECT_GT(by_part[part], 0) << "no cell coloured as " << part;
}

TEST(InspectReport, ShowsTheNormalizedValueOfEveryQuantity) {
  const auto pdf = kSamples / "taito-35.pdf";
  const auto sheets = rules::read_sheets(extractor::extract_file(pdf.string()), shipped_rules());
  ASSERT_EQ(sheets.size(), 1u);
  std::vector<nlohmann::ordered_json> quantities;
  collect_quantities(records::to_json(sheets.front()), quantities);
  ASSERT_GT(quantities.size(), 100u);
  const auto pages = drawn_pages(report_of(pdf));
  for (const auto& q : quantities) {
    const DrawnMark* mark = pages.at(q["at"]["page"].get<int>()).at(rounded(box_of(q["at"])));
    ASSERT_NE(mark, nullptr) << q.dump();
    EXPECT_NE(mark->value.find("\"raw\": " + q["raw"].dump()), std::string::npos) << mark->id << ": " << mark->value;
    EXPECT_NE(mark->value.find("\"value\": " + q["value"].dump()), std::string::npos) << mark->id << ": " << mark->value;
  }
}

TEST(InspectReport, LinksEachWarningToItsCell) {
  const auto pdf = kSamples / "taito-35.pdf";
  const auto sheets = rules::read_sheets(extractor::extract_file(pdf.string()), shipped_rules());
  const auto pages = drawn_pages(report_of(pdf));
  std::size_t placed = 0;
  for (const auto& warning : sheets.front().warnings) {
    if (!warning.at) continue;
    ++placed;
    const auto& page = pages.at(warning.at->page);
    const auto& b = warning.at->box;
    const DrawnMark* mark = page.at(rounded({b[0], b[1], b[2], b[3]}));
    ASSERT_NE(mark, nullptr) << warning.message;
    EXPECT_TRUE(mark->has_class("warned")) << mark->id;
    EXPECT_NE(mark->warnings.find(warning.message), std::string::npos) << mark->id;
    EXPECT_NE(std::find(page.warning_links.begin(), page.warning_links.end(), mark->id), page.warning_links.end())
        << "no link to " << mark->id << " beside page " << warning.at->page;
  }
  EXPECT_GT(placed, 0u) << "taito-35 has warnings with a place";
}

TEST(InspectReport, ShowsTheLayoutAndTheReasonWhenNoRuleMatches) {
  const auto pdf = kSamples / "bad" / "not-a-sheet.pdf";
  const std::string html = report_of(pdf);
  EXPECT_NE(html.find("class=\"no-match\""), std::string::npos);
  EXPECT_NE(html.find("title seen"), std::string::npos) << "the reason names the title the rules saw";
  EXPECT_NE(html.find("区民施設の臨時休館のお知らせ"), std::string::npos);
  for (const auto& [number, page] : drawn_pages(html)) {
    EXPECT_GT(page.count("cell"), 0u);
    EXPECT_GT(page.count("block"), 0u);
    EXPECT_EQ(page.count("used"), 0u) << "no rule read anything";
  }
}

// The overlay lies on the image: every ruling line the extractor found is on ink in the rendered
// page, and the same lines moved aside are not; page 3 of the rotated sample has /Rotate 90.
TEST(InspectReport, PageImagesAreUprightUnderTheirOverlay) {
  const auto pdf = kSamples / "taito-07-rotated.pdf";
  const fs::path report = saved_report(pdf, report_of(pdf));
  const auto document = extractor::extract_file(pdf.string());
  ASSERT_EQ(document.pages.at(2).rotation, 90);
  for (const auto& page : document.pages) {
    const auto result = run("/usr/bin/python3 " + testing::quoted(kRoot / "tests" / "inspect" / "ink_on_edges.py") + " " +
                            testing::quoted(report) + " " + std::to_string(page.number));
    ASSERT_EQ(result.status, 0) << result.out;
    const std::string lines = std::to_string(page.edges.size());
    EXPECT_EQ(result.out.substr(0, result.out.find(" shifted")), "inked " + lines + "/" + lines)
        << "page " << page.number << ": " << result.out;
    const int shifted = std::stoi(result.out.substr(result.out.find("shifted ") + 8));
    EXPECT_LT(shifted * 5, static_cast<int>(page.edges.size())) << "page " << page.number << ": " << result.out;
  }
}

// Runs Debian's headless Chromium on a saved report with one action (--dump-dom, --screenshot=...).
testing::CommandResult chromium(const fs::path& report, const std::string& action) {
  const fs::path profile = kBuild / ("inspect-chromium-profile-" + std::to_string(::getpid()));
  fs::remove_all(profile);
  const auto result = run("chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                          "--disable-background-networking --disable-component-update --disable-sync "
                          "--user-data-dir=" + testing::quoted(profile) + " --enable-logging=stderr --v=0 " + action +
                          " --window-size=1400,1000 " + testing::quoted("file://" + fs::absolute(report).string()) +
                          " 2>" + testing::quoted(kBuild / "inspect-chromium.log"));
  fs::remove_all(profile);
  return result;
}

bool chromium_installed() { return run("command -v chromium >/dev/null 2>&1").status == 0; }

TEST(InspectReportInBrowser, RendersWithoutScriptErrorsAndCountsEveryCell) {
  if (!chromium_installed()) GTEST_SKIP() << "Debian's chromium package is not installed";
  for (const auto& pdf : {kSamples / "taito-35.pdf", kSamples / "bad" / "not-a-sheet.pdf"}) {
    SCOPED_TRACE(pdf.string());
    const fs::path report = saved_report(pdf, report_of(pdf));
    const auto dom = chromium(report, "--dump-dom");
    ASSERT_EQ(dom.status, 0) << "see " << (kBuild / "inspect-chromium.log");
    EXPECT_NE(dom.out.find("data-ready=\"true\""), std::string::npos) << "the script did not run to its end";
    EXPECT_NE(dom.out.find("<ul id=\"script-errors\" data-count=\"0\"></ul>"), std::string::npos)
        << dom.out.substr(dom.out.find("<ul id=\"script-errors\""), 600);
    // The script counts the cells it finds drawn on each page and writes the count into the page.
    std::vector<std::size_t> counted;
    const std::string key = "data-counted-cells=\"";
    for (auto at = dom.out.find(key); at != std::string::npos; at = dom.out.find(key, at + 1))
      counted.push_back(std::stoul(dom.out.substr(at + key.size())));
    std::vector<std::size_t> extracted;
    for (const auto& [number, cells] : extracted_cells(pdf)) extracted.push_back(cells);
    EXPECT_EQ(counted, extracted);
  }
  const fs::path screenshot = kBuild / "inspect-taito-35.png";
  fs::remove(screenshot);
  const auto shot = chromium(kBuild / "inspect-taito-35.html", "--screenshot=" + testing::quoted(screenshot));
  ASSERT_EQ(shot.status, 0);
  ASSERT_TRUE(fs::exists(screenshot));
  EXPECT_EQ(testing::read_file(screenshot).substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_GT(fs::file_size(screenshot), 50'000u) << "a 1400×1000 screenshot of a drawn page";
}

TEST(InspectCommand, WritesTheReportAndFailsInOneLineOnAnUnreadableFile) {
  const fs::path output = kBuild / "inspect-command-taito-35.html";
  fs::remove(output);
  const auto ok = run(std::string(SHEETX_EXE) + " inspect " + testing::quoted(kSamples / "taito-35.pdf") + " -o " + testing::quoted(output));
  EXPECT_EQ(ok.status, 0);
  EXPECT_EQ(drawn_pages(testing::read_file(output)).size(), 3u);

  const auto bad = run(std::string(SHEETX_EXE) + " inspect samples/bad/encrypted.pdf -o " +
                       testing::quoted(kBuild / "inspect-encrypted.html") + " 2>&1");
  EXPECT_EQ(bad.status, 1);
  EXPECT_EQ(bad.out, "sheetx: samples/bad/encrypted.pdf: encrypted: needs a password\n");
  EXPECT_FALSE(fs::exists(kBuild / "inspect-encrypted.html"));
}

}  // namespace
}  // namespace sheetx

namespace sheetx {
namespace {

// A clicked cell names the rule behind it: a header cell its column's role and regex, a field
// cell the rule (FILE:LINE) that filled it; a cell no rule read names none.
TEST(InspectReport, CellsNameTheRuleThatReadThem) {
  const std::string html = report_of(testing::kSamples / "taito-35.pdf");
  const std::string rules = testing::read_file(testing::kRoot / "rules" / "taito-kensho.yaml");
  const auto line_of = [&](const std::string& needle) {
    return std::to_string(1 + std::count(rules.begin(), rules.begin() + static_cast<long>(rules.find(needle)), '\n'));
  };
  EXPECT_NE(html.find("data-rules=\"taito-kensho.yaml:" + line_of("{role: plan,") +
                      " header: column role plan, header regex '計画事業量'\""),
            std::string::npos);
  EXPECT_NE(html.find("data-rules=\"taito-kensho.yaml:" + line_of("  - label: '^主管$'") + " measure.department"),
            std::string::npos);
  const auto pages = drawn_pages(html);
  std::size_t unread = 0;
  for (const auto& [number, page] : pages)
    for (const auto& mark : page.marks) unread += mark.has_class("cell") && mark.fields.empty();
  EXPECT_GT(unread, 0u) << "cells no rule read (the title, the review text's frame) carry no rule";
}

}  // namespace
}  // namespace sheetx
