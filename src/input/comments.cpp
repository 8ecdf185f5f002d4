#include "input/comments.h"

#include <algorithm>

namespace factlint {

namespace {

// True if the comment's text, after leading whitespace, starts with "factlint".
bool is_factlint(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || text[i] == '\f'))
    ++i;
  return text.compare(i, 8, "factlint") == 0;
}

// The text between "<!--" and "-->" (or the end, for a comment cut off by the end of the file).
std::string_view inside(std::string_view comment) {
  comment.remove_prefix(std::min<size_t>(4, comment.size()));
  if (comment.size() >= 3 && comment.substr(comment.size() - 3) == "-->") comment.remove_suffix(3);
  return comment;
}

}  // namespace

void note_comment(Document& d, uint32_t begin, uint32_t end, int32_t block, std::string_view text) {
  std::string_view s = d.source;
  if (end > s.size() || end < begin + 4 || s.compare(begin, 4, "<!--") != 0) return;
  if (!is_factlint(text)) return;
  if (!d.comments.empty() && d.comments.back().begin >= begin) return;  // seen already
  d.comments.push_back(SourceComment{begin, end, block, std::string(text)});
}

void note_comment(Document& d, uint32_t begin, uint32_t end, int32_t block) {
  if (end > d.source.size() || end < begin) return;
  note_comment(d, begin, end, block, inside(d.source.substr(begin, end - begin)));
}

void note_markdown_comments(Document& d, std::string_view lit, uint32_t from, int32_t block) {
  std::string_view s = d.source;
  size_t cur = from;  // source position to search from
  size_t li = lit.find("<!--");
  while (li != std::string_view::npos) {
    size_t close = lit.find("-->", li + 4);
    size_t stop = close == std::string_view::npos ? lit.size() : close + 3;
    // The comment's first line (or all of it when on one line) is verbatim in the source; later
    // lines may carry container prefixes ("> ", list indentation) the literal does not have.
    size_t nl = lit.find_first_of("\r\n", li);
    std::string_view head = lit.substr(li, std::min(stop, nl == std::string_view::npos ? stop : nl) - li);
    size_t p = s.find(head, cur);
    if (p == std::string_view::npos) return;
    size_t e = s.find("-->", p + 4);
    e = e == std::string_view::npos ? s.size() : e + 3;
    note_comment(d, static_cast<uint32_t>(p), static_cast<uint32_t>(e), block, inside(lit.substr(li, stop - li)));
    cur = e;
    if (close == std::string_view::npos) return;
    li = lit.find("<!--", stop);
  }
}

}  // namespace factlint
