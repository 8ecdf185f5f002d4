// The engine end to end (src/engine.cpp, src/findings/, src/output/json.cpp, text.cpp): input
// that cannot be checked is refused with a precise message, empty input is fine, same-category
// overlaps are reported once, results are sorted and deterministic, and the JSON and text
// reports are exactly what other tools parse.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "document/ascii.h"
#include "engine.h"
#include "output/outputs.h"

namespace {

using namespace factlint;
namespace fs = std::filesystem;

const RuleSet& default_rules() {
  static const RuleSet* rules = [] {
    auto* r = new RuleSet();
    PackError err;
    if (!r->add_defaults(&err) || !r->compile(&err)) ADD_FAILURE() << "default packs: " << err.to_string();
    return r;
  }();
  return *rules;
}

RuleSet rules_with(std::string_view pack) {
  RuleSet rs;
  PackError err;
  EXPECT_TRUE(rs.add_defaults(&err)) << err.to_string();
  EXPECT_TRUE(rs.add_text(pack, "user.toml", &err)) << err.to_string();
  EXPECT_TRUE(rs.compile(&err)) << err.to_string();
  return rs;
}

CheckResult check(const RuleSet& rs, std::string_view input,
                  CheckOptions::InputFormat fmt = CheckOptions::InputFormat::Markdown, bool annotate = false) {
  Checker c(rs);
  CheckOptions o;
  o.format = fmt;
  o.annotate = annotate;
  CheckResult r;
  c.check(input, o, r);
  return r;
}

// ---- refused input ----

void expect_refused(std::string_view input, const std::string& error) {
  for (auto fmt : {CheckOptions::InputFormat::Markdown, CheckOptions::InputFormat::Html}) {
    Checker c(default_rules());
    CheckOptions o;
    o.format = fmt;
    CheckResult r;
    r.findings.resize(1);  // stale state must be cleared
    r.annotated = "stale";
    EXPECT_FALSE(c.check(input, o, r));
    EXPECT_EQ(r.error, error);
    EXPECT_TRUE(r.findings.empty());
    EXPECT_TRUE(r.annotated.empty());
  }
}

TEST(EngineInput, InvalidUtf8IsRefusedWithOffset) {
  expect_refused(std::string_view("abc\xFF" "def 42% of voters"), "invalid UTF-8 at byte offset 3");
  expect_refused("Caf\xE9 42% of voters", "invalid UTF-8 at byte offset 3");          // Latin-1
  expect_refused("ok \xC0\xAF", "invalid UTF-8 at byte offset 3");                   // overlong
  expect_refused("ok \xE0\x80\xAF", "invalid UTF-8 at byte offset 3");               // overlong, 3 bytes
  expect_refused("caf\xC3\xA9 \xED\xA0\x80", "invalid UTF-8 at byte offset 6");     // surrogate
  expect_refused("ok \xF4\x90\x80\x80", "invalid UTF-8 at byte offset 3");           // above U+10FFFF
  expect_refused("ok \xF8\x88\x80\x80\x80", "invalid UTF-8 at byte offset 3");       // 5-byte form
  expect_refused("ok \xE2\x80", "invalid UTF-8 at byte offset 3");                   // truncated at end
  expect_refused("ok \xE2\x80 more", "invalid UTF-8 at byte offset 3");              // truncated inside
  expect_refused("\x80", "invalid UTF-8 at byte offset 0");                          // lone continuation
  EXPECT_EQ(find_invalid_utf8("caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D \xF0\x9F\x98\x80"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8(""), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("\xEF\xBF\xBF\xF4\x8F\xBF\xBF"), std::string_view::npos);  // U+FFFF, U+10FFFF
  // ASCII is skipped 32 and 8 bytes at a time: a bad byte, or a good character, at every offset
  // of a longer page.
  for (size_t at = 0; at < 100; ++at) {
    std::string page(100, 'a');
    page[at] = '\xFF';
    EXPECT_EQ(find_invalid_utf8(page), at);
    page.replace(at, 1, "\xE2\x80\x9C");
    EXPECT_EQ(find_invalid_utf8(page), std::string_view::npos) << at;
    page += "\xC3";
    EXPECT_EQ(find_invalid_utf8(page), page.size() - 1) << at;
  }
}

// The detectors classify bytes with document/ascii.h: the "C" locale's answers for all 256 bytes,
// whatever locale a host program has set.
TEST(EngineInput, AsciiClassesAreTheCLocales) {
  ASSERT_NE(std::setlocale(LC_CTYPE, nullptr), nullptr);
  const std::string saved = std::setlocale(LC_CTYPE, nullptr);
  std::setlocale(LC_CTYPE, "C");
  for (int c = 0; c < 256; ++c) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_EQ(ascii::is_upper(u), std::isupper(c) != 0) << c;
    EXPECT_EQ(ascii::is_lower(u), std::islower(c) != 0) << c;
    EXPECT_EQ(ascii::is_alpha(u), std::isalpha(c) != 0) << c;
    EXPECT_EQ(ascii::is_digit(u), std::isdigit(c) != 0) << c;
    EXPECT_EQ(ascii::is_alnum(u), std::isalnum(c) != 0) << c;
    EXPECT_EQ(ascii::is_space(u), std::isspace(c) != 0) << c;
    EXPECT_EQ(ascii::is_punct(u), std::ispunct(c) != 0) << c;
    EXPECT_EQ(ascii::to_lower(u), std::tolower(c)) << c;
    EXPECT_EQ(ascii::to_upper(u), std::toupper(c)) << c;
    EXPECT_EQ(ascii::is_html_space(u), std::isspace(c) != 0 && c != '\v') << c;  // also RE2's \s
    EXPECT_EQ(ascii::is_word(u), std::isalnum(c) != 0 || c == '_') << c;         // RE2's \b
  }
  EXPECT_EQ(ascii::lower("Caf\xC3\x89 AT&T_9"), "caf\xC3\x89 at&t_9");  // bytes above 0x7F kept
  std::setlocale(LC_CTYPE, saved.c_str());
}

TEST(EngineInput, NulBytesAreRefused) {
  expect_refused(std::string_view("ab\0cd", 5), "binary content: NUL byte at byte offset 2");
  expect_refused(std::string_view("\0", 1), "binary content: NUL byte at byte offset 0");
  // A PNG header: NUL comes before the invalid byte is reported.
  expect_refused(std::string_view("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "binary content: NUL byte at byte offset 8");
}

TEST(EngineInput, TooLargeIsRefused) {
  Checker c(default_rules());
  CheckOptions o;
  o.max_input = 10;
  CheckResult r;
  EXPECT_FALSE(c.check("0123456789A", o, r));
  EXPECT_EQ(r.error, "input is 11 bytes, over the limit of 10");
  EXPECT_TRUE(c.check("0123456789", o, r)) << r.error;
}

TEST(EngineInput, UncompiledRulesAreRefused) {
  RuleSet rs;
  PackError err;
  ASSERT_TRUE(rs.add_defaults(&err));
  Checker c(rs);
  CheckResult r;
  EXPECT_FALSE(c.check("42% of voters", CheckOptions{}, r));
  EXPECT_EQ(r.error, "rules are not compiled");
}

TEST(EngineInput, EmptyInput) {
  for (auto fmt : {CheckOptions::InputFormat::Markdown, CheckOptions::InputFormat::Html,
                   CheckOptions::InputFormat::Auto}) {
    for (std::string_view in : {std::string_view(""), std::string_view("\n\n  \n"), std::string_view("<p></p>")}) {
      Checker c(default_rules());
      CheckOptions o;
      o.format = fmt;
      CheckResult r;
      EXPECT_TRUE(c.check(in, o, r)) << r.error;
      EXPECT_TRUE(r.error.empty());
      EXPECT_TRUE(r.findings.empty());
    }
  }
  CheckResult r = check(default_rules(), "", CheckOptions::InputFormat::Html, true);
  EXPECT_EQ(r.annotated, "");
}

TEST(EngineInput, FormatGuess) {
  Checker c(default_rules());
  CheckOptions o;
  CheckResult r;
  o.path = "post.md";
  ASSERT_TRUE(c.check("<p>x</p>", o, r));
  EXPECT_EQ(r.format, Format::Markdown);
  o.path = "page.HTML";
  ASSERT_TRUE(c.check("# x", o, r));
  EXPECT_EQ(r.format, Format::Html);
  o.path = "";
  ASSERT_TRUE(c.check("  \n<!doctype html><p>x</p>", o, r));
  EXPECT_EQ(r.format, Format::Html);
  ASSERT_TRUE(c.check("# Title\n\ntext", o, r));
  EXPECT_EQ(r.format, Format::Markdown);
}

// ---- dedupe ----

const char* const kOverlapPack = R"toml(
[[rule]]
id = "test.deal"
category = "absolute-claim"
severity = "warning"
kind = "phrases"
phrases = ["amazing deal"]
message = "deal: {text}"

[[rule]]
id = "test.century"
category = "absolute-claim"
severity = "error"
kind = "phrases"
phrases = ["deal of the century"]
message = "century: {text}"

[[rule]]
id = "test.quote-cat"
category = "suspect-quote"
severity = "info"
kind = "phrases"
phrases = ["amazing deal"]
message = "other category: {text}"

[[rule]]
id = "test.same-a"
category = "absolute-claim"
severity = "warning"
kind = "phrases"
phrases = ["totally unique offer"]
message = "a: {text}"

[[rule]]
id = "test.same-b"
category = "absolute-claim"
severity = "warning"
kind = "phrases"
phrases = ["unique offer today"]
message = "b: {text}"
)toml";

std::vector<std::string> describe(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (auto& f : fs) out.push_back(f.rule->id + " [" + f.text + "]");
  return out;
}

TEST(EngineDedupe, SameCategoryOverlapReportsOnceTheMoreSevere) {
  RuleSet rs = rules_with(kOverlapPack);
  CheckResult r = check(rs, "Buyers got an amazing deal of the century on Friday.");
  ASSERT_TRUE(r.error.empty()) << r.error;
  // Sorted by start: the other category's finding starts first.
  EXPECT_EQ(describe(r.findings),
            (std::vector<std::string>{"test.quote-cat [amazing deal]", "test.century [deal of the century]"}));
  // Equal severity: the earlier one stays.
  CheckResult r2 = check(rs, "Buyers saw a totally unique offer today on Friday.");
  EXPECT_EQ(describe(r2.findings), (std::vector<std::string>{"test.same-a [totally unique offer]"}));
  // No overlap: both. Equal starts sort by category (suspect-quote before absolute-claim).
  CheckResult r3 = check(rs, "An amazing deal, then the deal of the century.");
  EXPECT_EQ(describe(r3.findings),
            (std::vector<std::string>{"test.quote-cat [amazing deal]", "test.deal [amazing deal]",
                                      "test.century [deal of the century]"}));
}

TEST(EngineDedupe, OverlapAcrossManyFindingsOfAnotherCategory) {
  // Regression: dedupe only looked back 8 findings, so a long claim with nine figures inside it
  // was reported together with a superlative it contains.
  RuleSet rs = rules_with(R"toml(
[[rule]]
id = "test.pledge"
category = "absolute-claim"
severity = "warning"
kind = "pattern"
pattern = '\bwe vow\b[^.]*\bforever\b'
message = "pledge"
)toml");
  std::string in =
      "We vow to cut 10% of jobs, 20% of offices, 30% of cars, 40% of trips, 50% of flights, 60% of staff, "
      "70% of grants, 80% of loans, 90% of fees and deliver the best plan forever.";
  CheckResult r = check(rs, in);
  ASSERT_TRUE(r.error.empty()) << r.error;
  std::vector<std::string> claims;
  int figures = 0;
  for (auto& f : r.findings) {
    if (f.category == Category::Absolute) claims.push_back(f.rule->id);
    figures += f.category == Category::Figure;
  }
  EXPECT_EQ(figures, 9);
  EXPECT_EQ(claims, (std::vector<std::string>{"test.pledge"}));
  // Without the long rule the superlative is there (so the test above means something).
  CheckResult base = check(default_rules(), in);
  int superlatives = 0;
  for (auto& f : base.findings) superlatives += f.rule->id == "absolute.superlative";
  EXPECT_EQ(superlatives, 1);
}

// dedupe() on its own, with hand-made findings.
struct Fixture {
  std::vector<std::unique_ptr<Rule>> rules;
  const Rule* rule(const std::string& id, Category c, Severity s) {
    auto r = std::make_unique<Rule>();
    r->id = id;
    r->category = c;
    r->severity = s;
    rules.push_back(std::move(r));
    return rules.back().get();
  }
  static Finding make(const Rule* r, uint32_t b, uint32_t e) {
    Finding f{};
    f.rule = r;
    f.category = r->category;
    f.severity = r->severity;
    f.start = b;
    f.end = e;
    f.text_begin = b;
    f.text_end = e;
    return f;
  }
};

std::vector<std::string> spans(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (auto& f : fs) out.push_back(f.rule->id + "@" + std::to_string(f.start) + "-" + std::to_string(f.end));
  return out;
}

TEST(EngineDedupe, DedupeFunction) {
  Fixture fx;
  const Rule* w = fx.rule("w", Category::Absolute, Severity::Warning);
  const Rule* e = fx.rule("e", Category::Absolute, Severity::Error);
  const Rule* q = fx.rule("q", Category::Quote, Severity::Info);
  std::vector<Finding> fs = {Fixture::make(q, 30, 40), Fixture::make(w, 0, 10), Fixture::make(e, 5, 15),
                             Fixture::make(w, 20, 25), Fixture::make(w, 20, 28), Fixture::make(q, 0, 50)};
  dedupe(fs);
  EXPECT_EQ(spans(fs), (std::vector<std::string>{"q@0-50", "e@5-15", "w@20-28"}));
  // Touching is not overlapping.
  std::vector<Finding> t = {Fixture::make(w, 0, 10), Fixture::make(w, 10, 20)};
  dedupe(t);
  EXPECT_EQ(spans(t), (std::vector<std::string>{"w@0-10", "w@10-20"}));
}

TEST(EngineDedupe, LongFindingSpanningManyOthers) {
  // A long finding (an unbalanced quotation running to the end of a paragraph) with many findings
  // of another category inside it, then one more of its own category: still reported once.
  Fixture fx;
  const Rule* quote = fx.rule("quote.long", Category::Quote, Severity::Warning);
  const Rule* scare = fx.rule("quote.short", Category::Quote, Severity::Info);
  const Rule* fig = fx.rule("figure", Category::Figure, Severity::Warning);
  std::vector<Finding> fs = {Fixture::make(quote, 0, 1000)};
  for (uint32_t i = 0; i < 12; ++i) fs.push_back(Fixture::make(fig, 10 + 20 * i, 14 + 20 * i));
  fs.push_back(Fixture::make(scare, 500, 510));
  dedupe(fs);
  int quotes = 0;
  for (auto& f : fs) quotes += f.category == Category::Quote;
  EXPECT_EQ(quotes, 1) << ::testing::PrintToString(spans(fs));
  EXPECT_EQ(fs.size(), 13u);
}

// ---- order and determinism ----

std::vector<fs::path> fixture_files() {
  std::vector<fs::path> out;
  fs::path d = fs::path(FACTLINT_SOURCE_DIR) / "fixtures/articles";
  std::error_code ec;
  for (auto& e : fs::directory_iterator(d, ec))
    if (e.path().extension() == ".html" || e.path().extension() == ".md") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string report_json(const std::string& path, const CheckResult& r) {
  std::string out;
  write_json({FileReport{path, r.format, r.findings, r.error}}, out);
  return out;
}

TEST(EngineOrder, SortedAndDeterministic) {
  auto files = fixture_files();
  ASSERT_GE(files.size(), 20u);
  Checker shared(default_rules());  // reused across pages: no state may leak between checks
  size_t total = 0;
  for (auto& p : files) {
    SCOPED_TRACE(p.filename().string());
    std::string input = slurp(p);
    const std::string path = p.string();
    CheckOptions o;
    o.path = path;
    CheckResult a, b, c;
    ASSERT_TRUE(shared.check(input, o, a)) << a.error;
    ASSERT_TRUE(shared.check(input, o, b)) << b.error;
    Checker fresh(default_rules());
    ASSERT_TRUE(fresh.check(input, o, c)) << c.error;
    total += a.findings.size();
    for (size_t i = 1; i < a.findings.size(); ++i) {
      const Finding &x = a.findings[i - 1], &y = a.findings[i];
      EXPECT_TRUE(x.start < y.start || (x.start == y.start && x.category <= y.category))
          << "findings out of order at " << i;
      EXPECT_TRUE(x.line < y.line || (x.line == y.line && x.column <= y.column));
    }
    EXPECT_EQ(report_json(path, a), report_json(path, b));
    EXPECT_EQ(report_json(path, a), report_json(path, c));
    EXPECT_EQ(a.annotated, b.annotated);
    EXPECT_EQ(a.annotated, c.annotated);
  }
  EXPECT_GT(total, 50u);
}

// ---- JSON ----

// A small strict JSON parser (RFC 8259), enough to read reports back.
struct Json {
  enum Kind { Null, Bool, Number, String, Array, Object } kind = Null;
  bool b = false;
  double num = 0;
  std::string str;
  std::vector<Json> arr;
  std::vector<std::pair<std::string, Json>> obj;
  const Json& operator[](const std::string& k) const {
    for (auto& [key, v] : obj)
      if (key == k) return v;
    static const Json none;
    ADD_FAILURE() << "missing key " << k;
    return none;
  }
  bool has(const std::string& k) const {
    for (auto& [key, v] : obj)
      if (key == k) return true;
    return false;
  }
};

class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}
  bool parse(Json& out, std::string& err) {
    try {
      ws();
      value(out);
      ws();
      if (i_ != s_.size()) fail("trailing characters");
      return true;
    } catch (const std::string& e) {
      err = e + " at byte " + std::to_string(i_);
      return false;
    }
  }

 private:
  [[noreturn]] void fail(const std::string& m) { throw m; }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  char peek() { return i_ < s_.size() ? s_[i_] : '\0'; }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }
  void literal(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) fail("bad literal");
    i_ += w.size();
  }
  void value(Json& v) {
    char c = peek();
    if (c == '{') {
      v.kind = Json::Object;
      ++i_;
      ws();
      if (peek() == '}') { ++i_; return; }
      for (;;) {
        ws();
        Json k;
        if (peek() != '"') fail("expected a key");
        string(k.str);
        ws();
        expect(':');
        ws();
        Json x;
        value(x);
        v.obj.emplace_back(k.str, std::move(x));
        ws();
        if (peek() == ',') { ++i_; continue; }
        expect('}');
        return;
      }
    }
    if (c == '[') {
      v.kind = Json::Array;
      ++i_;
      ws();
      if (peek() == ']') { ++i_; return; }
      for (;;) {
        ws();
        Json x;
        value(x);
        v.arr.push_back(std::move(x));
        ws();
        if (peek() == ',') { ++i_; continue; }
        expect(']');
        return;
      }
    }
    if (c == '"') { v.kind = Json::String; string(v.str); return; }
    if (c == 't') { literal("true"); v.kind = Json::Bool; v.b = true; return; }
    if (c == 'f') { literal("false"); v.kind = Json::Bool; return; }
    if (c == 'n') { literal("null"); return; }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t b = i_;
      if (peek() == '-') ++i_;
      if (peek() == '0') ++i_;
      else if (peek() >= '1' && peek() <= '9') while (peek() >= '0' && peek() <= '9') ++i_;
      else fail("bad number");
      if (peek() == '.') { ++i_; if (!(peek() >= '0' && peek() <= '9')) fail("bad fraction"); while (peek() >= '0' && peek() <= '9') ++i_; }
      if (peek() == 'e' || peek() == 'E') {
        ++i_;
        if (peek() == '+' || peek() == '-') ++i_;
        if (!(peek() >= '0' && peek() <= '9')) fail("bad exponent");
        while (peek() >= '0' && peek() <= '9') ++i_;
      }
      v.kind = Json::Number;
      v.num = std::stod(std::string(s_.substr(b, i_ - b)));
      return;
    }
    fail("unexpected character");
  }
  static void utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) out += static_cast<char>(0xC0 | cp >> 6), out += static_cast<char>(0x80 | (cp & 0x3F));
    else if (cp < 0x10000)
      out += static_cast<char>(0xE0 | cp >> 12), out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
          out += static_cast<char>(0x80 | (cp & 0x3F));
    else
      out += static_cast<char>(0xF0 | cp >> 18), out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  uint32_t hex4() {
    if (i_ + 4 > s_.size()) fail("short \\u escape");
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      char h = s_[i_++];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= h - '0';
      else if (h >= 'a' && h <= 'f') v |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') v |= h - 'A' + 10;
      else fail("bad hex digit");
    }
    return v;
  }
  void string(std::string& out) {
    expect('"');
    for (;;) {
      if (i_ >= s_.size()) fail("unterminated string");
      unsigned char c = s_[i_++];
      if (c == '"') return;
      if (c < 0x20) fail("raw control character in string");
      if (c != '\\') { out += static_cast<char>(c); continue; }
      if (i_ >= s_.size()) fail("unterminated escape");
      char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp = hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.substr(i_, 2) != "\\u") fail("lone surrogate");
            i_ += 2;
            uint32_t lo = hex4();
            if (lo < 0xDC00 || lo > 0xDFFF) fail("bad low surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          utf8(out, cp);
          break;
        }
        default: fail("bad escape");
      }
    }
  }
  std::string_view s_;
  size_t i_ = 0;
};

