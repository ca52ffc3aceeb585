#include "sheet_context.h"

namespace sheetx::rules {

records::At at_of(int page, const extractor::Box& box) { return {page, {box.x0, box.y0, box.x1, box.y1}}; }

std::string quoted(const std::string& text) { return "«" + text + "»"; }
std::string regex_text(const RE2& re) { return "'" + re.pattern() + "'"; }

void look(RuleTrace* trace, int page, const extractor::Box& box, std::string text, bool matched, std::string outcome) {
  if (trace) trace->looks.push_back({page, box, std::move(text), matched, std::move(outcome)});
}
void conclude(RuleTrace* trace, bool matched, std::string result) {
  if (!trace) return;
  trace->matched = matched;
  trace->result = std::move(result);
}

std::string joined(const std::vector<std::string>& names, const char* prefix) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(prefix) + n;
  return out;
}

}  // namespace sheetx::rules
