// Suppressions (src/findings/suppressions.cpp, src/input/comments.cpp): every comment form in
// Markdown and HTML with exact positions, factlint-source evidence, unused and invalid
// suppressions reported, front matter (YAML and TOML), and no marks for cleared findings.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "engine.h"
#include "findings/suppressions.h"

namespace {

using namespace factlint;
using Fmt = CheckOptions::InputFormat;

const RuleSet& rules() {
  static const RuleSet* r = [] {
    auto* rs = new RuleSet();
    PackError err;
    if (!rs->add_defaults(&err) || !rs->compile(&err)) ADD_FAILURE() << err.to_string();
    return rs;
  }();
  return *r;
}

CheckResult run(std::string_view input, Fmt fmt = Fmt::Markdown, bool annotate = false,
                const RuleFilter* filter = nullptr, Severity min = Severity::Info) {
  Checker c(rules());
  CheckOptions o;
  o.format = fmt;
  o.annotate = annotate;
  o.filter = filter;
  o.min_severity = min;
  CheckResult r;
  EXPECT_TRUE(c.check(input, o, r)) << r.error;
  return r;
}

// "rule@line:column text" for each finding, for readable failures.
std::vector<std::string> brief(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (const Finding& f : fs)
    out.push_back(f.rule->id + "@" + std::to_string(f.line) + ":" + std::to_string(f.column) + " " + f.text);
  return out;
}

using V = std::vector<std::string>;

const Finding* find_rule(const std::vector<Finding>& fs, std::string_view id) {
  for (const Finding& f : fs)
    if (f.rule->id == id) return &f;
  return nullptr;
}

uint32_t off(std::string_view s, std::string_view needle, size_t nth = 0) {
  size_t p = s.find(needle);
  while (nth-- > 0 && p != std::string_view::npos) p = s.find(needle, p + 1);
  EXPECT_NE(p, std::string_view::npos) << needle;
  return static_cast<uint32_t>(p);
}

// ---- the comments the readers collect ----

TEST(SuppressionComments, MarkdownCollectsRawHtmlCommentsButNeverCode) {
  std::string md =
      "Text 30% <!-- factlint-source \"u\" --> more.\n\n"
      "<!-- factlint-disable -->\n\n"
      "`<!-- factlint-disable -->` in code\n\n"
      "```\n<!-- factlint-enable -->\n```\n\n"
      "    <!-- factlint-enable -->\n\n"
      "<!-- a plain comment -->\n";
  Document d;
  MarkdownTree t;
  read_markdown(md, d, t);
  ASSERT_EQ(d.comments.size(), 2u);
  EXPECT_EQ(d.comments[0].begin, off(md, "<!-- factlint-source"));
  EXPECT_EQ(d.comments[0].end, off(md, " more."));
  EXPECT_EQ(d.comments[0].block, 0);  // inside the first paragraph
  EXPECT_EQ(d.comments[1].begin, off(md, "<!-- factlint-disable -->"));
  EXPECT_EQ(d.comments[1].block, -1);  // an HTML block between paragraphs
}

TEST(SuppressionComments, MarkdownFindsCommentsInsideQuotesAndLists) {
  std::string md = "> Sales rose 30%<!-- factlint-source \"q\" --> in May.\n\n- An item 40%<!-- factlint-source \"l\" -->\n";
  Document d;
  MarkdownTree t;
  read_markdown(md, d, t);
  ASSERT_EQ(d.comments.size(), 2u);
  EXPECT_EQ(d.comments[0].begin, off(md, "<!-- factlint-source \"q\""));
  EXPECT_EQ(d.comments[1].begin, off(md, "<!-- factlint-source \"l\""));
  EXPECT_GE(d.comments[0].block, 0);
  EXPECT_GE(d.comments[1].block, 0);
}

TEST(SuppressionComments, HtmlCollectsCommentTokensOnly) {
  std::string html =
      "<p>One 30%<!-- factlint-source \"a\" --></p>\n<!-- factlint-disable -->\n"
      "<script>var s = '<!-- factlint-enable -->';</script><!-- other -->";
  Document d;
  read_html(html, d);
  ASSERT_EQ(d.comments.size(), 2u);
  EXPECT_EQ(d.comments[0].begin, off(html, "<!-- factlint-source"));
  EXPECT_EQ(d.comments[0].end, off(html, "</p>"));
  EXPECT_EQ(d.comments[0].block, 0);
  EXPECT_EQ(d.comments[1].begin, off(html, "<!-- factlint-disable"));
  EXPECT_EQ(d.comments[1].block, -1);
}

// ---- Markdown ----

TEST(SuppressMarkdown, NothingSuppressedWithoutComments) {
  auto r = run("Sales rose 40% last year.\n");
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@1:12 40%"}));
  EXPECT_TRUE(r.sourced.empty());
}

TEST(SuppressMarkdown, DisableNextLineAllRules) {
  std::string md = "<!-- factlint-disable-next-line -->\nSales rose 40% last year, the best phone ever made.\n\n"
                   "Sales rose 50% last year.\n";
  auto r = run(md);
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@4:12 50%"}));
  EXPECT_EQ(r.findings[0].start, off(md, "50%"));
}

TEST(SuppressMarkdown, DisableNextLineOneRuleLeavesTheOthers) {
  std::string md = "<!-- factlint-disable-next-line figure.unattributed -->\nSales rose 40% last year, the best phone ever made.\n";
  auto r = run(md);
  EXPECT_EQ(brief(r.findings), (V{"absolute.superlative@2:27 the best phone", "absolute.totalizing@2:42 ever made"}));
}

TEST(SuppressMarkdown, DisableNextLineSkipsBlankLinesAndOnlyCoversOneLine) {
  std::string md = "<!-- factlint-disable-next-line figure.unattributed -->\n\n\nSales rose 40%\nand then 60% more.\n";
  auto r = run(md);
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@5:10 60%"}));
}

TEST(SuppressMarkdown, DisableNextLineReasonAfterDoubleDash) {
  std::string md = "<!-- factlint-disable-next-line figure.unattributed -- checked with the desk -->\nSales rose 40% last year.\n";
  auto r = run(md);
  EXPECT_TRUE(r.findings.empty()) << ::testing::PrintToString(brief(r.findings));
}

TEST(SuppressMarkdown, DisableEnableRangeByCategory) {
  std::string md =
      "It is the best phone ever made.\n\n"
      "<!-- factlint-disable absolute-claim -->\n\n"
      "It is the best phone ever made. Revenue hit $5 billion.\n\n"
      "<!-- factlint-enable absolute-claim -->\n\n"
      "It is the best phone ever made.\n";
  auto r = run(md);
  EXPECT_EQ(brief(r.findings), (V{"absolute.superlative@1:7 the best phone", "absolute.totalizing@1:22 ever made",
                                  "figure.unattributed@5:45 $5 billion", "absolute.superlative@9:7 the best phone",
                                  "absolute.totalizing@9:22 ever made"}));
}

TEST(SuppressMarkdown, DisableWithoutEnableRunsToTheEnd) {
  std::string md = "Sales rose 40% last year.\n\n<!-- factlint-disable -->\n\nSales rose 50%.\n\nIt is the best phone ever made.\n";
  auto r = run(md);
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@1:12 40%"}));
}

TEST(SuppressMarkdown, PlainEnableEndsEveryDisable) {
  std::string md = "<!-- factlint-disable figure.unattributed absolute-claim -->\nSales rose 40%, the best phone ever made.\n"
                   "<!-- factlint-enable -->\n\nSales rose 50%.\n";
  auto r = run(md);
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@5:12 50%"}));
}

TEST(SuppressMarkdown, EnableOfAnotherRuleDoesNotEndADisable) {
  std::string md = "<!-- factlint-disable figure.unattributed -->\n\n<!-- factlint-enable quote.scare -->\n\nSales rose 50%.\n";
  auto r = run(md);
  // the figure stays suppressed; nothing else is reported (enable is never "unused")
  EXPECT_TRUE(r.findings.empty()) << ::testing::PrintToString(brief(r.findings));
}

TEST(SuppressMarkdown, SourceClearsTheFigureAndRecordsTheEvidence) {
  std::string md = "Intro.\n\nThe rate was 25% <!-- factlint-source \"https://stats.example.org/rate\" --> in May.\n";
  auto r = run(md);
  EXPECT_TRUE(r.findings.empty()) << ::testing::PrintToString(brief(r.findings));
  ASSERT_EQ(r.sourced.size(), 1u);
  const Finding& f = r.sourced[0];
  EXPECT_EQ(f.rule->id, "figure.unattributed");
  EXPECT_EQ(f.text, "25%");
  EXPECT_EQ(f.start, off(md, "25%"));
  EXPECT_EQ(f.end, off(md, "25%") + 3);
  EXPECT_EQ(f.line, 3u);
  EXPECT_EQ(f.column, 14u);
  EXPECT_EQ(f.evidence, "https://stats.example.org/rate");
}

// On a list item's or block quote's unindented continuation line, cmark-gfm's inline columns are
// counted from the item's content column: the comments were placed past where they are, so the
// source comment cleared nothing and the disable began after the figure it should cover.
TEST(SuppressMarkdown, CommentsOnALazyContinuationLine) {
  for (std::string lead : {"", "- ", "> ", "1. "}) {
    const std::string md = lead + "Intro.\nTurnout was 42% <!-- factlint-source \"https://example.org/a\" --> and 43% "
                                  "<!-- factlint-disable figure.unattributed --> and 44% later.\n";
    SCOPED_TRACE(md);
    auto r = run(md);
    const Finding* figure = find_rule(r.findings, "figure.unattributed");  // (a block quote is also a quotation)
    ASSERT_NE(figure, nullptr) << ::testing::PrintToString(brief(r.findings));
    EXPECT_EQ(figure->start, off(md, "43%"));
    EXPECT_EQ(r.findings.size(), lead == "> " ? 2u : 1u) << ::testing::PrintToString(brief(r.findings));
    ASSERT_EQ(r.sourced.size(), 1u);
    EXPECT_EQ(r.sourced[0].start, off(md, "42%"));
    EXPECT_EQ(r.sourced[0].evidence, "https://example.org/a");
  }
}

TEST(SuppressMarkdown, SourceTakesTheNearestFindingOnly) {
  std::string md = "Sales rose 40% and profit 25%<!-- factlint-source 'https://x.org/p' --> in May.\n";
  auto r = run(md);
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@1:12 40%"}));
  ASSERT_EQ(r.sourced.size(), 1u);
  EXPECT_EQ(r.sourced[0].text, "25%");
  EXPECT_EQ(r.sourced[0].evidence, "https://x.org/p");
}

TEST(SuppressMarkdown, SourceClearsAQuote) {
  std::string md = "Locals call the route “the commuter special”<!-- factlint-source \"https://x.org/q\" -->.\n";
  auto plain = run("Locals call the route “the commuter special”.\n");
  ASSERT_EQ(brief(plain.findings), (V{"quote.scare@1:23 “the commuter special”"}));
  auto r = run(md);
  EXPECT_TRUE(r.findings.empty()) << ::testing::PrintToString(brief(r.findings));
  ASSERT_EQ(r.sourced.size(), 1u);
  EXPECT_EQ(r.sourced[0].rule->id, "quote.scare");
  EXPECT_EQ(r.sourced[0].evidence, "https://x.org/q");
}

TEST(SuppressMarkdown, SourceCommentOverTwoLinesOfABlockQuote) {
  // The "> " prefix of the second line is not part of the comment's text.
  std::string md = "> Sales rose 40%<!-- factlint-source\n> \"https://x.org/multi\" --> in May.\n";
  auto r = run(md);
  ASSERT_EQ(r.sourced.size(), 1u);
  EXPECT_EQ(r.sourced[0].text, "40%");
  EXPECT_EQ(r.sourced[0].evidence, "https://x.org/multi");
  EXPECT_EQ(find_rule(r.findings, "figure.unattributed"), nullptr);
  EXPECT_EQ(find_rule(r.findings, "suppression.invalid"), nullptr);
}

TEST(SuppressMarkdown, SourceInAnotherBlockClearsNothingAndIsReported) {
  std::string md = "Sales rose 40% last year.\n\n<!-- factlint-source \"https://x.org\" -->\n";
  auto r = run(md);
  EXPECT_TRUE(r.sourced.empty());
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@1:12 40%",
                                  "suppression.unused@3:1 <!-- factlint-source \"https://x.org\" -->"}));
  const Finding& u = r.findings[1];
  EXPECT_EQ(u.severity, Severity::Info);
  EXPECT_EQ(u.category, Category::Absolute);
  EXPECT_EQ(u.start, off(md, "<!--"));
  EXPECT_EQ(u.end, md.size() - 1);
}

