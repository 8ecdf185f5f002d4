// factlint for Eleventy 3: checks every HTML page Eleventy writes through libfactlint.so (the C ABI
// in include/factlint/factlint.h, loaded with koffi), marks the findings in the page (or only
// reports them), writes one site report in the CLI's JSON format and can fail the build.
//
//   import factlint from "factlint-eleventy";
//   export default function (eleventyConfig) {
//     eleventyConfig.addPlugin(factlint, { fail_on: "error", report_only: false });
//   }
//
// Options and defaults are the adapter contract of plugin/README.md: rules, min_severity, fail_on,
// exclude, report_only, report, library.
//
// Memory: handles (rules, checker, report) are freed with their own *_free function; every string
// the library hands out is borrowed from a handle, copied into a JS string, and never freed here.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import koffi from "koffi";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_LIBRARY = path.resolve(HERE, "../../build/lib/libfactlint.so");

// factlint_severity, by value; "never" only for fail_on
const SEVERITIES = ["info", "warning", "error"];
const FAIL_LEVELS = [...SEVERITIES, "never"];
const OPTION_NAMES = ["rules", "min_severity", "fail_on", "exclude", "report_only", "report", "library"];

// factlint.h constants
const FACTLINT_OK = 0;
const FACTLINT_FORMAT_HTML = 2;
const FACTLINT_RULES_OPTIONS_VERSION = 1;
const FACTLINT_CHECK_OPTIONS_VERSION = 1;
const FACTLINT_ABI_VERSION_MAJOR = 1;
const STATUS_NAMES = ["FACTLINT_OK", "FACTLINT_EINVAL", "FACTLINT_ENOMEM", "FACTLINT_ERULES",
  "FACTLINT_EINPUT", "FACTLINT_EIO", "FACTLINT_EVERSION", "FACTLINT_EINTERNAL"];

// ---- The C ABI ---------------------------------------------------------------------------------

// koffi type names are global to the process: declare them once.
let types = null;
function declareTypes() {
  if (types) return types;
  types = {
    rules: koffi.opaque("factlint_rules"),
    checker: koffi.opaque("factlint_checker"),
    report: koffi.opaque("factlint_report"),
    // Field for field as in factlint.h.
    rulesOptions: koffi.struct("factlint_rules_options", {
      version: "unsigned int",
      no_defaults: "int",
      pack_paths: "const char **", // const char *const *
      pack_count: "size_t",
      pack_text: "const char *",
      pack_text_len: "size_t",
    }),
    checkOptions: koffi.struct("factlint_check_options", {
      version: "unsigned int",
      format: "int",
      path: "const char *",
      annotate: "int",
      min_severity: "int",
      max_input: "size_t",
    }),
    // Its strings are borrowed from the report (rule: from the rules): koffi copies them into JS
    // strings when it decodes the struct; nothing is freed.
    finding: koffi.struct("factlint_finding", {
      rule: "const char *",
      category: "const char *",
      severity: "int",
      message: "const char *",
      text: "const char *",
      text_len: "size_t",
      start: "size_t",
      end: "size_t",
      line: "size_t",
      column: "size_t",
    }),
  };
  return types;
}

// One binding per library file, loaded once per process.
const bindings = new Map();

