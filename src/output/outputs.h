// Outputs, one file each: the JSON report (json.cpp), plain text lines (text.cpp), the annotated
// page (annotate.cpp), the HTML report page (report_html.cpp), and for CI SARIF 2.1.0 (sarif.cpp),
// GitHub Actions annotations (github.cpp) and JUnit XML (junit.cpp). What several of them derive
// from a finding (its end position, its excerpt, a path as a URL) is in locations.cpp.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document/document.h"
#include "findings/findings.h"
#include "input/readers.h"

namespace factlint {

// A finding's surroundings for the report page: plain text (markup dropped, character references
// decoded, whitespace collapsed), cut at the sentence or about 120 characters around it.
struct Excerpt {
  uint32_t start = 0, end = 0;  // the finding's bytes, to find its excerpt again
  std::string before, marked, after;
};

struct FileReport {
  std::string path;
  Format format = Format::Html;
  std::vector<Finding> findings;
  std::string error;  // non-empty: the file could not be checked
  std::vector<Finding> sourced;  // cleared by a factlint-source comment, with their evidence
  std::vector<Excerpt> excerpts;  // for the report page, when add_excerpts filled them
};

// The JSON report, the contract other tools build on:
// {"tool": {"name", "version"}, "files": [{"path", "format", "findings": [{"rule", "category",
//  "severity", "message", "text", "start", "end", "line", "column"}]}]}
// plus, per file and only when there are some, "sourced": [the same objects with an "evidence"].
// With `stream`, the report is written there as it is built, `out` serving as a buffer of about
// 64 KB (left empty); without, it is appended to `out`.
void write_json(const std::vector<FileReport>& files, std::string& out, std::FILE* stream = nullptr);
void append_json_string(std::string& out, std::string_view s);

// "path:line:column: severity category rule: message", one line per finding.
void write_text(const FileReport& file, std::string& out);

// The page with every finding wrapped in <mark> (several marks when a finding crosses inline
// tags) and a small stylesheet. For HTML input every input byte outside the inserted markup is
// kept, and markup a previous run inserted is replaced, so annotating twice changes nothing. For
// Markdown input the result is rendered by cmark-gfm, the marks placed as if written into the
// source: in the tree the check parsed where that gives the same HTML, else in the source, which
// is then parsed again.
void annotate(const Document& doc, const MarkdownTree* tree, const std::vector<Finding>& findings, std::string& out);
// annotate() for a Markdown page, choosing how it is rendered: with `reparse` the marks are written
// into the source and the page is parsed again (the reference); without, they go into `tree`,
// which read_markdown built for `doc` and which is left as it was, wherever that gives the same
// HTML (else the page is parsed again too, as annotate() does). Returns whether the tree was used.
bool annotate_markdown(const Document& doc, const MarkdownTree& tree, const std::vector<Finding>& findings,
                       std::string& out, bool reparse);

// The report page, one self-contained HTML file: totals by category and severity with an SVG bar
// chart, then each file's findings in context (its excerpts, when add_excerpts filled them) with a
// link to href_prefix + path; or, when `links` is given, to links[i] for files[i] (a URL path, not
// yet percent-encoded; empty: no link).
void write_html_report(const std::vector<FileReport>& files, std::string_view href_prefix, std::string& out,
                       const std::vector<std::string>* links = nullptr);

// SARIF 2.1.0: one run; the enabled rules of `rules` as the driver's rules; findings as results,
// sourced findings as suppressed results; files that could not be checked as tool execution
// notifications.
void write_sarif(const std::vector<FileReport>& files, const RuleSet& rules, std::string& out);

// GitHub Actions workflow commands ("::warning file=…,line=…::message"), one line per finding.
void write_github(const FileReport& file, std::string& out);

// JUnit XML: one testsuite, one testcase per file, a <failure> per finding at or above fail_on
// (none at all without fail_on: --fail-on never), an <error> for a file that could not be checked.
void write_junit(const std::vector<FileReport>& files, std::optional<Severity> fail_on, std::string& out);

// Fills file.excerpts for its findings (and sourced findings) from the file's content as read.
void add_excerpts(FileReport& file, std::string_view source, size_t width = 120);
// The excerpt of a finding, or null.
const Excerpt* find_excerpt(const FileReport& file, const Finding& f);

// The position just past a finding (line and column as Finding counts them: 1-based, columns in
// Unicode characters), from its start position and text.
void end_line_column(const Finding& f, uint32_t& line, uint32_t& column);

// Appends a relative URL path: '/' kept, unreserved characters kept, every other byte %XX.
void append_url_path(std::string& out, std::string_view path);

// Appends s with & < > " ' escaped: safe in HTML text and in quoted attribute values.
void append_html_escaped(std::string& out, std::string_view s);
// The same, and for an attribute value line breaks become spaces; with `markdown`, '|' and '`'
// become character references too (see output/annotate.cpp).
void append_escaped(std::string& out, std::string_view s, bool attribute, bool markdown);

// The stylesheet inserted into annotated pages.
extern const char* const kMarkStylesheet;

}  // namespace factlint
