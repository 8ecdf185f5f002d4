// Rule packs: what a TOML pack can say, and the compiled, immutable rule set the detectors share.
//
// A RuleSet is built once (defaults, then user packs in order) and never changes afterwards, so any
// number of threads may check pages against one RuleSet at the same time. Per-page state lives in
// the Checker (src/engine.h), never here.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/phrase_matcher.h"

namespace factlint {

enum class Severity : uint8_t { Info = 0, Warning = 1, Error = 2 };
enum class Category : uint8_t { Figure = 0, Quote = 1, Absolute = 2 };
enum class RuleKind : uint8_t { Phrases, Pattern, Figure, Quote };

const char* severity_name(Severity s);
const char* category_name(Category c);  // "unattributed-figure", "suspect-quote", "absolute-claim"
std::optional<Severity> parse_severity(std::string_view s);

// Conditions that clear a phrases/pattern match ("unless" in a pack).
enum Unless : uint32_t {
  kUnlessHedged = 1u << 0,      // the sentence is hedged: may, could, one of, among ...
  kUnlessAttributed = 1u << 1,  // the sentence carries a named source with a reporting cue
  kUnlessProperNoun = 1u << 2,  // the match is part of a capitalised name or title ("Best Picture")
  kUnlessCompound = 1u << 3,    // the match is part of a hyphenated compound ("best-selling")
  kUnlessQuestion = 1u << 4,    // the sentence is a question
  kUnlessNegated = 1u << 5,     // "not the only", "hardly unprecedented"
  kUnlessPersonal = 1u << 6,    // scoped to someone's own life: "the best day of my life", "… I have ever had"
  kUnlessKind = 1u << 7,        // names a kind of thing, not a rank: "prices for the cheapest kits fell"
};

// The checks the built-in quotation finder can report, one rule each.
enum class QuoteCheck : uint8_t { NoSpeaker, NoSource, Scare, Unbalanced };

// Where a rule or key came from, for error messages and `test-rules`.
struct SourceLoc {
  std::string file;
  uint32_t line = 0, column = 0;
};

struct Rule {
  std::string id;
  Category category = Category::Absolute;
  Severity severity = Severity::Warning;
  RuleKind kind = RuleKind::Phrases;
  std::string message;  // template; "{text}" is replaced by the matched text
  std::string link;
  uint32_t unless = 0;
  QuoteCheck quote_check = QuoteCheck::NoSpeaker;
  std::vector<std::string> phrases;
  std::string pattern;
  std::vector<std::string> except;  // phrases that clear a match they overlap ("best-selling")
  std::vector<std::string> examples_fire, examples_quiet;
  bool enabled = true;
  SourceLoc loc;          // the [[rule]] table
  SourceLoc pattern_loc;  // the pattern or phrases value, for regex errors

  // Compiled forms, set by RuleSet::compile.
  std::unique_ptr<RE2> re;       // pattern (null for a phrases rule)
  PhraseMatcher phrase_matcher;  // phrases (matches nothing for a pattern rule)
  PhraseMatcher except_matcher;  // except list (matches nothing when empty)
  // The pattern may anchor to where a sentence starts or ends (^, $, \A, \z): a search of any
  // larger text (a paragraph, the page) cannot stand in for searching each sentence.
  bool anchored = false;
};

// Lexicons: named word lists that the built-in mechanisms read (reporting verbs, hedges, ...).
// Packs add to them; a pack may also replace one with `replace = true` in its [lexicon] table.
struct Lexicon {
  std::map<std::string, std::vector<std::string>, std::less<>> lists;
  const std::vector<std::string>& get(std::string_view name) const;
};

// An error in a pack: where it is and what is wrong, as "file:line:column: message".
struct PackError {
  SourceLoc loc;
  std::string message;
  std::string to_string() const;
};

// Compiled helper patterns built from the lexicons; shared by the detectors.
struct CompiledLexicon;

class RuleSet {
 public:
  RuleSet();
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;

  // Loads the packs compiled into the library (rules/*.toml).
  bool add_defaults(PackError* err);
  // Loads a pack file, or every *.toml in a folder (sorted by name).
  bool add_path(const std::string& path, PackError* err);
  // Loads a pack from memory; `name` is used in error messages.
  bool add_text(std::string_view text, const std::string& name, PackError* err);
  // Compiles every rule and lexicon; call once after the last add_*. Reports a bad regex with the
  // rule's location.
  bool compile(PackError* err);

  const std::vector<std::unique_ptr<Rule>>& rules() const { return rules_; }
  const Rule* find(std::string_view id) const;
  const Lexicon& lexicon() const { return lexicon_; }
  const CompiledLexicon& lex() const { return *compiled_; }
  // One pass over a paragraph finds which phrase/pattern rules can match in its sentences at all
  // (RE2::Set); anchored rules are in it too but must be tried on every sentence.
  const RE2::Set* prefilter() const { return prefilter_.get(); }
  const std::vector<const Rule*>& prefilter_rules() const { return prefilter_rules_; }
  const std::vector<const Rule*>& rules_of_kind(RuleKind k) const { return by_kind_[static_cast<int>(k)]; }
  bool compiled() const { return compiled_ != nullptr; }

 private:
  friend class PackLoader;
  std::vector<std::unique_ptr<Rule>> rules_;
  Lexicon lexicon_;
  std::unique_ptr<CompiledLexicon> compiled_;
  std::unique_ptr<RE2::Set> prefilter_;
  std::vector<const Rule*> prefilter_rules_;
  std::vector<const Rule*> by_kind_[4];
};

}  // namespace factlint
