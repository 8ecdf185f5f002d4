// Threads: one compiled RuleSet (the defaults) shared by 8 threads, each with its own Checker, each
// checking its own share of the labelled articles (fixtures/articles/*) 20 times. Every result
// must equal the single-threaded one. The same again through the C ABI: one factlint_rules shared,
// one factlint_checker per thread. `make test-sanitize` runs these under ThreadSanitizer.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine.h"
#include "factlint/factlint.h"

namespace {

using namespace factlint;
namespace fs = std::filesystem;

constexpr int kThreads = 8;
constexpr int kRounds = 20;

struct Page {
  std::string path;
  std::string text;
};

std::vector<Page> article_pages() {
  std::vector<Page> pages;
  for (const auto& e : fs::directory_iterator(fs::path(FACTLINT_SOURCE_DIR) / "fixtures" / "articles")) {
    auto ext = e.path().extension();
    if (ext != ".md" && ext != ".html") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    pages.push_back({e.path().string(), ss.str()});
  }
  std::sort(pages.begin(), pages.end(), [](const Page& a, const Page& b) { return a.path < b.path; });
  return pages;
}

// Everything a check reports, as one comparable string.
std::string summarize(const CheckResult& r, bool ok) {
  std::ostringstream s;
  s << "ok=" << ok << " format=" << static_cast<int>(r.format) << " error=" << r.error << "\n";
  for (const auto* list : {&r.findings, &r.sourced}) {
    for (const auto& f : *list) {
      s << f.rule->id << ' ' << static_cast<int>(f.category) << ' ' << static_cast<int>(f.severity) << ' '
        << f.start << '-' << f.end << ' ' << f.line << ':' << f.column << ' ' << f.text_begin << '-'
        << f.text_end << ' ' << f.message << " [" << f.text << "] " << f.evidence << "\n";
    }
    s << "--\n";
  }
  s << r.annotated;
  return s.str();
}

std::string check_page(Checker& checker, const Page& page) {
  CheckOptions o;
  o.path = page.path;
  o.annotate = true;
  CheckResult r;
  bool ok = checker.check(page.text, o, r);
  return summarize(r, ok);
}

TEST(Threads, SharedRuleSetPerThreadChecker) {
  const auto pages = article_pages();
  ASSERT_GE(pages.size(), static_cast<size_t>(kThreads));

  RuleSet rules;
  PackError err;
  ASSERT_TRUE(rules.add_defaults(&err)) << err.to_string();
  ASSERT_TRUE(rules.compile(&err)) << err.to_string();

  std::vector<std::string> expected;
  {
    Checker c(rules);
    for (const auto& p : pages) expected.push_back(check_page(c, p));
  }
  size_t with_findings = 0;
  for (const auto& e : expected) with_findings += e.find("\n--\n") > e.find('\n') + 1;
  ASSERT_GT(with_findings, 0u) << "the articles should have findings to compare";

  // results[t][i]: page index i as checked by thread t (pages i with i % kThreads == t), every round.
  std::vector<std::vector<std::string>> mismatches(kThreads);
  std::atomic<int> checks{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Checker c(rules);
      for (int round = 0; round < kRounds; ++round) {
        for (size_t i = t; i < pages.size(); i += kThreads) {
          if (check_page(c, pages[i]) != expected[i])
            mismatches[t].push_back(pages[i].path + " (round " + std::to_string(round) + ")");
          ++checks;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t)
    for (const auto& m : mismatches[t]) ADD_FAILURE() << "thread " << t << ": differs from single-threaded: " << m;
  EXPECT_EQ(checks.load(), static_cast<int>(pages.size()) * kRounds);
}

// cmark-gfm keeps the characters its inline extensions start at (':' and 'w' for autolinks, '~'
// for strikethrough, '|' for tables) in one process-wide table, adds them when a parse starts its
// inlines and takes them out when it ends: one thread's parse ending took them from another's in
// the middle, and its bare links, struck text and table pipes read as plain text. Short pages,
// many times over, so that parses overlap often; the link is what sources the figure.
TEST(Threads, MarkdownExtensionsHoldWhileOtherThreadsParse) {
  RuleSet rules;
  PackError err;
  ASSERT_TRUE(rules.add_defaults(&err)) << err.to_string();
  ASSERT_TRUE(rules.compile(&err)) << err.to_string();
  const Page page{"links.md",
                  "Exports rose 12% last year (https://stats.example.org/trade/2025) and ~~fell~~ 4% "
                  "the year before, see www.example.org/trade.\n\n"
                  "| Year | Exports |\n|---|---|\n| 2025 | 12% \\| up |\n\n"
                  "Imports fell 8% (https://stats.example.org/imports).\n"};
  std::string expected;
  {
    Checker c(rules);
    expected = check_page(c, page);
  }
  ASSERT_NE(expected.find("<a href=\"https://stats.example.org/trade/2025\""), std::string::npos) << expected;
  ASSERT_NE(expected.find("<del>"), std::string::npos) << expected;
  constexpr int kParsers = 4, kChecks = 400;
  std::vector<int> mismatches(kParsers, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kParsers; ++t)
    threads.emplace_back([&, t] {
      Checker c(rules);
      for (int i = 0; i < kChecks; ++i) mismatches[t] += check_page(c, page) != expected;
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < kParsers; ++t)
    EXPECT_EQ(mismatches[t], 0) << "thread " << t << ": " << mismatches[t] << " of " << kChecks << " checks differ";
}

// ---- the same through the C ABI ----

std::string summarize_c(factlint_report* r) {
  std::ostringstream s;
  s << factlint_report_format(r) << "\n";
  size_t n = factlint_report_count(r);
  for (size_t i = 0; i < n; ++i) {
    factlint_finding f{};
    if (factlint_report_finding(r, i, &f) != FACTLINT_OK) {
      s << "finding " << i << " failed\n";
      continue;
    }
    s << f.rule << ' ' << f.category << ' ' << f.severity << ' ' << f.start << '-' << f.end << ' ' << f.line
      << ':' << f.column << ' ' << f.message << " [" << std::string(f.text, f.text_len) << "]\n";
  }
  const char* text = nullptr;
  size_t len = 0;
  if (factlint_report_annotated(r, &text, &len) == FACTLINT_OK) s << std::string(text, len) << "\n";
  if (factlint_report_json(r, &text, &len) == FACTLINT_OK) s << std::string(text, len) << "\n";
  return s.str();
}

std::string check_page_c(factlint_checker* checker, const Page& page) {
  factlint_check_options o = FACTLINT_CHECK_OPTIONS_INIT;
  o.path = page.path.c_str();
  factlint_report* report = nullptr;
  int status = factlint_check(checker, page.text.data(), page.text.size(), &o, &report);
  if (status != FACTLINT_OK) return "status " + std::to_string(status) + ": " + factlint_checker_errmsg(checker);
  std::string s = summarize_c(report);
  factlint_report_free(report);
  return s;
}

TEST(Threads, CApiSharedRulesPerThreadChecker) {
  const auto pages = article_pages();
  ASSERT_GE(pages.size(), static_cast<size_t>(kThreads));

  factlint_rules* rules = nullptr;
  ASSERT_EQ(factlint_rules_new(&rules, nullptr), FACTLINT_OK);
  ASSERT_GT(factlint_rules_count(rules), 0u);

  std::vector<std::string> expected;
  {
    factlint_checker* c = nullptr;
    ASSERT_EQ(factlint_checker_new(&c, rules), FACTLINT_OK);
    for (const auto& p : pages) expected.push_back(check_page_c(c, p));
    factlint_checker_free(c);
  }
  for (size_t i = 0; i < pages.size(); ++i)
    ASSERT_EQ(expected[i].rfind("status ", 0), std::string::npos) << pages[i].path << ": " << expected[i];

  std::vector<std::vector<std::string>> mismatches(kThreads);
  std::atomic<int> checks{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      factlint_checker* c = nullptr;
      if (factlint_checker_new(&c, rules) != FACTLINT_OK) {
        mismatches[t].push_back("factlint_checker_new failed");
        return;
      }
      for (int round = 0; round < kRounds; ++round) {
        for (size_t i = t; i < pages.size(); i += kThreads) {
          if (check_page_c(c, pages[i]) != expected[i])
            mismatches[t].push_back(pages[i].path + " (round " + std::to_string(round) + ")");
          ++checks;
        }
      }
      factlint_checker_free(c);
    });
  }
  for (auto& th : threads) th.join();
  factlint_rules_free(rules);
  for (int t = 0; t < kThreads; ++t)
    for (const auto& m : mismatches[t]) ADD_FAILURE() << "thread " << t << ": differs from single-threaded: " << m;
  EXPECT_EQ(checks.load(), static_cast<int>(pages.size()) * kRounds);
}

}  // namespace
