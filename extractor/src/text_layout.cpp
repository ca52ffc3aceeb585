#include "text_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

#include <unicode/utf8.h>

#include "geometry.h"

namespace sheetx::extractor {
namespace {

// A code point ICU read, U+FFFD for a malformed sequence (ICU gives a negative value).
char32_t checked(UChar32 c) { return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c); }
// The code point at byte i of a UTF-8 string, i moved past it.
char32_t next_char(std::string_view s, int32_t& i) {
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return checked(c);
}
// The first or last code point of a UTF-8 string (0 when empty).
char32_t first_char(std::string_view s) {
  int32_t i = 0;
  return s.empty() ? 0 : next_char(s, i);
}
char32_t last_char(std::string_view s) {
  if (s.empty()) return 0;
  auto i = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, i, c);
  return checked(c);
}

// Characters of East Asian scripts and full-width forms, which are written without spaces.
bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000;
}
bool is_space(char32_t c) { return c == ' ' || c == 0xA0 || c == 0x3000 || c == '\t' || c == '\n'; }
// Two runs on one line, which Poppler split at a space or a gap, keep a space unless one side
// is Japanese (its spaces are ideographic, handled apart).
bool needs_space(char32_t before, char32_t after) {
  return before && after && !is_wide(before) && !is_wide(after) && !is_space(before) && !is_space(after);
}
// A letter or digit of an alphabetic script (Latin, Greek, Cyrillic, Arabic...).
bool is_word_char(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7) || (c >= 0xFB50 && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF);
}

// The code points of a UTF-8 string.
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) out += next_char(s, i);
  return out;
}

bool is_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
bool is_bracket(char32_t c) { return std::u32string_view(U"()[]（）［］「」【】<>＜＞").find(c) != std::u32string_view::npos; }

// A line that ends a figure: digits, then at most three unit characters (千円, %, 社).
bool ends_figure(const std::u32string& line) {
  size_t units = 0;
  for (auto it = line.rbegin(); it != line.rend(); ++it) {
    if (is_digit(*it)) return true;
    if (is_space(*it) || is_bracket(*it) || *it == ',' || *it == '.' || ++units > 3) return false;
  }
  return false;
}

// A line that starts with a figure: a digit, or a sign (-, +, △, ▲) and a digit.
bool starts_figure(const std::u32string& line) {
  size_t i = !line.empty() && std::u32string_view(U"-+△▲−").find(line[0]) != std::u32string_view::npos ? 1 : 0;
  return i < line.size() && is_digit(line[i]);
}

Box upright(const Word& w, const ReadingFrame& f) { return to_upright(w.box, f.rotation, f.page_width, f.page_height); }

// How many whole ems `distance` is, when it is within the slack of one; 0 otherwise.
int whole_ems(double distance, double em, double slack) {
  if (em <= 0) return 0;
  double n = std::round(distance / em);
  return n >= 1 && std::abs(distance / em - n) <= slack ? static_cast<int>(n) : 0;
}

}  // namespace

