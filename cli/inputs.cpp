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

// Walks a folder (not the folders its symlinks point to, so a symlink loop cannot trap it):
// every *.pdf that is a file is found; one that cannot be read as a file (a dangling symlink, a
// symlink loop, a pipe) and a folder that cannot be listed are problems, so no file is lost
// without a word.
void walk(const fs::path& folder, const fs::path& root, std::vector<Input>& found, InputList& list) {
  std::error_code error;
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    const fs::directory_entry& entry = *it;
    std::error_code entry_error;
    const fs::file_status link = entry.symlink_status(entry_error);
    if (fs::is_directory(link)) {
      walk(entry.path(), root, found, list);
      continue;
    }
    if (!is_pdf_name(entry.path())) continue;
    const fs::file_status target = entry.status(entry_error);
    if (fs::is_regular_file(target)) {
      found.push_back({entry.path().string(), fs::relative(entry.path(), root, entry_error).string()});
    } else if (entry_error && entry_error != std::errc::no_such_file_or_directory) {
      list.problems.push_back(entry.path().string() + ": " + entry_error.message());
    } else if (!fs::exists(target)) {
      list.problems.push_back(entry.path().string() + ": a symlink to nothing");
    } else if (!fs::is_directory(target)) {  // a symlinked folder is not followed, like any other
      list.problems.push_back(entry.path().string() + ": not a file");
    }
  }
  if (error) list.problems.push_back(folder.string() + ": " + error.message());
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
  walk(path, path, found, list);
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
