// TOML rule packs (src/rules/pack_loader.cpp, rule_set.cpp): every bad pack is refused with the
// exact "file:line:column: message", and good packs change what is found: [[override]] disables
// or re-levels a default rule, and a user phrases rule matches case-insensitively, on whole
// words, across line breaks and repeated spaces, and with ’ for '.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "engine.h"
#include "output/outputs.h"
#include "rules/parallel.h"

namespace {

using namespace factlint;

enum class Stage { Ok, Add, Compile };

struct Outcome {
  Stage stage;
  std::string error;  // PackError::to_string()
};

// Loads the defaults, then `text` as "bad.toml", then compiles.
Outcome load(std::string_view text) {
  RuleSet rs;
  PackError err;
  if (!rs.add_defaults(&err)) return {Stage::Add, "defaults: " + err.to_string()};
  if (!rs.add_text(text, "bad.toml", &err)) return {Stage::Add, err.to_string()};
  if (!rs.compile(&err)) return {Stage::Compile, err.to_string()};
  return {Stage::Ok, ""};
}

void expect_add_error(std::string_view text, const std::string& want) {
  Outcome o = load(text);
  EXPECT_EQ(o.stage, Stage::Add) << text;
  EXPECT_EQ(o.error, want) << text;
}

TEST(PackErrors, UnknownTopLevelKey) {
  expect_add_error("[pack]\nname = \"x\"\n\n[rules]\nid = \"a\"\n",
                   "bad.toml:4:2: unknown key 'rules' (expected pack, lexicon, rule or override)");
}

TEST(PackErrors, UnknownPackKey) {
  expect_add_error("[pack]\nname = \"x\"\nauthor = \"me\"\n",
                   "bad.toml:3:1: unknown key 'author' (expected one of: name, description, version)");
}

TEST(PackErrors, UnknownRuleKey) {
  expect_add_error(
      "[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nkind = \"phrases\"\nphrases = [\"foo bar\"]\n"
      "message = \"m\"\ncolour = \"red\"\n",
      "bad.toml:7:1: unknown key 'colour' (expected one of: id, category, severity, kind, message, link, scope, "
      "unless, check, phrases, pattern, except, examples, enabled)");
}

TEST(PackErrors, WrongType) {
  expect_add_error(
      "[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nseverity = 3\nkind = \"phrases\"\n"
      "phrases = [\"foo bar\"]\nmessage = \"m\"\n",
      "bad.toml:4:12: 'severity' must be a string");
  expect_add_error(
      "[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nkind = \"phrases\"\nphrases = \"foo\"\nmessage = \"m\"\n",
      "bad.toml:5:11: 'phrases' must be an array of strings");
  expect_add_error(
      "[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nkind = \"phrases\"\nphrases = [\"foo\", 3]\n"
      "message = \"m\"\n",
      "bad.toml:5:19: 'phrases' must contain only strings");
  expect_add_error("rule = \"x\"\n", "bad.toml:1:8: 'rule' must be an array of tables ([[rule]])");
}

TEST(PackErrors, UnknownSeverityAndCondition) {
  expect_add_error(
      "[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nseverity = \"critical\"\nkind = \"phrases\"\n"
      "phrases = [\"foo\"]\nmessage = \"m\"\n",
      "bad.toml:4:12: unknown severity 'critical' (expected error, warning or info)");
  expect_add_error(
      "[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nkind = \"phrases\"\nphrases = [\"foo\"]\n"
      "unless = [\"hedged\", \"sarcastic\"]\nmessage = \"m\"\n",
      "bad.toml:6:21: unknown condition 'sarcastic' (expected hedged, attributed, proper-noun, compound, question, "
      "negated, personal or kind)");
}

TEST(PackErrors, UnknownKind) {
  expect_add_error(
      "[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nkind = \"regex\"\nphrases = [\"foo bar\"]\n"
      "message = \"m\"\n",
      "bad.toml:4:8: unknown kind 'regex' (expected phrases, pattern, figure or quote)");
}

TEST(PackErrors, UnknownCategory) {
  expect_add_error(
      "[[rule]]\nid = \"my.rule\"\ncategory = \"hype\"\nkind = \"phrases\"\nphrases = [\"foo bar\"]\nmessage = \"m\"\n",
      "bad.toml:3:12: unknown category 'hype' (expected unattributed-figure, suspect-quote or absolute-claim)");
}

TEST(PackErrors, MissingRequiredKey) {
  expect_add_error("[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nkind = \"phrases\"\nphrases = [\"foo\"]\n",
                   "bad.toml:1:1: missing required key 'message'");
}

TEST(PackErrors, BadRegexAtCompile) {
  // The pack itself loads; RE2 refuses the pattern when the set is compiled, naming the rule and
  // pointing at the pattern's value.
  std::string pack =
      "# a comment\n[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nkind = \"pattern\"\npattern = '('\n"
      "message = \"m\"\n";
  Outcome o = load(pack);
  EXPECT_EQ(o.stage, Stage::Compile);
  EXPECT_EQ(o.error, "bad.toml:6:11: rule 'my.rule': bad regular expression: missing ): (");
  Outcome o2 = load("[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nkind = \"pattern\"\npattern = \"a++\"\n"
                    "message = \"m\"\n");
  EXPECT_EQ(o2.stage, Stage::Compile);
  EXPECT_EQ(o2.error, "bad.toml:5:11: rule 'my.rule': bad regular expression: bad repetition operator: ++");
}

TEST(PackErrors, DuplicateId) {
  expect_add_error(
      "[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nkind = \"phrases\"\nphrases = [\"foo bar\"]\n"
      "message = \"m\"\n\n[[rule]]\nid = \"my.rule\"\ncategory = \"absolute-claim\"\nkind = \"phrases\"\n"
      "phrases = [\"baz\"]\nmessage = \"m\"\n",
      "bad.toml:9:6: duplicate rule id 'my.rule' (first defined at bad.toml:1:1; use [[override]] to change a rule)");
  // A default rule's id: the message names where the default is defined.
  RuleSet defaults;
  PackError err;
  ASSERT_TRUE(defaults.add_defaults(&err));
  const Rule* first = defaults.find("figure.unattributed");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->loc.file, "<default>/figures.toml");
  EXPECT_GT(first->loc.line, 0u);
  expect_add_error(
      "[[rule]]\nid = \"figure.unattributed\"\ncategory = \"absolute-claim\"\nkind = \"phrases\"\nphrases = [\"baz\"]\n"
      "message = \"m\"\n",
      "bad.toml:2:6: duplicate rule id 'figure.unattributed' (first defined at <default>/figures.toml:" +
          std::to_string(first->loc.line) + ":" + std::to_string(first->loc.column) +
          "; use [[override]] to change a rule)");
}

