#include "worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <new>
#include <sstream>

#include "printable.h"

namespace sheetx::cli {
namespace {

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

// What a worker printed on stderr is kept up to this much: a library that prints in a loop must
// not fill the parent's memory.
constexpr std::size_t kMaxErrorText = 64 * 1024;

volatile sig_atomic_t interrupt_seen = 0;
extern "C" void note_interrupt(int) { interrupt_seen = 1; }

// Writes all of bytes to fd; false when it cannot (the reader is gone).
bool write_all(int fd, std::string_view bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// In the child: limit, run, write the result to the pipe, and leave without running the
// parent's exit code. Nothing may return or throw from here: the stack above is a copy of the
// parent's run, whose destructors would end the other workers.
[[noreturn]] void run_child(const std::string& path, const Limits& limits, const Job& job, int result_fd,
                           int error_fd, pid_t parent) noexcept {
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
  // sanitizer's report) goes to the parent, which decides what to show, not raw to the terminal.
  dup2(error_fd, STDERR_FILENO);
  close(error_fd);
  // Ctrl-C reaches the whole process group: the run, not each worker, decides what it means.
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGINT, &ignore, nullptr);
  struct sigaction standard {};
  standard.sa_handler = SIG_DFL;
  sigaction(SIGTERM, &standard, nullptr);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  nlohmann::ordered_json result;
  try {
    result = {{"ok", job(path)}};
  } catch (const std::bad_alloc&) {
    result = {{"error", "out of memory (limit " + std::to_string(limits.max_memory_mib) + " MiB)"}};
  } catch (const PrintableError& e) {
    result = {{"error", e.what()}};
  } catch (const std::exception& e) {
    result = {{"error", printable(e.what())}};
  } catch (...) {
    result = {{"error", "failed with an exception that is not a std::exception"}};
  }
  std::fflush(stdout);
  try {
    // Text that is not UTF-8 (a Shift_JIS file name) is replaced, not a reason to lose the result.
    if (!write_all(result_fd, result.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace))) _exit(3);
  } catch (...) {
    _exit(3);
  }
  _exit(0);
}

// One worker: the file it reads, since when, and what came back through its two pipes.
struct Worker {
  std::size_t index = 0;
  Clock::time_point started;
  bool timed_out = false;
  int result_fd = -1, error_fd = -1;  // -1 once at end of file
  std::string result, errors;
};

// A child that ended without a result: why, from its exit and what it printed. What it printed
// is passed on to the run's stderr, escaped, as the only trace of an unexpected crash.
JobResult failed_child(int status, const Worker& worker, const Limits& limits) {
  const bool memory_limited = !kAddressSanitizer && limits.max_memory_mib > 0;
  // Poppler's allocator prints this and aborts when the memory limit refuses it more.
  if (memory_limited && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
      worker.errors.find("Out of memory") != std::string::npos) {
    return {false, "out of memory (limit " + std::to_string(limits.max_memory_mib) + " MiB)", {}};
  }
  std::istringstream lines(worker.errors);
  for (std::string line; std::getline(lines, line);) std::fprintf(stderr, "%s\n", printable(line).c_str());
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    return {false, "crashed with signal " + std::to_string(sig) + " (" + strsignal(sig) + ")", {}};
  }
  return {false, "worker exited with status " + std::to_string(WEXITSTATUS(status)) + " and no result", {}};
}

JobResult read_result(int status, Worker& worker, const Limits& limits) {
  if (worker.timed_out) {
    std::ostringstream s;
    s << "timed out after " << limits.timeout_seconds << " s";
    return {false, s.str(), {}};
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return failed_child(status, worker, limits);
  try {
    auto result = nlohmann::ordered_json::parse(worker.result);
    worker.result = std::string();  // a big file's result is held once, parsed, not twice
    if (result.contains("error")) return {false, result["error"].get<std::string>(), {}};
    return {true, "", std::move(result["ok"])};
  } catch (const std::exception& e) {
    return {false, std::string("worker result unreadable: ") + e.what(), {}};
  }
}

// The children still running; ends and reaps them when the pool is left early (the caller's
// handler threw, or the run was interrupted), so that no worker outlives the run.
class Workers {
 public:
  Workers() = default;
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;
  ~Workers() {
    for (const auto& [pid, w] : running) kill(pid, SIGKILL);
    for (auto& [pid, w] : running) {
      waitpid(pid, nullptr, 0);
      close_pipes(w);
    }
  }
  static void close_pipes(Worker& w) {
    for (int* fd : {&w.result_fd, &w.error_fd}) {
      if (*fd >= 0) close(*fd);
      *fd = -1;
    }
  }
  std::map<pid_t, Worker> running;
};

// Reads what is there on fd into text (up to `limit` kept); closes fd at its end.
void drain(int& fd, std::string& text, std::size_t limit) {
  char buffer[65536];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (n <= 0) {
    close(fd);
    fd = -1;
    return;
  }
  if (text.size() < limit) text.append(buffer, std::min(static_cast<std::size_t>(n), limit - text.size()));
}

}  // namespace

Interrupted::Interrupted(std::size_t done, std::size_t total)
    : std::runtime_error("interrupted (" + std::to_string(done) + " of " + std::to_string(total) + " files done)") {}

