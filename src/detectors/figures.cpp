// unattributed-figure: the quantity recognizer (compiled from the lexicons in rules/lexicon.cpp)
// finds percentages, money, magnitudes, ratios, fractions, multipliers, averages and large
// counts; a figure is reported when its sentence has no source in reach.
//
// Bare numbers are the hard part: a number with no unit is a figure only when it is large
// (1,000 and up), qualified ("more than 40", "up from 12") or counts something ("450 jobs").
// Years, identifiers ("Route 66", "Section 230"), street numbers, phone numbers, scores and
// durations are not figures; the checks below say how each is told apart, with no list of texts.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "detectors/context.h"
#include "document/ascii.h"

namespace factlint {

namespace {

double value_of(std::string_view s) {
  std::string digits;
  for (char c : s) {
    if (ascii::is_digit(c) || c == '.') digits += c;
    else if (c == ',') continue;
    else if (!digits.empty()) break;
  }
  return digits.empty() ? 0 : std::strtod(digits.c_str(), nullptr);
}

// Keeps a bare number only when it reads as a statistic.
bool bare_number_is_figure(PageContext& ctx, const Sentence& s, uint32_t b, uint32_t e, bool qualified,
                           std::string_view plural_noun) {
  const std::string& t = ctx.doc().text;
  std::string_view num = std::string_view(t).substr(b, e - b);
  size_t numlen = 0;
  while (numlen < num.size() && (ascii::is_digit(num[numlen]) || num[numlen] == ',' || num[numlen] == '.')) ++numlen;
  std::string_view digits = num.substr(0, numlen);
  bool grouped = digits.find(',') != std::string_view::npos;
  double v = value_of(digits);
  // Identifiers with letters and hyphens: "24-CV-01187", "A-320".
  if (b > 1 && t[b - 1] == '-' && ascii::is_alpha(t[b - 2])) return false;
  // Part of a hyphenated or slashed number: phone numbers, dates, scores, tallies, IDs.
  if (b > 1 && (t[b - 1] == '-' || t[b - 1] == '/' || t[b - 1] == '.' || t[b - 1] == ':') && ascii::is_digit(t[b - 2])) return false;
  uint32_t ne = b + static_cast<uint32_t>(numlen);
  if (ne + 1 < t.size() && (t[ne] == '-' || t[ne] == '/' || t[ne] == ':' || t[ne] == '.') && ascii::is_digit(t[ne + 1]))
    return false;
  // An ordinal suffix or a unit glued to the number (1st, 5km, 10am).
  if (ne < t.size() && ascii::is_alpha(t[ne])) return false;
  // Years: four digits, no grouping comma, 1000-2199.
  if (!grouped && digits.size() == 4 && v >= 1000 && v < 2200) return false;
  std::string_view prev = word_before(t, s.begin, b);
  // Identifiers: "Route 66", "Section 230", "No. 5", "#12", "Flight 1549", "IL 62704".
  if (!prev.empty() && !qualified) {
    const std::string lp = ascii::lower(prev);
    if ((ascii::is_upper(prev[0]) || prev.back() == '#' || lp == "no.") &&
        (!ctx.lex().sentence_starters.count(lp) || prev.back() == '#'))
      return false;
  }
  if (b > 0 && t[b - 1] == '#') return false;
  std::string_view next = word_after(t, ne, s.end);
  std::string ln = ascii::lower(next);
  // Street numbers: "1400 Elm Street" (a capitalised name follows).
  if (!next.empty() && ascii::is_upper(next[0]) && !qualified) return false;
  // Durations and measures are not statistics: "10,000 hours", "2,000 years".
  if (!ln.empty() && ctx.lex().excluded_units.count(ln)) return false;
  if (!plural_noun.empty() && ctx.lex().excluded_units.count(ascii::lower(plural_noun))) return false;
  if (qualified) return v >= 10 || !grouped;
  if (v >= 1000) return true;
  return !plural_noun.empty() && v >= 100;
}

bool is_measure(std::string_view m) {
  static const RE2 measure(R"((?i)^[\d.,]+\s?(?:°|degree|inch|millimet|centimet|mm\b|cm\b|kilomet|km|mile|metre|meter|mph|kilogram|kg|tonne|ton|pound|lb|litre|liter|gallon|acre|hectare|square))");
  return RE2::PartialMatch(m, measure);
}

}  // namespace

void detect_figures(PageContext& ctx, const RuleSet& rules, std::vector<Candidate>& out) {
  const auto& figure_rules = rules.rules_of_kind(RuleKind::Figure);
  if (figure_rules.empty()) return;
  const CompiledLexicon& lex = ctx.lex();
  const Document& d = ctx.doc();
  const std::string& t = d.text;

  // Tables whose caption or "Source:" line names a source: their cells are sourced.
  std::vector<int8_t> table_sourced;
  for (size_t bi = 0; bi < d.blocks.size(); ++bi) {
    const Block& b = d.blocks[bi];
    if (b.kind != BlockKind::TableCell || b.table < 0) continue;  // lists: see list_sourced below
    if (table_sourced.size() <= static_cast<size_t>(b.table)) table_sourced.resize(b.table + 1, -1);
    if (table_sourced[b.table] >= 0) continue;
    // Look at the blocks just around the table for a caption or source line.
    size_t first = bi, last = bi;
    while (last + 1 < d.blocks.size() && d.blocks[last + 1].table == b.table) ++last;
    bool sourced = false;
    static const RE2 source_line(R"((?i)^\s*(?:sources?|data|data source|figures|note)\s*:)");
    auto check = [&](size_t k) {
      const Block& c = d.blocks[k];
      std::string_view ct = std::string_view(t).substr(c.begin, c.end - c.begin);
      if (RE2::PartialMatch(ct, source_line) || ((c.kind == BlockKind::Caption) &&
                                                  (ctx.has_link(c.begin, c.end) || lex.source_cues.contains(ct))))
        sourced = true;
    };
    if (first > 0) check(first - 1);
    if (last + 1 < d.blocks.size()) check(last + 1);
    if (last + 2 < d.blocks.size() && d.blocks[last + 1].kind == BlockKind::Caption) check(last + 2);
    for (size_t k = first; k <= last; ++k)
      if (d.blocks[k].kind == BlockKind::Caption) check(k);
    table_sourced[b.table] = sourced ? 1 : 0;
  }

  // A run of list items followed (or preceded) by a "Source:" line is sourced like a table.
  std::vector<int8_t> list_sourced(d.blocks.size(), 0);
  {
    static const RE2 source_line(R"((?i)^\s*\*?(?:sources?|data|data source|figures)\s*:)");
    for (size_t bi = 0; bi < d.blocks.size();) {
      if (d.blocks[bi].kind != BlockKind::ListItem) {
        ++bi;
        continue;
      }
      size_t last = bi;
      while (last + 1 < d.blocks.size() && d.blocks[last + 1].kind == BlockKind::ListItem) ++last;
      auto is_source = [&](size_t k) {
        const Block& c = d.blocks[k];
        return RE2::PartialMatch(std::string_view(t).substr(c.begin, c.end - c.begin), source_line);
      };
      if ((last + 1 < d.blocks.size() && is_source(last + 1)))
        for (size_t k = bi; k <= last; ++k) list_sourced[k] = 1;
      bi = last + 1;
    }
  }

  // One match of the recognizer at [at, to) of sentence si; `sourced_state` caches the sentence's
  // attribution (-1: not asked yet).
  const auto& sentences = ctx.sentences();
  auto consider = [&](size_t si, size_t at, size_t to, int& sourced_state) {
    const Sentence& s = sentences[si];
    std::string_view st = ctx.sentence_text(si);
    re2::StringPiece input(st.data(), st.size());
    // "Average rents have climbed 9% in a year": the "average … N" form ends at the number, and
    // when a quantity starts there ("9%"), that quantity is the figure.
    if (to - at > 7 && (ascii::is_alpha(st[at]) || static_cast<unsigned char>(st[at]) >= 0x80)) {
      size_t n = to;
      while (n > at && (ascii::is_digit(st[n - 1]) || st[n - 1] == ',' || st[n - 1] == '.')) --n;
      std::string head = ascii::lower(st.substr(at, 6));
      re2::StringPiece q;
      if (n > at && n < to && (head.rfind("averag", 0) == 0 || head.rfind("median", 0) == 0 || head.rfind("mean", 0) == 0) &&
          lex.figure->Match(input, n, st.size(), RE2::ANCHOR_START, &q, 1) && n + q.size() > to &&
          lex.figure_core->Match(input, n, n + q.size(), RE2::ANCHOR_BOTH, nullptr, 0))
        at = n, to = n + q.size();
    }
    uint32_t mb = s.begin + static_cast<uint32_t>(at);
    uint32_t me = s.begin + static_cast<uint32_t>(to);
    // The match's parts, as `(prefix)?(?:core|(bare))` would capture them: a prefix when one
    // leads into a body that spans the rest, and a bare number when no core alternative does.
    // A bare number is digits, separators, spaces and a plural noun; anything else in the body
    // ("30%", "$2", "two million") can only be a core alternative, with no need to ask.
    auto core_at = [&](size_t from) {
      // (Non-ASCII bytes may be case variants of letters, such as the Kelvin sign for 'k'.)
      bool may_be_bare = from < to && ascii::is_digit(st[from]) && std::all_of(st.begin() + from, st.begin() + to, [](char c) {
                           auto u = static_cast<unsigned char>(c);
                           return u >= 0x80 || ascii::is_alnum(u) || ascii::is_space(u) || c == ',' || c == '.';
                         });
      // (figure_core holds only the quantities that can open with a digit, as this body does.)
      return !may_be_bare || lex.figure_core->Match(input, from, to, RE2::ANCHOR_BOTH, nullptr, 0);
    };
    size_t body = at;
    bool core = false;
    re2::StringPiece pm;
    // Approximators and "up from" are words: a match opening with a digit or symbol has none.
    unsigned char first = st[at];
    if ((!lex.figure_prefix_is_word || ascii::is_alpha(first) || first >= 0x80) &&
        lex.figure_prefix->Match(input, at, to, RE2::ANCHOR_START, &pm, 1) && !pm.empty() &&
        ((core = core_at(at + pm.size())) ||
         lex.figure_bare->Match(input, at + pm.size(), to, RE2::ANCHOR_BOTH, nullptr, 0)))
      body = at + pm.size();
    else
      core = core_at(at);
    bool qualified = body != at;
    bool bare_number = !core;
    while (me > mb && (t[me - 1] == ' ' || t[me - 1] == ',' || t[me - 1] == '.' || t[me - 1] == ';' ||
                       t[me - 1] == ':' || t[me - 1] == ')'))
      --me;
    if (me <= mb) return;
    if (bare_number) {
      uint32_t nb = s.begin + static_cast<uint32_t>(body);
      std::string_view bare = st.substr(body, to - body);
      size_t sp = bare.find(' ');
      std::string_view noun = sp == std::string_view::npos ? std::string_view() : bare.substr(sp + 1);
      if (!bare_number_is_figure(ctx, s, nb, nb + static_cast<uint32_t>(bare.size()), qualified, noun)) return;
    } else {
      std::string_view mt = std::string_view(t).substr(mb, me - mb);
      // A whole-number measure with no rate ("a 5 km run", "hold it 50 cm above") is narrative or
      // instruction; with a decimal or a rate ("1.4°C", "38 metres a year") it is a statistic.
      static const RE2 rate_tail(R"((?i)\s(?:a|per)\s+[a-z]+$)");
      if (ascii::is_digit(mt[0]) && is_measure(mt) && mt.find('.') == std::string_view::npos && value_of(mt) < 1000 &&
          !RE2::PartialMatch(mt, rate_tail))
        return;
      std::string lm = ascii::lower(mt);
      // "100% safe", "100 percent committed": a certainty, not a statistic.
      if ((lm.rfind("100%", 0) == 0 || lm.rfind("100 percent", 0) == 0) && lm.size() <= 11) {
        std::string nw = ascii::lower(word_after(t, me, s.end));
        if (!nw.empty() && nw != "of" && nw != "in" && nw != "increase" && nw != "rise" && nw != "more") return;
      }
      // "doubling down on AI", "to double down": a figure of speech, not a change.
      if (lm.find("doubl") != std::string::npos && ascii::lower(word_after(t, me, s.end)) == "down") return;
      // "the 2024 halving", "every halving", "The Halving Cycle": an event named by its noun, not a
      // change ("the doubling of rents" still is one).
      if (lm.size() > 3 && lm.compare(lm.size() - 3, 3, "ing") == 0 && lm.find(' ') == std::string::npos &&
          ascii::lower(word_after(t, me, s.end)) != "of") {
        std::string before = ascii::lower(word_before(t, s.begin, mb));
        bool names_event =
            before.size() == 4 && std::all_of(before.begin(), before.end(), [](char c) { return ascii::is_digit(c); });
        for (const char* d : {"the", "a", "every", "each", "this", "that", "next", "last", "its", "their", "his", "her"})
          if (before == d) names_event = true;
        if (names_event) return;
      }
      // "the first half of the season" is a period, not a proportion.
      if (ascii::is_alpha(mt[0]) && lm.find("half") != std::string::npos) {
        std::string_view before = std::string_view(t).substr(s.begin, mb - s.begin);
        if (RE2::PartialMatch(before, *lex.fraction_ordinal)) return;
      }
    }
    if (d.blocks[s.block].table >= 0 && static_cast<size_t>(d.blocks[s.block].table) < table_sourced.size() &&
        table_sourced[d.blocks[s.block].table] == 1)
      return;
    if (ctx.in_sourced_quote(mb, me)) return;  // the speaker and venue source it
    if (sourced_state < 0) sourced_state = ctx.attribution(si).sourced() ? 1 : 0;
    if (sourced_state == 1 && ctx.covers(si, mb, me)) return;
    for (const Rule* r : figure_rules) out.push_back(Candidate{r, mb, me, {}});
  };
  int sourced_state = -1;
  size_t current = SIZE_MAX;
  // The recognizer has no ^, \A or \z, and its one $ ("3x" at the end) sits beside \s, which
  // matches the space or line break after a sentence: one search of the page text is exact.
  ctx.for_each_sentence_match(*lex.figure, /*whole_text=*/true, [&](size_t si, size_t at, size_t to) {
    const Sentence& s = sentences[si];
    if (d.blocks[s.block].kind == BlockKind::Footnote || list_sourced[s.block]) return;
    if (si != current) current = si, sourced_state = -1;
    consider(si, at, to, sourced_state);
  });
}

}  // namespace factlint
