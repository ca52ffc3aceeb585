// Consistency checks over a read sheet (private to the rules library): warnings, never fixes.
#pragma once

#include <vector>

#include "sheetx/records.h"

namespace sheetx::rules {

// A read sheet -> the warnings where it disagrees with itself: plan-sum-mismatch,
// running-total-mismatch, unit-mismatch. (The reader warns of its own doubts as it reads.)
std::vector<records::Warning> check_sheet(const records::Sheet& sheet);

}  // namespace sheetx::rules
