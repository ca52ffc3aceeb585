// sheetx layout FILE.pdf [--page N] [--words] [--annotations] [--setting NAME=VALUE]: what the
// extractor found on each page, as JSON, written page by page from a worker process under the limits.
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "printable.h"
#include "run_options.h"
#include "sheet_job.h"
#include "sheetx/extractor.h"

namespace sheetx::cli {
namespace {

using nlohmann::ordered_json;
namespace ex = sheetx::extractor;

// Positions to a hundredth of a point: finer digits are float noise, not what the PDF says.
double pt(double v) { return std::round(v * 100) / 100; }
ordered_json points(const std::vector<double>& vs) {
  ordered_json out = ordered_json::array();
  for (double v : vs) out.push_back(pt(v));
  return out;
}
ordered_json box_json(const ex::Box& b) { return points({b.x0, b.y0, b.x1, b.y1}); }

ordered_json page_json(const ex::Page& page, bool with_words) {
  ordered_json tables = ordered_json::array();
  for (const ex::Table& t : page.tables) {
    ordered_json cells = ordered_json::array();
    for (const ex::Cell& c : t.cells) {
      cells.push_back({{"row", c.row}, {"col", c.col}, {"row_span", c.row_span}, {"col_span", c.col_span},
                       {"box", box_json(c.box)}, {"text", c.text}, {"lines", c.lines}});
    }
    tables.push_back({{"box", box_json(t.box)}, {"rows", t.rows}, {"cols", t.cols}, {"rotation", t.rotation},
                      {"row_edges", points(t.row_edges)}, {"col_edges", points(t.col_edges)}, {"cells", cells}});
  }
  ordered_json edges = ordered_json::array();
  for (const ex::Edge& e : page.edges) edges.push_back(points({e.x0, e.y0, e.x1, e.y1}));
  ordered_json blocks = ordered_json::array();
  for (const ex::TextBlock& b : page.blocks) blocks.push_back({{"box", box_json(b.box)}, {"text", b.text}, {"lines", b.lines}});
  ordered_json marks = ordered_json::array();
  for (const ex::Box& m : page.marks) marks.push_back(box_json(m));
  ordered_json out = {{"number", page.number}, {"width", pt(page.width)}, {"height", pt(page.height)},
                      {"rotation", page.rotation}, {"tables", tables}, {"blocks", blocks}, {"edges", edges},
                      {"marks", marks}};
  if (!page.annotations.empty()) {
    ordered_json& annotations = out["annotations"] = ordered_json::array();
    for (const ex::Annotation& a : page.annotations) {
      annotations.push_back({{"subtype", a.subtype}, {"box", box_json(a.box)}, {"text", a.text}});
    }
  }
  if (with_words) {
    ordered_json& words = out["words"] = ordered_json::array();
    for (const ex::Word& w : page.words) {
      words.push_back({{"text", w.text}, {"box", box_json(w.box)}, {"font", w.font}, {"size", w.size},
                       {"rotation", w.rotation}});
    }
  }
  return out;
}

struct LayoutOptions {
  std::string path;
  int page = 0;
  bool words = false;
  bool annotations = false;
  std::vector<std::string> settings;  // --setting NAME=VALUE
  ex::Settings extractor;             // made from the above before the worker starts
  Limits limits;
  int max_pages = 2000;
};

// In the worker: the layout JSON written page by page as each is read, so that memory holds one
// page whatever the file's length. Its text is escaped as JSON escapes it (printable()).
nlohmann::ordered_json print_layout(const std::string& path, const LayoutOptions& options) {
  ex::Settings settings = options.extractor;
  settings.max_pages = options.max_pages;
  settings.annotations = options.annotations;
  if (options.page > 0) settings.first_page = settings.last_page = options.page;
  const std::string bytes = extractor::read_file(path);
  ex::PdfReader reader(bytes, settings);
  // A value dumped as part of the whole document: its lines indented as deep as it sits.
  auto print = [](const ordered_json& value, std::string_view indent) {
    const std::string text = value.dump(1, ' ', false, ordered_json::error_handler_t::replace);
    std::string indented;
    indented.reserve(text.size() + text.size() / 8);
    for (char c : text) {
      indented += c;
      if (c == '\n') indented += indent;
    }
    std::cout << printable(indented, Escaping::kJson);
  };
  std::cout << "{\n \"path\": ";
  print(path, "");
  std::cout << ",\n \"page_count\": " << reader.page_count() << ",\n \"pages\": [";
  bool first = true;
  for (int n = reader.first_page(); n <= reader.last_page(); ++n) {
    ex::Page page;
    if (!reader.read(n, page)) continue;
    std::cout << (first ? "\n  " : ",\n  ");
    first = false;
    print(page_json(page, options.words), "  ");
  }
  std::cout << (first ? "],\n \"warnings\": " : "\n ],\n \"warnings\": ");
  print(reader.warnings(), " ");
  std::cout << "\n}\n";
  return nullptr;
}

}  // namespace

void add_layout_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "layout",
      "Print what the extractor finds on each page (cells, edges (ruling lines), free text) as JSON, page by page.\n"
      "The PDF is read in a worker process under --timeout, --max-memory and --max-pages.\n"
      "Example: sheetx layout samples/taito-35.pdf --page 2\n"
      "         sheetx layout samples/taito-35.pdf --words | jq '.pages[0].words[0]'");
  auto options = std::make_shared<LayoutOptions>();
  cmd->add_option("file", options->path, "the PDF")->required();
  cmd->add_option("--page", options->page, "only this page (1-based)")->check(CLI::PositiveNumber);
  cmd->add_flag("--words", options->words, "also print every text run (text, box, font, size, rotation)");
  cmd->add_flag("--annotations", options->annotations,
                "also list the annotations a reader added (subtype, box, text), apart from the page's content");
  add_setting_option(*cmd, options->settings);
  add_limit_options(*cmd, options->limits, options->max_pages);
  cmd->callback([options] {
    try {
      for (const std::string& setting : options->settings) ex::set_setting(options->extractor, setting);
    } catch (const std::invalid_argument& e) {
      std::cerr << "sheetx: " << e.what() << '\n';
      set_exit_code(kUsage);
      return;
    }
    const Job job = [&](const std::string& path) { return print_layout(path, *options); };
    set_exit_code(run_on_one_pdf(options->path, options->limits, job));
  });
}

}  // namespace sheetx::cli
