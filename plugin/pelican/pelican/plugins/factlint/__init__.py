"""factlint for Pelican 4.5+: a namespace plugin.

    # pelicanconf.py              (run pelican with PYTHONPATH=path/to/factlint/plugin/pelican)
    PLUGINS = ["pelican.plugins.factlint"]
    FACTLINT = {                  # every option is optional; names and defaults as in plugin/README.md
        "rules": [],
        "min_severity": "info",
        "fail_on": "error",
        "exclude": [],
        "report_only": False,
        "report": "factlint-report.json",
        "library": None,          # default: $FACTLINT_LIB, else the factlint build tree
    }

What it does, per build:
- initialized: reads and checks FACTLINT, loads libfactlint.so and compiles the rules once.
- content_written(path, context): for each written .html file, finds the content the theme
  rendered from the site's own writing -- the body of the article or page the file was written
  for (article.content / page.content) and, on paginated listings (index, category, tag, author),
  each listed article's summary -- exactly as it appears in the file, checks each of those regions
  as HTML, and (unless report_only) splices the marked regions back in. Everything the theme
  renders around them (<head>, <title>, the site name, menu, entry titles, dates, "Archives for
  SITENAME" headings, footers) is never checked: the simple theme puts titles in the <body>
  outside any <main>/<article>, where a whole-file check would mark them. Feeds are written
  through another signal (feed_written) and are never touched. Findings' positions are those in
  the file as Pelican wrote it (before the marks).
- finalized: writes the site report (the CLI's JSON format; path = the file under OUTPUT_PATH),
  prints a summary line (as Pelican prints its "Done: ..." line), and when a finding is at or above fail_on raises FactlintFailed: Pelican then
  logs it as CRITICAL and exits with status 1 (no --fatal flag needed).

Relative paths in FACTLINT (rules, report, library) are relative to the working directory pelican
runs in (the project folder, where pelicanconf.py lives: Pelican does not tell plugins where the
settings file is). The shared ctypes binding (plugin/python/factlint.py) is loaded from
$FACTLINT_PYTHON (the folder holding factlint.py) if set, else from ../../../../python relative to
this file.
"""

import fnmatch
import importlib.util
import json
import logging
import os
import sys

from pelican import signals

log = logging.getLogger(__name__)

SEVERITIES = ("info", "warning", "error")  # ordered: fail_on compares positions
MAX_LISTED = 20   # findings listed when the build fails
STYLE_OPEN, STYLE_CLOSE = "<style data-factlint>", "</style>"


class FactlintFailed(Exception):
    """Raised from `finalized` when a finding is at or above fail_on: pelican exits with 1."""
    exitcode = 1


class FactlintConfigError(Exception):
    """A bad FACTLINT setting, a missing library or a bad rule pack."""
    exitcode = 1


