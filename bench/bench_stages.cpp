// Each stage of the pipeline timed alone (Google Benchmark), so a change to one stage shows up in
// its own line: parse (HTML tokenizer, read_html, cmark-gfm alone, read_markdown), sentences (split_sentences and
// the PageContext built on them), the three detectors, annotate, the JSON and SARIF writers, and
// the whole Checker::check. Bytes/s always counts the *input pages* a stage worked through, so the
// lines compare with each other and with the whole check.
//
// The pages: FACTLINT_BENCH_CORPUS=DIR reads *.html/*.htm/*.md/*.markdown under DIR; otherwise
// bench/gen_pages.py (when present) writes FACTLINT_BENCH_PAGES (40) mixed pages of
// FACTLINT_BENCH_PAGE_KB (20) KB with a fixed seed into a temporary folder; otherwise the
// articles in fixtures/articles are used. The chosen corpus is printed in the context header.
//
// Detector lines time the detector only, in pipeline order and on a fresh PageContext per page:
// quotes first, then figures after an untimed quotes pass, then phrases after untimed quotes and
// figures passes. So each is its marginal cost in Checker::check (attribution answers cached by an
// earlier detector are not paid again), and the three add up to roughly what the engine spends.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "detectors/context.h"
#include "document/sentences.h"
#include "engine.h"
#include "input/cmark_arena.h"
#include "input/html_tokenizer.h"
#include "input/readers.h"
#include "output/outputs.h"

namespace {

using namespace factlint;
namespace fs = std::filesystem;

struct Page {
  std::string path;
  std::string body;
  Format format = Format::Html;
  // Read once up front for the stages after parsing. `doc.source` points into `body`, so pages
  // never move once these are filled (the corpus vector is complete before any is read).
  Document doc;
  std::unique_ptr<MarkdownTree> tree;
  std::vector<Finding> findings;
};

struct Corpus {
  std::vector<Page> pages;
  std::string origin;
  int64_t bytes_all = 0, bytes_html = 0, bytes_md = 0;
  size_t n_html = 0, n_md = 0, n_findings = 0;
};

bool page_extension(const fs::path& p, Format& f) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".html" || ext == ".htm") return f = Format::Html, true;
  if (ext == ".md" || ext == ".markdown") return f = Format::Markdown, true;
  return false;
}

void read_pages(const fs::path& dir, std::vector<Page>& out) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());  // a stable order, so runs compare
  for (const fs::path& p : files) {
    Format f;
    if (!page_extension(p, f)) continue;
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    Page page;
    page.path = p.string();
    page.body = ss.str();
    page.format = f;
    out.push_back(std::move(page));
  }
}

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

// Runs bench/gen_pages.py into a fresh temporary folder; false when there is no generator or it failed.
bool generate(std::vector<Page>& out, std::string& origin) {
  fs::path gen = fs::path(FACTLINT_SOURCE_DIR) / "bench" / "gen_pages.py";
  if (!fs::exists(gen)) return false;
  std::string tmpl = (fs::temp_directory_path() / "factlint-bench-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) return false;
  std::string pages = env_or("FACTLINT_BENCH_PAGES", "40"), kb = env_or("FACTLINT_BENCH_PAGE_KB", "20");
  std::string cmd = "python3 '" + gen.string() + "' --out '" + tmpl + "' --pages " + pages + " --size-kb " + kb +
                    " --format mixed --seed 6 >/dev/null 2>&1";
  bool ok = std::system(cmd.c_str()) == 0;
  if (ok) read_pages(tmpl, out);
  std::error_code ec;
  fs::remove_all(tmpl, ec);
  if (!ok || out.empty()) {
    std::fprintf(stderr, "bench: %s failed; falling back to fixtures/articles\n", cmd.c_str());
    out.clear();
    return false;
  }
  origin = "bench/gen_pages.py --pages " + pages + " --size-kb " + kb + " --format mixed --seed 6";
  return true;
}

const RuleSet& default_rules() {
  static const RuleSet* rules = [] {
    auto* r = new RuleSet();
    PackError err;
    if (!r->add_defaults(&err) || !r->compile(&err)) throw std::runtime_error("default packs: " + err.to_string());
    return r;
  }();
  return *rules;
}

Corpus& corpus() {
  static Corpus* c = [] {
    auto* c = new Corpus();
    if (std::string dir = env_or("FACTLINT_BENCH_CORPUS", ""); !dir.empty()) {
      read_pages(dir, c->pages);
      c->origin = "FACTLINT_BENCH_CORPUS=" + dir;
    } else if (!generate(c->pages, c->origin)) {
      read_pages(fs::path(FACTLINT_SOURCE_DIR) / "fixtures" / "articles", c->pages);
      c->origin = "fixtures/articles (bench/gen_pages.py not available)";
    }
    if (c->pages.empty()) throw std::runtime_error("bench: no pages in " + c->origin);
    Checker checker(default_rules());
    for (Page& p : c->pages) {
      c->bytes_all += p.body.size();
      if (p.format == Format::Html) {
        c->bytes_html += p.body.size(), ++c->n_html;
        read_html(p.body, p.doc);
      } else {
        c->bytes_md += p.body.size(), ++c->n_md;
        p.tree = std::make_unique<MarkdownTree>();
        read_markdown(p.body, p.doc, *p.tree);
      }
      CheckOptions opts;
      opts.path = p.path;
      opts.annotate = false;
      CheckResult r;
      if (!checker.check(p.body, opts, r)) throw std::runtime_error("bench: " + p.path + ": " + r.error);
      p.findings = std::move(r.findings);
      c->n_findings += p.findings.size();
    }
    return c;
  }();
  return *c;
}

void set_bytes(benchmark::State& state, int64_t bytes, size_t pages) {
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(pages), benchmark::Counter::kIsIterationInvariantRate);
}

