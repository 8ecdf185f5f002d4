// Readers turn a page into the Document model (src/document/document.h).
//
// HTML is read with our own tokenizer (html_tokenizer.h) and a small stack of open elements, in the
// manner of streaming rewriters: it keeps exact byte offsets for every text run, which annotation
// needs, and runs far faster than a tree-building parser. Only content text is read: <head>,
// <title>, <nav>, <script>, <style>, <pre>, <code>, comments and attribute values never are; when
// a page has <main> or <article>, text outside them is not content either.
//
// Markdown is parsed with cmark-gfm (tables, footnotes, autolinks, strikethrough); front matter
// (--- YAML, +++ TOML) is skipped. Text nodes are aligned back to the Markdown source so every
// finding has an exact source position.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "document/document.h"

struct cmark_mem;
struct cmark_node;
struct cmark_parser;

namespace factlint {

void read_html(std::string_view source, Document& doc);

class CmarkArena;

// The cmark tree of the Markdown page read last, and the arena its memory comes from (see
// input/cmark_arena.h): reading the next page takes it all back at once and reuses the arena.
class MarkdownTree {
 public:
  MarkdownTree();
  ~MarkdownTree();
  MarkdownTree(const MarkdownTree&) = delete;
  MarkdownTree& operator=(const MarkdownTree&) = delete;
  cmark_node* root() const { return root_; }
  cmark_parser* parser() const { return parser_; }
  void reset();
  cmark_node* root_ = nullptr;
  cmark_parser* parser_ = nullptr;
  std::unique_ptr<CmarkArena> arena_;
  uint32_t body_offset = 0;  // bytes of front matter skipped before the Markdown body
};

void read_markdown(std::string_view source, Document& doc, MarkdownTree& tree);

// A cmark-gfm parser with factlint's options and the GFM extensions (tables, strikethrough,
// autolinks, tag filter; footnotes), its memory from `mem`: the one setup for reading a page and
// for rendering it annotated, so that both read the same Markdown the same way.
cmark_parser* new_markdown_parser(cmark_mem* mem);
// Feeds `body` to such a parser and finishes the parse: the tree's root, owned by the parser's
// memory. Thread-safe, by a process-wide lock: cmark-gfm keeps the characters its inline
// extensions start at (':' and 'w' for autolinks, '~', '|') in one process-wide table, adds them
// when a parse reads its inlines and takes them out when it is done, so one thread's parse ending
// took them from another's in the middle (its bare links read as plain text). Parses take turns;
// everything else a check does runs in parallel.
cmark_node* parse_markdown(cmark_parser* parser, std::string_view body);
// The options that parser reads with, for rendering its tree (cmark_render_html).
extern const int kMarkdownOptions;

// Length in bytes of a leading YAML (---) or TOML (+++) front matter block, 0 if none.
size_t front_matter_length(std::string_view source);

// Guesses the format from a path's extension, else from the content.
Format guess_format(std::string_view path, std::string_view content);

}  // namespace factlint
