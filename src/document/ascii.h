// Character classes and case for ASCII bytes, whatever the C locale. Page text is UTF-8: a byte
// above 0x7F is part of a multi-byte character and never a letter, digit or space on its own.
// std::isalpha and its kin consult the locale, which a program loading the library may have set,
// and cost a library call per byte; these are the "C" locale's answers, inline.
#pragma once

#include <string>
#include <string_view>

namespace factlint::ascii {

constexpr bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_alpha(unsigned char c) { return is_upper(c) || is_lower(c); }
constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(unsigned char c) { return is_alpha(c) || is_digit(c); }
// ' ', \t, \n, \v, \f, \r
constexpr bool is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
// HTML's whitespace, which is also RE2's \s: ' ', \t, \n, \f, \r (no \v).
constexpr bool is_html_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
// A byte RE2's \b counts as part of a word: a letter, a digit or '_'.
constexpr bool is_word(unsigned char c) { return is_alnum(c) || c == '_'; }
// Printable, not a letter, digit or space: ! through /, : through @, [ through `, { through ~.
constexpr bool is_punct(unsigned char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}
constexpr unsigned char to_lower(unsigned char c) { return is_upper(c) ? static_cast<unsigned char>(c | 0x20) : c; }
constexpr unsigned char to_upper(unsigned char c) { return is_lower(c) ? static_cast<unsigned char>(c & ~0x20) : c; }
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(to_lower(c));
  return out;
}

}  // namespace factlint::ascii
