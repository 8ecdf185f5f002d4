"""factlint for MkDocs 1.4+: a `hooks:` file (no pip install).

    # mkdocs.yml
    hooks:
      - path/to/factlint/plugin/mkdocs/factlint_hook.py
    extra:
      factlint:            # every option is optional; names and defaults as in plugin/README.md
        rules: []
        min_severity: info
        fail_on: error
        exclude: []
        report_only: false
        report: factlint-report.json
        library: null      # default: $FACTLINT_LIB, else the factlint build tree

What it does, per build:
- on_config: reads and checks the options, loads libfactlint.so and compiles the rules once.
- on_page_content (priority -100, after every other plugin): checks the page body (the HTML rendered from the Markdown, before the theme
  wraps it: title, nav, header, footer and every other theme part are never seen) as HTML, with
  annotate = not report_only. The page's own content is returned unchanged, so every other plugin
  (search, which builds search_index.json in on_page_context) sees the same HTML as without the
  hook.
- on_page_context (priority -100, after every other plugin): swaps the marked body in, so the
  theme renders it.
- on_post_page: re-bases the findings' positions from the body onto the written page (the page
  as the theme renders it without marks, i.e. as a report_only build writes it).
- on_post_build: writes the site report (the CLI's JSON format, one entry per checked page,
  path = the page's output path under site_dir, e.g. "brewing/index.html"), logs a summary, and
  logs a WARNING on the "mkdocs.plugins.factlint" logger when a finding is at or above fail_on:
  `mkdocs build --strict` then aborts, a plain `mkdocs build` succeeds and reports.

The shared ctypes binding (plugin/python/factlint.py) is loaded from $FACTLINT_PYTHON (the folder
holding factlint.py) if set, else from ../python relative to this file.
"""

import fnmatch
import importlib.util
import json
import logging
import os
import sys

from mkdocs.exceptions import PluginError

try:
    from mkdocs.plugins import event_priority
except ImportError:  # MkDocs < 1.4: events run in registration order, hooks after plugins
    def event_priority(priority):
        return lambda f: f

log = logging.getLogger("mkdocs.plugins.factlint")

SEVERITIES = ("info", "warning", "error")  # ordered: fail_on compares positions
MAX_LISTED = 20  # findings listed in the fail_on warning


