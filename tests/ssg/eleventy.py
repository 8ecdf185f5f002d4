#!/usr/bin/env python3
"""ssg-eleventy: the Eleventy 3 adapter (plugin/eleventy) proven on a real site build.

Builds fixtures/sites/eleventy with the real Eleventy from plugin/eleventy/node_modules, once
without the plugin (FACTLINT_DISABLE=1: the reference) and once per option set (FACTLINT_OPTIONS,
JSON), each in its own copy of the site, and checks:
  - findings are marked inside the content where expected; nothing is marked in <head>, <title>,
    <nav>, the site header, <footer>, <pre>, <code> or any attribute value (html.parser, with the
    open elements tracked); the clean pages have no mark at all;
  - removing what factlint inserted gives the reference page back byte for byte, and every
    non-HTML output (feed.xml, api/stats.json) is byte-identical to the reference;
  - the site report (default path factlint-report.json in the project) lists every HTML page and
    the expected findings, with offsets into the page, and equals what `factlint site` reports for
    the reference build;
  - fail_on "warning" fails the build and says why; the default fail_on "error" passes; an
    error-level rule from an extra pack (`rules`) fails it; report_only changes no page but still
    writes the report; min_severity, exclude and library work; bad options stop the build with a
    clear message.

Standard library only. Installs nothing: `make test` runs `npm ci --prefix plugin/eleventy`. If
Eleventy or koffi is missing, or Node cannot run it, this test FAILS and says so.
"""

