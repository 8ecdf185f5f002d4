"""ctest ssg-pelican: the Pelican plugin (plugin/pelican/pelican/plugins/factlint) on a real site.

Builds fixtures/sites/pelican with Debian's `pelican` (it runs /usr/bin/python3) and its default
theme ("simple") in temporary copies, once without the plugin (the baseline: PLUGINS = [] and no
PYTHONPATH) and once per option set, and checks:
- marks: the expected phrases are wrapped in <mark class="factlint ...">: in the article's body on
  its page, and in its summary on the paginated listings (index, category); every mark sits in a
  div.entry-content and never in <head>, <title>, the banner header, the nav menu, the entry-title
  headers, footers, code, or an attribute; removing the marks and the stylesheet gives the
  baseline file back byte for byte (the site name, subtitle, menu and page-title claims are
  untouched, including the simple theme's body-level <h1> titles);
- the clean article, the page, the title-only listings (archives, tags, categories, authors) and
  the excluded files (tag/*, author/*, which show the same summary) are identical to the baseline;
- the report: written at `report`, the CLI's JSON shape, lists the expected findings per file,
  and each finding's start/end/line/column point at its text in the file as the baseline wrote it;
- fail_on: the default (error; the fixture's house rule is an error) makes `pelican` exit 1 with a
  CRITICAL FactlintFailed line; fail_on = "never", or nothing at fail_on, exits 0 (even with
  --fatal warnings: the plugin logs no warning of its own);
- report_only: every output file identical to the baseline, the report still written;
- min_severity: findings below it are neither marked nor reported;
- the Atom feed (feeds/all.atom.xml, which carries the same claims) is identical to the baseline in
  every run.
If pelican is not installed the test fails. Prints "N passed, M failed"; exits 1 on any failure.
"""

import ctypes
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import MARK_OPEN, STYLE, VOID, MarkScanner, scan, strip_factlint, tree  # noqa: E402

SOURCE = os.environ.get("FACTLINT_SOURCE_DIR") or os.path.normpath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FIXTURE = os.path.join(SOURCE, "fixtures", "sites", "pelican")
PLUGIN_PATH = os.path.join(SOURCE, "plugin", "pelican")

ARTICLE = "spring-ride.html"
CLEAN = "winter-maintenance.html"
PAGE = "pages/about.html"
LISTINGS = ["index.html", "category/rides.html"]            # show the article's summary
CHECKED = sorted([ARTICLE, CLEAN, PAGE, "category/workshop.html"] + LISTINGS)
EXCLUDED = ["tag/gear.html", "tag/touring.html", "author/ines-okafor.html"]  # show the summary too
FEED = "feeds/all.atom.xml"

SUMMARY_FINDING = ("figure.unattributed", "70%")
EXPECT_FINDINGS = {
    ARTICLE: [("figure.unattributed", "60%"),
              ("quote.no-speaker", '"You will never want to ride anything else."'),
              ("house.hype", "game-changing"),
              ("absolute.superlative", "the most comfortable saddle")],
    "index.html": [SUMMARY_FINDING],
    "category/rides.html": [SUMMARY_FINDING],
}
# Claims in theme chrome (SITENAME, SITESUBTITLE, MENUITEMS, the page title) never to be marked.
CHROME_CLAIMS = ["The Best Cycling Blog Ever", "Read by 95% of Riders", "Unmatched route notes, guaranteed",
                 "The #1 route planner, 100% free", "About the best riders in town"]

CHROME = {"head", "title", "nav", "header", "footer", "script", "style", "pre", "code", "textarea"}

passed, failed = 0, 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok   %s" % name)
    else:
        failed += 1
        print("FAIL %s%s" % (name, (": " + detail) if detail else ""))
    return cond


# ---- building -------------------------------------------------------------------------------

def find_pelican():
    """$PELICAN (only that, if set), else Debian's /usr/bin/pelican, else the first on PATH."""
    forced = os.environ.get("PELICAN")
    for cand in ([forced] if forced else ["/usr/bin/pelican", shutil.which("pelican")]):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


PELICAN = find_pelican()
WORK = tempfile.mkdtemp(prefix="factlint-ssg-pelican-")
LIB = None  # a private copy of $FACTLINT_LIB (see snapshot_library)


def snapshot_library(path):
    """Copies the library once, so that every build of this test loads the same bytes even if
    someone rebuilds the shared build tree meanwhile (a half-written .so fails to load)."""
    dest = os.path.join(WORK, "lib", "libfactlint.so")
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    for attempt in range(20):
        try:
            shutil.copyfile(path, dest)
            lib = ctypes.CDLL(dest)
            lib.factlint_abi_version.restype = ctypes.c_int
            if lib.factlint_abi_version() == 1:
                return dest
        except OSError:
            pass
        time.sleep(0.5)
    return None


