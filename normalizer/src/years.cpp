// Fiscal years and period labels through ICU's Japanese calendar.
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "impl.h"

namespace sheetx::normalizer {
namespace {

std::string utf8(const icu::UnicodeString& text) {
  std::string out;
  return text.toUTF8String(out);
}

bool is_digit(char16_t c) { return c >= u'0' && c <= u'9'; }

// Folded text without white space or line breaks ("R元(2019)\n年度末" is one header).
icu::UnicodeString compact(std::string_view text) {
  const std::string folded = fold_width(text);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(folded);
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length(); ++i) {
    const char16_t c = in[i];
    if (c != u' ' && c != u'\t' && c != u'\n' && c != u'\r') out.append(c);
  }
  return out;
}

// An era year as printed and as ICU reads it.
struct EraYear {
  int32_t era = 0;          // ICU's era index (令和 is 236)
  std::string era_name;     // full name, as ICU formats it
  std::string printed;      // 令和元年, R2, H30
  int32_t year_in_era = 0;  // 1 for 元
  int32_t gregorian = 0;
  std::vector<std::string> warnings;
};

// What a header says: an era year, a Gregorian year, or both (R２(2020)年度末).
struct YearText {
  std::optional<EraYear> era;
  std::optional<int32_t> gregorian;
};

class YearReader {
 public:
  explicit YearReader(const Normalizer::Impl& impl)
      : impl_(impl), icu_(IcuObjects::of_this_thread()), calendar_(icu_.calendar()) {}

  // The first era year and the first four-digit year in `text`.
  YearText scan(const icu::UnicodeString& text) {
    YearText found;
    for (int32_t i = 0; i < text.length();) {
      if (is_digit(text[i])) {
        // Digits never start an era year: ICU would read 2020年 as 令和2020年.
        const int32_t start = i;
        while (i < text.length() && is_digit(text[i])) ++i;
        if (i - start == 4 && !found.gregorian) found.gregorian = number(text, start, i);
        continue;
      }
      if (!found.era && year_follows(text, i)) {
        int32_t end = i;
        found.era = era_year_at(text, i, end);
        if (found.era) {
          i = end;
          continue;
        }
      }
      ++i;
    }
    return found;
  }

  // The Gregorian year of year `year_in_era` of `era`, with a warning if the era had ended.
  int32_t gregorian(int32_t era, int32_t year_in_era, std::vector<std::string>& warnings) {
    const EraSpan& span = era_span(era);
    const int32_t year = span.first_gregorian_year + year_in_era - 1;
    if (year_in_era < 1 || year_in_era > span.last_year) {
      warnings.push_back(span.name + std::to_string(year_in_era) + " is not a year of " +
                         span.name + " (its years are 1 to " + std::to_string(span.last_year) +
                         "): read as " + std::to_string(year));
    }
    return year;
  }

 private:
  // An era year starting at `at` (令和元年, 平成30, R2, H30), through the "Gy年" or "GGGGGy"
  // format; `end` is set past it.
  std::optional<EraYear> era_year_at(const icu::UnicodeString& text, int32_t at, int32_t& end) {
    const bool narrow = text[at] >= u'A' && text[at] <= u'Z';
    // R2, H30, R元: the letter alone is no era (charAt past the end is U+FFFF, no digit).
    if (narrow && !(is_digit(text.charAt(at + 1)) || text.charAt(at + 1) == u'元')) return {};
    calendar_.clear();
    icu::ParsePosition position(at);
    (narrow ? icu_.narrow_era_year() : icu_.era_year()).parse(text, calendar_, position);
    // A failed parse can leave fields set: only the position says it read something.
    if (position.getIndex() <= at || !calendar_.isSet(UCAL_ERA) || !calendar_.isSet(UCAL_YEAR)) {
      return {};
    }
    end = position.getIndex();
    UErrorCode status = U_ZERO_ERROR;
    const int32_t read_as = calendar_.get(UCAL_EXTENDED_YEAR, status);
    int32_t era = calendar_.get(UCAL_ERA, status);
    check(status);

    // The calendar moves 平成32 into 令和2: unless the era it ends in is the one printed, parse
    // the era alone to know which was printed.
    const std::string& name = narrow ? era_span(era).narrow_name : era_span(era).name;
    if (text.tempSubString(at).indexOf(icu::UnicodeString::fromUTF8(name)) != 0) {
      calendar_.clear();
      icu::ParsePosition era_position(at);
      (narrow ? icu_.narrow_era_name() : icu_.era_name()).parse(text, calendar_, era_position);
      if (era_position.getIndex() <= at) return {};
      era = calendar_.get(UCAL_ERA, status);
      check(status);
    }
    EraYear year;
    year.era = era;
    year.era_name = era_span(era).name;
    year.printed = utf8(text.tempSubStringBetween(at, end));
    year.year_in_era = read_as - era_span(era).first_gregorian_year + 1;
    year.gregorian = gregorian(year.era, year.year_in_era, year.warnings);
    return year;
  }

  const EraSpan& era_span(int32_t era) {
    if (const auto known = impl_.eras.find(era); known != impl_.eras.end()) return known->second;
    EraSpan span;
    UErrorCode status = U_ZERO_ERROR;
    calendar_.clear();
    calendar_.set(UCAL_ERA, era);
    span.first_gregorian_year = calendar_.get(UCAL_EXTENDED_YEAR, status);
    span.last_year = calendar_.getActualMaximum(UCAL_YEAR, status);
    check(status);
    icu::UnicodeString name, narrow_name;
    icu::FieldPosition field;
    span.name = utf8(icu_.era_name().format(calendar_, name, field));
    span.narrow_name = utf8(icu_.narrow_era_name().format(calendar_, narrow_name, field));
    return impl_.eras.emplace(era, std::move(span)).first->second;
  }

