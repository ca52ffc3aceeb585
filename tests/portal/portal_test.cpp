// The portal tables as a data team uses them: a folder holding two review periods of one
// measure (made by the samples' generator from tests/portal/two-periods/, see
// make_two_periods.py), extracted with
// --format csv, then loaded into SQLite (Debian's sqlite3), checked by a Frictionless validator
// (npm datapackage/tableschema) and loaded into DuckDB (npm @duckdb/node-api); the keys hold, joins
// give one row per child row, `latest` picks one report per fiscal year; the Excel options; and
// a portal folder is never emptied or half-replaced.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "../records/project_sheet.h"
#include "../support/test_support.h"
#include "sheetx/record_csv.h"

namespace {

using namespace sheetx::testing;
using namespace sheetx::records;
using Json = nlohmann::json;

const fs::path kPortalTests = kRoot / "tests" / "portal";

// The folder the node scripts run from: tests/portal, where scripts/install-deps.sh installs their
// packages; or, in a copy of the tree that holds only the files git lists (the mutation tool's),
// a folder of the build tree where `npm ci --offline` installs them from npm's cache, once for
// all the test processes CTest runs at once (under a lock).
const fs::path& node_scripts() {
  static const fs::path folder = [] {
    if (fs::exists(kPortalTests / "node_modules" / "datapackage")) return kPortalTests;
    const fs::path made = fs::path(SHEETX_BINARY_DIR) / "portal-node";
    fs::create_directories(made);
    std::string sources;
    for (const char* file : {"package.json", "package-lock.json", "frictionless.js", "duckdb.mjs"})
      sources += " " + quoted(kPortalTests / file);
    const std::string install = "[ -d node_modules/datapackage ] || { cp" + sources +
                                " . && npm ci --offline --no-audit --no-fund --loglevel=error >/dev/null; }";
    run("cd " + quoted(made) + " && flock .lock sh -c " + quoted(fs::path(install)) + " 2>&1");
    return made;
  }();
  return folder;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("not in the text: " + from);
  return text.replace(at, from.size(), to);
}

// The PDFs of the two-period folder (make_two_periods.py) and their expected records, made once
// for all the test processes that CTest runs at once: the first one makes them under a lock, the
// others find them made from the same sources.
struct Folder {
  fs::path pdfs;       // taito-12.pdf (2019-2020), taito-12-r3.pdf (2021-2022), taito-18-formulas.pdf
  fs::path generated;  // the same with the generator's expected records
  std::string error;
};

const Folder& two_periods() {
  static const Folder folder = [] {
    const fs::path dir = fs::path(SHEETX_BINARY_DIR) / "test-scratch" / "portal-two-periods";
    Folder f{dir / "pdfs", dir / "out", ""};
    std::string sources;
    for (const fs::path& file : {kSamples / "generate.py", kSamples / "producer_style.py", kSamples / "src" / "taito-12.yaml",
                                 kSamples / "src" / "taito-18.yaml", kPortalTests / "make_two_periods.py",
                                 kPortalTests / "two-periods" / "manifest.yaml",
                                 kPortalTests / "two-periods" / "taito-12-r3.yaml"})
      sources += read_file(file);
    const std::string stamp = std::to_string(std::hash<std::string>{}(sources));
    fs::create_directories(dir.parent_path());
    const int lock = open((dir.string() + ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (lock < 0 || flock(lock, LOCK_EX) != 0) return Folder{{}, {}, "cannot lock " + dir.string()};
    if (!fs::exists(dir / "stamp") || read_file(dir / "stamp") != stamp) {
      const auto made = run("/usr/bin/python3 " + quoted(kPortalTests / "make_two_periods.py") + " " + quoted(dir) + " 2>&1");
      if (made.status == 0) {
        std::ofstream(dir / "stamp") << stamp;
      } else {
        f.error = made.out;
      }
    }
    close(lock);
    return f;
  }();
  return folder;
}

// `sheetx extract INPUT --format csv -o OUT EXTRA`, stderr with stdout.
CommandResult extract_csv(const std::string& input, const fs::path& out, const std::string& extra = "") {
  return run(kSheetx + " extract " + input + " --format csv -o " + quoted(out) + " " + extra + " 2>&1");
}

// The tables of a portal folder (every resource of its datapackage.json) in an SQLite database,
// every value as text.
fs::path load_sqlite(const fs::path& portal) {
  const fs::path db = portal.parent_path() / (portal.filename().string() + ".sqlite");
  fs::remove(db);
  std::string script;
  const Json package = Json::parse(read_file(portal / "datapackage.json"));
  for (const auto& resource : package["resources"])
    script += ".import --csv " + quoted(portal / resource["path"].get<std::string>()) + " " +
              resource["name"].get<std::string>() + "\n";
  std::ofstream(portal.parent_path() / "import.sql") << script;
  const auto loaded = run("sqlite3 -bail " + quoted(db) + " < " + quoted(portal.parent_path() / "import.sql") + " 2>&1");
  if (loaded.status != 0) throw std::runtime_error("sqlite3 .import failed: " + loaded.out);
  return db;
}

std::string query(const fs::path& db, const std::string& sql) {
  auto result = run("sqlite3 -bail -list -separator '|' " + quoted(db) + " " + sheetx::testing::quoted(sql) + " 2>&1");
  if (result.status != 0) throw std::runtime_error("sqlite3: " + sql + ": " + result.out);
  while (!result.out.empty() && (result.out.back() == '\n' || result.out.back() == '\r')) result.out.pop_back();
  return result.out;
}

std::string columns(const Json& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "\"" : ", \"") + name.get<std::string>() + "\"";
  return out;
}

// Each table's primary key is unique and present, and each foreign key finds exactly one parent
// row for every row, as the portal's datapackage.json declares them, in its database db.
void expect_declared_keys_hold(const fs::path& portal, const fs::path& db) {
  const Json package = Json::parse(read_file(portal / "datapackage.json"));
  for (const auto& resource : package["resources"]) {
    const std::string table = resource["name"];
    const Json& schema = resource["schema"];
    ASSERT_FALSE(schema["primaryKey"].empty()) << table;
    const std::string key = columns(schema["primaryKey"]);
    EXPECT_EQ(query(db, "SELECT count(*) FROM (SELECT " + key + " FROM " + table + " GROUP BY " + key +
                            " HAVING count(*) > 1)"),
              "0")
        << table << " repeats its primary key (" << key << ")";
    for (const auto& field : schema["primaryKey"])
      EXPECT_EQ(query(db, "SELECT count(*) FROM " + table + " WHERE \"" + field.get<std::string>() + "\" = ''"), "0")
          << table << "." << field;
    for (const auto& foreign : schema.value("foreignKeys", Json::array())) {
      const std::string parent = foreign["reference"]["resource"];
      std::string on;
      for (std::size_t i = 0; i < foreign["fields"].size(); ++i) {
        on += std::string(i ? " AND " : "") + "c.\"" + foreign["fields"][i].get<std::string>() + "\" = p.\"" +
              foreign["reference"]["fields"][i].get<std::string>() + "\"";
      }
      EXPECT_EQ(query(db, "SELECT count(*) FROM " + table + " c JOIN " + parent + " p ON " + on),
                query(db, "SELECT count(*) FROM " + table))
          << table << " -> " << parent;
    }
  }
}

// The portal loaded into SQLite, its declared keys expected to hold; the database.
fs::path load_with_declared_keys_held(const fs::path& portal) {
  const fs::path db = load_sqlite(portal);
  expect_declared_keys_hold(portal, db);
  return db;
}

class Portal : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(two_periods().error.empty()) << "the generator failed:\n" << two_periods().error;
    ASSERT_EQ(run("command -v sqlite3 node >/dev/null").status, 0) << "sqlite3 and node: run scripts/install-deps.sh";
    ASSERT_TRUE(fs::exists(node_scripts() / "node_modules" / "datapackage"))
        << "the npm packages of tests/portal are missing: run scripts/install-deps.sh";
  }
  // The two-period folder extracted to a fresh folder.
  fs::path portal(const std::string& name, const std::string& extra = "") {
    const fs::path out = scratch(name) / "portal";
    const auto result = extract_csv(quoted(two_periods().pdfs), out, extra);
    EXPECT_EQ(result.status, 0) << result.out;
    return out;
  }
};

