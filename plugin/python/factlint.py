"""Python binding for libfactlint.so, the factlint C ABI (include/factlint/factlint.h).

Standard library only (ctypes); works under any Python 3.8+. It is shared by the site-generator
adapters (MkDocs hook, Pelican plugin), so it knows nothing about any of them.

    import factlint

    with factlint.Rules(packs=["house.toml"]) as rules, factlint.Checker(rules) as checker:
        report = checker.check(html, path="post.html")
        for f in report.findings:
            print(f["line"], f["column"], f["rule"], f["message"])
        page = report.annotated

    report = factlint.check(markdown_text)   # default rules, one checker per thread
    factlint.shutdown()                      # optional: frees what check() keeps (also at exit)

Finding the library: an explicit path (``load(path)``, ``Rules(library=path)``), else $FACTLINT_LIB,
else ../../build/lib/libfactlint.so relative to this file. A bare name such as "libfactlint.so.1"
is searched for by the dynamic loader.

Errors: every failure raises FactlintError with ``.status`` (OK, EINVAL, ... as in the header) and
``.message`` (the handle's error text: "file:line:column: ..." for a bad pack, "invalid UTF-8 at
byte offset N" for a bad page). Bad Python arguments (an unknown format name) raise ValueError.

Ownership: strings returned by the library are borrowed from the handle they came from, so they
are declared ``c_void_p``, copied with ``ctypes.string_at`` and never freed here; handles are freed
with their ``*_free`` function by ``close()``, ``__exit__`` or, as a last resort, ``__del__``. A
report is copied into Python objects (findings, annotated page, JSON) as soon as the check returns
and its handle freed at once, so a ``Report`` owns no library memory and may outlive its rules.

Threads: a ``Rules`` is immutable and may be shared by any number of threads; a ``Checker`` holds
per-thread state (use one per thread; a lock makes accidental sharing safe, but serialised).
ctypes releases the GIL during each call, so checkers on different threads run in parallel.
"""

import atexit
import ctypes
import os
import threading

__all__ = [
    "FactlintError", "Library", "load", "Rules", "Checker", "Report", "check", "default_rules",
    "shutdown", "default_library_path",
    "RulesOptions", "CheckOptions", "Finding", "NO_LIMIT",
    "OK", "EINVAL", "ENOMEM", "ERULES", "EINPUT", "EIO", "EVERSION", "EINTERNAL",
    "FORMAT_AUTO", "FORMAT_MARKDOWN", "FORMAT_HTML", "SEVERITIES",
]

# factlint_status
OK, EINVAL, ENOMEM, ERULES, EINPUT, EIO, EVERSION, EINTERNAL = range(8)
STATUS_NAMES = ("FACTLINT_OK", "FACTLINT_EINVAL", "FACTLINT_ENOMEM", "FACTLINT_ERULES",
                "FACTLINT_EINPUT", "FACTLINT_EIO", "FACTLINT_EVERSION", "FACTLINT_EINTERNAL")
# factlint_format
FORMAT_AUTO, FORMAT_MARKDOWN, FORMAT_HTML = 0, 1, 2
_FORMATS = {"auto": FORMAT_AUTO, "markdown": FORMAT_MARKDOWN, "md": FORMAT_MARKDOWN,
            "html": FORMAT_HTML, "htm": FORMAT_HTML}
# factlint_severity, by value: the names the CLI's JSON uses
SEVERITIES = ("info", "warning", "error")

RULES_OPTIONS_VERSION = 1  # FACTLINT_RULES_OPTIONS_VERSION
CHECK_OPTIONS_VERSION = 2  # FACTLINT_CHECK_OPTIONS_VERSION
NO_LIMIT = ctypes.c_size_t(-1).value  # FACTLINT_NO_LIMIT
ABI_VERSION_MAJOR = 1      # FACTLINT_ABI_VERSION_MAJOR: the SONAME this binding is written for


