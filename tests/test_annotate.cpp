// Annotated pages (src/output/annotate.cpp), checked as invariants over the fixture articles and a
// few inline pages: the input survives byte for byte, annotating twice changes nothing, marks
// never land where HTML would not render them (or would run them), a finding crossing a tag
// becomes several marks, and hostile rule text cannot add markup. The output is read back with
// the project's own byte-exact tokenizer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "engine.h"
#include "input/html_tokenizer.h"
#include "input/readers.h"
#include "output/outputs.h"

namespace {

using namespace factlint;
namespace fs = std::filesystem;
using html::Token;
using html::TokenKind;
using html::Tokenizer;

const RuleSet& default_rules() {
  static const RuleSet* rules = [] {
    auto* r = new RuleSet();
    PackError err;
    if (!r->add_defaults(&err) || !r->compile(&err)) ADD_FAILURE() << "default packs: " << err.to_string();
    return r;
  }();
  return *rules;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> html_fixtures() {
  std::vector<fs::path> out;
  for (const char* dir : {"fixtures/articles", "fixtures/pages"}) {
    fs::path d = fs::path(FACTLINT_SOURCE_DIR) / dir;
    std::error_code ec;
    if (!fs::is_directory(d, ec)) continue;
    for (auto& e : fs::directory_iterator(d, ec))
      if (e.path().extension() == ".html") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

CheckResult check(const RuleSet& rules, std::string_view input, CheckOptions::InputFormat fmt) {
  Checker checker(rules);
  CheckOptions opts;
  opts.format = fmt;
  opts.annotate = true;
  CheckResult r;
  EXPECT_TRUE(checker.check(input, opts, r)) << r.error;
  return r;
}

std::string lower(std::string_view s) {
  std::string o(s);
  for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

bool is_factlint_mark(const Token& t) {
  return t.kind == TokenKind::StartTag && html::iequals(t.name, "mark") && t.find_attr("data-factlint");
}
bool is_factlint_style(const Token& t) {
  return t.kind == TokenKind::StartTag && html::iequals(t.name, "style") && t.find_attr("data-factlint");
}

// Removes the markup factlint inserts: <mark data-factlint> start tags with their matching
// </mark>, and <style data-factlint>...</style>. Authors' own marks are kept (a stack pairs
// every </mark> with its start tag).
std::string strip_factlint(std::string_view page) {
  std::string out;
  Tokenizer tz(page);
  Token t;
  std::vector<bool> marks;  // open <mark>s: inserted by factlint?
  bool in_style = false;
  while (tz.next(t)) {
    std::string_view bytes = page.substr(t.begin, t.end - t.begin);
    if (in_style) {
      if (t.kind == TokenKind::EndTag && html::iequals(t.name, "style")) in_style = false;
      continue;
    }
    if (is_factlint_style(t)) {
      in_style = true;
      continue;
    }
    if (t.kind == TokenKind::StartTag && html::iequals(t.name, "mark")) {
      marks.push_back(is_factlint_mark(t));
      if (marks.back()) continue;
    } else if (t.kind == TokenKind::EndTag && html::iequals(t.name, "mark") && !marks.empty()) {
      bool ours = marks.back();
      marks.pop_back();
      if (ours) continue;
    }
    out.append(bytes);
  }
  return out;
}

struct MarkInfo {
  std::string rule;  // data-factlint, decoded
  std::string inner; // source bytes between the start tag and its </mark>
};

// Every factlint mark with the bytes it wraps (nested marks: the outer mark's inner includes
// the inner tags).
std::vector<MarkInfo> marks_of(std::string_view page) {
  std::vector<MarkInfo> out;
  struct Open { bool ours; size_t index; uint32_t content_begin; };
  std::vector<Open> open;
  Tokenizer tz(page);
  Token t;
  while (tz.next(t)) {
    if (t.kind == TokenKind::StartTag && html::iequals(t.name, "mark")) {
      bool ours = is_factlint_mark(t);
      size_t idx = out.size();
      if (ours) out.push_back(MarkInfo{html::decode_text(t.find_attr("data-factlint")->value), {}});
      open.push_back(Open{ours, idx, t.end});
    } else if (t.kind == TokenKind::EndTag && html::iequals(t.name, "mark") && !open.empty()) {
      Open o = open.back();
      open.pop_back();
      if (o.ours) out[o.index].inner = std::string(page.substr(o.content_begin, t.begin - o.content_begin));
    }
  }
  EXPECT_TRUE(open.empty()) << "unclosed marks";
  return out;
}

// Where marks must never be: inside raw text (title, script, style, textarea), <pre>, <code>,
// comments and attribute values; and every </mark> closes the innermost open inline element.
::testing::AssertionResult marks_well_placed(std::string_view page) {
  Tokenizer tz(page);
  Token t;
  int pre = 0, code = 0, head = 0;
  std::vector<std::string> inline_stack;
  std::vector<bool> ours;  // open <mark>s: factlint's?
  static const char* const kInline[] = {"a", "b", "i", "em", "strong", "mark", "span", "q", "cite", "sup",
                                        "sub", "small", "u", "s", "abbr", "time", "del", "ins"};
  auto is_inline = [](std::string_view n) {
    for (auto k : kInline)
      if (html::iequals(n, k)) return true;
    return false;
  };
  // As in HTML parsing, a head left open ends at the first start tag that cannot be in it, or at
  // the first visible text.
  static const char* const kHeadContent[] = {"base", "basefont", "bgsound", "link", "meta", "noframes", "noscript",
                                             "script", "style", "template", "title", "html", "head"};
  auto in_head = [](std::string_view n) {
    for (auto k : kHeadContent)
      if (html::iequals(n, k)) return true;
    return false;
  };
  while (tz.next(t)) {
    std::string_view bytes = page.substr(t.begin, t.end - t.begin);
    switch (t.kind) {
      case TokenKind::Text:
        if (!t.raw && head && bytes.find_first_not_of(" \t\n\r\f") != std::string_view::npos) head = 0;
        if (t.raw && bytes.find("data-factlint") != std::string_view::npos &&
            bytes.find("mark") != std::string_view::npos)
          return ::testing::AssertionFailure() << "mark inside raw text at " << t.begin << ": " << bytes;
        break;
      case TokenKind::Comment:
      case TokenKind::ProcessingInstruction:
      case TokenKind::Doctype:
        if (bytes.find("data-factlint") != std::string_view::npos)
          return ::testing::AssertionFailure() << "mark inside a comment at " << t.begin << ": " << bytes;
        break;
      case TokenKind::StartTag: {
        for (size_t i = 0; i < t.attr_count; ++i) {
          std::string_view v = t.attrs[i].value;
          if (lower(v).find("<mark") != std::string::npos)
            return ::testing::AssertionFailure() << "mark inside an attribute value at " << t.attrs[i].value_begin;
        }
        std::string n = lower(t.name);
        if (head && !in_head(n) && !is_factlint_mark(t)) head = 0;
        if (head && is_factlint_mark(t)) {
          // A mark that wraps visible text (after any marks nested at its start) is in the body:
          // that text ends the head.
          size_t at = t.end;
          while (at < page.size() && page.compare(at, 5, "<mark") == 0) {
            size_t gt = page.find('>', at);
            at = gt == std::string_view::npos ? page.size() : gt + 1;
          }
          if (at < page.size() && page[at] != '<' && !std::isspace(static_cast<unsigned char>(page[at]))) head = 0;
        }
        if (is_factlint_mark(t)) {
          if (pre || code) return ::testing::AssertionFailure() << "mark inside <pre>/<code> at " << t.begin;
          if (head) return ::testing::AssertionFailure() << "mark inside <head> at " << t.begin;
        }
        if (is_factlint_style(t) && std::count(ours.begin(), ours.end(), true))
          return ::testing::AssertionFailure() << "stylesheet inside a mark at " << t.begin;
        if (n == "mark" && !t.self_closing) ours.push_back(is_factlint_mark(t));
        if (!t.self_closing) {
          if (n == "pre") ++pre;
          if (n == "code") ++code;
          if (n == "head") ++head;
          if (is_inline(n)) inline_stack.push_back(n);
        }
        break;
      }
      case TokenKind::EndTag: {
        std::string n = lower(t.name);
        if (n == "pre" && pre) --pre;
        if (n == "code" && code) --code;
        if (n == "head" && head) --head;
        if (n == "body" || n == "html") head = 0;
        if (n == "mark" && !ours.empty()) ours.pop_back();
        if (is_inline(n)) {
          if (inline_stack.empty() || inline_stack.back() != n) {
            if (n == "mark")
              return ::testing::AssertionFailure()
                     << "</mark> at " << t.begin << " does not close the innermost inline element ("
                     << (inline_stack.empty() ? "none" : inline_stack.back()) << ")";
            // the page's own mis-nesting: recover like a browser would, closing up to the match
            auto it = std::find(inline_stack.rbegin(), inline_stack.rend(), n);
            if (it != inline_stack.rend()) inline_stack.erase(std::next(it).base(), inline_stack.end());
          } else {
            inline_stack.pop_back();
          }
        }
        break;
      }
      default: break;
    }
  }
  return ::testing::AssertionSuccess();
}

// Start tags (name and sorted attribute names) and end tags of a page, as a multiset.
std::map<std::string, int> tag_set(std::string_view page) {
  std::map<std::string, int> out;
  Tokenizer tz(page);
  Token t;
  while (tz.next(t)) {
    if (t.kind == TokenKind::StartTag) {
      std::vector<std::string> attrs;
      for (size_t i = 0; i < t.attr_count; ++i) attrs.push_back(lower(t.attrs[i].name));
      std::sort(attrs.begin(), attrs.end());
      std::string key = "<" + lower(t.name);
      for (auto& a : attrs) key += " " + a;
      ++out[key + ">"];
    } else if (t.kind == TokenKind::EndTag) {
      ++out["</" + lower(t.name) + ">"];
    } else if (t.kind == TokenKind::Comment || t.kind == TokenKind::Doctype ||
               t.kind == TokenKind::ProcessingInstruction) {
      ++out["<!" + std::to_string(static_cast<int>(t.kind)) + ">"];
    }
  }
  return out;
}

// What the output adds to the input's tags: name -> extra count (negative: removed).
std::map<std::string, int> added_tags(std::string_view input, std::string_view output) {
  std::map<std::string, int> a = tag_set(input), b = tag_set(output), diff;
  for (auto& [k, n] : b)
    if (n != a[k]) diff[k] = n - a[k];
  for (auto& [k, n] : a)
    if (!b.count(k)) diff[k] = -n;
  return diff;
}

const char* const kMarkTag = "<mark class data-factlint data-factlint-message title>";

size_t count(std::string_view hay, std::string_view needle) {
  size_t n = 0;
  for (size_t i = hay.find(needle); i != std::string_view::npos; i = hay.find(needle, i + 1)) ++n;
  return n;
}

// Inline pages that put figures everywhere a mark must not go.
const std::vector<std::string>& inline_pages() {
  static const std::vector<std::string> pages = {
      "<!doctype html><html><head><title>42% of voters agree</title>\n"
      "<style>/* 42% of voters */ p { color: red }</style>\n"
      "<script>var s = \"42% of voters agree\"; // 55% of members\n</script>\n"
      "<meta name=description content=\"42% of voters agree\"></head>\n<body>\n"
      "<!-- 42% of voters agree -->\n"
      "<p title=\"42% of voters agree\">Turnout hit 42% of voters on Sunday.</p>\n"
      "<pre>42% of voters agree</pre>\n"
      "<p>Code: <code>42% of voters</code> and 55% of members agree.</p>\n"
      "<img alt=\"42% of voters agree\" src=\"x.png\">\n"
      "<p data-x='&quot;42% of voters&quot;'>Another 61% of residents left.</p>\n"
      "<textarea>42% of voters</textarea>\n"
      "<p>She <mark>highlighted</mark> that 37% of staff quit.</p>\n"
      "<p>Revenue rose <b>40</b>% last year, the &ldquo;best&rdquo; year.</p>\n"
      "</body></html>\n",
      // No <head> or <body>: the stylesheet goes in front.
      "<p>Turnout hit 42% of voters.</p><p>Prices rose to &ldquo;$4.5 million&rdquo; this year.</p>",
      // Findings that nest and touch.
      "<p>It is the world's best bank, with 42% of savers and $3 billion in loans.</p>"
      "<ul><li>Profit: <em>$12 <strong>million</strong></em><li>Staff: 4,500 workers</ul>",
  };
  return pages;
}

TEST(Annotate, FixturesExist) {
  auto files = html_fixtures();
  EXPECT_GE(files.size(), 10u) << "fixtures/articles/*.html";
}

TEST(Annotate, BytePreservation) {
  size_t total_marks = 0;
  auto run = [&](const std::string& name, const std::string& input) {
    SCOPED_TRACE(name);
    CheckResult r = check(default_rules(), input, CheckOptions::InputFormat::Html);
    if (r.findings.empty()) {
      EXPECT_EQ(r.annotated, input) << "a page with no findings is copied unchanged";
      return;
    }
    EXPECT_EQ(count(r.annotated, "<style data-factlint>"), 1u);
    std::vector<MarkInfo> marks = marks_of(r.annotated);
    EXPECT_GE(marks.size(), r.findings.size()) << "every finding has at least one mark";
    total_marks += marks.size();
    // A page annotated before keeps none of the old marks: compare with it stripped too.
    std::string want = strip_factlint(input);
    if (input.find("data-factlint") == std::string::npos) EXPECT_EQ(want, input);
    std::string back = strip_factlint(r.annotated);
    EXPECT_EQ(back.size(), want.size());
    EXPECT_TRUE(back == want) << "first difference at byte "
                              << (std::mismatch(back.begin(), back.end(), want.begin(), want.end()).first -
                                  back.begin());
  };
  for (auto& p : html_fixtures()) run(p.filename().string(), slurp(p));
  for (size_t i = 0; i < inline_pages().size(); ++i) run("inline page " + std::to_string(i), inline_pages()[i]);
  EXPECT_GT(total_marks, 30u) << "the fixtures should produce marks; otherwise this test checks nothing";
}

TEST(Annotate, Idempotent) {
  auto run = [&](const std::string& name, const std::string& input) {
    SCOPED_TRACE(name);
    CheckResult once = check(default_rules(), input, CheckOptions::InputFormat::Html);
    std::string first = once.annotated;
    CheckResult twice = check(default_rules(), first, CheckOptions::InputFormat::Html);
    EXPECT_TRUE(twice.annotated == first) << "re-annotating changed the page";
    // The same claims are found in the annotated page, on the same document text.
    ASSERT_EQ(twice.findings.size(), once.findings.size());
    for (size_t i = 0; i < once.findings.size(); ++i) {
      EXPECT_EQ(twice.findings[i].rule, once.findings[i].rule);
      EXPECT_EQ(twice.findings[i].text_begin, once.findings[i].text_begin);
      EXPECT_EQ(twice.findings[i].text_end, once.findings[i].text_end);
      EXPECT_EQ(twice.findings[i].message, once.findings[i].message);
    }
    // And a third time, for good measure.
    CheckResult thrice = check(default_rules(), twice.annotated, CheckOptions::InputFormat::Html);
    EXPECT_TRUE(thrice.annotated == first);
  };
  for (auto& p : html_fixtures()) run(p.filename().string(), slurp(p));
  for (size_t i = 0; i < inline_pages().size(); ++i) run("inline page " + std::to_string(i), inline_pages()[i]);
}

TEST(Annotate, NestedFindingsIdempotent) {
  // A superlative inside an unattributed quotation: the quotation's mark is cut around the inner
  // one. The cuts must not leave spaces inside the marks, since the second run sees the marks as
  // tag edges and trims there (regression: the first run wrapped "“This is " with its space).
  std::string input = "<p>Fans cheered. &ldquo;This is the best team in the league.&rdquo;</p>";
  CheckResult once = check(default_rules(), input, CheckOptions::InputFormat::Html);
  ASSERT_EQ(once.findings.size(), 2u);
  std::vector<std::string> inner;
  for (auto& m : marks_of(once.annotated)) inner.push_back(m.inner);
  ASSERT_EQ(inner.size(), 4u) << once.annotated;
  EXPECT_EQ(inner[0], "&ldquo;This is");
  EXPECT_EQ(inner[3], "in the league.&rdquo;");
  for (auto& s : inner) {
    EXPECT_NE(s.front(), ' ') << s;
    EXPECT_NE(s.back(), ' ') << s;
  }
  CheckResult twice = check(default_rules(), once.annotated, CheckOptions::InputFormat::Html);
  EXPECT_EQ(twice.annotated, once.annotated);
  EXPECT_EQ(strip_factlint(once.annotated), input);
}

TEST(Annotate, MarksOnlyInRenderedContent) {
  for (auto& p : html_fixtures()) {
    CheckResult r = check(default_rules(), slurp(p), CheckOptions::InputFormat::Html);
    EXPECT_TRUE(marks_well_placed(r.annotated)) << p.filename();
  }
  for (size_t i = 0; i < inline_pages().size(); ++i) {
    CheckResult r = check(default_rules(), inline_pages()[i], CheckOptions::InputFormat::Html);
    EXPECT_TRUE(marks_well_placed(r.annotated)) << "inline page " << i;
  }
  // The first inline page: only the body's paragraphs are marked.
  CheckResult r = check(default_rules(), inline_pages()[0], CheckOptions::InputFormat::Html);
  std::vector<std::string> inner;
  for (auto& m : marks_of(r.annotated))
    if (m.rule == "figure.unattributed") inner.push_back(m.inner);
  EXPECT_EQ(inner, (std::vector<std::string>{"42%", "55%", "61%", "37%", "40", "%"}));
  // The checker itself knows these are the stylesheet's place and nothing else moved.
  EXPECT_EQ(r.annotated.find("<style data-factlint>"), r.annotated.find("</head>") - std::string(kMarkStylesheet).size());
}

// Where the stylesheet goes; `before` is the text right after it. Also checks the page is
// annotated idempotently and gives the input back.
void expect_stylesheet_before(const std::string& input, const std::string& before, size_t findings) {
  SCOPED_TRACE(input);
  CheckResult r = check(default_rules(), input, CheckOptions::InputFormat::Html);
  EXPECT_EQ(r.findings.size(), findings);
  std::string style = kMarkStylesheet;
  size_t at = r.annotated.find(style);
  ASSERT_NE(at, std::string::npos) << r.annotated;
  EXPECT_EQ(r.annotated.compare(at + style.size(), before.size(), before), 0) << r.annotated;
  size_t doctype = lower(r.annotated).find("<!doctype");
  if (doctype != std::string::npos) EXPECT_LT(doctype, at) << "a stylesheet before the doctype means quirks mode";
  EXPECT_EQ(strip_factlint(r.annotated), input);
  CheckResult again = check(default_rules(), r.annotated, CheckOptions::InputFormat::Html);
  EXPECT_EQ(again.annotated, r.annotated);
}

TEST(Annotate, StylesheetPlacement) {
  expect_stylesheet_before("<!doctype html><html><head><title>T</title></head><body><p>Turnout hit 42% of voters.</p>",
                           "</head>", 1);
  expect_stylesheet_before("<html><head><title>T</title><body class=x><p>Turnout hit 42% of voters.</p>",
                           "<p>Turnout", 1);
  // </head> and <body> are both optional: the head ends at the first tag that cannot be in it.
  // Regression: the stylesheet went to byte 0, in front of the doctype.
  expect_stylesheet_before("<!doctype html><p>Turnout hit 42% of voters.</p>", "<p>Turnout", 1);
  expect_stylesheet_before(
      "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>T</title>\n<p>Turnout hit 42% of voters.</p>",
      "<p>Turnout", 1);
  // Regression: with <head> open and never closed, the whole page was skipped as head.
  expect_stylesheet_before(
      "<!-- built --><!doctype html><html><head><title>T</title><link rel=x href=y><p>Turnout hit 42% of voters.</p>",
      "<p>Turnout", 1);
  expect_stylesheet_before("<!doctype html>Turnout hit 42% of voters.", "Turnout", 1);
  // A stray </head> after body text that a mark ends at: the stylesheet goes after the </mark>,
  // never inside it (regression: it went inside, and the next run moved it out).
  expect_stylesheet_before("<body>\u00bb</head>", "</head>", 1);
  // A fragment: in front, as there is nothing else.
  expect_stylesheet_before("<p>Turnout hit 42% of voters.</p>", "<p>Turnout", 1);
  // Template content in the head is not the body.
  expect_stylesheet_before(
      "<html><head><template><p>42% of voters</p></template><body><p>Turnout hit 55% of members.</p>", "<p>Turnout",
      1);
}

TEST(Annotate, CheckerOfTheChecker) {
  // The placement check must fail on pages that break the rules it states.
  const char* mark = "<mark class=\"factlint\" data-factlint=\"x\">";
  EXPECT_FALSE(marks_well_placed(std::string("<pre>") + mark + "42%</mark></pre>"));
  EXPECT_FALSE(marks_well_placed(std::string("<p><code>") + mark + "42%</mark></code></p>"));
  EXPECT_FALSE(marks_well_placed(std::string("<title>") + mark + "42%</mark></title>"));
  EXPECT_FALSE(marks_well_placed(std::string("<script>x=\"") + mark + "\"</script>"));
  EXPECT_FALSE(marks_well_placed(std::string("<!-- ") + mark + " -->"));
  EXPECT_FALSE(marks_well_placed(std::string("<p title=\"") + mark + "\">x</p>"));
  EXPECT_FALSE(marks_well_placed(std::string("<p><b>") + mark + "4</b>2</mark></p>"));
  EXPECT_TRUE(marks_well_placed(std::string("<p><b>") + mark + "4</mark></b>" + mark + "2</mark></p>"));
  EXPECT_FALSE(marks_well_placed(std::string("<html><head>") + mark + "</mark><title>T</title></head>"));
  EXPECT_FALSE(marks_well_placed(std::string("<p>") + mark + "42%<style data-factlint>x{}</style></mark></p>"));
  EXPECT_TRUE(marks_well_placed(std::string("<p>") + mark + "42%</mark><style data-factlint>x{}</style></p>"));
  EXPECT_FALSE(marks_well_placed(std::string("<html><head><meta charset=utf-8>") + mark + " </mark>"));
  // Visible text ends a head left open, also when it starts inside a mark.
  EXPECT_TRUE(marks_well_placed(std::string("<html><head><title>T</title>") + mark + "42%</mark> of voters"));
  EXPECT_TRUE(marks_well_placed(std::string("<html><head><title>T</title>") + mark + mark + "42%</mark></mark>"));
  EXPECT_EQ(strip_factlint(std::string("<p><mark>a</mark>") + mark + "b</mark></p>"), "<p><mark>a</mark>b</p>");
}

TEST(Annotate, MarkupWhoseDroppingWouldJoinItsNeighboursStays) {
  // Dropped, "<" and "p>" would become a tag and "&ldquo" and ";" a quotation mark: factlint never
  // writes its markup there, so it is left as it is, and the page stays a fixed point.
  for (std::string old : {"<mark data-factlint></mark>", "<style data-factlint></style>"}) {
    std::string start_tag = old.substr(0, old.find('>') + 1);
    for (std::string before : {"a <", "&ldquo"}) {
      std::string input = "<p>" + before + old + (before == "a <" ? "p>" : ";") + "Everybody knows it.</p>";
      SCOPED_TRACE(input);
      CheckResult r = check(default_rules(), input, CheckOptions::InputFormat::Html);
      ASSERT_EQ(r.findings.size(), 1u);
      EXPECT_NE(r.annotated.find("<p>" + before + start_tag), std::string::npos) << r.annotated;
      CheckResult again = check(default_rules(), r.annotated, CheckOptions::InputFormat::Html);
      EXPECT_EQ(again.annotated, r.annotated);
    }
  }
  // Where dropping joins nothing, a previous run's markup goes.
  CheckResult r = check(default_rules(), "<p>&ldquo;<mark data-factlint>x</mark> Everybody knows it.</p>",
                        CheckOptions::InputFormat::Html);
  EXPECT_EQ(strip_factlint(r.annotated), "<p>&ldquo;x Everybody knows it.</p>");
}

TEST(Annotate, FindingAcrossInlineTagBecomesTwoMarks) {
  std::string input = "<p>Revenue rose <b>40</b>% last year.</p>";
  CheckResult r = check(default_rules(), input, CheckOptions::InputFormat::Html);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].text, "40</b>%");
  std::vector<MarkInfo> marks = marks_of(r.annotated);
  ASSERT_EQ(marks.size(), 2u);
  EXPECT_EQ(marks[0].inner, "40");
  EXPECT_EQ(marks[1].inner, "%");
  EXPECT_EQ(marks[0].rule, "figure.unattributed");
  EXPECT_EQ(marks[1].rule, "figure.unattributed");
  // Exactly: the first mark inside <b>, the second right after it.
  std::string body = strip_factlint(r.annotated);
  EXPECT_EQ(body, input);
  size_t b = r.annotated.find("<b>");
  ASSERT_NE(b, std::string::npos);
  EXPECT_EQ(r.annotated.compare(b, 9, "<b><mark "), 0) << r.annotated.substr(b);
  size_t close_b = r.annotated.find("</b>");
  ASSERT_NE(close_b, std::string::npos);
  EXPECT_EQ(r.annotated.compare(close_b - 9, 19, "40</mark></b><mark "), 0) << r.annotated.substr(close_b - 9);
  EXPECT_TRUE(marks_well_placed(r.annotated));
}

TEST(Annotate, FindingAcrossSeveralTags) {
  std::string input = "<p>Prices hit <em>$12 <strong>million</strong></em> in May.</p>";
  CheckResult r = check(default_rules(), input, CheckOptions::InputFormat::Html);
  ASSERT_EQ(r.findings.size(), 1u) << r.annotated;
  std::vector<MarkInfo> marks = marks_of(r.annotated);
  std::vector<std::string> inner;
  for (auto& m : marks) inner.push_back(m.inner);
  EXPECT_EQ(inner, (std::vector<std::string>{"$12", "million"}));
  EXPECT_TRUE(marks_well_placed(r.annotated));
  EXPECT_EQ(strip_factlint(r.annotated), input);
}

const char* const kHostilePack = R"toml(
[[rule]]
id = "x\"><script>alert(1)</script>' onmouseover='x"
category = "absolute-claim"
severity = "error"
kind = "phrases"
phrases = ["totally awesome"]
message = "\"><script>alert(1)</script>' onmouseover='x & {text} <b>bold</b> </mark></style> `code` | *em*"
link = "javascript:alert(1)\"><script>alert(2)</script>"
)toml";

const RuleSet& hostile_rules() {
  static const RuleSet* rules = [] {
    auto* r = new RuleSet();
    PackError err;
    if (!r->add_defaults(&err) || !r->add_text(kHostilePack, "hostile.toml", &err) || !r->compile(&err))
      ADD_FAILURE() << "hostile pack: " << err.to_string();
    return r;
  }();
  return *rules;
}

// Every byte class the escaper knows, in text, in an attribute, and in an attribute bound for
// Markdown; multi-byte characters and runs between escapes pass through whole.
TEST(Annotate, EscapingByContext) {
  const std::string in = "a&b<c>d\"e'f\ng\rh|i`j \xE2\x80\x9Cq\xE2\x80\x9D";
  std::string text, attr, md;
  append_html_escaped(text, in);
  append_escaped(attr, in, true, false);
  append_escaped(md, in, true, true);
  EXPECT_EQ(text, "a&amp;b&lt;c&gt;d&quot;e&#39;f\ng\rh|i`j \xE2\x80\x9Cq\xE2\x80\x9D");
  EXPECT_EQ(attr, "a&amp;b&lt;c&gt;d&quot;e&#39;f g h|i`j \xE2\x80\x9Cq\xE2\x80\x9D");
  EXPECT_EQ(md, "a&amp;b&lt;c&gt;d&quot;e&#39;f g h&#124;i&#96;j \xE2\x80\x9Cq\xE2\x80\x9D");
  std::string empty;
  append_escaped(empty, "", true, true);
  EXPECT_EQ(empty, "");
}

TEST(Annotate, HostilePackAddsOnlyMarksAndTheStylesheet) {
  const std::string id = "x\"><script>alert(1)</script>' onmouseover='x";
  std::vector<std::string> pages = {
      "<!doctype html><html><head><title>T</title></head><body>"
      "<p>This is totally awesome news.</p>"
      "<p title='x'>Totally <em>awesome</em>, and 42% of voters agree.</p></body></html>",
      "<p>totally   awesome</p>",
  };
  for (const std::string& input : pages) {
    SCOPED_TRACE(input);
    CheckResult r = check(hostile_rules(), input, CheckOptions::InputFormat::Html);
    int hostile = 0;
    for (auto& f : r.findings) hostile += f.rule->id == id;
    ASSERT_GE(hostile, 1) << "the hostile rule must fire, or this test checks nothing";
    std::vector<MarkInfo> marks = marks_of(r.annotated);
    std::map<std::string, int> diff = added_tags(input, r.annotated);
    int n = static_cast<int>(marks.size());
    ASSERT_GT(n, 0);
    std::map<std::string, int> want = {{kMarkTag, n}, {"</mark>", n}, {"<style data-factlint>", 1}, {"</style>", 1}};
    EXPECT_EQ(diff, want);
    // The attribute values carry the rule's id back intact (a finding may take several marks).
    int seen = 0;
    for (auto& m : marks) {
      seen += m.rule == id;
      EXPECT_TRUE(m.rule == id || m.rule == "figure.unattributed") << m.rule;
    }
    EXPECT_GE(seen, hostile) << r.annotated;
    EXPECT_EQ(strip_factlint(r.annotated), input);
    EXPECT_TRUE(marks_well_placed(r.annotated));
  }
}

// ---- Every fixture file ----

// The invariants of issue 7 over every page in fixtures/ (articles, pages, golden outputs, bad
// inputs, fuzz regressions, the site generators' sources), each read the way it is used: .html as
// HTML, .md as Markdown, and the extension-less fuzz regression inputs as both. For every page
// factlint accepts: findings lie inside the input and their text is its bytes; for HTML, removing
// factlint's markup gives the input back byte for byte (minus any factlint markup it came with),
// marks land only where they render and close in order, there is one stylesheet if there are marks,
// and annotating the annotated page changes nothing; for Markdown, the rendered page's marks close
// in order and carry the stylesheet. Pages factlint refuses (invalid UTF-8, binary) must say why.
struct FixturePage {
  fs::path path;
  CheckOptions::InputFormat format;
};

std::vector<FixturePage> every_fixture_page() {
  std::vector<FixturePage> out;
  fs::path root = fs::path(FACTLINT_SOURCE_DIR) / "fixtures";
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec || !it->is_regular_file()) continue;
    const fs::path& p = it->path();
    std::string ext = lower(p.extension().string());
    bool regression = p.parent_path().filename() == "fuzz-regressions" || p.parent_path().parent_path().filename() == "fuzz-regressions";
    if (ext == ".html" || ext == ".htm" || (regression && ext.empty()))
      out.push_back({p, CheckOptions::InputFormat::Html});
    if (ext == ".md" || ext == ".markdown" || (regression && ext.empty()))
      out.push_back({p, CheckOptions::InputFormat::Markdown});
  }
  std::sort(out.begin(), out.end(), [](const FixturePage& a, const FixturePage& b) {
    return std::tie(a.path, a.format) < std::tie(b.path, b.format);
  });
  return out;
}