TEST_F(Portal, TheTwoPeriodFolderReadsAsItsDescriptionsSay) {
  const auto result = run(kSheetx + " check " + quoted(two_periods().generated) + " 2>&1");
  EXPECT_EQ(result.status, 0) << result.out;
  EXPECT_NE(result.out.find("3 files, 3 match"), std::string::npos) << result.out;
}

TEST_F(Portal, JoiningYearsToProjectsToMeasuresGivesOneRowPerYearRow) {
  const fs::path out = portal("portal-join");
  const fs::path db = load_with_declared_keys_held(out);
  EXPECT_EQ(query(db, "SELECT count(*) FROM measures WHERE measure_number = '12'"), "2");
  const std::string years = query(db, "SELECT count(*) FROM years");
  EXPECT_EQ(years, "39");  // 12 + 12 rows of 施策12's two periods, 15 of 施策18
  EXPECT_EQ(query(db,
                  "SELECT count(*) FROM years y"
                  " JOIN projects p ON p.sheet_id = y.sheet_id AND p.project_order = y.project_order"
                  " AND p.activity_number = y.activity_number"
                  " JOIN measures m ON m.sheet_id = p.sheet_id"),
            years);
  // Every row says its review period, the same as its sheet's.
  EXPECT_EQ(query(db, "SELECT count(*) FROM years y JOIN measures m USING (sheet_id) WHERE y.review_period != "
                      "m.review_period OR y.from_fiscal_year != m.from_fiscal_year"),
            "0");
  EXPECT_EQ(query(db, "SELECT group_concat(sheet_id, ' ') FROM (SELECT sheet_id FROM measures ORDER BY 1)"),
            "131067/taito-kensho/2019-2020/12 131067/taito-kensho/2021-2022/12 131067/taito-kensho/2021-2022/18");
}

