// sheetx extractor: a PDF in, its pages out as words, ruling lines, cell grids and free text.
//
// In:  a PDF file (path) or its bytes, and Settings.
// Out: a Document: per page its size and rotation, the words in reading order, the ruling lines,
//      the tables (cell grids with spans and each cell's text) and the text outside any table.
//      All boxes are in PDF points with a top-left origin on the page as displayed (after
//      /Rotate). Errors that stop a whole file throw ExtractError; Poppler's own messages and
//      page-level problems go to Document::warnings.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sheetx::extractor {

// x0 < x1, y0 < y1, points, top-left origin.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  double cx() const { return (x0 + x1) / 2; }
  double cy() const { return (y0 + y1) / 2; }
};

// One run of text as Poppler gives it (a word, a Japanese run, or a single stacked character).
struct Word {
  std::string text;  // UTF-8
  Box box;
  std::string font;
  double size = 0;
  int rotation = 0;  // direction of the text, degrees clockwise: 0, 90 (reads downwards), 180, 270
  bool vertical = false;  // written in a vertical font (縦書き): upright glyphs down a column,
                          // rotation 90; the page and its grids still stand upright
};

// A ruling line after merging (an edge, as pdfplumber calls it): horizontal (y0 == y1) or vertical
// (x0 == x1).
struct Edge {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

// One cell of a grid; a merged cell is one Cell with spans > 1.
struct Cell {
  int row = 0, col = 0;            // 0-based top-left position in the table grid
  int row_span = 1, col_span = 1;
  Box box;
  std::string text;                // reading order, wrapped lines joined (see extractor README)
  std::vector<std::string> lines;  // the same text, one entry per printed line, before joining
};

// A grid is read in the direction of its text: a table whose text is turned 90 degrees has its
// rows along x. Cell boxes are always page boxes.
struct Table {
  Box box;
  int rows = 0, cols = 0;
  int rotation = 0;               // the direction of its text (Word::rotation), mostly 0
  std::vector<double> row_edges;  // rows + 1 positions in reading order: y, or x when rotation is 90/270
  std::vector<double> col_edges;  // cols + 1 positions in reading order: x, or y when rotation is 90/270
  std::vector<Cell> cells;        // row-major by top-left position
  // The cell covering grid position (row, col), or nullptr.
  const Cell* at(int row, int col) const;
};

// An annotation a reader added to the page (FreeText, Highlight, Line, ...): kept out of the
// page's words, edges and tables; listed only when Settings::annotations is set.
struct Annotation {
  std::string subtype;  // the PDF /Subtype: "FreeText", "Highlight", "Line", ...
  Box box;              // its /Rect on the page as displayed
  std::string text;     // its /Contents, UTF-8
};

// Text outside every table, grouped into blocks of nearby lines.
struct TextBlock {
  Box box;
  std::string text;
  std::vector<std::string> lines;
};

struct Page {
  int number = 0;        // 1-based
  double width = 0, height = 0;  // as displayed
  int rotation = 0;      // /Rotate of the page: 0, 90, 180 or 270
  // Reading order: lines top to bottom, then left to right, as the page's main text reads (a
  // page turned by /Rotate with its text lists these as the unturned page does).
  std::vector<Word> words;
  std::vector<Edge> edges;              // merged ruling lines (thick pens and fills included)
  std::vector<Table> tables;            // a single ruled box is a 1x1 table, unless it lies in a
                                        // cell of another table (a shaded label, not a table)
  std::vector<TextBlock> blocks;        // words in no cell, and the text of boxes floating over a grid
  // Closed curved paths drawn on the page (an ellipse or circle round a word, as Excel shapes
  // circle a chosen option), each as the box the curve spans; never a ruling line or a cell edge.
  std::vector<Box> marks;
  std::vector<Annotation> annotations;  // only with Settings::annotations
};

struct Document {
  std::string path;
  int page_count = 0;
  std::vector<Page> pages;  // the pages asked for and read, in order
  std::vector<int> unreadable_pages;  // pages asked for that Poppler cannot read (each has a warning)
  std::vector<std::string> warnings;
};

// Tolerances of the table finder (points) and of the text layout (ems). Defaults fit Excel-made
// sheets and the external lattice cases; see extractor/README.md for what each one does.
struct Settings {
  double snap_tolerance = 2.0;       // parallel edges this close are one edge
  double join_tolerance = 3.0;       // collinear edges with a gap this short are joined
  double intersection_tolerance = 2.0;  // an edge ending this close to another still meets it
  double min_edge_length = 4.0;      // shorter strokes are not edges
  double max_edge_thickness = 3.0;   // a filled rectangle thinner than this is an edge
  double max_shading_inset = 4.0;    // a wider fill with a side this close to a stroked edge is shading
  double max_dash_gap = 6.0;         // dashes and dots (pieces under min_edge_length) this far apart join
  double floating_box_clearance = 2.0;  // an edge ending this close to a box meets it (else, if edges
                                        // cross the box, it floats over a grid: a text box)
  double max_glyph_box_em = 1.5;     // a run's box taller than this many ems is cut to one em on its baseline
  bool annotations = false;          // list the page's annotations apart (never in words, edges, tables)
  // Text: a gap between two runs within (1 ± slack) em is a dropped ideographic space (U+3000).
  // A cell's line that starts a whole number of ems (± the slack) right of its other lines is
  // indented by as many U+3000, when the text is left-aligned: its leftmost line starts within
  // this many ems of the cell's side (else it is centred and offsets mean nothing).
  double ideographic_space_slack = 0.25;
  double max_indent_padding = 1.0;
  double free_text_gap = 2.0;        // em: a wider gap splits a free line (side-by-side text)
  double block_line_gap = 0.8;       // em: free lines this close one under the other form a block
  int first_page = 1;                // pages to read, 1-based, inclusive; last_page 0 or past the
                                     // end = to the end
  int last_page = 0;                 // a last page past the end reads to the end
  int max_pages = 0;                 // refuse a file of more pages than this before reading any; 0 = no limit
};

// Sets one numeric or boolean field of Settings by its name as listed in extractor/README.md
// ("max_shading_inset", "annotations"; booleans take true/false/1/0). Throws
// std::invalid_argument naming the setting and the problem (unknown name, not a number).
void set_setting(Settings& settings, const std::string& name, const std::string& value);
// "NAME=VALUE" -> set_setting; the form the command line and rule files give.
void set_setting(Settings& settings, const std::string& assignment);

// A file-level failure: the message is one line naming the cause ("encrypted: needs a password").
class ExtractError : public std::runtime_error {
 public:
  explicit ExtractError(const std::string& cause) : ExtractError("", cause) {}
  ExtractError(const std::string& file, const std::string& cause)
      : std::runtime_error(file.empty() ? cause : file + ": " + cause), cause_(cause) {}
  // The cause alone, for callers that name the file themselves.
  const std::string& cause() const { return cause_; }

