#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstring>
#include <mutex>
#include <vector>

#include "document/ascii.h"
#include "document/bytes.h"
#include "input/cmark_arena.h"
#include "input/comments.h"
#include "input/html_tokenizer.h"
#include "input/markdown_align.h"
#include "input/readers.h"
#include "input/text_builder.h"

namespace factlint {

namespace {

std::once_flag g_extensions_once;
std::mutex g_parse_mutex;  // see parse_markdown

bool line_is(std::string_view s, size_t at, std::string_view fence) {
  if (s.compare(at, fence.size(), fence) != 0) return false;
  size_t i = at + fence.size();
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i == s.size() || s[i] == '\n' || s[i] == '\r';
}

}  // namespace

// Offset of the line after the one containing `at` (lines end at \n, \r\n or \r), or npos.
static size_t next_line(std::string_view s, size_t at) {
  size_t i = s.find_first_of("\r\n", at);
  if (i == std::string_view::npos) return i;
  if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
  return i + 1;
}

size_t front_matter_length(std::string_view s) {
  size_t start = 0;
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF && static_cast<unsigned char>(s[1]) == 0xBB &&
      static_cast<unsigned char>(s[2]) == 0xBF)
    start = 3;  // byte order mark
  for (std::string_view fence : {std::string_view("---"), std::string_view("+++")}) {
    if (!line_is(s, start, fence)) continue;
    for (size_t line = next_line(s, start); line != std::string_view::npos && line < s.size(); line = next_line(s, line)) {
      if (line_is(s, line, fence) || (fence == "---" && line_is(s, line, "..."))) {
        size_t end = next_line(s, line);
        return end == std::string_view::npos ? s.size() : end;
      }
    }
  }
  return 0;
}

Format guess_format(std::string_view path, std::string_view content) {
  auto ends = [&](std::string_view ext) {
    if (path.size() < ext.size()) return false;
    for (size_t i = 0; i < ext.size(); ++i)
      if (ascii::to_lower(path[path.size() - ext.size() + i]) != ext[i]) return false;
    return true;
  };
  if (ends(".md") || ends(".markdown") || ends(".mdown") || ends(".mkd")) return Format::Markdown;
  if (ends(".html") || ends(".htm") || ends(".xhtml")) return Format::Html;
  size_t i = 0;
  while (i < content.size() && ascii::is_space(content[i])) ++i;
  return i < content.size() && content[i] == '<' ? Format::Html : Format::Markdown;
}

const int kMarkdownOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE;

cmark_parser* new_markdown_parser(cmark_mem* mem) {
  std::call_once(g_extensions_once, [] { cmark_gfm_core_extensions_ensure_registered(); });
  cmark_parser* p = cmark_parser_new_with_mem(kMarkdownOptions, mem);
  for (const char* ext : {"table", "strikethrough", "autolink", "tagfilter"})
    if (cmark_syntax_extension* e = cmark_find_syntax_extension(ext)) cmark_parser_attach_syntax_extension(p, e);
  return p;
}

cmark_node* parse_markdown(cmark_parser* parser, std::string_view body) {
  std::lock_guard<std::mutex> lock(g_parse_mutex);
  cmark_parser_feed(parser, body.data(), body.size());
  return cmark_parser_finish(parser);
}

MarkdownTree::MarkdownTree() : arena_(std::make_unique<CmarkArena>()) {}

MarkdownTree::~MarkdownTree() = default;

// The parser and every node came from the arena: taking it back frees them all.
void MarkdownTree::reset() {
  root_ = nullptr;
  parser_ = nullptr;
  arena_->reset();
}

namespace {

class MarkdownReader {
 public:
  MarkdownReader(std::string_view source, Document& d, MarkdownTree& tree)
      : s_(source), d_(d), tree_(tree), b_(d) {}