// 令和３年度 is reported twice: as an estimate on the 令和元～２年度 sheet and as the actual on the
// 令和３～４年度 sheet; the later one is the latest. A year reported once is its own latest.
TEST_F(Portal, LatestMarksOneReportOfEachFiscalYear) {
  const fs::path db = load_sqlite(portal("portal-latest"));
  EXPECT_EQ(query(db,
                  "SELECT count(*) FROM (SELECT 全国地方公共団体コード, measure_number, project_number, activity_name,"
                  " fiscal_year FROM years GROUP BY 1, 2, 3, 4, 5 HAVING sum(latest = 'true') != 1)"),
            "0");
  EXPECT_EQ(query(db, "SELECT sheet_id, actual_raw, actual_estimate, latest FROM years WHERE activity_name = "
                      "'子育て相談' AND fiscal_year = '2021' ORDER BY sheet_id"),
            "131067/taito-kensho/2019-2020/12|1,100件|true|false\n"
            "131067/taito-kensho/2021-2022/12|1,152件|false|true");
  EXPECT_EQ(query(db, "SELECT sheet_id, latest FROM years WHERE activity_name = '出張ひろばの開設' AND "
                      "fiscal_year = '2021'"),
            "131067/taito-kensho/2019-2020/12|true");
  // The latest view holds each (activity, year) once: 4 activities x 3 years twice, less the
  // one year the periods share for 3 activities, plus 施策18's 15.
  EXPECT_EQ(query(db, "SELECT count(*) FROM years WHERE latest = 'true'"), "36");
}

TEST_F(Portal, KeysHoldOnEverySample) {
  const fs::path out = scratch("portal-samples") / "portal";
  const auto result = extract_csv("samples/*.pdf", out);
  EXPECT_EQ(result.status, 0) << result.out;
  const fs::path db = load_with_declared_keys_held(out);
  // Sheets of one key, in path order, after the first: bundle's 施策7 is followed by excel-07,
  // taito-07-b, taito-07-rotated and taito-07 (~2 to ~5); 施策12 by taito-12-b, taito-12 and
  // word-12; 施策18 by taito-18-doubts and taito-18; 施策35 by taito-35 after ichitaro-35; the
  // project sheets 02-12-003 and 06-03-11 are each alone and again in their layout's bundle.
  EXPECT_EQ(query(db, "SELECT count(*) FROM measures WHERE sheet_id LIKE '%~%'"), "12");
  EXPECT_EQ(query(db, "SELECT kind, count(*) FROM measures GROUP BY 1 ORDER BY 1"), "measure|15\nproject|7");
  EXPECT_EQ(query(db, "SELECT count(*) FROM costs c JOIN project_sheets p USING (sheet_id, project_order)"),
            query(db, "SELECT count(*) FROM costs"));
  EXPECT_EQ(query(db, "SELECT source_path FROM measures WHERE sheet_id = '131067/taito-kensho/2019-2020/7~5'"),
            "samples/taito-07.pdf");
}