std::vector<Line> words_to_lines(const std::vector<const Word*>& words, const ReadingFrame& frame, double max_gap_em) {
  std::vector<const Word*> sorted = words;
  std::sort(sorted.begin(), sorted.end(),
            [&](const Word* a, const Word* b) { return upright(*a, frame).cy() < upright(*b, frame).cy(); });
  struct Band {
    double y0, y1;
    Line words;
  };
  std::vector<Band> bands;
  for (const Word* w : sorted) {
    Box b = upright(*w, frame);
    auto same_line = [&](const Band& band) {
      double overlap = std::min(band.y1, b.y1) - std::max(band.y0, b.y0);
      return overlap >= 0.5 * std::min(band.y1 - band.y0, b.height());
    };
    auto it = std::find_if(bands.rbegin(), bands.rend(), same_line);
    if (it == bands.rend()) {
      bands.push_back({b.y0, b.y1, {w}});
    } else {
      it->words.push_back(w);
      it->y0 = std::min(it->y0, b.y0);
      it->y1 = std::max(it->y1, b.y1);
    }
  }
  std::sort(bands.begin(), bands.end(), [](const Band& a, const Band& b) { return a.y0 + a.y1 < b.y0 + b.y1; });
  std::vector<Line> lines;
  for (Band& band : bands) {
    // By centres: a mark that Poppler gives apart from the word it sits on goes where its middle is.
    std::sort(band.words.begin(), band.words.end(),
              [&](const Word* a, const Word* b) { return upright(*a, frame).cx() < upright(*b, frame).cx(); });
    Line line;
    double right = 0;
    for (const Word* w : band.words) {
      Box b = upright(*w, frame);
      if (!line.empty() && b.x0 - right > max_gap_em * std::max(w->size, 1.0)) {
        lines.push_back(std::exchange(line, {}));
      }
      line.push_back(w);
      right = line.size() == 1 ? b.x1 : std::max(right, b.x1);
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

double text_margin(const std::vector<Line>& lines, const ReadingFrame& frame, const Box& cell, const Settings& settings) {
  double margin = std::numeric_limits<double>::infinity();
  double em = 0;
  bool centred = true;
  for (const Line& line : lines) {
    double x0 = upright(*line.front(), frame).x0;
    double x1 = upright(*line.back(), frame).x1;
    margin = std::min(margin, x0);
    em = std::max(em, line.front()->size);
    centred = centred && std::abs((x0 + x1) / 2 - cell.cx()) <= settings.ideographic_space_slack * line.front()->size;
  }
  bool left_aligned = lines.size() > 1 && !centred && margin - cell.x0 <= settings.max_indent_padding * em;
  return left_aligned ? margin : std::numeric_limits<double>::quiet_NaN();
}

std::string line_to_text(const Line& line, const ReadingFrame& frame, const Settings& settings, double margin) {
  std::string text;
  if (!std::isnan(margin)) {
    int indent = whole_ems(upright(*line.front(), frame).x0 - margin, line.front()->size, settings.ideographic_space_slack);
    for (int i = 0; i < indent; ++i) text += "\u3000";
  }
  const Word* prev = nullptr;
  for (const Word* w : line) {
    if (prev) {
      double gap = upright(*w, frame).x0 - upright(*prev, frame).x1;
      double em = std::max(prev->size, w->size);
      if (needs_space(last_char(prev->text), first_char(w->text))) {
        text += ' ';
      } else if (whole_ems(gap, em, settings.ideographic_space_slack) == 1 &&
                 (is_wide(last_char(prev->text)) || is_wide(first_char(w->text)))) {
        text += "\u3000";
      }
    }
    text += w->text;
    prev = w;
  }
  return text;
}

std::vector<std::string> stacked_columns(const std::vector<const Word*>& words) {
  struct Char {
    std::string text;
    Box box;
  };
  std::vector<Char> chars;
  double em = 0;
  for (const Word* w : words) {
    if (w->rotation != 0 || w->vertical || w->text.empty()) return {};
    // Full-width characters: the run's box divides evenly among them.
    std::vector<size_t> starts;
    for (int32_t i = 0; i < static_cast<int32_t>(w->text.size()); next_char(w->text, i)) starts.push_back(static_cast<size_t>(i));
    double step = w->box.width() / static_cast<double>(starts.size());
    for (size_t k = 0; k < starts.size(); ++k) {
      std::string c = w->text.substr(starts[k], (k + 1 < starts.size() ? starts[k + 1] : w->text.size()) - starts[k]);
      if (!is_wide(first_char(c))) return {};
      double x0 = w->box.x0 + step * static_cast<double>(k);
      chars.push_back({c, {x0, w->box.y0, x0 + step, w->box.y1}});
    }
    em = std::max(em, w->size);
  }
  // Columns: characters whose centres lie within half an em across, right to left.
  std::sort(chars.begin(), chars.end(), [](const Char& a, const Char& b) { return a.box.cx() > b.box.cx(); });
  std::vector<std::vector<Char>> columns;
  for (Char& c : chars) {
    if (columns.empty() || columns.back().front().box.cx() - c.box.cx() > em / 2) columns.emplace_back();
    columns.back().push_back(std::move(c));
  }
  if (columns.size() < 2) return {};
  std::vector<std::string> texts;
  double column_gap = std::numeric_limits<double>::infinity();
  for (size_t i = 0; i < columns.size(); ++i) {
    auto& column = columns[i];
    if (column.size() < 2) return {};
    std::sort(column.begin(), column.end(), [](const Char& a, const Char& b) { return a.box.cy() < b.box.cy(); });
    std::string text;
    double widest_gap = 0;
    for (size_t k = 0; k < column.size(); ++k) {
      if (k > 0) widest_gap = std::max(widest_gap, column[k].box.y0 - column[k - 1].box.y1);
      text += column[k].text;
    }
    if (widest_gap > em / 4) return {};  // lines of spaced-out characters, not a column
    if (i > 0) column_gap = std::min(column_gap, columns[i - 1].front().box.x0 - column.front().box.x1);
    texts.push_back(std::move(text));
  }
  if (column_gap <= 0) return {};
  return texts;
}

std::string lines_to_text(const std::vector<std::string>& lines) {
  std::string text;
  std::u32string previous;
  for (const std::string& line : lines) {
    std::u32string current = code_points(line);
    // Two lines that each end a figure, the second starting with it, are two figures
    // (46,460,600千円 / 23,139,800千円): a line break, not one run of digits.
    if (ends_figure(previous) && ends_figure(current) && starts_figure(current)) text += '\n';
    // A wrapped line continues its word: a space only between two Latin words.
    else if (is_word_char(last_char(text)) && is_word_char(first_char(line))) text += ' ';
    text += line;
    previous = std::move(current);
  }
  return text;
}

std::vector<TextBlock> lines_to_blocks(const std::vector<Line>& lines, const ReadingFrame& frame,
                                       const Settings& settings) {
  std::vector<TextBlock> blocks;
  std::vector<Box> upright_boxes;  // each block's box in the reading frame, to find the next line's block
  for (const Line& line : lines) {
    Box box = upright(*line.front(), frame);
    Box page_box = line.front()->box;
    double size = 0;
    for (const Word* w : line) {
      box = unite(box, upright(*w, frame));
      page_box = unite(page_box, w->box);
      size = std::max(size, w->size);
    }
    std::string text = line_to_text(line, frame, settings, std::numeric_limits<double>::quiet_NaN());
    // Lines come top to bottom: join the latest block that ends just above and overlaps in x.
    auto follows = [&](const Box& block) {
      return box.y0 - block.y1 <= settings.block_line_gap * std::max(size, 1.0) && box.y0 >= block.y0 &&
             std::min(box.x1, block.x1) > std::max(box.x0, block.x0);
    };
    auto it = std::find_if(upright_boxes.rbegin(), upright_boxes.rend(), follows);
    if (it == upright_boxes.rend()) {
      blocks.push_back({page_box, text, {text}});
      upright_boxes.push_back(box);
    } else {
      TextBlock& block = blocks[static_cast<size_t>(upright_boxes.rend() - it - 1)];
      *it = unite(*it, box);
      block.box = unite(block.box, page_box);
      block.lines.push_back(text);
      block.text = lines_to_text(block.lines);
    }
  }
  return blocks;
}

}  // namespace sheetx::extractor
