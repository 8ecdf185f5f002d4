#!/usr/bin/env python3
"""ssg-jekyll: the Jekyll adapter (plugin/jekyll/_plugins/factlint.rb) proven on a real site build.

Copies fixtures/sites/jekyll/ to a temporary folder once per scenario, links (or copies) the
plugin into its _plugins/, runs the real `jekyll build` (Debian's jekyll 4.3, no Gemfile) and
checks the pages it wrote:

  baseline      no plugin: the reference output, no report
  default       the plugin with its defaults: exit 0, the summary line, the report (paths, rules,
                texts, byte offsets into the page as checked), marks on the expected phrases and
                only inside <main> content (never in <head>, <title>, <nav>, the site header or
                footer, attributes or code), the clean page untouched, every HTML page equal to
                the baseline once the marks and the stylesheet are removed, the report equal to
                the CLI's over the plugin-less build, every other output
                (feed.xml, search.json, assets) byte-identical, and a second build in the same
                folder does not copy the report into the site
  fail_on       `fail_on: warning` makes `jekyll build` exit non-zero with a clear message, and the
                report is still written
  rules         a house pack that makes unsourced figures errors fails the default build; with
                `fail_on: never` the same build passes
  report_only   every output byte-identical to the baseline, the report (at a custom `report` path)
                equal to the default build's
  min_severity / exclude
                info findings dropped and not marked; excluded pages untouched and not reported
  library       `library:` in _config.yml with $FACTLINT_LIB unset, the plugin copied (not linked);
                and the default (the build tree next to the plugin file) when that is the build
  errors        an unknown option, a bad level, a missing library and a bad pack each stop the
                build with a clear message

Environment (set by ctest): FACTLINT_LIB (the library), FACTLINT_BIN (the CLI, whose
`factlint site --report-only` report over the plugin-less build must equal the plugin's report),
FACTLINT_SOURCE_DIR (the repository).
Standard library only. Prints "N passed, M failed" and exits non-zero on any failure; if jekyll
is not installed, that is a failure, never a silent pass.
"""

import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("FACTLINT_SOURCE_DIR") or os.path.normpath(os.path.join(HERE, "..", ".."))
LIB = os.environ.get("FACTLINT_LIB", "")
SITE = os.path.join(SOURCE_DIR, "fixtures", "sites", "jekyll")
PLUGIN = os.path.join(SOURCE_DIR, "plugin", "jekyll", "_plugins", "factlint.rb")

FERRY = "2024/03/ferry-ridership/index.html"   # the page with findings
MARKET = "2024/04/market-hall-reopens/index.html"  # the clean page
ABOUT = "about/index.html"
PRESS = "press/kit.html"                        # a static HTML file (no front matter)
HTML_PAGES = {FERRY, MARKET, ABOUT, PRESS, "index.html"}
NON_HTML = {"feed.xml", "search.json", "assets/site.css", "assets/ridership.svg"}

# (rule, text) the default rules must find on the ferry page, with the mark's category class
FERRY_EXPECTED = [
    ("figure.unattributed", "40%", "factlint-unattributed-figure"),
    ("quote.no-speaker", "“The ferry changed everything for this neighbourhood.”", "factlint-suspect-quote"),
    ("absolute.superlative", "the fastest ferry", "factlint-absolute-claim"),
    ("quote.scare", "“flexible”", "factlint-suspect-quote"),
]

ANSI = re.compile(r"\x1b\[[0-9;]*m")
MARK_OPEN = re.compile(r'<mark class="factlint[^"]*"[^>]*>')
STYLE = re.compile(r"<style data-factlint>.*?</style>", re.S)
SUMMARY = re.compile(r"factlint: (\d+) findings? in (\d+) of (\d+) pages?(.*?); report: (\S+)")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   %s" % name)
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": %s" % (detail,)) if detail else ""))
    return ok


def squash(s):
    return " ".join(s.split())


# ---- Building -------------------------------------------------------------------------------

