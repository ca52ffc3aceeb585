// Runs of sheets that report an activity's fiscal years, and the `latest` cells years.csv gives
// them: for the tests of which report of a year is the latest.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sheetx/records.h"
#include "test_support.h"

namespace sheetx::testing {

// A sheet of a municipality and review period whose one project's one activity reports the
// fiscal years given, with no figures.
inline records::Sheet activity_report(const std::string& municipality_code, int from, int to,
                                      std::optional<int> project_number, const std::vector<int>& fiscal_years) {
  records::Sheet sheet;
  sheet.municipality_code = municipality_code;
  sheet.ruleset_id = "r";
  sheet.review_period = {"label", from, to};
  sheet.measure.number = 35;
  records::Project project;
  project.number = project_number;
  records::Activity activity;
  activity.name = "創業相談";
  for (int year : fiscal_years) activity.years.push_back({year, std::nullopt, std::nullopt});
  project.activities.push_back(activity);
  sheet.projects.push_back(project);
  return sheet;
}

// The sheets written as one run of CSV tables; the last cell (`latest`) of each row of years.csv.
inline std::vector<std::string> latest_cells_of_run(const std::string& name, const std::vector<records::Sheet>& sheets) {
  const fs::path dir = scratch(name);
  records::CsvTables tables(dir.string());
  for (const records::Sheet& sheet : sheets) tables.add(records::to_json(sheet));
  tables.finish();
  const std::string years = read_file(dir / "years.csv");
  std::vector<std::string> latest;
  for (std::size_t at = years.find("\r\n"); at != std::string::npos && at + 2 < years.size(); at = years.find("\r\n", at + 2)) {
    const std::string row = years.substr(at + 2, years.find("\r\n", at + 2) - at - 2);
    latest.push_back(row.substr(row.rfind(',') + 1));
  }
  return latest;
}

}  // namespace sheetx::testing
