// Finding the next byte of a small set in text: the scans that sentence splitting and quotation
// detection make over every byte of a page's text, where the bytes they look for are rare.
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

}  // namespace factlint
