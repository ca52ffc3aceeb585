// Consistency checks over a read sheet (private to the rules library): warnings, never fixes.
#pragma once

#include <vector>

#include "sheetx/records.h"

namespace sheetx::rules {

// A read sheet -> its consistency warnings: plan-sum-mismatch, running-total-mismatch,
// unit-mismatch, unreadable-figure, missing-field.
std::vector<records::Warning> check_sheet(const records::Sheet& sheet);

}  // namespace sheetx::rules