function bind(libraryPath) {
  const key = path.resolve(libraryPath);
  if (bindings.has(key)) return bindings.get(key);
  if (!fs.existsSync(key)) {
    fail(`cannot find libfactlint.so at ${key}: build it (cmake --build build), ` +
      `or pass the plugin option "library", or set FACTLINT_LIB`);
  }
  let lib;
  try {
    lib = koffi.load(key);
  } catch (e) {
    fail(`cannot load ${key}: ${e.message}`);
  }
  declareTypes();
  const b = {
    path: key,
    version: lib.func("const char *factlint_version(void)"),
    abi_version: lib.func("int factlint_abi_version(void)"),
    strerror: lib.func("const char *factlint_strerror(int status)"),
    rules_options_init: lib.func("int factlint_rules_options_init(_Out_ factlint_rules_options *opts, unsigned int version)"),
    rules_new: lib.func("int factlint_rules_new(_Out_ factlint_rules **out, const factlint_rules_options *opts)"),
    rules_errmsg: lib.func("const char *factlint_rules_errmsg(const factlint_rules *rules)"),
    rules_count: lib.func("size_t factlint_rules_count(const factlint_rules *rules)"),
    rules_free: lib.func("void factlint_rules_free(factlint_rules *rules)"),
    checker_new: lib.func("int factlint_checker_new(_Out_ factlint_checker **out, const factlint_rules *rules)"),
    checker_errmsg: lib.func("const char *factlint_checker_errmsg(const factlint_checker *checker)"),
    checker_free: lib.func("void factlint_checker_free(factlint_checker *checker)"),
    check_options_init: lib.func("int factlint_check_options_init(_Out_ factlint_check_options *opts, unsigned int version)"),
    // input as bytes (a Buffer) and its byte length: it need not be NUL-terminated
    check: lib.func("int factlint_check(factlint_checker *checker, const uint8_t *input, size_t len, " +
      "const factlint_check_options *opts, _Out_ factlint_report **out)"),
    report_free: lib.func("void factlint_report_free(factlint_report *report)"),
    report_count: lib.func("size_t factlint_report_count(const factlint_report *report)"),
    report_finding: lib.func("int factlint_report_finding(const factlint_report *report, size_t index, _Out_ factlint_finding *out)"),
    // the page comes back as a pointer and a length: decoded with that length, not strlen
    report_annotated: lib.func("int factlint_report_annotated(const factlint_report *report, _Out_ void **out, _Out_ size_t *len)"),
    report_json: lib.func("int factlint_report_json(factlint_report *report, _Out_ void **out, _Out_ size_t *len)"),
  };
  const abi = b.abi_version();
  if (abi !== FACTLINT_ABI_VERSION_MAJOR) {
    fail(`${key} has ABI version ${abi}; this plugin needs ${FACTLINT_ABI_VERSION_MAJOR}`);
  }
  bindings.set(key, b);
  return b;
}

function statusName(b, status) {
  return `${STATUS_NAMES[status] ?? status} (${b.strerror(status)})`;
}

// A borrowed (pointer, length) pair as a JS string, copied before the owning handle is freed.
function borrowedString(ptr, len) {
  const n = Number(len);
  if (!ptr || n === 0) return "";
  return Buffer.from(koffi.view(ptr, n)).toString("utf8");
}

// ---- Options -------------------------------------------------------------------------------------

// A mistake of the site's (bad option, rule pack, library path) or a failed check: Eleventy prints
// the message without a JavaScript stack trace.
function userError(message) {
  const e = new Error(message);
  e.skipOriginalStack = true;
  return e;
}

function fail(message) {
  throw userError(`[factlint] ${message}`);
}

function stringList(name, value) {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === "")) {
    fail(`option "${name}" must be a list of non-empty strings, got ${JSON.stringify(value)}`);
  }
  return [...value];
}

function validateOptions(options) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== "object" || Array.isArray(options)) {
    fail(`options must be an object, got ${JSON.stringify(options)}`);
  }
  for (const k of Object.keys(options)) {
    if (!OPTION_NAMES.includes(k)) {
      fail(`unknown option "${k}" (known: ${OPTION_NAMES.join(", ")}; see plugin/README.md)`);
    }
  }
  const o = {
    rules: [],
    min_severity: "info",
    fail_on: "error",
    exclude: [],
    report_only: false,
    report: "factlint-report.json",
    library: process.env.FACTLINT_LIB || DEFAULT_LIBRARY,
  };
  if (options.rules !== undefined) o.rules = stringList("rules", options.rules);
  if (options.exclude !== undefined) o.exclude = stringList("exclude", options.exclude);
  if (options.min_severity !== undefined) {
    if (!SEVERITIES.includes(options.min_severity)) {
      fail(`option "min_severity" must be one of ${SEVERITIES.map((s) => `"${s}"`).join(", ")}, ` +
        `got ${JSON.stringify(options.min_severity)}`);
    }
    o.min_severity = options.min_severity;
  }
  if (options.fail_on !== undefined) {
    if (!FAIL_LEVELS.includes(options.fail_on)) {
      fail(`option "fail_on" must be one of ${FAIL_LEVELS.map((s) => `"${s}"`).join(", ")}, ` +
        `got ${JSON.stringify(options.fail_on)}`);
    }
    o.fail_on = options.fail_on;
  }
  if (options.report_only !== undefined) {
    if (typeof options.report_only !== "boolean") {
      fail(`option "report_only" must be true or false, got ${JSON.stringify(options.report_only)}`);
    }
    o.report_only = options.report_only;
  }
  for (const k of ["report", "library"]) {
    if (options[k] !== undefined) {
      if (typeof options[k] !== "string" || options[k] === "") {
        fail(`option "${k}" must be a non-empty path, got ${JSON.stringify(options[k])}`);
      }
      o[k] = options[k];
    }
  }
  return o;
}

