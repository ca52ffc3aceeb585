// sheetx layout FILE.pdf [--page N] [--words] [--annotations] [--setting NAME=VALUE]: what the
// extractor found on each page, as JSON.
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "run_options.h"
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
  ordered_json rules = ordered_json::array();
  for (const ex::Rule& r : page.rules) rules.push_back(points({r.x0, r.y0, r.x1, r.y1}));
  ordered_json blocks = ordered_json::array();
  for (const ex::TextBlock& b : page.blocks) blocks.push_back({{"box", box_json(b.box)}, {"text", b.text}, {"lines", b.lines}});
  ordered_json out = {{"number", page.number}, {"width", pt(page.width)}, {"height", pt(page.height)},
                      {"rotation", page.rotation}, {"tables", tables}, {"blocks", blocks}, {"rules", rules}};
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

}  // namespace

void add_layout_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("layout", "Print what the extractor finds on each page (cells, rules, free text) as JSON");
  struct Options {
    std::string path;
    int page = 0;
    bool words = false;
    bool annotations = false;
    std::vector<std::string> settings;
  };
  auto options = std::make_shared<Options>();
  cmd->add_option("file", options->path, "the PDF")->required();
  cmd->add_option("--page", options->page, "only this page (1-based)")->check(CLI::PositiveNumber);
  cmd->add_flag("--words", options->words, "also print every text run (text, box, font, size, rotation)");
  cmd->add_flag("--annotations", options->annotations,
                "also list the annotations a reader added (subtype, box, text), apart from the page's content");
  add_setting_option(*cmd, options->settings);
  cmd->callback([options] {
    ex::Settings settings;
    if (options->page > 0) settings.first_page = settings.last_page = options->page;
    settings.annotations = options->annotations;
    try {
      for (const std::string& setting : options->settings) ex::set_setting(settings, setting);
    } catch (const std::invalid_argument& e) {
      std::cerr << "sheetx: " << e.what() << '\n';
      set_exit_code(kUsage);
      return;
    }
    try {
      ex::Document doc = ex::extract_file(options->path, settings);
      ordered_json pages = ordered_json::array();
      for (const ex::Page& p : doc.pages) pages.push_back(page_json(p, options->words));
      ordered_json out = {{"path", doc.path}, {"page_count", doc.page_count}, {"pages", pages}, {"warnings", doc.warnings}};
      std::cout << out.dump(1, ' ', false, ordered_json::error_handler_t::replace) << '\n';
      set_exit_code(kOk);
    } catch (const ex::ExtractError& e) {
      std::cerr << "sheetx: " << options->path << ": " << e.cause() << '\n';
      set_exit_code(kFailed);
    } catch (const std::exception& e) {
      std::cerr << "sheetx: " << options->path << ": " << e.what() << '\n';
      set_exit_code(kFailed);
    }
  });
}

}  // namespace sheetx::cli
