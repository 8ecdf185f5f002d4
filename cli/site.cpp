// `factlint site DIR`: the whole-site mode for any generator (Hugo has no plugin API, so this is
// its integration). Walks the HTML pages, checks them on all cores against one shared RuleSet
// (one Checker per thread), rewrites each page atomically in place or under --out-dir, and writes
// the site report. Pages are read, checked and written one at a time per thread; only findings
// are kept for the report.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>

#include "common.h"
#include "engine.h"
#include "output/outputs.h"
#include "rules/parallel.h"
#include "site.h"

namespace factlint::cli {

namespace {

const char* kSiteUsage = R"(usage: factlint site [options] DIR
  --rules PATH           add a rule pack (repeatable)      --no-default-rules
  --out-dir DIR          write annotated pages there instead of rewriting DIR in place
  --report-only          do not touch any page; only report
  --report FILE          write the site report: FILE.json (the JSON report) or FILE.html (a page)
  --fail-on LEVEL        exit 1 when a finding is at or above LEVEL (error, warning, info, never; default error)
  --min-severity LEVEL   drop (and do not mark) findings below LEVEL
  --exclude GLOB         skip pages whose path under DIR matches GLOB (repeatable)
  --jobs N               threads (default: one per CPU this process may use)
  --max-input-bytes N    refuse (exit 2) pages larger than N bytes (default 268435456, 256 MiB)
  --max-findings-per-page N  keep and mark at most N findings per page (default 10000; 0: no limit)
  --quiet                no progress bar and no summary
)";

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::char_traits<char>::length(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

// Removes the .NAME.factlint-tmp files an interrupted run (SIGKILL, power loss) left behind
// write_atomic: they are never pages. Symbolic links to folders are not followed; a link named
// like a temporary file is removed itself, never its target. Returns how many were removed.
size_t remove_stale_temporaries(const fs::path& dir) {
  size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code eec;
    std::string name = it->path().filename().string();
    if (it->is_symlink(eec)) {
      // fall through to the name test below: the link itself may be removed
    } else if (it->is_directory(eec)) {
      removed += remove_stale_temporaries(it->path());
      continue;
    }
    if (name.size() > 14 && name[0] == '.' && ends_with(name, ".factlint-tmp") && fs::remove(it->path(), eec))
      ++removed;
  }
  return removed;
}

}  // namespace