class FactlintError(Exception):
    """A call into libfactlint failed. ``status`` is the factlint_status code, ``message`` the
    text from the handle (factlint_rules_errmsg / factlint_checker_errmsg) or factlint_strerror."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message

    @property
    def status_name(self):
        return STATUS_NAMES[self.status] if 0 <= self.status < len(STATUS_NAMES) else str(self.status)

    def __repr__(self):
        return "FactlintError(%s, %r)" % (self.status_name, self.message)


# ---- The structs: field for field as in factlint.h (new fields are only ever appended) -------

class RulesOptions(ctypes.Structure):
    """struct factlint_rules_options (version FACTLINT_RULES_OPTIONS_VERSION = 1)."""
    _fields_ = [
        ("version", ctypes.c_uint),
        ("no_defaults", ctypes.c_int),
        ("pack_paths", ctypes.POINTER(ctypes.c_char_p)),  # const char *const *
        ("pack_count", ctypes.c_size_t),
        ("pack_text", ctypes.c_char_p),                   # caller-owned: may be c_char_p
        ("pack_text_len", ctypes.c_size_t),
    ]


class CheckOptions(ctypes.Structure):
    """struct factlint_check_options (version FACTLINT_CHECK_OPTIONS_VERSION = 2)."""
    _fields_ = [
        ("version", ctypes.c_uint),
        ("format", ctypes.c_int),        # factlint_format
        ("path", ctypes.c_char_p),       # caller-owned: may be c_char_p
        ("annotate", ctypes.c_int),
        ("min_severity", ctypes.c_int),  # factlint_severity
        ("max_input", ctypes.c_size_t),
        ("max_findings", ctypes.c_size_t),  # since version 2
    ]


class Finding(ctypes.Structure):
    """struct factlint_finding. Its strings are borrowed from the report (and, for ``rule``, from
    the rules): c_void_p, read with ctypes.string_at, never freed."""
    _fields_ = [
        ("rule", ctypes.c_void_p),
        ("category", ctypes.c_void_p),
        ("severity", ctypes.c_int),
        ("message", ctypes.c_void_p),
        ("text", ctypes.c_void_p),
        ("text_len", ctypes.c_size_t),
        ("start", ctypes.c_size_t),
        ("end", ctypes.c_size_t),
        ("line", ctypes.c_size_t),
        ("column", ctypes.c_size_t),
    ]


_H = ctypes.c_void_p            # an opaque handle
_PH = ctypes.POINTER(_H)        # an out-parameter for a handle
_STR = ctypes.c_void_p          # a borrowed, NUL-terminated string
_PSTR = ctypes.POINTER(_STR)
_SIZE = ctypes.c_size_t

# name: (restype, argtypes) for every function in factlint.h
_PROTOTYPES = {
    "factlint_version": (_STR, []),
    "factlint_abi_version": (ctypes.c_int, []),
    "factlint_strerror": (_STR, [ctypes.c_int]),
    "factlint_rules_options_init": (ctypes.c_int, [ctypes.POINTER(RulesOptions), ctypes.c_uint]),
    "factlint_rules_new": (ctypes.c_int, [_PH, ctypes.POINTER(RulesOptions)]),
    "factlint_rules_errmsg": (_STR, [_H]),
    "factlint_rules_count": (_SIZE, [_H]),
    "factlint_rules_free": (None, [_H]),
    "factlint_checker_new": (ctypes.c_int, [_PH, _H]),
    "factlint_checker_errmsg": (_STR, [_H]),
    "factlint_checker_free": (None, [_H]),
    "factlint_check_options_init": (ctypes.c_int, [ctypes.POINTER(CheckOptions), ctypes.c_uint]),
    "factlint_check": (ctypes.c_int, [_H, ctypes.c_char_p, _SIZE, ctypes.POINTER(CheckOptions), _PH]),
    "factlint_report_free": (None, [_H]),
    "factlint_report_count": (_SIZE, [_H]),
    "factlint_report_finding": (ctypes.c_int, [_H, _SIZE, ctypes.POINTER(Finding)]),
    "factlint_report_truncated": (_SIZE, [_H]),
    "factlint_report_annotated": (ctypes.c_int, [_H, _PSTR, ctypes.POINTER(_SIZE)]),
    "factlint_report_json": (ctypes.c_int, [_H, _PSTR, ctypes.POINTER(_SIZE)]),
    "factlint_report_format": (_STR, [_H]),
}


def _cstr(ptr, length=None):
    """Copies a borrowed library string (c_void_p value) into a Python str."""
    if not ptr:
        return ""
    raw = ctypes.string_at(ptr) if length is None else ctypes.string_at(ptr, length)
    return raw.decode("utf-8")


def default_library_path():
    """$FACTLINT_LIB, else ../../build/lib/libfactlint.so relative to this file."""
    env = os.environ.get("FACTLINT_LIB")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.normpath(os.path.join(here, "..", "..", "build", "lib", "libfactlint.so"))


class Library:
    """The loaded shared library with every prototype declared. ``lib`` is the raw ctypes.CDLL,
    for callers (and tests) that need the C functions themselves."""

    def __init__(self, path=None):
        self.path = os.fspath(path) if path is not None else default_library_path()
        try:
            self.lib = ctypes.CDLL(self.path)
        except OSError as e:
            raise FactlintError(EINVAL, "cannot load libfactlint from %s: %s" % (self.path, e)) from None
        for name, (restype, argtypes) in _PROTOTYPES.items():
            fn = getattr(self.lib, name)
            fn.restype = restype
            fn.argtypes = argtypes
        abi = self.lib.factlint_abi_version()
        if abi != ABI_VERSION_MAJOR:
            raise FactlintError(EVERSION, "%s has ABI version %d, this binding needs %d"
                                % (self.path, abi, ABI_VERSION_MAJOR))

    @property
    def version(self):
        """The library's release, e.g. "0.1.0"."""
        return _cstr(self.lib.factlint_version())

    @property
    def abi_version(self):
        return self.lib.factlint_abi_version()

    def strerror(self, status):
        return _cstr(self.lib.factlint_strerror(status))

    def rules_options(self):
        """A RulesOptions filled by factlint_rules_options_init."""
        opts = RulesOptions()
        self._check_init(self.lib.factlint_rules_options_init(ctypes.byref(opts), RULES_OPTIONS_VERSION))
        return opts

    def check_options(self):
        """A CheckOptions filled by factlint_check_options_init."""
        opts = CheckOptions()
        self._check_init(self.lib.factlint_check_options_init(ctypes.byref(opts), CHECK_OPTIONS_VERSION))
        return opts

    def _check_init(self, status):
        if status != OK:
            raise FactlintError(status, "options init: " + self.strerror(status))


