// sheetx inspect: one self-contained HTML page that shows what sheetx found in a PDF, for the
// people who write rule files.
//
// In:  a PDF file and the rule files to read it with.
// Out: the report as HTML text: each page rendered by Poppler, with the ruling lines, the cells
//      and the free text blocks drawn over it; the cells that a rule read coloured by the field
//      they fed, with their text, grid position, field and normalized value on hover or click; the
//      sheets' warnings beside their page, linked to their cell; and, when no rule matches, the
//      layout alone with the reason. No network, no external files (see inspect/README.md).
// Errors: extractor::ExtractError when the file cannot be read (its message names the cause);
//      std::runtime_error naming the page when Poppler cannot render one.
#pragma once

#include <string>
#include <vector>

#include "sheetx/rules.h"

namespace sheetx::inspect {

struct Options {
  std::vector<rules::Ruleset> rulesets;  // tried in order, as `sheetx extract` does
  double dpi = 100;                      // resolution of the page images
  int max_pages = 0;                     // a file of more pages is refused (ExtractError); 0: no limit
};

std::string report_html(const std::string& pdf_path, const Options& options);

}  // namespace sheetx::inspect