def env(plugin=True, with_lib=True):
    e = dict(os.environ)
    e["PYTHONDONTWRITEBYTECODE"] = "1"   # no __pycache__ in the source tree
    e.pop("FACTLINT_PYTHON", None)       # the plugin must find the binding from its own folder
    e["COLUMNS"] = "200"                 # fewer wrapped log lines (rich)
    if plugin:
        e["PYTHONPATH"] = PLUGIN_PATH
    else:
        e.pop("PYTHONPATH", None)
    if with_lib:
        e["FACTLINT_LIB"] = LIB
    else:
        e.pop("FACTLINT_LIB", None)
    return e


def build(name, overrides=None, plugin=True, with_lib=True, args=()):
    """Copies the fixture to WORK/name, appends the overrides to pelicanconf.py and runs
    `pelican content -s pelicanconf.py -o output`. Returns (returncode, output, project folder)."""
    project = os.path.join(WORK, name)
    shutil.copytree(FIXTURE, project)
    extra = "\n# ---- added by tests/ssg/pelican.py\n"
    if not plugin:
        extra += "PLUGINS = []\n"
    if overrides:
        extra += "FACTLINT.update(%r)\n" % (overrides,)
    with open(os.path.join(project, "pelicanconf.py"), "a", encoding="utf-8") as f:
        f.write(extra)
    cmd = [PELICAN, "content", "-s", "pelicanconf.py", "-o", "output"] + list(args)
    p = subprocess.run(cmd, cwd=project, env=env(plugin, with_lib), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=300)
    out = p.stdout.decode("utf-8", "replace")
    print("---- %s: pelican %s (exit %d)\n%s" % (name, " ".join(cmd[1:]), p.returncode, out.rstrip()))
    return p.returncode, out, project


def squash(text):
    return re.sub(r"\s+", " ", text)


# ---- reading marks --------------------------------------------------------------------------

def marked(marks, rule, phrase):
    """Whether `phrase` is wrapped in marks of `rule`. A finding that crosses tags or encloses
    another finding is split into several marks: their texts are joined in page order, and
    whitespace is ignored (the engine may leave a space between pieces unmarked)."""
    nows = lambda t: re.sub(r"\s+", "", t)
    return nows(phrase) in nows("".join(m["text"] for m in marks if m["rule"] == rule))


def in_content(ancestors):
    return any(t == "div" and "entry-content" in (a.get("class") or "").split() for t, a in ancestors)


def chrome_of(ancestors):
    return [t for t, a in ancestors if t in CHROME]


# ---- the checks -----------------------------------------------------------------------------

def check_unmarked_files(name, base, site, marked_files):
    check("%s: same set of output files" % name, sorted(base) == sorted(site),
          "only in baseline %s, only here %s" % (sorted(set(base) - set(site)), sorted(set(site) - set(base))))
    diffs = [p for p in base if p not in marked_files and site.get(p) != base[p]]
    check("%s: every other output file identical to the baseline (%d files)" % (
        name, len([p for p in base if p not in marked_files])), not diffs, "differ: %s" % diffs)
    check("%s: the Atom feed identical to the baseline" % name, site.get(FEED) == base[FEED])
    for p in [CLEAN, PAGE] + EXCLUDED + ["archives.html", "tags.html", "categories.html", "authors.html"]:
        check("%s: %s identical to the baseline" % (name, p), site.get(p) == base[p])


def check_marked_site(name, base, site, expect_marked, only_rules=None):
    for p, wanted in expect_marked.items():
        page = site[p].decode("utf-8")
        s = scan(page)
        texts = [(m["rule"], m["text"]) for m in s.marks]
        for rule, phrase in wanted:
            check("%s: %s: %r is marked (%s)" % (name, p, phrase, rule), marked(s.marks, rule, phrase),
                  "marked: %r" % texts)
        outside = [(m["text"], chrome_of(m["ancestors"])) for m in s.marks
                   if not in_content(m["ancestors"]) or chrome_of(m["ancestors"])]
        check("%s: %s: every mark inside div.entry-content, none in head/title/nav/header/footer/code"
              % (name, p), not outside, "outside: %r" % outside)
        check("%s: %s: no factlint text in any attribute" % (name, p), not s.bad_attrs, repr(s.bad_attrs))
        check("%s: %s: removing the marks gives the baseline file back" % (name, p),
              strip_factlint(page).encode("utf-8") == base[p])
        check("%s: %s: one stylesheet" % (name, p), page.count("<style data-factlint>") == 1)
        chrome_marked = [(c, m["text"]) for c in CHROME_CLAIMS for m in s.marks if c.lower() in m["text"].lower()]
        check("%s: %s: no chrome claim marked" % (name, p), not chrome_marked, repr(chrome_marked))
        if only_rules is not None:
            rules = set(m["rule"] for m in s.marks)
            check("%s: %s: only %s marked" % (name, p, sorted(only_rules)), rules <= only_rules, sorted(rules))
    check_unmarked_files(name, base, site, set(expect_marked))


