// The sheetx binary on hostile inputs generated at test time: PDFs that attack Poppler's parser
// (self-invoking forms, deep nesting, thousands of pages, 100,000 text runs, a state bomb, text
// that only the time limit stops), a catastrophic regex, awkward paths and folders. Each ends
// only its own file, with its one-line cause; good files around it give their full records;
// outputs are whole or untouched; inputs are never written.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "../support/test_support.h"
#include "worker_pool.h"
#include "hostile_pdfs.h"
#include "sheetx_run.h"

namespace {

using namespace sheetx::testing;
namespace hostile = sheetx::testing::hostile;

// The records of a sample read on its own (jsonl), without `source` (which names the path).
nlohmann::json alone(const std::string& sample) {
  auto sheet = nlohmann::json::parse(run(kSheetx + " extract " + quoted(kSamples / sample) + " --format jsonl 2>/dev/null").out);
  sheet.erase("source");
  return sheet;
}

nlohmann::json without_source(const fs::path& json_file) {
  auto sheet = nlohmann::json::parse(read_file(json_file));
  sheet.erase("source");
  return sheet;
}

// Every file under a folder: its bytes and its modification time, to show nothing wrote there.
std::map<std::string, std::pair<std::string, fs::file_time_type>> snapshot(const fs::path& dir) {
  std::map<std::string, std::pair<std::string, fs::file_time_type>> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::error_code error;
    if (e.is_symlink(error) || !e.is_regular_file(error)) continue;
    files[e.path().string()] = {read_file(e.path()), fs::last_write_time(e.path())};
  }
  return files;
}

std::vector<fs::path> part_files(const fs::path& dir) {
  std::vector<fs::path> parts;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().string().find(".part") != std::string::npos) parts.push_back(e.path());
  return parts;
}

