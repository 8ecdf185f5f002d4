"""ctest ssg-mkdocs: the MkDocs hook (plugin/mkdocs/factlint_hook.py) on a real site.

Builds fixtures/sites/mkdocs with Debian's `mkdocs` (it runs /usr/bin/python3) in temporary copies,
once without the hook (the baseline) and once per option set, and checks:
- marks: the expected phrases of each page are wrapped in <mark class="factlint ...">, every mark
  sits in the page body (div[role=main]) and never in <head>, <title>, nav, header, footer,
  script/style/pre/code, or an attribute; removing the marks and the stylesheet gives the
  baseline page back byte for byte (so the site name, nav and <title> claims are untouched);
- the clean page and the excluded page are identical to the baseline;
- the report: written at `report`, the CLI's JSON shape, lists the expected findings per page,
  and each finding's start/end/line/column point at its text in the page as the baseline wrote it;
- fail_on: `mkdocs build --strict` fails at the default fail_on=error (the fixture's house rule
  is an error), passes with fail_on: never, or when nothing reaches fail_on; a plain
  `mkdocs build` succeeds and prints the warning;
- report_only: every output file identical to the baseline, and the report still written;
- min_severity: findings below it are neither marked nor reported;
- non-HTML outputs (sitemap.xml, sitemap.xml.gz, search/search_index.json, theme assets) are
  identical to the baseline in every run.
If mkdocs is not installed the test fails. Prints "N passed, M failed"; exits 1 on any failure.
"""

import ctypes
import gzip
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
FIXTURE = os.path.join(SOURCE, "fixtures", "sites", "mkdocs")
HOOK = os.path.join(SOURCE, "plugin", "mkdocs", "factlint_hook.py")
HOOK_IN_FIXTURE = "../../../plugin/mkdocs/factlint_hook.py"

# Pages and what each must carry (output path -> phrases that must be marked / (rule, text) findings).
PAGES = ["index.html", "brewing/index.html", "growers/index.html"]
CLEAN = "growers/index.html"
EXCLUDED = "about/index.html"
EXPECT_FINDINGS = {
    "index.html": [("figure.unattributed", "35%"), ("absolute.superlative", "the finest tea")],
    "brewing/index.html": [("figure.unattributed", "40%"),
                           ("quote.no-speaker", '"Nothing else comes close to a properly warmed pot."'),
                           ("house.hype", "game-changing"), ("absolute.superlative", "the best kettle")],
}
EXPECT_MARKED = EXPECT_FINDINGS  # each (rule, phrase) wrapped in marks of that rule
# Claims in theme chrome (site_name, nav titles, description) that must never be marked.
CHROME_CLAIMS = ["The Best Tea Guide Ever", "Trusted by 90% of Brewers", "always perfect, 3x the flavour",
                 "the best team ever", "100% reliable"]

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

def find_mkdocs():
    """$MKDOCS (only that, if set), else Debian's /usr/bin/mkdocs, else the first on PATH."""
    forced = os.environ.get("MKDOCS")
    for cand in ([forced] if forced else ["/usr/bin/mkdocs", shutil.which("mkdocs")]):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


MKDOCS = find_mkdocs()
WORK = tempfile.mkdtemp(prefix="factlint-ssg-mkdocs-")


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


def env(with_lib=True):
    e = dict(os.environ)
    e["PYTHONDONTWRITEBYTECODE"] = "1"   # no __pycache__ in the source tree
    e["SOURCE_DATE_EPOCH"] = "1700000000"  # the same sitemap dates (and .gz header) in every build
    e.pop("FACTLINT_PYTHON", None)       # the hook must find the binding next to itself
    if with_lib:
        e["FACTLINT_LIB"] = LIB
    else:
        e.pop("FACTLINT_LIB", None)
    return e


