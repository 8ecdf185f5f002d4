#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "input/comments.h"
#include "input/html_tokenizer.h"
#include "input/readers.h"
#include "input/text_builder.h"

namespace factlint {

namespace {

using html::iequals;

// What the reader needs to know about an element, by lower-case name: one hash lookup per tag
// instead of a walk down four name lists.
enum TagFlag : uint8_t {
  kSkipped = 1,      // its whole subtree is never content
  kBlock = 2,        // it ends one text block and starts another
  kHeadContent = 4,  // it may stand in <head>; any other start tag (or text) ends the head
  kVoid = 8,         // it has no end tag
};

uint8_t tag_flags(std::string_view lower_name) {
  static const std::unordered_map<std::string_view, uint8_t> table = [] {
    std::unordered_map<std::string_view, uint8_t> m;
    auto add = [&m](std::initializer_list<const char*> names, uint8_t flag) {
      for (const char* n : names) m[n] |= flag;
    };
    add({"head", "title", "nav", "script", "style", "pre", "code", "noscript", "template", "svg", "math", "textarea",
         "select", "button", "iframe", "object", "kbd", "samp", "var", "tt", "label", "form", "menu", "dialog"},
        kSkipped);
    add({"p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "caption",
         "td", "th", "tr", "table", "thead", "tbody", "tfoot", "ul", "ol", "dl", "section", "article", "main",
         "header", "footer", "aside", "figure", "address", "details", "summary", "hr", "body", "html", "center",
         "fieldset", "legend", "hgroup", "br"},
        kBlock);
    add({"base", "basefont", "bgsound", "link", "meta", "noframes", "noscript", "script", "style", "template",
         "title", "html", "head", "body"},
        kHeadContent);
    add({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
         "param"},
        kVoid);
    return m;
  }();
  auto it = table.find(lower_name);
  return it == table.end() ? 0 : it->second;
}

bool is_skipped(std::string_view n) { return tag_flags(n) & kSkipped; }
bool is_block(std::string_view n) { return tag_flags(n) & kBlock; }
bool is_head_content(std::string_view n) { return tag_flags(n) & kHeadContent; }
bool is_void(std::string_view n) { return tag_flags(n) & kVoid; }

BlockKind kind_of(std::string_view n) {
  if (n.size() == 2 && (n[0] == 'h' || n[0] == 'H') && n[1] >= '1' && n[1] <= '6') return BlockKind::Heading;
  if (iequals(n, "li") || iequals(n, "dt") || iequals(n, "dd")) return BlockKind::ListItem;
  if (iequals(n, "td") || iequals(n, "th")) return BlockKind::TableCell;
  if (iequals(n, "figcaption") || iequals(n, "caption")) return BlockKind::Caption;
  return BlockKind::Paragraph;
}

bool contains_ci(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t j = 0;
    while (j < needle.size() && std::tolower(static_cast<unsigned char>(hay[i + j])) == needle[j]) ++j;
    if (j == needle.size()) return true;
  }
  return false;
}

// True if the page has a <main> or <article> start tag: then only their text is content.
bool has_main_content(std::string_view s) {
  for (size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    std::string_view rest = s.substr(i + 1, 8);
    auto starts = [&](std::string_view name) {
      if (rest.size() <= name.size()) return false;
      for (size_t k = 0; k < name.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(rest[k])) != name[k]) return false;
      char c = rest[name.size()];
      return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/';
    };
    if (starts("main") || starts("article")) return true;
  }
  return false;
}

