// Reading sheets: pages split into sheets by their title, the measure's fields found by their
// labels, and the two tables read by their header rows. Nothing here knows a sheet's content:
// every label, header and row marker comes from the rule file. Every doubt becomes a warning
// naming the rule (FILE:LINE) that missed or misread; when explaining, every look is noted too.
#include <algorithm>
#include <cmath>
#include <deque>
#include <filesystem>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "checks.h"
#include "figure_tables.h"
#include "page_text.h"
#include "rule_file.h"
#include "sheet_context.h"
#include "sheetx/normalizer.h"
#include "table_columns.h"

namespace sheetx::rules {
namespace {

using extractor::Box;
using extractor::Page;
using extractor::Table;

// The pages of one sheet and the rule file that recognised its first page.
struct SheetPages {
  std::size_t ruleset = 0;  // index in the reader's rule files
  std::string period;
  std::string key;          // the rule file's sheet key as printed on its first page
  bool key_missing = false; // the rule file has a key and the first page does not print it
  std::vector<const Page*> pages;
  std::vector<Look> looks;  // each page's title (or its lack), for explain
  std::vector<std::string> also_recognised;  // the later rule files whose title matched too (paths)
};

// A document's sheets, and the pieces of the pages that several sheets share (the sheets' pages
// point into them).
struct Sheets {
  std::deque<Page> pieces;
  std::vector<SheetPages> sheets;
};

// A title on a page: each free text block, then a cell, then the page's free text run together (a
// title split over two blocks), so that other text on the page never becomes part of the title.
// With the match, where it was printed (the whole page for text run together).
struct Title {
  GroupMatch match;
  Box box;
  std::string text;
};
std::optional<Title> find_title(const RE2& title, const std::vector<Spot>& spots, const Page& page) {
  std::string page_text;
  for (const auto& spot : spots)
    if (!spot.table) {
      if (auto found = match_groups(title, spot.squeezed)) return Title{*found, spot.box, spot.squeezed};
      page_text += spot.squeezed;
    }
  for (const auto& spot : spots)
    if (spot.table)
      if (auto found = match_groups(title, spot.squeezed)) return Title{*found, spot.box, spot.squeezed};
  if (auto found = match_groups(title, page_text)) return Title{*found, {0, 0, page.width, page.height}, page_text};
  return std::nullopt;
}

// The tops of the titles printed on a page, each the start of a sheet, top to bottom.
std::vector<double> title_tops(const RE2& title, const std::vector<Spot>& spots) {
  std::vector<double> tops;
  for (const auto& spot : spots)
    if (RE2::PartialMatch(spot.squeezed, title)) tops.push_back(spot.box.y0);
  std::sort(tops.begin(), tops.end());
  // One title drawn as two overlapping spots (a block and a cell) is one title.
  tops.erase(std::unique(tops.begin(), tops.end(), [](double a, double b) { return b - a < 1.0; }), tops.end());
  return tops;
}

// The part of a page from `top` down to `bottom`: whatever has its middle there.
Page cut_page(const Page& page, double top, double bottom) {
  const auto inside = [&](const Box& box) { return box.cy() >= top && box.cy() < bottom; };
  Page piece;
  piece.number = page.number;
  piece.width = page.width;
  piece.height = page.height;
  piece.rotation = page.rotation;
  std::copy_if(page.words.begin(), page.words.end(), std::back_inserter(piece.words),
               [&](const auto& word) { return inside(word.box); });
  std::copy_if(page.edges.begin(), page.edges.end(), std::back_inserter(piece.edges),
               [&](const auto& edge) { return inside({edge.x0, edge.y0, edge.x1, edge.y1}); });
  std::copy_if(page.tables.begin(), page.tables.end(), std::back_inserter(piece.tables),
               [&](const auto& table) { return inside(table.box); });
  std::copy_if(page.blocks.begin(), page.blocks.end(), std::back_inserter(piece.blocks),
               [&](const auto& block) { return inside(block.box); });
  std::copy_if(page.marks.begin(), page.marks.end(), std::back_inserter(piece.marks), inside);
  std::copy_if(page.annotations.begin(), page.annotations.end(), std::back_inserter(piece.annotations),
               [&](const auto& annotation) { return inside(annotation.box); });
  return piece;
}

// The sheet key printed on a page (free text first, then cells), or "".
std::string find_key(const RE2& key, const std::vector<Spot>& spots) {
  for (const bool in_table : {false, true})
    for (const auto& spot : spots)
      if (!!spot.table == in_table)
        if (auto found = match_groups(key, spot.squeezed)) return (*found)["key"];
  return {};
}

// Document pages -> sheets: a page whose title some rule file matches starts one, unless its key
// is the key of the sheet before (a sheet continued over pages, its title repeated); with
// several_per_page, each title on a page starts one and the page is cut between them.
Sheets pages_to_sheets(const extractor::Document& document, const std::vector<Ruleset>& rulesets) {
  Sheets out;
  auto& sheets = out.sheets;
  std::string first_title;
  for (const auto& page : document.pages) {
    const auto spots = page_spots(page);
    if (first_title.empty())
      for (const auto& spot : spots)
        if (!spot.table) first_title += spot.squeezed;
    if (!first_title.empty()) first_title = utf8_prefix(first_title, 40);
    std::optional<std::size_t> match;
    std::vector<std::string> also_recognised;
    for (std::size_t r = 0; r < rulesets.size(); ++r) {
      if (!find_title(*rule_file(rulesets[r]).title, spots, page)) continue;
      // The first rule file reads the sheet; every other one that recognises the title too is a
      // doubt on it (which layout is this?), never silent.
      if (match) {
        also_recognised.push_back(rulesets[r].path());
      } else {
        match = r;
      }
    }
    if (!match) {
      if (!sheets.empty()) {
        sheets.back().pages.push_back(&page);
        sheets.back().looks.push_back({page.number, {0, 0, page.width, page.height}, "", false,
                                       "no title on the page: it goes on with the sheet"});
      }
      continue;
    }
    const RuleFile& rules = rule_file(rulesets[*match]);
    std::vector<const Page*> parts = {&page};
    if (rules.several_per_page) {
      const auto tops = title_tops(*rules.title, spots);
      if (tops.size() > 1) {
        parts.clear();
        for (std::size_t t = 0; t < tops.size(); ++t) {
          out.pieces.push_back(cut_page(page, t == 0 ? 0.0 : tops[t], t + 1 < tops.size() ? tops[t + 1] : page.height + 1));
          parts.push_back(&out.pieces.back());
        }
      }
    }
    for (const Page* part : parts) {
      const auto part_spots = parts.size() == 1 ? spots : page_spots(*part);
      const auto title = find_title(*rules.title, part_spots, *part);
      SheetPages sheet{*match, title ? title->match["period"] : "", "", false, {part}, {}, also_recognised};
      const Look seen{part->number, title ? title->box : Box{}, title ? title->text : "", true, "title matched"};
      if (rules.key) {
        sheet.key = find_key(*rules.key, part_spots);
        sheet.key_missing = sheet.key.empty();
        if (!sheet.key.empty() && !sheets.empty() && sheets.back().ruleset == *match && sheets.back().key == sheet.key) {
          sheets.back().pages.push_back(part);
          sheets.back().looks.push_back(seen);
          sheets.back().looks.back().outcome += "; key " + rules::quoted(sheet.key) + " as the sheet's: it goes on with the sheet";
          continue;
        }
      }
      sheet.looks.push_back(seen);
      sheet.looks.back().outcome += std::string(parts.size() > 1 ? ", one of several on the page (cut between them)" : "") +
                                    (sheet.key.empty() ? "" : "; key " + rules::quoted(sheet.key)) + ": starts a sheet";
      sheets.push_back(std::move(sheet));
    }
  }
  if (sheets.empty()) {
    throw NoRuleMatches(first_title.empty() ? std::string("(no text)") : first_title);
  }
  return out;
}

bool right_of(const Box& anchor, const Box& box) {
  const double overlap = std::min(anchor.y1, box.y1) - std::max(anchor.y0, box.y0);
  return box.x0 >= anchor.x1 - 1.0 && overlap > 0.5 * std::min(anchor.height(), box.height());
}

// Orders on positions rounded to a point, so that cells of one row (or column) drawn a fraction
// of a point apart still sort as one, and the order stays a strict weak ordering.
bool reading_order(const Spot* a, const Spot* b) {
  return std::make_tuple(a->page, std::lround(a->box.y0), a->box.x0) <
         std::make_tuple(b->page, std::lround(b->box.y0), b->box.x0);
}

bool nearest_first(const Spot* a, const Spot* b) {
  return std::make_tuple(a->page, std::lround(a->box.x0), a->box.y0) <
         std::make_tuple(b->page, std::lround(b->box.x0), b->box.y0);
}

// ①..⑳ and other numeric characters -> their value, from ICU's character properties.
std::optional<int> circled_number(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(trim(text));
  if (u.countChar32() != 1) return to_int(text);
  const double value = u_getNumericValue(u.char32At(0));
  // 兆 is a numeric character too: only small whole numbers are item numbers.
  if (value == U_NO_NUMERIC_VALUE || value < 0 || value > 1000 || value != std::floor(value)) return std::nullopt;
  return static_cast<int>(value);
}

// The options printed in a cell, in print order, and whether each is marked chosen.
struct Option {
  std::string text;
  bool chosen = false;
  Box box;  // where it is printed (circled options only: the ring is matched against it)
};

// Ticked options: each option is the text after its mark (■yes □no), up to the next mark.
std::vector<Option> ticked_options(const OptionsRule& rule, const std::string& text) {
  std::vector<Option> options;
  for (const auto& character : utf8_characters(text)) {
    const bool ticked = RE2::FullMatch(character, *rule.ticked);
    if (ticked || RE2::FullMatch(character, *rule.unticked)) options.push_back({"", ticked, {}});
    else if (!options.empty()) options.back().text += character;
  }
  for (auto& option : options) option.text = trim(option.text);
  return options;
}

// A circled word: a ring (a closed curved path the extractor lists as a mark) drawn round it.
// Each option is located among the page's words in the spot (a word's width shared evenly among
// its characters, as a run of full-width characters prints), and is chosen when a mark holds its
// middle.
std::vector<Option> circled_options(const OptionsRule& rule, const Spot& spot, const Page& page) {
  std::vector<Option> options;
  std::size_t pos = 0;
  const std::string& text = spot.squeezed;
  re2::StringPiece separator;
  while (pos <= text.size() &&
         rule.separator->Match(text, pos, text.size(), RE2::UNANCHORED, &separator, 1) && !separator.empty()) {
    const auto at = static_cast<std::size_t>(separator.data() - text.data());
    options.push_back({text.substr(pos, at - pos), false, {}});
    pos = at + separator.size();
  }
  options.push_back({text.substr(pos), false, {}});
  std::erase_if(options, [](const Option& o) { return o.text.empty(); });
  // The spot's characters with their boxes, in reading order.
  std::vector<std::pair<std::string, Box>> characters;
  for (const auto& word : page.words) {
    if (word.box.cx() < spot.box.x0 || word.box.cx() > spot.box.x1 || word.box.cy() < spot.box.y0 ||
        word.box.cy() > spot.box.y1)
      continue;
    const auto chars = utf8_characters(squeeze(word.text));
    const double width = word.box.width() / static_cast<double>(std::max<std::size_t>(chars.size(), 1));
    for (std::size_t i = 0; i < chars.size(); ++i) {
      const double x = word.box.x0 + width * static_cast<double>(i);
      characters.push_back({chars[i], {x, word.box.y0, x + width, word.box.y1}});
    }
  }
  std::size_t from = 0;
  for (auto& option : options) {
    const auto wanted = utf8_characters(option.text);
    for (std::size_t start = from; start + wanted.size() <= characters.size(); ++start) {
      if (!std::equal(wanted.begin(), wanted.end(), characters.begin() + static_cast<long>(start),
                      [](const std::string& a, const auto& b) { return a == b.first; }))
        continue;
      Box box = characters[start].second;
      for (std::size_t i = start; i < start + wanted.size(); ++i) {
        const Box& c = characters[i].second;
        box = {std::min(box.x0, c.x0), std::min(box.y0, c.y0), std::max(box.x1, c.x1), std::max(box.y1, c.y1)};
      }
      option.box = box;
      option.chosen = std::any_of(page.marks.begin(), page.marks.end(), [&](const Box& mark) {
        return mark.x0 <= box.cx() && box.cx() <= mark.x1 && mark.y0 <= box.cy() && box.cy() <= mark.y1;
      });
      from = start + wanted.size();
      break;
    }
  }
  return options;
}

// Fills fields from the sheet's pages, rule by rule: the measure's, a project sheet's project's,
// the review period.
class FieldReader {
 public:
  // `pages`: where the rules look, in order (a label found on an earlier page first).
  FieldReader(SheetContext& context, std::vector<const Page*> pages, const normalizer::Normalizer& normalizer)
      : context_(context), rules_(context.rules()), pages_(std::move(pages)), normalizer_(normalizer) {
    for (const Page* page : pages_)
      for (auto& spot : page_spots(*page)) spots_.push_back(std::move(spot));
  }

