// One PDF -> its sheets as record documents: the extractor, then the rules. Runs inside a worker.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sheetx/rules.h"

namespace sheetx::cli {

struct SheetJobOptions {
  std::vector<rules::Ruleset> rulesets;
  int max_pages = 0;  // 0: no limit
};

// {"sheets": [document...], "warnings": ["...", ...]} for the file at path; throws with a
// one-line cause (not naming the file) when the file gives no sheet.
nlohmann::ordered_json read_pdf(const std::string& path, const SheetJobOptions& options);

// SHA-256 of a file, lowercase hex.
std::string file_sha256(const std::string& path);

}  // namespace sheetx::cli
