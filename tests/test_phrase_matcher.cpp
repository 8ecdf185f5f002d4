// PhraseMatcher against its reference: the RE2 pattern phrase_alternation builds from the same
// list, compiled the way the lexicon compiles its patterns. Every question the detectors ask
// (where is the next match from a position, is there one in a piece of text, does one start
// here) must get the same answer from both, on the default lexicon lists and on lists written to
// sit on the edges, over text generated from the phrases themselves with their case, spacing and
// apostrophes changed and punctuation, word characters and look-alike characters around them.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine.h"
#include "rules/lexicon.h"
#include "rules/phrase_matcher.h"

using namespace factlint;

namespace {

struct Reference {
  explicit Reference(const std::vector<std::string>& phrases, bool hoist = true)
      : re(phrase_alternation(phrases, hoist), lexicon_options()) {}
  bool find(std::string_view text, size_t pos, size_t* b, size_t* e) const {
    re2::StringPiece in(text.data(), text.size()), m;
    if (!re.Match(in, pos, text.size(), RE2::UNANCHORED, &m, 1)) return false;
    *b = static_cast<size_t>(m.data() - text.data());
    *e = *b + m.size();
    return true;
  }
  bool contains(std::string_view s) const { return RE2::PartialMatch(s, re); }
  bool starts(std::string_view s) const {
    re2::StringPiece in(s.data(), s.size());
    return re.Match(in, 0, s.size(), RE2::ANCHOR_START, nullptr, 0);
  }
  RE2 re;
};

// Text made of the phrases, changed the ways real text differs from a word list, and of noise.
std::string random_text(std::mt19937& rng, const std::vector<std::string>& phrases) {
  static const char* const noise[] = {
      " ", " ", "  ", "\n", "\t", "\r\n", "\f", ",", ".", "'", "’", "-", "_", "x", "s", "a", "the ", "3", "(", ")",
      "“", "”", "é", "\xE2\x84\xAA" /* U+212A KELVIN SIGN */, "\xC5\xBF" /* U+017F LONG S */, "ab", "9x", "said", "Said"};
  std::string out;
  const size_t n = 1 + rng() % 12;
  for (size_t k = 0; k < n; ++k) {
    if (!phrases.empty() && rng() % 3 != 0) {
      std::string p = phrases[rng() % phrases.size()];
      if (rng() % 4 == 0 && p.size() > 2) p = p.substr(0, 1 + rng() % (p.size() - 1));  // a cut-off phrase
      std::string q;
      for (size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c == ' ' && rng() % 3 == 0) q += rng() % 2 ? "\n  " : "\t";
        else if (c == '\'' && rng() % 2) q += "’";
        else if (c == 'k' && rng() % 5 == 0) q += "\xE2\x84\xAA";  // KELVIN SIGN
        else if (c == 's' && rng() % 5 == 0) q += "\xC5\xBF";  // LONG S
        else if (rng() % 4 == 0) q += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        else q += c;
      }
      out += q;
    } else {
      out += noise[rng() % std::size(noise)];
    }
    if (rng() % 2) out += noise[rng() % 3];
  }
  return out;
}

void expect_same(const std::vector<std::string>& phrases, const std::string& what, int texts) {
  PhraseMatcher m(phrases);
  ASSERT_TRUE(m.ok()) << what << ": " << m.error();
  Reference ref(phrases);
  ASSERT_TRUE(ref.re.ok()) << what << ": " << ref.re.error();
  // The pattern with one \b around the alternation answers as the one with a \b beside each
  // phrase (what the recognizer and the rule prefilter compile is the first).
  Reference plain(phrases, /*hoist=*/false);
  ASSERT_TRUE(plain.re.ok()) << what << ": " << plain.re.error();
  std::mt19937 rng(2026);
  size_t matches = 0;
  for (int k = 0; k < texts; ++k) {
    // Every eighth text is several joined, long enough for find's sixteen-bytes-a-turn scan to
    // run over many blocks (finding from every position puts the blocks' edges everywhere).
    std::string t = random_text(rng, phrases);
    if (k % 8 == 0)
      for (int j = 0; j < 5; ++j) t += random_text(rng, phrases);
    // find from every position, as the detectors' loops do
    for (size_t pos = 0; pos <= t.size(); ++pos) {
      size_t b1 = 0, e1 = 0, b2 = 0, e2 = 0, b3 = 0, e3 = 0;
      const bool a = m.find(t, pos, &b1, &e1), r = ref.find(t, pos, &b2, &e2), p = plain.find(t, pos, &b3, &e3);
      ASSERT_EQ(a, r) << what << " find from " << pos << " in [" << t << "]";
      ASSERT_EQ(p, r) << what << " (plain pattern) find from " << pos << " in [" << t << "]";
      if (a) {
        ASSERT_EQ(b1, b2) << what << " find from " << pos << " in [" << t << "]";
        ASSERT_EQ(e1, e2) << what << " find from " << pos << " in [" << t << "]";
        ASSERT_EQ(std::make_pair(b3, e3), std::make_pair(b2, e2))
            << what << " (plain pattern) from " << pos << " in [" << t << "]";
        ++matches;
      }
    }
    // contains and starts on pieces of the text (nothing outside a piece counts)
    for (int j = 0; j < 8; ++j) {
      size_t b = rng() % (t.size() + 1), e = b + rng() % (t.size() - b + 1);
      std::string_view piece = std::string_view(t).substr(b, e - b);
      ASSERT_EQ(m.contains(piece), ref.contains(piece)) << what << " contains [" << piece << "]";
      ASSERT_EQ(m.starts(piece), ref.starts(piece)) << what << " starts [" << piece << "]";
    }
  }
  EXPECT_GT(matches, 0u) << what << ": the generated text never matched, so this compared nothing";
}

}  // namespace

