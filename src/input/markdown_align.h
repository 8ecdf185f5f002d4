// Aligns a cmark text node's literal with the Markdown source it came from.
#pragma once
#include <cstdint>
#include <string_view>

namespace factlint {
// Walks src from `from` (up to `limit`) matching each byte of `lit`, stepping over what the
// literal does not contain (emphasis marks, link brackets, block-quote prefixes) and decoding
// backslash escapes and character references. Writes the source offset of each literal byte to
// offs[0..lit.size()) and returns the offset just past the last matched source byte, or
// UINT32_MAX if the literal cannot be placed.
uint32_t align_literal(std::string_view src, uint32_t from, uint32_t limit, std::string_view lit, uint32_t* offs);
}  // namespace factlint
