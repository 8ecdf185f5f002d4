// phrases and pattern rules (absolute claims, and any rule a user writes): one RE2::Set pass per
// stretch of sentences tells which rules can match; only those run their own matcher (a phrase
// trie or a regex) to find where. Each match then passes the rule's "unless"
// conditions, which read the sentence, not just the words.

#include "detectors/context.h"
#include "document/ascii.h"

namespace factlint {

namespace {

bool capital_at(const std::string& t, uint32_t i) { return i < t.size() && ascii::is_upper(t[i]); }

// "Best Picture", "First Street", "the Only Fools": a capitalised match inside a sentence, or a
// capitalised match followed by another capitalised word.
bool proper_noun(PageContext& ctx, const Sentence& s, uint32_t mb, uint32_t me) {
  const std::string& t = ctx.doc().text;
  // first letter of the match's last word
  uint32_t lw = me;
  while (lw > mb && t[lw - 1] != ' ') --lw;
  uint32_t first = mb;
  while (first < me && !ascii::is_alpha(t[first])) ++first;
  bool cap_last = capital_at(t, lw);
  uint32_t nx = me;
  while (nx < s.end && t[nx] == ' ') ++nx;
  bool next_cap = nx < s.end && capital_at(t, nx) && nx > me;
  if (capital_at(t, first) && first != s.begin) {
    // a capital inside the sentence; the sentence start is capitalised anyway
    std::string w;
    for (uint32_t i = first; i < me && ascii::is_alpha(t[i]); ++i)
      w += static_cast<char>(ascii::to_lower(t[i]));
    if (!ctx.lex().sentence_starters.count(w) || cap_last) return true;
  }
  return cap_last && next_cap;
}

bool compound(const std::string& t, uint32_t mb, uint32_t me, uint32_t lo, uint32_t hi) {
  if (me + 1 < hi && t[me] == '-' && ascii::is_alpha(t[me + 1])) return true;
  if (mb >= lo + 2 && t[mb - 1] == '-' && ascii::is_alpha(t[mb - 2])) return true;
  return false;
}

bool negated(PageContext& ctx, const Sentence& s, uint32_t mb) {
  uint32_t from = mb > s.begin + 24 ? mb - 24 : s.begin;
  return ctx.lex().negations.contains(ctx.text(from, mb));
}

// "the best day of my life", "the worst meal I have ever eaten": a superlative within someone's
// own experience, told as such.
bool personal(PageContext& ctx, const Sentence& s, uint32_t me) {
  static const RE2 scope(
      R"(^(?:\s+[a-z]+){0,2}?\s+(?:(?:of|in)\s+(?:my|our|his|her|their)\s+(?:life|lives|career|careers|time)\b|)"
      R"((?:I|we|you|he|she|they)(?:\s+have|\s+had|'ve|’ve|'d|’d)?\s+ever\b))");
  return RE2::PartialMatch(ctx.text(me, std::min<uint32_t>(s.end, me + 60)), scope);
}

// "Prices for the cheapest kits fell", "two of the largest issuers face lawsuits", "The cheapest
// flights sell out": a superlative before a plural noun, opening the sentence or after a
// preposition, picks out a kind of thing; it ranks nothing unless a scope follows ("the best
// restaurants in town", "our lowest prices ever"). As the object of a verb it is still a claim
// ("they make the best phones").
bool names_a_kind(PageContext& ctx, const Sentence& s, uint32_t mb, uint32_t me) {
  const std::string& t = ctx.doc().text;
  uint32_t w = me;
  while (w > mb && ascii::is_alpha(t[w - 1])) --w;
  if (me - w < 4 || t[me - 1] != 's' || t[me - 2] == 's' || t[me - 2] == 'u' || t[me - 2] == 'i') return false;
  static const RE2 scope(R"(^\s+(?:in|on|of|ever|available|anywhere|around|yet|money|you|we|I|to\s+date)\b)");
  if (RE2::PartialMatch(ctx.text(me, std::min<uint32_t>(s.end, me + 16)), scope)) return false;
  uint32_t p = mb;
  while (p > s.begin && t[p - 1] == ' ') --p;
  if (p == s.begin) return true;
  std::string prev = ascii::lower(word_before(t, s.begin, mb));
  for (const char* prep : {"for", "of", "from", "with", "at", "to", "between", "on", "in", "by", "than"})
    if (prev == prep) return true;
  return false;
}

bool excepted(PageContext& ctx, const Rule& r, const Sentence& s, uint32_t mb, uint32_t me) {
  if (r.except.empty()) return false;
  uint32_t lo = mb > s.begin + 40 ? mb - 40 : s.begin;
  uint32_t hi = std::min<uint32_t>(s.end, me + 40);
  std::string_view w = ctx.text(lo, hi);
  size_t eb, ee;
  for (size_t pos = 0; r.except_matcher.find(w, pos, &eb, &ee); pos = ee)
    if (lo + eb < me && mb < lo + ee) return true;
  return false;
}

}  // namespace

void detect_phrases(PageContext& ctx, const RuleSet& rules, std::vector<Candidate>& out) {
  const auto& prefilter_rules = rules.prefilter_rules();
  const RE2::Set* set = rules.prefilter();
  if (!set || prefilter_rules.empty()) return;
  const std::string& t = ctx.doc().text;
  const auto& blocks = ctx.doc().blocks;
  std::vector<int> anchored, hits;
  for (size_t k = 0; k < prefilter_rules.size(); ++k)
    if (prefilter_rules[k]->anchored) anchored.push_back(static_cast<int>(k));
  const auto& sentences = ctx.sentences();
  struct Hit {
    uint32_t sentence;
    int rule;
    uint32_t at, to;
  };
  std::vector<Hit> found;
  std::vector<PageContext::SentenceMatch> ms;
  auto footnote = [&](size_t si) { return blocks[sentences[si].block].kind == BlockKind::Footnote; };
  for (size_t g0 = 0, g1; g0 < sentences.size(); g0 = g1) {
    if (footnote(g0)) {
      g1 = g0 + 1;
      continue;
    }
    // A stretch of whole blocks, [g0, g1), of at least 256 bytes where blocks are short (headings,
    // list items, captions): a set search costs a few thousand instructions a call, and a rule the
    // set names searches only the stretch it was seen in. (Measured: 4 KB stretches cost more, as
    // every named rule then reads far more text.)
    for (g1 = g0 + 1; g1 < sentences.size() && !footnote(g1) &&
                      (sentences[g1].block == sentences[g1 - 1].block || sentences[g1].begin - sentences[g0].begin < 256);
         ++g1) {}
    // The rules that can match in these sentences: a match in a sentence is a match in the
    // stretch (sentences are separated by spaces and line breaks), unless it is anchored.
    const uint32_t from = sentences[g0].begin, to = sentences[g1 - 1].end;
    const std::string_view stretch = std::string_view(t).substr(from, to - from);
    set->Match(stretch, &hits);
    hits.insert(hits.end(), anchored.begin(), anchored.end());
    if (hits.empty()) continue;
    std::sort(hits.begin(), hits.end());
    hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
    // Each such rule's matches in the stretch, then in sentence order, rule by rule.
    found.clear();
    for (int h : hits) {
      const Rule& r = *prefilter_rules[h];
      if (r.re) ctx.sentence_matches(*r.re, /*whole_text=*/!r.anchored, ms, g0, g1);
      else ctx.sentence_matches(r.phrase_matcher, ms, g0, g1);
      for (const auto& m : ms) found.push_back(Hit{m.sentence, h, m.at, m.to});
    }
    std::stable_sort(found.begin(), found.end(), [](const Hit& a, const Hit& b) {
      return a.sentence != b.sentence ? a.sentence < b.sentence : a.rule < b.rule;
    });
    for (const Hit& hit : found) {
      const size_t si = hit.sentence;
      const Sentence& s = sentences[si];
      const Rule& r = *prefilter_rules[hit.rule];
      uint32_t mb = s.begin + hit.at, me = s.begin + hit.to;
      if ((r.unless & kUnlessCompound) && compound(t, mb, me, s.begin, s.end)) continue;
      // In a Title Case heading every word is capitalised: that says nothing about names.
      if ((r.unless & kUnlessProperNoun) && !ctx.heading_title_case(si) && proper_noun(ctx, s, mb, me)) continue;
      if ((r.unless & kUnlessNegated) && negated(ctx, s, mb)) continue;
      if ((r.unless & kUnlessQuestion) && ctx.question(si)) continue;
      if ((r.unless & kUnlessPersonal) && personal(ctx, s, me)) continue;
      if ((r.unless & kUnlessKind) && names_a_kind(ctx, s, mb, me)) continue;
      if ((r.unless & kUnlessHedged) && ctx.hedged_near(si, mb, me)) continue;
      // A claim is carried by a source named in its own sentence (or a sourced quotation around
      // it); a source carried over from the previous sentence covers figures, not opinions.
      if ((r.unless & kUnlessAttributed) &&
          (ctx.attribution(si).link || ctx.attribution(si).named || ctx.in_sourced_quote(mb, me)))
        continue;
      if (excepted(ctx, r, s, mb, me)) continue;
      out.push_back(Candidate{&r, mb, me, {}});
    }
  }
}

}  // namespace factlint
