// Hand-written WHATWG-style tokenizer. See html_tokenizer.h for the contract.
//
// Design notes:
//  * Text and quoted attribute values are found with find_byte (16 bytes at a
//    time, then memchr), comment ends with memchr; only tag names, attribute
//    names and unquoted values are walked byte by byte (through a 256-entry
//    class table). That keeps minified pages, which are mostly tags, well above
//    the throughput gumbo gives us.
//  * Every tag name is resolved to a Tag here, once (a perfect hash of its
//    first 8 bytes), so readers compare small integers, never strings.
//  * Every scan moves forward only. A tag that runs into EOF is not retried
//    from a later '<': by the standard it swallows everything to EOF, so the
//    rest of the input becomes one Text token. That gives linear time on any
//    input without a recursion or backtracking budget.
//  * The tokenizer allocates only its attribute vector, reused across tokens.
#include "input/html_tokenizer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <stdexcept>

#include "document/ascii.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace factlint::html {
namespace {

// ---- byte classes ---------------------------------------------------------

enum : uint8_t {
  kWs = 1,            // \t \n \f \r space ('\r' because the standard's input
                      // preprocessing turns it into '\n' before tokenizing)
  kTagNameEnd = 2,    // whitespace / >
  kAttrNameEnd = 4,   // whitespace / > =
  kUnquotedEnd = 8,   // whitespace >
  kAlpha = 16,
  kAlnum = 32,
};

constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> c{};
  for (unsigned char ch : {'\t', '\n', '\f', '\r', ' '})
    c[ch] |= kWs | kTagNameEnd | kAttrNameEnd | kUnquotedEnd;
  c['/'] |= kTagNameEnd | kAttrNameEnd;
  c['>'] |= kTagNameEnd | kAttrNameEnd | kUnquotedEnd;
  c['='] |= kAttrNameEnd;
  for (int ch = 'a'; ch <= 'z'; ++ch) c[ch] |= kAlpha | kAlnum;
  for (int ch = 'A'; ch <= 'Z'; ++ch) c[ch] |= kAlpha | kAlnum;
  for (int ch = '0'; ch <= '9'; ++ch) c[ch] |= kAlnum;
  return c;
}
constexpr std::array<uint8_t, 256> kClass = make_classes();

inline bool is(unsigned char ch, uint8_t cls) { return (kClass[ch] & cls) != 0; }

// First position from i on whose byte is not / is in class `cls` (n if none).
// skip_while is for whitespace, which inside tags is nearly always one space
// or none; skip_until is for names and unquoted values, and takes four bytes
// a turn while all four are in bounds, since a bounds check per byte would
// cost as much as the test itself.
inline size_t skip_while(const char* d, size_t i, size_t n, uint8_t cls) {
  while (i < n && is(static_cast<unsigned char>(d[i]), cls)) ++i;
  return i;
}
inline size_t skip_until(const char* d, size_t i, size_t n, uint8_t cls) {
  const auto* u = reinterpret_cast<const unsigned char*>(d);
  for (; i + 4 <= n; i += 4) {
    if (is(u[i], cls)) return i;
    if (is(u[i + 1], cls)) return i + 1;
    if (is(u[i + 2], cls)) return i + 2;
    if (is(u[i + 3], cls)) return i + 3;
  }
  while (i < n && !is(u[i], cls)) ++i;
  return i;
}

// Position of the first `c` in d[from, n), or n. Most gaps between tags and
// most attribute values are short, so the first 64 bytes are tested inline,
// 16 at a time (SSE2, on every x86-64), and only longer runs pay for a memchr
// call, which in turn beats any loop of ours once the run is long.
inline size_t find_byte(const char* d, size_t from, size_t n, char c) {
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(c);
  for (int block = 0; block < 4 && from + 16 <= n; ++block, from += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + from));
    const unsigned hits = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, needle)));
    if (hits) return from + static_cast<size_t>(__builtin_ctz(hits));
  }
#endif
  if (from >= n) return n;
  const void* p = std::memchr(d + from, c, n - from);
  return p ? static_cast<size_t>(static_cast<const char*>(p) - d) : n;
}

// ---- named character references ------------------------------------------

struct NamedRef {
  std::string_view name;  // without the trailing ';'
  char32_t cp;
  bool legacy;            // also recognised without ';' (HTML standard list)
};

