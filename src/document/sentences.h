// Splits each block into sentences: at . ! ? … followed by a space and a capital, digit or opening
// quote, but not after abbreviations (Dr., U.S., Jan., a.m.) unless a common sentence opener
// follows, and never inside decimals. In Markdown written one paragraph per line with no blank
// lines between them, a source line break is a boundary too.
#pragma once

#include <vector>

#include "document/document.h"

namespace factlint {

struct CompiledLexicon;

void split_sentences(const Document& doc, const CompiledLexicon& lex, std::vector<Sentence>& out);

}  // namespace factlint
