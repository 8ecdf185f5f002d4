// The site report as one self-contained HTML page: totals by category and severity, then each
// page with its findings and a link to the annotated page.
#include <array>

#include "output/outputs.h"

namespace factlint {

namespace {

void esc(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
}

// Percent-encodes what a relative URL path must not contain raw.
void url(std::string& out, std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_' || c == '~') out += static_cast<char>(c);
    else out += '%', out += hex[c >> 4], out += hex[c & 15];
  }
}

}  // namespace

void write_html_report(const std::vector<FileReport>& files, std::string_view href_prefix, std::string& out) {
  std::array<size_t, 3> by_cat{}, by_sev{};
  size_t pages_with = 0, errors = 0;
  for (const auto& f : files) {
    if (!f.error.empty()) ++errors;
    if (!f.findings.empty()) ++pages_with;
    for (const auto& x : f.findings) ++by_cat[static_cast<int>(x.category)], ++by_sev[static_cast<int>(x.severity)];
  }
  size_t total = by_cat[0] + by_cat[1] + by_cat[2];
  out += "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>factlint report</title>"
         "<meta name=viewport content=\"width=device-width, initial-scale=1\"><style>"
         "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}"
         "table{border-collapse:collapse}td,th{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #ddd}"
         ".bar{display:inline-block;height:.8rem;vertical-align:middle}"
         ".unattributed-figure{background:#d9480f}.suspect-quote{background:#1c64d1}.absolute-claim{background:#8f2bc2}"
         "li{margin:.3rem 0}code{background:#f4f4f4;padding:0 .2rem}.sev{font-size:.8rem;color:#666}"
         "</style></head><body>\n<h1>factlint report</h1>\n";
  out += "<p id=summary>" + std::to_string(total) + " findings in " + std::to_string(pages_with) + " of " +
         std::to_string(files.size()) + " pages";
  if (errors) out += "; " + std::to_string(errors) + " pages could not be checked";
  out += ".</p>\n<table id=totals><tr><th>category</th><th>findings</th><th></th></tr>\n";
  for (int c = 0; c < 3; ++c) {
    const char* name = category_name(static_cast<Category>(c));
    size_t width = total ? by_cat[c] * 300 / total : 0;
    out += "<tr><td>" + std::string(name) + "</td><td class=count data-category=" + name + ">" +
           std::to_string(by_cat[c]) + "</td><td><span class=\"bar " + name + "\" style=\"width:" +
           std::to_string(width) + "px\"></span></td></tr>\n";
  }
  out += "</table>\n<p>By severity: " + std::to_string(by_sev[2]) + " error, " + std::to_string(by_sev[1]) +
         " warning, " + std::to_string(by_sev[0]) + " info.</p>\n";
  for (const auto& f : files) {
    if (f.findings.empty() && f.error.empty()) continue;
    out += "<section class=page><h2><a href=\"";
    std::string href = std::string(href_prefix) + f.path;
    std::string encoded;
    url(encoded, href);
    esc(out, encoded);
    out += "\">";
    esc(out, f.path);
    out += "</a></h2>\n";
    if (!f.error.empty()) {
      out += "<p class=error>could not be checked: ";
      esc(out, f.error);
      out += "</p>\n";
    }
    out += "<ul>\n";
    for (const auto& x : f.findings) {
      out += "<li><span class=\"bar " + std::string(category_name(x.category)) + "\" style=\"width:.5rem\"></span> " +
             std::to_string(x.line) + ":" + std::to_string(x.column) + " <code>";
      esc(out, x.text.size() > 160 ? x.text.substr(0, 160) + "…" : x.text);
      out += "</code> ";
      esc(out, x.message);
      out += " <span class=sev>" + std::string(severity_name(x.severity)) + " " + x.rule->id + "</span></li>\n";
    }
    out += "</ul></section>\n";
  }
  out += "</body></html>\n";
}

}  // namespace factlint