InterruptHold::InterruptHold() {
  struct sigaction note {};
  note.sa_handler = note_interrupt;
  sigemptyset(&note.sa_mask);
  sigaction(SIGINT, &note, &previous_int_);
  sigaction(SIGTERM, &note, &previous_term_);
  // A signal the caller ignores (SIGINT for a job started in the background) stays ignored.
  if (previous_int_.sa_handler == SIG_IGN) sigaction(SIGINT, &previous_int_, nullptr);
  if (previous_term_.sa_handler == SIG_IGN) sigaction(SIGTERM, &previous_term_, nullptr);
  sigset_t held;
  sigemptyset(&held);
  sigaddset(&held, SIGINT);
  sigaddset(&held, SIGTERM);
  sigprocmask(SIG_BLOCK, &held, &previous_mask_);
}

InterruptHold::~InterruptHold() {
  sigprocmask(SIG_SETMASK, &previous_mask_, nullptr);  // a signal held back is noted, not fatal
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
}

bool InterruptHold::interrupted() { return interrupt_seen != 0; }

bool memory_limit_enforced() { return !kAddressSanitizer; }

void run_isolated(const std::vector<std::string>& paths, const Limits& limits, const Job& job,
                  const std::function<void(std::size_t, JobResult)>& done) {
  const InterruptHold hold;
  sigset_t waiting;  // the mask while waiting: SIGINT and SIGTERM let through
  sigprocmask(SIG_BLOCK, nullptr, &waiting);
  sigdelset(&waiting, SIGINT);
  sigdelset(&waiting, SIGTERM);
  Workers workers;
  auto& running = workers.running;
  std::map<std::size_t, JobResult> finished;  // waiting for an earlier file
  std::size_t next = 0, emitted = 0;
  const auto timeout = std::chrono::duration<double>(limits.timeout_seconds);
  const pid_t parent = getpid();
  auto start_workers = [&] {
    while (next < paths.size() && running.size() < static_cast<std::size_t>(std::max(1, limits.jobs))) {
      int result_pipe[2], error_pipe[2];
      if (pipe2(result_pipe, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot start a worker: ") + std::strerror(errno));
      if (pipe2(error_pipe, O_CLOEXEC) != 0) {
        close(result_pipe[0]);
        close(result_pipe[1]);
        throw std::runtime_error(std::string("cannot start a worker: ") + std::strerror(errno));
      }
      std::fflush(nullptr);  // the child must not write the parent's buffered output again
      const pid_t pid = fork();
      if (pid == 0) {
        close(result_pipe[0]);
        close(error_pipe[0]);
        run_child(paths[next], limits, job, result_pipe[1], error_pipe[1], parent);
      }
      close(result_pipe[1]);
      close(error_pipe[1]);
      if (pid < 0) {
        close(result_pipe[0]);
        close(error_pipe[0]);
        throw std::runtime_error(std::string("cannot start a worker: ") + std::strerror(errno));
      }
      Worker& w = running[pid];
      w.index = next++;
      w.started = Clock::now();
      w.result_fd = result_pipe[0];
      w.error_fd = error_pipe[0];
    }
  };
  while (emitted < paths.size()) {
    if (InterruptHold::interrupted()) throw Interrupted(emitted, paths.size());
    start_workers();
    // The children whose pipes are both at their end have ended (or are about to): reap them.
    std::vector<std::pair<Worker, int>> ended;  // with their wait status
    for (auto it = running.begin(); it != running.end();) {
      if (it->second.result_fd >= 0 || it->second.error_fd >= 0) {
        ++it;
        continue;
      }
      int status = 0;
      while (waitpid(it->first, &status, 0) < 0 && errno == EINTR) {
      }
      ended.emplace_back(std::move(it->second), status);
      it = running.erase(it);
    }
    if (!ended.empty()) {
      start_workers();  // the next files start before this one's result is read and handed on
      for (auto& [w, status] : ended) finished[w.index] = read_result(status, w, limits);
      while (finished.count(emitted)) {
        done(emitted, std::move(finished[emitted]));
        finished.erase(emitted++);
      }
      continue;
    }
    // Time limits: a child past its own is killed; its pipes then come to their end.
    const auto now = Clock::now();
    auto next_deadline = std::chrono::nanoseconds(std::chrono::seconds(1));
    for (auto& [pid, w] : running) {
      if (w.timed_out || limits.timeout_seconds <= 0) continue;
      const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(w.started + timeout - now);
      if (left.count() <= 0) {
        w.timed_out = true;
        kill(pid, SIGKILL);
      } else {
        next_deadline = std::min(next_deadline, left);
      }
    }
    std::vector<pollfd> fds;
    std::vector<std::pair<int*, std::string*>> targets;
    std::vector<std::size_t> limits_of;
    for (auto& [pid, w] : running) {
      if (w.result_fd >= 0) {
        fds.push_back({w.result_fd, POLLIN, 0});
        targets.emplace_back(&w.result_fd, &w.result);
        limits_of.push_back(std::string().max_size());
      }
      if (w.error_fd >= 0) {
        fds.push_back({w.error_fd, POLLIN, 0});
        targets.emplace_back(&w.error_fd, &w.errors);
        limits_of.push_back(kMaxErrorText);
      }
    }
    const auto ns = std::max<std::int64_t>(next_deadline.count(), 0);
    const timespec wait_for{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    if (ppoll(fds.data(), fds.size(), &wait_for, &waiting) <= 0) continue;  // a signal, or the time
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents != 0) drain(*targets[i].first, *targets[i].second, limits_of[i]);
    }
  }
}

}  // namespace sheetx::cli