struct Open {
  std::string name;  // lower case
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
    main_only_ = has_main_content(s_);
    html::Tokenizer tok(s_);
    html::Token t;
    while (tok.next(t)) {
      switch (t.kind) {
        case html::TokenKind::Text:
          if (t.raw) break;  // script, style, title, textarea: never content
          // A tag cut off by the end of the file is text to the tokenizer, but a browser drops it:
          // its attribute values must never be read or marked.
          {
            uint32_t end = t.end;
            if (t.end == s_.size()) {
              for (uint32_t i = t.begin; i + 1 < t.end; ++i)
                if (s_[i] == '<' && (std::isalpha(static_cast<unsigned char>(s_[i + 1])) || s_[i + 1] == '/' || s_[i + 1] == '!')) {
                  end = i;
                  break;
                }
            }
            // Text ends an unclosed head at its first visible character, so the stylesheet lands in
            // the same place whether or not a previous run's mark splits the leading whitespace off.
            if (size_t first = s_.find_first_not_of(" \t\n\r\f", t.begin); end > t.begin && first < end)
              end_head(static_cast<uint32_t>(first));
            if (content() && end > t.begin) {
              if (!b_.in_block()) begin(BlockKind::Paragraph);
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
    for (auto it = inline_.rbegin(); it != inline_.rend(); ++it) close_inline(*it, b_.pos());
    inline_.clear();
    b_.finish(static_cast<uint32_t>(s_.size()));
    std::sort(d_.strip.begin(), d_.strip.end());
    if (!style_at_set_) d_.style_at = body_end_;
  }

 private:
  // The page's <h1> is content even in a header outside <main>: it is the article's headline.
  bool content() const {
    return skip_depth_ == 0 && footnote_depth_ == 0 &&
           (h1_open_ || (chrome_.empty() && (!main_only_ || main_depth_ > 0)));
  }

  void begin(BlockKind k) {
    b_.begin_block(k, quotes_.empty() ? -1 : quotes_.back(), table_);
  }

  void start_tag(const html::Token& t) {
    std::string name(t.name);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const uint8_t flags = tag_flags(name);

    if (name == "style" && t.find_attr("data-factlint")) {
      style_open_ = true;
      style_begin_ = t.begin;
      return;
    }
    if (name == "mark" && t.find_attr("data-factlint")) {
      d_.strip.emplace_back(t.begin, t.end);
      inline_.push_back(Open{name, SpanKind::Mark, false, b_.pos(), true, t.begin, t.end});
      return;
    }
    if (!(flags & kHeadContent)) end_head(t.begin);
    if (name == "body") {
      body_end_ = t.end;
      head_ended_ = true;
      // </head> may be omitted: the body ends the head.
      while (!skip_stack_.empty() && skip_stack_.back() == "head") skip_stack_.pop_back(), --skip_depth_;
    }
    if ((flags & kSkipped)) {
      if (!(flags & kVoid) && !t.self_closing) skip_stack_.push_back(name), ++skip_depth_;
      if ((flags & kBlock) || name == "nav" || name == "pre") b_.end_block();
      return;
    }
    if (name == "main" || name == "article") ++main_depth_;
    // Site chrome outside the article: headers, footers, sidebars.
    bool chrome = (name == "header" || name == "footer" || name == "aside") && main_depth_ == 0 && quotes_.empty();
    if (chrome) {
      chrome_.push_back(name);
      // An article's own header ("post-header", "entry-header") may sit outside <main>; its <h1>
      // is the headline. A site header's <h1> is the site name: chrome.
      article_header_ = name == "header" && chrome_.size() == 1 && article_like(t);
      b_.end_block();
      return;
    }
    if (name == "h1" && (chrome_.empty() || article_header_)) h1_open_ = true;
    if (const auto* cls = t.find_attr("class"); cls && contains_ci(cls->value, "footnote") &&
                                                 (name == "section" || name == "div" || name == "ol" || name == "aside")) {
      footnote_stack_.push_back(name);
      ++footnote_depth_;
    }
    if (const auto* role = t.find_attr("role"); role && iequals(role->value, "navigation")) {
      if (!(flags & kVoid)) skip_stack_.push_back(name), ++skip_depth_;
      return;
    }

    if (name == "blockquote") {
      b_.end_block();
      b_.next_paragraph();
      BlockQuote q;
      q.begin = b_.pos();
      if (const auto* cite = t.find_attr("cite"); cite && !cite->value.empty()) q.has_link = true;
      d_.quotes_blocks.push_back(q);
      quotes_.push_back(static_cast<int32_t>(d_.quotes_blocks.size() - 1));
      return;
    }
    if (name == "table") ++tables_, table_ = tables_;
    if ((flags & kBlock)) {
      if (name == "br") {
        b_.add_space(t.begin);
        return;
      }
      b_.end_block();
      if (name == "footer" && !quotes_.empty()) {
        attr_begin_ = b_.pos();
        in_attr_ = true;
      }
      if (content() && !(flags & kVoid)) begin(kind_of(name));
      return;
    }
    if ((flags & kVoid) || t.self_closing) return;  // no content of their own
    // Inline elements that matter to detectors.
    SpanKind kind = SpanKind::Link;
    bool span = false;
    if (name == "a") {
      const auto* href = t.find_attr("href");
      const auto* cls = t.find_attr("class");
      bool note = (cls && (contains_ci(cls->value, "footnote") || contains_ci(cls->value, "ref"))) ||
                  (href && href->value.size() > 1 && href->value[0] == '#' &&
                   (contains_ci(href->value, "fn") || contains_ci(href->value, "note") ||
                    contains_ci(href->value, "ref") || contains_ci(href->value, "cite")));
      if (note) kind = SpanKind::FootnoteRef, span = true;
      else if (href && !href->value.empty() && href->value[0] != '#') kind = SpanKind::Link, span = true;
    } else if (name == "sup") {
      kind = SpanKind::FootnoteRef;
      span = true;
    } else if (name == "q") {
      kind = SpanKind::Q;
      span = true;
    } else if (name == "cite") {
      kind = SpanKind::Cite;
      span = true;
      if (!quotes_.empty() && !in_attr_) {
        cite_attr_begin_ = b_.pos();
      }
    }
    if (!content()) return;  // links in navigation and chrome are not sources for the article
    if (!b_.in_block() && span) begin(BlockKind::Paragraph);
    inline_.push_back(Open{name, kind, span, b_.pos(), false, t.begin, t.end});
  }

  // The body's first content when </head> and <body> are omitted (both are optional): the head
  // ends there, and the stylesheet goes there (never in front of the doctype).
  void end_head(uint32_t at) {
    if (head_ended_) return;
    bool in_head = !skip_stack_.empty() && skip_stack_.back() == "head";
    if (!in_head && !skip_stack_.empty()) return;  // inside <template>, <svg> ...: not the body yet
    head_ended_ = true;
    if (in_head) skip_stack_.pop_back(), --skip_depth_;
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
    std::string name(t.name);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

    if (style_open_ && name == "style") {
      style_open_ = false;
      // A previous run's stylesheet: dropped, and written again where it belongs.
      d_.strip.emplace_back(style_begin_, t.end);
      return;
    }
    if (name == "head" && !style_at_set_) {
      d_.style_at = t.begin;
      style_at_set_ = true;
    }
    if (!skip_stack_.empty()) {
      if (skip_stack_.back() == name) {
        skip_stack_.pop_back();
        --skip_depth_;
        if (name == "nav" || name == "header" || name == "footer" || name == "aside") b_.end_block();
      } else if (std::find(skip_stack_.begin(), skip_stack_.end(), name) != skip_stack_.end()) {
        while (!skip_stack_.empty() && skip_stack_.back() != name) skip_stack_.pop_back(), --skip_depth_;
        skip_stack_.pop_back();
        --skip_depth_;
      }
      if (skip_depth_ > 0) return;
      return;
    }
    if (!chrome_.empty() && chrome_.back() == name) {
      chrome_.pop_back();
      b_.end_block();
      return;
    }
    if (name == "h1") h1_open_ = false;
    if (!footnote_stack_.empty() && footnote_stack_.back() == name) {
      footnote_stack_.pop_back();
      --footnote_depth_;
    }
    if (name == "main" || name == "article") {
      if (main_depth_ > 0) --main_depth_;
      b_.end_block();
      return;
    }
    if (name == "blockquote") {
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
    if (name == "table" && table_ >= 0) table_ = -1;
    if (is_block(name)) {
      b_.end_block();
      if (name == "footer" && in_attr_ && !quotes_.empty()) {
        auto& q = d_.quotes_blocks[quotes_.back()];
        q.attr_begin = attr_begin_;
        q.attr_end = b_.pos();
        in_attr_ = false;
      }
      return;
    }
    // Close the nearest open inline element of that name and everything opened inside it.
    for (size_t i = inline_.size(); i-- > 0;) {
      if (inline_[i].name == name) {
        if (inline_[i].factlint_mark) d_.strip.emplace_back(t.begin, t.end);
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
  int main_depth_ = 0;
  int skip_depth_ = 0;
  int footnote_depth_ = 0;
  std::vector<std::string> skip_stack_, footnote_stack_, chrome_;
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
