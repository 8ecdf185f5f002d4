#!/usr/bin/env python3
"""`factlint check --format github`: one GitHub Actions workflow command per finding,
`::LEVEL file=PATH,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE` with error, warning or
notice by severity, agreeing with the JSON report; columns only when the finding is on one line
(GitHub refuses them otherwise) and endColumn inclusive; GitHub's escaping (% CR LF in the message,
also ':' and ',' in properties) proven with a hostile rule pack and a hostile file name; a file that
could not be checked is an ::error.
"""
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from outputs_common import (ARTICLES, BAD_PAGE, HOSTILE_MESSAGE, HOSTILE_PACK, PAGES, check, end_position,  # noqa: E402
                            finish, json_report, read, run, write)

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")
LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def unescape(s, prop):
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else []) + [("%25", "%")]
    out, i = "", 0
    while i < len(s):
        for enc, dec in pairs:
            if s.startswith(enc, i):
                out += dec
                i += 3
                break
        else:
            out += s[i]
            i += 1
    return out


def parse(line):
    """(level, {property: value}, message) with GitHub's escapes undone, or None."""
    m = COMMAND.match(line)
    if not m:
        return None
    props = {}
    for part in m.group(2).split(","):
        k, _, v = part.partition("=")
        props[k] = unescape(v, True)
    return m.group(1), props, unescape(m.group(3), False)


def github(args, cwd=None):
    kw = {"cwd": cwd} if cwd else {}
    rc, out, err = run(["check", "--format", "github"] + args, **kw)
    return rc, out.decode("utf-8"), err


def expected(report, cwd=None):
    """The command each finding of the JSON report must become, as (level, properties, message)."""
    want = []
    for f in report["files"]:
        if "error" in f:
            want.append(("error", {"file": f["path"], "title": "factlint"}, "could not be checked: " + f["error"]))
            continue
        source = read(f["path"], cwd) if cwd else read(f["path"])
        for x in f["findings"]:
            end_line, end_column = end_position(source, x["end"])
            props = {"file": f["path"], "line": str(x["line"])}
            if end_line == x["line"]:
                props.update(col=str(x["column"]), endLine=str(end_line), endColumn=str(max(x["column"], end_column - 1)))
            else:
                props["endLine"] = str(end_line)
            props["title"] = x["rule"]
            want.append((LEVEL[x["severity"]], props, x["message"]))
    return want


def compare(args, what, cwd=None):
    rc, out, err = github(args, cwd)
    lines = out.split("\n")
    check(lines[-1] == "", f"{what}: output ends with a newline")
    got = [parse(l) for l in lines[:-1]]
    check(all(got), f"{what}: every line is a workflow command", [l for l, g in zip(lines, got) if not g][:3])
    kw = {"cwd": cwd} if cwd else {}
    want = expected(json_report(args, **kw), cwd)
    check(got == want, f"{what}: {len(want)} commands, one per finding, as the JSON report says",
          "\n".join(f"got  {g}\nwant {w}" for g, w in zip(got, want) if g != w)[:2000] or f"{len(got)} vs {len(want)}")
    return rc, out


def main():
    for args in ([ARTICLES], [PAGES]):
        rc, out = compare(args, " ".join(args))
        check(re.search(r"^::notice ", out, re.M) and re.search(r"^::warning ", out, re.M),
              f"{' '.join(args)}: info findings are notices, warnings are warnings")
        raw = re.findall(r"^::\w+ file=[^,]*,line=\d+(?:,col=\d+)?,endLine=\d+(?:,endColumn=\d+)?,title=[^:,]+::",
                         out, re.M)
        check(len(raw) == out.count("\n"), f"{' '.join(args)}: properties in GitHub's order "
              "file, line, col, endLine, endColumn, title", out[:400])

    # A file that cannot be checked.
    rc, out = compare([f"{PAGES}/clean.md", BAD_PAGE], "a bad page")
    check(rc == 2 and out.startswith(f"::error file={BAD_PAGE},title=factlint::could not be checked: invalid UTF-8"),
          "a file that cannot be checked is an ::error, exit 2", out)

    tmp = tempfile.mkdtemp(prefix="factlint-github-")
    try:
        pack = write(os.path.join(tmp, "hostile.toml"), HOSTILE_PACK)
        name = "we,ird:name 100%.md"
        write(os.path.join(tmp, name), "# Notes\n\nIt is zorblax today.\n\nA zorblax\nquux again.\n")
        args = ["--no-default-rules", "--rules", pack, name]
        rc, out = compare(args, "hostile pack and file name", cwd=tmp)
        lines = out.split("\n")[:-1]
        check(len(lines) == 2, "hostile: two findings, each on exactly one line (CR and LF escaped)", out)
        first = lines[0] if lines else ""
        check(first.startswith("::error file=we%2Cird%3Aname 100%25.md,line=3,col=7,endLine=3,endColumn=13,"
                               "title=hostile.zorblax::"),
              "hostile: ',' ':' '%' escaped in the file property; columns of “zorblax” (endColumn inclusive)", first)
        msg = HOSTILE_MESSAGE.replace("{text}", "zorblax")
        want = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        check(first.endswith("::" + want), "hostile: the message escapes % CR LF and keeps ':' and ','",
              f"{first}\nwant …::{want}")
        second = lines[1] if len(lines) > 1 else ""
        check(second.startswith("::error file=we%2Cird%3Aname 100%25.md,line=5,endLine=6,title=hostile.zorblax::"),
              "hostile: a finding across two lines has line and endLine and no columns", second)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
