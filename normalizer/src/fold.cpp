// Width folding and the dash-only test.
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uniset.h>
#include <unicode/utf8.h>

#include "sheetx/normalizer.h"

namespace sheetx::normalizer {
namespace {

// NFKC limited to the ideographic space, full-width ASCII and half-width katakana. Plain NFKC
// would also turn ① into 1 and ㈱ into (株); ICU's Fullwidth-Halfwidth transform would turn
// katakana half-width. One immutable instance: ICU normalizers are thread-safe for const use.
class WidthFolder {
 public:
  WidthFolder() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    ranges_.applyPattern(u"[\\u3000\\uFF01-\\uFF5E\\uFF61-\\uFF9F]", status);
    if (U_FAILURE(status)) {
      throw NormalizerError(std::string("fold_width: ICU NFKC or UnicodeSet failed: ") +
                            u_errorName(status));
    }
    ranges_.freeze();
    folder_ = std::make_unique<icu::FilteredNormalizer2>(*nfkc, ranges_);
  }

  std::string fold(std::string_view utf8) const {
    std::string out;
    out.reserve(utf8.size());
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    folder_->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())),
                           sink, nullptr, status);
    if (U_FAILURE(status)) {
      throw NormalizerError(std::string("fold_width: ICU normalizeUTF8 failed: ") +
                            u_errorName(status));
    }
    return out;
  }

 private:
  icu::UnicodeSet ranges_;
  std::unique_ptr<icu::FilteredNormalizer2> folder_;
};

bool is_blank(UChar32 c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000; }

// A baseline column prints its dash in the column's parentheses: (―).
bool is_parenthesis(UChar32 c) { return c == '(' || c == ')' || c == u'（' || c == u'）'; }

bool is_dash(UChar32 c) {
  switch (c) {
    case u'―': case u'－': case u'-': case u'‐':  // the four the sheets use
    case u'—': case u'–': case u'−': case u'‑': case u'─': case u'ー': case u'ｰ':
      return true;
    default:
      return false;
  }
}

// ICU's UTF-8 normalization passes ill-formed bytes through, but the folded text feeds units and
// JSON: ill-formed sequences become U+FFFD first.
bool well_formed(std::string_view utf8) {
  const auto length = static_cast<int32_t>(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

std::string repaired(std::string_view utf8) {
  const auto length = static_cast<int32_t>(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  std::string out;
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      out += "\uFFFD";
    } else {
      out.append(utf8.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  return out;
}

}  // namespace

std::string fold_width(std::string_view utf8) {
  static const WidthFolder folder;  // immutable after construction; built once, thread-safely
  return well_formed(utf8) ? folder.fold(utf8) : folder.fold(repaired(utf8));
}

bool has_no_figure(std::string_view cell_text) {
  int32_t i = 0;
  const auto length = static_cast<int32_t>(cell_text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(cell_text.data());
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (!is_blank(c) && !is_dash(c) && !is_parenthesis(c)) return false;
  }
  return true;
}

}  // namespace sheetx::normalizer