// ---- parse ----

void BM_html_tokenize(benchmark::State& state) {
  Corpus& c = corpus();
  if (!c.n_html) return state.SkipWithError("no HTML pages in the corpus");
  for (auto _ : state) {
    for (const Page& p : c.pages) {
      if (p.format != Format::Html) continue;
      html::Tokenizer tz(p.body);
      html::Token t;
      size_t n = 0;
      while (tz.next(t)) ++n;
      benchmark::DoNotOptimize(n);
    }
  }
  set_bytes(state, c.bytes_html, c.n_html);
}
BENCHMARK(BM_html_tokenize)->Name("parse/html_tokenize");

void BM_read_html(benchmark::State& state) {
  Corpus& c = corpus();
  if (!c.n_html) return state.SkipWithError("no HTML pages in the corpus");
  Document doc;
  for (auto _ : state) {
    for (const Page& p : c.pages) {
      if (p.format != Format::Html) continue;
      read_html(p.body, doc);
      benchmark::DoNotOptimize(doc.text.data());
    }
  }
  set_bytes(state, c.bytes_html, c.n_html);
}
BENCHMARK(BM_read_html)->Name("parse/read_html");

void BM_read_markdown(benchmark::State& state) {
  Corpus& c = corpus();
  if (!c.n_md) return state.SkipWithError("no Markdown pages in the corpus");
  Document doc;
  MarkdownTree tree;
  for (auto _ : state) {
    for (const Page& p : c.pages) {
      if (p.format != Format::Markdown) continue;
      read_markdown(p.body, doc, tree);
      benchmark::DoNotOptimize(doc.text.data());
    }
  }
  set_bytes(state, c.bytes_md, c.n_md);
}
BENCHMARK(BM_read_markdown)->Name("parse/read_markdown");

// cmark-gfm alone, set up as read_markdown sets it up (the same extensions, options and arena):
// the floor under parse/read_markdown, which adds the walk of the tree and the text and offsets
// it builds.
void BM_cmark_gfm(benchmark::State& state) {
  Corpus& c = corpus();
  if (!c.n_md) return state.SkipWithError("no Markdown pages in the corpus");
  CmarkArena arena;
  for (auto _ : state) {
    for (const Page& p : c.pages) {
      if (p.format != Format::Markdown) continue;
      {
        CmarkArena::Scope scope(arena);
        cmark_parser* parser = new_markdown_parser(arena.mem());
        benchmark::DoNotOptimize(parse_markdown(parser, p.body));
      }
      arena.reset();
    }
  }
  set_bytes(state, c.bytes_md, c.n_md);
}
BENCHMARK(BM_cmark_gfm)->Name("parse/cmark_gfm");

// ---- text: sentences ----

