#include "detectors/context.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>

#include "document/ascii.h"
#include "document/sentences.h"

namespace factlint {

namespace {

inline bool is_word_byte(unsigned char c) {
  return ascii::is_alnum(c) || c == '\'' || c == '-' || c == '.' || c == '&';
}

// Words (letters, digits, apostrophes incl. ’, inner hyphens and dots) of text [b, e).
struct Word {
  uint32_t b, e;
};

void words_of(const std::string& t, uint32_t b, uint32_t e, std::vector<Word>& out) {
  out.clear();
  uint32_t i = b;
  while (i < e) {
    unsigned char c = t[i];
    bool start = ascii::is_alnum(c) || (c >= 0xC3 && c <= 0xDF);  // Latin letters with accents start words
    if (!start) {
      ++i;
      continue;
    }
    uint32_t j = i;
    while (j < e) {
      unsigned char d = t[j];
      if (is_word_byte(d) || (d >= 0x80 && d < 0xC0) || (d >= 0xC3 && d <= 0xDF)) {
        ++j;
      } else if (d == 0xE2 && j + 2 < e && static_cast<unsigned char>(t[j + 1]) == 0x80 &&
                 static_cast<unsigned char>(t[j + 2]) == 0x99) {
        j += 3;  // ’ inside a word
      } else {
        break;
      }
    }
    while (j > i && (t[j - 1] == '.' || t[j - 1] == '-' || t[j - 1] == '\'')) --j;
    if (j == i) j = i + 1;
    out.push_back(Word{i, j});
    i = j;
  }
}

}  // namespace

std::string_view word_before(const std::string& t, uint32_t lo, uint32_t at) {
  uint32_t e = at;
  while (e > lo && t[e - 1] == ' ') --e;
  uint32_t b = e;
  while (b > lo && (ascii::is_alnum(t[b - 1]) || t[b - 1] == '.' || t[b - 1] == '#')) --b;
  return std::string_view(t).substr(b, e - b);
}

std::string_view word_after(const std::string& t, uint32_t at, uint32_t hi) {
  uint32_t b = at;
  while (b < hi && t[b] == ' ') ++b;
  uint32_t e = b;
  while (e < hi && (ascii::is_alnum(t[e]) || t[e] == '-')) ++e;
  return std::string_view(t).substr(b, e - b);
}

namespace {

std::string lower_word(std::string_view w) {
  std::string s;
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = w[i];
    if (c == 0xE2 && i + 2 < w.size() && static_cast<unsigned char>(w[i + 1]) == 0x80 &&
        static_cast<unsigned char>(w[i + 2]) == 0x99) {
      s += '\'';
      i += 2;
      continue;
    }
    s += static_cast<char>(ascii::to_lower(c));
  }
  // possessive 's is not part of the name
  if (s.size() > 2 && s.compare(s.size() - 2, 2, "'s") == 0) s.resize(s.size() - 2);
  return s;
}

bool has_upper(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return ascii::is_upper(c); });
}

// Words that may stand between a subject and its verb or before a noun: "the", "its annual".
// (A hash set: comparing each word with the list one by one cost thousands of instructions a word.)
bool filler(const std::string& w) {
  static const std::unordered_set<std::string_view> k = {
      "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these",
      "those", "new", "latest", "recent", "annual", "quarterly", "monthly", "weekly",
      "independent", "official", "also", "has", "have", "had", "previously", "once",
      "later", "then", "further", "separately", "last", "first", "own", "national",
      "federal", "state", "city", "county", "local", "regional", "global", "internal",
      "public", "in", "of", "for", "at", "and", "from", "by", "on", "to", "s", "u.s",
      "uk", "eu", "un", "which", "who", "would", "will", "did", "does", "already",
      "was", "were", "is", "are", "be", "been", "publicly", "repeatedly"};
  if (k.count(w)) return true;
  return w.size() > 3 && w.compare(w.size() - 2, 2, "ly") == 0;  // adverbs
}

}  // namespace

