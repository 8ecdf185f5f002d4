// Exact finding positions: byte offsets into the input, the finding text as the source bytes it
// covers, and 1-based line/column (column in Unicode characters) after every kind of markup that
// makes the document text differ from the source: character references, escapes, emphasis, code,
// line breaks, tables, lists, block quotes, footnotes, front matter and HTML tags.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <cmark-gfm.h>

#include "engine.h"
#include "input/html_tokenizer.h"
#include "input/cmark_arena.h"
#include "input/markdown_align.h"
#include "input/readers.h"

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

// Line and column computed here, independently of the engine.
void expected_line_column(std::string_view s, size_t off, uint32_t& line, uint32_t& col) {
  line = 1;
  col = 1;
  for (size_t i = 0; i < off; ++i) {
    unsigned char c = s[i];
    // "\n", "\r\n" and a bare "\r" each end a line.
    if (c == '\n' || (c == '\r' && (i + 1 == s.size() || s[i + 1] != '\n'))) ++line, col = 1;
    else if ((c & 0xC0) != 0x80) ++col;
  }
}

CheckResult run(std::string_view input, CheckOptions::InputFormat fmt) {
  Checker checker(default_rules());
  CheckOptions opts;
  opts.format = fmt;
  opts.annotate = false;
  CheckResult r;
  EXPECT_TRUE(checker.check(input, opts, r)) << r.error;
  // Invariants for every finding, whatever the rule.
  for (const Finding& f : r.findings) {
    EXPECT_LT(f.start, f.end) << f.rule->id;
    EXPECT_LE(f.end, input.size()) << f.rule->id;
    if (f.end > input.size() || f.start > f.end) continue;
    EXPECT_EQ(input.substr(f.start, f.end - f.start), f.text) << f.rule->id;
    uint32_t line, col;
    expected_line_column(input, f.start, line, col);
    EXPECT_EQ(f.line, line) << f.rule->id << " at " << f.start;
    EXPECT_EQ(f.column, col) << f.rule->id << " at " << f.start;
  }
  return r;
}

// Exactly one finding of `rule` with this text; checks its start (`start` bytes into the input),
// end, line and column.
void expect_one(std::string_view input, CheckOptions::InputFormat fmt, std::string_view rule, std::string_view text,
                size_t start, uint32_t line, uint32_t column) {
  SCOPED_TRACE(std::string(input));
  CheckResult r = run(input, fmt);
  const Finding* hit = nullptr;
  int n = 0;
  for (const Finding& f : r.findings)
    if (f.rule->id == rule) hit = &f, ++n;
  ASSERT_EQ(n, 1) << "findings of " << rule;
  ASSERT_NE(start, std::string_view::npos);
  EXPECT_EQ(hit->start, start);
  EXPECT_EQ(hit->end, start + text.size());
  EXPECT_EQ(hit->text, text);
  EXPECT_EQ(input.substr(hit->start, hit->end - hit->start), text);
  EXPECT_EQ(hit->line, line);
  EXPECT_EQ(hit->column, column);
}

constexpr auto kMd = CheckOptions::InputFormat::Markdown;
constexpr auto kHtml = CheckOptions::InputFormat::Html;
constexpr const char* kFig = "figure.unattributed";

// ---- Markdown ----

TEST(PositionsMarkdown, PlainBaseline) {
  std::string in = "Turnout: 42% of voters agree.";
  expect_one(in, kMd, kFig, "42%", 9, 1, 10);
}

TEST(PositionsMarkdown, AfterEntities) {
  // "&amp;" is five source characters for one text character; "é" is two bytes, one character.
  std::string in = "Tom &amp; Jerry caf\xC3\xA9: 42% of voters agree.";
  expect_one(in, kMd, kFig, "42%", 23, 1, 23);
  std::string in2 = "Text &#8220;\xC3\xA9&#8221; and &copy; 42% of voters agree.";
  expect_one(in2, kMd, kFig, "42%", 33, 1, 33);
}

TEST(PositionsMarkdown, AfterBackslashEscapes) {
  std::string in = "Use \\* and \\_ here: 42% of voters agree.";
  expect_one(in, kMd, kFig, "42%", 20, 1, 21);
}

