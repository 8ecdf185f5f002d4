#include <charconv>
#include <cstdio>

#include "document/bytes.h"
#include "output/outputs.h"

namespace factlint {

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    // Bytes that need no escape go in as one run.
    const size_t j = find_json_escape(s, i, s.size());
    out.append(s.data() + i, j - i);
    if (j == s.size()) break;
    unsigned char c = s[j];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
    i = j + 1;
  }
  out += '"';
}

namespace {

// `key` then the number (std::to_chars: no locale, no format string to parse per call).
void append_number(std::string& out, std::string_view key, uint64_t v) {
  char num[24];
  out += key;
  out.append(num, static_cast<size_t>(std::to_chars(num, num + sizeof num, v).ptr - num));
}

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
  append_number(out, ", \"start\": ", x.start);
  append_number(out, ", \"end\": ", x.end);
  append_number(out, ", \"line\": ", x.line);
  append_number(out, ", \"column\": ", x.column);
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

void write_json(const std::vector<FileReport>& files, std::string& out, std::FILE* stream) {
  // Streamed, the report leaves in pieces through one buffer that stays about this size: a report
  // of thousands of findings is never held whole, and no larger buffer is ever touched. (Growing
  // one string to megabytes touches each 4 KB of it about twice, a page fault each time: a third
  // of the faults of a 60-page `factlint check`, bench/README.md.)
  constexpr size_t kPiece = 64 << 10;
  auto flush = [&](size_t at_least) {
    if (!stream || out.size() < at_least) return;
    std::fwrite(out.data(), 1, out.size(), stream);
    out.clear();
  };
  if (stream) out.reserve(kPiece + (kPiece >> 2));
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
      flush(kPiece);
    }
    out += f.findings.empty() ? "]" : "\n  ]";
    // Findings cleared by a factlint-source comment: the key is there only when some are.
    if (!f.sourced.empty()) {
      out += ", \"sourced\": [";
      for (size_t k = 0; k < f.sourced.size(); ++k) {
        out += k ? ",\n    {" : "\n    {";
        append_finding(out, f.sourced[k], true);
        out += "}";
        flush(kPiece);
      }
      out += "\n  ]";
    }
    out += "}";
    flush(kPiece);
  }
  out += files.empty() ? "]}\n" : "\n]}\n";
  flush(0);
}

}  // namespace factlint