  void read(const std::vector<FieldRule>& rules) {
    for (const auto& rule : rules) apply(rule);
    auto& m = context_.sheet().measure;
    std::sort(m.initiatives.begin(), m.initiatives.end(),
              [](const auto& a, const auto& b) { return a.number < b.number; });
  }
  void read(const FieldRule& rule) { apply(rule); }

 private:
  static std::string paths(const FieldRule& rule, const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + field_path(rule.section, name);
    return out;
  }

  const Spot* anchor(const FieldRule& rule, RuleTrace* trace) const {
    const RE2* re = rule.label ? rule.label.get() : rule.contains.get();
    for (const auto& spot : spots_) {
      if (RE2::PartialMatch(spot.squeezed, *re)) {
        look(trace, spot.page, spot.box, spot.squeezed, true, rule.label ? "label matched" : "contains matched");
        return &spot;
      }
    }
    for (const auto& spot : spots_) {
      if (!spot.squeezed.empty()) look(trace, spot.page, spot.box, spot.squeezed, false, "regex did not match");
    }
    return nullptr;
  }

  // take: after: the first printed line (of a cell or free text) that the label starts with
  // text after it; that text is the one candidate.
  std::vector<Spot> after_label(const FieldRule& rule, RuleTrace* trace, const Spot*& at) const {
    re2::StringPiece label;
    for (const auto& spot : spots_) {
      for (const auto& line : spot.lines) {
        const std::string squeezed = squeeze(line);
        if (!rule.label->Match(squeezed, 0, squeezed.size(), RE2::UNANCHORED, &label, 1)) continue;
        at = &spot;
        const std::string rest =
            after_squeezed(line, static_cast<std::size_t>(label.data() - squeezed.data()) + label.size());
        look(trace, spot.page, spot.box, squeezed, !rest.empty(),
             rest.empty() ? "label matched, nothing after it on the line" : "label matched; after it " + quoted(rest));
        if (rest.empty()) continue;
        Spot value = spot;
        value.lines = {rest};
        value.text = rest;
        value.squeezed = squeeze(rest);
        return {value};
      }
    }
    if (!at)
      for (const auto& spot : spots_)
        if (!spot.squeezed.empty()) look(trace, spot.page, spot.box, spot.squeezed, false, "no line of it matches");
    return {};
  }