PageContext::PageContext(const Document& doc, const RuleSet& rules)
    : doc_(doc), rules_(rules), lex_(rules.lex()) {
  split_sentences(doc_, lex_, sentences_);
  std::vector<Span> spans = doc_.spans;
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  for (const Span& sp : spans) {
    SpanIndex& ix = span_index_[static_cast<int>(sp.kind)];
    ix.begin.push_back(sp.begin);
    ix.max_end.push_back(ix.max_end.empty() ? sp.end : std::max(ix.max_end.back(), sp.end));
  }
  attr_.resize(sentences_.size());
  attr_done_.assign(sentences_.size(), 0);
  hedged_.assign(sentences_.size(), -1);
  // The first capitalised name that is not a sentence opener: a pronoun after it has a referent.
  std::vector<Word> ws;
  for (const Sentence& s : sentences_) {
    words_of(doc_.text, s.begin, s.end, ws);
    for (size_t k = 0; k < ws.size(); ++k) {
      if (capitalized_name(ws[k].b, ws[k].e, k == 0)) {
        first_name_ = ws[k].b;
        break;
      }
    }
    if (first_name_ != UINT32_MAX) break;
  }
}

void PageContext::sentence_matches(const RE2& re, bool whole_text, std::vector<SentenceMatch>& out, size_t first,
                                   size_t last) const {
  out.clear();
  const size_t n = std::min(last, sentences_.size());
  if (first >= n) return;
  auto search_alone = [&](size_t si) {
    std::string_view st = sentence_text(si);
    re2::StringPiece input(st.data(), st.size()), m;
    size_t pos = 0;
    while (pos <= st.size() && re.Match(input, pos, st.size(), RE2::UNANCHORED, &m, 1)) {
      size_t at = static_cast<size_t>(m.data() - st.data());
      pos = at + std::max<size_t>(m.size(), 1);
      if (!m.empty()) out.push_back({static_cast<uint32_t>(si), static_cast<uint32_t>(at), static_cast<uint32_t>(at + m.size())});
    }
  };
  if (!whole_text) {
    for (size_t si = first; si < n; ++si) search_alone(si);
    return;
  }
  // One search of the whole text; a match is kept when it lies inside one sentence. A match that
  // runs across a sentence's edge (or an empty one on an edge) may hide what the sentence alone
  // would give, so the sentences it touches are searched again on their own.
  const std::string& t = doc_.text;
  // The search runs to where the next sentence starts, so a match running out of the last one
  // is seen (and that sentence searched alone); RE2 reads the text around as context for \b.
  std::vector<SentenceMatch> found;
  std::vector<uint8_t> alone(n, 0);
  re2::StringPiece input(t.data(), t.size()), m;
  const size_t end = n < sentences_.size() ? sentences_[n].begin : t.size();
  size_t pos = sentences_[first].begin, si = first;
  while (pos <= end && re.Match(input, pos, end, RE2::UNANCHORED, &m, 1)) {
    uint32_t a = static_cast<uint32_t>(m.data() - t.data()), b = a + static_cast<uint32_t>(m.size());
    pos = a + std::max<size_t>(m.size(), 1);
    while (si + 1 < n && sentences_[si + 1].begin <= a) ++si;
    const Sentence& s = sentences_[si];
    bool inside = s.begin <= a && b <= s.end && (a != b || (s.begin < a && a < s.end));
    if (inside) {
      if (a != b) found.push_back({static_cast<uint32_t>(si), a - s.begin, b - s.begin});
      continue;
    }
    for (size_t k = si; k < n && sentences_[k].begin <= b; ++k)
      if (sentences_[k].end >= a) alone[k] = 1;
  }
  size_t f = 0;
  for (size_t k = first; k < n; ++k) {
    if (alone[k]) {
      while (f < found.size() && found[f].sentence == k) ++f;
      search_alone(k);
      continue;
    }
    for (; f < found.size() && found[f].sentence == k; ++f) out.push_back(found[f]);
  }
}

