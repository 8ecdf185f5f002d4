// factlint.toml: per-folder configuration, found upward from each checked file like .editorconfig.
//
// The nearest factlint.toml wins and is merged with those of its parent folders, up to one that
// says `root = true` or the filesystem root:
//
//   root = true                          # stop looking further up
//   rules = ["packs/house.toml"]         # packs (files or folders), relative to this file
//   disable = ["quote.scare"]            # rule ids or categories
//   severity = { "figure.unattributed" = "error" }   # re-level rules (or categories)
//   ignore = ["drafts/**", "*.draft.md"] # globs relative to this file's folder: files not checked
//   min_severity = "info"
//   fail_on = "warning"
//
// Merging: `rules`, `disable` and `ignore` add up (parents first); `severity` entries and
// `min_severity` / `fail_on` of a nearer file replace a parent's. Unknown keys and wrong types
// are errors with file:line:column. Every value remembers where it came from (`factlint config`).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "findings/suppressions.h"
#include "rules/rules.h"

namespace factlint {

template <class T>
struct Located {
  T value{};
  SourceLoc loc;  // file (as displayed), line, column of the value
};

// One factlint.toml as written.
struct ConfigFile {
  std::string path;     // absolute, normalised
  std::string display;  // how messages name it
  std::string dir;      // its folder, absolute
  std::optional<Located<bool>> root;
  std::vector<Located<std::string>> rules;    // resolved: absolute, normalised
  std::vector<Located<std::string>> disable;
  std::vector<std::pair<std::string, Located<Severity>>> severity;
  std::vector<Located<std::string>> ignore;   // as written
  std::optional<Located<Severity>> min_severity, fail_on;
};

// Parses one file's text. `path` is absolute (rule pack paths are resolved against its folder);
// `display` names it in errors. A pack path that does not exist is an error at its value.
bool parse_config(std::string_view text, const std::string& path, const std::string& display, ConfigFile& out,
                  PackError* err);

// The configuration that applies to one folder: its factlint.toml merged with its parents'.
struct MergedConfig {
  std::vector<const ConfigFile*> files;  // outermost first
  std::optional<Located<bool>> root;     // set when the outermost file says root = true
  std::vector<Located<std::string>> rules;    // absolute pack paths, parents first, no repeats
  std::vector<Located<std::string>> disable;  // no repeats
  std::map<std::string, Located<Severity>> severity;
  struct Glob {
    std::string dir;  // the folder of the file that says it
    Located<std::string> glob;
  };
  std::vector<Glob> ignore;
  std::optional<Located<Severity>> min_severity, fail_on;

  // The ignore glob that matches a file (absolute, normalised path), or null.
  const Glob* ignored(const std::string& abs_path) const;
  // disable and severity as a filter on findings.
  RuleFilter filter() const;
  // The pack paths alone (the key of a compiled RuleSet).
  std::vector<std::string> rule_paths() const;
  // One line per key: `key = value  # file:line, ...` (or `# default`), valid TOML.
  // `show_path` turns an absolute path into what the user should see.
  std::string describe(std::string (*show_path)(const std::string&)) const;
};

// True if a glob (relative to a folder) matches a path relative to that folder: '*' also matches
// '/'; a pattern without '/' also matches any single name in the path; a pattern matching a folder
// matches everything under it; a leading '/' anchors the pattern to the folder.
bool config_glob_matches(std::string_view glob, std::string_view rel_path);

// Finds and merges factlint.toml files, caching each file and each folder's result.
class ConfigResolver {
 public:
  ConfigResolver();
  // The configuration for a file (its folder's) or a folder; null with *err set when a
  // factlint.toml cannot be read or is invalid.
  const MergedConfig* for_path(const std::string& path, bool is_folder, PackError* err);
  // How a path is shown: relative to the working folder when inside it, else absolute.
  static std::string show(const std::string& abs_path);

 private:
  const MergedConfig* for_dir(const std::string& dir, PackError* err);
  std::map<std::string, std::unique_ptr<ConfigFile>> files_;   // by folder; null: none there
  std::map<std::string, std::unique_ptr<MergedConfig>> dirs_;  // by folder
};

}  // namespace factlint