TEST(PackErrors, OverrideOfUnknownRule) {
  expect_add_error("[[override]]\nrule = \"absolute.nope\"\nenabled = false\n",
                   "bad.toml:2:8: override of unknown rule 'absolute.nope'");
  expect_add_error("[[override]]\nrule = \"absolute.superlative\"\nseverity = \"fatal\"\n",
                   "bad.toml:3:12: unknown severity 'fatal' (expected error, warning or info)");
  expect_add_error("[[override]]\nrule = \"absolute.superlative\"\nmessage = \"x\"\n",
                   "bad.toml:3:1: unknown key 'message' (expected one of: rule, enabled, severity)");
}

TEST(PackErrors, QuoteRuleWithoutCheck) {
  expect_add_error("[[rule]]\nid = \"my.quote\"\ncategory = \"suspect-quote\"\nkind = \"quote\"\nmessage = \"m\"\n",
                   "bad.toml:1:1: a quote rule needs 'check' = no-speaker, no-source, scare or unbalanced");
  expect_add_error(
      "[[rule]]\nid = \"my.quote\"\ncategory = \"suspect-quote\"\nkind = \"quote\"\ncheck = \"rude\"\nmessage = \"m\"\n",
      "bad.toml:5:9: a quote rule needs 'check' = no-speaker, no-source, scare or unbalanced");
}

TEST(PackErrors, InvalidTomlSyntax) {
  expect_add_error("[[rule]]\nid = \"my.rule\"\ncategory = = \"absolute-claim\"\n",
                   "bad.toml:3:12: Error while parsing value: could not determine value type");
  expect_add_error("[[rule]]\nid = \"a\"\nid = \"b\"\n",
                   "bad.toml:3:6: Error while parsing key-value pair: cannot redefine existing string 'id'");
}

TEST(PackErrors, ToStringWithoutPosition) {
  PackError e{{"packs/x.toml", 0, 0}, "cannot open rule pack"};
  EXPECT_EQ(e.to_string(), "packs/x.toml: cannot open rule pack");
  PackError e2{{"a.toml", 12, 3}, "what"};
  EXPECT_EQ(e2.to_string(), "a.toml:12:3: what");
}

// ---- packs that change what is found ----

RuleSet rules_with(std::string_view pack) {
  RuleSet rs;
  PackError err;
  EXPECT_TRUE(rs.add_defaults(&err)) << err.to_string();
  if (!pack.empty()) EXPECT_TRUE(rs.add_text(pack, "user.toml", &err)) << err.to_string();
  EXPECT_TRUE(rs.compile(&err)) << err.to_string();
  return rs;
}

