#!/usr/bin/env python3
"""Workflow test: factlint.toml discovery and merging through the CLI, `factlint config` and its
provenance lines, config errors (file:line:column, exit 2), baselines (write, check, a multiset, a
paragraph inserted at the top revives nothing), --show-sourced, the JSON "sourced" array,
--quiet and --max-findings.

Every case runs in a fresh temporary folder whose top factlint.toml says `root = true`, so no file
outside it can change the result. Prints "N passed, M failed" and exits non-zero on failure.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SRC = os.environ.get("FACTLINT_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.abspath(os.environ.get("FACTLINT_BIN") or os.path.join(SRC, "build", "bin", "factlint"))

passed = failed = 0

FIGURE = "Sales rose 30% last year."
CLAIM = "It is the best phone ever made."
HYPE = "A game-changing phone."

HOUSE_PACK = """[pack]
name = "house"

[[rule]]
id = "house.hype"
category = "absolute-claim"
severity = "warning"
kind = "phrases"
phrases = ["game-changing"]
message = "“{text}” is hype"
examples.fire = ["A game-changing phone."]
"""


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


class Tree:
    """A temporary folder to run factlint in."""

    def __init__(self, files):
        self.root = tempfile.mkdtemp(prefix="factlint-workflow-")
        for rel, text in files.items():
            self.write(rel, text)

    def write(self, rel, text):
        p = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)

    def read(self, rel):
        with open(os.path.join(self.root, rel), encoding="utf-8") as f:
            return f.read()

    def run(self, *args, stdin=None, cwd=None):
        r = subprocess.run([BIN] + list(args), cwd=cwd or self.root, input=stdin, capture_output=True,
                           timeout=120)
        r.out = r.stdout.decode("utf-8", "replace")
        r.err = r.stderr.decode("utf-8", "replace")
        return r

    def close(self):
        shutil.rmtree(self.root, ignore_errors=True)


def lines(text):
    return [l for l in text.splitlines() if l]


def rules_of(out):
    """'path:line:col: severity category rule: message' -> [(path, line, col, severity, rule)]."""
    res = []
    for l in lines(out):
        head, _, _ = l.partition(": ")
        path, ln, col = head.rsplit(":", 2)
        sev, cat, rule = l[len(head) + 2:].split(":", 1)[0].split(" ")
        res.append((path, int(ln), int(col), sev, rule))
    return res


def describe(r):
    return f"exit {r.returncode}\nstdout:\n{r.out}\nstderr:\n{r.err}"


# ---- configuration ---------------------------------------------------------------------------------

def test_config_discovery_and_merge():
    page = f"{HYPE} {CLAIM} {FIGURE}\n"
    t = Tree({
        "factlint.toml": 'root = true\nrules = ["packs/house.toml"]\ndisable = ["absolute.totalizing"]\n'
                         'ignore = ["drafts", "*.skip.md"]\nfail_on = "warning"\n',
        "packs/house.toml": HOUSE_PACK,
        "posts/factlint.toml": 'disable = ["house.hype"]\n[severity]\nfigure.unattributed = "error"\n'
                               '"absolute.superlative" = "info"\n',
        "posts/deep/factlint.toml": 'min_severity = "warning"\n',
        "index.md": page, "posts/p.md": page, "posts/deep/q.md": page, "drafts/x.md": page,
        "posts/a.skip.md": page,
    })
    try:
        r = t.run("check", ".")
        got = rules_of(r.out)
        best, fig = page.index("the best") + 1, page.index("30%") + 1  # columns (ASCII page)
        want = [
            ("./index.md", 1, 3, "warning", "house.hype"),              # the config's pack is loaded
            ("./index.md", 1, best, "warning", "absolute.superlative"),
            ("./index.md", 1, fig, "warning", "figure.unattributed"),   # totalizing disabled everywhere
            ("./posts/deep/q.md", 1, fig, "error", "figure.unattributed"),  # min_severity drops the info
            ("./posts/p.md", 1, best, "info", "absolute.superlative"),  # re-levelled; house.hype disabled
            ("./posts/p.md", 1, fig, "error", "figure.unattributed"),
        ]
        check(got == want, "nested factlint.toml files: nearest wins, lists add up, packs, ignore", describe(r))
        check(r.returncode == 1, "fail_on = warning from the top file makes warnings fail", describe(r))
        check("drafts/x.md" not in r.out and "a.skip.md" not in r.out and "in 3 files" in r.err,
              "ignored files are neither checked nor counted", describe(r))

        r = t.run("check", "--fail-on", "error", "--min-severity", "info", "posts/deep/q.md")
        got = rules_of(r.out)
        check([x[4] for x in got] == ["absolute.superlative", "figure.unattributed"] and r.returncode == 1,
              "--min-severity and --fail-on on the command line win over the config", describe(r))
        r = t.run("check", "--fail-on", "error", "index.md")
        check(r.returncode == 0, "--fail-on error wins over fail_on = warning", describe(r))

        r = t.run("check", "--no-config", "index.md")
        got = [x[4] for x in rules_of(r.out)]
        check(got == ["absolute.superlative", "absolute.totalizing", "figure.unattributed"] and r.returncode == 0,
              "--no-config: defaults only", describe(r))

        r = t.run("check", "drafts/x.md")
        check(r.returncode == 0 and r.out == "" and "0 findings in 0 files" in r.err,
              "a file named on the command line is still ignored by its config", describe(r))

        # stdin: the config of --stdin-filename's folder (or of the working folder)
        r = t.run("check", "--stdin-filename", "posts/new.md", "-", stdin=page.encode())
        got = [(x[3], x[4]) for x in rules_of(r.out)]
        check(got == [("info", "absolute.superlative"), ("error", "figure.unattributed")],
              "stdin uses the config of --stdin-filename's folder", describe(r))
        r = t.run("check", "-", stdin=page.encode(), cwd=os.path.join(t.root, "posts"))
        got = [(x[3], x[4]) for x in rules_of(r.out)]
        check(got == [("info", "absolute.superlative"), ("error", "figure.unattributed")],
              "stdin without a name uses the working folder's config", describe(r))
    finally:
        t.close()


def test_root_stops_search():
    t = Tree({
        "factlint.toml": 'root = true\ndisable = ["figure.unattributed"]\n',
        "site/factlint.toml": 'root = true\n',
        "site/a.md": FIGURE + "\n",
        "b.md": FIGURE + "\n",
    })
    try:
        r = t.run("check", "site/a.md", "b.md")
        got = [(x[0], x[4]) for x in rules_of(r.out)]
        check(got == [("site/a.md", "figure.unattributed")], "root = true stops the search upward", describe(r))
    finally:
        t.close()


def test_config_command():
    t = Tree({
        "factlint.toml": 'root = true\nrules = ["packs/house.toml"]\ndisable = [\n  "quote.scare",\n]\n'
                         'ignore = ["drafts"]\n',
        "packs/house.toml": HOUSE_PACK,
        "posts/factlint.toml": 'disable = ["absolute.totalizing"]\nfail_on = "warning"\n\n[severity]\n'
                               '"figure.unattributed" = "error"\n',
        "posts/a.md": FIGURE + "\n",
    })
    try:
        r = t.run("config", "posts/a.md")
        want = (
            "# configuration for posts/a.md\n"
            "# files: factlint.toml posts/factlint.toml\n"
            "root = true  # factlint.toml:1\n"
            'rules = ["packs/house.toml"]  # factlint.toml:2\n'
            'disable = ["quote.scare", "absolute.totalizing"]  # factlint.toml:4, posts/factlint.toml:1\n'
            'severity = { "figure.unattributed" = "error" }  # posts/factlint.toml:5\n'
            'ignore = ["drafts"]  # factlint.toml:6\n'
            'min_severity = "info"  # default\n'
            'fail_on = "warning"  # posts/factlint.toml:2\n'
        )
        check(r.returncode == 0 and r.out == want and r.err == "", "factlint config: one key per line with file:line",
              describe(r) + "\nexpected:\n" + want)
        r = t.run("config", "drafts/new.md")
        check(r.returncode == 0 and r.out.endswith('# drafts/new.md is ignored: "drafts" (factlint.toml:6)\n'),
              "factlint config says when a file is ignored, and by what", describe(r))
        r = t.run("config", "posts")
        check(r.returncode == 0 and 'fail_on = "warning"  # posts/factlint.toml:2' in r.out,
              "factlint config accepts a folder", describe(r))
        # the output is valid TOML
        try:
            import tomllib  # Python 3.11+
            data = tomllib.loads(t.run("config", "posts/a.md").out)
            check(data["disable"] == ["quote.scare", "absolute.totalizing"], "factlint config prints valid TOML", data)
        except ImportError:
            pass
    finally:
        t.close()


def test_config_errors():
    t = Tree({
        "factlint.toml": 'root = true\n',
        "posts/factlint.toml": 'disable = ["x"]\n\ndisabled = ["quote.scare"]\n',
        "posts/a.md": FIGURE + "\n",
        "ok.md": FIGURE + "\n",
    })
    want = ("factlint: error: posts/factlint.toml:3:1: unknown key 'disabled' (expected one of: root, rules, "
            "disable, severity, ignore, min_severity, fail_on)\n")
    try:
        for args in (["check", "."], ["check", "posts/a.md"], ["config", "posts/a.md"]):
            r = t.run(*args)
            check(r.returncode == 2 and r.err == want and r.out == "",
                  f"{' '.join(args)}: unknown key is an error with file:line:column, exit 2", describe(r))
        r = t.run("check", "ok.md")
        check(r.returncode == 0, "a bad factlint.toml elsewhere does not matter", describe(r))
        cases = [
            ('fail_on = 3\n', "posts/factlint.toml:1:11: 'fail_on' must be a string: error, warning or info"),
            ('severity = { "quote.scare" = "loud" }\n',
             "posts/factlint.toml:1:30: unknown severity 'loud' for 'severity.quote.scare' (expected error, warning or info)"),
            ('rules = ["nope.toml"]\n', "posts/factlint.toml:1:10: rule pack 'nope.toml' not found (looked for "
             + os.path.join(os.path.realpath(t.root), "posts", "nope.toml") + ")"),
            ('ignore = "drafts"\n', "posts/factlint.toml:1:10: 'ignore' must be an array of strings"),
        ]
        for text, msg in cases:
            t.write("posts/factlint.toml", text)
            r = t.run("check", "posts/a.md")
            ok = r.returncode == 2 and r.err.startswith("factlint: error: ")
            # the temporary folder may sit behind a symbolic link (/tmp): compare from the message
            got = r.err[len("factlint: error: "):].rstrip("\n")
            check(ok and (got == msg or got.replace(t.root, os.path.realpath(t.root)) == msg),
                  f"{text.strip()}: {msg.split(': ', 1)[1][:40]}…", describe(r))
        t.write("posts/factlint.toml", 'rules = ["bad.toml"]\n')
        t.write("posts/bad.toml", '[[rule]]\nid = "x"\ncolour = "red"\n')
        r = t.run("check", "posts/a.md")
        check(r.returncode == 2 and "posts/bad.toml:3:1: unknown key 'colour'" in r.err,
              "a bad pack named by a config is a rule error (exit 2)", describe(r))
    finally:
        t.close()


# ---- baselines -------------------------------------------------------------------------------------

def test_baseline():
    page = f"{FIGURE}\n\n{FIGURE}\n\n{CLAIM}\n"
    t = Tree({"factlint.toml": "root = true\n", "posts/a.md": page, "b.md": FIGURE + "\n"})
    try:
        r = t.run("baseline", "--write", "ci/baseline.json", "posts", "b.md")
        check(r.returncode == 0 and r.out == "" and r.err == "factlint: baseline ci/baseline.json: 5 findings in 2 files\n",
              "baseline --write records the findings, exit 0", describe(r))
        data = json.loads(t.read("ci/baseline.json"))
        fps = [e["fingerprint"] for e in data["findings"]]
        paths = sorted(set(e["path"] for e in data["findings"]))
        check(data.get("factlint_baseline") == 1 and len(fps) == 5 and fps[0] == fps[1] and len(set(fps)) == 4,
              "the baseline is JSON with one entry per finding (identical findings twice)", data)
        check(paths == ["../b.md", "../posts/a.md"], "paths are relative to the baseline file's folder", paths)

        r = t.run("check", "--baseline", "ci/baseline.json", "posts", "b.md")
        check(r.returncode == 0 and r.out == "" and
              r.err == "factlint: 0 findings in 2 files\nfactlint: 5 known findings hidden by the baseline ci/baseline.json\n",
              "check --baseline hides every known finding and says how many", describe(r))

        # A paragraph inserted at the top moves every line: nothing old comes back.
        t.write("posts/a.md", "A new intro: revenue hit $9 billion.\n\n" + page + "\n" + FIGURE + "\n")
        r = t.run("check", "--baseline", "ci/baseline.json", "posts", "b.md")
        got = [(x[0], x[1], x[2], x[4]) for x in rules_of(r.out)]
        check(got == [("posts/a.md", 1, 26, "figure.unattributed"), ("posts/a.md", 9, 12, "figure.unattributed")],
              "after inserting a paragraph only the new figure and the third copy are reported", describe(r))
        check("5 known findings hidden" in r.err, "the known ones are still hidden", describe(r))

        # Whitespace and case do not matter; the rule and the path do.
        t.write("posts/a.md", "SALES ROSE 30% LAST YEAR.\n\n" + FIGURE + "\n\n" + CLAIM.replace("best phone", "best\n   phone") + "\n")
        r = t.run("check", "--baseline", "ci/baseline.json", "posts")
        check(r.out == "" and "4 known findings hidden" in r.err, "fingerprints ignore case and line breaks", describe(r))
        t.write("posts/moved.md", FIGURE + "\n")
        r = t.run("check", "--baseline", "ci/baseline.json", "posts/moved.md")
        check(len(rules_of(r.out)) == 1, "the same text in another file is new", describe(r))

        # Other working folders see the same paths.
        r = t.run("check", "--baseline", "baseline.json", "../b.md", cwd=os.path.join(t.root, "ci"))
        check(r.out == "" and "1 known finding hidden" in r.err, "baseline paths do not depend on the working folder",
              describe(r))

        r = t.run("check", "--baseline", "ci/baseline.json", "--format", "json", "b.md")
        check(r.returncode == 0 and json.loads(r.out)["files"][0]["findings"] == [], "--baseline with --format json",
              describe(r))

        t.write("junk.json", '{"findings": 3}')
        r = t.run("check", "--baseline", "junk.json", "b.md")
        check(r.returncode == 2 and "junk.json: not a factlint baseline" in r.err, "a file that is no baseline: exit 2",
              describe(r))
        r = t.run("check", "--baseline", "missing.json", "b.md")
        check(r.returncode == 2 and "missing.json: cannot open" in r.err, "a missing baseline: exit 2", describe(r))
        r = t.run("baseline", "b.md")
        check(r.returncode == 2 and "baseline needs --write FILE" in r.err, "baseline without --write: usage error",
              describe(r))
    finally:
        t.close()


# ---- sourced findings, --quiet, --max-findings ---------------------------------------------------

def test_sourced_output():
    t = Tree({
        "factlint.toml": "root = true\n",
        "a.md": 'Intro.\n\nThe rate was 25% <!-- factlint-source "https://stats.example.org/rate" --> in May, '
                'and 40% in June.\n',
        "b.html": '<p>Up 30%.<!-- factlint-source "https://x.org/b" --></p>\n',
        "c.md": FIGURE + "\n",
    })
    try:
        r = t.run("check", "--show-sourced", "a.md", "b.html")
        want = ("a.md:3:88: warning unattributed-figure figure.unattributed: “40%” has no source in reach: "
                "link the data, add a footnote, or name who reports it (“according to …”)\n"
                "a.md:3:14: sourced figure.unattributed: https://stats.example.org/rate\n"
                "b.html:1:7: sourced figure.unattributed: https://x.org/b\n")
        check(r.out == want, "--show-sourced lists path:line:col: sourced rule: evidence", describe(r) + "\nexpected:\n" + want)
        r = t.run("check", "a.md")
        check("sourced" not in r.out, "without --show-sourced, sourced findings are not listed", describe(r))
        r = t.run("check", "--format", "json", "a.md", "c.md")
        files = json.loads(r.out)["files"]
        s = files[0].get("sourced")
        check(s is not None and len(s) == 1 and s[0]["evidence"] == "https://stats.example.org/rate"
              and s[0]["text"] == "25%" and s[0]["line"] == 3 and s[0]["column"] == 14
              and [f["text"] for f in files[0]["findings"]] == ["40%"],
              "JSON: a \"sourced\" array with \"evidence\"", r.out)
        check("sourced" not in files[1], "JSON: no \"sourced\" key when nothing was sourced", r.out)
        r = t.run("check", "--format", "html", "a.md")
        check(">40%</mark>" in r.out and ">25%</mark>" not in r.out, "sourced findings are not marked", r.out[-400:])
    finally:
        t.close()


def test_quiet_and_max_findings():
    t = Tree({
        "factlint.toml": "root = true\n",
        "a.md": f"{FIGURE} {CLAIM}\n",  # 3 findings
        "b.md": f"{FIGURE}\n",          # 1 finding
    })
    try:
        r = t.run("check", "a.md", "b.md")
        check(len(lines(r.out)) == 4 and r.err == "factlint: 4 findings in 2 files\n", "four findings to start with",
              describe(r))
        r = t.run("check", "--quiet", "a.md", "b.md")
        check(len(lines(r.out)) == 4 and r.err == "" and r.returncode == 0, "--quiet: findings, no summary", describe(r))
        r = t.run("check", "-q", "a.md", "missing.md")
        check(r.returncode == 2 and r.err == "missing.md: error: no such file or folder\n",
              "--quiet still prints errors", describe(r))
        t.write("bad/factlint.toml", "colour = 1\n")
        t.write("bad/x.md", "x\n")
        r = t.run("check", "--quiet", "bad/x.md")
        check(r.returncode == 2 and "bad/factlint.toml:1:1: unknown key 'colour'" in r.err,
              "--quiet still prints config errors", describe(r))

        r = t.run("check", "--max-findings", "2", "a.md", "b.md")
        got = [(x[0], x[4]) for x in rules_of(r.out)]
        check(got == [("a.md", "figure.unattributed"), ("a.md", "absolute.superlative")],
              "--max-findings 2: the first two findings only", describe(r))
        check(r.err == "factlint: 2 findings in 2 files\n"
                       "factlint: stopped reporting after 2 findings (--max-findings): 2 more not shown\n",
              "--max-findings says on stderr what it held back", describe(r))
        r = t.run("check", "--max-findings", "3", "--fail-on", "warning", "a.md", "b.md")
        check(len(lines(r.out)) == 3 and r.returncode == 1 and "1 more not shown" in r.err,
              "--max-findings across files; the exit status still counts every finding", describe(r))
        r = t.run("check", "--max-findings", "10", "a.md", "b.md")
        check(len(lines(r.out)) == 4 and "stopped" not in r.err, "--max-findings above the total changes nothing",
              describe(r))
        r = t.run("check", "--max-findings", "1", "--format", "json", "a.md", "b.md")
        files = json.loads(r.out)["files"]
        check([len(f["findings"]) for f in files] == [1, 0] and "1 finding" not in r.out,
              "--max-findings with --format json", describe(r))
        r = t.run("check", "-q", "--max-findings", "1", "a.md", "b.md")
        check(len(lines(r.out)) == 1 and r.err == "", "--quiet also silences the --max-findings note", describe(r))
        r = t.run("check", "--max-findings", "x", "a.md")
        check(r.returncode == 2 and "--max-findings needs a number" in r.err, "--max-findings x: usage error",
              describe(r))
    finally:
        t.close()


def main():
    if not os.path.exists(BIN):
        print(f"FAIL  no binary at {BIN}")
        print("0 passed, 1 failed")
        return 1
    for test in (test_config_discovery_and_merge, test_root_stops_search, test_config_command, test_config_errors,
                 test_baseline, test_sourced_output, test_quiet_and_max_findings):
        try:
            test()
        except Exception as e:  # a crash in one group must not hide the others
            check(False, f"{test.__name__} raised", repr(e))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