bool has_factlint_markup(std::string_view page) { return lower(page).find("data-factlint") != std::string::npos; }

void expect_findings_inside(std::string_view input, const std::vector<Finding>& fs, const char* what) {
  for (const Finding& f : fs) {
    ASSERT_LE(f.start, f.end) << what;
    ASSERT_LE(f.end, input.size()) << what;
    EXPECT_EQ(f.text, input.substr(f.start, f.end - f.start)) << what << " at " << f.start;
  }
}

TEST(Invariants, EveryFixtureFile) {
  std::map<std::string, int> pages_per_folder;
  size_t refused = 0, marks = 0;
  for (const FixturePage& fp : every_fixture_page()) {
    bool html = fp.format == CheckOptions::InputFormat::Html;
    std::string rel = fs::relative(fp.path, fs::path(FACTLINT_SOURCE_DIR) / "fixtures").string();
    SCOPED_TRACE(rel + (html ? " (as HTML)" : " (as Markdown)"));
    std::string input = slurp(fp.path);
    Checker checker(default_rules());
    CheckOptions opts;
    opts.format = fp.format;
    CheckResult r;
    if (!checker.check(input, opts, r)) {
      EXPECT_FALSE(r.error.empty()) << "a refused page says why";
      EXPECT_TRUE(r.findings.empty() && r.annotated.empty());
      ++refused;
      continue;
    }
    ++pages_per_folder[fs::path(rel).begin()->string()];
    expect_findings_inside(input, r.findings, "finding");
    expect_findings_inside(input, r.sourced, "sourced finding");
    // What factlint adds is checked on pages without factlint-like markup of their own: a Markdown
    // page's raw HTML goes into its rendered page as it is, and an HTML page's may be kept (see
    // MarkupWhoseDroppingWouldJoinItsNeighboursStays) or be unbalanced to begin with.
    bool own_markup = has_factlint_markup(input);
    if (!html && own_markup) continue;
    if (!own_markup) {
      size_t n = marks_of(r.annotated).size();
      marks += n;
      size_t styles = count(r.annotated, "<style data-factlint>");
      EXPECT_EQ(styles, n ? 1u : 0u) << "one stylesheet when there are marks, none otherwise";
    }
    if (!html) {
      if (marks_well_placed(input)) EXPECT_TRUE(marks_well_placed(r.annotated));
      continue;  // the annotated page is rendered HTML: there is nothing to give back byte for byte
    }

    // Byte preservation.
    if (!has_factlint_markup(input)) {
      EXPECT_EQ(strip_factlint(r.annotated), input);
      if (r.findings.empty()) EXPECT_EQ(r.annotated, input) << "a page with no findings is copied unchanged";
    } else {
      EXPECT_EQ(strip_factlint(r.annotated), strip_factlint(input));
    }
    // Well-formed: factlint makes no well-placed page ill-placed.
    if (marks_well_placed(input)) EXPECT_TRUE(marks_well_placed(r.annotated));
    // Idempotence.
    CheckResult again;
    ASSERT_TRUE(checker.check(r.annotated, opts, again)) << again.error;
    EXPECT_TRUE(again.annotated == r.annotated)
        << "annotating the annotated page changed it at byte "
        << (std::mismatch(again.annotated.begin(), again.annotated.end(), r.annotated.begin(), r.annotated.end()).first -
            again.annotated.begin());
    expect_findings_inside(r.annotated, again.findings, "finding in the annotated page");
    // An annotated HTML page in fixtures/golden is already a fixed point.
    if (rel.rfind("golden/", 0) == 0 && rel.size() > 10 && rel.compare(rel.size() - 10, 10, ".html.html") == 0)
      EXPECT_TRUE(r.annotated == input) << "a golden annotated page, annotated again, changed";
  }
  // Each folder took part, so that this test cannot pass by checking nothing.
  for (const char* folder : {"articles", "pages", "golden", "bad", "fuzz-regressions", "sites"})
    EXPECT_GT(pages_per_folder[folder], 0) << "no page checked in fixtures/" << folder;
  EXPECT_GT(marks, 200u);
  EXPECT_LT(refused, 10u) << "most fixture pages are accepted";
}

