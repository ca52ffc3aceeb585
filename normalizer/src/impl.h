// Internal to the normalizer: the ICU objects a Normalizer holds, shared by its source files.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <unicode/calendar.h>
#include <unicode/rbnf.h>
#include <unicode/smpdtfmt.h>
#include <unicode/uniset.h>

#include "sheetx/normalizer.h"

namespace sheetx::normalizer {

// A frozen UnicodeSet from a pattern (frozen sets are safe for concurrent use); throws
// NormalizerError naming `what` when ICU rejects the pattern.
icu::UnicodeSet frozen_set(const char16_t* pattern, const char* what);

// What ICU's Japanese calendar says of one era, kept once asked for (formatting names and
// getActualMaximum cost more than the parse itself).
struct EraSpan {
  std::string name;         // 令和
  std::string narrow_name;  // R
  int32_t first_gregorian_year = 0;
  int32_t last_year = 0;    // the era's last year number (huge for the current era)
};

struct Normalizer::Impl {
  std::vector<std::string> counters;  // folded, longest first, so that 千円 wins over 円

  // Kanji numerals (三, 十二, 二千十九): the ja spellout rules, parsed.
  std::unique_ptr<icu::RuleBasedNumberFormat> kanji;

  // Japanese-calendar formats: "Gy年" (令和元年, y=jpanyear reads 元) and "GGGGGy" (R2, H30),
  // each with an era-only twin ("G", "GGGGG") that tells which era was printed before the
  // calendar normalises 平成32 into 令和2.
  std::unique_ptr<icu::SimpleDateFormat> era_year, narrow_era_year, era_name, narrow_era_name;
  // Scratch calendar for parsing and era arithmetic (why a Normalizer is one per thread).
  std::unique_ptr<icu::Calendar> calendar;
  // By ICU era index: bounded by the eras ICU knows (some 240).
  mutable std::map<int32_t, EraSpan> eras;
  // Headers repeat on every back page and ICU's era parse costs tens of microseconds: the
  // header texts read last are kept, at most kKeptFiscalYears (then the cache starts afresh).
  static constexpr std::size_t kKeptFiscalYears = 256;
  mutable std::unordered_map<std::string, std::optional<FiscalYear>> fiscal_years;

  Impl(std::vector<std::string> extra_counters);

  // The longest known counter that `text` starts with, or 0.
  std::size_t counter_at(std::string_view text) const;
  bool is_counter(std::string_view text) const;
};

}  // namespace sheetx::normalizer