  void run() {
    size_t fm = front_matter_length(s_);
    tree_.reset();
    tree_.body_offset = static_cast<uint32_t>(fm);
    body_ = s_.substr(fm);
    lines_.assign(1, 0);
    // Lines end at \n, \r\n or a bare \r, as CommonMark counts them.
    for (size_t i = find_any_byte(body_, 0, body_.size(), '\n', '\r'); i < body_.size();
         i = find_any_byte(body_, i + 1, body_.size(), '\n', '\r'))
      if (body_[i] == '\n' || i + 1 == body_.size() || body_[i + 1] != '\n')
        lines_.push_back(static_cast<uint32_t>(i + 1));

    // Every cmark call below (the walk too: reading a literal may allocate) takes its memory
    // from the tree's arena.
    CmarkArena::Scope scope(*tree_.arena_);
    tree_.parser_ = new_markdown_parser(tree_.arena_->mem());
    tree_.root_ = parse_markdown(tree_.parser_, body_);
    walk(tree_.root_);
    b_.finish(static_cast<uint32_t>(s_.size()));
  }

 private:
  // Byte offset in the whole file of a 1-based line and column of the body.
  uint32_t offset(int line, int col) const {
    if (line < 1 || static_cast<size_t>(line) > lines_.size() || col < 1) return UINT32_MAX;
    uint32_t o = lines_[line - 1] + static_cast<uint32_t>(col - 1);
    return o > body_.size() ? UINT32_MAX : o;
  }

  // The same for an inline node's position. On a paragraph's later lines cmark-gfm counts inline
  // columns from the paragraph's first content column, wherever the line's content starts: past
  // its indentation ("foo\n   bar" gives "bar" column 1), or at column 1 on a lazy continuation
  // line of a list item or block quote ("- > foo\nbar" gives "bar" column 5). So a column on such
  // a line is moved by where the line's content does start: its first byte after spaces and
  // block-quote markers (a tab there leaves the column as cmark gave it). (The reader's checks
  // below still hold each position to the source.)
  uint32_t inline_offset(int line, int col) const {
    if (line > para_first_ && line <= para_last_ && static_cast<size_t>(line) <= lines_.size()) {
      uint32_t i = lines_[line - 1];
      const uint32_t end =
          static_cast<size_t>(line) < lines_.size() ? lines_[line] : static_cast<uint32_t>(body_.size());
      while (i < end && (body_[i] == ' ' || body_[i] == '>')) ++i;
      if (i < end && body_[i] != '\t') col += static_cast<int>(i - lines_[line - 1]) + 1 - para_col_;
    }
    return offset(line, col);
  }

  // A paragraph or heading begins (or, with n null, ends): its lines and first content column.
  void paragraph_lines(cmark_node* n) {
    para_first_ = n ? cmark_node_get_start_line(n) : 0;
    para_last_ = n ? cmark_node_get_end_line(n) : 0;
    para_col_ = n ? cmark_node_get_start_column(n) : 0;
  }