_libraries = {}
_libraries_lock = threading.Lock()


def load(path=None):
    """The Library at ``path`` (default: $FACTLINT_LIB, else the build tree), loaded once."""
    key = os.fspath(path) if path is not None else default_library_path()
    if os.sep in key:  # a bare name ("libfactlint.so.1") is left to the dynamic loader's search
        key = os.path.abspath(key)
    with _libraries_lock:
        lib = _libraries.get(key)
        if lib is None:
            lib = _libraries[key] = Library(key)
        return lib


def _library(library):
    return library if isinstance(library, Library) else load(library)


class Rules:
    """Compiled rule packs (factlint_rules): immutable, shareable across threads.

    packs       -- pack files or folders, loaded after the defaults, in order
    no_defaults -- do not load the embedded default packs
    pack_text   -- one more pack as TOML text (str or bytes)
    library     -- a Library, or a path to libfactlint.so (default: see load())

    Raises FactlintError (ERULES, EIO, ...) with factlint_rules_errmsg's "file:line:column: ..."
    text. Closing the rules while checkers still use them is deferred until the last one closes.
    """

    def __init__(self, packs=(), no_defaults=False, pack_text=None, library=None):
        self._lib = _library(library)
        self._handle = None
        self._users = 0
        self._closing = False
        self._lock = threading.Lock()
        if isinstance(packs, (str, bytes, os.PathLike)):
            packs = [packs]
        paths = [os.fsencode(p) for p in packs]
        opts = self._lib.rules_options()
        opts.no_defaults = 1 if no_defaults else 0
        path_array = (ctypes.c_char_p * max(len(paths), 1))(*paths)
        if paths:
            opts.pack_paths = ctypes.cast(path_array, ctypes.POINTER(ctypes.c_char_p))
            opts.pack_count = len(paths)
        if pack_text is not None:
            text = pack_text.encode("utf-8") if isinstance(pack_text, str) else bytes(pack_text)
            opts.pack_text = text
            opts.pack_text_len = len(text)
        raw = self._lib.lib
        handle = _H()
        status = raw.factlint_rules_new(ctypes.byref(handle), ctypes.byref(opts))
        if status != OK:
            message = _cstr(raw.factlint_rules_errmsg(handle)) if handle else ""
            raw.factlint_rules_free(handle)  # set even on ERULES/EIO; NULL is safe
            raise FactlintError(status, message or self._lib.strerror(status))
        self._handle = handle

    @property
    def library(self):
        return self._lib

    @property
    def handle(self):
        """The raw factlint_rules* (a c_void_p), or None once closed."""
        return self._handle

    @property
    def count(self):
        """The number of enabled rules."""
        return self._lib.lib.factlint_rules_count(self._require())

    def _require(self):
        if self._handle is None or self._closing:
            raise FactlintError(EINVAL, "rules are closed")
        return self._handle

    def _acquire(self):
        with self._lock:
            handle = self._require()
            self._users += 1
            return handle

    def _release(self):
        with self._lock:
            self._users -= 1
            if self._closing and self._users == 0:
                self._free()

    def _free(self):
        handle, self._handle = self._handle, None
        if handle:
            self._lib.lib.factlint_rules_free(handle)

    def close(self):
        """Frees the rules now, or as soon as the last Checker using them is closed."""
        lock = getattr(self, "_lock", None)
        if lock is None:  # __init__ failed before the lock existed
            return
        with lock:
            self._closing = True
            if self._users == 0:
                self._free()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


