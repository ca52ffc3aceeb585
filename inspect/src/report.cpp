// The report: the extractor's layout and the rules' readings of each page, as one HTML file.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "page_image.h"
#include "report_assets.h"
#include "sheetx/inspect.h"

namespace sheetx::inspect {
namespace {

namespace ex = extractor;
using nlohmann::ordered_json;

// Boxes of the same cell agree to rounding; rule uses and records carry the extractor's box.
constexpr double kBoxTolerance = 0.5;

bool same_box(const ex::Box& a, const ex::Box& b) {
  return std::abs(a.x0 - b.x0) <= kBoxTolerance && std::abs(a.y0 - b.y0) <= kBoxTolerance &&
         std::abs(a.x1 - b.x1) <= kBoxTolerance && std::abs(a.y1 - b.y1) <= kBoxTolerance;
}

ex::Box box_of(const ordered_json& at) {
  const auto& b = at.at("box");
  return {b.at(0).get<double>(), b.at(1).get<double>(), b.at(2).get<double>(), b.at(3).get<double>()};
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string points(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

// "1 sheet", "3 sheets": English plurals for the counts the report shows.
std::string count(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string rect_attributes(const ex::Box& box) {
  return "x=\"" + points(box.x0) + "\" y=\"" + points(box.y0) + "\" width=\"" + points(box.width()) +
         "\" height=\"" + points(box.height()) + "\"";
}

// "measure.name" -> "f-measure": the colour of a field is the colour of its part of the record.
std::string field_class(const std::string& field) {
  const std::string part = field.substr(0, field.find('.'));
  for (const char* known : {"measure", "indicator", "project", "activity", "year", "header"})
    if (part == known) return "f-" + part;
  return "f-other";
}

// One thing drawn over a page: a cell, a free text block, or a place a rule read that is neither.
struct Mark {
  std::string id, kind;  // kind: "cell", "block" or "use"
  ex::Box box;
  std::string text, where;
  std::vector<std::string> fields;    // rule fields it fed, in reading order, each once
  std::vector<std::string> rules;     // the rules that read it: "FILE:LINE field (what gave it)"
  std::vector<std::string> values;    // the normalized quantities read from it, as JSON
  std::vector<std::string> warnings;  // "code: message"
};

struct PageWarning {
  std::string mark_id, code, message;
};

// A page as the report shows it: its marks and the warnings that point into it.
class PageView {
 public:
  explicit PageView(const ex::Page& page) : page_(page) {
    const std::string prefix = "p" + std::to_string(page.number);
    for (std::size_t t = 0; t < page.tables.size(); ++t) {
      const ex::Table& table = page.tables[t];
      for (const ex::Cell& cell : table.cells) {
        std::string where = "table " + std::to_string(t + 1) + ", row " + std::to_string(cell.row + 1) + ", column " +
                            std::to_string(cell.col + 1);
        if (cell.row_span > 1) where += ", " + std::to_string(cell.row_span) + " rows";
        if (cell.col_span > 1) where += ", " + std::to_string(cell.col_span) + " columns";
        if (table.rotation != 0) where += " (text turned " + std::to_string(table.rotation) + "°)";
        marks_.push_back({prefix + "-t" + std::to_string(t + 1) + "-r" + std::to_string(cell.row + 1) + "-c" +
                              std::to_string(cell.col + 1),
                          "cell", cell.box, cell.text, where, {}, {}, {}, {}});
      }
    }
    for (std::size_t b = 0; b < page.blocks.size(); ++b) {
      marks_.push_back({prefix + "-b" + std::to_string(b + 1), "block", page.blocks[b].box, page.blocks[b].text,
                        "free text block " + std::to_string(b + 1), {}, {}, {}, {}});
    }
  }

  // The mark at box; a place that is no cell or block becomes a mark of its own.
  Mark& at(const ex::Box& box) {
    for (Mark& mark : marks_)
      if (same_box(mark.box, box)) return mark;
    marks_.push_back({"p" + std::to_string(page_.number) + "-u" + std::to_string(marks_.size() + 1), "use", box, "",
                      "a place a rule read that is no cell or block", {}, {}, {}, {}});
    return marks_.back();
  }

  void add_use(const rules::CellUse& use) {
    Mark& mark = at(use.box);
    if (std::find(mark.fields.begin(), mark.fields.end(), use.field) == mark.fields.end()) mark.fields.push_back(use.field);
    const std::string rule = use.rule + " " + use.field + (use.detail.empty() ? "" : ": " + use.detail);
    if (std::find(mark.rules.begin(), mark.rules.end(), rule) == mark.rules.end()) mark.rules.push_back(rule);
  }

  void add_warning(const ex::Box& box, const std::string& code, const std::string& message) {
    Mark& mark = at(box);
    mark.warnings.push_back(code + ": " + message);
    warnings_.push_back({mark.id, code, message});
  }

  const ex::Page& page() const { return page_; }
  const std::vector<Mark>& marks() const { return marks_; }
  const std::vector<PageWarning>& warnings() const { return warnings_; }
  std::size_t used() const {
    return std::count_if(marks_.begin(), marks_.end(), [](const Mark& m) { return !m.fields.empty(); });
  }

 private:
  const ex::Page& page_;
  std::vector<Mark> marks_;
  std::vector<PageWarning> warnings_;
};

// What the rules made of the document: its sheets as records, or why there are none.
struct Reading {
  std::vector<ordered_json> sheets;
  std::string no_match;  // NoRuleMatches' message, when no rule matched
  std::vector<PageWarning> loose_warnings;  // sheet warnings that name no place
};

// Every quantity in a record carries `at`: note its normalized form on the mark it was read from,
// with the fiscal year of the entry it belongs to (a year's target and actual do not carry it).
void note_quantities(const ordered_json& node, std::map<int, PageView*>& views,
                     const ordered_json* fiscal_year = nullptr) {
  if (node.is_object() && node.contains("at") && node.contains("raw")) {
    const auto& at = node.at("at");
    if (auto view = views.find(at.at("page").get<int>()); view != views.end()) {
      ordered_json value = node;
      value.erase("at");
      if (fiscal_year && !value.contains("fiscal_year")) value["fiscal_year"] = *fiscal_year;
      view->second->at(box_of(at)).values.push_back(value.dump(1));
    }
  }
  if (node.is_object() && node.contains("fiscal_year")) fiscal_year = &node.at("fiscal_year");
  if (node.is_structured())
    for (const auto& child : node) note_quantities(child, views, fiscal_year);
}

Reading read(const ex::Document& document, const Options& options, std::map<int, PageView*>& views) {
  Reading reading;
  rules::Reading traced;
  try {
    traced = rules::Reader(options.rulesets).explain(document);
    for (const auto& sheet : traced.sheets) reading.sheets.push_back(records::to_json(sheet));
  } catch (const rules::NoRuleMatches& e) {
    reading.no_match = e.what();
  }
  for (const auto& use : traced.uses)
    if (auto view = views.find(use.page); view != views.end()) view->second->add_use(use);
  for (const auto& sheet : reading.sheets) {
    note_quantities(sheet, views);
    for (const auto& warning : sheet.at("warnings")) {
      const std::string code = warning.at("code"), message = warning.at("message");
      auto view = warning.contains("at") ? views.find(warning.at("at").at("page").get<int>()) : views.end();
      if (view != views.end()) view->second->add_warning(box_of(warning.at("at")), code, message);
      else reading.loose_warnings.push_back({"", code, message});
    }
  }
  return reading;
}

std::string sheet_title(const ordered_json& sheet) {
  const auto& measure = sheet.at("measure");
  std::string title = "施策";
  if (measure.at("number").is_number()) title += measure.at("number").dump();
  if (measure.at("name").is_string()) title += "　" + measure.at("name").get<std::string>();
  return title;
}

const ordered_json* sheet_of_page(const Reading& reading, int page) {
  for (const auto& sheet : reading.sheets) {
    const auto& source = sheet.at("source");
    if (source.at("first_page").get<int>() <= page && page <= source.at("last_page").get<int>()) return &sheet;
  }
  return nullptr;
}

class HtmlWriter {
 public:
  HtmlWriter(const std::string& path, const ex::Document& document, const Options& options)
      : path_(path), document_(document), options_(options) {}

  std::string write(const Reading& reading, const std::vector<PageView>& views,
                    const std::vector<PageImage>& images) {
    std::size_t cells = 0, used = 0;
    for (const auto& view : views) {
      for (const auto& table : view.page().tables) cells += table.cells.size();
      used += view.used();
    }
    out_ << "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
         << "<title>sheetx inspect: " << escape(path_) << "</title>\n<style>\n" << kReportCss << "</style>\n"
         << "</head>\n<body>\n<header>\n<h1>sheetx inspect <span class=\"file\">" << escape(path_) << "</span></h1>\n"
         << "<p class=\"summary\">" << count(document_.pages.size(), "page") << ", <span data-total-cells=\"" << cells
         << "\">" << count(cells, "cell") << "</span>, " << count(used, "place") << " read by rules, "
         << count(reading.sheets.size(), "sheet") << ". Rule files: ";
    for (std::size_t i = 0; i < options_.rulesets.size(); ++i)
      out_ << (i ? ", " : "") << escape(options_.rulesets[i].id()) << " " << escape(options_.rulesets[i].version());
    out_ << ".</p>\n";
    write_sheets(reading);
    write_legend();
    out_ << "<ul id=\"script-errors\" data-count=\"0\"></ul>\n</header>\n<main>\n";
    for (std::size_t i = 0; i < views.size(); ++i) write_page(reading, views[i], images.at(i));
    out_ << "</main>\n<script>\n" << kReportJs << "</script>\n</body>\n</html>\n";
    return out_.str();
  }

 private:
  void write_sheets(const Reading& reading) {
    if (!reading.no_match.empty()) {
      out_ << "<div class=\"no-match\"><strong>No sheet found</strong>: " << escape(reading.no_match)
           << ". A sheet starts on a page whose title a rule file's <code>sheet.title</code> matches; "
              "below is the layout the extractor found, to write or fix that rule against.</div>\n";
    }
    if (!reading.sheets.empty()) {
      out_ << "<ul class=\"sheets\">\n";
      for (const auto& sheet : reading.sheets) {
        const auto& source = sheet.at("source");
        out_ << "<li><a href=\"#page-" << source.at("first_page").get<int>() << "\">" << escape(sheet_title(sheet))
             << "</a>: pages " << source.at("first_page").get<int>() << "–" << source.at("last_page").get<int>() << ", "
             << count(sheet.at("indicators").size(), "indicator") << ", " << count(sheet.at("projects").size(), "project")
             << ", " << count(sheet.at("warnings").size(), "warning") << " (rule file "
             << escape(sheet.at("ruleset").at("id").get<std::string>()) << ")</li>\n";
      }
      out_ << "</ul>\n";
    }
    if (!reading.loose_warnings.empty() || !document_.warnings.empty()) {
      out_ << "<ul class=\"warnings\">\n";
      for (const auto& w : reading.loose_warnings)
        out_ << "<li><b>" << escape(w.code) << "</b> " << escape(w.message) << "</li>\n";
      for (const auto& w : document_.warnings) out_ << "<li><b>pdf</b> " << escape(w) << "</li>\n";
      out_ << "</ul>\n";
    }
  }

  void write_legend() {
    out_ << "<div class=\"legend\">\n";
    for (const auto& [name, label] : std::vector<std::pair<std::string, std::string>>{
             {"measure", "measure 施策"}, {"indicator", "indicator 指標"}, {"project", "project 事業"},
             {"activity", "activity 取り組み"}, {"year", "year column 年度"}, {"header", "table header"}})
      out_ << "<span class=\"key f-" << name << "\"><i></i>" << escape(label) << "</span>\n";
    out_ << "<span class=\"key plain\"><i></i>cell no rule read</span>\n"
         << "<span class=\"key block\"><i></i>free text block</span>\n"
         << "<span class=\"key edge\"><i></i>ruling line</span>\n"
         << "<span class=\"key drawn\"><i></i>drawn mark (a curve round a word)</span>\n"
         << "<span class=\"key warned\"><i></i>warning</span>\n";
    out_ << "<span class=\"layers\">Show:\n";
    for (const auto& [layer, label] : std::vector<std::pair<std::string, std::string>>{
             {"image", "page image"}, {"edges", "ruling lines"}, {"marks", "drawn marks"}, {"cells", "cells"}, {"blocks", "text blocks"}})
      out_ << "<label><input type=\"checkbox\" checked data-layer=\"" << layer << "\"> " << label << "</label>\n";
    out_ << "</span>\n</div>\n";
  }

  void write_page(const Reading& reading, const PageView& view, const PageImage& image) {
    const ex::Page& page = view.page();
    std::size_t cells = 0;
    for (const auto& table : page.tables) cells += table.cells.size();
    out_ << "<section class=\"page\" id=\"page-" << page.number << "\" data-page=\"" << page.number
         << "\" data-cell-count=\"" << cells << "\">\n<h2>Page " << page.number;
    if (const auto* sheet = sheet_of_page(reading, page.number)) out_ << " · " << escape(sheet_title(*sheet));
    else if (reading.no_match.empty()) out_ << " · <span class=\"muted\">before the first sheet: not read</span>";
    out_ << "</h2>\n<p class=\"stats\">" << points(page.width) << " × " << points(page.height) << " pt";
    if (page.rotation != 0) out_ << ", /Rotate " << page.rotation;
    out_ << " · " << count(page.tables.size(), "table");
    for (const auto& table : page.tables) out_ << " (" << table.rows << "×" << table.cols << ")";
    out_ << " · " << count(cells, "cell") << " · " << count(page.blocks.size(), "text block") << " · "
         << count(page.edges.size(), "ruling line") << " · " << count(page.marks.size(), "drawn mark") << " · " << view.used()
         << " read by rules · <output class=\"counted\"></output></p>\n";
    out_ << "<div class=\"sheet\">\n<svg class=\"overlay\" viewBox=\"0 0 " << points(page.width) << " "
         << points(page.height) << "\" data-image-px=\"" << image.width << "x" << image.height << "\">\n"
         << "<image class=\"layer-image\" preserveAspectRatio=\"none\" width=\"" << points(page.width)
         << "\" height=\"" << points(page.height) << "\" href=\"" << image.data_uri << "\"/>\n";
    out_ << "<g class=\"layer-cells\">\n";
    for (const auto& table : page.tables)
      out_ << "<rect class=\"table\" " << rect_attributes(table.box) << "/>\n";
    write_marks(view, "cell");
    write_marks(view, "use");
    out_ << "</g>\n<g class=\"layer-blocks\">\n";
    write_marks(view, "block");
    out_ << "</g>\n<g class=\"layer-edges\">\n";
    for (const auto& edge : page.edges)
      out_ << "<line x1=\"" << points(edge.x0) << "\" y1=\"" << points(edge.y0) << "\" x2=\"" << points(edge.x1)
           << "\" y2=\"" << points(edge.y1) << "\"/>\n";
    out_ << "</g>\n<g class=\"layer-marks\">\n";
    for (const auto& mark : page.marks)
      out_ << "<ellipse class=\"drawn\" cx=\"" << points(mark.cx()) << "\" cy=\"" << points(mark.cy()) << "\" rx=\""
           << points(mark.width() / 2) << "\" ry=\"" << points(mark.height() / 2) << "\"/>\n";
    out_ << "</g>\n</svg>\n<aside>\n<div class=\"details\"><p class=\"muted\">Hover over a cell to see its text, "
            "place, field and value; click to keep it here.</p></div>\n";
    write_field_counts(view);
    out_ << "<h3>Warnings (" << view.warnings().size() << ")</h3>\n<ol class=\"page-warnings\">\n";
    for (const auto& w : view.warnings())
      out_ << "<li><a href=\"#" << w.mark_id << "\" data-mark=\"" << w.mark_id << "\"><b>" << escape(w.code)
           << "</b></a> " << escape(w.message) << "</li>\n";
    out_ << "</ol>\n</aside>\n</div>\n</section>\n";
  }

  // Which fields the rules read on the page, and from how many places: a rule that missed shows here.
  void write_field_counts(const PageView& view) {
    std::map<std::string, int> counts;
    for (const Mark& mark : view.marks())
      for (const auto& field : mark.fields) ++counts[field];
    out_ << "<h3>Read by rules here</h3>\n<p class=\"fields\">";
    if (counts.empty()) out_ << "<span class=\"muted\">nothing</span>";
    for (const auto& [field, count] : counts)
      out_ << "<span class=\"field " << field_class(field) << "\">" << escape(field) << " ×" << count << "</span> ";
    out_ << "</p>\n";
  }

  void write_marks(const PageView& view, const std::string& kind) {
    for (const Mark& mark : view.marks()) {
      if (mark.kind != kind) continue;
      std::string classes = kind;
      if (!mark.fields.empty()) classes += " used " + field_class(mark.fields.front());
      if (!mark.warnings.empty()) classes += " warned";
      std::string fields, rules, values, warnings;
      for (const auto& f : mark.fields) fields += (fields.empty() ? "" : "\n") + f;
      for (const auto& r : mark.rules) rules += (rules.empty() ? "" : "\n") + r;
      for (const auto& v : mark.values) values += (values.empty() ? "" : "\n") + v;
      for (const auto& w : mark.warnings) warnings += (warnings.empty() ? "" : "\n") + w;
      out_ << "<rect class=\"" << classes << "\" id=\"" << mark.id << "\" " << rect_attributes(mark.box)
           << " data-where=\"" << escape(mark.where) << "\" data-text=\"" << escape(mark.text) << "\"";
      if (!fields.empty()) out_ << " data-fields=\"" << escape(fields) << "\"";
      if (!rules.empty()) out_ << " data-rules=\"" << escape(rules) << "\"";
      if (!values.empty()) out_ << " data-value=\"" << escape(values) << "\"";
      if (!warnings.empty()) out_ << " data-warnings=\"" << escape(warnings) << "\"";
      out_ << "/>\n";
    }
  }

  const std::string& path_;
  const ex::Document& document_;
  const Options& options_;
  std::ostringstream out_;
};

}  // namespace

std::string report_html(const std::string& pdf_path, const Options& options) {
  ex::Settings settings;
  settings.max_pages = options.max_pages;
  const ex::Document document = ex::extract_file(pdf_path, settings);
  const std::vector<PageImage> images = render_pages(pdf_path, options.dpi);
  if (images.size() != document.pages.size())
    throw std::runtime_error("Poppler rendered " + std::to_string(images.size()) + " pages of " +
                             std::to_string(document.pages.size()));
  std::vector<PageView> views;
  views.reserve(document.pages.size());  // marks point into pages; views are looked up by number
  std::map<int, PageView*> by_number;
  for (const auto& page : document.pages) by_number[page.number] = &views.emplace_back(page);
  const Reading reading = read(document, options, by_number);
  return HtmlWriter(pdf_path, document, options).write(reading, views, images);
}

}  // namespace sheetx::inspect
