// Runs one job per file in a child process of its own, so that a crash, a hang or a runaway
// allocation inside Poppler or sheetx ends only that file's job. Results come back through pipes:
// a run leaves no temporary file, however it ends.
#pragma once

#include <signal.h>

#include <cstddef>
#include <functional>
#include <stdexcept>
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
  std::string error;             // one printable line (see printable.h): the cause, when !ok
  nlohmann::ordered_json value;  // the job's result, when ok
};

// Whether Limits::max_memory_mib is enforced in this build: not under AddressSanitizer, which
// reserves far more address space than any sensible limit.
bool memory_limit_enforced();

// Thrown by run_isolated when SIGINT or SIGTERM came: the workers are ended and reaped.
class Interrupted : public std::runtime_error {
 public:
  Interrupted(std::size_t done, std::size_t total);
};

// While alive, SIGINT and SIGTERM do not kill the process: they are held back and noted, and
// run_isolated ends its workers and throws Interrupted when it sees one. A command holds one for
// the whole of its run, so that a signal while it writes its outputs lets it finish them (or
// remove their temporaries) rather than die halfway. Nested holds are fine.
class InterruptHold {
 public:
  InterruptHold();
  ~InterruptHold();
  InterruptHold(const InterruptHold&) = delete;
  InterruptHold& operator=(const InterruptHold&) = delete;
  // Whether SIGINT or SIGTERM came while a hold was alive.
  static bool interrupted();

 private:
  sigset_t previous_mask_{};
  struct sigaction previous_int_ {}, previous_term_ {};
};

// An exception whose message is printable already: a job throws it to keep the quotes around
// text of the PDF's that it escaped itself. Any other exception's message is escaped whole.
class PrintableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Job = std::function<nlohmann::ordered_json(const std::string& path)>;

// Runs job(paths[i]) in a child per file, at most limits.jobs at once, and calls done(i, result)
// in input order, as soon as every earlier file is done, whatever order the children end in.
// A job that throws gives its exception's message as the error; text in a result that is not
// UTF-8 comes back with U+FFFD in its place. What a job prints on stdout goes to the run's
// stdout; what it prints on stderr is kept and shown (escaped) only when it crashed. Workers
// leave no core file, end when the calling process ends, ignore SIGINT (the run handles it), and
// are ended before an exception from done() or Interrupted leaves run_isolated.
void run_isolated(const std::vector<std::string>& paths, const Limits& limits, const Job& job,
                  const std::function<void(std::size_t, JobResult)>& done);

}  // namespace sheetx::cli