def build(name, overrides=None, strict=False, hook=True, with_lib=True):
    """Copies the fixture to WORK/name, writes variant.yml (INHERIT: mkdocs.yml + overrides) and
    runs mkdocs build. Returns (returncode, output, project folder)."""
    project = os.path.join(WORK, name)
    shutil.copytree(FIXTURE, project)
    cfg = os.path.join(project, "mkdocs.yml")
    with open(cfg, encoding="utf-8") as f:
        text = f.read()
    assert HOOK_IN_FIXTURE in text, "the fixture's mkdocs.yml no longer names the hook"
    with open(cfg, "w", encoding="utf-8") as f:
        f.write(text.replace(HOOK_IN_FIXTURE, HOOK))
    variant = {"INHERIT": "mkdocs.yml"}
    if not hook:
        variant["hooks"] = []
    if overrides:
        variant["extra"] = {"factlint": overrides}
    with open(os.path.join(project, "variant.yml"), "w", encoding="utf-8") as f:
        json.dump(variant, f)  # JSON is YAML
    cmd = [MKDOCS, "build", "-f", "variant.yml"] + (["--strict"] if strict else [])
    p = subprocess.run(cmd, cwd=project, env=env(with_lib), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=300)
    out = p.stdout.decode("utf-8", "replace")
    print("---- %s: %s (exit %d)\n%s" % (name, " ".join(cmd[1:]), p.returncode, out.rstrip()))
    return p.returncode, out, project


# ---- reading marks --------------------------------------------------------------------------

def marked(marks, rule, phrase):
    """Whether `phrase` is wrapped in marks of `rule`. A finding that crosses tags or encloses
    another finding is split into several marks: their texts are joined in page order, and
    whitespace is ignored (see the report: the engine may leave a space between pieces unmarked)."""
    squash = lambda t: re.sub(r"\s+", "", t)
    return squash(phrase) in squash("".join(m["text"] for m in marks if m["rule"] == rule))


def in_body(ancestors):
    return any(t == "div" and a.get("role") == "main" for t, a in ancestors)


def chrome_of(ancestors):
    hits = [t for t, a in ancestors if t in CHROME]
    hits += ["%s.%s" % (t, a.get("class")) for t, a in ancestors if "navbar" in (a.get("class") or "")]
    hits += ["%s[role=%s]" % (t, a.get("role")) for t, a in ancestors
             if a.get("role") in ("navigation", "complementary", "banner", "contentinfo")]
    return hits


# ---- the checks -----------------------------------------------------------------------------

def same_non_html(name, base, site):
    """Every non-HTML output identical to the baseline (sitemap.xml.gz compared decompressed too)."""
    check("%s: same set of output files" % name, sorted(base) == sorted(site),
          "only in baseline %s, only here %s" % (sorted(set(base) - set(site)), sorted(set(site) - set(base))))
    diffs = [p for p in base if not p.endswith(".html") and p in site and base[p] != site[p]]
    check("%s: non-HTML outputs identical to the baseline (%d files)" % (
        name, sum(1 for p in base if not p.endswith(".html"))), not diffs, "differ: %s" % diffs)
    for p in ("sitemap.xml", "search/search_index.json"):
        check("%s: %s identical to the baseline" % (name, p), p in site and site[p] == base.get(p))
    if "sitemap.xml.gz" in site:
        check("%s: sitemap.xml.gz content identical" % name,
              gzip.decompress(site["sitemap.xml.gz"]) == gzip.decompress(base["sitemap.xml.gz"]))