// ---- Markdown ----

TEST(AnnotateMarkdown, MarksAroundFlaggedText) {
  std::string input =
      "---\ntitle: 42% of voters\n---\n# Turnout\n\nTurnout hit 42% of voters, and *55%* of members agree.\n\n"
      "| Group | Share |\n|---|---|\n| Staff | 61% of staff |\n\n"
      "Revenue rose **40**% last year.\n";
  CheckResult r = check(default_rules(), input, CheckOptions::InputFormat::Markdown);
  ASSERT_EQ(r.findings.size(), 4u);
  const std::string& out = r.annotated;
  EXPECT_EQ(out.rfind("<style data-factlint>", 0), 0u) << "stylesheet first";
  EXPECT_EQ(count(out, "<style data-factlint>"), 1u);
  EXPECT_NE(out.find("<h1>Turnout</h1>"), std::string::npos) << out;
  EXPECT_EQ(out.find("title:"), std::string::npos) << "front matter is not rendered";
  std::vector<std::string> inner;
  for (auto& m : marks_of(out)) {
    EXPECT_EQ(m.rule, "figure.unattributed");
    inner.push_back(m.inner);
  }
  EXPECT_EQ(inner, (std::vector<std::string>{"42%", "55%", "61%", "40", "%"}));
  EXPECT_NE(out.find("<em><mark "), std::string::npos) << out;
  EXPECT_NE(out.find("<td><mark "), std::string::npos) << out;
  EXPECT_NE(out.find("<strong><mark "), std::string::npos) << out;
  EXPECT_TRUE(marks_well_placed(out));
}

