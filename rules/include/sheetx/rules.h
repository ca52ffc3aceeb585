// sheetx rules: rule files that say where each field of a review sheet sits, and the reader that
// applies them to extracted pages.
//
// In:  a rule file (YAML, see rules/README.md) and an extractor::Document.
// Out: the sheets the document holds, as records::Sheet values (source.path and sha256 left for
//      the caller), each with the warnings of docs/records.md: every doubt of the reading (a
//      promised field not filled, a cell of a claimed table no rule read, a header several roles
//      matched, a figure the normalizer could not fully read, a rule that matched nothing) and
//      the sheet's own inconsistencies; and on request (Reader::explain) what each rule looked
//      at and why it took or passed over each cell.
// Errors: RuleFileError ("FILE:LINE: problem") for a bad rule file, or a rule whose result would
//      be thrown away; NoRuleMatches ("not a review sheet (title seen "…")") when no page of the
//      document starts a sheet that a rule file recognises.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sheetx/extractor.h"
#include "sheetx/records.h"

namespace sheetx::rules {

class RuleFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class NoRuleMatches : public std::runtime_error {
 public:
  // first_title: the first page's first line, as printed ("(no text)" when it has none).
  explicit NoRuleMatches(const std::string& first_title)
      : std::runtime_error("not a review sheet (title seen \"" + first_title + "\")"), title_(first_title) {}
  // The title as the PDF gave it: text of the PDF's, to be escaped before it reaches a terminal.
  const std::string& title() const { return title_; }

 private:
  std::string title_;
};

struct RuleFile;  // the parsed file; private to the library (rules/src/rule_file.h)

// One loaded rule file: immutable, cheap to copy, safe to share between threads.
class Ruleset {
 public:
  // Reads and checks a rule file; throws RuleFileError naming the file, line and problem.
  static Ruleset load(const std::string& path);
  // The same from text; `name` stands for the file in error messages.
  static Ruleset parse(std::string_view yaml, const std::string& name);

  const std::string& id() const;
  const std::string& version() const;
  const std::string& path() const;
  // The extractor settings the file gives under `extractor:` ("NAME=VALUE", checked at load):
  // how its producer's PDFs are drawn (how thin a shading fill is, how far apart dashes are).
  const std::vector<std::string>& extractor_settings() const;

 private:
  friend const RuleFile& rule_file(const Ruleset& ruleset);
  explicit Ruleset(std::shared_ptr<const RuleFile> file) : file_(std::move(file)) {}
  std::shared_ptr<const RuleFile> file_;
};

// A cell that a rule read, and the field it fed ("measure.name", "indicator.target",
// "project.name", "activity.plan", "year.actual", "header"...), so that a rule author can see it.
struct CellUse {
  int page = 0;
  extractor::Box box;
  std::string field;
  std::string rule;    // FILE:LINE of the rule that read it
  std::string detail;  // a header cell: its column's role and the regex that gave it
};

// One place a rule looked at, and what came of it.
struct Look {
  int page = 0;
  extractor::Box box;
  std::string text;     // exactly as the rule's regex saw it (squeezed, joined or one line)
  bool matched = false;
  std::string outcome;  // "label matched", "regex '…' did not match", "read as activity.plan"…
};

// What one rule did on one sheet.
struct RuleTrace {
  std::string rule;                 // FILE:LINE
  std::string kind;                 // "measure", "indicators table", "projects column"…
  std::string regex;                // the regex that finds its cell(s), as written
  std::vector<std::string> fields;  // what it fills: measure.grade, activity.plan…
  bool matched = false;             // whether it filled (or found) anything
  std::string result;               // one line: what it filled, or why nothing
  std::vector<Look> looks;
};

// A sheet's trace: every rule of its rule file, in file order.
struct SheetTrace {
  int first_page = 0, last_page = 0;
  std::string rule_file;  // the path it was loaded from
  std::vector<RuleTrace> rules;
};

// A document read with everything noted: the sheets, each sheet's trace, and every cell read.
struct Reading {
  std::vector<records::Sheet> sheets;
  std::vector<SheetTrace> traces;  // one per sheet
  std::vector<CellUse> uses;
};

// Whether a warning says sheetx may have read the sheet wrong (a doubt of the reading), rather
// than that the sheet disagrees with itself (plan-sum-mismatch, running-total-mismatch,
// unit-mismatch, year-mismatch): `sheetx extract --strict` fails on these.
bool is_misread(std::string_view warning_code);

// The rule file that sheetx ships and uses when no --rules is given.
std::string default_rules_path();

// Reads documents with a list of rule files: splits a document into sheets (a page whose title a
// rule file recognises starts one; pages before the first are skipped) and reads each with the
// rule file that recognised it. explain() reads the same and notes every rule's looks and every
// cell read (slower: for sheetx explain and inspect). A Reader holds the rule files' compiled
// regexes and normalizers: build it once and keep it (before forking workers, they share it).
class Reader {
 public:
  explicit Reader(std::vector<Ruleset> rulesets);
  ~Reader();
  Reader(Reader&&) noexcept;
  Reader& operator=(Reader&&) noexcept;

  std::vector<records::Sheet> read(const extractor::Document& document) const;
  Reading explain(const extractor::Document& document) const;
  const std::vector<Ruleset>& rulesets() const { return rulesets_; }

 private:
  std::vector<Ruleset> rulesets_;
  struct Normalizers;
  std::unique_ptr<Normalizers> normalizers_;  // one per rule file: its counters
};

// Reader(rulesets).read(document), for a one-off read.
std::vector<records::Sheet> read_sheets(const extractor::Document& document,
                                        const std::vector<Ruleset>& rulesets);

}  // namespace sheetx::rules
