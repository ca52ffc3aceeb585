#include "sheet_job.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

#include <openssl/evp.h>

#include "printable.h"
#include "sheetx/extractor.h"
#include "worker_pool.h"

namespace sheetx::cli {

std::string sha256_hex(std::string_view bytes) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
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

nlohmann::ordered_json read_pdf(const std::string& path, const SheetJobOptions& options) {
  extractor::Settings settings = options.extractor;
  settings.max_pages = options.max_pages;
  // Read once: the bytes extracted are the bytes hashed, even if the file changes meanwhile.
  const std::string bytes = extractor::read_file(path);
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
