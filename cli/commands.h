// The sheetx command's subcommands. Each lives in its own <name>_command.cpp, registers itself
// on the CLI11 app, and only wires the libraries together: no extraction or parsing logic here.
#pragma once

#include <CLI/CLI.hpp>

namespace sheetx::cli {

// Each returns nothing; the subcommand's callback sets the process exit code through ExitCode.
void add_layout_command(CLI::App& app);   // sheetx layout FILE.pdf [--page N]
void add_value_command(CLI::App& app);    // sheetx value TEXT... [--year]
void add_extract_command(CLI::App& app);  // sheetx extract PATH... [-o DIR] [--format ...]
void add_check_command(CLI::App& app);    // sheetx check [DIR...] [--update]
void add_inspect_command(CLI::App& app);  // sheetx inspect FILE.pdf [-o report.html] [--rules FILE]
void add_explain_command(CLI::App& app);  // sheetx explain FILE.pdf [--field PATH] [--page N] [--format text|json]

// Exit codes shared by all subcommands.
// kInterrupted: SIGINT or SIGTERM ended the run (workers ended, temporaries removed).
enum ExitCode : int { kOk = 0, kFailed = 1, kUsage = 2, kInterrupted = 130 };

// The exit code that the running subcommand asks for (set from its callback).
void set_exit_code(int code);

}  // namespace sheetx::cli
