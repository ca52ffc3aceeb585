#include "page_image.h"

#include <unistd.h>

#include <array>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include "sheetx/extractor.h"

namespace sheetx::inspect {
namespace {

std::string base64(const std::string& bytes) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 3; ++k)
      group = group << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (std::size_t k = 0; k < 4; ++k) out += k <= n ? kDigits[(group >> (18 - 6 * k)) & 0x3f] : '=';
  }
  return out;
}

// poppler-cpp writes PNG only to a file: a private temporary one, removed when done.
class TemporaryFile {
 public:
  TemporaryFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sheetx-inspect-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file in " + pattern);
    close(fd);
    path_ = pattern;
  }
  ~TemporaryFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

std::vector<PageImage> render_pages(const std::string& pdf_path, double dpi) {
  std::unique_ptr<poppler::document> document(poppler::document::load_from_file(pdf_path));
  if (!document) throw std::runtime_error("Poppler cannot open the file to render it");
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_rgb24);  // no alpha: smaller PNGs
  const TemporaryFile png;
  std::vector<PageImage> images;
  for (int i = 0; i < document->pages(); ++i) {
    const std::unique_ptr<poppler::page> page(document->create_page(i));
    // Poppler adds the page's /Rotate itself, so the image is the page as displayed.
    const poppler::image image = page ? renderer.render_page(page.get(), dpi, dpi) : poppler::image();
    if (!image.is_valid() || !image.save(png.path(), "png", static_cast<int>(dpi)))
      throw std::runtime_error("page " + std::to_string(i + 1) + ": Poppler cannot render it");
    images.push_back({image.width(), image.height(), "data:image/png;base64," + base64(extractor::read_file(png.path()))});
  }
  return images;
}

}  // namespace sheetx::inspect
