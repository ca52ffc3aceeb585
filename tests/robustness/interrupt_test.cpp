// A run stopped by SIGINT (Ctrl-C) or SIGTERM (what `timeout` and service managers send) while a
// worker spins on a file: the workers end, no temporary file or folder is left anywhere (the
// output folder, the temporary folder), the outputs of an earlier run are as they were, and the
// run says how far it got and exits 130.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "hostile_pdfs.h"
#include "sheetx_run.h"

namespace {

using namespace sheetx::testing;
namespace hostile = sheetx::testing::hostile;

// Every file and folder under dir, with the bytes of each file.
std::map<std::string, std::string> contents(const fs::path& dir) {
  std::map<std::string, std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    found[fs::relative(e.path(), dir).string()] = e.is_regular_file() ? read_file(e.path()) : "(folder)";
  return found;
}

struct Interrupted {
  int status = -1;  // exit code, -1 when killed by a signal
  std::string err;
};

// Starts sheetx with `arguments` and TMPDIR=tmp, waits until its worker has spun on the slow
// file for a while, sends `sig`, and waits for the run to end.
Interrupted interrupt(const std::vector<std::string>& arguments, const fs::path& tmp, const fs::path& err, int sig) {
  const pid_t run = fork();
  if (run == 0) {
    setenv("TMPDIR", tmp.c_str(), 1);
    if (!freopen(err.c_str(), "w", stderr) || !freopen("/dev/null", "w", stdout)) _exit(126);
    std::vector<char*> argv{const_cast<char*>(kSheetx.c_str())};
    for (const auto& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(kSheetx.c_str(), argv.data());
    _exit(127);
  }
  // The good files come first and take a fraction of a second; the slow one then spins for most
  // of a minute: a worker alive a second after the run started is the slow file's.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  std::vector<pid_t> workers = children_of(run);
  EXPECT_EQ(workers.size(), 1u) << "no worker was running when the signal came";
  kill(run, sig);
  int status = 0;
  waitpid(run, &status, 0);
  bool all_ended = false;
  for (int i = 0; i < 200 && !all_ended; ++i) {
    all_ended = std::all_of(workers.begin(), workers.end(), ended);
    if (!all_ended) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(all_ended) << "a worker outlived its run";
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(err)};
}

class SignalMidRun : public ::testing::TestWithParam<std::tuple<int, std::string>> {};

TEST_P(SignalMidRun, LeavesNoTemporaryAndTheEarlierOutputs) {
  const auto [sig, format] = GetParam();
  const fs::path dir = case_folder("interrupt-" + std::to_string(sig) + "-" + format);
  const fs::path in = dir / "in", out = dir / "out", tmp = dir / "tmp";
  fs::create_directories(in);
  fs::create_directories(tmp);
  fs::copy_file(kSamples / "taito-12.pdf", in / "a.pdf");
  fs::copy_file(kSamples / "taito-41.pdf", in / "b.pdf");
  fs::copy_file(kSamples / "taito-35.pdf", in / "d.pdf");
  const SheetxRun first = run_sheetx("extract " + quoted(in) + " -o " + quoted(out) + " --format " + format, dir);
  ASSERT_EQ(first.status, 0) << first.err;
  const auto before = contents(out);

  write(in / "c.pdf", hostile::scattered_text_runs(40000));  // spins until its time limit
  const Interrupted r = interrupt({"extract", in.string(), "-o", out.string(), "--format", format, "--jobs", "1",
                                   "--timeout", "120"},
                                  tmp, dir / "stderr.txt", sig);
  EXPECT_EQ(r.status, 130) << r.err;
  EXPECT_TRUE(r.err.ends_with("sheetx: interrupted (2 of 4 files done)\n")) << r.err;
  EXPECT_EQ(contents(out), before) << "an output changed, or a temporary was left";
  EXPECT_TRUE(fs::is_empty(tmp)) << "a temporary was left in TMPDIR";
}

INSTANTIATE_TEST_SUITE_P(SigintSigterm, SignalMidRun,
                         ::testing::Combine(::testing::Values(SIGINT, SIGTERM), ::testing::Values("json", "csv")));

// layout, inspect and check are interrupted alike.
TEST(Interrupt, EveryCommandThatReadsPdfs) {
  const fs::path dir = case_folder("interrupt-commands");
  const fs::path tmp = dir / "tmp";
  fs::create_directories(tmp);
  write(dir / "slow.pdf", hostile::scattered_text_runs(40000));
  write(dir / "slow.expected.json", "{}");
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"layout", (dir / "slow.pdf").string()},
        std::vector<std::string>{"inspect", (dir / "slow.pdf").string(), "-o", (dir / "report.html").string()},
        std::vector<std::string>{"check", dir.string()}}) {
    const Interrupted r = interrupt(command, tmp, dir / "stderr.txt", SIGINT);
    EXPECT_EQ(r.status, 130) << command[0] << ": " << r.err;
    EXPECT_TRUE(r.err.ends_with("sheetx: interrupted (0 of 1 files done)\n")) << r.err;
    EXPECT_FALSE(fs::exists(dir / "report.html"));
    EXPECT_TRUE(fs::is_empty(tmp)) << command[0];
  }
}

}  // namespace