// fnmatch(3) without flags, as the CLI's --exclude: `*` and `?` also match `/`, [...] classes
// ([!...] negates), a backslash quotes the next character.
function globToRegExp(glob) {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      re += "[\\s\\S]*";
    } else if (c === "?") {
      re += "[\\s\\S]";
    } else if (c === "[") {
      let j = i + 1;
      if (glob[j] === "!" || glob[j] === "^") j++;
      if (glob[j] === "]") j++;
      while (j < glob.length && glob[j] !== "]") j++;
      if (j >= glob.length) {
        re += "\\[";  // no closing bracket: a literal [
        continue;
      }
      let body = glob.slice(i + 1, j);
      let neg = false;
      if (body[0] === "!" || body[0] === "^") {
        neg = true;
        body = body.slice(1);
      }
      body = body.replace(/[\\\]^]/g, (m) => "\\" + m);
      re += `[${neg ? "^" : ""}${body}]`;
      i = j;
    } else if (c === "\\" && i + 1 < glob.length) {
      re += glob[++i].replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
    }
  }
  return new RegExp(`^${re}$`);
}

// ---- The plugin ----------------------------------------------------------------------------------

// Handles still open when the process exits (--serve and --watch keep them between builds).
const openPlugins = new Set();
process.once("exit", () => {
  for (const close of openPlugins) close();
});

