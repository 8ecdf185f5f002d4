#include "input/text_builder.h"

#include "input/html_tokenizer.h"

namespace factlint {

namespace {
inline bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
// Bytes add_html_text treats one at a time: whitespace, '&' and the lead byte of U+00A0.
inline bool plain_stop(unsigned char c) { return c <= ' ' || c == '&' || c == 0xC2; }
}  // namespace

void TextBuilder::begin_block(BlockKind kind, int32_t quote_id, int32_t table) {
  if (open_) end_block();
  open_ = true;
  block_begin_ = pos();
  Block b;
  b.kind = kind;
  b.begin = block_begin_;
  b.quote_id = quote_id;
  b.paragraph = paragraph_;
  b.table = table;
  d_.blocks.push_back(b);
}

void TextBuilder::end_block() {
  if (!open_) return;
  open_ = false;
  while (pos() > block_begin_ && d_.text.back() == ' ') {
    d_.text.pop_back();
    d_.src.pop_back();
  }
  Block& b = d_.blocks.back();
  b.end = pos();
  if (b.end == b.begin) {
    d_.blocks.pop_back();
    return;
  }
  // Keep runs from reaching into the trimmed space.
  while (!d_.runs.empty() && d_.runs.back().text_begin >= b.end) d_.runs.pop_back();
  if (!d_.runs.empty() && d_.runs.back().text_end > b.end) d_.runs.back().text_end = b.end;
  // A separator no regex can match across; it belongs to no run, so no mark can reach it.
  put('\n', d_.src.empty() ? 0 : d_.src.back());
  ++paragraph_;
}

void TextBuilder::put_space(uint32_t src) {
  if (!open_ || pos() == block_begin_ || d_.text.back() == ' ') return;
  put(' ', src);
}

void TextBuilder::add_space(uint32_t src) { put_space(src); }

void TextBuilder::add_html_text(std::string_view raw, uint32_t src_begin) {
  if (!open_) return;
  uint32_t run_begin = pos();
  std::string decoded;
  for (size_t i = 0; i < raw.size();) {
    unsigned char c = raw[i];
    uint32_t at = src_begin + static_cast<uint32_t>(i);
    if (is_space(c)) {
      put_space(at);
      ++i;
    } else if (c == 0xC2 && i + 1 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0xA0) {
      put_space(at);  // a raw no-break space reads as a space
      i += 2;
    } else if (c == '&') {
      decoded.clear();
      size_t n = html::decode_char_ref(raw.substr(i), decoded, html::RefContext::Text);
      if (n == 0) {
        put('&', at);
        ++i;
        continue;
      }
      if (decoded == "\xC2\xA0") {
        put_space(at);
      } else {
        for (char dc : decoded) put(dc, at);
      }
      i += n;
    } else {
      // Plain bytes up to the next space, reference or no-break space go in as one block.
      // A lone ' ' between words is kept as it is, as put_space would keep it.
      size_t j = i + 1;
      while (j < raw.size()) {
        unsigned char d = raw[j];
        if (plain_stop(d) && !(d == ' ' && raw[j - 1] != ' ')) break;
        ++j;
      }
      d_.text.append(raw.data() + i, j - i);
      size_t old = d_.src.size();
      d_.src.resize(old + (j - i));
      for (size_t k = 0; k < j - i; ++k) d_.src[old + k] = at + static_cast<uint32_t>(k);
      i = j;
    }
  }
  if (pos() > run_begin)
    d_.runs.push_back(Run{run_begin, pos(), d_.src[run_begin], src_begin + static_cast<uint32_t>(raw.size()), nullptr});
}

void TextBuilder::add_mapped(std::string_view lit, const uint32_t* offs, uint32_t src_end, void* node) {
  if (!open_) return;
  uint32_t run_begin = pos();
  for (size_t i = 0; i < lit.size(); ++i) {
    unsigned char c = lit[i];
    if (is_space(c)) put_space(offs[i]);
    else if (c == 0xC2 && i + 1 < lit.size() && static_cast<unsigned char>(lit[i + 1]) == 0xA0) {
      put_space(offs[i]);
      ++i;
    } else put(static_cast<char>(c), offs[i]);
  }
  if (pos() > run_begin) d_.runs.push_back(Run{run_begin, pos(), d_.src[run_begin], src_end, node});
}

void TextBuilder::finish(uint32_t source_size) {
  end_block();
  d_.src.push_back(source_size);
}

}  // namespace factlint
