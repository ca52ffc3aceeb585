// sheetx extract PATH...: every review sheet in the files and folders given, as records.
#include <algorithm>
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
  records::CsvSettings csv;
  bool excel = false;  // --excel: the CSV settings for opening the tables in Excel
  bool strict = false;
  RunOptions run;
};

// "a, b and standard input": the arguments that gave no PDF, for the error that says so.
std::string named_inputs(const std::vector<std::string>& paths) {
  std::string out;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == paths.size() ? " and " : ", ");
    out += paths[i] == "-" ? "standard input" : paths[i];
  }
  return out;
}

// Gives the sheet its run-unique id; a sheet whose key another sheet of the run took first says
// so in a warning, placed among the warnings without a place in code order.
void claim_id(records::SheetIds& ids, nlohmann::ordered_json& sheet) {
  bool repeated = false;
  const std::string key = sheet["id"].get<std::string>();
  sheet["id"] = ids.claim(key, repeated);
  if (!repeated) return;
  const nlohmann::ordered_json warning = {
      {"code", "duplicate-id"},
      {"message", "an earlier sheet of this run has the key " + key + ": this one is " + sheet["id"].get<std::string>()}};
  auto& warnings = sheet["warnings"];
  warnings.insert(std::find_if(warnings.begin(), warnings.end(),
                               [&](const auto& w) { return records::json_warning_order(warning, w); }),
                  warning);
}

// The warnings of a sheet that doubt the reading (not the sheet's own inconsistencies).
std::size_t misread_warnings(const nlohmann::ordered_json& sheet) {
  std::size_t n = 0;
  for (const auto& warning : records::member(sheet, "warnings"))
    n += rules::is_misread(records::member(warning, "code").get<std::string>());
  return n;
}