// A portal folder of a 施策 sheet read from its PDF (samples/taito-12.pdf) and two project sheets
// (事務事業評価シート) built as the rules layer fills them, written in one run.
fs::path mixed_portal(const std::string& name) {
  const fs::path out = scratch(name) / "portal";
  const auto read = run(kSheetx + " extract samples/taito-12.pdf --format jsonl 2>/dev/null");
  if (read.status != 0) throw std::runtime_error("sheetx extract failed: " + read.out);
  Sheet second = project_sheet();
  second.projects[0].code = "02-12-004";
  second.projects[0].name = "配食サービス";
  second.projects[0].mandatory.reset();
  second.extra.clear();
  CsvTables tables(out.string());
  tables.add(nlohmann::ordered_json::parse(read.out));
  for (const Sheet& sheet : {project_sheet(), second}) tables.add(to_json(sheet));
  tables.finish();
  return out;
}

// `node tests/portal/SCRIPT` on the tables of the two-period folder, of every sample and of the
// mixed folder passes and reports every table.
void expect_node_check_passes(const std::string& script) {
  std::vector<fs::path> folders;
  for (const std::string& input : {quoted(two_periods().pdfs), std::string("samples/*.pdf")}) {
    folders.push_back(scratch("portal-" + script + "-" + std::to_string(folders.size())) / "portal");
    ASSERT_EQ(extract_csv(input, folders.back()).status, 0) << input;
  }
  folders.push_back(mixed_portal("portal-" + script + "-mixed"));
  for (const fs::path& out : folders) {
    const auto checked = run("node " + quoted(node_scripts() / script) + " " + quoted(out) + " 2>&1");
    EXPECT_EQ(checked.status, 0) << out << "\n" << checked.out;
    for (const char* table : {"measures ", "indicators ", "projects ", "years ", "project_sheets ", "costs "})
      EXPECT_NE(checked.out.find(table), std::string::npos) << checked.out;
  }
}

TEST_F(Portal, ProjectSheetsJoinTheirCostsAndIndicatorsBesideMeasureSheets) {
  const fs::path out = mixed_portal("portal-projects");
  const fs::path db = load_with_declared_keys_held(out);
  EXPECT_EQ(query(db, "SELECT kind, count(*) FROM measures GROUP BY kind ORDER BY kind"), "measure|1\nproject|2");
  const std::string costs = query(db, "SELECT count(*) FROM costs");
  EXPECT_EQ(costs, "6");  // 3 values of 2 lines on each project sheet
  EXPECT_EQ(query(db,
                  "SELECT count(*) FROM costs c JOIN project_sheets p USING (sheet_id, project_order)"
                  " JOIN measures m USING (sheet_id)"),
            costs);
  EXPECT_EQ(query(db,
                  "SELECT p.project_name, c.fiscal_year, c.kind, c.value FROM costs c"
                  " JOIN project_sheets p USING (sheet_id, project_order)"
                  " WHERE c.line_name = '一般財源' ORDER BY p.project_code, c.fiscal_year"),
            "介護予防教室|2022|settlement|1234\n介護予防教室|2023|budget|1300\n"
            "配食サービス|2022|settlement|1234\n配食サービス|2023|budget|1300");
  EXPECT_EQ(query(db, "SELECT sheet_id, mandatory FROM project_sheets ORDER BY 1"),
            "131067/test/2023-2023/02-12-003|false\n131067/test/2023-2023/02-12-004|");
  // Indicators: the 施策 sheet's own, and each project's activity and outcome indicators.
  EXPECT_EQ(query(db, "SELECT indicator_kind, count(*) FROM indicators GROUP BY 1 ORDER BY 1"),
            query(db, "SELECT '', count(*) FROM indicators WHERE project_code = ''") + "\nactivity|4\noutcome|4");
  EXPECT_EQ(query(db,
                  "SELECT count(*) FROM indicators i JOIN project_sheets p USING (sheet_id, project_order)"
                  " WHERE i.indicator_kind = 'activity'"),
            "4");
}

