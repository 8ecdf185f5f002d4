// Lexicons compiled for the detectors: each named word list from the packs becomes one
// case-insensitive RE2 alternation (whole words, blind to line breaks and to ’ versus '), or a hash
// set where a detector looks words up one at a time.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "rules/rules.h"

namespace factlint {

// Builds "(?:p1|p2|...)" from literal phrases: regex metacharacters escaped, spaces matching any
// run of whitespace, apostrophes matching ' or ’, \b added on the sides that start or end with a
// word character. Longest phrases first so alternation prefers them.
std::string phrase_alternation(const std::vector<std::string>& phrases);

// A whole-word, case-insensitive matcher for one lexicon list; never null after compile (an
// empty list compiles to a pattern that never matches).
using LexRe = std::unique_ptr<RE2>;

struct CompiledLexicon {
  LexRe reporting_verbs;   // said, says, told, warned, estimates ...
  LexRe source_cues;       // according to, data from, a report by ...
  LexRe venue_cues;        // in a press release, told the, in testimony ...
  LexRe vague_sources;     // critics, experts, some people, research shows ...
  LexRe hedges;            // may, could, likely, one of, among ...
  LexRe source_nouns;      // ministry, agency, survey, report, census ...
  LexRe continuation_cues; // it also, the report, the survey ... (at a sentence's start)
  LexRe negations;         // not, hardly, no longer
  LexRe work_cues;         // film, book, titled ... (a quoted title, not a scare quote)
  LexRe work_cue_at_end;   // the same, only right before the quotation: "the film “Dune”"
  LexRe role_nouns;        // spokeswoman, minister, chief executive ... (a speaker without a name)
  LexRe attribution_verbs; // said, called, described ... verbs that give a quote a speaker

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
  // `figure_core` the quantities proper and `figure_bare` a bare number ("1,200", "450 jobs"),
  // which the detector keeps only when it is large or qualified.
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
// to the end). prepare_lexicon fills in the word sets and lists the matchers to compile, each
// slot pointing into the returned lexicon; the caller compiles each pattern with
// lexicon_options() into its slot; lexicon_compiled then reports the first matcher, in the order
// listed, that did not compile.
std::unique_ptr<CompiledLexicon> prepare_lexicon(const Lexicon& lex, std::vector<LexiconMatcher>& matchers);
const RE2::Options& lexicon_options();
bool lexicon_compiled(const std::vector<LexiconMatcher>& matchers, PackError* err);

}  // namespace factlint
