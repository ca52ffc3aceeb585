// Reading a project sheet's figure tables by their header rows into its project.
#include "figure_tables.h"

#include "table_columns.h"

namespace sheetx::rules {

void read_figure_tables(const std::vector<const extractor::Page*>& pages, const normalizer::Normalizer& normalizer,
                        SheetContext& context) {
  for (const auto& rule : context.rules().tables) {
    TableReader table(rule, "figure", context);
    table.warn_unread(table.find(pages, normalizer, nullptr));
  }
}

}  // namespace sheetx::rules
