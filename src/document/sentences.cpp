#include "document/sentences.h"

#include <algorithm>
#include <string>

#include "document/ascii.h"
#include "document/bytes.h"
#include "rules/lexicon.h"

namespace factlint {

namespace {

template <size_t N>
bool starts_with_bytes(const std::string& t, size_t at, const char (&s)[N]) {
  return at + N - 1 <= t.size() && std::char_traits<char>::compare(t.data() + at, s, N - 1) == 0;
}

// Length of a closing quote or bracket at `at`, 0 if none.
size_t closer_len(const std::string& t, size_t at, size_t end) {
  if (at >= end) return 0;
  char c = t[at];
  if (c == '"' || c == '\'' || c == ')' || c == ']') return 1;
  if (starts_with_bytes(t, at, "\xE2\x80\x9D") || starts_with_bytes(t, at, "\xE2\x80\x99") ||
      starts_with_bytes(t, at, "\xC2\xBB"))
    return at + 3 <= end || starts_with_bytes(t, at, "\xC2\xBB") ? (static_cast<unsigned char>(c) == 0xC2 ? 2 : 3) : 0;
  return 0;
}

// Whether the character at `at` may open a sentence.
bool opens_sentence(const std::string& t, size_t at, size_t end) {
  if (at >= end) return true;
  unsigned char c = t[at];
  if (ascii::is_upper(c) || ascii::is_digit(c) || c == '"' || c == '\'' || c == '(' || c == '[' || c == '$')
    return true;
  if (c >= 0x80) return !starts_with_bytes(t, at, "\xE2\x80\x94") && !starts_with_bytes(t, at, "\xE2\x80\x93");
  return false;
}

std::string word_before(const std::string& t, size_t dot, size_t begin) {
  size_t i = dot;
  while (i > begin && (ascii::is_alpha(t[i - 1]) || t[i - 1] == '.')) --i;
  return ascii::lower(std::string_view(t).substr(i, dot - i));
}

std::string word_at(const std::string& t, size_t at, size_t end) {
  size_t i = at;
  while (i < end && ascii::is_alpha(t[i])) ++i;
  return ascii::lower(std::string_view(t).substr(at, i - at));
}

}  // namespace

void split_sentences(const Document& doc, const CompiledLexicon& lex, std::vector<Sentence>& out) {
  out.clear();
  const std::string& t = doc.text;
  size_t soft = 0;
  for (uint32_t bi = 0; bi < doc.blocks.size(); ++bi) {
    const Block& b = doc.blocks[bi];
    // Soft breaks of this block, and whether its lines are long (one paragraph per line).
    while (soft < doc.soft_breaks.size() && doc.soft_breaks[soft] < b.begin) ++soft;
    size_t soft_end = soft;
    while (soft_end < doc.soft_breaks.size() && doc.soft_breaks[soft_end] < b.end) ++soft_end;
    bool long_lines = false;
    {
      uint32_t prev = b.begin;
      for (size_t k = soft; k <= soft_end; ++k) {
        uint32_t at = k < soft_end ? doc.soft_breaks[k] : b.end;
        if (at - prev > 100) long_lines = true;
        prev = at;
      }
    }
    uint32_t start = b.begin;
    auto emit = [&](uint32_t end) {
      while (start < end && t[start] == ' ') ++start;
      uint32_t e = end;
      while (e > start && t[e - 1] == ' ') --e;
      if (e > start) out.push_back(Sentence{start, e, bi});
      start = end;
    };
    size_t next_soft = soft;
    for (uint32_t i = b.begin; i < b.end; ++i) {
      {
        // Skip to the next byte that can end a sentence, or the next soft break.
        uint32_t lim = next_soft < soft_end ? std::min<uint32_t>(doc.soft_breaks[next_soft], b.end) : b.end;
        // ('.', '!', '?' and the lead byte of '…'.)
        if (i < lim) i = static_cast<uint32_t>(find_any_byte(t, i, lim, '.', '!', '?', '\xE2'));
        if (i >= b.end) break;
      }
      if (next_soft < soft_end && doc.soft_breaks[next_soft] == i) {
        ++next_soft;
        // A line break in long-line Markdown ends a sentence unless the line ends mid-clause.
        if (long_lines && i > start) {
          uint32_t p = i;
          while (p > start && t[p - 1] == ' ') --p;
          char last = p > start ? t[p - 1] : ' ';
          if (last != ':' && last != ',' && last != ';' && opens_sentence(t, i + 1, b.end)) {
            emit(i);
            continue;
          }
        }
      }
      unsigned char c = t[i];
      if (c != '.' && c != '!' && c != '?' && c != 0xE2) continue;
      bool ellipsis = c == 0xE2 && starts_with_bytes(t, i, "\xE2\x80\xA6");
      if (c == 0xE2 && !ellipsis) continue;
      uint32_t j = i + (ellipsis ? 3 : 1);
      while (j < b.end && (t[j] == '.' || t[j] == '!' || t[j] == '?')) ++j;
      while (size_t n = closer_len(t, j, b.end)) j += n;
      // a citation marker after the stop belongs to the sentence it ends: "1990s.[2] Next"
      if (j < b.end && t[j] == '[') {
        uint32_t k = j + 1;
        while (k < b.end && (ascii::is_digit(t[k]) || t[k] == ',' || t[k] == '-')) ++k;
        if (k > j + 1 && k < b.end && t[k] == ']') j = k + 1;
      }
      if (j < b.end && t[j] != ' ') continue;  // decimals, "U.S.-China", "e.g.,"
      uint32_t next = j;
      while (next < b.end && t[next] == ' ') ++next;
      if (next < b.end && !opens_sentence(t, next, b.end)) continue;
      if (c == '.' && j == i + 1) {
        std::string w = word_before(t, i, start);
        bool abbrev = lex.abbreviations.count(w) || (w.size() == 1 && ascii::is_upper(t[i - 1]));
        if (abbrev && next < b.end && !lex.sentence_starters.count(word_at(t, next, b.end))) continue;
      }
      emit(j);
      i = j - 1;
    }
    emit(b.end);
    soft = soft_end;
  }
}

}  // namespace factlint