  // The cells (or, for take: lines, the printed lines) a rule's anchor points at.
  std::vector<Spot> candidates(const FieldRule& rule, const Spot* at) const {
    std::vector<const Spot*> out;
    if (rule.take == Take::kSelf) {
      if (at) out.push_back(at);
    } else {
      for (const auto& spot : spots_) {
        if (spot.squeezed.empty() || &spot == at) continue;
        if (rule.take == Take::kAny || rule.take == Take::kLines || (spot.page == at->page && right_of(at->box, spot.box)))
          out.push_back(&spot);
      }
      std::sort(out.begin(), out.end(), rule.take == Take::kRight ? nearest_first : reading_order);
    }
    std::vector<Spot> spots;
    for (const Spot* spot : out) {
      if (rule.take != Take::kLines) {
        spots.push_back(*spot);
        continue;
      }
      for (const auto& line : spot->lines) {
        Spot one = *spot;
        one.lines = {line};
        one.text = trim(line);
        one.squeezed = squeeze(line);
        if (!one.squeezed.empty()) spots.push_back(std::move(one));
      }
    }
    return spots;
  }

  void unmatched(const FieldRule& rule, RuleTrace* trace, const std::string& why, const Spot* at) {
    conclude(trace, false, "matched nothing: " + why);
    context_.warn("rule-unmatched", "the rule filling " + paths(rule, rule.fills) + " matched nothing: " + why,
                  at ? std::optional(at_of(at->page, at->box)) : std::nullopt, rule.line);
  }

  void apply(const FieldRule& rule) {
    RuleTrace* trace = context_.trace(rule.line);
    const Spot* at = nullptr;
    std::vector<Spot> found;
    if (rule.take == Take::kAfter) {
      found = after_label(rule, trace, at);
      if (found.empty())
        return unmatched(rule, trace,
                         at ? "nothing follows label " + regex_text(*rule.label) + " on its line"
                            : "no printed line matches label " + regex_text(*rule.label),
                         at);
    } else {
      if (rule.take != Take::kAny && rule.take != Take::kLines) {
        at = anchor(rule, trace);
        if (!at)
          return unmatched(rule, trace,
                           "no cell's text matches " + std::string(rule.label ? "label " : "contains ") +
                               regex_text(rule.label ? *rule.label : *rule.contains),
                           nullptr);
      }
      found = candidates(rule, at);
      if (found.empty())
        return unmatched(rule, trace, at ? "no cell right of the label" : "no text on the page", at);
    }
    why_.clear();
    bool filled = false;
    if (rule.items) filled = fill_items(rule, found, trace);
    else if (rule.pattern) filled = fill_pattern(rule, found, trace);
    else if (!rule.sections.empty()) filled = fill_sections(rule, found, trace);
    else if (rule.options) filled = fill_options(rule, found, trace);
    else filled = fill_into(rule, found, trace);
    if (!filled) return unmatched(rule, trace, trace_reason(rule), at);
    std::vector<std::string> missing;
    for (const auto& name : rule.fills)
      if (!field_filled(context_.sheet(), *find_field(rule.section, name), name)) missing.push_back(name);
    conclude(trace, true, missing.empty() ? "filled " + paths(rule, rule.fills) : "filled some; not " + paths(rule, missing));
    // What the rule did fill is in doubt too (two cells run together fill one field): the warning
    // names it and sits on the first cell the rule took.
    std::vector<std::string> taken;
    for (const auto& name : rule.fills)
      if (std::find(missing.begin(), missing.end(), name) == missing.end()) taken.push_back(name);
    for (const auto& name : missing) {
      if (why_.count(name) && why_[name].empty()) continue;  // already warned of
      context_.warn("missing-field",
                    field_path(rule.section, name) + " not found by its rule" +
                        (why_.count(name) ? " (" + why_[name] + ")" : "") +
                        (taken.empty() ? "" : ", which filled " + paths(rule, taken) + " (cells run together?)"),
                    at_of(found.front().page, found.front().box), rule.line);
    }
  }

  static std::string trace_reason(const FieldRule& rule) {
    if (rule.items) return "regex " + regex_text(*rule.items) + " found no item";
    if (rule.pattern && !rule.where.empty())
      return "no cell matches " + regex_text(*rule.pattern) + " with the " + rule.where + " found";
    if (rule.pattern) return "regex " + regex_text(*rule.pattern) + " matched no cell it looked at";
    if (!rule.sections.empty()) return "no line matches a section heading";
    if (rule.options)
      return rule.options->circled() ? "no cell holds options separated by " + regex_text(*rule.options->separator)
                                     : "no cell holds an option marked " + regex_text(*rule.options->ticked) + " or " +
                                           regex_text(*rule.options->unticked);
    return "no cell to fill from";
  }

