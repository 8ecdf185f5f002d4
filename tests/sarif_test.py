#!/usr/bin/env python3
"""`factlint check --format sarif`: every document it writes is valid against the SARIF 2.1.0 schema
(../shared/schemas/sarif-schema-2.1.0.json, checked with jsonschema), and says what the JSON report
says: one result per finding with the same rule, level, message and region (startLine/startColumn =
line/column, byteOffset/byteLength = start/end-start, snippet = text, endLine/endColumn = the
position of `end`, columns in Unicode characters); the driver lists every enabled rule; a file that
could not be checked is a toolExecutionNotification with executionSuccessful false; fingerprints
stay when lines move; paths are relative, '/'-separated, percent-encoded URIs.
"""
import json
import os
import shutil
import sys
import tempfile
import tomllib
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from outputs_common import (ARTICLES, BAD_PAGE, PAGES, SHARED, SRC, check, end_position, finish, json_report,  # noqa: E402
                            read, run, write)

try:
    import jsonschema
except ImportError:
    # ctest may run a Python without Debian's packages (pyenv, a venv): the system one has them.
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
            and not os.environ.get("FACTLINT_SARIF_REEXEC"):
        os.environ["FACTLINT_SARIF_REEXEC"] = "1"
        os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(__file__)] + sys.argv[1:])
    print("FAIL  the Python module jsonschema is missing: apt-get install python3-jsonschema "
          "(make test installs it)")
    print("0 passed, 1 failed")
    sys.exit(1)

LEVEL = {"error": "error", "warning": "warning", "info": "note"}

