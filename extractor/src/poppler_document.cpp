#include "poppler_document.h"

#include <ErrorCodes.h>
#include <PDFDoc.h>
#include <Page.h>
#include <Stream.h>
#include <poppler-document.h>
#include <poppler-global.h>

#include <algorithm>
#include <string_view>

namespace sheetx::extractor {
namespace {

// poppler-cpp writes "error (OFFSET): what" when it knows where: the same complaint about the
// same broken construct repeated along a stream differs only in OFFSET.
std::string without_offset(const std::string& message) {
  constexpr std::string_view kPrefix = "error (";
  if (message.compare(0, kPrefix.size(), kPrefix) != 0) return message;
  const std::size_t end = message.find("): ");
  return end == std::string::npos ? message : "error: " + message.substr(end + 3);
}

void drop_message(const std::string&, void*) {}

// The smallest PDF poppler-cpp opens. While a poppler::document lives, poppler-cpp keeps
// Poppler's global parameters (fonts, encodings) set up and routes Poppler's messages to
// PopplerMessages; this one costs no parse of the real file, which the core API alone parses.
constexpr std::string_view kEmptyPdf =
    "%PDF-1.0\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    "xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    "trailer<</Size 3/Root 1 0 R>>\nstartxref\n96\n%%EOF\n";

// Kept for the life of the process: Poppler's global parameters are then set up once (and
// inherited by forked workers, when the parent calls prepare_poppler first).
const poppler::document& poppler_globals() {
  static const std::unique_ptr<poppler::document> keeper(
      poppler::document::load_from_raw_data(kEmptyPdf.data(), static_cast<int>(kEmptyPdf.size())));
  if (!keeper) throw std::logic_error("poppler-cpp cannot open its smallest PDF");
  return *keeper;
}

}  // namespace

PopplerMessages::PopplerMessages(std::vector<std::string>& warnings) : warnings_(warnings) {
  poppler::set_debug_error_function(collect, this);
}

PopplerMessages::~PopplerMessages() { poppler::set_debug_error_function(drop_message, nullptr); }

// Each distinct message once: Poppler repeats a complaint at every use of the broken object.
void PopplerMessages::collect(const std::string& message, void* closure) {
  auto& self = *static_cast<PopplerMessages*>(closure);
  std::string key = without_offset(message);
  if (self.seen_.count(key)) return;
  if (self.seen_.size() == kMaxMessages) {
    if (!self.full_) self.warnings_.push_back("poppler: more messages left out");
    self.full_ = true;
    return;
  }
  self.seen_.insert(std::move(key));
  self.warnings_.push_back("poppler: " + message);
}

void prepare_poppler() { poppler_globals(); }

PopplerDocument::PopplerDocument(std::string_view pdf, std::vector<std::string>& warnings) {
  poppler_globals();
  if (pdf.empty()) throw ExtractError("empty file: 0 bytes");
  // The header may follow some junk, but within the first KiB (as in Poppler's own check).
  const bool header = pdf.substr(0, 1024).find("%PDF-") != std::string_view::npos;
  // The stream reads the caller's bytes in place; PDFDoc owns and deletes the stream object.
  doc_ = std::make_unique<PDFDoc>(new MemStream(pdf.data(), 0, static_cast<Goffset>(pdf.size()), Object(objNull)));
  if (!doc_->isOk() && doc_->getErrorCode() == errEncrypted) throw ExtractError("encrypted: needs a password");
  if (!header && (!doc_->isOk() || doc_->getNumPages() < 1)) throw ExtractError("not a PDF: no %PDF- header");
  if (!doc_->isOk()) throw ExtractError("damaged: Poppler cannot read it (truncated or corrupt beyond repair)");
  if (doc_->getNumPages() < 1) throw ExtractError("damaged: no pages can be read (truncated or corrupt)");
  if (!header) warnings.push_back("no %PDF- header: read all the same, as Poppler could");
}

PopplerDocument::~PopplerDocument() = default;

int PopplerDocument::page_count() const { return doc_->getNumPages(); }

PageFrame PopplerDocument::frame(int number) const {
  ::Page* page = doc_->getPage(number);
  if (!page || !page->isOk()) throw ExtractError("page " + std::to_string(number) + " cannot be read");
  // The crop box ignores /Rotate (text boxes do not): the rotation says how the page is shown.
  const PDFRectangle* box = page->getCropBox();
  PageFrame frame{box->x2 - box->x1, box->y2 - box->y1, 0};
  switch (page->getRotate()) {
    case 90: frame.rotation = 90; break;
    case 180: frame.rotation = 180; break;
    case 270: frame.rotation = 270; break;
    default: break;
  }
  if (frame.rotation % 180 != 0) std::swap(frame.width, frame.height);
  return frame;
}

}  // namespace sheetx::extractor
