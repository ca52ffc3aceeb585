// The text helpers the rules apply to every cell: labels and headers are matched on the text with
// all white space removed, numbers are read as printed (full-width too), and what a warning
// quotes is cut at a character, never inside one.
#include <gtest/gtest.h>

#include "page_text.h"

namespace {

using sheetx::rules::squeeze;
using sheetx::rules::to_int;
using sheetx::rules::trim;
using sheetx::rules::utf8_prefix;

// A PDF may set a heading with any ASCII white space or the ideographic space between its
// characters: the label a rule file names still matches.
TEST(PageText, SqueezeRemovesEveryKindOfWhiteSpace) {
  EXPECT_EQ(squeeze("施 策\t名\n称\r\n（\f主\v）　等"), "施策名称（主）等");
  EXPECT_EQ(squeeze(" \t\n\r\f\v　"), "");
  EXPECT_EQ(squeeze("No.12"), "No.12");
}

TEST(PageText, TrimKeepsTheSpacesInside) {
  EXPECT_EQ(trim("\r\n　 施策　名 \t\f\v"), "施策　名");
  EXPECT_EQ(trim("　"), "");
}

TEST(PageText, NumbersAsPrintedHalfOrFullWidth) {
  EXPECT_EQ(to_int("35"), 35);
  EXPECT_EQ(to_int("３５"), 35);
  EXPECT_EQ(to_int(" 12　"), 12);
  EXPECT_EQ(to_int("-3"), std::nullopt);
  EXPECT_EQ(to_int("3a"), std::nullopt);
  EXPECT_EQ(to_int(""), std::nullopt);
  EXPECT_EQ(to_int("99999999999"), std::nullopt);  // too large for a number of a sheet
}

TEST(PageText, PrefixCountsCharactersNotBytes) {
  EXPECT_EQ(utf8_prefix("施策名称", 2), "施策");
  EXPECT_EQ(utf8_prefix("a施b", 2), "a施");
  EXPECT_EQ(utf8_prefix("施策", 5), "施策");
  EXPECT_EQ(utf8_prefix("施策", 0), "");
}

}  // namespace