TEST(PositionsMarkdown, EmphasisInsideAndBefore) {
  expect_one("Big news: *42%* of voters agree.", kMd, kFig, "42%", 11, 1, 12);
  expect_one("Big news: **42% of voters** agree.", kMd, kFig, "42%", 12, 1, 13);
  expect_one("*Caf\xC3\xA9* and **more**: 42% of voters agree.", kMd, kFig, "42%", 22, 1, 22);
  // Emphasis inside the figure: the finding covers the source bytes, markup included.
  expect_one("Voters: *42*% of them agree.", kMd, kFig, "42*%", 9, 1, 10);
  expect_one("Voters: **42**% of them agree.", kMd, kFig, "42**%", 10, 1, 11);
}

TEST(PositionsMarkdown, MarkupInsideTheFigure) {
  // The finding covers whole source characters: the entity, the escape, the inline tag.
  expect_one("Turnout hit 42&#37; of voters.", kMd, kFig, "42&#37;", 12, 1, 13);
  expect_one("Turnout hit 42\\% of voters.", kMd, kFig, "42\\%", 12, 1, 13);
  expect_one("It cost &#36;4.5 million.", kMd, kFig, "&#36;4.5 million", 8, 1, 9);
  expect_one("Turnout: <b>42</b>% of voters.", kMd, kFig, "42</b>%", 12, 1, 13);
}

TEST(PositionsMarkdown, AfterCodeAndStrikethrough) {
  expect_one("`x = \xC3\xA9` then 42% of voters agree.", kMd, kFig, "42%", 14, 1, 14);
  expect_one("~~old~~ and ``a ` b`` then 42% of voters agree.", kMd, kFig, "42%", 27, 1, 28);
}

// On a lazy continuation line of a list item or block quote (not indented), cmark-gfm counts inline
// columns from the item's content column: its end position for inline code landed inside the
// text after it, which was then placed where the same words came next — here the next
// paragraph, whose own figure was then dropped as a duplicate of the same bytes.
// Both "42%" of a Markdown page are flagged, each where it is.
void expect_both_figures(const std::string& in) {
  SCOPED_TRACE(in);
  CheckResult r = run(in, kMd);
  std::vector<uint32_t> starts;
  for (const Finding& f : r.findings)
    if (f.rule->id == kFig) starts.push_back(f.start);
  const size_t first = in.find("42%"), second = in.find("42%", first + 1);
  EXPECT_EQ(starts, (std::vector<uint32_t>{static_cast<uint32_t>(first), static_cast<uint32_t>(second)}));
}

TEST(PositionsMarkdown, AfterCodeOnALazyContinuationLine) {
  for (std::string lead : {"* ", "- ", "1. ", "> ", "> * "})
    expect_both_figures(lead + "Turnout rose.\nThe vote `tally`s 42% of voters.\n\nThe tally is 42% of voters.\n");
  expect_one("* Turnout rose.\nThe vote `a` and ``b`` then 42% of voters.", kMd, kFig, "42%", 44, 2, 29);
}

// The same shift moved a text node's start into its own first word, and its literal was then
// matched further on the line, where the same words came again: the rest of the line was lost.
TEST(PositionsMarkdown, TextOnALazyContinuationLine) {
  for (std::string lead : {"- ", "> ", "10. "})
    expect_both_figures(lead + "Intro.\nTurnout was 42% at *the* polls, and Turnout was 42% at the polls.\n");
}

// cmark-gfm counts the inline columns of a paragraph's later lines from the paragraph's first
// content column, wherever the line's content starts (past an indentation, or at column 1 on a
// lazy line): a short word could then be placed on the same word further on the line.
TEST(PositionsMarkdown, InlineColumnsOfIndentedAndLazyLines) {
  for (const std::string page :
       {"- > Intro.\n_u_ _u_ end\n", "Intro.\n    _u_ _u_ end\n", "> Intro.\n>     _u_ _u_ end\n"}) {
    SCOPED_TRACE(page);
    Document doc;
    MarkdownTree tree;
    read_markdown(page, doc, tree);
    std::vector<uint32_t> us;
    for (const factlint::Run& r : doc.runs)
      if (page.substr(r.src_begin, r.src_end - r.src_begin) == "u") us.push_back(r.src_begin);
    const size_t first = page.find("_u_") + 1, second = page.find("_u_", first) + 1;
    EXPECT_EQ(us, (std::vector<uint32_t>{static_cast<uint32_t>(first), static_cast<uint32_t>(second)}));
  }
}

