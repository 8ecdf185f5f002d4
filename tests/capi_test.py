#!/usr/bin/env python3
"""The C ABI (libfactlint.so) through the Python binding plugin/python/factlint.py, held to the CLI.

Run by ctest with FACTLINT_LIB, FACTLINT_BIN and FACTLINT_SOURCE_DIR set. Checks:
  (a) for every fixtures/articles/*.md and *.html, the findings through the ABI equal the CLI's
      `check --format json FILE`, and report.json parses and equals the CLI's JSON document;
  (b) each finding's text is the input bytes [start, end), and line/column point at start;
  (c) the annotated page through the ABI equals `check --format html FILE`;
  (d) error paths: NULL handles and pointers, NULL input with a length, wrong options versions,
      options out of range, invalid UTF-8 / binary / too large input, a bad pack (text and file),
      a missing pack path, *_free(NULL), strerror, version;
  (e) one Rules shared by 4 threads, each with its own Checker, equal to single-threaded results;
  (f) only factlint_* symbols exported, every header function exported, SONAME libfactlint.so.1,
      and the binding's ctypes structs laid out exactly as the header's (compiled with cc);
  (g) the limits: max_input and max_findings (the default, a number, no limit, what was cut),
      and a version 1 options struct (which has no max_findings) read and written only as far
      as it goes.
Prints one line per failure and a final "N passed, M failed"; exits non-zero on any failure.
"""
import ctypes
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import traceback

SRC = os.environ["FACTLINT_SOURCE_DIR"]
LIB_PATH = os.environ["FACTLINT_LIB"]
BIN = os.environ["FACTLINT_BIN"]
sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
sys.path.insert(0, os.path.join(SRC, "plugin", "python"))
import factlint  # noqa: E402

lib = factlint.load(LIB_PATH)
raw = lib.lib
FIELDS = ("rule", "category", "severity", "message", "text", "start", "end", "line", "column")
ARTICLES = sorted(glob.glob(os.path.join(SRC, "fixtures", "articles", "*.md")) +
                  glob.glob(os.path.join(SRC, "fixtures", "articles", "*.html")))

passed = failed = 0


def expect(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)
    return cond


def expect_eq(got, want, what):
    if got == want:
        return expect(True, what)
    return expect(False, "%s\n  got:  %r\n  want: %r" % (what, got, want))


def section(fn):
    """Runs one group of checks; an exception counts as one failure, not a crash of the run."""
    try:
        fn()
    except Exception:
        expect(False, "%s raised:\n%s" % (fn.__name__, traceback.format_exc()))


def rel(path):
    return os.path.relpath(path, SRC)


def cli(*args):
    p = subprocess.run([BIN] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=SRC)
    return p.returncode, p.stdout, p.stderr


def read(path):
    with open(path, "rb") as f:
        return f.read()


def project(findings):
    return [{k: f[k] for k in FIELDS} for f in findings]


