/*
 * factlint — the C ABI. This header is the whole public promise of libfactlint.so.
 *
 * A page (Markdown or HTML) goes in; a report comes out with the findings (unattributed figures,
 * suspect quotes, absolute claims) and, if asked, the page annotated with <mark> elements.
 *
 * Conventions
 *  - Every function returns a factlint_status; 0 (FACTLINT_OK) is success.
 *  - Out-parameters come first; `*out` belongs to the caller and is released with the matching
 *    *_free function, which accepts NULL. Never release library memory with free().
 *  - Strings returned by accessors are borrowed from the handle they came from, are UTF-8 and
 *    NUL-terminated, and stay valid until that handle is freed.
 *  - Errors: a failing call on a handle stores a message on that handle (factlint_rules_errmsg,
 *    factlint_checker_errmsg); factlint_strerror names every status. No C++ exception ever
 *    crosses this boundary; out of memory is FACTLINT_ENOMEM.
 *
 * Threads
 *  - A factlint_rules is immutable once created and may be shared by any number of threads.
 *  - A factlint_checker holds per-thread state: use each one from one thread at a time.
 *  - A factlint_report may be read from any thread, one at a time. It borrows rule ids from the
 *    factlint_rules it was checked with: free reports before their rules.
 */
#ifndef FACTLINT_FACTLINT_H
#define FACTLINT_FACTLINT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define FACTLINT_API __attribute__((visibility("default")))
#else
#define FACTLINT_API
#endif

/* Bumped only when this ABI changes incompatibly; it is the shared library's SONAME version. */
#define FACTLINT_ABI_VERSION_MAJOR 1

typedef enum factlint_status {
  FACTLINT_OK = 0,
  FACTLINT_EINVAL = 1,   /* a NULL handle or pointer, a bad option, an index out of range */
  FACTLINT_ENOMEM = 2,   /* out of memory */
  FACTLINT_ERULES = 3,   /* a rule pack is invalid: see factlint_rules_errmsg */
  FACTLINT_EINPUT = 4,   /* the page cannot be checked (invalid UTF-8, binary, too large) */
  FACTLINT_EIO = 5,      /* a pack file or folder cannot be read */
  FACTLINT_EVERSION = 6, /* an options struct of an unknown version */
  FACTLINT_EINTERNAL = 7 /* a bug: please report it */
} factlint_status;

typedef enum factlint_format {
  FACTLINT_FORMAT_AUTO = 0, /* from the path's extension, else from the content */
  FACTLINT_FORMAT_MARKDOWN = 1,
  FACTLINT_FORMAT_HTML = 2
} factlint_format;

typedef enum factlint_severity {
  FACTLINT_SEVERITY_INFO = 0,
  FACTLINT_SEVERITY_WARNING = 1,
  FACTLINT_SEVERITY_ERROR = 2
} factlint_severity;

typedef struct factlint_rules factlint_rules;     /* compiled rule packs: immutable, shared */
typedef struct factlint_checker factlint_checker; /* per-thread checking state */
typedef struct factlint_report factlint_report;   /* the result of one check */

/* The library's release ("0.1.0") and ABI version. Static strings; never freed. */
FACTLINT_API const char *factlint_version(void);
FACTLINT_API int factlint_abi_version(void);
/* A static description of a status code. */
FACTLINT_API const char *factlint_strerror(int status);

/* ---- Rules ---------------------------------------------------------------------------- */

#define FACTLINT_RULES_OPTIONS_VERSION 1
typedef struct factlint_rules_options {
  unsigned int version;            /* FACTLINT_RULES_OPTIONS_VERSION */
  int no_defaults;                 /* non-zero: do not load the embedded default packs */
  const char *const *pack_paths;   /* pack files or folders, loaded after the defaults, in order */
  size_t pack_count;
  const char *pack_text;           /* optional: one more pack given as TOML text (may be NULL) */
  size_t pack_text_len;
} factlint_rules_options;
#define FACTLINT_RULES_OPTIONS_INIT {FACTLINT_RULES_OPTIONS_VERSION, 0, NULL, 0, NULL, 0}
/* Fills *opts with defaults for the given version (for callers that cannot use the macro). */
FACTLINT_API int factlint_rules_options_init(factlint_rules_options *opts, unsigned int version);

/* Loads and compiles rule packs. On FACTLINT_ERULES or FACTLINT_EIO, *out is still set (unless
 * it is NULL or memory ran out) so the caller can read factlint_rules_errmsg, then must free it.
 * opts may be NULL for the defaults only. */
