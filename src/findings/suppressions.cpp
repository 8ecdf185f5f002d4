// Suppressions: config filters, front matter, and factlint comments (see suppressions.h).
#include "findings/suppressions.h"

#include <toml++/toml.h>

#include <algorithm>
#include <optional>

#include "document/ascii.h"
#include "input/readers.h"

namespace factlint {

namespace {

constexpr uint32_t kSourceReach = 200;  // bytes between a figure or quote and its factlint-source

Rule make_rule(const char* id) {
  Rule r;
  r.id = id;
  r.category = Category::Absolute;
  r.severity = Severity::Info;
  return r;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && ascii::is_html_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && ascii::is_html_space(s.back())) s.remove_suffix(1);
  return s;
}

// Offset of `sub` (a view into `whole`) in `whole`.
uint32_t at(std::string_view whole, std::string_view sub) { return static_cast<uint32_t>(sub.data() - whole.data()); }

// Line starts (lines end at \n, \r\n or a bare \r, as the engine counts them).
class Lines {
 public:
  explicit Lines(std::string_view s) : s_(s) {
    starts_.push_back(0);
    for (size_t i = 0; i < s.size(); ++i)
      if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n')))
        starts_.push_back(static_cast<uint32_t>(i + 1));
  }
  size_t index(uint32_t off) const {
    return static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), off) - starts_.begin()) - 1;
  }
  size_t count() const { return starts_.size(); }
  uint32_t begin(size_t line) const { return starts_[line]; }
  uint32_t end(size_t line) const {
    return line + 1 < starts_.size() ? starts_[line + 1] : static_cast<uint32_t>(s_.size());
  }
  // 1-based line and column (columns count Unicode characters).
  void line_column(uint32_t off, uint32_t& line, uint32_t& column) const {
    size_t l = index(off);
    line = static_cast<uint32_t>(l + 1);
    column = 1;
    for (uint32_t i = starts_[l]; i < off && i < s_.size(); ++i)
      if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) ++column;
  }

 private:
  std::string_view s_;
  std::vector<uint32_t> starts_;
};

// ---- front matter ----

std::string_view unquote(std::string_view v) {
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) return v.substr(1, v.size() - 2);
  return v;
}

// Cuts a YAML comment (" #...") outside quotes.
std::string_view strip_comment(std::string_view v) {
  char q = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    if (q) {
      if (c == q) q = 0;
    } else if (c == '"' || c == '\'') {
      q = c;
    } else if (c == '#' && (i == 0 || ascii::is_html_space(v[i - 1]))) {
      return trim(v.substr(0, i));
    }
  }
  return trim(v);
}

// Splits a flow collection's inside at top-level commas.
std::vector<std::string_view> split_flow(std::string_view v) {
  std::vector<std::string_view> out;
  int depth = 0;
  char q = 0;
  size_t from = 0;
  for (size_t i = 0; i <= v.size(); ++i) {
    char c = i < v.size() ? v[i] : ',';
    if (q) {
      if (c == q) q = 0;
      continue;
    }
    if (c == '"' || c == '\'') q = c;
    else if (c == '[' || c == '{') ++depth;
    else if (c == ']' || c == '}') --depth;
    else if (c == ',' && depth == 0) {
      std::string_view item = trim(v.substr(from, i - from));
      if (!item.empty()) out.push_back(item);
      from = i + 1;
    }
  }
  return out;
}

bool yaml_false(std::string_view v) {
  return v == "false" || v == "False" || v == "FALSE" || v == "no" || v == "No" || v == "NO" || v == "off" ||
         v == "Off" || v == "OFF";
}
bool yaml_true(std::string_view v) {
  return v == "true" || v == "True" || v == "TRUE" || v == "yes" || v == "Yes" || v == "YES" || v == "on" ||
         v == "On" || v == "ON";
}

class FrontMatter {
 public:
  FrontMatter(std::string_view s, PageDirectives& out) : s_(s), out_(out) {}

  void invalid(std::string_view where, std::string what) {
    out_.invalid.push_back(PageDirectives::Item{std::move(what), at(s_, where), at(s_, where) + static_cast<uint32_t>(where.size())});
  }