def line_column(data, offset):
    """1-based line and column (in Unicode characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[line_start:offset].decode("utf-8")) + 1


# ---- (a), (b), (c): every fixture article, ABI against CLI ------------------------------------

baseline = {}  # path -> (findings, annotated, json): single-threaded results for (e)


def test_fixtures():
    expect(len(ARTICLES) >= 12, "at least 12 fixture articles (found %d)" % len(ARTICLES))
    with factlint.Rules(library=lib) as rules, factlint.Checker(rules) as checker:
        for path in ARTICLES:
            name = rel(path)
            data = read(path)
            report = checker.check(data, path=name)
            baseline[path] = (report.findings, report.annotated, report.json)

            rc, out, err = cli("check", "--format", "json", name)
            if not expect(rc in (0, 1), "%s: CLI json exit %d: %s" % (name, rc, err.decode(errors="replace"))):
                continue
            cli_doc = json.loads(out)
            cli_file = cli_doc["files"][0]
            # (a) findings through the ABI == the CLI's JSON
            expect_eq(project(report.findings), project(cli_file["findings"]), name + ": ABI findings == CLI json")
            expect_eq(report.format, cli_file["format"], name + ": report format == CLI format")
            # (a) report.json parses and is the CLI's document for the same path
            try:
                abi_doc = json.loads(report.json)
            except ValueError as e:
                expect(False, "%s: report.json does not parse: %s" % (name, e))
                continue
            expect_eq(project(abi_doc["files"][0]["findings"]), project(cli_file["findings"]),
                      name + ": report.json findings == CLI json findings")
            expect_eq(abi_doc, cli_doc, name + ": report.json == CLI json document")
            # (b) text is the input bytes [start, end); line/column point at start
            for i, f in enumerate(report.findings):
                where = "%s: finding %d (%s)" % (name, i, f["rule"])
                ok = 0 <= f["start"] <= f["end"] <= len(data)
                expect(ok, where + ": 0 <= start <= end <= len")
                if ok:
                    expect_eq(f["text"].encode("utf-8"), data[f["start"]:f["end"]], where + ": text == bytes[start:end]")
                    expect_eq((f["line"], f["column"]), line_column(data, f["start"]), where + ": line/column of start")
            # (c) the annotated page == check --format html
            rc, out, err = cli("check", "--format", "html", name)
            if expect(rc in (0, 1), "%s: CLI html exit %d: %s" % (name, rc, err.decode(errors="replace"))):
                expect(report.annotated.encode("utf-8") == out,
                       "%s: annotated page through the ABI == CLI --format html (%d vs %d bytes)"
                       % (name, len(report.annotated.encode("utf-8")), len(out)))
            # annotate=False: same findings, empty page
            quiet = checker.check(data, path=name, annotate=False)
            expect_eq(quiet.findings, report.findings, name + ": annotate=False keeps the findings")
            expect_eq(quiet.annotated, "", name + ": annotate=False gives an empty page")


def test_options():
    """Options through the binding agree with the CLI's flags."""
    md = [p for p in ARTICLES if p.endswith(".md")][0]
    html = [p for p in ARTICLES if p.endswith(".html")][0]
    with factlint.Rules(library=lib) as rules, factlint.Checker(rules) as checker:
        for path in (md, html):
            rc, out, _ = cli("check", "--format", "json", "--min-severity", "warning", rel(path))
            want = project(json.loads(out)["files"][0]["findings"])
            got = checker.check(read(path), path=rel(path), min_severity="warning").findings
            expect_eq(project(got), want, rel(path) + ": min_severity=warning == CLI --min-severity warning")
            # format from the content when no path is given, and forced formats
            no_path = checker.check(read(path))
            expect_eq(no_path.format, "markdown" if path.endswith(".md") else "html",
                      rel(path) + ": format guessed from the content")
            forced = checker.check(read(path), format="markdown")
            expect_eq(forced.format, "markdown", rel(path) + ": format='markdown' is obeyed")
            expect_eq(json.loads(no_path.json)["files"][0]["path"], "", rel(path) + ": JSON path is empty without a path")
        # str input is encoded as UTF-8 and gives the same result as bytes
        data = read(md)
        expect_eq(checker.check(data.decode("utf-8"), path=rel(md)).findings, checker.check(data, path=rel(md)).findings,
                  "str input == bytes input")
        # an empty page
        empty = checker.check(b"")
        expect_eq((empty.findings, empty.annotated), ([], ""), "empty page: no findings, empty page")
        # module-level check() with the default rules
        expect_eq(factlint.check(data, path=rel(md)).findings, checker.check(data, path=rel(md)).findings,
                  "factlint.check() == Checker.check()")
        for bad in ({"format": "pdf"}, {"min_severity": "fatal"}):
            try:
                checker.check(data, **bad)
                expect(False, "check(%r) raises ValueError" % bad)
            except ValueError:
                expect(True, "check(%r) raises ValueError" % bad)
        expect(rules.count > 0, "default rules have enabled rules (%d)" % rules.count)
        with factlint.Rules(no_defaults=True, library=lib) as none:
            expect_eq(none.count, 0, "no_defaults: no rules")
    # closing rules while a checker uses them is deferred; checks after close fail cleanly
    rules = factlint.Rules(library=lib)
    checker = factlint.Checker(rules)
    rules.close()
    expect(rules.handle is not None, "Rules.close() waits for its checkers")
    expect_eq(len(checker.check(read(md)).findings) > 0, True, "a checker still works after its rules' close()")
    checker.close()
    expect(rules.handle is None, "rules freed when the last checker closes")
    try:
        checker.check(b"x")
        expect(False, "check on a closed checker raises")
    except factlint.FactlintError as e:
        expect_eq(e.status, factlint.EINVAL, "check on a closed checker raises EINVAL")
    checker.close()
    rules.close()  # idempotent


