#include "rules/lexicon.h"

#include <algorithm>

#include "document/ascii.h"

namespace factlint {

std::vector<std::string> alternation_order(const std::vector<std::string>& phrases) {
  std::vector<std::string> sorted = phrases;
  std::sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  if (!sorted.empty() && sorted.back().empty()) sorted.pop_back();  // the shortest sorts last
  return sorted;
}

std::string phrase_alternation(const std::vector<std::string>& phrases, bool hoist) {
  const std::vector<std::string> order = alternation_order(phrases);
  // When every phrase opens (closes) with a word character, the \b goes once around the whole
  // alternation instead of once per phrase: X(?:A|B) and (?:XA|XB) try the same paths in the same
  // order, so leftmost-first picks the same match, and the program is smaller to compile, to
  // reverse and to build DFA states for (the number words: 224 -> 193 instructions).
  auto all = [&](bool (*word_at_edge)(const std::string&)) {
    return hoist && !order.empty() && std::all_of(order.begin(), order.end(), word_at_edge);
  };
  const bool lead = all([](const std::string& p) { return ascii::is_word(p.front()); });
  const bool trail = all([](const std::string& p) { return ascii::is_word(p.back()); });
  std::string alt;
  for (const auto& p : order) {
    std::string piece;
    if (!lead && ascii::is_word(p.front())) piece += "\\b";
    bool in_space = false;
    for (size_t i = 0; i < p.size(); ++i) {
      unsigned char c = p[i];
      if (c == ' ' || c == '\t' || c == '\n') {
        if (!in_space) piece += "\\s+";
        in_space = true;
        continue;
      }
      in_space = false;
      if (c == '\'') {
        piece += "(?:'|’)";
      } else if (c == 0xE2 && i + 2 < p.size() && (unsigned char)p[i + 1] == 0x80 && (unsigned char)p[i + 2] == 0x99) {
        piece += "(?:'|’)";
        i += 2;
      } else if (ascii::is_alnum(c) || c >= 0x80) {
        piece += static_cast<char>(c);
      } else {
        piece += '\\';
        piece += static_cast<char>(c);
      }
    }
    if (!trail && ascii::is_word(p.back())) piece += "\\b";
    if (!alt.empty()) alt += '|';
    alt += piece;
  }
  if (alt.empty()) return "(?:[^\\x00-\\x{10FFFF}])";  // matches nothing
  if (lead || trail) return std::string("(?:") + (lead ? "\\b" : "") + "(?:" + alt + ")" + (trail ? "\\b" : "") + ")";
  return "(?:" + alt + ")";
}

namespace {

void set_error(PackError* err, std::string message) {
  if (!err) return;
  err->loc.file = "<lexicon>";
  err->loc.line = err->loc.column = 0;
  err->message = std::move(message);
}

void make_set(std::unordered_set<std::string>& out, const Lexicon& lex, const char* name) {
  for (const auto& w : lex.get(name)) {
    std::string l = ascii::lower(w);
    if (!l.empty() && l.back() == '.') l.pop_back();
    out.insert(l);
  }
}

}  // namespace

std::unique_ptr<CompiledLexicon> prepare_lexicon(const Lexicon& lex, std::vector<LexiconMatcher>& matchers,
                                                 PackError* err) {
  auto c = std::make_unique<CompiledLexicon>();
  for (auto [slot, name] : std::initializer_list<std::pair<PhraseMatcher*, const char*>>{
           {&c->reporting_verbs, "reporting_verbs"}, {&c->source_cues, "source_cues"},
           {&c->venue_cues, "venue_cues"}, {&c->vague_sources, "vague_sources"}, {&c->hedges, "hedges"},
           {&c->source_nouns, "source_nouns"}, {&c->continuation_cues, "continuation_cues"},
           {&c->negations, "negations"}, {&c->role_nouns, "role_nouns"},
           {&c->attribution_verbs, "attribution_verbs"}}) {
    *slot = PhraseMatcher(lex.get(name));
    if (!slot->ok()) {
      set_error(err, std::string("lexicon '") + name + "': " + slot->error());
      return nullptr;
    }
  }
  matchers.push_back({&c->work_cue_at_end, phrase_alternation(lex.get("work_cues")) + R"(\s*(?:the\s+|a\s+|an\s+)?$)",
                  "lexicon 'work_cues'"});
  make_set(c->abbreviations, lex, "abbreviations");
  make_set(c->sentence_starters, lex, "sentence_starters");
  make_set(c->pronouns, lex, "pronouns");
  make_set(c->number_words, lex, "number_words");
  make_set(c->excluded_units, lex, "excluded_units");
  c->magnitudes_alt = phrase_alternation(lex.get("magnitudes"));
  c->currency_alt = phrase_alternation(lex.get("currency_symbols"));
  c->currency_names_alt = phrase_alternation(lex.get("currency_names"));
  c->fraction_alt = phrase_alternation(lex.get("fractions"));
  c->change_alt = phrase_alternation(lex.get("change_words"));
  c->approx_alt = phrase_alternation(lex.get("approximators"));
  c->number_words_alt = phrase_alternation(lex.get("number_words"));

  const std::string NUM = R"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)";
  const std::string RANGE = R"((?:\s*(?:-|–|—|to|and)\s*)" + NUM + ")?";
  const std::string PCT = R"((?:\s?%|\s?percent\b|\s?per\s+cent\b|\s?pct\b|\s?percentage[- ]points?\b|\s?basis\s+points?\b|\s?bps\b))";
  const std::string MAG = "(?:\\s?" + c->magnitudes_alt + "|(?:k|m|mn|bn|b|tn)\\b)";
  const std::string RATE =
      R"((?:\s*/\s*[A-Za-z]{1,12}\b|\s+per\s+[a-z]+\b|\s+an?\s+(?:hour|day|week|month|year|share|barrel|gallon|litre|liter|kilogram|kilo|pound|ton|tonne|head|person|night|unit|square\s+foot|square\s+metre|square\s+meter)\b))";
  // A magnitude written onto the number ("4bn euros", "3.2m people"): the lists' words need a word
  // boundary before them, which "3bn" does not have. Lower case only ("3M" is a company). A bare
  // "m" is also metres, and "the 100m final" a race, not a figure: only after a decimal ("3.2m").
  // "b" and "k" ("Form 3b", "a 4k screen") count only after a currency sign, in MAG.
  const std::string ATTACHED = "(?-i:mn|bn|bln|mln|tn)\\b";
  const std::string CUR = c->currency_alt;
  const std::string NW = c->number_words_alt;
  const std::string TIMES =
      "\\s+times\\s+(?:as|more|less|higher|lower|larger|bigger|smaller|faster|slower|quicker|greater|cheaper|"
      "costlier|longer|shorter|wider|deeper|taller|heavier|stronger|richer|likelier|better|worse|over|the|face|list|"
      "market|retail|its|their|his|her|what|that|those|(?:a|per|each|every)\\s+(?:day|week|month|year|hour|minute))\\b";
  const std::string IN_EVERY = "\\s+(?:in|out\\s+of)\\s+(?:every\\s+)?(?:\\d{1,3}|" + NW + ")\\b";  // two in three
  // The recognizer is PREFIX? (core | BARE): an optional approximator or comparative before the
  // number, then a quantity, or a bare number that the figure detector keeps only when it is
  // large or qualified (see detectors/figures.cpp).
  //
  // Each part is written once where the form allowed it: the number, then one alternation of
  // what may follow it; a range once for percentages, magnitudes and currency names; a rate once
  // for the last two. The number-word list now appears three times in the program instead of
  // eight, and the program is about a fifth smaller, which is what compiling it, its reverse and
  // its DFA states cost. Which match wins (leftmost-first) is unchanged, because the choices
  // merged here never compete for the same text: digits, number words and the other openings
  // start on different characters; a number's digits parse one way whatever follows (nothing
  // that follows a number starts with a digit, ',' or '.'); a range starts with a dash, "to" or
  // "and", which no unit, magnitude or currency name does; a magnitude is not a currency name;
  // and the alternatives after each opening keep the order they had when written out whole.
  // (A pack whose lexicons break one of these, say a currency name that is also a magnitude,
  // gets the first of the two matches in this order.)
  // `words` adds the quantities that open with a fixed word ("a million", "twice", "average");
  // a list passed empty leaves its alternative out.
  auto quantities = [&](const std::string& nw, const std::string& cur, const std::string& fractions,
                        const std::string& changes, bool words) {
    std::string q;
    q += "\\b" + NUM + "(?:" + RANGE + "(?:" + PCT;                                           // 30%, 2-3%
    q += "|(?:\\s?(?:" + c->magnitudes_alt + "(?:\\s+" + c->currency_names_alt + ")?";     // 2.3 million
    q += "|" + c->currency_names_alt + ")";                                                     // 500 euros
    q += "|" + ATTACHED + "(?:\\s+" + c->currency_names_alt + ")?)" + RATE + "?)";          // 4bn, 40mn euros
    q += "|\\s?[x×](?:\\s|$|[,.;:)])";                                                      // 3x
    q += "|[- ]?fold\\b";                                                                     // 3-fold
    q += "|" + TIMES;                                                                           // 3 times as
    q += "|\\s?(?:°\\s?[CF]?|degrees?(?:\\s+(?:celsius|fahrenheit))?|inches|millimet(?:re|er)s|centimet(?:re|er)s|mm|cm|kilomet(?:re|er)s|km|miles|metres|meters|mph|km/h|kilograms|kg|tonnes|tons|pounds|lbs|litres|liters|gallons|acres|hectares|square\\s+(?:feet|metres|meters|miles|kilomet(?:re|er)s)|gbps|mbps|gb|tb|mah|kwh|mwh|gwh|mw|gw)\\b(?:\\s+(?:a|per)\\s+[a-z]+)?";
    q += ")";
    q += "|\\b\\d{1,3}" + IN_EVERY;                                                        // 3 in 4
    q += "|\\b\\d+\\.\\d+-[a-z]+\\b";                                                 // a 2.1-month supply
    q += "|\\b\\d+\\.\\d+(?-i:m)\\b";                                                     // 3.2m
    q += "|\\b\\d+-(?:year|month|week|decade)\\s+(?:high|low|peak|record)\\b";             // a 20-year low
    if (!nw.empty()) {
      q += "|\\b" + nw + "(?:" + RANGE + PCT;                                                 // ten percent
      q += "|\\s+" + c->magnitudes_alt;                                                       // two million
      q += "|" + IN_EVERY;                                                                      // two in three
      q += "|[- ]?fold\\b";                                                                   // fivefold
      q += "|" + TIMES + ")";                                                                   // ten times the
    }
    if (!cur.empty())
      q += "|" + cur + "\\s?" + NUM + "(?:\\s*(?:-|–|to)\\s*" + CUR + "?\\s?" + NUM + ")?" + MAG + "?" + RATE + "?";  // $0.01/GB
    if (words) q += "|\\b(?:a|half\\s+a)\\s+(?:million|billion|trillion)\\b";
    if (!fractions.empty()) q += "|" + fractions;                                             // a majority of
    if (words) q += "|\\btwice\\s+(?:as|the|what)\\b";
    if (!changes.empty()) q += "|" + changes;                                                 // quadrupled
    if (words)
      q += "|\\b(?:average|median|mean)\\s+(?:[a-z]+\\s+){0,3}?(?:of\\s+)?(?:about\\s+|around\\s+|roughly\\s+|nearly\\s+|just\\s+)?" + NUM;
    return q;
  };
  const std::string core = quantities(NW, CUR, c->fraction_alt, c->change_alt, true);
  // What figures.cpp asks figure_core about is a match's body that opens with a digit: only the
  // alternatives that can open with one, and only the list entries that do (none, in the default
  // lists), can match it, and the smaller program is cheaper to compile.
  auto digit_led = [&](const char* name) {
    std::vector<std::string> out;
    for (const std::string& w : lex.get(name))
      if (!w.empty() && w[0] >= '0' && w[0] <= '9') out.push_back(w);
    return out.empty() ? std::string() : phrase_alternation(out);
  };
  const std::string digit_core = quantities(digit_led("number_words"), digit_led("currency_symbols"),
                                            digit_led("fractions"), digit_led("change_words"), false);
  const std::string PREFIX = "(?:" + c->approx_alt + "\\s+|\\b(?:up|down)\\s+from\\s+(?:about\\s+|around\\s+|roughly\\s+)?)";
  const std::string BARE = "(?:\\b" + NUM + "\\b(?:\\s+[a-z]{3,}s\\b)?)";            // 1,200 / 450 jobs
  const std::string BODY = "(?:" + core + "|" + BARE + ")";
  // No capture groups: detect_figures asks for the parts with the small anchored matchers.
  matchers.push_back({&c->figure, PREFIX + "?" + BODY, "figure recognizer"});
  matchers.push_back({&c->figure_prefix, PREFIX, "figure recognizer"});
  matchers.push_back({&c->figure_core, "(?:" + digit_core + ")", "figure recognizer"});
  matchers.push_back({&c->figure_bare, BARE, "figure recognizer"});
  matchers.push_back({&c->fraction_ordinal, R"((?:first|second|third|fourth|latter|other|back|front)\s+$)", "figure recognizer"});
  c->figure_prefix_is_word = std::all_of(lex.get("approximators").begin(), lex.get("approximators").end(),
                                         [](const std::string& a) { return !a.empty() && ascii::is_alpha(a[0]); });

  return c;
}

const RE2::Options& lexicon_options() {
  static const RE2::Options o = [] {
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    o.set_max_mem(64 << 20);
    return o;
  }();
  return o;
}

bool lexicon_compiled(const std::vector<LexiconMatcher>& matchers, PackError* err) {
  for (const LexiconMatcher& m : matchers)
    if (!*m.slot || !(*m.slot)->ok()) {
      set_error(err, m.what + ": " + (*m.slot ? (*m.slot)->error() : std::string("not compiled")));
      return false;
    }
  return true;
}

const std::vector<std::string>& Lexicon::get(std::string_view name) const {
  static const std::vector<std::string> empty;
  auto it = lists.find(name);
  return it == lists.end() ? empty : it->second;
}

}  // namespace factlint
