// sheetx layout FILE.pdf [--page N] [--words] [--annotations] [--setting NAME=VALUE]: what the
// extractor found on each page, as JSON, written page by page from a worker process under the limits.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <span>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "printable.h"
#include "run_options.h"
#include "sheet_job.h"
#include "sheetx/extractor.h"

namespace sheetx::cli {
namespace {

namespace ex = sheetx::extractor;

// Positions to a hundredth of a point: finer digits are float noise, not what the PDF says.
double pt(double v) { return std::round(v * 100) / 100; }

// Writes JSON laid out as nlohmann's dump(1) lays it out (a level a space), straight into a
// string: building a json tree of each page and dumping it cost a quarter of a `layout` run
// (16 M instructions on a 3-page sheet, bench/RESULTS.md). Text is escaped as the dump escapes
// it, then by printable() (bidi and invisible characters as \u escapes).
class JsonWriter {
 public:
  JsonWriter(std::string& out, std::string_view indent) : out_(out), indent_(indent) {}

  JsonWriter& open(char bracket) {  // '[' or '{'
    out_ += bracket;
    empty_.push_back(true);
    return *this;
  }
  JsonWriter& close(char bracket) {
    const bool empty = empty_.back();
    empty_.pop_back();
    if (!empty) new_line();
    out_ += bracket;
    return *this;
  }
  // Before each element of an array.
  JsonWriter& next() {
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
    new_line();
    return *this;
  }
  JsonWriter& key(std::string_view name) {
    next().text(name);
    out_ += ": ";
    return *this;
  }
  JsonWriter& integer(long long value) {
    out_ += std::to_string(value);
    return *this;
  }
  JsonWriter& number(double value) {
    if (!std::isfinite(value)) {
      out_ += "null";
    } else if (value != 0 && (std::fabs(value) < 1e-4 || std::fabs(value) >= 1e15)) {
      out_ += nlohmann::json(value).dump();  // exponent notation, as the dump writes it
    } else {
      char digits[64];
      const auto end = std::to_chars(digits, digits + sizeof digits, value, std::chars_format::fixed).ptr;
      out_.append(digits, end);
      if (std::find(digits, end, '.') == end) out_ += ".0";  // a double stays a double: 12.0
    }
    return *this;
  }
  JsonWriter& text(std::string_view value) {
    std::string escaped;
    for (const char c : value) {
      switch (c) {
        case '"': escaped += "\\\""; break;
        case '\\': escaped += "\\\\"; break;
        case '\b': escaped += "\\b"; break;
        case '\f': escaped += "\\f"; break;
        case '\n': escaped += "\\n"; break;
        case '\r': escaped += "\\r"; break;
        case '\t': escaped += "\\t"; break;
        default:
          if (static_cast<unsigned char>(c) < 0x20) {
            char unit[8];
            std::snprintf(unit, sizeof unit, "\\u%04x", static_cast<unsigned>(c));
            escaped += unit;
          } else {
            escaped += c;
          }
      }
    }
    out_ += '"';
    out_ += printable(escaped, Escaping::kJson);
    out_ += '"';
    return *this;
  }
  JsonWriter& box(const ex::Box& b) { return points({b.x0, b.y0, b.x1, b.y1}); }
  JsonWriter& points(std::initializer_list<double> values) { return points(std::span(values.begin(), values.size())); }
  JsonWriter& points(std::span<const double> values) {
    open('[');
    for (double v : values) next().number(pt(v));
    return close(']');
  }
  JsonWriter& lines(const std::vector<std::string>& values) {
    open('[');
    for (const std::string& v : values) next().text(v);
    return close(']');
  }

 private:
  void new_line() {
    out_ += '\n';
    out_ += indent_;
    out_.append(empty_.size(), ' ');
  }

  std::string& out_;
  std::string indent_;
  std::vector<bool> empty_;  // per open array or object: nothing in it yet
};

void write_page(JsonWriter& json, const ex::Page& page, bool with_words) {
  json.open('{');
  json.key("number").integer(page.number).key("width").number(pt(page.width)).key("height").number(pt(page.height));
  json.key("rotation").integer(page.rotation).key("tables").open('[');
  for (const ex::Table& t : page.tables) {
    json.next().open('{').key("box").box(t.box).key("rows").integer(t.rows).key("cols").integer(t.cols);
    json.key("rotation").integer(t.rotation).key("row_edges").points(t.row_edges).key("col_edges").points(t.col_edges);
    json.key("cells").open('[');
    for (const ex::Cell& c : t.cells) {
      json.next().open('{').key("row").integer(c.row).key("col").integer(c.col).key("row_span").integer(c.row_span);
      json.key("col_span").integer(c.col_span).key("box").box(c.box).key("text").text(c.text).key("lines").lines(c.lines);
      json.close('}');
    }
    json.close(']').close('}');
  }
  json.close(']').key("blocks").open('[');
  for (const ex::TextBlock& b : page.blocks) {
    json.next().open('{').key("box").box(b.box).key("text").text(b.text).key("lines").lines(b.lines).close('}');
  }
  json.close(']').key("edges").open('[');
  for (const ex::Edge& e : page.edges) json.next().points({e.x0, e.y0, e.x1, e.y1});
  json.close(']').key("marks").open('[');
  for (const ex::Box& m : page.marks) json.next().box(m);
  json.close(']');
  if (!page.annotations.empty()) {
    json.key("annotations").open('[');
    for (const ex::Annotation& a : page.annotations) {
      json.next().open('{').key("subtype").text(a.subtype).key("box").box(a.box).key("text").text(a.text).close('}');
    }
    json.close(']');
  }
  if (with_words) {
    json.key("words").open('[');
    for (const ex::Word& w : page.words) {
      json.next().open('{').key("text").text(w.text).key("box").box(w.box).key("font").text(w.font);
      json.key("size").number(w.size).key("rotation").integer(w.rotation).close('}');
    }
    json.close(']');
  }
  json.close('}');
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
  std::string out = "{\n \"path\": ";
  JsonWriter(out, "").text(path);
  out += ",\n \"page_count\": " + std::to_string(reader.page_count()) + ",\n \"pages\": [";
  std::cout << out;
  bool first = true;
  for (int n = reader.first_page(); n <= reader.last_page(); ++n) {
    ex::Page page;
    if (!reader.read(n, page)) continue;
    out = first ? "\n  " : ",\n  ";
    first = false;
    JsonWriter json(out, "  ");
    write_page(json, page, options.words);
    std::cout << out;
  }
  out = first ? "],\n \"warnings\": " : "\n ],\n \"warnings\": ";
  JsonWriter warnings(out, " ");
  warnings.lines(reader.warnings());
  std::cout << out << "\n}\n";
  return nullptr;
}

}  // namespace

void add_layout_command(CLI::App& app) {
  auto options = std::make_shared<LayoutOptions>();
  auto* cmd = add_one_pdf_command(
      app, "layout",
      "Print what the extractor finds on each page (cells, edges (ruling lines), free text) as JSON, page by page.",
      "Example: sheetx layout samples/taito-35.pdf --page 2\n"
      "         sheetx layout samples/taito-35.pdf --words | jq '.pages[0].words[0]'",
      options->path);
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
