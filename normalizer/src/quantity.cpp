// Cell text to Quantity.
#include <charconv>
#include <cmath>
#include <limits>

#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include "impl.h"

namespace sheetx::normalizer {
namespace {

// Markers of an estimated actual, longest first so that the parenthesised forms go whole.
const std::string_view kEstimateMarkers[] = {"(実績は見込み)", "実績は見込み", "(見込み)",
                                             "(見込)", "見込み", "見込"};

// One piece of a cell: a line, or what stood inside a pair of parentheses.
struct Segment {
  std::string text;
  bool parenthesized = false;
};

// What one segment says.
struct Figure {
  std::optional<double> value;
  std::optional<std::string> unit;
  bool cumulative = false, per_year = false, running_total = false, approximate = false;
  std::optional<Bound> bound;
  std::optional<double> range_to;
  std::optional<std::string> status;

  // Whether it says more than a revision or a running total can keep.
  bool qualified() const { return approximate || bound || range_to; }
};

std::string quote(std::string_view text) {
  std::string quoted;  // built by appends: GCC 12 warns falsely (-Wrestrict) on "'" + string
  quoted.reserve(text.size() + 2);
  quoted.append(1, '\'').append(text).append(1, '\'');
  return quoted;
}

bool starts_with_digit(std::string_view text) {
  return !text.empty() && text.front() >= '0' && text.front() <= '9';
}

bool take(std::string_view& text, std::string_view word) {
  if (text.substr(0, word.size()) != word) return false;
  text.remove_prefix(word.size());
  return true;
}

// Removes every estimate marker; true when there was one.
bool take_estimate(std::string& text) {
  bool found = false;
  for (std::string_view marker : kEstimateMarkers) {
    for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker)) {
      text.erase(at, marker.size());
      found = true;
    }
  }
  return found;
}

// Splits folded text into lines and parenthesised pieces; white space goes (a line break inside
// parentheses only wraps the piece).
std::vector<Segment> split_segments(std::string_view text, std::vector<std::string>& problems) {
  std::vector<Segment> segments;
  Segment current;
  auto flush = [&] {
    if (!current.text.empty()) {
      segments.push_back(current);
    } else if (current.parenthesized) {
      problems.push_back("empty parentheses");
    }
    current = Segment{};
  };
  for (char c : text) {
    switch (c) {
      case '(':
        if (current.parenthesized) {
          problems.push_back("nested parentheses");
          break;
        }
        if (!current.text.empty()) flush();
        current.parenthesized = true;
        break;
      case ')':
        if (!current.parenthesized) {
          problems.push_back("')' without '('");
          break;
        }
        flush();
        break;
      case '\n':
        if (!current.parenthesized) flush();
        break;
      case ' ': case '\t': case '\r':
        break;
      default:
        current.text += c;
    }
  }
  if (current.parenthesized) problems.push_back("'(' without ')'");
  flush();
  return segments;
}

// Kanji numerals as the ja spellout rules write them (〇 and 零 for zero), and the multipliers
// among them.
const icu::UnicodeSet& kanji_numerals() {
  static const icu::UnicodeSet set = frozen_set(u"[〇零一二三四五六七八九十百千万億兆]", "kanji numerals");
  return set;
}
const icu::UnicodeSet& kanji_multipliers() {
  static const icu::UnicodeSet set = frozen_set(u"[十百千万億兆]", "kanji multipliers");
  return set;
}

// The length in bytes of the run of `set`'s characters that `text` starts with.
std::size_t span_of(const icu::UnicodeSet& set, std::string_view text) {
  return static_cast<std::size_t>(
      set.spanUTF8(text.data(), static_cast<int32_t>(text.size()), USET_SPAN_CONTAINED));
}

bool starts_with_numeral(std::string_view text) {
  return starts_with_digit(text) || span_of(kanji_numerals(), text) > 0;
}

// Words a cell may print instead of a figure: kept as the status, the value left null.
constexpr std::string_view kStatusWords[] = {"未実施", "実施", "完了", "検討中", "○", "◯", "×"};

// Words after the figure (and its counter) that say how exact it is.
struct Suffix {
  std::string_view word;
  std::optional<Bound> bound;  // none: 程度, an approximate figure
};
constexpr Suffix kSuffixes[] = {{"以上", Bound::at_least}, {"以下", Bound::at_most},
                                {"未満", Bound::less_than}, {"超", Bound::more_than},
                                {"程度", std::nullopt}};

