// Running the sheetx binary from a robustness test: stderr kept apart, the time taken logged,
// the one line about a path; the processes a run started.
#pragma once

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include "../support/test_support.h"

namespace sheetx::testing {

// A fresh folder for one hostile case.
inline fs::path case_folder(const std::string& name) { return scratch("robustness/" + name); }

inline void write(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

struct SheetxRun {
  int status = -1;
  std::string out;  // stdout
  std::string err;  // stderr
  double seconds = 0;
  // The one stderr line about this path ("sheetx: PATH: cause"), or "" when there is none.
  std::string line_for(const fs::path& path) const {
    const std::string prefix = "sheetx: " + path.string() + ": ";
    const auto at = err.find(prefix);
    return at == std::string::npos ? "" : err.substr(at + prefix.size(), err.find('\n', at) - at - prefix.size());
  }
};

// Runs sheetx with `arguments` (already quoted), stderr kept apart in the scratch folder; `as`
// is a command that runs it as another user ("setpriv --reuid=..."), or "".
inline SheetxRun run_sheetx(const std::string& arguments, const fs::path& dir, const std::string& as = "") {
  const fs::path err = dir / "stderr.txt";
  const auto start = std::chrono::steady_clock::now();
  CommandResult r = run(as + kSheetx + " " + arguments + " 2>" + quoted(err));
  SheetxRun result{r.status, r.out, read_file(err),
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
  std::cerr << "[ time ] sheetx " << arguments.substr(0, 160) << ": " << result.seconds << " s\n";
  return result;
}

// The processes whose parent is `parent`, from /proc.
inline std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> children;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(e.path() / "stat");
    std::string line;
    if (!std::getline(stat, line) || line.rfind(')') == std::string::npos) continue;
    std::istringstream fields(line.substr(line.rfind(')') + 2));
    char state;
    pid_t ppid = 0;
    fields >> state >> ppid;
    if (ppid == parent) children.push_back(std::stoi(name));
  }
  return children;
}

// Gone, or a zombie that nothing will run again.
inline bool ended(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return true;
  return line.substr(line.rfind(')') + 2, 1) == "Z";
}

}  // namespace sheetx::testing