// Sorted by byte value so we can binary search. Every legacy name of the
// standard is here (the no-';' forms must be complete for longest-match to be
// right); the rest is the HTML 4 set plus HTML5 names that generators and CMS
// editors actually emit. Unknown names stay literal text.
constexpr NamedRef kNamedRefs[] = {
    {"AElig", 0xC6, true},
    {"AMP", 0x26, true},
    {"Aacute", 0xC1, true},
    {"Acirc", 0xC2, true},
    {"Agrave", 0xC0, true},
    {"Alpha", 0x391, false},
    {"Aogon", 0x104, false},
    {"Aring", 0xC5, true},
    {"Atilde", 0xC3, true},
    {"Auml", 0xC4, true},
    {"Beta", 0x392, false},
    {"COPY", 0xA9, true},
    {"Cacute", 0x106, false},
    {"Ccaron", 0x10C, false},
    {"Ccedil", 0xC7, true},
    {"CenterDot", 0xB7, false},
    {"Chi", 0x3A7, false},
    {"CloseCurlyDoubleQuote", 0x201D, false},
    {"CloseCurlyQuote", 0x2019, false},
    {"Dagger", 0x2021, false},
    {"Dcaron", 0x10E, false},
    {"Delta", 0x394, false},
    {"DiacriticalGrave", 0x60, false},
    {"ETH", 0xD0, true},
    {"Eacute", 0xC9, true},
    {"Ecaron", 0x11A, false},
    {"Ecirc", 0xCA, true},
    {"Egrave", 0xC8, true},
    {"Eogon", 0x118, false},
    {"Epsilon", 0x395, false},
    {"Eta", 0x397, false},
    {"Euml", 0xCB, true},
    {"GT", 0x3E, true},
    {"Gamma", 0x393, false},
    {"Gbreve", 0x11E, false},
    {"Hat", 0x5E, false},
    {"Iacute", 0xCD, true},
    {"Icirc", 0xCE, true},
    {"Idot", 0x130, false},
    {"Igrave", 0xCC, true},
    {"Implies", 0x21D2, false},
    {"Iota", 0x399, false},
    {"Iuml", 0xCF, true},
    {"Kappa", 0x39A, false},
    {"LT", 0x3C, true},
    {"Lambda", 0x39B, false},
    {"LeftArrow", 0x2190, false},
    {"Leftarrow", 0x21D0, false},
    {"Lstrok", 0x141, false},
    {"MediumSpace", 0x205F, false},
    {"Mu", 0x39C, false},
    {"Nacute", 0x143, false},
    {"Ncaron", 0x147, false},
    {"NewLine", 0xA, false},
    {"NoBreak", 0x2060, false},
    {"NonBreakingSpace", 0xA0, false},
    {"NotEqual", 0x2260, false},
    {"Ntilde", 0xD1, true},
    {"Nu", 0x39D, false},
    {"OElig", 0x152, false},
    {"Oacute", 0xD3, true},
    {"Ocirc", 0xD4, true},
    {"Odblac", 0x150, false},
    {"Ograve", 0xD2, true},
    {"Omega", 0x3A9, false},
    {"Omicron", 0x39F, false},
    {"OpenCurlyDoubleQuote", 0x201C, false},
    {"OpenCurlyQuote", 0x2018, false},
    {"Oslash", 0xD8, true},
    {"Otilde", 0xD5, true},
    {"Ouml", 0xD6, true},
    {"Phi", 0x3A6, false},
    {"Pi", 0x3A0, false},
    {"PlusMinus", 0xB1, false},
    {"Prime", 0x2033, false},
    {"Psi", 0x3A8, false},
    {"QUOT", 0x22, true},
    {"REG", 0xAE, true},
    {"Rcaron", 0x158, false},
    {"Rho", 0x3A1, false},
    {"RightArrow", 0x2192, false},
    {"Rightarrow", 0x21D2, false},
    {"Sacute", 0x15A, false},
    {"Scaron", 0x160, false},
    {"Scedil", 0x15E, false},
    {"Sigma", 0x3A3, false},
    {"Sqrt", 0x221A, false},
    {"THORN", 0xDE, true},
    {"TRADE", 0x2122, false},
    {"Tab", 0x9, false},
    {"Tau", 0x3A4, false},
    {"Tcaron", 0x164, false},
    {"Theta", 0x398, false},
    {"ThinSpace", 0x2009, false},
    {"Uacute", 0xDA, true},
    {"Ucirc", 0xDB, true},
    {"Udblac", 0x170, false},
    {"Ugrave", 0xD9, true},
    {"UnderBar", 0x5F, false},
    {"Upsilon", 0x3A5, false},
    {"Uring", 0x16E, false},
    {"Uuml", 0xDC, true},
    {"Vert", 0x2016, false},
    {"VerticalLine", 0x7C, false},
    {"Xi", 0x39E, false},
    {"Yacute", 0xDD, true},
    {"Yuml", 0x178, false},
    {"Zacute", 0x179, false},
    {"Zcaron", 0x17D, false},
    {"Zdot", 0x17B, false},
    {"ZeroWidthSpace", 0x200B, false},
    {"Zeta", 0x396, false},
    {"aacute", 0xE1, true},
    {"acirc", 0xE2, true},
    {"acute", 0xB4, true},
    {"aelig", 0xE6, true},
    {"agrave", 0xE0, true},
    {"alefsym", 0x2135, false},
    {"alpha", 0x3B1, false},
    {"amacr", 0x101, false},
    {"amp", 0x26, true},
    {"and", 0x2227, false},
    {"ang", 0x2220, false},
    {"angst", 0xC5, false},
    {"aogon", 0x105, false},
    {"apos", 0x27, false},
    {"approx", 0x2248, false},
    {"aring", 0xE5, true},
    {"ast", 0x2A, false},
    {"asymp", 0x2248, false},
    {"atilde", 0xE3, true},
    {"auml", 0xE4, true},
    {"bdquo", 0x201E, false},
    {"beta", 0x3B2, false},
    {"bigcirc", 0x25EF, false},
    {"bigstar", 0x2605, false},
    {"blacklozenge", 0x29EB, false},
    {"blacksquare", 0x25AA, false},
    {"bprime", 0x2035, false},
    {"brvbar", 0xA6, true},
    {"bsol", 0x5C, false},
    {"bull", 0x2022, false},
    {"bullet", 0x2022, false},
    {"cacute", 0x107, false},
    {"cap", 0x2229, false},
    {"caret", 0x2041, false},
    {"ccaron", 0x10D, false},
    {"ccedil", 0xE7, true},
    {"cedil", 0xB8, true},
    {"cent", 0xA2, true},
    {"centerdot", 0xB7, false},
    {"check", 0x2713, false},
    {"checkmark", 0x2713, false},
    {"chi", 0x3C7, false},
    {"cir", 0x25CB, false},
    {"circ", 0x2C6, false},
    {"circledR", 0xAE, false},
    {"clubs", 0x2663, false},
    {"colon", 0x3A, false},
    {"comma", 0x2C, false},
    {"commat", 0x40, false},
    {"complexes", 0x2102, false},
    {"cong", 0x2245, false},
    {"copy", 0xA9, true},
    {"copysr", 0x2117, false},
    {"crarr", 0x21B5, false},
    {"cross", 0x2717, false},
    {"cup", 0x222A, false},
    {"curren", 0xA4, true},
    {"dArr", 0x21D3, false},
    {"dagger", 0x2020, false},
    {"darr", 0x2193, false},
    {"dash", 0x2010, false},
    {"dcaron", 0x10F, false},
    {"ddagger", 0x2021, false},
    {"deg", 0xB0, true},
    {"delta", 0x3B4, false},
    {"diams", 0x2666, false},
    {"die", 0xA8, false},
    {"div", 0xF7, false},
    {"divide", 0xF7, true},
    {"dollar", 0x24, false},
    {"downarrow", 0x2193, false},
    {"dtri", 0x25BF, false},
    {"dtrif", 0x25BE, false},
    {"eacute", 0xE9, true},
    {"ecaron", 0x11B, false},
    {"ecirc", 0xEA, true},
    {"egrave", 0xE8, true},
    {"ell", 0x2113, false},
    {"emacr", 0x113, false},
    {"empty", 0x2205, false},
    {"emptyset", 0x2205, false},
    {"emsp", 0x2003, false},
    {"emsp13", 0x2004, false},
    {"emsp14", 0x2005, false},
    {"ensp", 0x2002, false},
    {"eogon", 0x119, false},
    {"epsi", 0x3B5, false},
    {"epsilon", 0x3B5, false},
    {"epsiv", 0x3F5, false},
    {"equals", 0x3D, false},
    {"equiv", 0x2261, false},
    {"eta", 0x3B7, false},
    {"eth", 0xF0, true},
    {"euml", 0xEB, true},
    {"euro", 0x20AC, false},
    {"excl", 0x21, false},
    {"exist", 0x2203, false},
    {"female", 0x2640, false},
    {"ffilig", 0xFB03, false},
    {"fflig", 0xFB00, false},
    {"ffllig", 0xFB04, false},
    {"filig", 0xFB01, false},
    {"flat", 0x266D, false},
    {"fllig", 0xFB02, false},
    {"fnof", 0x192, false},
    {"forall", 0x2200, false},
    {"frac12", 0xBD, true},
    {"frac13", 0x2153, false},
    {"frac14", 0xBC, true},
    {"frac15", 0x2155, false},
    {"frac16", 0x2159, false},
    {"frac18", 0x215B, false},
    {"frac23", 0x2154, false},
    {"frac25", 0x2156, false},
    {"frac34", 0xBE, true},
    {"frac35", 0x2157, false},
    {"frac38", 0x215C, false},
    {"frac45", 0x2158, false},
    {"frac56", 0x215A, false},
    {"frac58", 0x215D, false},
    {"frac78", 0x215E, false},
    {"frasl", 0x2044, false},
    {"gamma", 0x3B3, false},
    {"gbreve", 0x11F, false},
    {"ge", 0x2265, false},
    {"geq", 0x2265, false},
    {"grave", 0x60, false},
    {"gt", 0x3E, true},
    {"hArr", 0x21D4, false},
    {"hairsp", 0x200A, false},
    {"half", 0xBD, false},
    {"harr", 0x2194, false},
    {"hbar", 0x210F, false},
    {"hearts", 0x2665, false},
    {"hellip", 0x2026, false},
    {"horbar", 0x2015, false},
    {"hybull", 0x2043, false},
    {"hyphen", 0x2010, false},
    {"iacute", 0xED, true},
    {"icirc", 0xEE, true},
    {"iexcl", 0xA1, true},
    {"iff", 0x21D4, false},
    {"igrave", 0xEC, true},
    {"imacr", 0x12B, false},
    {"image", 0x2111, false},
    {"imath", 0x131, false},
    {"in", 0x2208, false},
    {"infin", 0x221E, false},
    {"inodot", 0x131, false},
    {"int", 0x222B, false},
    {"integers", 0x2124, false},
    {"iota", 0x3B9, false},
    {"iquest", 0xBF, true},
    {"isin", 0x2208, false},
    {"iuml", 0xEF, true},
    {"kappa", 0x3BA, false},
    {"lArr", 0x21D0, false},
    {"lambda", 0x3BB, false},
    {"lang", 0x27E8, false},
    {"laquo", 0xAB, true},
    {"larr", 0x2190, false},
    {"lbrace", 0x7B, false},
    {"lbrack", 0x5B, false},
    {"lceil", 0x2308, false},
    {"lcub", 0x7B, false},
    {"ldquo", 0x201C, false},
    {"ldquor", 0x201E, false},
    {"le", 0x2264, false},
    {"leftarrow", 0x2190, false},
    {"leftrightarrow", 0x2194, false},
    {"leq", 0x2264, false},
    {"lfloor", 0x230A, false},
    {"lowast", 0x2217, false},
    {"lowbar", 0x5F, false},
    {"loz", 0x25CA, false},
    {"lozenge", 0x25CA, false},
    {"lozf", 0x29EB, false},
    {"lpar", 0x28, false},
    {"lrm", 0x200E, false},
    {"lsaquo", 0x2039, false},
    {"lsqb", 0x5B, false},
    {"lsquo", 0x2018, false},
    {"lsquor", 0x201A, false},
    {"lstrok", 0x142, false},
    {"lt", 0x3C, true},
    {"ltri", 0x25C3, false},
    {"ltrif", 0x25C2, false},
    {"macr", 0xAF, true},
    {"male", 0x2642, false},
    {"mdash", 0x2014, false},
    {"mho", 0x2127, false},
    {"micro", 0xB5, true},
    {"midast", 0x2A, false},
    {"middot", 0xB7, true},
    {"minus", 0x2212, false},
    {"mldr", 0x2026, false},
    {"mu", 0x3BC, false},
    {"nabla", 0x2207, false},
    {"nacute", 0x144, false},
    {"natural", 0x266E, false},
    {"naturals", 0x2115, false},
    {"nbsp", 0xA0, true},
    {"ncaron", 0x148, false},
    {"ndash", 0x2013, false},
    {"ne", 0x2260, false},
    {"nearr", 0x2197, false},
    {"ni", 0x220B, false},
    {"nldr", 0x2025, false},
    {"not", 0xAC, true},
    {"notin", 0x2209, false},
    {"nsub", 0x2284, false},
    {"ntilde", 0xF1, true},
    {"nu", 0x3BD, false},
    {"num", 0x23, false},
    {"numsp", 0x2007, false},
    {"nwarr", 0x2196, false},
    {"oacute", 0xF3, true},
    {"ocirc", 0xF4, true},
    {"odblac", 0x151, false},
    {"oelig", 0x153, false},
    {"ograve", 0xF2, true},
    {"ohm", 0x3A9, false},
    {"oline", 0x203E, false},
    {"omacr", 0x14D, false},
    {"omega", 0x3C9, false},
    {"omicron", 0x3BF, false},
    {"oplus", 0x2295, false},
    {"or", 0x2228, false},
    {"ordf", 0xAA, true},
    {"ordm", 0xBA, true},
    {"oslash", 0xF8, true},
    {"otilde", 0xF5, true},
    {"otimes", 0x2297, false},
    {"ouml", 0xF6, true},
    {"para", 0xB6, true},
    {"part", 0x2202, false},
    {"percnt", 0x25, false},
    {"period", 0x2E, false},
    {"permil", 0x2030, false},
    {"perp", 0x22A5, false},
    {"pertenk", 0x2031, false},
    {"phi", 0x3C6, false},
    {"phiv", 0x3D5, false},
    {"phone", 0x260E, false},
    {"pi", 0x3C0, false},
    {"piv", 0x3D6, false},
    {"planck", 0x210F, false},
    {"plus", 0x2B, false},
    {"plusmn", 0xB1, true},
    {"pm", 0xB1, false},
    {"pound", 0xA3, true},
    {"prime", 0x2032, false},
    {"primes", 0x2119, false},
    {"prod", 0x220F, false},
    {"prop", 0x221D, false},
    {"psi", 0x3C8, false},
    {"puncsp", 0x2008, false},
    {"quest", 0x3F, false},
    {"quot", 0x22, true},
    {"rArr", 0x21D2, false},
    {"radic", 0x221A, false},
    {"rang", 0x27E9, false},
    {"raquo", 0xBB, true},
    {"rarr", 0x2192, false},
    {"rationals", 0x211A, false},
    {"rbrace", 0x7D, false},
    {"rbrack", 0x5D, false},
    {"rcaron", 0x159, false},
    {"rceil", 0x2309, false},
    {"rcub", 0x7D, false},
    {"rdquo", 0x201D, false},
    {"rdquor", 0x201D, false},
    {"real", 0x211C, false},
    {"reals", 0x211D, false},
    {"reg", 0xAE, true},
    {"rfloor", 0x230B, false},
    {"rho", 0x3C1, false},
    {"rightarrow", 0x2192, false},
    {"rlm", 0x200F, false},
    {"rpar", 0x29, false},
    {"rsaquo", 0x203A, false},
    {"rsqb", 0x5D, false},
    {"rsquo", 0x2019, false},
    {"rsquor", 0x2019, false},
    {"rtri", 0x25B9, false},
    {"rtrif", 0x25B8, false},
    {"sacute", 0x15B, false},
    {"sbquo", 0x201A, false},
    {"scaron", 0x161, false},
    {"scedil", 0x15F, false},
    {"sdot", 0x22C5, false},
    {"searr", 0x2198, false},
    {"sect", 0xA7, true},
    {"semi", 0x3B, false},
    {"setminus", 0x2216, false},
    {"sharp", 0x266F, false},
    {"shy", 0xAD, true},
    {"sigma", 0x3C3, false},
    {"sigmaf", 0x3C2, false},
    {"sigmav", 0x3C2, false},
    {"sim", 0x223C, false},
    {"sol", 0x2F, false},
    {"spades", 0x2660, false},
    {"squ", 0x25A1, false},
    {"square", 0x25A1, false},
    {"squf", 0x25AA, false},
    {"star", 0x2606, false},
    {"starf", 0x2605, false},
    {"straightphi", 0x3D5, false},
    {"sub", 0x2282, false},
    {"sube", 0x2286, false},
    {"sum", 0x2211, false},
    {"sung", 0x266A, false},
    {"sup", 0x2283, false},
    {"sup1", 0xB9, true},
    {"sup2", 0xB2, true},
    {"sup3", 0xB3, true},
    {"supe", 0x2287, false},
    {"swarr", 0x2199, false},
    {"szlig", 0xDF, true},
    {"tau", 0x3C4, false},
    {"tcaron", 0x165, false},
    {"there4", 0x2234, false},
    {"theta", 0x3B8, false},
    {"thetasym", 0x3D1, false},
    {"thetav", 0x3D1, false},
    {"thinsp", 0x2009, false},
    {"thorn", 0xFE, true},
    {"tilde", 0x2DC, false},
    {"times", 0xD7, true},
    {"tprime", 0x2034, false},
    {"trade", 0x2122, false},
    {"uArr", 0x21D1, false},
    {"uacute", 0xFA, true},
    {"uarr", 0x2191, false},
    {"ucirc", 0xFB, true},
    {"udblac", 0x171, false},
    {"ugrave", 0xF9, true},
    {"umacr", 0x16B, false},
    {"uml", 0xA8, true},
    {"uparrow", 0x2191, false},
    {"upsih", 0x3D2, false},
    {"upsilon", 0x3C5, false},
    {"uring", 0x16F, false},
    {"utri", 0x25B5, false},
    {"utrif", 0x25B4, false},
    {"uuml", 0xFC, true},
    {"varepsilon", 0x3F5, false},
    {"varphi", 0x3D5, false},
    {"verbar", 0x7C, false},
    {"vert", 0x7C, false},
    {"weierp", 0x2118, false},
    {"xi", 0x3BE, false},
    {"yacute", 0xFD, true},
    {"yen", 0xA5, true},
    {"yuml", 0xFF, true},
    {"zacute", 0x17A, false},
    {"zcaron", 0x17E, false},
    {"zdot", 0x17C, false},
    {"zeta", 0x3B6, false},
    {"zwj", 0x200D, false},
    {"zwnj", 0x200C, false},
};

