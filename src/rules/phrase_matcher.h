// Finds the phrases of one word list in text with exactly the answers RE2 gives for the pattern
// phrase_alternation(list) (rules/lexicon.h): letters in either case, a space matching any run of
// whitespace (\s+), an apostrophe matching ' or ’, a word boundary (\b, ASCII bytes) on each side
// that is a word character, and at one start position the phrase that alternation lists first
// (the longest). A trie of the phrases does the work instead of a compiled regular expression.
//
// Why by hand, beside RE2: the attribution lexicons are a dozen lists the detectors ask thousands
// of small questions a page ("is there a reporting verb in this sentence, and where?"). As RE2
// programs they were a fifth of loading the default packs, built DFA states again in every process
// and cost an RE2 call (hundreds of instructions) per question. The trie builds in microseconds
// and answers in a few instructions a byte. RE2 stays the reference: tests/test_phrase_matcher.cpp
// holds the two to the same answers on generated text.
//
// A list RE2 would treat differently from bytes (a character outside ASCII other than ’, which
// Unicode case folding applies to, or a control character) is handed to RE2 whole.
//
// Immutable after construction; any number of threads may search with one matcher.
#pragma once

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace factlint {

class PhraseMatcher {
 public:
  // Matches nothing.
  PhraseMatcher();
  explicit PhraseMatcher(const std::vector<std::string>& phrases);
  PhraseMatcher(PhraseMatcher&&) noexcept;
  PhraseMatcher& operator=(PhraseMatcher&&) noexcept;
  ~PhraseMatcher();

  // False only when a list handed to RE2 did not compile; error() says why.
  bool ok() const;
  std::string error() const;

  // The leftmost match starting at or after `pos` in `text` (never empty: phrases are not); the
  // bytes of `text` on either side of a match count for its word boundaries, as in
  // RE2::Match(text, pos, text.size(), ...).
  bool find(std::string_view text, size_t pos, size_t* begin, size_t* end) const;
  // Whether a phrase occurs in `s` (RE2::PartialMatch: nothing outside `s` counts).
  bool contains(std::string_view s) const {
    size_t b, e;
    return find(s, 0, &b, &e);
  }
  // Whether a phrase starts at the beginning of `s` (RE2::ANCHOR_START).
  bool starts(std::string_view s) const;

 private:
  struct Edge {
    uint8_t symbol;
    int32_t to;
  };
  struct Node {
    uint32_t first_edge = 0, edge_count = 0;
    int32_t rank = -1;  // a phrase ends here: its place in the alternation (lower comes first)
  };
  // The phrase starting at `p`, if any: the end of the one listed first. `check_before` asks for
  // the \b before it; find() knows it holds at the places it tries, except before a character
  // outside ASCII that reads as a letter.
  bool match_at(std::string_view text, size_t p, size_t* end, bool check_before) const;

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  int32_t root_edge_[256];               // the root's child for each symbol, or -1
  bool may_start_[256];                  // a phrase may start at this byte (it begins a symbol the root has)
  std::unique_ptr<RE2> fallback_;        // the list is RE2's (see above)
};

}  // namespace factlint