def check_report(name, project, base, expect, files_expected=CHECKED):
    path = os.path.join(project, "factlint-report.json")
    if not check("%s: report written at factlint-report.json" % name, os.path.isfile(path)):
        return None
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    check("%s: report names the tool" % name, report.get("tool", {}).get("name") == "factlint", repr(report.get("tool")))
    files = {e["path"]: e for e in report.get("files", [])}
    check("%s: report lists the files with content (not the excluded or title-only ones)" % name,
          sorted(files) == sorted(files_expected), repr(sorted(files)))
    for p, wanted in expect.items():
        got = [(f["rule"], f["text"]) for f in files.get(p, {}).get("findings", [])]
        for w in wanted:
            check("%s: report: %s has %s %r" % (name, p, w[0], w[1]), w in got, repr(got))
    bad = []
    for p, e in files.items():
        check("%s: report: %s is format html with no error" % (name, p), e.get("format") == "html" and "error" not in e)
        raw = base.get(p, b"")
        lines = raw.decode("utf-8").split("\n")
        for f in e.get("findings", []):
            keys = {"rule", "category", "severity", "message", "text", "start", "end", "line", "column"}
            if not keys <= set(f):
                bad.append((p, "missing keys", sorted(keys - set(f))))
                continue
            if raw[f["start"]:f["end"]].decode("utf-8", "replace") != f["text"]:
                bad.append((p, f["text"], "bytes", f["start"], f["end"]))
            line = lines[f["line"] - 1] if 0 < f["line"] <= len(lines) else ""
            if not line[f["column"] - 1:].startswith(f["text"].split("\n")[0]):
                bad.append((p, f["text"], "line/column", f["line"], f["column"]))
    check("%s: report positions point at the text in the file as written" % name, not bad, repr(bad[:5]))
    for p in (CLEAN, PAGE):
        if p in files:
            check("%s: report: %s has no findings" % (name, p), files[p]["findings"] == [], repr(files[p]["findings"]))
    return files


