// Switching findings off where the writer says so, without touching the shared RuleSet:
//
// - RuleFilter: rules disabled or re-levelled from outside the packs (factlint.toml), applied to a
//   page's findings before de-duplication, exactly as if a pack override had done it.
// - Page directives: Markdown front matter `factlint: false` (the page is not checked) and
//   `factlint: {disable: [ids]}` (YAML) / `[factlint] disable = [ids]` (TOML +++).
// - Comment suppressions, read from Document::comments (HTML comments, Markdown raw HTML):
//     <!-- factlint-disable [RULE...] -->  ...  <!-- factlint-enable [RULE...] -->
//     <!-- factlint-disable-next-line [RULE...] -->
//     <!-- factlint-source "https://..." -->   (right after a figure or quote)
//   RULE is a rule id or a category (unattributed-figure, suspect-quote, absolute-claim); none
//   means every rule. Words after a lone "--" are a comment for people.
//
// A suppression that matches nothing is reported as an info finding `suppression.unused` (its
// category is the suppressed rule's, or the named category, else absolute-claim); a comment that
// starts with "factlint-" but is no directive, and front matter that is not understood, are
// reported as `suppression.invalid` (absolute-claim). Neither is ever marked in the page.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "findings/findings.h"
#include "rules/rules.h"

namespace factlint {

struct RuleFilter {
  std::set<std::string, std::less<>> disabled;             // rule ids or category names
  std::map<std::string, Severity, std::less<>> severity;   // rule id (or category name) -> level
  bool empty() const { return disabled.empty() && severity.empty(); }
  // False when the finding's rule (or category) is disabled; otherwise re-levels it if asked.
  bool apply(Finding& f) const;
};

// Applies the filter (if any) and drops findings below `min`.
void filter_findings(std::vector<Finding>& findings, const RuleFilter* filter, Severity min);

// What a Markdown page's front matter says about checking it.
struct PageDirectives {
  bool skip = false;  // factlint: false
  struct Item {
    std::string id;            // a rule id or category; for `invalid`, what is wrong
    uint32_t begin = 0, end = 0;  // source range of the value, for reports
  };
  std::vector<Item> disable;
  std::vector<Item> invalid;
};

// Reads `factlint` from YAML (---) or TOML (+++) front matter; nothing when there is none.
PageDirectives read_page_directives(std::string_view source);

// The pseudo rules of findings about suppressions themselves (severity info).
const Rule& suppression_unused_rule();
const Rule& suppression_invalid_rule();

// Applies comment suppressions and front-matter disables to a page's findings (de-duplicated,
// sorted by start, lines and columns set). Suppressed findings are removed; a finding cleared by
// factlint-source moves to `sourced` with Finding::evidence set; findings about unused or invalid
// suppressions are appended to `notes` (with lines and columns; never to be marked).
void apply_suppressions(const Document& doc, const RuleSet& rules, const PageDirectives& page,
                        std::vector<Finding>& findings, std::vector<Finding>& sourced, std::vector<Finding>& notes);

}  // namespace factlint