std::vector<Finding> check(const RuleSet& rs, std::string_view input,
                           CheckOptions::InputFormat fmt = CheckOptions::InputFormat::Markdown) {
  Checker c(rs);
  CheckOptions o;
  o.format = fmt;
  o.annotate = false;
  CheckResult r;
  EXPECT_TRUE(c.check(input, o, r)) << r.error;
  return r.findings;
}

int count_rule(const std::vector<Finding>& fs, std::string_view id) {
  int n = 0;
  for (auto& f : fs) n += f.rule->id == id;
  return n;
}

const char* const kSuperlative = "Kestrel makes the most advanced chips on the market, and 42% of voters agree.";

TEST(PackOverrides, DisablingADefaultRuleRemovesItsFindings) {
  RuleSet base = rules_with("");
  std::vector<Finding> before = check(base, kSuperlative);
  ASSERT_EQ(count_rule(before, "absolute.superlative"), 1);
  ASSERT_EQ(count_rule(before, "figure.unattributed"), 1);
  RuleSet off = rules_with("[[override]]\nrule = \"absolute.superlative\"\nenabled = false\n");
  std::vector<Finding> after = check(off, kSuperlative);
  EXPECT_EQ(count_rule(after, "absolute.superlative"), 0);
  EXPECT_EQ(count_rule(after, "figure.unattributed"), 1) << "other rules still run";
  // Switched back on by a later pack.
  RuleSet on = rules_with(
      "[[override]]\nrule = \"absolute.superlative\"\nenabled = false\n"
      "[[override]]\nrule = \"absolute.superlative\"\nenabled = true\n");
  EXPECT_EQ(count_rule(check(on, kSuperlative), "absolute.superlative"), 1);
}

TEST(PackOverrides, DisablingAFigureRule) {
  RuleSet off = rules_with("[[override]]\nrule = \"figure.unattributed\"\nenabled = false\n");
  std::vector<Finding> after = check(off, kSuperlative);
  EXPECT_EQ(count_rule(after, "figure.unattributed"), 0);
  EXPECT_EQ(count_rule(after, "absolute.superlative"), 1);
}

TEST(PackOverrides, RelevellingChangesSeverity) {
  RuleSet base = rules_with("");
  for (auto& f : check(base, kSuperlative))
    if (f.rule->id == "absolute.superlative") EXPECT_EQ(f.severity, Severity::Warning);
  RuleSet up = rules_with("[[override]]\nrule = \"absolute.superlative\"\nseverity = \"error\"\n");
  std::vector<Finding> fs = check(up, kSuperlative);
  ASSERT_EQ(count_rule(fs, "absolute.superlative"), 1);
  for (auto& f : fs) {
    if (f.rule->id == "absolute.superlative") EXPECT_EQ(f.severity, Severity::Error);
    if (f.rule->id == "figure.unattributed") EXPECT_EQ(f.severity, Severity::Warning);
  }
  FileReport rep{"a.md", Format::Markdown, fs, ""};
  std::string text;
  write_text(rep, text);
  EXPECT_NE(text.find("a.md:1:15: error absolute-claim absolute.superlative: "), std::string::npos) << text;
  // Down to info: dropped by min_severity = warning.
  RuleSet down = rules_with("[[override]]\nrule = \"absolute.superlative\"\nseverity = \"info\"\n");
  Checker c(down);
  CheckOptions o;
  o.format = CheckOptions::InputFormat::Markdown;
  o.min_severity = Severity::Warning;
  CheckResult r;
  ASSERT_TRUE(c.check(kSuperlative, o, r));
  EXPECT_EQ(count_rule(r.findings, "absolute.superlative"), 0);
  EXPECT_EQ(count_rule(r.findings, "figure.unattributed"), 1);
}

const char* const kUserPack = R"toml(
[pack]
name = "house"

[[rule]]
id = "user.worlds-best"
category = "absolute-claim"
severity = "error"
kind = "phrases"
phrases = ["world's best"]
message = "“{text}”: who says?"
)toml";

