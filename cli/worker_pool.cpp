#include "worker_pool.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <new>
#include <sstream>

namespace sheetx::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

struct Running {
  std::size_t index;
  Clock::time_point started;
  bool timed_out = false;
};

// A private folder for the children's results, removed when the pool is done.
class ResultFolder {
 public:
  ResultFolder() {
    std::string pattern = (fs::temp_directory_path() / "sheetx-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make a temporary folder: " + std::string(std::strerror(errno)));
    path_ = pattern;
  }
  ~ResultFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ResultFolder(const ResultFolder&) = delete;
  ResultFolder& operator=(const ResultFolder&) = delete;
  fs::path file(std::size_t index) const { return path_ / (std::to_string(index) + ".json"); }
  fs::path errors(std::size_t index) const { return path_ / (std::to_string(index) + ".err"); }

 private:
  fs::path path_;
};

// The child's result, complete or not at all: written aside, then renamed into place. Text that
// is not UTF-8 (a Shift_JIS file name) is replaced, not a reason to lose the file's result.
void write_result(const nlohmann::ordered_json& result, const fs::path& out) {
  const fs::path part = out.string() + ".part";
  std::ofstream file(part, std::ios::binary);
  file << result.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  if (!file.flush()) throw std::runtime_error("cannot write the result");
  file.close();
  fs::rename(part, out);
}

// In the child: limit, run, write the result, and leave without running the parent's exit code.
// Nothing may return or throw from here: the stack above is a copy of the parent's run, whose
// destructors would end the other workers and remove their results.
[[noreturn]] void run_child(const std::string& path, const Limits& limits, const Job& job, const fs::path& out,
                           const fs::path& errors, pid_t parent) noexcept {
  // A worker dies with its run: a run killed, or ended by SIGPIPE (sheetx ... | head), must not
  // leave workers spinning on files that nobody waits for.
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(4);  // the parent ended before the line above
  if (!kAddressSanitizer && limits.max_memory_mib > 0) {
    const rlim_t bytes = static_cast<rlim_t>(limits.max_memory_mib) * 1024 * 1024;
    rlimit limit{bytes, bytes};
    setrlimit(RLIMIT_AS, &limit);
  }
  // A crash on a hostile file is reported like any failure; a core file of up to the memory
  // limit for each would fill the disk of an unattended run (`sheetx layout FILE` reproduces).
  rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  // What a library prints on its way down (Poppler's "Out of memory" before it aborts, a
  // sanitizer's report) goes to a file the parent reads, not raw into the run's stderr.
  if (FILE* err = std::freopen(errors.c_str(), "w", stderr)) std::setvbuf(err, nullptr, _IONBF, 0);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  nlohmann::ordered_json result;
  try {
    result = {{"ok", job(path)}};
  } catch (const std::bad_alloc&) {
    result = {{"error", "out of memory (limit " + std::to_string(limits.max_memory_mib) + " MiB)"}};
  } catch (const std::exception& e) {
    result = {{"error", e.what()}};
  } catch (...) {
    result = {{"error", "failed with an exception that is not a std::exception"}};
  }
  try {
    write_result(result, out);
  } catch (...) {
    _exit(3);
  }
  _exit(0);
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A child that ended without a result: why, from its exit and what it printed. What it printed
// is passed on to the run's stderr, as the only trace of an unexpected crash.
JobResult failed_child(int status, const fs::path& errors, const Limits& limits) {
  const std::string printed = read_text(errors);
  const bool memory_limited = !kAddressSanitizer && limits.max_memory_mib > 0;
  // Poppler's allocator prints this and aborts when the memory limit refuses it more.
  if (memory_limited && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
      printed.find("Out of memory") != std::string::npos) {
    return {false, "out of memory (limit " + std::to_string(limits.max_memory_mib) + " MiB)", {}};
  }
  std::fputs(printed.c_str(), stderr);
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    return {false, "crashed with signal " + std::to_string(sig) + " (" + strsignal(sig) + ")", {}};
  }
  return {false, "worker exited with status " + std::to_string(WEXITSTATUS(status)) + " and no result", {}};
}

JobResult read_result(int status, const Running& running, const fs::path& out, const fs::path& errors,
                      const Limits& limits) {
  if (running.timed_out) {
    std::ostringstream s;
    s << "timed out after " << limits.timeout_seconds << " s";
    return {false, s.str(), {}};
  }
  std::ifstream file(out, std::ios::binary);
  if (WIFSIGNALED(status) || !file) return failed_child(status, errors, limits);
  try {
    auto result = nlohmann::ordered_json::parse(file);
    if (result.contains("error")) return {false, result["error"].get<std::string>(), {}};
    return {true, "", std::move(result["ok"])};
  } catch (const std::exception& e) {
    return {false, std::string("worker result unreadable: ") + e.what(), {}};
  }
}