import concurrent.futures
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.environ.get("FACTLINT_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))
LIB = os.environ.get("FACTLINT_LIB") or os.path.join(SOURCE, "build", "lib", "libfactlint.so")
BIN = os.environ.get("FACTLINT_BIN") or os.path.join(SOURCE, "build", "bin", "factlint")
PLUGIN = os.path.join(SOURCE, "plugin", "eleventy")
SITE = os.path.join(SOURCE, "fixtures", "sites", "eleventy")
ELEVENTY_CMD = os.path.join(PLUGIN, "node_modules", "@11ty", "eleventy", "cmd.cjs")
INSTALL_HINT = "run `make test`, or `npm ci --prefix plugin/eleventy` in %s" % SOURCE

HTML_PAGES = {"index.html", "about/index.html", "harvest-report/index.html", "news/pressing-day/index.html"}
OTHER_OUTPUTS = {"feed.xml", "api/stats.json"}
CLEAN_PAGES = {"index.html", "about/index.html"}
# (rule, text) that must be marked in the content of these pages, and be in the report
EXPECTED = {
    "harvest-report/index.html": [
        ("figure.unattributed", "40%"),                                    # unsourced percentage
        ("quote.no-speaker", "\u201cNothing tastes like a Larkfield Pippin.\u201d"),  # speakerless quote
        ("absolute.superlative", "the best cider"),                        # superlative in the body
        ("quote.scare", "\u201csecret\u201d"),                             # info level
        ("absolute.superlative", "the best year"),                         # in a heading with claim-laden attributes
    ],
    "news/pressing-day/index.html": [
        ("figure.unattributed", "1,200 visitors"),
        ("figure.unattributed", "a majority of"),
        ("absolute.quantifier", "Everyone knows"),
    ],
}
# Content text that must stay unmarked (sourced figure, code, preformatted text)
NOT_MARKED = {
    "harvest-report/index.html": ["62%", "the best 99% uptime", "the best harvest ever, 75% more"],
}
CATEGORY = {"figure": "unattributed-figure", "quote": "suspect-quote", "absolute": "absolute-claim",
            "house": "absolute-claim"}
FORBIDDEN = {"head", "title", "nav", "header", "footer", "pre", "code", "script", "style"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   - " + name)
    else:
        failed += 1
        print("FAIL - " + name + (": " + str(detail) if detail else ""))
    return ok


def finish():
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


# ---- Building ------------------------------------------------------------------------------------

class Build:
    def __init__(self, name, root, proc, outdir):
        self.name = name
        self.root = root  # the site's project folder (the build's working directory)
        self.rc = proc.returncode
        self.output = proc.stdout + proc.stderr
        self.files = {}
        site = os.path.join(root, outdir)
        for dirpath, _, names in os.walk(site):
            for n in names:
                p = os.path.join(dirpath, n)
                with open(p, "rb") as f:
                    self.files[os.path.relpath(p, site).replace(os.sep, "/")] = f.read()

    def report(self, rel="factlint-report.json"):
        p = os.path.join(self.root, rel)
        if not os.path.exists(p):
            return None
        with open(p, encoding="utf-8") as f:
            return json.load(f)

    def show(self):
        return "\n--- %s (exit %d) ---\n%s" % (self.name, self.rc, self.output.strip()[-4000:])


def build(tmp, name, options=None, disable=False, env_drop=(), setup=None):
    """Builds a fresh copy of the site laid out as in the repository (so the config's relative
    import of ../../../plugin/eleventy/index.js works) and returns a Build."""
    top = os.path.join(tmp, name)
    root = os.path.join(top, "fixtures", "sites", "eleventy")
    shutil.copytree(SITE, root, ignore=shutil.ignore_patterns("_site", "node_modules", "factlint-report.json"))
    os.makedirs(os.path.join(top, "plugin"))
    os.symlink(PLUGIN, os.path.join(top, "plugin", "eleventy"))
    if setup:
        setup(root)
    env = dict(os.environ)
    env["FACTLINT_LIB"] = LIB
    env["NO_COLOR"] = "1"
    env.pop("FACTLINT_DISABLE", None)
    env.pop("FACTLINT_OPTIONS", None)
    for k in env_drop:
        env.pop(k, None)
    if disable:
        env["FACTLINT_DISABLE"] = "1"
    if options is not None:
        env["FACTLINT_OPTIONS"] = json.dumps(options)
    proc = subprocess.run(["node", ELEVENTY_CMD], cwd=root, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=300)
    return Build(name, root, proc, "_site")


# ---- Reading pages -------------------------------------------------------------------------------

class PageScan(html.parser.HTMLParser):
    """Tracks the open elements; records every factlint mark (rule, classes, text, the elements
    around it) and every attribute value that carries factlint markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []         # stack of open element names
        self.marks = []        # dicts: rule, cls, text, context (set of enclosing element names)
        self.mark_stack = []   # indices into marks of the open factlint marks
        self.bad_attrs = []    # (tag, attr, value) with factlint markup inside
        self.styles = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        is_mark = tag == "mark" and "factlint" in (a.get("class") or "").split()
        if not is_mark:
            for k, v in attrs:
                if v and ("<mark" in v or "factlint" in v):
                    self.bad_attrs.append((tag, k, v))
        if tag == "style" and "data-factlint" in a:
            self.styles += 1
        if is_mark:
            self.marks.append({"rule": a.get("data-factlint"), "cls": a.get("class", ""), "text": "",
                               "context": set(self.open), "inside_main": "main" in self.open})
            self.mark_stack.append(len(self.marks) - 1)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag not in self.open:
            return
        while self.open:
            t = self.open.pop()
            if t == "mark" and self.mark_stack:
                self.mark_stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for i in self.mark_stack:
            self.marks[i]["text"] += data


def scan(page_bytes):
    p = PageScan()
    p.feed(page_bytes.decode("utf-8"))
    p.close()
    return p


MARK_OPEN = re.compile(r'<mark class="factlint[^"]*"(?:\s+[\w-]+="[^"]*")*>')
STYLE = re.compile(r"<style data-factlint>.*?</style>", re.S)


def strip_factlint(page_bytes):
    """The page with factlint's marks and stylesheet removed (the site itself uses no <mark>)."""
    s = page_bytes.decode("utf-8")
    s = STYLE.sub("", s, count=1)
    s = MARK_OPEN.sub("", s)
    s = s.replace("</mark>", "")
    return s.encode("utf-8")


def findings_by_page(report):
    return {f["path"]: f for f in report.get("files", [])}


def diff_hint(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "first difference at byte %d: %r vs %r" % (i, a[max(0, i - 40):i + 40], b[max(0, i - 40):i + 40])
    return "lengths %d vs %d" % (len(a), len(b))


# ---- The checks ----------------------------------------------------------------------------------

def preflight():
    problems = []
    if shutil.which("node") is None:
        problems.append("node is not on PATH (Node.js 20 is needed for the Eleventy adapter)")
    if not os.path.isfile(ELEVENTY_CMD):
        problems.append("Eleventy is not installed: %s is missing" % ELEVENTY_CMD)
    if not os.path.isfile(os.path.join(PLUGIN, "node_modules", "koffi", "package.json")):
        problems.append("koffi is not installed in %s/node_modules" % PLUGIN)
    if not os.path.exists(LIB):
        problems.append("libfactlint.so not found at %s (FACTLINT_LIB): build first" % LIB)
    if not os.path.exists(BIN):
        problems.append("the factlint CLI not found at %s (FACTLINT_BIN): build first" % BIN)
    if not problems:
        try:
            v = subprocess.run(["node", ELEVENTY_CMD, "--version"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, universal_newlines=True, timeout=120)
            if v.returncode != 0 or not re.match(r"3\.", v.stdout.strip()):
                problems.append("Eleventy 3 does not run: `eleventy --version` exited %d: %s"
                                % (v.returncode, v.stdout.strip()[-500:]))
        except (OSError, subprocess.SubprocessError) as e:
            problems.append("Eleventy does not run: %s" % e)
    for p in problems:
        check("Eleventy can run", False, p + "; " + INSTALL_HINT)
    return not problems


def check_marked_pages(b, plain, label):
    """Marks inside content only, the page otherwise unchanged; returns {page: scan}."""
    scans = {}
    for page in sorted(HTML_PAGES):
        if page not in b.files:
            check("%s: %s written" % (label, page), False)
            continue
        s = scan(b.files[page])
        scans[page] = s
        outside = [m for m in s.marks if not m["inside_main"] or m["context"] & FORBIDDEN]
        check("%s: %s: no mark outside the content (head, title, nav, header, footer, pre, code)" % (label, page),
              not outside, "; ".join("%r in %s" % (m["text"], sorted(m["context"])) for m in outside))
        check("%s: %s: no attribute value touched" % (label, page), not s.bad_attrs, repr(s.bad_attrs[:3]))
        stripped = strip_factlint(b.files[page])
        check("%s: %s: removing the marks and stylesheet gives the plugin-less page back byte for byte"
              % (label, page), stripped == plain.files.get(page), diff_hint(stripped, plain.files.get(page, b"")))
        for m in s.marks:
            prefix = (m["rule"] or "").split(".")[0]
            cat = CATEGORY.get(prefix)
            if cat and ("factlint-" + cat) not in m["cls"].split():
                check("%s: %s: mark class names the category of %s" % (label, page, m["rule"]), False, m["cls"])
    return scans


def main():
    if not preflight():
        finish()
    tmp = tempfile.mkdtemp(prefix="factlint-ssg-eleventy-")
    try:
        # One snapshot of the library and the CLI for every build of this run, even if the build
        # tree is relinked meanwhile.
        global LIB, BIN
        os.makedirs(os.path.join(tmp, "lib"))
        os.makedirs(os.path.join(tmp, "bin"))
        LIB = shutil.copy2(os.path.realpath(LIB), os.path.join(tmp, "lib", "libfactlint.so"))
        BIN = shutil.copy2(os.path.realpath(BIN), os.path.join(tmp, "bin", "factlint"))
        run_checks(tmp)
    except Exception:  # a crash of the test itself is a failure, never a silent pass
        check("the checks ran to the end", False, traceback.format_exc())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


def run_checks(tmp):
    # bad options and packs: each must stop the build with a message matching the pattern
    def broken_pack(root):
        with open(os.path.join(root, "factlint", "broken.toml"), "w", encoding="utf-8") as f:
            f.write('[pack]\nname = "broken"\n\n[[rule]]\nid = "x.y"\ncategory = "absolute-claim"\n'
                    'severity = "loud"\nkind = "phrases"\nphrases = ["zz"]\nmessage = "m"\n')
    bad_cases = [
        ("bad-fail-on", {"fail_on": "sometimes"}, None, r'option "fail_on" must be one of'),
        ("bad-min-severity", {"min_severity": "warn"}, None, r'option "min_severity" must be one of'),
        ("unknown-option", {"failOn": "warning"}, None, r'unknown option "failOn"'),
        ("bad-rules-type", {"rules": "factlint/house.toml"}, None, r'option "rules" must be a list'),
        ("bad-report-only", {"report_only": "yes"}, None, r'option "report_only" must be true or false'),
        ("broken-pack", {"rules": ["factlint/broken.toml"]}, broken_pack, r"cannot load the rules: .*broken\.toml:\d+:\d+: "),
        ("missing-library", {"library": os.path.join(tmp, "nowhere", "libfactlint.so")}, None,
         r"cannot find libfactlint\.so at "),
    ]

    # Every build is independent (its own copy of the site): run them side by side.
    specs = [
        ("plain", None, True, (), None),
        ("default", None, False, (), None),
        ("fail-warning", {"fail_on": "warning"}, False, (), None),
        ("report-only", {"report_only": True, "report": "reports/factlint.json"}, False, (), None),
        ("min-exclude", {"min_severity": "warning", "exclude": ["news/*"], "library": LIB}, False,
         ("FACTLINT_LIB",), None),
        ("rules-error", {"rules": ["factlint/house.toml"]}, False, (), None),
        ("rules-never", {"rules": ["factlint/house.toml"], "fail_on": "never"}, False, (), None),
    ] + [(name, opts, False, (), setup) for name, opts, setup, _ in bad_cases]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(build, tmp, name, opts, disable, drop, setup)
                   for name, opts, disable, drop, setup in specs}
        run_checks_on({name: f.result() for name, f in futures.items()}, tmp, bad_cases)


def run_checks_on(builds, tmp, bad_cases):
    # -- the reference: the same site without the plugin
    plain = builds["plain"]
    if not check("plugin-less build succeeds", plain.rc == 0, plain.show()):
        return
    check("plugin-less build writes the expected outputs", set(plain.files) == HTML_PAGES | OTHER_OUTPUTS,
          "got %s" % sorted(plain.files))
    check("plugin-less build writes no report", plain.report() is None)
    for page, needles in EXPECTED.items():
        text = plain.files[page].decode("utf-8")
        missing = [t for _, t in needles if t not in text]
        check("reference %s contains the claims the test expects" % page, not missing, repr(missing))

    # -- the default options: marks, report, exit 0 (no default rule is error-level)
    d = builds["default"]
    check("default build (fail_on error) exits 0", d.rc == 0, d.show())
    check("default build writes the same set of files", set(d.files) == set(plain.files), "got %s" % sorted(d.files))
    for other in sorted(OTHER_OUTPUTS):
        check("non-HTML output %s is byte-identical to the plugin-less build" % other,
              d.files.get(other) == plain.files.get(other), diff_hint(d.files.get(other, b""), plain.files.get(other, b"")))
    scans = check_marked_pages(d, plain, "default")
    for page in sorted(CLEAN_PAGES):
        if page in scans:
            check("clean page %s has no marks and no factlint stylesheet" % page,
                  not scans[page].marks and scans[page].styles == 0 and d.files[page] == plain.files[page],
                  repr([m["text"] for m in scans[page].marks]))
    for page, expected in EXPECTED.items():
        if page not in scans:
            continue
        got = {(m["rule"], m["text"]) for m in scans[page].marks}
        for rule, text in expected:
            check("%s: %r is wrapped in <mark data-factlint=%s>" % (page, text, rule), (rule, text) in got,
                  "marks: %s" % sorted(got, key=str))
        check("%s: exactly one factlint stylesheet" % page, scans[page].styles == 1, str(scans[page].styles))
    for page, texts in NOT_MARKED.items():
        marked = " ".join(m["text"] for m in scans.get(page, PageScan()).marks)
        for t in texts:
            check("%s: %r stays unmarked" % (page, t), t not in marked)

    # the site report
    rep = d.report()
    if check("default report written to factlint-report.json in the project", rep is not None):
        version = subprocess.run([BIN, "--version"], stdout=subprocess.PIPE, universal_newlines=True).stdout
        check("report names the tool and the library's version",
              rep.get("tool", {}).get("name") == "factlint" and rep["tool"].get("version", "?") in version,
              repr(rep.get("tool")))
        files = findings_by_page(rep)
        check("report lists exactly the HTML pages, paths relative to _site", set(files) == HTML_PAGES,
              "got %s" % sorted(files))
        check("report entries have format html and no error",
              all(f.get("format") == "html" and "error" not in f for f in files.values()))
        for page in sorted(CLEAN_PAGES):
            check("report: clean page %s has no findings" % page, files.get(page, {}).get("findings") == [],
                  repr(files.get(page)))
        for page, expected in EXPECTED.items():
            fs_ = files.get(page, {}).get("findings", [])
            got = {(f["rule"], f["text"]) for f in fs_}
            for rule, text in expected:
                check("report: %s lists %s %r" % (page, rule, text), (rule, text) in got, "got %s" % sorted(got, key=str))
            src = plain.files[page]
            bad = []
            for f in fs_:
                span = src[f["start"]:f["end"]].decode("utf-8", "replace")
                line = src[:f["start"]].count(b"\n") + 1
                col = len(src[src.rfind(b"\n", 0, f["start"]) + 1:f["start"]].decode("utf-8")) + 1
                if span != f["text"] or line != f["line"] or col != f["column"]:
                    bad.append((f["text"], span, f["line"], line, f["column"], col))
                if f["category"] != CATEGORY.get(f["rule"].split(".")[0]) or f["severity"] not in ("info", "warning", "error"):
                    bad.append(("category/severity", f["rule"], f["category"], f["severity"]))
                if not f.get("message") or not f.get("link", "").startswith("http"):
                    bad.append(("message/link", f["rule"], f.get("link")))
            check("report: %s offsets, lines and columns point at the text in the page" % page, not bad, repr(bad[:3]))
            marked = {(m["rule"], m["text"]) for m in scans.get(page, PageScan()).marks}
            check("report: every finding on %s is marked in the page" % page, got <= marked,
                  "not marked: %s" % sorted(got - marked))
        total = sum(len(f["findings"]) for f in files.values())
        with_ = sum(1 for f in files.values() if f["findings"])
        summary = "[factlint] %d finding%s in %d of %d pages; report: factlint-report.json" % (
            total, "" if total == 1 else "s", with_, len(files))
        check("build prints the one-line summary %r" % summary, summary in d.output, d.show())

        # the same engine through the CLI over the reference build gives the same report
        cli_report = os.path.join(tmp, "cli-report.json")
        cli = subprocess.run([BIN, "site", "--report-only", "--quiet", "--report", cli_report,
                              os.path.join(plain.root, "_site")], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, universal_newlines=True)
        if check("`factlint site --report-only` runs on the plugin-less build", cli.returncode in (0, 1)
                 and os.path.exists(cli_report), cli.stdout):
            with open(cli_report, encoding="utf-8") as f:
                c = json.load(f)
            check("plugin report equals the CLI's site report (tool, paths, findings)",
                  c["tool"] == rep["tool"] and findings_by_page(c) == files,
                  "CLI %s vs plugin %s" % (json.dumps(c)[:600], json.dumps(rep)[:600]))

    # -- fail_on "warning": the build fails and says why
    w = builds["fail-warning"]
    check("fail_on warning: build exits non-zero", w.rc != 0, w.show())
    m = re.search(r'\[factlint\] build failed: (\d+) findings? at or above fail_on "warning"', w.output)
    check("fail_on warning: build prints why", m is not None, w.show())
    check("fail_on warning: the failing findings are listed with page:line:column",
          re.search(r"\[factlint\] harvest-report/index\.html:\d+:\d+: warning unattributed-figure figure\.unattributed",
                    w.output) is not None, w.show())
    if rep is not None and m:
        nwarn = sum(1 for f in rep["files"] for x in f["findings"] if x["severity"] in ("warning", "error"))
        check("fail_on warning: counts every warning (%d)" % nwarn, int(m.group(1)) == nwarn, m.group(0))
    check("fail_on warning: the report is still written", w.report() is not None)

    # -- report_only: pages identical to the plugin-less build, report still written (elsewhere)
    r = builds["report-only"]
    check("report_only: build exits 0", r.rc == 0, r.show())
    same = [p for p in plain.files if r.files.get(p) != plain.files[p]]
    check("report_only: every output is byte-identical to the plugin-less build",
          not same and set(r.files) == set(plain.files), "differ: %s" % same)
    rr = r.report("reports/factlint.json")
    check("report_only: report written to the `report` path", rr is not None and r.report() is None)
    if rr is not None and rep is not None:
        check("report_only: report has the same findings as the marking build",
              findings_by_page(rr) == findings_by_page(rep))
    check("report_only: summary says no page changed", "(report only: no page changed)" in r.output, r.show())

    # -- min_severity, exclude and the library option (FACTLINT_LIB unset)
    x = builds["min-exclude"]
    check("min_severity/exclude/library: build exits 0", x.rc == 0, x.show())
    xs = scan(x.files.get("harvest-report/index.html", b""))
    check("min_severity warning: no info finding is marked",
          not any("factlint-info" in mk["cls"].split() for mk in xs.marks) and
          ("quote.scare", "\u201csecret\u201d") not in {(mk["rule"], mk["text"]) for mk in xs.marks},
          repr([(mk["rule"], mk["text"]) for mk in xs.marks]))
    check("min_severity warning: warnings are still marked",
          ("figure.unattributed", "40%") in {(mk["rule"], mk["text"]) for mk in xs.marks})
    check("exclude news/*: the excluded page is left alone",
          x.files.get("news/pressing-day/index.html") == plain.files["news/pressing-day/index.html"])
    xr = x.report()
    if check("min_severity/exclude: report written", xr is not None):
        xf = findings_by_page(xr)
        check("exclude news/*: the excluded page is not in the report", set(xf) == HTML_PAGES - {"news/pressing-day/index.html"},
              sorted(xf))
        check("min_severity warning: no info finding in the report",
              all(f["severity"] != "info" for p in xf.values() for f in p["findings"]))

    # -- rules: an extra pack with an error-level rule fails the default fail_on; "never" passes
    h = builds["rules-error"]
    check("rules: an error-level finding fails the build with the default fail_on", h.rc != 0, h.show())
    check("rules: the build says which finding",
          re.search(r'build failed: 1 finding at or above fail_on "error"', h.output) is not None and
          re.search(r"news/pressing-day/index\.html:\d+:\d+: error absolute-claim house\.hype", h.output) is not None,
          h.show())
    n = builds["rules-never"]
    check("fail_on never: build exits 0 despite an error-level finding", n.rc == 0, n.show())
    ns = scan(n.files.get("news/pressing-day/index.html", b""))
    check("rules: the extra pack's finding is marked as an error",
          any(mk["rule"] == "house.hype" and mk["text"] == "bumper crop" and "factlint-error" in mk["cls"].split()
              for mk in ns.marks), repr([(mk["rule"], mk["text"], mk["cls"]) for mk in ns.marks]))

    # -- bad options and packs stop the build with a clear message
    for name, opts, setup, pattern in bad_cases:
        bb = builds[name]
        check("%s: build stops with a clear message (%s)" % (name, pattern),
              bb.rc != 0 and re.search(pattern, bb.output) is not None and not bb.files, bb.show())


if __name__ == "__main__":
    main()
