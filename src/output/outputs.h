// Outputs, one file each: the JSON report (json.cpp), plain text lines (text.cpp), and the
// annotated page (annotate.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "findings/findings.h"
#include "input/readers.h"

namespace factlint {

struct FileReport {
  std::string path;
  Format format = Format::Html;
  std::vector<Finding> findings;
  std::string error;  // non-empty: the file could not be checked
  std::vector<Finding> sourced;  // cleared by a factlint-source comment, with their evidence
};

// The JSON report, the contract other tools build on:
// {"tool": {"name", "version"}, "files": [{"path", "format", "findings": [{"rule", "category",
//  "severity", "message", "text", "start", "end", "line", "column"}]}]}
void write_json(const std::vector<FileReport>& files, std::string& out);
void append_json_string(std::string& out, std::string_view s);

// "path:line:column: severity category rule: message", one line per finding.
void write_text(const FileReport& file, std::string& out);

// The page with every finding wrapped in <mark> (several marks when a finding crosses inline
// tags) and a small stylesheet. For HTML input every input byte outside the inserted markup is
// kept, and markup a previous run inserted is replaced, so annotating twice changes nothing. For
// Markdown input the marks are placed in the source and the result rendered by cmark-gfm.
void annotate(const Document& doc, const MarkdownTree* tree, const std::vector<Finding>& findings, std::string& out);

// The site report page: totals, then each page's findings with a link to href_prefix + path.
void write_html_report(const std::vector<FileReport>& files, std::string_view href_prefix, std::string& out);

// The stylesheet inserted into annotated pages.
extern const char* const kMarkStylesheet;

}  // namespace factlint
