// Sheet -> the JSON document of docs/records.md, keys in the contract's order.
#include <cmath>
#include <cstdint>
#include <utility>

#include "sheetx/record_json.h"

namespace sheetx::records {
namespace {

using Json = nlohmann::ordered_json;

// Boxes to a hundredth of a point: finer is below what a PDF producer means.
Json at_json(const At& at) {
  Json box = Json::array();
  for (double v : at.box) box.push_back(std::round(v * 100) / 100);
  return {{"page", at.page}, {"box", box}};
}

Json number_json(std::optional<double> value) {
  if (!value) return nullptr;
  // Whole numbers print as integers (4600, not 4600.0) while they are exact in a double.
  if (std::trunc(*value) == *value && std::fabs(*value) < 9007199254740992.0) {
    return static_cast<std::int64_t>(*value);
  }
  return *value;
}

Json unit_json(const std::optional<std::string>& unit) { return unit ? Json(*unit) : Json(nullptr); }

Json quantity_json(const Quantity& q) {
  Json out = to_json(static_cast<const normalizer::Quantity&>(q));
  out["at"] = at_json(q.at);
  return out;
}

// `head` followed by the quantity's fields: the indicator value and the baseline lead with
// their kind and year.
Json headed_quantity(Json head, const Quantity& q) {
  const Json body = quantity_json(q);
  for (const auto& [key, item] : body.items()) head[key] = item;
  return head;
}

Json optional_quantity(const std::optional<Quantity>& q) { return q ? quantity_json(*q) : Json(nullptr); }

template <typename T>
Json optional_number(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json numbered_json(const Numbered& n) { return {{"number", optional_number(n.number)}, {"name", n.name}}; }

Json measure_json(const Measure& m) {
  Json initiatives = Json::array();
  for (const auto& i : m.initiatives) initiatives.push_back(numbered_json(i));
  return {{"number", optional_number(m.number)},
          {"name", m.name},
          {"department", m.department},
          {"division", m.division},
          {"goal", numbered_json(m.goal)},
          {"vision", m.vision},
          {"initiatives", initiatives},
          {"evaluation", {{"grade", m.evaluation.grade}, {"label", m.evaluation.label}}},
          {"review",
           {{"summary", m.review.summary}, {"indicators", m.review.indicators}, {"direction", m.review.direction}}}};
}

Json values_json(const std::vector<IndicatorValue>& values) {
  Json out = Json::array();
  for (const auto& v : values) {
    out.push_back(headed_quantity({{"kind", v.kind}, {"fiscal_year", optional_number(v.fiscal_year)}}, v.quantity));
  }
  return out;
}

Json indicator_json(const Indicator& indicator) {
  return {{"name", indicator.name}, {"source", indicator.source}, {"values", values_json(indicator.values)}};
}

Json activity_json(const Activity& a) {
  Json baseline = nullptr;
  if (a.baseline) baseline = headed_quantity({{"fiscal_year", optional_number(a.baseline_fiscal_year)}}, *a.baseline);
  Json years = Json::array();
  for (const auto& y : a.years) {
    years.push_back({{"fiscal_year", y.fiscal_year},
                     {"target", optional_quantity(y.target)},
                     {"actual", optional_quantity(y.actual)}});
  }
  return {{"name", a.name}, {"baseline", baseline}, {"plan", optional_quantity(a.plan)}, {"years", years}};
}

Json project_indicator_json(const ProjectIndicator& indicator) {
  return {{"kind", indicator.kind},
          {"name", indicator.name},
          {"unit", indicator.unit ? Json(*indicator.unit) : Json(nullptr)},
          {"values", values_json(indicator.values)}};
}

Json project_evaluation_json(const ProjectEvaluation& evaluation) {
  Json items = Json::array();
  for (const auto& item : evaluation.items) {
    items.push_back({{"name", item.name}, {"grade", item.grade}, {"comment", item.comment}});
  }
  return {{"items", items}, {"grade", evaluation.grade}, {"label", evaluation.label}};
}

Json direction_json(const Direction& direction) {
  return {{"choice", direction.choice ? Json(*direction.choice) : Json(nullptr)},
          {"options", direction.options},
          {"text", direction.text}};
}

// The contract's project: number, code, name, department, division, then the project-sheet
// fields that are set, then activities.
Json project_json(const Project& p) {
  Json out = {{"number", optional_number(p.number)}};
  if (p.code) out["code"] = *p.code;
  out["name"] = p.name;
  if (p.department) out["department"] = *p.department;
  out["division"] = p.division;
  out["reposted"] = p.reposted;
  if (p.started_fiscal_year) out["started_fiscal_year"] = *p.started_fiscal_year;
  if (p.legal_basis) out["legal_basis"] = *p.legal_basis;
  if (p.mandatory) out["mandatory"] = *p.mandatory;
  if (p.purpose) out["purpose"] = *p.purpose;
  if (p.target) out["target"] = *p.target;
  if (p.means) out["means"] = *p.means;
  if (!p.indicators.empty()) {
    Json indicators = Json::array();
    for (const auto& i : p.indicators) indicators.push_back(project_indicator_json(i));
    out["indicators"] = indicators;
  }
  if (!p.costs.empty()) {
    Json costs = Json::array();
    for (const auto& c : p.costs) costs.push_back({{"name", c.name}, {"values", values_json(c.values)}});
    out["costs"] = costs;
  }
  if (p.evaluation) out["evaluation"] = project_evaluation_json(*p.evaluation);
  if (p.direction) out["direction"] = direction_json(*p.direction);
  Json activities = Json::array();
  for (const auto& a : p.activities) activities.push_back(activity_json(a));
  out["activities"] = activities;
  return out;
}

}  // namespace

nlohmann::ordered_json to_json(const normalizer::Quantity& quantity) {
  Json json = {{"raw", quantity.raw}, {"value", number_json(quantity.value)}, {"unit", unit_json(quantity.unit)}};
  if (quantity.cumulative) json["cumulative"] = true;
  if (quantity.per_year) json["per_year"] = true;
  if (quantity.approximate) json["approximate"] = true;
  if (quantity.bound) json["bound"] = normalizer::bound_name(*quantity.bound);
  if (quantity.range_to) json["range_to"] = number_json(quantity.range_to);
  if (quantity.running_total) json["running_total"] = number_json(quantity.running_total);
  if (quantity.revised) {
    Json revised = {{"value", number_json(quantity.revised->value)}, {"unit", unit_json(quantity.revised->unit)}};
    if (quantity.revised->per_year) revised["per_year"] = true;
    json["revised"] = std::move(revised);
  }
  if (quantity.estimate) json["estimate"] = true;
  if (quantity.status) json["status"] = *quantity.status;
  return json;
}

const nlohmann::ordered_json& member(const nlohmann::ordered_json& object, const char* key) {
  static const Json null;
  if (!object.is_object()) return null;
  const auto it = object.find(key);
  return it == object.end() ? null : *it;
}

bool json_warning_order(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b) {
  // Only what the order reads: the code, the page and the box's left and top.
  auto ordered = [](const Json& warning) {
    Warning w;
    const Json& code = member(warning, "code");
    if (code.is_string()) w.code = code.get<std::string>();
    const Json& at = member(warning, "at");
    const Json& box = member(at, "box");
    if (box.is_array() && box.size() == 4 && box[0].is_number() && box[1].is_number()) {
      const Json& page = member(at, "page");
      w.at = At{page.is_number() ? page.get<int>() : 0, {box[0].get<double>(), box[1].get<double>(), 0, 0}};
    }
    return w;
  };
  return warning_order(ordered(a), ordered(b));
}

nlohmann::ordered_json to_json(const Sheet& sheet) {
  Json indicators = Json::array();
  for (const auto& i : sheet.indicators) indicators.push_back(indicator_json(i));
  Json projects = Json::array();
  for (const auto& p : sheet.projects) projects.push_back(project_json(p));
  Json warnings = Json::array();
  for (const auto& w : sheet.warnings) {
    Json warning = {{"code", w.code}, {"message", w.message}};
    if (w.at) warning["at"] = at_json(*w.at);
    if (!w.rule.empty()) warning["rule"] = w.rule;
    warnings.push_back(std::move(warning));
  }
  const auto& s = sheet.source;
  Json out = {{"format", kFormat},
             {"kind", sheet.kind == SheetKind::project ? "project" : "measure"},
             {"id", sheet_id(sheet)}};
  out["source"] = {{"path", s.path}, {"sha256", s.sha256}, {"pages", s.pages}, {"first_page", s.first_page},
                   {"last_page", s.last_page}};
  out["ruleset"] = {{"id", sheet.ruleset_id}, {"version", sheet.ruleset_version}};
  out["municipality"] = {{"code", sheet.municipality_code}, {"name", sheet.municipality_name}};
  out["review_period"] = {{"label", sheet.review_period.label},
                          {"from_fiscal_year", optional_number(sheet.review_period.from_fiscal_year)},
                          {"to_fiscal_year", optional_number(sheet.review_period.to_fiscal_year)}};
  out["measure"] = measure_json(sheet.measure);
  out["indicators"] = indicators;
  out["projects"] = projects;
  out["warnings"] = warnings;
  if (!sheet.extra.empty()) out["extra"] = sheet.extra;
  return out;
}

}  // namespace sheetx::records