int cmd_site(const std::vector<std::string>& args) {
  std::vector<std::string> packs, excludes, reports;
  std::string dir, out_dir;
  Severity fail_on = Severity::Error, min_sev = Severity::Info;
  bool defaults = true, report_only = false, quiet = false, never_fail = false;
  unsigned jobs = usable_cpus();  // one thread per CPU it may use
  Limits limits;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string v;
    if (int r = limits.parse_option(args, i); r != 0) {
      if (r < 0) return 2;
      continue;
    }
    auto value = [&]() {
      if (i + 1 >= args.size()) return false;
      v = args[++i];
      return true;
    };
    if (a == "--rules") {
      if (!value()) return usage_error("--rules needs a path");
      packs.push_back(v);
    } else if (a == "--no-default-rules") {
      defaults = false;
    } else if (a == "--out-dir") {
      if (!value()) return usage_error("--out-dir needs a folder");
      out_dir = v;
    } else if (a == "--report-only") {
      report_only = true;
    } else if (a == "--report") {
      if (!value() || (!ends_with(v, ".json") && !ends_with(v, ".html")))
        return usage_error("--report needs a FILE.json or FILE.html");
      reports.push_back(v);
    } else if (a == "--fail-on" && i + 1 < args.size() && args[i + 1] == "never") {
      ++i;
      never_fail = true;
    } else if (a == "--fail-on" || a == "--min-severity") {
      if (!value() || !parse_severity(v)) return usage_error(a + " must be error, warning or info" + (a == "--fail-on" ? " (or never)" : ""));
      (a == "--fail-on" ? fail_on : min_sev) = *parse_severity(v);
    } else if (a == "--exclude") {
      if (!value()) return usage_error("--exclude needs a glob");
      excludes.push_back(v);
    } else if (a == "--jobs") {
      if (!value() || std::atoi(v.c_str()) < 1) return usage_error("--jobs needs a positive number");
      jobs = static_cast<unsigned>(std::atoi(v.c_str()));
    } else if (a == "--quiet") {
      quiet = true;
    } else if (a == "--help" || a == "-h") {
      std::cout << kSiteUsage;
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("unknown option for site: " + a);
    } else if (dir.empty()) {
      dir = a;
    } else {
      return usage_error("site takes one folder");
    }
  }
  if (dir.empty()) return usage_error("site needs the generated site's folder (e.g. public/ or _site/)");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return usage_error(dir + ": not a folder");

  RuleSet rules;
  if (!load_rules(rules, packs, defaults)) return 2;

  if (!report_only) {
    size_t stale = remove_stale_temporaries(dir);
    if (!out_dir.empty() && fs::is_directory(out_dir, ec)) stale += remove_stale_temporaries(out_dir);
    if (stale && !quiet)
      std::fprintf(stderr, "factlint: removed %zu stale temporary file%s (.*.factlint-tmp) of an interrupted run\n",
                   stale, stale == 1 ? "" : "s");
  }

  // Pages, with their paths under DIR; --exclude globs match those relative paths.
  std::vector<fs::path> all;
  std::vector<std::string> errors;
  walk(dir, {}, all, errors, /*html_only=*/true);
  std::sort(all.begin(), all.end());  // reports list pages in a stable order
  std::vector<fs::path> pages;
  std::vector<std::string> rel;
  for (auto& p : all) {
    std::string r = fs::relative(p, dir, ec).generic_string();
    if (excluded(r, excludes)) continue;
    pages.push_back(p);
    rel.push_back(r);
  }
  for (auto& e : errors) std::cerr << e << "\n";
  bool had_error = !errors.empty();

  std::vector<FileReport> results(pages.size());
  // The report page shows findings in context, cut from each page while it is read.
  bool excerpts = std::any_of(reports.begin(), reports.end(), [](const std::string& r) { return ends_with(r, ".html"); });
  std::atomic<size_t> next{0}, done{0};
  const bool bar = !quiet && isatty(STDERR_FILENO);  // a progress bar: messages then start with \r
  std::mutex err_mutex;
  auto worker = [&]() {
    Checker checker(rules);  // per-thread state against the shared, immutable rules
    CheckResult res;
    std::string content, err;
    for (size_t i = next++; i < pages.size(); i = next++) {
      FileReport& rep = results[i];
      rep.path = rel[i];
      rep.format = Format::Html;
      CheckOptions o;
      o.path = pages[i].native();
      o.format = CheckOptions::InputFormat::Html;
      o.annotate = !report_only;
      o.min_severity = min_sev;
      o.max_input = limits.max_input;
      o.max_findings = limits.max_findings_per_page;
      if (!read_file(pages[i].string(), content, err, limits.max_input)) {
        rep.error = err;
      } else if (!checker.check(content, o, res)) {
        rep.error = res.error;
      } else {
        if (res.truncated && !quiet) {
          std::lock_guard<std::mutex> lock(err_mutex);
          std::fprintf(stderr, "%s", bar ? "\r" : "");
          report_truncated(pages[i].string(), res.findings.size(), res.truncated);
        }
        rep.findings = std::move(res.findings);
        if (excerpts) add_excerpts(rep, content);
        if (!report_only) {
          // In place: only pages whose bytes change are rewritten. Under --out-dir every page is written.
          if (!out_dir.empty() ? !write_under(out_dir, rel[i], res.annotated, err)
                               : (res.annotated != content && !write_atomic(pages[i], res.annotated, err)))
            rep.error = err;
        }
      }
      if (!rep.error.empty()) {
        std::lock_guard<std::mutex> lock(err_mutex);
        std::cerr << (bar ? "\r" : "") << pages[i].string() << ": error: " << rep.error << "\n";
      }
      ++done;
    }
  };
  std::vector<std::thread> threads;
  unsigned n = std::min<unsigned>(jobs, std::max<size_t>(1, pages.size()));
  for (unsigned t = 0; t < n; ++t) threads.emplace_back(worker);
  while (bar && done.load() < pages.size()) {
    size_t d = done.load();
    int width = 30, fill = pages.empty() ? width : static_cast<int>(d * width / pages.size());
    std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu pages", fill, "##############################", width - fill, "", d,
                 pages.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(80));
  }
  for (auto& t : threads) t.join();
  if (bar) std::fprintf(stderr, "\r%*s\r", 60, "");

  size_t total = 0, with = 0, failed_pages = 0, at_fail = 0;
  for (auto& r : results) {
    total += r.findings.size();
    with += !r.findings.empty();
    if (!r.error.empty()) failed_pages++, had_error = true;
    for (auto& f : r.findings) at_fail += f.severity >= fail_on;
  }
  for (const auto& path : reports) {
    std::string out, err;
    if (ends_with(path, ".html")) {
      // links from the report to the annotated pages
      fs::path pages_root = fs::absolute(out_dir.empty() ? fs::path(dir) : fs::path(out_dir));
      fs::path report_dir = fs::absolute(fs::path(path)).parent_path();
      std::string prefix = fs::relative(pages_root, report_dir, ec).generic_string();
      prefix = prefix.empty() || prefix == "." ? "" : prefix + "/";
      write_html_report(results, prefix, out);
    } else {
      write_json(results, out);
    }
    if (!write_atomic(path, out, err)) {
      std::cerr << "factlint: error: " << err << "\n";
      had_error = true;
    }
  }
  if (!quiet) {
    std::fprintf(stderr, "factlint: %zu finding%s in %zu of %zu pages", total, total == 1 ? "" : "s", with,
                 pages.size());
    if (failed_pages) std::fprintf(stderr, "; %zu page%s had errors", failed_pages, failed_pages == 1 ? "" : "s");
    std::fprintf(stderr, "%s\n", report_only ? " (report only: no page changed)" : "");
  }
  return had_error ? 2 : (at_fail && !never_fail) ? 1 : 0;
}

}  // namespace factlint::cli
