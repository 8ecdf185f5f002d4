// The report as one self-contained HTML page (no script, no external resource): totals by category
// and severity, an SVG bar chart drawn from those counts, a table of the files with findings, then
// each file's findings in context with a link to its annotated page (or the file itself).
//
// Elements a test or a script can find: #summary (data-findings, data-files, ...), #totals (.count[data-category]),
// #severity-totals (.count[data-severity]), svg#chart with rect.bar[data-count] (.bar-category,
// .bar-severity; widths proportional to the counts), section.file[data-path] with
// .file-count[data-count], #files tr[data-path] with td[data-category] and td[data-total],
// li.finding with blockquote.context > mark.
#include <algorithm>
#include <array>
#include <cstdio>

#include "output/outputs.h"

namespace factlint {

namespace {

// What each byte needs: kHtml for & < > " ', kLineBreak for \n and \r, kMarkdown for | and `.
enum : uint8_t { kHtml = 1, kLineBreak = 2, kMarkdown = 4 };
constexpr std::array<uint8_t, 256> kEscapeClass = [] {
  std::array<uint8_t, 256> t{};
  for (unsigned char c : {'&', '<', '>', '"', '\''}) t[c] = kHtml;
  t['\n'] = t['\r'] = kLineBreak;
  t['|'] = t['`'] = kMarkdown;
  return t;
}();

}  // namespace

void append_escaped(std::string& out, std::string_view s, bool attribute, bool markdown) {
  const uint8_t mask = kHtml | (attribute ? kLineBreak : 0) | (markdown ? kMarkdown : 0);
  for (size_t i = 0; i < s.size();) {
    // Bytes that need nothing go in as one run; one table look-up a byte (find_first_of with a
    // set would call memchr once per byte).
    size_t j = i;
    while (j < s.size() && !(kEscapeClass[static_cast<unsigned char>(s[j])] & mask)) ++j;
    out.append(s.data() + i, j - i);
    if (j == s.size()) break;
    switch (s[j]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '|': out += "&#124;"; break;
      case '`': out += "&#96;"; break;
      default: out += ' '; break;  // a line break in an attribute
    }
    i = j + 1;
  }
}

void append_html_escaped(std::string& out, std::string_view s) { append_escaped(out, s, false, false); }

namespace {

void esc(std::string& out, std::string_view s) { append_html_escaped(out, s); }

std::string num(size_t n) { return std::to_string(n); }

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

constexpr Severity kSeverities[] = {Severity::Error, Severity::Warning, Severity::Info};
constexpr Category kCategories[] = {Category::Figure, Category::Quote, Category::Absolute};

const char* const kStyle =
    "body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}"
    "main{max-width:64rem;margin:0 auto;padding:1.5rem 1rem 3rem}"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.1rem;margin:0 0 .6rem;word-break:break-all}"
    "#summary{font-size:1.1rem;margin:.2rem 0 1.2rem}"
    ".panel{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1rem 1.2rem;margin:0 0 1rem}"
    "#overview{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}"
    "table{border-collapse:collapse}td,th{padding:.25rem .7rem;text-align:left;border-bottom:1px solid #eaeef2}"
    "th{white-space:nowrap}#files{overflow-x:auto}"
    "td.count,td.num{text-align:right;font-variant-numeric:tabular-nums}"
    ".swatch{display:inline-block;width:.7rem;height:.7rem;border-radius:2px;margin-right:.4rem;vertical-align:baseline}"
    ".unattributed-figure{background:#d9480f;fill:#d9480f}.suspect-quote{background:#1c64d1;fill:#1c64d1}"
    ".absolute-claim{background:#8f2bc2;fill:#8f2bc2}"
    ".sev-error{background:#cf222e;fill:#cf222e}.sev-warning{background:#d4a72c;fill:#d4a72c}"
    ".sev-info{background:#6e7781;fill:#6e7781}"
    "svg text{font:13px system-ui,sans-serif;fill:#1f2328}svg .group-title{font-weight:600}"
    "ol.findings{list-style:none;margin:0;padding:0}"
    "li.finding{border-top:1px solid #eaeef2;padding:.6rem 0}li.finding:first-child{border-top:0}"
    ".meta{font-size:.85rem;color:#57606a}.badge{display:inline-block;color:#fff;border-radius:3px;"
    "padding:0 .35rem;margin-right:.3rem;font-size:.75rem}"
    "blockquote.context{margin:.35rem 0;padding:.3rem .7rem;border-left:3px solid #d0d7de;background:#f6f8fa}"
    "mark{background:#fff3b0;border-bottom:2px solid #d4a72c;padding:0 1px}"
    ".message{margin:.2rem 0}code{background:#eff1f3;padding:0 .25rem;border-radius:3px;font-size:.85em}"
    ".error{color:#cf222e}.sourced{color:#57606a;font-size:.9rem;margin-top:.5rem}"
    "a{color:#0969da}";

// Horizontal bars, one group for categories and one for severities, on one scale so every bar's
// width is count * scale.
void chart(std::string& out, const std::array<size_t, 3>& by_cat, const std::array<size_t, 3>& by_sev) {
  const double label_w = 150, bar_max = 420, row = 26, bar_h = 18, title_h = 24;
  size_t max = 1;
  for (size_t n : by_cat) max = std::max(max, n);
  for (size_t n : by_sev) max = std::max(max, n);
  const double scale = bar_max / static_cast<double>(max);
  const double group_h = title_h + 3 * row, height = 2 * group_h + 10, width = label_w + bar_max + 60;
  out += "<svg id=chart xmlns=\"http://www.w3.org/2000/svg\" role=img width=\"" + fixed(width) + "\" height=\"" +
         fixed(height) + "\" viewBox=\"0 0 " + fixed(width) + " " + fixed(height) + "\" data-scale=\"" + fixed(scale) +
         "\"><title>Findings by category and by severity</title>\n";
  auto group = [&](const char* id, const char* title, double y0, auto&& rows) {
    out += "<g id=" + std::string(id) + "><text class=group-title x=0 y=\"" + fixed(y0 + 16) + "\">" + title + "</text>\n";
    double y = y0 + title_h;
    for (auto& [label, cls, attr, n] : rows) {
      double w = static_cast<double>(n) * scale;
      out += "<text x=0 y=\"" + fixed(y + 14) + "\">" + label + "</text><rect class=\"" + cls + "\" " + attr +
             " data-count=" + num(n) + " x=\"" + fixed(label_w) + "\" y=\"" + fixed(y) + "\" width=\"" + fixed(w) +
             "\" height=\"" + fixed(bar_h) + "\" rx=2><title>" + num(n) + "</title></rect><text class=bar-label x=\"" +
             fixed(label_w + w + 6) + "\" y=\"" + fixed(y + 14) + "\">" + num(n) + "</text>\n";
      y += row;
    }
    out += "</g>\n";
  };
  struct Row {
    std::string label, cls, attr;
    size_t n;
  };
  std::vector<Row> cats, sevs;
  for (Category c : kCategories) {
    std::string name = category_name(c);
    cats.push_back({name, "bar bar-category " + name, "data-category=" + name, by_cat[static_cast<int>(c)]});
  }
  for (Severity s : kSeverities) {
    std::string name = severity_name(s);
    sevs.push_back({name, "bar bar-severity sev-" + name, "data-severity=" + name, by_sev[static_cast<int>(s)]});
  }
  group("chart-category", "By category", 0, cats);
  group("chart-severity", "By severity", group_h + 10, sevs);
  out += "</svg>\n";
}

void finding_item(std::string& out, const FileReport& f, const Finding& x, bool sourced) {
  std::string cat = category_name(x.category), sev = severity_name(x.severity);
  out += "<li class=\"finding" + std::string(sourced ? " cleared" : "") + "\" data-category=" + cat +
         " data-severity=" + sev + " data-line=" + num(x.line) + " data-column=" + num(x.column) +
         "><div class=meta><span class=\"badge " + cat + "\">" + cat + "</span><span class=\"badge sev-" + sev + "\">" +
         sev + "</span> line " + num(x.line) + ", column " + num(x.column) + " · ";
  if (!x.rule->link.empty()) {
    out += "<a class=rule href=\"";
    esc(out, x.rule->link);
    out += "\"><code>";
    esc(out, x.rule->id);
    out += "</code></a>";
  } else {
    out += "<code>";
    esc(out, x.rule->id);
    out += "</code>";
  }
  out += "</div>\n<blockquote class=context>";
  if (const Excerpt* e = find_excerpt(f, x)) {
    esc(out, e->before);
    out += "<mark>";
    esc(out, e->marked);
    out += "</mark>";
    esc(out, e->after);
  } else {
    out += "<mark>";
    esc(out, x.text.size() > 240 ? x.text.substr(0, 240) + "…" : x.text);
    out += "</mark>";
  }
  out += "</blockquote>\n<p class=message>";
  esc(out, x.message);
  if (sourced) {
    out += " <span class=evidence>Sourced: ";
    esc(out, x.evidence);
    out += "</span>";
  }
  out += "</p></li>\n";
}

}  // namespace

