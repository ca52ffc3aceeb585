// Normalizer construction: the counter list and the ICU objects.
#include <algorithm>

#include "impl.h"

namespace sheetx::normalizer {
namespace {

// Counters the review sheets print after a figure. 万 and 億 are multipliers, not counters
// (1億2,000万円 is 120000000 円); 千円 and 百万円 are the accounting units of budget columns,
// so 5千円 is 5 千円.
const char* const kCounters[] = {
    "社", "件", "回", "人", "名", "か所", "ヶ所", "カ所", "ケ所", "箇所", "団体", "校", "園",
    "%", "円", "千円", "百万円", "日", "日間", "時間", "本", "台", "冊", "部", "枚", "点", "店",
    "店舗", "事業", "事業者", "施設", "世帯", "戸", "棟", "区画", "講座", "コース", "種類",
    "品目", "クラス", "組", "団", "チーム", "人日", "か月", "ヶ月", "カ月", "週", "倍",
    "ポイント", "位", "歳", "号", "誌", "個", "基", "機", "ha", "m", "km", "m2", "㎡", "kg", "t", "割"};

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw NormalizerError(std::string("Normalizer: ICU ") + what + " failed: " +
                          u_errorName(status));
  }
}

const icu::Locale& japanese_calendar() {
  static const icu::Locale locale("ja_JP@calendar=japanese");
  return locale;
}

// A year pattern: y=jpanyear makes the year field also read 元 (gannen), as in 令和元年.
std::unique_ptr<icu::SimpleDateFormat> japanese_year_format(const char16_t* pattern) {
  UErrorCode status = U_ZERO_ERROR;
  auto format = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(pattern),
                                                        icu::UnicodeString(u"y=jpanyear"),
                                                        japanese_calendar(), status);
  check(status, "SimpleDateFormat(ja_JP@calendar=japanese)");
  return format;
}

// An era-only pattern: no year field, so none of the year override's cost (its number format
// is the rule-based jpanyear, parsed afresh for each format that asks for it).
std::unique_ptr<icu::SimpleDateFormat> japanese_era_format(const char16_t* pattern) {
  UErrorCode status = U_ZERO_ERROR;
  auto format = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString(pattern), japanese_calendar(), status);
  check(status, "SimpleDateFormat(ja_JP@calendar=japanese)");
  return format;
}

}  // namespace

IcuObjects::IcuObjects()
    : era_year_(japanese_year_format(u"Gy年")),
      narrow_era_year_(japanese_year_format(u"GGGGGy")),
      era_name_(japanese_era_format(u"G")),
      narrow_era_name_(japanese_era_format(u"GGGGG")) {
  UErrorCode status = U_ZERO_ERROR;
  calendar_.reset(icu::Calendar::createInstance(japanese_calendar(), status));
  check(status, "Calendar::createInstance(ja_JP@calendar=japanese)");
  // ICU sets up what parsing needs on the first parse (some 6 M instructions, a dozen parses'
  // worth): done here, a run pays it once, before its workers fork, not once in each worker.
  icu::ParsePosition position(0);
  era_year_->parse(icu::UnicodeString(u"令和元年"), *calendar_, position);
  calendar_->clear();
}

IcuObjects& IcuObjects::of_this_thread() {
  thread_local IcuObjects objects;
  return objects;
}

const icu::RuleBasedNumberFormat& IcuObjects::kanji() {
  if (!kanji_) {
    UErrorCode status = U_ZERO_ERROR;
    auto kanji = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("ja"), status);
    check(status, "RuleBasedNumberFormat(spellout, ja)");
    kanji_ = std::move(kanji);
  }
  return *kanji_;
}

Normalizer::Impl::Impl(std::vector<std::string> extra_counters) {
  for (const char* counter : kCounters) counters.emplace_back(counter);
  for (const std::string& counter : extra_counters) {
    std::string folded = fold_width(counter);
    if (!folded.empty()) counters.push_back(std::move(folded));
  }
  std::sort(counters.begin(), counters.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  counters.erase(std::unique(counters.begin(), counters.end()), counters.end());
  IcuObjects::of_this_thread();  // a Normalizer that cannot read years fails here, not on a cell
}

std::size_t Normalizer::Impl::counter_at(std::string_view text) const {
  for (const std::string& counter : counters) {
    if (text.substr(0, counter.size()) == counter) return counter.size();
  }
  return 0;
}

bool Normalizer::Impl::is_counter(std::string_view text) const {
  return std::find(counters.begin(), counters.end(), text) != counters.end();
}

Normalizer::Normalizer(std::vector<std::string> extra_counters)
    : impl_(std::make_unique<Impl>(std::move(extra_counters))) {}
Normalizer::~Normalizer() = default;
Normalizer::Normalizer(Normalizer&&) noexcept = default;
Normalizer& Normalizer::operator=(Normalizer&&) noexcept = default;

}  // namespace sheetx::normalizer
