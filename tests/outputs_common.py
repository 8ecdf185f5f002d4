"""What the CI-output tests (sarif_test, github_format_test, junit_test, report_browser_test) share:
where the binary and fixtures are, running `factlint`, the JSON report to compare with, and the
"ok/FAIL" bookkeeping that ends with "N passed, M failed"."""
import json
import os
import subprocess
import sys

SRC = os.environ.get("FACTLINT_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.abspath(os.environ.get("FACTLINT_BIN") or os.path.join(SRC, "build", "bin", "factlint"))
SHARED = os.environ.get("FACTLINT_SHARED_DIR") or os.path.join(os.path.dirname(SRC), "shared")

ARTICLES = "fixtures/articles"
PAGES = "fixtures/pages"
BAD_PAGE = "fixtures/bad/invalid_utf8.md"  # cannot be checked: invalid UTF-8

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
CATEGORIES = ["unattributed-figure", "suspect-quote", "absolute-claim"]
SEVERITIES = ["error", "warning", "info"]

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
    sys.exit(1 if failed or not passed else 0)


def run(args, cwd=SRC, stdin=None, timeout=120):
    """Runs factlint; returns (exit status, stdout bytes, stderr text)."""
    r = subprocess.run([BIN] + args, cwd=cwd, input=stdin, capture_output=True, timeout=timeout)
    return r.returncode, r.stdout, r.stderr.decode("utf-8", "replace")


def json_report(args, cwd=SRC):
    """The JSON report for the same inputs and options: what every other format must agree with."""
    rc, out, err = run(["check", "--format", "json"] + args, cwd=cwd)
    return json.loads(out)


def read(path, cwd=SRC):
    with open(os.path.join(cwd, path), "rb") as f:
        return f.read()


def end_position(source, end):
    """1-based line and column (in Unicode characters) of byte offset `end`, as factlint counts."""
    line = source.count(b"\n", 0, end) + 1
    start = source.rfind(b"\n", 0, end) + 1
    return line, len(source[start:end].decode("utf-8")) + 1


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


# A pack whose one rule fires on "zorblax" with a message full of what output formats must escape:
# %, CR, LF, comma, colon, XML's <&"' and ]]>, and a C0 control character.
HOSTILE_PACK = r'''[pack]
name = "hostile"

[[rule]]
id = "hostile.zorblax"
category = "absolute-claim"
severity = "error"
kind = "phrases"
phrases = ["zorblax", "zorblax quux"]
message = "100% sure, {text}: no\r\nreally: a,b <&\"'> ]]> 50%25 \u0001end"
link = "https://example.org/rules/hostile?a=1&b=2"
examples.fire = ["It is zorblax."]
'''
HOSTILE_MESSAGE = "100% sure, {text}: no\r\nreally: a,b <&\"'> ]]> 50%25 \x01end"
