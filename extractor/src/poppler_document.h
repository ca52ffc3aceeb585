// A PDF opened with poppler-cpp: the file-level checks, Poppler's messages and each page's frame.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sheetx/extractor.h"

namespace poppler {
class document;
}

namespace sheetx::extractor {

// Routes Poppler's messages into `warnings` while alive (never raw to stderr), and silences
// them afterwards. Poppler's error hook is process-wide: one extraction at a time.
class PopplerMessages {
 public:
  explicit PopplerMessages(std::vector<std::string>& warnings);
  ~PopplerMessages();
  PopplerMessages(const PopplerMessages&) = delete;
  PopplerMessages& operator=(const PopplerMessages&) = delete;
};

struct PageFrame {
  double width = 0, height = 0;  // as displayed
  int rotation = 0;              // /Rotate: 0, 90, 180, 270
};

class PopplerDocument {
 public:
  // Throws ExtractError for an empty file, not a PDF, a damaged or an encrypted one. pdf must
  // outlive this object.
  explicit PopplerDocument(std::string_view pdf);
  ~PopplerDocument();
  PopplerDocument(const PopplerDocument&) = delete;
  PopplerDocument& operator=(const PopplerDocument&) = delete;

  int page_count() const;
  PageFrame frame(int number) const;

 private:
  std::unique_ptr<poppler::document> doc_;
};

}  // namespace sheetx::extractor
