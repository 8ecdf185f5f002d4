// Byte-exact HTML tokenizer (WHATWG tokenizer states, minus tree construction).
//
// Every token carries the byte range it was cut from, and the ranges tile the
// input exactly. Later stages rely on that to insert markup at text offsets and
// copy every other byte through untouched, which is why nothing here normalises,
// decodes or drops input bytes the way a conforming parser would.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace factlint::html {

enum class TokenKind : uint8_t {
  Text,
  StartTag,
  EndTag,
  Comment,
  Doctype,
  // "<?...>", "<!...>" bogus comments (including "<![CDATA[...>" in HTML
  // content), "</ ...>" bogus end tags and the empty end tag "</>". The standard
  // drops or comments these out; we still need a token to own their bytes.
  ProcessingInstruction,
  EndOfFile,
};

// Element names a reader acts on, so that a name is matched once, by the
// tokenizer, and every later test is an integer compare. Names not listed are
// Tag::Other and must be compared by name (case-insensitively). The list holds
// every name html_reader.cpp and the raw-text rules need, plus frequent inline
// elements so their end tags also match by ID.
#define FACTLINT_HTML_TAGS(X)                                                      \
  X(A, "a") X(Abbr, "abbr") X(Address, "address") X(Area, "area")                  \
  X(Article, "article") X(Aside, "aside") X(B, "b") X(Base, "base")                \
  X(Basefont, "basefont") X(Bgsound, "bgsound") X(Blockquote, "blockquote")        \
  X(Body, "body") X(Br, "br") X(Button, "button") X(Caption, "caption")            \
  X(Center, "center") X(Cite, "cite") X(Code, "code") X(Col, "col") X(Dd, "dd")    \
  X(Details, "details") X(Dialog, "dialog") X(Div, "div") X(Dl, "dl")              \
  X(Dt, "dt") X(Em, "em") X(Embed, "embed") X(Fieldset, "fieldset")                \
  X(Figcaption, "figcaption") X(Figure, "figure") X(Footer, "footer")              \
  X(Form, "form") X(H1, "h1") X(H2, "h2") X(H3, "h3") X(H4, "h4") X(H5, "h5")      \
  X(H6, "h6") X(Head, "head") X(Header, "header") X(Hgroup, "hgroup")              \
  X(Hr, "hr") X(Html, "html") X(I, "i") X(Iframe, "iframe") X(Img, "img")          \
  X(Input, "input") X(Kbd, "kbd") X(Label, "label") X(Legend, "legend")            \
  X(Li, "li") X(Link, "link") X(Main, "main") X(Mark, "mark") X(Math, "math")      \
  X(Menu, "menu") X(Meta, "meta") X(Nav, "nav") X(Noembed, "noembed")              \
  X(Noframes, "noframes") X(Noscript, "noscript") X(Object, "object")              \
  X(Ol, "ol") X(P, "p") X(Param, "param") X(Plaintext, "plaintext")                \
  X(Pre, "pre") X(Q, "q") X(S, "s") X(Samp, "samp") X(Script, "script")            \
  X(Section, "section") X(Select, "select") X(Small, "small")                      \
  X(Source, "source") X(Span, "span") X(Strong, "strong") X(Style, "style")        \
  X(Sub, "sub") X(Summary, "summary") X(Sup, "sup") X(Svg, "svg")                  \
  X(Table, "table") X(Tbody, "tbody") X(Td, "td") X(Template, "template")          \
  X(Textarea, "textarea") X(Tfoot, "tfoot") X(Th, "th") X(Thead, "thead")          \
  X(Time, "time") X(Title, "title") X(Tr, "tr") X(Track, "track") X(Tt, "tt")      \
  X(U, "u") X(Ul, "ul") X(Var, "var") X(Wbr, "wbr") X(Xmp, "xmp")

enum class Tag : uint8_t {
  Other,
#define FACTLINT_HTML_TAG_ENUM(id, name) id,
  FACTLINT_HTML_TAGS(FACTLINT_HTML_TAG_ENUM)
#undef FACTLINT_HTML_TAG_ENUM
  Count
};

// ASCII case-insensitive: "DIV" and "div" are Tag::Div; unknown names Tag::Other.
Tag tag_of(std::string_view name);
// The lower-case name of a known tag ("" for Tag::Other).
std::string_view tag_name(Tag tag);

