// A PDF opened once with Poppler's core: the file-level checks, Poppler's messages and each
// page's frame. The same parsed document feeds PageContents: each file is parsed once.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "sheetx/extractor.h"

class PDFDoc;

namespace sheetx::extractor {

// Routes Poppler's messages into `warnings` while alive (never raw to stderr), and silences
// them afterwards. Poppler's error hook is process-wide: one extraction at a time.
// Each distinct message goes in once, and only the first kMaxMessages of them: a hostile
// content stream can make Poppler complain at every one of millions of tokens.
class PopplerMessages {
 public:
  static constexpr std::size_t kMaxMessages = 100;

  explicit PopplerMessages(std::vector<std::string>& warnings);
  ~PopplerMessages();
  PopplerMessages(const PopplerMessages&) = delete;
  PopplerMessages& operator=(const PopplerMessages&) = delete;

 private:
  static void collect(const std::string& message, void* closure);

  std::vector<std::string>& warnings_;
  std::unordered_set<std::string> seen_;  // the messages kept, without their byte offset
  bool full_ = false;  // kMaxMessages kept, the rest left out
};

struct PageFrame {
  double width = 0, height = 0;  // as displayed
  int rotation = 0;              // /Rotate: 0, 90, 180, 270
};

class PopplerDocument {
 public:
  // Throws ExtractError for an empty file, not a PDF, a damaged or an encrypted one. A file
  // without a %PDF- header that Poppler reads all the same is read, with a warning in
  // `warnings`. pdf must outlive this object.
  PopplerDocument(std::string_view pdf, std::vector<std::string>& warnings);
  ~PopplerDocument();
  PopplerDocument(const PopplerDocument&) = delete;
  PopplerDocument& operator=(const PopplerDocument&) = delete;

  int page_count() const;
  // Throws ExtractError("page N cannot be read") for a page Poppler cannot find or parse.
  PageFrame frame(int number) const;
  PDFDoc& core() const { return *doc_; }  // for PageContents

 private:
  std::unique_ptr<PDFDoc> doc_;
};

}  // namespace sheetx::extractor
