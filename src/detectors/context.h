// What the detectors ask about a sentence: is there a source in reach (a link, a footnote or
// citation marker, a named source with a reporting cue), only a vague one, a venue for a quote, a
// hedge? Answers are computed once per sentence and cached; a PageContext lives for one page.
#pragma once

#include <string_view>
#include <vector>

#include "document/document.h"
#include "findings/findings.h"
#include "rules/lexicon.h"
#include "rules/rules.h"

namespace factlint {

// The word before text position `at` in t[lo, at), past spaces (letters, digits, '.', '#'), or empty.
std::string_view word_before(const std::string& t, uint32_t lo, uint32_t at);
// The word after text position `at` in t[at, hi), past spaces (letters, digits, '-'), or empty.
std::string_view word_after(const std::string& t, uint32_t at, uint32_t hi);

struct Attribution {
  bool link = false;     // a link, footnote reference or citation marker in the sentence
  bool named = false;    // a named source with a reporting cue ("the ministry said", "according to Gallup")
  bool vague = false;    // only a vague source ("critics say", "research shows")
  bool carried = false;  // continues a sourced previous sentence ("It also found ...")
  bool sourced() const { return link || named || carried; }
  std::vector<std::pair<uint32_t, uint32_t>> cues;  // where the named cues are (text ranges)
};

class PageContext {
 public:
  PageContext(const Document& doc, const RuleSet& rules);

  const Document& doc() const { return doc_; }
  const CompiledLexicon& lex() const { return lex_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }
  std::string_view text(uint32_t b, uint32_t e) const { return std::string_view(doc_.text).substr(b, e - b); }
  std::string_view sentence_text(size_t i) const { return text(sentences_[i].begin, sentences_[i].end); }

  // Index of the sentence containing text position `pos` (or the nearest before it).
  size_t sentence_at(uint32_t pos) const;
  // A link, footnote reference or citation marker touches [b, e].
  bool has_link(uint32_t b, uint32_t e) const;
  bool has_span(SpanKind kind, uint32_t b, uint32_t e) const;

  const Attribution& attribution(size_t sentence);
  // Whether [b, e) in the sentence is covered by its source: a cue inside a relative clause
  // ("Pindan, which reports next week, has hedged a third") does not cover what is outside it,
  // nor does a cue outside cover a figure inside one ("Calloway, which manages 6,000 flats, said").
  bool covers(size_t sentence, uint32_t b, uint32_t e);
  bool hedged(size_t sentence);
  // A hedge in the clause around [b, e) ("it could be one of the largest", not a "could" two
  // clauses away).
  bool hedged_near(size_t sentence, uint32_t b, uint32_t e);
  bool heading_title_case(size_t sentence);
  // Quotations whose speaker and source are both given: claims inside them are carried by a source.
  void add_sourced_quote(uint32_t b, uint32_t e) {
    sourced_quotes_.emplace_back(b, e);
    sourced_reach_.clear();
  }
  bool in_sourced_quote(uint32_t b, uint32_t e);
  bool question(size_t sentence) const;
  // Whether a capitalised name appears anywhere before `pos`: lets a pronoun stand for a speaker.
  bool name_before(uint32_t pos) const;

  // Subject analysis around a reporting verb found at [vb, ve) inside [lo, hi).
  enum class Who { None, Named, Pronoun, Vague };
  Who subject_of(uint32_t lo, uint32_t hi, uint32_t vb, uint32_t ve) const;
  // Finds a speaker for text [lo, hi) (the sentence around a quotation, quotation excluded:
  // pass the quotation's own range as [qb, qe) to skip it).
  // *tagged is set when a speech verb attaches to the quotation even if its subject names no one
  // ("“…,” she said" with no one named yet): such a quotation is no scare quote.
  Who speaker(uint32_t lo, uint32_t hi, uint32_t qb, uint32_t qe, bool* tagged = nullptr) const;
  bool venue(uint32_t lo, uint32_t hi) const;
  // Whether [lo, hi) says its speaker is not named ("speaking on condition of anonymity", "who
  // asked not to be named"): a speaker there is no source, whatever their title.
  bool anonymous(uint32_t lo, uint32_t hi) const;

  // Whether the word(s) at [b, e) are a capitalised name (not a sentence opener).
  bool capitalized_name(uint32_t b, uint32_t e, bool sentence_start) const;

  // The non-empty matches of `re` in each sentence, exactly as searching each sentence's text on
  // its own finds them (leftmost-first, one after another), in sentence order; `at` and `to` are
  // offsets in the sentence text.
  // With `whole_text`, the page text is searched once instead of once per sentence, and only the
  // sentences a match runs into or out of are searched again on their own. That gives the same
  // answer for any pattern whose matches cannot depend on where the text ends: no ^, $, \A or \z
  // (word boundaries are fine: sentences are separated by spaces and line breaks). Callers decide.
  struct SentenceMatch {
    uint32_t sentence, at, to;
  };
  // Only sentences [first, last) are searched (last = SIZE_MAX: to the end).
  void sentence_matches(const RE2& re, bool whole_text, std::vector<SentenceMatch>& out, size_t first = 0,
                        size_t last = SIZE_MAX) const;
  // The same for a phrase matcher, which searches each sentence on its own.
  void sentence_matches(const PhraseMatcher& m, std::vector<SentenceMatch>& out, size_t first, size_t last) const;
  template <class F>
  void for_each_sentence_match(const RE2& re, bool whole_text, F&& f) const {
    std::vector<SentenceMatch> ms;
    sentence_matches(re, whole_text, ms);
    for (const SentenceMatch& m : ms) f(m.sentence, m.at, m.to);
  }

 private:
  const Document& doc_;
  const RuleSet& rules_;
  const CompiledLexicon& lex_;
  std::vector<Sentence> sentences_;
  std::vector<Attribution> attr_;
  std::vector<int8_t> attr_done_, hedged_;
  uint32_t first_name_ = UINT32_MAX;
  std::vector<std::pair<uint32_t, uint32_t>> sourced_quotes_;  // sorted by begin on first query
  std::vector<uint32_t> sourced_reach_;  // furthest end among sourced_quotes_[0..k]; empty: stale
  // Per span kind: the spans' begins in order, and the largest end among the spans up to each,
  // so "does a span of this kind touch [b, e]" is one binary search.
  struct SpanIndex {
    std::vector<uint32_t> begin, max_end;
  };
  SpanIndex span_index_[6];
  Attribution compute(size_t sentence);
};

// Each detector appends candidate findings (text ranges); the engine maps them to the source.
void detect_phrases(PageContext& ctx, const RuleSet& rules, std::vector<Candidate>& out);
void detect_figures(PageContext& ctx, const RuleSet& rules, std::vector<Candidate>& out);
void detect_quotes(PageContext& ctx, const RuleSet& rules, std::vector<Candidate>& out);

}  // namespace factlint
