#!/usr/bin/env python3
"""The benchmark corpus generator (bench/gen_pages.py) and phrase list (bench/phrases.py).

The generator is deterministic (the same arguments give the same bytes, whatever PYTHONHASHSEED),
writes the number of pages asked for at roughly the size asked for, its HTML pages parse and hold
an <article>, a head with JSON-LD and a <main>; factlint finds all three categories of claim in a
generated page, and more per KB in --dense pages. phrases.py lists the absolute-claim phrases of
the default packs. Runs in a few seconds.
"""
import collections
import html.parser
import json
import os
import subprocess
import sys
import tempfile

SRC = os.environ.get("FACTLINT_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("FACTLINT_BIN") or os.path.join(SRC, "build", "bin", "factlint")
GEN = os.path.join(SRC, "bench", "gen_pages.py")
PHRASES = os.path.join(SRC, "bench", "phrases.py")
CATEGORIES = ["unattributed-figure", "suspect-quote", "absolute-claim"]

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


def generate(args, hashseed="0"):
    env = dict(os.environ, PYTHONHASHSEED=hashseed)
    r = subprocess.run([sys.executable, GEN] + args, capture_output=True, text=True, env=env, timeout=60)
    if r.returncode != 0:
        raise RuntimeError(f"gen_pages.py {' '.join(args)} failed: {r.stderr}")


def tree(folder):
    """{name: bytes} of the files in folder."""
    out = {}
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            out[name] = f.read()
    return out


class Outline(html.parser.HTMLParser):
    """Counts start tags and notes whether a JSON-LD script is present."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = collections.Counter()
        self.json_ld = False

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        if tag == "script" and ("type", "application/ld+json") in attrs:
            self.json_ld = True


def findings(path):
    r = subprocess.run([BIN, "check", "--format", "json", "--fail-on", "never", "--no-config", path],
                       capture_output=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError(f"factlint exited {r.returncode}: {r.stderr.decode(errors='replace')}")
    report = json.loads(r.stdout)
    return [f for file in report["files"] for f in file.get("findings", [])]


def main():
    with tempfile.TemporaryDirectory(prefix="factlint-bench-gen-") as tmp:
        a, b, c = (os.path.join(tmp, x) for x in ("a", "b", "c"))
        args = ["--pages", "8", "--size-kb", "40", "--format", "mixed", "--style", "mixed", "--seed", "11"]
        generate(["--out", a] + args, hashseed="1")
        generate(["--out", b] + args, hashseed="2")
        generate(["--out", c] + args[:-1] + ["12"])
        ta, tb, tc = tree(a), tree(b), tree(c)
        check(ta == tb, "same arguments give byte-identical pages (PYTHONHASHSEED 1 and 2)")
        check(ta != tc, "another seed gives other pages")
        check(len(ta) == 8, "8 pages asked for, 8 written", sorted(ta))
        kinds = collections.Counter(os.path.splitext(n)[1] for n in ta)
        check(set(kinds) <= {".html", ".md"} and kinds[".html"] > 0, "--format mixed writes .html (and maybe .md) pages",
              dict(kinds))
        sizes = [len(x) for x in ta.values()]
        check(all(0.75 * 40960 <= s <= 1.4 * 40960 for s in sizes), "each page is roughly 40 KB", sizes)

        # Pages are independent: the first pages of a bigger corpus are those of a smaller one.
        d = os.path.join(tmp, "d")
        generate(["--out", d, "--pages", "3"] + args[2:])
        check(tree(d) == {n: ta[n] for n in sorted(ta)[:3]}, "page i does not depend on how many pages are asked for")

        for name, data in ta.items():
            if not name.endswith(".html"):
                continue
            text = data.decode("utf-8")
            p = Outline()
            try:
                p.feed(text)
                p.close()
                parsed = True
            except Exception as e:  # html.parser is lenient; anything raised is a real defect
                parsed, p = False, e
            if not check(parsed, f"{name} parses with html.parser", p):
                continue
            t = p.tags
            check(text.startswith("<!DOCTYPE html>") and t["article"] == 1 and t["main"] >= 1 and t["h1"] >= 1
                  and t["nav"] >= 1 and t["footer"] >= 1 and t["meta"] >= 15 and p.json_ld,
                  f"{name}: doctype, head with meta tags and JSON-LD, nav, main, one article, h1, footer",
                  dict(t))

        # One page of about M MB.
        single = os.path.join(tmp, "single.html")
        generate(["--single-mb", "0.5", "--out", single, "--seed", "5"])
        size = os.path.getsize(single)
        check(0.4 * 2**20 <= size <= 0.7 * 2**20, "--single-mb 0.5 writes one page of about 0.5 MB", size)

        # factlint finds every category in an ordinary generated page, and more in a dense one.
        html_pages = sorted(n for n in ta if n.endswith(".html"))
        if not check(os.path.exists(BIN), f"factlint binary at {BIN}"):
            return
        found = collections.Counter(f["category"] for f in findings(os.path.join(a, html_pages[0])))
        check(all(found[c] > 0 for c in CATEGORIES), f"{html_pages[0]}: findings in all three categories", dict(found))
        e = os.path.join(tmp, "e")
        generate(["--out", e, "--pages", "1", "--size-kb", "40", "--format", "html", "--seed", "11", "--dense"])
        dense_page = os.path.join(e, os.listdir(e)[0])
        dense = len(findings(dense_page)) / os.path.getsize(dense_page)
        plain = sum(found.values()) / len(ta[html_pages[0]])
        check(dense > 2 * plain, "--dense pages carry more than twice the findings per byte",
              f"dense {dense * 1024:.1f}/KB, plain {plain * 1024:.1f}/KB")

    r = subprocess.run([sys.executable, PHRASES, "--stats"], capture_output=True, text=True, timeout=30)
    phrases = r.stdout.splitlines()
    check(r.returncode == 0 and len(phrases) > 100 and "everybody knows" in phrases and "unmatched" in phrases
          and len(set(p.lower() for p in phrases)) == len(phrases),
          "phrases.py lists the absolute-claim phrases (phrase lists and literal pattern alternatives), once each",
          r.stderr + f" {len(phrases)} phrases")

    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or not passed else 0)


if __name__ == "__main__":
    main()
