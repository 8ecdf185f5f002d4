// Finding the next byte of a small set in text: the scans that sentence splitting and quotation
// detection make over every byte of a page's text, and JSON escaping over every reported string,
// where the bytes they look for are rare.
#pragma once

#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace factlint {

// Position of the first byte of t[from, to) equal to one of `bytes`, or `to`. Tests 16 bytes at a
// time with SSE2 (every x86-64); the scalar loop is the definition, and takes the tail.
template <class... Byte>
inline size_t find_any_byte(std::string_view t, size_t from, size_t to, Byte... bytes) {
  const char* p = t.data();
#if defined(__SSE2__)
  for (; from + 16 <= to; from += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + from));
    __m128i any = _mm_setzero_si128();
    ((any = _mm_or_si128(any, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(bytes))))), ...);
    if (const unsigned hits = static_cast<unsigned>(_mm_movemask_epi8(any)))
      return from + static_cast<size_t>(__builtin_ctz(hits));
  }
#endif
  for (; from < to; ++from)
    if (((p[from] == static_cast<char>(bytes)) || ...)) return from;
  return to;
}

// Position of the first byte of t[from, to) that a JSON string must escape (a control byte, '"'
// or '\\'), or `to`.
inline size_t find_json_escape(std::string_view t, size_t from, size_t to) {
  const char* p = t.data();
#if defined(__SSE2__)
  for (; from + 16 <= to; from += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + from));
    // A byte is below 0x20 (unsigned) when max(byte, 0x1F) is 0x1F.
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
    const __m128i any = _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                            _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    if (const unsigned hits = static_cast<unsigned>(_mm_movemask_epi8(any)))
      return from + static_cast<size_t>(__builtin_ctz(hits));
  }
#endif
  for (; from < to; ++from)
    if (static_cast<unsigned char>(p[from]) < 0x20 || p[from] == '"' || p[from] == '\\') return from;
  return to;
}

}  // namespace factlint
