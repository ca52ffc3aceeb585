// Sheets as the rules layer fills them, for the records' tests and the portal's: a project sheet
// (事務事業評価シート) with every project field, qualified figures, costs and a direction.
#pragma once

#include "sheetx/normalizer.h"
#include "sheetx/records.h"

namespace sheetx::records {

inline const normalizer::Normalizer& shared_normalizer() {
  static const normalizer::Normalizer normalizer;  // the tests run on one thread
  return normalizer;
}

inline Quantity printed(const char* text, int page = 1) {
  return {shared_normalizer().quantity(text), At{page, {10, 20, 30, 40}}};
}

// A sheet as the rules layer fills it, with the fields every document carries.
inline Sheet sheet_of(SheetKind kind) {
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
inline Sheet project_sheet() {
  Sheet sheet = sheet_of(SheetKind::project);
  sheet.measure.number = 12;
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

}  // namespace sheetx::records
