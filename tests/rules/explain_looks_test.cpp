// What explain shows of a field rule's label (sheetx explain, inspect): the cell it found is a hit.
#include <gtest/gtest.h>

#include <algorithm>

#include "sheetx/extractor.h"
#include "sheetx/rules.h"
#include "../support/test_support.h"

namespace {

// Every field rule that found its label shows that cell as matched: a reader of the trace sees
// where the rule anchored, not a miss, whether or not its value then read.
TEST(ExplainLooks, AFieldRulesLabelFoundIsAMatch) {
  const std::vector<sheetx::rules::Ruleset> rules = {sheetx::rules::Ruleset::load(sheetx::rules::default_rules_path())};
  const auto reading = sheetx::rules::Reader(rules).explain(sheetx::extractor::extract_file("samples/taito-35.pdf"));
  ASSERT_EQ(reading.traces.size(), 1u);
  int labels = 0;
  for (const auto& rule : reading.traces[0].rules)
    for (const auto& look : rule.looks)
      if (look.outcome == "label matched" || look.outcome == "contains matched") {
        ++labels;
        EXPECT_TRUE(look.matched) << rule.rule << ": " << look.text;
      }
  EXPECT_GT(labels, 5);
}

}  // namespace
