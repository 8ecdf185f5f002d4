#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "document/ascii.h"
#include "input/comments.h"
#include "input/html_tokenizer.h"
#include "input/readers.h"
#include "input/text_builder.h"

namespace factlint {

namespace {

using html::iequals;
using html::Tag;

// HTML names are matched ASCII case-insensitively, whatever the C locale says (ascii::to_lower).
using ascii::to_lower;

// What the reader needs to know about an element. The tokenizer resolves every tag name to a
// Tag once; from there on a tag costs one table load, never a string compare.
enum TagFlag : uint8_t {
  kSkipped = 1,      // its whole subtree is never content
  kBlock = 2,        // it ends one text block and starts another
  kHeadContent = 4,  // it may stand in <head>; any other start tag (or text) ends the head
  kVoid = 8,         // it has no end tag
};

constexpr std::array<uint8_t, static_cast<size_t>(Tag::Count)> make_tag_flags() {
  std::array<uint8_t, static_cast<size_t>(Tag::Count)> f{};
  auto add = [&f](std::initializer_list<Tag> tags, uint8_t flag) {
    for (Tag t : tags) f[static_cast<size_t>(t)] |= flag;
  };
  add({Tag::Head, Tag::Title, Tag::Nav, Tag::Script, Tag::Style, Tag::Pre, Tag::Code, Tag::Noscript, Tag::Template,
       Tag::Svg, Tag::Math, Tag::Textarea, Tag::Select, Tag::Button, Tag::Iframe, Tag::Object, Tag::Kbd, Tag::Samp,
       Tag::Var, Tag::Tt, Tag::Label, Tag::Menu, Tag::Dialog},
      kSkipped);
  add({Tag::P, Tag::Div, Tag::Li, Tag::Dt, Tag::Dd, Tag::H1, Tag::H2, Tag::H3, Tag::H4, Tag::H5, Tag::H6,
       Tag::Blockquote, Tag::Figcaption, Tag::Caption, Tag::Td, Tag::Th, Tag::Tr, Tag::Table, Tag::Thead, Tag::Tbody,
       Tag::Tfoot, Tag::Ul, Tag::Ol, Tag::Dl, Tag::Section, Tag::Article, Tag::Main, Tag::Header, Tag::Footer,
       Tag::Aside, Tag::Figure, Tag::Address, Tag::Details, Tag::Summary, Tag::Hr, Tag::Body, Tag::Html, Tag::Center,
       Tag::Fieldset, Tag::Legend, Tag::Hgroup, Tag::Form, Tag::Br},
      kBlock);
  add({Tag::Base, Tag::Basefont, Tag::Bgsound, Tag::Link, Tag::Meta, Tag::Noframes, Tag::Noscript, Tag::Script,
       Tag::Style, Tag::Template, Tag::Title, Tag::Html, Tag::Head, Tag::Body},
      kHeadContent);
  add({Tag::Area, Tag::Base, Tag::Br, Tag::Col, Tag::Embed, Tag::Hr, Tag::Img, Tag::Input, Tag::Link, Tag::Meta,
       Tag::Source, Tag::Track, Tag::Wbr, Tag::Param},
      kVoid);
  return f;
}
constexpr auto kTagFlags = make_tag_flags();

inline uint8_t tag_flags(Tag t) { return kTagFlags[static_cast<size_t>(t)]; }

BlockKind kind_of(Tag t) {
  switch (t) {
    case Tag::H1: case Tag::H2: case Tag::H3: case Tag::H4: case Tag::H5: case Tag::H6: return BlockKind::Heading;
    case Tag::Li: case Tag::Dt: case Tag::Dd: return BlockKind::ListItem;
    case Tag::Td: case Tag::Th: return BlockKind::TableCell;
    case Tag::Figcaption: case Tag::Caption: return BlockKind::Caption;
    default: return BlockKind::Paragraph;
  }
}

// `needle` is lower case and starts with a letter. Most positions fail on that letter, tested with
// one OR and compare: for a letter w, (c | 0x20) == w holds exactly for c == w and c == upper(w).
bool contains_ci(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > hay.size()) return false;
  const char first = needle[0];
  const size_t last = hay.size() - needle.size();  // the last start that fits
  for (size_t i = 0; i <= last; ++i) {
    if ((hay[i] | 0x20) != first) continue;
    if (iequals(hay.substr(i + 1, needle.size() - 1), needle.substr(1))) return true;
  }
  return false;
}

// Whether the page may have a <main> or <article> start tag (then only their text is content): a
// byte search for "<main" or "<article" ending where the tokenizer ends a tag name. Only a
// candidate: "<main" inside an attribute value or a comment is no tag, so the tokens decide
// (HtmlReader::run). That matters most in a previous run's marks: they are dropped from the
// output, so their attribute values must not decide what the page's content is, or annotating the
// annotated page would read other content (found by the HTML fuzzer).
bool has_main_candidate(std::string_view s) {
  for (size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    if (i + 1 >= s.size()) break;
    const char c0 = static_cast<char>(to_lower(s[i + 1]));
    if (c0 != 'm' && c0 != 'a') continue;  // most tags are neither
    std::string_view rest = s.substr(i + 1, 8);
    auto starts = [&](std::string_view name) {
      if (rest.size() <= name.size() || !iequals(rest.substr(0, name.size()), name)) return false;
      const char c = rest[name.size()];
      return c == '>' || c == '/' || ascii::is_html_space(c);
    };
    if (starts("main") || starts("article")) return true;
  }
  return false;
}

bool same_name_ci(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

// An element name on the reader's stacks. Known names compare by Tag; only names the tokenizer
// does not know (custom elements, rare inline tags) keep their source spelling and compare it
// case-insensitively, as a browser matches end tags.
struct Name {
  Tag tag = Tag::Other;
  std::string_view other;  // the name as in the source, only for Tag::Other

  static Name of(const html::Token& t) { return {t.tag, t.tag == Tag::Other ? t.name : std::string_view()}; }
  bool operator==(const Name& o) const { return tag == o.tag && (tag != Tag::Other || same_name_ci(other, o.other)); }
};

// `a` is `word` (lower-case ASCII letters, at most 8) in any case. For a letter w, (c | 0x20) == w
// holds exactly for c == w and c == upper(w), so OR-ing 0x20 into every byte and comparing once is
// an exact case-insensitive test: a few instructions instead of a loop.
template <size_t N>
bool is_word_ci(std::string_view a, const char (&word)[N]) {
  static_assert(N - 1 <= 8);
  if (a.size() != N - 1) return false;
  uint64_t x = 0, w = 0, case_bits = 0;
  std::memcpy(&x, a.data(), N - 1);
  std::memcpy(&w, word, N - 1);
  std::memcpy(&case_bits, "\x20\x20\x20\x20\x20\x20\x20\x20", N - 1);
  return (x | case_bits) == w;
}

// The attributes start_tag reads from most tags, found in one pass (the first of a name wins, as in
// the standard) instead of one case-insensitive search per name.
struct KeyAttrs {
  const html::Attribute* cls = nullptr;
  const html::Attribute* role = nullptr;
  const html::Attribute* href = nullptr;

  explicit KeyAttrs(const html::Token& t) {
    for (size_t i = 0; i < t.attr_count; ++i) {
      const html::Attribute& a = t.attrs[i];
      if (!cls && is_word_ci(a.name, "class")) cls = &a;
      else if (!role && is_word_ci(a.name, "role")) role = &a;
      else if (!href && is_word_ci(a.name, "href")) href = &a;
    }
  }
};

struct Open {
  Name name;
  SpanKind kind;
  bool span;         // records a Span when closed
  uint32_t text_begin;
  bool factlint_mark;
  uint32_t tag_begin, tag_end;
};

class HtmlReader {
 public:
  HtmlReader(std::string_view s, Document& d) : s_(s), d_(d), b_(d) {}

  void run() {
    html::Tokenizer tok(s_);
    std::optional<html::Tokenizer> again;
    html::Tokenizer* source = &tok;
    Ahead ahead;
    if (has_main_candidate(s_) && !look_ahead(tok, ahead)) source = &again.emplace(s_);
    // One loop reads them all (the reader's per-token code is inlined here, once).
    html::Token t;
    for (size_t k = 0;;) {
      if (k < ahead.tokens.size()) {
        t = ahead.tokens[k];
        if (t.attr_count) t.attrs = ahead.attrs.data() + ahead.attrs_at[k];
        ++k;
      } else if (!source->next(t)) {
        break;
      }
      read(t);
    }
    for (auto it = inline_.rbegin(); it != inline_.rend(); ++it) close_inline(*it, b_.pos());
    inline_.clear();
    b_.finish(static_cast<uint32_t>(s_.size()));
    std::sort(d_.strip.begin(), d_.strip.end());
    if (!style_at_set_) d_.style_at = body_end_;
  }

 private:
  // Whether only <main>/<article> text is content must be known before the first token is read,
  // and the tokens decide it. look_ahead reads tokens up to the first <main> or <article> start
  // tag outside every skipped element (past the page's head and the site's header, usually),
  // setting main_only_, and keeps them for run() to read: tokenizing them once more cost a sixth
  // of an HTML page's tags. Past kMaxAhead of them (a long page whose candidate is no tag, or
  // only tags in skipped elements) it only scans on, keeps none and returns false: the page is
  // then read from the start again.
  struct Ahead {
    std::vector<html::Token> tokens;
    std::vector<html::Attribute> attrs;  // the tokens' attributes (a token's are valid until next())
    std::vector<size_t> attrs_at;        // where each token's are in attrs
  };
  static constexpr size_t kMaxAhead = 4096;
#if defined(__GNUC__)
  [[gnu::noinline]]  // kept out of run(), whose loop inlines the per-token code
#endif
  bool look_ahead(html::Tokenizer& tok, Ahead& a) {
    // Which start tag opens a main depends on what encloses it (one in a <nav> or a <template>
    // does not), so a second reader decides: it reads the same tokens with the same rules but
    // builds no text, into a document of its own.
    Document scratch;
    HtmlReader probe(s_, scratch);
    probe.probing_ = true;
    html::Token t;
    bool kept = true;
    a.tokens.reserve(512);
    a.attrs_at.reserve(512);
    a.attrs.reserve(512);
    while (tok.next(t)) {
      if (kept && a.tokens.size() == kMaxAhead) kept = false;
      if (kept) {
        a.attrs_at.push_back(a.attrs.size());
        if (t.attr_count) a.attrs.insert(a.attrs.end(), t.attrs, t.attrs + t.attr_count);
        a.tokens.push_back(t);
      }
      probe.read(t);
      if (probe.counted_main_) {
        main_only_ = true;
        break;
      }
    }
    if (!kept) a = Ahead{};
    return kept;
  }

  void read(const html::Token& t) {
    switch (t.kind) {
      case html::TokenKind::Text:
        if (t.raw) break;  // script, style, title, textarea: never content
        // A tag cut off by the end of the file is text to the tokenizer, but a browser drops it:
        // its attribute values must never be read or marked.
        {
          uint32_t end = t.end;
          if (t.end == s_.size()) {
            for (uint32_t i = t.begin; i + 1 < t.end; ++i)
              if (s_[i] == '<' && (ascii::is_alpha(s_[i + 1]) || s_[i + 1] == '/' || s_[i + 1] == '!')) {
                end = i;
                break;
              }
          }
          // Text ends an unclosed head at its first visible character, so the stylesheet lands in
          // the same place whether or not a previous run's mark splits the leading whitespace off.
          if (!head_ended_) {
            uint32_t first = t.begin;
            while (first < end && ascii::is_html_space(s_[first])) ++first;
            if (first < end) end_head(first);
          }
          if (content() && end > t.begin) {
            if (!b_.in_block()) {
              // Whitespace between blocks (the line breaks between </p> and <p>) would only open
              // a block that stays empty until the next block tag drops it again: skip it.
              uint32_t k = t.begin;
              while (k < end && ascii::is_html_space(s_[k])) ++k;
              if (k == end) return;
              begin(BlockKind::Paragraph);
            }
            b_.add_html_text(s_.substr(t.begin, end - t.begin), t.begin);
          }
        }
        break;
      case html::TokenKind::StartTag: start_tag(t); break;
      case html::TokenKind::EndTag: end_tag(t); break;
      case html::TokenKind::Comment:  // factlint suppressions (src/findings/suppressions.cpp)
        note_comment(d_, t.begin, t.end,
                     b_.in_block() && d_.blocks.back().begin < b_.pos() ? static_cast<int32_t>(d_.blocks.size()) - 1 : -1);
        break;
      default: break;
    }
  }

  // The page's <h1> is content even in a header outside <main>: it is the article's headline.
  bool content() const {
    return !probing_ && skip_stack_.empty() && footnote_stack_.empty() &&
           (h1_open_ || (chrome_.empty() && (!main_only_ || main_depth_ > 0)));
  }

  void begin(BlockKind k) {
    b_.begin_block(k, quotes_.empty() ? -1 : quotes_.back(), table_);
  }

  void start_tag(const html::Token& t) {
    const Tag tag = t.tag;
    const uint8_t flags = tag_flags(tag);

    if (tag == Tag::Style && t.find_attr("data-factlint")) {
      style_open_ = true;
      style_begin_ = t.begin;
      return;
    }
    if (tag == Tag::Mark && t.find_attr("data-factlint")) {
      d_.strip.emplace_back(t.begin, t.end);
      inline_.push_back(Open{Name::of(t), SpanKind::Mark, false, b_.pos(), true, t.begin, t.end});
      return;
    }
    if (!(flags & kHeadContent)) end_head(t.begin);
    if (tag == Tag::Body) {
      body_end_ = t.end;
      head_ended_ = true;
      // </head> may be omitted: the body ends the head.
      while (!skip_stack_.empty() && skip_stack_.back().tag == Tag::Head) skip_stack_.pop_back();
    }
    if ((flags & kSkipped) || !skip_stack_.empty()) {
      // Inside a subtree that is never content (the head, <nav>, <template>, <dialog>, <svg> ...)
      // tags open nothing of the page's (no header, headline, quotation, footnote list or main):
      // end_tag reads the end tags there only to close skipped elements, so nothing opened there
      // would ever close. A tag still ends the open block where it would outside (a <div> in a
      // <code> ends the paragraph).
      if ((flags & kSkipped) && !(flags & kVoid) && !t.self_closing) skip_stack_.push_back(Name::of(t));
      if (tag == Tag::Br) b_.add_space(t.begin);
      else if ((flags & kBlock) || tag == Tag::Nav || tag == Tag::Pre) b_.end_block();
      return;
    }
    if (tag == Tag::Main || tag == Tag::Article) ++main_depth_, counted_main_ = true;
    // Site chrome outside the article: headers, footers, sidebars.
    bool chrome = (tag == Tag::Header || tag == Tag::Footer || tag == Tag::Aside) && main_depth_ == 0 && quotes_.empty();
    if (chrome) {
      chrome_.push_back(tag);
      // An article's own header ("post-header", "entry-header") may sit outside <main>; its <h1>
      // is the headline. A site header's <h1> is the site name: chrome.
      article_header_ = tag == Tag::Header && chrome_.size() == 1 && article_like(t);
      b_.end_block();
      return;
    }
    if (tag == Tag::H1 && (chrome_.empty() || article_header_)) h1_open_ = true;
    const KeyAttrs attrs(t);
    if (attrs.cls && (tag == Tag::Section || tag == Tag::Div || tag == Tag::Ol || tag == Tag::Aside) &&
        contains_ci(attrs.cls->value, "footnote")) {
      footnote_stack_.push_back(tag);
    }
    if (attrs.role && iequals(attrs.role->value, "navigation")) {
      if (!(flags & kVoid)) skip_stack_.push_back(Name::of(t));
      return;
    }

    if (tag == Tag::Blockquote) {
      b_.end_block();
      b_.next_paragraph();
      BlockQuote q;
      q.begin = b_.pos();
      if (const auto* cite = t.find_attr("cite"); cite && !cite->value.empty()) q.has_link = true;
      d_.quotes_blocks.push_back(q);
      quotes_.push_back(static_cast<int32_t>(d_.quotes_blocks.size() - 1));
      return;
    }
    if (tag == Tag::Table) ++tables_, table_ = tables_;
    if ((flags & kBlock)) {
      if (tag == Tag::Br) {
        b_.add_space(t.begin);
        return;
      }
      b_.end_block();
      if (tag == Tag::Footer && !quotes_.empty()) {
        attr_begin_ = b_.pos();
        in_attr_ = true;
      }
      if (content() && !(flags & kVoid)) begin(kind_of(tag));
      return;
    }
    if ((flags & kVoid) || t.self_closing) return;  // no content of their own
    // Inline elements that matter to detectors.
    SpanKind kind = SpanKind::Link;
    bool span = false;
    if (tag == Tag::A) {
      const auto* href = attrs.href;
      const auto* cls = attrs.cls;
      bool note = (cls && (contains_ci(cls->value, "footnote") || contains_ci(cls->value, "ref"))) ||
                  (href && href->value.size() > 1 && href->value[0] == '#' &&
                   (contains_ci(href->value, "fn") || contains_ci(href->value, "note") ||
                    contains_ci(href->value, "ref") || contains_ci(href->value, "cite")));
      if (note) kind = SpanKind::FootnoteRef, span = true;
      else if (href && !href->value.empty() && href->value[0] != '#') kind = SpanKind::Link, span = true;
    } else if (tag == Tag::Sup) {
      kind = SpanKind::FootnoteRef;
      span = true;
    } else if (tag == Tag::Q) {
      kind = SpanKind::Q;
      span = true;
    } else if (tag == Tag::Cite) {
      kind = SpanKind::Cite;
      span = true;
      if (!quotes_.empty() && !in_attr_) {
        cite_attr_begin_ = b_.pos();
      }
    }
    if (!content()) return;  // links in navigation and chrome are not sources for the article
    if (!b_.in_block() && span) begin(BlockKind::Paragraph);
    inline_.push_back(Open{Name::of(t), kind, span, b_.pos(), false, t.begin, t.end});
  }

  // The body's first content when </head> and <body> are omitted (both are optional): the head
  // ends there, and the stylesheet goes there (never in front of the doctype).
  void end_head(uint32_t at) {
    if (head_ended_) return;
    bool in_head = !skip_stack_.empty() && skip_stack_.back().tag == Tag::Head;
    if (!in_head && !skip_stack_.empty()) return;  // inside <template>, <svg> ...: not the body yet
    head_ended_ = true;
    if (in_head) skip_stack_.pop_back();
    if (!style_at_set_) {
      d_.style_at = at;
      style_at_set_ = true;
    }
  }

  void close_inline(const Open& o, uint32_t end) {
    if (o.factlint_mark) return;
    if (!o.span) return;
    if (o.kind == SpanKind::Cite && !quotes_.empty() && !in_attr_ && cite_attr_begin_ != UINT32_MAX) {
      auto& q = d_.quotes_blocks[quotes_.back()];
      if (q.attr_end == 0) q.attr_begin = cite_attr_begin_, q.attr_end = end;
      cite_attr_begin_ = UINT32_MAX;
    }
    d_.spans.push_back(Span{o.kind, o.text_begin, end});
  }

  void end_tag(const html::Token& t) {
    const Tag tag = t.tag;

    if (style_open_ && tag == Tag::Style) {
      style_open_ = false;
      // A previous run's stylesheet: dropped, and written again where it belongs.
      d_.strip.emplace_back(style_begin_, t.end);
      return;
    }
    if (tag == Tag::Head && !style_at_set_) {
      d_.style_at = t.begin;
      style_at_set_ = true;
    }
    if (!skip_stack_.empty()) {
      const Name name = Name::of(t);
      if (skip_stack_.back() == name) {
        skip_stack_.pop_back();
        if (tag == Tag::Nav || tag == Tag::Header || tag == Tag::Footer || tag == Tag::Aside) b_.end_block();
      } else if (std::find(skip_stack_.begin(), skip_stack_.end(), name) != skip_stack_.end()) {
        while (!skip_stack_.empty() && !(skip_stack_.back() == name)) skip_stack_.pop_back();
        skip_stack_.pop_back();
      }
      return;
    }
    // chrome_ and footnote_stack_ only ever hold known tags, so an unknown name matches neither.
    if (!chrome_.empty() && chrome_.back() == tag) {
      chrome_.pop_back();
      b_.end_block();
      return;
    }
    if (tag == Tag::H1) h1_open_ = false;
    if (!footnote_stack_.empty() && footnote_stack_.back() == tag) {
      footnote_stack_.pop_back();
    }
    if (tag == Tag::Main || tag == Tag::Article) {
      if (main_depth_ > 0) --main_depth_;
      b_.end_block();
      return;
    }
    if (tag == Tag::Blockquote) {
      b_.end_block();
      if (!quotes_.empty()) {
        auto& q = d_.quotes_blocks[quotes_.back()];
        q.end = b_.pos();
        quotes_.pop_back();
      }
      in_attr_ = false;
      b_.next_paragraph();
      return;
    }
    if (tag == Tag::Table && table_ >= 0) table_ = -1;
    if (tag_flags(tag) & kBlock) {
      b_.end_block();
      if (tag == Tag::Footer && in_attr_ && !quotes_.empty()) {
        auto& q = d_.quotes_blocks[quotes_.back()];
        q.attr_begin = attr_begin_;
        q.attr_end = b_.pos();
        in_attr_ = false;
      }
      return;
    }
    // Close the nearest open inline element of that name and everything opened inside it.
    const Name name = Name::of(t);
    for (size_t i = inline_.size(); i-- > 0;) {
      if (inline_[i].name == name) {
        if (inline_[i].factlint_mark) {
          // A previous run's mark is dropped from the output, so it closes nothing but itself:
          // what was opened inside it stays open, as it is when the next run reads the output.
          d_.strip.emplace_back(t.begin, t.end);
          inline_.erase(inline_.begin() + static_cast<std::ptrdiff_t>(i));
          break;
        }
        for (size_t j = inline_.size(); j-- > i;) close_inline(inline_[j], b_.pos());
        inline_.resize(i);
        break;
      }
    }
  }
  std::string_view s_;
  Document& d_;
  TextBuilder b_;
  bool main_only_ = false;
  bool probing_ = false;       // look_ahead's reader: tracks nesting, reads no content
  bool counted_main_ = false;  // a <main> or <article> start tag opened a main (outside skipped elements)
  int main_depth_ = 0;
  std::vector<Name> skip_stack_;
  std::vector<Tag> footnote_stack_, chrome_;
  bool h1_open_ = false;
  bool article_header_ = false;

  static bool article_like(const html::Token& t) {
    std::string v;
    for (const char* a : {"class", "id"})
      if (const auto* at = t.find_attr(a)) v += std::string(at->value) + " ";
    // Site headers name themselves so in every common theme: "site-header", "masthead", "md-header",
    // or a bare class "header"; anything else (post-, entry-, release-header, none) is the article's.
    static const char* const site[] = {"site", "masthead", "banner", "global", "nav", "brand", "logo", "md-header", "topbar"};
    for (auto b : site)
      if (contains_ci(v, b)) return false;
    size_t start = 0;
    while (start < v.size()) {
      size_t end = v.find(' ', start);
      if (end == std::string::npos) end = v.size();
      std::string_view token(v.data() + start, end - start);
      if (token.size() == 6 && contains_ci(token, "header")) return false;
      start = end + 1;
    }
    return true;
  }
  std::vector<Open> inline_;
  std::vector<int32_t> quotes_;
  int32_t table_ = -1, tables_ = -1;
  bool in_attr_ = false;
  uint32_t attr_begin_ = 0;
  uint32_t cite_attr_begin_ = UINT32_MAX;
  bool style_open_ = false, style_at_set_ = false, head_ended_ = false;
  uint32_t style_begin_ = 0;
  uint32_t body_end_ = 0;
};

}  // namespace

void read_html(std::string_view source, Document& doc) {
  doc.clear();
  doc.format = Format::Html;
  doc.source = source;
  HtmlReader r(source, doc);
  r.run();
}

}  // namespace factlint
