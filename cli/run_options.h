// Options shared by the commands that read PDFs (extract, check, layout, inspect): rule files,
// jobs and limits; the one line a command prints about a file.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "sheet_job.h"
#include "worker_pool.h"

namespace sheetx::cli {

struct RunOptions {
  std::vector<std::string> rule_files;  // empty: the shipped rule file
  Limits limits;
  int max_pages = 2000;
  std::vector<std::string> settings;  // extractor settings, NAME=VALUE
};

// --rules, --jobs and the limits.
void add_run_options(CLI::App& command, RunOptions& options);
// --timeout, --max-memory and --max-pages: the limits of every command that reads a PDF.
void add_limit_options(CLI::App& command, Limits& limits, int& max_pages);

// "sheetx: PATH: MESSAGE" on stderr, the path escaped with printable(); the message must be
// printable already (a JobResult's error, or text passed through printable()).
void print_about(const std::string& path, const std::string& message);

// A command's one PDF: job runs on it in a worker under the limits (see run_isolated), so that a
// hostile file costs only a clean line, then on_read (if any) takes the job's value here. Returns
// the exit status: kOk; kFailed with `sheetx: PATH: CAUSE` on stderr (the job's or on_read's
// failure); kInterrupted with `sheetx: interrupted …` after SIGINT or SIGTERM.
int run_on_one_pdf(const std::string& path, const Limits& limits, const Job& job,
                   const std::function<void(const nlohmann::ordered_json&)>& on_read = {});

// --setting NAME=VALUE (repeatable): the extractor's Settings by name.
void add_setting_option(CLI::App& command, std::vector<std::string>& settings);

// Loads the rule files (none: the shipped one); throws rules::RuleFileError naming the file,
// line and problem.
std::vector<rules::Ruleset> load_rulesets(const std::vector<std::string>& files);
// The rule files and limits for read_pdf, or nothing when a rule file is bad (said on stderr).
std::optional<SheetJobOptions> load_job_options(const RunOptions& options);

// Shows files done, sheets, warnings and failures on one terminal line; silent elsewhere.
class Progress {
 public:
  explicit Progress(std::size_t total);
  void update(std::size_t done, std::size_t sheets, std::size_t warnings, std::size_t failed);
  void finish();

 private:
  std::size_t total_;
  bool shown_;
};

}  // namespace sheetx::cli
