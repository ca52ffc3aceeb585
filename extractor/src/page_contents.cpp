// One content pass per page through a TextOutputDev that also keeps the page's straight
// axis-parallel strokes and filled rectangles. Exact, and one pass instead of poppler-cpp's
// text_list plus a second pass for the paths (extractor/README.md has the measurements).
#include "page_contents.h"

#include <Annot.h>
#include <GfxState.h>
#include <PDFDoc.h>
#include <UTF.h>
#include <UnicodeMapFuncs.h>
#include <Stream.h>
#include <TextOutputDev.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace sheetx::extractor {
namespace {

// Ends this close in the other axis still make an axis-parallel segment (points).
constexpr double kSlantTolerance = 0.5;
// A colour whose every RGB component is at least this is white on paper.
constexpr double kWhite = 0.95;

bool is_white(const GfxRGB& rgb) {
  return colToDbl(rgb.r) >= kWhite && colToDbl(rgb.g) >= kWhite && colToDbl(rgb.b) >= kWhite;
}

// The lowest and highest value along one axis of the cubic Bézier from a to d with control
// values b and c: its ends, and where its derivative A t² + B t + C is zero within (0, 1).
std::pair<double, double> cubic_extent(double a, double b, double c, double d) {
  double lo = std::min(a, d), hi = std::max(a, d);
  double u = b - a, v = c - b, w = d - c;
  double qa = u - 2 * v + w, qb = 2 * (v - u), qc = u;
  auto take = [&](double t) {
    if (t <= 0 || t >= 1) return;
    double s = 1 - t;
    double value = s * s * s * a + 3 * s * s * t * b + 3 * s * t * t * c + t * t * t * d;
    lo = std::min(lo, value);
    hi = std::max(hi, value);
  };
  if (std::abs(qa) < 1e-12) {
    if (std::abs(qb) > 1e-12) take(-qc / qb);
  } else if (double disc = qb * qb - 4 * qa * qc; disc >= 0) {
    take((-qb + std::sqrt(disc)) / (2 * qa));
    take((-qb - std::sqrt(disc)) / (2 * qa));
  }
  return {lo, hi};
}

class ContentCollector : public TextOutputDev {
 public:
  // The settings of poppler-cpp's page::text_list: reading order, no physical layout.
  explicit ContentCollector(double min_edge_length)
      : TextOutputDev(nullptr, false, 0, false, false), min_edge_length_(min_edge_length) {}

  std::vector<PathPiece> pieces;
  std::vector<Box> marks;
  std::vector<std::pair<double, double>> vertical_chars;  // where glyphs of vertical fonts start
  int tiny_chars = 0;
  std::array<double, 6> page_ctm{};  // PDF user space -> the page as displayed, top-left origin

  void startPage(int page_number, GfxState* state, XRef* xref) override {
    TextOutputDev::startPage(page_number, state, xref);
    const double* m = state->getCTM();
    std::copy(m, m + 6, page_ctm.begin());
  }

  // Counts the characters that TextPage::addChar calls tiny: advance under 3 points, char and
  // word spacing left out.
  void drawChar(GfxState* state, double x, double y, double dx, double dy, double originX, double originY,
                CharCode code, int bytes, const Unicode* u, int length) override {
    TextOutputDev::drawChar(state, x, y, dx, dy, originX, originY, code, bytes, u, length);
    double spacing = state->getCharSpace() + (code == 0x20 ? state->getWordSpace() : 0);
    double sx, sy, w, h;
    state->textTransformDelta(spacing * state->getHorizScaling(), 0, &sx, &sy);
    state->transformDelta(dx - sx, dy - sy, &w, &h);
    if (std::abs(w) < 3 && std::abs(h) < 3) ++tiny_chars;
    if (state->getFont() && state->getFont()->getWMode() == 1) {
      double px, py;
      state->transform(x, y, &px, &py);
      vertical_chars.emplace_back(px, py);
    }
  }

