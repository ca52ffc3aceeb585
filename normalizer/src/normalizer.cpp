// Normalizer construction: the counter list; ICU's kanji numerals.
#include <algorithm>
#include <tuple>

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

}  // namespace

const icu::RuleBasedNumberFormat& kanji_spellout() {
  thread_local std::unique_ptr<icu::RuleBasedNumberFormat> kanji;
  if (!kanji) {
    UErrorCode status = U_ZERO_ERROR;
    auto format = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("ja"), status);
    check(status, "RuleBasedNumberFormat(spellout, ja)");
    kanji = std::move(format);
  }
  return *kanji;
}

Normalizer::Impl::Impl(std::vector<std::string> extra_counters) {
  for (const char* counter : kCounters) counters.emplace_back(counter);
  for (const std::string& counter : extra_counters) {
    std::string folded = fold_width(counter);
    if (!folded.empty()) counters.push_back(std::move(folded));
  }
  std::sort(counters.begin(), counters.end(), [](const std::string& a, const std::string& b) {
    return std::forward_as_tuple(b.size(), a) < std::forward_as_tuple(a.size(), b);  // longest first
  });
  counters.erase(std::unique(counters.begin(), counters.end()), counters.end());
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
