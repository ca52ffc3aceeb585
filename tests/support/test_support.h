// What the test suites share: the repository's paths, running a command, reading a file.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace sheetx::testing {

namespace fs = std::filesystem;

inline const fs::path kRoot = SHEETX_SOURCE_DIR;
inline const fs::path kSamples = kRoot / "samples";
inline const std::string kSheetx = SHEETX_EXE;

// A fresh, empty folder under the build tree for one test.
inline fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(SHEETX_BINARY_DIR) / "test-scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

struct CommandResult {
  int status = -1;  // exit code, or -1 when the command did not exit normally
  std::string out;  // stdout (stderr goes to the test log unless the command redirects it)
};

inline std::string quoted(const fs::path& path) {
  std::string out = "'";
  for (char c : path.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline CommandResult run(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  if (WIFEXITED(status)) result.status = WEXITSTATUS(status);
  return result;
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Validates record documents against schema/review-sheet.schema.json with python3-jsonschema;
// the output lists each violation.
template <typename Files>
CommandResult validate_records(const Files& files) {
  std::string command = "/usr/bin/python3 " + quoted(kRoot / "scripts" / "validate-records.py");
  for (const auto& f : files) command += " " + quoted(f);
  return run(command + " 2>&1");
}

}  // namespace sheetx::testing
