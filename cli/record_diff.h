// Field-by-field comparison of record documents, for `sheetx check`.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sheetx::cli {

struct Difference {
  std::string path;      // projects[2].activities[0].years[1].actual.value
  std::string expected;  // compact JSON, or "(missing)"
  std::string got;
};

// The differences between an expected and a found sheet document. Not differences: `source`,
// `at` boxes within box_tolerance points, warnings' `message` and `rule`, and the order of warnings.
std::vector<Difference> diff_records(const nlohmann::ordered_json& expected, const nlohmann::ordered_json& got,
                                     double box_tolerance = 1.0);

}  // namespace sheetx::cli
