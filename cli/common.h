// Helpers shared by the CLI's commands (check, site, test-rules).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rules.h"

namespace factlint::cli {

namespace fs = std::filesystem;

struct Input {
  std::string path;     // as given or found
  std::string display;  // reported path
  std::string rel;      // path under --out-dir
  bool stdin_input = false;
};

// .md, .markdown, .html, .htm (check) or .html, .htm only (site).
bool checkable(const fs::path& p, bool html_only = false);
// True if path matches one of the globs (fnmatch, '*' also matches '/').
bool excluded(const std::string& path, const std::vector<std::string>& globs);
// Collects checkable files under dir, sorted; an unreadable folder is an error, never skipped;
// symbolic links to folders are not followed.
void walk(const fs::path& dir, const std::vector<std::string>& excludes, std::vector<fs::path>& files,
          std::vector<std::string>& errors, bool html_only = false);
void collect(const std::string& arg, const std::vector<std::string>& excludes, std::vector<Input>& out,
             std::vector<std::string>& errors);
// Reads a whole file; one larger than max_bytes is refused ("too large: ...") before it is read.
bool read_file(const std::string& path, std::string& out, std::string& err, size_t max_bytes = SIZE_MAX);
// Writes a file atomically: a temporary file in the same folder, fsync, rename. A failure leaves
// any existing file untouched.
bool write_atomic(const fs::path& target, std::string_view data, std::string& err);
// Writes `data` to root/rel atomically, refusing when a folder between root and the file is a
// symbolic link: a link planted in an output folder must not carry writes outside it.
bool write_under(const fs::path& root, const fs::path& rel, std::string_view data, std::string& err);
// Loads the default packs (unless defaults is false) and the given ones, then compiles; prints the
// error and returns false on failure.
bool load_rules(RuleSet& rules, const std::vector<std::string>& packs, bool defaults);
int usage_error(const std::string& msg);
// Robustness limits shared by check and site: --max-input-bytes N, --max-findings-per-page N.
struct Limits {
  size_t max_input = 256u << 20;    // pages larger are refused, unread
  size_t max_findings_per_page = 10000;  // 0: no limit
  // Parses args[i] if it is one of the two options (advancing i): 1 parsed, 0 not ours, -1 usage error.
  int parse_option(const std::vector<std::string>& args, size_t& i);
};
// The info line for a page whose findings were cut at --max-findings-per-page.
void report_truncated(const std::string& path, size_t kept, size_t dropped);

}  // namespace factlint::cli
