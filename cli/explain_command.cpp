// sheetx explain FILE.pdf [--field PATH] [--page N] [--format text|json] [--rules FILE]...: for
// each rule of the rule file, the cells it looked at and why it took or passed over each. The
// trace is the rules library's (Reader::explain); this file only filters and formats it.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "printable.h"
#include "run_options.h"
#include "worker_pool.h"
#include "sheetx/extractor.h"
#include "sheetx/rules.h"

namespace sheetx::cli {
namespace {

using nlohmann::ordered_json;

struct ExplainOptions {
  std::string path;
  std::vector<std::string> rule_files;
  std::string field;  // only the rules that fill this field (or a field under it)
  int page = 0;       // only the looks on this page; 0: all
  std::string format = "text";
  Limits limits;
  int max_pages = 2000;
};

bool fills(const rules::RuleTrace& rule, const std::string& field) {
  if (field.empty()) return true;
  for (const auto& f : rule.fields)
    if (f == field || f.starts_with(field + ".")) return true;
  return false;
}

// The trace as asked for: the rules of the field, the looks on the page (a rule that looked at
// nothing there is left out, unless it looked at nothing at all: a table it never found).
std::vector<rules::RuleTrace> chosen(const rules::SheetTrace& sheet, const ExplainOptions& options) {
  std::vector<rules::RuleTrace> out;
  for (auto rule : sheet.rules) {
    if (!fills(rule, options.field)) continue;
    if (options.page) {
      const bool looked = !rule.looks.empty();
      std::erase_if(rule.looks, [&](const rules::Look& l) { return l.page != options.page; });
      if (looked && rule.looks.empty()) continue;
    }
    out.push_back(std::move(rule));
  }
  return out;
}

std::string box_text(const extractor::Box& b) {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "[%.1f %.1f %.1f %.1f]", b.x0, b.y0, b.x1, b.y1);
  return buffer;
}

ordered_json box_json(const extractor::Box& b) {
  ordered_json out = ordered_json::array();
  for (double v : {b.x0, b.y0, b.x1, b.y1}) out.push_back(std::round(v * 100) / 100);
  return out;
}

// A look's text on one line of the report: its line breaks shown as \n.
std::string one_line(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\\n") : std::string(1, c);
  return out;
}

// Cells a rule that matched passed over are many on a page (a legend rule tries every line):
// the text report shows a few; --format json lists them all. A rule that missed shows all.
constexpr std::size_t kPassedOverShown = 5;

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

void print_text(const std::string& path, const rules::Reading& reading, const ExplainOptions& options) {
  for (std::size_t s = 0; s < reading.traces.size(); ++s) {
    const auto& trace = reading.traces[s];
    std::cout << path << ": sheet " << s + 1 << " (pages " << trace.first_page << "–" << trace.last_page
              << "), read with " << trace.rule_file << "\n";
    for (const auto& rule : chosen(trace, options)) {
      std::cout << "\n" << (rule.matched ? "ok   " : "MISS ") << rule.rule << "  " << rule.kind;
      if (!rule.regex.empty()) std::cout << " '" << rule.regex << "'";
      std::cout << " -> " << joined(rule.fields) << "\n     " << rule.result << "\n";
      std::size_t passed_over = 0;
      for (const auto& look : rule.looks) {
        if (rule.matched && !look.matched && ++passed_over > kPassedOverShown) continue;
        std::cout << "     " << (look.matched ? "+ " : "- ") << "p" << look.page << " " << box_text(look.box) << " «"
                  << one_line(look.text) << "»: " << look.outcome << "\n";
      }
      if (passed_over > kPassedOverShown)
        std::cout << "     … and " << passed_over - kPassedOverShown << " more it passed over (--format json lists all)\n";
    }
    const auto& warnings = reading.sheets[s].warnings;
    if (!warnings.empty()) std::cout << "\nwarnings:\n";
    for (const auto& w : warnings) {
      if (options.page && (!w.at || w.at->page != options.page)) continue;
      std::cout << "  " << w.code;
      if (!w.rule.empty()) std::cout << " (" << w.rule << ")";
      if (w.at) std::cout << " p" << w.at->page;
      std::cout << ": " << w.message << "\n";
    }
  }
}

void print_json(const std::string& path, const rules::Reading& reading, const ExplainOptions& options) {
  ordered_json sheets = ordered_json::array();
  for (std::size_t s = 0; s < reading.traces.size(); ++s) {
    const auto& trace = reading.traces[s];
    ordered_json rules = ordered_json::array();
    for (const auto& rule : chosen(trace, options)) {
      ordered_json looks = ordered_json::array();
      for (const auto& look : rule.looks)
        looks.push_back({{"page", look.page}, {"box", box_json(look.box)}, {"text", look.text},
                         {"matched", look.matched}, {"outcome", look.outcome}});
      rules.push_back({{"rule", rule.rule}, {"kind", rule.kind}, {"regex", rule.regex}, {"fields", rule.fields},
                       {"matched", rule.matched}, {"result", rule.result}, {"looks", looks}});
    }
    ordered_json warnings = ordered_json::array();
    for (const auto& w : reading.sheets[s].warnings) {
      if (options.page && (!w.at || w.at->page != options.page)) continue;
      ordered_json warning = {{"code", w.code}, {"message", w.message}};
      if (!w.rule.empty()) warning["rule"] = w.rule;
      if (w.at) warning["page"] = w.at->page;
      warnings.push_back(std::move(warning));
    }
    sheets.push_back({{"first_page", trace.first_page}, {"last_page", trace.last_page},
                      {"rule_file", trace.rule_file}, {"rules", rules}, {"warnings", warnings}});
  }
  std::cout << ordered_json{{"path", path}, {"sheets", sheets}}.dump(1) << "\n";
}

// In the worker: the trace, formatted, then escaped (printable) as it goes to stdout: its text is
// the PDF's.
nlohmann::ordered_json print_explanation(const std::string& path, const rules::Reader& reader,
                                         const ExplainOptions& options) {
  extractor::Settings settings;
  settings.max_pages = options.max_pages;
  for (const auto& ruleset : reader.rulesets())
    for (const std::string& setting : ruleset.extractor_settings()) extractor::set_setting(settings, setting);
  rules::Reading reading;
  try {
    reading = reader.explain(extractor::extract_file(path, settings));
  } catch (const extractor::ExtractError& e) {
    throw std::runtime_error(e.cause());  // the caller names the file
  } catch (const rules::NoRuleMatches& e) {
    throw PrintableError("not a review sheet (title seen \"" + printable(e.title()) + "\")");
  }
  std::ostringstream out;
  std::streambuf* const stdout_buffer = std::cout.rdbuf(out.rdbuf());
  if (options.format == "json") print_json(path, reading, options);
  else print_text(path, reading, options);
  std::cout.rdbuf(stdout_buffer);
  if (options.format == "json") {
    std::cout << printable(out.str(), Escaping::kJson);
  } else {
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);) std::cout << printable(line) << "\n";
  }
  std::cout.flush();
  return nullptr;
}

