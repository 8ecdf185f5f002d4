// Character classes and case for ASCII bytes, whatever the C locale. Page text is UTF-8: a byte
// above 0x7F is part of a multi-byte character and never a letter, digit or space on its own.
// std::isalpha and its kin consult the locale, which a program loading the library may have set,
// and cost a library call per byte; these are the "C" locale's answers, inline.
#pragma once

namespace factlint::ascii {

constexpr bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_alpha(unsigned char c) { return is_upper(c) || is_lower(c); }
constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
// ' ', \t, \n, \v, \f, \r
constexpr bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
// Printable, not a letter, digit or space: ! through /, : through @, [ through `, { through ~.
constexpr bool is_punct(unsigned char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}
constexpr unsigned char to_lower(unsigned char c) { return is_upper(c) ? static_cast<unsigned char>(c | 0x20) : c; }
constexpr unsigned char to_upper(unsigned char c) { return is_lower(c) ? static_cast<unsigned char>(c & ~0x20) : c; }

}  // namespace factlint::ascii