  void stroke(GfxState* state) override {
    TextOutputDev::stroke(state);
    const GfxPath* path = state->getPath();
    double width = state->getTransformedLineWidth();
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    bool white = is_white(rgb);
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      if (auto mark = closed_curve(state, sub)) {
        marks.push_back(*mark);
        continue;
      }
      for (int j = 0; j + 1 < sub->getNumPoints(); ++j) {
        if (sub->getCurve(j) || sub->getCurve(j + 1)) continue;  // part of a Bézier curve
        double x0, y0, x1, y1;
        state->transform(sub->getX(j), sub->getY(j), &x0, &y0);
        state->transform(sub->getX(j + 1), sub->getY(j + 1), &x1, &y1);
        bool vertical = std::abs(x1 - x0) <= kSlantTolerance;
        bool horizontal = std::abs(y1 - y0) <= kSlantTolerance;
        if (vertical == horizontal) continue;  // slanted, or a dot
        if (horizontal) y0 = y1 = (y0 + y1) / 2;
        if (vertical) x0 = x1 = (x0 + x1) / 2;
        pieces.push_back({Box{std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)},
                          width, false, false, white});
      }
    }
  }
  // Images are seen (dotted edges tiled from tiny images); shadings and tiling patterns are
  // paint, skipped as TextOutputDev skips them, without Poppler's slow fallbacks.
  bool needNonText() override { return true; }
  bool useTilingPatternFill() override { return true; }
  bool tilingPatternFill(GfxState*, Gfx*, Catalog*, GfxTilingPattern*, const double*, int, int, int, int, double,
                         double) override {
    return true;
  }
  bool useShadedFills(int) override { return true; }
  bool functionShadedFill(GfxState*, GfxFunctionShading*) override { return true; }
  bool axialShadedFill(GfxState*, GfxAxialShading*, double, double) override { return true; }
  bool radialShadedFill(GfxState*, GfxRadialShading*, double, double) override { return true; }
  bool gouraudTriangleShadedFill(GfxState*, GfxGouraudTriangleShading*) override { return true; }
  bool patchMeshShadedFill(GfxState*, GfxPatchMeshShading*) override { return true; }

  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert, bool interpolate,
                     bool inline_image) override {
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_image);
    add_image(state);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height, GfxImageColorMap* colors,
                 bool interpolate, const int* mask_colors, bool inline_image) override {
    OutputDev::drawImage(state, ref, str, width, height, colors, interpolate, mask_colors, inline_image);
    add_image(state);
  }

  void fill(GfxState* state) override {
    TextOutputDev::fill(state);
    add_rectangles(state);
  }
  void eoFill(GfxState* state) override {
    TextOutputDev::eoFill(state);
    add_rectangles(state);
  }

 private:
  double min_edge_length_;

  // The box a subpath spans when it is a closed curve (an ellipse, a circle, a freehand loop):
  // closed, with a Bézier curve and no straight piece as long as an edge, so that a rounded
  // rectangle keeps its sides as edges.
  std::optional<Box> closed_curve(GfxState* state, const GfxSubpath* sub) const {
    int n = sub->getNumPoints();
    std::vector<double> xs(static_cast<size_t>(n)), ys(static_cast<size_t>(n));
    for (int j = 0; j < n; ++j) state->transform(sub->getX(j), sub->getY(j), &xs[j], &ys[j]);
    bool closed = n > 0 && (sub->isClosed() || std::hypot(xs[0] - xs[n - 1], ys[0] - ys[n - 1]) <= kSlantTolerance);
    if (!closed) return std::nullopt;
    bool curved = false;
    Box box{xs[0], ys[0], xs[0], ys[0]};
    for (int j = 0; j + 1 < n;) {
      if (j + 3 < n && sub->getCurve(j + 1)) {
        auto [x0, x1] = cubic_extent(xs[j], xs[j + 1], xs[j + 2], xs[j + 3]);
        auto [y0, y1] = cubic_extent(ys[j], ys[j + 1], ys[j + 2], ys[j + 3]);
        box = {std::min(box.x0, x0), std::min(box.y0, y0), std::max(box.x1, x1), std::max(box.y1, y1)};
        curved = true;
        j += 3;
      } else {
        if (std::hypot(xs[j + 1] - xs[j], ys[j + 1] - ys[j]) >= min_edge_length_) return std::nullopt;
        box = {std::min(box.x0, xs[j + 1]), std::min(box.y0, ys[j + 1]), std::max(box.x1, xs[j + 1]),
               std::max(box.y1, ys[j + 1])};
        j += 1;
      }
    }
    if (!curved || box.width() <= kSlantTolerance || box.height() <= kSlantTolerance) return std::nullopt;
    return box;
  }

  // The unit square the CTM places, when it stands upright on the page.
  void add_image(GfxState* state) {
    const double* m = state->getCTM();
    if (std::abs(m[1]) > 1e-6 || std::abs(m[2]) > 1e-6) return;  // turned or skewed
    double x0, y0, x1, y1;
    state->transform(0, 0, &x0, &y0);
    state->transform(1, 1, &x1, &y1);
    pieces.push_back({Box{std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)}, 0, true, true, false});
  }

  // Each subpath that is an axis-parallel rectangle (after the CTM) becomes one filled piece.
  void add_rectangles(GfxState* state) {
    const GfxPath* path = state->getPath();
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    bool white = is_white(rgb);
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      if (auto box = rectangle(state, path->getSubpath(i))) pieces.push_back({*box, 0, true, false, white});
    }
  }

  static std::optional<Box> rectangle(GfxState* state, const GfxSubpath* sub) {
    int n = sub->getNumPoints();
    if (n < 4 || n > 5) return std::nullopt;
    double xs[5], ys[5];
    for (int j = 0; j < n; ++j) {
      if (sub->getCurve(j)) return std::nullopt;
      state->transform(sub->getX(j), sub->getY(j), &xs[j], &ys[j]);
    }
    Box box{*std::min_element(xs, xs + n), *std::min_element(ys, ys + n), *std::max_element(xs, xs + n),
            *std::max_element(ys, ys + n)};
    auto on_edge = [](double v, double lo, double hi) {
      return std::abs(v - lo) <= kSlantTolerance || std::abs(v - hi) <= kSlantTolerance;
    };
    for (int j = 0; j < n; ++j) {
      if (!on_edge(xs[j], box.x0, box.x1) || !on_edge(ys[j], box.y0, box.y1)) return std::nullopt;
      // consecutive corners must share an x or a y, or the four points make a bow tie
      int k = (j + 1) % n;
      if (std::abs(xs[j] - xs[k]) > kSlantTolerance && std::abs(ys[j] - ys[k]) > kSlantTolerance) {
        return std::nullopt;
      }
    }
    return box;
  }
};