// A hostile PDF between two good sheets in one run: it fails alone, with `cause`, and the good
// sheets on either side still give their records, in order.
void fails_alone(const std::string& name, const std::string& pdf, const std::string& cause,
                 const std::string& options = "", int status = 1) {
  const fs::path dir = case_folder(name);
  write(dir / (name + ".pdf"), pdf);
  const SheetxRun r = run_sheetx("extract " + quoted(kSamples / "taito-12.pdf") + " " + quoted(dir / (name + ".pdf")) + " " +
                           quoted(kSamples / "taito-41.pdf") + " --format jsonl --jobs 2 " + options,
                       dir);
  EXPECT_EQ(r.status, status) << r.err;
  EXPECT_NE(r.line_for(dir / (name + ".pdf")).find(cause), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("3 files, 2 sheets"), std::string::npos) << r.err;
  std::istringstream lines(r.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  ASSERT_FALSE(second.empty()) << r.out;
  auto a = nlohmann::json::parse(first), b = nlohmann::json::parse(second);
  a.erase("source");
  b.erase("source");
  EXPECT_EQ(a, alone("taito-12.pdf"));
  EXPECT_EQ(b, alone("taito-41.pdf"));
}

// Forms X1 -> X -> X1 ...: Poppler notices the loop; the page is read as far as it goes.
TEST(HostilePdf, SelfInvokingFormsEndInTheirFileOnly) {
  // Read as far as it goes, it holds no sheet: an outcome of its own, not a failure.
  fails_alone("self-invoking-forms", hostile::self_invoking_forms(), "not a review sheet (title seen \"hostile\")",
              "--timeout 20", 0);
}

// Page 2 of the tree is the tree again: page 1 is read, page 2 left out with a warning naming it.
TEST(HostilePdf, PageTreeThatHoldsItself) {
  fails_alone("page-tree-loop", hostile::page_tree_loop(), "not a review sheet (title seen \"hostile\")", "--timeout 20",
              0);
  const fs::path dir = case_folder("page-tree-loop-layout");
  write(dir / "loop.pdf", hostile::page_tree_loop());
  const SheetxRun r = run_sheetx("layout " + quoted(dir / "loop.pdf"), dir);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto layout = nlohmann::json::parse(r.out);
  ASSERT_EQ(layout["pages"].size(), 1u);
  EXPECT_EQ(layout["pages"][0]["blocks"][0]["text"], "hostile");
  EXPECT_NE(layout["warnings"].dump().find("page 2 cannot be read (damaged): left out"), std::string::npos)
      << layout["warnings"];
}

// 100,000 levels of [ and <<, in the content stream and in the file's objects: Poppler
// complains at every token. Before PopplerMessages kept a set, each complaint was compared with
// all before it: 30,000 levels took 8 s, 100,000 ran into the time limit (now 0.25 s).
TEST(HostilePdf, DeeplyNestedArraysAndDictionaries) {
  fails_alone("deeply-nested", hostile::deeply_nested(100000), "not a review sheet (title seen \"hostile\")",
              "--timeout 20", 0);
  // Poppler complains at each of those tokens: the file keeps a hundred of its messages at most.
  const fs::path dir = case_folder("deeply-nested-layout");
  write(dir / "nested.pdf", hostile::deeply_nested(100000));
  const SheetxRun r = run_sheetx("layout " + quoted(dir / "nested.pdf"), dir);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto warnings = nlohmann::json::parse(r.out)["warnings"];
  EXPECT_GE(warnings.size(), 2u);
  EXPECT_LE(warnings.size(), 101u);
}

TEST(HostilePdf, ThousandsOfPagesAreRefusedQuicklyByMaxPages) {
  const fs::path dir = case_folder("many-pages");
  write(dir / "5000-pages.pdf", hostile::many_pages(5000));
  const SheetxRun refused = run_sheetx("extract " + quoted(dir / "5000-pages.pdf") + " --format jsonl --max-pages 100", dir);
  EXPECT_EQ(refused.status, 1);
  EXPECT_EQ(refused.line_for(dir / "5000-pages.pdf"), "too many pages: 5000 (limit 100)") << refused.err;
  const SheetxRun by_default = run_sheetx("extract " + quoted(dir / "5000-pages.pdf") + " --format jsonl", dir);
  EXPECT_EQ(by_default.line_for(dir / "5000-pages.pdf"), "too many pages: 5000 (limit 2000)") << by_default.err;
  // A file within the limit is read: bundle.pdf has 7 pages and 3 sheets.
  const SheetxRun within = run_sheetx("extract " + quoted(kSamples / "bundle.pdf") + " --format jsonl --max-pages 7", dir);
  EXPECT_EQ(within.status, 0) << within.err;
  EXPECT_NE(within.err.find("1 files, 3 sheets"), std::string::npos) << within.err;
  const SheetxRun over = run_sheetx("extract " + quoted(kSamples / "bundle.pdf") + " --format jsonl --max-pages 6", dir);
  EXPECT_EQ(over.line_for(kSamples / "bundle.pdf"), "too many pages: 7 (limit 6)") << over.err;
}

// 100,000 runs of one 2-point digit each: the file is read (no time limit asserted, the time is
// in the log). Poppler keeps the first 50,000 characters under 3 points of a page and drops the
// rest: the extractor says so in a warning rather than losing text silently.
TEST(HostilePdf, HundredThousandTinyTextRunsFinish) {
  const fs::path dir = case_folder("tiny-runs");
  write(dir / "tiny.pdf", hostile::tiny_text_runs(100000));
  const SheetxRun r = run_sheetx("extract " + quoted(dir / "tiny.pdf") + " --format jsonl", dir);
  EXPECT_EQ(r.line_for(dir / "tiny.pdf"), "not a review sheet (title seen \"(no text)\")") << r.err;
  const SheetxRun layout = run_sheetx("layout " + quoted(dir / "tiny.pdf"), dir);
  ASSERT_EQ(layout.status, 0) << layout.err;
  const auto page = nlohmann::json::parse(layout.out);
  std::string text = page["pages"][0]["tables"][0]["cells"][0]["text"];
  std::erase(text, ' ');
  std::erase(text, '\n');  // lines that each hold a figure are joined with a line break
  EXPECT_EQ(text.size(), 42858u);  // the digits among the first 50,000 runs (every seventh is a space)
  EXPECT_EQ(page["warnings"], nlohmann::json::array({"page 1: text cut: Poppler reads only the first 50000 "
                                                     "characters under 3 points wide on a page"}));
}

// 40,000 letters too far apart to make words: Poppler's text layout needs most of a minute. The
// time limit ends the file; the good files of the run are not held up.
TEST(HostilePdf, ScatteredTextRunsHitTheTimeLimitAlone) {
  fails_alone("scattered-runs", hostile::scattered_text_runs(40000), "timed out after 1 s", "--timeout 1");
}

// A content stream that inflates to 20 million "q" operators: Poppler copies the graphics state
// at each until memory runs out.
TEST(HostilePdf, StateBombIsOutOfMemory) {
  if (!sheetx::cli::memory_limit_enforced()) GTEST_SKIP() << "the memory limit is not enforced under AddressSanitizer";
  fails_alone("state-bomb", hostile::state_bomb(20'000'000), "out of memory (limit 256 MiB)", "--max-memory 256");
}

// layout, inspect and check read the PDF in a worker under the limits extract has: a file on
// which Poppler spins, one of too many pages and a state bomb each end with their one line.
TEST(HostilePdf, EveryCommandHasTheLimits) {
  const fs::path dir = case_folder("limits-every-command");
  write(dir / "scattered.pdf", hostile::scattered_text_runs(40000));
  write(dir / "pages.pdf", hostile::many_pages(3000));
  for (const std::string command : {"layout", "inspect"}) {
    const std::string output = command == "inspect" ? " -o " + quoted(dir / "report.html") : "";
    const SheetxRun slow = run_sheetx(command + " " + quoted(dir / "scattered.pdf") + " --timeout 1" + output, dir);
    EXPECT_EQ(slow.status, 1) << command;
    EXPECT_EQ(slow.line_for(dir / "scattered.pdf"), "timed out after 1 s") << command << ": " << slow.err;
    const SheetxRun pages = run_sheetx(command + " " + quoted(dir / "pages.pdf") + output, dir);
    EXPECT_EQ(pages.status, 1) << command;
    EXPECT_EQ(pages.line_for(dir / "pages.pdf"), "too many pages: 3000 (limit 2000)") << command << ": " << pages.err;
    EXPECT_FALSE(fs::exists(dir / "report.html"));
    if (sheetx::cli::memory_limit_enforced()) {
      write(dir / "bomb.pdf", hostile::state_bomb(20'000'000));
      const SheetxRun bomb = run_sheetx(command + " " + quoted(dir / "bomb.pdf") + " --max-memory 256" + output, dir);
      EXPECT_EQ(bomb.line_for(dir / "bomb.pdf"), "out of memory (limit 256 MiB)") << command << ": " << bomb.err;
      fs::remove(dir / "bomb.pdf");
    }
  }
  write(dir / "scattered.expected.json", "{}");
  const SheetxRun check = run_sheetx("check " + quoted(dir) + " --timeout 1", dir);
  EXPECT_EQ(check.status, 1);
  EXPECT_NE(check.out.find("FAIL " + (dir / "scattered.pdf").string() + ": timed out after 1 s\n"), std::string::npos)
      << check.out;
}

// A sample whose page tree points at an object that does not exist in place of one page.
std::string with_one_page_missing(const std::string& pdf) {
  const std::string kids = "/Kids [ 3 0 R 4 0 R 5 0 R ]";
  const auto at = pdf.find(kids);
  if (at == std::string::npos) throw std::runtime_error("the sample's page tree changed");
  return pdf.substr(0, at) + "/Kids [ 3 0 R 4 1 R 5 0 R ]" + pdf.substr(at + kids.size());  // same length
}

// One page Poppler cannot read costs that page only: the other pages give their records, the
// record says which page is missing, stderr names it once.
TEST(DamagedPdf, OneUnreadablePageCostsOnlyThatPage) {
  const fs::path dir = case_folder("unreadable-page");
  write(dir / "sheet.pdf", with_one_page_missing(read_file(kSamples / "taito-35.pdf")));
  const SheetxRun r = run_sheetx("extract " + quoted(dir / "sheet.pdf") + " --format jsonl", dir);
  EXPECT_EQ(r.status, 0) << r.err;
  const auto sheet = nlohmann::json::parse(r.out);
  const auto whole = alone("taito-35.pdf");
  EXPECT_EQ(sheet["measure"], whole["measure"]);  // from page 1
  EXPECT_FALSE(sheet["projects"].empty());
  std::vector<std::string> unreadable;
  for (const auto& w : sheet["warnings"])
    if (w["code"] == "unreadable-page") unreadable.push_back(w["message"]);
  EXPECT_EQ(unreadable, std::vector<std::string>{"page 3 of the PDF cannot be read (damaged): its text is missing"});
  EXPECT_NE(r.err.find(": warning: page 3 cannot be read (damaged): left out\n"), std::string::npos) << r.err;
  const SheetxRun layout = run_sheetx("layout " + quoted(dir / "sheet.pdf"), dir);
  EXPECT_EQ(layout.status, 0) << layout.err;
  EXPECT_EQ(nlohmann::json::parse(layout.out)["pages"].size(), 2u);
}

// A file whose %PDF- header is gone but which Poppler reads is read, with a warning; one that is
// no PDF at all is still "not a PDF".
TEST(DamagedPdf, MissingHeaderIsReadWithAWarning) {
  const fs::path dir = case_folder("no-header");
  std::string pdf = read_file(kSamples / "taito-35.pdf");
  ASSERT_EQ(pdf.compare(0, 5, "%PDF-"), 0);
  pdf.replace(0, 5, "%XXX-");
  write(dir / "sheet.pdf", pdf);
  const SheetxRun r = run_sheetx("extract " + quoted(dir / "sheet.pdf") + " " + quoted(kSamples / "bad" / "not-a-pdf.pdf") +
                                 " --format jsonl",
                             dir);
  EXPECT_EQ(r.status, 1) << r.err;
  auto sheet = nlohmann::json::parse(r.out);
  sheet.erase("source");
  EXPECT_EQ(sheet, alone("taito-35.pdf"));
  EXPECT_NE(r.err.find(": warning: no %PDF- header: read all the same, as Poppler could\n"), std::string::npos) << r.err;
  EXPECT_EQ(r.line_for(kSamples / "bad" / "not-a-pdf.pdf"), "not a PDF: no %PDF- header") << r.err;
}

// The summary counts each path once, whether it was found, missing, or lost a sheet.
TEST(DamagedPdf, SummaryCountsEachInputOnce) {
  const fs::path dir = case_folder("count-once");
  const SheetxRun r = run_sheetx("extract " + quoted(dir / "missing.pdf") + " " + quoted(kSamples / "taito-12.pdf") +
                                 " --format jsonl",
                             dir);
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.line_for(dir / "missing.pdf"), "no such file or folder") << r.err;
  EXPECT_NE(r.err.find("sheetx: 2 files, 1 sheets, "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(", 1 failed\n"), std::string::npos) << r.err;
}

// A run killed while a worker spins on a file (or ended by SIGPIPE under `| head`) takes its
// workers with it: none is left to spin with nobody waiting.
TEST(HostilePdf, WorkersEndWithTheirRun) {
  const fs::path dir = case_folder("killed-run");
  write(dir / "scattered.pdf", hostile::scattered_text_runs(40000));
  const pid_t run = fork();
  ASSERT_GE(run, 0);
  if (run == 0) {
    const std::string pdf = (dir / "scattered.pdf").string();
    execl(kSheetx.c_str(), kSheetx.c_str(), "extract", pdf.c_str(), "--format", "jsonl", "--timeout", "60",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  std::vector<pid_t> workers;
  for (int i = 0; i < 200 && workers.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    workers = children_of(run);
  }
  ASSERT_EQ(workers.size(), 1u);
  kill(run, SIGKILL);
  waitpid(run, nullptr, 0);
  bool all_ended = false;
  for (int i = 0; i < 200 && !all_ended; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    all_ended = std::all_of(workers.begin(), workers.end(), ended);
  }
  EXPECT_TRUE(all_ended) << "a worker outlived its run";
  for (pid_t worker : workers) kill(worker, SIGKILL);  // not to leave it spinning if the check failed
}

// A rule file whose title regex is (a+)+$, run over a cell of 20,000 and 80,000 letters that
// ends in "!": exponential for a backtracking engine, linear for RE2.
TEST(HostileRules, CatastrophicRegexStaysLinear) {
  const fs::path dir = case_folder("catastrophic-regex");
  std::string rules = read_file(kRoot / "rules" / "taito-kensho.yaml");
  const std::regex title("title: '.*'");
  rules = std::regex_replace(rules, title, "title: '^(?P<period>(a+)+)$$'", std::regex_constants::format_first_only);
  ASSERT_NE(rules.find("(a+)+"), std::string::npos);
  write(dir / "catastrophic.yaml", rules);
  write(dir / "20000.pdf", hostile::long_cell(200, 100));
  write(dir / "80000.pdf", hostile::long_cell(200, 400));
  double seconds[2] = {};
  int i = 0;
  for (const char* file : {"20000.pdf", "80000.pdf"}) {
    const SheetxRun r = run_sheetx("extract " + quoted(dir / file) + " --rules " + quoted(dir / "catastrophic.yaml") +
                             " --format jsonl --timeout 20",
                         dir);
    EXPECT_EQ(r.line_for(dir / file), "not a review sheet (title seen \"(no text)\")") << r.err;
    seconds[i++] = r.seconds;
  }
  EXPECT_LT(seconds[1], 10 * seconds[0] + 1) << "4 times the text took " << seconds[1] / seconds[0] << " times as long";
}

// Folders and files with spaces and Japanese names, given as folders and on standard input:
// the outputs mirror the names.
TEST(HostilePaths, SpacesAndJapaneseNames) {
  const fs::path dir = case_folder("names");
  const fs::path in = dir / "入力 フォルダ", out = dir / "出力 先";
  fs::create_directories(in / "台東区 令和３年度");
  fs::copy_file(kSamples / "taito-35.pdf", in / "台東区 令和３年度" / "施策 35 （検証）.pdf");
  fs::copy_file(kSamples / "taito-12.pdf", in / "it's a \"sheet\".PDF");
  const SheetxRun r = run_sheetx("extract " + quoted(in) + " -o " + quoted(out), dir);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(without_source(out / "台東区 令和３年度" / "施策 35 （検証）.json"), alone("taito-35.pdf"));
  EXPECT_EQ(without_source(out / "it's a \"sheet\".json"), alone("taito-12.pdf"));
  write(dir / "list.txt", (in / "台東区 令和３年度" / "施策 35 （検証）.pdf").string() + "\n");
  const SheetxRun listed = run_sheetx("extract - --format jsonl < " + quoted(dir / "list.txt"), dir);
  EXPECT_EQ(listed.status, 0) << listed.err;
  EXPECT_EQ(nlohmann::json::parse(listed.out)["source"]["path"], (in / "台東区 令和３年度" / "施策 35 （検証）.pdf").string());
}

// A file name in Shift_JIS (市民.pdf unzipped from a Japanese archive) is not UTF-8: the output
// file keeps the name's bytes, the record's source.path has U+FFFD in their place.
TEST(HostilePaths, FileNameThatIsNotUtf8) {
  const fs::path dir = case_folder("shift-jis");
  const fs::path in = dir / "in", out = dir / "out";
  fs::create_directories(in);
  fs::copy_file(kSamples / "taito-12.pdf", in / "\x8e\x73\x96\xaf.pdf");
  fs::copy_file(kSamples / "taito-41.pdf", in / "utf-8.pdf");
  const SheetxRun files = run_sheetx("extract " + quoted(in) + " -o " + quoted(out), dir);
  EXPECT_EQ(files.status, 0) << files.err;
  EXPECT_EQ(without_source(out / "\x8e\x73\x96\xaf.json"), alone("taito-12.pdf"));
  EXPECT_EQ(without_source(out / "utf-8.json"), alone("taito-41.pdf"));
  const SheetxRun lines = run_sheetx("extract " + quoted(in / "\x8e\x73\x96\xaf.pdf") + " --format jsonl", dir);
  EXPECT_EQ(lines.status, 0) << lines.err;
  EXPECT_EQ(nlohmann::json::parse(lines.out)["source"]["path"], (in / "\uFFFDs\uFFFD\uFFFD.pdf").string());
}

// A folder that links to itself, a file that links to itself, a link to nothing, a pipe and a
// folder named like a PDF: the walk ends, each bad entry is one line, the good files are read.
TEST(HostilePaths, SymlinkLoopsBrokenLinksAndPipes) {
  const fs::path dir = case_folder("links");
  const fs::path in = dir / "in", out = dir / "out";
  fs::create_directories(in / "folder.pdf");
  fs::copy_file(kSamples / "taito-12.pdf", in / "good.pdf");
  fs::copy_file(kSamples / "taito-41.pdf", in / "folder.pdf" / "inside.pdf");
  fs::create_directory_symlink(".", in / "loop");
  fs::create_directory_symlink("..", in / "folder.pdf" / "up.pdf");
  fs::create_symlink("self.pdf", in / "self.pdf");
  fs::create_symlink("nowhere.pdf", in / "gone.pdf");
  ASSERT_EQ(mkfifo((in / "pipe.pdf").c_str(), 0644), 0);
  const SheetxRun r = run_sheetx("extract " + quoted(in) + " -o " + quoted(out) + " --timeout 10", dir);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.line_for(in / "self.pdf"), "Too many levels of symbolic links") << r.err;
  EXPECT_EQ(r.line_for(in / "gone.pdf"), "a symlink to nothing") << r.err;
  EXPECT_EQ(r.line_for(in / "pipe.pdf"), "not a file (a named pipe)") << r.err;
  EXPECT_NE(r.err.find("5 files, 2 sheets, "), std::string::npos) << r.err;  // each path counted once
  EXPECT_NE(r.err.find(" 3 failed"), std::string::npos) << r.err;
  EXPECT_EQ(without_source(out / "good.json"), alone("taito-12.pdf"));
  EXPECT_EQ(without_source(out / "folder.pdf" / "inside.json"), alone("taito-41.pdf"));
  // Named one by one, they get the same causes: the pipe is never opened (it would block a
  // worker until its time limit), the loop is no "no such file".
  const SheetxRun named = run_sheetx("extract " + quoted(in / "pipe.pdf") + " " + quoted(in / "self.pdf") + " " +
                                         quoted(in / "gone.pdf") + " --format jsonl --timeout 30",
                                     dir);
  EXPECT_EQ(named.status, 1);
  EXPECT_EQ(named.line_for(in / "pipe.pdf"), "not a file (a named pipe)") << named.err;
  EXPECT_EQ(named.line_for(in / "self.pdf"), "Too many levels of symbolic links") << named.err;
  EXPECT_EQ(named.line_for(in / "gone.pdf"), "a symlink to nothing") << named.err;
}

// The single-file commands read their PDF as extract does: a named pipe given by name is no file,
// said at once, not a worker blocked until its time limit.
TEST(HostilePaths, SingleFileCommandsRefuseAPipeAtOnce) {
  const fs::path dir = case_folder("pipe-one");
  ASSERT_EQ(mkfifo((dir / "pipe.pdf").c_str(), 0644), 0);
  for (const std::string command : {"layout", "explain", "inspect"}) {
    const std::string output = command == "inspect" ? " -o " + quoted(dir / "report.html") : "";
    const SheetxRun r = run_sheetx(command + " " + quoted(dir / "pipe.pdf") + " --timeout 60" + output, dir);
    EXPECT_EQ(r.status, 1) << command << ": " << r.err;
    EXPECT_EQ(r.line_for(dir / "pipe.pdf"), "not a file") << command << ": " << r.err;
    EXPECT_LT(r.seconds, 30) << command;
  }
}

// Root reads files whatever their mode: as root (CI), sheetx runs without the capabilities that
// let it (still root, so the build and source folders stay reachable whatever their modes).
TEST(HostilePaths, UnreadableFileAndFolder) {
  const std::string as = geteuid() == 0 ? "setpriv --bounding-set -dac_override,-dac_read_search " : "";
  const fs::path dir = case_folder("unreadable");
  const fs::path in = dir / "in";
  fs::create_directories(in / "locked");
  fs::copy_file(kSamples / "taito-12.pdf", in / "good.pdf");
  fs::copy_file(kSamples / "taito-41.pdf", in / "secret.pdf");
  fs::permissions(in / "secret.pdf", fs::perms::none);
  fs::permissions(in / "locked", fs::perms::none);
  const SheetxRun r = run_sheetx("extract " + quoted(in) + " --format jsonl", dir, as);
  fs::permissions(in / "locked", fs::perms::owner_all);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.line_for(in / "secret.pdf"), "cannot open the file: Permission denied") << r.err;
  EXPECT_EQ(r.line_for(in / "locked"), "Permission denied") << r.err;
  EXPECT_NE(r.out.find("\"number\":12"), std::string::npos);
}

// A run that fails for a file leaves that file's earlier output whole; a later good run replaces
// it whole; no temporary file is left; the inputs are not written.
TEST(Outputs, AFailedRunKeepsTheEarlierOutput) {
  const fs::path dir = case_folder("outputs");
  const fs::path in = dir / "in", out = dir / "out";
  fs::create_directories(in);
  fs::copy_file(kSamples / "taito-35.pdf", in / "sheet.pdf");
  fs::copy_file(kSamples / "taito-41.pdf", in / "other.pdf");
  ASSERT_EQ(run_sheetx("extract " + quoted(in) + " -o " + quoted(out), dir).status, 0);
  const std::string before = read_file(out / "sheet.json");

  // The same name now holds a file that fails in each way: damaged, over the page limit, too slow.
  const std::string pdf = read_file(kSamples / "taito-35.pdf");
  for (const auto& [bytes, options] : std::vector<std::pair<std::string, std::string>>{
           {pdf.substr(0, pdf.size() / 2), ""},
           {hostile::many_pages(3000), ""},
           {hostile::scattered_text_runs(40000), "--timeout 1"}}) {
    write(in / "sheet.pdf", bytes);
    const auto inputs = snapshot(in);
    const SheetxRun r = run_sheetx("extract " + quoted(in) + " -o " + quoted(out) + " --jobs 2 " + options, dir);
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_NE(r.line_for(in / "sheet.pdf"), "") << r.err;
    EXPECT_EQ(read_file(out / "sheet.json"), before);
    EXPECT_TRUE(part_files(out).empty());
    EXPECT_EQ(snapshot(in), inputs) << "an input was written";
  }

  fs::copy_file(kSamples / "taito-12.pdf", in / "sheet.pdf", fs::copy_options::overwrite_existing);
  ASSERT_EQ(run_sheetx("extract " + quoted(in) + " -o " + quoted(out), dir).status, 0);
  EXPECT_EQ(without_source(out / "sheet.json"), alone("taito-12.pdf"));
  EXPECT_TRUE(part_files(out).empty());
}

// Outputs get the mode the user's umask gives a new file, as any tool's outputs do.
TEST(Outputs, ModeFollowsTheUmask) {
  const fs::path dir = case_folder("umask");
  for (const auto& [mask, mode] : std::vector<std::pair<std::string, fs::perms>>{
           {"027", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read},
           {"022", fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read}}) {
    const CommandResult r = run("umask " + mask + " && " + kSheetx + " extract " + quoted(kSamples / "taito-12.pdf") +
                                " -o " + quoted(dir / mask) + " 2>&1");
    ASSERT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(fs::status(dir / mask / "taito-12.json").permissions(), mode) << "umask " << mask;
  }
}

// Every hostile file at once with the good samples, two jobs: each hostile file has its line,
// each good sheet its complete records, the inputs are unchanged.
TEST(Outputs, HostileAndGoodFilesTogether) {
  const fs::path dir = case_folder("together");
  const fs::path in = dir / "in", out = dir / "out";
  fs::create_directories(in);
  const std::map<std::string, std::string> hostile_files = {
      {"forms.pdf", hostile::self_invoking_forms()},
      {"nested.pdf", hostile::deeply_nested(20000)},
      {"pages.pdf", hostile::many_pages(3000)},
      {"scattered.pdf", hostile::scattered_text_runs(40000)},
      {"tiny.pdf", hostile::tiny_text_runs(100000)}};
  for (const auto& [name, bytes] : hostile_files) write(in / name, bytes);
  const std::vector<std::string> good = {"taito-07.pdf", "taito-12.pdf", "taito-18.pdf", "taito-35.pdf", "taito-41.pdf"};
  for (const auto& name : good) fs::copy_file(kSamples / name, in / name);
  const auto inputs = snapshot(in);
  const SheetxRun r = run_sheetx("extract " + quoted(in) + " -o " + quoted(out) + " --jobs 2 --timeout 2 --max-pages 1000", dir);
  EXPECT_EQ(r.status, 1) << r.err;
  for (const auto& [name, bytes] : hostile_files) EXPECT_NE(r.line_for(in / name), "") << name << "\n" << r.err;
  EXPECT_NE(r.err.find("10 files, 5 sheets, "), std::string::npos) << r.err;
  for (const auto& name : good) {
    const std::string json = fs::path(name).replace_extension(".json").string();
    EXPECT_EQ(without_source(out / json), alone(name)) << name;
  }
  EXPECT_TRUE(part_files(out).empty());
  EXPECT_EQ(snapshot(in), inputs) << "an input was written";
}

}  // namespace
