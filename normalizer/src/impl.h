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

// ICU's objects for kanji numerals and the Japanese calendar, one set per thread: they do not
// depend on the counters, so the Normalizers of a thread (one per rule file) share them, and
// what only some cells need is built when first asked for (building costs more than reading a
// whole sheet: a run of one file pays it whole).
class IcuObjects {
 public:
  // This thread's set. Its first call builds what header years need (the year formats, the
  // era names, the calendar: a run builds them before its workers fork, for every sheet reads
  // years) and throws NormalizerError when ICU cannot.
  static IcuObjects& of_this_thread();

  // Kanji numerals (三, 十二, 二千十九): the ja spellout rules, parsed on first use (few
  // sheets print one).
  const icu::RuleBasedNumberFormat& kanji();
  // Japanese-calendar formats: "Gy年" (令和元年, y=jpanyear reads 元) and "GGGGGy" (R2, H30),
  // each with an era-only twin ("G", "GGGGG") that tells which era was printed before the
  // calendar normalises 平成32 into 令和2.
  const icu::SimpleDateFormat& era_year() const { return *era_year_; }
  const icu::SimpleDateFormat& narrow_era_year() const { return *narrow_era_year_; }
  const icu::SimpleDateFormat& era_name() const { return *era_name_; }
  const icu::SimpleDateFormat& narrow_era_name() const { return *narrow_era_name_; }
  // Scratch calendar for parsing and era arithmetic.
  icu::Calendar& calendar() { return *calendar_; }

 private:
  IcuObjects();
  std::unique_ptr<icu::RuleBasedNumberFormat> kanji_;
  std::unique_ptr<icu::SimpleDateFormat> era_year_, narrow_era_year_, era_name_, narrow_era_name_;
  std::unique_ptr<icu::Calendar> calendar_;
};

struct Normalizer::Impl {
  std::vector<std::string> counters;  // folded, longest first, so that 千円 wins over 円

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