// A run's box cut to one em above its baseline and a third below, when the font's ascent and
// descent make it taller than max_em ems (symbol fonts): lines are found from where glyphs sit.
Box glyph_box(const TextWord& run, Box box, double max_em) {
  double size = run.getFontSize();
  double base = run.getBaseline();
  switch (run.getRotation()) {
    case 0:
      if (box.height() > max_em * size) box = {box.x0, std::max(box.y0, base - size), box.x1, std::min(box.y1, base + size / 3)};
      break;
    case 1:  // turned clockwise: the glyphs' tops point right
      if (box.width() > max_em * size) box = {std::max(box.x0, base - size / 3), box.y0, std::min(box.x1, base + size), box.y1};
      break;
    case 2:
      if (box.height() > max_em * size) box = {box.x0, std::max(box.y0, base - size / 3), box.x1, std::min(box.y1, base + size)};
      break;
    default:
      if (box.width() > max_em * size) box = {std::max(box.x0, base - size), box.y0, std::min(box.x1, base + size / 3), box.y1};
  }
  return box;
}

// Marks the words that hold a glyph drawn in a vertical font (its origin within a point of the box).
void mark_vertical_words(std::vector<Word>& words, std::vector<std::pair<double, double>> origins) {
  if (origins.empty()) return;
  std::sort(origins.begin(), origins.end());
  for (Word& w : words) {
    auto it = std::lower_bound(origins.begin(), origins.end(), std::make_pair(w.box.x0 - 1, -1e300));
    for (; it != origins.end() && it->first <= w.box.x1 + 1 && !w.vertical; ++it) {
      w.vertical = it->second >= w.box.y0 - 1 && it->second <= w.box.y1 + 1;
    }
  }
}

// The word list as poppler-cpp's text_list turns it into text boxes.
std::vector<Word> word_list_to_words(TextWordList& list, double max_glyph_box_em) {
  std::vector<Word> words;
  words.reserve(static_cast<size_t>(list.getLength()));
  for (int i = 0; i < list.getLength(); ++i) {
    const TextWord* run = list.get(i);
    std::unique_ptr<GooString> text(run->getText());
    Word word;
    word.text = text->toStr();
    run->getBBox(&word.box.x0, &word.box.y0, &word.box.x1, &word.box.y1);
    word.box = glyph_box(*run, word.box, max_glyph_box_em);
    if (const GooString* font = run->getFontName(0)) word.font = font->toStr();
    word.size = run->getFontSize();
    word.rotation = 90 * run->getRotation();
    words.push_back(std::move(word));
  }
  return words;
}