class Report:
    """The result of one check, copied out of the library (it holds no library memory).

    findings  -- list of dicts: rule, category, severity ("info"/"warning"/"error"), message,
                 text (the input bytes [start, end) decoded), start, end (byte offsets, end
                 exclusive), line, column (1-based; column counts characters)
    annotated -- the page with <mark> elements ("" unless annotate was set)
    format    -- "markdown" or "html": how the page was read
    json      -- the report in the CLI's JSON format (one file)
    path      -- the path given to check(), or None
    truncated -- how many findings max_findings cut (0 if none): only the first ones are kept
                 and marked
    """

    __slots__ = ("findings", "annotated", "format", "json", "path", "truncated")

    def __init__(self, findings, annotated, format, json, path, truncated=0):
        self.findings = findings
        self.annotated = annotated
        self.format = format
        self.json = json
        self.path = path
        self.truncated = truncated

    def __len__(self):
        return len(self.findings)

    def __iter__(self):
        return iter(self.findings)

    def __repr__(self):
        return "<factlint.Report %s %s: %d findings>" % (self.path or "<page>", self.format, len(self.findings))


def _enum(value, names, what):
    if isinstance(value, int):
        return value
    try:
        return names[value.lower()]
    except (KeyError, AttributeError):
        raise ValueError("%s must be one of %s, not %r" % (what, ", ".join(sorted(names)), value)) from None


_SEVERITY_VALUES = {name: i for i, name in enumerate(SEVERITIES)}