 private:
  std::string cause_;
};

// The bytes of the regular file at path: the one way sheetx reads a whole file (PDFs, rule files,
// rendered images). Opened without blocking, so a named pipe or a device (or a path that became
// one since it was listed) fails at once as "not a file" instead of holding the reader until its
// time limit. Throws std::runtime_error with a one-line cause that does not name the file
// ("cannot open the file: Permission denied", "not a file", "cannot read the file: ...").
std::string read_file(const std::string& path);

// extract_bytes of the file's bytes (read_file); throws ExtractError naming the file.
Document extract_file(const std::string& path, const Settings& settings = {});

// Sets up Poppler's process-wide state (its global parameters) now rather than at the first
// file; a process that forks a worker per file calls it before, so that no worker repeats it.
void prepare_poppler();

// A PDF read page by page, for callers that hand each page on as it comes and so hold one page
// at a time whatever the file's length. extract_bytes is this, with every page kept.
class PdfReader {
 public:
  // Opens and checks the file: throws ExtractError (cause only) for an empty file, not a PDF,
  // a damaged or encrypted one, or more pages than settings.max_pages, or no page in the range
  // asked for. pdf must outlive this object. Poppler's messages go to warnings() while it lives:
  // one PdfReader at a time in a process.
  PdfReader(std::string_view pdf, const Settings& settings = {});
  ~PdfReader();
  PdfReader(const PdfReader&) = delete;
  PdfReader& operator=(const PdfReader&) = delete;

  int page_count() const;
  int first_page() const;  // the range of Settings::first_page/last_page, within the file
  int last_page() const;
  // Page `number`; false when Poppler cannot read it (a warning then names the page).
  bool read(int number, Page& page);
  // The file's warnings so far: Poppler's messages, pages cut short or unreadable.
  const std::vector<std::string>& warnings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Printed lines -> one text, as Cell::text is made: wrapped lines joined with no space between
// Japanese characters and one space between two Latin words; a line break between two lines
// that each end a figure when the second starts with it (two amounts, one per line). For callers that rejoin a cell's
// lines in parts (paragraphs, a figure and its revision).
std::string lines_to_text(const std::vector<std::string>& lines);
Document extract_bytes(std::string_view pdf, const std::string& name, const Settings& settings = {});

}  // namespace sheetx::extractor