constexpr bool named_refs_sorted() {
  for (size_t i = 1; i < std::size(kNamedRefs); ++i)
    if (!(kNamedRefs[i - 1].name < kNamedRefs[i].name)) return false;
  return true;
}
static_assert(named_refs_sorted(), "kNamedRefs must be sorted and unique");

// Longest name in the standard's table ("CounterClockwiseContourIntegral").
// A longer alphanumeric run cannot be a ';'-terminated reference, so we never
// need to look further than this, whatever the input.
constexpr size_t kMaxStandardNameLen = 31;
// Longest legacy (no-';') names are six letters ("frac12", "middot", ...).
constexpr size_t kMaxLegacyLen = 6;

const NamedRef* find_named(std::string_view name) {
  auto it = std::lower_bound(
      std::begin(kNamedRefs), std::end(kNamedRefs), name,
      [](const NamedRef& r, std::string_view n) { return r.name < n; });
  if (it != std::end(kNamedRefs) && it->name == name) return it;
  return nullptr;
}

// Numeric references to C1 controls are treated as windows-1252 bytes, as the
// standard requires (pages declared latin-1 but typed on Windows).
constexpr char32_t kWin1252[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int digit_value(char ch, bool hex) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (hex) {
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  }
  return -1;
}

size_t decode_numeric(std::string_view s, std::string& out) {
  size_t i = 2;  // past "&#"
  bool hex = false;
  if (i < s.size() && (s[i] == 'x' || s[i] == 'X')) {
    hex = true;
    ++i;
  }
  const size_t digits_begin = i;
  uint32_t cp = 0;
  for (int d; i < s.size() && (d = digit_value(s[i], hex)) >= 0; ++i) {
    // Saturate instead of overflowing: anything past U+10FFFF is U+FFFD
    // anyway, and "&#99999999999999999999;" must not wrap to a valid char.
    if (cp <= 0x10FFFF) cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
  }
  if (i == digits_begin) return 0;  // "&#" / "&#x" with no digits: literal
  if (i < s.size() && s[i] == ';') ++i;  // ';' is optional (parse error only)
  char32_t c = cp;
  if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    c = 0xFFFD;
  else if (c >= 0x80 && c <= 0x9F)
    c = kWin1252[c - 0x80];
  append_utf8(out, c);
  return i;
}