def _load_binding():
    """The shared binding module, loaded by path (never copied)."""
    folder = os.environ.get("FACTLINT_PYTHON") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "python")
    path = os.path.normpath(os.path.join(folder, "factlint.py"))
    loaded = sys.modules.get("factlint")
    if loaded is not None and os.path.normpath(getattr(loaded, "__file__", "") or "") == path:
        return loaded
    if not os.path.isfile(path):
        raise PluginError("factlint: cannot find the Python binding %s (set FACTLINT_PYTHON to the "
                          "folder holding factlint.py)" % path)
    spec = importlib.util.spec_from_file_location("factlint", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules.setdefault("factlint", module)
    return module


def _options(config, binding):
    extra = config.get("extra") or {}
    return binding.adapter_options(extra.get("factlint"), "extra.factlint", PluginError)


class _Build:
    """Everything one build keeps: options, rules, checker, per-page results."""

    def __init__(self, config):
        self.binding = _load_binding()
        self.options = _options(config, self.binding)
        self.project = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        opts = self.options
        library = self._abs(opts["library"]) if opts["library"] else None
        try:
            self.rules = self.binding.Rules(packs=[self._abs(p) for p in opts["rules"]], library=library)
            self.checker = self.binding.Checker(self.rules)
        except self.binding.FactlintError as e:
            raise PluginError("factlint: %s" % e.message) from None
        self.version = self.rules.library.version
        self.files = {}     # dest_uri -> report entry (dict, CLI JSON shape)
        self.pending = {}   # dest_uri -> (original body, marked body)
        self.excluded = 0

    def _abs(self, path):
        return os.path.normpath(os.path.join(self.project, os.path.expanduser(path)))

    def excludes(self, path):
        # fnmatchcase: '*' also matches '/', as in the CLI's --exclude (fnmatch(3) without flags)
        return any(fnmatch.fnmatchcase(path, glob) for glob in self.options["exclude"])

    def close(self):
        for handle in (getattr(self, "checker", None), getattr(self, "rules", None)):
            if handle is not None:
                handle.close()


_build = None


def on_config(config, **kwargs):
    global _build
    if _build is not None:  # `mkdocs serve` rebuilds: start afresh
        _build.close()
    _build = _Build(config)
    return config


@event_priority(-100)  # last: check the body as every other plugin left it
def on_page_content(html, page, config, files, **kwargs):
    build = _build
    if build is None:
        return html
    path = page.file.dest_uri
    if build.excludes(path):
        build.excluded += 1
        return html
    opts = build.options
    try:
        report = build.checker.check(html, path=path, format="html", annotate=not opts["report_only"],
                                     min_severity=opts["min_severity"])
    except build.binding.FactlintError as e:
        log.error("factlint: %s: cannot be checked: %s", path, e.message)
        build.files[path] = {"path": path, "format": "html", "error": e.message, "findings": []}
        return html
    entry = json.loads(report.json)["files"][0]
    entry["path"] = path
    build.files[path] = entry
    if not opts["report_only"] and report.findings and report.annotated != html:
        build.pending[path] = (html, report.annotated)
    # The body is returned as it came: other plugins (search) must not index the marks.
    return html


@event_priority(-100)  # after every other plugin's on_page_context (search reads page.content there)
def on_page_context(context, page, config, nav, **kwargs):
    build = _build
    if build is not None:
        pending = build.pending.get(page.file.dest_uri)
        if pending is not None:
            if page.content == pending[0]:
                page.content = pending[1]
            else:
                log.info("factlint: %s: the body changed after it was checked (another plugin's "
                         "on_page_context?): not marked, still reported", page.file.dest_uri)
    return context


def on_post_page(output, page, config, **kwargs):
    """Re-bases the page's findings from the body onto the written page: the body appears once in
    the themed page, and the themed page without marks is the same text up to that point."""
    build = _build
    entry = build.files.get(page.file.dest_uri) if build is not None else None
    if not entry or not entry["findings"] or page.content is None:
        return output
    at = output.find(page.content)
    if at < 0 or output.find(page.content, at + 1) >= 0:
        log.debug("factlint: %s: the theme does not show the body once; positions stay body-relative",
                  page.file.dest_uri)
        return output
    prefix = output[:at]
    byte_shift = len(prefix.encode("utf-8"))
    line_shift = prefix.count("\n")
    column_shift = len(prefix) - (prefix.rfind("\n") + 1)
    for f in entry["findings"]:
        f["start"] += byte_shift
        f["end"] += byte_shift
        if f["line"] == 1:
            f["column"] += column_shift
        f["line"] += line_shift
    return output


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


def _write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = "%s.tmp%d" % (path, os.getpid())
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def on_post_build(config, **kwargs):
    global _build
    build, _build = _build, None
    if build is None:
        return
    try:
        opts = build.options
        files = [build.files[k] for k in sorted(build.files)]
        report_path = build._abs(opts["report"])
        try:
            _write(report_path, _report_json(build.version, files))
        except OSError as e:
            raise PluginError("factlint: cannot write the report %s: %s" % (report_path, e)) from None

        total = sum(len(e["findings"]) for e in files)
        with_findings = sum(1 for e in files if e["findings"])
        summary = "factlint: %d finding%s in %d of %d pages" % (
            total, "" if total == 1 else "s", with_findings, len(files))
        if build.excluded:
            summary += " (%d excluded)" % build.excluded
        errors = sum(1 for e in files if "error" in e)
        if errors:
            summary += "; %d page%s could not be checked" % (errors, "" if errors == 1 else "s")
        summary += "; report: %s" % os.path.relpath(report_path, build.project)
        if opts["report_only"]:
            summary += " (report only: no page changed)"
        log.info(summary)

        if opts["fail_on"] != "never":
            level = SEVERITIES.index(opts["fail_on"])
            failing = [(e["path"], f) for e in files for f in e["findings"]
                       if f["severity"] in SEVERITIES and SEVERITIES.index(f["severity"]) >= level]
            if failing:
                lines = ["  %s:%d:%d: %s %s: %s" % (p, f["line"], f["column"], f["severity"], f["rule"], f["message"])
                         for p, f in failing[:MAX_LISTED]]
                if len(failing) > MAX_LISTED:
                    lines.append("  ... and %d more (see the report)" % (len(failing) - MAX_LISTED))
                log.warning("factlint: %d finding%s at or above fail_on '%s':\n%s", len(failing),
                            "" if len(failing) == 1 else "s", opts["fail_on"], "\n".join(lines))
    finally:
        build.close()


def on_build_error(error, **kwargs):
    global _build
    build, _build = _build, None
    if build is not None:
        build.close()