TEST(SuppressMarkdown, SourceTooFarAwayClearsNothing) {
  std::string md = "Sales rose 40% " + std::string(30, ' ') + std::string(210, 'x') +
                   " <!-- factlint-source \"https://x.org\" -->\n";
  auto r = run(md);
  EXPECT_TRUE(r.sourced.empty());
  ASSERT_NE(find_rule(r.findings, "figure.unattributed"), nullptr);
  ASSERT_NE(find_rule(r.findings, "suppression.unused"), nullptr);
}

TEST(SuppressMarkdown, UnusedSuppressionsAreReportedWithTheirCategory) {
  std::string md =
      "<!-- factlint-disable quote.scare -->\n\n"
      "<!-- factlint-disable-next-line unattributed-figure -->\nNo figures here.\n\n"
      "<!-- factlint-disable quote.scar -->\n\n"
      "<!-- factlint-disable-next-line -->\nNothing to see.\n";
  auto r = run(md);
  ASSERT_EQ(r.findings.size(), 4u) << ::testing::PrintToString(brief(r.findings));
  for (const Finding& f : r.findings) {
    EXPECT_EQ(f.rule->id, "suppression.unused");
    EXPECT_EQ(f.severity, Severity::Info);
  }
  EXPECT_EQ(r.findings[0].category, Category::Quote);   // the rule's category
  EXPECT_EQ(r.findings[1].category, Category::Figure);  // the named category
  EXPECT_EQ(r.findings[2].category, Category::Absolute);  // unknown id
  EXPECT_EQ(r.findings[3].category, Category::Absolute);  // every rule
  EXPECT_EQ(r.findings[0].line, 1u);
  EXPECT_EQ(r.findings[1].line, 3u);
  EXPECT_EQ(r.findings[2].line, 6u);
  EXPECT_EQ(r.findings[3].line, 8u);
  EXPECT_EQ(r.findings[0].text, "<!-- factlint-disable quote.scare -->");
  EXPECT_NE(r.findings[2].message.find("no rule or category is called 'quote.scar'"), std::string::npos);
}

