// libFuzzer target: any bytes as a rule file. Loading must either give a rule file or throw
// RuleFileError naming the place; never crash, hang or throw anything else.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sheetx/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)sheetx::rules::Ruleset::parse(text, "fuzz.yaml");
  } catch (const sheetx::rules::RuleFileError& e) {
    if (std::string(e.what()).rfind("fuzz.yaml:", 0) != 0) std::abort();
  }
  return 0;
}
