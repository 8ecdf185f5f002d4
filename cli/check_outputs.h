// `factlint check`'s whole-run outputs beyond text and JSON: --format sarif, github, junit and
// report (to stdout), and the --report files (FILE.html, the report page; FILE.json, the JSON
// report), which any --format may add.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "output/outputs.h"

namespace factlint::cli {

// Every --format `check` accepts, and whether it is one of them.
extern const char* const kCheckFormats;  // "text, json, html, sarif, github, junit or report"
bool check_format_known(std::string_view format);
// A --report FILE must end in .html or .json.
bool report_path_ok(std::string_view path);

struct CheckOutputs {
  std::string format;                // --format
  std::vector<std::string> reports;  // --report FILEs
  std::optional<Severity> fail_on = Severity::Error;  // none: --fail-on never
  // The annotated pages --out-dir wrote (page -> the input's reported path): the report page links
  // to them; without one it links to the input file itself.
  const std::map<std::string, std::string>* written = nullptr;
  std::string stdin_name;  // the reported path of '-', which has no file to link to; empty: no '-'

  // Whether --format `format` or a --report shows findings in context: add_excerpts must then run
  // while each file's content is at hand.
  bool wants_excerpts(std::string_view format) const;
};

// Prints the whole-run --format (sarif, github, junit, report; nothing for the others) and writes
// every --report file. Returns false if a report file could not be written (the error is printed).
bool write_check_outputs(const std::vector<FileReport>& reports, const RuleSet& rules, const CheckOutputs& o);

}  // namespace factlint::cli
