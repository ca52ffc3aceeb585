#include "sheet_job.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <string_view>

#include <nettle/sha2.h>

#include "printable.h"
#include "sheetx/extractor.h"
#include "sheetx/record_json.h"
#include "worker_pool.h"

namespace sheetx::cli {

std::string sha256_hex(std::string_view bytes) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
  std::array<uint8_t, SHA256_DIGEST_SIZE> digest{};
  sha256_digest(&context, digest.size(), digest.data());
  std::string hex;
  for (const uint8_t byte : digest) {
    char pair[3];
    std::snprintf(pair, sizeof pair, "%02x", byte);
    hex += pair;
  }
  return hex;
}

namespace {

// A printed code as part of a file name: characters that a file system refuses or reads as a
// folder or a pattern (/ \ : * ? " < > | and control characters) become '_'.
std::string file_name_part(const std::string& printed) {
  std::string out = printed;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos) c = '_';
  }
  return out;
}

// What names a sheet among the sheets of its PDF: the project's code (or number) on a project
// sheet, the measure number on a measure sheet; empty when the sheet does not say.
std::string sheet_name(const nlohmann::ordered_json& sheet) {
  if (records::member(sheet, "kind") == "project") {
    const auto& projects = records::member(sheet, "projects");
    if (!projects.is_array() || projects.empty()) return "";
    const auto& project = projects.front();
    const auto& code = records::member(project, "code");
    if (code.is_string() && !code.get<std::string>().empty()) return file_name_part(code.get<std::string>());
    const auto& number = records::member(project, "number");
    return number.is_number_integer() ? number.dump() : "";
  }
  const auto& number = records::member(records::member(sheet, "measure"), "number");
  return number.is_number() ? number.dump() : "";
}

constexpr std::string_view kExpectedTail = ".expected.json";

// Whether `name` (an expected file NAME-X.expected.json) belongs to the PDF with stem `stem`
// rather than to another PDF beside it whose stem starts with it: the longest stem that prefixes
// the name, followed by '-', owns it (NAME-rotated.expected.json is NAME-rotated.pdf's, not a
// sheet "rotated" of NAME.pdf; NAME-02-12-003.expected.json is a sheet of NAME.pdf when there is
// no NAME-02.pdf).
bool owns_expected(const std::string& stem, std::string_view name, const std::vector<std::string>& pdf_stems) {
  if (!name.ends_with(kExpectedTail)) return false;
  const std::string_view sheet = name.substr(0, name.size() - kExpectedTail.size());
  auto prefixes = [&](const std::string& s) { return sheet.size() > s.size() + 1 && sheet.starts_with(s) && sheet[s.size()] == '-'; };
  if (!prefixes(stem)) return false;
  return std::none_of(pdf_stems.begin(), pdf_stems.end(),
                      [&](const std::string& other) { return other.size() > stem.size() && (other == sheet || prefixes(other)); });
}

}  // namespace

std::vector<std::string> sheet_stems(const std::string& pdf, const nlohmann::ordered_json& sheets) {
  const std::string stem = std::filesystem::path(pdf).replace_extension().string();
  if (sheets.size() == 1) return {stem};
  std::vector<std::string> stems;
  std::set<std::string> taken;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string named = sheet_name(sheets[i]);
    std::string name = stem + "-" + (named.empty() ? "sheet" + std::to_string(i + 1) : named);
    if (!taken.insert(name).second) name = stem + "-sheet" + std::to_string(i + 1);
    taken.insert(name);
    stems.push_back(name);
  }
  return stems;
}

std::vector<std::filesystem::path> expected_files(const std::filesystem::path& pdf) {
  const std::string stem = pdf.stem().string();
  const std::filesystem::path single = pdf.parent_path() / (stem + ".expected.json");
  if (std::filesystem::exists(single)) return {single};
  std::error_code error;
  std::vector<std::string> names, pdf_stems;
  for (const auto& entry : std::filesystem::directory_iterator(pdf.parent_path().empty() ? "." : pdf.parent_path(), error)) {
    names.push_back(entry.path().filename().string());
    if (entry.path().extension() == ".pdf") pdf_stems.push_back(entry.path().stem().string());
  }
  std::vector<std::filesystem::path> out;
  for (const auto& name : names) {
    if (owns_expected(stem, name, pdf_stems)) out.push_back(pdf.parent_path() / name);  // named as expected_names names it
  }
  std::sort(out.begin(), out.end());
  return out;
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
