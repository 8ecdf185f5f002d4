// The factlint command: a thin layer over the engine (src/engine.h) for CI, editors and Hugo.
#include <fcntl.h>
#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "document/sentences.h"
#include "check_outputs.h"
#include "common.h"
#include "site.h"
#include "workflow.h"
#include "engine.h"
#include "output/outputs.h"

namespace fs = std::filesystem;
using namespace factlint;

namespace {

using namespace factlint::cli;

const char* kUsage = R"(factlint — flags unattributed figures, suspect quotes and absolute claims

usage:
  factlint check [options] PATH...     check Markdown and HTML files and folders ('-' reads stdin)
  factlint site [options] DIR          check a generated site's HTML pages on all cores and
                                       annotate them in place (see 'factlint site --help')
  factlint test-rules [PACK]...        check every rule's examples (default packs plus PACKs)
  factlint config PATH                 print the factlint.toml settings that apply to PATH and
                                       where each comes from
  factlint baseline --write FILE [check options] PATH...
                                       record today's findings in FILE; 'check --baseline FILE'
                                       then reports only new ones
  factlint --version | --help

check options:
  --rules PATH            add a rule pack file or folder (repeatable); packs may disable or
                          re-level default rules with [[override]]
  --no-default-rules      do not load the embedded default packs
  --format FMT            text (default), json, html (the annotated page), sarif (SARIF 2.1.0),
                          github (GitHub Actions annotations), junit (JUnit XML) or report
                          (the report page)
  --report FILE           also write FILE.html (the report page) or FILE.json (repeatable)
  --out-dir DIR           write annotated pages under DIR (.md becomes .html)
  --fail-on LEVEL         exit 1 when a finding is at or above LEVEL: error (default), warning, info, never
  --min-severity LEVEL    drop findings below LEVEL (default info)
  --exclude GLOB          skip files whose path matches GLOB (repeatable; * also matches /)
  --stdin-format FMT      markdown or html, for '-' (default: guessed from the content)
  --stdin-filename NAME   the path to report for '-'
  --no-config             do not read factlint.toml files (found upward from each file)
  --baseline FILE         report only findings not recorded in FILE (see 'factlint baseline')
  --show-sourced          text: also list findings cleared by <!-- factlint-source "URL" -->
  --max-findings N        report at most N findings in all (the rest is counted on stderr)
  --max-input-bytes N     refuse (exit 2) files larger than N bytes (default 268435456, 256 MiB)
  --max-findings-per-page N
                          keep and mark at most N findings per page (default 10000; 0: no limit)
  --quiet, -q             no summary line; nothing on stderr but errors

exit status: 0 nothing at or above --fail-on, 1 something is, 2 usage, rule or input error
)";

