// One PDF -> its sheets as record documents: the extractor, then the rules. Runs inside a worker.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sheetx/rules.h"

namespace sheetx::cli {

struct SheetJobOptions {
  rules::Reader reader;  // built once, before the workers fork, which inherit it ready
  int max_pages = 0;     // 0: no limit
  extractor::Settings extractor;  // tolerances given with --setting (max_pages above wins)
};

// {"sheets": [document...], "warnings": ["...", ...]} for the file at path, or {"not_sheet":
// "not a review sheet (title seen \"…\")"} (the title escaped) when no rule file recognises a page;
// throws with a one-line cause (not naming the file) when the file cannot be read. A page that cannot be read
// costs only itself: each sheet of the file gets an `unreadable-page` warning naming it.
nlohmann::ordered_json read_pdf(const std::string& path, const SheetJobOptions& options);

// The names the sheets of one PDF give their output files: the PDF's path without its
// extension, with "-<measure number>" (a measure sheet) or "-<project code>" (a project sheet: its
// code, or its number when it prints none; / \ : * ? " < > | and control characters as '_')
// added when the PDF holds several sheets ("-sheet<N>" for a sheet that names none, or whose
// name an earlier sheet of the same PDF took).
std::vector<std::string> sheet_stems(const std::string& pdf, const nlohmann::ordered_json& sheets);

// The expected records of a PDF beside it (sheetx check): NAME.expected.json for a PDF of one
// sheet, else every NAME-<…>.expected.json that names a sheet as sheet_stems does, sorted; an
// expected file whose name starts with another PDF's name beside it (NAME-rotated.expected.json
// beside NAME-rotated.pdf) is that PDF's, the longest name winning.
std::vector<std::filesystem::path> expected_files(const std::filesystem::path& pdf);

// SHA-256 of bytes, lowercase hex.
std::string sha256_hex(std::string_view bytes);

}  // namespace sheetx::cli
