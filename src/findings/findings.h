// Findings: what a check reports. Detectors produce Candidates in text coordinates; the engine
// maps them to source bytes, lines and columns, and removes duplicates (two rules of one category
// on overlapping text report once, the more severe).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rules/rules.h"

namespace factlint {

struct Candidate {
  const Rule* rule;
  uint32_t begin, end;  // text range
  std::string detail;   // optional extra for the message (e.g. "no speaker")
};

struct Finding {
  const Rule* rule;
  Category category;
  Severity severity;
  std::string message;
  std::string text;         // the source bytes [start, end)
  uint32_t start, end;      // byte offsets into the input as read
  uint32_t line, column;    // 1-based; column counts Unicode characters
  uint32_t text_begin, text_end;  // document text range, for annotation
  // Set when a `<!-- factlint-source "URL" -->` comment cleared the finding: the URL is the
  // evidence an editor recorded. Such findings are reported apart (FileReport::sourced), never marked.
  std::string evidence;
};

// Orders findings by position and drops same-category overlaps, keeping the more severe (then
// the earlier, then the longer).
void dedupe(std::vector<Finding>& findings);

// Expands "{text}" in a rule's message with the matched text (shortened to a readable length).
std::string render_message(const Rule& rule, std::string_view matched, std::string_view detail);

// 1-based line and column (in Unicode characters) of a byte offset.
void line_column(std::string_view source, uint32_t offset, uint32_t& line, uint32_t& column);

}  // namespace factlint
