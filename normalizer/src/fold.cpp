// Width folding and the dash-only test, both through ICU (no hand-written UTF-8 decoding).
#include <unicode/normalizer2.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include "impl.h"

namespace sheetx::normalizer {

icu::UnicodeSet frozen_set(const char16_t* pattern, const char* what) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeSet set(icu::UnicodeString(pattern), status);
  if (U_FAILURE(status)) {
    throw NormalizerError(std::string(what) + ": ICU UnicodeSet failed: " + u_errorName(status));
  }
  set.freeze();
  return set;  // a copy of a frozen set is frozen
}

namespace {

// NFKC limited to the ideographic space, full-width ASCII and half-width katakana. Plain NFKC
// would also turn ① into 1 and ㈱ into (株); ICU's Fullwidth-Halfwidth transform would turn
// katakana half-width. One immutable instance: ICU normalizers are thread-safe for const use.
class WidthFolder {
 public:
  WidthFolder() : ranges_(frozen_set(u"[\\u3000\\uFF01-\\uFF5E\\uFF61-\\uFF9F]", "fold_width")) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) {
      throw NormalizerError(std::string("fold_width: ICU NFKC failed: ") + u_errorName(status));
    }
    folder_ = std::make_unique<icu::FilteredNormalizer2>(*nfkc, ranges_);
  }

  // fromUTF8 turns ill-formed bytes into U+FFFD, so the folded text (units, JSON) is well-formed.
  std::string fold(std::string_view utf8) const {
    const icu::UnicodeString text =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded;
    folder_->normalize(text, folded, status);
    if (U_FAILURE(status)) {
      throw NormalizerError(std::string("fold_width: ICU normalize failed: ") + u_errorName(status));
    }
    std::string out;
    return folded.toUTF8String(out);
  }

 private:
  icu::UnicodeSet ranges_;
  std::unique_ptr<icu::FilteredNormalizer2> folder_;
};

}  // namespace

std::string fold_width(std::string_view utf8) {
  static const WidthFolder folder;  // immutable after construction; built once, thread-safely
  return folder.fold(utf8);
}

bool has_no_figure(std::string_view cell_text) {
  // Blanks, the dashes (the sheets use ― － - ‐; the rest look alike) and the parentheses a
  // baseline column prints its dash in: (―). Ill-formed bytes count as U+FFFD, not in the set.
  static const icu::UnicodeSet kNoFigure = frozen_set(
      u"[\\u0009\\u000A\\u000D\\u0020\\u3000()（）―－\\-‐—–−‑─ーｰ]", "has_no_figure");
  const auto length = static_cast<int32_t>(cell_text.size());
  return kNoFigure.spanUTF8(cell_text.data(), length, USET_SPAN_CONTAINED) == length;
}

}  // namespace sheetx::normalizer