def _load_binding():
    """The shared binding module, loaded by path (never copied)."""
    folder = os.environ.get("FACTLINT_PYTHON") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "python")
    path = os.path.normpath(os.path.join(folder, "factlint.py"))
    loaded = sys.modules.get("factlint")
    if loaded is not None and os.path.normpath(getattr(loaded, "__file__", "") or "") == path:
        return loaded
    if not os.path.isfile(path):
        raise FactlintConfigError("factlint: cannot find the Python binding %s (set FACTLINT_PYTHON to "
                                  "the folder holding factlint.py)" % path)
    spec = importlib.util.spec_from_file_location("factlint", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules.setdefault("factlint", module)
    return module


class _Build:
    """Everything one Pelican instance keeps: options, rules, checker, per-file results."""

    def __init__(self, settings):
        self.binding = _load_binding()
        self.options = self.binding.adapter_options(settings.get("FACTLINT"), "FACTLINT", FactlintConfigError,
                                                    container="dict", booleans="True or False")
        self.output_path = os.path.abspath(settings.get("OUTPUT_PATH") or "output")
        opts = self.options
        library = os.path.abspath(opts["library"]) if opts["library"] else None
        try:
            self.rules = self.binding.Rules(packs=[os.path.abspath(p) for p in opts["rules"]], library=library)
            self.checker = self.binding.Checker(self.rules)
        except self.binding.FactlintError as e:
            raise FactlintConfigError("factlint: %s" % e.message) from None
        self.version = self.rules.library.version
        self.reset()

    def reset(self):
        self.files = {}       # output path -> report entry (CLI JSON shape)
        self.excluded = 0

    def excludes(self, path):
        # fnmatchcase: '*' also matches '/', as in the CLI's --exclude (fnmatch(3) without flags)
        return any(fnmatch.fnmatchcase(path, glob) for glob in self.options["exclude"])


_build = None


def _content(obj):
    try:
        return obj.content
    except Exception:  # a theme's custom object
        return None


def _regions(text, context):
    """The [start, end) character ranges of `text` holding the site's own writing: the body of the
    file's article or page, and the summaries of the articles a listing shows. Non-overlapping,
    sorted. Returns (regions, missing) where missing names an own body not found verbatim."""
    wanted, missing = [], None
    for key in ("article", "page"):
        obj = context.get(key)
        body = _content(obj) if obj is not None and hasattr(obj, "metadata") else None
        if body and body.strip():
            if body in text:
                wanted.append(body)
            else:
                missing = getattr(obj, "source_path", key)
    for key in ("articles_page", "dates_page"):
        listing = context.get(key)
        for obj in getattr(listing, "object_list", None) or []:
            try:
                summary = obj.summary
            except Exception:
                continue
            if summary and summary.strip():
                wanted.append(summary)
    found = []
    for s in dict.fromkeys(wanted):  # unique, in order
        at = text.find(s)
        while at >= 0:
            found.append((at, at + len(s)))
            at = text.find(s, at + len(s))
    regions, end = [], -1
    for start, stop in sorted(found, key=lambda r: (r[0], -r[1])):
        if start >= end:  # the longest first; anything inside or across it is dropped
            regions.append((start, stop))
            end = stop
    return regions, missing


def _written(path, context):
    build = _build
    if build is None or not path.endswith((".html", ".htm")):
        return
    rel = os.path.relpath(os.path.abspath(path), build.output_path).replace(os.sep, "/")
    if build.excludes(rel):
        build.excluded += 1
        return
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        log.error("factlint: %s: cannot be checked: invalid UTF-8 at byte offset %d", rel, e.start)
        build.files[rel] = {"path": rel, "format": "html", "error": "invalid UTF-8 at byte offset %d" % e.start,
                            "findings": []}
        return
    regions, missing = _regions(text, context)
    if missing:
        log.warning("factlint: %s: the content of %s does not appear verbatim in the page (a theme filter?): "
                    "not checked", rel, missing)
    if not regions:
        return  # a listing of titles only (archives, tags, categories): nothing written by the author
    opts = build.options
    annotate = not opts["report_only"]
    findings, pieces, last, style_done = [], [], 0, False
    for start, stop in regions:
        fragment = text[start:stop]
        try:
            report = build.checker.check(fragment, path=rel, format="html", annotate=annotate,
                                         min_severity=opts["min_severity"])
        except build.binding.FactlintError as e:
            log.error("factlint: %s: cannot be checked: %s", rel, e.message)
            build.files[rel] = {"path": rel, "format": "html", "error": e.message, "findings": []}
            return
        # Positions: from the fragment onto the file as Pelican wrote it.
        prefix = text[:start]
        byte_shift = len(prefix.encode("utf-8"))
        line_shift = prefix.count("\n")
        column_shift = len(prefix) - (prefix.rfind("\n") + 1)
        for f in json.loads(report.json)["files"][0]["findings"]:
            f["start"] += byte_shift
            f["end"] += byte_shift
            if f["line"] == 1:
                f["column"] += column_shift
            f["line"] += line_shift
            findings.append(f)
        if annotate and report.findings and report.annotated != fragment:
            marked = report.annotated
            if marked.startswith(STYLE_OPEN):  # one stylesheet per file is enough
                if style_done:
                    marked = marked[marked.index(STYLE_CLOSE) + len(STYLE_CLOSE):]
                style_done = True
            pieces.append(text[last:start])
            pieces.append(marked)
            last = stop
    build.files[rel] = {"path": rel, "format": "html", "findings": findings}
    if pieces:
        pieces.append(text[last:])
        tmp = "%s.factlint-tmp" % path
        with open(tmp, "wb") as f:
            f.write("".join(pieces).encode("utf-8"))
        os.replace(tmp, path)


def _report_json(version, files):
    """The CLI's JSON report, laid out as `factlint check --format json` writes it."""
    dump = lambda v: json.dumps(v, ensure_ascii=False)
    out = '{"tool": {"name": "factlint", "version": %s}, "files": [' % dump(version)
    for i, entry in enumerate(files):
        head = {k: entry[k] for k in ("path", "format", "error") if k in entry}
        out += (",\n  " if i else "\n  ") + dump(head)[:-1] + ', "findings": ['
        findings = entry["findings"]
        out += ",".join("\n    " + dump(f) for f in findings)
        out += "\n  ]}" if findings else "]}"
    out += "\n]}\n" if files else "]}\n"
    return out


def _console_print(line):
    """The summary goes where Pelican prints its own "Done: Processed ..." line (not a log record:
    Pelican shows only warnings and errors unless -v, and a warning would trip --fatal warnings)."""
    log.debug(line)
    try:
        from pelican.log import console
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    except Exception:
        print(line, file=sys.stderr)


def _initialized(pelican):
    global _build
    _build = _Build(pelican.settings)


def _finalized(pelican):
    build = _build
    if build is None:
        return
    opts = build.options
    files = [build.files[k] for k in sorted(build.files)]
    excluded = build.excluded
    build.reset()  # `pelican --autoreload` runs again with the same instance
    report_path = os.path.abspath(opts["report"])
    os.makedirs(os.path.dirname(report_path), exist_ok=True)
    tmp = "%s.tmp%d" % (report_path, os.getpid())
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(_report_json(build.version, files))
    os.replace(tmp, report_path)

    total = sum(len(e["findings"]) for e in files)
    with_findings = sum(1 for e in files if e["findings"])
    summary = "factlint: %d finding%s in %d of %d pages" % (total, "" if total == 1 else "s", with_findings, len(files))
    if excluded:
        summary += " (%d excluded)" % excluded
    errors = sum(1 for e in files if "error" in e)
    if errors:
        summary += "; %d page%s could not be checked" % (errors, "" if errors == 1 else "s")
    summary += "; report: %s" % os.path.relpath(report_path)
    if opts["report_only"]:
        summary += " (report only: no page changed)"
    _console_print(summary)

    if opts["fail_on"] == "never":
        return
    level = SEVERITIES.index(opts["fail_on"])
    failing = [(e["path"], f) for e in files for f in e["findings"]
               if f["severity"] in SEVERITIES and SEVERITIES.index(f["severity"]) >= level]
    if failing:
        lines = ["  %s:%d:%d: %s %s: %s" % (p, f["line"], f["column"], f["severity"], f["rule"], f["message"])
                 for p, f in failing[:MAX_LISTED]]
        if len(failing) > MAX_LISTED:
            lines.append("  ... and %d more (see the report)" % (len(failing) - MAX_LISTED))
        raise FactlintFailed("%d finding%s at or above fail_on '%s' (report: %s):\n%s" % (
            len(failing), "" if len(failing) == 1 else "s", opts["fail_on"], os.path.relpath(report_path),
            "\n".join(lines)))


def register():
    signals.initialized.connect(_initialized)
    signals.content_written.connect(_written)
    signals.finalized.connect(_finalized)