TEST(PositionsMarkdown, AfterLinksAndImages) {
  // A link earlier on the line (in another sentence) does not source the figure.
  std::string in = "See [the caf\xC3\xA9](https://example.org/x). Then 42% of voters agree.";
  expect_one(in, kMd, kFig, "42%", in.find("42%"), 1, 45);
  std::string in2 = "![A \xE2\x80\x9C" "chart\xE2\x80\x9D](c.png) Then 42% of voters agree.";
  expect_one(in2, kMd, kFig, "42%", 29, 1, 26);
}

TEST(PositionsMarkdown, SoftAndHardLineBreaks) {
  expect_one("First line caf\xC3\xA9\nthen 42% of voters agree.", kMd, kFig, "42%", 22, 2, 6);
  expect_one("First line  \nthen 42% of voters agree.", kMd, kFig, "42%", 18, 2, 6);
  expect_one("First line\\\nthen 42% of voters agree.", kMd, kFig, "42%", 17, 2, 6);
  expect_one("Caf\xC3\xA9 line\r\nthen 42% of voters agree.\r\n", kMd, kFig, "42%", 17, 2, 6);
  expect_one("Caf\xC3\xA9 line\rthen 42% of voters agree.\r", kMd, kFig, "42%", 16, 2, 6);
  // A figure broken across a line: the finding spans the line break.
  expect_one("Prices rose to $4.5\nmillion last year.", kMd, kFig, "$4.5\nmillion", 15, 1, 16);
}

TEST(PositionsMarkdown, SeveralFindingsOnSeveralLines) {
  std::string in =
      "\xE2\x80\x9CHi,\xE2\x80\x9D Ana said.\nIn May 42% of voters agreed and 55% of members left.\nLater 61% of them returned.\n";
  CheckResult r = run(in, kMd);
  std::vector<std::pair<uint32_t, uint32_t>> lc;
  std::vector<std::string> texts;
  for (const Finding& f : r.findings)
    if (f.rule->id == kFig) lc.emplace_back(f.line, f.column), texts.push_back(f.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"42%", "55%", "61%"}));
  EXPECT_EQ(lc, (std::vector<std::pair<uint32_t, uint32_t>>{{2, 8}, {2, 33}, {3, 7}}));
}

TEST(PositionsMarkdown, TableCell) {
  std::string in = "| Group | Caf\xC3\xA9 |\n|---|---|\n| Voters | 42% of voters |\n";
  expect_one(in, kMd, kFig, "42%", in.find("42%"), 3, 12);
  // With a Source line the table's figures are sourced.
  CheckResult r = run(in + "\nSource: Gallup\n", kMd);
  EXPECT_TRUE(r.findings.empty());
}

TEST(PositionsMarkdown, ListItems) {
  expect_one("- One\n- Two: 42% of voters agree.\n", kMd, kFig, "42%", 13, 2, 8);
  expect_one("- One\n- Two\n  - Caf\xC3\xA9: 42% of voters agree.\n", kMd, kFig, "42%", 23, 3, 11);
  expect_one("  1. First\n  2. Caf\xC3\xA9: 42% of voters agree.\n", kMd, kFig, "42%", 23, 2, 12);
}

TEST(PositionsMarkdown, BlockQuotes) {
  std::string in = "> Caf\xC3\xA9 quote\n> and 42% of voters agree.\n";
  expect_one(in, kMd, kFig, "42%", 20, 2, 7);
  std::string in2 = "> - Quote list\n>   with 42% of voters agreeing.\n";
  expect_one(in2, kMd, kFig, "42%", 24, 2, 10);
}

TEST(PositionsMarkdown, Footnotes) {
  std::string in = "Text before.[^1] Then 42% of voters agree.\n\n[^1]: 55% of cases in 2020.\n";
  expect_one(in, kMd, kFig, "42%", 22, 1, 23);
  // The definition is a source, not a claim.
  for (const Finding& f : run(in, kMd).findings) EXPECT_LT(f.start, in.find("[^1]:"));
  std::string in2 = "Caf\xC3\xA9 intro.\n\nThen 42% of voters agree.[^n]\n\n[^n]: A note.\n";
  // The footnote marker sources the sentence it is in.
  EXPECT_TRUE(run(in2, kMd).findings.empty());
}