// SIGCHLD held back while the pool runs, so that the parent can sleep until a child ends (or
// the nearest time limit) instead of polling.
class ChildSignals {
 public:
  ChildSignals() {
    // An ignored SIGCHLD (inherited from whoever started sheetx) would let the kernel reap the
    // workers before waitpid could tell how they ended.
    struct sigaction deliver {};
    deliver.sa_handler = SIG_DFL;
    sigemptyset(&deliver.sa_mask);
    sigaction(SIGCHLD, &deliver, &previous_action_);
    sigemptyset(&set_);
    sigaddset(&set_, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set_, &previous_);
  }
  ~ChildSignals() {
    timespec none{0, 0};
    while (sigtimedwait(&set_, nullptr, &none) > 0) {
    }
    sigprocmask(SIG_SETMASK, &previous_, nullptr);
    sigaction(SIGCHLD, &previous_action_, nullptr);
  }
  ChildSignals(const ChildSignals&) = delete;
  ChildSignals& operator=(const ChildSignals&) = delete;
  // Waits until a child may have ended, or `limit` has passed.
  void wait(std::chrono::nanoseconds limit) const {
    const auto ns = std::max<std::int64_t>(limit.count(), 0);
    timespec timeout{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    sigtimedwait(&set_, nullptr, &timeout);
  }

 private:
  sigset_t set_{}, previous_{};
  struct sigaction previous_action_ {};
};

// A child's result, its files removed once read: a run over thousands of files keeps none.
JobResult collect(int status, const Running& running, const fs::path& out, const fs::path& errors,
                  const Limits& limits) {
  JobResult result = read_result(status, running, out, errors, limits);
  std::error_code ignored;
  fs::remove(out, ignored);
  fs::remove(errors, ignored);
  return result;
}

// The children still running; ends and reaps them when the pool is left early (the caller's
// handler threw), so that no worker outlives the run, spinning or writing.
class Workers {
 public:
  Workers() = default;
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;
  ~Workers() {
    for (const auto& [pid, r] : running) kill(pid, SIGKILL);
    for (const auto& [pid, r] : running) waitpid(pid, nullptr, 0);
  }
  std::map<pid_t, Running> running;
};

}  // namespace

bool memory_limit_enforced() { return !kAddressSanitizer; }

void run_isolated(const std::vector<std::string>& paths, const Limits& limits, const Job& job,
                  const std::function<void(std::size_t, JobResult)>& done) {
  const ResultFolder folder;
  const ChildSignals signals;
  Workers workers;
  auto& running = workers.running;
  std::map<std::size_t, JobResult> finished;  // waiting for an earlier file
  std::size_t next = 0, emitted = 0;
  const auto timeout = std::chrono::duration<double>(limits.timeout_seconds);
  std::fflush(nullptr);  // the child must not write the parent's buffered output again
  const pid_t parent = getpid();
  auto start_workers = [&] {
    while (next < paths.size() && running.size() < static_cast<std::size_t>(std::max(1, limits.jobs))) {
      const pid_t pid = fork();
      if (pid < 0) throw std::runtime_error(std::string("cannot start a worker: ") + std::strerror(errno));
      if (pid == 0) run_child(paths[next], limits, job, folder.file(next), folder.errors(next), parent);
      running[pid] = {next++, Clock::now()};
    }
  };
  while (emitted < paths.size()) {
    start_workers();
    std::vector<std::pair<Running, int>> ended;  // with their wait status
    int status = 0;
    for (pid_t pid; (pid = waitpid(-1, &status, WNOHANG)) > 0;) {
      auto it = running.find(pid);
      if (it == running.end()) continue;
      ended.emplace_back(it->second, status);
      running.erase(it);
    }
    if (!ended.empty()) {
      start_workers();  // the next files start before this one's result is read and handed on
      for (const auto& [r, s] : ended) finished[r.index] = collect(s, r, folder.file(r.index), folder.errors(r.index), limits);
      while (finished.count(emitted)) {
        done(emitted, std::move(finished[emitted]));
        finished.erase(emitted++);
      }
      continue;
    }
    const auto now = Clock::now();
    auto next_deadline = std::chrono::nanoseconds(std::chrono::seconds(1));
    for (auto& [child, r] : running) {
      if (r.timed_out || limits.timeout_seconds <= 0) continue;
      const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(r.started + timeout - now);
      if (left.count() <= 0) {
        r.timed_out = true;
        kill(child, SIGKILL);
      } else {
        next_deadline = std::min(next_deadline, left);
      }
    }
    signals.wait(next_deadline);
  }
}

}  // namespace sheetx::cli