  void walk(cmark_node* root) {
    cmark_iter* it = cmark_iter_new(root);
    cmark_event_type ev;
    int skip = 0;  // inside images and footnote definitions: not content
    std::vector<uint32_t> link_starts;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
      cmark_node* n = cmark_iter_get_node(it);
      cmark_node_type type = cmark_node_get_type(n);
      bool enter = ev == CMARK_EVENT_ENTER;
      const char* ts = cmark_node_get_type_string(n);
      if (type == CMARK_NODE_IMAGE || type == CMARK_NODE_FOOTNOTE_DEFINITION) {
        skip += enter ? 1 : -1;
        continue;
      }
      if (skip) continue;
      switch (type) {
        case CMARK_NODE_PARAGRAPH:
          paragraph_lines(enter ? n : nullptr);
          if (in_cell_) break;  // a cell's text belongs to the cell block
          if (enter) {
            b_.begin_block(items_ ? BlockKind::ListItem : BlockKind::Paragraph, quote_id(), -1);
            block_start(n);
          } else {
            b_.end_block();
          }
          break;
        case CMARK_NODE_HEADING:
          paragraph_lines(enter ? n : nullptr);
          if (enter) {
            b_.begin_block(BlockKind::Heading, quote_id(), -1);
            block_start(n);
          } else {
            b_.end_block();
          }
          break;
        case CMARK_NODE_ITEM: items_ += enter ? 1 : -1; break;
        case CMARK_NODE_BLOCK_QUOTE:
          if (enter) {
            b_.end_block();
            b_.next_paragraph();
            BlockQuote q;
            q.begin = b_.pos();
            d_.quotes_blocks.push_back(q);
            quotes_.push_back(static_cast<int32_t>(d_.quotes_blocks.size() - 1));
          } else {
            b_.end_block();
            d_.quotes_blocks[quotes_.back()].end = b_.pos();
            quotes_.pop_back();
            b_.next_paragraph();
          }
          break;
        case CMARK_NODE_TEXT:
          if (enter) add_text(n);
          break;
        case CMARK_NODE_CODE:
          if (enter) {
            b_.add_space(cursor_);
            advance_past(n);
          }
          break;
        case CMARK_NODE_SOFTBREAK:
          if (enter) {
            d_.soft_breaks.push_back(b_.pos());
            b_.add_space(cursor_);
          }
          break;
        case CMARK_NODE_LINEBREAK:
          if (enter) b_.add_space(cursor_);
          break;
        case CMARK_NODE_LINK:
          if (enter) {
            link_starts.push_back(b_.pos());
          } else if (!link_starts.empty()) {
            const char* url = cmark_node_get_url(n);
            if (url && *url && *url != '#') d_.spans.push_back(Span{SpanKind::Link, link_starts.back(), b_.pos()});
            link_starts.pop_back();
          }
          break;
        case CMARK_NODE_FOOTNOTE_REFERENCE:
          if (enter) d_.spans.push_back(Span{SpanKind::FootnoteRef, b_.pos(), b_.pos()});
          break;
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:  // factlint suppressions (src/findings/suppressions.cpp)
          if (enter) comments(n, type == CMARK_NODE_HTML_INLINE);
          break;
        default:
          if (ts && std::strcmp(ts, "table") == 0) {
            if (enter) ++tables_;
          } else if (ts && std::strcmp(ts, "table_cell") == 0) {
            if (enter) {
              in_cell_ = true;
              b_.begin_block(BlockKind::TableCell, quote_id(), tables_);
              block_start(n);
            } else {
              in_cell_ = false;
              b_.end_block();
            }
          }
          break;
      }
    }
    cmark_iter_free(it);
  }

  int32_t quote_id() const { return quotes_.empty() ? -1 : quotes_.back(); }

  // factlint comments in raw HTML, located from the node's start (never in code: those are code nodes).
  // Inline HTML is its source byte for byte: where cmark's start does not hold it (a lazy
  // continuation line, as for inline code below), it is found from the cursor, and the cursor
  // moves past it, so that text after it is never aligned inside the tag.
  void comments(cmark_node* n, bool in_line) {
    const char* lit = cmark_node_get_literal(n);
    uint32_t o = in_line ? inline_offset(cmark_node_get_start_line(n), cmark_node_get_start_column(n))
                         : offset(cmark_node_get_start_line(n), cmark_node_get_start_column(n));
    if (in_line && lit && *lit) {
      const std::string_view html(lit);
      auto holds = [&](uint32_t at) {
        return at != UINT32_MAX && at <= body_.size() && body_.compare(at, html.size(), html) == 0;
      };
      if (!holds(o)) {
        // (Not found, as when a block quote's "> " prefixes are inside it: cmark's start stays.)
        const size_t f = body_.find(html, cursor_);
        if (f != std::string_view::npos) o = static_cast<uint32_t>(f);
      }
      if (holds(o) && o >= cursor_) cursor_ = o + static_cast<uint32_t>(html.size());
    }
    if (!lit || !std::strstr(lit, "factlint")) return;
    if (o == UINT32_MAX) o = cursor_;
    bool in_text = in_line && b_.in_block() && d_.blocks.back().begin < b_.pos();  // after some text of a block
    int32_t block = in_text ? static_cast<int32_t>(d_.blocks.size()) - 1 : -1;
    note_markdown_comments(d_, lit, o + tree_.body_offset, block);
  }

