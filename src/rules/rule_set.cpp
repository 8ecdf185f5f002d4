// Compiling a RuleSet: each phrases rule becomes one alternation, each pattern rule one RE2, and
// all of them one RE2::Set so a sentence is scanned once to learn which rules can match at all.
// RE2 runs in time linear in the input, so no user pattern can make a check hang.
#include "rules/lexicon.h"
#include "rules/rules.h"

namespace factlint {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "warning";
}

const char* category_name(Category c) {
  switch (c) {
    case Category::Figure: return "unattributed-figure";
    case Category::Quote: return "suspect-quote";
    case Category::Absolute: return "absolute-claim";
  }
  return "";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "error") return Severity::Error;
  if (s == "warning") return Severity::Warning;
  if (s == "info") return Severity::Info;
  return std::nullopt;
}

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

const Rule* RuleSet::find(std::string_view id) const {
  for (auto& r : rules_)
    if (r->id == id) return r.get();
  return nullptr;
}

bool RuleSet::compile(PackError* err) {
  compiled_ = compile_lexicon(lexicon_, err);
  if (!compiled_) return false;

  RE2::Options o;
  o.set_case_sensitive(false);
  o.set_log_errors(false);
  o.set_max_mem(256 << 20);
  prefilter_ = std::make_unique<RE2::Set>(o, RE2::UNANCHORED);
  prefilter_rules_.clear();
  for (auto& v : by_kind_) v.clear();

  for (auto& rp : rules_) {
    Rule& r = *rp;
    if (!r.enabled) continue;
    by_kind_[static_cast<int>(r.kind)].push_back(&r);
    if (r.kind != RuleKind::Phrases && r.kind != RuleKind::Pattern) continue;
    std::string pattern = r.kind == RuleKind::Phrases ? phrase_alternation(r.phrases) : r.pattern;
    r.re = std::make_unique<RE2>(pattern, o);
    r.anchored = r.kind == RuleKind::Pattern &&
                 (pattern.find_first_of("^$") != std::string::npos || pattern.find("\\A") != std::string::npos ||
                  pattern.find("\\z") != std::string::npos);
    if (!r.re->ok()) {
      if (err) *err = PackError{r.pattern_loc, "rule '" + r.id + "': bad regular expression: " + r.re->error()};
      return false;
    }
    if (r.re->NumberOfCapturingGroups() > 0 && r.kind == RuleKind::Pattern) {
      // Allowed: the whole match is what gets marked, groups are ignored.
    }
    if (!r.except.empty()) {
      r.except_re = std::make_unique<RE2>(phrase_alternation(r.except), o);
      if (!r.except_re->ok()) {
        if (err) *err = PackError{r.loc, "rule '" + r.id + "': bad except list: " + r.except_re->error()};
        return false;
      }
    }
    std::string set_error;
    if (prefilter_->Add(pattern, &set_error) < 0) {
      if (err) *err = PackError{r.loc, "rule '" + r.id + "': " + set_error};
      return false;
    }
    prefilter_rules_.push_back(&r);
  }
  if (!prefilter_->Compile()) {
    if (err) *err = PackError{{"<rules>", 0, 0}, "the phrase rules are too large to compile together"};
    return false;
  }
  return true;
}

}  // namespace factlint