  void add_ids(std::string_view value) {  // a flow list, or one scalar
    value = strip_comment(value);
    if (value.empty()) return;
    if (value.front() == '[') {
      if (value.back() != ']') return invalid(value, "front matter: 'disable' must be a list of rule ids");
      for (std::string_view item : split_flow(value.substr(1, value.size() - 2))) add_id(item);
    } else {
      add_id(value);
    }
  }
  void add_id(std::string_view item) {
    item = unquote(trim(item));
    if (item.empty()) return;
    out_.disable.push_back(PageDirectives::Item{std::string(item), at(s_, item), at(s_, item) + static_cast<uint32_t>(item.size())});
  }

  // `key: value` inside the factlint mapping.
  void entry(std::string_view key, std::string_view value, bool& wants_block_list) {
    key = unquote(trim(key));
    if (key == "disable") {
      value = strip_comment(value);
      if (value.empty()) wants_block_list = true;
      else add_ids(value);
    } else {
      invalid(key, "front matter: unknown key 'factlint." + std::string(key) + "' (expected disable)");
    }
  }

  void yaml(std::string_view body) {
    std::vector<std::string_view> lines;
    for (size_t i = 0; i < body.size();) {
      size_t e = body.find_first_of("\r\n", i);
      if (e == std::string_view::npos) e = body.size();
      lines.push_back(body.substr(i, e - i));
      i = e < body.size() && body[e] == '\r' && e + 1 < body.size() && body[e + 1] == '\n' ? e + 2 : e + 1;
    }
    for (size_t li = 0; li < lines.size(); ++li) {
      std::string_view line = lines[li];
      if (line.substr(0, 8) != "factlint") continue;
      std::string_view rest = line.substr(8);
      size_t colon = rest.find_first_not_of(" \t");
      if (colon == std::string_view::npos || rest[colon] != ':') continue;
      std::string_view value = strip_comment(rest.substr(colon + 1));
      if (yaml_false(value)) {
        out_.skip = true;
      } else if (yaml_true(value)) {
      } else if (!value.empty() && value.front() == '{') {
        // A flow mapping, possibly over several lines.
        std::string_view flow = body.substr(at(body, value));
        size_t close = flow.find('}');
        if (close == std::string_view::npos) return invalid(value, "front matter: unclosed '{' after factlint:");
        bool unused = false;
        for (std::string_view kv : split_flow(flow.substr(1, close - 1))) {
          size_t c = kv.find(':');
          if (c == std::string_view::npos) {
            invalid(kv, "front matter: expected 'disable: [rule ids]' in factlint: {...}");
            continue;
          }
          entry(kv.substr(0, c), kv.substr(c + 1), unused);
        }
      } else if (value.empty()) {
        // A block mapping: the indented lines that follow.
        bool list = false;
        for (size_t k = li + 1; k < lines.size(); ++k) {
          std::string_view l = lines[k];
          std::string_view t = trim(l);
          if (t.empty() || t.front() == '#') continue;
          if (!ascii::is_html_space(l.front())) break;  // back at the top level
          if (list && t.front() == '-') {
            add_id(strip_comment(t.substr(1)));
            continue;
          }
          list = false;
          size_t c = t.find(':');
          if (c == std::string_view::npos) {
            invalid(t, "front matter: expected 'disable:' under factlint:");
            continue;
          }
          entry(t.substr(0, c), t.substr(c + 1), list);
        }
      } else {
        invalid(value, "front matter: 'factlint' must be false or {disable: [rule ids]}");
      }
    }
  }

  // Byte offset in `text` of a toml++ position (1-based line, column in characters).
  static size_t toml_offset(std::string_view text, const toml::source_position& p) {
    size_t i = 0;
    for (uint32_t line = 1; line < p.line && i < text.size(); ++i)
      if (text[i] == '\n') ++line;
    for (uint32_t col = 1; col < p.column && i < text.size(); ++col) {
      ++i;
      while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    }
    return i;
  }

