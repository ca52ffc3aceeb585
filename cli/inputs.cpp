#include "inputs.h"

#include <algorithm>
#include <filesystem>
#include <istream>

namespace sheetx::cli {
namespace {

namespace fs = std::filesystem;

bool is_pdf_name(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".pdf";
}

void add_path(const std::string& argument, InputList& list) {
  std::error_code error;
  const fs::path path(argument);
  const auto status = fs::status(path, error);
  if (error || !fs::exists(status)) {
    list.problems.push_back(argument + ": no such file or folder");
    return;
  }
  if (!fs::is_directory(status)) {
    list.files.push_back({argument, path.filename().string()});
    return;
  }
  std::vector<Input> found;
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error), end;
  for (; !error && it != end; it.increment(error)) {
    std::error_code entry_error;
    if (it->is_regular_file(entry_error) && is_pdf_name(it->path())) {
      found.push_back({it->path().string(), fs::relative(it->path(), path, entry_error).string()});
    }
  }
  if (error) list.problems.push_back(argument + ": " + error.message());
  std::sort(found.begin(), found.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
  list.files.insert(list.files.end(), found.begin(), found.end());
}

}  // namespace

InputList list_inputs(const std::vector<std::string>& arguments, std::istream& standard_input) {
  InputList list;
  for (const auto& argument : arguments) {
    if (argument != "-") {
      add_path(argument, list);
      continue;
    }
    for (std::string line; std::getline(standard_input, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) add_path(line, list);
    }
  }
  return list;
}

}  // namespace sheetx::cli
