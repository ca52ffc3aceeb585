// sheetx value TEXT... [--year | --period] [--counter WORD]...: what the normalizer makes of a
// cell's text, one JSON object a line, so that a rule author can try a cell by hand.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "printable.h"
#include "sheetx/normalizer.h"
#include "sheetx/records.h"

namespace sheetx::cli {
namespace {

struct ValueOptions {
  std::vector<std::string> texts;
  bool year = false;
  bool period = false;
  std::vector<std::string> counters;
};

// A shell argument cannot easily hold a line break: "年19社\n(年15社)" typed with a backslash
// stands for the two printed lines of one cell.
std::string join_lines(const std::string& argument) {
  std::string text;
  for (std::size_t i = 0; i < argument.size(); ++i) {
    if (argument[i] == '\\' && i + 1 < argument.size() && argument[i + 1] == 'n') {
      text += '\n';
      ++i;
    } else {
      text += argument[i];
    }
  }
  return text;
}

// The record format's quantity plus what the rules layer sees besides: the baseline's
// parentheses and the problems. Returns whether the text was read without problems.
bool describe_quantity(const normalizer::Normalizer& normalizer, const std::string& text,
                       nlohmann::ordered_json& out) {
  const normalizer::Quantity quantity = normalizer.quantity(text);
  out = records::to_json(quantity);
  if (quantity.parenthesized) out["parenthesized"] = true;
  if (!quantity.problems.empty()) out["problems"] = quantity.problems;
  return quantity.problems.empty();
}

bool describe_year(const normalizer::Normalizer& normalizer, const std::string& text,
                   nlohmann::ordered_json& out) {
  out = {{"text", text}, {"fiscal_year", nullptr}};
  const std::optional<normalizer::FiscalYear> year = normalizer.fiscal_year(text);
  if (!year) return false;
  out["fiscal_year"] = year->year;
  out["how"] = year->how;
  if (year->year_end) out["year_end"] = true;
  if (year->estimate) out["estimate"] = true;
  if (!year->warnings.empty()) out["warnings"] = year->warnings;
  return true;
}

bool describe_period(const normalizer::Normalizer& normalizer, const std::string& text,
                     nlohmann::ordered_json& out) {
  out = {{"label", text}, {"from_fiscal_year", nullptr}, {"to_fiscal_year", nullptr}};
  const std::optional<normalizer::Period> period = normalizer.period(text);
  if (!period) return false;
  out["from_fiscal_year"] = period->from_fiscal_year;
  out["to_fiscal_year"] = period->to_fiscal_year;
  if (!period->warnings.empty()) out["warnings"] = period->warnings;
  return true;
}

}  // namespace

void add_value_command(CLI::App& app) {
  auto options = std::make_shared<ValueOptions>();
  CLI::App* command = app.add_subcommand(
      "value", "Print what the normalizer reads in each TEXT, one JSON object a line "
               "(exit 1 when a text could not be fully read)");
  command->footer(
      "Example: sheetx value '年19社\\n(年15社)' '約1,200人' '1～3回' '50％以上' '実施'\n"
      "  prints value, unit and the qualifiers of each (approximate, bound, range_to, status);\n"
      "  sheetx value --year 'R２(2020)\\n年度末' prints the fiscal year 2020.");
  command->add_option("text", options->texts, R"(A cell's text; write \n between its printed lines)")
      ->required();
  auto* year = command->add_flag("--year", options->year,
                                 "Read the fiscal year a column header names (令和元年度, R２(2020)年度末)");
  command->add_flag("--period", options->period, "Read a period label (令和元～２年度)")
      ->excludes(year);
  command->add_option("--counter", options->counters,
                      "An extra counter word, as a rule file adds one (repeatable)");
  command->callback([options] {
    try {
      const normalizer::Normalizer normalizer(options->counters);
      bool all_read = true;
      for (const std::string& argument : options->texts) {
        const std::string text = join_lines(argument);
        nlohmann::ordered_json out;
        const bool read = options->year     ? describe_year(normalizer, text, out)
                          : options->period ? describe_period(normalizer, text, out)
                                            : describe_quantity(normalizer, text, out);
        all_read = all_read && read;
        std::cout << printable(out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
                               Escaping::kJson)
                  << '\n';
      }
      set_exit_code(all_read ? kOk : kFailed);
    } catch (const normalizer::NormalizerError& error) {
      std::cerr << "sheetx value: " << printable(error.what()) << '\n';
      set_exit_code(kFailed);
    }
  });
}

}  // namespace sheetx::cli
