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
  std::vector<std::string> rule_files;  // files or folders; empty: every shipped rule file
  Limits limits;
  int max_pages = 2000;
  std::vector<std::string> settings;  // extractor settings, NAME=VALUE
};

// --rules, --jobs and the limits.
void add_run_options(CLI::App& command, RunOptions& options);
// --rules PATH (repeatable): a rule file, or a folder of them.
void add_rules_option(CLI::App& command, std::vector<std::string>& rule_files);
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

// Runs a command's batch of files (run_isolated and what follows it) and says how it ended: kOk;
// kInterrupted with `sheetx: interrupted …` after SIGINT or SIGTERM; kFailed with `sheetx: CAUSE`
// when it throws. before_saying (if any) runs before either line, to clear a progress line.
int run_batch(const std::function<void()>& batch, const std::function<void()>& before_saying = {});

// The subcommand of a command that reads one PDF (FILE) in a worker under the limits, as its help
// says between what it does and its examples; the caller adds the limits with add_limit_options.
CLI::App* add_one_pdf_command(CLI::App& app, const std::string& name, const std::string& what,
                              const std::string& examples, std::string& path);

// --setting NAME=VALUE (repeatable): the extractor's Settings by name.
void add_setting_option(CLI::App& command, std::vector<std::string>& settings);

// The folder of the rule files sheetx ships (rules/ in the source tree, share/sheetx/rules installed).
std::string shipped_rules_folder();
// Rule files and folders -> rule files: a folder gives every *.yaml directly in it, sorted by
// name (so that the first of two rule files recognising one title is known: it reads the sheet);
// a folder without one is a RuleFileError.
std::vector<std::string> rule_file_paths(const std::vector<std::string>& paths);
// Loads the rule files of rule_file_paths(paths) (none given: the shipped folder); throws
// rules::RuleFileError naming the file, line and problem, or two files that cannot share a run
// (one id, or one extractor setting given two values).
std::vector<rules::Ruleset> load_rulesets(const std::vector<std::string>& paths);
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
