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

// What a path that is neither a file nor a folder is, for its problem line.
std::string not_a_file(const fs::file_status& status) {
  switch (status.type()) {
    case fs::file_type::fifo: return "not a file (a named pipe)";
    case fs::file_type::socket: return "not a file (a socket)";
    case fs::file_type::block:
    case fs::file_type::character: return "not a file (a device)";
    default: return "not a file";
  }
}

// Why `path`, which is no file or folder to read, gives nothing: a symlink loop, a symlink to
// nothing, a pipe; "" when it is a file or a folder.
std::string problem_with(const fs::path& path) {
  std::error_code error;
  const fs::file_status target = fs::status(path, error);
  if (error && error != std::errc::no_such_file_or_directory) return error.message();
  if (!fs::exists(target)) {
    std::error_code link_error;
    return fs::is_symlink(fs::symlink_status(path, link_error)) ? "a symlink to nothing" : "no such file or folder";
  }
  if (fs::is_regular_file(target) || fs::is_directory(target)) return "";
  return not_a_file(target);
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
    if (fs::is_directory(entry.symlink_status(entry_error))) {
      walk(entry.path(), root, found, list);
      continue;
    }
    if (!is_pdf_name(entry.path())) continue;
    if (fs::is_directory(entry.status(entry_error))) continue;  // a symlinked folder is not followed
    if (std::string cause = problem_with(entry.path()); !cause.empty()) {
      list.problems.push_back({entry.path().string(), std::move(cause)});
    } else {
      found.push_back({entry.path().string(), fs::relative(entry.path(), root, entry_error).string()});
    }
  }
  if (error) list.problems.push_back({folder.string(), error.message()});
}

void add_path(const std::string& argument, InputList& list) {
  const fs::path path(argument);
  if (std::string cause = problem_with(path); !cause.empty()) {
    list.problems.push_back({argument, std::move(cause)});
    return;
  }
  std::error_code error;
  if (!fs::is_directory(path, error)) {
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
