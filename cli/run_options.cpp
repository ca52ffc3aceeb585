#include "run_options.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "commands.h"
#include "printable.h"
#include "sheetx/extractor.h"

namespace sheetx::cli {

void add_run_options(CLI::App& command, RunOptions& options) {
  options.limits.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  add_rules_option(command, options.rule_files);
  command.add_option("-j,--jobs", options.limits.jobs, "Files processed at once (default: the number of cores)")
      ->check(CLI::PositiveNumber);
  add_limit_options(command, options.limits, options.max_pages);
  add_setting_option(command, options.settings);
}

void add_rules_option(CLI::App& command, std::vector<std::string>& rule_files) {
  command.add_option("--rules", rule_files,
                     "Rule file, or folder of rule files (every *.yaml in it, by name), to read the sheets with; "
                     "repeatable (default: every rule file sheetx ships, in " + shipped_rules_folder() + ")")
      ->check(CLI::ExistingPath);
}

std::string shipped_rules_folder() {
  // The shipped 検証シート file lies beside every other shipped rule file, installed or in the
  // source tree.
  return std::filesystem::path(rules::default_rules_path()).parent_path().string();
}

std::vector<std::string> rule_file_paths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code error;
    if (!std::filesystem::is_directory(path, error)) {
      files.push_back(path);  // loading it names what is wrong with it
      continue;
    }
    std::vector<std::string> in_folder;
    for (std::filesystem::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
      // A looping or dangling link named *.yaml is listed too: loading it says why it cannot be read.
      std::error_code kind;
      if (it->path().extension() == ".yaml" && !it->is_directory(kind)) in_folder.push_back(it->path().string());
    }
    if (error) throw rules::RuleFileError(path + ": cannot list the folder: " + error.message());
    if (in_folder.empty()) throw rules::RuleFileError(path + ": no rule file (*.yaml) in the folder");
    std::sort(in_folder.begin(), in_folder.end());
    files.insert(files.end(), in_folder.begin(), in_folder.end());
  }
  return files;
}

void add_limit_options(CLI::App& command, Limits& limits, int& max_pages) {
  command.add_option("--timeout", limits.timeout_seconds, "Seconds one file may take before it is given up")
      ->capture_default_str()
      ->check(CLI::Range(0.001, 7 * 24 * 3600.0));
  command.add_option("--max-memory", limits.max_memory_mib, "MiB of memory one file may use")
      ->capture_default_str();
  command.add_option("--max-pages", max_pages, "Files with more pages are refused (0: no limit)")
      ->capture_default_str();
}

void add_setting_option(CLI::App& command, std::vector<std::string>& settings) {
  command.add_option("--setting", settings,
                     "An extractor setting, NAME=VALUE (e.g. max_shading_inset=3; the list is in extractor/README.md)");
}

void print_about(const std::string& path, const std::string& message) {
  std::cerr << "sheetx: " << printable(path) << ": " << message << "\n";
}

int run_on_one_pdf(const std::string& path, const Limits& limits, const Job& job,
                   const std::function<void(const nlohmann::ordered_json&)>& on_read) {
  const InterruptHold hold;  // a signal from here on ends the command cleanly (exit 130)
  try {
    JobResult result;
    run_isolated({path}, limits, job, [&](std::size_t, JobResult r) { result = std::move(r); });
    if (!result.ok) {
      print_about(path, result.error);
      return kFailed;
    }
    if (on_read) on_read(result.value);
    return kOk;
  } catch (const Interrupted& e) {
    std::cerr << "sheetx: " << e.what() << "\n";
    return kInterrupted;
  } catch (const std::exception& e) {
    print_about(path, printable(e.what()));
    return kFailed;
  }
}

