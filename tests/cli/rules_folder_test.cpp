// --rules takes folders: every *.yaml in one, by name; with no --rules, every rule file sheetx
// ships. Each sheet is read by the rule file whose title rule recognises it (`ruleset` says
// which); a title two rule files recognise is a warning on the sheet; rule files that cannot share
// a run (one id, an extractor setting given two values), a folder without rule files and a rule
// file that cannot be read (with the cause) are errors at load. The rule files are the shipped 検証シート file and small ones written here.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "../support/test_support.h"

namespace {

using namespace sheetx::testing;

const std::string kTaitoTitle = "title: '(?P<period>(?:令和|平成)\\S+?年度)長期総合計画検証シート'";

// The shipped 検証シート rule file with its id and title replaced: another layout's rule file as
// far as the run can tell.
std::string rule_file_like_taito(const std::string& id, const std::string& title) {
  std::string text = read_file(kRoot / "rules" / "taito-kensho.yaml");
  text.replace(text.find("id: taito-kensho"), std::string("id: taito-kensho").size(), "id: " + id);
  if (!title.empty()) text.replace(text.find(kTaitoTitle), kTaitoTitle.size(), "title: '" + title + "'");
  return text;
}

void write(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

std::vector<nlohmann::json> records_of(const std::string& jsonl) {
  std::vector<nlohmann::json> out;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

// The notice of samples/bad/not-a-sheet.pdf read as a sheet of a layout of its own.
constexpr const char* kNoticeTitle = "(?P<period>)臨時休館のお知らせ";

TEST(RulesFolder, EachSheetIsReadByTheRuleFileThatRecognisesItsTitle) {
  const fs::path dir = scratch("rules-folder");
  fs::create_directories(dir / "rules" / "drafts");
  fs::copy_file(kRoot / "rules" / "taito-kensho.yaml", dir / "rules" / "taito-kensho.yaml");
  write(dir / "rules" / "notice.yaml", rule_file_like_taito("notice", kNoticeTitle));
  write(dir / "rules" / "README.md", "not a rule file\n");
  write(dir / "rules" / "drafts" / "broken.yaml", "id: [\n");  // a subfolder is not read
  const auto result = run(kSheetx + " extract samples/taito-12.pdf samples/bad/not-a-sheet.pdf --format jsonl --rules " +
                          quoted(dir / "rules") + " 2>/dev/null");
  ASSERT_EQ(result.status, 0) << result.out;
  const auto records = records_of(result.out);
  ASSERT_EQ(records.size(), 2u) << result.out;
  EXPECT_EQ(records[0]["ruleset"]["id"], "taito-kensho");
  EXPECT_EQ(records[0]["measure"]["number"], 12);
  EXPECT_TRUE(records[0]["warnings"].empty()) << records[0]["warnings"];  // one rule file recognised it
  EXPECT_EQ(records[1]["ruleset"]["id"], "notice");
  EXPECT_EQ(records[1]["source"]["path"], "samples/bad/not-a-sheet.pdf");
}

TEST(RulesFolder, FilesAndFoldersMixAndEveryCommandTakesThem) {
  const fs::path dir = scratch("rules-mixed");
  fs::create_directories(dir / "more");
  write(dir / "more" / "notice.yaml", rule_file_like_taito("notice", kNoticeTitle));
  const std::string rules = " --rules " + quoted(kRoot / "rules" / "taito-kensho.yaml") + " --rules " + quoted(dir / "more");
  const auto extracted = run(kSheetx + " extract samples/bad/not-a-sheet.pdf --format jsonl" + rules + " 2>/dev/null");
  ASSERT_EQ(extracted.status, 0) << extracted.out;
  EXPECT_EQ(records_of(extracted.out).at(0)["ruleset"]["id"], "notice");
  const auto explained = run(kSheetx + " explain samples/bad/not-a-sheet.pdf --format json" + rules + " 2>/dev/null");
  ASSERT_EQ(explained.status, 0) << explained.out;
  EXPECT_NE(explained.out.find("notice.yaml"), std::string::npos);
  EXPECT_EQ(run(kSheetx + " inspect samples/bad/not-a-sheet.pdf -o " + quoted(dir / "r.html") + rules + " 2>&1").status, 0);
  EXPECT_NE(read_file(dir / "r.html").find("notice"), std::string::npos);
}

TEST(RulesFolder, ByDefaultEveryShippedRuleFileIsLoaded) {
  const auto help = run(kSheetx + " extract --help");
  EXPECT_NE(help.out.find("every rule file sheetx ships, in " + (kRoot / "rules").string() + ")"), std::string::npos)
      << help.out;
  // The default reads what the shipped folder reads.
  const auto by_default = run(kSheetx + " extract samples/taito-35.pdf --format jsonl 2>&1");
  const auto by_folder = run(kSheetx + " extract samples/taito-35.pdf --format jsonl --rules " + quoted(kRoot / "rules") + " 2>&1");
  ASSERT_EQ(by_default.status, 0) << by_default.out;
  EXPECT_EQ(by_default.out, by_folder.out);
}

TEST(RulesFolder, ATitleTwoRuleFilesRecogniseIsAWarningAndTheFirstByNameReadsIt) {
  const fs::path dir = scratch("rules-ambiguous");
  fs::create_directories(dir / "rules");
  fs::copy_file(kRoot / "rules" / "taito-kensho.yaml", dir / "rules" / "b-taito.yaml");
  write(dir / "rules" / "a-loose.yaml", rule_file_like_taito("loose", "(?P<period>(?:令和|平成)\\S+?年度).*シート"));
  const auto result = run(kSheetx + " extract samples/taito-12.pdf --format jsonl --rules " + quoted(dir / "rules") + " 2>/dev/null");
  ASSERT_EQ(result.status, 0) << result.out;
  const auto sheet = records_of(result.out).at(0);
  EXPECT_EQ(sheet["ruleset"]["id"], "loose");
  ASSERT_FALSE(sheet["warnings"].empty());
  EXPECT_EQ(sheet["warnings"][0]["code"], "title-ambiguous");
  EXPECT_EQ(sheet["warnings"][0]["message"],
            "the title is recognised by b-taito.yaml too: read with a-loose.yaml, the first (rule files are tried in the "
            "order given, a folder's by name)");
  // A doubt of the reading: --strict fails on it.
  EXPECT_EQ(run(kSheetx + " extract samples/taito-12.pdf --format jsonl --strict --rules " + quoted(dir / "rules") +
                " >/dev/null 2>&1")
                .status,
            1);
}

TEST(RulesFolder, RuleFilesThatCannotShareARunAreErrorsAtLoad) {
  const fs::path dir = scratch("rules-clash");
  for (const char* folder : {"empty", "same-id", "settings", "loop"}) fs::create_directories(dir / folder);
  write(dir / "empty" / "notes.txt", "no rule file here\n");
  write(dir / "same-id" / "a.yaml", rule_file_like_taito("taito-kensho", kNoticeTitle));
  fs::copy_file(kRoot / "rules" / "taito-kensho.yaml", dir / "same-id" / "b.yaml");
  write(dir / "settings" / "a.yaml", rule_file_like_taito("a", kNoticeTitle) + "\nextractor:\n  max_shading_inset: 3\n");
  write(dir / "settings" / "b.yaml", rule_file_like_taito("b", "") + "\nextractor:\n  max_shading_inset: 2\n");
  write(dir / "settings" / "c.yaml", rule_file_like_taito("c", "ccc") + "\nextractor:\n  max_shading_inset: 3\n");
  fs::copy_file(kRoot / "rules" / "taito-kensho.yaml", dir / "loop" / "a.yaml");
  fs::create_symlink("loop.yaml", dir / "loop" / "loop.yaml");  // a link to itself
  const std::map<std::string, std::string> expected = {
      {"empty", (dir / "empty").string() + ": no rule file (*.yaml) in the folder"},
      {"same-id", (dir / "same-id" / "b.yaml").string() + ": id 'taito-kensho' is also the id of " +
                      (dir / "same-id" / "a.yaml").string() + " (each rule file of a run needs its own id)"},
      {"settings", (dir / "settings" / "b.yaml").string() + ": extractor setting max_shading_inset=2 differs from "
                       "max_shading_inset=3 in " + (dir / "settings" / "a.yaml").string()},
      // A rule file that cannot be read says why.
      {"loop", (dir / "loop" / "loop.yaml").string() +
                   ": cannot read the rule file: cannot open the file: Too many levels of symbolic links"},
  };
  for (const auto& [folder, message] : expected) {
    const auto result = run(kSheetx + " extract samples/taito-12.pdf --format jsonl --rules " + quoted(dir / folder) + " 2>&1");
    EXPECT_EQ(result.status, 2) << folder << ": " << result.out;
    EXPECT_NE(result.out.find("sheetx: " + message), std::string::npos) << folder << ": " << result.out;
  }
}

}  // namespace