Json parse_json(std::string_view s) {
  Json j;
  std::string err;
  EXPECT_TRUE(JsonParser(s).parse(j, err)) << err << "\n" << s;
  EXPECT_EQ(find_invalid_utf8(s), std::string_view::npos) << "JSON must be UTF-8";
  return j;
}

TEST(EngineJson, ParserRejectsBadJson) {
  std::string err;
  for (std::string_view bad :
       {"{", "{\"a\":1,}", "[1 2]", "\"a\nb\"", "{\"a\":01}", "\"\\x\"", "[1]x", "nul", "\"\\", "\"\\ud800\""}) {
    Json j;
    EXPECT_FALSE(JsonParser(bad).parse(j, err)) << bad;
  }
  Json j;
  EXPECT_TRUE(JsonParser("{\"a\": [1, -2.5e3, true, null, \"\\u00e9\\ud83d\\ude00\"]}").parse(j, err)) << err;
  EXPECT_EQ(j["a"].arr[4].str, "\xC3\xA9\xF0\x9F\x98\x80");
}

const char* const kFixedPack = R"toml(
[[rule]]
id = "test.hype"
category = "absolute-claim"
severity = "error"
kind = "phrases"
phrases = ["game-changing"]
message = "“{text}” is \"hype\"\tsee\\guide"
link = "https://example.org/rules?a=1&b=\"2\""
)toml";

