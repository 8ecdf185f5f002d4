#include "findings/findings.h"

#include <algorithm>
#include <numeric>

namespace factlint {

void dedupe(std::vector<Finding>& f) {
  // Sorted as indexes, then moved once: a finding is three strings and a dozen fields, and two
  // stable sorts moved each of them many times (stable_sort of indexes keeps the same order).
  std::vector<uint32_t> order(f.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&f](uint32_t i, uint32_t j) {
    const Finding &a = f[i], &b = f[j];
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    return a.rule->id < b.rule->id;
  });
  std::vector<Finding> out;
  out.reserve(f.size());
  // Kept findings of one category never overlap and are in start order, so the only one a new
  // finding (which starts at or after all of them) can overlap is the last kept of its category,
  // however many findings of other categories came in between.
  constexpr size_t kNone = static_cast<size_t>(-1);
  size_t last[3] = {kNone, kNone, kNone};
  for (uint32_t k : order) {
    Finding& x = f[k];
    size_t c = static_cast<size_t>(x.category);
    size_t* l = c < 3 ? &last[c] : nullptr;
    if (l && *l != kNone) {
      Finding& y = out[*l];
      if (x.start < y.end && y.start < x.end) {
        if (x.severity > y.severity) y = std::move(x);
        continue;
      }
    }
    if (l) *l = out.size();
    out.push_back(std::move(x));
  }
  order.resize(out.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&out](uint32_t i, uint32_t j) {
    const Finding &a = out[i], &b = out[j];
    return a.start != b.start ? a.start < b.start : a.category < b.category;
  });
  f.clear();
  for (uint32_t k : order) f.push_back(std::move(out[k]));
}

std::string render_message(const Rule& rule, std::string_view matched, std::string_view detail) {
  std::string shown;
  // Shorten long matches on a character boundary so messages stay readable.
  if (matched.size() > 60) {
    size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(matched[cut]) & 0xC0) == 0x80) --cut;
    shown = std::string(matched.substr(0, cut)) + "…";
  } else {
    shown = std::string(matched);
  }
  for (auto& c : shown)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  std::string out;
  std::string_view m = rule.message;
  out.reserve(m.size() + shown.size());
  for (size_t i = 0; i < m.size();) {
    size_t brace = m.find('{', i);
    if (brace == std::string_view::npos) brace = m.size();
    out.append(m.substr(i, brace - i));
    i = brace;
    if (i == m.size()) break;
    if (m.substr(i, 6) == "{text}") {
      out += shown;
      i += 6;
    } else if (m.substr(i, 8) == "{detail}") {
      out += detail;
      i += 8;
    } else {
      out += m[i++];
    }
  }
  return out;
}

void line_column(std::string_view source, uint32_t offset, uint32_t& line, uint32_t& column) {
  line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < source.size(); ++i)
    if (source[i] == '\n') ++line, line_start = i + 1;
  column = 1;
  for (size_t i = line_start; i < offset && i < source.size(); ++i)
    if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) ++column;
}

}  // namespace factlint