  void toml_body(std::string_view body) {
    toml::table t;
    try {
      t = toml::parse(body);
    } catch (const toml::parse_error&) {
      return;  // the generator reports broken front matter
    }
    const toml::node* n = t.get("factlint");
    if (!n) return;
    auto where = [&](const toml::node& x) {
      size_t o = toml_offset(body, x.source().begin);
      size_t e = toml_offset(body, x.source().end);
      if (e <= o || e > body.size()) e = std::min(body.size(), o + 1);
      return body.substr(o, e - o);
    };
    if (n->is_boolean()) {
      if (!n->as_boolean()->get()) out_.skip = true;
      return;
    }
    if (!n->is_table()) return invalid(where(*n), "front matter: 'factlint' must be false or a table");
    for (auto&& [key, node] : *n->as_table()) {
      if (key.str() != "disable") {
        invalid(where(node), "front matter: unknown key 'factlint." + std::string(key.str()) + "' (expected disable)");
        continue;
      }
      if (!node.is_array()) {
        invalid(where(node), "front matter: 'disable' must be a list of rule ids");
        continue;
      }
      for (auto& e : *node.as_array()) {
        if (!e.is_string()) {
          invalid(where(e), "front matter: 'disable' must contain only strings");
          continue;
        }
        std::string_view v = where(e);
        std::string id = e.as_string()->get();
        size_t p = v.find(id);
        if (p != std::string_view::npos) v = v.substr(p, id.size());
        out_.disable.push_back(PageDirectives::Item{id, at(s_, v), at(s_, v) + static_cast<uint32_t>(v.size())});
      }
    }
  }

 private:
  std::string_view s_;
  PageDirectives& out_;
};

// ---- comments ----

struct Directive {
  enum Kind { Disable, Enable, NextLine, Source, Invalid } kind = Invalid;
  const SourceComment* c = nullptr;
  std::string word;               // e.g. "factlint-disable"
  std::vector<std::string> args;  // empty: every rule
  std::string url;
  std::string problem;
};

std::optional<Directive> parse_directive(const SourceComment& c) {
  std::string_view body = trim(c.text);
  size_t w = 0;
  while (w < body.size() && !ascii::is_html_space(body[w])) ++w;
  std::string_view word = body.substr(0, w), rest = trim(body.substr(w));
  if (word.substr(0, 9) != "factlint-") return std::nullopt;  // "factlint: ..." is a note for people
  Directive d;
  d.c = &c;
  d.word = std::string(word);
  if (word == "factlint-disable") d.kind = Directive::Disable;
  else if (word == "factlint-enable") d.kind = Directive::Enable;
  else if (word == "factlint-disable-next-line") d.kind = Directive::NextLine;
  else if (word == "factlint-source") d.kind = Directive::Source;
  else {
    d.problem = "unknown directive '" + d.word +
                "' (expected factlint-disable, factlint-enable, factlint-disable-next-line or factlint-source)";
    return d;
  }
  if (d.kind == Directive::Source) {
    std::string_view url;
    if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
      size_t close = rest.find(rest.front(), 1);
      url = close == std::string_view::npos ? std::string_view() : rest.substr(1, close - 1);
    } else {
      size_t e = 0;
      while (e < rest.size() && !ascii::is_html_space(rest[e])) ++e;
      url = rest.substr(0, e);
    }
    url = trim(url);
    if (url.empty()) {
      d.kind = Directive::Invalid;
      d.problem = "factlint-source needs the source's address: <!-- factlint-source \"https://...\" -->";
    }
    d.url = std::string(url);
    return d;
  }
  for (size_t i = 0; i < rest.size();) {
    while (i < rest.size() && (ascii::is_html_space(rest[i]) || rest[i] == ',')) ++i;
    size_t e = i;
    while (e < rest.size() && !ascii::is_html_space(rest[e]) && rest[e] != ',') ++e;
    if (e == i) break;
    std::string_view tok = rest.substr(i, e - i);
    if (tok == "--") break;  // the rest is a reason, for people
    d.args.emplace_back(tok);
    i = e;
  }
  return d;
}

bool matches(const std::string& token, const Finding& f) {
  return token.empty() || token == f.rule->id || token == category_name(f.category);
}

std::optional<Category> category_of(std::string_view name) {
  for (Category c : {Category::Figure, Category::Quote, Category::Absolute})
    if (name == category_name(c)) return c;
  return std::nullopt;
}

// Where a suppression applies: findings starting in [begin, end) that the token matches.
struct Scope {
  std::string token;
  uint32_t begin, end;
  uint32_t at_begin, at_end;  // the suppression itself, for the unused report
  std::string what;           // how the report names it
  bool used = false;
};

}  // namespace

const Rule& suppression_unused_rule() {
  static const Rule r = make_rule("suppression.unused");
  return r;
}

const Rule& suppression_invalid_rule() {
  static const Rule r = make_rule("suppression.invalid");
  return r;
}