TEST(EngineJson, ExactReportForAFixedInput) {
  RuleSet rs = rules_with(R"toml(
[[override]]
rule = "figure.unattributed"
enabled = false
[[override]]
rule = "quote.scare"
enabled = false
)toml" + std::string(kFixedPack));
  std::string input = "# Caf\xC3\xA9\n\nA game-changing\nphone.\n";
  CheckResult r = check(rs, input);
  ASSERT_TRUE(r.error.empty()) << r.error;
  std::string out;
  write_json({FileReport{"docs/a \"b\".md", r.format, r.findings, ""},
              FileReport{"bad.html", Format::Html, {}, "invalid UTF-8 at byte offset 5"}},
             out);
  std::string want = std::string("{\"tool\": {\"name\": \"factlint\", \"version\": \"") + FACTLINT_VERSION +
                     "\"}, \"files\": [\n"
                     "  {\"path\": \"docs/a \\\"b\\\".md\", \"format\": \"markdown\", \"findings\": [\n"
                     "    {\"rule\": \"test.hype\", \"category\": \"absolute-claim\", \"severity\": \"error\", "
                     "\"message\": \"“game-changing” is \\\"hype\\\"\\tsee\\\\guide\", \"text\": \"game-changing\", "
                     "\"start\": 11, \"end\": 24, \"line\": 3, \"column\": 3, "
                     "\"link\": \"https://example.org/rules?a=1&b=\\\"2\\\"\"}\n"
                     "  ]},\n"
                     "  {\"path\": \"bad.html\", \"format\": \"html\", \"error\": \"invalid UTF-8 at byte offset 5\", "
                     "\"findings\": []}\n"
                     "]}\n";
  EXPECT_EQ(out, want);
  Json j = parse_json(out);
  EXPECT_EQ(j["tool"]["name"].str, "factlint");
  ASSERT_EQ(j["files"].arr.size(), 2u);
  const Json& f = j["files"].arr[0]["findings"].arr[0];
  EXPECT_EQ(f["message"].str, "“game-changing” is \"hype\"\tsee\\guide");
  EXPECT_EQ(f["link"].str, "https://example.org/rules?a=1&b=\"2\"");
  EXPECT_EQ(static_cast<uint32_t>(f["start"].num), r.findings[0].start);
  EXPECT_EQ(input.substr(11, 13), "game-changing");
  EXPECT_FALSE(j["files"].arr[0].has("error"));
  EXPECT_EQ(j["files"].arr[1]["error"].str, "invalid UTF-8 at byte offset 5");
  // No files at all.
  std::string empty;
  write_json({}, empty);
  Json je = parse_json(empty);
  EXPECT_EQ(je["files"].kind, Json::Array);
  EXPECT_TRUE(je["files"].arr.empty());
}