// The separators of a range (1～3回); ～ is folded to ~ before this.
constexpr std::string_view kRangeSeparators[] = {"~", "〜"};

// The suffix `text` ends with, taken off, or null.
const Suffix* take_suffix(std::string_view& text) {
  for (const Suffix& suffix : kSuffixes) {
    if (text.size() >= suffix.word.size() && text.substr(text.size() - suffix.word.size()) == suffix.word) {
      text.remove_suffix(suffix.word.size());
      return &suffix;
    }
  }
  return nullptr;
}

// "4,600", "12.5": digits with well-formed groups of three and an optional decimal part.
std::optional<double> read_decimal(std::string_view run) {
  const auto dot = run.find('.');
  const std::string_view whole = run.substr(0, dot);
  if (dot != std::string_view::npos) {
    const std::string_view fraction = run.substr(dot + 1);
    if (fraction.empty() || fraction.find_first_of(",.") != std::string_view::npos) return {};
  }
  std::string digits;
  std::size_t group_start = 0;
  for (std::size_t i = 0; i <= whole.size(); ++i) {
    if (i < whole.size() && whole[i] != ',') continue;
    const std::size_t length = i - group_start;
    const bool first = group_start == 0;
    if (length == 0 || (first ? length > 3 && i < whole.size() : length != 3)) return {};
    digits.append(whole.substr(group_start, length));
    group_start = i + 1;
  }
  if (dot != std::string_view::npos) digits.append(run.substr(dot));
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return {};
  return value;
}

struct Multiplier {
  std::string_view word;
  double value;
};
// Within a group of four places (2千500), and between such groups (1億2,000万).
constexpr Multiplier kGroupMultipliers[] = {{"千", 1e3}, {"百", 1e2}};
constexpr Multiplier kLargeMultipliers[] = {{"兆", 1e12}, {"億", 1e8}, {"万", 1e4}};

// Reads one segment: a status word, or qualifiers (延べ 年 累計 約), a figure or a range of two,
// and what follows (以上 以下 未満 超 程度).
class SegmentReader {
 public:
  SegmentReader(const Normalizer::Impl& impl, std::vector<std::string>& problems)
      : impl_(impl), problems_(problems) {}

  Figure read(std::string_view segment) {
    Figure figure;
    if (segment == "〇") {  // the kanji zero, typed for ○ as often as for 0
      problems_.push_back("'〇' alone is a mark or a zero");
      return figure;
    }
    for (std::string_view word : kStatusWords) {
      if (segment == word) {
        figure.status = std::string(word);
        return figure;
      }
    }
    std::string_view text = segment;
    for (bool more = true; more;) {
      if (take(text, "延べ") || take(text, "延")) {
        figure.cumulative = true;
      } else if (take(text, "累計")) {
        figure.running_total = true;
      } else if (take(text, "年間") || take(text, "年")) {
        figure.per_year = true;
      } else if (take(text, "約")) {
        figure.approximate = true;
      } else {
        more = false;
      }
    }
    // Suffixes in any order (100人以上程度); a second bound is reported.
    for (const Suffix* taken = take_suffix(text); taken; taken = take_suffix(text)) {
      if (!taken->bound) {
        figure.approximate = true;
      } else if (figure.bound) {
        problems_.push_back("two bounds in " + quote(segment));
        return {};
      } else {
        figure.bound = taken->bound;
      }
    }
    for (std::string_view separator : kRangeSeparators) {
      const auto at = text.find(separator);
      if (at == std::string_view::npos) continue;
      return read_range(std::move(figure), text.substr(0, at), text.substr(at + separator.size()),
                        segment);
    }
    const std::optional<Counted> counted = read_counted(text, segment);
    if (!counted) return {};
    figure.value = counted->value;
    figure.unit = counted->unit;
    return figure;
  }

 private:
  struct Counted {
    double value;
    std::optional<std::string> unit;
  };

  // 1～3回, 1回～3回: the first figure is the value, the second the range's end.
  Figure read_range(Figure figure, std::string_view from, std::string_view to,
                    std::string_view segment) {
    const std::optional<Counted> low = read_counted(from, segment);
    const std::optional<Counted> high = low ? read_counted(to, segment) : std::nullopt;
    if (!high) return {};
    if (low->unit && high->unit != low->unit) {
      problems_.push_back("range " + quote(segment) + " counts its ends in different units");
      return {};
    }
    if (high->value < low->value) {
      problems_.push_back("range " + quote(segment) + " runs backwards");
      return {};
    }
    figure.value = low->value;
    figure.range_to = high->value;
    figure.unit = high->unit;
    return figure;
  }

