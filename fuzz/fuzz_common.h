// Shared by the libFuzzer targets: the default rules (built once) and the invariants every check
// must keep. A violated invariant prints what went wrong and aborts, so libFuzzer saves the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "engine.h"
#include "input/html_tokenizer.h"
#include "output/outputs.h"

namespace factlint_fuzz {

using namespace factlint;

[[noreturn]] inline void fail(const char* what, size_t a = 0, size_t b = 0) {
  std::fprintf(stderr, "\n*** factlint fuzz invariant violated: %s (%zu, %zu)\n", what, a, b);
  std::fflush(stderr);
  std::abort();
}

inline const RuleSet& default_rules() {
  static const RuleSet* rules = [] {
    auto* r = new RuleSet();
    PackError err;
    if (!r->add_defaults(&err) || !r->compile(&err)) {
      std::fprintf(stderr, "default packs: %s\n", err.to_string().c_str());
      std::abort();
    }
    return r;
  }();
  return *rules;
}

// Every finding lies inside the input and its text is the input bytes it covers.
inline void check_findings(std::string_view input, const std::vector<Finding>& fs) {
  for (const Finding& f : fs) {
    if (!f.rule) fail("finding without a rule");
    if (f.start > f.end) fail("finding start > end", f.start, f.end);
    if (f.end > input.size()) fail("finding end > input size", f.end, input.size());
    if (f.text.size() != f.end - f.start || std::memcmp(f.text.data(), input.data() + f.start, f.text.size()) != 0)
      fail("finding text differs from input[start, end)", f.start, f.end);
  }
}

// Removes the markup factlint inserts: <mark ... data-factlint ...> start tags with their matching
// </mark>, and <style data-factlint>...</style>. Authors' own marks are kept (a stack pairs every
// </mark> with its start tag). Same approach as tests/test_annotate.cpp.
inline std::string strip_factlint(std::string_view page) {
  using html::Token;
  using html::TokenKind;
  std::string out;
  html::Tokenizer tz(page);
  Token t;
  std::vector<bool> marks;
  bool in_style = false;
  while (tz.next(t)) {
    std::string_view bytes = page.substr(t.begin, t.end - t.begin);
    if (in_style) {
      if (t.kind == TokenKind::EndTag && html::iequals(t.name, "style")) in_style = false;
      continue;
    }
    if (t.kind == TokenKind::StartTag && html::iequals(t.name, "style") && t.find_attr("data-factlint")) {
      in_style = true;
      continue;
    }
    if (t.kind == TokenKind::StartTag && html::iequals(t.name, "mark")) {
      marks.push_back(t.find_attr("data-factlint") != nullptr);
      if (marks.back()) continue;
    } else if (t.kind == TokenKind::EndTag && html::iequals(t.name, "mark") && !marks.empty()) {
      bool ours = marks.back();
      marks.pop_back();
      if (ours) continue;
    }
    out.append(bytes);
  }
  return out;
}

inline size_t first_difference(std::string_view a, std::string_view b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

// True if the page may carry factlint's own markup: attribute names are case-insensitive, so
// the reader takes <mark DATA-FactLint> for one of ours (and drops it) as a browser would.
inline bool has_factlint_markup(std::string_view page) {
  static constexpr std::string_view kAttr = "data-factlint";
  for (size_t i = page.find_first_of("dD"); i != std::string_view::npos && page.size() - i >= kAttr.size();
       i = page.find_first_of("dD", i + 1))
    if (html::iequals(page.substr(i, kAttr.size()), kAttr)) return true;
  return false;
}

// Checks `input` as HTML (annotated) and asserts the annotation invariants.
inline void check_html(Checker& checker, std::string_view input) {
  CheckOptions opts;
  opts.format = CheckOptions::InputFormat::Html;
  opts.annotate = true;
  CheckResult r;
  if (!checker.check(input, opts, r)) return;  // refused input (invalid UTF-8, NUL): fine
  check_findings(input, r.findings);
  check_findings(input, r.sourced);
  if (!has_factlint_markup(input)) {
    if (r.findings.empty() && r.annotated != input) fail("page without findings was changed");
    std::string back = strip_factlint(r.annotated);
    if (back != input) fail("annotated page minus factlint markup differs from the input at byte",
                            first_difference(back, input), back.size());
  }
  CheckResult again;
  if (!checker.check(r.annotated, opts, again)) fail("annotated page was refused");
  check_findings(r.annotated, again.findings);
  if (again.annotated != r.annotated)
    fail("annotating the annotated page changed it at byte", first_difference(again.annotated, r.annotated),
         r.annotated.size());
}

// Checks `input` as Markdown (annotated) and asserts the finding invariants.
inline void check_markdown(Checker& checker, std::string_view input) {
  CheckOptions opts;
  opts.format = CheckOptions::InputFormat::Markdown;
  opts.annotate = true;
  CheckResult r;
  if (!checker.check(input, opts, r)) return;
  check_findings(input, r.findings);
  check_findings(input, r.sourced);
}

}  // namespace factlint_fuzz
