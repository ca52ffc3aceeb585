// One content pass per page through a TextOutputDev that also keeps the page's straight
// axis-parallel strokes and filled rectangles. Exact, and one pass instead of poppler-cpp's
// text_list plus a second pass for the paths (extractor/README.md has the measurements).
#include "page_contents.h"

#include <GfxState.h>
#include <PDFDoc.h>
#include <TextOutputDev.h>

#include <algorithm>
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

class ContentCollector : public TextOutputDev {
 public:
  // The settings of poppler-cpp's page::text_list: reading order, no physical layout.
  ContentCollector() : TextOutputDev(nullptr, false, 0, false, false) {}

  std::vector<PathPiece> pieces;
  int tiny_chars = 0;

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
                          width, false, white});
      }
    }
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
  // Each subpath that is an axis-parallel rectangle (after the CTM) becomes one filled piece.
  void add_rectangles(GfxState* state) {
    const GfxPath* path = state->getPath();
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    bool white = is_white(rgb);
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      if (auto box = rectangle(state, path->getSubpath(i))) pieces.push_back({*box, 0, true, white});
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

// The word list as poppler-cpp's text_list turns it into text boxes.
std::vector<Word> word_list_to_words(TextWordList& list) {
  std::vector<Word> words;
  words.reserve(static_cast<size_t>(list.getLength()));
  for (int i = 0; i < list.getLength(); ++i) {
    const TextWord* run = list.get(i);
    std::unique_ptr<GooString> text(run->getText());
    Word word;
    word.text = text->toStr();
    run->getBBox(&word.box.x0, &word.box.y0, &word.box.x1, &word.box.y1);
    if (const GooString* font = run->getFontName(0)) word.font = font->toStr();
    word.size = run->getFontSize();
    word.rotation = 90 * run->getRotation();
    words.push_back(std::move(word));
  }
  return words;
}

}  // namespace

struct PageContents::Impl {
  PDFDoc& doc;
};

PageContents::PageContents(PDFDoc& document) : impl_(std::make_unique<Impl>(Impl{document})) {}

PageContents::~PageContents() = default;

PageContent PageContents::read(int page_number) const {
  ContentCollector collector;
  // The frame of poppler-cpp's text boxes: crop box, 72 dpi, turned by the page's own /Rotate.
  impl_->doc.displayPage(&collector, page_number, 72, 72, 0, false, false, false);
  PageContent content;
  if (std::unique_ptr<TextWordList> list = collector.makeWordList()) content.words = word_list_to_words(*list);
  content.paths = std::move(collector.pieces);
  content.tiny_chars_dropped = collector.tiny_chars > kMaxTinyChars;
  return content;
}

}  // namespace sheetx::extractor
