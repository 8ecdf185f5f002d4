#include "rules/lexicon.h"

#include <algorithm>
#include <cctype>

namespace factlint {

namespace {
// RE2's \b is ASCII-only, so only ASCII word characters may carry a boundary ("£" must not).
bool is_word_char(unsigned char c) { return std::isalnum(c) || c == '_'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

std::string phrase_alternation(const std::vector<std::string>& phrases) {
  std::vector<std::string> sorted = phrases;
  std::sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::string alt;
  for (const auto& p : sorted) {
    if (p.empty()) continue;
    std::string piece;
    if (is_word_char(p.front())) piece += "\\b";
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
      } else if (std::isalnum(c) || c >= 0x80) {
        piece += static_cast<char>(c);
      } else {
        piece += '\\';
        piece += static_cast<char>(c);
      }
    }
    if (is_word_char(p.back())) piece += "\\b";
    if (!alt.empty()) alt += '|';
    alt += piece;
  }
  if (alt.empty()) return "(?:[^\\x00-\\x{10FFFF}])";  // matches nothing
  return "(?:" + alt + ")";
}

namespace {

void set_error(PackError* err, std::string message) {
  if (!err) return;
  err->loc.file = "<lexicon>";
  err->loc.line = err->loc.column = 0;
  err->message = std::move(message);
}

bool make(LexRe& out, const Lexicon& lex, const char* name, PackError* err) {
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  out = std::make_unique<RE2>(phrase_alternation(lex.get(name)), o);
  if (!out->ok()) {
    set_error(err, std::string("lexicon '") + name + "': " + out->error());
    return false;
  }
  return true;
}

void make_set(std::unordered_set<std::string>& out, const Lexicon& lex, const char* name) {
  for (const auto& w : lex.get(name)) {
    std::string l = lower(w);
    if (!l.empty() && l.back() == '.') l.pop_back();
    out.insert(l);
  }
}

}  // namespace

std::unique_ptr<CompiledLexicon> compile_lexicon(const Lexicon& lex, PackError* err) {
  auto c = std::make_unique<CompiledLexicon>();
  if (!make(c->reporting_verbs, lex, "reporting_verbs", err) || !make(c->source_cues, lex, "source_cues", err) ||
      !make(c->venue_cues, lex, "venue_cues", err) || !make(c->vague_sources, lex, "vague_sources", err) ||
      !make(c->hedges, lex, "hedges", err) || !make(c->source_nouns, lex, "source_nouns", err) ||
      !make(c->continuation_cues, lex, "continuation_cues", err) || !make(c->negations, lex, "negations", err) ||
      !make(c->work_cues, lex, "work_cues", err) || !make(c->role_nouns, lex, "role_nouns", err) ||
      !make(c->attribution_verbs, lex, "attribution_verbs", err))
    return nullptr;
  {
    RE2::Options o;
    o.set_case_sensitive(false);
    o.set_log_errors(false);
    c->work_cue_at_end = std::make_unique<RE2>(phrase_alternation(lex.get("work_cues")) + R"(\s*(?:the\s+|a\s+|an\s+)?$)", o);
  }
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
  const std::string NUMX = "(?:" + NUM + "|" + c->number_words_alt + ")";
  const std::string RANGE = R"((?:\s*(?:-|–|—|to|and)\s*)" + NUM + ")?";
  const std::string PCT = R"((?:\s?%|\s?percent\b|\s?per\s+cent\b|\s?pct\b|\s?percentage[- ]points?\b|\s?basis\s+points?\b|\s?bps\b))";
  const std::string MAG = "(?:\\s?" + c->magnitudes_alt + "|(?:k|m|mn|bn|b|tn)\\b)";
  const std::string RATE =
      R"((?:\s*/\s*[A-Za-z]{1,12}\b|\s+per\s+[a-z]+\b|\s+an?\s+(?:hour|day|week|month|year|share|barrel|gallon|litre|liter|kilogram|kilo|pound|ton|tonne|head|person|night|unit|square\s+foot|square\s+metre|square\s+meter)\b))";
  const std::string CUR = c->currency_alt;
  // Group 1: an approximator or comparative before the number; group 2: a bare number, which
  // the figure detector keeps only when it is large or qualified (see detectors/figures.cpp).
  std::string core;
  core += "\\b" + NUMX + RANGE + PCT;                                                   // 30%, ten percent
  core += "|" + CUR + "\\s?" + NUM + "(?:\\s*(?:-|–|to)\\s*" + CUR + "?\\s?" + NUM + ")?" + MAG + "?" + RATE + "?";  // $0.01/GB
  core += "|\\b" + NUM + RANGE + "\\s?" + c->magnitudes_alt + "(?:\\s+" + c->currency_names_alt + ")?" + RATE + "?";  // 2.3 million
  core += "|\\b" + c->number_words_alt + "\\s+" + c->magnitudes_alt;                    // two million
  core += "|\\b(?:a|half\\s+a)\\s+(?:million|billion|trillion)\\b";
  core += "|\\b" + NUM + RANGE + "\\s?" + c->currency_names_alt + RATE + "?";            // 500 euros
  core += "|\\b(?:\\d{1,3}|" + c->number_words_alt + ")\\s+(?:in|out\\s+of)\\s+(?:every\\s+)?(?:\\d{1,3}|" +
          c->number_words_alt + ")\\b";                                                    // two in three
  core += "|" + c->fraction_alt;                                                               // a majority of
  core += "|\\b" + NUM + "\\s?[x×](?:\\s|$|[,.;:)])";                                  // 3x
  core += "|\\b" + NUMX + "[- ]?fold\\b";                                                // fivefold
  core += "|\\b" + NUMX + "\\s+times\\s+(?:as|more|less|higher|lower|larger|bigger|faster|greater|over|the)\\b";
  core += "|\\btwice\\s+(?:as|the|what)\\b";
  core += "|\\b" + NUMX + "\\s+times\\s+(?:face|list|market|retail|its|their|his|her|what|that)\\b";
  core += "|\\b" + NUMX + "\\s+times\\s+(?:a|per|each|every)\\s+(?:day|week|month|year|hour|minute)\\b";
  core += "|\\b" + NUM + "\\s?(?:°\\s?[CF]?|degrees?(?:\\s+(?:celsius|fahrenheit))?|inches|millimet(?:re|er)s|centimet(?:re|er)s|mm|cm|kilomet(?:re|er)s|km|miles|metres|meters|mph|km/h|kilograms|kg|tonnes|tons|pounds|lbs|litres|liters|gallons|acres|hectares|square\\s+(?:feet|metres|meters|miles|kilomet(?:re|er)s)|gbps|mbps|gb|tb|mah|kwh|mwh|gwh|mw|gw)\\b(?:\\s+(?:a|per)\\s+[a-z]+)?";
  core += "|\\b\\d+\\.\\d+-[a-z]+\\b";                                           // a 2.1-month supply
  core += "|" + c->change_alt;                                                                 // quadrupled
  core += "|\\b(?:average|median|mean)\\s+(?:[a-z]+\\s+){0,3}?(?:of\\s+)?(?:about\\s+|around\\s+|roughly\\s+|nearly\\s+|just\\s+)?" + NUM;
  const std::string PREFIX = "(?:" + c->approx_alt + "\\s+|\\b(?:up|down)\\s+from\\s+(?:about\\s+|around\\s+|roughly\\s+)?)";
  const std::string BARE = "(?:\\b" + NUM + "\\b(?:\\s+[a-z]{3,}s\\b)?)";            // 1,200 / 450 jobs
  const std::string BODY = "(?:" + core + "|" + BARE + ")";
  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  // No capture groups: detect_figures asks for the parts with the small anchored matchers below.
  c->figure = std::make_unique<RE2>(PREFIX + "?" + BODY, o);
  c->figure_prefix = std::make_unique<RE2>(PREFIX, o);
  c->figure_prefix_is_word = std::all_of(lex.get("approximators").begin(), lex.get("approximators").end(),
                                         [](const std::string& a) { return !a.empty() && std::isalpha(static_cast<unsigned char>(a[0])); });
  c->figure_core = std::make_unique<RE2>("(?:" + core + ")", o);
  c->figure_bare = std::make_unique<RE2>(BARE, o);
  for (const LexRe* re : {&c->figure, &c->figure_prefix, &c->figure_core, &c->figure_bare})
    if (!(*re)->ok()) {
      set_error(err, "figure recognizer: " + (*re)->error());
      return nullptr;
    }
  c->fraction_ordinal = std::make_unique<RE2>(R"((?:first|second|third|fourth|latter|other|back|front)\s+$)", o);
  return c;
}

const std::vector<std::string>& Lexicon::get(std::string_view name) const {
  static const std::vector<std::string> empty;
  auto it = lists.find(name);
  return it == lists.end() ? empty : it->second;
}

}  // namespace factlint