FACTLINT_API int factlint_rules_new(factlint_rules **out, const factlint_rules_options *opts);
/* The last error on this handle ("file:line:column: what is wrong"), or "" if none. Borrowed. */
FACTLINT_API const char *factlint_rules_errmsg(const factlint_rules *rules);
/* Number of enabled rules. */
FACTLINT_API size_t factlint_rules_count(const factlint_rules *rules);
FACTLINT_API void factlint_rules_free(factlint_rules *rules);

/* ---- Checking ------------------------------------------------------------------------- */

/* Creates per-thread state for checking against `rules`, which must outlive the checker. */
FACTLINT_API int factlint_checker_new(factlint_checker **out, const factlint_rules *rules);
FACTLINT_API const char *factlint_checker_errmsg(const factlint_checker *checker);
FACTLINT_API void factlint_checker_free(factlint_checker *checker);

/* Version 2 appended max_findings. A version 1 struct is still accepted everywhere: the library
 * reads only its fields, and the fields it lacks take their defaults. */
#define FACTLINT_CHECK_OPTIONS_VERSION 2
typedef struct factlint_check_options {
  unsigned int version;  /* FACTLINT_CHECK_OPTIONS_VERSION */
  int format;            /* factlint_format */
  const char *path;      /* optional: used to guess the format and echoed in JSON (may be NULL) */
  int annotate;          /* non-zero: produce the annotated page */
  int min_severity;      /* factlint_severity: findings below it are dropped */
  size_t max_input;      /* refuse larger inputs; 0 means the default (256 MiB) */
  /* Since version 2: keep (and mark) at most this many findings, the first ones in the page, and
   * count the rest (factlint_report_truncated); 0 means the default (10000, as the CLI's
   * --max-findings-per-page), FACTLINT_NO_LIMIT keeps every finding. */
  size_t max_findings;
} factlint_check_options;
#define FACTLINT_NO_LIMIT ((size_t)-1)
#define FACTLINT_CHECK_OPTIONS_INIT {FACTLINT_CHECK_OPTIONS_VERSION, FACTLINT_FORMAT_AUTO, NULL, 1, 0, 0, 0}
/* Fills *opts with the defaults of `version` (1 or 2), writing only that version's fields. */
FACTLINT_API int factlint_check_options_init(factlint_check_options *opts, unsigned int version);

/* Checks one page given as pointer and length (need not be NUL-terminated). On success *out is
 * a new report. On FACTLINT_EINPUT the reason is in factlint_checker_errmsg and *out is NULL.
 * opts may be NULL for the defaults. */
FACTLINT_API int factlint_check(factlint_checker *checker, const char *input, size_t len,
                                const factlint_check_options *opts, factlint_report **out);
FACTLINT_API void factlint_report_free(factlint_report *report);

/* ---- Reading a report ----------------------------------------------------------------- */

typedef struct factlint_finding {
  const char *rule;      /* "figure.unattributed" */
  const char *category;  /* "unattributed-figure", "suspect-quote" or "absolute-claim" */
  int severity;          /* factlint_severity */
  const char *message;
  const char *text;      /* the input bytes [start, end) */
  size_t text_len;
  size_t start, end;     /* byte offsets into the input, end exclusive */
  size_t line, column;   /* 1-based; column counts Unicode characters */
} factlint_finding;

FACTLINT_API size_t factlint_report_count(const factlint_report *report);
/* Fills *out with finding `index`; its strings are borrowed from the report. */
FACTLINT_API int factlint_report_finding(const factlint_report *report, size_t index, factlint_finding *out);
/* How many findings max_findings cut from this report (0 if none): the report holds the first
 * max_findings, and only they are marked in the annotated page. */
FACTLINT_API size_t factlint_report_truncated(const factlint_report *report);
/* The annotated page (borrowed; empty unless options.annotate was set). */
FACTLINT_API int factlint_report_annotated(const factlint_report *report, const char **out, size_t *len);
/* The report as JSON, in the CLI's format with one file (borrowed, built on first call). */
FACTLINT_API int factlint_report_json(factlint_report *report, const char **out, size_t *len);
/* "markdown" or "html": the format the page was read as. */
FACTLINT_API const char *factlint_report_format(const factlint_report *report);

#ifdef __cplusplus
}
#endif

#endif /* FACTLINT_FACTLINT_H */