TEST(PhraseMatcher, SameAnswersAsRE2OnTheDefaultLexicon) {
  RuleSet rs;
  PackError err;
  ASSERT_TRUE(rs.add_defaults(&err)) << err.to_string();
  size_t lists = 0;
  for (const char* name : {"reporting_verbs", "source_cues", "venue_cues", "vague_sources", "hedges", "source_nouns",
                           "continuation_cues", "negations", "role_nouns", "attribution_verbs", "work_cues",
                           // the lists the figure recognizer is written from
                           "magnitudes", "currency_symbols", "currency_names", "fractions", "change_words",
                           "approximators", "number_words"}) {
    const auto& list = rs.lexicon().get(name);
    ASSERT_FALSE(list.empty()) << name;
    expect_same(list, name, 300);
    ++lists;
  }
  EXPECT_EQ(lists, 18u);
  // and the phrases rules' lists, which the rule prefilter compiles
  size_t rules = 0;
  for (const auto& r : rs.rules())
    if (r->kind == RuleKind::Phrases) expect_same(r->phrases, r->id, 200), ++rules;
  EXPECT_GT(rules, 0u);
}

TEST(PhraseMatcher, SameAnswersAsRE2OnEdgeCases) {
  const std::vector<std::vector<std::string>> lists = {
      {"said", "Said", "said that", "says", "sa"},                  // case variants, prefixes, longer first
      {"it's", "it’s", "its", "o'clock", "'s", "’tis"},             // apostrophes either way, leading ones
      {"according to", "according  to", "according\tto", "to"},   // whitespace runs
      {" the", "the ", "a b ", "x"},                                // leading and trailing spaces
      {"op-ed", "e-mail", "co-founder", "-", "a-"},                 // hyphens, a phrase ending in one
      {"meanwhile, the", "however,", "(sic)", "u.s.", "no."},       // punctuation inside and at the ends
      {"kk", "ask", "ks", "desk", "sks"},                           // letters the look-alikes fold to
      {"3x", "x3", "_id", "a_b", "100"},                            // digits and '_' are word characters
      {"", "a", "", "a"},                                           // empty and duplicate entries
      {},                                                           // an empty list matches nothing
  };
  for (size_t k = 0; k < lists.size(); ++k) {
    if (lists[k].empty() || (lists[k].size() == 4 && lists[k][0].empty())) {
      // too few distinct phrases for the generator to be sure of a match: compare without the
      // "matched something" check
      PhraseMatcher m(lists[k]);
      Reference ref(lists[k]);
      std::mt19937 rng(7);
      for (int i = 0; i < 200; ++i) {
        std::string t = random_text(rng, lists[k]);
        size_t b1, e1, b2, e2;
        bool a = m.find(t, 0, &b1, &e1), r = ref.find(t, 0, &b2, &e2);
        ASSERT_EQ(a, r) << "[" << t << "]";
        if (a) EXPECT_EQ(std::make_pair(b1, e1), std::make_pair(b2, e2)) << "[" << t << "]";
      }
      continue;
    }
    expect_same(lists[k], "edge list #" + std::to_string(k), 400);
  }
}

// A list with letters outside ASCII is RE2's to match (Unicode case folding): the answers are
// still RE2's, "CAFÉ" included.
TEST(PhraseMatcher, NonAsciiListsAreMatchedByRE2) {
  PhraseMatcher m({"café", "naïve view"});
  ASSERT_TRUE(m.ok());
  size_t b, e;
  const std::string t = "The CAFÉ said";
  ASSERT_TRUE(m.find(t, 0, &b, &e));
  EXPECT_EQ(t.substr(b, e - b), "CAFÉ");
  EXPECT_TRUE(m.contains("a NAÏVE\nview"));
  EXPECT_FALSE(m.starts(" café"));
}
