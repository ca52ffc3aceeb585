// The extractor's pipeline: poppler-cpp checks the file, one content pass gives the words and the
// vector paths, edges and cells come from the paths (open frames closed, floating text boxes
// taken apart), each word goes to the cell that holds its centre (a floating box's words and the
// rest to free text blocks), each cell read in its own text's direction.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <map>
#include <tuple>

#include "geometry.h"
#include "page_contents.h"
#include "poppler_document.h"
#include "sheetx/extractor.h"
#include "table_finder.h"
#include "text_layout.h"

namespace sheetx::extractor {
namespace {

bool contains(const Box& b, double x, double y) { return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1; }

// The direction most of the given words run in (by characters). Vertical writing counts as
// upright for a page or a grid (`as_layout`), as the top-to-bottom reading it is for a cell.
int text_rotation_of(const std::vector<const Word*>& words, bool as_layout) {
  std::map<int, size_t> chars;
  for (const Word* w : words) chars[as_layout && w->vertical ? 0 : w->rotation] += w->text.size();
  int best = 0;
  for (auto [rotation, count] : chars) {
    if (count > chars[best]) best = rotation;
  }
  return best;
}

// The direction most of the text in an area runs in, so a grid reads like its text.
int text_rotation_in(const Box& area, const std::vector<Word>& words) {
  std::vector<const Word*> inside;
  for (const Word& w : words) {
    if (contains(area, w.box.cx(), w.box.cy())) inside.push_back(&w);
  }
  return text_rotation_of(inside, true);
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

// Words -> the cell holding each one's centre (page reading order kept), the rest free.
struct WordHomes {
  std::map<const Cell*, std::vector<const Word*>> in_cell;
  std::vector<const Word*> free;
};
WordHomes words_to_cells(const std::vector<Word>& words, const std::vector<Table>& tables,
                         const std::vector<Box>& floating_boxes) {
  WordHomes homes;
  for (const Word& w : words) {
    const Cell* home = nullptr;
    bool floating = std::any_of(floating_boxes.begin(), floating_boxes.end(),
                                [&](const Box& b) { return contains(b, w.box.cx(), w.box.cy()); });
    if (floating) {  // a text box's words are its own block, not the cell's under it
      homes.free.push_back(&w);
      continue;
    }
    for (const Table& t : tables) {
      if (!contains(t.box, w.box.cx(), w.box.cy())) continue;
      for (const Cell& c : t.cells) {
        if (contains(c.box, w.box.cx(), w.box.cy())) home = &c;
      }
    }
    if (home) homes.in_cell[home].push_back(&w);
    else homes.free.push_back(&w);
  }
  return homes;
}

// A cell's words -> its printed lines and text, read in the direction of most of its text (a
// vertical label in an upright table reads top to bottom, its columns right to left).
void words_to_cell_text(const std::vector<const Word*>& words, const PageFrame& frame, const Settings& settings,
                        Cell& cell) {
  if (std::vector<std::string> columns = stacked_columns(words); !columns.empty()) {
    cell.lines = std::move(columns);
    cell.text = lines_to_text(cell.lines);
    return;
  }
  ReadingFrame reading{text_rotation_of(words, false), frame.width, frame.height};
  std::vector<Line> lines = words_to_lines(words, reading, std::numeric_limits<double>::infinity());
  Box upright_cell = to_upright(cell.box, reading.rotation, reading.page_width, reading.page_height);
  double margin = text_margin(lines, reading, upright_cell, settings);
  for (const Line& line : lines) cell.lines.push_back(line_to_text(line, reading, settings, margin));
  cell.text = lines_to_text(cell.lines);
}

// Free words -> text blocks, each direction read in its own frame (a sideways caption).
std::vector<TextBlock> free_words_to_blocks(const std::vector<const Word*>& words, const PageFrame& frame,
                                            const Settings& settings) {
  std::map<int, std::vector<const Word*>> by_rotation;
  for (const Word* w : words) by_rotation[w->rotation].push_back(w);
  std::vector<TextBlock> blocks;
  for (const auto& [rotation, group] : by_rotation) {
    ReadingFrame reading{rotation, frame.width, frame.height};
    for (TextBlock& block : lines_to_blocks(words_to_lines(group, reading, settings.free_text_gap), reading, settings)) {
      blocks.push_back(std::move(block));
    }
  }
  return blocks;
}

// True when `inner` lies inside one cell of `table`.
bool inside_a_cell(const Box& inner, const Table& table) {
  return std::any_of(table.cells.begin(), table.cells.end(), [&](const Cell& c) {
    return inner.x0 >= c.box.x0 && inner.x1 <= c.box.x1 && inner.y0 >= c.box.y0 && inner.y1 <= c.box.y1;
  });
}

// Ruling edges -> the page's tables, each grid read in the direction of the text inside it. A
// single box inside a cell of another table (a shaded or framed label) is not a table.
std::vector<Table> edges_to_tables(const std::vector<AxisEdge>& edges, const std::vector<Word>& words,
                                   const PageFrame& frame, const Settings& settings) {
  std::vector<Table> tables;
  for (const std::vector<Box>& group : cells_to_tables(intersections_to_cells(edges_to_intersections(edges, settings)))) {
    std::vector<Box> cells = cells_to_tiles(group);
    int rotation = text_rotation_in(cells_to_box(cells), words);
    tables.push_back(cells_to_grid(cells, rotation, frame.width, frame.height));
  }
  std::vector<bool> label(tables.size());
  for (size_t i = 0; i < tables.size(); ++i) {
    label[i] = tables[i].cells.size() == 1 && std::any_of(tables.begin(), tables.end(), [&](const Table& t) {
                 return &t != &tables[i] && inside_a_cell(tables[i].box, t);
               });
  }
  std::vector<Table> kept;
  for (size_t i = 0; i < tables.size(); ++i) {
    if (!label[i]) kept.push_back(std::move(tables[i]));
  }
  return kept;
}

// Cells of an upright table that span columns the rows above divide, and whose words each sit
// in one of those columns (in two or more of them) -> one cell per column: a body ruled only
// across, under a header ruled into columns ("Austria | 86.2 | 13.8" is not one merged cell).
void split_unruled_cells(Table& table, const std::vector<Word>& words) {
  if (table.rotation != 0) return;
  std::vector<Cell> cells;
  for (Cell& c : table.cells) {
    if (c.row == 0 || c.col_span == 1) {  // only body cells spanning columns can be unruled rows
      cells.push_back(std::move(c));
      continue;
    }
    std::vector<int> columns;  // the column each word sits in, -1 across an edge
    for (const Word& w : words) {
      if (!contains(c.box, w.box.cx(), w.box.cy())) continue;
      int column = -1;
      for (int k = c.col; k < c.col + c.col_span; ++k) {
        const double slack = 1;
        if (w.box.x0 >= table.col_edges[k] - slack && w.box.x1 <= table.col_edges[k + 1] + slack) column = k;
      }
      columns.push_back(column);
    }
    std::sort(columns.begin(), columns.end());
    columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
    bool split = columns.size() >= 2 && columns.front() >= 0;
    if (!split) {
      cells.push_back(std::move(c));
      continue;
    }
    for (int k = c.col; k < c.col + c.col_span; ++k) {
      Cell part = c;
      part.col = k;
      part.col_span = 1;
      part.box.x0 = table.col_edges[k];
      part.box.x1 = table.col_edges[k + 1];
      cells.push_back(std::move(part));
    }
  }
  std::sort(cells.begin(), cells.end(), in_grid_order);
  table.cells = std::move(cells);
}

Page read_page(const PopplerDocument& pdf, const PageContents& contents, int number, const Settings& settings,
               std::vector<std::string>& warnings) {
  PageFrame frame = pdf.frame(number);
  PageContent content = contents.read(number, settings);
  if (content.tiny_chars_dropped) {
    warnings.push_back("page " + std::to_string(number) + ": text cut: Poppler reads only the first " +
                       std::to_string(kMaxTinyChars) + " characters under 3 points wide on a page");
  }
  Page page;
  page.number = number;
  page.width = frame.width;
  page.height = frame.height;
  page.rotation = frame.rotation;
  page.annotations = std::move(content.annotations);
  // The page's main text direction orders its words, tables and blocks (a page turned by
  // /Rotate without turning its text lists them as the unturned page does).
  std::vector<const Word*> all_words;
  for (const Word& w : content.words) all_words.push_back(&w);
  int text_rotation = text_rotation_of(all_words, true);
  page.words = words_in_reading_order(content.words, {text_rotation, frame.width, frame.height}, settings);
  auto reading_order = [&](const Box& a, const Box& b) {
    Box ua = to_upright(a, text_rotation, frame.width, frame.height);
    Box ub = to_upright(b, text_rotation, frame.width, frame.height);
    return std::tie(ua.y0, ua.x0) < std::tie(ub.y0, ub.x0);
  };

  std::vector<AxisEdge> edges = merge_edges(paths_to_edges(content.paths, settings), settings);
  page.edges = edges_to_page_edges(edges);
  edges = close_open_frames(std::move(edges), settings);
  std::vector<Box> floating_boxes = edges_to_floating_boxes(edges, settings);
  page.tables = edges_to_tables(edges, page.words, frame, settings);
  std::sort(page.tables.begin(), page.tables.end(), [&](const Table& a, const Table& b) { return reading_order(a.box, b.box); });
  for (Table& t : page.tables) split_unruled_cells(t, page.words);

  WordHomes homes = words_to_cells(page.words, page.tables, floating_boxes);
  for (Table& t : page.tables) {
    for (Cell& c : t.cells) {
      if (auto found = homes.in_cell.find(&c); found != homes.in_cell.end()) {
        words_to_cell_text(found->second, frame, settings, c);
      }
    }
  }
  page.blocks = free_words_to_blocks(homes.free, frame, settings);
  std::sort(page.blocks.begin(), page.blocks.end(),
            [&](const TextBlock& a, const TextBlock& b) { return reading_order(a.box, b.box); });
  page.marks = std::move(content.marks);
  std::sort(page.marks.begin(), page.marks.end(), reading_order);
  return page;
}

}  // namespace

const Cell* Table::at(int row, int col) const {
  for (const Cell& c : cells) {
    if (row >= c.row && row < c.row + c.row_span && col >= c.col && col < c.col + c.col_span) return &c;
  }
  return nullptr;
}

struct PdfReader::Impl {
  Impl(std::string_view pdf, const Settings& s) : messages(warnings), checked(pdf, warnings), contents(checked.core()), settings(s) {}
  std::vector<std::string> warnings;
  PopplerMessages messages;
  PopplerDocument checked;
  PageContents contents;
  Settings settings;
  int last = 0;
};

PdfReader::PdfReader(std::string_view pdf, const Settings& settings) : impl_(std::make_unique<Impl>(pdf, settings)) {
  const int count = impl_->checked.page_count();
  if (settings.max_pages > 0 && count > settings.max_pages) {
    throw ExtractError("too many pages: " + std::to_string(count) + " (limit " + std::to_string(settings.max_pages) + ")");
  }
  impl_->last = settings.last_page == 0 ? count : std::min(settings.last_page, count);
  if (settings.first_page < 1 || settings.first_page > impl_->last) {
    throw ExtractError("no page " + std::to_string(settings.first_page) + " to read (the file has " +
                       std::to_string(count) + ")");
  }
}

PdfReader::~PdfReader() = default;
int PdfReader::page_count() const { return impl_->checked.page_count(); }
int PdfReader::first_page() const { return impl_->settings.first_page; }
int PdfReader::last_page() const { return impl_->last; }
const std::vector<std::string>& PdfReader::warnings() const { return impl_->warnings; }

// One damaged page (a broken page object, a page tree that loops) costs that page only.
bool PdfReader::read(int number, Page& page) {
  try {
    page = read_page(impl_->checked, impl_->contents, number, impl_->settings, impl_->warnings);
  } catch (const ExtractError&) {  // the page object itself is broken or missing
    impl_->warnings.push_back("page " + std::to_string(number) + " cannot be read (damaged): left out");
    return false;
  }
  if (page.words.empty()) impl_->warnings.push_back("page " + std::to_string(number) + ": no text layer");
  return true;
}

namespace {

// The whole pipeline; ExtractError messages name the cause only (the callers add the file).
Document extract(std::string_view pdf, const std::string& name, const Settings& settings) {
  Document doc;
  doc.path = name;
  PdfReader reader(pdf, settings);
  doc.page_count = reader.page_count();
  bool any_text = false;
  for (int n = reader.first_page(); n <= reader.last_page(); ++n) {
    Page page;
    if (!reader.read(n, page)) {
      doc.unreadable_pages.push_back(n);
      continue;
    }
    any_text = any_text || !page.words.empty();
    doc.pages.push_back(std::move(page));
  }
  doc.warnings = reader.warnings();
  if (doc.pages.empty()) throw ExtractError("damaged: no page can be read");
  if (!any_text) throw ExtractError("no text layer (scanned pages need OCR first)");
  return doc;
}

}  // namespace

Document extract_bytes(std::string_view pdf, const std::string& name, const Settings& settings) {
  try {
    return extract(pdf, name, settings);
  } catch (const ExtractError& e) {
    throw ExtractError(name, e.cause());
  }
}

std::string read_file(const std::string& path) {
  // Not blocking: a path that turned into a pipe since it was listed must not hang the open.
  const int fd = open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(std::string("cannot open the file: ") + std::strerror(errno));
  struct stat info {};
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    close(fd);
    throw std::runtime_error("not a file");
  }
  std::string bytes(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t size = 0;
  for (;;) {
    if (size == bytes.size()) bytes.resize(bytes.size() + 65536);  // the file grew meanwhile
    const ssize_t n = ::read(fd, bytes.data() + size, bytes.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      close(fd);
      throw std::runtime_error(std::string("cannot read the file: ") + std::strerror(error));
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  close(fd);
  bytes.resize(size);
  return bytes;
}

Document extract_file(const std::string& path, const Settings& settings) {
  std::string bytes;
  try {
    bytes = read_file(path);
  } catch (const std::runtime_error& e) {
    throw ExtractError(path, e.what());
  }
  return extract_bytes(bytes, path, settings);
}

}  // namespace sheetx::extractor
