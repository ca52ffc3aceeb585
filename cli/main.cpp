// sheetx: review sheets (検証シート) of Japanese cities, from PDF to open data.
#include <iostream>

#include "commands.h"

namespace sheetx::cli {
namespace {
int exit_code = kOk;
}
void set_exit_code(int code) { exit_code = code; }
}  // namespace sheetx::cli

int main(int argc, char** argv) {
  CLI::App app{"sheetx: turns the review sheets (検証シート) that Japanese cities publish as PDF into open data"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "sheetx 0.1.0");
  sheetx::cli::add_extract_command(app);
  sheetx::cli::add_check_command(app);
  sheetx::cli::add_inspect_command(app);
  sheetx::cli::add_explain_command(app);
  sheetx::cli::add_layout_command(app);
  sheetx::cli::add_value_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? sheetx::cli::kOk : sheetx::cli::kUsage;
  }
  return sheetx::cli::exit_code;
}
