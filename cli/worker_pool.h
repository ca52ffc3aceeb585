// Runs one job per file in a child process of its own, so that a crash, a hang or a runaway
// allocation inside Poppler or sheetx ends only that file's job.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sheetx::cli {

struct Limits {
  int jobs = 1;                      // children at once
  double timeout_seconds = 60;       // wall-clock time per file
  std::size_t max_memory_mib = 1024; // address space per child (not enforced under ASan)
};

// What a child gave back for one file: its JSON result, or why it has none.
struct JobResult {
  bool ok = false;
  std::string error;             // one line: the cause, when !ok
  nlohmann::ordered_json value;  // the job's result, when ok
};

// Whether Limits::max_memory_mib is enforced in this build: not under AddressSanitizer, which
// reserves far more address space than any sensible limit.
bool memory_limit_enforced();

using Job = std::function<nlohmann::ordered_json(const std::string& path)>;

// Runs job(paths[i]) in a child per file, at most limits.jobs at once, and calls done(i, result)
// in input order, as soon as every earlier file is done, whatever order the children end in.
// A job that throws gives its exception's message as the error; text in a result that is not
// UTF-8 comes back with U+FFFD in its place. Workers leave no core file, end when the calling
// process ends, and are ended before an exception from done() leaves run_isolated.
void run_isolated(const std::vector<std::string>& paths, const Limits& limits, const Job& job,
                  const std::function<void(std::size_t, JobResult)>& done);

}  // namespace sheetx::cli
