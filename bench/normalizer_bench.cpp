// Cost per cell of the normalizer: each iteration reads one cell, cycling through real cells of
// the 施策35 sheet, so the reported time is nanoseconds per cell.
#include <benchmark/benchmark.h>

#include "sheetx/normalizer.h"

namespace {

using sheetx::normalizer::Normalizer;

// The back-page figures and front-page indicator values of 施策35, as the extractor joins them.
const std::vector<std::string> kSheetCells = {
    "延べ4,600社", "5,653社", "5,550社", "延べ4,700社", "年19社\n(年15社)", "19社", "15社",
    "(9社)", "年9社", "9社", "15件", "(1回)", "1回", "0件", "45社\n（累計229社）", "年1回",
    "(13社)\n(累計184社)", "(131件)", "130回", "167件", "年100件", "100件", "―", "(3件)\n(累計20件)",
    "136件\n（累計677件）", "50件\n（累計139件）", "25件", "(59件)\n(累計541件)", "",
    "12.5％", "1億2,000万円"};
const std::vector<std::string> kKanjiCells = {"三件", "十二回", "二千十九", "二十三万四千人"};
const std::vector<std::string> kHeaders = {
    "令和元年度", "令和２年度", "令和３年度\n(実績は見込み)", "(2018年度末)", "R元(2019)\n年度末",
    "R２(2020)\n年度末", "2023年度末", "（平成３０年度事業量）"};

void cycle(benchmark::State& state, const std::vector<std::string>& texts, auto&& read) {
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(read(texts[i]));
    i = i + 1 == texts.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_QuantitySheetCell(benchmark::State& state) {
  const Normalizer normalizer;
  cycle(state, kSheetCells, [&](const std::string& cell) { return normalizer.quantity(cell); });
}
BENCHMARK(BM_QuantitySheetCell);

void BM_QuantityKanjiCell(benchmark::State& state) {
  const Normalizer normalizer;
  cycle(state, kKanjiCells, [&](const std::string& cell) { return normalizer.quantity(cell); });
}
BENCHMARK(BM_QuantityKanjiCell);

void BM_FoldWidth(benchmark::State& state) {
  cycle(state, kSheetCells, [](const std::string& cell) { return sheetx::normalizer::fold_width(cell); });
}
BENCHMARK(BM_FoldWidth);

// A column header: the era table and the Gregorian digits (no cache: each read is the work).
void BM_FiscalYearHeader(benchmark::State& state) {
  const Normalizer normalizer;
  cycle(state, kHeaders, [&](const std::string& header) { return normalizer.fiscal_year(header); });
}
BENCHMARK(BM_FiscalYearHeader);

void BM_PeriodLabel(benchmark::State& state) {
  const Normalizer normalizer;
  const std::vector<std::string> labels = {"令和元～２年度"};
  cycle(state, labels, [&](const std::string& label) { return normalizer.period(label); });
}
BENCHMARK(BM_PeriodLabel);

// A Normalizer per rule file: its counter list (ICU's kanji rules wait for a kanji numeral).
void BM_NewNormalizer(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Normalizer());
}
BENCHMARK(BM_NewNormalizer)->Unit(benchmark::kMicrosecond);

}  // namespace