class Build:
    def __init__(self, site, status, output):
        self.site = site
        self.dest = os.path.join(site, "_site")
        self.status = status
        self.output = output

    def files(self):
        out = {}
        for root, _, names in os.walk(self.dest):
            for n in names:
                path = os.path.join(root, n)
                out[os.path.relpath(path, self.dest).replace(os.sep, "/")] = path
        return out

    def read(self, rel):
        with open(os.path.join(self.dest, rel), "rb") as f:
            return f.read()

    def report(self, rel="factlint-report.json"):
        path = os.path.join(self.site, rel)
        if not os.path.isfile(path):
            return None
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    def summary(self):
        m = SUMMARY.search(self.output)
        return m

    def tail(self, n=25):
        return "\n".join(self.output.splitlines()[-n:])


def make_site(tmp, name, config=None, plugin="link"):
    site = os.path.join(tmp, name)
    shutil.copytree(SITE, site, symlinks=True)
    for junk in ("_site", ".jekyll-cache", "factlint-report.json"):
        p = os.path.join(site, junk)
        if os.path.isdir(p):
            shutil.rmtree(p)
        elif os.path.exists(p):
            os.remove(p)
    if plugin:
        os.makedirs(os.path.join(site, "_plugins"), exist_ok=True)
        target = os.path.join(site, "_plugins", "factlint.rb")
        if plugin == "link":
            os.symlink(PLUGIN, target)
        else:
            shutil.copyfile(PLUGIN, target)
    if config is not None:
        with open(os.path.join(site, "_config.test.yml"), "w", encoding="utf-8") as f:
            f.write(config)
    return site


