// GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff
// ("::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message"). GitHub's escaping:
// in the message %, CR and LF become %25, %0D, %0A; in properties also ':' and ',' (%3A, %2C).
// GitHub accepts columns only on one line, so a finding that spans lines gets line and endLine
// alone; its endColumn is the finding's last character (inclusive), as check-run annotations count.
#include <algorithm>

#include "output/outputs.h"

namespace factlint {

namespace {

void escape(std::string& out, std::string_view s, bool property) {
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': property ? out += "%3A" : out += c; break;
      case ',': property ? out += "%2C" : out += c; break;
      default: out += c;
    }
  }
}

const char* command(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "notice";
  }
  return "warning";
}

}  // namespace

void write_github(const FileReport& file, std::string& out) {
  if (!file.error.empty()) {
    out += "::error file=";
    escape(out, file.path, true);
    out += ",title=factlint::";
    escape(out, "could not be checked: " + file.error, false);
    out += '\n';
    return;
  }
  for (const Finding& f : file.findings) {
    uint32_t end_line, end_column;
    end_line_column(f, end_line, end_column);
    out += "::";
    out += command(f.severity);
    out += " file=";
    escape(out, file.path, true);
    out += ",line=" + std::to_string(f.line);
    if (end_line == f.line) {
      out += ",col=" + std::to_string(f.column) + ",endLine=" + std::to_string(end_line) +
             ",endColumn=" + std::to_string(std::max(f.column, end_column - 1));
    } else {
      out += ",endLine=" + std::to_string(end_line);
    }
    out += ",title=";
    escape(out, f.rule->id, true);
    out += "::";
    escape(out, f.message, false);
    out += '\n';
  }
}

}  // namespace factlint
