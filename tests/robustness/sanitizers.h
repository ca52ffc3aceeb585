// Whether the tests run under AddressSanitizer, which reserves terabytes of address space: the
// worker pool's memory limit (RLIMIT_AS) is then left off, and tests of it are skipped.
#pragma once

namespace sheetx::testing {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

}  // namespace sheetx::testing
