#!/usr/bin/env python3
"""ssg-hugo: the Hugo integration, proved on a real site build.

Hugo has no plugin API; its integration is `factlint site public/` after `hugo`. This test copies
fixtures/sites/hugo/ (a small site with its own layouts, no remote theme) to a temporary folder,
builds it with the real `hugo` (Debian's), keeps a pristine copy of public/, then runs the real
`factlint site` over the output and checks, for a plain build and for a `hugo --minify` build
(unquoted attributes, omitted end tags, no <head>/<body> tags):

  - marks sit inside the content, on exactly the expected phrases, and never in <head>, <title>,
    <nav>, the site <header>/<footer>/<aside> (outside <main>/<article>) or attribute values;
  - clean pages and every non-HTML file (index.xml feeds, sitemap.xml, CSS, text, JSON) are
    byte-identical to the pristine build and were not rewritten (same inode);
  - removing the inserted marks and stylesheet gives every annotated page back byte for byte;
  - a second run changes nothing (no byte, no inode); --report-only changes nothing;
  - the JSON report lists exactly the expected findings per page, the HTML report links to them;
  - --fail-on warning exits 1, the default exits 0; --out-dir leaves public/ alone and writes
    the annotated pages there; --exclude skips pages; no *.factlint-tmp is ever left behind, and a
    page whose temporary file cannot be created stays intact (exit 2, named in the error).

Needs `hugo` on PATH: without it the test FAILS (it never passes silently). Python 3 stdlib only.
Environment (set by ctest): FACTLINT_BIN, FACTLINT_LIB, FACTLINT_SOURCE_DIR.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
import urllib.parse
from html.parser import HTMLParser

SRC = os.environ.get("FACTLINT_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.abspath(os.environ.get("FACTLINT_BIN") or os.path.join(SRC, "build", "bin", "factlint"))
SITE = os.path.join(SRC, "fixtures", "sites", "hugo")

passed = failed = 0


def check(ok, what, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {what}")
    else:
        failed += 1
        print(f"FAIL  {what}")
        if detail:
            print("      " + str(detail).rstrip("\n").replace("\n", "\n      "))
    return ok


def finish():
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


# ---------------------------------------------------------------------------------------------
# What the site must produce. Marks per page, in document order: (category, marked text). A
# finding that crosses an inline tag becomes several marks ("the" + "fastest crossings" around the
# author's own <mark>). Findings per page in the JSON report: (category, rule, text with tags
# removed and character references decoded).

SUMMER_LEAD = [("absolute-claim", "the"), ("absolute-claim", "fastest crossings")]
EXPECTED_MARKS = {
    "index.html": SUMMER_LEAD,
    "posts/index.html": SUMMER_LEAD,
    "posts/ferry-fares/index.html": [
        ("unattributed-figure", "73%"),            # in the <h2>; its id="why-73-more-..." is not marked
        ("unattributed-figure", "73%"),
        ("suspect-quote", "\u201cThe new timetable is a disaster for anyone who works early.\u201d"),
        ("absolute-claim", "the most reliable ferry"),
    ],
    "posts/summer-timetable/index.html": [
        ("absolute-claim", "the busiest yet"),     # in the <h1>, not in <title> or og:title
        *SUMMER_LEAD,
        ("absolute-claim", "Everybody knows"),
        ("absolute-claim", "is always"),
    ],
    "about/index.html": [],                        # the clean page
    "404.html": [],
}
SUMMER_LEAD_FINDING = [("absolute-claim", "absolute.superlative", "the fastest crossings")]
EXPECTED_FINDINGS = {
    "index.html": SUMMER_LEAD_FINDING,
    "posts/index.html": SUMMER_LEAD_FINDING,
    "posts/ferry-fares/index.html": [
        ("unattributed-figure", "figure.unattributed", "73%"),
        ("unattributed-figure", "figure.unattributed", "73%"),
        ("suspect-quote", "quote.no-speaker", "\u201cThe new timetable is a disaster for anyone who works early.\u201d"),
        ("absolute-claim", "absolute.superlative", "the most reliable ferry"),
    ],
    "posts/summer-timetable/index.html": [
        ("absolute-claim", "absolute.superlative", "the busiest yet"),
        *SUMMER_LEAD_FINDING,
        ("absolute-claim", "absolute.quantifier", "Everybody knows"),
        ("absolute-claim", "absolute.universal", "is always"),
    ],
    "about/index.html": [],
    "404.html": [],
}
CLEAN_PAGES = [p for p, f in EXPECTED_FINDINGS.items() if not f]
NON_HTML = ["index.xml", "posts/index.xml", "sitemap.xml", "css/site.css", "files/press-kit.txt",
            "files/readership.json"]
TOTAL_FINDINGS = sum(len(f) for f in EXPECTED_FINDINGS.values())
PAGES_WITH = sum(1 for f in EXPECTED_FINDINGS.values() if f)
SUMMARY = f"factlint: {TOTAL_FINDINGS} findings in {PAGES_WITH} of {len(EXPECTED_FINDINGS)} pages"


# ---------------------------------------------------------------------------------------------
# Helpers

def run(args, cwd, env=None):
    p = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def factlint(cwd, *args):
    return run([BIN, "site", *args], cwd)


def snapshot(root):
    """{relative path: (bytes, inode)} for every file under root."""
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root).replace(os.sep, "/")] = (fh.read(), os.stat(p).st_ino)
    return out


def html_files(snap):
    return sorted(p for p in snap if p.endswith(".html"))


def same_files(a, b, inodes=True):
    """Paths that differ between two snapshots (content, or inode too), plus missing/extra ones."""
    diff = sorted(set(a) ^ set(b))
    for p in sorted(set(a) & set(b)):
        if a[p][0] != b[p][0] or (inodes and a[p][1] != b[p][1]):
            diff.append(p)
    return diff


def tmp_leftovers(root):
    return [os.path.join(d, f) for d, dirs, files in os.walk(root) for f in files + dirs if f.endswith(".factlint-tmp")]


STRIP_RE = re.compile(rb"<mark\b[^>]*>|</mark\s*>|<style data-factlint>.*?</style>", re.S | re.I)


def strip_factlint(page):
    """Removes factlint's marks (and only their own </mark>, matched by nesting: the author's own
    <mark> elements stay) and its stylesheet. Returns (page, number of marks, number of styles)."""
    out, pos, stack, marks, styles = [], 0, [], 0, 0
    for m in STRIP_RE.finditer(page):
        tag = m.group(0)
        low = tag[:8].lower()
        if low.startswith(b"<style"):
            mine = True
            styles += 1
        elif low.startswith(b"</mark"):
            mine = stack.pop() if stack else False
        else:
            mine = b"data-factlint" in tag
            stack.append(mine)
            marks += mine
        if mine:
            out.append(page[pos:m.start()])
            pos = m.end()
    out.append(page[pos:])
    return b"".join(out), marks, styles


HEAD_CONTENT = {"html", "head", "meta", "link", "title", "style", "script", "base", "noscript", "template"}


class MarkScanner(HTMLParser):
    """Walks a page the way its regions nest and records every factlint mark with the region it is
    in, the text it wraps, and any attribute value that carries factlint's output."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head = True       # until <body>, </head> or the first body element (minified pages have no tags)
        self.title = 0
        self.nav = 0
        self.main = 0             # <main>/<article> depth
        self.chrome = []          # header/footer/aside opened outside main/article
        self.raw = 0              # script/style
        self.mark_stack = []      # True for factlint's own marks
        self.marks = []           # dicts: category, classes, text, where
        self.open_marks = []      # indexes into self.marks
        self.bad_attrs = []
        self.styles = []
        self.body_started = False # an element of the body (not <body> itself) has started

    def where(self):
        w = []
        if self.in_head:
            w.append("head")
        if self.title:
            w.append("title")
        if self.nav:
            w.append("nav")
        if self.chrome:
            w.append("site " + self.chrome[-1])
        if self.main == 0:
            w.append("outside main/article")
        return w

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        mine = tag == "mark" and "data-factlint" in a
        if tag == "style" and "data-factlint" in a:
            self.styles.append("head" if self.in_head else "top of body" if not self.body_started else "inside the body")
        if not mine and not (tag == "style" and "data-factlint" in a):
            for k, v in attrs:
                if v and ("factlint" in v or "<mark" in v):
                    self.bad_attrs.append(f"<{tag} {k}={v!r}>")
        if tag == "mark":
            self.mark_stack.append(mine)
            if mine:
                classes = (a.get("class") or "").split()
                cat = next((c[len("factlint-"):] for c in classes
                            if c.startswith("factlint-") and c[len("factlint-"):] in
                            ("unattributed-figure", "suspect-quote", "absolute-claim")), None)
                self.marks.append({"category": cat, "classes": classes, "text": "", "where": self.where()})
                self.open_marks.append(len(self.marks) - 1)
        if self.in_head and (tag == "body" or tag not in HEAD_CONTENT):
            self.in_head = False
        if tag not in HEAD_CONTENT and tag != "body" and not (tag == "style" and "data-factlint" in a):
            self.body_started = True
        if tag == "title":
            self.title += 1
        elif tag == "nav":
            self.nav += 1
        elif tag in ("main", "article"):
            self.main += 1
        elif tag in ("header", "footer", "aside") and (self.main == 0 or self.chrome):
            self.chrome.append(tag)
        elif tag in ("script", "style"):
            self.raw += 1

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag == "title":
            self.title = max(0, self.title - 1)
        elif tag == "nav":
            self.nav = max(0, self.nav - 1)
        elif tag in ("main", "article"):
            self.main = max(0, self.main - 1)
        elif self.chrome and tag == self.chrome[-1]:
            self.chrome.pop()
        elif tag in ("script", "style"):
            self.raw = max(0, self.raw - 1)
        elif tag == "mark" and self.mark_stack:
            if self.mark_stack.pop():
                self.open_marks.pop()

    def handle_data(self, data):
        for i in self.open_marks:
            self.marks[i]["text"] += data