TEST(SuppressMarkdown, InvalidDirectivesAreReported) {
  std::string md = "<!-- factlint-disabel figure.unattributed -->\n\nText.\n\n<!-- factlint-source -->\n\n<!-- factlint: a note -->\n";
  auto r = run(md);
  EXPECT_EQ(brief(r.findings), (V{"suppression.invalid@1:1 <!-- factlint-disabel figure.unattributed -->",
                                  "suppression.invalid@5:1 <!-- factlint-source -->"}));
}

TEST(SuppressMarkdown, CommentsInCodeSuppressNothing) {
  std::string md = "`<!-- factlint-disable -->`\n\n```\n<!-- factlint-disable -->\n```\n\nSales rose 40% last year.\n";
  auto r = run(md);
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@7:12 40%"}));
}

TEST(SuppressMarkdown, ClearedFindingsAreNeverMarked) {
  std::string md = "Sales rose 25%<!-- factlint-source \"https://x.org\" --> and 40% later.\n\n"
                   "<!-- factlint-disable-next-line -->\nIt is the best phone ever made.\n";
  auto r = run(md, Fmt::Markdown, true);
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@1:60 40%"}));
  size_t marks = 0;
  for (size_t p = r.annotated.find("<mark"); p != std::string::npos; p = r.annotated.find("<mark", p + 1)) ++marks;
  EXPECT_EQ(marks, 1u) << r.annotated;
  EXPECT_NE(r.annotated.find(">40%</mark>"), std::string::npos) << r.annotated;
  EXPECT_EQ(r.annotated.find(">25%</mark>"), std::string::npos) << r.annotated;
}