# ---- (d) error paths through the raw functions -----------------------------------------------

def status_name(s):
    return factlint.STATUS_NAMES[s] if 0 <= s < len(factlint.STATUS_NAMES) else str(s)


def expect_status(got, want, what):
    return expect(got == want, "%s: got %s, want %s" % (what, status_name(got), status_name(want)))


def cstr(ptr):
    return ctypes.string_at(ptr).decode("utf-8") if ptr else None


def test_errors():
    H, byref = ctypes.c_void_p, ctypes.byref
    E = factlint
    # versions and strerror
    rc, out, _ = cli("--version")
    expect_eq(cstr(raw.factlint_version()), out.decode().split()[-1], "factlint_version == CLI --version")
    expect_eq(raw.factlint_abi_version(), 1, "factlint_abi_version")
    names = [cstr(raw.factlint_strerror(s)) for s in range(8)]
    expect(all(names) and len(set(names)) == 8, "factlint_strerror names every status distinctly: %r" % names)
    expect(bool(cstr(raw.factlint_strerror(99))) and bool(cstr(raw.factlint_strerror(-1))),
           "factlint_strerror of an unknown status is a string")

    # options init
    ro, co = factlint.RulesOptions(), factlint.CheckOptions()
    expect_status(raw.factlint_rules_options_init(None, 1), E.EINVAL, "rules_options_init(NULL)")
    expect_status(raw.factlint_rules_options_init(byref(ro), 2), E.EVERSION, "rules_options_init(version 2)")
    expect_status(raw.factlint_rules_options_init(byref(ro), 1), E.OK, "rules_options_init(version 1)")
    expect_eq((ro.version, ro.no_defaults, bool(ro.pack_paths), ro.pack_count, ro.pack_text, ro.pack_text_len),
              (1, 0, False, 0, None, 0), "rules_options_init fills FACTLINT_RULES_OPTIONS_INIT")
    expect_status(raw.factlint_check_options_init(None, 1), E.EINVAL, "check_options_init(NULL)")
    expect_status(raw.factlint_check_options_init(byref(co), 0), E.EVERSION, "check_options_init(version 0)")
    expect_status(raw.factlint_check_options_init(byref(co), 3), E.EVERSION, "check_options_init(version 3)")
    expect_status(raw.factlint_check_options_init(byref(co), 2), E.OK, "check_options_init(version 2)")
    expect_eq((co.version, co.format, co.path, co.annotate, co.min_severity, co.max_input, co.max_findings),
              (2, 0, None, 1, 0, 0, 0), "check_options_init fills FACTLINT_CHECK_OPTIONS_INIT")
    # version 1 (no max_findings): filled up to max_input, not a byte further
    v1_size = factlint.CheckOptions.max_findings.offset
    buf = (ctypes.c_ubyte * ctypes.sizeof(factlint.CheckOptions))(*([0xAB] * ctypes.sizeof(factlint.CheckOptions)))
    v1 = factlint.CheckOptions.from_buffer(buf)
    expect_status(raw.factlint_check_options_init(byref(v1), 1), E.OK, "check_options_init(version 1)")
    expect_eq((v1.version, v1.format, v1.path, v1.annotate, v1.min_severity, v1.max_input), (1, 0, None, 1, 0, 0),
              "check_options_init(version 1) fills the version 1 fields")
    expect_eq(bytes(buf[v1_size:]), b"\xab" * (len(buf) - v1_size),
              "check_options_init(version 1) writes nothing past the version 1 struct")

    # rules_new
    expect_status(raw.factlint_rules_new(None, None), E.EINVAL, "rules_new(out NULL)")
    r = H(1234)
    bad = lib.rules_options()
    bad.version = 7
    expect_status(raw.factlint_rules_new(byref(r), byref(bad)), E.EVERSION, "rules_new(options version 7)")
    expect(not r.value, "rules_new(options version 7) sets *out NULL")
    bad = lib.rules_options()
    bad.pack_count = 1
    expect_status(raw.factlint_rules_new(byref(r), byref(bad)), E.EINVAL, "rules_new(pack_count 1, pack_paths NULL)")
    raw.factlint_rules_free(r)
    bad = lib.rules_options()
    bad.pack_text_len = 5
    expect_status(raw.factlint_rules_new(byref(r), byref(bad)), E.EINVAL, "rules_new(pack_text NULL, len 5)")
    raw.factlint_rules_free(r)
    # a bad pack as text: ERULES, *out still set, "line:column" in the message
    bad = lib.rules_options()
    text = b"[[rule]]\nid = 1\n"
    bad.pack_text, bad.pack_text_len = text, len(text)
    expect_status(raw.factlint_rules_new(byref(r), byref(bad)), E.ERULES, "rules_new(bad pack text)")
    if expect(bool(r.value), "rules_new(bad pack text) still sets *out"):
        msg = cstr(raw.factlint_rules_errmsg(r))
        expect(re.search(r":2:\d+:", msg) is not None, "bad pack errmsg has line:column on line 2: %r" % msg)
        # a rules handle that failed to build cannot make a checker
        c = H(1234)
        expect_status(raw.factlint_checker_new(byref(c), r), E.EINVAL, "checker_new on failed rules")
        expect(not c.value, "checker_new on failed rules sets *out NULL")
        raw.factlint_rules_free(r)
    # the same through the binding
    try:
        factlint.Rules(pack_text="[[rule]]\nid = 1\n", library=lib)
        expect(False, "Rules(bad pack_text) raises")
    except factlint.FactlintError as e:
        expect_status(e.status, E.ERULES, "Rules(bad pack_text) raises ERULES")
        expect(re.search(r"\d+:\d+", e.message) is not None, "Rules(bad pack_text) message has line:column: %r" % e.message)
    # a bad pack file: its path, line and column
    with tempfile.TemporaryDirectory() as tmp:
        bad_file = os.path.join(tmp, "bad.toml")
        with open(bad_file, "wb") as f:
            f.write(text)
        try:
            factlint.Rules(packs=[bad_file], library=lib)
            expect(False, "Rules(bad pack file) raises")
        except factlint.FactlintError as e:
            expect_status(e.status, E.ERULES, "Rules(bad pack file) raises ERULES")
            expect(e.message.startswith(bad_file + ":2:"), "bad pack file message is file:line:column: %r" % e.message)
        # a missing pack path
        missing = os.path.join(tmp, "missing.toml")
        try:
            factlint.Rules(packs=[missing], library=lib)
            expect(False, "Rules(missing pack) raises")
        except factlint.FactlintError as e:
            expect(e.status != E.OK, "Rules(missing pack) fails (%s)" % e.status_name)
            expect_status(e.status, E.EIO, "Rules(missing pack) is EIO")
            expect(missing in e.message, "missing pack message names the path: %r" % e.message)
    # a NULL entry in pack_paths
    opts = lib.rules_options()
    paths = (ctypes.c_char_p * 1)(None)
    opts.pack_paths, opts.pack_count = ctypes.cast(paths, ctypes.POINTER(ctypes.c_char_p)), 1
    st = raw.factlint_rules_new(byref(r), byref(opts))
    expect_status(st, E.EINVAL, "rules_new(pack_paths[0] NULL)")
    raw.factlint_rules_free(r)

    # NULL handles on the accessors
    expect(cstr(raw.factlint_rules_errmsg(None)) is not None, "rules_errmsg(NULL) returns a string")
    expect_eq(raw.factlint_rules_count(None), 0, "rules_count(NULL) == 0")
    expect(cstr(raw.factlint_checker_errmsg(None)) is not None, "checker_errmsg(NULL) returns a string")
    c = H(1234)
    expect_status(raw.factlint_checker_new(byref(c), None), E.EINVAL, "checker_new(rules NULL)")
    expect(not c.value, "checker_new(rules NULL) sets *out NULL")

    rules = factlint.Rules(library=lib)
    expect_status(raw.factlint_checker_new(None, rules.handle), E.EINVAL, "checker_new(out NULL)")
    checker = factlint.Checker(rules)
    ch = checker.handle
    rep = H(1234)
    expect_status(raw.factlint_check(None, b"x", 1, None, byref(rep)), E.EINVAL, "check(checker NULL)")
    expect(not rep.value, "check(checker NULL) sets *out NULL")
    expect_status(raw.factlint_check(ch, b"x", 1, None, None), E.EINVAL, "check(out NULL)")
    expect_status(raw.factlint_check(ch, None, 5, None, byref(rep)), E.EINVAL, "check(input NULL, len 5)")
    expect(not rep.value, "check(input NULL, len 5) sets *out NULL")
    expect(cstr(raw.factlint_checker_errmsg(ch)) != "", "check(input NULL, len 5) leaves a message")
    expect_status(raw.factlint_check(ch, None, 0, None, byref(rep)), E.OK, "check(input NULL, len 0) is an empty page")
    expect_eq(raw.factlint_report_count(rep), 0, "check(input NULL, len 0) has no findings")
    raw.factlint_report_free(rep)
    expect_status(raw.factlint_check(ch, b"Everybody knows it.", 19, None, byref(rep)), E.OK, "check(opts NULL)")
    raw.factlint_report_free(rep)
    for version in (0, 3, 0xFFFFFFFF):
        o = lib.check_options()
        o.version = version
        expect_status(raw.factlint_check(ch, b"x", 1, byref(o), byref(rep)), E.EVERSION, "check(options version %d)" % version)
        expect(not rep.value, "check(options version %d) sets *out NULL" % version)
    for field, value in (("format", 3), ("format", -1), ("min_severity", 3), ("min_severity", -1)):
        o = lib.check_options()
        setattr(o, field, value)
        expect_status(raw.factlint_check(ch, b"x", 1, byref(o), byref(rep)), E.EINVAL, "check(%s = %d)" % (field, value))

    # pages that cannot be checked: EINPUT, reason (with the byte offset) on the checker
    for data, offset in ((b"abc\xff def", 3), ("caf\u00e9 na\u00efve ".encode() + b"\xc3\x28 tail", 13),
                         (b"ok\n" * 100 + b"\xe2\x82", 300), (b"\xed\xa0\x80 surrogate", 0), (b"\xc0\xaf overlong", 0)):
        st = raw.factlint_check(ch, data, len(data), None, byref(rep))
        msg = cstr(raw.factlint_checker_errmsg(ch))
        expect_status(st, E.EINPUT, "check(invalid UTF-8 at %d)" % offset)
        expect(not rep.value, "check(invalid UTF-8) sets *out NULL")
        expect(re.search(r"\b%d\b" % offset, msg) is not None, "invalid UTF-8 errmsg has byte offset %d: %r" % (offset, msg))
    try:
        checker.check(b"abc\xff")
        expect(False, "Checker.check(invalid UTF-8) raises")
    except factlint.FactlintError as e:
        expect_status(e.status, E.EINPUT, "Checker.check(invalid UTF-8) raises EINPUT")
        expect("3" in e.message, "Checker.check(invalid UTF-8) message has the offset: %r" % e.message)
    data = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00" + bytes(range(0, 32)) * 4
    expect_status(raw.factlint_check(ch, data, len(data), None, byref(rep)), E.EINPUT, "check(binary input)")
    expect(cstr(raw.factlint_checker_errmsg(ch)) != "", "binary input leaves a message")
    o = lib.check_options()
    o.max_input = 10
    expect_status(raw.factlint_check(ch, b"x" * 11, 11, byref(o), byref(rep)), E.EINPUT, "check(11 bytes, max_input 10)")
    expect(cstr(raw.factlint_checker_errmsg(ch)) != "", "too large input leaves a message")
    expect_status(raw.factlint_check(ch, b"x" * 10, 10, byref(o), byref(rep)), E.OK, "check(10 bytes, max_input 10)")
    raw.factlint_report_free(rep)
    expect_eq(cstr(raw.factlint_checker_errmsg(ch)), "", "a successful check clears the checker's message")

    # reading reports
    page = b"Everybody knows sales rose 40% last year."
    expect_status(raw.factlint_check(ch, page, len(page), None, byref(rep)), E.OK, "check(a page)")
    n = raw.factlint_report_count(rep)
    expect(n > 0, "the page has findings (%d)" % n)
    f = factlint.Finding()
    p, size = ctypes.c_void_p(), ctypes.c_size_t()
    expect_eq(raw.factlint_report_count(None), 0, "report_count(NULL) == 0")
    expect_status(raw.factlint_report_finding(None, 0, byref(f)), E.EINVAL, "report_finding(NULL)")
    expect_status(raw.factlint_report_finding(rep, n, byref(f)), E.EINVAL, "report_finding(index == count)")
    expect_status(raw.factlint_report_finding(rep, 2**63, byref(f)), E.EINVAL, "report_finding(huge index)")
    expect_status(raw.factlint_report_finding(rep, 0, None), E.EINVAL, "report_finding(out NULL)")
    expect_status(raw.factlint_report_finding(rep, 0, byref(f)), E.OK, "report_finding(0)")
    expect_eq(ctypes.string_at(f.text, f.text_len), page[f.start:f.end], "raw finding text == bytes[start:end]")
    expect_status(raw.factlint_report_annotated(None, byref(p), byref(size)), E.EINVAL, "report_annotated(NULL)")
    expect_status(raw.factlint_report_annotated(rep, None, byref(size)), E.EINVAL, "report_annotated(out NULL)")
    expect_status(raw.factlint_report_annotated(rep, byref(p), None), E.OK, "report_annotated(len NULL)")
    expect(b"<mark" in ctypes.string_at(p), "the annotated page has <mark>")
    expect_status(raw.factlint_report_json(None, byref(p), byref(size)), E.EINVAL, "report_json(NULL)")
    expect_status(raw.factlint_report_json(rep, None, byref(size)), E.EINVAL, "report_json(out NULL)")
    expect_status(raw.factlint_report_json(rep, byref(p), None), E.OK, "report_json(len NULL)")
    first = p.value
    expect_status(raw.factlint_report_json(rep, byref(p), byref(size)), E.OK, "report_json again")
    expect(p.value == first and len(ctypes.string_at(p)) == size.value, "report_json is built once, NUL-terminated")
    expect_eq(cstr(raw.factlint_report_format(None)), "", "report_format(NULL) == \"\"")
    raw.factlint_report_free(rep)

    # freeing NULL is safe
    raw.factlint_rules_free(None)
    raw.factlint_checker_free(None)
    raw.factlint_report_free(None)
    expect(True, "factlint_*_free(NULL) returns")
    checker.close()
    rules.close()