// The escape scan reads 16 bytes at a time: every byte that needs escaping, at every offset of a
// run of plain bytes (UTF-8 lead and continuation bytes among them, which must pass as they are).
TEST(EngineJson, EscapesAtEveryOffsetOfABlock) {
  const std::string plain = "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D ~\x7F abcdefghijklmnopqrstuvwxyz0123";
  for (int c : {0x01, 0x09, 0x0A, 0x1F, int{'"'}, int{'\\'}})
    for (size_t at = 0; at <= plain.size(); ++at) {
      if (at < plain.size() && (static_cast<unsigned char>(plain[at]) & 0xC0) == 0x80) continue;  // keep UTF-8 whole
      std::string raw = plain;
      raw.insert(at, 1, static_cast<char>(c));
      std::string s;
      append_json_string(s, raw);
      EXPECT_EQ(s.size(), raw.size() + 2 + (c == 0x01 || c == 0x1F ? 5 : 1)) << "byte " << c << " at " << at;
      Json j = parse_json(s);
      ASSERT_EQ(j.kind, Json::String) << s;
      EXPECT_EQ(j.str, raw) << "byte " << c << " at " << at;
    }
}

TEST(EngineJson, EscapesControlCharactersAndQuotes) {
  std::string nasty;
  for (int c = 1; c < 0x20; ++c) nasty += static_cast<char>(c);
  nasty += "\"\\/\x7F caf\xC3\xA9 \xE2\x80\xA8 \xF0\x9F\x98\x80 </script>";
  std::string s;
  append_json_string(s, nasty);
  for (unsigned char c : s) EXPECT_GE(c, 0x20) << "raw control character in " << s;
  EXPECT_EQ(s.substr(0, 7), "\"\\u0001");
  EXPECT_NE(s.find("\\n"), std::string::npos);
  EXPECT_NE(s.find("\\t"), std::string::npos);
  EXPECT_NE(s.find("\\r"), std::string::npos);
  EXPECT_NE(s.find("\\u001f"), std::string::npos);
  EXPECT_NE(s.find("\\\""), std::string::npos);
  EXPECT_NE(s.find("\\\\"), std::string::npos);
  Json j = parse_json(s);
  EXPECT_EQ(j.kind, Json::String);
  EXPECT_EQ(j.str, nasty);

  // The same through a whole report: path, message, text and link.
  Rule rule;
  rule.id = "x\"y\\z";
  rule.category = Category::Quote;
  rule.severity = Severity::Info;
  rule.link = "l\x01nk";
  Finding f{};
  f.rule = &rule;
  f.category = rule.category;
  f.severity = rule.severity;
  f.message = "m\x02\"\n";
  f.text = "t\r\n\t\x1b";
  f.start = 1, f.end = 2, f.line = 3, f.column = 4;
  std::string out;
  write_json({FileReport{"p\x03\"ath\\", Format::Markdown, {f}, ""}}, out);
  Json r = parse_json(out);
  const Json& file = r["files"].arr.at(0);
  EXPECT_EQ(file["path"].str, "p\x03\"ath\\");
  const Json& x = file["findings"].arr.at(0);
  EXPECT_EQ(x["rule"].str, "x\"y\\z");
  EXPECT_EQ(x["category"].str, "suspect-quote");
  EXPECT_EQ(x["severity"].str, "info");
  EXPECT_EQ(x["message"].str, "m\x02\"\n");
  EXPECT_EQ(x["text"].str, "t\r\n\t\x1b");
  EXPECT_EQ(x["link"].str, "l\x01nk");
  EXPECT_EQ(x["start"].num, 1);
  EXPECT_EQ(x["end"].num, 2);
  EXPECT_EQ(x["line"].num, 3);
  EXPECT_EQ(x["column"].num, 4);
}