def check_marked_site(name, base, site, expect_marked, min_rules=None):
    for p in PAGES + [EXCLUDED, "404.html"]:
        page = site[p].decode("utf-8")
        s = scan(page)
        if p in expect_marked:
            texts = [(m["rule"], m["text"]) for m in s.marks]
            for rule, phrase in expect_marked[p]:
                check("%s: %s: %r is marked (%s)" % (name, p, phrase, rule), marked(s.marks, rule, phrase),
                      "marked: %r" % texts)
            outside = [(m["text"], chrome_of(m["ancestors"])) for m in s.marks
                       if not in_body(m["ancestors"]) or chrome_of(m["ancestors"])]
            check("%s: %s: every mark inside the page body, none in head/title/nav/header/footer/code"
                  % (name, p), not outside, "outside: %r" % outside)
            check("%s: %s: no factlint text in any attribute" % (name, p), not s.bad_attrs, repr(s.bad_attrs))
            check("%s: %s: removing the marks gives the baseline page back" % (name, p),
                  strip_factlint(page).encode("utf-8") == base[p])
            for claim in CHROME_CLAIMS:
                inside = [m["text"] for m in s.marks if claim.lower() in m["text"].lower()]
                if not check("%s: %s: chrome claim %r not marked" % (name, p, claim), not inside, repr(inside)):
                    break
            if min_rules is not None:
                rules = set(re.findall(r'data-factlint="([^"]+)"', page))
                check("%s: %s: only %s marked" % (name, p, sorted(min_rules)), rules <= min_rules, sorted(rules))
        else:
            check("%s: %s: no marks, identical to the baseline" % (name, p), site[p] == base[p] and not s.marks)


def check_report(name, project, base, expect, pages=PAGES):
    path = os.path.join(project, "factlint-report.json")
    if not check("%s: report written at factlint-report.json" % name, os.path.isfile(path)):
        return None
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    check("%s: report names the tool" % name, report.get("tool", {}).get("name") == "factlint", repr(report.get("tool")))
    files = {e["path"]: e for e in report.get("files", [])}
    check("%s: report lists the checked pages (not the excluded one)" % name, sorted(files) == sorted(pages),
          repr(sorted(files)))
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
    check("%s: report positions point at the text in the page as written" % name, not bad, repr(bad[:5]))
    if CLEAN in files:
        check("%s: report: the clean page has no findings" % name, files[CLEAN]["findings"] == [],
              repr(files[CLEAN]["findings"]))
    return files


