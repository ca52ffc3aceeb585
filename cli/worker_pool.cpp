#include "worker_pool.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <new>
#include <sstream>
#include <thread>

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

 private:
  fs::path path_;
};

// In the child: limit, run, write the result, and leave without running the parent's exit code.
[[noreturn]] void run_child(const std::string& path, const Limits& limits, const Job& job, const fs::path& out) {
  if (!kAddressSanitizer && limits.max_memory_mib > 0) {
    const rlim_t bytes = static_cast<rlim_t>(limits.max_memory_mib) * 1024 * 1024;
    rlimit limit{bytes, bytes};
    setrlimit(RLIMIT_AS, &limit);
  }
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
  const fs::path part = out.string() + ".part";
  {
    std::ofstream file(part, std::ios::binary);
    file << result.dump();
    if (!file.flush()) _exit(3);
  }
  std::error_code error;
  fs::rename(part, out, error);
  _exit(error ? 3 : 0);
}

JobResult collect(int status, const Running& running, const fs::path& out, const Limits& limits) {
  if (running.timed_out) {
    std::ostringstream s;
    s << "timed out after " << limits.timeout_seconds << " s";
    return {false, s.str(), {}};
  }
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    return {false, "crashed with signal " + std::to_string(sig) + " (" + strsignal(sig) + ")", {}};
  }
  std::ifstream file(out, std::ios::binary);
  if (!file) return {false, "worker exited with status " + std::to_string(WEXITSTATUS(status)) + " and no result", {}};
  try {
    auto result = nlohmann::ordered_json::parse(file);
    if (result.contains("error")) return {false, result["error"].get<std::string>(), {}};
    return {true, "", std::move(result["ok"])};
  } catch (const std::exception& e) {
    return {false, std::string("worker result unreadable: ") + e.what(), {}};
  }
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

void run_isolated(const std::vector<std::string>& paths, const Limits& limits, const Job& job,
                  const std::function<void(std::size_t, JobResult)>& done) {
  const ResultFolder folder;
  Workers workers;
  auto& running = workers.running;
  std::map<std::size_t, JobResult> finished;  // waiting for an earlier file
  std::size_t next = 0, emitted = 0;
  const auto timeout = std::chrono::duration<double>(limits.timeout_seconds);
  std::fflush(nullptr);  // the child must not write the parent's buffered output again
  while (emitted < paths.size()) {
    while (next < paths.size() && running.size() < static_cast<std::size_t>(std::max(1, limits.jobs))) {
      const pid_t pid = fork();
      if (pid < 0) throw std::runtime_error(std::string("cannot start a worker: ") + std::strerror(errno));
      if (pid == 0) run_child(paths[next], limits, job, folder.file(next));
      running[pid] = {next++, Clock::now()};
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid > 0) {
      auto it = running.find(pid);
      if (it == running.end()) continue;
      finished[it->second.index] = collect(status, it->second, folder.file(it->second.index), limits);
      running.erase(it);
      while (finished.count(emitted)) {
        done(emitted, std::move(finished[emitted]));
        finished.erase(emitted++);
      }
      continue;
    }
    const auto now = Clock::now();
    for (auto& [child, r] : running) {
      if (!r.timed_out && limits.timeout_seconds > 0 && now - r.started > timeout) {
        r.timed_out = true;
        kill(child, SIGKILL);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

}  // namespace sheetx::cli