TEST(AnnotateMarkdown, BackslashBeforeTheMark) {
  // Regression: a literal backslash right before a flagged span escaped the inserted tag's '<',
  // so the mark came out as text.
  for (auto [input, before] : std::vector<std::pair<std::string, std::string>>{
           {"Share: \\42% of voters agree.\n", "Share: \\"},
           {"Share: \\\\\\42% of voters agree.\n", "Share: \\\\"},
           {"Share: \\\\42% of voters agree.\n", "Share: \\"},
           {"Cost: \\$4.5 million in fees.\n", "Cost: "}}) {
    SCOPED_TRACE(input);
    CheckResult r = check(default_rules(), input, CheckOptions::InputFormat::Markdown);
    ASSERT_EQ(r.findings.size(), 1u);
    std::vector<MarkInfo> marks = marks_of(r.annotated);
    ASSERT_EQ(marks.size(), 1u) << r.annotated;
    EXPECT_EQ(marks[0].rule, "figure.unattributed");
    EXPECT_NE(r.annotated.find("<p>" + before + "<mark "), std::string::npos) << r.annotated;
    EXPECT_EQ(r.annotated.find("&lt;mark"), std::string::npos) << r.annotated;
  }
}

TEST(AnnotateMarkdown, NoFindingsNoMarks) {
  CheckResult r = check(default_rules(), "# Hello\n\nA quiet page.\n", CheckOptions::InputFormat::Markdown);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.annotated, "<h1>Hello</h1>\n<p>A quiet page.</p>\n");
}

