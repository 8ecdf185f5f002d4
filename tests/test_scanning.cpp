// The detectors search the page text once where that is exact (PageContext::sentence_matches),
// and prefilter phrase rules per paragraph. These tests hold both to the slow, obvious answer:
// searching every sentence on its own.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "detectors/context.h"
#include "engine.h"
#include "rules/lexicon.h"

namespace fs = std::filesystem;
using namespace factlint;

namespace {

const RuleSet& defaults() {
  static const RuleSet rs = [] {
    RuleSet r;
    PackError err;
    EXPECT_TRUE(r.add_defaults(&err)) << err.to_string();
    EXPECT_TRUE(r.compile(&err)) << err.to_string();
    return r;
  }();
  return rs;
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Sentences built to sit on the edges: figures and "3x" at sentence ends, numbers split by a
// stop, reporting verbs and cues next to the boundary, quotes, abbreviations and decimals.
std::string random_page(std::mt19937& rng) {
  static const char* const pieces[] = {
      "Sales rose 30%", "up 3x", "It grew 3x.", "about 1,200", "2.5", "million", "the ministry said",
      "according to Gallup", "“We are the best,” she said", "Everyone knows", "never fails", "U.S.",
      "e.g.", "$0.01/GB", "two in three", "tripled", "half", "the first half", "said", "Dr.", "No.",
      "fivefold", "4.5 km", "100% safe", "in a statement", "It also found", "“quoted”", "‘single’",
      "Mr. Ortiz", "…", "!", "?", ".", ".", ",", ";", ":", "—", "(", ")", "450 jobs", "1990s.[2]"};
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1), words(1, 30), paras(1, 6);
  std::string md;
  for (size_t p = paras(rng); p > 0; --p) {
    for (size_t w = words(rng); w > 0; --w) {
      md += pieces[pick(rng)];
      md += (rng() % 7 == 0) ? ". " : " ";
    }
    md += "\n\n";
  }
  return md;
}

void expect_same(const std::vector<PageContext::SentenceMatch>& a, const std::vector<PageContext::SentenceMatch>& b,
                 const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].sentence, b[k].sentence) << what << " #" << k;
    EXPECT_EQ(a[k].at, b[k].at) << what << " #" << k;
    EXPECT_EQ(a[k].to, b[k].to) << what << " #" << k;
  }
}

void expect_same_matches(PageContext& ctx, const RE2& re, const std::string& what, size_t first = 0,
                         size_t last = SIZE_MAX) {
  std::vector<PageContext::SentenceMatch> whole, alone;
  ctx.sentence_matches(re, true, whole, first, last);
  ctx.sentence_matches(re, false, alone, first, last);
  expect_same(whole, alone, what);
}

void check_page(std::string_view input, Format format, const std::string& what) {
  const RuleSet& rs = defaults();
  Document doc;
  MarkdownTree tree;
  if (format == Format::Markdown) read_markdown(input, doc, tree);
  else read_html(input, doc);
  PageContext ctx(doc, rs);
  const CompiledLexicon& lex = rs.lex();
  expect_same_matches(ctx, *lex.figure, what + " figure");
  for (const Rule* r : rs.prefilter_rules())
    if (r->re && !r->anchored) expect_same_matches(ctx, *r->re, what + " " + r->id);
  // Phrases rules on a phrase matcher: its matches are RE2's, sentence by sentence.
  size_t tried = 0;
  for (const Rule* r : rs.prefilter_rules()) {
    if (r->kind != RuleKind::Phrases) continue;
    ASSERT_FALSE(r->re) << r->id;
    RE2 reference(phrase_alternation(r->phrases), lexicon_options());
    std::vector<PageContext::SentenceMatch> trie, re2;
    ctx.sentence_matches(r->phrase_matcher, trie, 0, SIZE_MAX);
    ctx.sentence_matches(reference, false, re2);
    expect_same(trie, re2, what + " " + r->id + ", trie");
    ++tried;
  }
  EXPECT_EQ(tried, 2u) << "the default packs have two phrases rules";
  // Block by block and over stretches of blocks, as the phrase detector asks.
  const auto& ss = ctx.sentences();
  for (size_t g0 = 0, g1; g0 < ss.size(); g0 = g1) {
    for (g1 = g0 + 1; g1 < ss.size() && ss[g1].block == ss[g0].block; ++g1) {}
    expect_same_matches(ctx, *lex.figure, what + " figure, block", g0, g1);
    expect_same_matches(ctx, *lex.figure, what + " figure, stretch", g0, g1 + 5);
    for (const Rule* r : rs.prefilter_rules())
      if (r->re && !r->anchored) {
        expect_same_matches(ctx, *r->re, what + " " + r->id + ", block", g0, g1);
        expect_same_matches(ctx, *r->re, what + " " + r->id + ", stretch", g0, g1 + 5);
      }
  }
}

}  // namespace

TEST(Scanning, WholeTextSearchEqualsPerSentenceOnEveryFixture) {
  size_t pages = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(FACTLINT_SOURCE_DIR) / "fixtures")) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension();
    if (ext != ".md" && ext != ".html") continue;
    if (e.path().string().find("/bad/") != std::string::npos) continue;
    std::string input = slurp(e.path());
    check_page(input, ext == ".md" ? Format::Markdown : Format::Html, e.path().string());
    ++pages;
  }
  EXPECT_GT(pages, 50u);
}

TEST(Scanning, WholeTextSearchEqualsPerSentenceOnGeneratedEdgeCases) {
  std::mt19937 rng(20261128);
  for (int i = 0; i < 400; ++i) check_page(random_page(rng), Format::Markdown, "generated #" + std::to_string(i));
}

TEST(Scanning, TheEquivalenceCheckCanFail) {
  // A pattern anchored to the end of the text matches a sentence's end only when searched alone;
  // this is why anchored patterns are never searched as one text.
  RE2 end_anchored("(?i)fails$");
  const RuleSet& rs = defaults();
  Document doc;
  MarkdownTree tree;
  read_markdown("# It never fails\n\nIt always works.\n", doc, tree);
  PageContext ctx(doc, rs);
  std::vector<PageContext::SentenceMatch> whole, alone;
  ctx.sentence_matches(end_anchored, true, whole);
  ctx.sentence_matches(end_anchored, false, alone);
  EXPECT_NE(whole.size(), alone.size());
}

TEST(Scanning, AnchoredPatternRulesStillMatchEverySentence) {
  RuleSet rs;
  PackError err;
  ASSERT_TRUE(rs.add_text(R"([[rule]]
id = "test.opener"
kind = "pattern"
category = "absolute-claim"
severity = "warning"
message = "opens with {text}"
pattern = '^everyone\b'
)",
                          "anchored.toml", &err))
      << err.to_string();
  ASSERT_TRUE(rs.compile(&err)) << err.to_string();
  ASSERT_TRUE(rs.find("test.opener")->anchored);
  Checker checker(rs);
  CheckOptions opts;
  opts.format = CheckOptions::InputFormat::Markdown;
  opts.annotate = false;
  CheckResult result;
  ASSERT_TRUE(checker.check("Prices rose sharply. Everyone agrees it is over. Not everyone, though.\n", opts, result));
  ASSERT_EQ(result.findings.size(), 1u);
  EXPECT_EQ(result.findings[0].text, "Everyone");
}
