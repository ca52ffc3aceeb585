// sheetx inspect FILE.pdf [-o report.html] [--rules FILE]...: what sheetx found on each page and
// what each rule read there, as one self-contained HTML file for rule authors.
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.h"
#include "run_options.h"
#include "sheetx/extractor.h"
#include "sheetx/inspect.h"
#include "sheetx/records.h"

namespace sheetx::cli {
namespace {

struct InspectOptions {
  std::string path;
  std::string output;  // empty: FILE's name with .html, in the current folder
  std::vector<std::string> rule_files;
};

int run_inspect(const InspectOptions& options) {
  inspect::Options report;
  try {
    report.rulesets = load_rulesets(options.rule_files);
  } catch (const rules::RuleFileError& e) {
    std::cerr << "sheetx: " << e.what() << "\n";
    return kUsage;
  }
  const std::string output = options.output.empty()
                                 ? std::filesystem::path(options.path).filename().replace_extension(".html").string()
                                 : options.output;
  try {
    records::write_file_atomically(output, inspect::report_html(options.path, report));
  } catch (const extractor::ExtractError& e) {
    std::cerr << "sheetx: " << options.path << ": " << e.cause() << "\n";
    return kFailed;
  } catch (const std::exception& e) {
    std::cerr << "sheetx: " << options.path << ": " << e.what() << "\n";
    return kFailed;
  }
  std::cout << output << "\n";
  return kOk;
}

}  // namespace

void add_inspect_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("inspect", "Write an HTML report of what sheetx found on each page and what each rule read");
  auto options = std::make_shared<InspectOptions>();
  cmd->add_option("file", options->path, "the PDF")->required();
  cmd->add_option("-o,--output", options->output, "the HTML file to write (default: the PDF's name with .html)");
  cmd->add_option("--rules", options->rule_files,
                  "Rule file(s) to read the sheets with (default: the shipped " + rules::default_rules_path() + ")")
      ->check(CLI::ExistingFile);
  cmd->callback([options] { set_exit_code(run_inspect(*options)); });
}

}  // namespace sheetx::cli
