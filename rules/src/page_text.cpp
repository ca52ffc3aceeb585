#include "page_text.h"

#include <charconv>

#include <unicode/utf8.h>

#include "sheetx/normalizer.h"

namespace sheetx::rules {
namespace {

constexpr std::string_view kIdeographicSpace = "\u3000";

// Length of the white space starting at text[i], or 0.
std::size_t space_at(std::string_view text, std::size_t i) {
  const char c = text[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (text.substr(i, kIdeographicSpace.size()) == kIdeographicSpace) return kIdeographicSpace.size();
  return 0;
}

}  // namespace

std::string squeeze(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (std::size_t n = space_at(text, i)) {
      i += n;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t n = space_at(text, begin);
    if (!n) break;
    begin += n;
  }
  std::size_t end = text.size();
  while (end > begin) {
    if (space_at(text, end - 1) == 1) {  // one ASCII white space character
      --end;
    } else if (end - begin >= kIdeographicSpace.size() &&
               text.substr(end - kIdeographicSpace.size(), kIdeographicSpace.size()) == kIdeographicSpace) {
      end -= kIdeographicSpace.size();
    } else {
      break;
    }
  }
  return std::string(text.substr(begin, end - begin));
}

std::string after_squeezed(std::string_view text, std::size_t squeezed_bytes) {
  std::size_t i = 0;
  for (std::size_t kept = 0; i < text.size() && kept < squeezed_bytes;) {
    if (std::size_t n = space_at(text, i)) {
      i += n;
    } else {
      ++i;
      ++kept;
    }
  }
  return trim(text.substr(i));
}

std::vector<std::string> utf8_characters(std::string_view text) {
  std::vector<std::string> out;
  const auto size = static_cast<int32_t>(text.size());
  for (int32_t start = 0, end = 0; start < size; start = end) {
    U8_FWD_1(text.data(), end, size);
    out.emplace_back(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
  }
  return out;
}

std::string utf8_prefix(std::string_view text, std::size_t characters) {
  int32_t end = 0;
  U8_FWD_N(text.data(), end, static_cast<int32_t>(text.size()), static_cast<int32_t>(characters));
  return std::string(text.substr(0, static_cast<std::size_t>(end)));
}

std::optional<int> to_int(const std::string& text) {
  const std::string folded = normalizer::fold_width(trim(text));
  int value = 0;
  const auto [end, error] = std::from_chars(folded.data(), folded.data() + folded.size(), value);
  if (folded.empty() || error != std::errc() || end != folded.data() + folded.size() || folded.front() == '-')
    return std::nullopt;
  return value;
}

std::string join_wrapped(const std::vector<std::string>& lines) {
  std::vector<std::string> trimmed;
  for (const auto& line : lines) {
    std::string t = trim(line);
    if (!t.empty()) trimmed.push_back(std::move(t));
  }
  return extractor::lines_to_text(trimmed);
}

std::vector<std::string> paragraphs(const std::vector<std::string>& lines, const RE2* starts,
                                    const RE2* bullet) {
  std::vector<std::vector<std::string>> groups;
  for (const auto& line : lines) {
    if (trim(line).empty()) continue;
    if (groups.empty() || (starts && RE2::PartialMatch(line, *starts))) groups.emplace_back();
    groups.back().push_back(line);
  }
  std::vector<std::string> out;
  for (auto& group : groups) {
    if (bullet) {
      std::string first = trim(group.front());
      RE2::Replace(&first, *bullet, "");
      group.front() = first;
    }
    std::string text = join_wrapped(group);
    if (!text.empty()) out.push_back(std::move(text));
  }
  return out;
}

std::optional<GroupMatch> match_groups(const RE2& re, std::string_view text, std::size_t pos) {
  const int count = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(count) + 1);
  if (pos > text.size() ||
      !re.Match(re2::StringPiece(text.data(), text.size()), pos, text.size(), RE2::UNANCHORED,
                pieces.data(), count + 1)) {
    return std::nullopt;
  }
  GroupMatch match;
  match.end = static_cast<std::size_t>(pieces[0].data() - text.data()) + pieces[0].size();
  for (const auto& [name, index] : re.NamedCapturingGroups()) {
    const auto& piece = pieces[static_cast<std::size_t>(index)];
    match.groups[name] = trim(std::string_view(piece.data(), piece.size()));
  }
  return match;
}

Spot cell_spot(int page, const extractor::Table& table, const extractor::Cell& cell) {
  Spot spot;
  spot.page = page;
  spot.table = &table;
  spot.box = cell.box;
  spot.lines = cell.lines;
  spot.text = join_wrapped(cell.lines);
  spot.squeezed = squeeze(spot.text);
  return spot;
}

std::vector<Spot> page_spots(const extractor::Page& page) {
  std::vector<Spot> spots;
  for (const auto& table : page.tables)
    for (const auto& cell : table.cells) spots.push_back(cell_spot(page.number, table, cell));
  for (const auto& block : page.blocks) {
    Spot spot;
    spot.page = page.number;
    spot.box = block.box;
    spot.lines = block.lines;
    spot.text = join_wrapped(block.lines);
    spot.squeezed = squeeze(spot.text);
    spots.push_back(std::move(spot));
  }
  return spots;
}

}  // namespace sheetx::rules
