#include <cstdio>

#include "output/outputs.h"

namespace factlint {

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

namespace {

// One finding object; sourced findings also carry their "evidence".
void append_finding(std::string& out, const Finding& x, bool evidence) {
  out += "\"rule\": ";
  append_json_string(out, x.rule->id);
  out += ", \"category\": \"";
  out += category_name(x.category);
  out += "\", \"severity\": \"";
  out += severity_name(x.severity);
  out += "\", \"message\": ";
  append_json_string(out, x.message);
  out += ", \"text\": ";
  append_json_string(out, x.text);
  out += ", \"start\": " + std::to_string(x.start) + ", \"end\": " + std::to_string(x.end) +
         ", \"line\": " + std::to_string(x.line) + ", \"column\": " + std::to_string(x.column);
  if (!x.rule->link.empty()) {
    out += ", \"link\": ";
    append_json_string(out, x.rule->link);
  }
  if (evidence) {
    out += ", \"evidence\": ";
    append_json_string(out, x.evidence);
  }
}

}  // namespace

void write_json(const std::vector<FileReport>& files, std::string& out) {
  out += "{\"tool\": {\"name\": \"factlint\", \"version\": \"" FACTLINT_VERSION "\"}, \"files\": [";
  for (size_t i = 0; i < files.size(); ++i) {
    const FileReport& f = files[i];
    out += i ? ",\n  {" : "\n  {";
    out += "\"path\": ";
    append_json_string(out, f.path);
    out += ", \"format\": ";
    out += f.format == Format::Markdown ? "\"markdown\"" : "\"html\"";
    if (!f.error.empty()) {
      out += ", \"error\": ";
      append_json_string(out, f.error);
    }
    out += ", \"findings\": [";
    for (size_t k = 0; k < f.findings.size(); ++k) {
      out += k ? ",\n    {" : "\n    {";
      append_finding(out, f.findings[k], false);
      out += "}";
    }
    out += f.findings.empty() ? "]" : "\n  ]";
    // Findings cleared by a factlint-source comment: the key is there only when some are.
    if (!f.sourced.empty()) {
      out += ", \"sourced\": [";
      for (size_t k = 0; k < f.sourced.size(); ++k) {
        out += k ? ",\n    {" : "\n    {";
        append_finding(out, f.sourced[k], true);
        out += "}";
      }
      out += "\n  ]";
    }
    out += "}";
  }
  out += files.empty() ? "]}\n" : "\n]}\n";
}

}  // namespace factlint