  // A sign (△ ▲ - +), a figure and its counter.
  std::optional<Counted> read_counted(std::string_view text, std::string_view segment) {
    // △ and ▲ are the minus signs of Japanese accounts.
    const bool negative = take(text, "△") || take(text, "▲") || take(text, "-") || take(text, "−");
    if (!negative) take(text, "+");

    std::optional<double> number;
    if (starts_with_digit(text)) {
      number = read_digits(text, segment);
    } else if (span_of(kanji_numerals(), text) > 0 && impl_.counter_at(text) == 0) {
      number = read_kanji(text, segment);
    } else {
      problems_.push_back("no figure in " + quote(segment));
      return {};
    }
    if (!number) return {};
    if (!text.empty() && !impl_.is_counter(text)) {
      if (starts_with_numeral(text)) {
        problems_.push_back("digits and kanji numerals mixed in " + quote(segment));
        return {};
      }
      problems_.push_back("unknown counter " + quote(text) + " in " + quote(segment));
    }
    Counted counted{negative ? -*number : *number, std::nullopt};
    if (!text.empty()) counted.unit = std::string(text);
    return counted;
  }

  // The multiplier `text` starts with, taken off, or 0. A counter that starts with a multiplier
  // (千円, 百万円) is the unit unless a multiplier came before: 5千円 is 5 千円, 1万5千円 is
  // 15000 円, 3千万円 is 30000000 円.
  double take_multiplier(std::string_view& text, const auto& multipliers, bool multiplied) const {
    if (!multiplied && impl_.counter_at(text) > 0) return 0;
    for (const Multiplier& multiplier : multipliers) {
      if (take(text, multiplier.word)) return multiplier.value;
    }
    return 0;
  }

  // Digits with Japanese multipliers: groups of places closed by 兆 億 万 (1億2,000万), each
  // group digits with 千 百 (2千500, 1億5千万). Each part is smaller than the multiplier
  // before it; anything else is reported.
  std::optional<double> read_digits(std::string_view& text, std::string_view segment) {
    double total = 0;
    double below = std::numeric_limits<double>::infinity();  // the last large multiplier
    bool multiplied = false;
    while (starts_with_digit(text)) {
      double group = 0;
      double group_below = std::numeric_limits<double>::infinity();  // the last 千 or 百
      while (starts_with_digit(text)) {
        const std::size_t run = std::min(text.find_first_not_of("0123456789,."), text.size());
        const std::optional<double> part = read_decimal(text.substr(0, run));
        if (!part) {
          problems_.push_back("malformed number " + quote(text.substr(0, run)) + " in " +
                              quote(segment));
          return {};
        }
        text.remove_prefix(run);
        const double multiplier = take_multiplier(text, kGroupMultipliers, multiplied);
        const double place = multiplier > 0 ? *part * multiplier : *part;
        if (place >= group_below) return out_of_order(segment);
        group += place;
        if (multiplier == 0) break;
        multiplied = true;
        group_below = multiplier;
      }
      const double multiplier = take_multiplier(text, kLargeMultipliers, multiplied);
      const double amount = multiplier > 0 ? group * multiplier : group;
      if (!std::isfinite(amount)) {
        problems_.push_back("figure too large in " + quote(segment));
        return {};
      }
      if (amount >= below) return out_of_order(segment);
      total += amount;
      if (multiplier == 0) break;
      multiplied = true;
      below = multiplier;
    }
    // 1万千円: 千 after 万 is a kanji numeral or the unit 千円; not guessed.
    if (multiplied && starts_with_numeral(text)) {
      problems_.push_back("digits and kanji numerals mixed in " + quote(segment));
      return {};
    }
    return total;
  }

  std::optional<double> out_of_order(std::string_view segment) {
    problems_.push_back("multipliers out of order in " + quote(segment));
    return {};
  }