// ---- tag names --------------------------------------------------------------

constexpr std::string_view kTagNames[] = {
    "",
#define FACTLINT_HTML_TAG_NAME(id, name) name,
    FACTLINT_HTML_TAGS(FACTLINT_HTML_TAG_NAME)
#undef FACTLINT_HTML_TAG_NAME
};
static_assert(std::size(kTagNames) == static_cast<size_t>(Tag::Count));

constexpr size_t kLongestTagName = 10;  // "blockquote", "figcaption"

// The first 8 bytes of a name, ASCII-lowercased, packed into an integer (first
// byte lowest): what tag names are looked up by, with no string compares and
// no allocation. Names longer than 8 bytes share a key with every name of the
// same first 8 bytes, so their tail is checked separately.
constexpr uint64_t name_key(std::string_view s) {
  uint64_t k = 0;
  for (size_t i = 0; i < s.size() && i < 8; ++i)
    k |= static_cast<uint64_t>(ascii::to_lower(s[i])) << (8 * i);
  return k;
}

// ascii::to_lower() on all 8 bytes of x at once: for each byte below 0x80, adding 0x3F
// sets bit 7 from 'A' up and adding 0x25 sets it past 'Z' (neither carries
// into the next byte), so bit 7 of ge_a & ~gt_z marks the upper-case letters;
// shifted down it is the 0x20 that lower-cases them.
constexpr uint64_t lower8(uint64_t x) {
  constexpr uint64_t k7f = 0x7F7F7F7F7F7F7F7Full, k80 = 0x8080808080808080ull;
  const uint64_t low7 = x & k7f;
  const uint64_t ge_a = low7 + 0x3F3F3F3F3F3F3F3Full;
  const uint64_t gt_z = low7 + 0x2525252525252525ull;
  return x | (((ge_a & ~gt_z & ~x) & k80) >> 2);
}
static_assert(lower8(name_key("Az@[`{\x7f")) == name_key("az@[`{\x7f"));
static_assert(lower8(0x5A41C1DA5B40ull) == 0x7A61C1DA5B40ull);

