// The extractor's pipeline: poppler-cpp checks the file, one content pass gives the words and the
// vector paths, rules and cells come from the paths, each word goes to the cell that holds its
// centre, the rest to free text blocks.
#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>

#include "geometry.h"
#include "page_contents.h"
#include "poppler_document.h"
#include "sheetx/extractor.h"
#include "table_finder.h"
#include "text_layout.h"

namespace sheetx::extractor {
namespace {

bool contains(const Box& b, double x, double y) { return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1; }

// The direction most of the text in an area runs in (by characters), so a grid reads like its text.
int text_rotation_in(const Box& table, const std::vector<Word>& words) {
  std::map<int, size_t> chars;
  for (const Word& w : words) {
    if (contains(table, w.box.cx(), w.box.cy())) chars[w.rotation] += w.text.size();
  }
  int best = 0;
  for (auto [rotation, count] : chars) {
    if (count > chars[best]) best = rotation;
  }
  return best;
}

// Words -> their page reading order (lines top to bottom, words left to right, as the text reads).
std::vector<Word> words_in_reading_order(const std::vector<Word>& words, const ReadingFrame& frame,
                                         const Settings& settings) {
  std::vector<const Word*> all;
  for (const Word& w : words) all.push_back(&w);
  std::vector<Word> ordered;
  for (const Line& line : words_to_lines(all, frame, settings.free_text_gap)) {
    for (const Word* w : line) ordered.push_back(*w);
  }
  return ordered;
}

Page read_page(const PopplerDocument& pdf, const PageContents& contents, int number, const Settings& settings) {
  PageFrame frame = pdf.frame(number);
  PageContent content = contents.read(number);
  Page page;
  page.number = number;
  page.width = frame.width;
  page.height = frame.height;
  page.rotation = frame.rotation;
  // The page's main text direction orders its words, tables and blocks (a page turned by
  // /Rotate without turning its text lists them as the unturned page does).
  int text_rotation = text_rotation_in({0, 0, frame.width, frame.height}, content.words);
  page.words = words_in_reading_order(content.words, {text_rotation, frame.width, frame.height}, settings);

  std::vector<Edge> edges = rules_to_edges(paths_to_rules(content.paths, settings), settings);
  page.rules = edges_to_rules(edges);
  for (const std::vector<Box>& cells : cells_to_tables(intersections_to_cells(edges_to_intersections(edges, settings)))) {
    int rotation = text_rotation_in(cells_to_box(cells), page.words);
    page.tables.push_back(cells_to_grid(cells, rotation, frame.width, frame.height));
  }
  auto reading_order = [&](const Box& a, const Box& b) {
    Box ua = to_upright(a, text_rotation, frame.width, frame.height);
    Box ub = to_upright(b, text_rotation, frame.width, frame.height);
    return ua.y0 != ub.y0 ? ua.y0 < ub.y0 : ua.x0 < ub.x0;
  };
  std::sort(page.tables.begin(), page.tables.end(), [&](const Table& a, const Table& b) { return reading_order(a.box, b.box); });

  // Each word to the cell holding its centre (page reading order is kept within a cell).
  std::map<const Cell*, std::vector<const Word*>> in_cell;
  std::vector<const Word*> free_words;
  for (const Word& w : page.words) {
    const Cell* home = nullptr;
    for (const Table& t : page.tables) {
      if (!contains(t.box, w.box.cx(), w.box.cy())) continue;
      for (const Cell& c : t.cells) {
        if (contains(c.box, w.box.cx(), w.box.cy())) home = &c;
      }
    }
    if (home) in_cell[home].push_back(&w);
    else free_words.push_back(&w);
  }
  for (Table& t : page.tables) {
    ReadingFrame reading{t.rotation, frame.width, frame.height};
    for (Cell& c : t.cells) {
      auto found = in_cell.find(&c);
      if (found == in_cell.end()) continue;
      std::vector<Line> lines = words_to_lines(found->second, reading, std::numeric_limits<double>::infinity());
      double margin = text_margin(lines, reading, to_upright(c.box, t.rotation, frame.width, frame.height), settings);
      for (const Line& line : lines) c.lines.push_back(line_to_text(line, reading, settings, margin));
      c.text = lines_to_text(c.lines);
    }
  }
  // Free text, each direction read in its own frame (a sideways caption next to a table).
  std::map<int, std::vector<const Word*>> free_by_rotation;
  for (const Word* w : free_words) free_by_rotation[w->rotation].push_back(w);
  for (const auto& [rotation, words] : free_by_rotation) {
    ReadingFrame reading{rotation, frame.width, frame.height};
    for (TextBlock& block : lines_to_blocks(words_to_lines(words, reading, settings.free_text_gap), reading, settings)) {
      page.blocks.push_back(std::move(block));
    }
  }
  std::sort(page.blocks.begin(), page.blocks.end(),
            [&](const TextBlock& a, const TextBlock& b) { return reading_order(a.box, b.box); });
  return page;
}

}  // namespace

const Cell* Table::at(int row, int col) const {
  for (const Cell& c : cells) {
    if (row >= c.row && row < c.row + c.row_span && col >= c.col && col < c.col + c.col_span) return &c;
  }
  return nullptr;
}

namespace {

// The whole pipeline; ExtractError messages name the cause only (the callers add the file).
Document extract(std::string_view pdf, const std::string& name, const Settings& settings) {
  Document doc;
  doc.path = name;
  PopplerMessages messages(doc.warnings);
  PopplerDocument checked(pdf);
  PageContents contents(pdf);
  doc.page_count = checked.page_count();
  int last = settings.last_page == 0 ? doc.page_count : settings.last_page;
  if (settings.first_page < 1 || settings.first_page > last || last > doc.page_count) {
    throw ExtractError("no pages " + std::to_string(settings.first_page) + "-" + std::to_string(last) +
                       " (the file has " + std::to_string(doc.page_count) + ")");
  }
  bool any_text = false;
  for (int n = settings.first_page; n <= last; ++n) {
    doc.pages.push_back(read_page(checked, contents, n, settings));
    if (doc.pages.back().words.empty()) doc.warnings.push_back("page " + std::to_string(n) + ": no text layer");
    else any_text = true;
  }
  if (!any_text) throw ExtractError("no text layer (scanned pages need OCR first)");
  return doc;
}

}  // namespace

Document extract_bytes(std::string_view pdf, const std::string& name, const Settings& settings) {
  try {
    return extract(pdf, name, settings);
  } catch (const ExtractError& e) {
    throw ExtractError(name + ": " + e.what());
  }
}

Document extract_file(const std::string& path, const Settings& settings) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ExtractError(path + ": cannot open the file");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return extract_bytes(bytes, path, settings);
}

}  // namespace sheetx::extractor
