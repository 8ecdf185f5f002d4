// The document model every detector reads: the page's content text, split into blocks, with a byte map
// back to the source. Readers (src/input/) build it from HTML or Markdown; detectors never see markup.
//
// Text is the page's visible content with character references decoded and every run of whitespace
// collapsed to one space, so phrase lists are blind to line breaks and repeated spaces. For each text
// byte, `src` gives the source offset of the character it came from; a decoded "&rsquo;" maps all three
// bytes of ’ to the '&'. Annotators use `runs` to place marks only between whole source characters and
// only inside a single source text run (never across a tag).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace factlint {

enum class Format : uint8_t { Markdown, Html };

enum class BlockKind : uint8_t {
  Paragraph,
  Heading,
  ListItem,
  TableCell,
  Caption,   // <figcaption>, <caption>: a table or figure's source line lives here
  Footnote,  // footnote definitions: they are sources, not claims
};

struct Block {
  BlockKind kind = BlockKind::Paragraph;
  uint32_t begin = 0, end = 0;  // text range
  int32_t quote_id = -1;        // index into Document::quotes_blocks when inside a <blockquote> / '>'
  int32_t paragraph = 0;        // blocks with equal numbers belong to one paragraph for attribution carry-over
  int32_t table = -1;           // table id for cells, so a table's "Source:" line can clear its figures
};

// Inline markup that matters to detectors, as text ranges.
enum class SpanKind : uint8_t {
  Link,         // <a href>, [text](url), autolinks: a source in reach
  FootnoteRef,  // <sup>, [^1], <a class=footnote-ref>: a citation marker
  Code,         // <code>, `code`: never a claim (kept out of text; recorded for completeness)
  Q,            // <q>: a quotation without typed marks
  Cite,         // <cite>: names a source or a work
  Mark,         // an existing factlint mark (re-annotation is idempotent)
};

struct Span {
  SpanKind kind;
  uint32_t begin, end;
};

// A <blockquote> (or Markdown '>' quote): its blocks, and an attribution line if it has one
// (<footer>, <cite>, "— Name, Outlet").
struct BlockQuote {
  uint32_t begin = 0, end = 0;     // text range of the whole quote
  uint32_t attr_begin = 0, attr_end = 0;  // attribution text, empty if none
  bool has_link = false;
};

// A source text run: text bytes [text_begin, text_end) came from source bytes [src_begin, src_end)
// with no markup in between. Marks may open and close only inside one run.
struct Run {
  uint32_t text_begin, text_end;
  uint32_t src_begin, src_end;
  void* node = nullptr;  // Markdown: the cmark text node this run came from
};

// A `<!-- factlint-... -->` comment (HTML comments, Markdown raw HTML; never code): what
// src/findings/suppressions.cpp reads. Only comments whose text starts with "factlint" are kept.
struct SourceComment {
  uint32_t begin = 0, end = 0;  // source range of the whole comment, "<!--" to "-->" inclusive
  int32_t block = -1;           // index of the text block open around it, -1 between blocks
  std::string text;             // between "<!--" and "-->" (Markdown: without "> " line prefixes)
};

struct Document {
  Format format = Format::Html;
  std::string_view source;  // borrowed from the caller for the duration of the check
  std::string text;
  std::vector<uint32_t> src;  // src[i]: source offset of text byte i; src[text.size()] == end sentinel
  std::vector<Block> blocks;
  std::vector<Span> spans;
  std::vector<BlockQuote> quotes_blocks;
  std::vector<Run> runs;
  std::vector<uint32_t> soft_breaks;  // Markdown: text positions of source line breaks inside a paragraph
  // HTML: source ranges a previous factlint run inserted (marks, the stylesheet); the annotator
  // drops them so annotating an annotated page changes nothing.
  std::vector<std::pair<uint32_t, uint32_t>> strip;
  uint32_t style_at = 0;  // HTML: where the stylesheet goes (before </head>, after <body>, or 0)
  std::vector<SourceComment> comments;  // factlint comments, in source order

  void clear() {
    text.clear(); src.clear(); blocks.clear(); spans.clear(); quotes_blocks.clear(); runs.clear();
    soft_breaks.clear(); strip.clear(); style_at = 0; comments.clear();
  }
};

// Sentence: a text range inside one block.
struct Sentence {
  uint32_t begin, end;
  uint32_t block;
};

}  // namespace factlint
