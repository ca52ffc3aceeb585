// sheetx check: passes on every sample; a changed figure in an expected file is named exactly;
// --update rewrites only the files named.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <regex>

#include "../support/test_support.h"

namespace {

using namespace sheetx::testing;
using Json = nlohmann::ordered_json;

// A copy of one sample and its expected files.
fs::path copy_sample(const std::string& stem, const std::string& test) {
  const fs::path dir = scratch(test);
  for (const auto& e : fs::directory_iterator(kSamples)) {
    const std::string name = e.path().filename().string();
    // NAME.pdf, NAME.expected.json and NAME-<measure number>.expected.json, not NAME-b.pdf
    if (name == stem + ".pdf" || std::regex_match(name, std::regex(stem + R"((-[0-9]+)?\.expected\.json)")))
      fs::copy_file(e.path(), dir / name);
  }
  return dir;
}

TEST(Check, AllSamplesMatchTheirExpectedRecords) {
  const auto result = run(kSheetx + " check samples");
  EXPECT_EQ(result.status, 0) << result.out;
  EXPECT_NE(result.out.find("check: 17 files, 17 match, 0 differ"), std::string::npos) << result.out;
}

TEST(Check, NamesExactlyTheFigureThatChanged) {
  const fs::path dir = copy_sample("taito-35", "changed-figure");
  Json expected = Json::parse(read_file(dir / "taito-35.expected.json"));
  auto& actual = expected["projects"][2]["activities"][1]["years"][1]["actual"];
  const auto printed = actual["value"];
  actual["value"] = printed.get<double>() + 10;
  std::ofstream(dir / "taito-35.expected.json") << expected.dump(2);
  const auto result = run(kSheetx + " check " + quoted(dir));
  EXPECT_EQ(result.status, 1);
  const std::string line = "projects[2].activities[1].years[1].actual.value: expected " +
                           Json(printed.get<double>() + 10).dump() + ", got " + printed.dump();
  EXPECT_NE(result.out.find(line), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("1 difference\n"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("check: 1 files, 0 match, 1 differ"), std::string::npos) << result.out;
}

TEST(Check, JsonReportForCi) {
  const fs::path dir = copy_sample("taito-12", "json-report");
  Json expected = Json::parse(read_file(dir / "taito-12.expected.json"));
  expected["measure"]["name"] = "別の施策";
  std::ofstream(dir / "taito-12.expected.json") << expected.dump(2);
  const auto result = run(kSheetx + " check --format json " + quoted(dir));
  EXPECT_EQ(result.status, 1);
  const auto report = Json::parse(result.out);
  ASSERT_EQ(report["files"].size(), 1u);
  EXPECT_EQ(report["files"][0]["status"], "differs");
  ASSERT_EQ(report["files"][0]["differences"].size(), 1u);
  EXPECT_EQ(report["files"][0]["differences"][0]["path"], "measure.name");
  EXPECT_EQ(report["files"][0]["differences"][0]["expected"], "\"別の施策\"");
}

TEST(Check, UpdateRewritesOnlyTheFilesNamed) {
  const fs::path dir = copy_sample("taito-12", "update");
  for (const auto& e : fs::directory_iterator(kSamples))
    if (e.path().filename().string().rfind("taito-18", 0) == 0) fs::copy_file(e.path(), dir / e.path().filename());
  Json twelve = Json::parse(read_file(dir / "taito-12.expected.json"));
  twelve["measure"]["name"] = "stale";
  std::ofstream(dir / "taito-12.expected.json") << twelve.dump(2);
  Json eighteen = Json::parse(read_file(dir / "taito-18.expected.json"));
  eighteen["measure"]["name"] = "stale";
  std::ofstream(dir / "taito-18.expected.json") << eighteen.dump(2);

  EXPECT_EQ(run(kSheetx + " check --update " + quoted(dir) + " 2>/dev/null").status, 2);  // a folder: refused
  const auto result = run(kSheetx + " check --update " + quoted(dir / "taito-12.pdf"));
  EXPECT_EQ(result.status, 0) << result.out;
  EXPECT_NE(Json::parse(read_file(dir / "taito-12.expected.json"))["measure"]["name"], "stale");
  EXPECT_EQ(Json::parse(read_file(dir / "taito-18.expected.json"))["measure"]["name"], "stale");
  EXPECT_EQ(run(kSheetx + " check " + quoted(dir / "taito-12.pdf")).status, 0);
}

TEST(Check, ASheetMissingFromABundleIsNamed) {
  const fs::path dir = copy_sample("bundle", "bundle-extra");
  Json extra = Json::parse(read_file(dir / "bundle-7.expected.json"));
  std::ofstream(dir / "bundle-99.expected.json") << extra.dump(2);
  const auto result = run(kSheetx + " check " + quoted(dir));
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.out.find("bundle-99.expected.json"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("expected a sheet, got (missing)"), std::string::npos) << result.out;
}

TEST(Check, AnotherPdfsExpectedFileIsNotTakenForASheet) {
  // x.pdf holds one sheet per expected file NAME-<number>; x-rotated.expected.json belongs to
  // x-rotated.pdf and must not be compared with x.pdf's sheets.
  const fs::path dir = copy_sample("bundle", "other-pdf");
  fs::copy_file(kSamples / "taito-07-rotated.pdf", dir / "bundle-rotated.pdf");
  fs::copy_file(kSamples / "taito-07-rotated.expected.json", dir / "bundle-rotated.expected.json");
  const auto result = run(kSheetx + " check " + quoted(dir));
  EXPECT_EQ(result.status, 0) << result.out;
  EXPECT_NE(result.out.find("check: 2 files, 2 match, 0 differ"), std::string::npos) << result.out;
}

}  // namespace
