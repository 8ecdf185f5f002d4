// What several outputs derive from a finding: where it ends (SARIF, GitHub), the text around it
// (the report page), and a path written as a URL (SARIF, the report page's links).
#include <algorithm>

#include "document/ascii.h"
#include "input/html_tokenizer.h"
#include "output/outputs.h"

namespace factlint {

void end_line_column(const Finding& f, uint32_t& line, uint32_t& column) {
  // The text is exactly the source bytes [start, end), so counting through it from the start
  // position gives what line_column() would give for `end`.
  line = f.line;
  column = f.column;
  for (unsigned char c : f.text) {
    if (c == '\n') ++line, column = 1;
    else if ((c & 0xC0) != 0x80) ++column;
  }
}

void append_url_path(std::string& out, std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : path) {
    bool keep = ascii::is_alnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~';
    if (keep) out += static_cast<char>(c);
    else out += '%', out += hex[c >> 4], out += hex[c & 15];
  }
}

namespace {

// Breaks in the plain text: a block boundary (a block-level tag, a blank line, a list item or
// heading line in Markdown). Context never crosses one.
constexpr char kBreak = '\x01';

bool block_tag(std::string_view name) {
  static const char* const kBlocks[] = {
      "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl",
      "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
      "hr", "html", "li", "main", "nav", "ol", "p", "pre", "script", "section", "style", "summary", "table",
      "td", "template", "th", "title", "tr", "ul"};
  for (const char* b : kBlocks)
    if (html::iequals(name, b)) return true;
  return false;
}

// The visible text of HTML source bytes [b, e): tags and comments dropped (block-level ones become
// breaks), character references decoded. `b` may fall inside a tag: text up to the first '>' that
// comes before any '<' is then dropped.
std::string html_plain(std::string_view src, size_t b, size_t e) {
  std::string out;
  std::string_view s = src.substr(b, e - b);
  size_t i = 0;
  size_t gt = s.find('>'), lt = s.find('<');
  if (gt != std::string_view::npos && (lt == std::string_view::npos || gt < lt)) {
    i = gt + 1;
    out += kBreak;
  }
  while (i < s.size()) {
    char c = s[i];
    if (c == '<' && i + 1 < s.size() &&
        (ascii::is_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!' || s[i + 1] == '?')) {
      size_t close;
      if (s.compare(i, 4, "<!--") == 0) {
        close = s.find("-->", i + 4);
        if (close != std::string_view::npos) close += 2;
      } else {
        close = s.find('>', i);
      }
      if (close == std::string_view::npos) break;  // cut inside a tag: the window ends here
      size_t n = i + 1 + (s[i + 1] == '/');
      size_t ne = n;
      while (ne < close && ascii::is_alnum(s[ne])) ++ne;
      if (block_tag(s.substr(n, ne - n))) out += kBreak;
      i = close + 1;
    } else if (c == '&') {
      size_t used = html::decode_char_ref(s.substr(i), out, html::RefContext::Text);
      if (!used) out += '&', used = 1;
      i += used;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

// Markdown source bytes [b, e) as they are, with a break for each blank line and before each line
// that starts a heading, list item, quotation, table row or front matter fence.
std::string markdown_plain(std::string_view src, size_t b, size_t e) {
  std::string out;
  for (size_t i = b; i < e; ++i) {
    out += src[i];
    if (src[i] != '\n') continue;
    size_t k = i + 1;
    while (k < e && (src[k] == ' ' || src[k] == '\t')) ++k;
    if (k >= e) break;
    char c = src[k];
    char next = k + 1 < e ? src[k + 1] : '\n';
    bool digits_marker = false;
    if (ascii::is_digit(c)) {
      size_t d = k;
      while (d < e && ascii::is_digit(src[d])) ++d;
      digits_marker = d + 1 < e && (src[d] == '.' || src[d] == ')') && src[d + 1] == ' ';
    }
    if (c == '\n' || c == '\r' || c == '#' || c == '>' || c == '|' || digits_marker ||
        ((c == '-' || c == '*' || c == '+') && (next == ' ' || next == c)))
      out += kBreak;
  }
  return out;
}

bool space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'; }
bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Collapses runs of whitespace (and breaks) to one space, at the ends too.
std::string collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (space(c) || c == kBreak) {
      if (out.empty() || out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

size_t chars(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += !continuation(c);
  return n;
}

// Byte offset of the character `n` characters before the end (or from the start).
size_t offset_from_end(std::string_view s, size_t n) {
  size_t i = s.size();
  while (i > 0 && n > 0) {
    --i;
    if (!continuation(s[i])) --n;
  }
  return i;
}
size_t offset_from_start(std::string_view s, size_t n) {
  size_t i = 0;
  while (i < s.size() && n > 0) {
    ++i;
    while (i < s.size() && continuation(s[i])) ++i;
    --n;
  }
  return i;
}

// Closing marks that may follow a sentence's final punctuation.
size_t closers(std::string_view s, size_t i) {
  for (;;) {
    if (i < s.size() && (s[i] == '"' || s[i] == '\'' || s[i] == ')')) ++i;
    else if (s.compare(i, 3, "\u201D") == 0 || s.compare(i, 3, "\u2019") == 0) i += 3;
    else return i;
  }
}

// End of the sentence ending punctuation at i (past closing marks), if it ends one there: the
// punctuation is followed by whitespace or the end of the text.
size_t sentence_end_at(std::string_view s, size_t i) {
  if (s[i] != '.' && s[i] != '!' && s[i] != '?') return std::string_view::npos;
  size_t k = closers(s, i + 1);
  if (k < s.size() && !space(s[k])) return std::string_view::npos;
  return k;
}

// Whether s ends with a sentence's final punctuation (and closing marks): a finding that does (a
// whole quotation, say) gets no text after it.
bool ends_sentence(std::string_view s) {
  for (;;) {
    if (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ')')) s.remove_suffix(1);
    else if (s.ends_with("\u201D") || s.ends_with("\u2019")) s.remove_suffix(3);
    else break;
  }
  return !s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == '?');
}

// The text before a finding, from the start of its sentence (or block), at most `width` characters.
std::string context_before(std::string plain, size_t width) {
  size_t brk = plain.rfind(kBreak);
  if (brk != std::string::npos) plain.erase(0, brk + 1);
  // The last sentence end before the finding that is followed by more text.
  for (size_t i = plain.size(); i-- > 0;) {
    size_t k = sentence_end_at(plain, i);
    if (k != std::string_view::npos && k < plain.size()) {
      plain.erase(0, k);
      break;
    }
  }
  std::string s = collapse(plain);  // its last space, if any, separates it from the finding
  if (!s.empty() && s[0] == ' ') s.erase(0, 1);
  if (chars(s) > width) {
    size_t cut = offset_from_end(s, width / 2);
    size_t sp = s.find(' ', cut);
    if (sp != std::string::npos && sp + 1 < s.size() && sp - cut < 20) cut = sp + 1;
    s = "…" + s.substr(cut);
  }
  return s;
}

// The text after a finding, to the end of its sentence (or block), at most `width` characters.
std::string context_after(std::string plain, size_t width) {
  size_t brk = plain.find(kBreak);
  if (brk != std::string::npos) plain.erase(brk);
  for (size_t i = 0; i < plain.size(); ++i) {
    size_t k = sentence_end_at(plain, i);
    if (k != std::string_view::npos) {
      plain.erase(k);
      break;
    }
  }
  std::string s = collapse(plain);  // its first space, if any, separates it from the finding
  if (!s.empty() && s.back() == ' ') s.pop_back();
  if (chars(s) > width) {
    size_t cut = offset_from_start(s, width / 2);
    size_t sp = s.rfind(' ', cut);
    if (sp != std::string::npos && sp > 0 && cut - sp < 20) cut = sp;
    s = s.substr(0, cut) + "…";
  }
  return s;
}

}  // namespace

void add_excerpts(FileReport& file, std::string_view source, size_t width) {
  const size_t window = 16 * width;  // bytes of source either side: room for markup between words
  bool html = file.format == Format::Html;
  auto plain = [&](size_t b, size_t e) { return html ? html_plain(source, b, e) : markdown_plain(source, b, e); };
  for (const auto* list : {&file.findings, &file.sourced}) {
    for (const Finding& f : *list) {
      if (f.end > source.size() || f.start > f.end || find_excerpt(file, f)) continue;
      size_t b = f.start > window ? f.start - window : 0;
      while (b < f.start && continuation(source[b])) ++b;
      size_t e = std::min(source.size(), static_cast<size_t>(f.end) + window);
      while (e > f.end && e < source.size() && continuation(source[e])) --e;
      Excerpt x;
      x.start = f.start;
      x.end = f.end;
      x.before = context_before(plain(b, f.start), width);
      x.marked = collapse(plain(f.start, f.end));
      if (!x.marked.empty() && x.marked[0] == ' ') x.marked.erase(0, 1);
      if (!x.marked.empty() && x.marked.back() == ' ') x.marked.pop_back();
      if (chars(x.marked) > 2 * width) {
        size_t head = offset_from_start(x.marked, width), tail = offset_from_end(x.marked, width / 2);
        x.marked = x.marked.substr(0, head) + " … " + x.marked.substr(tail);
      }
      if (!ends_sentence(x.marked)) x.after = context_after(plain(f.end, e), width);
      file.excerpts.push_back(std::move(x));
    }
  }
}

const Excerpt* find_excerpt(const FileReport& file, const Finding& f) {
  for (const Excerpt& x : file.excerpts)
    if (x.start == f.start && x.end == f.end) return &x;
  return nullptr;
}

}  // namespace factlint