// One report per fixture, with the findings the default packs give.
std::vector<FileReport> fixture_reports() {
  std::vector<FileReport> reports;
  for (auto& p : fixture_files()) {
    std::string input = slurp(p);
    const std::string path = p.string();
    CheckOptions o;
    o.path = path;
    Checker c(default_rules());
    CheckResult r;
    EXPECT_TRUE(c.check(input, o, r)) << path << ": " << r.error;
    reports.push_back(FileReport{p.filename().string(), r.format, r.findings, ""});
  }
  return reports;
}

TEST(EngineJson, FixtureReportsParse) {
  std::vector<FileReport> reports = fixture_reports();
  std::string out;
  write_json(reports, out);
  Json j = parse_json(out);
  ASSERT_EQ(j["files"].arr.size(), reports.size());
  for (size_t i = 0; i < reports.size(); ++i) {
    const Json& f = j["files"].arr[i];
    EXPECT_EQ(f["path"].str, reports[i].path);
    ASSERT_EQ(f["findings"].arr.size(), reports[i].findings.size());
    for (size_t k = 0; k < reports[i].findings.size(); ++k) {
      const Finding& want = reports[i].findings[k];
      const Json& got = f["findings"].arr[k];
      EXPECT_EQ(got["rule"].str, want.rule->id);
      EXPECT_EQ(got["message"].str, want.message);
      EXPECT_EQ(got["text"].str, want.text);
      EXPECT_EQ(static_cast<uint32_t>(got["start"].num), want.start);
      EXPECT_EQ(static_cast<uint32_t>(got["line"].num), want.line);
    }
  }
}

