#include "check_outputs.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "common.h"

namespace factlint::cli {

namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The report page's link for each file, relative to the folder the page is in: the annotated page
// under --out-dir if one was written, else the file; none for stdin.
std::vector<std::string> report_links(const std::vector<FileReport>& reports, const CheckOutputs& o,
                                      const fs::path& page_dir) {
  std::map<std::string, std::string> page_of;  // reported path -> annotated page
  if (o.written)
    for (const auto& [page, display] : *o.written) page_of.emplace(display, page);
  std::vector<std::string> links;
  for (const FileReport& r : reports) {
    if (!o.stdin_name.empty() && r.path == o.stdin_name) {
      links.emplace_back();
      continue;
    }
    auto it = page_of.find(r.path);
    std::error_code ec;
    fs::path target = fs::absolute(it != page_of.end() ? fs::path(it->second) : fs::path(r.path), ec);
    fs::path rel = target.lexically_normal().lexically_relative(page_dir.lexically_normal());
    links.push_back(rel.empty() ? target.generic_string() : rel.generic_string());
  }
  return links;
}

void report_page(const std::vector<FileReport>& reports, const CheckOutputs& o, const fs::path& page_dir,
                 std::string& out) {
  std::vector<std::string> links = report_links(reports, o, page_dir);
  write_html_report(reports, "", out, &links);
}

}  // namespace

const char* const kCheckFormats = "text, json, html, sarif, github, junit or report";

bool check_format_known(std::string_view f) {
  return f == "text" || f == "json" || f == "html" || f == "sarif" || f == "github" || f == "junit" || f == "report";
}

bool report_path_ok(std::string_view path) { return ends_with(path, ".html") || ends_with(path, ".json"); }

bool CheckOutputs::wants_excerpts(std::string_view format) const {
  if (format == "report") return true;
  for (const auto& r : reports)
    if (ends_with(r, ".html")) return true;
  return false;
}

bool write_check_outputs(const std::vector<FileReport>& reports, const RuleSet& rules, const CheckOutputs& o) {
  std::string out;
  std::error_code ec;
  if (o.format == "sarif") {
    write_sarif(reports, rules, out);
  } else if (o.format == "github") {
    for (const auto& r : reports) write_github(r, out);
  } else if (o.format == "junit") {
    write_junit(reports, o.fail_on, out);
  } else if (o.format == "report") {
    report_page(reports, o, fs::current_path(ec), out);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  bool ok = true;
  for (const auto& path : o.reports) {
    out.clear();
    if (ends_with(path, ".html")) report_page(reports, o, fs::absolute(fs::path(path), ec).parent_path(), out);
    else write_json(reports, out);
    std::string err;
    if (!write_atomic(path, out, err)) {
      std::cerr << "factlint: error: " << err << "\n";
      ok = false;
    }
  }
  return ok;
}

}  // namespace factlint::cli
