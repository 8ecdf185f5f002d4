// Builds a Document's text and source map from what a reader walks: collapses whitespace, decodes
// character references, opens and closes blocks, and records the source runs marks may use.
#pragma once

#include "document/document.h"

namespace factlint {

// out[k] = first + k for k < n: the source offsets of a run of bytes copied as they are.
void fill_offsets(uint32_t* out, size_t n, uint32_t first);

class TextBuilder {
 public:
  explicit TextBuilder(Document& doc) : d_(doc) {}

  // Starts a block; a block already open is closed first. Empty blocks are dropped.
  void begin_block(BlockKind kind, int32_t quote_id, int32_t table = -1);
  void end_block();
  bool in_block() const { return open_; }
  uint32_t pos() const { return static_cast<uint32_t>(d_.text.size()); }

  // HTML text run exactly as in the source (character references still encoded).
  void add_html_text(std::string_view raw, uint32_t src_begin);
  // Markdown: a literal whose byte i came from source offset offs[i]; src_end ends the last char.
  void add_mapped(std::string_view lit, const uint32_t* offs, uint32_t src_end, void* node);
  // A line break or other separator that reads as whitespace.
  void add_space(uint32_t src);
  // Ends the document: closes the open block and writes the end sentinel of the source map.
  void finish(uint32_t source_size);

  int32_t paragraph() const { return paragraph_; }
  void next_paragraph() { ++paragraph_; }

 private:
  void put(char c, uint32_t src) {
    d_.text.push_back(c);
    d_.src.push_back(src);
  }
  void put_space(uint32_t src);

  Document& d_;
  bool open_ = false;
  uint32_t block_begin_ = 0;
  int32_t paragraph_ = 0;
};

}  // namespace factlint