int cmd_test_rules(const std::vector<std::string>& args) {
  std::vector<std::string> packs;
  bool defaults = true;
  for (const auto& a : args) {
    if (a == "--no-default-rules") defaults = false;
    else if (!a.empty() && a[0] == '-') return usage_error("unknown option for test-rules: " + a);
    else packs.push_back(a);
  }
  RuleSet rules;
  if (!load_rules(rules, packs, defaults)) return 2;
  Checker checker(rules);
  int passed = 0, failed = 0;
  for (const auto& rp : rules.rules()) {
    const Rule& r = *rp;
    if (!r.enabled) continue;
    std::string where = r.loc.file + ":" + std::to_string(r.loc.line) + ":" + std::to_string(r.loc.column);
    if (r.examples_fire.empty()) {
      std::cout << where << ": FAIL " << r.id << ": no examples it must fire on\n";
      ++failed;
    }
    for (const auto& ex : r.examples_fire) {
      bool ok = !checker.check_rule_example(ex, r).empty();
      if (!ok) std::cout << where << ": FAIL " << r.id << ": did not fire on: " << ex << "\n";
      ok ? ++passed : ++failed;
    }
    for (const auto& ex : r.examples_quiet) {
      auto found = checker.check_rule_example(ex, r);
      bool ok = found.empty();
      if (!ok) std::cout << where << ": FAIL " << r.id << ": fired on “" << found[0].text << "” in: " << ex << "\n";
      ok ? ++passed : ++failed;
    }
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}

int cmd_check(const std::vector<std::string>& args, bool baseline_mode = false) {
  std::vector<std::string> packs, paths, excludes;
  std::string format = "text", out_dir, stdin_format, stdin_name = "<stdin>";
  Severity fail_on = Severity::Error, min_sev = Severity::Info;
  bool defaults = true, never_fail = false;
  CheckOutputs outputs;  // --report files and the formats of cli/check_outputs.h
  Workflow wf;  // factlint.toml, baselines, --quiet, --max-findings, --show-sourced (cli/workflow.h)
  Limits limits;  // --max-input-bytes, --max-findings-per-page
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& v) {
      if (i + 1 >= args.size()) return false;
      v = args[++i];
      return true;
    };
    std::string v;
    if (a == "--rules") {
      if (!value(v)) return usage_error("--rules needs a path");
      packs.push_back(v);
    } else if (a == "--no-default-rules") {
      defaults = false;
    } else if (a == "--exclude") {
      if (!value(v)) return usage_error("--exclude needs a glob");
      excludes.push_back(v);
    } else if (a == "--format") {
      if (!value(format) || !check_format_known(format))
        return usage_error(std::string("--format must be ") + kCheckFormats);
    } else if (a == "--report") {
      if (!value(v) || !report_path_ok(v)) return usage_error("--report needs a FILE.html or FILE.json");
      outputs.reports.push_back(v);
    } else if (a == "--out-dir") {
      if (!value(out_dir)) return usage_error("--out-dir needs a folder");
    } else if (a == "--fail-on" && i + 1 < args.size() && args[i + 1] == "never") {
      ++i;
      never_fail = true;
    } else if (a == "--fail-on" || a == "--min-severity") {
      if (!value(v) || !parse_severity(v)) return usage_error(a + " must be error, warning or info" + (a == "--fail-on" ? " (or never)" : ""));
      (a == "--fail-on" ? fail_on : min_sev) = *parse_severity(v);
      (a == "--fail-on" ? wf.fail_on_set : wf.min_severity_set) = true;
    } else if (a == "--stdin-format") {
      if (!value(stdin_format) || (stdin_format != "markdown" && stdin_format != "html"))
        return usage_error("--stdin-format must be markdown or html");
    } else if (a == "--stdin-filename") {
      if (!value(stdin_name)) return usage_error("--stdin-filename needs a name");
    } else if (int r = limits.parse_option(args, i); r != 0) {
      if (r < 0) return 2;
    } else if (int r = wf.parse_option(args, i, baseline_mode); r != 0) {
      if (r < 0) return 2;
    } else if (a == "-") {
      paths.push_back(a);
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option: " + a);
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) return usage_error("check needs at least one file or folder");
  if (!wf.ready(baseline_mode)) return 2;
  if (baseline_mode) format = "none";  // the findings go to the baseline file

  RuleSet rules;
  if (!load_rules(rules, packs, defaults)) return 2;

  std::vector<Input> inputs;
  std::vector<std::string> errors;
  for (const auto& p : paths) {
    if (p == "-") inputs.push_back(Input{"-", stdin_name, fs::path(stdin_name).filename().string(), true});
    else collect(p, excludes, inputs, errors);
  }
  bool had_error = !errors.empty();
  for (const auto& e : errors) std::cerr << e << "\n";

  if (!wf.prepare(rules, packs, defaults, inputs, stdin_name, min_sev, fail_on)) return 2;
  bool page_to_stdout = format == "html" && out_dir.empty();
  if (page_to_stdout && inputs.size() != 1)
    return usage_error("--format html without --out-dir needs exactly one input");

  std::vector<FileReport> reports;
  std::map<std::string, std::string> written;  // --out-dir target -> the input it came from
  bool failed = false;
  std::string out;
  for (const Input& in : inputs) {
    FileReport rep;
    rep.path = in.display;
    const FileContext& cx = wf.context(static_cast<size_t>(&in - inputs.data()));
    std::string content, err;
    bool ok;
    if (in.stdin_input) {
      std::ostringstream ss;
      ss << std::cin.rdbuf();
      content = ss.str();
      ok = true;
    } else {
      ok = read_file(in.path, content, err, limits.max_input);
    }
    CheckOptions o;
    o.path = in.stdin_input ? std::string_view(stdin_name) : std::string_view(in.path);
    if (in.stdin_input && !stdin_format.empty())
      o.format = stdin_format == "markdown" ? CheckOptions::InputFormat::Markdown : CheckOptions::InputFormat::Html;
    o.annotate = page_to_stdout || !out_dir.empty();
    o.min_severity = cx.min_severity;
    o.filter = &cx.filter;
    o.max_input = limits.max_input;
    o.max_findings = limits.max_findings_per_page;
    CheckResult res;
    rep.format = guess_format(o.path, content);
    if (ok && !cx.checker->check(content, o, res)) {
      ok = false;
      err = res.error;
    }
    if (!ok) {
      had_error = true;
      rep.error = err;
      std::cerr << in.display << ": error: " << err << "\n";
      reports.push_back(std::move(rep));
      continue;
    }
    rep.format = res.format;
    if (res.truncated && !wf.quiet) report_truncated(in.display, res.findings.size(), res.truncated);
    rep.findings = std::move(res.findings);
    rep.sourced = std::move(res.sourced);
    wf.process(rep, in);  // baseline: record, or hide the known findings
    for (const auto& f : rep.findings)
      if (f.severity >= cx.fail_on) failed = true;
    wf.limit(rep);  // --max-findings
    if (!out_dir.empty()) {
      fs::path target = fs::path(out_dir) / in.rel;
      if (res.format == Format::Markdown) target.replace_extension(".html");
      std::string werr;
      // page.md and page.html both become page.html: never let one silently replace the other.
      auto [prev, fresh] = written.emplace(target.lexically_normal().string(), in.display);
      if (!fresh) {
        had_error = true;
        std::cerr << in.display << ": error: not written: " << target.string()
                  << " is already the annotated page of " << prev->second << "\n";
      } else if (!write_under(out_dir, target.lexically_relative(out_dir), res.annotated, werr)) {
        had_error = true;
        std::cerr << in.display << ": error: " << werr << "\n";
      }
    }
    if (page_to_stdout) std::fwrite(res.annotated.data(), 1, res.annotated.size(), stdout);
    if (format == "text") {
      out.clear();
      write_text(rep, out);
      wf.write_sourced(rep, out);
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
    if (outputs.wants_excerpts(format)) add_excerpts(rep, content);
    reports.push_back(std::move(rep));
  }
  if (format == "json") {
    out.clear();
    write_json(reports, out, stdout);
  } else if (format == "text" && !wf.quiet) {
    std::fflush(stdout);
    size_t n = 0;
    for (auto& r : reports) n += r.findings.size();
    std::fprintf(stderr, "factlint: %zu finding%s in %zu file%s\n", n, n == 1 ? "" : "s", reports.size(),
                 reports.size() == 1 ? "" : "s");
  }
  outputs.format = format;
  outputs.fail_on = never_fail ? std::nullopt : std::optional(fail_on);
  outputs.written = &written;
  if (std::find(paths.begin(), paths.end(), "-") != paths.end()) outputs.stdin_name = stdin_name;
  if (!write_check_outputs(reports, rules, outputs)) had_error = true;
  if (!wf.finish()) had_error = true;
  std::fflush(stdout);
  return had_error ? 2 : (failed && !never_fail) ? 1 : 0;
}

// Prints the document model and sentences of a page: what the detectors see.
int cmd_debug_document(const std::string& path) {
  std::string content, err;
  if (!read_file(path, content, err)) return usage_error(path + ": " + err);
  RuleSet rules;
  if (!load_rules(rules, {}, true)) return 2;
  Document doc;
  MarkdownTree tree;
  if (guess_format(path, content) == Format::Markdown) read_markdown(content, doc, tree);
  else read_html(content, doc);
  std::vector<Sentence> sentences;
  split_sentences(doc, rules.lex(), sentences);
  for (const Sentence& s : sentences)
    std::cout << "[" << s.block << " kind=" << int(doc.blocks[s.block].kind) << " q=" << doc.blocks[s.block].quote_id
              << "] " << doc.text.substr(s.begin, s.end - s.begin) << "\n";
  for (const Span& s : doc.spans)
    std::cout << "span " << int(s.kind) << " " << s.begin << "-" << s.end << " " << doc.text.substr(s.begin, s.end - s.begin) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.empty()) return usage_error("no command");
    const std::string cmd = args[0];
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (cmd == "--version" || cmd == "version") {
      std::cout << "factlint " << FACTLINT_VERSION << "\n";
      return 0;
    }
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (cmd == "check") return cmd_check(rest);
    if (cmd == "baseline") return cmd_check(rest, true);
    if (cmd == "config") return cmd_config(rest);
    if (cmd == "site") return cmd_site(rest);
    if (cmd == "test-rules") return cmd_test_rules(rest);
    if (cmd == "debug-document" && rest.size() == 1) return cmd_debug_document(rest[0]);
    return usage_error("unknown command: " + cmd);
  } catch (const std::exception& e) {
    std::cerr << "factlint: internal error: " << e.what() << "\n";
    return 2;
  }
}