TEST(PositionsMarkdown, YamlFrontMatter) {
  std::string in = "---\ntitle: \"42% of voters\"\nsummary: 55% of members\n---\nThen 42% of voters agree.\n";
  size_t body = in.rfind("---\n") + 4;
  expect_one(in, kMd, kFig, "42%", in.find("42%", body), 5, 6);
  for (const Finding& f : run(in, kMd).findings) EXPECT_GE(f.start, body) << "front matter flagged";
  // "..." also closes YAML front matter.
  std::string in2 = "---\ntitle: 42% of voters\n...\n\nCaf\xC3\xA9: 42% of voters agree.\n";
  expect_one(in2, kMd, kFig, "42%", in2.rfind("42%"), 5, 7);
}

TEST(PositionsMarkdown, TomlFrontMatter) {
  std::string in = "+++\ntitle = \"42% of voters\"\n+++\n\nThen 42% of voters agree.\n";
  expect_one(in, kMd, kFig, "42%", in.rfind("42%"), 5, 6);
  // With a byte order mark in front.
  std::string in2 = "\xEF\xBB\xBF+++\ntitle = \"42% of voters\"\n+++\nThen 42% of voters agree.\n";
  expect_one(in2, kMd, kFig, "42%", in2.rfind("42%"), 4, 6);
}

TEST(PositionsMarkdown, QuotationAfterMultibyteText) {
  std::string in = "Caf\xC3\xA9 owners want a \xE2\x80\x9C" "fair\xE2\x80\x9D deal.";
  expect_one(in, kMd, "quote.scare", "\xE2\x80\x9C" "fair\xE2\x80\x9D", 20, 1, 20);
}

// ---- HTML ----

TEST(PositionsHtml, AfterEntities) {
  std::string in = "<p>Tom&nbsp;and Jo: 42% of voters agree.</p>";
  expect_one(in, kHtml, kFig, "42%", 20, 1, 21);
  std::string in2 = "<p>&ldquo;Hi&rdquo; &#8217; 42% of voters agree.</p>";
  expect_one(in2, kHtml, kFig, "42%", 28, 1, 29);
  std::string in3 = "<p>\xE2\x80\x9C\xC3\xA9l\xC3\xA8ve\xE2\x80\x9D &eacute;&#x2019;s: 42% of voters agree.</p>";
  expect_one(in3, kHtml, kFig, "42%", 36, 1, 31);
}

TEST(PositionsHtml, AcrossTags) {
  expect_one("<p>Caf\xC3\xA9: <em>42%</em> of voters agree.</p>", kHtml, kFig, "42%", 14, 1, 14);
  // The figure crosses a tag: the finding covers the source bytes, tag included.
  expect_one("<p>Caf\xC3\xA9: <em>42</em>% of voters agree.</p>", kHtml, kFig, "42</em>%", 14, 1, 14);
  expect_one("<p>Caf\xC3\xA9: <b>$4.5</b> <i>million</i> in fees.</p>", kHtml, kFig, "$4.5</b> <i>million", 13, 1, 13);
}

TEST(PositionsHtml, LinesAndSkippedElements) {
  std::string in =
      "<html><head><title>42% of voters</title></head>\n<body>\n<!-- 42% of voters -->\n"
      "<p>Caf\xC3\xA9 &amp; co:\n 42% of voters agree.</p></body></html>";
  expect_one(in, kHtml, kFig, "42%", in.rfind("42%"), 5, 2);
}

}  // namespace

// align_literal compares eight bytes at a time where the literal and the source agree; here it
// is held to the byte-by-byte definition (its header's words) on generated sources and literals:
// markup the literal lacks, escapes and character references it decodes, runs of agreement of
// every length around them, limits that cut the source short, literals that cannot be placed.
namespace {

uint32_t align_one_byte_at_a_time(std::string_view src, uint32_t from, uint32_t limit, std::string_view lit,
                                  uint32_t* offs) {
  uint32_t j = from;
  for (size_t i = 0; i < lit.size();) {
    if (j >= limit) return UINT32_MAX;
    const unsigned char c = src[j];
    if (c == static_cast<unsigned char>(lit[i])) {
      offs[i++] = j++;
      continue;
    }
    if (c == '\\' && j + 1 < limit && std::ispunct(static_cast<unsigned char>(src[j + 1])) && src[j + 1] == lit[i]) {
      offs[i++] = j;
      j += 2;
      continue;
    }
    if (c == '&') {
      std::string decoded;
      const size_t n = html::decode_char_ref(src.substr(j, limit - j), decoded);
      if (n && lit.compare(i, decoded.size(), decoded) == 0) {
        for (size_t k = 0; k < decoded.size(); ++k) offs[i + k] = j;
        i += decoded.size();
        j += static_cast<uint32_t>(n);
        continue;
      }
    }
    ++j;
  }
  return j;
}

}  // namespace