// name_key of d[b, b + len) when 8 bytes can be read from d + b: one load
// and lower8 instead of a loop over the name.
inline uint64_t name_key_at(const char* d, size_t b, size_t len) {
  uint64_t w;
  std::memcpy(&w, d + b, 8);
  if (len < 8) w &= (uint64_t{1} << (8 * len)) - 1;
  return lower8(w);
}

// Keys to tags by a perfect hash: (key * kTagHashMul) >> (64 - kTagHashBits)
// gives every known key its own slot, so a lookup is one multiply, one table
// load and one compare. The multiplier is searched for at compile time.
constexpr int kTagHashBits = 10;
constexpr size_t kTagHashSlots = size_t{1} << kTagHashBits;

constexpr size_t tag_slot(uint64_t key, uint64_t mul) {
  return static_cast<size_t>((key * mul) >> (64 - kTagHashBits));
}

constexpr uint64_t find_tag_hash_mul() {
  uint64_t mul = 0x9E3779B97F4A7C15ull;  // odd multipliers from a Weyl sequence
  for (int attempt = 0; attempt < 100000; ++attempt, mul += 0x6A09E667F3BCC90Aull) {
    std::array<bool, kTagHashSlots> used{};
    bool ok = true;
    for (size_t t = 1; t < std::size(kTagNames) && ok; ++t) {
      const size_t slot = tag_slot(name_key(kTagNames[t]), mul | 1);
      ok = !used[slot];
      used[slot] = true;
    }
    if (ok) return mul | 1;
  }
  return 0;
}
constexpr uint64_t kTagHashMul = find_tag_hash_mul();
static_assert(kTagHashMul != 0, "no perfect hash for the tag names: raise kTagHashBits");

constexpr std::array<uint8_t, kTagHashSlots> make_tag_slots() {
  std::array<uint8_t, kTagHashSlots> slots{};  // 0 is Tag::Other
  for (size_t t = 1; t < std::size(kTagNames); ++t)
    slots[tag_slot(name_key(kTagNames[t]), kTagHashMul)] = static_cast<uint8_t>(t);
  return slots;
}
constexpr auto kTagSlots = make_tag_slots();

constexpr std::array<uint64_t, std::size(kTagNames)> make_tag_keys() {
  std::array<uint64_t, std::size(kTagNames)> keys{};
  for (size_t t = 1; t < std::size(kTagNames); ++t) keys[t] = name_key(kTagNames[t]);
  return keys;
}
constexpr auto kTagKeys = make_tag_keys();

