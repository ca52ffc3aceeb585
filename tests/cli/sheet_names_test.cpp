// The names the sheets of a bundle give their files (extract -o, check): the measure number, or
// on a project sheet the project's code; and which expected files beside a PDF are its own.
#include <gtest/gtest.h>

#include <fstream>

#include "../support/test_support.h"
#include "sheet_job.h"

namespace {

using namespace sheetx::testing;
using sheetx::cli::expected_files;
using sheetx::cli::sheet_stems;
using Json = nlohmann::ordered_json;

Json project_sheet(const Json& code, const Json& number) {
  return {{"kind", "project"}, {"measure", {{"number", 12}}}, {"projects", {{{"number", number}, {"code", code}}}}};
}

TEST(SheetStems, ProjectSheetsAreNamedByTheirCodeMeasureSheetsByTheirNumber) {
  const Json sheets = {project_sheet("02-12-003", nullptr), project_sheet(nullptr, 7), {{"kind", "measure"}, {"measure", {{"number", 35}}}},
                       project_sheet(nullptr, nullptr)};
  EXPECT_EQ(sheet_stems("in/kitamoto-bundle.pdf", sheets),
            (std::vector<std::string>{"in/kitamoto-bundle-02-12-003", "in/kitamoto-bundle-7", "in/kitamoto-bundle-35",
                                      "in/kitamoto-bundle-sheet4"}));
  // A sheet alone keeps the PDF's name.
  EXPECT_EQ(sheet_stems("a.pdf", Json::array({project_sheet("02-12-003", nullptr)})), (std::vector<std::string>{"a"}));
}

TEST(SheetStems, ACodeIsMadeSafeForAFileNameAndARepeatedOneIsNumbered) {
  const Json sheets = {project_sheet("2/12:3*?", nullptr), project_sheet("A-1", nullptr), project_sheet("A-1", nullptr)};
  EXPECT_EQ(sheet_stems("b.pdf", sheets), (std::vector<std::string>{"b-2_12_3__", "b-A-1", "b-sheet3"}));
}

TEST(ExpectedFiles, ABundlesSheetsByCodeAreItsOwnAndAnotherPdfsAreNot) {
  const fs::path dir = scratch("expected-files");
  for (const char* name : {"bundle.pdf", "bundle-02-12-003.expected.json", "bundle-02-12-004.expected.json",
                           "bundle-sheet3.expected.json", "bundle-rotated.pdf", "bundle-rotated.expected.json",
                           "bundle-b.pdf", "bundle-b-7.expected.json", "bundle-notes.txt"})
    std::ofstream(dir / name) << "";
  EXPECT_EQ(expected_files(dir / "bundle.pdf"),
            (std::vector<fs::path>{dir / "bundle-02-12-003.expected.json", dir / "bundle-02-12-004.expected.json",
                                   dir / "bundle-sheet3.expected.json"}));
  EXPECT_EQ(expected_files(dir / "bundle-rotated.pdf"), (std::vector<fs::path>{dir / "bundle-rotated.expected.json"}));
  EXPECT_EQ(expected_files(dir / "bundle-b.pdf"), (std::vector<fs::path>{dir / "bundle-b-7.expected.json"}));
}

}  // namespace