int run_batch(const std::function<void()>& batch, const std::function<void()>& before_saying) {
  try {
    batch();
    return kOk;
  } catch (const Interrupted& e) {
    if (before_saying) before_saying();
    std::cerr << "sheetx: " << e.what() << "\n";
    return kInterrupted;
  } catch (const std::exception& e) {
    if (before_saying) before_saying();
    std::cerr << "sheetx: " << printable(e.what()) << "\n";
    return kFailed;
  }
}

CLI::App* add_one_pdf_command(CLI::App& app, const std::string& name, const std::string& what,
                              const std::string& examples, std::string& path) {
  CLI::App* command = app.add_subcommand(
      name, what + "\nThe PDF is read in a worker process under --timeout, --max-memory and --max-pages.\n" + examples);
  command->add_option("file", path, "the PDF")->required();
  return command;
}

namespace {

// The name of a "NAME=VALUE" extractor setting.
std::string setting_name(const std::string& setting) { return setting.substr(0, setting.find('=')); }

// Rule files read in one run must tell their sheets apart by id, and share one extractor: two
// files with one id, or setting one extractor setting to two values, are an error naming both.
void check_rulesets_agree(const std::vector<rules::Ruleset>& rulesets) {
  std::map<std::string, const rules::Ruleset*> by_id;
  std::map<std::string, std::pair<std::string, const rules::Ruleset*>> settings;
  for (const auto& ruleset : rulesets) {
    if (auto [seen, added] = by_id.emplace(ruleset.id(), &ruleset); !added) {
      throw rules::RuleFileError(ruleset.path() + ": id '" + ruleset.id() + "' is also the id of " +
                                 seen->second->path() + " (each rule file of a run needs its own id)");
    }
    for (const std::string& setting : ruleset.extractor_settings()) {
      auto [seen, added] = settings.emplace(setting_name(setting), std::make_pair(setting, &ruleset));
      if (!added && seen->second.first != setting) {
        throw rules::RuleFileError(ruleset.path() + ": extractor setting " + setting + " differs from " +
                                   seen->second.first + " in " + seen->second.second->path() +
                                   " (the rule files of a run share one extractor: give --setting, or run them apart)");
      }
    }
  }
}

}  // namespace

std::vector<rules::Ruleset> load_rulesets(const std::vector<std::string>& paths) {
  std::vector<rules::Ruleset> rulesets;
  for (const auto& file : rule_file_paths(paths.empty() ? std::vector<std::string>{shipped_rules_folder()} : paths)) {
    rulesets.push_back(rules::Ruleset::load(file));
  }
  check_rulesets_agree(rulesets);
  return rulesets;
}

std::optional<SheetJobOptions> load_job_options(const RunOptions& options) {
  try {
    // What every file needs, set up once here rather than in each worker: the rules and their
    // normalizers, the extractor's settings, Poppler's global state, OpenSSL's digests.
    SheetJobOptions job{rules::Reader(load_rulesets(options.rule_files)), options.max_pages, {}};
    // The rule files' settings first, then the command line's, which win.
    for (const auto& ruleset : job.reader.rulesets())
      for (const std::string& setting : ruleset.extractor_settings()) extractor::set_setting(job.extractor, setting);
    for (const std::string& setting : options.settings) extractor::set_setting(job.extractor, setting);
    extractor::prepare_poppler();
    sha256_hex("");
    return job;
  } catch (const std::exception& e) {
    std::cerr << "sheetx: " << e.what() << "\n";
    return std::nullopt;
  }
}

Progress::Progress(std::size_t total) : total_(total), shown_(isatty(STDERR_FILENO) == 1) {}

void Progress::update(std::size_t done, std::size_t sheets, std::size_t warnings, std::size_t failed) {
  if (!shown_) return;
  constexpr int kWidth = 30;
  const int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
  std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu files, %zu sheets, %zu warnings, %zu failed ", filled,
               "##############################", kWidth - filled, "", done, total_, sheets, warnings, failed);
  std::fflush(stderr);
}

void Progress::finish() {
  if (shown_) std::fputs("\r\033[K", stderr);
}

}  // namespace sheetx::cli
