// The pipeline for one page: input -> document -> detectors -> findings -> outputs.
//
// A Checker holds the per-thread state for checking pages against one shared, immutable RuleSet.
// Use one Checker per thread; a Checker may check any number of pages one after another.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "findings/findings.h"
#include "findings/suppressions.h"
#include "input/readers.h"
#include "rules/rules.h"

namespace factlint {

struct CheckOptions {
  enum class InputFormat { Auto, Markdown, Html } format = InputFormat::Auto;
  std::string_view path;          // used to guess the format and in messages
  bool annotate = true;           // produce the annotated page
  Severity min_severity = Severity::Info;  // findings below it are dropped
  size_t max_input = 256u << 20;  // larger inputs are refused
  // Keep (and mark) at most this many findings, the first ones in the page; 0: no limit.
  size_t max_findings = 0;
  // Rules disabled or re-levelled for this page (factlint.toml), applied before min_severity and
  // de-duplication; the RuleSet itself is never changed. Not owned; may be null.
  const RuleFilter* filter = nullptr;
};

struct CheckResult {
  Format format = Format::Html;
  std::vector<Finding> findings;
  std::vector<Finding> sourced;  // cleared by <!-- factlint-source "URL" -->, with Finding::evidence
  std::string annotated;  // the annotated page (HTML), when requested
  std::string error;      // set when the check failed; findings are then empty
  size_t truncated = 0;   // findings dropped by CheckOptions::max_findings
};

class Checker {
 public:
  explicit Checker(const RuleSet& rules) : rules_(rules) {}
  // Checks one page. Returns false (and sets result.error) for input that cannot be checked:
  // invalid UTF-8, NUL bytes, too large.
  bool check(std::string_view input, const CheckOptions& opts, CheckResult& result);
  // Every candidate of one rule on a text (used by `test-rules` for a rule's examples).
  std::vector<Finding> check_rule_example(std::string_view text, const Rule& rule);

 private:
  void find(std::string_view input, Format format, std::vector<Finding>& out, const Rule* only);
  const RuleSet& rules_;
  Document doc_;
  MarkdownTree tree_;
  std::vector<Candidate> candidates_;
};

// Returns the byte offset of the first invalid UTF-8 sequence, or npos if the input is valid.
size_t find_invalid_utf8(std::string_view s);

}  // namespace factlint
