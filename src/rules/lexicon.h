// Lexicons compiled for the detectors: each named word list from the packs becomes a phrase
// matcher (whole words, case-insensitive, blind to line breaks and to ’ versus '; see
// rules/phrase_matcher.h), part of the figure recognizer (an RE2 program), or a hash set where a
// detector looks words up one at a time.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "rules/phrase_matcher.h"
#include "rules/rules.h"

namespace factlint {

// Builds "(?:p1|p2|...)" from literal phrases: regex metacharacters escaped, spaces matching any
// run of whitespace, apostrophes matching ' or ’, \b added on the sides that start or end with a
// word character (once around the whole alternation when every phrase has one there, unless
// `hoist` is false: the same matches, which tests check, from a smaller program). Longest phrases
// first so alternation prefers them.
std::string phrase_alternation(const std::vector<std::string>& phrases, bool hoist = true);
// The phrases in the order that alternation tries them: longest first, then byte order; without
// duplicates or empty ones.
std::vector<std::string> alternation_order(const std::vector<std::string>& phrases);

// A compiled pattern built from the lexicon; never null once compiled (an empty list compiles to
// a pattern that never matches).
using LexRe = std::unique_ptr<RE2>;

struct CompiledLexicon {
  PhraseMatcher reporting_verbs;   // said, says, told, warned, estimates ...
  PhraseMatcher source_cues;       // according to, data from, a report by ...
  PhraseMatcher venue_cues;        // in a press release, told the, in testimony ...
  PhraseMatcher vague_sources;     // critics, experts, some people, research shows ...
  PhraseMatcher hedges;            // may, could, likely, one of, among ...
  PhraseMatcher source_nouns;      // ministry, agency, survey, report, census ...
  PhraseMatcher continuation_cues; // it also, the report, the survey ... (at a sentence's start)
  PhraseMatcher negations;         // not, hardly, no longer
  PhraseMatcher role_nouns;        // spokeswoman, minister, chief executive ... (a speaker without a name)
  PhraseMatcher attribution_verbs; // said, called, described ... verbs that give a quote a speaker
  // work_cues (film, book, titled ...: a quoted title, not a scare quote), asked only right before
  // the quotation: "the film “Dune”".
  LexRe work_cue_at_end;

  std::unordered_set<std::string> abbreviations;       // lower case, without the final dot
  std::unordered_set<std::string> sentence_starters;   // capitalised words that are not names
  std::unordered_set<std::string> pronouns;            // he, she, they (speaker = last named person)
  std::unordered_set<std::string> number_words;        // one .. ninety, hundred, dozen
  std::unordered_set<std::string> excluded_units;      // years, minutes, miles ... (not a statistic)

  std::string magnitudes_alt;   // million, billion, bn ...
  std::string currency_alt;     // $, €, USD, ...
  std::string currency_names_alt;  // dollars, euros ...
  std::string fraction_alt;     // half, a third, two-thirds ...
  std::string change_alt;       // doubled, halved, cut in half ...
  std::string approx_alt;       // more than, nearly, about ...
  std::string number_words_alt;

  // The quantity recognizer (see detectors/figures.cpp for what it accepts and rejects), built
  // from the lists above.
  LexRe figure;
  // The recognizer's two optional parts, asked about only once `figure` has found a match's bounds
  // (a match with capture groups would run RE2's slow submatch engine over this large program):
  // `figure_prefix` is the approximator or comparative before a number ("about ", "up from "),
  // `figure_core` the quantities proper that can open with a digit (the detector asks it only
  // about a body that does) and `figure_bare` a bare number ("1,200", "450 jobs"), which the
  // detector keeps only when it is large or qualified.
  LexRe figure_prefix, figure_core, figure_bare;
  bool figure_prefix_is_word = false;  // every prefix opens with an ASCII letter
  LexRe fraction_ordinal;  // "first half", "second half": a period, not a proportion
};

// One matcher of a lexicon still to compile: where it goes, its pattern, and what an error calls it.
struct LexiconMatcher {
  LexRe* slot;
  std::string pattern;
  std::string what;
};

// Compiling a lexicon takes two steps so that a rule set compiles these matchers on the same
// threads as its own rules (loading is nearly all RE2 compilation; one pool keeps every core busy
// to the end). prepare_lexicon builds the word sets and phrase matchers (null, with the error, if
// a list handed to RE2 does not compile) and lists the programs to compile, each
// slot pointing into the returned lexicon; the caller compiles each pattern with
// lexicon_options() into its slot; lexicon_compiled then reports the first matcher, in the order
// listed, that did not compile.
std::unique_ptr<CompiledLexicon> prepare_lexicon(const Lexicon& lex, std::vector<LexiconMatcher>& matchers, PackError* err);
const RE2::Options& lexicon_options();
bool lexicon_compiled(const std::vector<LexiconMatcher>& matchers, PackError* err);

}  // namespace factlint