// With nothing to mark, the page is rendered from the tree its check already parsed; the HTML must
// be what a fresh parse of the same body gives: on every Markdown fixture, and on pages made of the
// extensions and edge cases the reader knows (tables, footnotes, strikethrough, autolinks, raw
// HTML, entities, front matter, CRLF and bare CR line ends, a previous run's marks kept in place).
TEST(AnnotateMarkdown, UnmarkedPageRendersAsAFreshParse) {
  RuleSet none;
  PackError err;
  ASSERT_TRUE(none.compile(&err)) << err.to_string();
  auto fresh = [](std::string_view source) {
    std::string_view body = source.substr(front_matter_length(source));
    cmark_parser* p = new_markdown_parser(cmark_get_default_mem_allocator());
    cmark_parser_feed(p, body.data(), body.size());
    cmark_node* root = cmark_parser_finish(p);
    char* html = cmark_render_html(root, kMarkdownOptions, cmark_parser_get_syntax_extensions(p));
    std::string out(html);
    cmark_get_default_mem_allocator()->free(html);
    cmark_node_free(root);
    cmark_parser_free(p);
    return out;
  };
  std::vector<std::string> pages = {
      "---\ntitle: x\n---\n# T\n\n| a | b |\n|:-|-:|\n| 1 | ~~2~~ |\n\nSee www.example.org and a[^1].\n\n[^1]: Note.\n",
      "+++\ntitle = 'x'\n+++\nA &amp; B &copy; &#8217; <span class=\"k\">raw</span> <script>x</script>\r\n\r\n"
      "> quote\r\n",
      "Line one\rline two  \rline three\\\n\n```\ncode <b>\n```\n\n- a\n- [ ] b\n- [x] c\n",
      "Kept: <mark class=\"factlint\">earlier</mark> text &lt;mark&gt;.\n\n<div>\n*html block*\n</div>\n",
      "",
  };
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(FACTLINT_SOURCE_DIR) / "fixtures"))
    if (entry.path().extension() == ".md") pages.push_back(slurp(entry.path()));
  size_t rendered = 0;
  for (const std::string& page : pages) {
    Checker checker(none);
    CheckOptions opts;
    opts.format = CheckOptions::InputFormat::Markdown;
    CheckResult r;
    if (!checker.check(page, opts, r)) continue;  // the fixtures of bad input
    EXPECT_TRUE(r.findings.empty());
    EXPECT_EQ(r.annotated, fresh(page)) << page.substr(0, 200);
    ++rendered;
  }
  EXPECT_GT(rendered, 30u);
}