export default function factlint(eleventyConfig, options = {}) {
  const opts = validateOptions(options);
  const minSeverity = SEVERITIES.indexOf(opts.min_severity);
  const failLevel = opts.fail_on === "never" ? Infinity : SEVERITIES.indexOf(opts.fail_on);
  const excludes = opts.exclude.map(globToRegExp);
  const rulePaths = opts.rules.map((p) => path.resolve(p));
  const b = bind(opts.library);

  // The rules (shared, immutable) and one checker, created once and freed after the build (a
  // later build of the same configuration, e.g. in --serve, creates them again).
  let rules = null;
  let checker = null;
  function open() {
    if (checker) return;
    const ro = {};
    let st = b.rules_options_init(ro, FACTLINT_RULES_OPTIONS_VERSION);
    if (st !== FACTLINT_OK) fail(`factlint_rules_options_init: ${statusName(b, st)}`);
    ro.pack_paths = rulePaths.length ? rulePaths : null;
    ro.pack_count = rulePaths.length;
    const out = [null];
    st = b.rules_new(out, ro);
    if (st !== FACTLINT_OK) {
      // On ERULES / EIO the handle is still set so the message can be read; then it must be freed.
      const msg = out[0] ? b.rules_errmsg(out[0]) : "";
      if (out[0]) b.rules_free(out[0]);
      fail(`cannot load the rules: ${msg || statusName(b, st)}`);
    }
    rules = out[0];
    const cout = [null];
    st = b.checker_new(cout, rules);
    if (st !== FACTLINT_OK) {
      b.rules_free(rules);
      rules = null;
      fail(`factlint_checker_new: ${statusName(b, st)}`);
    }
    checker = cout[0];
  }
  function close() {
    // reports are freed right after each check, so nothing borrows from the rules any more
    if (checker) b.checker_free(checker);
    if (rules) b.rules_free(rules);
    checker = rules = null;
  }
  open();  // a bad rule pack stops the build before any page is rendered
  openPlugins.add(close);

  let outputDir = null;  // from eleventy.before; the output folder as Eleventy resolved it
  const pages = new Map();  // path relative to the output folder → {path, format, findings, error?}

  eleventyConfig.on("eleventy.before", ({ directories, dir, incremental }) => {
    outputDir = directories?.output ?? dir?.output ?? "_site";
    if (!incremental) pages.clear();  // an incremental rebuild re-renders only some pages
    open();
  });

  function relativeToOutput(outputPath) {
    const base = path.resolve(outputDir ?? eleventyConfig.directories?.output ?? "_site");
    return path.relative(base, path.resolve(outputPath)).split(path.sep).join("/");
  }

  function checkPage(content, outputPath, rel) {
    open();
    const buf = Buffer.from(content, "utf8");
    const co = {};
    let st = b.check_options_init(co, FACTLINT_CHECK_OPTIONS_VERSION);
    if (st !== FACTLINT_OK) fail(`factlint_check_options_init: ${statusName(b, st)}`);
    co.format = FACTLINT_FORMAT_HTML;
    co.path = outputPath;
    co.annotate = opts.report_only ? 0 : 1;
    co.min_severity = minSeverity;
    const rout = [null];
    st = b.check(checker, buf, buf.length, co, rout);
    if (st !== FACTLINT_OK) {
      const msg = b.checker_errmsg(checker) || statusName(b, st);
      if (rout[0]) b.report_free(rout[0]);
      return { error: msg, page: content };
    }
    const report = rout[0];
    try {
      const findings = [];
      const n = Number(b.report_count(report));
      for (let i = 0; i < n; i++) {
        const f = {};
        st = b.report_finding(report, i, f);
        if (st !== FACTLINT_OK) fail(`factlint_report_finding(${i}) on ${rel}: ${statusName(b, st)}`);
        findings.push({
          rule: f.rule,
          category: f.category,
          severity: SEVERITIES[f.severity] ?? String(f.severity),
          message: f.message,
          text: f.text,
          start: Number(f.start),
          end: Number(f.end),
          line: Number(f.line),
          column: Number(f.column),
        });
      }
      // The finding struct has no rule link; the library's own JSON for this page has it.
      if (n) {
        const p = [null], len = [0];
        if (b.report_json(report, p, len) === FACTLINT_OK) {
          const jf = JSON.parse(borrowedString(p[0], len[0])).files?.[0]?.findings ?? [];
          findings.forEach((f, i) => {
            if (jf[i] && jf[i].rule === f.rule && jf[i].start === f.start && jf[i].link) f.link = jf[i].link;
          });
        }
      }
      let page = content;
      if (!opts.report_only) {
        const p = [null], len = [0];
        st = b.report_annotated(report, p, len);
        if (st !== FACTLINT_OK) fail(`factlint_report_annotated on ${rel}: ${statusName(b, st)}`);
        page = borrowedString(p[0], len[0]);
      }
      return { findings, page };
    } finally {
      b.report_free(report);
    }
  }

  eleventyConfig.addTransform("factlint", function (content) {
    const outputPath = this?.page?.outputPath;
    // Only HTML pages: feeds, JSON, sitemaps and permalink: false are left alone.
    if (typeof outputPath !== "string" || !outputPath.endsWith(".html") || typeof content !== "string") {
      return content;
    }
    const rel = relativeToOutput(outputPath);
    if (excludes.some((re) => re.test(rel))) return content;
    const res = checkPage(content, outputPath, rel);
    const entry = { path: rel, format: "html", findings: res.findings ?? [] };
    if (res.error) {
      entry.error = res.error;
      console.error(`[factlint] ${rel}: error: ${res.error}`);
    }
    pages.set(rel, entry);
    return res.page;
  });

  eleventyConfig.on("eleventy.after", ({ outputMode, runMode }) => {
    try {
      if (outputMode !== "fs") return;  // --to=json / ndjson: nothing is written
      const files = [...pages.values()].sort((a, b2) => (a.path < b2.path ? -1 : a.path > b2.path ? 1 : 0));
      let total = 0, withFindings = 0;
      const failing = [];
      const errors = files.filter((f) => f.error);
      for (const f of files) {
        total += f.findings.length;
        if (f.findings.length) withFindings++;
        for (const x of f.findings) {
          if (SEVERITIES.indexOf(x.severity) >= failLevel) failing.push({ file: f.path, ...x });
        }
      }
      const report = { tool: { name: "factlint", version: b.version() }, files };
      const reportPath = path.resolve(opts.report);
      fs.mkdirSync(path.dirname(reportPath), { recursive: true });
      const tmp = `${reportPath}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(report, null, 2) + "\n");
      fs.renameSync(tmp, reportPath);
      const shown = path.relative(process.cwd(), reportPath) || reportPath;
      console.log(`[factlint] ${total} finding${total === 1 ? "" : "s"} in ${withFindings} of ${files.length} ` +
        `page${files.length === 1 ? "" : "s"}; report: ${shown}` +
        (errors.length ? `; ${errors.length} page${errors.length === 1 ? "" : "s"} could not be checked` : "") +
        (opts.report_only ? " (report only: no page changed)" : ""));
      // The details go to the log once; the error (which Eleventy prints, then exits 1) says why.
      if (errors.length) {
        console.error(errors.map((f) => `[factlint] ${f.path}: error: ${f.error}`).join("\n"));
        fail(`build failed: ${errors.length} page${errors.length === 1 ? "" : "s"} could not be checked (listed above)`);
      }
      if (failing.length) {
        const max = 50;
        const lines = failing.slice(0, max).map((x) =>
          `[factlint] ${x.file}:${x.line}:${x.column}: ${x.severity} ${x.category} ${x.rule}: ${x.message}`);
        if (failing.length > max) lines.push(`[factlint] … and ${failing.length - max} more in ${shown}`);
        console.error(lines.join("\n"));
        fail(`build failed: ${failing.length} finding${failing.length === 1 ? "" : "s"} at or above ` +
          `fail_on "${opts.fail_on}" (listed above; report: ${shown})`);
      }
    } finally {
      if (runMode === "build") close();  // --serve / --watch keep them for the next build
    }
  });
}
