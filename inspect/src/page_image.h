// Page images for the report: Poppler renders, PNG bytes come back as a data: URI.
#pragma once

#include <string>
#include <vector>

namespace sheetx::inspect {

struct PageImage {
  int width = 0, height = 0;  // pixels
  std::string data_uri;       // data:image/png;base64,...
};

// Renders every page of the PDF upright as displayed (after /Rotate), at dpi.
// Throws std::runtime_error naming the page that Poppler cannot render.
std::vector<PageImage> render_pages(const std::string& pdf_path, double dpi);

}  // namespace sheetx::inspect