void write_html_report(const std::vector<FileReport>& files, std::string_view href_prefix, std::string& out,
                       const std::vector<std::string>* links) {
  std::array<size_t, 3> by_cat{}, by_sev{};
  size_t pages_with = 0, errors = 0, sourced = 0;
  for (const auto& f : files) {
    if (!f.error.empty()) ++errors;
    if (!f.findings.empty()) ++pages_with;
    sourced += f.sourced.size();
    for (const auto& x : f.findings) ++by_cat[static_cast<int>(x.category)], ++by_sev[static_cast<int>(x.severity)];
  }
  size_t total = by_cat[0] + by_cat[1] + by_cat[2];
  out += "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>factlint report</title>"
         "<meta name=viewport content=\"width=device-width, initial-scale=1\"><style>";
  out += kStyle;
  out += "</style></head><body><main>\n<h1>factlint report</h1>\n";
  out += "<p id=summary data-findings=" + num(total) + " data-files=" + num(files.size()) +
         " data-files-with-findings=" + num(pages_with) + " data-errors=" + num(errors) + ">" + num(total) +
         " findings in " + num(pages_with) + " of " + num(files.size()) + " pages";
  if (errors) out += "; " + num(errors) + (errors == 1 ? " page" : " pages") + " could not be checked";
  if (sourced) out += "; " + num(sourced) + " cleared by a recorded source";
  out += ".</p>\n";

  out += "<section id=overview class=panel><div><table id=totals><tr><th>category</th><th>findings</th></tr>\n";
  for (Category c : kCategories) {
    std::string name = category_name(c);
    out += "<tr><td><span class=\"swatch " + name + "\"></span>" + name + "</td><td class=count data-category=" +
           name + ">" + num(by_cat[static_cast<int>(c)]) + "</td></tr>\n";
  }
  out += "</table>\n<table id=severity-totals><tr><th>severity</th><th>findings</th></tr>\n";
  for (Severity s : kSeverities) {
    std::string name = severity_name(s);
    out += "<tr><td><span class=\"swatch sev-" + name + "\"></span>" + name + "</td><td class=count data-severity=" +
           name + ">" + num(by_sev[static_cast<int>(s)]) + "</td></tr>\n";
  }
  out += "</table></div>\n";
  chart(out, by_cat, by_sev);
  out += "</section>\n";

  // The files with something to show, each with its counts, then their findings.
  std::vector<size_t> shown;
  for (size_t i = 0; i < files.size(); ++i)
    if (!files[i].findings.empty() || !files[i].error.empty() || !files[i].sourced.empty()) shown.push_back(i);
  if (!shown.empty()) {
    out += "<section id=files class=panel><table><tr><th>file</th>";
    for (Category c : kCategories) out += std::string("<th>") + category_name(c) + "</th>";
    out += "<th>total</th></tr>\n";
    for (size_t i : shown) {
      const FileReport& f = files[i];
      std::array<size_t, 3> n{};
      for (const auto& x : f.findings) ++n[static_cast<int>(x.category)];
      out += "<tr data-path=\"";
      esc(out, f.path);
      out += "\"><td><a class=jump href=\"#file-" + num(i) + "\">";
      esc(out, f.path);
      out += "</a>";
      if (!f.error.empty()) out += " <span class=error>(not checked)</span>";
      out += "</td>";
      for (Category c : kCategories)
        out += std::string("<td class=num data-category=") + category_name(c) + ">" + num(n[static_cast<int>(c)]) + "</td>";
      out += "<td class=num data-total>" + num(f.findings.size()) + "</td></tr>\n";
    }
    out += "</table></section>\n";
  }

  for (size_t i : shown) {
    const FileReport& f = files[i];
    std::string href = links ? (i < links->size() ? (*links)[i] : std::string()) : std::string(href_prefix) + f.path;
    out += "<section class=\"file panel\" id=file-" + num(i) + " data-path=\"";
    esc(out, f.path);
    out += "\"><h2>";
    if (!href.empty()) {
      std::string encoded;
      append_url_path(encoded, href);
      out += "<a href=\"";
      esc(out, encoded);
      out += "\">";
      esc(out, f.path);
      out += "</a>";
    } else {
      esc(out, f.path);
    }
    out += " <span class=file-count data-count=" + num(f.findings.size()) + ">" + num(f.findings.size()) +
           (f.findings.size() == 1 ? " finding" : " findings") + "</span></h2>\n";
    if (!f.error.empty()) {
      out += "<p class=error>could not be checked: ";
      esc(out, f.error);
      out += "</p>\n";
    }
    if (!f.findings.empty()) {
      out += "<ol class=findings>\n";
      for (const auto& x : f.findings) finding_item(out, f, x, false);
      out += "</ol>\n";
    }
    if (!f.sourced.empty()) {
      out += "<div class=sourced><p>Cleared by a recorded source (" + num(f.sourced.size()) +
             "):</p><ol class=findings>\n";
      for (const auto& x : f.sourced) finding_item(out, f, x, true);
      out += "</ol></div>\n";
    }
    out += "</section>\n";
  }
  out += "</main></body></html>\n";
}

}  // namespace factlint