// The Tag whose name_key is `key`, if `name` really is that name.
inline Tag tag_for_key(uint64_t key, std::string_view name) {
  const size_t t = kTagSlots[tag_slot(key, kTagHashMul)];
  // Another key in the slot, or an equal key of a different name: a
  // different length ("di\0" vs "div"), or a long name whose bytes past the
  // eighth differ.
  if (t == 0 || kTagKeys[t] != key || kTagNames[t].size() != name.size()) return Tag::Other;
  if (name.size() > 8 && !iequals(name.substr(8), kTagNames[t].substr(8))) return Tag::Other;
  return static_cast<Tag>(t);
}

// ---- raw text elements ------------------------------------------------------

enum class RawKind : uint8_t { None, Script, RawText, Plaintext };

// Start tags after which the tree builder switches the tokenizer out of the
// data state. noscript counts because browsers run with scripting enabled.
// We do not track foreign content (<svg>/<math>), where these names are
// ordinary elements: guessing wrong about leaving foreign content would make
// us tokenize a later <script> body as markup, which is far worse than
// treating an SVG <title>/<style> as raw.
RawKind raw_kind(Tag tag) {
  switch (tag) {
    case Tag::Script: return RawKind::Script;
    case Tag::Plaintext: return RawKind::Plaintext;
    case Tag::Style: case Tag::Xmp: case Tag::Iframe: case Tag::Noembed:
    case Tag::Noframes: case Tag::Noscript: case Tag::Title: case Tag::Textarea:
      return RawKind::RawText;
    default: return RawKind::None;
  }
}

}  // namespace

// ---- public helpers ---------------------------------------------------------

Tag tag_of(std::string_view name) {
  if (name.empty() || name.size() > kLongestTagName) return Tag::Other;
  return tag_for_key(name_key(name), name);
}

std::string_view tag_name(Tag tag) {
  const size_t i = static_cast<size_t>(tag);
  return i < std::size(kTagNames) ? kTagNames[i] : std::string_view();
}

const Attribute* Token::find_attr(std::string_view lowercase_name) const {
  for (size_t i = 0; i < attr_count; ++i)
    if (attrs[i].name.size() == lowercase_name.size() && iequals(attrs[i].name, lowercase_name))
      return &attrs[i];
  return nullptr;
}

size_t decode_char_ref(std::string_view s, std::string& out, RefContext ctx) {
  if (s.size() < 2 || s[0] != '&') return 0;
  if (s[1] == '#') return decode_numeric(s, out);

  const size_t limit = std::min(s.size(), 1 + kMaxStandardNameLen + 1);
  size_t i = 1;
  while (i < limit && is(static_cast<unsigned char>(s[i]), kAlnum)) ++i;
  const size_t run = i - 1;
  if (run == 0) return 0;

  if (run <= kMaxStandardNameLen && i < s.size() && s[i] == ';') {
    if (const NamedRef* r = find_named(s.substr(1, run))) {
      append_utf8(out, r->cp);
      return run + 2;
    }
    // Possibly a real entity missing from our table: a legacy-prefix
    // fallback ("&notinva;" -> "¬inva;") would invent text the browser does
    // not show, so keep it literal.
    return 0;
  }

  // No ';' right after the name: only the legacy names apply, longest first.
  // The standard takes the longest match and does not fall back to a shorter
  // one when the attribute rule rejects it, so neither do we.
  for (size_t len = std::min(run, kMaxLegacyLen); len >= 2; --len) {
    const NamedRef* r = find_named(s.substr(1, len));
    if (!r || !r->legacy) continue;
    if (ctx == RefContext::Attribute && 1 + len < s.size()) {
      const unsigned char next = static_cast<unsigned char>(s[1 + len]);
      if (is(next, kAlnum) || next == '=') return 0;
    }
    append_utf8(out, r->cp);
    return 1 + len;
  }
  return 0;
}

std::string decode_text(std::string_view raw, RefContext ctx) {
  std::string out;
  out.reserve(raw.size());
  size_t i = 0;
  while (i < raw.size()) {
    const void* p = std::memchr(raw.data() + i, '&', raw.size() - i);
    if (!p) {
      out.append(raw.data() + i, raw.size() - i);
      break;
    }
    const size_t amp = static_cast<size_t>(static_cast<const char*>(p) - raw.data());
    out.append(raw.data() + i, amp - i);
    const size_t used = decode_char_ref(raw.substr(amp), out, ctx);
    if (used == 0) {
      out.push_back('&');
      i = amp + 1;
    } else {
      i = amp + used;
    }
  }
  return out;
}

// ---- tokenizer --------------------------------------------------------------

namespace {

void set_simple(Token& t, TokenKind kind, size_t b, size_t e, bool raw = false) {
  t.kind = kind;
  t.begin = static_cast<uint32_t>(b);
  t.end = static_cast<uint32_t>(e);
  t.name = {};
  t.tag = Tag::Other;
  t.self_closing = false;
  t.raw = raw;
  t.attrs = nullptr;
  t.attr_count = 0;
}

}  // namespace

Tokenizer::Tokenizer(std::string_view input) : in_(input) {
  if (input.size() > UINT32_MAX)
    throw std::length_error("html::Tokenizer: input larger than 4 GiB");
  attrs_.resize(32);
}

bool Tokenizer::is_end_tag_at(size_t lt, std::string_view lower_name) const {
  const size_t after = lt + 2 + lower_name.size();
  return after < in_.size() && in_[lt + 1] == '/' &&
         iequals(in_.substr(lt + 2, lower_name.size()), lower_name) &&
         is(static_cast<unsigned char>(in_[after]), kTagNameEnd);
}

// RAWTEXT / RCDATA: only "</name" followed by whitespace, '/' or '>' ends it.
size_t Tokenizer::find_raw_end(size_t from) const {
  const size_t n = in_.size();
  for (size_t i = from; i < n;) {
    const void* p = std::memchr(in_.data() + i, '<', n - i);
    if (!p) break;
    const size_t lt = static_cast<size_t>(static_cast<const char*>(p) - in_.data());
    if (is_end_tag_at(lt, raw_name_)) return lt;
    i = lt + 1;
  }
  return n;
}