bool RuleFilter::apply(Finding& f) const {
  std::string_view cat = category_name(f.category);
  if (disabled.count(f.rule->id) || disabled.count(cat)) return false;
  if (auto it = severity.find(f.rule->id); it != severity.end()) f.severity = it->second;
  else if (auto ct = severity.find(cat); ct != severity.end()) f.severity = ct->second;
  return true;
}

void filter_findings(std::vector<Finding>& fs, const RuleFilter* filter, Severity min) {
  size_t out = 0;
  for (size_t i = 0; i < fs.size(); ++i) {
    if (filter && !filter->apply(fs[i])) continue;
    if (fs[i].severity < min) continue;
    if (out != i) fs[out] = std::move(fs[i]);
    ++out;
  }
  fs.resize(out);
}

PageDirectives read_page_directives(std::string_view s) {
  PageDirectives out;
  size_t fm = front_matter_length(s);
  if (fm == 0) return out;
  size_t start = s.size() >= 3 && s.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  bool toml = s.compare(start, 3, "+++") == 0;
  // The body: the lines after the opening fence, up to the closing one.
  auto next_line = [&](size_t i) {
    size_t nl = s.find_first_of("\r\n", i);
    if (nl == std::string_view::npos) return s.size();
    return nl + (s[nl] == '\r' && nl + 1 < s.size() && s[nl + 1] == '\n' ? 2 : 1);
  };
  size_t b = next_line(start), e = b;
  while (e < fm) {
    size_t le = s.find_first_of("\r\n", e);
    std::string_view line = s.substr(e, (le == std::string_view::npos ? s.size() : le) - e);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line == (toml ? "+++" : "---") || (!toml && line == "...")) break;
    e = next_line(e);
  }
  std::string_view body = s.substr(b, std::min(e, s.size()) - b);
  FrontMatter parser(s, out);
  if (toml) parser.toml_body(body);
  else parser.yaml(body);
  return out;
}