  bool fill_into(const FieldRule& rule, const std::vector<Spot>& found, RuleTrace* trace) {
    for (std::size_t i = 0; i < rule.into.size() && i < found.size(); ++i) {
      look(trace, found[i].page, found[i].box, found[i].text, true, "went into " + field_path(rule.section, rule.into[i]));
      fill(rule, rule.into[i], found[i], found[i].lines);
    }
    return true;
  }

  // The first candidate that holds options; the chosen one fills the field. None chosen, or
  // several, is said (choice-unclear) and fills no choice: a choice is never guessed.
  bool fill_options(const FieldRule& rule, const std::vector<Spot>& found, RuleTrace* trace) {
    const OptionsRule& options_rule = *rule.options;
    for (const Spot& spot : found) {
      auto options = options_rule.circled() ? circled_options(options_rule, spot, page_of(spot))
                                            : ticked_options(options_rule, spot.text);
      if (options.size() < (options_rule.circled() ? 2u : 1u)) {
        look(trace, spot.page, spot.box, spot.text, false, "holds no options");
        continue;
      }
      const char* mark = options_rule.circled() ? "circled" : "ticked";
      std::vector<std::string> printed, chosen;
      for (const auto& option : options) {
        printed.push_back(option.text);
        if (option.chosen) chosen.push_back(option.text);
        look(trace, spot.page, option.box.width() > 0 ? option.box : spot.box, option.text, option.chosen,
             option.chosen ? std::string(mark) : std::string("not ") + mark);
      }
      const std::string& name = rule.into.front();
      const Field& field = *find_field(rule.section, name);
      context_.read(spot, field_path(rule.section, name), rule.line);
      if (chosen.size() != 1) {
        std::string list;
        for (const auto& option : printed) list += "「" + option + "」";
        context_.warn("choice-unclear",
                      field_path(rule.section, name) + ": " + (chosen.empty() ? "none" : std::to_string(chosen.size())) +
                          " of the options " + list + " " + (chosen.size() == 1 ? "is " : "are ") + mark +
                          ": no choice is taken",
                      at_of(spot.page, spot.box), rule.line);
        why_[name] = "";
      }
      const std::optional<std::string> choice =
          chosen.size() == 1 ? std::optional(chosen.front()) : std::nullopt;
      if (field.kind == Field::Kind::kDirection) {
        set_field(context_.sheet(), field, name, records::Direction{choice, printed, ""});
      } else if (choice) {
        put(rule, name, field, *choice);
      }
      return true;
    }
    return false;
  }

  // Items are printed one to a cell, or one to a line of a cell, each line starting with its
  // marker. An item that starts inside a line, or whose marker stands on a line apart from its
  // name, is two cells run together (a ruling line between them missing): the names interleave.
  void warn_items_run_together(const FieldRule& rule, const Spot& spot) {
    std::size_t items = 0, lines_starting_one = 0;
    for (auto item = match_groups(*rule.items, spot.text); item; item = match_groups(*rule.items, spot.text, item->end)) {
      ++items;
      if (item->end >= spot.text.size()) break;
    }
    for (const std::string& line : spot.lines) {
      const std::string printed = trim(line);
      const auto item = match_groups(*rule.items, printed);
      lines_starting_one += item && printed.rfind((*item)["number"], 0) == 0;
    }
    if (items <= lines_starting_one) return;
    context_.warn("items-run-together",
                  "measure.initiatives: the cell holds " + std::to_string(items) + " item(s) but only " +
                      std::to_string(lines_starting_one) +
                      " line(s) start one: cells run together (a ruling line missing?), the names may be cut wrong",
                  at_of(spot.page, spot.box), rule.line);
  }

  bool fill_items(const FieldRule& rule, const std::vector<Spot>& found, RuleTrace* trace) {
    std::string text;
    for (const Spot& spot : found) {
      text += spot.text;
      context_.read(spot, "measure.initiatives", rule.line);
      look(trace, spot.page, spot.box, spot.text, true, "joined into the text the items regex sees");
      warn_items_run_together(rule, spot);
    }
    auto& initiatives = context_.sheet().measure.initiatives;
    std::size_t pos = 0;
    for (auto item = match_groups(*rule.items, text); item; item = match_groups(*rule.items, text, pos)) {
      if (item->end <= pos) break;  // an empty match would never move on
      pos = item->end;
      initiatives.push_back({circled_number((*item)["number"]), (*item)["name"]});
    }
    return !initiatives.empty();
  }

  bool fill_pattern(const FieldRule& rule, const std::vector<Spot>& found, RuleTrace* trace) {
    for (const Spot& spot : found) {
      const std::string text = trim(spot.text);
      auto match = match_groups(*rule.pattern, text);
      if (!match) {
        if (trace) look(trace, spot.page, spot.box, text, false, "regex did not match " + quoted(text));
        continue;
      }
      if (!rule.where.empty() && normalizer::fold_width((*match)[rule.where]) != value_of(rule.where)) {
        if (trace)
          look(trace, spot.page, spot.box, text, false,
               "matched, but its " + rule.where + " " + quoted((*match)[rule.where]) + " is not the " + rule.where +
                   " found " + quoted(value_of(rule.where)));
        continue;
      }
      look(trace, spot.page, spot.box, text, true, "matched");
      for (const auto& [name, value] : match->groups) {
        if (name != rule.where) fill(rule, name, spot, {value});
      }
      return true;
    }
    return false;
  }

  bool fill_sections(const FieldRule& rule, const std::vector<Spot>& found, RuleTrace* trace) {
    const Spot& spot = found.front();
    const std::string* field = nullptr;
    std::map<std::string, std::vector<std::string>> lines;
    for (const auto& line : spot.lines) {
      const std::string squeezed = squeeze(line);
      auto heading = std::find_if(rule.sections.begin(), rule.sections.end(),
                                  [&](const auto& s) { return RE2::PartialMatch(squeezed, *s.second); });
      if (heading != rule.sections.end()) {
        field = &heading->first;
        look(trace, spot.page, spot.box, squeezed, true, "heading of " + field_path(rule.section, *field));
      } else if (rule.section_end && RE2::PartialMatch(squeezed, *rule.section_end)) {
        field = nullptr;
        look(trace, spot.page, spot.box, squeezed, false, "ends a section (section_end)");
      } else if (field) {
        lines[*field].push_back(line);
      }
    }
    for (const auto& [name, text] : lines) fill(rule, name, spot, text);
    return !lines.empty();
  }

