// The record documents of docs/records.md as records::to_json writes them: a
// project sheet (事務事業評価シート) with every project field, qualified figures, and both checked
// against schema/review-sheet.schema.json, which a portal validates with.
#include <fstream>

#include <gtest/gtest.h>

#include "../support/test_support.h"
#include "project_sheet.h"
#include "sheetx/normalizer.h"
#include "sheetx/records.h"

namespace sheetx::records {
namespace {

namespace fs = std::filesystem;
using sheetx::testing::validate_records;

fs::path write_document(const nlohmann::ordered_json& document, const std::string& name) {
  const fs::path path = sheetx::testing::scratch("records-" + name) / "sheet.json";
  std::ofstream(path) << document.dump(2);
  return path;
}

TEST(ProjectSheet, WritesEveryProjectFieldInContractOrder) {
  const nlohmann::ordered_json document = to_json(project_sheet());
  EXPECT_EQ(document["kind"], "project");
  const auto& project = document["projects"][0];
  std::vector<std::string> keys;
  for (const auto& [key, value] : project.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"number", "code", "name", "department", "division", "reposted",
                                            "started_fiscal_year", "legal_basis", "mandatory", "purpose", "target",
                                            "means", "indicators", "costs", "evaluation", "direction", "activities"}));
  EXPECT_EQ(project["number"], nullptr);  // 02-12-003 is no integer: the code says it
  EXPECT_EQ(project["mandatory"], false);
  EXPECT_EQ(project["indicators"][0]["kind"], "activity");
  EXPECT_EQ(project["indicators"][0]["values"][0]["kind"], "target");
  EXPECT_EQ(project["indicators"][0]["values"][0]["approximate"], true);
  EXPECT_EQ(project["indicators"][0]["values"][1]["range_to"], 3);
  EXPECT_EQ(project["indicators"][1]["values"][0]["bound"], "at_least");
  EXPECT_EQ(project["indicators"][1]["values"][1]["status"], "実施");
  EXPECT_EQ(project["costs"][0]["values"][0].dump(),
            R"({"kind":"settlement","fiscal_year":2022,"raw":"1,234千円","value":1234,"unit":"千円",)"
            R"("at":{"page":1,"box":[10.0,20.0,30.0,40.0]}})");
  EXPECT_EQ(project["costs"][1]["values"][0]["value"], 15000);
  EXPECT_EQ(project["evaluation"]["items"][1].dump(), R"({"name":"効率性","grade":"B","comment":""})");
  EXPECT_EQ(project["direction"]["choice"], "継続");
  EXPECT_EQ(document["extra"]["予算事業名"], "介護予防事業");
}

TEST(ProjectSheet, FollowsTheSchema) {
  const sheetx::testing::CommandResult result = validate_records(std::vector{write_document(to_json(project_sheet()), "project")});
  EXPECT_EQ(result.status, 0) << result.out;
}

TEST(ProjectSheet, NoneTickedIsANullChoice) {
  Sheet sheet = project_sheet();
  sheet.projects[0].direction->choice.reset();
  const nlohmann::ordered_json document = to_json(sheet);
  EXPECT_EQ(document["projects"][0]["direction"]["choice"], nullptr);
  EXPECT_EQ(validate_records(std::vector{write_document(document, "no-choice")}).status, 0);
}

// A measure sheet's project prints none of the project-sheet fields: none is written, and the
// document has no kind and no extra (the samples' expected files have neither yet).
TEST(MeasureSheet, WritesNoProjectSheetFields) {
  Sheet sheet = sheet_of(SheetKind::measure);
  sheet.measure.number = 35;
  sheet.measure.name = "ものづくり";
  sheet.measure.goal = {3, "活力"};
  sheet.measure.evaluation = {"B", "概ね順調である"};
  Activity activity{"家賃支援", 2018, printed("(5件)"), printed("15件"), {{2019, printed("5件"), printed("約5件")}}};
  sheet.projects.push_back({8, std::nullopt, "商店街空き店舗活用支援", "産業振興課", std::nullopt, true, std::nullopt,
                            std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, {}, {}, std::nullopt,
                            std::nullopt, {activity}});
  const nlohmann::ordered_json document = to_json(sheet);
  EXPECT_EQ(document["kind"], "measure");
  EXPECT_FALSE(document.contains("extra"));
  std::vector<std::string> keys;
  for (const auto& [key, value] : document["projects"][0].items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"number", "name", "division", "reposted", "activities"}));
  EXPECT_EQ(document["projects"][0]["activities"][0]["years"][0]["actual"]["approximate"], true);
  EXPECT_EQ(validate_records(std::vector{write_document(document, "measure")}).status, 0);
}

// The schema holds the qualifiers to the contract's words: a portal can rely on them.
TEST(Schema, RefusesABoundOutsideTheContract) {
  nlohmann::ordered_json document = to_json(project_sheet());
  document["projects"][0]["indicators"][1]["values"][0]["bound"] = "about";
  const sheetx::testing::CommandResult result = validate_records(std::vector{write_document(document, "invalid-bound")});
  EXPECT_NE(result.status, 0);
  EXPECT_NE(result.out.find("about"), std::string::npos) << result.out;
}

TEST(Schema, RefusesAProjectSheetOfTwoProjects) {
  Sheet sheet = project_sheet();
  sheet.projects.push_back(sheet.projects[0]);
  EXPECT_NE(validate_records(std::vector{write_document(to_json(sheet), "invalid-two-projects")}).status, 0);
}

}  // namespace
}  // namespace sheetx::records
