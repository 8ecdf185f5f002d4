#include "rules/phrase_matcher.h"

#include <algorithm>
#include <array>
#include <climits>
#include <map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "document/ascii.h"
#include "rules/lexicon.h"

namespace factlint {

namespace {

// RE2's \b (ascii::is_word) and what a byte reads as on its own (letters in lower case, any other
// byte itself), as tables: the search loops ask them of every byte.
constexpr std::array<bool, 256> kWordByte = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = ascii::is_word(static_cast<unsigned char>(c));
  return t;
}();
constexpr std::array<uint8_t, 256> kSymbol = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = ascii::to_lower(static_cast<unsigned char>(c));
  return t;
}();

// The symbol at text[i] and how many bytes it takes. Besides kSymbol: a run of RE2's \s bytes
// (HTML's whitespace) is one ' ' (a phrase's space is \s+, and nothing in a phrase follows a space
// but a non-space); ’ reads as '; and the two characters Unicode case folding makes ASCII letters
// read as those letters, as they do for RE2 (U+212A KELVIN SIGN as k, U+017F LONG S as s).
inline uint8_t symbol_at(std::string_view t, size_t i, size_t* len) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c < 0x80) {
    if (ascii::is_html_space(c)) {
      size_t j = i + 1;
      while (j < t.size() && ascii::is_html_space(t[j])) ++j;
      *len = j - i;
      return ' ';
    }
    *len = 1;
    return kSymbol[c];
  }
  if (c == 0xE2 && i + 2 < t.size()) {
    const auto b1 = static_cast<unsigned char>(t[i + 1]), b2 = static_cast<unsigned char>(t[i + 2]);
    if (b1 == 0x80 && b2 == 0x99) return *len = 3, '\'';
    if (b1 == 0x84 && b2 == 0xAA) return *len = 3, 'k';
  }
  if (c == 0xC5 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xBF) return *len = 2, 's';
  *len = 1;
  return c;
}

// A phrase as symbols, the way phrase_alternation writes it: spaces, tabs and line breaks as one
// ' ', ’ as ', letters in lower case. False when RE2 would read the phrase differently from bytes.
bool symbols_of(const std::string& p, std::string& out) {
  out.clear();
  bool in_space = false;
  for (size_t i = 0; i < p.size(); ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!in_space) out += ' ';
      in_space = true;
      continue;
    }
    in_space = false;
    if (c == 0xE2 && i + 2 < p.size() && static_cast<unsigned char>(p[i + 1]) == 0x80 &&
        static_cast<unsigned char>(p[i + 2]) == 0x99) {
      out += '\'';
      i += 2;
    } else if (c >= 0x80 || c < 0x20 || c == 0x7F) {
      return false;  // case folding beyond ASCII, or a control byte (\f, \r would read as space)
    } else {
      out += static_cast<char>(kSymbol[c]);
    }
  }
  return true;
}

}  // namespace

PhraseMatcher::PhraseMatcher() : nodes_(1) {
  std::fill(std::begin(root_edge_), std::end(root_edge_), -1);
  std::fill(std::begin(may_start_), std::end(may_start_), false);
}

PhraseMatcher::PhraseMatcher(const std::vector<std::string>& phrases) : PhraseMatcher() {
  // A phrase's rank is its place in the alternation's order.
  const std::vector<std::string> sorted = alternation_order(phrases);

  // Build with maps, then lay the edges out flat, each node's together.
  std::vector<std::map<uint8_t, int32_t>> children(1);
  std::vector<int32_t> rank(1, -1);
  std::string sym;
  for (size_t r = 0; r < sorted.size(); ++r) {
    if (!symbols_of(sorted[r], sym)) {
      RE2::Options o = lexicon_options();
      fallback_ = std::make_unique<RE2>(phrase_alternation(phrases), o);
      return;
    }
    int32_t n = 0;
    for (unsigned char s : sym) {
      auto it = children[n].find(s);
      if (it == children[n].end()) {
        it = children[n].emplace(s, static_cast<int32_t>(children.size())).first;
        children.emplace_back();
        rank.push_back(-1);
      }
      n = it->second;
    }
    if (rank[n] < 0) rank[n] = static_cast<int32_t>(r);  // the first listed of equal phrases wins
  }
  nodes_.assign(children.size(), Node{});
  for (size_t n = 0; n < children.size(); ++n) {
    nodes_[n].first_edge = static_cast<uint32_t>(edges_.size());
    nodes_[n].edge_count = static_cast<uint32_t>(children[n].size());
    nodes_[n].rank = rank[n];
    for (auto [s, to] : children[n]) edges_.push_back(Edge{s, to});
  }
  for (auto [s, to] : children[0]) root_edge_[s] = to;
  // The bytes a symbol the root has can begin with (see symbol_at).
  for (int c = 0; c < 0x80; ++c) may_start_[c] = root_edge_[ascii::is_html_space(c) ? ' ' : kSymbol[c]] >= 0;
  may_start_[0xE2] = root_edge_['\''] >= 0 || root_edge_['k'] >= 0;
  may_start_[0xC5] = root_edge_['s'] >= 0;
}

