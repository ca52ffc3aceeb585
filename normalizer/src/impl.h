// Internal to the normalizer: what its source files share.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <unicode/rbnf.h>
#include <unicode/uniset.h>

#include "sheetx/normalizer.h"

namespace sheetx::normalizer {

// A frozen UnicodeSet from a pattern (frozen sets are safe for concurrent use); throws
// NormalizerError naming `what` when ICU rejects the pattern.
icu::UnicodeSet frozen_set(const char16_t* pattern, const char* what);

// ICU's ja spellout rules, which read kanji numerals (三, 十二, 二千十九): one per thread, built
// when a cell of the thread first holds one (building them costs more than reading a sheet, and
// few sheets print one); throws NormalizerError when ICU cannot.
const icu::RuleBasedNumberFormat& kanji_spellout();

struct Normalizer::Impl {
  std::vector<std::string> counters;  // folded, longest first, so that 千円 wins over 円

  Impl(std::vector<std::string> extra_counters);

  // The longest known counter that `text` starts with, or 0.
  std::size_t counter_at(std::string_view text) const;
  bool is_counter(std::string_view text) const;
};

}  // namespace sheetx::normalizer
