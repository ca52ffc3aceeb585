#include "sheet_job.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "printable.h"
#include "sheetx/extractor.h"
#include "worker_pool.h"

namespace sheetx::cli {

namespace {

// OpenSSL reads the system's openssl.cnf on its first use (a third of its set-up cost, paid by
// every run); a content hash needs nothing from it.
const EVP_MD* sha256_digest() {
  static const EVP_MD* const digest = [] {
    OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, nullptr);
    return EVP_sha256();
  }();
  return digest;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), sha256_digest(), nullptr);
  EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size());
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_DigestFinal_ex(ctx.get(), digest.data(), &size);
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    char byte[3];
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

std::vector<std::string> sheet_stems(const std::string& pdf, const nlohmann::ordered_json& sheets) {
  const std::string stem = std::filesystem::path(pdf).replace_extension().string();
  if (sheets.size() == 1) return {stem};
  std::vector<std::string> stems;
  std::set<std::string> taken;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const auto& number = sheets[i]["measure"]["number"];
    std::string name = stem + "-" + (number.is_number() ? number.dump() : "sheet" + std::to_string(i + 1));
    if (!taken.insert(name).second) name = stem + "-sheet" + std::to_string(i + 1);
    taken.insert(name);
    stems.push_back(name);
  }
  return stems;
}

std::string read_pdf_bytes(const std::string& path) {
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

nlohmann::ordered_json read_pdf(const std::string& path, const SheetJobOptions& options) {
  extractor::Settings settings = options.extractor;
  settings.max_pages = options.max_pages;
  // Read once: the bytes extracted are the bytes hashed, even if the file changes meanwhile.
  const std::string bytes = read_pdf_bytes(path);
  extractor::Document document;
  try {
    document = extractor::extract_bytes(bytes, path, settings);
  } catch (const extractor::ExtractError& e) {
    throw std::runtime_error(e.cause());  // the caller names the file
  }
  std::vector<records::Sheet> sheets;
  try {
    sheets = options.reader.read(document);
  } catch (const rules::NoRuleMatches& e) {
    // Not a failure of the file: an outcome of its own, which each command reports its way.
    return {{"not_sheet", "not a review sheet (title seen \"" + printable(e.title()) + "\")"}};
  }
  const std::string sha256 = sha256_hex(bytes);
  // The pages are read: their words and cells go before the records are made JSON, and each
  // sheet once it is, so that a file of a thousand pages never holds all three at once.
  nlohmann::ordered_json out = {{"sheets", nlohmann::ordered_json::array()}, {"warnings", std::move(document.warnings)}};
  const std::vector<int> unreadable = std::move(document.unreadable_pages);
  document = {};
  for (auto& sheet : sheets) {
    sheet.source.path = path;
    sheet.source.sha256 = sha256;
    for (int page : unreadable) {
      sheet.warnings.push_back({"unreadable-page",
                                "page " + std::to_string(page) + " of the PDF cannot be read (damaged): its text is missing",
                                std::nullopt, ""});
    }
    out["sheets"].push_back(records::to_json(sheet));
    sheet = {};
  }
  return out;
}

}  // namespace sheetx::cli
