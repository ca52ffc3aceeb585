// sheetx inspect FILE.pdf [-o report.html] [--rules FILE]...: what sheetx found on each page and
// what each rule read there, as one self-contained HTML file for rule authors.
#include <filesystem>
#include <iostream>
#include <memory>

#include "commands.h"
#include "printable.h"
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
  Limits limits;
  int max_pages = 2000;
};

int run_inspect(const InspectOptions& options) {
  inspect::Options report;
  try {
    report.rulesets = load_rulesets(options.rule_files);
  } catch (const rules::RuleFileError& e) {
    std::cerr << "sheetx: " << printable(e.what()) << "\n";
    return kUsage;
  }
  report.max_pages = options.max_pages;
  const std::string output = options.output.empty()
                                 ? std::filesystem::path(options.path).filename().replace_extension(".html").string()
                                 : options.output;
  // The PDF is read and drawn in a worker; the report comes back whole and is written here,
  // so that a worker ended by a limit leaves no temporary file behind.
  const Job job = [&](const std::string& path) {
    try {
      return nlohmann::ordered_json{{"html", inspect::report_html(path, report)}};
    } catch (const extractor::ExtractError& e) {
      throw std::runtime_error(e.cause());
    }
  };
  return run_on_one_pdf(options.path, options.limits, job, [&](const nlohmann::ordered_json& read) {
    records::write_file_atomically(output, read["html"].get<std::string>());
    std::cout << printable(output) << "\n";
  });
}

}  // namespace

void add_inspect_command(CLI::App& app) {
  auto options = std::make_shared<InspectOptions>();
  auto* cmd = add_one_pdf_command(
      app, "inspect", "Write an HTML report of what sheetx found on each page and what each rule read.",
      "Example: sheetx inspect samples/taito-35.pdf -o report.html   (then open report.html)", options->path);
  cmd->add_option("-o,--output", options->output, "the HTML file to write (default: the PDF's name with .html)");
  add_rules_option(*cmd, options->rule_files);
  add_limit_options(*cmd, options->limits, options->max_pages);
  cmd->callback([options] { set_exit_code(run_inspect(*options)); });
}

}  // namespace sheetx::cli
