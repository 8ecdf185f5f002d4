// The editorial and CI workflow around `factlint check`: per-folder factlint.toml files (one
// compiled RuleSet per distinct pack list, shared by every file that uses it), baselines
// (`factlint baseline --write FILE`, `check --baseline FILE`), --quiet, --max-findings,
// --show-sourced, and `factlint config PATH`.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common.h"
#include "config/config.h"
#include "engine.h"
#include "output/outputs.h"

namespace factlint::cli {

// What one checked file is checked with.
struct FileContext {
  const MergedConfig* config = nullptr;  // null: no factlint.toml applies (or --no-config)
  Checker* checker = nullptr;
  RuleFilter filter;  // the config's disable and severity
  Severity min_severity = Severity::Info, fail_on = Severity::Error;  // CLI flags win over the config
};

// Fingerprint of a finding for baselines: rule id, the finding's text lowercased with whitespace
// collapsed, and the file's path — never its line, so edits elsewhere do not revive it.
std::string baseline_fingerprint(std::string_view rule, std::string_view text, std::string_view path);

class Workflow {
 public:
  Workflow();
  ~Workflow();

  // Options of `check` (and `baseline`): --no-config, --quiet, --show-sourced, --max-findings N,
  // --baseline FILE (check), --write FILE (baseline). Returns 1 if args[i] was one (i moves past
  // its value), 0 if not, -1 after printing a usage error.
  int parse_option(const std::vector<std::string>& args, size_t& i, bool baseline_mode);
  // After the options: checks they fit together and loads the --baseline file. Prints the error.
  bool ready(bool baseline_mode);

  // Resolves every input's factlint.toml, drops the inputs an `ignore` glob matches, and compiles
  // one RuleSet per distinct pack list (`base` — defaults and --rules — serves files whose config
  // adds no packs). Prints the error and returns false on a bad config or pack (exit 2).
  bool prepare(const RuleSet& base, const std::vector<std::string>& cli_packs, bool defaults,
               std::vector<Input>& inputs, const std::string& stdin_name, Severity cli_min_severity,
               Severity cli_fail_on);
  // The context of inputs[i] (after prepare).
  const FileContext& context(size_t i) const { return *contexts_[i]; }

  // After a file is checked: `baseline --write` records its findings (and empties the list);
  // `check --baseline` drops the known ones.
  void process(FileReport& rep, const Input& in);
  // --max-findings: cuts the file's findings to what is left of the budget.
  void limit(FileReport& rep);
  // Appends the text lines of a file's sourced findings, when --show-sourced.
  void write_sourced(const FileReport& rep, std::string& out) const;
  // At the end: writes the baseline file, says on stderr what the baseline hid and what
  // --max-findings cut (not with --quiet). False if the baseline could not be written.
  bool finish();

  bool use_config = true, quiet = false, show_sourced = false;
  bool fail_on_set = false, min_severity_set = false;  // given on the command line

 private:
  std::string key_path(const Input& in) const;
  bool load_baseline();

  std::optional<size_t> max_findings_;
  std::string baseline_file_, write_file_;
  bool baseline_mode_ = false;
  std::string baseline_dir_;  // fingerprint paths are relative to the baseline file's folder
  std::map<std::string, size_t> known_;  // fingerprint -> how many times recorded
  struct Entry {
    std::string fingerprint, path, rule, text;
  };
  std::vector<Entry> recorded_;
  size_t recorded_files_ = 0, hidden_ = 0, shown_ = 0, cut_ = 0;

  ConfigResolver resolver_;
  struct Compiled {
    std::unique_ptr<RuleSet> owned;  // null for the base set
    std::unique_ptr<Checker> checker;
  };
  std::map<std::vector<std::string>, Compiled> compiled_;  // config pack list -> rule set
  std::map<const MergedConfig*, std::unique_ptr<FileContext>> by_config_;
  std::vector<const FileContext*> contexts_;
};

// factlint config PATH: the merged configuration for PATH and where each value came from.
int cmd_config(const std::vector<std::string>& args);

}  // namespace factlint::cli
