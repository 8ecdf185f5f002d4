// Sentence splitting (src/document/sentences.h) on documents read from Markdown and HTML with the
// default packs' lexicons: abbreviations, decimals, closing quotes, ellipses, and the Markdown
// line-break rule for one-paragraph-per-line files.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "document/sentences.h"
#include "input/readers.h"
#include "rules/lexicon.h"
#include "rules/rules.h"

namespace {

using namespace factlint;

const RuleSet& default_rules() {
  static const RuleSet* rules = [] {
    auto* r = new RuleSet();
    PackError err;
    if (!r->add_defaults(&err) || !r->compile(&err)) ADD_FAILURE() << "default packs: " << err.to_string();
    return r;
  }();
  return *rules;
}

// Checks the structural invariants every split must keep, then returns the sentence texts.
std::vector<std::string> sentences_of(const Document& d) {
  std::vector<Sentence> s;
  split_sentences(d, default_rules().lex(), s);
  std::vector<std::string> out;
  uint32_t prev_end = 0;
  for (const Sentence& x : s) {
    EXPECT_LT(x.begin, x.end);
    EXPECT_GE(x.begin, prev_end) << "sentences overlap or go backwards";
    EXPECT_LT(x.block, d.blocks.size());
    if (x.block < d.blocks.size()) {
      EXPECT_GE(x.begin, d.blocks[x.block].begin) << "sentence starts outside its block";
      EXPECT_LE(x.end, d.blocks[x.block].end) << "sentence ends outside its block";
    }
    EXPECT_NE(d.text[x.begin], ' ') << "untrimmed sentence start";
    EXPECT_NE(d.text[x.end - 1], ' ') << "untrimmed sentence end";
    prev_end = x.end;
    out.emplace_back(d.text.substr(x.begin, x.end - x.begin));
  }
  return out;
}

std::vector<std::string> split_md(std::string_view src) {
  Document d;
  MarkdownTree tree;
  read_markdown(src, d, tree);
  return sentences_of(d);
}

std::vector<std::string> split_html(std::string_view src) {
  Document d;
  read_html(src, d);
  return sentences_of(d);
}

using V = std::vector<std::string>;

// Runs the same paragraph through both readers.
void expect_both(std::string_view text, const V& want) {
  EXPECT_EQ(split_md(text), want) << "Markdown: " << text;
  EXPECT_EQ(split_html("<p>" + std::string(text) + "</p>"), want) << "HTML: " << text;
}

TEST(Sentences, AbbreviationsDoNotSplit) {
  expect_both("Dr. Smith met Mr. Jones in the U.S. capital on Jan. 5 at 9 a.m. and saw e.g. the mall.",
              V{"Dr. Smith met Mr. Jones in the U.S. capital on Jan. 5 at 9 a.m. and saw e.g. the mall."});
  expect_both("Ask Prof. Lee about Ph.D. students at Acme Inc. headquarters.",
              V{"Ask Prof. Lee about Ph.D. students at Acme Inc. headquarters."});
  // A single capital letter is an initial.
  expect_both("J. K. Rowling wrote it. Then she left.", V{"J. K. Rowling wrote it.", "Then she left."});
  // "U.S.-China" and "e.g.," are never ends.
  expect_both("The U.S.-China deal held. Ask e.g., Bob.", V{"The U.S.-China deal held.", "Ask e.g., Bob."});
}

TEST(Sentences, AbbreviationBeforeSentenceOpenerSplits) {
  expect_both("She lives in the U.S. The next day she left.", V{"She lives in the U.S.", "The next day she left."});
  expect_both("He works at Acme Inc. The firm grew.", V{"He works at Acme Inc.", "The firm grew."});
  expect_both("Students met at 5 p.m. The dean spoke.", V{"Students met at 5 p.m.", "The dean spoke."});
}

TEST(Sentences, DecimalsDoNotSplit) {
  expect_both("Growth was 3.5 percent in May. Prices rose 2.25 points.",
              V{"Growth was 3.5 percent in May.", "Prices rose 2.25 points."});
  expect_both("Version 10.4.2 shipped. It was 0.5 seconds faster.",
              V{"Version 10.4.2 shipped.", "It was 0.5 seconds faster."});
}

TEST(Sentences, ClosingQuotesAfterPeriod) {
  expect_both("He said \"yes.\" Then he left.", V{"He said \"yes.\"", "Then he left."});
  expect_both("He said 'yes.' Then he left.", V{"He said 'yes.'", "Then he left."});
  expect_both("He said \xE2\x80\x9Cyes.\xE2\x80\x9D Then he left.",
              V{"He said \xE2\x80\x9Cyes.\xE2\x80\x9D", "Then he left."});
  expect_both("(He left.) Then she came.", V{"(He left.)", "Then she came."});
  // Character references decode before splitting.
  EXPECT_EQ(split_html("<p>He said &ldquo;yes.&rdquo; Then he left.</p>"),
            (V{"He said \xE2\x80\x9Cyes.\xE2\x80\x9D", "Then he left."}));
  // A quotation that opens the next sentence.
  expect_both("It rained. \"Nobody came,\" she said.", V{"It rained.", "\"Nobody came,\" she said."});
}

TEST(Sentences, EllipsisAndOtherEnds) {
  expect_both("Wait for it... The answer came.", V{"Wait for it...", "The answer came."});
  expect_both("Wait for it\xE2\x80\xA6 The answer came.", V{"Wait for it\xE2\x80\xA6", "The answer came."});
  // An ellipsis followed by a lower-case word continues the sentence.
  expect_both("He waited... and then he left.", V{"He waited... and then he left."});
  expect_both("Is it? Yes! Really?! Sure.", V{"Is it?", "Yes!", "Really?!", "Sure."});
}

TEST(Sentences, NeverAcrossBlocks) {
  EXPECT_EQ(split_md("No period here\n\nNor here\n"), (V{"No period here", "Nor here"}));
  EXPECT_EQ(split_html("<p>No period here</p><p>Nor here</p>"), (V{"No period here", "Nor here"}));
  EXPECT_EQ(split_md("# A heading\n\nA paragraph.\n"), (V{"A heading", "A paragraph."}));
  EXPECT_EQ(split_html("<h2>A heading</h2>A paragraph."), (V{"A heading", "A paragraph."}));
}

TEST(Sentences, MarkdownLongLinesSplitAtLineBreaks) {
  // One paragraph per line, no blank lines, no final periods: each line is a sentence.
  const std::string a =
      "The council met on Tuesday evening to discuss the new budget for the coming fiscal year and its many provisions";
  const std::string b =
      "Residents who attended the meeting raised concerns about the cost of road repairs and the closure of the library";
  const std::string c =
      "Officials promised to publish the full plan online before the next session of the council later this month";
  ASSERT_GT(a.size(), 100u);
  ASSERT_GT(b.size(), 100u);
  ASSERT_GT(c.size(), 100u);
  EXPECT_EQ(split_md(a + "\n" + b + "\n" + c + "\n"), (V{a, b, c}));
  // A long line with two sentences splits at its period too.
  EXPECT_EQ(split_md(a + ". It ran late\n" + b + "\n"), (V{a + ".", "It ran late", b}));
  // A long line ending mid-clause (comma) continues on the next line.
  EXPECT_EQ(split_md(a + ",\n" + b + "\n"), (V{a + ", " + b}));
}

TEST(Sentences, MarkdownHardWrappedLinesDoNotSplit) {
  EXPECT_EQ(split_md("The meeting was held on Tuesday with\nMayor Ruiz presiding and\nResidents speaking at length.\n"),
            (V{"The meeting was held on Tuesday with Mayor Ruiz presiding and Residents speaking at length."}));
  EXPECT_EQ(split_md("The council met on Tuesday evening\nto discuss the new budget. Residents\nwho attended raised concerns\n"
                     "about the cost of road repairs.\n"),
            (V{"The council met on Tuesday evening to discuss the new budget.",
               "Residents who attended raised concerns about the cost of road repairs."}));
  // HTML source line breaks are never boundaries, however long the lines.
  const std::string a =
      "The council met on Tuesday evening to discuss the new budget for the coming fiscal year and its many provisions";
  const std::string b =
      "Residents who attended the meeting raised concerns about the cost of road repairs and the closure of the library";
  EXPECT_EQ(split_html("<p>" + a + "\n" + b + "</p>"), (V{a + " " + b}));
}

}  // namespace