  void block_start(cmark_node* n) {
    uint32_t o = offset(cmark_node_get_start_line(n), cmark_node_get_start_column(n));
    if (o != UINT32_MAX) cursor_ = o;
  }

  // Moves the alignment cursor past inline code (which adds no text) and its closing backticks.
  // cmark's end position is the last byte of the code; it is trusted only when the code ends
  // there, right before a backtick: on a lazy continuation line of a list item or block quote
  // ("* one\ntwo `x` three") cmark-gfm counts inline columns from the item's content column, not
  // the line's, and the position lands inside the text after the code (or on the next span's
  // opening backtick), which then found its literal further on (in the next paragraph with the
  // same words). Otherwise the span is found from the cursor: its opening backtick run, then the
  // next run of the same length.
  void advance_past(cmark_node* n) {
    auto run_at = [&](size_t i) {
      size_t j = i;
      while (j < body_.size() && body_[j] == '`') ++j;
      return j - i;
    };
    const char* lit = cmark_node_get_literal(n);
    const std::string_view code = lit ? std::string_view(lit) : std::string_view();
    uint32_t e = inline_offset(cmark_node_get_end_line(n), cmark_node_get_end_column(n));
    if (e != UINT32_MAX && e + 1 < body_.size() && body_[e + 1] == '`' && e + 1 >= code.size() &&
        body_.compare(e + 1 - code.size(), code.size(), code) == 0) {
      const uint32_t past = e + 1 + static_cast<uint32_t>(run_at(e + 1));
      if (past > cursor_) cursor_ = past;
      return;
    }
    size_t open = body_.find('`', cursor_);
    if (open == std::string_view::npos) return;
    const size_t len = run_at(open);
    for (size_t j = body_.find('`', open + len); j != std::string_view::npos; j = body_.find('`', j)) {
      const size_t r = run_at(j);
      if (r == len) {
        cursor_ = static_cast<uint32_t>(j + r);
        return;
      }
      j += r;
    }
  }

  // Whether the source at `at` reads as the literal: byte for byte up to the first escape or
  // character reference, which must then give the literal's next character (the comparison ends
  // there). *same says whether it is the literal byte for byte (most text nodes are).
  bool literal_starts_at(std::string_view literal, uint32_t at, bool* same) const {
    *same = false;
    if (at >= body_.size()) return false;
    const std::string_view src = body_.substr(at);
    const size_t n = std::min(literal.size(), src.size());
    size_t i = 0;
    while (i + 8 <= n && std::memcmp(src.data() + i, literal.data() + i, 8) == 0) i += 8;  // (most of it)
    while (i < n && src[i] == literal[i]) ++i;
    if (i == literal.size()) return *same = true;
    if (i == src.size()) return false;
    if (src[i] == '\\') return i + 1 < src.size() && ascii::is_punct(src[i + 1]) && src[i + 1] == literal[i];
    if (src[i] != '&') return false;
    std::string decoded;
    return html::decode_char_ref(src.substr(i), decoded) != 0 && literal.compare(i, decoded.size(), decoded) == 0;
  }

