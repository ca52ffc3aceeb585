// Fiscal years and period labels: era years of 明治 to 令和, Gregorian years.
#include <array>

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

// The eras a review sheet can name, newest last. A table, not ICU's Japanese calendar: reading
// a header through ICU's calendar formats cost more than reading the rest of the sheet (their
// set-up 16 M instructions a run, 0.45 M a parse). tests/normalizer checks these facts against
// ICU's calendar, so a new era in ICU's data fails a test until it is added here.
struct Era {
  const char16_t* name;
  const char16_t* letter;     // as printed in R2, H30
  int32_t first_year;         // Gregorian year of its year 1 (元年)
  int32_t last_year_in_era;   // 0: the current era
};

constexpr std::array<Era, 5> kEras{{
    {u"明治", u"M", 1868, 45},
    {u"大正", u"T", 1912, 15},
    {u"昭和", u"S", 1926, 64},
    {u"平成", u"H", 1989, 31},
    {u"令和", u"R", 2019, 0},
}};

// An era year as printed.
struct EraYear {
  const Era* era = nullptr;
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

std::string era_name(const Era& era) { return utf8(icu::UnicodeString(era.name)); }

int32_t number(const icu::UnicodeString& text, int32_t from, int32_t to) {
  int32_t value = 0;
  for (int32_t i = from; i < to; ++i) value = value * 10 + (text[i] - u'0');
  return value;
}

// The era whose name or letter starts `text` at `at`, and the name's length.
const Era* era_at(const icu::UnicodeString& text, int32_t at, int32_t& length) {
  for (const Era& era : kEras) {
    for (const char16_t* name : {era.name, era.letter}) {
      length = static_cast<int32_t>(std::char_traits<char16_t>::length(name));
      if (text.compare(at, length, name, 0, length) == 0) return &era;
    }
  }
  return nullptr;
}

// The Gregorian year of year `year_in_era` of `era`, with a warning if the era had ended.
int32_t gregorian(const Era& era, int32_t year_in_era, std::vector<std::string>& warnings) {
  const int32_t year = era.first_year + year_in_era - 1;
  if (year_in_era < 1 || (era.last_year_in_era > 0 && year_in_era > era.last_year_in_era)) {
    const std::string name = era_name(era);
    const std::string years = era.last_year_in_era > 0
        ? "its years are 1 to " + std::to_string(era.last_year_in_era)
        : "its years start at 1";
    warnings.push_back(name + std::to_string(year_in_era) + " is not a year of " + name + " (" +
                       years + "): read as " + std::to_string(year));
  }
  return year;
}

// An era year starting at `at` (令和元年, 平成30, 令和2年, R2, H30, R元): the era's name then
// its year in digits or 元, then 年 after a name; `end` is set past it.
std::optional<EraYear> era_year_at(const icu::UnicodeString& text, int32_t at, int32_t& end) {
  int32_t name_length = 0;
  const Era* era = era_at(text, at, name_length);
  if (!era) return {};
  int32_t i = at + name_length;
  int32_t year_in_era = 0;
  if (text.charAt(i) == u'元') {  // charAt past the end is U+FFFF
    year_in_era = 1;
    ++i;
  } else {
    const int32_t digits = i;
    while (is_digit(text.charAt(i))) ++i;
    // No era has lasted a hundred years: four digits after a name are no year in it.
    if (i == digits || i - digits > 3) return {};
    year_in_era = number(text, digits, i);
  }
  if (name_length > 1 && text.charAt(i) == u'年') ++i;
  end = i;
  EraYear year;
  year.era = era;
  year.printed = utf8(text.tempSubStringBetween(at, end));
  year.year_in_era = year_in_era;
  year.gregorian = gregorian(*era, year_in_era, year.warnings);
  return year;
}

// The first era year and the first four-digit year in `text`.
YearText scan(const icu::UnicodeString& text) {
  YearText found;
  for (int32_t i = 0; i < text.length();) {
    if (is_digit(text[i])) {
      // Digits never start an era year, and a run of four is a Gregorian year.
      const int32_t start = i;
      while (i < text.length() && is_digit(text[i])) ++i;
      if (i - start == 4 && !found.gregorian) found.gregorian = number(text, start, i);
      continue;
    }
    if (!found.era) {
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

std::optional<FiscalYear> to_fiscal_year(const YearText& found) {
  if (!found.era && !found.gregorian) return {};
  FiscalYear year;
  if (found.era) {
    const EraYear& era = *found.era;
    year.year = era.gregorian;
    const std::string name = era_name(*era.era);
    year.how = "era " + name + " " + std::to_string(era.year_in_era);
    if (era.printed.find(name + std::to_string(era.year_in_era)) != 0) {
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
  const icu::UnicodeString header = compact(text);
  std::optional<FiscalYear> year = to_fiscal_year(scan(header));
  if (year) {
    year->year_end = header.indexOf(u"年度末") >= 0;
    year->estimate = header.indexOf(u"見込") >= 0;
  }
  return year;
}

std::optional<Period> Normalizer::period(std::string_view label) const {
  const icu::UnicodeString text = compact(label);
  int32_t separator_length = 0;
  const int32_t separator = find_separator(text, separator_length);
  const YearText from_text = scan(separator < 0 ? text : text.tempSubString(0, separator));
  const std::optional<FiscalYear> from = to_fiscal_year(from_text);
  if (!from) return {};
  Period period{from->year, from->year, from->warnings};
  if (separator < 0) return period;

  const icu::UnicodeString rest = text.tempSubString(separator + separator_length);
  int32_t digits = 0;
  while (is_digit(rest.charAt(digits))) ++digits;  // charAt past the end is U+FFFF
  const YearText to_text = scan(rest);
  if (to_text.era || (digits == 4 && to_text.gregorian)) {
    const std::optional<FiscalYear> to = to_fiscal_year(to_text);
    period.to_fiscal_year = to->year;
    period.warnings.insert(period.warnings.end(), to->warnings.begin(), to->warnings.end());
  } else if (from_text.era && (rest.startsWith(u"元") || (digits > 0 && digits <= 3))) {
    // 令和元～２年度: the second year counts in the first one's era.
    const int32_t year_in_era = digits > 0 ? number(rest, 0, digits) : 1;
    period.to_fiscal_year = gregorian(*from_text.era->era, year_in_era, period.warnings);
  } else {
    return {};
  }
  if (period.to_fiscal_year < period.from_fiscal_year) {
    period.warnings.push_back("the period ends before it starts");
  }
  return period;
}

}  // namespace sheetx::normalizer
