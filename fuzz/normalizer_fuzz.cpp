// libFuzzer target: any bytes as a cell's text, a header and a period label. The normalizer must
// not crash, throw or hang, must keep raw as given, and must say why when it reads no figure
// (a status word such as 実施 is read, not a failure).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sheetx/normalizer.h"

using sheetx::normalizer::Normalizer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Normalizer normalizer({"ブース"});  // libFuzzer runs inputs on one thread
  const std::string text(reinterpret_cast<const char*>(data), size);

  const sheetx::normalizer::Quantity quantity = normalizer.quantity(text);
  if (quantity.raw != text) std::abort();
  if (!quantity.value && !quantity.status && quantity.problems.empty() &&
      !sheetx::normalizer::has_no_figure(text)) {
    std::abort();
  }
  // raw may hold any bytes; what the normalizer derived (the units) must be well-formed UTF-8,
  // which folding leaves as it is (it turns ill-formed bytes into U+FFFD).
  if (quantity.unit && sheetx::normalizer::fold_width(*quantity.unit) != *quantity.unit) std::abort();
  (void)normalizer.fiscal_year(text);
  (void)normalizer.period(text);
  return 0;
}