TEST(SuppressMarkdown, NotesFollowTheFilterAndMinSeverity) {
  std::string md = "<!-- factlint-disable quote.scare -->\n\nSales rose 40%.\n";
  RuleFilter off_unused;
  off_unused.disabled.insert("suppression.unused");
  EXPECT_EQ(brief(run(md, Fmt::Markdown, false, &off_unused).findings), (V{"figure.unattributed@3:12 40%"}));
  EXPECT_EQ(brief(run(md, Fmt::Markdown, false, nullptr, Severity::Warning).findings),
            (V{"figure.unattributed@3:12 40%"}));
  RuleFilter louder;
  louder.severity["suppression.unused"] = Severity::Warning;
  auto r = run(md, Fmt::Markdown, false, &louder, Severity::Warning);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].rule->id, "suppression.unused");
  EXPECT_EQ(r.findings[0].severity, Severity::Warning);
}

// ---- front matter ----

TEST(SuppressFrontMatter, YamlFalseSkipsThePage) {
  std::string md = "---\ntitle: x\nfactlint: false\n---\nThe best phone ever made, 30% of users.\n";
  auto r = run(md, Fmt::Markdown, true);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_TRUE(r.sourced.empty());
  EXPECT_EQ(r.annotated.find("<mark"), std::string::npos);
  EXPECT_EQ(r.annotated.find("data-factlint"), std::string::npos);
  EXPECT_NE(r.annotated.find("The best phone ever made, 30% of users."), std::string::npos) << r.annotated;
}

