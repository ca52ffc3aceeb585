// Cells and text blocks of a page seen as one list of places with text, and the text helpers the
// rules apply to them (private to the rules library).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "sheetx/extractor.h"

namespace sheetx::rules {

// A cell of a table, or a free text block, with its text prepared for matching.
struct Spot {
  int page = 0;                         // 1-based
  const extractor::Table* table = nullptr;  // null for a free text block
  extractor::Box box;
  std::vector<std::string> lines;       // as printed
  std::string text;                     // lines joined as wrapped text
  std::string squeezed;                 // all white space removed: what labels are matched on
};

// Every cell of every table, then every free text block, of a page.
std::vector<Spot> page_spots(const extractor::Page& page);
// One cell as a spot.
Spot cell_spot(int page, const extractor::Table& table, const extractor::Cell& cell);

// White space (ASCII and the ideographic space) removed.
std::string squeeze(std::string_view text);
// White space (ASCII and the ideographic space) removed at both ends.
std::string trim(std::string_view text);
// The text after the part of it whose squeezed form is `squeezed_bytes` long, trimmed: what
// follows a label matched on the squeezed line ("Division: Welfare" -> "Welfare").
std::string after_squeezed(std::string_view text, std::size_t squeezed_bytes);
// The UTF-8 characters of a text, each as its own string.
std::vector<std::string> utf8_characters(std::string_view text);
// At most `characters` UTF-8 characters from the start of text, never half of one.
std::string utf8_prefix(std::string_view text, std::size_t characters);
// Digits as printed (full-width too) -> a number; nothing for anything else or one too large.
std::optional<int> to_int(const std::string& text);
// Wrapped lines joined as the extractor joins them (extractor::lines_to_text), each line trimmed
// first: an indent or a trailing space is layout, not text.
std::string join_wrapped(const std::vector<std::string>& lines);

// Lines split into paragraphs: a line matching `starts` (may be null) begins a new paragraph;
// each paragraph is its lines joined and trimmed; `bullet` (may be null) is cut from its start.
std::vector<std::string> paragraphs(const std::vector<std::string>& lines, const RE2* starts,
                                    const RE2* bullet);

// The named groups of the first match of `re` in `text` from `pos` (trimmed), with the end of
// the match; nullopt when it does not match.
struct GroupMatch {
  std::map<std::string, std::string> groups;
  std::size_t end = 0;
  std::string operator[](const std::string& name) const {
    auto it = groups.find(name);
    return it == groups.end() ? std::string() : it->second;
  }
};
std::optional<GroupMatch> match_groups(const RE2& re, std::string_view text, std::size_t pos = 0);

}  // namespace sheetx::rules