TEST(PackPhrases, MatchesAcrossLineBreaksSpacesAndApostrophes) {
  RuleSet rs = rules_with(kUserPack);
  {
    std::string in = "Our coffee is World\xE2\x80\x99s\n   best, truly.";
    std::vector<Finding> fs = check(rs, in);
    ASSERT_EQ(count_rule(fs, "user.worlds-best"), 1);
    const Finding& f = fs[0];
    EXPECT_EQ(f.text, "World\xE2\x80\x99s\n   best");
    EXPECT_EQ(f.start, 14u);
    EXPECT_EQ(f.severity, Severity::Error);
    EXPECT_EQ(f.message, "“World\xE2\x80\x99s best”: who says?");
  }
  {
    std::string in = "Our coffee: WORLD'S    BEST.";
    std::vector<Finding> fs = check(rs, in);
    ASSERT_EQ(count_rule(fs, "user.worlds-best"), 1);
    EXPECT_EQ(fs[0].text, "WORLD'S    BEST");
  }
  {
    // HTML: an entity for the apostrophe, a line break, and a tag in between.
    std::string in = "<p>Our coffee is World&rsquo;s \n  best.</p><p>And world's <b>best</b> tea.</p>";
    std::vector<Finding> fs = check(rs, in, CheckOptions::InputFormat::Html);
    ASSERT_EQ(count_rule(fs, "user.worlds-best"), 2);
    EXPECT_EQ(fs[0].text, "World&rsquo;s \n  best");
    EXPECT_EQ(fs[1].text, "world's <b>best");
  }
}

// The prefilter set holds a long word of each phrase, not the phrase (rules/rule_set.cpp): a
// phrase must still be found wherever its words are, across a line break and with ’, and a long
// word alone, or in another phrase, must not make a phrase match.
TEST(PackPhrases, PrefilterByALongWordFindsThePhrase) {
  const char* pack =
      "[[rule]]\nid = \"user.claims\"\ncategory = \"absolute-claim\"\nkind = \"phrases\"\n"
      "phrases = [\"the incontrovertible truth\", \"it isn't arguable\", \"no way\"]\nmessage = \"m\"\n";
  RuleSet rs = rules_with(pack);
  EXPECT_EQ(count_rule(check(rs, "This is THE incontrovertible\n  truth."), "user.claims"), 1);
  EXPECT_EQ(count_rule(check(rs, "It isn\xE2\x80\x99t arguable, and there is no way back."), "user.claims"), 2);
  EXPECT_EQ(count_rule(check(rs, "An incontrovertible fact, and the truth; arguable at best."), "user.claims"), 0);
}

TEST(PackPhrases, WholeWordsOnly) {
  RuleSet rs = rules_with(kUserPack);
  EXPECT_EQ(count_rule(check(rs, "Otherworld's best and the world's bestseller."), "user.worlds-best"), 0);
  EXPECT_EQ(count_rule(check(rs, "It is a world'sbest claim."), "user.worlds-best"), 0);
  EXPECT_EQ(count_rule(check(rs, "Simply (world's best) coffee."), "user.worlds-best"), 1);
}

TEST(PackPhrases, DisabledUserRuleIsSilent) {
  std::string pack = kUserPack;
  pack += "enabled = false\n";
  RuleSet rs = rules_with(pack);
  EXPECT_EQ(count_rule(check(rs, "Our coffee is the world's best."), "user.worlds-best"), 0);
}

TEST(PackPhrases, UnlessConditionsApply) {
  RuleSet rs = rules_with(R"toml(
[[rule]]
id = "user.hype"
category = "absolute-claim"
kind = "phrases"
phrases = ["game-changing"]
unless = ["hedged", "question"]
message = "“{text}” is hype"
)toml");
  EXPECT_EQ(count_rule(check(rs, "This game-changing phone ships today."), "user.hype"), 1);
  EXPECT_EQ(count_rule(check(rs, "This phone may be game-changing."), "user.hype"), 0);
  EXPECT_EQ(count_rule(check(rs, "Is this phone game-changing?"), "user.hype"), 0);
}

#if defined(__linux__)
// Compiling a rule set runs on as many threads as the process may use CPUs (taskset, a container's
// cpuset), not as many as the machine has: two threads taking turns on one CPU loaded the default
// packs 1-2 ms slower. Held here by narrowing this thread's affinity mask to one CPU.
TEST(Parallel, UsableCpusFollowTheAffinityMask) {
  cpu_set_t all;
  ASSERT_EQ(sched_getaffinity(0, sizeof all, &all), 0);
  EXPECT_EQ(usable_cpus(), static_cast<unsigned>(CPU_COUNT(&all)));
  int first = 0;
  while (!CPU_ISSET(first, &all)) ++first;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(first, &one);
  ASSERT_EQ(sched_setaffinity(0, sizeof one, &one), 0);
  struct Restore {
    const cpu_set_t& mask;
    ~Restore() { sched_setaffinity(0, sizeof mask, &mask); }
  } restore{all};
  EXPECT_EQ(usable_cpus(), 1u);
  RuleSet rs;
  PackError err;
  ASSERT_TRUE(rs.add_defaults(&err)) << err.to_string();
  EXPECT_TRUE(rs.compile(&err)) << err.to_string();
}
#endif

}  // namespace
