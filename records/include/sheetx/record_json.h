// sheetx records as JSON: a Sheet -> its document, keys in docs/records.md's order.
//
// In:  a Sheet (sheetx/record.h).
// Out: the review-sheet/1 JSON document, and safe reads of such documents.
#pragma once

#include <nlohmann/json.hpp>

#include "sheetx/record.h"

namespace sheetx::records {

inline constexpr const char* kFormat = "review-sheet/1";

nlohmann::ordered_json to_json(const Sheet& sheet);

// A quantity as the record format writes it: raw, value (an integer when whole), unit, then
// only the qualifiers that are set, in the contract's order: cumulative, per_year,
// approximate, bound, range_to, running_total, revised {value, unit, per_year?}, estimate,
// status. No "at" (to_json(Sheet) adds it) and no problems (the rules layer makes them warnings).
nlohmann::ordered_json to_json(const normalizer::Quantity& quantity);

// object[key], or null when object is not an object or has no such key (the const operator[]
// of nlohmann::json is undefined behaviour on a missing key).
const nlohmann::ordered_json& member(const nlohmann::ordered_json& object, const char* key);

// warning_order (sheetx/record.h) for warnings as a record document writes them: by place, then
// code. A warning whose "at" has no page and box of numbers counts as one without a place.
bool json_warning_order(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b);

}  // namespace sheetx::records