// Script data, including the escaped states: inside "<!--" a nested
// "<script>" switches to double-escaped, where "</script>" does NOT end the
// element (legacy `<!-- document.write("<script>..</script>") -->` blocks).
size_t Tokenizer::find_script_end(size_t from) const {
  const std::string_view s = in_;
  const size_t n = s.size();
  enum { Data, Escaped, DoubleEscaped } st = Data;
  int dashes = 0;  // consecutive '-' just seen in the escaped states (max 2)
  size_t i = from;

  // Length of the ASCII-letter run at j, and whether it is "script" followed
  // by whitespace, '/' or '>' (the double-escape start/end condition).
  auto script_word_at = [&](size_t j, size_t& run_end) {
    size_t k = j;
    while (k < n && is(static_cast<unsigned char>(s[k]), kAlpha)) ++k;
    run_end = k;
    return k - j == 6 && k < n && iequals(s.substr(j, 6), "script") &&
           is(static_cast<unsigned char>(s[k]), kTagNameEnd);
  };

  while (i < n) {
    if (st == Data) {
      const void* p = std::memchr(s.data() + i, '<', n - i);
      if (!p) return n;
      const size_t lt = static_cast<size_t>(static_cast<const char*>(p) - s.data());
      if (is_end_tag_at(lt, "script")) return lt;
      if (lt + 3 < n && s[lt + 1] == '!' && s[lt + 2] == '-' && s[lt + 3] == '-') {
        st = Escaped;
        dashes = 2;  // "<!--" lands in "escaped dash dash", so "<!-->" closes
        i = lt + 4;
      } else {
        i = lt + 1;
      }
      continue;
    }
    const char c = s[i];
    if (c == '-') {
      dashes = dashes < 2 ? dashes + 1 : 2;
      ++i;
    } else if (c == '>') {
      if (dashes == 2) st = Data;
      dashes = 0;
      ++i;
    } else if (c == '<') {
      dashes = 0;
      size_t run_end;
      if (st == Escaped) {
        if (is_end_tag_at(i, "script")) return i;
        if (i + 1 < n && is(static_cast<unsigned char>(s[i + 1]), kAlpha)) {
          if (script_word_at(i + 1, run_end)) {
            st = DoubleEscaped;
            i = run_end + 1;  // the delimiter is consumed by the state change
          } else {
            i = run_end;
          }
        } else {
          ++i;
        }
      } else {  // DoubleEscaped
        if (i + 2 < n && s[i + 1] == '/' && script_word_at(i + 2, run_end)) {
          st = Escaped;
          i = run_end + 1;
        } else {
          ++i;
        }
      }
    } else {
      dashes = 0;
      ++i;
    }
  }
  return n;
}

bool Tokenizer::parse_tag(size_t lt, bool end_tag, Token& t) {
  const size_t n = in_.size();
  const char* d = in_.data();
  const size_t name_begin = lt + (end_tag ? 2 : 1);
  size_t i = skip_until(d, name_begin, n, kTagNameEnd);
  if (i >= n) return false;
  const std::string_view name(d + name_begin, i - name_begin);

  // End tags are parsed the same way (the standard does, then ignores their
  // attributes) so that a '>' inside a quoted value does not end them early.
  // attrs_ only grows; n_attrs counts the slots this tag uses, and each
  // attribute is written straight into its slot.
  size_t n_attrs = 0;
  bool self_closing = false;
  for (;;) {
    i = skip_while(d, i, n, kWs);
    if (i >= n) return false;
    if (d[i] == '>') {
      ++i;
      break;
    }
    if (d[i] == '/') {
      // "/>" closes; a stray '/' elsewhere is just skipped, per the
      // self-closing-start-tag state's "anything else" branch.
      if (++i >= n) return false;
      if (d[i] == '>') {
        self_closing = true;
        ++i;
        break;
      }
      continue;
    }
    // Attribute name. The first byte is taken unconditionally so that a
    // leading '=' becomes part of the name, as in the standard.
    const size_t nb = i;
    const size_t ne = skip_until(d, nb + 1, n, kAttrNameEnd);
    i = skip_while(d, ne, n, kWs);
    if (i >= n) return false;
    if (n_attrs == attrs_.size()) attrs_.resize(std::max<size_t>(32, 2 * n_attrs));
    Attribute& a = attrs_[n_attrs++];
    a.name = std::string_view(d + nb, ne - nb);
    a.name_begin = static_cast<uint32_t>(nb);
    if (d[i] != '=') {
      a.value = {};
      a.value_begin = a.value_end = static_cast<uint32_t>(ne);
      continue;
    }
    i = skip_while(d, i + 1, n, kWs);
    if (i >= n) return false;
    size_t vb, ve;
    const char q = d[i];
    if (q == '"' || q == '\'') {
      vb = i + 1;
      ve = find_byte(d, vb, n, q);
      if (ve >= n) return false;
      i = ve + 1;
    } else if (q == '>') {
      vb = ve = i;  // "a=>": empty value, '>' closes the tag on the next turn
    } else {
      vb = i;
      i = ve = skip_until(d, i, n, kUnquotedEnd);
      if (i >= n) return false;
    }
    a.value = std::string_view(d + vb, ve - vb);
    a.value_begin = static_cast<uint32_t>(vb);
    a.value_end = static_cast<uint32_t>(ve);
  }

  t.kind = end_tag ? TokenKind::EndTag : TokenKind::StartTag;
  t.begin = static_cast<uint32_t>(lt);
  t.end = static_cast<uint32_t>(i);
  t.name = name;
  if (name.size() > kLongestTagName) {
    t.tag = Tag::Other;
  } else {
    const bool fast = std::endian::native == std::endian::little && name_begin + 8 <= n;
    t.tag = tag_for_key(fast ? name_key_at(d, name_begin, name.size()) : name_key(name), name);
  }
  t.self_closing = self_closing;
  t.raw = false;
  if (!end_tag && n_attrs != 0) {
    t.attrs = attrs_.data();
    t.attr_count = n_attrs;
  } else {
    t.attrs = nullptr;
    t.attr_count = 0;
  }
  pos_ = i;
  if (!end_tag) {
    // Self-closing is ignored here on purpose: "<script/>" still starts a
    // script element in HTML.
    switch (raw_kind(t.tag)) {
      case RawKind::Script: mode_ = Mode::Script; break;
      case RawKind::RawText:
        mode_ = Mode::RawText;
        raw_name_ = tag_name(t.tag);
        break;
      case RawKind::Plaintext: mode_ = Mode::Plaintext; break;
      case RawKind::None: break;
    }
  }
  return true;
}

