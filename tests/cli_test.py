#!/usr/bin/env python3
"""CLI test: bad input with its exact diagnostics, and the command's contract (exit codes, --out-dir,
stdin, --format html, rule packs, --version).

Bad input lives in fixtures/bad/: each NAME.expected is one case, in this form

    # comment lines
    file: invalid_utf8.md          the fixture in fixtures/bad/ that {path} stands for, or
    generate: long_line            a fixture this script makes in a temporary folder (see GENERATORS)
    args: check {path}             the command line after `factlint` (shell-style quoting)
    exit: 2                        the exit status
    stderr:                        everything after this line is the exact stderr ...
    ...
    stdout:                        ... and, optionally, the exact stdout

{path} is replaced in args, stderr and stdout. Commands run from the repo root
(FACTLINT_SOURCE_DIR), so committed fixtures are reported as fixtures/bad/NAME.

Unreadable files and folders are made with chmod 000. Root reads them anyway, so when the test runs
as root it runs those cases as the unprivileged user `nobody`; if that is impossible it skips only
those cases and says why.
"""
import json
import os
import pwd
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

SRC = os.environ.get("FACTLINT_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("FACTLINT_BIN") or os.path.join(SRC, "build", "bin", "factlint")
BAD = "fixtures/bad"

passed = failed = skipped = 0


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


def skip(what, why):
    global skipped
    skipped += 1
    print(f"skip  {what}: {why}")


def run(args, stdin=None, user=None, timeout=120):
    kw = {}
    if user is not None:
        kw["user"], kw["group"], kw["extra_groups"] = user.pw_uid, user.pw_gid, []
    return subprocess.run([BIN] + args, cwd=SRC, input=stdin, capture_output=True, timeout=timeout, **kw)


def text(b):
    return b.decode("utf-8", "replace")


# --- Fixtures the test makes ------------------------------------------------------------------------

def gen_long_line(tmp):
    p = os.path.join(tmp, "long_line.html")
    with open(p, "w") as f:
        f.write("<p>" + "x" * (1 << 20) + "</p>\n")  # one 1 MB line, no spaces
    return p


def gen_nested_divs(tmp):
    p = os.path.join(tmp, "nested_divs.html")
    with open(p, "w") as f:
        f.write("<div>" * 100000 + "Sales rose 40% last year." + "</div>" * 100000 + "\n")
    return p


def gen_unreadable_folder(tmp):
    d = os.path.join(tmp, "site")
    os.makedirs(d)
    with open(os.path.join(d, "index.html"), "w") as f:
        f.write("<p>Sales rose 40% last year.</p>\n")
    os.chmod(d, 0)
    return d


def gen_unreadable_subfolder(tmp):
    d = os.path.join(tmp, "site")
    os.makedirs(os.path.join(d, "drafts"))
    with open(os.path.join(d, "index.html"), "w") as f:
        f.write("<p>Sales rose 40% last year.</p>\n")
    with open(os.path.join(d, "drafts", "next.html"), "w") as f:
        f.write("<p>Sales rose 50% last year.</p>\n")
    os.chmod(os.path.join(d, "drafts"), 0)
    return d


def gen_unreadable_file(tmp):
    p = os.path.join(tmp, "private.html")
    with open(p, "w") as f:
        f.write("<p>Sales rose 40% last year.</p>\n")
    os.chmod(p, 0)
    return p


def gen_big_page(tmp):
    # ~100 MB of plain paragraphs and one claim at the end: under the default --max-input-bytes
    # (256 MiB), so it is checked (peak RSS about 8 times the page; see tests/security_test.py).
    p = os.path.join(tmp, "big_page.html")
    line = "<p>The committee met on a quiet afternoon and talked about the weather.</p>\n"
    with open(p, "w") as f:
        for _ in range(100):
            f.write(line * ((1 << 20) // len(line) + 1))
        f.write("<p>Sales rose 40% last year.</p>\n")
    return p


def gen_big_page_small_limit(tmp):
    p = os.path.join(tmp, "big.html")
    with open(p, "w") as f:
        f.write("<p>Sales rose 40% last year.</p>\n" * 40000)  # 1.3 MB
    return p


def gen_big_attribute(tmp):
    p = os.path.join(tmp, "big_attribute.html")
    with open(p, "w") as f:
        f.write('<p title="' + "Sales rose 40% " * 70000 + '">Sales rose 40% last year.</p>\n')  # 1 MB value
    return p


def gen_many_findings(tmp):
    p = os.path.join(tmp, "many.html")
    with open(p, "w") as f:
        f.write("<p>Sales rose 40% last year.</p>\n" * 12000)
    return p


def gen_site_symlink_loop(tmp):
    d = os.path.join(tmp, "site")
    os.makedirs(os.path.join(d, "news"))
    with open(os.path.join(d, "news", "index.html"), "w") as f:
        f.write("<p>Sales rose 40% last year.</p>\n")
    os.symlink("..", os.path.join(d, "news", "up"))  # news/up/news/up/... if it were followed
    os.symlink(".", os.path.join(d, "self"))
    return d


def gen_site_symlink_outside(tmp):
    outside = os.path.join(tmp, "outside")
    os.makedirs(outside)
    with open(os.path.join(outside, "secret.html"), "w") as f:
        f.write("<p>Sales rose 50% last year.</p>\n")
    d = os.path.join(tmp, "site")
    os.makedirs(d)
    with open(os.path.join(d, "index.html"), "w") as f:
        f.write("<p>Sales rose 40% last year.</p>\n")
    os.symlink(os.path.join(outside, "secret.html"), os.path.join(d, "linked.html"))
    os.symlink(outside, os.path.join(d, "linked-folder"))
    return d


def gen_site_outdir_symlink(tmp):
    """An output folder holding a link to a folder elsewhere: nothing may be written through it."""
    outside = os.path.join(tmp, "outside")
    os.makedirs(outside)
    d = os.path.join(tmp, "site")
    os.makedirs(os.path.join(d, "news"))
    with open(os.path.join(d, "news", "a.html"), "w") as f:
        f.write("<p>Sales rose 40% last year.</p>\n")
    os.makedirs(d + "-out")
    os.symlink(outside, os.path.join(d + "-out", "news"))
    return d


def gen_site_unreadable_page(tmp):
    d = os.path.join(tmp, "site")
    os.makedirs(d)
    for name in ("index.html", "private.html"):
        with open(os.path.join(d, name), "w") as f:
            f.write("<p>Sales rose 40% last year.</p>\n")
    os.chmod(os.path.join(d, "private.html"), 0)
    return d


GENERATORS = {
    "big_page": (gen_big_page, False),
    "big_page_small_limit": (gen_big_page_small_limit, False),
    "big_attribute": (gen_big_attribute, False),
    "many_findings": (gen_many_findings, False),
    "site_symlink_loop": (gen_site_symlink_loop, False),
    "site_symlink_outside": (gen_site_symlink_outside, False),
    "site_unreadable_page": (gen_site_unreadable_page, True),
    "site_outdir_symlink": (gen_site_outdir_symlink, False),
    "long_line": (gen_long_line, False),
    "nested_divs": (gen_nested_divs, False),
    "unreadable_folder": (gen_unreadable_folder, True),
    "unreadable_subfolder": (gen_unreadable_subfolder, True),
    "unreadable_file": (gen_unreadable_file, True),
}


def unprivileged_user():
    """Who to run permission cases as: None for ourselves, a pwd entry, or a reason to skip."""
    if os.geteuid() != 0:
        return None, None
    try:
        user = pwd.getpwnam("nobody")
    except KeyError:
        return None, "running as root and there is no user 'nobody' to drop to"
    try:
        probe = subprocess.run([BIN, "--version"], cwd=SRC, capture_output=True, user=user.pw_uid,
                               group=user.pw_gid, extra_groups=[])
    except OSError as e:  # no CAP_SETUID in this container, for instance
        return None, f"running as root and cannot switch to 'nobody' ({e})"
    if probe.returncode != 0:
        return None, f"running as root and 'nobody' cannot run {BIN} ({text(probe.stderr).strip()})"
    return user, None


def parse_expected(path):
    spec = {"stdout": None}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if line.startswith("#") or not line.strip():
            continue
        key, _, value = line.partition(":")
        if key in ("stderr", "stdout"):
            body = []
            while i < len(lines) and lines[i] not in ("stdout:", "stderr:"):
                body.append(lines[i])
                i += 1
            spec[key] = "\n".join(body).rstrip("\n") + "\n" if any(body) else ""
        else:
            spec[key] = value.strip()
    return spec


def bad_fixtures():
    print("# bad input: exact diagnostics")
    user, why_not = unprivileged_user()
    names = sorted(n for n in os.listdir(os.path.join(SRC, BAD)) if n.endswith(".expected"))
    check(len(names) >= 20, f"{BAD} holds the bad-input cases (found {len(names)})")
    for name in names:
        spec = parse_expected(os.path.join(SRC, BAD, name))
        case = name[: -len(".expected")]
        tmp = tempfile.mkdtemp(prefix="factlint-cli-")
        try:
            as_user = None
            if "file" in spec:
                path = f"{BAD}/{spec['file']}"
                if not os.path.exists(os.path.join(SRC, path)):
                    check(False, f"{case}: fixture {path} exists")
                    continue
            elif "generate" in spec:
                gen, needs_permissions = GENERATORS[spec["generate"]]
                if needs_permissions:
                    if why_not:
                        skip(case, why_not)
                        continue
                    as_user = user
                    os.chmod(tmp, 0o755)
                path = gen(tmp)
            else:
                path = ""
            args = [a.replace("{path}", path) for a in shlex.split(spec["args"])]
            r = run(args, user=as_user)
            want_err = spec["stderr"].replace("{path}", path)
            detail = f"$ factlint {' '.join(shlex.quote(a) for a in args)}\n"
            if r.returncode != int(spec["exit"]):
                detail += f"exit {r.returncode}, expected {spec['exit']}\n"
            if text(r.stderr) != want_err:
                detail += f"stderr:\n{text(r.stderr)}expected stderr:\n{want_err}"
            if spec["stdout"] is not None and text(r.stdout) != spec["stdout"].replace("{path}", path):
                detail += f"stdout:\n{text(r.stdout)}expected stdout:\n{spec['stdout'].replace('{path}', path)}"
            ok = r.returncode == int(spec["exit"]) and text(r.stderr) == want_err and (
                spec["stdout"] is None or text(r.stdout) == spec["stdout"].replace("{path}", path))
            check(ok, f"{case}: exit {spec['exit']} and the expected message", detail)
        finally:
            for root, dirs, files in os.walk(tmp):
                for d in dirs:
                    os.chmod(os.path.join(root, d), 0o755)
            shutil.rmtree(tmp, ignore_errors=True)


# --- The command's contract ---------------------------------------------------------------------------

def findings(report, path):
    for f in report["files"]:
        if f["path"] == path:
            return f
    return None


def json_run(args, stdin=None):
    r = run(["check", "--format", "json"] + args, stdin=stdin)
    try:
        return r, json.loads(r.stdout)
    except ValueError as e:
        check(False, f"valid JSON from {' '.join(args)}", f"{e}\n{text(r.stdout)[:500]}")
        return r, {"files": []}


def golden(name, ext):
    p = os.path.join(SRC, "fixtures", "golden", name + ext)
    if not os.path.exists(p):
        return None
    with open(p, "rb") as f:
        return f.read()


def mixed_good_and_bad(tmp):
    print("# a bad page among good ones")
    out = os.path.join(tmp, "mixed-out")
    good1, bad, good2 = "fixtures/pages/hugo_minified.html", f"{BAD}/invalid_utf8.md", "fixtures/pages/yaml_front_matter.md"
    r, rep = json_run(["--out-dir", out, good1, bad, good2])
    check(r.returncode == 2, "exit 2 when one input cannot be checked", f"exit {r.returncode}")
    check(text(r.stderr) == f"{bad}: error: invalid UTF-8 at byte offset 5\n", "the bad page's error is on stderr",
          text(r.stderr))
    check([f["path"] for f in rep["files"]] == [good1, bad, good2], "every input is in the report, in order",
          [f["path"] for f in rep["files"]])
    b = findings(rep, bad) or {}
    check(b.get("error") == "invalid UTF-8 at byte offset 5" and b.get("findings") == [],
          "the bad page has an error and no findings in the JSON", b)
    for g in (good1, good2):
        f = findings(rep, g) or {}
        name = os.path.basename(g)
        want = golden(name, ".json")
        same = want is not None and json.loads(want)["files"][0]["findings"] == f.get("findings")
        check(bool(f.get("findings")) and "error" not in f and (want is None or same),
              f"{name} is still checked: its findings are in the JSON (as in its golden file)", f)
    written = sorted(os.listdir(out)) if os.path.isdir(out) else []
    check(written == ["hugo_minified.html", "yaml_front_matter.html"],
          "--out-dir holds the two good pages and nothing for the bad one (no partial or temporary file)", written)
    want = golden("hugo_minified.html", ".html")
    if want is not None and os.path.exists(os.path.join(out, "hugo_minified.html")):
        with open(os.path.join(out, "hugo_minified.html"), "rb") as f:
            check(f.read() == want, "the page written under --out-dir is the annotated page (golden)")

    r, rep = json_run(["--fail-on", "info", good1, bad])
    check(r.returncode == 2, "an input error wins over findings at --fail-on (exit 2, not 1)", f"exit {r.returncode}")


def out_dir_layout(tmp):
    print("# --out-dir")
    site = os.path.join(tmp, "site")
    for rel, src in (("index.md", "fixtures/pages/yaml_front_matter.md"),
                     ("news/ferry.html", "fixtures/pages/hugo_minified.html"),
                     ("news/2024/bakery.markdown", "fixtures/pages/yaml_front_matter.md"),
                     ("news/2024/clean.htm", "fixtures/pages/clean.html"),
                     ("img/logo.png", None), ("notes.txt", None)):
        os.makedirs(os.path.dirname(os.path.join(site, rel)), exist_ok=True)
        if src:
            shutil.copy(os.path.join(SRC, src), os.path.join(site, rel))
        else:
            with open(os.path.join(site, rel), "wb") as f:
                f.write(b"\x89PNG\r\n\x1a\n" if rel.endswith(".png") else b"Sales rose 40%.\n")
    out = os.path.join(tmp, "out")
    r = run(["check", "--out-dir", out, site])
    check(r.returncode == 0, "a folder with warnings only exits 0", f"exit {r.returncode}\n{text(r.stderr)}")
    got = sorted(os.path.relpath(os.path.join(d, n), out) for d, _, ns in os.walk(out) for n in ns)
    check(got == ["index.html", "news/2024/bakery.html", "news/2024/clean.htm", "news/ferry.html"],
          "--out-dir keeps the folder structure, .md/.markdown become .html, other files are left alone", got)
    want = golden("hugo_minified.html", ".html")
    if want is not None and os.path.exists(os.path.join(out, "news/ferry.html")):
        with open(os.path.join(out, "news/ferry.html"), "rb") as f:
            check(f.read() == want, "news/ferry.html is the annotated page")
    want = golden("yaml_front_matter.md", ".html")
    if want is not None and os.path.exists(os.path.join(out, "index.html")):
        with open(os.path.join(out, "index.html"), "rb") as f:
            check(f.read() == want, "index.md became index.html, the rendered annotated page")

    # page.md and page.html both want out/page.html: the second must not replace the first.
    both = os.path.join(tmp, "both")
    os.makedirs(both)
    shutil.copy(os.path.join(SRC, "fixtures/pages/hugo_minified.html"), os.path.join(both, "page.html"))
    shutil.copy(os.path.join(SRC, "fixtures/pages/yaml_front_matter.md"), os.path.join(both, "page.md"))
    out2 = os.path.join(tmp, "out2")
    r = run(["check", "--format", "json", "--out-dir", out2, both])
    target = os.path.join(out2, "page.html")
    check(r.returncode == 2 and text(r.stderr) ==
          f"{both}/page.md: error: not written: {target} is already the annotated page of {both}/page.html\n",
          "page.md and page.html in one folder: the clash is an error, not a silent overwrite",
          f"exit {r.returncode}\n{text(r.stderr)}")
    if os.path.exists(target) and golden("hugo_minified.html", ".html") is not None:
        with open(target, "rb") as f:
            check(f.read() == golden("hugo_minified.html", ".html"), "the first page written is kept")


def stdin_input():
    print("# '-' reads stdin")
    for name, fmt in (("yaml_front_matter.md", "markdown"), ("hugo_minified.html", "html")):
        path = f"fixtures/pages/{name}"
        with open(os.path.join(SRC, path), "rb") as f:
            page = f.read()
        _, from_file = json_run([path])
        r, rep = json_run(["--stdin-format", fmt, "-"], stdin=page)
        f0 = (rep["files"] or [{}])[0]
        check(r.returncode == 0 and f0.get("path") == "<stdin>" and f0.get("format") == fmt and
              f0.get("findings") == from_file["files"][0]["findings"],
              f"{name} on stdin with --stdin-format {fmt}: same findings as the file, reported as <stdin>", f0)
        r, rep = json_run(["--stdin-format", fmt, "--stdin-filename", "content/post.x", "-"], stdin=page)
        check((rep["files"] or [{}])[0].get("path") == "content/post.x", "--stdin-filename names the report")
    # Without --stdin-format the format is guessed from the content.
    with open(os.path.join(SRC, "fixtures/pages/hugo_minified.html"), "rb") as f:
        r, rep = json_run(["-"], stdin=f.read())
    check((rep["files"] or [{}])[0].get("format") == "html", "stdin HTML is recognised without --stdin-format")
    r = run(["check", "--format", "html", "--stdin-format", "html", "-"], stdin=b"<p>Sales rose 40% last year.</p>\n")
    check(r.returncode == 0 and b'<mark class="factlint factlint-unattributed-figure' in r.stdout,
          "--format html with stdin prints the annotated page", text(r.stdout)[:300])


def html_to_stdout():
    print("# --format html with one input")
    for name in ("hugo_minified.html", "yaml_front_matter.md", "clean.html"):
        r = run(["check", "--format", "html", f"fixtures/pages/{name}"])
        want = golden(name, ".html")
        if want is None:
            skip(f"--format html {name}", "no golden file")
            continue
        check(r.returncode == 0 and r.stdout == want and r.stderr == b"",
              f"--format html {name}: the page (and only the page) on stdout, nothing on stderr",
              f"exit {r.returncode}, stderr {text(r.stderr)!r}, stdout matches golden: {r.stdout == want}")


def text_format():
    print("# text format")
    path = "fixtures/pages/hugo_minified.html"
    r = run(["check", path])
    _, rep = json_run([path])
    fs = rep["files"][0]["findings"] if rep["files"] else []
    want = "".join(f"{path}:{x['line']}:{x['column']}: {x['severity']} {x['category']} {x['rule']}: {x['message']}\n"
                   for x in fs)
    check(r.returncode == 0 and text(r.stdout) == want, "text lines are path:line:col: severity category rule: message",
          text(r.stdout))
    n = len(fs)
    check(text(r.stderr) == f"factlint: {n} finding{'s' if n != 1 else ''} in 1 file\n", "text summary on stderr",
          text(r.stderr))


def exit_codes(tmp):
    print("# exit status and --fail-on")
    page = "fixtures/pages/hugo_minified.html"  # warnings and one info finding, no errors
    for args, code in (([], 0), (["--fail-on", "error"], 0), (["--fail-on", "warning"], 1), (["--fail-on", "info"], 1)):
        r = run(["check"] + args + [page])
        check(r.returncode == code, f"{' '.join(args) or 'default'} on a page with warnings: exit {code}",
              f"exit {r.returncode}\n{text(r.stderr)}")
    info_only = os.path.join(tmp, "info_only.html")
    with open(info_only, "w") as f:
        f.write("<p>Locals call the route “the commuter special”.</p>\n")
    _, rep = json_run([info_only])
    sev = [x["severity"] for x in rep["files"][0]["findings"]] if rep["files"] else []
    if check(sev == ["info"], "the info-only page has exactly one info finding", sev):
        for args, code in ((["--fail-on", "warning"], 0), (["--fail-on", "info"], 1),
                           (["--fail-on", "info", "--min-severity", "warning"], 0)):
            r = run(["check"] + args + [info_only])
            check(r.returncode == code, f"{' '.join(args)} on a page with only an info finding: exit {code}",
                  f"exit {r.returncode}")
    r = run(["check", "--fail-on", "info", "fixtures/pages/clean.md", "fixtures/pages/clean.html"])
    check(r.returncode == 0 and r.stdout == b"", "clean pages at --fail-on info: exit 0, no output",
          f"exit {r.returncode}\n{text(r.stdout)}")


def rule_packs(tmp):
    print("# rule packs")
    r = run(["test-rules"])
    last = text(r.stdout).rstrip("\n").split("\n")[-1]
    check(r.returncode == 0 and re.fullmatch(r"\d+ passed, 0 failed", last) is not None,
          "factlint test-rules exits 0: every rule's examples pass", f"exit {r.returncode}: {last}")

    page = "fixtures/pages/hugo_minified.html"
    _, base = json_run([page])
    base_f = base["files"][0]["findings"] if base["files"] else []
    pack = os.path.join(tmp, "no-superlatives.toml")
    with open(pack, "w") as f:
        f.write('[pack]\nname = "house"\n\n[[override]]\nrule = "absolute.superlative"\nenabled = false\n')
    r, rep = json_run(["--rules", pack, page])
    got = rep["files"][0]["findings"] if rep["files"] else []
    check(any(x["rule"] == "absolute.superlative" for x in base_f), "the page has a superlative by default")
    check(r.returncode == 0 and got == [x for x in base_f if x["rule"] != "absolute.superlative"],
          "a pack that disables absolute.superlative removes exactly its findings",
          json.dumps(got, ensure_ascii=False)[:600])
    r = run(["test-rules", pack])
    check(r.returncode == 0, "test-rules accepts the overriding pack (a disabled rule is not tested)",
          f"exit {r.returncode}\n{text(r.stdout)[-300:]}")

    pack = os.path.join(tmp, "figures-are-errors.toml")
    with open(pack, "w") as f:
        f.write('[[override]]\nrule = "figure.unattributed"\nseverity = "error"\n')
    r, rep = json_run(["--rules", pack, page])
    sev = {x["rule"]: x["severity"] for x in (rep["files"][0]["findings"] if rep["files"] else [])}
    check(r.returncode == 1 and sev.get("figure.unattributed") == "error",
          "a pack that raises figure.unattributed to error: the finding is an error and the exit is 1",
          f"exit {r.returncode} {sev}")

    folder = os.path.join(tmp, "packs")
    os.makedirs(folder)
    shutil.copy(os.path.join(tmp, "no-superlatives.toml"), folder)
    r, rep = json_run(["--rules", folder, page])
    got = rep["files"][0]["findings"] if rep["files"] else []
    check(not any(x["rule"] == "absolute.superlative" for x in got), "--rules takes a folder of packs")


def version_and_help():
    print("# --version and --help")
    with open(os.path.join(SRC, "CMakeLists.txt")) as f:
        version = re.search(r"project\(factlint VERSION (\S+)", f.read()).group(1)
    r = run(["--version"])
    check(r.returncode == 0 and text(r.stdout) == f"factlint {version}\n" and r.stderr == b"",
          f"--version prints 'factlint {version}'", text(r.stdout) + text(r.stderr))
    _, rep = json_run(["fixtures/pages/clean.md"])
    check(rep.get("tool", {}).get("version") == version, "the JSON report carries the same version")
    r = run(["--help"])
    check(r.returncode == 0 and "usage:" in text(r.stdout) and "--fail-on" in text(r.stdout),
          "--help prints the usage and exits 0")


def main():
    if not os.access(BIN, os.X_OK):
        print(f"FAIL  factlint binary not found at {BIN} (set FACTLINT_BIN)")
        print("0 passed, 1 failed")
        return 1
    bad_fixtures()
    tmp = tempfile.mkdtemp(prefix="factlint-cli-")
    try:
        mixed_good_and_bad(tmp)
        out_dir_layout(tmp)
        stdin_input()
        html_to_stdout()
        text_format()
        exit_codes(tmp)
        rule_packs(tmp)
        version_and_help()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if skipped:
        print(f"({skipped} skipped)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
