// Text from a PDF never reaches a terminal raw: a page whose title and cells hold escape
// sequences, bidi overrides and quotes (and a file name holding some too) goes through every
// command; nothing sheetx writes to stdout or stderr holds a raw control, bidi or format
// character, and the quotes around the title seen still delimit it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "hostile_pdfs.h"
#include "printable.h"
#include "sheetx_run.h"

namespace {

using namespace sheetx::testing;
using sheetx::cli::Escaping;
using sheetx::cli::printable;

// The first raw character in `bytes` that a terminal acts on or that reorders a line: C0 controls
// but the line break, DEL, C1 controls (U+0080-U+009F), bidi marks, embeddings, overrides and
// isolates (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069); "" when there is none.
std::string raw_control(const std::string& bytes) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    const auto next = [&](std::size_t k) { return i + k < bytes.size() ? static_cast<unsigned char>(bytes[i + k]) : 0u; };
    const std::string where = " at byte " + std::to_string(i) + ": ..." + bytes.substr(i < 20 ? 0 : i - 20, 40);
    if ((b < 0x20 && b != '\n') || b == 0x7F) return "control " + std::to_string(b) + where;
    if (b == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) return "C1 control" + where;
    if (b == 0xD8 && next(1) == 0x9C) return "U+061C" + where;
    if (b == 0xE2 && next(1) == 0x80 && (next(2) == 0x8E || next(2) == 0x8F || (next(2) >= 0xAA && next(2) <= 0xAE)))
      return "bidi mark or override" + where;
    if (b == 0xE2 && next(1) == 0x81 && next(2) >= 0xA6 && next(2) <= 0xA9) return "bidi isolate" + where;
  }
  return "";
}

TEST(RawControl, FindsWhatATerminalActsOn) {
  EXPECT_EQ(raw_control("plain 日本語\nlines\n"), "");
  EXPECT_NE(raw_control("a\x1b[31m"), "");
  EXPECT_NE(raw_control("a\u202e"), "");
  EXPECT_NE(raw_control("a\u2067"), "");
  EXPECT_NE(raw_control("a\u009b"), "");
  EXPECT_NE(raw_control("a\x7f"), "");
}

TEST(Printable, EscapesWhatATerminalActsOnAndTheQuotes) {
  EXPECT_EQ(printable("\x1b]0;pwned\x07\x1b[31m"), "\\u{1b}]0;pwned\\u{7}\\u{1b}[31m");
  EXPECT_EQ(printable("a\u202eb\u2066c\u200fd\u009b"), "a\\u{202e}b\\u{2066}c\\u{200f}d\\u{9b}");
  EXPECT_EQ(printable("say \"hi\" \\ 1\n2\t3"), "say \\\"hi\\\" \\\\ 1\\n2\\t3");
  EXPECT_EQ(printable("施策 35（検証）"), "施策 35（検証）");
  EXPECT_EQ(printable("\x8e\x73\x96\xaf.pdf"), "\\x8es\\x96\\xaf.pdf");  // Shift_JIS is not UTF-8
  EXPECT_EQ(printable("\U000E0001 tag"), "\\u{e0001} tag");
}

// In a JSON text only what is inside its strings changes, and the value stays the same.
TEST(Printable, JsonKeepsItsValue) {
  const nlohmann::json value = {{"text", "\x1b[2J\u009b \"q\"\u2066\u200f\u202e 日本\x7f"}, {"n", 1}};
  const std::string escaped = printable(value.dump(2), Escaping::kJson);
  EXPECT_EQ(raw_control(escaped), "");
  EXPECT_EQ(nlohmann::json::parse(escaped), value);
}

class EveryCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = case_folder(std::string("hostile-text-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    pdf = dir / "title\x1b[31m\u202e\".pdf";
    write(pdf, sheetx::testing::hostile::hostile_text());
  }
  // Runs a command and checks its stdout and stderr byte by byte.
  SheetxRun clean_run(const std::string& arguments) {
    const SheetxRun r = run_sheetx(arguments, dir);
    EXPECT_EQ(raw_control(r.out), "") << "stdout of sheetx " << arguments;
    EXPECT_EQ(raw_control(r.err), "") << "stderr of sheetx " << arguments;
    return r;
  }
  fs::path dir, pdf;
};

TEST_F(EveryCommand, ExtractSaysTheTitleEscapedBetweenItsQuotes) {
  for (const std::string& format : {std::string("--format jsonl"), "-o " + quoted(dir / "json"),
                                   "--format csv -o " + quoted(dir / "csv")}) {
    const SheetxRun r = clean_run("extract " + quoted(pdf) + " " + format + " --jobs 1");
    // No sheet is no failure, but a CSV run that read no sheet leaves the tables and fails.
    EXPECT_EQ(r.status, format.starts_with("--format csv") ? 1 : 0) << r.err;
    EXPECT_NE(r.err.find(": not a review sheet (title seen \"\\u{1b}]0;pwned\\u{7}\\u{1b}[31mReview\\\"sheet\\u{202e}eltit\")\n"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("sheetx: " + dir.string() + "/title\\u{1b}[31m\\u{202e}\\\".pdf: "), std::string::npos) << r.err;
  }
}

TEST_F(EveryCommand, LayoutPrintsTheTextAsJsonEscapesIt) {
  const SheetxRun r = clean_run("layout " + quoted(pdf) + " --words");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto layout = nlohmann::json::parse(r.out);
  EXPECT_EQ(layout["pages"][0]["blocks"][0]["text"], "\x1b]0;pwned\x07\x1b[31mReview \"sheet\u202e eltit");
  EXPECT_EQ(layout["pages"][0]["tables"][0]["cells"][0]["text"], "\x1b[2J\u009b cell \"quoted\u2066 \u200fx\\y");
  EXPECT_EQ(layout["path"], pdf.string());
}

TEST_F(EveryCommand, InspectAndValue) {
  const SheetxRun inspect = clean_run("inspect " + quoted(pdf) + " -o " + quoted(dir / "report.html"));
  EXPECT_EQ(inspect.status, 0) << inspect.err;
  EXPECT_TRUE(fs::exists(dir / "report.html"));
  const SheetxRun value =
      clean_run("value " + quoted("\x1b[31m12\u202e\"") + " --counter " + quoted("\x1b]0;x\x07"));
  EXPECT_NE(value.out, "");
}

// explain prints the text each rule saw: a rule file that recognises the hostile page makes it
// show the hostile cell, and without one the hostile title is the reason; text and JSON alike.
TEST_F(EveryCommand, ExplainShowsWhatTheRulesSawEscaped) {
  std::string rules = read_file(kSamples.parent_path() / "rules" / "taito-kensho.yaml");
  const std::string title = "  title: '(?P<period>(?:令和|平成)\\S+?年度)長期総合計画検証シート'";
  ASSERT_NE(rules.find(title), std::string::npos);
  rules.replace(rules.find(title), title.size(), "  title: 'Review'");
  write(dir / "hostile.yaml", rules);
  for (const char* format : {"text", "json"}) {
    const SheetxRun seen = clean_run("explain " + quoted(pdf) + " --rules " + quoted(dir / "hostile.yaml") +
                                     " --format " + format);
    EXPECT_EQ(seen.status, 0) << seen.err;
    EXPECT_NE(seen.out.find("cell"), std::string::npos) << seen.out;
    const SheetxRun no_sheet = clean_run("explain " + quoted(pdf) + " --format " + format);
    EXPECT_EQ(no_sheet.status, 1) << no_sheet.err;
    EXPECT_NE(no_sheet.err.find("not a review sheet (title seen \"\\u{1b}]0;pwned"), std::string::npos) << no_sheet.err;
  }
}

// check prints the expected and found values of a field: an expected file that holds the
// hostile text in a field shows it escaped, on a terminal or not.
TEST_F(EveryCommand, CheckDiffsAndFailures) {
  fs::copy_file(kSamples / "taito-12.pdf", dir / "sheet.pdf");
  auto expected = nlohmann::json::parse(read_file(kSamples / "taito-12.expected.json"));
  expected["measure"]["name"] = "\x1b]0;pwned\x07\x1b[31m\"\u202e\u2066\x7f";
  write(dir / "sheet.expected.json", expected.dump(2));
  write(fs::path(pdf).replace_extension(".expected.json"), "{}");
  for (const char* format : {"text", "json"}) {
    const SheetxRun r = clean_run("check " + quoted(dir) + " --format " + format);
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_NE(r.out.find("measure.name"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("title seen"), std::string::npos) << r.out;
  }
}

}  // namespace