struct Attribute {
  std::string_view name;   // as in source (case preserved); compare with iequals
  std::string_view value;  // raw source bytes, entities NOT decoded, no quotes
  // Offsets into the input. For a valueless attribute value_begin == value_end
  // == the offset just past the name.
  uint32_t name_begin = 0, value_begin = 0, value_end = 0;
};

struct Token {
  TokenKind kind = TokenKind::EndOfFile;
  uint32_t begin = 0, end = 0;  // byte range of the whole token
  std::string_view name;        // tag name as in source (StartTag/EndTag)
  Tag tag = Tag::Other;         // tag_of(name) for StartTag/EndTag
  bool self_closing = false;    // "<br/>"
  // Text inside script/style/xmp/iframe/noembed/noframes/noscript/title/
  // textarea/plaintext. Markup inside it was not tokenized; for title and
  // textarea the consumer may still decode character references.
  bool raw = false;
  // Attributes of a StartTag, valid until the next call to Tokenizer::next().
  // Duplicates are kept in source order (the standard keeps the first).
  const Attribute* attrs = nullptr;
  size_t attr_count = 0;

  // Case-insensitive; returns the first match (the one the standard keeps).
  const Attribute* find_attr(std::string_view lowercase_name) const;
};

class Tokenizer {
 public:
  // Offsets are 32-bit: throws std::length_error for inputs >= 4 GiB.
  // The input must outlive the tokenizer and its tokens.
  explicit Tokenizer(std::string_view input);

  // Returns true and fills `out` for every token including the final
  // EndOfFile token (begin == end == input.size()); returns false on every
  // call after that.
  bool next(Token& out);

 private:
  enum class Mode : uint8_t { Data, Script, RawText, Plaintext };
  enum class Markup : uint8_t { No, Yes, Unterminated };

  Markup try_markup(size_t lt, Token& t);
  Markup other_markup(size_t lt, Token& t);
  bool parse_tag(size_t lt, bool end_tag, Token& t);
  size_t find_raw_end(size_t from) const;
  size_t find_script_end(size_t from) const;
  bool is_end_tag_at(size_t lt, std::string_view lower_name) const;

  std::string_view in_;
  size_t pos_ = 0;
  Mode mode_ = Mode::Data;
  bool done_ = false;
  bool has_pending_ = false;
  std::string_view raw_name_;  // lowercase name whose end tag closes raw text
  Token pending_;              // markup found while scanning a text run
  std::vector<Attribute> attrs_;
};

// ASCII case-insensitive compare of `a` with an already-lowercase string.
// Inline because readers call it per attribute: a byte that already matches
// costs one compare, and only a letter may match its upper-case form (for
// letters, c | 0x20 == w holds exactly for c == w and c == upper(w)).
inline bool iequals(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const char c = a[i], w = lower[i];
    if (c != w && ((c | 0x20) != w || w < 'a' || w > 'z')) return false;
  }
  return true;
}

// Where a character reference appears. It only matters for legacy named
// references without ';' (e.g. "&copy2024"): in text the standard decodes
// them, in attribute values it leaves them alone when the next byte is
// [A-Za-z0-9=] so that URLs like "?a=1&copy=2" survive.
enum class RefContext : uint8_t { Attribute, Text };

// Decode the character reference starting at text[0] == '&'. On success
// appends its UTF-8 to `out` and returns the number of source bytes consumed
// (6 for "&nbsp;", 7 for "&#8217;"); returns 0 if it is not a reference the
// caller should decode (keep the '&' literally).
//
// The default context is Attribute, i.e. legacy names without ';' decode only
// when not followed by [A-Za-z0-9=]. Pass RefContext::Text for text runs to
// get what a browser shows ("&copy2024" -> "©2024").
//
// Named references come from a built-in table of the common names (all legacy
// ones, the HTML 4 set and frequent HTML5 aliases). A name followed by ';' that
// is not in the table returns 0 rather than falling back to a legacy prefix,
// because it might be a real entity we do not know; leaving it literal is safe
// since output bytes are never rewritten.
size_t decode_char_ref(std::string_view text, std::string& out,
                       RefContext ctx = RefContext::Attribute);

// Decode all references in a run (attribute values, tests).
std::string decode_text(std::string_view raw,
                        RefContext ctx = RefContext::Attribute);

}  // namespace factlint::html