with open(os.path.join(SHARED, "schemas", "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
    SCHEMA = json.load(f)
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)


def default_rule_ids():
    ids = []
    for name in sorted(os.listdir(os.path.join(SRC, "rules"))):
        if name.endswith(".toml"):
            with open(os.path.join(SRC, "rules", name), "rb") as f:
                ids += [r["id"] for r in tomllib.load(f).get("rule", []) if r.get("enabled", True)]
    return ids


def sarif(args, cwd=SRC, what=""):
    rc, out, err = run(["check", "--format", "sarif"] + args, cwd=cwd)
    try:
        doc = json.loads(out)
    except ValueError as e:
        check(False, f"{what}: the output is JSON", f"{e}\n{out[:500]!r}\n{err}")
        return rc, None
    errors = sorted(VALIDATOR.iter_errors(doc), key=lambda e: list(e.absolute_path))
    check(not errors, f"{what}: valid against the SARIF 2.1.0 schema",
          "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in errors[:10]))
    return rc, doc


def uri(path):
    return urllib.parse.quote(path, safe="/-._~")


def compare_with_json(doc, report, cwd, what):
    """Every finding of the JSON report is exactly one result, with the same facts."""
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    check(run_.get("columnKind") == "unicodeCodePoints", f"{what}: columns are counted in Unicode code points",
          run_.get("columnKind"))
    bad_index = [r["ruleId"] for r in results if rules[r["ruleIndex"]]["id"] != r["ruleId"]]
    check(not bad_index, f"{what}: every ruleIndex points at its ruleId", bad_index[:5])
    by_key = {}
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        by_key.setdefault((loc["artifactLocation"]["uri"], loc["region"]["byteOffset"], r["ruleId"]), []).append(r)
    n_findings, problems = 0, []
    for f in report["files"]:
        source = read(f["path"], cwd) if "error" not in f else b""
        for x in f["findings"]:
            n_findings += 1
            key = (uri(f["path"]), x["start"], x["rule"])
            got = by_key.get(key, [])
            if len(got) != 1:
                problems.append(f"{key}: {len(got)} results")
                continue
            r = got[0]
            reg = r["locations"][0]["physicalLocation"]["region"]
            end_line, end_column = end_position(source, x["end"])
            want = {"startLine": x["line"], "startColumn": x["column"], "endLine": end_line, "endColumn": end_column,
                    "byteOffset": x["start"], "byteLength": x["end"] - x["start"], "snippet": {"text": x["text"]}}
            if reg != want:
                problems.append(f"{key}: region {reg}\n  expected {want}")
            if r["level"] != LEVEL[x["severity"]] or r["message"]["text"] != x["message"]:
                problems.append(f"{key}: level/message {r['level']} {r['message']['text']!r}")
            if "suppressions" in r:
                problems.append(f"{key}: an unsourced finding is suppressed")
            if not r.get("partialFingerprints"):
                problems.append(f"{key}: no partialFingerprints")
    check(not problems, f"{what}: {n_findings} findings, each one result with the JSON report's region, "
          "level and message", "\n".join(problems[:10]))
    unsuppressed = [r for r in results if "suppressions" not in r]
    check(len(unsuppressed) == n_findings, f"{what}: no other (unsuppressed) results",
          f"{len(unsuppressed)} results, {n_findings} findings")


def main():
    tmp = tempfile.mkdtemp(prefix="factlint-sarif-")
    try:
        # --- the fixtures -------------------------------------------------------------------------
        for inputs in ([ARTICLES], [PAGES]):
            what = " ".join(inputs)
            rc, doc = sarif(inputs, what=what)
            if not doc:
                continue
            check(doc.get("version") == "2.1.0" and len(doc.get("runs", [])) == 1, f"{what}: SARIF 2.1.0, one run")
            driver = doc["runs"][0]["tool"]["driver"]
            check(driver["name"] == "factlint" and driver.get("version") and driver.get("informationUri"),
                  f"{what}: tool.driver names factlint, its version and informationUri", driver.get("version"))
            ids = [r["id"] for r in driver["rules"]]
            check(ids == default_rule_ids(), f"{what}: the driver lists every enabled rule, in order", ids)
            incomplete = [r["id"] for r in driver["rules"]
                          if not (r.get("name") and r["shortDescription"]["text"] and r["fullDescription"]["text"]
                                  and r.get("helpUri", "").startswith("https://")
                                  and r["defaultConfiguration"]["level"] in ("error", "warning", "note")
                                  and r.get("properties", {}).get("category") in
                                  ("unattributed-figure", "suspect-quote", "absolute-claim"))]
            check(not incomplete, f"{what}: every rule has name, descriptions, helpUri, level and category", incomplete)
            inv = doc["runs"][0]["invocations"][0]
            check(inv["executionSuccessful"] is True and not inv.get("toolExecutionNotifications"),
                  f"{what}: every file checked: executionSuccessful, no notification", inv)
            compare_with_json(doc, json_report(inputs), SRC, what)
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
            check(all(u.startswith(inputs[0] + "/") for u in uris), f"{what}: URIs are the relative paths as given",
                  sorted(uris)[:3])

        # --- a page that cannot be checked --------------------------------------------------------
        what = f"{PAGES}/clean.md + {BAD_PAGE}"
        rc, doc = sarif([f"{PAGES}/clean.md", BAD_PAGE, "fixtures/bad/nul_bytes.html"], what=what)
        if doc:
            inv = doc["runs"][0]["invocations"][0]
            notes = inv.get("toolExecutionNotifications", [])
            check(rc == 2 and inv["executionSuccessful"] is False, f"{what}: executionSuccessful is false, exit 2",
                  f"exit {rc}: {inv}")
            where = [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes]
            check(where == [BAD_PAGE, "fixtures/bad/nul_bytes.html"] and all(n["level"] == "error" for n in notes),
                  f"{what}: one error notification per bad file, at its path", notes)
            check(notes and "invalid UTF-8 at byte offset 5" in notes[0]["message"]["text"],
                  f"{what}: the notification carries the message", notes[:1])

        # --- columns in Unicode characters, the end of a finding on a later line -------------------
        page = write(os.path.join(tmp, "uni code#1.md"),
                     "# Über 😀\n\nÉtés 😀 sales rose 40% last year.\n\nCrème brûlée 😀😀 is the best\ndessert ever made.\n")
        rc, doc = sarif(["uni code#1.md"], cwd=tmp, what="non-ASCII page")
        if doc:
            compare_with_json(doc, json_report(["uni code#1.md"], cwd=tmp), tmp, "non-ASCII page")
            results = doc["runs"][0]["results"]
            fig = [r for r in results if r["ruleId"] == "figure.unattributed"]
            reg = fig[0]["locations"][0]["physicalLocation"]["region"] if fig else {}
            check(reg.get("startLine") == 3 and reg.get("startColumn") == len("Étés 😀 sales rose ") + 1 and
                  reg.get("endColumn") == len("Étés 😀 sales rose 40%") + 1,
                  "“40%” after é and an emoji: columns count code points, endColumn is exclusive", reg)
            multi = [r["locations"][0]["physicalLocation"]["region"] for r in results
                     if r["locations"][0]["physicalLocation"]["region"]["endLine"] >
                     r["locations"][0]["physicalLocation"]["region"]["startLine"]]
            check(any(m["startLine"] == 5 and m["endLine"] == 6 for m in multi),
                  "a finding across a line break ends on the next line", multi)
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
            check(uris == {"uni%20code%231.md"}, "the URI is percent-encoded", uris)

        # --- fingerprints: the same findings keep them when lines move -----------------------------
        art = os.path.join(tmp, "art.md")
        shutil.copy(os.path.join(SRC, ARTICLES, "a_business_grocery_merger.md"), art)

        def prints():
            rc, doc = sarif(["art.md"], cwd=tmp, what="fingerprints")
            return sorted((r["ruleId"], r["partialFingerprints"]["factlint/v1"]) for r in doc["runs"][0]["results"])

        before = prints()
        with open(art, "rb") as f:
            text = f.read()
        cut = text.index(b"\n\n", text.index(b"---", 3)) + 2  # after the front matter and its first paragraph
        with open(art, "wb") as f:
            f.write(text[:cut] + b"A new paragraph with nothing to flag.\n\n" + text[cut:])
        after = prints()
        check(before and before == after, "partialFingerprints stay when the findings move down the page",
              f"{before[:3]}\n{after[:3]}")
        check(len({p for _, p in before}) == len(before), "partialFingerprints are distinct within a file", before)

        # --- absolute paths become file:// URIs ---------------------------------------------------
        rc, doc = sarif([os.path.join(tmp, "art.md")], what="absolute path")
        if doc:
            uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
            check(uris == {"file://" + uri(os.path.join(tmp, "art.md"))}, "an absolute path is a file:// URI", uris)

        # --- findings a factlint-source comment cleared are suppressed results ---------------------
        page = write(os.path.join(tmp, "sourced.html"),
                     '<p>Sales rose 40% last year. <!-- factlint-source "https://example.org/q3" --></p>\n'
                     '<p>Costs fell 12% too.</p>\n')
        rc, doc = sarif(["sourced.html"], cwd=tmp, what="sourced finding")
        sourced = [x for f in json_report(["sourced.html"], cwd=tmp)["files"] for x in f.get("sourced", [])]
        if doc:
            compare_with_json(doc, json_report(["sourced.html"], cwd=tmp), tmp, "sourced finding")
            sup = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["byteOffset"], r["suppressions"])
                   for r in doc["runs"][0]["results"] if "suppressions" in r]
            want = [(x["rule"], x["start"], [{"kind": "inSource", "justification": "sourced: " + x["evidence"]}])
                    for x in sourced]
            check(sourced and sup == want, "each sourced finding is a result with an inSource suppression "
                  "justified by its evidence", f"got  {sup}\nwant {want}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish()


if __name__ == "__main__":
    main()
