// Options shared by the commands that read PDFs (extract, check): rule files, jobs and limits.
#pragma once

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

void add_run_options(CLI::App& command, RunOptions& options);
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