// Marks rendered into the page's tree give the bytes the marked source, parsed again, gives: on the
// Markdown fixtures and on pages written to put Markdown syntax beside and inside flagged text —
// emphasis and strikethrough delimiters, code, links, autolinks and bare URLs, e-mail addresses,
// escapes, entities, raw HTML, tables, lists, headings, block quotes, hard breaks, footnotes, CRLF.
// The tree is left as it was, and both ways of rendering are exercised.
TEST(AnnotateMarkdown, MarksInTheTreeRenderAsTheMarkedSourceParsed) {
  static const char* const claims[] = {
      "Revenue rose 40% last year", "It is the best phone ever made", "Sales doubled to $4.5 million",
      "Everyone knows the plan will fail", "About 30% of apps leak data",
      "Tallis & Moore is the only firm that can build it",
      "The council spent 1,200 hours on it", "“We were told one thing,” a resident said",
      "Prices will never fall again", "Storage costs $0.01/GB a month", "Nearly half of voters agree",
  };
  static const char* const syntax[] = {
      "*", "**", "_", "__", "~~", "`", "`code`", "[link](https://example.org)", "www.example.org",
      "https://example.org/a",
      "mail@example.org", "\\*", "\\", "&amp;", "&", "&copy", "<b>", "</b>", "<!-- c -->", "|", "[^1]", "!", "[", "]",
      "(", ")", ":", "#", " ", "  ", "\t", "—", "é", "’", "\"", "<", ">", "~", "1.", "-",
  };
  static const char* const starts[] = {"", "", "", "# ", "## ", "- ", "1. ", "> ", "| a | ", "    ", "* "};
  std::mt19937 rng(4242);
  std::vector<std::string> pages;
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(FACTLINT_SOURCE_DIR) / "fixtures"))
    if (entry.path().extension() == ".md") pages.push_back(slurp(entry.path()));
  // A quotation whose mark opens on an autolink's text: "www" stays a link only after a space.
  pages.push_back("1. Everyone kno&ws the plan will fail. Storage costs $0).01/GB a month.  \n\r\n\r\n"
                  "Nearly half of \u2019voters agree. \u201c\u2019We were www.\texample.orgtold one thing,\u201d a "
                  "resident said. About 30% of ap\u00e9ps leak data.  \n\r\n\r\n");
  for (int k = 0; k < 400; ++k) {
    std::string page;
    if (rng() % 5 == 0) page += "---\ntitle: 42% of voters\n---\n";
    const int paras = 1 + static_cast<int>(rng() % 4);
    for (int p = 0; p < paras; ++p) {
      if (rng() % 6 == 0) page += "| a | b |\n|---|---|\n";
      page += starts[rng() % std::size(starts)];
      const int sentences = 1 + static_cast<int>(rng() % 3);
      for (int i = 0; i < sentences; ++i) {
        std::string c = claims[rng() % std::size(claims)];
        // Syntax at a few places: between words, glued to a word, or inside one.
        for (int j = static_cast<int>(rng() % 4); j > 0; --j) {
          size_t at = rng() % (c.size() + 1);
          while (at < c.size() && (static_cast<unsigned char>(c[at]) & 0xC0) == 0x80) ++at;
          c.insert(at, syntax[rng() % std::size(syntax)]);
        }
        page += c;
        page += rng() % 3 ? ". " : rng() % 2 ? ".  \n" : ".\n";
      }
      page += rng() % 4 ? "\n\n" : "\r\n\r\n";
    }
    if (rng() % 4 == 0) page += "[^1]: A note with 25% more.\n";
    pages.push_back(page);
  }
  size_t from_tree = 0, reparsed = 0, marked = 0;
  for (const std::string& page : pages) {
    Checker checker(default_rules());
    CheckOptions opts;
    opts.format = CheckOptions::InputFormat::Markdown;
    opts.annotate = true;
    CheckResult r;
    if (!checker.check(page, opts, r)) continue;
    marked += r.findings.empty() ? 0 : 1;
    Document doc;
    MarkdownTree tree;
    read_markdown(page, doc, tree);
    std::string by_tree, by_parse, again;
    const bool used = annotate_markdown(doc, tree, r.findings, by_tree, /*reparse=*/false);
    annotate_markdown(doc, tree, r.findings, by_parse, /*reparse=*/true);
    annotate_markdown(doc, tree, r.findings, again, /*reparse=*/false);
    ASSERT_EQ(by_tree, by_parse) << "[" << page << "]";
    EXPECT_EQ(again, by_tree) << "the tree was changed: [" << page << "]";
    EXPECT_EQ(r.annotated, by_tree) << "[" << page << "]";
    (used ? from_tree : reparsed) += 1;
  }
  EXPECT_GT(marked, 300u);
  EXPECT_GT(from_tree, 60u) << "marks rendered into the tree: too few pages to show anything";
  EXPECT_GT(reparsed, 60u) << "pages parsed again: too few to exercise the fallback";
}

