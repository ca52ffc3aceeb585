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

// object[key], or null when object is not an object or has no such key (the const operator[]
// of nlohmann::json is undefined behaviour on a missing key).
const nlohmann::ordered_json& member(const nlohmann::ordered_json& object, const char* key);

}  // namespace sheetx::records
