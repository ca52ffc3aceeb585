// sheetx extract PATH...: every review sheet in the files and folders given, as records.
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <memory>

#include "commands.h"
#include "inputs.h"
#include "printable.h"
#include "run_options.h"

namespace sheetx::cli {
namespace {

namespace fs = std::filesystem;

struct ExtractOptions {
  std::vector<std::string> paths;
  std::string output;
  std::string format;
  RunOptions run;
};

int run_extract(const ExtractOptions& options) {
  const auto job_options = load_job_options(options.run);
  if (!job_options) return kUsage;
  std::string format = options.format.empty() ? (options.output.empty() ? "jsonl" : "json") : options.format;
  if ((format == "json" || format == "csv") && options.output.empty()) {
    std::cerr << "sheetx: --format " << format << " writes files: give -o DIR (or use --format jsonl for stdout)\n";
    return kUsage;
  }

  const InterruptHold hold;  // a signal from here on ends the run cleanly (exit 130)
  const InputList inputs = list_inputs(options.paths, std::cin);
  for (const auto& [path, cause] : inputs.problems) print_about(path, printable(cause));
  std::vector<std::string> paths;
  for (const auto& input : inputs.files) paths.push_back(input.path);

  std::optional<records::CsvTables> tables;  // streamed as the sheets come
  std::map<std::string, std::string> written;  // output name -> the input it came from
  // Each input counts once: as failed when it gave no records or lost one to a name collision.
  std::size_t sheets = 0, warnings = 0, failed = inputs.problems.size(), done = 0;
  Progress progress(paths.size());
  const Job job = [&](const std::string& path) { return read_pdf(path, *job_options); };
  auto on_result = [&](std::size_t i, JobResult result) {
    ++done;
    if (!result.ok) {
      ++failed;
      progress.finish();
      print_about(paths[i], result.error);
      progress.update(done, sheets, warnings, failed);
      return;
    }
    for (const auto& warning : result.value["warnings"]) {
      progress.finish();
      print_about(paths[i], "warning: " + printable(warning.get<std::string>()));
    }
    bool lost = false;
    const auto& found = result.value["sheets"];
    const auto stems = sheet_stems(inputs.files[i].relative, found);
    for (std::size_t s = 0; s < found.size(); ++s) {
      const auto& sheet = found[s];
      ++sheets;
      warnings += sheet["warnings"].size();
      if (format == "jsonl") {
        std::cout << printable(sheet.dump(), Escaping::kJson) << "\n";
      } else if (format == "csv") {
        tables->add(sheet);
      } else {
        const auto name = stems[s] + ".json";
        // Two inputs that map to one output name (a/s.pdf and b/s.pdf named on the command
        // line, s.pdf and s.PDF) must not overwrite each other's records silently.
        const auto [taken, fresh] = written.emplace(name, paths[i]);
        if (!fresh && taken->second != paths[i]) {
          lost = true;
          progress.finish();
          print_about(paths[i], "not written: its output " + printable(name) + " is that of " + printable(taken->second));
          continue;
        }
        records::write_file_atomically((fs::path(options.output) / name).string(), sheet.dump(2) + "\n");
      }
    }
    std::cout.flush();
    if (lost) ++failed;
    progress.update(done, sheets, warnings, failed);
  };
  try {
    if (format == "csv") tables.emplace(options.output);
    run_isolated(paths, options.run.limits, job, on_result);
    if (tables) tables->finish();
  } catch (const Interrupted& e) {
    progress.finish();
    std::cerr << "sheetx: " << e.what() << "\n";
    return kInterrupted;
  } catch (const std::exception& e) {
    progress.finish();
    std::cerr << "sheetx: " << printable(e.what()) << "\n";
    return kFailed;
  }
  progress.finish();
  const std::size_t files = paths.size() + inputs.problems.size();
  std::cerr << "sheetx: " << files << " files, " << sheets << " sheets, " << warnings << " warnings, " << failed
            << " failed\n";
  return failed ? kFailed : kOk;
}

}  // namespace

void add_extract_command(CLI::App& app) {
  auto options = std::make_shared<ExtractOptions>();
  CLI::App* command = app.add_subcommand(
      "extract",
      "Read every review sheet in the PDFs given and write its records.\n"
      "Example: sheetx extract city-pdfs/ -o records/   (one JSON file per sheet)\n"
      "         sheetx extract a.pdf b.pdf --format jsonl > sheets.jsonl\n"
      "         find . -name '*.pdf' | sheetx extract - --format csv -o portal/");
  command->add_option("paths", options->paths, "PDF files, folders (searched recursively), or - for a list on stdin")
      ->required();
  command->add_option("-o,--output", options->output, "Folder to write into (mirrors the input folders)");
  command->add_option("-f,--format", options->format,
                      "json: a file per sheet (default with -o); jsonl: a sheet a line on stdout (default "
                      "without -o); csv: the portal tables and datapackage.json")
      ->check(CLI::IsMember({"json", "jsonl", "csv"}));
  add_run_options(*command, options->run);
  command->callback([options] { set_exit_code(run_extract(*options)); });
}

}  // namespace sheetx::cli
