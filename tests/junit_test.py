#!/usr/bin/env python3
"""`factlint check --format junit`: well-formed JUnit XML (parsed with xml.etree) with one
<testsuite name="factlint">, one <testcase classname="factlint" name=PATH> per file, a <failure> per
finding at or above --fail-on (its message attribute the finding's message, its body
"line:column … rule: message") and nothing for findings below, an <error> for a file that could not
be checked; tests/failures/errors count test cases as JUnit defines them; --fail-on changes the
failures; a hostile message (XML's <&"' and ]]>, a control character) survives escaping.
"""
import os
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from outputs_common import (ARTICLES, BAD_PAGE, HOSTILE_MESSAGE, HOSTILE_PACK, PAGES, SEVERITY_RANK, check,  # noqa: E402
                            finish, json_report, run, write)


def xml_safe(s, body=False):
    """What XML 1.0 can carry: C0 controls other than tab, CR and LF become U+FFFD; in element text
    line ends are LF."""
    if body:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    return "".join("\ufffd" if ord(c) < 0x20 and c not in "\t\r\n" else c for c in s)


def junit(args, what, cwd=None):
    kw = {"cwd": cwd} if cwd else {}
    rc, out, err = run(["check", "--format", "junit"] + args, **kw)
    try:
        root = ET.fromstring(out)
    except ET.ParseError as e:
        check(False, f"{what}: the output is well-formed XML", f"{e}\n{out[:600]!r}")
        return rc, None
    check(out.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'), f"{what}: an XML declaration with UTF-8")
    return rc, root


def compare(args, fail_on, what, cwd=None):
    """The suite must say what the JSON report says at this --fail-on; returns the suite."""
    level = [] if fail_on is None else ["--fail-on", fail_on]
    rc, root = junit(args + level, what, cwd)
    if root is None:
        return None
    kw = {"cwd": cwd} if cwd else {}
    report = json_report(args, **kw)
    check(root.tag == "testsuite" and root.get("name") == "factlint", f"{what}: one <testsuite name=\"factlint\">",
          root.tag)
    cases = root.findall("testcase")
    files = report["files"]
    check([(c.get("classname"), c.get("name")) for c in cases] == [("factlint", f["path"]) for f in files],
          f"{what}: one <testcase classname=\"factlint\" name=PATH> per file, in order",
          [c.get("name") for c in cases][:5])
    threshold = SEVERITY_RANK.get(fail_on or "error", 2) if fail_on != "never" else 99
    problems, n_fail_cases, n_error_cases, n_failures = [], 0, 0, 0
    for c, f in zip(cases, files):
        failures, errors = c.findall("failure"), c.findall("error")
        if "error" in f:
            n_error_cases += 1
            if len(errors) != 1 or failures or f["error"] not in errors[0].get("message", ""):
                problems.append(f"{f['path']}: expected one <error> with {f['error']!r}")
            continue
        due = [x for x in f["findings"] if SEVERITY_RANK[x["severity"]] >= threshold]
        n_failures += len(due)
        n_fail_cases += bool(due)
        got = [(e.get("message"), e.get("type"), e.text) for e in failures]
        want = [(xml_safe(x["message"]), x["rule"], xml_safe(f"{x['line']}:{x['column']} {x['severity']} "
                                                              f"{x['category']} {x['rule']}: {x['message']}", True))
                for x in due]
        if got != want or errors:
            problems.append(f"{f['path']}: failures\n  got  {got[:2]}\n  want {want[:2]}")
    check(not problems, f"{what}: a <failure> per finding at or above --fail-on {fail_on or 'error'}, an <error> "
          "per file that could not be checked", "\n".join(problems[:5]))
    counts = {k: root.get(k) for k in ("tests", "failures", "errors", "skipped")}
    want = {"tests": str(len(files)), "failures": str(n_fail_cases), "errors": str(n_error_cases), "skipped": "0"}
    check(counts == want, f"{what}: tests/failures/errors count the test cases ({n_failures} <failure> elements)",
          f"got {counts}\nwant {want}")
    check(len(root.findall(".//failure")) == n_failures, f"{what}: {n_failures} <failure> elements")
    return root


def main():
    total = {}
    for fail_on in (None, "warning", "info", "never"):
        root = compare([ARTICLES, BAD_PAGE], fail_on, f"articles + a bad page, --fail-on {fail_on or '(default)'}")
        if root is not None:
            total[fail_on] = len(root.findall(".//failure"))
    check(total.get(None) == 0 and total.get("never") == 0 and 0 < total.get("warning", 0) < total.get("info", 0),
          "--fail-on changes the failures: none at error (no default rule is an error) or never, more at info "
          "than at warning", total)
    compare([PAGES], "warning", "fixtures/pages, --fail-on warning")

    tmp = tempfile.mkdtemp(prefix="factlint-junit-")
    try:
        pack = write(os.path.join(tmp, "hostile.toml"), HOSTILE_PACK)
        name = 'a&b <"c">.md'
        write(os.path.join(tmp, name), "It is zorblax today.\n")
        root = compare(["--rules", pack, name], None, "hostile pack and file name", cwd=tmp)
        fails = root.findall(".//failure") if root is not None else []
        hostile = [f for f in fails if f.get("type") == "hostile.zorblax"]
        want = HOSTILE_MESSAGE.replace("{text}", "zorblax").replace("\x01", "\ufffd")
        check(hostile and hostile[0].get("message") == want and
              root.find("testcase").get("name") == name,
              "hostile: <&\"'> ]]> CR LF survive in attributes; a control character becomes U+FFFD",
              f"{hostile[0].get('message') if hostile else None!r}\nwant {want!r}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