PhraseMatcher::PhraseMatcher(PhraseMatcher&&) noexcept = default;
PhraseMatcher& PhraseMatcher::operator=(PhraseMatcher&&) noexcept = default;
PhraseMatcher::~PhraseMatcher() = default;

bool PhraseMatcher::ok() const { return !fallback_ || fallback_->ok(); }

std::string PhraseMatcher::error() const { return fallback_ ? fallback_->error() : std::string(); }

#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline bool PhraseMatcher::match_at(std::string_view t, size_t p, size_t* end, bool check_before) const {
  size_t len;
  const uint8_t first = symbol_at(t, p, &len);
  int32_t n = root_edge_[first];
  if (n < 0) return false;
  // \b before a phrase that starts with a word character (RE2 compares the bytes around).
  if (check_before && kWordByte[first] &&
      (p > 0 && kWordByte[static_cast<unsigned char>(t[p - 1])]) == kWordByte[static_cast<unsigned char>(t[p])])
    return false;
  size_t i = p + len;
  uint8_t last = first;
  int32_t best = INT32_MAX;
  for (;;) {
    const Node& node = nodes_[n];
    // \b after a phrase that ends with a word character.
    if (node.rank >= 0 && node.rank < best &&
        (!kWordByte[last] ||
         kWordByte[static_cast<unsigned char>(t[i - 1])] != (i < t.size() && kWordByte[static_cast<unsigned char>(t[i])])))
      best = node.rank, *end = i;
    if (i >= t.size() || node.edge_count == 0) break;
    const uint8_t s = symbol_at(t, i, &len);
    const Edge* e = edges_.data() + node.first_edge;
    const Edge* stop = e + node.edge_count;
    while (e < stop && e->symbol != s) ++e;
    if (e == stop) break;
    n = e->to;
    i += len;
    last = s;
  }
  return best != INT32_MAX;
}

bool PhraseMatcher::find(std::string_view text, size_t pos, size_t* begin, size_t* end) const {
  if (fallback_) {
    re2::StringPiece in(text.data(), text.size()), m;
    if (pos > text.size() || !fallback_->Match(in, pos, text.size(), RE2::UNANCHORED, &m, 1)) return false;
    *begin = static_cast<size_t>(m.data() - text.data());
    *end = *begin + m.size();
    return true;
  }
  const auto* d = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t p = pos;
  // Inside a word no phrase can start: one starting with a word character needs \b there, and
  // a word byte never reads as a symbol that is not a word character. So the places to try are
  // the bytes that are not word characters and the first byte of each word.
  bool after_word = p > 0 && p <= n && kWordByte[d[p - 1]];
#if defined(__SSE2__)
  // Sixteen bytes a turn: a mask of the word bytes gives the places to try at once (spaces left
  // out when no phrase starts with one), and only those are looked at.
  const __m128i k20 = _mm_set1_epi8(0x20), ka = _mm_set1_epi8('a'), k0 = _mm_set1_epi8('0');
  const __m128i k25 = _mm_set1_epi8(25), k9 = _mm_set1_epi8(9), kus = _mm_set1_epi8('_');
  const __m128i ksp = _mm_set1_epi8(' ');
  const unsigned skip_spaces = may_start_[' '] ? 0u : 0xFFFFu;
  for (; p + 16 <= n; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + p));
    // A letter is (c | 0x20) - 'a' <= 25, a digit c - '0' <= 9, both unsigned (x == min(x, limit)).
    const __m128i l = _mm_sub_epi8(_mm_or_si128(v, k20), ka);
    const __m128i g = _mm_sub_epi8(v, k0);
    const __m128i letter = _mm_cmpeq_epi8(_mm_min_epu8(l, k25), l);
    const __m128i digit = _mm_cmpeq_epi8(_mm_min_epu8(g, k9), g);
    const __m128i w = _mm_or_si128(_mm_or_si128(letter, digit), _mm_cmpeq_epi8(v, kus));
    const unsigned word = static_cast<unsigned>(_mm_movemask_epi8(w));
    const unsigned space = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, ksp))) & skip_spaces;
    unsigned try_at = ~(word & ((word << 1) | (after_word ? 1u : 0u))) & ~space & 0xFFFFu;
    while (try_at) {
      const size_t q = p + static_cast<size_t>(__builtin_ctz(try_at));
      if (may_start_[d[q]] && match_at(text, q, end, d[q] >= 0x80)) {
        *begin = q;
        return true;
      }
      try_at &= try_at - 1;
    }
    after_word = (word >> 15) & 1u;
  }
#endif
  for (; p < n; ++p) {
    const bool w = kWordByte[d[p]];
    if (!(w && after_word) && may_start_[d[p]] && match_at(text, p, end, d[p] >= 0x80)) {
      *begin = p;
      return true;
    }
    after_word = w;
  }
  return false;
}

bool PhraseMatcher::starts(std::string_view s) const {
  if (fallback_) {
    re2::StringPiece in(s.data(), s.size());
    return fallback_->Match(in, 0, s.size(), RE2::ANCHOR_START, nullptr, 0);
  }
  size_t end;
  return !s.empty() && match_at(s, 0, &end, true);
}

}  // namespace factlint
