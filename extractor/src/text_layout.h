// Words to printed lines to text, in reading order: lines top to bottom, words left to right, in
// the upright frame of the text (see geometry.h).
#pragma once

#include <string>
#include <vector>

#include "sheetx/extractor.h"

namespace sheetx::extractor {

// The frame words are read in: the text's rotation and the page size as displayed.
struct ReadingFrame {
  int rotation = 0;
  double page_width = 0, page_height = 0;
};

using Line = std::vector<const Word*>;

// Words -> printed lines, top to bottom, each left to right. Words share a line when their
// heights overlap by half the smaller one; a horizontal gap wider than max_gap_em (of the font size) starts a
// new line (free text side by side), pass a huge value inside a cell.
std::vector<Line> words_to_lines(const std::vector<const Word*>& words, const ReadingFrame& frame, double max_gap_em);

// One printed line -> its text: a space between two Latin words, none next to Japanese text, and
// an ideographic space where the gap between two runs is one full-width space wide (Poppler
// drops U+3000 between runs). A line that starts a whole number of ems right of `margin` (the
// start of the text's other lines, in the upright frame) gets as many ideographic spaces: the
// indent that opens a paragraph. No indent when margin is NaN.
std::string line_to_text(const Line& line, const ReadingFrame& frame, const Settings& settings, double margin);

// The margin of a cell's left-aligned lines for line_to_text: where its leftmost line starts,
// when that is within max_indent_padding em of the cell's left side (cell: its upright box); NaN
// for a single line or centred lines (every line's middle at the cell's, ± the slack).
double text_margin(const std::vector<Line>& lines, const ReadingFrame& frame, const Box& cell, const Settings& settings);


// Upright characters stacked in two or more columns (how Excel and Word write vertical text in a
// cell: each character placed apart, Poppler joining neighbours across columns into one run) ->
// the columns' texts, right to left, each top to bottom. Empty when the words are not such a
// stack: any non-wide character, a column of one, characters in a column further apart than a
// quarter em, or columns closer together than their characters.
std::vector<std::string> stacked_columns(const std::vector<const Word*>& words);

// Free printed lines (read in `frame`) -> blocks of lines that follow each other closely and
// overlap along the line; block boxes are page boxes.
std::vector<TextBlock> lines_to_blocks(const std::vector<Line>& lines, const ReadingFrame& frame,
                                       const Settings& settings);

}  // namespace sheetx::extractor