TEST(SuppressFrontMatter, TomlFalseSkipsThePage) {
  auto r = run("+++\ntitle = \"x\"\nfactlint = false\n+++\nThe best phone ever made.\n");
  EXPECT_TRUE(r.findings.empty());
}

TEST(SuppressFrontMatter, YamlFlowMappingDisables) {
  std::string md = "---\nfactlint: {disable: [figure.unattributed, \"absolute.totalizing\"]}\n---\n"
                   "The best phone ever made, 30% of users.\n";
  EXPECT_EQ(brief(run(md).findings), (V{"absolute.superlative@4:1 The best phone"}));
}

TEST(SuppressFrontMatter, YamlBlockMappingWithBlockList) {
  std::string md = "---\ntitle: x\nfactlint:\n  disable:\n    - absolute-claim   # a category\n    - quote.scare\n"
                   "tags: [a]\n---\nThe best phone ever made, 30% of users.\n";
  auto r = run(md);
  EXPECT_EQ(brief(r.findings), (V{"suppression.unused@6:7 quote.scare", "figure.unattributed@9:27 30%"}));
  const Finding& u = r.findings[0];
  EXPECT_EQ(u.category, Category::Quote);
  EXPECT_EQ(u.start, off(md, "quote.scare"));
  EXPECT_EQ(u.end, off(md, "quote.scare") + 11);
}

TEST(SuppressFrontMatter, YamlBlockMappingWithFlowList) {
  std::string md = "---\nfactlint:\n  disable: [absolute.superlative]\n---\nThe best phone ever made.\n";
  EXPECT_EQ(brief(run(md).findings), (V{"absolute.totalizing@5:16 ever made"}));
}

TEST(SuppressFrontMatter, TomlTableDisables) {
  std::string md = "+++\ntitle = \"x\"\n[factlint]\ndisable = [\"absolute-claim\", \"quote.scare\"]\n+++\n"
                   "The best phone ever made, 30% of users.\n";
  auto r = run(md);
  EXPECT_EQ(brief(r.findings), (V{"suppression.unused@4:31 quote.scare", "figure.unattributed@6:27 30%"}));
  EXPECT_EQ(r.findings[0].start, off(md, "quote.scare"));
}

TEST(SuppressFrontMatter, NotUnderstoodIsReported) {
  auto r = run("---\nfactlint: maybe\n---\nText.\n");
  EXPECT_EQ(brief(r.findings), (V{"suppression.invalid@2:11 maybe"}));
  auto t = run("+++\n[factlint]\nenable = [\"x\"]\n+++\nText.\n");
  ASSERT_EQ(t.findings.size(), 1u);
  EXPECT_EQ(t.findings[0].rule->id, "suppression.invalid");
  EXPECT_EQ(t.findings[0].line, 3u);
}

TEST(SuppressFrontMatter, ReadPageDirectives) {
  EXPECT_TRUE(read_page_directives("---\nfactlint: off\n---\n").skip);
  EXPECT_FALSE(read_page_directives("---\nfactlint: true\n---\n").skip);
  EXPECT_FALSE(read_page_directives("Text\nfactlint: false\n").skip);  // not front matter
  EXPECT_FALSE(read_page_directives("---\nother:\n  factlint: false\n---\n").skip);  // not top level
  auto d = read_page_directives("\xEF\xBB\xBF---\r\nfactlint: {disable: [a, 'b']}\r\n---\r\nText\r\n");
  ASSERT_EQ(d.disable.size(), 2u);
  EXPECT_EQ(d.disable[0].id, "a");
  EXPECT_EQ(d.disable[1].id, "b");
}

// ---- HTML ----

TEST(SuppressHtml, DisableNextLineTakesTheNextLineWithContent) {
  std::string html = "<main>\n<!-- factlint-disable-next-line figure.unattributed -->\n<p>\n"
                     "  Sales rose 40% last year, the best phone ever made.\n</p>\n<p>Sales rose 50%.</p>\n</main>\n";
  auto r = run(html, Fmt::Html);
  EXPECT_EQ(brief(r.findings), (V{"absolute.superlative@4:29 the best phone", "absolute.totalizing@4:44 ever made",
                                  "figure.unattributed@6:15 50%"}));
}