TEST(PositionsMarkdown, AlignLiteralMatchesTheByteByByteDefinition) {
  std::mt19937 rng(20261129);
  const char* const pieces[] = {"plain text ", "30%", "**", "_", "\\*", "\\\\", "&amp;", "&ldquo;", "&#x27;", "&nbsp;",
                                "[", "](https://x.org)", "> ", "\n", "`", "é", "abcdefghijklmnop", "&bogus", "\\q"};
  size_t placed = 0;
  for (int k = 0; k < 4000; ++k) {
    std::string src, lit;
    for (int n = 1 + static_cast<int>(rng() % 12); n > 0; --n) {
      std::string p = pieces[rng() % std::size(pieces)];
      if (p == "abcdefghijklmnop") p = p.substr(0, rng() % p.size());  // agreement of every length
      src += p;
      // The literal keeps the piece, decodes it, or drops it (markup), as cmark would.
      if (p == "**" || p == "_" || p == "[" || p == "> " || p == "`") {
        if (rng() % 4 == 0) lit += p;
      } else if (p == "\\*" || p == "\\\\") {
        lit += p[1];
      } else if (p == "&amp;") {
        lit += rng() % 2 ? "&" : "&amp;";
      } else if (p == "&ldquo;") {
        lit += "\xE2\x80\x9C";
      } else if (p == "&#x27;") {
        lit += "'";
      } else if (p == "&nbsp;") {
        lit += "\xC2\xA0";
      } else if (p != "](https://x.org)" || rng() % 3 == 0) {
        lit += p;
      }
    }
    if (rng() % 10 == 0 && !lit.empty()) lit[rng() % lit.size()] = '#';  // sometimes unplaceable
    const uint32_t from = src.empty() ? 0 : static_cast<uint32_t>(rng() % 3 % (src.size() + 1));
    const auto size = static_cast<uint32_t>(src.size());
    const uint32_t limit = rng() % 5 == 0 ? static_cast<uint32_t>(rng() % (size + 1)) : size;
    std::vector<uint32_t> a(lit.size(), 7), b(lit.size(), 7);
    const uint32_t ea = align_literal(src, std::min(from, limit), limit, lit, a.data());
    const uint32_t eb = align_one_byte_at_a_time(src, std::min(from, limit), limit, lit, b.data());
    ASSERT_EQ(ea, eb) << "[" << src << "] [" << lit << "] from " << from << " limit " << limit;
    if (ea != UINT32_MAX) {
      EXPECT_EQ(a, b) << "[" << src << "] [" << lit << "]";
      ++placed;
    }
  }
  EXPECT_GT(placed, 1000u);
  // Every cut of a source that agrees with the literal throughout: the limit is never read past.
  const std::string src = "abcdefghijklmnopqrstuvwx";
  for (uint32_t len = 0; len <= src.size(); ++len)
    for (uint32_t limit = 0; limit <= src.size(); ++limit) {
      const std::string_view lit = std::string_view(src).substr(0, len);
      std::vector<uint32_t> a(len, 7), b(len, 7);
      ASSERT_EQ(align_literal(src, 0, limit, lit, a.data()), align_one_byte_at_a_time(src, 0, limit, lit, b.data()))
          << "literal of " << len << " bytes, limit " << limit;
      EXPECT_EQ(a, b) << "literal of " << len << " bytes, limit " << limit;
    }
}