class Checker:
    """Per-thread checking state (factlint_checker) over a Rules. Create one per thread; the
    rules stay alive (and open) until every checker on them is closed."""

    def __init__(self, rules):
        self._handle = None
        self._rules = rules
        self._lib = rules.library
        self._lock = threading.Lock()
        rules_handle = rules._acquire()
        handle = _H()
        status = self._lib.lib.factlint_checker_new(ctypes.byref(handle), rules_handle)
        if status != OK:
            rules._release()
            raise FactlintError(status, "cannot create a checker: " + self._lib.strerror(status))
        self._handle = handle

    @property
    def rules(self):
        return self._rules

    @property
    def handle(self):
        """The raw factlint_checker* (a c_void_p), or None once closed."""
        return self._handle

    def check(self, text_or_bytes, path=None, format="auto", annotate=True, min_severity="info",
              max_input=0, max_findings=0):
        """Checks one page and returns a Report.

        text_or_bytes -- the page: str (encoded as UTF-8) or bytes-like (checked as is)
        path          -- optional: guesses the format from its extension; echoed in the JSON
        format        -- "auto", "markdown" or "html" (or a FORMAT_* value)
        annotate      -- produce the annotated page
        min_severity  -- "info", "warning" or "error": findings below it are dropped
        max_input     -- refuse larger inputs, in bytes (0: the library's default)
        max_findings  -- keep and mark at most this many findings, the first ones (0: the
                         library's default, 10000; None: no limit); Report.truncated counts the rest

        Raises FactlintError: EINPUT (invalid UTF-8, binary, too large) with the library's reason.
        """
        data = text_or_bytes.encode("utf-8") if isinstance(text_or_bytes, str) else bytes(text_or_bytes)
        opts = self._lib.check_options()
        opts.format = _enum(format, _FORMATS, "format")
        opts.annotate = 1 if annotate else 0
        opts.min_severity = _enum(min_severity, _SEVERITY_VALUES, "min_severity")
        opts.max_input = max_input
        if max_findings is None:
            opts.max_findings = NO_LIMIT
        elif isinstance(max_findings, int) and 0 <= max_findings < NO_LIMIT:
            opts.max_findings = max_findings
        else:
            raise ValueError("max_findings must be a count (0: the default) or None (no limit), not %r"
                             % (max_findings,))
        if path is not None:
            opts.path = os.fsencode(path)
        raw = self._lib.lib
        with self._lock:
            if self._handle is None:
                raise FactlintError(EINVAL, "checker is closed")
            report = _H()
            status = raw.factlint_check(self._handle, data, len(data), ctypes.byref(opts), ctypes.byref(report))
            if status != OK:
                message = _cstr(raw.factlint_checker_errmsg(self._handle))
                raw.factlint_report_free(report)  # NULL on failure; harmless
                raise FactlintError(status, message or self._lib.strerror(status))
            # Read under the lock: the report borrows rule ids from the rules, which stay alive
            # only while this checker is open.
            try:
                return self._read_report(report, path)
            finally:
                raw.factlint_report_free(report)

    def _read_report(self, report, path):
        raw = self._lib.lib
        findings = []
        f = Finding()
        for i in range(raw.factlint_report_count(report)):
            status = raw.factlint_report_finding(report, i, ctypes.byref(f))
            if status != OK:
                raise FactlintError(status, "reading finding %d: %s" % (i, self._lib.strerror(status)))
            severity = f.severity
            findings.append({
                "rule": _cstr(f.rule),
                "category": _cstr(f.category),
                "severity": SEVERITIES[severity] if 0 <= severity < len(SEVERITIES) else str(severity),
                "message": _cstr(f.message),
                "text": _cstr(f.text, f.text_len),
                "start": f.start,
                "end": f.end,
                "line": f.line,
                "column": f.column,
            })
        ptr, size = _STR(), _SIZE()
        status = raw.factlint_report_annotated(report, ctypes.byref(ptr), ctypes.byref(size))
        if status != OK:
            raise FactlintError(status, "reading the annotated page: " + self._lib.strerror(status))
        annotated = _cstr(ptr.value, size.value)
        status = raw.factlint_report_json(report, ctypes.byref(ptr), ctypes.byref(size))
        if status != OK:
            raise FactlintError(status, "building the JSON report: " + self._lib.strerror(status))
        json_text = _cstr(ptr.value, size.value)
        fmt = _cstr(raw.factlint_report_format(report))
        return Report(findings, annotated, fmt, json_text, None if path is None else os.fspath(path),
                      raw.factlint_report_truncated(report))

    def close(self):
        """Frees the checker (and lets its rules close, if they were asked to)."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            handle, self._handle = self._handle, None
            if handle:
                self._lib.lib.factlint_checker_free(handle)
                self._rules._release()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


# ---- One-call checking with the default rules --------------------------------------------

_default_rules = None
_default_lock = threading.Lock()
_local = threading.local()


def default_rules():
    """The default rule packs of the default library, compiled once and shared."""
    global _default_rules
    with _default_lock:
        if _default_rules is None:
            _default_rules = Rules()
        return _default_rules


def check(text_or_bytes, path=None, format="auto", annotate=True, min_severity="info", rules=None):
    """Checks one page and returns a Report (see Checker.check).

    With the default ``rules`` (the embedded default packs of the default library) each thread
    keeps one Checker for its lifetime. With explicit ``rules`` a checker is created and freed for
    this one call: to check many pages, keep a Checker instead."""
    kwargs = dict(path=path, format=format, annotate=annotate, min_severity=min_severity)
    if rules is not None:
        with Checker(rules) as checker:
            return checker.check(text_or_bytes, **kwargs)
    rules = default_rules()
    checker = getattr(_local, "checker", None)
    if checker is None or checker.rules is not rules:
        if checker is not None:
            checker.close()
        checker = _local.checker = Checker(rules)
    return checker.check(text_or_bytes, **kwargs)


def shutdown():
    """Frees what check() keeps: this thread's checker and the default rules (at once, or when
    the last other thread's checker is closed). check() may be called again afterwards. Runs at
    exit, so that nothing is left for the interpreter's teardown to drop without freeing."""
    global _default_rules
    checker = getattr(_local, "checker", None)
    if checker is not None:
        _local.checker = None
        checker.close()
    with _default_lock:
        rules, _default_rules = _default_rules, None
    if rules is not None:
        rules.close()


