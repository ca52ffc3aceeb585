// Every record sheetx writes validates against schema/review-sheet.schema.json (through
// scripts/validate-records.py and python3-jsonschema): the samples and their variants, the bad
// and hostile inputs, reads with broken rule files that leave values missing, and every record
// the other tests have left in the build's test-scratch folder.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "../robustness/hostile_pdfs.h"
#include "../support/test_support.h"

namespace {

using namespace sheetx::testing;

std::vector<fs::path> files_under(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> out;
  std::error_code error;
  if (!fs::exists(dir, error)) return out;
  // The robustness tests leave symlink loops and unreadable folders: skipped, not followed.
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, error), end;
       !error && it != end; it.increment(error)) {
    std::error_code type_error;
    if (it->is_regular_file(type_error) && it->path().extension() == extension) out.push_back(it->path());
  }
  return out;
}

// A record document (not a report, a datapackage or a half-written file).
bool is_record(const std::string& text) {
  try {
    const auto json = nlohmann::json::parse(text);
    return json.is_object() && json.value("format", "") == "review-sheet/1";
  } catch (const std::exception&) {
    return false;
  }
}

// Extracts the inputs into out/ (a JSON file per sheet) with the rule file given (none: the
// shipped one); returns the record files written.
std::vector<fs::path> extract(const std::vector<fs::path>& inputs, const fs::path& out, const std::string& rules = "") {
  std::string command = kSheetx + " extract";
  for (const auto& input : inputs) command += " " + quoted(input);
  if (!rules.empty()) command += " --rules " + quoted(fs::path(rules));
  run(command + " -o " + quoted(out) + " --jobs 2 2>/dev/null");
  return files_under(out, ".json");
}

// The shipped rule file with `from` replaced by `to`.
fs::path broken_rules(const fs::path& dir, const std::string& name, const std::string& from, const std::string& to) {
  std::string text = read_file(kRoot / "rules" / "taito-kensho.yaml");
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  std::ofstream(dir / name) << text;
  return dir / name;
}

TEST(Schema, SamplesBadAndHostileInputsGiveValidRecords) {
  const fs::path dir = scratch("schema-inputs");
  std::vector<fs::path> inputs = files_under(kSamples, ".pdf");
  std::ofstream(dir / "self-invoking-forms.pdf") << hostile::self_invoking_forms();
  std::ofstream(dir / "deeply-nested.pdf") << hostile::deeply_nested(1000);
  std::ofstream(dir / "long-cell.pdf") << hostile::long_cell(50, 50);
  for (const char* name : {"self-invoking-forms.pdf", "deeply-nested.pdf", "long-cell.pdf"}) inputs.push_back(dir / name);
  const auto records = extract(inputs, dir / "out");
  ASSERT_GE(records.size(), 9u) << "every sample sheet gives a record";
  const auto valid = validate_records(records);
  EXPECT_EQ(valid.status, 0) << valid.out;
  const auto jsonl = run(kSheetx + " extract " + quoted(kSamples) + " --format jsonl --jobs 2 2>/dev/null");
  std::ofstream(dir / "all.jsonl") << jsonl.out;
  const auto lines = run("/usr/bin/python3 " + quoted(kRoot / "scripts" / "validate-records.py") + " --jsonl " +
                         quoted(dir / "all.jsonl") + " 2>&1");
  EXPECT_EQ(lines.status, 0) << lines.out;
}

// Rule files that miss a label, a column or a year leave values null or empty: the schema allows
// that, and a warning names the field or the rule.
TEST(Schema, RecordsWithMissingValuesAreValidAndSayWhy) {
  const fs::path dir = scratch("schema-missing");
  const std::vector<std::tuple<std::string, std::string, std::string>> breaks = {
      {"no-number.yaml", "label: '^施策(?:№", "label: '^施策(?:NOPE"},
      {"no-plan.yaml", "{role: plan, header: '計画事業量'}", "{role: plan, header: '^計画事業量$'}"},
      {"no-years.yaml", "{role: year, header: '年度'}", "{role: year, header: '^年度$'}"},
      {"no-target-row.yaml", "target_row: '^目標$'", "target_row: '^もくひょう$'"},
      {"indicator-year.yaml", "{role: actual, header: '年度末'}", "{role: actual, header: '年度末|出典'}"},
      {"no-title-period.yaml", "(?P<period>(?:令和|平成)\\S+?年度)長期", "(?P<period>)(?:令和|平成)\\S+?年度長期"},
  };
  std::vector<fs::path> records;
  for (const auto& [name, from, to] : breaks) {
    const auto rules = broken_rules(dir, name, from, to);
    const auto written = extract({kSamples / "taito-35.pdf", kSamples / "taito-41.pdf"}, dir / ("out-" + name), rules.string());
    EXPECT_EQ(written.size(), 2u) << name;
    for (const auto& file : written) {
      const auto record = nlohmann::json::parse(read_file(file));
      EXPECT_FALSE(record["warnings"].empty()) << name << ": a broken rule file reads nothing in silence";
      records.push_back(file);
    }
  }
  const auto number = nlohmann::json::parse(read_file(dir / "out-no-number.yaml" / "taito-35.json"));
  EXPECT_TRUE(number["measure"]["number"].is_null());
  bool said = false;
  for (const auto& w : number["warnings"])
    said |= w["code"] == "rule-unmatched" && w["message"].get<std::string>().find("measure.number") != std::string::npos;
  EXPECT_TRUE(said) << number["warnings"];
  const auto valid = validate_records(records);
  EXPECT_EQ(valid.status, 0) << valid.out;
}

// Whatever records the other tests wrote (they run before or beside this one) validate too. Each
// is copied as read, so that a test removing its folder meanwhile cannot fail this one.
TEST(Schema, EveryRecordTheTestsWroteIsValid) {
  const fs::path copies = scratch("schema-written");
  std::vector<fs::path> records;
  for (const auto& file : files_under(fs::path(SHEETX_BINARY_DIR) / "test-scratch", ".json")) {
    if (file.string().starts_with(copies.string())) continue;
    // Records made invalid on purpose, to show that the schema refuses them (records-invalid-*).
    if (file.string().find("/records-invalid-") != std::string::npos) continue;
    std::string text;
    try {
      text = read_file(file);
    } catch (const std::exception&) {
      continue;  // removed by its test meanwhile
    }
    if (!is_record(text)) continue;
    records.push_back(copies / (std::to_string(records.size()) + ".json"));
    std::ofstream(records.back()) << text;
  }
  if (records.empty()) GTEST_SKIP() << "no test has written records yet";
  const auto valid = validate_records(records);
  EXPECT_EQ(valid.status, 0) << valid.out;
}

}  // namespace
