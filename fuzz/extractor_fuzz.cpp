// libFuzzer target: any bytes as a PDF, read in memory. The extractor must give a document or
// throw ExtractError with its one-line cause; never crash, hang or throw anything else.
#include <cstdint>
#include <string_view>

#include "sheetx/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sheetx::extractor::Settings settings;
  settings.last_page = 3;  // a mutated page count must not make one input take minutes
  try {
    (void)sheetx::extractor::extract_bytes(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.pdf",
                                           settings);
  } catch (const sheetx::extractor::ExtractError&) {
  }
  return 0;
}