// Every text node of a Markdown page is placed, each on bytes of its own: over generated pages
// whose list items, block quotes and tables continue on unindented (lazy) lines, with inline
// code, raw HTML, links, autolinks, images, footnotes, emphasis, escapes and entities among words
// that come back later in the page. (A text node placed on later bytes, where its words came
// again, overlapped the node that owns them, and the text it skipped was lost.)
TEST(PositionsMarkdown, EveryTextNodePlacedOnItsOwnBytes) {
  static const char* const words[] = {"the", "vote", "rose", "42%", "of", "voters", "It", "is", "best", "said",
                                      "Turnout", "was", "at", "polls", "and", "café", "“quoted”", "x"};
  static const char* const inline_bits[] = {"`code`", "``a ` b``", "<span>raw</span>", "<!-- note -->", "*em*",
                                            "**strong**", "[link](https://example.org/the)", "\\*", "&amp;", "&#42;",
                                            "https://example.org", "www.example.org", "mail@example.org", "~~old~~",
                                            "[^1]", " | ", "<b>x</b>", "![img](a.png)", "\\`", "&nbsp;", "&copy",
                                            "***", "_u_"};
  static const char* const leads[] = {"- ", "* ", "1. ", "> ", "> - ", "- > ", "  - ", "", "# ", "## ",
                                      "| a | b |\n|---|---|\n| ", "> | a |\n> |---|\n> | ", "    - ", "1) ",
                                      "+ ", ">> "};
  std::mt19937 rng(2026);
  size_t nodes = 0;
  for (int k = 0; k < 1500; ++k) {
    std::string page;
    for (int block = 0, blocks = 1 + static_cast<int>(rng() % 3); block < blocks; ++block) {
      page += leads[rng() % std::size(leads)];
      for (int line = 0, lines = 1 + static_cast<int>(rng() % 3); line < lines; ++line) {
        for (int w = 0, n = 2 + static_cast<int>(rng() % 8); w < n; ++w) {
          page += rng() % 4 == 0 ? inline_bits[rng() % std::size(inline_bits)] : words[rng() % std::size(words)];
          page += ' ';
        }
        page += "\n";  // the next line is a lazy continuation of the block it follows
      }
      page += "\n";
    }
    if (rng() % 3 == 0) page += "[^1]: A note with 25% more and `code` too.\n";
    SCOPED_TRACE(page);
    Document doc;
    MarkdownTree tree;
    read_markdown(page, doc, tree);
    // every text node of content with more than spaces in it has a run (one of spaces alone, or
    // of no-break spaces, may fold into the space before it)
    std::vector<const void*> placed;
    for (const factlint::Run& r : doc.runs) placed.push_back(r.node);
    std::sort(placed.begin(), placed.end());
    CmarkArena::Scope scope(*tree.arena_);  // reading a literal may allocate from the tree's arena
    cmark_iter* it = cmark_iter_new(tree.root());
    int skip = 0;  // images and footnote definitions are not content (as the reader has it)
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
      cmark_node* n = cmark_iter_get_node(it);
      const cmark_node_type type = cmark_node_get_type(n);
      if (type == CMARK_NODE_IMAGE || type == CMARK_NODE_FOOTNOTE_DEFINITION) {
        skip += ev == CMARK_EVENT_ENTER ? 1 : -1;
        continue;
      }
      const char* lit = cmark_node_get_literal(n);
      std::string spaceless = lit ? lit : "";
      for (size_t p; (p = spaceless.find("\xC2\xA0")) != std::string::npos;) spaceless.replace(p, 2, " ");
      if (skip || ev != CMARK_EVENT_ENTER || type != CMARK_NODE_TEXT || !lit ||
          spaceless.find_first_not_of(" \t") == std::string::npos)
        continue;
      ++nodes;
      EXPECT_TRUE(std::binary_search(placed.begin(), placed.end(), static_cast<const void*>(n)))
          << "text node left out: [" << lit << "]";
    }
    cmark_iter_free(it);
    // and no two runs share source bytes
    std::vector<std::pair<uint32_t, uint32_t>> spans;
    for (const factlint::Run& r : doc.runs) spans.emplace_back(r.src_begin, r.src_end);
    std::sort(spans.begin(), spans.end());
    for (size_t i = 1; i < spans.size(); ++i)
      ASSERT_LE(spans[i - 1].second, spans[i].first) << "two text nodes placed on the same bytes";
  }
  EXPECT_GT(nodes, 10000u);
}

