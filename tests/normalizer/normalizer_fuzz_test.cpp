// The normalizer never crashes, throws or hangs on random and mutated cell text, and what it
// cannot read it says so. Deterministic (fixed seeds) and capped at a few seconds for CI; the
// libFuzzer target in fuzz/normalizer_fuzz.cpp explores further.
#include <chrono>
#include <random>

#include <gtest/gtest.h>

#include "sheetx/normalizer.h"
#include "sheetx/records.h"

namespace sheetx::normalizer {
namespace {

using Clock = std::chrono::steady_clock;

// Real cells and headers to mutate, and the pieces the mutations splice in (qualifiers,
// counters, brackets, multipliers, eras, dashes, broken UTF-8).
const std::vector<std::string> kSeeds = {
    "延べ4,600社", "４，６００社", "年19社\n(年15社)", "45社\n（累計229社）", "(13社)\n(累計184社)",
    "(9社)", "―", "12.5％", "1億2,000万円", "三件", "二千十九", "令和元年度", "R２(2020)\n年度末",
    "（平成３０年度事業量）", "令和元～２年度", "(2018年度末)", "H30", "昭和64年", "▲1,200千円",
    "1万5千円", "約1～3回以上", "年12回程度", "実施"};
const std::vector<std::string> kPieces = {
    "年", "延べ", "累計", "(", ")", "（", "）", "\n", "社", "千円", "千", "万", "億", "元", "令和",
    "平成", "R", "H", "年度末", "～", "―", "△", "▲", "-", "0", "9", "1,", ",", ".", "三", "十",
    "百", "見込み", "ｶ", "ﾞ", "　", "\xff", "\xe3\x81", "\xe3", "\x80", std::string(1, '\0'),
    "99999999999999999999", "一二三四五六七八九", "約", "以上", "未満", "超", "程度", "〜", "~",
    "実施", "○", "割", "百万円"};

std::string mutate(std::string text, std::mt19937& random) {
  const int edits = std::uniform_int_distribution<int>(1, 4)(random);
  for (int i = 0; i < edits; ++i) {
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size())(random);
    switch (std::uniform_int_distribution<int>(0, 3)(random)) {
      case 0:  // splice a piece in
        text.insert(at, kPieces[std::uniform_int_distribution<std::size_t>(0, kPieces.size() - 1)(random)]);
        break;
      case 1:  // cut a few bytes, perhaps through a character
        text.erase(at, std::uniform_int_distribution<std::size_t>(1, 4)(random));
        break;
      case 2:  // a random byte
        text.insert(at, 1, static_cast<char>(std::uniform_int_distribution<int>(0, 255)(random)));
        break;
      default:  // double a stretch
        text.insert(at, text.substr(at, std::uniform_int_distribution<std::size_t>(1, 8)(random)));
    }
  }
  return text;
}

void expect_sound(const Normalizer& normalizer, const std::string& text) {
  const Quantity quantity = normalizer.quantity(text);
  EXPECT_EQ(quantity.raw, text);
  if (!quantity.value) {
    // No value: a dash, a status word (実施) or a problem saying why.
    EXPECT_TRUE(has_no_figure(text) || quantity.status || !quantity.problems.empty()) << text;
  }
  if (quantity.unit) {
    EXPECT_TRUE(quantity.value.has_value()) << text;
  }
  EXPECT_NO_THROW(records::to_json(quantity).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  (void)normalizer.fiscal_year(text);
  (void)normalizer.period(text);
  EXPECT_EQ(fold_width(fold_width(text)), fold_width(text)) << text;  // folding is idempotent
}

TEST(NormalizerFuzz, MutatedCellsAreReadOrReportedNeverCrash) {
  const Normalizer normalizer;
  std::mt19937 random(20240401);
  const auto deadline = Clock::now() + std::chrono::seconds(3);
  int runs = 0;
  for (; runs < 20000 && Clock::now() < deadline; ++runs) {
    const std::string& seed = kSeeds[static_cast<std::size_t>(runs) % kSeeds.size()];
    expect_sound(normalizer, mutate(seed, random));
    if (HasFailure()) break;
  }
  EXPECT_GT(runs, 1000);
}

TEST(NormalizerFuzz, RandomBytesAreReadOrReportedNeverCrash) {
  const Normalizer normalizer;
  std::mt19937 random(7);
  const auto deadline = Clock::now() + std::chrono::seconds(1);
  int runs = 0;
  for (; runs < 5000 && Clock::now() < deadline; ++runs) {
    std::string text(std::uniform_int_distribution<std::size_t>(0, 40)(random), '\0');
    for (char& c : text) c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(random));
    expect_sound(normalizer, text);
    if (HasFailure()) break;
  }
  EXPECT_GT(runs, 500);
}

}  // namespace
}  // namespace sheetx::normalizer