  // 三, 十二, 二千十九 through ICU's ja spellout rules, which must read the whole run: RBNF
  // stops at the first character it cannot use (一二三 reads as 12). A counter starting with a
  // multiplier ends the numeral as for digits: 三千円 is 3 千円, 一万五千円 15000 円.
  std::optional<double> read_kanji(std::string_view& text, std::string_view segment) {
    std::size_t end = span_of(kanji_numerals(), text);
    for (const std::string& counter : impl_.counters) {
      const std::size_t at = text.find(counter);
      if (at >= end) continue;  // (read_counted calls this only when no counter starts the text)
      const std::string_view before = text.substr(0, at);
      const auto plain = static_cast<std::size_t>(kanji_multipliers().spanUTF8(
          before.data(), static_cast<int32_t>(before.size()), USET_SPAN_NOT_CONTAINED));
      if (plain == before.size()) end = at;
    }
    const std::string_view numeral = text.substr(0, end);
    const icu::UnicodeString run = icu::UnicodeString::fromUTF8(
        icu::StringPiece(numeral.data(), static_cast<int32_t>(numeral.size())));
    icu::Formattable result;
    icu::ParsePosition position(0);
    kanji_spellout().parse(run, result, position);
    UErrorCode status = U_ZERO_ERROR;
    const double value = result.getDouble(status);
    if (position.getIndex() != run.length() || U_FAILURE(status)) {
      problems_.push_back("kanji numeral " + quote(numeral) + " not readable in " +
                          quote(segment));
      return {};
    }
    text.remove_prefix(end);
    return value;
  }

  const Normalizer::Impl& impl_;
  std::vector<std::string>& problems_;
};

}  // namespace

Quantity Normalizer::quantity(std::string_view cell_text) const {
  Quantity quantity;
  quantity.raw = std::string(cell_text);
  if (has_no_figure(cell_text)) return quantity;

  std::string text = fold_width(cell_text);
  quantity.estimate = take_estimate(text);
  std::vector<Segment> segments = split_segments(text, quantity.problems);
  SegmentReader reader(*impl_, quantity.problems);

  std::vector<std::pair<Segment, Figure>> figures, running_totals;
  for (const Segment& segment : segments) {
    Figure figure = reader.read(segment.text);
    (figure.running_total ? running_totals : figures).emplace_back(segment, std::move(figure));
  }
  if (figures.size() == 1 && running_totals.empty() && figures.front().second.status) {
    quantity.status = figures.front().second.status;  // 実施, ○: a word, no figure
    return quantity;
  }
  if (figures.empty() && !running_totals.empty()) {
    // A lone 累計 figure is a cumulative count, not the running total of another figure.
    figures.push_back(std::move(running_totals.front()));
    running_totals.erase(running_totals.begin());
    figures.front().second.cumulative = true;
  }
  if (figures.empty()) {
    if (quantity.problems.empty()) quantity.problems.push_back("no figure");
    return quantity;
  }

  const auto& [main_segment, main] = figures.front();
  quantity.value = main.value;
  quantity.unit = main.unit;
  quantity.cumulative = main.cumulative;
  quantity.per_year = main.per_year;
  quantity.approximate = main.approximate;
  quantity.bound = main.bound;
  quantity.range_to = main.range_to;
  quantity.parenthesized = main_segment.parenthesized;
  if (main.status) quantity.problems.push_back("status word " + quote(main_segment.text) + " beside a figure");
  for (std::size_t i = 1; i < figures.size(); ++i) {
    const auto& [segment, figure] = figures[i];
    // 年19社 over (年15社): the plan as first printed, then revised.
    if (figure.status || figure.qualified()) {
      quantity.problems.push_back("second figure " + quote(segment.text) + " says more than a revision holds");
    } else if (i == 1 && segment.parenthesized && !main_segment.parenthesized) {
      quantity.revised = Revision{figure.value, figure.unit, figure.per_year};
    } else {
      quantity.problems.push_back("unexpected figure " + quote(segment.text));
    }
  }
  for (std::size_t i = 0; i < running_totals.size(); ++i) {
    const auto& [segment, figure] = running_totals[i];
    if (i > 0) {
      quantity.problems.push_back("second running total " + quote(segment.text));
    } else {
      quantity.running_total = figure.value;
      if (figure.qualified()) {
        quantity.problems.push_back("running total " + quote(segment.text) + " is qualified");
      }
      if (figure.unit != main.unit) {
        quantity.problems.push_back("running total " + quote(segment.text) +
                                    " counts in another unit than " + quote(main_segment.text));
      }
    }
  }
  return quantity;
}

const char* bound_name(Bound bound) {
  switch (bound) {
    case Bound::at_least: return "at_least";
    case Bound::at_most: return "at_most";
    case Bound::less_than: return "less_than";
    case Bound::more_than: return "more_than";
  }
  return "";  // unreachable: every Bound is named above
}

}  // namespace sheetx::normalizer