// Whether only <main>/<article> text is content is decided by the tokens before the HTML reader
// reads any: it keeps the tokens up to the first such start tag outside every skipped element and
// reads them after (past 4,096 of them it only scans on, then reads the page again). Held here to
// the definition on pages generated from fragments whose answer is known: a paragraph outside
// every element that counts ("PROBE") must be content exactly when some fragment opens a main.
// The fragments hold real and false <main>/<article> tags: in comments, attribute values, raw text
// elements, after <plaintext>, after a tag name ended by a form feed, and inside elements that are
// never content (<template>, <nav>, <dialog>, <svg>, role="navigation"; not <form>, which some
// sites wrap around the whole page), some behind thousands of tags. Nothing in those elements or in the site's header is ever content ("HIDDEN"),
// whatever the tags there would open outside them: a <dialog>'s <header> once hid the rest of the
// page, and a <main> in a <nav> made all that followed it main text.
TEST(HtmlContent, MainOnlyIsDecidedAsOnTheWholePage) {
  struct Fragment {
    const char* html;
    bool opens_main;
  };
  static const Fragment fragments[] = {
      {"<p>Plain paragraph.</p>", false},
      {"Loose text ", false},
      {"<div>A div.</div>", false},
      {"<h2>A heading</h2>", false},
      {"<main><p>Inside main.</p></main>", true},
      {"<article><p>Inside article.</p></article>", true},
      {"<MAIN class=x><p>Upper case.</p></MAIN>", true},
      {"<article\f><p>Form feed.</p></article>", true},
      {"<!-- <main> -->", false},
      {"<div title=\"<main>\">Attribute.</div>", false},
      {"<script>var s = '<main>';</script>", false},
      {"<style>/* <article> */</style>", false},
      {"<textarea><main></textarea>", false},
      {"<title><article></title>", false},
      {"<xmp><main></xmp>", false},
      {"<noscript><article></noscript>", false},
      {"<iframe><main></iframe>", false},
      {"<header class=site-header><p>HIDDEN chrome.</p></header>", false},
      {"<h1>Headline</h1>", false},
      {"<span>Inline.</span>", false},
      {"<template><main>HIDDEN t</main></template>", false},
      {"<nav><article>HIDDEN in nav.</article></nav>", false},
      {"<dialog><header><h1>HIDDEN Subscribe</h1></header><article>HIDDEN</article><footer>HIDDEN</footer></dialog>",
       false},
      // A form is not skipped, its controls are: some sites wrap the whole page in one.
      {"<form method=post><main><p>A page in a form.</p></main></form>", true},
      {"<form><label>HIDDEN</label><button>HIDDEN</button><select><option>HIDDEN</select></form>", false},
      {"<svg><article/><text>HIDDEN</text></svg>", false},
      {"<div role=navigation><main>HIDDEN</main><blockquote>HIDDEN</blockquote></div>", false},
      {"<nav><section class=footnotes><p>HIDDEN</p></section></nav>", false},
  };
  struct Ending {
    const char* html;
    bool opens_main;
  };
  static const Ending endings[] = {{"", false}, {"", false}, {"<plaintext><main>", false},
                                   {"<article><p>Unclosed.", true}};
  std::mt19937 rng(611);
  int with_main = 0, without = 0;
  for (int k = 0; k < 4000; ++k) {
    std::string page = rng() % 2 ? "<html><head><title>T</title></head><body>" : "";
    bool has_main = false;
    const size_t n = rng() % 7, probe_at = rng() % (n + 1), bulk_at = k % 50 == 0 ? rng() % (n + 1) : SIZE_MAX;
    for (size_t i = 0; i <= n; ++i) {
      if (i == bulk_at) {  // more tags than are kept ahead, or about as many; some in a skipped element
        const bool in_nav = k % 100 == 0;
        if (in_nav) page += "<nav>";
        for (size_t j = 0, m = 1250 + rng() % 200; j < m; ++j) page += "<b>x</b>";
        if (in_nav) page += "<main>HIDDEN</main></nav>";
      }
      if (i == probe_at) page += "<p>PROBE</p>";
      if (i < n) {
        const Fragment& f = fragments[rng() % std::size(fragments)];
        page += f.html;
        has_main |= f.opens_main;
      }
    }
    const Ending& e = endings[rng() % std::size(endings)];
    page += e.html;
    has_main |= e.opens_main;
    Document doc;
    read_html(page, doc);
    ASSERT_EQ(doc.text.find("PROBE") == std::string::npos, has_main) << page;
    ASSERT_EQ(doc.text.find("HIDDEN"), std::string::npos) << page;
    (has_main ? with_main : without)++;
  }
  EXPECT_GT(with_main, 1000);
  EXPECT_GT(without, 500);
}
