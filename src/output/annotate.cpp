#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "document/ascii.h"
#include "input/cmark_arena.h"
#include "input/html_tokenizer.h"
#include "input/readers.h"
#include "output/outputs.h"

namespace factlint {

const char* const kMarkStylesheet =
    "<style data-factlint>"
    "mark.factlint{background:#fff3b0;color:inherit;border-bottom:2px solid #e0a800;padding:0 1px}"
    "mark.factlint-unattributed-figure{background:#ffe1c2;border-color:#d9480f}"
    "mark.factlint-suspect-quote{background:#dbe9ff;border-color:#1c64d1}"
    "mark.factlint-absolute-claim{background:#f3dcff;border-color:#8f2bc2}"
    "mark.factlint-info{border-bottom-style:dotted}"
    "mark.factlint-error{border-bottom-width:3px}"
    "</style>";

namespace {

// An open tag, its attributes escaped for HTML, plus what Markdown would read inside raw HTML: a
// '|' would end a table cell, and a lone backtick earlier in the paragraph would open a code span
// ending here. The message goes in twice (data attribute and title): escaped once.
std::string open_tag(const Finding& f, bool markdown) {
  std::string message;
  message.reserve(f.message.size() + 16);
  append_escaped(message, f.message, true, markdown);
  std::string s;
  s.reserve(160 + f.rule->id.size() + 2 * message.size());  // one allocation, not one per doubling
  s += "<mark class=\"factlint factlint-";
  s += category_name(f.category);
  s += " factlint-";
  s += severity_name(f.severity);
  s += "\" data-factlint=\"";
  append_escaped(s, f.rule->id, true, markdown);
  s += "\" data-factlint-message=\"";
  s += message;
  s += "\" title=\"";
  append_escaped(s, category_name(f.category), true, markdown);
  s += ": ";
  s += message;
  s += "\">";
  return s;
}

struct Piece {
  uint32_t sb, se;
  uint32_t finding;
};

struct Insert {
  uint32_t at;
  std::string text;
  bool closes = false;  // only </mark>s
};

bool is_ws(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'; }

// Where marks go: each finding cut at source-run edges, then cut again where findings overlap,
// so marks always nest.
std::vector<Insert> plan(const Document& doc, const std::vector<Finding>& findings, bool markdown) {
  // Text pieces: each finding cut at run edges, spaces trimmed.
  struct TextPiece {
    uint32_t tb, te;
    const Run* run;
    uint32_t finding;
  };
  std::vector<TextPiece> tpieces;
  std::vector<uint32_t> tcuts;
  for (uint32_t fi = 0; fi < findings.size(); ++fi) {
    const Finding& f = findings[fi];
    auto it = std::lower_bound(doc.runs.begin(), doc.runs.end(), f.text_begin,
                               [](const Run& r, uint32_t p) { return r.text_end <= p; });
    for (; it != doc.runs.end() && it->text_begin < f.text_end; ++it) {
      uint32_t pb = std::max(f.text_begin, it->text_begin), pe = std::min(f.text_end, it->text_end);
      while (pb < pe && doc.text[pb] == ' ') ++pb;
      while (pe > pb && doc.text[pe - 1] == ' ') --pe;
      if (pb >= pe) continue;
      tpieces.push_back(TextPiece{pb, pe, &*it, fi});
      tcuts.push_back(pb);
      tcuts.push_back(pe);
    }
  }
  std::sort(tcuts.begin(), tcuts.end());
  tcuts.erase(std::unique(tcuts.begin(), tcuts.end()), tcuts.end());
  // Cut pieces again where another piece begins or ends inside them, trimming spaces at the new
  // edges: a second run sees our marks as run edges and trims there, so the first run must too,
  // or annotating the annotated page would move whitespace in or out of marks.
  std::vector<Piece> pieces;
  for (const TextPiece& p : tpieces) {
    auto c = std::upper_bound(tcuts.begin(), tcuts.end(), p.tb);
    uint32_t b = p.tb;
    for (;;) {
      uint32_t e = c != tcuts.end() && *c < p.te ? *c++ : p.te;
      uint32_t pb = b, pe = e;
      while (pb < pe && doc.text[pb] == ' ') ++pb;
      while (pe > pb && doc.text[pe - 1] == ' ') --pe;
      if (pb < pe) {
        uint32_t sb = doc.src[pb];
        uint32_t se = pe < p.run->text_end ? doc.src[pe] : p.run->src_end;
        while (se > sb && is_ws(doc.source[se - 1])) --se;
        if (se > sb) pieces.push_back(Piece{sb, se, p.finding});
      }
      if (e == p.te) break;
      b = e;
    }
  }
  std::vector<uint32_t> cuts;
  for (auto& p : pieces) cuts.push_back(p.sb), cuts.push_back(p.se);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  std::sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) { return a.sb < b.sb; });

