#!/usr/bin/env python3
"""Exercises every C ABI entry point once or more and frees everything, for capi_leak_test.py to
run under valgrind: default rules, every fixture article checked REPEAT times with every finding,
the annotated page and the JSON read, each error path triggered once, the module-level check(),
then every handle freed. Prints "driver ok: ..." last; exits non-zero if anything is unexpected.

Environment: FACTLINT_LIB (else the binding's default), FACTLINT_SOURCE_DIR (else ../ from this
file), FACTLINT_DRIVER_REPEAT (default 3). FACTLINT_DRIVER_CANARY=1 instead leaks exactly one
report on purpose and exits, so that the leak test can prove valgrind sees such a leak.
"""
import ctypes
import glob
import os
import sys
import tempfile

SRC = os.environ.get("FACTLINT_SOURCE_DIR") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.path.join(SRC, "plugin", "python"))
import factlint  # noqa: E402

REPEAT = int(os.environ.get("FACTLINT_DRIVER_REPEAT", "3"))
problems = []


def expect(cond, what):
    if not cond:
        problems.append(what)


def raises(status, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except factlint.FactlintError as e:
        expect(e.status == status and e.message, "%s: got %r, want status %d" % (fn.__name__, e, status))
        return
    expect(False, "%s did not raise" % fn.__name__)


lib = factlint.load(os.environ.get("FACTLINT_LIB"))
raw = lib.lib
H, byref = ctypes.c_void_p, ctypes.byref
articles = sorted(glob.glob(os.path.join(SRC, "fixtures", "articles", "*.md")) +
                  glob.glob(os.path.join(SRC, "fixtures", "articles", "*.html")))
expect(articles, "no fixture articles under " + SRC)

if os.environ.get("FACTLINT_DRIVER_CANARY") == "1":
    with factlint.Rules(library=lib) as rules, factlint.Checker(rules) as checker:
        leaked = H()
        page = b"Everybody knows sales rose 40% last year."
        status = raw.factlint_check(checker.handle, page, len(page), None, byref(leaked))
        leaked = None  # the report is never freed
    print("driver canary: one report leaked" if status == factlint.OK else "driver canary: check failed")
    sys.exit(0 if status == factlint.OK else 1)

checks = findings = 0
with factlint.Rules(library=lib) as rules, factlint.Checker(rules) as checker:
    # every fixture, REPEAT times; the binding reads every finding, the page and the JSON
    for _ in range(REPEAT):
        for path in articles:
            with open(path, "rb") as f:
                data = f.read()
            report = checker.check(data, path=os.path.basename(path))
            checks += 1
            findings += len(report.findings)
            for finding in report.findings:
                expect(finding["text"].encode() == data[finding["start"]:finding["end"]], "text != bytes")
            expect(report.annotated and report.json and report.format, "empty report parts")

    ch = checker.handle
    rep = H()
    # error paths, each once
    expect(raw.factlint_rules_new(None, None) == factlint.EINVAL, "rules_new(NULL)")
    expect(raw.factlint_checker_new(None, rules.handle) == factlint.EINVAL, "checker_new(out NULL)")
    expect(raw.factlint_checker_new(byref(rep), None) == factlint.EINVAL, "checker_new(rules NULL)")
    expect(raw.factlint_check(None, b"x", 1, None, byref(rep)) == factlint.EINVAL, "check(NULL)")
    expect(raw.factlint_check(ch, b"x", 1, None, None) == factlint.EINVAL, "check(out NULL)")
    expect(raw.factlint_check(ch, None, 5, None, byref(rep)) == factlint.EINVAL, "check(input NULL, 5)")
    expect(raw.factlint_rules_options_init(None, 1) == factlint.EINVAL, "rules_options_init(NULL)")
    expect(raw.factlint_check_options_init(None, 1) == factlint.EINVAL, "check_options_init(NULL)")
    ro = lib.rules_options()
    ro.version = 2
    expect(raw.factlint_rules_new(byref(rep), byref(ro)) == factlint.EVERSION, "rules_new(version 2)")
    co = lib.check_options()
    co.version = 3
    expect(raw.factlint_check(ch, b"x", 1, byref(co), byref(rep)) == factlint.EVERSION, "check(version 3)")
    # a report with findings cut by max_findings, read and freed
    cut = checker.check(b"Everybody knows it.\n\nSales rose 40% last year.\n", max_findings=1)
    expect(len(cut.findings) == 1 and cut.truncated == 1, "max_findings=1")
    co = lib.check_options()
    co.format = 9
    expect(raw.factlint_check(ch, b"x", 1, byref(co), byref(rep)) == factlint.EINVAL, "check(format 9)")
    raises(factlint.EINPUT, checker.check, b"abc\xff def")                      # invalid UTF-8
    raises(factlint.EINPUT, checker.check, b"\x7fELF\x00\x01\x02\x03" * 16)     # binary
    raises(factlint.EINPUT, checker.check, b"x" * 64, max_input=16)             # too large
    raises(factlint.ERULES, factlint.Rules, pack_text="[[rule]]\nid = 1\n", library=lib)
    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad.toml")
        with open(bad, "w") as f:
            f.write("[[rule]]\nid = 1\n")
        raises(factlint.ERULES, factlint.Rules, packs=[bad], library=lib)
        raises(factlint.EIO, factlint.Rules, packs=[os.path.join(tmp, "missing.toml")], library=lib)
    expect(raw.factlint_rules_errmsg(None) and raw.factlint_checker_errmsg(None), "errmsg(NULL)")
    expect(raw.factlint_rules_count(None) == 0 and raw.factlint_report_count(None) == 0, "count(NULL)")
    f = factlint.Finding()
    p, n = H(), ctypes.c_size_t()
    expect(raw.factlint_report_finding(None, 0, byref(f)) == factlint.EINVAL, "report_finding(NULL)")
    expect(raw.factlint_report_annotated(None, byref(p), byref(n)) == factlint.EINVAL, "report_annotated(NULL)")
    expect(raw.factlint_report_json(None, byref(p), byref(n)) == factlint.EINVAL, "report_json(NULL)")
    raw.factlint_report_format(None)
    page = b"Everybody knows sales rose 40% last year."
    expect(raw.factlint_check(ch, page, len(page), None, byref(rep)) == factlint.OK, "check(page)")
    expect(raw.factlint_report_finding(rep, raw.factlint_report_count(rep), byref(f)) == factlint.EINVAL,
           "report_finding(index out of range)")
    raw.factlint_report_json(rep, byref(p), byref(n))
    raw.factlint_report_free(rep)  # report freed with its JSON built
    expect(raw.factlint_check(ch, page, len(page), None, byref(rep)) == factlint.OK, "check(page)")
    raw.factlint_report_free(rep)  # report freed without reading anything
    raw.factlint_rules_free(None)
    raw.factlint_checker_free(None)
    raw.factlint_report_free(None)
    for status in range(-1, 9):
        raw.factlint_strerror(status)
    lib.version

# rules closed while a checker still uses them (deferred), then the checker closed
rules = factlint.Rules(packs=[os.path.join(SRC, "rules")], no_defaults=True, library=lib)
checker = factlint.Checker(rules)
rules.close()
checker.check(b"Everybody knows it.")
checker.close()
# the module-level check() and its cleanup
os.environ.setdefault("FACTLINT_LIB", lib.path)
factlint.check(b"Everybody knows sales rose 40% last year.")
factlint.shutdown()

if problems:
    print("driver problems:\n  " + "\n  ".join(problems))
    sys.exit(1)
print("driver ok: %d checks, %d findings read" % (checks, findings))