  // The text a field was filled with, folded, for `where`.
  std::string value_of(const std::string& field) const {
    const auto it = filled_.find(field);
    return it == filled_.end() ? std::string() : normalizer::fold_width(it->second);
  }

  // Puts printed lines into a field: lists take one item per paragraph, text takes the
  // paragraphs joined with "\n", numbers and the grade are folded.
  void fill(const FieldRule& rule, const std::string& name, const Spot& from, const std::vector<std::string>& lines) {
    context_.read(from, field_path(rule.section, name), rule.line);
    const Field& field = *find_field(rule.section, name);
    if (field.kind == Field::Kind::kList) {
      set_field(context_.sheet(), field, name, paragraphs(lines, rules_.paragraph.get(), rules_.bullet.get()));
      return;
    }
    std::string text;
    for (const auto& p : paragraphs(lines, rules_.paragraph.get(), nullptr)) text += (text.empty() ? "" : "\n") + p;
    put(rule, name, field, text);
  }

  // Text into a field of any kind but a list: a year is read by the normalizer, a yes/no by the
  // rule's `values`; what cannot be read leaves the field empty, with the reason for its warning.
  void put(const FieldRule& rule, const std::string& name, const Field& field, const std::string& text) {
    filled_[name] = text;
    if (field.kind == Field::Kind::kYear) {
      const auto year = normalizer_.fiscal_year(text);
      if (!year) {
        why_[name] = quoted(text) + " names no fiscal year";
        return;
      }
      for (const auto& warning : year->warnings)
        context_.warn("year-mismatch", field_path(rule.section, name) + " 「" + text + "」: " + warning, std::nullopt,
                      rule.line);
      set_field(context_.sheet(), field, name, year->year);
    } else if (field.kind == Field::Kind::kBool) {
      const std::string printed = squeeze(text);
      const auto it = std::find_if(rule.values.begin(), rule.values.end(),
                                   [&](const auto& v) { return squeeze(v.first) == printed; });
      if (it == rule.values.end()) {
        why_[name] = quoted(text) + " is none of the words its 'values' map";
        return;
      }
      set_field(context_.sheet(), field, name, it->second);
    } else {
      set_field(context_.sheet(), field, name, text);
    }
  }

  // The page a spot lies on.
  const Page& page_of(const Spot& spot) const {
    return **std::find_if(pages_.begin(), pages_.end(), [&](const Page* p) { return p->number == spot.page; });
  }

  SheetContext& context_;
  const RuleFile& rules_;
  std::vector<const Page*> pages_;
  std::vector<Spot> spots_;
  const normalizer::Normalizer& normalizer_;
  std::map<std::string, std::string> filled_;  // text fields as filled, for `where`
  std::map<std::string, std::string> why_;     // field -> why the text found did not fill it ("": warned of)
};

// Indicator table rows -> indicators: a row whose name cell starts there is one indicator.
void read_indicators(const std::vector<const Page*>& pages, const normalizer::Normalizer& normalizer,
                     SheetContext& context) {
  const TableRule& rule = context.rules().indicators;
  TableReader table(rule, "indicators", context);
  const auto found = table.find(pages, normalizer, nullptr);
  auto& sheet = context.sheet();
  const auto& period = sheet.review_period;
  for (const auto& [page, header, columns] : found) {
    // A sheet reviews the years of its period: an actual of a later year is a target (or
    // another column) taken for an actual.
    for (const auto& column : columns)
      if (column.role == "actual" && column.fiscal_year && period.to_fiscal_year && *column.fiscal_year > *period.to_fiscal_year)
        context.warn("actual-after-period",
                     "column 「" + squeeze(column.header) + "」 read as the actual of fiscal " +
                         std::to_string(*column.fiscal_year) + ", after the review period (to fiscal " +
                         std::to_string(*period.to_fiscal_year) + "): a target column taken for an actual?",
                     at_of(page->number, column_box(header, column)), column.line);
    const Column* name = role_column(columns, "name");
    if (!name) continue;
    const Column* source = role_column(columns, "source");
    FigureReader figures(normalizer, page->number, context);
    for (int r = header.end_row; r < header.table->rows; ++r) {
      const auto* name_cell = header.table->at(r, name->first);
      if (!name_cell || name_cell->row != r || trim(name_cell->text).empty()) continue;
      records::Indicator indicator;
      indicator.name = figures.text(row_cells(*header.table, r, *name), "", "indicator.name", *name);
      if (source) {
        indicator.source = figures.text(row_cells(*header.table, r, *source), "", "indicator.source", *source);
        if (indicator.source.empty())
          context.warn("missing-field", "indicator 「" + indicator.name + "」: no source (出典)",
                       at_of(page->number, name_cell->box), source->line);
      }
      for (const auto& column : columns) {
        if (column.role != "baseline" && column.role != "target" && column.role != "actual") continue;
        const auto cells = row_cells(*header.table, r, column);
        warn_cells_under_one_header(context, page->number, cells, column, "indicator." + column.role);
        if (cells.empty())
          context.warn("missing-field",
                       "indicator 「" + indicator.name + "」: no cell under column 「" + squeeze(column.header) + "」",
                       at_of(page->number, name_cell->box), column.line);
        for (const auto* cell : cells)
          indicator.values.push_back({column.role, column.fiscal_year, figures.read(*cell, "indicator." + column.role, column)});
      }
      sheet.indicators.push_back(std::move(indicator));
    }
  }
  if (!found.empty() && sheet.indicators.empty())
    context.warn("missing-field", "no indicator row under the indicators table's header",
                 at_of(found.front().page->number, found.front().header.cell->box), rule.line);
  table.warn_unread(found);
}

// Project table rows -> projects and activities. A project starts where its cell starts with
// text, an activity likewise; within an activity the target and actual rows are told apart by
// their row label. Rows carry on across pages, so a project may continue on the next page.
class ProjectReader {
 public:
  ProjectReader(const normalizer::Normalizer& normalizer, SheetContext& context)
      : rules_(context.rules().projects), normalizer_(normalizer), context_(context), sheet_(context.sheet()) {}

  void read(const std::vector<const Page*>& pages) {
    TableReader table(rules_, "projects", context_);
    const auto found = table.find(pages, normalizer_, rules_.estimate.get());
    for (const auto& [page, header, columns] : found)
      for (int r = header.end_row; r < header.table->rows; ++r) read_row(*page, *header.table, columns, r);
    if (!found.empty() && sheet_.projects.empty())
      context_.warn("missing-field", "no project row under the projects table's header",
                    at_of(found.front().page->number, found.front().header.cell->box), rules_.line);
    warn_unfilled();
    table.warn_unread(found);
  }

 private:
  enum class Kind { kTarget, kActual };

