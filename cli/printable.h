// Text from a PDF (or a file name) made safe to print: no byte of it can move the cursor, change
// a terminal's colours or title, reorder the line (bidi overrides) or close a quote early.
#pragma once

#include <string>
#include <string_view>

namespace sheetx::cli {

enum class Escaping {
  kText,  // for a message line: \n \t \r, \u{1b}, \u{202e}, \x8e for a byte that is not UTF-8,
          // \" and \\ (so that "…" around the text cannot be closed early)
  kJson,  // for a dumped JSON text: those characters as \u001b, \u202e (the same JSON value)
};

// Escapes every control (Cc), format (Cf: bidi marks, embeddings, overrides and isolates,
// zero-width and invisible characters) and line/paragraph separator (Zl, Zp) character, and in
// kText every byte that is not part of UTF-8 and the quote and backslash. In kJson the text must
// be the output of a JSON dump (valid UTF-8, controls below U+0020 already escaped): only
// characters inside its strings are touched, so the JSON value stays the same.
std::string printable(std::string_view text, Escaping escaping = Escaping::kText);

}  // namespace sheetx::cli
