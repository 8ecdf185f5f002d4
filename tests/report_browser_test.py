#!/usr/bin/env python3
"""The report page (`check --report FILE.html`, `--format report`, `site --report FILE.html`) opened
in headless Chromium: it renders (the DOM Chromium builds has the totals), the SVG chart is drawn
(a bar per category and severity, widths proportional to the counts, and the bars' colours on the
screenshot), the screenshot is not blank, every count the page shows equals the JSON report's,
findings are shown in context with the span in <mark> and nothing the page quotes becomes markup,
and each file links to its annotated page (--out-dir) or to the file itself.
"""
import html
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import urllib.parse
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from outputs_common import (ARTICLES, BAD_PAGE, CATEGORIES, PAGES, SEVERITIES, SRC, check, finish, run,  # noqa: E402
                            write)

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BAR_COLOURS = {"unattributed-figure": (0xD9, 0x48, 0x0F), "suspect-quote": (0x1C, 0x64, 0xD1),
               "absolute-claim": (0x8F, 0x2B, 0xC2)}


def find_chromium():
    for c in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or ""):
        if c and os.access(c, os.X_OK):
            return c
    return None


class Dom(html.parser.HTMLParser):
    """The elements of a page with their attributes, their text, and their ancestors."""
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        e = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": list(self.stack),
             "classes": set((dict(attrs).get("class") or "").split())}
        self.elements.append(e)
        if tag not in self.VOID:
            self.stack.append(e)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for e in self.stack:
            e["text"] += data

    def select(self, tag=None, cls=None, within=None, **attrs):
        out = []
        for e in self.elements:
            if tag and e["tag"] != tag or cls and cls not in e["classes"]:
                continue
            if any(e["attrs"].get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            if within is not None and not any(p is within for p in e["parents"]):
                continue
            out.append(e)
        return out


def chromium(browser, args, tmp, timeout=120):
    r = subprocess.run([browser] + CHROMIUM_FLAGS + [f"--user-data-dir={os.path.join(tmp, 'profile')}"] + args,
                       capture_output=True, timeout=timeout)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def png_pixels(path):
    """(width, height, set of RGB colours) of an 8-bit PNG, decoded with zlib alone."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError(f"unexpected PNG: depth {depth}, colour type {ctype}, interlace {interlace}")
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    prev, colours = bytearray(stride), set()
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        prev = line
    return width, height, colours


def json_counts(report):
    by_cat = {c: 0 for c in CATEGORIES}
    by_sev = {s: 0 for s in SEVERITIES}
    for f in report["files"]:
        for x in f["findings"]:
            by_cat[x["category"]] += 1
            by_sev[x["severity"]] += 1
    return by_cat, by_sev


def plain(text, fmt):
    """A finding's text as the report shows it: for HTML, markup dropped and references decoded."""
    if fmt == "html":
        text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip()


def check_page(dom, report, what, report_dir=None, link_root=None):
    """Every count on the page equals the JSON report's; the chart's bars are proportional; each
    finding is shown in context; links resolve."""
    by_cat, by_sev = json_counts(report)
    total = sum(by_cat.values())
    files = report["files"]
    with_findings = sum(1 for f in files if f["findings"])
    summary = dom.select("p", id="summary")
    text = " ".join(summary[0]["text"].split()) if summary else ""
    check(text.startswith(f"{total} findings in {with_findings} of {len(files)} pages"),
          f"{what}: the summary says {total} findings in {with_findings} of {len(files)} pages", text)
    shown_cat = {c: dom.select("td", cls="count", data_category=c) for c in CATEGORIES}
    shown_sev = {s: dom.select("td", cls="count", data_severity=s) for s in SEVERITIES}
    check({c: [e["text"] for e in v] for c, v in shown_cat.items()} == {c: [str(n)] for c, n in by_cat.items()},
          f"{what}: totals by category equal the JSON report's", shown_cat)
    check({s: [e["text"] for e in v] for s, v in shown_sev.items()} == {s: [str(n)] for s, n in by_sev.items()},
          f"{what}: totals by severity equal the JSON report's", shown_sev)

    # The chart: one bar per category and severity, drawn on one scale.
    svg = dom.select("svg", id="chart")
    check(len(svg) == 1, f"{what}: one svg#chart")
    bars = dom.select("rect", cls="bar", within=svg[0]) if svg else []
    want = {("category", c): n for c, n in by_cat.items()} | {("severity", s): n for s, n in by_sev.items()}
    got = {}
    for b in bars:
        key = ("category", b["attrs"].get("data-category")) if "bar-category" in b["classes"] else \
              ("severity", b["attrs"].get("data-severity"))
        got[key] = (int(b["attrs"]["data-count"]), float(b["attrs"]["width"]), float(b["attrs"]["height"]))
    check({k: v[0] for k, v in got.items()} == want, f"{what}: a bar per category and severity with the JSON counts",
          f"got {got}\nwant {want}")
    biggest = max(got.values(), key=lambda v: v[0], default=(0, 0, 0))
    scale = biggest[1] / biggest[0] if biggest[0] else 0
    bad = {k: v for k, v in got.items()
           if v[2] <= 0 or (v[0] > 0 and v[1] <= 0) or abs(v[1] - v[0] * scale) > 0.02 + 0.001 * v[1]}
    check(got and not bad and (total == 0 or scale > 0),
          f"{what}: bars have non-zero heights, widths proportional to the counts ({scale:.3f} px per finding)", bad)
    labels = [e["text"] for e in dom.select("text", cls="bar-label", within=svg[0])] if svg else []
    check(sorted(labels) == sorted(str(v[0]) for v in got.values()), f"{what}: each bar is labelled with its count",
          labels)

    # Each file: its counts, its findings in context, its link.
    problems = []
    for f in files:
        if not f["findings"] and "error" not in f and not f.get("sourced"):
            if dom.select("section", data_path=f["path"]):
                problems.append(f"{f['path']}: listed without findings")
            continue
        sec = dom.select("section", cls="file", data_path=f["path"])
        row = dom.select("tr", data_path=f["path"])
        if len(sec) != 1 or len(row) != 1:
            problems.append(f"{f['path']}: {len(sec)} sections, {len(row)} rows")
            continue
        sec, row = sec[0], row[0]
        count = dom.select(cls="file-count", within=sec)
        if not count or count[0]["attrs"].get("data-count") != str(len(f["findings"])):
            problems.append(f"{f['path']}: file-count {count and count[0]['attrs']}")
        cells = {c: [e["text"] for e in dom.select("td", within=row, data_category=c)] for c in CATEGORIES}
        want_cells = {c: [str(sum(1 for x in f["findings"] if x["category"] == c))] for c in CATEGORIES}
        tot = [e["text"] for e in dom.select("td", within=row) if "data-total" in e["attrs"]]
        if cells != want_cells or tot != [str(len(f["findings"]))]:
            problems.append(f"{f['path']}: row {cells} {tot}, want {want_cells}")
        items = [li for li in dom.select("li", cls="finding", within=sec) if "cleared" not in li["classes"]]
        if len(items) != len(f["findings"]):
            problems.append(f"{f['path']}: {len(items)} items for {len(f['findings'])} findings")
        cleared = [li for li in dom.select("li", cls="cleared", within=sec)]
        if len(cleared) != len(f.get("sourced", [])) or \
                any(x["evidence"] not in li["text"] for li, x in zip(cleared, f.get("sourced", []))):
            problems.append(f"{f['path']}: {len(cleared)} cleared items for {f.get('sourced')}")
        for li, x in zip(items, f["findings"]):
            marks = dom.select("mark", within=li)
            ctx = dom.select("blockquote", cls="context", within=li)
            if len(marks) != 1 or len(ctx) != 1:
                problems.append(f"{f['path']}:{x['line']}: {len(marks)} marks")
                continue
            if len(x["text"]) < 200 and marks[0]["text"] != plain(x["text"], f["format"]):
                problems.append(f"{f['path']}:{x['line']}: mark {marks[0]['text']!r}, text {x['text']!r}")
            if marks[0]["text"] not in ctx[0]["text"] or len(ctx[0]["text"]) > len(marks[0]["text"]) + 400:
                problems.append(f"{f['path']}:{x['line']}: context {ctx[0]['text']!r}")
            if x["message"] not in " ".join(li["text"].split()) and len(x["message"]) < 300:
                problems.append(f"{f['path']}:{x['line']}: no message")
            if dom.select(within=ctx[0], tag="i") or dom.select(within=ctx[0], tag="img"):
                problems.append(f"{f['path']}:{x['line']}: markup from the page inside the context")
        if report_dir is not None:
            links = [a["attrs"].get("href") for a in dom.select("a", within=sec) if "rule" not in a["classes"]]
            target = os.path.normpath(os.path.join(report_dir, urllib.parse.unquote(links[0]))) if links else None
            want_target = link_root(f) if link_root else None
            if target != want_target or not os.path.exists(target or ""):
                problems.append(f"{f['path']}: links to {target}, want {want_target}")
    check(not problems, f"{what}: each file's counts, findings in context and link", "\n".join(problems[:8]))


def main():
    browser = find_chromium()
    if not browser:
        print("FAIL  chromium is missing: apt-get install chromium (make test installs it)")
        print("0 passed, 1 failed")
        sys.exit(1)
    tmp = tempfile.mkdtemp(prefix="factlint-report-")
    try:
        # --- check --report FILE.html for the articles and a bad page ------------------------------
        out_html, out_json = os.path.join(tmp, "r", "report.html"), os.path.join(tmp, "r", "report.json")
        rc, out, err = run(["check", "--format", "json", "--report", out_html, "--report", out_json, ARTICLES, BAD_PAGE])
        check(rc == 2 and os.path.exists(out_html) and os.path.exists(out_json),
              "check --report writes FILE.html and FILE.json besides --format json (exit 2: a bad page)", err)
        report = json.loads(out)
        with open(out_json, encoding="utf-8") as f:
            check(json.load(f) == report, "--report FILE.json is the JSON report")
        with open(out_html, encoding="utf-8") as f:
            page = f.read()
        check(not re.search(r"<(script|link|img|iframe)\b", page) and "src=" not in page and "url(" not in page,
              "the page is self-contained: no script, no external resource")

        rc, dumped, err = chromium(browser, ["--dump-dom", "file://" + out_html], tmp)
        check(rc == 0 and "<svg" in dumped, "headless Chromium loads the page", f"exit {rc}\n{err[-1500:]}")
        dom = Dom(dumped)
        check_page(dom, report, "articles", os.path.dirname(out_html),
                   lambda f: os.path.normpath(os.path.join(SRC, f["path"])))
        errors = dom.select(cls="error", within=dom.select("section", data_path=BAD_PAGE)[0]) \
            if dom.select("section", data_path=BAD_PAGE) else []
        check(any("invalid UTF-8" in e["text"] for e in errors), "the page that could not be checked is shown with its error")

        # --- the screenshot: rendered, not blank, the bars in their colours ------------------------
        png = os.path.join(tmp, "r.png")
        rc, _, err = chromium(browser, [f"--screenshot={png}", "--window-size=1200,900", "file://" + out_html], tmp)
        try:
            width, height, colours = png_pixels(png)
        except (OSError, ValueError, zlib.error) as e:
            width = height = 0
            colours = set()
            check(False, "the screenshot is a PNG", f"{e}\nexit {rc}\n{err[-1500:]}")
        check((width, height) == (1200, 900) and len(colours) > 1,
              f"the screenshot is 1200x900 and not blank ({len(colours)} colours)")
        near = {c: any(all(abs(p[i] - rgb[i]) <= 3 for i in range(3)) for p in colours) for c, rgb in BAR_COLOURS.items()}
        check(all(near.values()), "the screenshot shows a bar in each category's colour", near)

        # --- --format report on stdout -----------------------------------------------------------
        rc, out, err = run(["check", "--format", "report", PAGES])
        dom = Dom(out.decode("utf-8"))
        pages_report = json.loads(run(["check", "--format", "json", PAGES])[1])
        check_page(dom, pages_report, "--format report (pages)", SRC,
                   lambda f: os.path.normpath(os.path.join(SRC, f["path"])))

        # --- with --out-dir the links go to the annotated pages ----------------------------------
        annotated, sub = os.path.join(tmp, "annotated"), os.path.join(tmp, "deep", "er", "report.html")
        rc, out, err = run(["check", "--out-dir", annotated, "--report", sub, PAGES])
        with open(sub, encoding="utf-8") as f:
            dom = Dom(f.read())

        def annotated_page(f):
            rel = os.path.relpath(f["path"], PAGES)
            return os.path.normpath(os.path.join(annotated, re.sub(r"\.(md|markdown)$", ".html", rel)))

        check_page(dom, pages_report, "--out-dir", os.path.dirname(sub), annotated_page)

        # --- nothing the page quotes becomes markup ------------------------------------------------
        md = write(os.path.join(tmp, "hostile.md"), 'Sales rose 40% <i>overnight</i> & "more" <img src=x>.\n\n'
                   '<p>Costs fell 12% <b>fast</b> &amp; far.</p>\n')
        rc, out, err = run(["check", "--format", "report", "hostile.md"], cwd=tmp)
        dom = Dom(out.decode("utf-8"))
        ctx = dom.select("blockquote", cls="context")
        check(len(ctx) == 2 and not any(dom.select(within=c, tag=t) for c in ctx for t in ("i", "img", "b")),
              "the page's own markup in a context is shown as text, never as markup",
              [c["text"] for c in ctx])
        check(any("<i>overnight</i>" in c["text"] for c in ctx), "… and reads as it does in the source",
              [c["text"] for c in ctx])

        # --- findings a factlint-source comment cleared are listed apart, with their evidence -------
        write(os.path.join(tmp, "sourced.html"), '<p>Sales rose 40% last year. <!-- factlint-source '
              '"https://example.org/q3" --></p>\n<p>Costs fell 12% too.</p>\n')
        rc, out, err = run(["check", "--format", "report", "sourced.html"], cwd=tmp)
        sreport = json.loads(run(["check", "--format", "json", "sourced.html"], cwd=tmp)[1])
        check(sreport["files"][0].get("sourced"), "the page with a factlint-source comment has a sourced finding",
              sreport)
        check_page(Dom(out.decode("utf-8")), sreport, "sourced finding", tmp,
                   lambda f: os.path.normpath(os.path.join(tmp, f["path"])))

        # --- factlint site --report FILE.html still works -----------------------------------------
        site = os.path.join(tmp, "site")
        os.makedirs(site)
        for name in os.listdir(os.path.join(SRC, PAGES)):
            if name.endswith(".html"):
                shutil.copy(os.path.join(SRC, PAGES, name), site)
        site_report = os.path.join(tmp, "site-report.html")
        rc, out, err = run(["site", "--report-only", "--quiet", "--report", site_report,
                            "--report", site_report[:-5] + ".json", site])
        with open(site_report[:-5] + ".json", encoding="utf-8") as f:
            sreport = json.load(f)
        with open(site_report, encoding="utf-8") as f:
            dom = Dom(f.read())
        check_page(dom, sreport, "site --report", tmp, lambda f: os.path.normpath(os.path.join(site, f["path"])))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