TEST(AnnotateMarkdown, HostilePackAddsOnlyMarksAndTheStylesheet) {
  const std::string id = "x\"><script>alert(1)</script>' onmouseover='x";
  // A lone backtick before the mark (regression: the message's backtick closed a code span opened
  // there, and the mark's start tag came out as text) and a table cell (the message's '|').
  std::string input =
      "A lone ` tick, then totally awesome news.\n\n| a | b |\n|---|---|\n| x | Totally *awesome* |\n";
  CheckResult with = check(hostile_rules(), input, CheckOptions::InputFormat::Markdown);
  ASSERT_GE(with.findings.size(), 1u);
  // Compare with the same page rendered with no findings at all.
  RuleSet none;
  PackError err;
  ASSERT_TRUE(none.compile(&err)) << err.to_string();
  CheckResult plain = check(none, input, CheckOptions::InputFormat::Markdown);
  ASSERT_TRUE(plain.findings.empty());
  std::vector<MarkInfo> marks = marks_of(with.annotated);
  int n = static_cast<int>(marks.size());
  ASSERT_GT(n, 0);
  std::map<std::string, int> want = {{kMarkTag, n}, {"</mark>", n}, {"<style data-factlint>", 1}, {"</style>", 1}};
  EXPECT_EQ(added_tags(plain.annotated, with.annotated), want) << with.annotated;
  for (auto& m : marks) EXPECT_EQ(m.rule, id);
  // The stylesheet comes on a line of its own in front of the rendered page.
  EXPECT_EQ(strip_factlint(with.annotated), "\n" + plain.annotated);
}

}  // namespace
