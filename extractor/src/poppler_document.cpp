#include "poppler_document.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

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

PopplerDocument::PopplerDocument(std::string_view pdf) {
  if (pdf.empty()) throw ExtractError("empty file: 0 bytes");
  // The header may follow some junk, but within the first KiB (as in Poppler's own check).
  if (pdf.substr(0, 1024).find("%PDF-") == std::string_view::npos) throw ExtractError("not a PDF: no %PDF- header");
  doc_.reset(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc_) throw ExtractError("damaged: Poppler cannot read it (truncated or corrupt beyond repair)");
  // Before anything else: pages() on a locked document crashes poppler-cpp 22.12.
  if (doc_->is_locked()) throw ExtractError("encrypted: needs a password");
  if (doc_->pages() < 1) throw ExtractError("damaged: no pages can be read (truncated or corrupt)");
}

PopplerDocument::~PopplerDocument() = default;

int PopplerDocument::page_count() const { return doc_->pages(); }

PageFrame PopplerDocument::frame(int number) const {
  std::unique_ptr<poppler::page> page(doc_->create_page(number - 1));
  if (!page) throw ExtractError("damaged: page " + std::to_string(number) + " cannot be read");
  // page_rect() ignores /Rotate (text boxes do not): the orientation says how the page is shown.
  poppler::rectf rect = page->page_rect(poppler::crop_box);
  PageFrame frame{rect.width(), rect.height(), 0};
  switch (page->orientation()) {
    case poppler::page::landscape: frame.rotation = 90; break;
    case poppler::page::upside_down: frame.rotation = 180; break;
    case poppler::page::seascape: frame.rotation = 270; break;
    case poppler::page::portrait: break;
  }
  if (frame.rotation % 180 != 0) std::swap(frame.width, frame.height);
  return frame;
}

}  // namespace sheetx::extractor
