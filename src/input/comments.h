// Collecting `<!-- factlint-... -->` comments into Document::comments while a page is read.
// The HTML reader hands over the tokenizer's Comment tokens; the Markdown reader hands over the
// literals of cmark's html_block and html_inline nodes (so comments in code are never seen).
#pragma once

#include <cstdint>
#include <string_view>

#include "document/document.h"

namespace factlint {

// One HTML comment token: source bytes [begin, end) of doc.source. `block` is the index of the
// text block open around it, or -1.
void note_comment(Document& doc, uint32_t begin, uint32_t end, int32_t block);
// The same with the comment's text given (between "<!--" and "-->").
void note_comment(Document& doc, uint32_t begin, uint32_t end, int32_t block, std::string_view text);

// The comments inside a Markdown raw-HTML literal, located in doc.source from `from` on (the
// node's start; container prefixes such as "> " may sit between the literal's lines).
void note_markdown_comments(Document& doc, std::string_view literal, uint32_t from, int32_t block);

}  // namespace factlint
