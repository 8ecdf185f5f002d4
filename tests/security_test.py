#!/usr/bin/env python3
"""Security tests for the CLI.

(a) A hostile rule pack (ids and messages with `"><script>alert(1)</script>` and `' onmouseover='x`):
    the annotated page of `check --format html` and of `site` holds no element or attribute beyond
    the input's, the <mark> elements and the one <style> element (compared with html.parser).
(b) `factlint site` (in place and with --out-dir) and `check --out-dir` never write outside the
    folder they were given: symbolic links to pages or folders outside are not followed, and a link
    planted under a temporary file's name is not written through (files outside are compared byte
    for byte, with their mtimes).
(c) In-place rewrites are atomic: `factlint site` on ~3,000 pages is killed with SIGKILL mid-run;
    every page is then exactly the original or exactly the annotated page of a reference run, and a
    later run removes the stale .*.factlint-tmp files.
"""
import html.parser
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SRC = os.environ.get("FACTLINT_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("FACTLINT_BIN") or os.path.join(SRC, "build", "bin", "factlint")

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


def run(args, **kw):
    return subprocess.run([BIN] + args, cwd=SRC, capture_output=True, timeout=300, **kw)


def text(b):
    return b.decode("utf-8", "replace")


# --- (a) hostile pack ---------------------------------------------------------------------------------

SCRIPT = '"><script>alert(1)</script>'
ONMOUSE = "' onmouseover='x"


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


HOSTILE_PACK = f"""[pack]
name = {toml_str(SCRIPT)}

[[rule]]
id = {toml_str(SCRIPT)}
category = "absolute-claim"
severity = "warning"
kind = "phrases"
message = {toml_str(ONMOUSE + " “{text}” " + SCRIPT + " <img src=x onerror=alert(2)>")}
phrases = ["zorblat"]
examples = {{ fire = ["It is zorblat."], quiet = ["It is fine."] }}

[[rule]]
id = {toml_str(ONMOUSE)}
category = "unattributed-figure"
severity = "error"
kind = "phrases"
message = {toml_str(SCRIPT + ONMOUSE + " {text}")}
phrases = ["quuxly"]
examples = {{ fire = ["It is quuxly."], quiet = ["It is fine."] }}
"""

HOSTILE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Market report</title>
<link rel="stylesheet" href="/site.css"></head>
<body class="post"><article id="main">
<h1>Zorblat news</h1>
<p>It is zorblat, and the figures are quuxly: sales rose 40% last year, the best ever.</p>
<p title="a &quot;title&quot; with 50% in it">Quuxly "quoted words" and <a href="https://example.com/x?a=1&amp;b=2">a link</a>.</p>
<ul><li>The zorblat list</li><li>Item 2 grew by 3,000 units</li></ul>
<img src="chart.png" alt="Sales 40% chart">
</article></body></html>
"""

MARK_ATTRS = {"class", "data-factlint", "data-factlint-message", "title"}


class Shape(html.parser.HTMLParser):
    """Every start tag with its attributes, and the style elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.marks, self.styles = set(), set(), [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.styles += tag == "style"
        for name, _ in attrs:
            self.attrs.add((tag, name))
        if tag == "mark":
            self.marks.append(dict(attrs))

    handle_startendtag = handle_starttag


def shape(s):
    p = Shape()
    p.feed(s)
    p.close()
    return p


def compare_shapes(label, page_in, page_out, want_ids):
    a, b = shape(page_in), shape(page_out)
    extra_tags = b.tags - a.tags - {"mark", "style"}
    check(not extra_tags, f"{label}: no element beyond the input's, <mark> and <style>", extra_tags)
    allowed = a.attrs | {("mark", n) for n in MARK_ATTRS} | {("style", "data-factlint")}
    extra_attrs = b.attrs - allowed
    check(not extra_attrs, f"{label}: no attribute beyond the input's and the marks'", extra_attrs)
    check(b.styles == a.styles + 1, f"{label}: exactly one <style> element added", f"{a.styles} -> {b.styles}")
    check("script" not in b.tags, f"{label}: no <script> element")
    ids = {m.get("data-factlint") for m in b.marks}
    check(want_ids <= ids, f"{label}: the hostile rule ids round-trip as attribute values, escaped", ids)
    msgs = [m.get("data-factlint-message", "") for m in b.marks if m.get("data-factlint") == SCRIPT]
    check(bool(msgs) and all(m.startswith(ONMOUSE) and SCRIPT in m for m in msgs),
          f"{label}: the hostile messages round-trip as attribute values", msgs[:2])


def hostile_pack(tmp):
    print("# (a) hostile rule pack: ids and messages are escaped in annotated pages")
    pack = os.path.join(tmp, "hostile.toml")
    with open(pack, "w", encoding="utf-8") as f:
        f.write(HOSTILE_PACK)
    page = os.path.join(tmp, "page.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(HOSTILE_PAGE)
    r = run(["test-rules", pack])
    check(r.returncode == 0, "the hostile pack loads and its examples pass", text(r.stdout)[-400:] + text(r.stderr))
    r = run(["check", "--rules", pack, "--format", "html", "--fail-on", "never", page])
    check(r.returncode == 0, "check --format html with the hostile pack exits 0", text(r.stderr))
    compare_shapes("check --format html", HOSTILE_PAGE, text(r.stdout), {SCRIPT, ONMOUSE})

    site = os.path.join(tmp, "hostile-site")
    os.makedirs(os.path.join(site, "news"))
    shutil.copy(page, os.path.join(site, "index.html"))
    shutil.copy(page, os.path.join(site, "news", "zorblat.html"))
    r = run(["site", "--rules", pack, "--fail-on", "never", "--quiet", site])
    check(r.returncode == 0, "site with the hostile pack exits 0", text(r.stderr))
    for rel in ("index.html", "news/zorblat.html"):
        with open(os.path.join(site, rel), encoding="utf-8") as f:
            compare_shapes(f"site {rel}", HOSTILE_PAGE, f.read(), {SCRIPT, ONMOUSE})


# --- (b) nothing written outside ---------------------------------------------------------------------

def snapshot(root):
    out = {}
    for d, dirs, files in os.walk(root):
        for n in dirs + files:
            p = os.path.join(d, n)
            st = os.lstat(p)
            data = None
            if os.path.isfile(p) and not os.path.islink(p):
                with open(p, "rb") as f:
                    data = f.read()
            out[os.path.relpath(p, root)] = (st.st_mode, st.st_mtime_ns, st.st_size, data)
    return out


def no_writes_outside(tmp):
    print("# (b) site and --out-dir never write outside their folder")
    base = os.path.join(tmp, "escape")
    outside = os.path.join(base, "outside")
    os.makedirs(os.path.join(outside, "folder"))
    page = "<p>Sales rose 40% last year, the best ever.</p>\n"
    for rel in ("secret.html", "folder/page.html", "victim.html"):
        with open(os.path.join(outside, rel), "w") as f:
            f.write(page)
    past = time.time() - 3600
    for d, _, files in os.walk(outside):
        for n in files:
            os.utime(os.path.join(d, n), (past, past))
    before = snapshot(outside)

    site = os.path.join(base, "site")
    os.makedirs(os.path.join(site, "news"))
    for rel in ("index.html", "news/a.html"):
        with open(os.path.join(site, rel), "w") as f:
            f.write(page)
    os.symlink(os.path.join(outside, "secret.html"), os.path.join(site, "linked.html"))
    os.symlink(outside, os.path.join(site, "linked-folder"))
    os.symlink(os.path.join(outside, "folder"), os.path.join(site, "news", "more"))
    os.symlink("..", os.path.join(site, "news", "up"))
    # A link planted under the temporary file's name of a page that will be rewritten.
    os.symlink(os.path.join(outside, "victim.html"), os.path.join(site, ".index.html.factlint-tmp"))

    r = run(["site", "--jobs", "2", site])
    check(r.returncode == 0 and "1 finding" not in text(r.stderr) and "in 2 of 2 pages" in text(r.stderr),
          "site in place: only the 2 real pages are checked", f"exit {r.returncode}\n{text(r.stderr)}")
    check(snapshot(outside) == before, "site in place: every file outside is unchanged (bytes and mtime)")
    check(os.path.islink(os.path.join(site, "linked.html")) and os.path.islink(os.path.join(site, "linked-folder")),
          "site in place: the links themselves are left as they are")
    with open(os.path.join(site, "index.html")) as f:
        check("<mark" in f.read(), "site in place: the real page is annotated")

    out = os.path.join(base, "out")
    r = run(["site", "--jobs", "2", "--out-dir", out, site])
    got = sorted(os.path.relpath(os.path.join(d, n), out) for d, _, ns in os.walk(out) for n in ns)
    check(r.returncode == 0 and got == ["index.html", "news/a.html"],
          "site --out-dir: only the real pages are written, under --out-dir", f"exit {r.returncode} {got}\n{text(r.stderr)}")
    check(snapshot(outside) == before, "site --out-dir: every file outside is unchanged (bytes and mtime)")

    # check --out-dir: a link planted under the temporary name inside --out-dir is not written through.
    out2 = os.path.join(base, "out2")
    os.makedirs(out2)
    os.symlink(os.path.join(outside, "victim.html"), os.path.join(out2, ".a.html.factlint-tmp"))
    r = run(["check", "--out-dir", out2, os.path.join(site, "news", "a.html")])
    check(r.returncode == 0 and os.path.isfile(os.path.join(out2, "a.html")) and
          not os.path.lexists(os.path.join(out2, ".a.html.factlint-tmp")),
          "check --out-dir: the page is written and the planted temporary link is gone",
          f"exit {r.returncode} {os.listdir(out2)}\n{text(r.stderr)}")
    check(snapshot(outside) == before, "check --out-dir: every file outside is unchanged (bytes and mtime)")


# --- (c) atomic rewrites under SIGKILL ---------------------------------------------------------------

def make_site(root, n=3000):
    para = ("<p>Sales at stall {i} rose 40% last year, the best ever, and 3,000 visitors came on "
            "the busiest day.</p>\n<p>The committee met on a quiet afternoon and talked about the weather "
            "for a long while before anyone mentioned the market.</p>\n")
    for i in range(n):
        d = os.path.join(root, f"s{i // 100:02d}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"p{i:04d}.html"), "w") as f:
            f.write(f"<!DOCTYPE html><html><head><title>Page {i}</title></head><body>\n")
            f.write(para.format(i=i) * 40)
            f.write("</body></html>\n")


def read_tree(root):
    out = {}
    for d, _, files in os.walk(root):
        for n in files:
            p = os.path.join(d, n)
            with open(p, "rb") as f:
                out[os.path.relpath(p, root)] = f.read()
    return out


def atomic_rewrites(tmp):
    print("# (c) in-place rewrites are atomic under SIGKILL")
    orig_dir = os.path.join(tmp, "orig")
    make_site(orig_dir)
    orig = read_tree(orig_dir)
    ref_dir = os.path.join(tmp, "ref")
    shutil.copytree(orig_dir, ref_dir)
    t0 = time.monotonic()
    r = run(["site", "--quiet", "--jobs", "2", ref_dir])
    full = time.monotonic() - t0
    ref = read_tree(ref_dir)
    changed = sum(ref[k] != orig[k] for k in orig)
    check(r.returncode == 0 and changed == len(orig), f"reference run: all {len(orig)} pages annotated in {full:.2f} s",
          f"exit {r.returncode}, {changed} changed\n{text(r.stderr)}")

    landed = None
    for delay in (0.3, 0.5, 0.2, 0.7, 1.0, 0.1, 0.05, 1.5):
        work = os.path.join(tmp, "work")
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(orig_dir, work)
        p = subprocess.Popen([BIN, "site", "--quiet", "--jobs", "2", work], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        got = read_tree(work)
        pages = {k: v for k, v in got.items() if not k.endswith(".factlint-tmp")}
        temps = sorted(k for k in got if k.endswith(".factlint-tmp"))
        n_orig = sum(pages.get(k) == orig[k] for k in orig)
        n_ann = sum(pages.get(k) == ref[k] for k in orig)
        print(f"      killed after {delay} s: {n_ann} annotated, {n_orig} original, {len(temps)} temporary files")
        if 0 < n_ann < len(orig):
            landed = (delay, work, pages, temps)
            break
    if not check(landed is not None, "a SIGKILL landed mid-run (some pages rewritten, some not)"):
        return
    delay, work, pages, temps = landed
    bad = [k for k in orig if pages.get(k) not in (orig[k], ref[k])]
    check(not bad, "every page is exactly the original or exactly the annotated page (none truncated or mixed)",
          bad[:10])
    check(set(pages) == set(orig), "no page is missing and no other file appeared",
          sorted(set(pages) ^ set(orig))[:10])
    check(all(os.path.basename(t).startswith(".") for t in temps),
          f"leftover temporary files are only .NAME.factlint-tmp files ({len(temps)} left)", temps[:10])

    r = run(["site", "--jobs", "2", "--report-only", "--quiet", work])
    left = [k for k in read_tree(work) if k.endswith(".factlint-tmp")]
    check(len(left) == len(temps), "--report-only leaves temporary files alone", left[:5])
    # Stale temporary files are removed at the start of the next run (plus planted ones, to be sure).
    os.makedirs(os.path.join(work, "s00", "deep"), exist_ok=True)
    for rel in (".p0000.html.factlint-tmp", "s00/deep/.x.html.factlint-tmp"):
        with open(os.path.join(work, rel), "w") as f:
            f.write("<p>half a pa")
    with open(os.path.join(work, "keep.factlint-tmp"), "w") as f:  # not named like ours: kept
        f.write("x")
    # Only the first folders' pages (the ones the killed run reached first), to keep the test short:
    # the cleanup walks the whole site all the same.
    r = run(["site", "--jobs", "2", "--exclude", "s[0-9][1-9]/*", work])
    after = read_tree(work)
    left = sorted(k for k in after if k.endswith(".factlint-tmp"))
    n = len(temps) + 2
    check(left == ["keep.factlint-tmp"], "the next run removes every stale .*.factlint-tmp file (and only those)", left[:10])
    check(f"removed {n} stale temporary file" in text(r.stderr), f"and says it removed {n}", text(r.stderr))
    check(r.returncode in (0, 1) and all(k in after for k in orig), "the next run completes with every page in place",
          f"exit {r.returncode}\n{text(r.stderr)[-400:]}")
    redone = [k for k in orig if k.startswith(("s00/", "s10/", "s20/"))]
    differ = [k for k in redone if after[k] != ref[k]]
    check(not differ, f"the next run leaves its {len(redone)} pages exactly as the reference run did "
          "(pages annotated before the kill are not marked twice)", differ[:10])


def main():
    if not os.access(BIN, os.X_OK):
        print(f"FAIL  factlint binary not found at {BIN} (set FACTLINT_BIN)")
        print("0 passed, 1 failed")
        return 1
    tmp = tempfile.mkdtemp(prefix="factlint-security-")
    try:
        hostile_pack(tmp)
        no_writes_outside(tmp)
        atomic_rewrites(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