TEST_F(Portal, AFrictionlessValidatorAcceptsThePackageAndEveryRow) {
  expect_node_check_passes("frictionless.js");
  // The validator is no rubber stamp: a repeated key, a text in an integer column and a row
  // without a parent are each refused.
  const fs::path out = scratch("portal-frictionless-broken") / "portal";
  ASSERT_EQ(extract_csv(quoted(two_periods().pdfs), out).status, 0);
  const std::string measures = read_file(out / "measures.csv");
  const std::string first_row = measures.substr(measures.find('\n') + 1, measures.find('\n', measures.find('\n') + 1) - measures.find('\n'));
  const std::map<std::string, std::string> breakages = {
      {"repeated key", measures + first_row},
      {"not an integer", replaced(measures, ",2019,2020,", ",2019,20x0,")},
  };
  for (const auto& [what, text] : breakages) {
    std::ofstream(out / "measures.csv", std::ios::binary) << text;
    EXPECT_EQ(run("node " + quoted(node_scripts() / "frictionless.js") + " " + quoted(out) + " 2>/dev/null").status, 1)
        << what;
  }
  std::ofstream(out / "measures.csv", std::ios::binary) << measures;
  const std::string orphaned = replaced(read_file(out / "years.csv"), "2021-2022/12,", "2021-2022/99,");
  std::ofstream(out / "years.csv", std::ios::binary) << orphaned;
  EXPECT_EQ(run("node " + quoted(node_scripts() / "frictionless.js") + " " + quoted(out) + " 2>/dev/null").status, 1)
      << "a row without a parent";
}

TEST_F(Portal, DuckDbInfersTheDeclaredTypesAndTheCodeStaysText) { expect_node_check_passes("duckdb.mjs"); }

TEST_F(Portal, CsvBomStartsEachTableWithAByteOrderMarkAndChangesNothingElse) {
  const fs::path plain = portal("portal-plain");
  const fs::path bom = portal("portal-bom", "--csv-bom");
  for (const char* table : {"measures.csv", "indicators.csv", "projects.csv", "years.csv"}) {
    const std::string a = read_file(plain / table), b = read_file(bom / table);
    EXPECT_NE(a.substr(0, 3), "\xEF\xBB\xBF") << table << ": the default has no BOM";
    EXPECT_EQ(b, "\xEF\xBB\xBF" + a) << table;
  }
  // DuckDB reads the BOM tables with the same types.
  EXPECT_EQ(run("node " + quoted(node_scripts() / "duckdb.mjs") + " " + quoted(bom) + " 2>&1").status, 0);
}

TEST_F(Portal, FormulaLikeCellsStayExactByDefault) {
  const fs::path out = scratch("portal-formulas-exact") / "portal";
  const auto result = extract_csv(quoted(two_periods().pdfs), out);
  EXPECT_EQ(result.status, 0) << result.out;
  EXPECT_EQ(result.out.find("formula"), std::string::npos) << result.out;
  const fs::path db = load_sqlite(out);
  EXPECT_EQ(query(db, "SELECT DISTINCT activity_name FROM projects WHERE measure_number = '18' ORDER BY 1"),
            "-オンライン講座\n=主催講座\n学習グループの登録\n移動図書館の巡回\n電子書籍の導入");
}