  // An era name (one to four letters) is followed by its year: parsing is only worth trying
  // on a letter with a digit or 元 within four characters after it, for ICU's parse compares
  // the text with every era name (some 25 µs a try).
  static bool year_follows(const icu::UnicodeString& text, int32_t at) {
    if (!u_isUAlphabetic(text[at])) return false;
    for (int32_t i = at + 1; i < text.length() && i <= at + 4; ++i) {
      if (is_digit(text[i]) || text[i] == u'元') return true;
    }
    return false;
  }

  static int32_t number(const icu::UnicodeString& text, int32_t from, int32_t to) {
    int32_t value = 0;
    for (int32_t i = from; i < to; ++i) value = value * 10 + (text[i] - u'0');
    return value;
  }

  static void check(UErrorCode status) {
    if (U_FAILURE(status)) {
      throw NormalizerError(std::string("Japanese calendar arithmetic failed: ") +
                            u_errorName(status));
    }
  }

  const Normalizer::Impl& impl_;
  IcuObjects& icu_;
  icu::Calendar& calendar_;
};

std::optional<FiscalYear> to_fiscal_year(const YearText& found) {
  if (!found.era && !found.gregorian) return {};
  FiscalYear year;
  if (found.era) {
    const EraYear& era = *found.era;
    year.year = era.gregorian;
    year.how = "era " + era.era_name + " " + std::to_string(era.year_in_era);
    if (era.printed.find(era.era_name + std::to_string(era.year_in_era)) != 0) {
      year.how += " (printed " + era.printed + ")";
    }
    year.warnings = era.warnings;
    if (found.gregorian) {
      year.how += ", Gregorian " + std::to_string(*found.gregorian);
      if (*found.gregorian != era.gregorian) {
        year.warnings.push_back(era.printed + " is " + std::to_string(era.gregorian) +
                                " but the Gregorian year printed with it is " +
                                std::to_string(*found.gregorian));
      }
    }
  } else {
    year.year = *found.gregorian;
    year.how = "Gregorian " + std::to_string(year.year);
  }
  return year;
}

// The separator of a period label and its length in UTF-16 units, or -1.
int32_t find_separator(const icu::UnicodeString& label, int32_t& length) {
  length = 1;
  for (int32_t i = 0; i < label.length(); ++i) {
    switch (label[i]) {
      case u'~': case u'〜': case u'-': case u'‐': case u'―': case u'–': case u'—':
        return i;
      default:
        if (label.compare(i, 2, icu::UnicodeString(u"から")) == 0) {
          length = 2;
          return i;
        }
    }
  }
  return -1;
}

}  // namespace

std::optional<FiscalYear> Normalizer::fiscal_year(std::string_view text) const {
  const auto known = impl_->fiscal_years.find(std::string(text));
  if (known != impl_->fiscal_years.end()) return known->second;
  const icu::UnicodeString header = compact(text);
  std::optional<FiscalYear> year = to_fiscal_year(YearReader(*impl_).scan(header));
  if (year) {
    year->year_end = header.indexOf(u"年度末") >= 0;
    year->estimate = header.indexOf(u"見込") >= 0;
  }
  if (impl_->fiscal_years.size() >= Impl::kKeptFiscalYears) impl_->fiscal_years.clear();
  impl_->fiscal_years.emplace(text, year);
  return year;
}

std::optional<Period> Normalizer::period(std::string_view label) const {
  const icu::UnicodeString text = compact(label);
  YearReader reader(*impl_);
  int32_t separator_length = 0;
  const int32_t separator = find_separator(text, separator_length);
  const YearText from_text = reader.scan(separator < 0 ? text : text.tempSubString(0, separator));
  const std::optional<FiscalYear> from = to_fiscal_year(from_text);
  if (!from) return {};
  Period period{from->year, from->year, from->warnings};
  if (separator < 0) return period;

  const icu::UnicodeString rest = text.tempSubString(separator + separator_length);
  int32_t digits = 0;
  while (is_digit(rest.charAt(digits))) ++digits;  // charAt past the end is U+FFFF
  const YearText to_text = reader.scan(rest);
  if (to_text.era || (digits == 4 && to_text.gregorian)) {
    const std::optional<FiscalYear> to = to_fiscal_year(to_text);
    period.to_fiscal_year = to->year;
    period.warnings.insert(period.warnings.end(), to->warnings.begin(), to->warnings.end());
  } else if (from_text.era && (rest.startsWith(u"元") || (digits > 0 && digits <= 3))) {
    // 令和元～２年度: the second year counts in the first one's era.
    int32_t year_in_era = rest.startsWith(u"元") ? 1 : 0;
    for (int32_t i = 0; i < digits; ++i) year_in_era = year_in_era * 10 + (rest[i] - u'0');
    period.to_fiscal_year = reader.gregorian(from_text.era->era, year_in_era, period.warnings);
  } else {
    return {};
  }
  if (period.to_fiscal_year < period.from_fiscal_year) {
    period.warnings.push_back("the period ends before it starts");
  }
  return period;
}

}  // namespace sheetx::normalizer
