// libFuzzer target: the C ABI as a plugin uses it. The first byte picks HTML (odd) or Markdown
// (even), and its bits 4-6, when not all zero, set max_findings (1 to 7); the rest is the page.
// Every finding, the annotated page and the JSON are read, and everything is freed
// (LeakSanitizer checks).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "factlint/factlint.h"

static void fail(const char* what, size_t a = 0, size_t b = 0) {
  std::fprintf(stderr, "\n*** factlint C ABI fuzz invariant violated: %s (%zu, %zu)\n", what, a, b);
  std::fflush(stderr);
  std::abort();
}

static factlint_rules* rules() {
  static factlint_rules* r = [] {
    factlint_rules* out = nullptr;
    int st = factlint_rules_new(&out, nullptr);
    if (st != FACTLINT_OK) {
      std::fprintf(stderr, "factlint_rules_new: %s: %s\n", factlint_strerror(st), factlint_rules_errmsg(out));
      std::abort();
    }
    return out;
  }();
  return r;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const char* page = reinterpret_cast<const char*>(data + 1);
  size_t len = size - 1;
  factlint_checker* checker = nullptr;
  if (factlint_checker_new(&checker, rules()) != FACTLINT_OK || !checker) fail("factlint_checker_new");
  factlint_check_options opts = FACTLINT_CHECK_OPTIONS_INIT;
  opts.format = (data[0] & 1) ? FACTLINT_FORMAT_HTML : FACTLINT_FORMAT_MARKDOWN;
  opts.annotate = 1;
  const size_t cap = (data[0] >> 4) & 7;
  if (cap) opts.max_findings = cap;
  factlint_report* report = nullptr;
  int st = factlint_check(checker, page, len, &opts, &report);
  if (st == FACTLINT_OK) {
    if (!report) fail("FACTLINT_OK without a report");
    size_t n = factlint_report_count(report);
    size_t cut = factlint_report_truncated(report);
    if (cap && n > cap) fail("more findings than max_findings", n, cap);
    if (cut && n != (cap ? cap : 10000)) fail("findings cut, but fewer kept than max_findings", n, cut);
    for (size_t i = 0; i < n; ++i) {
      factlint_finding f;
      if (factlint_report_finding(report, i, &f) != FACTLINT_OK) fail("factlint_report_finding", i, n);
      if (!f.rule || !f.category || !f.message || !f.text) fail("finding with a NULL string", i);
      if (f.start > f.end || f.end > len) fail("finding range outside the input", f.start, f.end);
      if (f.text_len != f.end - f.start || std::memcmp(f.text, page + f.start, f.text_len) != 0)
        fail("finding text differs from the input", f.start, f.end);
      if (f.text[f.text_len] != '\0') fail("finding text not NUL-terminated", i);
      (void)std::strlen(f.rule), (void)std::strlen(f.category), (void)std::strlen(f.message);
    }
    factlint_finding extra;
    if (factlint_report_finding(report, n, &extra) != FACTLINT_EINVAL) fail("index past the end accepted", n);
    const char* s = nullptr;
    size_t slen = 0;
    if (factlint_report_annotated(report, &s, &slen) != FACTLINT_OK || !s || s[slen] != '\0')
      fail("factlint_report_annotated");
    s = nullptr;
    if (factlint_report_json(report, &s, &slen) != FACTLINT_OK || !s || s[slen] != '\0') fail("factlint_report_json");
    if (slen == 0 || s[0] != '{') fail("JSON report does not start with '{'", slen);
    (void)std::strlen(factlint_report_format(report));
    factlint_report_free(report);
  } else {
    if (report) fail("report set on failure", static_cast<size_t>(st));
    if (st != FACTLINT_EINPUT) {
      std::fprintf(stderr, "factlint_check: %s: %s\n", factlint_strerror(st), factlint_checker_errmsg(checker));
      fail("factlint_check failed with an unexpected status", static_cast<size_t>(st));
    }
    (void)std::strlen(factlint_checker_errmsg(checker));
  }
  factlint_checker_free(checker);
  return 0;
}