// Classifies the '<' at `lt`. On Markup::Yes fills `t` and advances pos_.
// Markup::Unterminated means a tag ran into EOF; the caller turns the rest of
// the input into text.
//
// Tags are nearly all the markup of a page, so they are told apart here,
// inlined into next(), its only caller: a call level more would cost about as
// much as the classification. The rarer forms go to other_markup, kept out of
// line so that next() stays small.
#if defined(__GNUC__)
[[gnu::always_inline]]
#endif
inline Tokenizer::Markup Tokenizer::try_markup(size_t lt, Token& t) {
  const std::string_view s = in_;
  const size_t n = s.size();
  if (lt + 1 >= n) return Markup::No;
  const unsigned char c = static_cast<unsigned char>(s[lt + 1]);
  if (is(c, kAlpha)) return parse_tag(lt, false, t) ? Markup::Yes : Markup::Unterminated;
  if (c == '/' && lt + 2 < n && is(static_cast<unsigned char>(s[lt + 2]), kAlpha))
    return parse_tag(lt, true, t) ? Markup::Yes : Markup::Unterminated;
  return other_markup(lt, t);
}

// Everything after '<' that does not start a tag: comments, doctypes, "<?",
// "<!", "</ " and "</>". `lt + 1 < n` holds.
#if defined(__GNUC__)
[[gnu::noinline]]
#endif
Tokenizer::Markup Tokenizer::other_markup(size_t lt, Token& t) {
  const std::string_view s = in_;
  const size_t n = s.size();
  const unsigned char c = static_cast<unsigned char>(s[lt + 1]);

  // Everything that is not a tag ends at the first '>' (or at EOF, where
  // the standard still emits the comment/doctype), except real comments.
  auto until_gt = [&](size_t from, TokenKind kind) {
    const void* p = from < n ? std::memchr(s.data() + from, '>', n - from) : nullptr;
    const size_t e = p ? static_cast<size_t>(static_cast<const char*>(p) - s.data()) + 1 : n;
    set_simple(t, kind, lt, e);
    pos_ = e;
    return Markup::Yes;
  };

  if (c == '/') {
    if (lt + 2 >= n) return Markup::No;  // "</" at EOF is emitted as text
    // "</>" is dropped by the standard and "</ x>" becomes a bogus comment;
    // either way it is markup, not text. ("</x" is a tag: try_markup.)
    return until_gt(lt + 2, TokenKind::ProcessingInstruction);
  }
  if (c == '?') return until_gt(lt + 2, TokenKind::ProcessingInstruction);
  if (c != '!') return Markup::No;

  if (lt + 3 < n && s[lt + 2] == '-' && s[lt + 3] == '-') {
    // Comment. Besides "-->", the standard closes on "--!>" and on the
    // abrupt forms "<!-->" and "<!--->"; "--" may be followed by more '-'.
    const size_t body = lt + 4;
    size_t e = n;
    if (body < n && s[body] == '>') {
      e = body + 1;
    } else if (body + 1 < n && s[body] == '-' && s[body + 1] == '>') {
      e = body + 2;
    } else {
      for (size_t j = body; j < n;) {
        const void* p = std::memchr(s.data() + j, '-', n - j);
        if (!p) break;
        const size_t k = static_cast<size_t>(static_cast<const char*>(p) - s.data());
        if (k + 2 < n && s[k + 1] == '-') {
          if (s[k + 2] == '>') {
            e = k + 3;
            break;
          }
          if (k + 3 < n && s[k + 2] == '!' && s[k + 3] == '>') {
            e = k + 4;
            break;
          }
        }
        j = k + 1;
      }
    }
    set_simple(t, TokenKind::Comment, lt, e);
    pos_ = e;
    return Markup::Yes;
  }
  if (lt + 9 <= n && iequals(s.substr(lt + 2, 7), "doctype"))
    return until_gt(lt + 9, TokenKind::Doctype);
  return until_gt(lt + 2, TokenKind::ProcessingInstruction);
}

bool Tokenizer::next(Token& out) {
  if (done_) return false;
  if (has_pending_) {
    has_pending_ = false;
    out = pending_;
    return true;
  }
  const size_t n = in_.size();
  for (;;) {
    if (pos_ >= n) {
      set_simple(out, TokenKind::EndOfFile, n, n);
      done_ = true;
      return true;
    }
    if (mode_ == Mode::Plaintext) {
      set_simple(out, TokenKind::Text, pos_, n, true);
      pos_ = n;
      return true;
    }
    if (mode_ == Mode::Data) break;
    const size_t e = mode_ == Mode::Script ? find_script_end(pos_) : find_raw_end(pos_);
    mode_ = Mode::Data;
    if (e == pos_) continue;  // empty element body: go straight to its end tag
    set_simple(out, TokenKind::Text, pos_, e, true);
    pos_ = e;
    return true;
  }

  const size_t start = pos_;
  for (size_t i = start;;) {
    const size_t lt = find_byte(in_.data(), i, n, '<');
    if (lt >= n) {
      set_simple(out, TokenKind::Text, start, n);
      pos_ = n;
      return true;
    }
    // Parse the markup now rather than on the next call: only then do we
    // know whether the text run ends here or (for a tag cut off by EOF)
    // extends to the end of the input as one maximal run. Markup with no
    // text before it is parsed straight into `out`.
    switch (try_markup(lt, lt == start ? out : pending_)) {
      case Markup::Yes:
        if (lt != start) {
          set_simple(out, TokenKind::Text, start, lt);
          has_pending_ = true;
        }
        return true;
      case Markup::Unterminated:
        set_simple(out, TokenKind::Text, start, n);
        pos_ = n;
        return true;
      case Markup::No:
        i = lt + 1;
        break;
    }
  }
}

}  // namespace factlint::html