void apply_suppressions(const Document& doc, const RuleSet& rules, const PageDirectives& page,
                        std::vector<Finding>& findings, std::vector<Finding>& sourced, std::vector<Finding>& notes) {
  if (doc.comments.empty() && page.disable.empty() && page.invalid.empty()) return;
  std::string_view src = doc.source;
  Lines lines(src);

  auto note = [&](const Rule& rule, Category cat, uint32_t b, uint32_t e, std::string message) {
    Finding f;
    f.rule = &rule;
    f.category = cat;
    f.severity = Severity::Info;
    f.message = std::move(message);
    f.start = b;
    f.end = e;
    f.text.assign(src.substr(b, e - b));
    f.text_begin = f.text_end = 0;
    lines.line_column(b, f.line, f.column);
    notes.push_back(std::move(f));
  };
  auto category_for = [&](const std::string& token) {
    if (const Rule* r = rules.find(token)) return r->category;
    if (auto c = category_of(token)) return *c;
    return Category::Absolute;
  };
  auto unknown = [&](const std::string& token) {
    return !token.empty() && !rules.find(token) && !category_of(token);
  };

  std::vector<Directive> ds;
  for (const SourceComment& c : doc.comments)
    if (auto d = parse_directive(c)) ds.push_back(std::move(*d));

  std::vector<char> gone(findings.size(), 0);

  // 1. factlint-source: the nearest finding ending before the comment in the same block.
  auto block_of = [&](const Finding& f) -> int32_t {
    auto it = std::upper_bound(doc.blocks.begin(), doc.blocks.end(), f.text_begin,
                               [](uint32_t p, const Block& b) { return p < b.begin; });
    if (it == doc.blocks.begin()) return -1;
    --it;
    return f.text_begin < it->end ? static_cast<int32_t>(it - doc.blocks.begin()) : -1;
  };
  // The reach does not count what a previous run inserted (doc.strip: marks, its stylesheet), or
  // annotating the annotated page would clear fewer findings.
  auto reach = [&](uint32_t from, uint32_t to) {
    uint32_t n = to - from;
    if (n <= kSourceReach) return n;
    auto it = std::lower_bound(doc.strip.begin(), doc.strip.end(), from,
                               [](const std::pair<uint32_t, uint32_t>& r, uint32_t p) { return r.second <= p; });
    for (; it != doc.strip.end() && it->first < to; ++it) n -= std::min(it->second, to) - std::max(it->first, from);
    return n;
  };
  for (const Directive& d : ds) {
    if (d.kind != Directive::Source) continue;
    const SourceComment& c = *d.c;
    size_t best = findings.size();
    for (size_t k = 0; k < findings.size(); ++k) {
      const Finding& f = findings[k];
      if (gone[k] || f.end > c.begin || c.block < 0 || block_of(f) != c.block || reach(f.end, c.begin) > kSourceReach)
        continue;
      if (best == findings.size() || f.end > findings[best].end ||
          (f.end == findings[best].end && f.start > findings[best].start))
        best = k;
    }
    if (best == findings.size()) {
      note(suppression_unused_rule(), Category::Absolute, c.begin, c.end,
           "factlint-source clears nothing: it must follow a figure or quote in the same paragraph, "
           "within " + std::to_string(kSourceReach) + " bytes");
      continue;
    }
    gone[best] = 1;
    Finding f = findings[best];
    f.evidence = d.url;
    sourced.push_back(std::move(f));
  }

  // 2. Scopes of disable, disable-next-line and front matter.
  std::vector<Scope> scopes;
  for (size_t i = 0; i < ds.size(); ++i) {
    const Directive& d = ds[i];
    const SourceComment& c = *d.c;
    if (d.kind == Directive::Invalid) {
      note(suppression_invalid_rule(), Category::Absolute, c.begin, c.end, d.problem);
      continue;
    }
    std::vector<std::string> tokens = d.args.empty() ? std::vector<std::string>{""} : d.args;
    if (d.kind == Directive::Disable) {
      for (const std::string& t : tokens) {
        uint32_t end = static_cast<uint32_t>(src.size());
        for (size_t j = i + 1; j < ds.size(); ++j) {
          const Directive& e = ds[j];
          if (e.kind != Directive::Enable) continue;
          if (e.args.empty() || (!t.empty() && std::find(e.args.begin(), e.args.end(), t) != e.args.end())) {
            end = e.c->begin;
            break;
          }
        }
        scopes.push_back(Scope{t, c.end, end, c.begin, c.end, t.empty() ? d.word : d.word + " " + t});
      }
    } else if (d.kind == Directive::NextLine) {
      // The next line below the comment that holds content text.
      uint32_t from = lines.end(lines.index(c.end > c.begin ? c.end - 1 : c.begin));
      size_t n = doc.text.size();
      size_t ti = static_cast<size_t>(std::lower_bound(doc.src.begin(), doc.src.begin() + n, from) - doc.src.begin());
      while (ti < n && (doc.text[ti] == ' ' || doc.text[ti] == '\n' || doc.src[ti] < from)) ++ti;
      uint32_t b = 0, e = 0;
      if (ti < n && from < src.size()) {
        size_t l = lines.index(doc.src[ti]);
        b = lines.begin(l);
        e = lines.end(l);
      }
      for (const std::string& t : tokens)
        scopes.push_back(Scope{t, b, e, c.begin, c.end, t.empty() ? d.word : d.word + " " + t});
    }
  }
  for (const auto& item : page.disable)
    scopes.push_back(Scope{item.id, 0, static_cast<uint32_t>(src.size()), item.begin, item.end,
                           "front matter disable '" + item.id + "'"});
  for (const auto& item : page.invalid)
    note(suppression_invalid_rule(), Category::Absolute, item.begin, item.end, item.id);

  for (size_t k = 0; k < findings.size(); ++k) {
    if (gone[k]) continue;
    const Finding& f = findings[k];
    for (Scope& s : scopes) {
      if (f.start >= s.begin && f.start < s.end && matches(s.token, f)) {
        s.used = true;
        gone[k] = 1;
      }
    }
  }
  for (const Scope& s : scopes) {
    if (s.used) continue;
    std::string msg = s.what + " matches no finding";
    if (unknown(s.token)) msg += ": no rule or category is called '" + s.token + "'";
    else msg += ": remove it";
    note(suppression_unused_rule(), category_for(s.token), s.at_begin, s.at_end, std::move(msg));
  }

  size_t out = 0;
  for (size_t k = 0; k < findings.size(); ++k) {
    if (gone[k]) continue;
    if (out != k) findings[out] = std::move(findings[k]);
    ++out;
  }
  findings.resize(out);
  std::stable_sort(sourced.begin(), sourced.end(), [](const Finding& a, const Finding& b) { return a.start < b.start; });
  std::stable_sort(notes.begin(), notes.end(), [](const Finding& a, const Finding& b) { return a.start < b.start; });
}

}  // namespace factlint