# ---- (e) threads: one Rules, four Checkers ---------------------------------------------------

def test_threads():
    if not baseline:
        expect(False, "threads: no single-threaded baseline (fixture test failed)")
        return
    n_threads, rounds = 4, 20
    errors = []
    mismatches = [0] * n_threads
    counts = [0] * n_threads
    barrier = threading.Barrier(n_threads)
    with factlint.Rules(library=lib) as rules:
        def work(i):
            try:
                mine = ARTICLES[i::n_threads]
                with factlint.Checker(rules) as checker:
                    barrier.wait()
                    for _ in range(rounds):
                        for path in mine:
                            report = checker.check(read(path), path=rel(path))
                            counts[i] += 1
                            if (report.findings, report.annotated, report.json) != baseline[path]:
                                mismatches[i] += 1
            except Exception:
                errors.append(traceback.format_exc())

        threads = [threading.Thread(target=work, args=(i,)) for i in range(n_threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    expect(not errors, "threads raised: %s" % "\n".join(errors))
    expect_eq(counts, [rounds * len(ARTICLES[i::n_threads]) for i in range(n_threads)], "threads: checks done")
    expect_eq(mismatches, [0] * n_threads, "threads: results equal the single-threaded ones")


# ---- (f) the shared library itself -----------------------------------------------------------

def test_symbols():
    out = subprocess.run(["nm", "-D", "--defined-only", LIB_PATH], stdout=subprocess.PIPE, check=True,
                         universal_newlines=True).stdout
    symbols = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            symbols[parts[2]] = parts[1]
    foreign = sorted(name for name, kind in symbols.items()
                     if kind not in "AaNn" and not name.startswith("factlint_"))
    expect(not foreign, "only factlint_* symbols exported; also: %s" % foreign[:20])
    with open(os.path.join(SRC, "include", "factlint", "factlint.h")) as f:
        declared = set(re.findall(r"FACTLINT_API[^;(]*?\b(factlint_\w+)\s*\(", f.read()))
    expect_eq(sorted(declared - set(symbols)), [], "every function in factlint.h is exported")
    expect_eq(sorted(set(n for n in symbols if n.startswith("factlint_")) - declared), [],
              "nothing exported beyond factlint.h")
    expect_eq(declared, set(factlint._PROTOTYPES), "the binding declares every function in factlint.h")
    out = subprocess.run(["objdump", "-p", LIB_PATH], stdout=subprocess.PIPE, check=True,
                         universal_newlines=True).stdout
    soname = re.findall(r"^\s*SONAME\s+(\S+)", out, re.M)
    expect_eq(soname, ["libfactlint.so.1"], "SONAME")


def test_struct_layout():
    """The binding's ctypes structs against the header, as compiled by the C compiler."""
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not expect(cc is not None, "a C compiler to check the struct layout"):
        return
    structs = {"factlint_rules_options": factlint.RulesOptions, "factlint_check_options": factlint.CheckOptions,
               "factlint_finding": factlint.Finding}
    lines = []
    for cname, py in structs.items():
        lines.append('printf("%s sizeof %%zu\\n", sizeof(%s));' % (cname, cname))
        for field, _ in py._fields_:
            lines.append('printf("%s %s %%zu\\n", offsetof(%s, %s));' % (cname, field, cname, field))
    prog = ("#include <stddef.h>\n#include <stdio.h>\n#include \"factlint/factlint.h\"\n"
            "int main(void) {\n%s\nreturn 0;\n}\n" % "\n".join(lines))
    with tempfile.TemporaryDirectory() as tmp:
        c_file, exe = os.path.join(tmp, "layout.c"), os.path.join(tmp, "layout")
        with open(c_file, "w") as f:
            f.write(prog)
        p = subprocess.run([cc, "-std=c99", "-I", os.path.join(SRC, "include"), c_file, "-o", exe],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        if not expect(p.returncode == 0, "layout program compiles:\n" + p.stdout):
            return
        out = subprocess.run([exe], stdout=subprocess.PIPE, check=True, universal_newlines=True).stdout
    c_layout = {tuple(l.split()[:2]): int(l.split()[2]) for l in out.splitlines()}
    for cname, py in structs.items():
        expect_eq(ctypes.sizeof(py), c_layout[(cname, "sizeof")], "sizeof(%s)" % cname)
        for field, _ in py._fields_:
            expect_eq(getattr(py, field).offset, c_layout[(cname, field)], "offsetof(%s, %s)" % (cname, field))


# ---- (g) limits ------------------------------------------------------------------------------

def test_limits():
    H, byref, E = ctypes.c_void_p, ctypes.byref, factlint
    with factlint.Rules(library=lib) as rules, factlint.Checker(rules) as checker:
        ch = checker.handle
        rep = H()

        def check_raw(page, opts):
            """(status, findings, truncated, annotated) of one check through the raw functions."""
            st = raw.factlint_check(ch, page, len(page), byref(opts), byref(rep))
            if st != E.OK:
                return st, None, None, None
            n = raw.factlint_report_count(rep)
            f = factlint.Finding()
            starts = []
            for i in range(n):
                raw.factlint_report_finding(rep, i, byref(f))
                starts.append((f.start, ctypes.string_at(f.rule).decode()))
            p, size = ctypes.c_void_p(), ctypes.c_size_t()
            raw.factlint_report_annotated(rep, byref(p), byref(size))
            annotated = ctypes.string_at(p, size.value)
            cut = raw.factlint_report_truncated(rep)
            raw.factlint_report_free(rep)
            return st, starts, cut, annotated

        # max_input: the limit itself passes, one byte more is refused with a message saying so
        o = lib.check_options()
        o.max_input = 100
        st, _, _, _ = check_raw(b"a" * 100, o)
        expect_status(st, E.OK, "max_input 100: 100 bytes pass")
        st, _, _, _ = check_raw(b"a" * 101, o)
        expect_status(st, E.EINPUT, "max_input 100: 101 bytes refused")
        msg = cstr(raw.factlint_checker_errmsg(ch))
        expect("101" in msg and "100" in msg, "max_input errmsg names the size and the limit: %r" % msg)

        # max_findings on a page with a few findings
        page = (b"Everybody knows sales rose 40% last year. It is the best phone ever made.\n\n"
                b"Prices fell 12% in May. The new ferry is unmatched.\n")
        o = lib.check_options()
        o.max_findings = factlint.NO_LIMIT
        st, everything, cut, marked_all = check_raw(page, o)
        if not expect(st == E.OK and len(everything) >= 3, "test page has 3 or more findings: %r" % (everything,)):
            return
        expect_eq(cut, 0, "max_findings NO_LIMIT: nothing truncated")
        for limit in (1, 2, len(everything) - 1, len(everything), len(everything) + 1):
            o.max_findings = limit
            st, kept, cut, marked = check_raw(page, o)
            expect_status(st, E.OK, "max_findings %d" % limit)
            expect_eq(kept, everything[:limit], "max_findings %d keeps the first %d findings" % (limit, limit))
            expect_eq(cut, max(0, len(everything) - limit), "max_findings %d: report_truncated" % limit)
            expect_eq(marked.count(b'<mark class="factlint'), min(limit, len(everything)),
                      "max_findings %d: only the kept findings are marked" % limit)
        expect_eq(raw.factlint_report_truncated(None), 0, "report_truncated(NULL) == 0")

        # the default (0) is 10000, as the CLI's --max-findings-per-page; NO_LIMIT keeps them all
        one = b"Everybody knows it.\n\n"
        o = lib.check_options()
        st, found, _, _ = check_raw(one * 3, o)
        if not expect(st == E.OK and len(found) == 3, "one finding per paragraph: %r" % (found,)):
            return
        big = one * 10001
        st, found, cut, _ = check_raw(big, o)
        expect_eq((st, len(found or ()), cut), (E.OK, 10000, 1), "max_findings 0: the default, 10000")
        o.max_findings = factlint.NO_LIMIT
        st, found, cut, _ = check_raw(big, o)
        expect_eq((st, len(found or ()), cut), (E.OK, 10001, 0), "max_findings NO_LIMIT: every finding")
        # no options at all: the defaults
        st = raw.factlint_check(ch, big, len(big), None, byref(rep))
        expect_eq((st, raw.factlint_report_count(rep), raw.factlint_report_truncated(rep)), (E.OK, 10000, 1),
                  "options NULL: max_findings defaults to 10000")
        raw.factlint_report_free(rep)

        # a version 1 struct: max_findings is not read (whatever follows the struct), the default applies
        buf = (ctypes.c_ubyte * ctypes.sizeof(factlint.CheckOptions))()
        v1 = factlint.CheckOptions.from_buffer(buf)
        raw.factlint_check_options_init(byref(v1), 1)
        v1.max_findings = 1  # past the end of a version 1 struct: must be ignored
        st, found, cut, _ = check_raw(page, v1)
        expect_eq((st, found), (E.OK, everything), "version 1 options: max_findings past the struct is not read")
        st, found, cut, _ = check_raw(big, v1)
        expect_eq((st, len(found or ()), cut), (E.OK, 10000, 1), "version 1 options: the default max_findings applies")

        # through the binding
        report = checker.check(page, max_findings=1)
        expect_eq((len(report.findings), report.truncated), (1, len(everything) - 1),
                  "Checker.check(max_findings=1): one finding, the rest counted in Report.truncated")
        report = checker.check(big, max_findings=None)
        expect_eq((len(report.findings), report.truncated), (10001, 0), "Checker.check(max_findings=None): no limit")
        expect_eq(checker.check(page).truncated, 0, "Checker.check(): Report.truncated 0 when nothing is cut")
        for bad in (-1, "3", 1.5):
            try:
                checker.check(page, max_findings=bad)
                expect(False, "Checker.check(max_findings=%r) raises ValueError" % (bad,))
            except ValueError:
                expect(True, "Checker.check(max_findings=%r) raises ValueError" % (bad,))


for test in (test_fixtures, test_options, test_errors, test_threads, test_symbols, test_struct_layout, test_limits):
    section(test)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
