// A project sheet's figure tables (private to the rules library): `tables:` of a rule file loaded,
// and the tables read into the sheet's project (indicators, costs, evaluation).
#pragma once

#include <vector>

#include "figure_table_rule.h"
#include "rule_loader.h"
#include "sheet_context.h"
#include "sheetx/normalizer.h"

namespace sheetx::rules {

// The `tables:` list of a rule file (node may be undefined: no tables).
std::vector<FigureTableRule> load_figure_tables(const YAML::Node& tables, const RuleLoader& loader);

// Reads the sheet's figure tables on its pages into the sheet's project.
void read_figure_tables(const std::vector<const extractor::Page*>& pages, const normalizer::Normalizer& normalizer,
                        SheetContext& context);

}  // namespace sheetx::rules