// ---- text output ----

TEST(EngineText, Format) {
  RuleSet rs = rules_with(kFixedPack);
  std::string input = "Caf\xC3\xA9 \xE2\x80\x94 a game-changing phone, and 42% of voters agree.\n";
  CheckResult r = check(rs, input);
  ASSERT_TRUE(r.error.empty()) << r.error;
  std::string out;
  write_text(FileReport{"posts/a.md", r.format, r.findings, ""}, out);
  std::string fig_msg;
  for (auto& f : r.findings)
    if (f.rule->id == "figure.unattributed") fig_msg = f.message;
  ASSERT_FALSE(fig_msg.empty());
  EXPECT_EQ(out,
            "posts/a.md:1:10: error absolute-claim test.hype: “game-changing” is \"hype\"\tsee\\guide\n"
            "posts/a.md:1:35: warning unattributed-figure figure.unattributed: " + fig_msg + "\n");
  std::string err;
  write_text(FileReport{"b.html", Format::Html, {}, "binary content: NUL byte at byte offset 60"}, err);
  EXPECT_EQ(err, "b.html: error: binary content: NUL byte at byte offset 60\n");
  std::string none;
  write_text(FileReport{"c.md", Format::Markdown, {}, ""}, none);
  EXPECT_EQ(none, "");
}

