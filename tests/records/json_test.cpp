// The record documents of docs/records.md as records::to_json writes them: a
// project sheet (事務事業評価シート) with every project field, qualified figures, and both checked
// against schema/review-sheet.schema.json, which a portal validates with.
#include <fstream>

#include <gtest/gtest.h>

#include "../support/test_support.h"
#include "sheetx/normalizer.h"
#include "sheetx/records.h"

namespace sheetx::records {
namespace {

namespace fs = std::filesystem;
using sheetx::testing::validate_records;

const normalizer::Normalizer& shared_normalizer() {
  static const normalizer::Normalizer normalizer;  // the tests run on one thread
  return normalizer;
}

Quantity printed(const char* text, int page = 1) {
  return {shared_normalizer().quantity(text), At{page, {10, 20, 30, 40}}};
}

// A sheet as the rules layer fills it, with the fields every document carries.
Sheet sheet_of(SheetKind kind) {
  Sheet sheet;
  sheet.kind = kind;
  sheet.source = {"a.pdf", std::string(64, 'a'), 1, 1, 1};
  sheet.ruleset_id = "test";
  sheet.municipality_code = "131067";
  sheet.municipality_name = "台東区";
  sheet.review_period = {"令和５年度", 2023, 2023};
  return sheet;
}

// A project sheet as a city prints one: code, texts, indicators, costs, evaluation, direction.
Sheet project_sheet() {
  Sheet sheet = sheet_of(SheetKind::project);
  sheet.measure.name = "健康づくりの推進";
  sheet.measure.goal = {2, "健やかに暮らせるまち"};
  Project project;
  project.code = "02-12-003";
  project.name = "介護予防教室";
  project.department = "福祉部";
  project.division = "高齢福祉課";
  project.started_fiscal_year = 2006;
  project.legal_basis = "介護保険法第115条の45";
  project.mandatory = false;
  project.purpose = "高齢者が自立した生活を続けられる";
  project.target = "65歳以上の区民";
  project.means = "体操教室を開く";
  project.indicators.push_back({"activity", "教室の開催回数", "回",
                                {{"target", 2023, printed("年12回程度")}, {"actual", 2022, printed("1～3回")}}});
  project.indicators.push_back({"outcome", "参加者の満足度", "%",
                                {{"target", 2023, printed("80％以上")}, {"actual", 2022, printed("実施")}}});
  project.costs.push_back({"一般財源", {{"settlement", 2022, printed("1,234千円")},
                                        {"budget", 2023, printed("約1,300千円")}}});
  project.costs.push_back({"人件費", {{"estimate", 2024, printed("1万5千円")}}});
  project.evaluation = ProjectEvaluation{{{"有効性", "A", "参加者が増えた"}, {"効率性", "B", ""}}, "B", "概ね順調"};
  project.direction = Direction{"継続", {"拡充", "継続", "改善", "縮小", "休止・廃止"}, "内容を見直して続ける"};
  sheet.projects.push_back(project);
  sheet.extra["予算事業名"] = "介護予防事業";
  return sheet;
}

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
