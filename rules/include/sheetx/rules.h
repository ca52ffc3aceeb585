// sheetx rules: rule files that say where each field of a review sheet sits, and the reader that
// applies them to extracted pages.
//
// In:  a rule file (YAML, see rules/README.md) and an extractor::Document.
// Out: the sheets the document holds, as records::Sheet values (source.path and sha256 left for
//      the caller), each with the consistency warnings of docs/records.md.
// Errors: RuleFileError ("FILE:LINE: problem") for a bad rule file; NoRuleMatches when no page of
//      the document starts a sheet that a rule file recognises.
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
      : std::runtime_error("no rule matches: title seen \"" + first_title + "\""), title_(first_title) {}
  // The title as the PDF gave it: text of the PDF's, to be escaped before it reaches a terminal.
  const std::string& title() const { return title_; }

 private:
  std::string title_;
};

struct RuleFile;  // the parsed file; private to the library

// One loaded rule file: immutable, cheap to copy, safe to share between threads.
class Ruleset {
 public:
  // Reads and checks a rule file; throws RuleFileError naming the file, line and problem.
  static Ruleset load(const std::string& path);
  // The same from text; `name` stands for the file in error messages.
  static Ruleset parse(std::string_view yaml, const std::string& name);

  const std::string& id() const;
  const std::string& version() const;
  const RuleFile& file() const { return *file_; }

 private:
  explicit Ruleset(std::shared_ptr<const RuleFile> file) : file_(std::move(file)) {}
  std::shared_ptr<const RuleFile> file_;
};

// A cell that a rule read, and the field it fed ("measure.name", "indicator.target",
// "project.name", "activity.plan", "year.actual", "header"...), so that a rule author can see it.
struct CellUse {
  int page = 0;
  extractor::Box box;
  std::string field;
};

// The rule file that sheetx ships and uses when no --rules is given.
std::string default_rules_path();

// Reads documents with a list of rule files: splits a document into sheets (a page whose title a
// rule file recognises starts one; pages before the first are skipped) and reads each with the
// rule file that recognised it. When `uses` is given, every cell a rule read is added to it.
// A Reader holds the normalizers its rules use (ICU objects that take a millisecond to build):
// build it once and keep it, one per thread (or once before forking workers).
class Reader {
 public:
  explicit Reader(std::vector<Ruleset> rulesets);
  ~Reader();
  Reader(Reader&&) noexcept;
  Reader& operator=(Reader&&) noexcept;

  std::vector<records::Sheet> read(const extractor::Document& document,
                                   std::vector<CellUse>* uses = nullptr) const;
  const std::vector<Ruleset>& rulesets() const { return rulesets_; }

 private:
  std::vector<Ruleset> rulesets_;
  struct Normalizers;
  std::unique_ptr<Normalizers> normalizers_;  // one per rule file: its counters
};

// Reader(rulesets).read(document, uses), for a one-off read.
std::vector<records::Sheet> read_sheets(const extractor::Document& document,
                                        const std::vector<Ruleset>& rulesets,
                                        std::vector<CellUse>* uses = nullptr);

}  // namespace sheetx::rules
