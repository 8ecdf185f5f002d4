#include "input/text_builder.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "document/ascii.h"
#include "input/html_tokenizer.h"

namespace factlint {

namespace {
// Bytes add_html_text treats one at a time: whitespace, '&' and the lead byte of U+00A0 (add_mapped
// too, where '&' and control bytes simply start the next run).
inline bool plain_stop(unsigned char c) { return c <= ' ' || c == '&' || c == 0xC2; }

// End of the plain run that starts with raw[i] (taken as it is, whatever it is): the first
// plain_stop byte after it, except that a ' ' right after a non-space byte is plain too (a lone
// space between words is kept as put_space would keep it, so prose is one run per paragraph).
//
// Prose is almost all plain bytes, so this is most of the cost of reading a page's text. With SSE2
// (every x86-64) it tests 16 bytes at a time, the last partial block included; the scalar loop is
// the definition, and takes runs shorter than 16 bytes.
size_t plain_run_end(std::string_view raw, size_t i) {
  const char* p = raw.data();
  const size_t n = raw.size();
  size_t j = i + 1;
#if defined(__SSE2__)
  // Bit k set: byte base + k ends the run. `space_before`: byte base - 1 is a space.
  auto run_ends = [p](size_t base, bool space_before) {
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + base));
    const __m128i le_space = _mm_cmpeq_epi8(_mm_min_epu8(v, space), v);  // unsigned v <= ' '
    const __m128i amp = _mm_cmpeq_epi8(v, _mm_set1_epi8('&'));
    const __m128i nbsp_lead = _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xC2)));
    const unsigned stops = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(le_space, _mm_or_si128(amp, nbsp_lead))));
    const unsigned spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, space)));
    const unsigned after_space = (spaces << 1) | (space_before ? 1u : 0u);
    return (stops & ~spaces) | (spaces & after_space);
  };
  for (; j + 16 <= n; j += 16)
    if (const unsigned e = run_ends(j, p[j - 1] == ' ')) return j + static_cast<size_t>(__builtin_ctz(e));
  if (j < n && n >= 16) {
    // The last bytes: test the final 16 and ignore those before j (plain, and already passed).
    // Byte j - 1 lies inside that window, so only the ignored bit 0 lacks its predecessor.
    const size_t base = n - 16;
    const unsigned e = run_ends(base, false) & (~0u << (j - base));
    return e ? base + static_cast<size_t>(__builtin_ctz(e)) : n;
  }
#endif
  for (; j < n; ++j) {
    const unsigned char d = static_cast<unsigned char>(p[j]);
    if (plain_stop(d) && !(d == ' ' && p[j - 1] != ' ')) break;
  }
  return j;
}

}  // namespace

void fill_offsets(uint32_t* out, size_t n, uint32_t first) {
  size_t k = 0;
#if defined(__SSE2__)
  __m128i v = _mm_setr_epi32(static_cast<int>(first), static_cast<int>(first + 1), static_cast<int>(first + 2),
                             static_cast<int>(first + 3));
  const __m128i four = _mm_set1_epi32(4), eight = _mm_set1_epi32(8);
  for (; k + 8 <= n; k += 8) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k), v);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k + 4), _mm_add_epi32(v, four));
    v = _mm_add_epi32(v, eight);
  }
  if (k + 4 <= n) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k), v);
    k += 4;
  }
#endif
  for (; k < n; ++k) out[k] = first + static_cast<uint32_t>(k);
}

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
    if (ascii::is_html_space(c)) {
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
      const size_t j = plain_run_end(raw, i);
      d_.text.append(raw.data() + i, j - i);
      const size_t old = d_.src.size();
      d_.src.resize(old + (j - i));
      fill_offsets(d_.src.data() + old, j - i, at);
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
    if (ascii::is_html_space(c)) put_space(offs[i]);
    else if (c == 0xC2 && i + 1 < lit.size() && static_cast<unsigned char>(lit[i + 1]) == 0xA0) {
      put_space(offs[i]);
      ++i;
    } else {
      // Bytes other than whitespace and U+00A0's lead byte, and a lone ' ' between them, go in
      // as one run with their offsets copied (as put and put_space would add them one by one).
      // plain_run_end also stops at '&' and control bytes: those start the next run, the same
      // bytes in the same order.
      const size_t j = plain_run_end(lit, i);
      d_.text.append(lit.data() + i, j - i);
      d_.src.insert(d_.src.end(), offs + i, offs + j);
      i = j - 1;
    }
  }
  if (pos() > run_begin) d_.runs.push_back(Run{run_begin, pos(), d_.src[run_begin], src_end, node});
}

void TextBuilder::finish(uint32_t source_size) {
  end_block();
  d_.src.push_back(source_size);
}

}  // namespace factlint