def run_jekyll(site, env_changes=None):
    configs = "_config.yml"
    if os.path.exists(os.path.join(site, "_config.test.yml")):
        configs += ",_config.test.yml"
    env = dict(os.environ)
    env["FACTLINT_LIB"] = LIB
    env.setdefault("LANG", "C.UTF-8")
    for k, v in (env_changes or {}).items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    try:
        proc = subprocess.run(["jekyll", "build", "--config", configs], cwd=site, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        output = proc.stdout.decode("utf-8", "replace")
        status = proc.returncode
    except subprocess.TimeoutExpired as e:
        output = (e.output or b"").decode("utf-8", "replace") + "\n[timed out]"
        status = -1
    return Build(site, status, ANSI.sub("", output))


def build(tmp, name, config=None, plugin="link", env_changes=None):
    return run_jekyll(make_site(tmp, name, config, plugin), env_changes)


def yaml_list(items):
    return "[" + ", ".join(json.dumps(i) for i in items) + "]"


# ---- Reading pages --------------------------------------------------------------------------

class PageScan(html.parser.HTMLParser):
    """Tracks the open elements; records every factlint mark with its ancestors and text, every
    attribute, and the text of <title>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # [(tag, attrs)]
        self.marks = []          # dicts: ancestors, classes, text
        self.open_marks = []
        self.attrs = []          # (tag, name, value) of every element except marks and our style
        self.title = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        is_mark = tag == "mark" and "factlint" in (a.get("class") or "").split()
        is_style = tag == "style" and "data-factlint" in a
        if not (is_mark or is_style):
            for k, v in attrs:
                self.attrs.append((tag, k, v or ""))
        if is_mark:
            m = {"ancestors": [t for t, _ in self.stack], "stack": list(self.stack),
                 "classes": (a.get("class") or "").split(), "rule": a.get("data-factlint"), "text": ""}
            self.marks.append(m)
            self.open_marks.append(m)
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        for k, v in attrs:
            self.attrs.append((tag, k, v or ""))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag == "mark" and self.open_marks:
            self.open_marks.pop()

    def handle_data(self, data):
        for m in self.open_marks:
            m["text"] += data
        if self.stack and self.stack[-1][0] == "title":
            self.title += data


def scan(page_bytes):
    p = PageScan()
    p.feed(page_bytes.decode("utf-8"))
    p.close()
    return p


def forbidden_place(mark):
    """Why a mark is somewhere it must never be, or None."""
    tags = mark["ancestors"]
    for t in ("head", "title", "nav", "script", "style", "pre", "code", "textarea"):
        if t in tags:
            return "inside <%s>" % t
    if "main" not in tags:
        return "outside <main>"
    # the site's header and footer are outside <main>; an article's own header is content
    main_at = tags.index("main")
    for i, t in enumerate(tags):
        if t in ("header", "footer") and i < main_at:
            return "inside the site <%s>" % t
    return None


def strip_marks(page):
    text = page.decode("utf-8")
    text = STYLE.sub("", text)
    text = MARK_OPEN.sub("", text)
    return text.replace("</mark>", "").encode("utf-8")


# ---- Scenarios ------------------------------------------------------------------------------

def check_invariants(name, b, base):
    """Marks only in content; removing them gives the baseline page back; other outputs equal."""
    files, base_files = b.files(), base.files()
    check("%s: the same output files as the plugin-less build" % name, set(files) == set(base_files),
          "extra %s, missing %s" % (sorted(set(files) - set(base_files)), sorted(set(base_files) - set(files))))
    for rel in sorted(base_files):
        if rel not in files:
            continue
        page, ref = b.read(rel), base.read(rel)
        if not rel.endswith(".html"):
            check("%s: %s byte-identical to the plugin-less build" % (name, rel), page == ref)
            continue
        p = scan(page)
        bad = [(m["text"], forbidden_place(m)) for m in p.marks if forbidden_place(m)]
        check("%s: %s marks only content inside <main>" % (name, rel), not bad, repr(bad))
        leaked = [(t, k, v) for t, k, v in p.attrs if "factlint" in v or "<mark" in v]
        check("%s: %s no attribute touched" % (name, rel), not leaked, repr(leaked[:3]))
        check("%s: %s equals the plugin-less page without the marks" % (name, rel),
              strip_marks(page) == ref)


def main():
    if not shutil.which("jekyll"):
        check("jekyll is installed", False,
              "`jekyll` is not on PATH: install Debian's package (apt-get install jekyll; `make test` "
              "does it) to run this test")
        return
    if not LIB or not os.path.exists(LIB):
        check("FACTLINT_LIB names the library", False, "FACTLINT_LIB=%r does not exist" % LIB)
        return
    version = subprocess.run(["jekyll", "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    print("# %s, library %s" % (version.stdout.decode().strip(), LIB))

    tmp = tempfile.mkdtemp(prefix="factlint-ssg-jekyll-")
    keep = False
    try:
        keep = not scenarios(tmp)
    finally:
        if keep:
            print("# the sites are kept in %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def scenarios(tmp):
    start_failed = failed

    # -- baseline: no plugin
    base = build(tmp, "baseline", plugin=None)
    if not check("baseline: jekyll build without the plugin exits 0", base.status == 0, base.tail()):
        return False
    base_files = base.files()
    check("baseline: writes the fixture's pages and outputs",
          HTML_PAGES | NON_HTML <= set(base_files), sorted(base_files))
    check("baseline: no report, no marks",
          base.report() is None and not any(b"<mark" in base.read(r) for r in base_files))
    feed = base.read("feed.xml").decode("utf-8")
    check("baseline: the feed and the JSON output carry claims (so their equality means something)",
          "40%" in feed and "the fastest ferry" in feed and "40%" in base.read("search.json").decode("utf-8"))
    json.loads(base.read("search.json"))

    # -- default options
    d = build(tmp, "default")
    print("# default build output:\n" + "\n".join("#   " + l for l in d.output.splitlines()))
    check("default: jekyll build exits 0 (fail_on error, only warnings and infos)", d.status == 0, d.tail())
    rep = d.report()
    check("default: the report is written to factlint-report.json in the source folder", rep is not None)
    if rep is None:
        return False
    check("default: report in the CLI's format",
          rep.get("tool", {}).get("name") == "factlint" and isinstance(rep.get("files"), list)
          and all({"path", "format", "findings"} <= set(f) and f["format"] == "html" for f in rep["files"]),
          json.dumps(rep)[:300])
    by_path = {f["path"]: f for f in rep["files"]}
    check("default: every HTML page is in the report, nothing else (no feed, no JSON)",
          set(by_path) == HTML_PAGES, sorted(by_path))
    ferry = {(f["rule"], f["text"]) for f in by_path.get(FERRY, {}).get("findings", [])}
    for rule, text, _ in FERRY_EXPECTED:
        check("default: report has %s %r on the ferry page" % (rule, text), (rule, text) in ferry, sorted(ferry))
    check("default: the clean page has no findings", by_path.get(MARKET, {}).get("findings") == [],
          repr(by_path.get(MARKET)))
    about = {(f["rule"], squash(f["text"])) for f in by_path.get(ABOUT, {}).get("findings", [])}
    check("default: report has the superlative on the about page",
          ("absolute.superlative", "the most complete ferry") in about, sorted(about))
    press = {(f["rule"], f["text"]) for f in by_path.get(PRESS, {}).get("findings", [])}
    check("default: the static HTML file (no front matter) is checked too",
          ("figure.unattributed", "60%") in press, sorted(press))
    offsets = []
    for path, entry in by_path.items():
        page = base.read(path)
        for f in entry["findings"]:
            if page[f["start"]:f["end"]].decode("utf-8", "replace") != f["text"]:
                offsets.append((path, f["start"], f["end"], f["text"]))
    check("default: every finding's start/end are byte offsets of its text in the page as written "
          "without the plugin", not offsets, repr(offsets[:3]))
    total = sum(len(f["findings"]) for f in rep["files"])
    with_findings = sum(1 for f in rep["files"] if f["findings"])
    m = d.summary()
    check("default: prints the summary line", m is not None, d.tail())
    if m:
        check("default: the summary agrees with the report",
              (int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(5))
              == (total, with_findings, len(HTML_PAGES), "factlint-report.json"), m.group(0))

    cli = os.environ.get("FACTLINT_BIN") or os.path.join(SOURCE_DIR, "build", "bin", "factlint")
    cli_report = os.path.join(tmp, "cli-report.json")
    proc = subprocess.run([cli, "site", "--report-only", "--quiet", "--report", cli_report, base.dest],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    cli_files = {}
    if os.path.isfile(cli_report):
        with open(cli_report, encoding="utf-8") as fh:
            cli_files = {x["path"]: x for x in json.load(fh)["files"]}
    check("default: the report equals `factlint site --report-only` over the plugin-less build",
          proc.returncode in (0, 1) and cli_files == by_path,
          "exit %d %s" % (proc.returncode, proc.stdout.decode("utf-8", "replace")[-300:]))

    page = d.read(FERRY)
    p = scan(page)
    for rule, text, cls in FERRY_EXPECTED:
        hits = [mk for mk in p.marks if squash(mk["text"]) == text and mk["rule"] == rule]
        check("default: %r is wrapped in <mark class=\"factlint %s ...\">" % (text, cls),
              hits and all(cls in mk["classes"] for mk in hits),
              repr([(mk["text"], mk["classes"]) for mk in p.marks]))
    in_h1 = [mk for mk in p.marks if mk["text"] == "40%" and "h1" in mk["ancestors"]]
    check("default: the post's <h1> (content) is marked while the same words in <title> are not",
          in_h1 and "40%" in p.title and "<mark" not in p.title, p.title)
    scare = [mk for mk in p.marks if mk["rule"] == "quote.scare"]
    check("default: an info finding is marked with factlint-info (min_severity info)",
          scare and "factlint-info" in scare[0]["classes"])
    text = page.decode("utf-8")
    check("default: the site tagline, nav and footer keep their claims unmarked",
          "<p class=\"tagline\">The best local news in the world, read by 90% of the harbour</p>" in text
          and ">About the best newsletter ever written</a>" in text
          and "<p>Everybody on the waterfront reads us: 75% of households open every issue.</p>" in text)
    check("default: image alt/title and code keep their claims unmarked",
          'alt="Chart: ridership up 40% in a year" title="The best year ever for the ferry"' in text
          and ">ridership += 40%</code>" in text)
    check("default: the <head> gets only the factlint stylesheet",
          text.count("<style data-factlint>") == 1 and text.index("<style data-factlint>") < text.index("</head>"))
    check("default: the clean page is byte-identical to the plugin-less build", d.read(MARKET) == base.read(MARKET))
    check("default: the static HTML file is marked in its content",
          any(mk["text"] == "60%" for mk in scan(d.read(PRESS)).marks))
    check_invariants("default", d, base)

    again = run_jekyll(d.site)
    check("default: a second build in the same folder exits 0 and does not publish the report",
          again.status == 0 and "factlint-report.json" not in again.files(), again.tail())

    # -- fail_on reached
    f = build(tmp, "fail-on-warning", "factlint:\n  fail_on: warning\n")
    at_or_above = sum(1 for e in rep["files"] for x in e["findings"] if x["severity"] in ("warning", "error"))
    check("fail_on warning: jekyll build exits non-zero", f.status != 0, f.tail())
    check("fail_on warning: a clear message with the count",
          "YOUR SITE COULD NOT BE BUILT" in f.output
          and ('factlint: %d findings at or above fail_on "warning"' % at_or_above) in f.output, f.tail())
    check("fail_on warning: the failing findings are listed as path:line:column",
          re.search(r"factlint: %s:\d+:\d+: warning absolute-claim absolute\.superlative: " % re.escape(FERRY),
                    f.output) is not None, f.tail())
    check("fail_on warning: the report is still written", f.report() is not None)

    # -- rules: a house pack raises unsourced figures to errors; the default fail_on then fails
    s = build(tmp, "strict", "factlint:\n  rules: [_factlint/strict.toml]\n")
    figures = sum(1 for e in rep["files"] for x in e["findings"] if x["rule"] == "figure.unattributed")
    check("rules: a pack making figures errors fails the default build", s.status != 0, s.tail())
    check("rules: the message counts the error findings",
          ('factlint: %d finding%s at or above fail_on "error"' % (figures, "" if figures == 1 else "s")) in s.output,
          s.tail())
    srep = s.report() or {"files": []}
    sev = {x["severity"] for e in srep["files"] for x in e["findings"] if x["rule"] == "figure.unattributed"}
    check("rules: the report has the pack's severity", sev == {"error"}, repr(sev))
    n = build(tmp, "strict-never", "factlint:\n  rules: [_factlint/strict.toml]\n  fail_on: never\n")
    check("rules + fail_on never: the same build exits 0", n.status == 0, n.tail())

    # -- report_only: nothing changes, the report is still written (at a custom path)
    r = build(tmp, "report-only", "factlint:\n  report_only: true\n  report: reports/site.json\n")
    check("report_only: jekyll build exits 0", r.status == 0, r.tail())
    files = r.files()
    check("report_only: the same output files as the plugin-less build", set(files) == set(base_files),
          sorted(set(files) ^ set(base_files)))
    diff = [rel for rel in base_files if rel in files and r.read(rel) != base.read(rel)]
    check("report_only: every output byte-identical to the plugin-less build", not diff, repr(diff))
    rr = r.report("reports/site.json")
    check("report_only: the report is written at the `report` path", rr is not None
          and r.report() is None)
    check("report_only: the report has the same findings as the annotating build",
          rr is not None and rr["files"] == rep["files"])
    m = r.summary()
    check("report_only: the summary says no page changed",
          m is not None and "(report only: no page changed)" in m.group(4) and m.group(5) == "reports/site.json",
          r.tail())

    # -- min_severity and exclude
    e = build(tmp, "min-severity-exclude",
              "factlint:\n  min_severity: warning\n  exclude: %s\n" % yaml_list(["about/*", "press/*"]))
    check("min_severity/exclude: jekyll build exits 0", e.status == 0, e.tail())
    erep = e.report() or {"files": []}
    epaths = {x["path"] for x in erep["files"]}
    check("exclude: excluded pages are not in the report", epaths == HTML_PAGES - {ABOUT, PRESS}, sorted(epaths))
    check("exclude: excluded pages are byte-identical to the plugin-less build",
          e.read(ABOUT) == base.read(ABOUT) and e.read(PRESS) == base.read(PRESS))
    levels = {x["severity"] for f in erep["files"] for x in f["findings"]}
    check("min_severity warning: no info finding is reported", levels == {"warning"}, repr(levels))
    marks = scan(e.read(FERRY)).marks
    check("min_severity warning: the info finding is not marked, the warnings are",
          not any(mk["rule"] == "quote.scare" for mk in marks)
          and any(mk["rule"] == "absolute.superlative" for mk in marks))
    check_invariants("min_severity/exclude", e, base)

    # -- library: from _config.yml, with $FACTLINT_LIB unset and the plugin copied
    lb = build(tmp, "library-option", "factlint:\n  library: %s\n" % json.dumps(os.path.abspath(LIB)),
               plugin="copy", env_changes={"FACTLINT_LIB": None})
    check("library: `library:` in _config.yml loads the library ($FACTLINT_LIB unset)",
          lb.status == 0 and lb.report() is not None and b"<mark" in lb.read(FERRY), lb.tail())
    build_tree = os.path.join(SOURCE_DIR, "build", "lib")
    if os.path.realpath(os.path.dirname(LIB)) == os.path.realpath(build_tree):
        dl = build(tmp, "library-default", plugin="link", env_changes={"FACTLINT_LIB": None})
        check("library: the default is the build tree next to the (linked) plugin file",
              dl.status == 0 and b"<mark" in dl.read(FERRY), dl.tail())
    else:
        print("# not checked: the build-tree default (this build is not %s)" % build_tree)

    # -- errors stop the build with a clear message
    errors = [
        ("unknown option", "factlint:\n  fail-on: warning\n", {}, "unknown option fail-on under `factlint:`"),
        ("bad level", "factlint:\n  min_severity: loud\n", {}, 'min_severity must be one of info, warning, error'),
        ("missing library", "factlint:\n  library: /nonexistent/libfactlint.so\n", {},
         "cannot load the library /nonexistent/libfactlint.so"),
        ("bad pack", "factlint:\n  rules: [_factlint/bad.toml]\n", {"bad.toml": "[[rule]]\nid = 3\n"},
         "cannot load the rules: "),
    ]
    for label, config, extra, message in errors:
        site = make_site(tmp, "error-" + label.replace(" ", "-"), config)
        for fname, content in extra.items():
            with open(os.path.join(site, "_factlint", fname), "w", encoding="utf-8") as fh:
                fh.write(content)
        b = run_jekyll(site)
        check("errors: %s stops the build (exit non-zero, %r)" % (label, message),
              b.status != 0 and "YOUR SITE COULD NOT BE BUILT" in b.output and message in b.output
              and (label != "bad pack" or re.search(r"_factlint/bad\.toml:2:\d+: ", b.output)), b.tail())

    # -- a page that cannot be checked (invalid UTF-8 in a static HTML file): named, left as it
    #    was, in the report with its error, and the build fails
    site = make_site(tmp, "error-bad-page")
    bad = b"<!DOCTYPE html><html><body><main><p>Sales rose 40%.\xff</p></main></body></html>\n"
    with open(os.path.join(site, "press", "broken.html"), "wb") as fh:
        fh.write(bad)
    b = run_jekyll(site)
    brep = b.report() or {"files": []}
    entry = [x for x in brep["files"] if x["path"] == "press/broken.html"]
    check("errors: a page that cannot be checked fails the build and is named",
          b.status != 0 and "press/broken.html: cannot be checked: invalid UTF-8" in b.output
          and "1 page could not be checked" in b.output, b.tail())
    check("errors: that page is left as it was and reported with its error",
          os.path.exists(os.path.join(b.dest, "press", "broken.html")) and b.read("press/broken.html") == bad
          and len(entry) == 1 and "invalid UTF-8" in entry[0].get("error", "") and entry[0]["findings"] == [],
          repr(entry))
    check("errors: the other pages are still checked and marked", b"<mark" in b.read(FERRY))
    leftovers = [n for n in os.listdir(b.site) + os.listdir(os.path.join(b.dest, "press")) if "factlint-tmp" in n]
    check("no temporary file is left behind", not leftovers, repr(leftovers))

    return failed == start_failed


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # a crash in the test is a failure, never a pass
        import traceback
        traceback.print_exc()
        check("the test ran to the end", False, repr(exc))
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