  void add_text(cmark_node* n) {
    const char* lit = cmark_node_get_literal(n);
    if (!lit || !*lit) return;
    std::string_view literal(lit);
    uint32_t from = inline_offset(cmark_node_get_start_line(n), cmark_node_get_start_column(n));
    uint32_t to = inline_offset(cmark_node_get_end_line(n), cmark_node_get_end_column(n));
    // cmark's inline positions are good but not guaranteed; when they disagree with the cursor
    // we align from the cursor instead. They are off on a lazy continuation line of a list item
    // or block quote (counted from the item's content column, so too far right): where the source
    // at `from` does not read as the literal, the node is aligned from the cursor too. (From
    // `from`, the literal would be matched further on: "One two.\nOne three" placed its second
    // "One" on the word after, "42% 42%" on a line's second "42%" and the next line.)
    bool same = false;
    if (from != UINT32_MAX && !literal_starts_at(literal, from, &same)) from = UINT32_MAX;
    if (from == UINT32_MAX || from < cursor_ || to == UINT32_MAX || to < from)
      from = cursor_, to = UINT32_MAX, same = false;
    uint32_t limit = to == UINT32_MAX ? static_cast<uint32_t>(body_.size()) : std::min<uint32_t>(to + 1, body_.size());
    offs_.resize(literal.size());
    // Aligned in the whole file (the body starts at `base`), so the offsets come out as the file's.
    // Where the source is the literal byte for byte, within the limit, the alignment is what
    // align_literal gives there (equal bytes map one to one), so those bytes are not read again.
    const uint32_t base = tree_.body_offset, body_end = base + static_cast<uint32_t>(body_.size());
    uint32_t end;
    if (same && from + literal.size() <= limit) {
      fill_offsets(offs_.data(), literal.size(), base + from);
      end = base + from + static_cast<uint32_t>(literal.size());
    } else {
      end = align_literal(s_, base + from, base + limit, literal, offs_.data());
    }
    // Positions were off: retry from the cursor, unless that was the first try. (Not "unless the
    // limit was the body's end": on the last line a shifted end runs past it.)
    if (end == UINT32_MAX && (from != cursor_ || limit != body_.size()))
      end = align_literal(s_, base + cursor_, body_end, literal, offs_.data());
    if (end == UINT32_MAX) return;  // cannot place this text; leave it out rather than mis-place it
    b_.add_mapped(literal, offs_.data(), end, n);
    cursor_ = end - base;
  }

  std::string_view s_, body_;
  Document& d_;
  MarkdownTree& tree_;
  TextBuilder b_;
  std::vector<uint32_t> lines_;
  std::vector<uint32_t> offs_;
  std::vector<int32_t> quotes_;
  uint32_t cursor_ = 0;
  int para_first_ = 0, para_last_ = 0, para_col_ = 0;  // the paragraph read now (inline_offset)
  int items_ = 0;
  bool in_cell_ = false;
  int32_t tables_ = -1;
};

}  // namespace

uint32_t align_literal(std::string_view src, uint32_t from, uint32_t limit, std::string_view lit, uint32_t* offs) {
  uint32_t j = from;
  std::string decoded;
  for (size_t i = 0; i < lit.size();) {
    // Where the literal and the source agree (most of the text), eight bytes at a time: equal
    // bytes map one to one, as the first case below would map them.
    while (i + 8 <= lit.size() && j + 8 <= limit) {
      uint64_t a, b;
      std::memcpy(&a, src.data() + j, 8);
      std::memcpy(&b, lit.data() + i, 8);
      if (a != b) break;
      for (uint32_t k = 0; k < 8; ++k) offs[i + k] = j + k;
      i += 8;
      j += 8;
    }
    if (i == lit.size()) break;
    if (j >= limit) return UINT32_MAX;
    unsigned char c = src[j];
    if (c == static_cast<unsigned char>(lit[i])) {
      offs[i++] = j++;
      continue;
    }
    if (c == '\\' && j + 1 < limit && ascii::is_punct(src[j + 1]) && src[j + 1] == lit[i]) {
      offs[i++] = j;
      j += 2;
      continue;
    }
    if (c == '&') {
      decoded.clear();
      size_t n = html::decode_char_ref(src.substr(j, limit - j), decoded);
      if (n && lit.compare(i, decoded.size(), decoded) == 0) {
        for (size_t k = 0; k < decoded.size(); ++k) offs[i + k] = j;
        i += decoded.size();
        j += static_cast<uint32_t>(n);
        continue;
      }
    }
    ++j;  // markup the literal does not contain: emphasis marks, brackets, line prefixes
  }
  return j;
}

void read_markdown(std::string_view source, Document& doc, MarkdownTree& tree) {
  doc.clear();
  doc.format = Format::Markdown;
  doc.source = source;
  MarkdownReader r(source, doc, tree);
  r.run();
}

}  // namespace factlint
