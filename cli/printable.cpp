#include "printable.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdio>

namespace sheetx::cli {
namespace {

bool unsafe(UChar32 c) {
  const int8_t type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_LINE_SEPARATOR ||
         type == U_PARAGRAPH_SEPARATOR;
}

void append_json_escape(UChar32 c, std::string& out) {
  char unit[8];
  auto add = [&](unsigned value) {
    std::snprintf(unit, sizeof unit, "\\u%04x", value);
    out += unit;
  };
  if (c > 0xFFFF) {  // a surrogate pair, as JSON writes a character beyond the BMP
    add(U16_LEAD(c));
    add(U16_TRAIL(c));
  } else {
    add(static_cast<unsigned>(c));
  }
}

void append_text_escape(UChar32 c, std::string& out) {
  switch (c) {
    case '\n': out += "\\n"; return;
    case '\t': out += "\\t"; return;
    case '\r': out += "\\r"; return;
    default: break;
  }
  char code[16];
  std::snprintf(code, sizeof code, "\\u{%x}", static_cast<unsigned>(c));
  out += code;
}

}  // namespace

std::string printable(std::string_view text, Escaping escaping) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    // Most of any text is plain ASCII, which needs no look-up: copied as it is.
    if (bytes[i] >= 0x20 && bytes[i] < 0x7F && (escaping == Escaping::kJson || (bytes[i] != '"' && bytes[i] != '\\'))) {
      out += static_cast<char>(bytes[i++]);
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 && escaping == Escaping::kJson) {
      out += "\\ufffd";  // as the dump's own error handler replaces it
    } else if (c < 0) {  // not UTF-8: the bytes ICU skipped, one by one
      for (int32_t b = start; b < i; ++b) {
        char code[8];
        std::snprintf(code, sizeof code, "\\x%02x", bytes[b]);
        out += code;
      }
    } else if (unsafe(c) && (escaping == Escaping::kText || c >= 0x7F)) {
      // (in a JSON dump the controls below U+0020 are escaped already, and the line breaks and
      // indents left are the dump's own)
      if (escaping == Escaping::kJson) append_json_escape(c, out);
      else append_text_escape(c, out);
    } else if (escaping == Escaping::kText && (c == '"' || c == '\\')) {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  return out;
}

}  // namespace sheetx::cli