void PageContext::sentence_matches(const PhraseMatcher& m, std::vector<SentenceMatch>& out, size_t first,
                                   size_t last) const {
  out.clear();
  size_t b, e;
  for (size_t si = first; si < std::min(last, sentences_.size()); ++si) {
    const std::string_view st = sentence_text(si);
    for (size_t pos = 0; m.find(st, pos, &b, &e); pos = e)
      out.push_back({static_cast<uint32_t>(si), static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
  }
}

size_t PageContext::sentence_at(uint32_t pos) const {
  auto it = std::upper_bound(sentences_.begin(), sentences_.end(), pos,
                             [](uint32_t p, const Sentence& s) { return p < s.begin; });
  if (it == sentences_.begin()) return 0;
  return static_cast<size_t>(it - sentences_.begin() - 1);
}

bool PageContext::in_sourced_quote(uint32_t b, uint32_t e) {
  if (sourced_quotes_.empty()) return false;
  if (sourced_reach_.empty()) {
    std::sort(sourced_quotes_.begin(), sourced_quotes_.end());
    for (const auto& q : sourced_quotes_)
      sourced_reach_.push_back(sourced_reach_.empty() ? q.second : std::max(sourced_reach_.back(), q.second));
  }
  // Among the quotations opening at or before b, one closes at or after e exactly when the
  // furthest-reaching one does.
  auto it = std::upper_bound(sourced_quotes_.begin(), sourced_quotes_.end(), b,
                             [](uint32_t p, const std::pair<uint32_t, uint32_t>& q) { return p < q.first; });
  if (it == sourced_quotes_.begin()) return false;
  return sourced_reach_[static_cast<size_t>(it - sourced_quotes_.begin()) - 1] >= e;
}

static_assert(static_cast<int>(SpanKind::Mark) == 5, "span_index_ has one entry per SpanKind");

bool PageContext::has_span(SpanKind kind, uint32_t b, uint32_t e) const {
  // Among the spans that begin at or before e, one reaches b exactly when the furthest-reaching does.
  const SpanIndex& ix = span_index_[static_cast<int>(kind)];
  auto it = std::upper_bound(ix.begin.begin(), ix.begin.end(), e);
  if (it == ix.begin.begin()) return false;
  return ix.max_end[static_cast<size_t>(it - ix.begin.begin()) - 1] >= b;
}

bool PageContext::has_link(uint32_t b, uint32_t e) const {
  if (has_span(SpanKind::Link, b, e) || has_span(SpanKind::FootnoteRef, b, e)) return true;
  // Citation markers written as text: [3], (Smith et al., 2021), (Source: ...).
  static const RE2 cite(R"(\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]|\([A-Z][A-Za-z&.' -]{1,60}(?:et al\.)?,? (?:19|20)\d\d[a-z]?\)|\((?:[Ss]ources?|[Vv]ia|[Dd]ata): [^)]{2,}\))");
  std::string_view t = text(b, std::min<uint32_t>(e + 1, doc_.text.size()));
  // Every marker opens with one of these (a plain loop: find_first_of calls memchr per byte).
  if (std::none_of(t.begin(), t.end(), [](char c) { return c == '[' || c == '('; })) return false;
  return RE2::PartialMatch(t, cite);
}

bool PageContext::capitalized_name(uint32_t b, uint32_t e, bool sentence_start) const {
  unsigned char c = doc_.text[b];
  if (!ascii::is_upper(c)) return false;
  std::string w = lower_word(text(b, e));
  if (lex_.pronouns.count(w)) return false;
  if (lex_.sentence_starters.count(w)) return false;
  (void)sentence_start;  // openers are in sentence_starters; any other capitalised word is a name
  return true;
}

bool PageContext::name_before(uint32_t pos) const { return first_name_ < pos; }

PageContext::Who PageContext::subject_of(uint32_t lo, uint32_t hi, uint32_t vb, uint32_t ve) const {
  std::vector<Word> ws;
  auto is_noun = [&](const Word& w) {
    return lex_.source_nouns.contains(text(w.b, w.e)) || lex_.role_nouns.contains(text(w.b, w.e));
  };
  // "a spokeswoman" is a speaker only when tied to a name ("a spokeswoman for Acme"); "a council
  // officer" and "another official" are not.
  auto indefinite = [&](const std::vector<Word>& v, size_t k) {
    for (size_t back = 1; back <= 2 && back <= k; ++back) {  // "a council officer", "a senior official"
      std::string p = lower_word(text(v[k - back].b, v[k - back].e));
      if (p == "a" || p == "an" || p == "another" || p == "one" || p == "some" || p == "several") return true;
    }
    return false;
  };
  // "Linh Tran, an energy economist, cautioned": the indefinite role noun is an apposition to the
  // name before its comma.
  auto apposition_to_name = [&](const std::vector<Word>& v, size_t k) {
    for (size_t back = 1; back <= 2 && back < k; ++back) {
      std::string p = lower_word(text(v[k - back].b, v[k - back].e));
      if (p != "a" && p != "an") continue;
      const Word& before = v[k - back - 1];
      return text(before.e, v[k - back].b).find(',') != std::string_view::npos &&
             capitalized_name(before.b, before.e, before.b == lo);
    }
    return false;
  };
  auto tied_to_name = [&](uint32_t after) {
    std::vector<Word> r;
    words_of(doc_.text, after, std::min<uint32_t>(hi, after + 40), r);
    if (r.size() < 2) return false;
    std::string p = lower_word(text(r[0].b, r[0].e));
    return (p == "for" || p == "at" || p == "of" || p == "from" || p == "with") && capitalized_name(r[1].b, r[1].e, false);
  };
  // Left of the verb: "The Bureau of Labor Statistics said", "a Gallup poll found", "critics say".
  uint32_t left = vb > lo + 90 ? vb - 90 : lo;
  words_of(doc_.text, left, vb, ws);
  bool any_name = false;
  for (size_t k = 0; k < ws.size() && !any_name; ++k) any_name = capitalized_name(ws[k].b, ws[k].e, ws[k].b == lo);
  // "One resident, a retired teacher, told the council": a vague subject with no name anywhere.
  if (!any_name && lex_.vague_sources.contains(text(left, vb))) return Who::Vague;
  // "told" and "tells" point at the listener on their right, not the speaker.
  std::string_view verb = text(vb, ve);
  bool listener_right = verb.rfind("told", 0) == 0 || verb.rfind("tell", 0) == 0 || verb.rfind("Told", 0) == 0;
  for (size_t k = ws.size(), seen = 0; k-- > 0 && seen < 7; ++seen) {
    std::string w = lower_word(text(ws[k].b, ws[k].e));
    bool at_start = ws[k].b == lo;
    if (lex_.pronouns.count(w)) return name_before(ws[k].b) ? Who::Pronoun : Who::None;
    // "the Institute of Policy Studies cautioned", "Harlow Research said": a vague word ("studies",
    // "research") capitalised after a capitalised word, or after "of"/"for" following one, is the
    // end of a name ("Wider Benefits: Studies show" is not: a colon stands between).
    auto joined = [&](size_t a, size_t b) {
      return text(ws[a].e, ws[b].b).find_first_not_of(' ') == std::string_view::npos;
    };
    auto capital = [&](size_t j) { return ascii::is_upper(doc_.text[ws[j].b]); };
    const bool name = capitalized_name(ws[k].b, ws[k].e, at_start);
    bool name_inside = name && k > 0 && joined(k - 1, k) &&
                       (capital(k - 1) || (k > 1 && joined(k - 2, k - 1) && capital(k - 2) &&
                                           (lower_word(text(ws[k - 1].b, ws[k - 1].e)) == "of" ||
                                            lower_word(text(ws[k - 1].b, ws[k - 1].e)) == "for")));
    if (!name_inside && lex_.vague_sources.contains(text(ws[k].b, vb))) return Who::Vague;
    if (name) return Who::Named;
    if (is_noun(ws[k])) {
      if (indefinite(ws, k) && !tied_to_name(ws[k].e) && lex_.role_nouns.contains(text(ws[k].b, ws[k].e)))
        return apposition_to_name(ws, k) ? Who::Named : Who::Vague;
      return Who::Named;
    }
    // "Tellman's memo projects", "Acme's new filing shows": a named owner's document.
    if (k > 0) {
      std::string_view prev = text(ws[k - 1].b, ws[k - 1].e);
      bool possessive = prev.size() > 2 && (prev.substr(prev.size() - 2) == "'s" ||
                                            (prev.size() > 4 && prev.substr(prev.size() - 4) == "\xE2\x80\x99s"));
      if (possessive && capitalized_name(ws[k - 1].b, ws[k - 1].e, ws[k - 1].b == lo)) return Who::Named;
    }
    if (!filler(w)) break;
  }
  if (listener_right) {
    // "One Orbis engineer told reporters": an indefinite subject is no speaker, even with a name in it.
    std::string_view l = text(left, vb);
    size_t comma = l.rfind(',');
    std::string_view clause = comma == std::string_view::npos ? l : l.substr(comma + 1);
    static const RE2 indefinite_subject(R"((?i)(?:^|\s)(?:a|an|one|another|some)\s+((?:\S+\s+){0,4}\S+)\s*$)");
    std::string head;
    if (RE2::PartialMatch(clause, indefinite_subject, &head)) {
      // "a spokeswoman for Acme told Reuters" speaks for a named organisation
      if (any_name && lex_.role_nouns.contains(head)) return Who::Named;
      return Who::Vague;
    }
    return any_name ? Who::Named : Who::None;
  }
  // Right of the verb: "said Jane Moss", "said the ministry", "according to the census". Only a
  // few verbs invert, and only articles may stand between the verb and its subject.
  static const RE2 inverting(R"((?i)^(?:said|says|added|adds|wrote|writes|noted|notes|explained|asked|continued|recalled|according to|argued|warned|insisted|stated|observed|replied|countered|responded|conceded|concluded|declared|cautioned|remarked|reported|estimated|estimates|calculated|found|shows|showed))");
  if (!RE2::PartialMatch(verb, inverting)) return Who::None;
  uint32_t right = std::min<uint32_t>(hi, ve + 70);
  words_of(doc_.text, ve, right, ws);
  for (size_t k = 0; k < ws.size() && k < 5; ++k) {
    std::string w = lower_word(text(ws[k].b, ws[k].e));
    // "said Jane Moss", "said the ministry", "said engineer Tomas Brandt": up to two lowercase
    // words (a job title) may stand between the verb and the name, nothing else.
    if (k > 2) break;
    if (k > 0 && text(ws[k - 1].e, ws[k].b).find_first_of(",.;:") != std::string_view::npos) break;
    if (lex_.vague_sources.contains(text(ve, ws[k].e))) return Who::Vague;
    if (lex_.pronouns.count(w)) return name_before(ws[k].b) ? Who::Pronoun : Who::None;
    if (capitalized_name(ws[k].b, ws[k].e, false)) return Who::Named;
    if (is_noun(ws[k])) {
      if (indefinite(ws, k) && !tied_to_name(ws[k].e) && lex_.role_nouns.contains(text(ws[k].b, ws[k].e))) return Who::Vague;
      return Who::Named;
    }
    if (!filler(w)) break;
  }
  // "Ms. Chen, a critic of the plan, said": a name earlier in the clause, past an apposition.
  return any_name && text(left, vb).find(',') != std::string_view::npos ? Who::Named : Who::None;
}

Attribution PageContext::compute(size_t i) {
  auto article_before = [&](uint32_t at, uint32_t lo) {
    std::string w = ascii::lower(word_before(doc_.text, lo, at));
    return w == "a" || w == "an" || w == "the";
  };
  Attribution a;
  const Sentence& s = sentences_[i];
  a.link = has_link(s.begin, s.end);
  std::string_view st = sentence_text(i);
  auto scan = [&](const PhraseMatcher& verbs) {
    size_t pos = 0, mb, me;
    while (verbs.find(st, pos, &mb, &me)) {
      uint32_t vb = s.begin + static_cast<uint32_t>(mb);
      uint32_t ve = s.begin + static_cast<uint32_t>(me);
      pos = me;
      // "Harbor Notes reaches 60%": a capitalised word inside a sentence is a name, not a verb.
      if (vb > s.begin && ascii::is_upper(doc_.text[vb])) continue;
      // "costs the NHS an estimated £6.5 billion", "the reported rise": after an article the
      // participle is an adjective, and the name before it no speaker.
      if (article_before(vb, s.begin)) continue;
      Who w = subject_of(s.begin, s.end, vb, ve);
      if (w == Who::Named || w == Who::Pronoun) a.named = true, a.cues.emplace_back(vb, ve);
      else if (w == Who::Vague) a.vague = true;
    }
  };
  scan(lex_.reporting_verbs);
  if (!a.named) {
    // "according to the written judgment": a source cue followed by anything that is not vague.
    size_t pos = 0, mb, after;
    while (lex_.source_cues.find(st, pos, &mb, &after)) {
      std::string_view rest = st.substr(after, 40);
      if (lex_.vague_sources.contains(rest) && !has_upper(rest.substr(0, std::min<size_t>(rest.size(), 24))))
        a.vague = true;
      else
        a.named = true, a.cues.emplace_back(s.begin + static_cast<uint32_t>(mb), s.begin + static_cast<uint32_t>(after));
      pos = after;
    }
  }
  // "…, the company said in a statement": a venue names where the figure can be checked — as a
  // place something was said ("in a statement", "at the hearing"), not a noun doing something
  // ("the newsletter owns 60%").
  if (!a.named && !a.link && venue(s.begin, s.end)) {
    static const RE2 venue_phrase(R"((?i)\b(?:in|at|during|on|via|through)\s+(?:a|an|the|its|his|her|their|our|this|that|last|\w+(?:'|’)s)\s+(?:[\w-]+\s+){0,3}?(?:release|statement|testimony|interview|hearing|podcast|post|filing|conference|briefing|speech|call|memo|op-ed|letter|email|e-mail|newsletter|report|transcript|broadcast|meeting|webinar|livestream|video|note|order|ruling|judgment|submission|documents|minutes|announcement)s?\b|\btold\b|\b(?:said|wrote|writing|speaking|testified|posted)\s+(?:in|on|at|to|during)\b)");
    if (RE2::PartialMatch(st, venue_phrase)) a.named = true, a.cues.emplace_back(s.begin, s.end);
  }
  if (a.named && anonymous(s.begin, s.end)) a.named = false, a.vague = true, a.cues.clear();
  if (!a.sourced() && i > 0 && sentences_[i - 1].block == s.block) {
    const Attribution& prev = attribution(i - 1);
    if (prev.named || prev.link || prev.carried) {
      if (lex_.continuation_cues.starts(st)) a.carried = true;
    }
  }
  return a;
}

const Attribution& PageContext::attribution(size_t i) {
  if (!attr_done_[i]) {
    attr_[i] = compute(i);
    attr_done_[i] = 1;
  }
  return attr_[i];
}

bool PageContext::covers(size_t i, uint32_t b, uint32_t e) {
  const Attribution& a = attribution(i);
  if (a.link || a.carried) return true;
  if (!a.named) return false;
  const Sentence& s = sentences_[i];
  const std::string& t = doc_.text;
  // relative clauses: ", which … ," / ", who … ,"
  std::vector<std::pair<uint32_t, uint32_t>> rel;
  static const RE2 opener(R"(, (?:which|who|whose) )");
  std::string_view st = sentence_text(i);
  re2::StringPiece in(st.data(), st.size()), m;
  size_t pos = 0;
  while (pos < st.size() && opener.Match(in, pos, st.size(), RE2::UNANCHORED, &m, 1)) {
    uint32_t cb = s.begin + static_cast<uint32_t>(m.data() - st.data());
    // A clause comma, not the one in "6,000"; looked for only as far as the sentence's end (a
    // search to the end of the page would make a page without commas quadratic).
    size_t close = std::string_view(t).substr(0, std::min<size_t>(t.size(), s.end + 2)).find(", ", cb + m.size());
    uint32_t ce = close == std::string::npos || close > s.end ? s.end : static_cast<uint32_t>(close);
    rel.emplace_back(cb, ce);
    pos = ce - s.begin + 1;
  }
  auto clause_of = [&](uint32_t p) -> int {
    for (size_t k = 0; k < rel.size(); ++k)
      if (rel[k].first <= p && p < rel[k].second) return static_cast<int>(k);
    return -1;
  };
  int fig = clause_of(b);
  // "Prices have fallen 90% since 2010, and Veltrix says its cells will cost less": a speaker in
  // a later coordinated clause, with what they say after the verb, reports that clause only. A
  // comma before the verb is an inverted or trailing cue ("…, and rents rose 5%, said Jane Moss"),
  // and a verb with at most two words after it reports what came before ("…, and rents rose, the
  // agency says").
  auto coordinated = [&](std::string_view between) {
    for (size_t k = between.find_first_of(",;"); k != std::string_view::npos; k = between.find_first_of(",;", k + 1)) {
      if (k + 1 >= between.size() || between[k + 1] != ' ') continue;
      if (between[k] == ';') return true;
      std::string_view w = between.substr(k + 2, 9);
      for (std::string_view c : {"and ", "but ", "while ", "whereas ", "yet "})
        if (w.substr(0, c.size()) == c) return true;
    }
    return false;
  };
  auto reports_later_clause = [&](const std::pair<uint32_t, uint32_t>& c) {
    if (c.first < e || c.second <= c.first || c.second >= s.end) return false;
    uint32_t p = c.first;
    while (p > e && t[p - 1] == ' ') --p;
    if (p == e || t[p - 1] == ',') return false;
    if (!coordinated(text(e, c.first))) return false;
    std::vector<Word> after;
    words_of(t, c.second, s.end, after);
    return after.size() > 2;
  };
  for (auto& c : a.cues) {
    if (reports_later_clause(c)) continue;
    int cue = clause_of(c.first);
    if (cue == fig) return true;
    // "…, which will sell for $1,499 from March, the company said": a cue after the clause, with
    // its own subject in between, reports the clause too; "Calloway, which manages 6,000 flats,
    // said" does not (the clause only describes the speaker).
    if (cue < 0 && fig >= 0 && c.first > rel[fig].second) {
      std::string_view between = text(rel[fig].second, c.first);
      size_t letters = 0;
      for (char ch : between) letters += ascii::is_alpha(ch) ? 1 : 0;
      if (letters > 0) return true;
    }
  }
  return false;
}

bool PageContext::hedged(size_t i) {
  if (hedged_[i] < 0) hedged_[i] = lex_.hedges.contains(sentence_text(i)) ? 1 : 0;
  return hedged_[i] == 1;
}

bool PageContext::hedged_near(size_t i, uint32_t b, uint32_t e) {
  if (!hedged(i)) return false;
  const Sentence& s = sentences_[i];
  const std::string& t = doc_.text;
  auto boundary = [&](uint32_t p) {
    char c = t[p];
    return c == ',' || c == ';' || c == ':' || c == '(' || c == ')' ||
           (p + 2 < t.size() && static_cast<unsigned char>(c) == 0xE2 && static_cast<unsigned char>(t[p + 1]) == 0x80 &&
            (static_cast<unsigned char>(t[p + 2]) == 0x94 || static_cast<unsigned char>(t[p + 2]) == 0x93));
  };
  uint32_t lo = b, hi = e;
  while (lo > s.begin && !boundary(lo - 1)) --lo;
  while (hi < s.end && !boundary(hi)) ++hi;
  return lex_.hedges.contains(text(lo, hi));
}

bool PageContext::heading_title_case(size_t i) {
  const Sentence& s = sentences_[i];
  if (doc_.blocks[s.block].kind != BlockKind::Heading) return false;
  std::vector<Word> ws;
  words_of(doc_.text, s.begin, s.end, ws);
  size_t caps = 0;
  for (auto& w : ws) caps += ascii::is_upper(doc_.text[w.b]) ? 1 : 0;
  return ws.size() >= 3 && caps * 10 >= ws.size() * 6;
}

bool PageContext::question(size_t i) const {
  std::string_view st = sentence_text(i);
  while (!st.empty() && (st.back() == '"' || st.back() == ')' || static_cast<unsigned char>(st.back()) >= 0x80))
    st.remove_suffix(1);
  return !st.empty() && st.back() == '?';
}

PageContext::Who PageContext::speaker(uint32_t lo, uint32_t hi, uint32_t qb, uint32_t qe, bool* tagged) const {
  Who best = Who::None;
  if (tagged) *tagged = false;
  int anon = -1;  // asked when a speaker is found
  auto consider = [&](uint32_t b, uint32_t e) {
    if (b >= e) return;
    std::string_view st = text(b, e);
    size_t pos = 0, mb, me;
    while (lex_.attribution_verbs.find(st, pos, &mb, &me)) {
      uint32_t vb = b + static_cast<uint32_t>(mb);
      uint32_t ve = b + static_cast<uint32_t>(me);
      // a speech verb right next to the quotation ("…,” she said", "said: “…")
      if (tagged && ((vb >= qe && vb <= qe + 24) || (ve <= qb && ve + 24 >= qb))) *tagged = true;
      Who w = subject_of(b, e, vb, ve);
      if (w == Who::Named || w == Who::Pronoun) {
        if (anon < 0) anon = anonymous(lo, hi) ? 1 : 0;
        if (anon == 1) w = Who::Vague;
      }
      if (w == Who::Named || w == Who::Pronoun) {
        best = w;
        return;
      }
      if (w == Who::Vague) best = Who::Vague;
      pos = me;
    }
  };
  consider(lo, qb);
  if (best == Who::Named || best == Who::Pronoun) return best;
  consider(qe, hi);
  if (best == Who::Named || best == Who::Pronoun) return best;
  // Colon form: "Dr. Amara Osei:" right before the quotation.
  uint32_t p = qb;
  // step back over the opening mark and spaces: `said: “…`
  for (;;) {
    while (p > lo && doc_.text[p - 1] == ' ') --p;
    if (p > lo && (doc_.text[p - 1] == '"' || doc_.text[p - 1] == '\'')) --p;
    else if (p >= lo + 3 && static_cast<unsigned char>(doc_.text[p - 3]) == 0xE2 &&
             static_cast<unsigned char>(doc_.text[p - 2]) == 0x80 &&
             (static_cast<unsigned char>(doc_.text[p - 1]) == 0x9C || static_cast<unsigned char>(doc_.text[p - 1]) == 0x98))
      p -= 3;
    else break;
  }
  // "Oduya struck a defiant tone:", "The economist Tomás Reyna made the point on a podcast:" — a
  // clause naming someone and ending in a colon introduces their words.
  // The name must be in subject position: among the first words of the sentence or of a clause.
  if (p > lo && doc_.text[p - 1] == ':' && best != Who::Vague) {
    std::vector<Word> ws;
    words_of(doc_.text, lo, p - 1, ws);
    size_t in_clause = 0;
    for (size_t k = 0; k < ws.size(); ++k) {
      if (k > 0 && text(ws[k - 1].e, ws[k].b).find(',') != std::string_view::npos) in_clause = 0;
      if (in_clause < 4 && capitalized_name(ws[k].b, ws[k].e, ws[k].b == lo)) return Who::Named;
      ++in_clause;
    }
  }
  return best;
}

bool PageContext::anonymous(uint32_t lo, uint32_t hi) const {
  if (lo >= hi) return false;
  // Fixed phrases, not a lexicon list: what they mean is what this function does.
  static const PhraseMatcher phrases({"anonymity", "anonymously", "not to be named", "not to be identified",
                                      "not be named", "not be identified", "declined to be named",
                                      "declined to be identified", "not authorised to speak", "not authorized to speak",
                                      "not authorised to comment", "not authorized to comment",
                                      "not authorised to discuss", "not authorized to discuss"});
  return phrases.contains(text(lo, hi));
}

bool PageContext::venue(uint32_t lo, uint32_t hi) const {
  if (lo >= hi) return false;
  std::string_view st = text(lo, hi);
  if (lex_.venue_cues.contains(st)) return true;
  // "told Reuters", "told The Daily Courier"
  static const RE2 told(R"(\btold\s+(?:the\s+)?[A-Z])");
  return st.find("told") != std::string_view::npos && RE2::PartialMatch(st, told);
}

}  // namespace factlint