int run_extract(const ExtractOptions& options) {
  const auto job_options = load_job_options(options.run);
  if (!job_options) return kUsage;
  std::string format = options.format.empty() ? (options.output.empty() ? "jsonl" : "json") : options.format;
  if ((format == "json" || format == "csv") && options.output.empty()) {
    std::cerr << "sheetx: --format " << format << " writes files: give -o DIR (or use --format jsonl for stdout)\n";
    return kUsage;
  }

  if ((options.csv.byte_order_mark || options.excel) && format != "csv") {
    std::cerr << "sheetx: --csv-bom and --excel shape the CSV tables: give them with --format csv\n";
    return kUsage;
  }

  const InterruptHold hold;  // a signal from here on ends the run cleanly (exit 130)
  const InputList inputs = list_inputs(options.paths, std::cin);
  for (const auto& [path, cause] : inputs.problems) print_about(path, printable(cause));
  if (inputs.files.empty()) {  // before anything is written: an empty run must not empty a portal folder
    std::cerr << "sheetx: no PDF found in " << printable(named_inputs(options.paths)) << "\n";
    return inputs.problems.empty() ? kUsage : kFailed;  // nothing there, or only paths that failed (named above)
  }
  records::CsvSettings csv = options.csv;
  if (options.excel) csv = {true, true};
  std::vector<std::string> paths;
  for (const auto& input : inputs.files) paths.push_back(input.path);

  std::optional<records::CsvTables> tables;  // streamed as the sheets come
  records::SheetIds ids;
  std::map<std::string, std::string> written;  // output name -> the input it came from
  // Each input counts once: as failed when it gave no records, lost one to a name collision, or
  // (--strict) had a misread warning or no sheet.
  std::size_t sheets = 0, warnings = 0, failed = inputs.problems.size(), done = 0, not_sheets = 0;
  Progress progress(paths.size());
  // A PDF without a sheet is an outcome of its own ("not_sheet"), not a failure (unless --strict).
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
    if (result.value.contains("not_sheet")) {
      ++not_sheets;
      failed += options.strict;
      progress.finish();
      print_about(paths[i], result.value["not_sheet"].get<std::string>());  // escaped by read_pdf
      progress.update(done, sheets, warnings, failed);
      return;
    }
    for (const auto& warning : result.value["warnings"]) {
      progress.finish();
      print_about(paths[i], "warning: " + printable(warning.get<std::string>()));
    }
    bool lost = false, doubted = false;
    auto& found = result.value["sheets"];
    const auto stems = sheet_stems(inputs.files[i].relative, found);
    for (std::size_t s = 0; s < found.size(); ++s) {
      auto& sheet = found[s];
      if (const std::size_t doubts = misread_warnings(sheet); options.strict && doubts) {
        doubted = true;
        progress.finish();
        print_about(paths[i], std::to_string(doubts) + " misread warning" + (doubts == 1 ? "" : "s") + " on sheet " +
                                  std::to_string(s + 1) + " (--strict)");
      }
      const auto name = stems[s] + ".json";
      if (format == "json") {
        // Two inputs that map to one output name (a/s.pdf and b/s.pdf named on the command
        // line, s.pdf and s.PDF) must not overwrite each other's records silently.
        const auto [taken, fresh] = written.emplace(name, paths[i]);
        if (!fresh && taken->second != paths[i]) {
          lost = true;
          progress.finish();
          print_about(paths[i], "not written: its output " + printable(name) + " is that of " + printable(taken->second));
          continue;
        }
      }
      claim_id(ids, sheet);
      if (format == "jsonl") {
        std::cout << printable(sheet.dump(), Escaping::kJson) << "\n";
      } else if (format == "csv") {
        for (const auto& warning : tables->add(sheet)) {
          progress.finish();
          ++warnings;
          print_about(paths[i], "warning: " + printable(warning.message));
        }
      } else {
        records::write_file_atomically((fs::path(options.output) / name).string(), sheet.dump(2) + "\n");
      }
      ++sheets;
      warnings += sheet["warnings"].size();
    }
    std::cout.flush();
    if (lost || doubted) ++failed;
    progress.update(done, sheets, warnings, failed);
  };
  const int ended = run_batch(
      [&] {
        if (format == "csv") tables.emplace(options.output, csv);
        run_isolated(paths, options.run.limits, job, on_result);
        if (tables && sheets == 0) {
          progress.finish();
          std::cerr << "sheetx: no sheet read: the tables in " << printable(options.output) << " are left as they were\n";
          ++failed;
        } else if (tables) {
          tables->finish();
        }
      },
      [&] { progress.finish(); });
  if (ended != kOk) return ended;
  progress.finish();
  const std::size_t files = paths.size() + inputs.problems.size();
  std::cerr << "sheetx: " << files << " files, " << sheets << " sheets, " << warnings << " warnings, " << not_sheets
            << " not sheets, " << failed << " failed\n";
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
      "         find . -name '*.pdf' | sheetx extract - --format csv -o portal/\n"
      "         sheetx extract city-pdfs/ --format csv --csv-bom -o for-excel/   (tables Excel opens)");
  command->add_option("paths", options->paths, "PDF files, folders (searched recursively), or - for a list on stdin")
      ->required();
  command->add_option("-o,--output", options->output, "Folder to write into (mirrors the input folders)");
  command->add_option("-f,--format", options->format,
                      "json: a file per sheet (default with -o); jsonl: a sheet a line on stdout (default "
                      "without -o); csv: the portal tables and datapackage.json")
      ->check(CLI::IsMember({"json", "jsonl", "csv"}));
  command->add_flag("--csv-bom", options->csv.byte_order_mark,
                    "csv: start each table with a UTF-8 byte order mark, which Excel needs to show Japanese "
                    "text (default: none, as the open-data guideline asks)");
  command->add_flag("--excel", options->excel,
                    "csv: tables for Excel: --csv-bom, and text cells that Excel would run as a formula (starting "
                    "= + - @, tab or CR) written with a leading ' and a warning each");
  command->add_flag("--strict", options->strict,
                    "Fail (exit 1) on a sheet with any warning that doubts the reading, and on a PDF that is no "
                    "review sheet; their records are still written");
  add_run_options(*command, options->run);
  command->callback([options] { set_exit_code(run_extract(*options)); });
}

}  // namespace sheetx::cli