int run_explain(const ExplainOptions& options) {
  std::optional<rules::Reader> reader;  // built before the worker forks
  try {
    reader.emplace(load_rulesets(options.rule_files));
  } catch (const rules::RuleFileError& e) {
    std::cerr << "sheetx: " << printable(e.what()) << "\n";
    return kUsage;
  }
  const Job job = [&](const std::string& path) { return print_explanation(path, *reader, options); };
  return run_on_one_pdf(options.path, options.limits, job);
}

}  // namespace

void add_explain_command(CLI::App& app) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* command = add_one_pdf_command(
      app, "explain",
      "Show, for each rule of the rule file (FILE:LINE), the cells it looked at (page, box, the text its regex "
      "saw), what it took and why it passed over the rest; then the sheet's warnings.",
      "Example: sheetx explain samples/taito-35.pdf --field activity.plan --page 2", options->path);
  add_rules_option(*command, options->rule_files);
  command->add_option("--field", options->field,
                      "Only the rules that fill this field or those under it: measure.grade_label, activity.plan, "
                      "year.actual, indicator, measure…");
  command->add_option("--page", options->page, "Only what the rules looked at on this page")->check(CLI::PositiveNumber);
  command->add_option("-f,--format", options->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  add_limit_options(*command, options->limits, options->max_pages);
  command->callback([options] { set_exit_code(run_explain(*options)); });
}

}  // namespace sheetx::cli
