#include "engine.h"

#include <algorithm>
#include <cstring>

#include "detectors/context.h"
#include "output/outputs.h"

namespace factlint {

size_t find_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    // ASCII 32, then eight bytes at a time: most of a page is markup and English.
    while (i + 32 <= n) {
      uint64_t w[4];
      std::memcpy(w, p + i, 32);
      if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ull) break;
      i += 32;
    }
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return i;
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

namespace {

// Source end of the text range ending at `e` (exclusive): the end of the last character's source.
uint32_t source_end(const Document& d, uint32_t e) {
  auto it = std::lower_bound(d.runs.begin(), d.runs.end(), e - 1,
                             [](const Run& r, uint32_t p) { return r.text_end <= p; });
  uint32_t se;
  if (it != d.runs.end() && it->text_begin <= e - 1) se = e < it->text_end ? d.src[e] : it->src_end;
  else se = d.src[e];
  uint32_t sb = d.src[e - 1];
  while (se > sb + 1 && (d.source[se - 1] == ' ' || d.source[se - 1] == '\n' || d.source[se - 1] == '\r' ||
                         d.source[se - 1] == '\t'))
    --se;
  return std::max(se, sb + 1);
}

}  // namespace

void Checker::find(std::string_view input, Format format, std::vector<Finding>& out, const Rule* only) {
  if (format == Format::Markdown) read_markdown(input, doc_, tree_);
  else read_html(input, doc_);
  candidates_.clear();
  PageContext ctx(doc_, rules_);
  detect_quotes(ctx, rules_, candidates_);  // first: it records the sourced quotations
  detect_figures(ctx, rules_, candidates_);
  detect_phrases(ctx, rules_, candidates_);
  out.clear();
  out.reserve(candidates_.size());
  for (const Candidate& c : candidates_) {
    if (only && c.rule != only) continue;
    uint32_t b = c.begin, e = c.end;
    // block separators and collapsed spaces at the edges belong to no source run
    while (e > b && (doc_.text[e - 1] == '\n' || doc_.text[e - 1] == ' ')) --e;
    while (b < e && (doc_.text[b] == '\n' || doc_.text[b] == ' ')) ++b;
    if (e <= b) continue;
    Finding f;
    f.rule = c.rule;
    f.category = c.rule->category;
    f.severity = c.rule->severity;
    f.text_begin = b;
    f.text_end = e;
    f.start = doc_.src[b];
    f.end = source_end(doc_, e);
    f.text.assign(input.substr(f.start, f.end - f.start));
    f.message = render_message(*c.rule, std::string_view(doc_.text).substr(b, e - b), c.detail);
    f.line = f.column = 0;
    out.push_back(std::move(f));
  }
}

bool Checker::check(std::string_view input, const CheckOptions& opts, CheckResult& result) {
  result.findings.clear();
  result.sourced.clear();
  result.annotated.clear();
  result.error.clear();
  result.truncated = 0;
  if (!rules_.compiled()) {
    result.error = "rules are not compiled";
    return false;
  }
  if (input.size() > opts.max_input || input.size() >= UINT32_MAX - 1) {
    result.error = "input is " + std::to_string(input.size()) + " bytes, over the limit of " +
                   std::to_string(opts.max_input);
    return false;
  }
  if (const void* nul = std::memchr(input.data(), 0, input.size())) {
    result.error = "binary content: NUL byte at byte offset " +
                   std::to_string(static_cast<const char*>(nul) - input.data());
    return false;
  }
  if (size_t bad = find_invalid_utf8(input); bad != std::string_view::npos) {
    result.error = "invalid UTF-8 at byte offset " + std::to_string(bad);
    return false;
  }
  Format format = opts.format == CheckOptions::InputFormat::Markdown ? Format::Markdown
                  : opts.format == CheckOptions::InputFormat::Html   ? Format::Html
                                                                     : guess_format(opts.path, input);
  result.format = format;
  // Front matter may switch the page off (`factlint: false`): no findings, no marks.
  PageDirectives page;
  if (format == Format::Markdown) page = read_page_directives(input);
  if (page.skip) {
    read_markdown(input, doc_, tree_);
    if (opts.annotate) annotate(doc_, &tree_, result.findings, result.annotated);
    return true;
  }
  find(input, format, result.findings, nullptr);
  auto& fs = result.findings;
  filter_findings(fs, opts.filter, opts.min_severity);
  dedupe(fs);
  // Lines and columns in one pass over the input (findings are sorted by start). Without a lone
  // CR in the page, line breaks are found with memchr and only a line's last stretch is counted.
  uint32_t line = 1, col = 1;
  size_t at = 0;
  bool lone_cr_possible = false;
  for (size_t r = 0; r < input.size();) {
    const void* cr = std::memchr(input.data() + r, '\r', input.size() - r);
    if (!cr) break;
    r = static_cast<size_t>(static_cast<const char*>(cr) - input.data()) + 1;
    if (r == input.size() || input[r] != '\n') {
      lone_cr_possible = true;
      break;
    }
  }
  for (Finding& f : fs) {
    if (!lone_cr_possible) {
      while (const void* nl = at < f.start ? std::memchr(input.data() + at, '\n', f.start - at) : nullptr) {
        ++line, col = 1;
        at = static_cast<size_t>(static_cast<const char*>(nl) - input.data()) + 1;
      }
    }
    for (; at < f.start; ++at) {
      unsigned char c = input[at];
      if (c == '\n' || (c == '\r' && (at + 1 == input.size() || input[at + 1] != '\n'))) ++line, col = 1;
      else if ((c & 0xC0) != 0x80) ++col;
    }
    f.line = line;
    f.column = col;
  }
  // Comment and front-matter suppressions; findings about the suppressions themselves are never marked.
  std::vector<Finding> notes;
  apply_suppressions(doc_, rules_, page, fs, result.sourced, notes);
  filter_findings(notes, opts.filter, opts.min_severity);
  if (opts.max_findings && fs.size() + notes.size() > opts.max_findings) {
    // Bounded output for hostile pages: the first findings are kept, and only they are marked.
    result.truncated = fs.size() + notes.size() - opts.max_findings;
    if (fs.size() > opts.max_findings) fs.resize(opts.max_findings);
    notes.resize(opts.max_findings - fs.size());
  }
  if (opts.annotate) annotate(doc_, format == Format::Markdown ? &tree_ : nullptr, fs, result.annotated);
  if (!notes.empty()) {
    fs.insert(fs.end(), std::make_move_iterator(notes.begin()), std::make_move_iterator(notes.end()));
    std::stable_sort(fs.begin(), fs.end(), [](const Finding& a, const Finding& b) { return a.start < b.start; });
  }
  return true;
}

std::vector<Finding> Checker::check_rule_example(std::string_view text, const Rule& rule) {
  std::vector<Finding> out;
  find(text, Format::Markdown, out, &rule);
  return out;
}

}  // namespace factlint