  std::vector<Insert> out;
  std::vector<uint32_t> active, prev;
  std::vector<const Piece*> live;
  size_t next = 0;
  uint32_t seg_begin = 0;
  for (size_t k = 0; k + 1 < cuts.size(); ++k) {
    uint32_t x = cuts[k], y = cuts[k + 1];
    while (next < pieces.size() && pieces[next].sb <= x) live.push_back(&pieces[next++]);
    live.erase(std::remove_if(live.begin(), live.end(), [&](const Piece* p) { return p->se <= x; }), live.end());
    active.clear();
    for (auto* p : live)
      if (p->sb <= x && p->se >= y) active.push_back(p->finding);
    std::sort(active.begin(), active.end());
    active.erase(std::unique(active.begin(), active.end()), active.end());
    if (active == prev && !prev.empty() && seg_begin != UINT32_MAX) continue;  // same marks go on
    // close the previous segment at x
    if (!prev.empty()) {
      std::string closes;
      for (size_t i = 0; i < prev.size(); ++i) closes += "</mark>";
      out.push_back(Insert{x, closes, true});
    }
    if (!active.empty()) {
      std::string opens;
      for (uint32_t fi : active) opens += open_tag(findings[fi], markdown);
      out.push_back(Insert{x, opens});
    }
    prev = active;
    seg_begin = x;
  }
  if (!prev.empty() && !cuts.empty()) {
    std::string closes;
    for (size_t i = 0; i < prev.size(); ++i) closes += "</mark>";
    out.push_back(Insert{cuts.back(), closes, true});
  }
  return out;
}

// Whether dropping a previous run's markup would join the bytes on its two sides into something
// they are not apart: a tag ("<" then "p") or a character reference ("&ldquo" then ";"). factlint
// never writes its markup there (that "<" would have opened a tag, that reference would have been
// one character), so markup found there is left in place: the next run finds it in the same place
// and leaves it again (found by the HTML fuzzer).
bool joins(std::string_view before, std::string_view after) {
  if (before.empty() || after.empty()) return false;
  const char a = after.front();
  if (before.back() == '<') return ascii::is_alpha(a) || a == '/' || a == '!' || a == '?';
  size_t amp = before.find_last_of('&');
  if (amp == std::string_view::npos) return false;
  std::string_view ref = before.substr(amp);
  for (char c : ref.substr(1))
    if (!ascii::is_alnum(c) && c != '#') return false;
  using html::RefContext;
  std::string joined(ref);
  joined += after;
  return html::decode_text(ref, RefContext::Text) + html::decode_text(after, RefContext::Text) !=
         html::decode_text(joined, RefContext::Text);
}

// Which of a previous run's insertions (doc.strip, in order) this run drops: all but those whose
// dropping would join their neighbours. The bytes on each side are read as they will be written:
// without the earlier insertions that are dropped, and without any later one.
std::vector<char> dropped_insertions(const Document& doc) {
  constexpr size_t kContext = 40;  // longer than any character reference
  const std::string_view src = doc.source;
  const auto& strip = doc.strip;
  std::vector<char> dropped(strip.size(), 1);
  std::string before, after;
  for (size_t k = 0; k < strip.size(); ++k) {
    before.clear();
    size_t pos = strip[k].first, j = k;
    while (pos > 0 && before.size() < kContext) {
      while (j > 0 && strip[j - 1].second > pos) --j;
      if (j > 0 && strip[j - 1].second == pos && dropped[j - 1]) {
        pos = strip[--j].first;
        continue;
      }
      before += src[--pos];
    }
    std::reverse(before.begin(), before.end());
    after.clear();
    pos = strip[k].second;
    for (size_t l = k + 1; pos < src.size() && after.size() < kContext;) {
      if (l < strip.size() && strip[l].first == pos) {
        pos = strip[l++].second;
        continue;
      }
      after += src[pos++];
    }
    dropped[k] = !joins(before, after);
  }
  return dropped;
}

// The tree read_markdown built, rendered: what render_markdown would give for the same body,
// without parsing it again (rendering takes its memory from the tree's arena).
std::string render_tree(const MarkdownTree& tree) {
  CmarkArena::Scope scope(*tree.arena_);
  char* html = cmark_render_html(tree.root(), kMarkdownOptions, cmark_parser_get_syntax_extensions(tree.parser()));
  std::string out(html ? html : "");
  tree.arena_->mem()->free(html);
  return out;
}

// The marks put into the tree read_markdown built, where that gives the HTML a second parse of
// the marked source would: each text node a mark falls in is cut there and the tags go between
// the pieces as raw HTML nodes; the tree is rendered, then put back as it was. Returns false,
// having changed nothing, when a mark falls where the marked source could parse differently.
//
// What a tag written into the source could change is how the bytes next to it, or the rest of its
// text node, are read: a delimiter (* _ ~ `), a bracket, a backslash, '<', '>' or '|' beside it,
// or an autolink that a cut would start or end (the GFM autolinker reads each text node on its
// own). So a mark goes into the tree only in a text node whose literal is its source byte for
// byte (no escapes or entities) and holds none of those characters ("@", "www." and "://" for
// the autolinker), at a byte inside it, or at its edge where the neighbouring source byte is a
// space or a line end (the start of a line or cell, the end of one). ('&' may be there: a tag
// opens with '<' and ends with '>', so it can neither complete nor break a character reference.)
// Anything else is left to the second parse; so is a page with a previous run's markup.
// tests/test_annotate.cpp holds the two to the same bytes on pages written to sit on these edges.
bool render_marked_tree(const Document& doc, const MarkdownTree& tree, const std::vector<Insert>& ins,
                        std::string& html) {
  if (!tree.root() || !doc.strip.empty() || ins.empty()) return false;
  const std::string_view src = doc.source;
  CmarkArena::Scope scope(*tree.arena_);
  // The text nodes whose literal is their source, byte for byte, by where they sit in it.
  struct Span {
    uint32_t begin, end;
    cmark_node* node;
  };
  std::vector<Span> spans;
  spans.reserve(doc.runs.size());
  for (const Run& r : doc.runs) {
    auto* n = static_cast<cmark_node*>(r.node);
    if (!n || cmark_node_get_type(n) != CMARK_NODE_TEXT) continue;
    const char* lit = cmark_node_get_literal(n);
    const size_t len = lit ? std::strlen(lit) : 0;
    // Not the text of a link the GFM autolinker made (its text is its address): a tag beside or
    // inside it would unmake it ("www.example" is a link only after a space or a line start).
    if (cmark_node* up = cmark_node_parent(n); up && cmark_node_get_type(up) == CMARK_NODE_LINK) {
      const std::string_view url = cmark_node_get_url(up) ? cmark_node_get_url(up) : "";
      const std::string text(lit ? lit : "");
      if (url == text || url == "http://" + text || url == "mailto:" + text) continue;
    }
    if (len == 0 || len > r.src_end || src.substr(r.src_end - len, len) != std::string_view(lit, len)) continue;
    spans.push_back(Span{static_cast<uint32_t>(r.src_end - len), r.src_end, n});
  }
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  auto plain = [&](const Span& sp) {
    const std::string_view t = src.substr(sp.begin, sp.end - sp.begin);
    for (size_t i = 0; i < t.size(); ++i) {
      switch (t[i]) {
        case '\\': case '*': case '_': case '~': case '`': case '[': case ']':
        case '<': case '>': case '|': case '@':
          return false;
        case ':':
          if (t.substr(i, 3) == "://") return false;
          break;
        case '.':  // "www." in any case
          if (i >= 3 && ascii::to_lower(t[i - 3]) == 'w' && ascii::to_lower(t[i - 2]) == 'w' &&
              ascii::to_lower(t[i - 1]) == 'w')
            return false;
          break;
        default:
          break;
      }
    }
    return true;
  };
  auto space_or_edge = [&](size_t i) {
    return i >= src.size() || src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r';
  };
  // Where each mark goes: a node and a byte of its literal. Nothing is changed until all are found.
  struct Cut {
    const Insert* insert;
    size_t span;
    size_t at;
  };
  std::vector<Cut> cuts;
  std::vector<char> state(spans.size(), 0);
  for (const Insert& i : ins) {
    const uint32_t x = i.at;
    auto it = std::upper_bound(spans.begin(), spans.end(), x, [](uint32_t p, const Span& sp) { return p < sp.begin; });
    const bool ends_one = it != spans.begin() && std::prev(it)->end >= x;
    const bool starts_one = it != spans.end() && it->begin == x;
    if (ends_one == starts_one) return false;  // in no plain text node, or between two
    const size_t k = static_cast<size_t>((ends_one ? std::prev(it) : it) - spans.begin());
    const Span& sp = spans[k];
    if (x == sp.begin && !(x > 0 && space_or_edge(x - 1))) return false;
    if (x == sp.end && !space_or_edge(x)) return false;
    // A node's marks come together and in the order of their bytes (ins is sorted by offset):
    // state 1 is the node being cut, 2 one done with.
    if (state[k] == 2) return false;
    if (state[k] == 0 && !plain(sp)) return false;
    if (state[k] == 1 && cuts.back().at > x - sp.begin) return false;
    if (!cuts.empty() && cuts.back().span != k) state[cuts.back().span] = 2;
    state[k] = 1;
    cuts.push_back(Cut{&i, k, x - sp.begin});
  }
  // Cut each node at its marks (the marks come in the order of their bytes), keeping what to undo.
  struct Undo {
    cmark_node* node;
    std::string literal;
    std::vector<cmark_node*> added;
  };
  std::vector<Undo> undo;
  cmark_mem* mem = tree.arena_->mem();
  for (size_t c = 0; c < cuts.size();) {
    const size_t k = cuts[c].span;
    cmark_node* n = spans[k].node;
    Undo u{n, cmark_node_get_literal(n), {}};
    const std::string_view lit = u.literal;
    cmark_node* last = n;
    auto add = [&](cmark_node_type type, std::string_view text) {
      cmark_node* m = cmark_node_new_with_mem(type, mem);
      cmark_node_set_literal(m, std::string(text).c_str());
      cmark_node_insert_after(last, m);
      last = m;
      u.added.push_back(m);
    };
    size_t from = 0;
    for (bool first = true; c < cuts.size() && cuts[c].span == k; ++c, first = false) {
      const size_t at = cuts[c].at;
      if (first) cmark_node_set_literal(n, std::string(lit.substr(0, at)).c_str());
      else if (at > from) add(CMARK_NODE_TEXT, lit.substr(from, at - from));
      add(CMARK_NODE_HTML_INLINE, cuts[c].insert->text);
      from = at;
    }
    if (from < lit.size()) add(CMARK_NODE_TEXT, lit.substr(from));
    undo.push_back(std::move(u));
  }
  html = render_tree(tree);
  for (auto u = undo.rbegin(); u != undo.rend(); ++u) {
    for (cmark_node* m : u->added) cmark_node_free(m);
    cmark_node_set_literal(u->node, u->literal.c_str());
  }
  return true;
}

std::string render_markdown(const std::string& body) {
  // The parse and the rendered HTML come from this thread's arena, taken back once copied out.
  static thread_local CmarkArena arena;
  CmarkArena::Scope scope(arena);
  cmark_parser* p = new_markdown_parser(arena.mem());
  cmark_node* root = parse_markdown(p, body);
  char* html = cmark_render_html(root, kMarkdownOptions, cmark_parser_get_syntax_extensions(p));
  std::string out(html ? html : "");
  arena.reset();
  return out;
}

// The source with `ins` written in and a previous run's markup left out where `dropped` says.
void write_marked(const Document& doc, const std::vector<Insert>& ins, const std::vector<char>& dropped, bool markdown,
                  std::string& dst) {
  const std::string_view src = doc.source;
  dst.reserve(dst.size() + src.size() + ins.size() * 160);
  size_t strip = 0;
  uint32_t at = 0;
  auto copy_to = [&](uint32_t end) {
    while (at < end) {
      while (strip < doc.strip.size() && (doc.strip[strip].second <= at || !dropped[strip])) ++strip;
      if (strip < doc.strip.size() && doc.strip[strip].first <= at) {  // inserted by a previous run
        at = std::min(doc.strip[strip].second, end);
        continue;
      }
      uint32_t stop = end;
      if (strip < doc.strip.size() && doc.strip[strip].first < stop) stop = doc.strip[strip].first;
      dst.append(src.substr(at, stop - at));
      at = stop;
    }
  };
  for (const Insert& i : ins) {
    copy_to(i.at);
    if (markdown) {
      // A literal backslash right before the tag would escape its '<': double it, which renders
      // the same single backslash and leaves the tag a tag.
      size_t n = 0;
      while (n < dst.size() && dst[dst.size() - 1 - n] == '\\') ++n;
      if (n % 2) dst += '\\';
    }
    dst += i.text;
  }
  copy_to(static_cast<uint32_t>(src.size()));
}

// A Markdown page: the stylesheet, then the page rendered with its marks. `tree` may be null (the
// page is then parsed here); with `reparse` it is not used. Returns whether it was.
bool annotate_markdown_page(const Document& doc, const MarkdownTree* tree, const std::vector<Finding>& findings,
                            std::string& out, bool reparse) {
  const std::vector<Insert> ins = plan(doc, findings, true);
  const std::vector<char> dropped = dropped_insertions(doc);
  std::string html;
  bool from_tree = false;
  if (!reparse && tree && tree->root() && std::none_of(dropped.begin(), dropped.end(), [](char d) { return d != 0; })) {
    // Nothing inserted and nothing dropped: the body is the one read_markdown parsed, and its tree
    // renders to the same HTML as a second parse would (a page with no findings costs one parse).
    if (ins.empty()) html = render_tree(*tree), from_tree = true;
    else from_tree = render_marked_tree(doc, *tree, ins, html);
  }
  if (!from_tree) {
    std::string body;
    write_marked(doc, ins, dropped, true, body);
    const size_t fm = tree ? tree->body_offset : 0;
    html = render_markdown(body.substr(std::min(fm, body.size())));
  }
  if (!ins.empty()) out += kMarkStylesheet, out += '\n';
  out += html;
  return from_tree;
}

}  // namespace

bool annotate_markdown(const Document& doc, const MarkdownTree& tree, const std::vector<Finding>& findings,
                       std::string& out, bool reparse) {
  return annotate_markdown_page(doc, &tree, findings, out, reparse);
}

void annotate(const Document& doc, const MarkdownTree* tree, const std::vector<Finding>& findings, std::string& out) {
  if (doc.format == Format::Markdown) {
    annotate_markdown_page(doc, tree, findings, out, false);
    return;
  }
  std::vector<Insert> ins = plan(doc, findings, false);
  if (!ins.empty()) {
    Insert s{doc.style_at, kMarkStylesheet};
    // At its offset, after the marks that end there and before those that begin there: never
    // inside a mark. (Before the closing ones it would be inside, and the next run, reading it
    // after that </mark>, would move it out: found by the HTML fuzzer.)
    auto pos = std::lower_bound(ins.begin(), ins.end(), doc.style_at,
                                [](const Insert& a, uint32_t b) { return a.at < b; });
    while (pos != ins.end() && pos->at == doc.style_at && pos->closes) ++pos;
    ins.insert(pos, s);
  }
  write_marked(doc, ins, dropped_insertions(doc), false, out);
}

}  // namespace factlint