TEST_F(Portal, ExcelModeNeutralisesFormulaLikeCellsWithAWarningEach) {
  const fs::path out = scratch("portal-formulas-excel") / "portal";
  const auto result = extract_csv(quoted(two_periods().pdfs), out, "--excel");
  EXPECT_EQ(result.status, 0) << result.out;
  EXPECT_EQ(read_file(out / "years.csv").substr(0, 3), "\xEF\xBB\xBF");
  // =主催講座 and -オンライン講座: a projects row and 3 years rows each; @図書館サービスの充実:
  // the project name of 2 activities.
  std::size_t warnings = 0;
  for (std::size_t at = 0; (at = result.out.find("warning: ", at)) != std::string::npos; ++at) ++warnings;
  EXPECT_EQ(warnings, 10u) << result.out;
  EXPECT_NE(result.out.find("taito-18-formulas.pdf: warning: projects.csv activity_name: a cell starting with \\\"=\\\""),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("10 warnings"), std::string::npos) << result.out;
  const fs::path db = load_sqlite(out);
  EXPECT_EQ(query(db, "SELECT DISTINCT activity_name FROM years WHERE measure_number = '18' AND activity_name LIKE "
                      "'''%' ORDER BY 1"),
            "'-オンライン講座\n'=主催講座");
  EXPECT_EQ(query(db, "SELECT DISTINCT project_name FROM projects WHERE project_name LIKE '''%'"), "'@図書館サービスの充実");
  EXPECT_EQ(query(db, "SELECT warnings FROM measures WHERE measure_number = '18'"), "10");
  // Other cells are as printed.
  EXPECT_EQ(query(db, "SELECT count(*) FROM years WHERE target_raw LIKE '''%' OR actual_raw LIKE '''%'"), "0");
}

// The files of a folder and their bytes.
std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir)) files[e.path().filename().string()] = read_file(e.path());
  return files;
}

// A filled portal folder and the bytes of its files.
std::map<std::string, std::string> filled_portal(const fs::path& out) {
  const auto result = extract_csv("samples/taito-12.pdf", out);
  EXPECT_EQ(result.status, 0) << result.out;
  return files_of(out);
}

TEST_F(Portal, AnEmptyInputFolderIsAnErrorThatWritesNothing) {
  const fs::path dir = scratch("portal-empty");
  const fs::path out = dir / "portal";
  const auto before = filled_portal(out);
  fs::create_directories(dir / "no-pdfs");
  std::ofstream(dir / "no-pdfs" / "notes.txt") << "not a PDF\n";
  const auto result = extract_csv(quoted(dir / "no-pdfs"), out);
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.out.find("sheetx: no PDF found in " + (dir / "no-pdfs").string() + "\n"), std::string::npos)
      << result.out;
  EXPECT_EQ(files_of(out), before);
  // The same for a list on standard input that names nothing.
  const auto piped = run("printf '' | " + kSheetx + " extract - --format csv -o " + quoted(out) + " 2>&1");
  EXPECT_EQ(piped.status, 2);
  EXPECT_NE(piped.out.find("no PDF found in standard input"), std::string::npos) << piped.out;
  EXPECT_EQ(files_of(out), before);
}

TEST_F(Portal, ARunThatReadsNoSheetLeavesTheTables) {
  const fs::path dir = scratch("portal-no-sheet");
  const fs::path out = dir / "portal";
  const auto before = filled_portal(out);
  const auto result = extract_csv(quoted(kSamples / "bad"), out);
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.out.find("sheetx: no sheet read: the tables in " + out.string() + " are left as they were"),
            std::string::npos)
      << result.out;
  EXPECT_EQ(files_of(out), before);
}

// A run killed halfway (SIGKILL: no handler runs) leaves the previous tables whole; only its
// temporaries can be left beside them.
TEST_F(Portal, ARunKilledHalfwayLeavesThePreviousTables) {
  const fs::path dir = scratch("portal-killed");
  const fs::path out = dir / "portal";
  const auto before = filled_portal(out);
  fs::create_directories(dir / "many");
  for (int i = 0; i < 40; ++i) fs::copy_file(kSamples / "taito-41.pdf", dir / "many" / ("s" + std::to_string(i) + ".pdf"));
  const std::string command = kSheetx + " extract " + quoted(dir / "many") + " --format csv --jobs 1 -o " + quoted(out);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    execl("/bin/sh", "sh", "-c", ("exec " + command + " 2>/dev/null").c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the run has written rows of its own (measures.csv's temporary grows past its header).
  bool midway = false;
  for (int i = 0; i < 6000 && !midway; ++i) {
    for (const auto& e : fs::directory_iterator(out)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("measures.csv.part", 0) == 0 && fs::file_size(e.path()) > 600) midway = true;
    }
    if (!midway) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(midway) << "the run never got halfway";
  auto after = files_of(out);
  std::erase_if(after, [](const auto& file) { return file.first.find(".part") != std::string::npos; });
  EXPECT_EQ(after, before);
}

}  // namespace
