// The worker pool in-process: jobs that crash, abort, spin, allocate without bound or exit end
// only their own file with its cause, the files after them still give results, and results
// arrive in input order whatever order the children end in.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "worker_pool.h"

namespace {

using sheetx::cli::JobResult;
using sheetx::cli::Limits;
using sheetx::cli::run_isolated;

// What each "file" does in its worker: the path names the misbehaviour; any other path succeeds
// with the path as its result.
nlohmann::ordered_json misbehave(const std::string& path) {
  if (path == "segv") {
    // The default action, as without a sanitizer (whose handler would report and exit instead).
    signal(SIGSEGV, SIG_DFL);
    raise(SIGSEGV);
  } else if (path == "abort") {
    std::abort();
  } else if (path == "spin") {
    for (volatile bool forever = true; forever;) {
    }
  } else if (path == "allocate") {
    std::vector<std::unique_ptr<char[]>> hoard;
    for (;;) {
      hoard.push_back(std::make_unique<char[]>(16 << 20));
      hoard.back()[0] = 1;
    }
  } else if (path == "throw") {
    throw std::runtime_error("not a review sheet");
  } else if (path == "throw-int") {
    throw 42;
  } else if (path == "exit") {
    std::_Exit(7);
  } else if (path.rfind("slow", 0) == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  return {{"path", path}};
}

struct Outcome {
  std::size_t index;
  JobResult result;
};

std::vector<Outcome> run_all(const std::vector<std::string>& paths, const Limits& limits) {
  std::vector<Outcome> outcomes;
  run_isolated(paths, limits, misbehave,
               [&](std::size_t i, JobResult result) { outcomes.push_back({i, std::move(result)}); });
  return outcomes;
}

Limits limits(int jobs) {
  Limits l;
  l.jobs = jobs;
  l.timeout_seconds = 2;  // long enough for a loaded CI machine, short enough for spinning jobs
  l.max_memory_mib = 256;
  return l;
}

class EveryJobCount : public ::testing::TestWithParam<int> {};

TEST_P(EveryJobCount, EachMisbehavingJobEndsOnlyItsFileWithItsCause) {
  const std::vector<std::string> paths = {"a", "segv", "b", "abort", "c", "spin", "d", "throw", "e", "exit", "f", "throw-int", "g"};
  const auto outcomes = run_all(paths, limits(GetParam()));
  ASSERT_EQ(outcomes.size(), paths.size());
  const std::map<std::string, std::string> causes = {
      {"segv", "crashed with signal 11 (Segmentation fault)"},
      {"abort", "crashed with signal 6 (Aborted)"},
      {"spin", "timed out after 2 s"},
      {"throw", "not a review sheet"},
      {"exit", "worker exited with status 7 and no result"},
      {"throw-int", "failed with an exception that is not a std::exception"}};
  for (std::size_t i = 0; i < paths.size(); ++i) {
    EXPECT_EQ(outcomes[i].index, i);
    const JobResult& r = outcomes[i].result;
    if (auto cause = causes.find(paths[i]); cause != causes.end()) {
      EXPECT_FALSE(r.ok) << paths[i];
      EXPECT_EQ(r.error, cause->second) << paths[i];
    } else {
      EXPECT_TRUE(r.ok) << paths[i] << ": " << r.error;
      EXPECT_EQ(r.value["path"], paths[i]);
    }
  }
}

// The first file is the slowest: the later ones finish first but wait for it.
TEST_P(EveryJobCount, ResultsArriveInInputOrder) {
  const std::vector<std::string> paths = {"slow-1", "a", "b", "slow-2", "c"};
  const auto outcomes = run_all(paths, limits(GetParam()));
  ASSERT_EQ(outcomes.size(), paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    EXPECT_EQ(outcomes[i].index, i);
    EXPECT_EQ(outcomes[i].result.value["path"], paths[i]);
  }
}

INSTANTIATE_TEST_SUITE_P(Jobs, EveryJobCount, ::testing::Values(1, 2));

TEST(WorkerPool, RunawayAllocationIsOutOfMemory) {
  if (!sheetx::cli::memory_limit_enforced()) GTEST_SKIP() << "the memory limit is not enforced under AddressSanitizer";
  const auto outcomes = run_all({"allocate", "a"}, limits(2));
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].result.error, "out of memory (limit 256 MiB)");
  EXPECT_TRUE(outcomes[1].result.ok);
}

// Two spinning files with two jobs: each is timed out on its own clock and the file after them
// still gives its result.
TEST(WorkerPool, TimeLimitIsPerFile) {
  const auto outcomes = run_all({"spin", "spin", "a"}, limits(2));
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_EQ(outcomes[0].result.error, "timed out after 2 s");
  EXPECT_EQ(outcomes[1].result.error, "timed out after 2 s");
  EXPECT_TRUE(outcomes[2].result.ok);
}

// When the caller's handler throws (a full disk while writing an output), the pool ends its
// workers before the exception leaves: no worker outlives the run, spinning or not.
TEST(WorkerPool, NoWorkerOutlivesAnException) {
  const std::vector<std::string> paths = {"a", "spin", "spin", "b"};
  Limits l = limits(3);
  l.timeout_seconds = 30;
  EXPECT_THROW(run_isolated(paths, l, misbehave, [](std::size_t, const JobResult&) { throw std::runtime_error("disk full"); }),
               std::runtime_error);
  errno = 0;
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD) << "a worker is still running";
}

// A file name in Shift_JIS (as unzipped from a Japanese archive) is not UTF-8: its result
// carries U+FFFD in place of the bytes instead of failing the worker.
TEST(WorkerPool, TextThatIsNotUtf8IsReplaced) {
  const auto outcomes = run_all({"\x8e\x7b\x8d\xf4.pdf", "a"}, limits(2));
  ASSERT_EQ(outcomes.size(), 2u);
  ASSERT_TRUE(outcomes[0].result.ok) << outcomes[0].result.error;
  EXPECT_EQ(outcomes[0].result.value["path"], "\uFFFD{\uFFFD\uFFFD.pdf");
  EXPECT_TRUE(outcomes[1].result.ok);
}

TEST(WorkerPool, NoFilesNoWorkers) {
  EXPECT_TRUE(run_all({}, limits(2)).empty());
}

}  // namespace