void BM_split_sentences(benchmark::State& state) {
  Corpus& c = corpus();
  const CompiledLexicon& lex = default_rules().lex();
  std::vector<Sentence> out;
  for (auto _ : state) {
    for (const Page& p : c.pages) {
      split_sentences(p.doc, lex, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  set_bytes(state, c.bytes_all, c.pages.size());
}
BENCHMARK(BM_split_sentences)->Name("text/split_sentences");

// split_sentences plus the per-page indexes every detector reads (sorted spans, first name).
void BM_page_context(benchmark::State& state) {
  Corpus& c = corpus();
  const RuleSet& rules = default_rules();
  for (auto _ : state) {
    for (const Page& p : c.pages) {
      PageContext ctx(p.doc, rules);
      benchmark::DoNotOptimize(ctx.sentences().data());
    }
  }
  set_bytes(state, c.bytes_all, c.pages.size());
}
BENCHMARK(BM_page_context)->Name("text/page_context");

// ---- detectors ----

enum class Stage { Quotes, Figures, Phrases };

void run_detector(Stage s, PageContext& ctx, const RuleSet& rules, std::vector<Candidate>& out) {
  switch (s) {
    case Stage::Quotes: detect_quotes(ctx, rules, out); break;
    case Stage::Figures: detect_figures(ctx, rules, out); break;
    case Stage::Phrases: detect_phrases(ctx, rules, out); break;
  }
}

void BM_detect(benchmark::State& state, Stage stage) {
  Corpus& c = corpus();
  const RuleSet& rules = default_rules();
  std::vector<std::unique_ptr<PageContext>> ctxs(c.pages.size());
  std::vector<Candidate> before, out;
  size_t candidates = 0;
  for (auto _ : state) {
    // Untimed: a fresh context per page, and the detectors that run before this one.
    state.PauseTiming();
    for (size_t i = 0; i < c.pages.size(); ++i) {
      ctxs[i] = std::make_unique<PageContext>(c.pages[i].doc, rules);
      for (Stage earlier = Stage::Quotes; earlier < stage; earlier = static_cast<Stage>(static_cast<int>(earlier) + 1)) {
        before.clear();
        run_detector(earlier, *ctxs[i], rules, before);
      }
    }
    state.ResumeTiming();
    candidates = 0;
    for (auto& ctx : ctxs) {
      out.clear();
      run_detector(stage, *ctx, rules, out);
      candidates += out.size();
    }
    benchmark::DoNotOptimize(candidates);
  }
  set_bytes(state, c.bytes_all, c.pages.size());
  state.counters["candidates"] = static_cast<double>(candidates);
}
BENCHMARK_CAPTURE(BM_detect, quotes, Stage::Quotes)->Name("detect/quotes");
BENCHMARK_CAPTURE(BM_detect, figures, Stage::Figures)->Name("detect/figures");
BENCHMARK_CAPTURE(BM_detect, phrases, Stage::Phrases)->Name("match/phrases");

// ---- findings: what Checker::check does around the detectors ----

void BM_validate_utf8(benchmark::State& state) {
  Corpus& c = corpus();
  for (auto _ : state) {
    for (const Page& p : c.pages) benchmark::DoNotOptimize(find_invalid_utf8(p.body));
  }
  set_bytes(state, c.bytes_all, c.pages.size());
}
BENCHMARK(BM_validate_utf8)->Name("input/validate_utf8");

void BM_page_directives(benchmark::State& state) {
  Corpus& c = corpus();
  if (!c.n_md) return state.SkipWithError("no Markdown pages in the corpus");
  for (auto _ : state) {
    for (const Page& p : c.pages) {
      if (p.format != Format::Markdown) continue;
      PageDirectives d = read_page_directives(p.body);
      benchmark::DoNotOptimize(d.skip);
    }
  }
  set_bytes(state, c.bytes_md, c.n_md);
}
BENCHMARK(BM_page_directives)->Name("findings/page_directives");

// Comment and front-matter suppressions on the page's final findings (copied untimed each time).
void BM_suppressions(benchmark::State& state) {
  Corpus& c = corpus();
  const RuleSet& rules = default_rules();
  std::vector<PageDirectives> directives;
  for (const Page& p : c.pages)
    directives.push_back(p.format == Format::Markdown ? read_page_directives(p.body) : PageDirectives{});
  std::vector<std::vector<Finding>> work(c.pages.size());
  std::vector<Finding> sourced, notes;
  for (auto _ : state) {
    state.PauseTiming();
    for (size_t i = 0; i < c.pages.size(); ++i) work[i] = c.pages[i].findings;
    state.ResumeTiming();
    for (size_t i = 0; i < c.pages.size(); ++i) {
      sourced.clear();
      notes.clear();
      apply_suppressions(c.pages[i].doc, rules, directives[i], work[i], sourced, notes);
    }
    benchmark::DoNotOptimize(notes.data());
  }
  set_bytes(state, c.bytes_all, c.pages.size());
}
BENCHMARK(BM_suppressions)->Name("findings/suppressions");

// ---- outputs ----

// HTML: marks spliced into the source; Markdown: marks placed in the source, then rendered by cmark-gfm.
void BM_annotate(benchmark::State& state, Format format) {
  Corpus& c = corpus();
  if (!(format == Format::Html ? c.n_html : c.n_md)) return state.SkipWithError("no pages of this format");
  std::string out;
  for (auto _ : state) {
    for (const Page& p : c.pages) {
      if (p.format != format) continue;
      annotate(p.doc, p.tree.get(), p.findings, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  if (format == Format::Html) set_bytes(state, c.bytes_html, c.n_html);
  else set_bytes(state, c.bytes_md, c.n_md);
}
BENCHMARK_CAPTURE(BM_annotate, html, Format::Html)->Name("output/annotate_html");
BENCHMARK_CAPTURE(BM_annotate, markdown, Format::Markdown)->Name("output/annotate_markdown");

std::vector<FileReport> reports() {
  std::vector<FileReport> files;
  for (const Page& p : corpus().pages) {
    FileReport f;
    f.path = p.path;
    f.format = p.format;
    f.findings = p.findings;
    files.push_back(std::move(f));
  }
  return files;
}

void BM_write_json(benchmark::State& state) {
  Corpus& c = corpus();
  std::vector<FileReport> files = reports();
  std::string out;
  for (auto _ : state) {
    out.clear();
    write_json(files, out);
    benchmark::DoNotOptimize(out.data());
  }
  set_bytes(state, c.bytes_all, c.pages.size());
  state.counters["findings"] = static_cast<double>(c.n_findings);
  state.counters["out_bytes"] = static_cast<double>(out.size());
}
BENCHMARK(BM_write_json)->Name("serialize/json");

void BM_write_sarif(benchmark::State& state) {
  Corpus& c = corpus();
  std::vector<FileReport> files = reports();
  std::string out;
  for (auto _ : state) {
    out.clear();
    write_sarif(files, default_rules(), out);
    benchmark::DoNotOptimize(out.data());
  }
  set_bytes(state, c.bytes_all, c.pages.size());
  state.counters["findings"] = static_cast<double>(c.n_findings);
  state.counters["out_bytes"] = static_cast<double>(out.size());
}
BENCHMARK(BM_write_sarif)->Name("serialize/sarif");

// ---- the whole check ----

// All pages, or only the HTML or only the Markdown ones; the argument: annotate or not.
enum class Pages { All, Html, Markdown };

void BM_check(benchmark::State& state, Pages which) {
  Corpus& c = corpus();
  bool annotate = state.range(0) != 0;
  int64_t bytes = which == Pages::All ? c.bytes_all : which == Pages::Html ? c.bytes_html : c.bytes_md;
  size_t pages = which == Pages::All ? c.pages.size() : which == Pages::Html ? c.n_html : c.n_md;
  if (!pages) return state.SkipWithError("no pages of this format");
  Checker checker(default_rules());
  CheckResult r;
  for (auto _ : state) {
    for (const Page& p : c.pages) {
      if ((which == Pages::Html && p.format != Format::Html) || (which == Pages::Markdown && p.format != Format::Markdown))
        continue;
      CheckOptions opts;
      opts.path = p.path;
      opts.annotate = annotate;
      if (!checker.check(p.body, opts, r)) return state.SkipWithError(r.error.c_str());
      benchmark::DoNotOptimize(r.findings.data());
    }
  }
  set_bytes(state, bytes, pages);
}
BENCHMARK_CAPTURE(BM_check, all, Pages::All)->Name("check/all")->ArgName("annotate")->Arg(0)->Arg(1);
BENCHMARK_CAPTURE(BM_check, html, Pages::Html)->Name("check/html")->ArgName("annotate")->Arg(0)->Arg(1);
BENCHMARK_CAPTURE(BM_check, markdown, Pages::Markdown)->Name("check/markdown")->ArgName("annotate")->Arg(0)->Arg(1);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  try {
    Corpus& c = corpus();
    benchmark::AddCustomContext("corpus", c.origin);
    benchmark::AddCustomContext("pages", std::to_string(c.pages.size()) + " (" + std::to_string(c.n_html) + " HTML, " +
                                             std::to_string(c.n_md) + " Markdown), " +
                                             std::to_string(c.bytes_all / 1024) + " KiB, " +
                                             std::to_string(c.n_findings) + " findings");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