TEST(SuppressHtml, SourceInsideTheParagraphOnly) {
  std::string html = "<p>Sales rose 30% last year.<!-- factlint-source \"https://x.org/s\" --></p>\n"
                     "<p>Sales rose 50% last year.</p><!-- factlint-source \"https://late.org\" -->\n";
  auto r = run(html, Fmt::Html);
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@2:15 50%",
                                  "suppression.unused@2:33 <!-- factlint-source \"https://late.org\" -->"}));
  ASSERT_EQ(r.sourced.size(), 1u);
  EXPECT_EQ(r.sourced[0].text, "30%");
  EXPECT_EQ(r.sourced[0].start, off(html, "30%"));
  EXPECT_EQ(r.sourced[0].line, 1u);
  EXPECT_EQ(r.sourced[0].column, 15u);
  EXPECT_EQ(r.sourced[0].evidence, "https://x.org/s");
}

TEST(SuppressHtml, SourceAcrossInlineTags) {
  std::string html = "<p>Sales rose <strong>30%</strong> <em>last year</em><!-- factlint-source https://x.org/a --></p>";
  auto r = run(html, Fmt::Html);
  EXPECT_TRUE(r.findings.empty()) << ::testing::PrintToString(brief(r.findings));
  ASSERT_EQ(r.sourced.size(), 1u);
  EXPECT_EQ(r.sourced[0].evidence, "https://x.org/a");
}

TEST(SuppressHtml, DisableEnableAcrossElements) {
  std::string html = "<p>Sales rose 30%.</p><!-- factlint-disable unattributed-figure --><ul><li>Up 40%</li>"
                     "<li>the best phone ever made</li></ul><!-- factlint-enable unattributed-figure --><p>Up 50%.</p>";
  auto r = run(html, Fmt::Html);
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@1:15 30%", "absolute.superlative@1:91 the best phone",
                                  "absolute.totalizing@1:106 ever made", "figure.unattributed@1:175 50%"}));
}

TEST(SuppressHtml, AnnotatedPageKeepsEveryByteAndMarksOnlyWhatIsLeft) {
  std::string html = "<html><head><title>t</title></head><body><p>Sales rose 30%.<!-- factlint-source \"https://x.org\" -->"
                     " Up 40%.</p></body></html>";
  auto r = run(html, Fmt::Html, true);
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@1:104 40%"}));
  EXPECT_NE(r.annotated.find("<!-- factlint-source \"https://x.org\" -->"), std::string::npos);
  EXPECT_EQ(r.annotated.find(">30%</mark>"), std::string::npos);
  EXPECT_NE(r.annotated.find(">40%</mark>"), std::string::npos);
}

TEST(SuppressHtml, FrontMatterIsMarkdownOnly) {
  auto r = run("---\nfactlint: false\n---\n<p>Sales rose 30%.</p>", Fmt::Html);
  EXPECT_EQ(brief(r.findings), (V{"figure.unattributed@4:15 30%"}));
}

// ---- RuleFilter (factlint.toml's disable and severity) ----

TEST(RuleFilterTest, DisablesByIdAndCategoryAndRelevelsBeforeMinSeverity) {
  std::string md = "Sales rose 40%, the best phone ever made. Locals call it “the special”.\n";
  auto all = run(md);
  ASSERT_EQ(brief(all.findings), (V{"figure.unattributed@1:12 40%", "absolute.superlative@1:17 the best phone",
                                    "absolute.totalizing@1:32 ever made", "quote.scare@1:58 “the special”"}));
  RuleFilter f;
  f.disabled = {"absolute.totalizing", "unattributed-figure"};
  f.severity["quote.scare"] = Severity::Error;  // info -> error: survives --min-severity warning
  auto r = run(md, Fmt::Markdown, false, &f, Severity::Warning);
  EXPECT_EQ(brief(r.findings), (V{"absolute.superlative@1:17 the best phone", "quote.scare@1:58 “the special”"}));
  EXPECT_EQ(r.findings[1].severity, Severity::Error);
  RuleFilter cat;
  cat.severity["absolute-claim"] = Severity::Info;
  auto c = run(md, Fmt::Markdown, false, &cat, Severity::Warning);
  EXPECT_EQ(brief(c.findings), (V{"figure.unattributed@1:12 40%"}));
}

}  // namespace