atexit.register(shutdown)


# ---- The adapter contract (plugin/README.md), shared by the MkDocs hook and the Pelican plugin ----

ADAPTER_OPTIONS = ("rules", "min_severity", "fail_on", "exclude", "report_only", "report", "library")
SEVERITY_NAMES = ("info", "warning", "error")
FAIL_ON_NAMES = ("error", "warning", "info", "never")


def adapter_options(raw, setting, error, container="mapping", booleans="true or false"):
    """Validates a generator's factlint options and fills in the defaults of plugin/README.md.

    raw is the user's mapping (or None); setting names it in messages ("extra.factlint",
    "FACTLINT"); error is the exception class the generator reports; container and booleans
    are the words the generator's config language uses. Raises error on any unknown key or bad value."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise error("factlint: %s must be a %s of options (%s)" % (setting, container, ", ".join(ADAPTER_OPTIONS)))
    unknown = sorted(set(raw) - set(ADAPTER_OPTIONS))
    if unknown:
        raise error("factlint: unknown option%s %s in %s (the options are: %s)"
                    % ("s" if len(unknown) > 1 else "", ", ".join(map(repr, unknown)), setting,
                       ", ".join(ADAPTER_OPTIONS)))

    def str_list(name):
        value = raw.get(name, [])
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise error("factlint: %s must be a list of strings, not %r" % (name, value))
        return list(value)

    def choice(name, default, allowed):
        value = raw.get(name, default)
        if value not in allowed:
            raise error("factlint: %s must be one of %s, not %r" % (name, ", ".join(allowed), value))
        return value

    report_only = raw.get("report_only", False)
    if not isinstance(report_only, bool):
        raise error("factlint: report_only must be %s, not %r" % (booleans, report_only))
    for name in ("report", "library"):
        if raw.get(name) is not None and not isinstance(raw.get(name), str):
            raise error("factlint: %s must be a path, not %r" % (name, raw.get(name)))
    return {
        "rules": str_list("rules"),
        "min_severity": choice("min_severity", "info", SEVERITY_NAMES),
        "fail_on": choice("fail_on", "error", FAIL_ON_NAMES),
        "exclude": str_list("exclude"),
        "report_only": report_only,
        "report": raw.get("report") or "factlint-report.json",
        "library": raw.get("library"),
    }