def main():
    if not MKDOCS:
        print("FAIL mkdocs is not installed: this test needs Debian's mkdocs "
              "(apt-get install -y --no-install-recommends mkdocs; `make test` installs it)")
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

    # The baseline: the same site without the hook.
    rc, out, base_dir = build("baseline", hook=False)
    if not check("baseline: mkdocs build without the hook succeeds", rc == 0, out[-500:]):
        print("%d passed, %d failed" % (passed, failed))
        return 1
    base = tree(os.path.join(base_dir, "site"))
    check("baseline: no report without the hook", not os.path.exists(os.path.join(base_dir, "factlint-report.json")))
    check("baseline: the pages carry no <mark> of their own", all(b"<mark" not in base[p] for p in PAGES))
    for claim in CHROME_CLAIMS[:3]:
        check("baseline: chrome claim %r is in <title>/nav of every page" % claim,
              all(claim.encode() in base[p] for p in PAGES))

    # Defaults (fail_on: error), no --strict: the build succeeds, warns, marks and reports.
    rc, out, proj = build("default")
    check("default: mkdocs build succeeds without --strict", rc == 0, out[-500:])
    check("default: prints the summary line", re.search(r"INFO\s+-\s+factlint: \d+ findings in 2 of 3 pages \(1 excluded\); "
                                                        r"report: factlint-report\.json", out) is not None)
    check("default: warns about the finding at fail_on", re.search(
        r"WARNING.*factlint: 1 finding at or above fail_on 'error'", out) is not None and
        "brewing/index.html:" in out and "house.hype" in out)
    site = tree(os.path.join(proj, "site"))
    check_marked_site("default", base, site, EXPECT_MARKED)
    same_non_html("default", base, site)
    check_report("default", proj, base, EXPECT_FINDINGS)

    # --strict: the finding at fail_on fails the build; the report is still written.
    rc, out, proj = build("strict", strict=True)
    check("strict: mkdocs build --strict fails at fail_on=error", rc != 0, "exit %d" % rc)
    check("strict: aborted because of the warning", "Aborted with 1 warnings in strict mode" in out, out[-300:])
    check_report("strict", proj, tree(os.path.join(base_dir, "site")), EXPECT_FINDINGS)

    # --strict with fail_on: never: passes, still marks.
    rc, out, proj = build("never", {"fail_on": "never"}, strict=True)
    check("fail_on never: mkdocs build --strict succeeds", rc == 0, out[-500:])
    check("fail_on never: no warning", "WARNING" not in out)
    site = tree(os.path.join(proj, "site"))
    check_marked_site("fail_on never", base, site, EXPECT_MARKED)

    # Only warnings (no house pack) with fail_on error: --strict passes; with fail_on warning it fails.
    rc, out, proj = build("no-house", {"rules": []}, strict=True)
    check("no error-level finding: --strict succeeds at fail_on=error", rc == 0, out[-500:])
    files = check_report("no-house", proj, base, {p: [w for w in ws if w[0] != "house.hype"]
                                                  for p, ws in EXPECT_FINDINGS.items()})
    if files is not None:
        check("no-house: no house.hype finding", all(f["rule"] != "house.hype" for e in files.values()
                                                     for f in e["findings"]))
    rc, out, proj = build("warning", {"rules": [], "fail_on": "warning"}, strict=True)
    check("fail_on warning: --strict fails on warnings", rc != 0 and "at or above fail_on 'warning'" in out, out[-300:])

    # min_severity: error: only the house rule is marked and reported.
    rc, out, proj = build("min-severity", {"min_severity": "error", "fail_on": "never"}, strict=True)
    check("min_severity error: build succeeds", rc == 0, out[-300:])
    site = tree(os.path.join(proj, "site"))
    check_marked_site("min_severity error", base, site, {"brewing/index.html": [("house.hype", "game-changing")]},
                      min_rules={"house.hype"})
    check("min_severity error: index.html unchanged (only warnings there)", site["index.html"] == base["index.html"])
    files = check_report("min-severity", proj, base, {"brewing/index.html": [("house.hype", "game-changing")]})
    if files is not None:
        check("min_severity error: only error findings reported",
              all(f["severity"] == "error" for e in files.values() for f in e["findings"]))

    # report_only: every output file identical to the baseline; the report is still complete.
    rc, out, proj = build("report-only", {"report_only": True, "fail_on": "never"}, strict=True)
    check("report_only: build succeeds", rc == 0, out[-300:])
    check("report_only: summary says no page changed", "(report only: no page changed)" in out)
    site = tree(os.path.join(proj, "site"))
    diffs = [p for p in base if site.get(p) != base[p] and p != "sitemap.xml.gz"]
    check("report_only: every output file identical to the baseline", not diffs and sorted(site) == sorted(base),
          repr(diffs))
    same_non_html("report_only", base, site)
    check_report("report-only", proj, base, EXPECT_FINDINGS)

    # A custom report path, relative to the project.
    rc, out, proj = build("report-path", {"report": "reports/site.json", "fail_on": "never"})
    check("report path: written where asked", rc == 0 and os.path.isfile(os.path.join(proj, "reports", "site.json")))

    # library: the option, with no $FACTLINT_LIB (relative to the project).
    rc, out, proj = build("library", {"library": os.path.relpath(LIB, os.path.join(WORK, "library")),
                                      "fail_on": "never"}, with_lib=False)
    site = tree(os.path.join(proj, "site"))
    check("library option: build succeeds and marks", rc == 0 and b'<mark class="factlint' in site["brewing/index.html"],
          out[-300:])
    rc, out, proj = build("library-missing", {"library": "no/such/libfactlint.so"}, with_lib=False)
    check("library option: a missing library stops the build with its path", rc != 0 and
          "no/such/libfactlint.so" in out, out[-300:])

    # A bad option stops the build with a clear message.
    rc, out, proj = build("bad-option", {"fail-on": "never"})
    check("unknown option: the build stops and names it", rc != 0 and "unknown option 'fail-on'" in out, out[-300:])

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