def main():
    if not PELICAN:
        print("FAIL pelican is not installed: this test needs Debian's pelican "
              "(apt-get install -y --no-install-recommends pelican; `make test` installs it)")
        print("0 passed, 1 failed")
        return 1
    global LIB
    lib = os.environ.get("FACTLINT_LIB")
    if not check("FACTLINT_LIB names the library", bool(lib) and os.path.isfile(lib), repr(lib)):
        print("%d passed, %d failed" % (passed, failed))
        return 1
    LIB = snapshot_library(lib)
    if not check("the library loads (ABI 1)", LIB is not None, lib):
        print("%d passed, %d failed" % (passed, failed))
        return 1

    # The baseline: the same site without the plugin.
    rc, out, base_dir = build("baseline", plugin=False)
    if not check("baseline: pelican without the plugin succeeds", rc == 0, out[-500:]):
        print("%d passed, %d failed" % (passed, failed))
        return 1
    base = tree(os.path.join(base_dir, "output"))
    check("baseline: no report without the plugin", not os.path.exists(os.path.join(base_dir, "factlint-report.json")))
    check("baseline: the files carry no <mark> of their own", all(b"<mark" not in v for v in base.values()))
    check("baseline: the feed carries the article's claims",
          FEED in base and b"game-changing" in base[FEED] and b"60%" in base[FEED])
    for p in EXCLUDED:
        check("baseline: excluded %s shows the summary claim" % p, b"70%" in base[p])
    for claim in CHROME_CLAIMS:
        check("baseline: chrome claim %r is on the article page" % claim, claim.encode() in base[ARTICLE])

    # Defaults (fail_on error; the house rule is an error): pages marked, report written, exit 1.
    rc, out, proj = build("default")
    check("default: pelican exits 1 at fail_on=error", rc == 1, "exit %d" % rc)
    flat = squash(out)
    check("default: CRITICAL FactlintFailed names the finding", "CRITICAL FactlintFailed: 1 finding at or above "
          "fail_on 'error'" in flat and "spring-ride.html:" in flat and "house.hype" in flat, flat[-400:])
    check("default: prints the summary line", re.search(
        r"factlint: \d+ findings in 3 of 6 pages \(4 excluded\); report: factlint-report\.json", out) is not None)
    site = tree(os.path.join(proj, "output"))
    check_marked_site("default", base, site, EXPECT_FINDINGS)
    check_report("default", proj, base, EXPECT_FINDINGS)

    # fail_on never: exit 0, even with --fatal warnings (no warning of the plugin's own).
    rc, out, proj = build("never", {"fail_on": "never"}, args=["--fatal", "warnings"])
    check("fail_on never: pelican --fatal warnings exits 0", rc == 0, out[-500:])
    check("fail_on never: Pelican's Done line printed", "Done: Processed 2 articles" in out)
    site = tree(os.path.join(proj, "output"))
    check_marked_site("fail_on never", base, site, EXPECT_FINDINGS)

    # Only warnings (no house pack): exit 0 at fail_on error, exit 1 at fail_on warning.
    rc, out, proj = build("no-house", {"rules": []})
    check("no error-level finding: exit 0 at fail_on=error", rc == 0, out[-500:])
    files = check_report("no-house", proj, base, {p: [w for w in ws if w[0] != "house.hype"]
                                                  for p, ws in EXPECT_FINDINGS.items()})
    if files is not None:
        check("no-house: no house.hype finding",
              all(f["rule"] != "house.hype" for e in files.values() for f in e["findings"]))
    rc, out, proj = build("warning", {"rules": [], "fail_on": "warning"})
    check("fail_on warning: exit 1 on warnings", rc == 1 and "at or above fail_on 'warning'" in squash(out),
          out[-300:])

    # min_severity error: only the house rule is marked and reported.
    rc, out, proj = build("min-severity", {"min_severity": "error", "fail_on": "never"})
    check("min_severity error: exit 0", rc == 0, out[-300:])
    site = tree(os.path.join(proj, "output"))
    check_marked_site("min_severity error", base, site, {ARTICLE: [("house.hype", "game-changing")]},
                      only_rules={"house.hype"})
    files = check_report("min-severity", proj, base, {ARTICLE: [("house.hype", "game-changing")]})
    if files is not None:
        check("min_severity error: only error findings reported",
              all(f["severity"] == "error" for e in files.values() for f in e["findings"]))

    # report_only: every output file identical to the baseline; the report is still complete.
    rc, out, proj = build("report-only", {"report_only": True, "fail_on": "never"})
    check("report_only: exit 0", rc == 0, out[-300:])
    check("report_only: summary says no page changed", "(report only: no page changed)" in out)
    site = tree(os.path.join(proj, "output"))
    diffs = [p for p in base if site.get(p) != base[p]]
    check("report_only: every output file identical to the baseline", not diffs and sorted(site) == sorted(base),
          repr(diffs))
    check_report("report-only", proj, base, EXPECT_FINDINGS)

    # report_only still fails the build at fail_on.
    rc, out, proj = build("report-only-fail", {"report_only": True})
    check("report_only: still exits 1 at fail_on", rc == 1 and "FactlintFailed" in out, "exit %d" % rc)

    # A custom report path; the library option with no $FACTLINT_LIB (both relative to the project).
    rc, out, proj = build("paths", {"report": "reports/site.json", "fail_on": "never",
                                    "library": os.path.relpath(LIB, os.path.join(WORK, "paths"))}, with_lib=False)
    check("report path: written where asked", rc == 0 and os.path.isfile(os.path.join(proj, "reports", "site.json")),
          out[-300:])
    site = tree(os.path.join(proj, "output"))
    check("library option: pages marked", b'<mark class="factlint' in site.get(ARTICLE, b""))
    rc, out, proj = build("library-missing", {"library": "no/such/libfactlint.so"}, with_lib=False)
    check("library option: a missing library stops the build with its path",
          rc != 0 and "no/such/libfactlint.so" in squash(out).replace(" ", ""), out[-300:])

    # A bad option stops the build with a clear message.
    rc, out, proj = build("bad-option", {"fail-on": "never"})
    check("unknown option: the build stops and names it", rc != 0 and "unknown option 'fail-on'" in squash(out),
          out[-300:])

    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        code = main()
    except Exception:
        traceback.print_exc()
        print("%d passed, %d failed" % (passed, failed + 1))
        code = 1
    finally:
        if os.environ.get("FACTLINT_KEEP_TMP"):
            print("kept %s" % WORK)
        else:
            shutil.rmtree(WORK, ignore_errors=True)
    sys.exit(code)