// PDF text string (UTF-16BE with its mark, or PDFDocEncoding) -> UTF-8.
std::string text_string_to_utf8(const GooString* text) {
  if (!text) return {};
  Unicode* ucs4 = nullptr;
  int n = TextStringToUCS4(text->toStr(), &ucs4);
  std::string out;
  for (int i = 0; i < n; ++i) {
    char utf8[8];
    int len = mapUTF8(ucs4[i], utf8, sizeof utf8);
    out.append(utf8, static_cast<size_t>(len));
  }
  gfree(ucs4);
  return out;
}

const char* annotation_subtype(Annot::AnnotSubtype type) {
  switch (type) {
    case Annot::typeText: return "Text";
    case Annot::typeLink: return "Link";
    case Annot::typeFreeText: return "FreeText";
    case Annot::typeLine: return "Line";
    case Annot::typeSquare: return "Square";
    case Annot::typeCircle: return "Circle";
    case Annot::typePolygon: return "Polygon";
    case Annot::typePolyLine: return "PolyLine";
    case Annot::typeHighlight: return "Highlight";
    case Annot::typeUnderline: return "Underline";
    case Annot::typeSquiggly: return "Squiggly";
    case Annot::typeStrikeOut: return "StrikeOut";
    case Annot::typeStamp: return "Stamp";
    case Annot::typeCaret: return "Caret";
    case Annot::typeInk: return "Ink";
    case Annot::typePopup: return "Popup";
    case Annot::typeFileAttachment: return "FileAttachment";
    case Annot::typeWidget: return "Widget";
    default: return "Other";
  }
}

// The page's annotations, their /Rect turned into the displayed frame by the page's CTM.
std::vector<Annotation> page_annotations(::Page& page, const std::array<double, 6>& m) {
  std::vector<Annotation> out;
  for (Annot* annot : page.getAnnots()->getAnnots()) {
    if (annot->getType() == Annot::typePopup) continue;  // the window of another annotation
    double x0, y0, x1, y1;
    annot->getRect(&x0, &y0, &x1, &y1);
    auto tx = [&](double x, double y) { return m[0] * x + m[2] * y + m[4]; };
    auto ty = [&](double x, double y) { return m[1] * x + m[3] * y + m[5]; };
    double xs[] = {tx(x0, y0), tx(x1, y1)}, ys[] = {ty(x0, y0), ty(x1, y1)};
    out.push_back({annotation_subtype(annot->getType()),
                   Box{std::min(xs[0], xs[1]), std::min(ys[0], ys[1]), std::max(xs[0], xs[1]), std::max(ys[0], ys[1])},
                   text_string_to_utf8(annot->getContents())});
  }
  return out;
}

// Annotations are a reader's marks, not the page: none is drawn into the content pass.
bool skip_annotation(Annot*, void*) { return false; }

}  // namespace

struct PageContents::Impl {
  PDFDoc& doc;
};

PageContents::PageContents(PDFDoc& document) : impl_(std::make_unique<Impl>(Impl{document})) {}

PageContents::~PageContents() = default;

PageContent PageContents::read(int page_number, const Settings& settings) const {
  ContentCollector collector(settings.min_edge_length);
  // The frame of poppler-cpp's text boxes: crop box, 72 dpi, turned by the page's own /Rotate.
  impl_->doc.displayPage(&collector, page_number, 72, 72, 0, false, false, false, nullptr, nullptr, skip_annotation,
                          nullptr);
  PageContent content;
  if (std::unique_ptr<TextWordList> list = collector.makeWordList()) {
    content.words = word_list_to_words(*list, settings.max_glyph_box_em);
    mark_vertical_words(content.words, std::move(collector.vertical_chars));
  }
  if (settings.annotations) {
    if (::Page* page = impl_->doc.getPage(page_number)) content.annotations = page_annotations(*page, collector.page_ctm);
  }
  content.paths = std::move(collector.pieces);
  content.marks = std::move(collector.marks);
  content.tiny_chars_dropped = collector.tiny_chars > kMaxTinyChars;
  return content;
}

}  // namespace sheetx::extractor
