// sheetx check [DIR...]: extracts every sample PDF that has its expected records beside it and
// says, field by field, what changed.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string_view>

#include "commands.h"
#include "inputs.h"
#include "printable.h"
#include "record_diff.h"
#include "run_options.h"

namespace sheetx::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

struct CheckOptions {
  std::vector<std::string> paths{"samples"};
  bool update = false;
  std::string format = "text";
  RunOptions run;
};

// The expected files the found sheets belong to (the same names as extract -o gives).
std::vector<fs::path> expected_names(const fs::path& pdf, const Json& sheets) {
  std::vector<fs::path> names;
  for (const auto& stem : sheet_stems(pdf.string(), sheets)) names.emplace_back(stem + ".expected.json");
  return names;
}

struct FileReport {
  std::string path;
  std::string error;  // the extraction failed
  std::vector<std::pair<std::string, Difference>> differences;  // expected file, difference
  std::size_t sheets = 0;
  bool matches() const { return error.empty() && differences.empty(); }
};

FileReport compare_file(const std::string& pdf, const std::vector<fs::path>& expected, const JobResult& result) {
  FileReport report{pdf, "", {}, 0};
  if (!result.ok) {
    report.error = result.error;
    return report;
  }
  const Json& sheets = result.value.at("sheets");
  report.sheets = sheets.size();
  std::map<fs::path, const Json*> found;
  const auto names = expected_names(pdf, sheets);
  for (std::size_t i = 0; i < sheets.size(); ++i) found[names[i]] = &sheets[i];
  for (const auto& file : expected) {
    Json want;
    try {
      want = Json::parse(extractor::read_file(file));
    } catch (const std::exception& e) {
      report.differences.push_back({file.string(), {"", "(unreadable: " + std::string(e.what()) + ")", ""}});
      continue;
    }
    auto it = found.find(file);
    if (it == found.end()) {
      report.differences.push_back({file.string(), {"", "a sheet", "(missing)"}});
      continue;
    }
    for (auto& d : diff_records(want, *it->second)) report.differences.push_back({file.string(), std::move(d)});
    found.erase(it);
  }
  for (const auto& [file, sheet] : found) {
    report.differences.push_back({file.string(), {"", "(no expected file)", "a sheet"}});
  }
  return report;
}

void print_text(const FileReport& report, bool colour) {
  const char* red = colour ? "\033[31m" : "";
  const char* green = colour ? "\033[32m" : "";
  const char* plain = colour ? "\033[0m" : "";
  std::string shown_file;
  for (const auto& [file, d] : report.differences) {
    if (file != shown_file) std::cout << printable(file) << ":\n";
    shown_file = file;
    // The values are JSON texts of what the PDF says: escaped as such, so that none can reach
    // the terminal raw.
    std::cout << "  " << (d.path.empty() ? "(sheet)" : d.path) << ": expected " << red
              << printable(d.expected, Escaping::kJson) << plain << ", got " << green
              << printable(d.got, Escaping::kJson) << plain << "\n";
  }
  if (!report.error.empty()) {
    std::cout << red << "FAIL" << plain << " " << printable(report.path) << ": " << report.error << "\n";
  } else if (report.differences.empty()) {
    std::cout << green << "ok" << plain << "   " << printable(report.path) << " (" << report.sheets << " sheet"
              << (report.sheets == 1 ? "" : "s") << ")\n";
  } else {
    std::cout << red << "DIFF" << plain << " " << printable(report.path) << ": " << report.differences.size()
              << " difference" << (report.differences.size() == 1 ? "" : "s") << "\n";
  }
}

Json report_json(const FileReport& report) {
  Json differences = Json::array();
  for (const auto& [file, d] : report.differences)
    differences.push_back({{"expected_file", file}, {"path", d.path}, {"expected", d.expected}, {"got", d.got}});
  Json out = {{"path", report.path}, {"status", report.matches() ? "ok" : report.error.empty() ? "differs" : "failed"},
              {"sheets", report.sheets}, {"differences", differences}};
  if (!report.error.empty()) out["error"] = report.error;
  return out;
}

// Writes the found sheets as the PDF's expected files.
void update_expected(const std::string& pdf, const JobResult& result) {
  const Json& sheets = result.value.at("sheets");
  const auto names = expected_names(pdf, sheets);
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    Json sheet = sheets[i];
    sheet["source"]["path"] = fs::path(pdf).filename().string();
    records::write_file_atomically(names[i].string(), sheet.dump(2) + "\n");
  }
}

int run_check(const CheckOptions& options) {
  const auto job_options = load_job_options(options.run);
  if (!job_options) return kUsage;
  if (options.update) {
    for (const auto& path : options.paths) {
      if (fs::is_directory(path)) {
        std::cerr << "sheetx: --update writes expected files only for PDFs named one by one, not for the folder "
                  << path << "\n";
        return kUsage;
      }
    }
  }
  const InterruptHold hold;  // a signal from here on ends the run cleanly (exit 130)
  const InputList inputs = list_inputs(options.paths, std::cin);
  for (const auto& [path, cause] : inputs.problems) print_about(path, printable(cause));
  std::vector<std::string> pdfs;
  std::vector<std::vector<fs::path>> expected;
  for (const auto& input : inputs.files) {
    auto files = expected_files(input.path);
    if (files.empty() && !options.update) continue;  // a PDF without expected records is no sample
    pdfs.push_back(input.path);
    expected.push_back(std::move(files));
  }

  const bool colour = options.format == "text" && isatty(STDOUT_FILENO) == 1;
  std::size_t matching = 0, failing = inputs.problems.size();
  Json reports = Json::array();
  const Job job = [&](const std::string& path) {
    auto read = read_pdf(path, *job_options);
    if (read.contains("not_sheet")) throw PrintableError(read["not_sheet"].get<std::string>());  // a sample must be one
    return read;
  };
  const int ended = run_batch([&] {
    run_isolated(pdfs, options.run.limits, job, [&](std::size_t i, JobResult result) {
      if (options.update && result.ok) update_expected(pdfs[i], result);
      const FileReport report = compare_file(pdfs[i], options.update ? expected_files(pdfs[i]) : expected[i], result);
      (report.matches() ? matching : failing)++;
      if (options.format == "json") reports.push_back(report_json(report));
      else print_text(report, colour);
    });
  });
  if (ended != kOk) return ended;
  if (options.format == "json") {
    const Json report = {{"files", reports}, {"matching", matching}, {"differing", failing}};
    std::cout << printable(report.dump(2, ' ', false, Json::error_handler_t::replace), Escaping::kJson) << "\n";
  } else {
    std::cout << "check: " << pdfs.size() << " files, " << matching << " match, " << failing << " differ\n";
  }
  return failing ? kFailed : kOk;
}

}  // namespace

void add_check_command(CLI::App& app) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check",
      "Extract every sample PDF that has NAME.expected.json (or NAME-<measure>.expected.json per sheet) beside "
      "it and print each field that differs.\n"
      "Example: sheetx check samples/\n"
      "         sheetx check --update samples/taito-35.pdf   (accept what sheetx now finds)");
  command->add_option("paths", options->paths, "Folders or PDFs to check (default: samples)");
  command->add_flag("--update", options->update, "Write the found records as the expected files of the PDFs named");
  command->add_option("-f,--format", options->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  add_run_options(*command, options->run);
  command->callback([options] { set_exit_code(run_check(*options)); });
}

}  // namespace sheetx::cli