  // What the rows of an activity promised: a 目標 row promises the plan and each year's target,
  // a 実績 row the baseline and each year's actual.
  struct Promise {
    std::optional<records::At> target_row, actual_row;  // the rows' label cells
    int plan_line = 0;                                  // the plan column's rule, when there is one
    std::map<int, int> years;                           // fiscal year -> its column rule's line
  };

  // True when the cell under `column` at row r starts at r and holds text that is data.
  bool starts(const Table& table, const Column* column, int r) const {
    if (!column) return false;
    for (const auto* cell : row_cells(table, r, *column)) {
      if (cell->row == r && !trim(cell->text).empty() && !ignored(rules_, *cell)) return true;
    }
    return false;
  }

  void read_row(const Page& page, const Table& table, const std::vector<Column>& columns, int r) {
    FigureReader figures(normalizer_, page.number, context_);
    const Column* project = role_column(columns, "project");
    const Column* activity = role_column(columns, "activity");
    if (starts(table, project, r)) start_project(figures.text(row_cells(table, r, *project), " ", "project.name", *project),
                                                 figures, page, table, columns, r);
    if (sheet_.projects.empty()) return;
    if (!starts(table, project, r)) read_division_again(page, table, columns, r);
    auto& activities = sheet_.projects.back().activities;
    if (starts(table, activity, r) || activities.empty()) {
      if (!activity_has_text(table, columns, r)) return;
      records::Activity a;
      if (activity) a.name = figures.text(row_cells(table, r, *activity), "", "activity.name", *activity);
      new_activity(std::move(a));
    }
    const auto row = row_kind(page, table, columns, r);
    if (!row) return warn_unlabelled(page, table, r);
    const Kind kind = row->first;
    // An activity is one 目標 row and one 実績 row: a second of either under the same (merged or
    // blank) name cell starts the next activity, rather than overwriting the figures read.
    if (holds(activities.back(), kind)) {
      new_activity({activities.back().name, {}, {}, {}, {}});
      // Under a merged name cell the name is the same activity's; under a blank cell of its own
      // it is a guess: said at that cell.
      if (activity)
        for (const auto* cell : row_cells(table, r, *activity))
          if (cell->row == r && trim(cell->text).empty())
            context_.warn("missing-field",
                          "activity.name: its cell is blank; the name 「" + activities.back().name +
                              "」 of the activity above is repeated",
                          at_of(page.number, cell->box), activity->line);
    }
    auto& current = activities.back();
    Promise& promise = promises_.back().back();
    (kind == Kind::kTarget ? promise.target_row : promise.actual_row) = row->second;
    for (const auto& column : columns) {
      const auto cells = row_cells(table, r, column);
      if (column.role == "plan") promise.plan_line = column.line;
      if (column.role == "year" && column.fiscal_year) promise.years.emplace(*column.fiscal_year, column.line);
      if (cells.empty()) continue;
      if (column.role == "plan" || column.role == "year")
        warn_cells_under_one_header(context_, page.number, cells, column, column.role == "plan" ? "activity.plan" : "year figure");
      if (column.role == "plan") {
        auto q = figures.read(*cells.front(), kind == Kind::kTarget ? "activity.plan" : "activity.baseline", column);
        if (kind == Kind::kTarget) {
          current.plan = std::move(q);
        } else {
          current.baseline = std::move(q);
          current.baseline_fiscal_year = column.fiscal_year;
        }
      } else if (column.role == "year" && column.fiscal_year) {
        auto q = figures.read(*cells.front(), kind == Kind::kTarget ? "year.target" : "year.actual", column);
        if (kind == Kind::kActual && column.estimate) q.estimate = true;
        year_entry(current, *column.fiscal_year)(kind) = std::move(q);
      }
    }
  }

  // A row of an activity with text but no row label the rules know (目標/実績 renamed, or two rows
  // run together): none of its cells is read; one warning covers the row.
  void warn_unlabelled(const Page& page, const Table& table, int r) {
    std::vector<const extractor::Cell*> cells;
    bool text = false;
    for (int c = 0; c < table.cols; ++c) {
      const auto* cell = table.at(r, c);
      if (!cell || std::find(cells.begin(), cells.end(), cell) != cells.end()) continue;
      cells.push_back(cell);
      text |= cell->row == r && !context_.was_read(*cell) && !trim(cell->text).empty() && !ignored(rules_, *cell);
    }
    if (!text) return;
    Box box = cells.front()->box;
    std::string seen;
    for (const auto* cell : cells) {
      box = {std::min(box.x0, cell->box.x0), std::min(box.y0, cell->box.y0), std::max(box.x1, cell->box.x1),
             std::max(box.y1, cell->box.y1)};
      if (!context_.was_read(*cell)) {
        context_.covered(*cell);
        if (seen.empty() && !trim(cell->text).empty()) seen = utf8_prefix(squeeze(cell->text), 20);
      }
    }
    context_.warn("unread-row",
                  "a row of the projects table (「" + seen + "」…) has no row label that target_row " +
                      regex_text(*rules_.target_row) + " or actual_row " + regex_text(*rules_.actual_row) +
                      " matches: none of its figures was read",
                  at_of(page.number, box), rules_.line);
  }

  // A division cell printed again on a later row of the project (one per activity): the record
  // holds one division per project, so a different one is a warning.
  void read_division_again(const Page& page, const Table& table, const std::vector<Column>& columns, int r) {
    const Column* division = role_column(columns, "division");
    if (!division) return;
    const auto& project = sheet_.projects.back();
    for (const auto* cell : row_cells(table, r, *division)) {
      if (cell->row != r) continue;
      context_.read(page.number, *cell, "project.division", division->line, division->first);
      const std::string text = join_wrapped(cell->lines);
      if (RuleTrace* trace = context_.trace(division->line))
        look(trace, page.number, cell->box, text, true, "read as project.division again");
      if (!text.empty() && text != project.division)
        context_.warn("division-differs",
                      "project 「" + project.name + "」: a row's division 「" + text + "」 is not the project's 「" +
                          project.division + "」, which the record keeps",
                      at_of(page.number, cell->box), division->line);
    }
  }

  void new_activity(records::Activity activity) {
    sheet_.projects.back().activities.push_back(std::move(activity));
    promises_.back().emplace_back();
  }

  // Whether an activity already has figures from a row of this kind.
  static bool holds(const records::Activity& a, Kind kind) {
    if (kind == Kind::kTarget ? a.plan.has_value() : a.baseline.has_value()) return true;
    return std::any_of(a.years.begin(), a.years.end(),
                       [&](const auto& y) { return kind == Kind::kTarget ? y.target.has_value() : y.actual.has_value(); });
  }

