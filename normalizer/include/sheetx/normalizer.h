// sheetx normalizer: the text of one cell in, typed values out.
//
// In:  a cell's text as printed (UTF-8; a cell of several printed lines has them joined by "\n").
// Out: a Quantity (figure, counter, qualifiers such as 延べ/年/累計/見込み/約/以上/～, a revision
//      on a second line, or a status word such as 実施 or ○), or the Gregorian fiscal year a
//      header names (令和元年度, R２(2020)年度末, H30, 2023年度末), or the span of a period
//      label (令和元～２年度).
// Nothing is guessed: what cannot be read leaves the value empty and says why in `problems`
// (quantities) or `warnings` (years). Eras are 明治 to 令和, from a table checked against ICU's Japanese calendar.
//
// The record format's JSON of a Quantity is the records library's (records::to_json).
//
// Thread safety: fold_width and has_no_figure are safe from any thread, and so are a Normalizer's
// const calls (ICU's kanji spellout rules, built when a cell first holds a kanji numeral, are
// one per thread).
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sheetx::normalizer {

// Full-width ASCII (U+FF01..U+FF5E) and the ideographic space to ASCII, half-width katakana
// (U+FF61..U+FF9F) to full-width; everything else (①, ㈱, ―, ー, kanji) untouched. Invalid
// UTF-8 becomes U+FFFD.
std::string fold_width(std::string_view utf8);

// True when a cell holds no figure: empty, white space only, or only dashes (― － - ‐ and
// their look-alikes — – − ‑ ─ ー ｰ), possibly in parentheses as a baseline column prints it:
// (―). Decided on the text as printed, before folding.
bool has_no_figure(std::string_view cell_text);

// The second line of a revised plan: 年15社 under 年19社.
struct Revision {
  std::optional<double> value;
  std::optional<std::string> unit;
  bool per_year = false;
};

// Which side of the figure the true number lies on: 以上, 以下, 未満, 超.
enum class Bound { at_least, at_most, less_than, more_than };

// The record format's name of a bound: "at_least", "at_most", "less_than", "more_than".
const char* bound_name(Bound bound);

struct Quantity {
  std::string raw;                      // exactly as given, never folded
  std::optional<double> value;          // null for dashes, empty cells, status words and what
                                        // could not be read
  std::optional<std::string> unit;      // the counter as printed (width-folded), null when none
  bool cumulative = false;              // 延べ (or a lone 累計 figure)
  bool per_year = false;                // 年 / 年間 before the figure
  bool approximate = false;             // 約 before or 程度 after the figure
  std::optional<Bound> bound;           // 以上 / 以下 / 未満 / 超 after the figure
  std::optional<double> range_to;       // 1～3回: value 1, range_to 3
  bool estimate = false;                // 見込み in the cell
  bool parenthesized = false;           // (9社): the baseline column's convention
  std::optional<double> running_total;  // （累計229社）
  std::optional<Revision> revised;      // a parenthesised second figure under a plain one
  std::optional<std::string> status;    // 実施, 未実施, 完了, 検討中, ○, ×: the word as printed
  std::vector<std::string> problems;    // why it was not fully read; empty when all was read
};

struct FiscalYear {
  int year = 0;                       // Gregorian fiscal year: 年度 N runs April N to March N+1
  bool year_end = false;              // 年度末
  bool estimate = false;              // the header says (実績は見込み)
  std::string how;                    // how it was read, e.g. "era 令和 2" or "Gregorian 2018"
  std::vector<std::string> warnings;  // era year past its era, era and Gregorian disagreeing
};

struct Period {
  int from_fiscal_year = 0;
  int to_fiscal_year = 0;
  std::vector<std::string> warnings;
};

// ICU failing (data missing) throws this, naming the ICU call.
class NormalizerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Normalizer {
 public:
  // extra_counters: counter words from the rule file, added to the built-in list
  // (see normalizer/README.md); they are width-folded like the cells.
  explicit Normalizer(std::vector<std::string> extra_counters = {});
  ~Normalizer();
  Normalizer(Normalizer&&) noexcept;
  Normalizer& operator=(Normalizer&&) noexcept;

  Quantity quantity(std::string_view cell_text) const;
  // The year a column header or cell names, or nullopt when it names none.
  std::optional<FiscalYear> fiscal_year(std::string_view text) const;
  // A period label such as 令和元～２年度 or 2019～2020年度 (one year alone gives from == to).
  std::optional<Period> period(std::string_view label) const;

  struct Impl;  // the counters; opaque, defined in normalizer/src

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace sheetx::normalizer
