// A project sheet's rule file (kind: project) for the tests: project_sheet_test reads pages made
// by hand with it, rule_file_test breaks it one key at a time.
#pragma once

#include <algorithm>
#include <string>

namespace sheetx::test {

inline const std::string kProjectRules = R"(id: test-jimu
version: "1"
kind: project
municipality: {code: "000000", name: テスト市}
sheet:
  title: '^事務事業評価シート$'
  key: '^(?P<key>[0-9]{2}-[0-9]{2}-[0-9]{3})$'
  several_per_page: true
period: {label: '^評価対象年度$'}
project:
  - {label: '^事業番号$', pattern: '^(?P<code>[0-9]+-[0-9]+-(?P<number>[0-9]+))$'}
  - {label: '^事業名$', into: name}
  - {label: '^担当課[:：]', take: after, into: division}
  - {label: '^事業開始年度$', into: started_fiscal_year}
  - {label: '^事業区分$', options: {ticked: '[■☑●]', unticked: '[□☐○]'}, into: mandatory, values: {法定: true, 任意: false}}
  - {label: '^今後の方向性$', options: {circled: true, separator: '・'}, into: direction}
  - {label: '^予算科目$', into: extra.budget_account}
  - {label: '^施策$', pattern: '^(?P<measure_number>[0-9]+)[ 　]*(?P<measure_name>.+)$'}
)";

// "FILE:LINE" of the first line of the rules above holding `needle`, the rules loaded as `file`.
inline std::string project_rule_at(const std::string& file, const std::string& needle) {
  const auto at = kProjectRules.find(needle);
  return file + ":" +
         std::to_string(1 + std::count(kProjectRules.begin(), kProjectRules.begin() + static_cast<long>(at), '\n'));
}

}  // namespace sheetx::test