  // The kind of a row (and its label cell) from the cells of its kind column (any cell without one).
  std::optional<std::pair<Kind, records::At>> row_kind(const Page& page, const Table& table,
                                                       const std::vector<Column>& columns, int r) {
    const Column* kind = role_column(columns, "kind");
    std::vector<const extractor::Cell*> cells;
    if (kind) {
      cells = row_cells(table, r, *kind);
    } else {
      for (int c = 0; c < table.cols; ++c)
        if (const auto* cell = table.at(r, c)) cells.push_back(cell);
    }
    for (const auto* cell : cells) {
      const std::string text = squeeze(cell->text);
      std::optional<Kind> found;
      if (RE2::PartialMatch(text, *rules_.target_row)) found = Kind::kTarget;
      else if (RE2::PartialMatch(text, *rules_.actual_row)) found = Kind::kActual;
      if (!found) continue;
      const int line = kind ? kind->line : rules_.line;
      context_.read(page.number, *cell, *found == Kind::kTarget ? "activity.target_row" : "activity.actual_row", line,
                    kind ? kind->first : -1);
      if (RuleTrace* trace = context_.trace(line))
        look(trace, page.number, cell->box, text, true,
           *found == Kind::kTarget ? "target_row matched" : "actual_row matched");
      return std::make_pair(*found, at_of(page.number, cell->box));
    }
    return std::nullopt;
  }

  bool activity_has_text(const Table& table, const std::vector<Column>& columns, int r) const {
    for (const auto& column : columns) {
      if (column.role.empty() || column.role == "project" || column.role == "division") continue;
      for (const auto* cell : row_cells(table, r, column))
        if (!trim(cell->text).empty() && !ignored(rules_, *cell)) return true;
    }
    return false;
  }

  struct YearSlot {
    records::YearFigures& entry;
    std::optional<records::Quantity>& operator()(Kind kind) const {
      return kind == Kind::kTarget ? entry.target : entry.actual;
    }
  };

  static YearSlot year_entry(records::Activity& activity, int fiscal_year) {
    auto it = std::find_if(activity.years.begin(), activity.years.end(),
                           [&](const auto& y) { return y.fiscal_year == fiscal_year; });
    if (it == activity.years.end()) {
      activity.years.push_back({fiscal_year, std::nullopt, std::nullopt});
      it = activity.years.end() - 1;
    }
    return {*it};
  }

  void start_project(const std::string& text, const FigureReader& figures, const Page& page, const Table& table,
                     const std::vector<Column>& columns, int r) {
    records::Project project;
    const Column* column = role_column(columns, "project");
    const auto at = at_of(page.number, row_cells(table, r, *column).front()->box);
    if (auto match = match_groups(*rules_.project, trim(text))) {
      project.number = to_int((*match)["number"]);
      project.name = (*match)["name"];
      project.reposted = !(*match)["reposted"].empty();
    } else {
      project.name = trim(text);
      context_.warn("missing-field", "project 「" + project.name + "」: the projects' regex " +
                                         regex_text(*rules_.project) + " did not match it", at, column->line);
    }
    // Without its number the project's rows cannot be told for sure: the doubt covers them all.
    if (!project.number) {
      const Box& cell = row_cells(table, r, *column).front()->box;
      const Box rows = table.rotation == 0 ? Box{table.box.x0, cell.y0, table.box.x1, cell.y1} : cell;
      context_.warn("missing-field", "project 「" + project.name + "」: no project number", at_of(page.number, rows),
                    column->line);
    }
    if (const Column* division = role_column(columns, "division")) {
      project.division = figures.text(row_cells(table, r, *division), "", "project.division", *division);
      if (project.division.empty())
        context_.warn("missing-field", "project 「" + project.name + "」: no division", at, division->line);
    }
    sheet_.projects.push_back(std::move(project));
    promises_.emplace_back();
  }

  // Each promised figure of each activity that its rows did not give.
  void warn_unfilled() {
    for (std::size_t p = 0; p < sheet_.projects.size(); ++p) {
      const auto& project = sheet_.projects[p];
      const std::string name = "project " + (project.number ? std::to_string(*project.number) : "「" + project.name + "」");
      if (project.activities.empty())
        context_.warn("missing-field", name + ": no activity row", std::nullopt, rules_.line);
      for (std::size_t a = 0; a < project.activities.size(); ++a) {
        const auto& activity = project.activities[a];
        const Promise& promise = promises_[p][a];
        const std::string where = name + ", activity 「" + activity.name + "」: ";
        for (const auto kind : {Kind::kTarget, Kind::kActual}) {
          const bool target = kind == Kind::kTarget;
          const auto& row = target ? promise.target_row : promise.actual_row;
          if (!row) {
            context_.warn("missing-field", where + "no " + (target ? "target" : "actual") + " row",
                          target ? promise.actual_row : promise.target_row, rules_.line);
            continue;
          }
          if (promise.plan_line && !(target ? activity.plan : activity.baseline))
            context_.warn("missing-field", where + "no " + (target ? "plan" : "baseline") + " cell in its row", row,
                          promise.plan_line);
          for (const auto& [year, line] : promise.years) {
            const int fiscal_year = year;  // clang 14 cannot capture a structured binding
            const auto it = std::find_if(activity.years.begin(), activity.years.end(),
                                         [&](const auto& y) { return y.fiscal_year == fiscal_year; });
            if (it == activity.years.end() || !(target ? it->target : it->actual))
              context_.warn("missing-field",
                            where + "no " + (target ? "target" : "actual") + " cell for fiscal " + std::to_string(year),
                            row, line);
          }
        }
      }
    }
  }

