// Cell text to Quantity, and Quantity to the record format's JSON.
#include <charconv>
#include <cmath>
#include <limits>

#include <unicode/unistr.h>
#include <unicode/utf8.h>

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
  bool cumulative = false, per_year = false, running_total = false;
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

// Kanji numerals as the ja spellout rules write them (〇 and 零 for zero).
bool is_kanji_numeral(UChar32 c) {
  constexpr std::u16string_view kNumerals = u"〇零一二三四五六七八九十百千万億兆";
  return c > 0 && c <= 0xFFFF && kNumerals.find(static_cast<char16_t>(c)) != std::u16string_view::npos;
}

UChar32 first_code_point(std::string_view text) {
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
  return c;
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

// Reads one segment: qualifiers (延べ 年 累計), a sign (△ ▲ -), the figure, the counter.
class FigureReader {
 public:
  FigureReader(const Normalizer::Impl& impl, std::vector<std::string>& problems)
      : impl_(impl), problems_(problems) {}

  Figure read(std::string_view segment) {
    Figure figure;
    std::string_view text = segment;
    for (bool more = true; more;) {
      if (take(text, "延べ") || take(text, "延")) {
        figure.cumulative = true;
      } else if (take(text, "累計")) {
        figure.running_total = true;
      } else if (take(text, "年間") || take(text, "年")) {
        figure.per_year = true;
      } else {
        more = false;
      }
    }
    // △ and ▲ are the minus signs of Japanese accounts.
    const bool negative = take(text, "△") || take(text, "▲") || take(text, "-") || take(text, "−");
    if (!negative) take(text, "+");

    std::optional<double> number;
    if (starts_with_digit(text)) {
      number = read_digits(text, segment);
    } else if (!text.empty() && is_kanji_numeral(first_code_point(text)) &&
               impl_.counter_at(text) == 0) {
      number = read_kanji(text, segment);
    } else {
      problems_.push_back("no figure in " + quote(segment));
      return {};
    }
    if (!number) return {};
    if (!text.empty() && !impl_.is_counter(text)) {
      if (starts_with_digit(text) || is_kanji_numeral(first_code_point(text))) {
        problems_.push_back("digits and kanji numerals mixed in " + quote(segment));
        return {};
      }
      problems_.push_back("unknown counter " + quote(text) + " in " + quote(segment));
    }
    figure.value = negative ? -*number : *number;
    if (!text.empty()) figure.unit = std::string(text);
    return figure;
  }

 private:
  // Digits with 億/万/千 between them (1億2,000万): each multiplier smaller than the one before,
  // each part smaller than the multiplier before it. A counter that starts with a multiplier
  // (千円) ends the figure unless a multiplier was already used.
  std::optional<double> read_digits(std::string_view& text, std::string_view segment) {
    double total = 0;
    double previous = std::numeric_limits<double>::infinity();
    for (;;) {
      const std::size_t run = std::min(text.find_first_not_of("0123456789,."), text.size());
      const std::optional<double> part = read_decimal(text.substr(0, run));
      if (!part) {
        problems_.push_back("malformed number " + quote(text.substr(0, run)) + " in " +
                            quote(segment));
        return {};
      }
      text.remove_prefix(run);
      double multiplier = 1;
      const bool multiplier_used = previous != std::numeric_limits<double>::infinity();
      if (multiplier_used || impl_.counter_at(text) == 0) {
        if (take(text, "億")) multiplier = 1e8;
        else if (take(text, "万")) multiplier = 1e4;
        else if (take(text, "千")) multiplier = 1e3;
      }
      if (!std::isfinite(*part * multiplier)) {
        problems_.push_back("figure too large in " + quote(segment));
        return {};
      }
      if (*part * multiplier >= previous || multiplier >= previous) {
        problems_.push_back("multipliers out of order in " + quote(segment));
        return {};
      }
      total += *part * multiplier;
      previous = multiplier;
      if (multiplier == 1 || !starts_with_digit(text)) break;
    }
    return total;
  }

  // 三, 十二, 二千十九 through ICU's ja spellout rules, which must read the whole run: RBNF
  // stops at the first character it cannot use (一二三 reads as 12).
  std::optional<double> read_kanji(std::string_view& text, std::string_view segment) {
    std::size_t end = 0;
    while (end < text.size()) {
      if (end > 0 && impl_.counter_at(text.substr(end)) > 0) break;  // 三千円 is 3 千円
      int32_t next = static_cast<int32_t>(end);
      UChar32 c;
      U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), next,
              static_cast<int32_t>(text.size()), c);
      if (!is_kanji_numeral(c)) break;
      end = static_cast<std::size_t>(next);
    }
    const std::string_view numeral = text.substr(0, end);
    const icu::UnicodeString run = icu::UnicodeString::fromUTF8(
        icu::StringPiece(numeral.data(), static_cast<int32_t>(numeral.size())));
    icu::Formattable result;
    icu::ParsePosition position(0);
    impl_.kanji->parse(run, result, position);
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

nlohmann::ordered_json number_json(std::optional<double> value) {
  if (!value) return nullptr;
  // Whole numbers print as integers (4600, not 4600.0) while they are exact in a double.
  if (std::trunc(*value) == *value && std::fabs(*value) < 9007199254740992.0) {
    return static_cast<std::int64_t>(*value);
  }
  return *value;
}

nlohmann::ordered_json unit_json(const std::optional<std::string>& unit) {
  return unit ? nlohmann::ordered_json(*unit) : nlohmann::ordered_json(nullptr);
}

}  // namespace

Quantity Normalizer::quantity(std::string_view cell_text) const {
  Quantity quantity;
  quantity.raw = std::string(cell_text);
  if (has_no_figure(cell_text)) return quantity;

  std::string text = fold_width(cell_text);
  quantity.estimate = take_estimate(text);
  std::vector<Segment> segments = split_segments(text, quantity.problems);
  FigureReader reader(*impl_, quantity.problems);

  std::vector<std::pair<Segment, Figure>> figures, running_totals;
  for (const Segment& segment : segments) {
    Figure figure = reader.read(segment.text);
    (figure.running_total ? running_totals : figures).emplace_back(segment, std::move(figure));
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
  quantity.parenthesized = main_segment.parenthesized;
  for (std::size_t i = 1; i < figures.size(); ++i) {
    const auto& [segment, figure] = figures[i];
    // 年19社 over (年15社): the plan as first printed, then revised.
    if (i == 1 && segment.parenthesized && !main_segment.parenthesized) {
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
      if (figure.unit != main.unit) {
        quantity.problems.push_back("running total " + quote(segment.text) +
                                    " counts in another unit than " + quote(main_segment.text));
      }
    }
  }
  return quantity;
}

nlohmann::ordered_json to_json(const Quantity& quantity) {
  nlohmann::ordered_json json = {{"raw", quantity.raw},
                         {"value", number_json(quantity.value)},
                         {"unit", unit_json(quantity.unit)}};
  if (quantity.cumulative) json["cumulative"] = true;
  if (quantity.per_year) json["per_year"] = true;
  if (quantity.running_total) json["running_total"] = number_json(quantity.running_total);
  if (quantity.revised) {
    nlohmann::ordered_json revised = {{"value", number_json(quantity.revised->value)},
                              {"unit", unit_json(quantity.revised->unit)}};
    if (quantity.revised->per_year) revised["per_year"] = true;
    json["revised"] = std::move(revised);
  }
  if (quantity.estimate) json["estimate"] = true;
  return json;
}

}  // namespace sheetx::normalizer