TEST(EngineText, MessagesShortenLongMatches) {
  Rule rule;
  rule.message = "“{text}” ({detail})";
  std::string long_text;
  for (int i = 0; i < 30; ++i) long_text += "\xC3\xA9";  // 60 bytes: fits
  EXPECT_EQ(render_message(rule, long_text, "d"), "“" + long_text + "” (d)");
  long_text += "\xC3\xA9";  // 62 bytes: cut on a character boundary
  std::string m = render_message(rule, long_text, "d");
  EXPECT_EQ(find_invalid_utf8(m), std::string_view::npos);
  EXPECT_EQ(m, "“" + long_text.substr(0, 56) + "…” (d)");
  EXPECT_EQ(render_message(rule, "a\nb\tc", ""), "“a b c” ()");
}

}  // namespace

// Streamed to a file, the report is byte for byte the one built in memory, while the buffer never
// holds much more than one 64 KB piece: on reports of many files, on one file whose findings
// alone fill several pieces, and with "sourced" findings and an error among them.
TEST(EngineJson, StreamedReportIsTheSameBytes) {
  std::vector<FileReport> fixtures = fixture_reports();
  std::vector<FileReport> reports;
  for (int round = 0; round < 4; ++round) reports.insert(reports.end(), fixtures.begin(), fixtures.end());
  FileReport big{"big.md", Format::Markdown, {}, ""};
  for (const FileReport& f : fixtures) {
    big.findings.insert(big.findings.end(), f.findings.begin(), f.findings.end());
    for (const Finding& x : f.findings) {
      big.sourced.push_back(x);
      big.sourced.back().evidence = "according to the county's 2024 audit";
    }
  }
  reports.push_back(big);
  reports.push_back(FileReport{"bad.html", Format::Html, {}, "invalid UTF-8 at byte offset 5"});
  for (const auto& rs : {reports, std::vector<FileReport>{}, std::vector<FileReport>{big}}) {
    std::string whole;
    write_json(rs, whole);
    std::FILE* f = std::tmpfile();
    ASSERT_NE(f, nullptr);
    std::string buffer;
    write_json(rs, buffer, f);
    EXPECT_TRUE(buffer.empty());
    EXPECT_LT(buffer.capacity(), size_t{128} << 10);
    std::string streamed(static_cast<size_t>(std::ftell(f)), '\0');
    std::rewind(f);
    ASSERT_EQ(std::fread(streamed.data(), 1, streamed.size(), f), streamed.size());
    std::fclose(f);
    EXPECT_EQ(streamed, whole);
  }
  std::string whole;
  write_json(reports, whole);
  EXPECT_GT(whole.size(), size_t{4} * (64 << 10));  // the test crosses several pieces
}