  const ProjectTableRule& rules_;
  const normalizer::Normalizer& normalizer_;
  SheetContext& context_;
  records::Sheet& sheet_;
  std::vector<std::vector<Promise>> promises_;  // per project, per activity
};

// A back page of the sheet with text where neither table's header was found: nothing on it was
// read (a table the extractor did not see whole, a header printed otherwise).
void warn_unread_pages(const std::vector<const Page*>& pages, SheetContext& context) {
  for (std::size_t i = 1; i < pages.size(); ++i) {
    const Page& page = *pages[i];
    if (context.has_table(page.number) || (page.tables.empty() && page.blocks.empty())) continue;
    context.warn("unread-page",
                 "page " + std::to_string(page.number) + " of the sheet holds no indicators or projects table header " +
                     regex_text(*context.rules().projects.header) + ": nothing on it was read",
                 at_of(page.number, {0, 0, page.width, page.height}), context.rules().projects.line);
  }
}

// Every rule of the file in file order, as a trace entry to fill.
void start_traces(SheetContext& context) {
  const RuleFile& rules = context.rules();
  std::vector<std::string> pages = {"source.first_page", "source.last_page"};
  if (rules.title->NamedCapturingGroups().count("period")) pages.push_back("review_period.label");
  context.start_trace(rules.title_line, "sheet", rules.title.get(), pages);
  const auto fields = [&](const FieldRule& rule, const char* kind) {
    const RE2* re = rule.label ? rule.label.get() : rule.contains ? rule.contains.get() : rule.pattern.get();
    std::vector<std::string> names;
    for (const auto& f : rule.fills) names.push_back(field_path(rule.section, f));
    context.start_trace(rule.line, kind, re, names);
  };
  if (rules.period) fields(*rules.period, "period");
  for (const auto& rule : rules.measure) fields(rule, "measure");
  for (const auto& rule : rules.project) fields(rule, "project");
  if (rules.kind != records::SheetKind::measure) return;
  const auto table = [&](const TableRule& t, const char* name, auto role_fields) {
    context.start_trace(t.line, std::string(name) + " table", t.header.get(), {name});
    for (const auto& column : t.columns)
      context.start_trace(column.line, std::string(name) + " column " + column.role, column.header.get(),
                          role_fields(column.role));
  };
  table(rules.indicators, "indicators", [](const std::string& role) {
    return std::vector<std::string>{"indicator." + role};
  });
  table(rules.projects, "projects", [](const std::string& role) -> std::vector<std::string> {
    if (role == "project") return {"project.number", "project.name"};
    if (role == "division") return {"project.division"};
    if (role == "activity") return {"activity.name"};
    if (role == "plan") return {"activity.plan", "activity.baseline"};
    if (role == "year") return {"year.target", "year.actual"};
    return {"activity.kind"};
  });
}

records::Sheet read_sheet(const SheetPages& pages, const RuleFile& rules, const normalizer::Normalizer& normalizer,
                          SheetTrace* trace, std::vector<CellUse>* uses) {
  records::Sheet sheet;
  sheet.kind = rules.kind;
  if (rules.kind == records::SheetKind::project) sheet.projects.emplace_back();  // the one the rules fill
  sheet.ruleset_id = rules.id;
  sheet.ruleset_version = rules.version;
  sheet.municipality_code = rules.municipality_code;
  sheet.municipality_name = rules.municipality_name;
  sheet.source.first_page = pages.pages.front()->number;
  sheet.source.last_page = pages.pages.back()->number;
  // A page shared with other sheets counts once.
  sheet.source.pages = sheet.source.last_page - sheet.source.first_page + 1;
  sheet.review_period.label = pages.period;
  SheetContext context(rules, sheet, trace, uses);
  for (const auto& other : pages.also_recognised) {
    context.warn("title-ambiguous",
                 "the title is recognised by " + std::filesystem::path(other).filename().string() + " too: read with " +
                     std::filesystem::path(rules.path).filename().string() +
                     ", the first (rule files are tried in the order given, a folder's by name)",
                 std::nullopt, 0);
  }
  if (trace) {
    trace->first_page = sheet.source.first_page;
    trace->last_page = sheet.source.last_page;
    trace->rule_file = rules.path;
    start_traces(context);
    RuleTrace& split = trace->rules.front();
    split.looks = pages.looks;
    split.matched = true;
    split.result = std::to_string(pages.pages.size()) + " page(s)";
  }
  if (pages.key_missing)
    context.warn("missing-field",
                 "the sheet key " + regex_text(*rules.key) + " is not printed on the sheet's first page: the page starts "
                 "a sheet of its own, not joined to a sheet it may continue",
                 at_of(pages.pages.front()->number, {0, 0, pages.pages.front()->width, pages.pages.front()->height}),
                 rules.key_line);
  // A measure sheet's fields are on its first page (its back pages hold the projects table); a
  // project sheet prints its fields on any of its pages (a direction on the second page).
  FieldReader fields(context,
                     rules.kind == records::SheetKind::project ? pages.pages
                                                               : std::vector<const Page*>{pages.pages.front()},
                     normalizer);
  if (rules.period) fields.read(*rules.period);
  const std::string& label = sheet.review_period.label;
  if (auto period = normalizer.period(label)) {
    sheet.review_period.from_fiscal_year = period->from_fiscal_year;
    sheet.review_period.to_fiscal_year = period->to_fiscal_year;
    for (const auto& warning : period->warnings)
      context.warn("year-mismatch", "review period 「" + label + "」: " + warning, std::nullopt,
                   rules.period ? rules.period->line : 0);
  } else {
    context.warn("missing-field", "review period 「" + label + "」 names no fiscal years", std::nullopt,
                 rules.period ? rules.period->line : 0);
  }
  fields.read(rules.measure);
  fields.read(rules.project);
  read_figure_tables(pages.pages, normalizer, context);
  if (rules.kind == records::SheetKind::measure) {
    read_indicators(pages.pages, normalizer, context);
    ProjectReader(normalizer, context).read(pages.pages);
    warn_unread_pages(pages.pages, context);
  }
  for (auto& warning : check_sheet(sheet)) sheet.warnings.push_back(std::move(warning));
  std::stable_sort(sheet.warnings.begin(), sheet.warnings.end(), records::warning_order);
  return sheet;
}

}  // namespace

struct Reader::Normalizers {
  std::vector<normalizer::Normalizer> each;
};

Reader::Reader(std::vector<Ruleset> rulesets)
    : rulesets_(std::move(rulesets)), normalizers_(std::make_unique<Normalizers>()) {
  for (const auto& ruleset : rulesets_) normalizers_->each.emplace_back(rule_file(ruleset).counters);
}
Reader::~Reader() = default;
Reader::Reader(Reader&&) noexcept = default;
Reader& Reader::operator=(Reader&&) noexcept = default;

std::vector<records::Sheet> Reader::read(const extractor::Document& document) const {
  std::vector<records::Sheet> sheets;
  const auto split = pages_to_sheets(document, rulesets_);
  for (const auto& pages : split.sheets) {
    sheets.push_back(read_sheet(pages, rule_file(rulesets_[pages.ruleset]), normalizers_->each[pages.ruleset],
                                nullptr, nullptr));
  }
  return sheets;
}

Reading Reader::explain(const extractor::Document& document) const {
  Reading reading;
  const auto split = pages_to_sheets(document, rulesets_);
  for (const auto& pages : split.sheets) {
    SheetTrace trace;
    reading.sheets.push_back(read_sheet(pages, rule_file(rulesets_[pages.ruleset]), normalizers_->each[pages.ruleset],
                                        &trace, &reading.uses));
    reading.traces.push_back(std::move(trace));
  }
  return reading;
}

std::vector<records::Sheet> read_sheets(const extractor::Document& document, const std::vector<Ruleset>& rulesets) {
  return Reader(rulesets).read(document);
}

}  // namespace sheetx::rules
