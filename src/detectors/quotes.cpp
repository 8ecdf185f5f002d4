// suspect-quote: finds quotations (curly and straight double quotes, ‘single’ quotes, <q>,
// <blockquote>), pairs their marks across sentences and paragraphs, then asks of each: who said
// it (a named speaker, a pronoun for the last named person, or only "critics"), and where can it
// be checked (a link, a footnote, a venue: "in a statement", "told the BBC", "at a hearing").
//
//   no speaker            -> check "no-speaker"
//   speaker, no source    -> check "no-source"
//   short, no speaker     -> check "scare" (a scare quote such as “zero-sum”)
//   a mark never closed   -> check "unbalanced"
#include <algorithm>
#include <string>

#include "detectors/context.h"
#include "document/ascii.h"
#include "document/bytes.h"

namespace factlint {

namespace {

enum class Mark { None, OpenDouble, CloseDouble, Straight, OpenSingle, CloseSingle };

// Reads the quotation mark at text[i], if any, and its byte length.
Mark mark_at(const std::string& t, uint32_t i, uint32_t& len) {
  unsigned char c = t[i];
  len = 1;
  if (c == '"') return Mark::Straight;
  if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) {
    len = 3;
    switch (static_cast<unsigned char>(t[i + 2])) {
      case 0x9C: return Mark::OpenDouble;   // “
      case 0x9D: return Mark::CloseDouble;  // ”
      case 0x9E: return Mark::OpenDouble;   // „
      case 0x98: return Mark::OpenSingle;   // ‘
      case 0x99: return Mark::CloseSingle;  // ’
    }
  }
  if (c == 0xC2 && i + 1 < t.size()) {
    len = 2;
    if (static_cast<unsigned char>(t[i + 1]) == 0xAB) return Mark::OpenDouble;   // «
    if (static_cast<unsigned char>(t[i + 1]) == 0xBB) return Mark::CloseDouble;  // »
  }
  return Mark::None;
}

bool space_or_open_before(const std::string& t, uint32_t i, uint32_t lo) {
  if (i == lo) return true;
  unsigned char p = t[i - 1];
  if (p == ' ' || p == '(' || p == '[' || p == '{' || p == '/' || p == ':' || p == '-') return true;
  // after an em or en dash, or after another opening mark
  if (i >= lo + 3 && static_cast<unsigned char>(t[i - 3]) == 0xE2 && static_cast<unsigned char>(t[i - 2]) == 0x80) {
    unsigned char q = t[i - 1];
    return q == 0x94 || q == 0x93 || q == 0x9C || q == 0x98;
  }
  return false;
}

struct Quote {
  uint32_t open, close;        // text positions of the marks (close = position after closing mark)
  uint32_t inner_b, inner_e;   // the quoted words
  bool blockquote = false;
  int32_t bq = -1;
};

size_t word_count(std::string_view s) {
  size_t n = 0;
  bool in = false;
  for (unsigned char c : s) {
    bool w = c != ' ';
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

}  // namespace

void detect_quotes(PageContext& ctx, const RuleSet& rules, std::vector<Candidate>& out) {
  const auto& quote_rules = rules.rules_of_kind(RuleKind::Quote);
  if (quote_rules.empty()) return;
  const Document& d = ctx.doc();
  const std::string& t = d.text;
  const CompiledLexicon& lex = ctx.lex();

  auto emit = [&](QuoteCheck check, uint32_t b, uint32_t e, const char* detail) {
    for (const Rule* r : quote_rules)
      if (r->quote_check == check) out.push_back(Candidate{r, b, e, detail});
  };

  std::vector<Quote> quotes;
  // 1. Typed quotation marks, block by block; a quotation left open at the end of a paragraph
  //    continues when the next paragraph opens with a mark (the typographic convention).
  bool open = false;
  uint32_t open_at = 0, open_len = 0;
  bool open_curly = false;
  for (size_t bi = 0; bi < d.blocks.size(); ++bi) {
    const Block& b = d.blocks[bi];
    if (b.kind == BlockKind::Footnote) continue;
    if (b.quote_id >= 0) {  // a <blockquote>: the block quote is the unit, handled below
      if (open) emit(QuoteCheck::Unbalanced, open_at, open_at + open_len, "unbalanced");
      open = false;
      continue;
    }
    if (open) {
      // continued from the previous paragraph only if this one starts with an opening mark
      uint32_t len;
      Mark m = mark_at(t, b.begin, len);
      if (!(m == Mark::OpenDouble || (m == Mark::Straight && !open_curly))) {
        emit(QuoteCheck::Unbalanced, open_at, open_at + open_len, "unbalanced");
        open = false;
      }
    }
    uint32_t single_open = UINT32_MAX, straight_single_open = UINT32_MAX;
    bool continuing = open;
    for (uint32_t i = b.begin; i < b.end;) {
      // Every quotation mark starts with '"', '\'', 0xE2 or 0xC2: jump from one such byte to the next.
      i = static_cast<uint32_t>(find_any_byte(t, i, b.end, '"', '\'', '\xE2', '\xC2'));
      if (i >= b.end) break;
      if (t[i] == '\'') {
        // Straight single quotes, as British style writes quotations ("the 'turning point'
        // narrative"): one opens before a letter after a space or an opening, and closes after a
        // letter or punctuation before no letter. An apostrophe inside a word ("Britain's") is
        // neither; a plural possessive ("developers' rules") closes only what was opened.
        bool letter_after = i + 1 < b.end && ascii::is_alpha(t[i + 1]);
        bool word_before = i > b.begin && (ascii::is_alnum(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == ',' ||
                                           t[i - 1] == '!' || t[i - 1] == '?');
        // "the players' union": an s, then a space and a lowercase word, is a possessive.
        bool possessive = word_before && t[i - 1] == 's' && i + 2 < b.end && t[i + 1] == ' ' && ascii::is_lower(t[i + 2]);
        // "'Tis", "'cause", "rock 'n' roll": elisions, not openings.
        auto elision = [&] {
          uint32_t e = i + 1;
          while (e < b.end && ascii::is_alpha(t[e])) ++e;
          std::string w = ascii::lower(std::string_view(t).substr(i + 1, e - i - 1));
          for (const char* x : {"tis", "twas", "cause", "em", "til", "till", "n", "bout", "round", "ere"})
            if (w == x) return true;
          return false;
        };
        // (A quotation in straight single quotes longer than 300 bytes is not looked for.)
        if (straight_single_open != UINT32_MAX && i > straight_single_open + 300) straight_single_open = UINT32_MAX;
        if (!open && straight_single_open == UINT32_MAX && letter_after && space_or_open_before(t, i, b.begin) &&
            !elision()) {
          straight_single_open = i;
        } else if (!open && straight_single_open != UINT32_MAX && word_before && !letter_after && !possessive) {
          if (i >= straight_single_open + 3)
            quotes.push_back(Quote{straight_single_open, i + 1, straight_single_open + 1, i, false, -1});
          straight_single_open = UINT32_MAX;
        }
        ++i;
        continue;
      }
      uint32_t len;
      Mark m = mark_at(t, i, len);
      if (m == Mark::None) {
        ++i;
        continue;
      }
      if (continuing && i == b.begin) {  // the mark that reopens a continued quotation
        i += len;
        continue;
      }
      if (!open && (m == Mark::OpenDouble || (m == Mark::Straight && space_or_open_before(t, i, b.begin)))) {
        open = true;
        open_at = i;
        open_len = len;
        open_curly = m == Mark::OpenDouble;
      } else if (open && (m == Mark::CloseDouble || (m == Mark::Straight && !open_curly))) {
        open = false;
        quotes.push_back(Quote{open_at, i + len, open_at + open_len, i, false, -1});
      } else if (!open && m == Mark::CloseDouble) {
        emit(QuoteCheck::Unbalanced, i, i + len, "unbalanced");
      } else if (!open && m == Mark::OpenSingle && space_or_open_before(t, i, b.begin)) {
        single_open = i;
      } else if (!open && m == Mark::CloseSingle && single_open != UINT32_MAX) {
        // ’ is also an apostrophe: it closes only when no letter follows
        bool letter_after = i + len < b.end && ascii::is_alpha(t[i + len]);
        if (!letter_after) {
          quotes.push_back(Quote{single_open, i + len, single_open + 3, i, false, -1});
          single_open = UINT32_MAX;
        }
      }
      i += len;
    }
  }
  if (open) emit(QuoteCheck::Unbalanced, open_at, open_at + open_len, "unbalanced");

  // 2. <q> elements.
  for (const Span& s : d.spans)
    if (s.kind == SpanKind::Q && s.end > s.begin) quotes.push_back(Quote{s.begin, s.end, s.begin, s.end, false, -1});

  // 3. Block quotes: the quoted blocks, and an attribution line if any (<footer>, <cite>, or a
  //    last paragraph opening with a dash).
  for (size_t qi = 0; qi < d.quotes_blocks.size(); ++qi) {
    const BlockQuote& bq = d.quotes_blocks[qi];
    if (bq.end <= bq.begin) continue;
    Quote q{bq.begin, bq.end, bq.begin, bq.end, true, static_cast<int32_t>(qi)};
    quotes.push_back(q);
  }

  // The last inline quotation with a named speaker: the sentence its words and tag end in.
  struct Spoken {
    size_t sentence = SIZE_MAX;
    PageContext::Who who = PageContext::Who::None;
    bool source = false;
  } spoken;
  for (const Quote& q : quotes) {
    if (q.inner_e <= q.inner_b) continue;
    std::string_view inner = ctx.text(q.inner_b, q.inner_e);
    // trim spaces and trailing punctuation for the word count
    size_t words = word_count(inner);
    size_t si_open = ctx.sentence_at(q.open);
    size_t si_close = ctx.sentence_at(q.close > 0 ? q.close - 1 : 0);
    const auto& sents = ctx.sentences();
    uint32_t lo = sents[si_open].begin, hi = sents[si_close].end;
    if (q.open < lo) lo = q.open;
    if (q.close > hi) hi = q.close;
    // "…,” she said. / “….” Moss said.: a short sentence right after may carry the speaker.
    if (si_close + 1 < sents.size() && sents[si_close].end <= q.close + 2 && sents[si_close + 1].block == sents[si_close].block &&
        word_count(ctx.sentence_text(si_close + 1)) <= 8)
      hi = sents[si_close + 1].end;

    PageContext::Who who = PageContext::Who::None;
    bool tagged = false;
    bool source = false;
    uint32_t mark_b = q.open, mark_e = q.close;
    if (q.blockquote) {
      const BlockQuote& bq = d.quotes_blocks[q.bq];
      uint32_t ab = bq.attr_begin, ae = bq.attr_end;
      if (ae <= ab) {
        // an attribution line: the last line of the quote that opens with a dash ("— Name,
        // Outlet"), as its own paragraph or after a line break inside the last one
        auto dash_at = [&](uint32_t p) {
          std::string_view bt = ctx.text(p, std::min<uint32_t>(p + 3, bq.end));
          return bt.rfind("\xE2\x80\x94", 0) == 0 || bt.rfind("\xE2\x80\x93", 0) == 0 || bt.rfind("--", 0) == 0 ||
                 bt.rfind("\xE2\x80\x95", 0) == 0 || bt.rfind("- ", 0) == 0;
        };
        // The quote's last block: blocks are in text order, so the last one ending inside it.
        auto last = std::upper_bound(d.blocks.begin(), d.blocks.end(), bq.end,
                                     [](uint32_t end, const Block& b) { return end < b.end; });
        if (last != d.blocks.begin() && std::prev(last)->begin >= bq.begin) {
          const Block& b = *std::prev(last);
          if (dash_at(b.begin)) {
            ab = b.begin, ae = b.end;
          } else {
            for (auto sb = std::upper_bound(d.soft_breaks.begin(), d.soft_breaks.end(), b.begin);
                 sb != d.soft_breaks.end() && *sb < b.end; ++sb)
              if (dash_at(*sb + 1)) ab = *sb + 1, ae = b.end;
          }
        }
      }
      if (ae > ab) {
        mark_e = ab;
        while (mark_e > mark_b && (t[mark_e - 1] == ' ' || t[mark_e - 1] == '\n')) --mark_e;
        std::string_view at = ctx.text(ab, ae);
        // a name in the attribution line makes a speaker; "— a reader" does not
        bool has_name = false;
        for (uint32_t i = ab; i < ae; ++i)
          if (ascii::is_upper(t[i]) && (i == ab || !ascii::is_alpha(t[i - 1]))) {
            uint32_t j = i;
            while (j < ae && ascii::is_alpha(t[j])) ++j;
            if (ctx.capitalized_name(i, j, false)) has_name = true;
          }
        // "— a resident of Ward 3", "— a Harrow Park teammate": an indefinite attribution names nobody
        static const RE2 indefinite_line(R"((?i)^(?:\x{2014}|\x{2013}|\x{2015}|--|-)?\s*(?:a|an|one|another|some)\s)");
        if (RE2::PartialMatch(at, indefinite_line)) has_name = false;
        who = has_name ? PageContext::Who::Named : PageContext::Who::None;
        // "— Name, Outlet" or a <cite> / link in the attribution names where to check it
        source = at.find(',') != std::string_view::npos || ctx.has_link(ab, ae) ||
                 ctx.has_span(SpanKind::Cite, ab, ae) || ctx.venue(ab, ae);
      }
      if (bq.has_link || ctx.has_link(bq.begin, bq.end)) source = true;
      if (who == PageContext::Who::None && ae <= ab) {
        // no attribution line: "As Moss told the council:" in the paragraph just before
        size_t prev = ctx.sentence_at(bq.begin > 0 ? bq.begin - 1 : 0);
        if (sents[prev].end <= bq.begin) {
          who = ctx.speaker(sents[prev].begin, sents[prev].end, sents[prev].end, sents[prev].end);
          if (who == PageContext::Who::Named || who == PageContext::Who::Pronoun)
            source = source || ctx.venue(sents[prev].begin, sents[prev].end) || ctx.has_link(sents[prev].begin, sents[prev].end);
        }
      }
    } else {
      // a quoted title ("the report “Water for All”") is not a quotation
      uint32_t before_end = q.open;
      while (before_end > lo && t[before_end - 1] == ' ') --before_end;
      uint32_t before_begin = before_end > lo + 30 ? before_end - 30 : lo;
      if (words <= 8 && RE2::PartialMatch(ctx.text(before_begin, before_end), *lex.work_cue_at_end)) continue;
      who = ctx.speaker(lo, hi, q.inner_b, q.inner_e, &tagged);
      source = ctx.has_link(lo, hi) || ctx.venue(lo, q.inner_b) || ctx.venue(q.inner_e, hi);
      // "In an interview with the Courier, Moss … “…,” she added.": a pronoun speaker keeps the
      // venue of the previous sentence of the same paragraph; a newly named speaker needs their own.
      if (!source && who == PageContext::Who::Pronoun && si_open > 0 && sents[si_open - 1].block == sents[si_open].block)
        source = ctx.venue(sents[si_open - 1].begin, sents[si_open - 1].end);
    }
    // "“Banks had fifty years,” she said in a post. “We fixed it in five.”": a quotation that opens
    // its sentence right after one that quoted a named speaker, in the same paragraph, goes on
    // with that speaker's words.
    if (!q.blockquote && who == PageContext::Who::None && !tagged && si_open > 0 && spoken.sentence == si_open - 1 &&
        q.open == sents[si_open].begin && sents[si_open - 1].block == sents[si_open].block)
      who = spoken.who, source = source || spoken.source;
    bool named = who == PageContext::Who::Named || who == PageContext::Who::Pronoun;
    if (!q.blockquote && named) spoken = Spoken{ctx.sentence_at(hi > 0 ? hi - 1 : 0), who, source};
    if (named && source) ctx.add_sourced_quote(q.inner_b, q.blockquote ? q.close : q.inner_e);
    if (!named && !q.blockquote && !tagged && words <= 4 && inner.size() <= 40) {
      emit(QuoteCheck::Scare, mark_b, mark_e, "scare quote");
    } else if (!named) {
      emit(QuoteCheck::NoSpeaker, mark_b, mark_e, "no speaker");
    } else if (!source) {
      emit(QuoteCheck::NoSource, mark_b, mark_e, "speaker but no source");
    }
  }
}

}  // namespace factlint