def scan(page_bytes):
    s = MarkScanner()
    s.feed(page_bytes.decode("utf-8"))
    s.close()
    return s


def finding_key(f):
    text = html.unescape(re.sub(r"<[^>]*>", "", f["text"]))
    return (f["category"], f["rule"], " ".join(text.split()))


def report_by_path(report):
    return {f["path"]: f for f in report["files"]}


# ---------------------------------------------------------------------------------------------
# One build variant: everything below runs on the plain build and on the minified build.

def build(hugo, work, minify):
    """Builds the fixture site into WORK/public with the real hugo; returns the public/ path."""
    site = os.path.join(work, "site")
    shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("public", "resources", ".hugo_build.lock"))
    public = os.path.join(work, "public")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HUGO")}
    env["HUGO_CACHEDIR"] = os.path.join(work, "hugo-cache")
    args = [hugo, "--source", site, "--destination", public, "--quiet"] + (["--minify"] if minify else [])
    rc, out, err = run(args, work, env)
    check(rc == 0, f"`hugo{' --minify' if minify else ''}` builds the site", out + err)
    return public


def variant(hugo, root, name, minify):
    work = os.path.join(root, name)
    os.makedirs(work)
    print(f"\n== {name}: hugo{' --minify' if minify else ''} ==")
    public = build(hugo, work, minify)
    pristine = snapshot(public)
    shutil.copytree(public, os.path.join(work, "pristine"))
    pages = html_files(pristine)
    if not check(sorted(EXPECTED_FINDINGS) == pages and all(p in pristine for p in NON_HTML),
                 f"[{name}] hugo wrote the expected pages and non-HTML outputs",
                 f"HTML pages: {pages}\nall files: {sorted(pristine)}"):
        return

    # The output really has what the test is about.
    ff = pristine["posts/ferry-fares/index.html"][0]
    check(b'id="why-73-more-riders-are-crowding-the-deck"' in ff or b"id=why-73-more-riders-are-crowding-the-deck" in ff,
          f"[{name}] hugo made a heading id from a heading with a claim")
    if minify:
        check(b"<html lang=en-gb>" in ff and b"<p class=byline>" in ff and b"</p>" not in ff and
              b"</li>" not in ff and b"<head>" not in ff and b"</body>" not in ff,
              f"[{name}] minified output: unquoted attributes, no </p> </li>, no <head> or </body>", ff[:400])
    else:
        check(b'<p class="byline">' in ff and b"</p>" in ff and b"</head>" in ff, f"[{name}] plain output: quoted attributes, end tags")

    # --- the run: annotate in place, two reports -----------------------------------------------
    rc, out, err = factlint(work, "public/", "--report", "report.json", "--report", "report.html")
    check(rc == 0, f"[{name}] `factlint site public/ --report report.json --report report.html` exits 0 (default --fail-on error)",
          f"exit {rc}\n{err}")
    check(SUMMARY in err, f"[{name}] it prints the summary “{SUMMARY}”", err)
    after = snapshot(public)
    print("      " + err.strip().replace("\n", "\n      "))

    for p in NON_HTML + [f for f in pristine if not f.endswith(".html") and f not in NON_HTML]:
        check(p in after and after[p] == pristine[p], f"[{name}] {p} is untouched (bytes and inode)")
    for p in CLEAN_PAGES:
        check(after[p] == pristine[p], f"[{name}] clean page {p} is byte-identical and was not rewritten")

    for p in pages:
        page = after[p][0]
        s = scan(page)
        got = [(m["category"], m["text"]) for m in s.marks]
        check(got == EXPECTED_MARKS[p], f"[{name}] {p}: marks on exactly the expected phrases",
              f"expected {EXPECTED_MARKS[p]}\ngot      {got}")
        misplaced = [(m["text"], m["where"]) for m in s.marks if m["where"]]
        check(not misplaced, f"[{name}] {p}: no mark in <head>, <title>, <nav>, site header/footer/aside",
              misplaced)
        check(all("factlint" in m["classes"] and m["category"] for m in s.marks),
              f"[{name}] {p}: every mark is <mark class=\"factlint factlint-CATEGORY ...\">",
              [m["classes"] for m in s.marks])
        check(not s.bad_attrs, f"[{name}] {p}: no attribute value carries a mark or factlint's output", s.bad_attrs)
        if EXPECTED_MARKS[p]:
            check(page != pristine[p][0], f"[{name}] {p} was annotated")
            # Before </head>; a minified page has no head tags: then at the top of the body, before
            # any of its elements (a browser applies a <style> there just the same).
            check(s.styles == ["head"] or (minify and s.styles == ["top of body"]),
                  f"[{name}] {p}: one <style data-factlint>, in the head{' or at the top of the body' if minify else ''}",
                  s.styles)
            stripped, n_marks, n_styles = strip_factlint(page)
            check(stripped == pristine[p][0] and n_marks == len(EXPECTED_MARKS[p]) and n_styles == 1,
                  f"[{name}] {p}: removing the marks, their </mark> and the stylesheet gives the pristine page byte for byte",
                  f"marks {n_marks}, styles {n_styles}; first difference at byte "
                  f"{next((i for i, (x, y) in enumerate(zip(stripped, pristine[p][0])) if x != y), min(len(stripped), len(pristine[p][0])))}")
    st = after["posts/summer-timetable/index.html"][0]
    check(any(m["text"] == "the busiest yet" for m in scan(st).marks) and
          b"<title>Why this summer timetable is the busiest yet | " in st,
          f"[{name}] the same phrase is marked in the <h1> and left alone in <title>")

    # --- the JSON report ------------------------------------------------------------------------
    try:
        with open(os.path.join(work, "report.json"), encoding="utf-8") as fh:
            report = json.load(fh)
    except (OSError, ValueError) as e:
        check(False, f"[{name}] report.json is valid JSON", e)
        report = {"files": []}
    byp = report_by_path(report)
    check(sorted(byp) == pages, f"[{name}] report.json lists every HTML page (paths relative to public/), and nothing else",
          sorted(byp))
    for p in pages:
        f = byp.get(p, {})
        got = [finding_key(x) for x in f.get("findings", [])]
        check(got == EXPECTED_FINDINGS[p] and "error" not in f,
              f"[{name}] report.json: {p} has exactly the expected findings",
              f"expected {EXPECTED_FINDINGS[p]}\ngot      {got}\n{f.get('error', '')}")
        src = pristine[p][0]
        bad = [x for x in f.get("findings", []) if src[x["start"]:x["end"]].decode("utf-8") != x["text"]]
        check(not bad, f"[{name}] report.json: {p}: start/end are byte offsets of the text in the page as built", bad)

    # --- the HTML report ------------------------------------------------------------------------
    try:
        with open(os.path.join(work, "report.html"), encoding="utf-8") as fh:
            rhtml = fh.read()
    except OSError as e:
        rhtml = ""
        check(False, f"[{name}] report.html was written", e)
    hrefs = re.findall(r'<a href="([^"]*)"', rhtml)
    targets = {os.path.normpath(os.path.join(work, urllib.parse.unquote(h))) for h in hrefs}
    for p in pages:
        linked = os.path.normpath(os.path.join(public, p)) in targets
        check(linked == bool(EXPECTED_FINDINGS[p]),
              f"[{name}] report.html {'links to' if EXPECTED_FINDINGS[p] else 'does not list'} {p}", hrefs)
    check(f"{TOTAL_FINDINGS} findings in {PAGES_WITH} of {len(pages)} pages" in rhtml,
          f"[{name}] report.html has the summary")

    check(not tmp_leftovers(work), f"[{name}] no *.factlint-tmp left behind", tmp_leftovers(work))

    # --- a second run changes nothing -----------------------------------------------------------
    rc, _, err = factlint(work, "public/", "--quiet")
    again = snapshot(public)
    check(rc == 0 and not same_files(after, again), f"[{name}] a second `factlint site public/` changes no byte and rewrites no file",
          f"exit {rc}\nchanged: {same_files(after, again)}\n{err}")

    # --- --fail-on ------------------------------------------------------------------------------
    for level, want in (("warning", 1), ("info", 1), ("error", 0)):
        rc, _, err = factlint(work, "public/", "--fail-on", level, "--quiet")
        check(rc == want, f"[{name}] --fail-on {level} exits {want}", f"exit {rc}\n{err}")
    check(not same_files(after, snapshot(public)), f"[{name}] runs over the annotated site leave it as it is")

    # --- --report-only on a fresh copy ----------------------------------------------------------
    ro = os.path.join(work, "ro")
    shutil.copytree(os.path.join(work, "pristine"), os.path.join(ro, "public"))
    before = snapshot(os.path.join(ro, "public"))
    rc, _, err = factlint(ro, "public/", "--report-only", "--report", "report.json", "--fail-on", "warning")
    check(rc == 1 and not same_files(before, snapshot(os.path.join(ro, "public"))),
          f"[{name}] --report-only changes no file (and --fail-on warning still exits 1)", f"exit {rc}\n{err}")
    check("(report only: no page changed)" in err, f"[{name}] --report-only says so", err)
    try:
        with open(os.path.join(ro, "report.json"), encoding="utf-8") as fh:
            ro_rep = report_by_path(json.load(fh))
    except (OSError, ValueError) as e:
        ro_rep = {}
    check(ro_rep == byp, f"[{name}] --report-only reports the same findings as the annotating run")

    # --- --out-dir on a fresh copy --------------------------------------------------------------
    od = os.path.join(work, "od")
    shutil.copytree(os.path.join(work, "pristine"), os.path.join(od, "public"))
    before = snapshot(os.path.join(od, "public"))
    rc, _, err = factlint(od, "public/", "--out-dir", "other/", "--report", "report.html")
    check(rc == 0 and not same_files(before, snapshot(os.path.join(od, "public"))),
          f"[{name}] --out-dir other/ leaves public/ untouched", f"exit {rc}\n{err}")
    other = snapshot(os.path.join(od, "other")) if os.path.isdir(os.path.join(od, "other")) else {}
    check(sorted(other) == pages and all(other[p][0] == after[p][0] for p in pages),
          f"[{name}] --out-dir other/ holds every page, annotated exactly as in place", sorted(other))
    with open(os.path.join(od, "report.html"), encoding="utf-8") as fh:
        od_hrefs = re.findall(r'<a href="([^"]*)"', fh.read())
    check(os.path.normpath(os.path.join(od, "other", "posts/ferry-fares/index.html")) in
          {os.path.normpath(os.path.join(od, urllib.parse.unquote(h))) for h in od_hrefs},
          f"[{name}] with --out-dir the HTML report links to the annotated pages there", od_hrefs)

    # --- --exclude on a fresh copy --------------------------------------------------------------
    ex = os.path.join(work, "ex")
    shutil.copytree(os.path.join(work, "pristine"), os.path.join(ex, "public"))
    before = snapshot(os.path.join(ex, "public"))
    rc, _, err = factlint(ex, "public/", "--exclude", "posts/ferry-fares/*", "--exclude", "index.html",
                          "--report", "report.json")
    exs = snapshot(os.path.join(ex, "public"))
    skipped = ["posts/ferry-fares/index.html", "index.html"]
    check(rc == 0 and all(exs[p] == before[p] for p in skipped),
          f"[{name}] --exclude 'posts/ferry-fares/*' --exclude index.html leaves those pages untouched", f"exit {rc}\n{err}")
    check(all(exs[p][0] == after[p][0] for p in pages if p not in skipped),
          f"[{name}] --exclude: every other page is annotated as usual")
    with open(os.path.join(ex, "report.json"), encoding="utf-8") as fh:
        ex_paths = sorted(report_by_path(json.load(fh)))
    check(ex_paths == sorted(p for p in pages if p not in skipped), f"[{name}] --exclude: skipped pages are not in the report",
          ex_paths)

    # --- atomicity: a page whose temporary file cannot be created stays whole -------------------
    at = os.path.join(work, "atomic")
    shutil.copytree(os.path.join(work, "pristine"), os.path.join(at, "public"))
    blocker = os.path.join(at, "public", "posts", "ferry-fares", ".index.html.factlint-tmp")
    os.mkdir(blocker)  # open(O_CREAT) on it fails: the write must fail without touching the page
    before = snapshot(os.path.join(at, "public"))
    rc, _, err = factlint(at, "public/", "--quiet")
    ats = snapshot(os.path.join(at, "public"))
    check(rc == 2 and "posts/ferry-fares/index.html" in err and
          ats["posts/ferry-fares/index.html"] == before["posts/ferry-fares/index.html"],
          f"[{name}] a page that cannot be written is left intact, named on stderr, exit 2", f"exit {rc}\n{err}")
    check(ats["posts/summer-timetable/index.html"][0] == after["posts/summer-timetable/index.html"][0],
          f"[{name}] ... and the other pages are still annotated")
    os.rmdir(blocker)
    check(not tmp_leftovers(work), f"[{name}] no *.factlint-tmp left anywhere after all runs", tmp_leftovers(work))


def main():
    hugo = shutil.which("hugo")
    if not hugo:
        check(False, "hugo is installed",
              "`hugo` is not on PATH: install it (Debian: apt-get install hugo; `make test` does) — "
              "this test never passes without a real Hugo build")
        finish()
    rc, out, _ = run([hugo, "version"], SRC)
    print(out.strip())
    if not check(os.access(BIN, os.X_OK), f"factlint binary {BIN}", "build it first: ninja -C build"):
        finish()
    with tempfile.TemporaryDirectory(prefix="factlint-ssg-hugo-") as root:
        for name, minify in (("plain", False), ("minify", True)):
            try:
                variant(hugo, root, name, minify)
            except Exception:  # a crash is a failure, never a silent pass
                check(False, f"[{name}] the checks ran to the end", traceback.format_exc())
    finish()


if __name__ == "__main__":
    main()
