/*
 * What a plugin pays, measured through the public header only (include/factlint/factlint.h):
 *  - the median time to check one ~20 KB page (factlint_check with the default options, which
 *    annotate, plus reading the finding count and freeing the report), target <= 0.2 ms;
 *  - the median time to load and compile the default packs (factlint_rules_new), target <= 20 ms.
 *
 * Usage: factlint_bench_capi [--check-reps N] [--load-reps N] [PAGE...]
 *        factlint_bench_capi --time-pages [--no-defaults] [--rules PACK]... [--passes N] [--annotate] PATH...
 * The second form is what bench/scaling.py uses for the rule-count and linearity targets: it loads
 * the packs once (timed), reads every page under PATH (files, or folders searched for .html, .htm,
 * .md, .markdown) into memory, then times N passes checking them all in one process, so neither
 * process start-up nor pack loading is in the checking time. It prints one line of key=value.
 * With no PAGE, bench/gen_pages.py (when present) writes one 20 KB HTML page and one 20 KB
 * Markdown page into a temporary folder; without the generator the largest HTML and Markdown
 * articles in fixtures/articles are used (smaller than 20 KB: the line says so).
 * Medians are given as wall-clock time (what the caller waits) and as the process's CPU time, all
 * threads (what the code costs, unaffected by other processes on a shared machine; pack loading
 * compiles on several threads, so its CPU time can exceed its wall time); a line with a target
 * gives the verdict for both. The exit status is 0 whether targets pass or not (a report, not a test).
 */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE 1 /* getloadavg */

#include <factlint/factlint.h>

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_PAGES 8
#define WARMUP 20

static const double kCheckTargetMs = 0.2;
static const double kLoadTargetMs = 20.0;

/* Wall-clock time is what a plugin waits; the process's CPU time (all threads: loading packs
 * compiles on several) is what the code costs, and stays honest when other processes share the
 * cores. Both are printed, and a verdict is given for both. */
static double clock_ms(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}
static double now_ms(void) { return clock_ms(CLOCK_MONOTONIC); }
static double cpu_ms(void) { return clock_ms(CLOCK_PROCESS_CPUTIME_ID); }

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Sorts v; returns the value at quantile q (0.5: median, averaging the middle pair). */
static double quantile(double *v, size_t n, double q) {
  qsort(v, n, sizeof *v, cmp_double);
  double pos = q * (double)(n - 1);
  size_t lo = (size_t)pos;
  if (lo + 1 >= n) return v[n - 1];
  return v[lo] + (pos - (double)lo) * (v[lo + 1] - v[lo]);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n == cap) {
      cap = cap ? cap * 2 : 1 << 16;
      char *grown = realloc(buf, cap);
      if (!grown) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = grown;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  fclose(f);
  *len = n;
  return buf;
}

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int is_markdown(const char *path) { return ends_with(path, ".md") || ends_with(path, ".markdown"); }

/* The first page file nftw finds under a folder (the generator's layout is its own business). */
static char found_page[4096];
static int is_page(const char *path);
static int find_page_cb(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)ftw;
  if (type == FTW_F && is_page(path)) {
    snprintf(found_page, sizeof found_page, "%s", path);
    return 1;
  }
  return 0;
}

static int remove_cb(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)type;
  (void)ftw;
  return remove(path);
}

/* --time-pages: every page under the given paths, read into memory. */
typedef struct {
  char *path, *data;
  size_t len;
} loaded_page;
static loaded_page *tp_pages;
static size_t tp_count, tp_cap, tp_bytes;
static int tp_failed;

static int is_page(const char *path) {
  return ends_with(path, ".html") || ends_with(path, ".htm") || is_markdown(path);
}

static void add_page(const char *path) {
  if (tp_count == tp_cap) {
    tp_cap = tp_cap ? tp_cap * 2 : 256;
    loaded_page *grown = realloc(tp_pages, tp_cap * sizeof *tp_pages);
    if (!grown) {
      tp_failed = 1;
      return;
    }
    tp_pages = grown;
  }
  loaded_page *p = &tp_pages[tp_count];
  p->data = read_file(path, &p->len);
  p->path = malloc(strlen(path) + 1);
  if (!p->data || !p->path) {
    fprintf(stderr, "bench_capi: cannot read %s\n", path);
    free(p->data);
    free(p->path);
    tp_failed = 1;
    return;
  }
  strcpy(p->path, path);
  tp_bytes += p->len;
  ++tp_count;
}

static int add_page_cb(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)ftw;
  if (type == FTW_F && is_page(path)) add_page(path);
  return tp_failed;
}

static int time_pages(int argc, char **argv) {
  factlint_rules_options ro = FACTLINT_RULES_OPTIONS_INIT;
  const char **packs = calloc((size_t)argc, sizeof *packs);
  int passes = 3, annotate = 0;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--time-pages")) continue;
    if (!strcmp(argv[i], "--no-defaults")) ro.no_defaults = 1;
    else if (!strcmp(argv[i], "--annotate")) annotate = 1;
    else if (!strcmp(argv[i], "--rules") && i + 1 < argc) packs[ro.pack_count++] = argv[++i];
    else if (!strcmp(argv[i], "--passes") && i + 1 < argc) passes = atoi(argv[++i]);
    else if (argv[i][0] == '-') {
      fprintf(stderr, "bench_capi: unknown option %s\n", argv[i]);
      return 2;
    } else {
      struct stat st;
      if (stat(argv[i], &st) != 0) {
        fprintf(stderr, "bench_capi: no such file or folder: %s\n", argv[i]);
        return 2;
      }
      if (S_ISDIR(st.st_mode)) nftw(argv[i], add_page_cb, 16, FTW_PHYS);
      else add_page(argv[i]);
    }
  }
  if (tp_failed || !tp_count || passes < 1) {
    fprintf(stderr, "bench_capi: --time-pages needs at least one readable page and --passes >= 1\n");
    return 2;
  }
  ro.pack_paths = packs;

  factlint_rules *rules = NULL;
  factlint_checker *checker = NULL;
  double t0 = now_ms(), c0 = cpu_ms();
  int s = factlint_rules_new(&rules, &ro);
  double load_wall = now_ms() - t0, load_cpu = cpu_ms() - c0;
  if (s) {
    fprintf(stderr, "bench_capi: rules: %s: %s\n", factlint_strerror(s), rules ? factlint_rules_errmsg(rules) : "");
    factlint_rules_free(rules);
    return 1;
  }
  if (factlint_checker_new(&checker, rules)) return 1;

  factlint_check_options opts = FACTLINT_CHECK_OPTIONS_INIT;
  opts.annotate = annotate;
  double best_wall = 0, best_cpu = 0;
  size_t findings = 0;
  for (int pass = 0; pass < passes; ++pass) {
    size_t found = 0;
    double w0 = now_ms(), k0 = cpu_ms();
    for (size_t i = 0; i < tp_count; ++i) {
      factlint_report *report = NULL;
      opts.path = tp_pages[i].path;
      s = factlint_check(checker, tp_pages[i].data, tp_pages[i].len, &opts, &report);
      if (s) {
        fprintf(stderr, "bench_capi: %s: %s: %s\n", tp_pages[i].path, factlint_strerror(s),
                factlint_checker_errmsg(checker));
        return 1;
      }
      found += factlint_report_count(report);
      factlint_report_free(report);
    }
    double w = now_ms() - w0, k = cpu_ms() - k0;
    if (pass == 0 || w < best_wall) best_wall = w;
    if (pass == 0 || k < best_cpu) best_cpu = k;
    findings = found;
  }
  printf("time-pages files=%zu bytes=%zu rules=%zu load_wall_ms=%.3f load_cpu_ms=%.3f passes=%d annotate=%d "
         "best_wall_ms=%.3f best_cpu_ms=%.3f findings=%zu\n",
         tp_count, tp_bytes, factlint_rules_count(rules), load_wall, load_cpu, passes, annotate, best_wall, best_cpu,
         findings);
  factlint_checker_free(checker);
  factlint_rules_free(rules);
  for (size_t i = 0; i < tp_count; ++i) free(tp_pages[i].data), free(tp_pages[i].path);
  free(tp_pages);
  free(packs);
  return 0;
}

/* Generates one page of the format into dir/<format>; returns a malloc'd path or NULL. */
static char *generate_page(const char *dir, const char *format) {
  char gen[4096], cmd[12288], sub[4200];
  snprintf(gen, sizeof gen, "%s/bench/gen_pages.py", FACTLINT_SOURCE_DIR);
  if (access(gen, R_OK) != 0) return NULL;
  snprintf(sub, sizeof sub, "%s/%s", dir, format);
  snprintf(cmd, sizeof cmd, "python3 '%s' --out '%s' --pages 1 --size-kb 20 --format %s --seed 7 >/dev/null 2>&1", gen,
           sub, format);
  if (system(cmd) != 0) {
    fprintf(stderr, "bench_capi: failed: %s\n", cmd);
    return NULL;
  }
  found_page[0] = 0;
  nftw(sub, find_page_cb, 16, FTW_PHYS);
  if (!found_page[0]) return NULL;
  char *copy = malloc(strlen(found_page) + 1);
  if (copy) strcpy(copy, found_page);
  return copy;
}

/* The largest fixture article of the format (fixtures/articles/NAME.html or .md). */
static char *largest_fixture(int markdown) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/fixtures/articles", FACTLINT_SOURCE_DIR);
  DIR *d = opendir(dir);
  if (!d) return NULL;
  char *best = NULL;
  off_t best_size = -1;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (markdown ? !is_markdown(e->d_name) : !ends_with(e->d_name, ".html")) continue;
    char path[8200];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    struct stat st;
    if (stat(path, &st) == 0 && st.st_size > best_size) {
      free(best);
      best = malloc(strlen(path) + 1);
      if (best) strcpy(best, path);
      best_size = st.st_size;
    }
  }
  closedir(d);
  return best;
}

static void verdict(double wall, double cpu, double target) {
  printf("  target <= %g ms: wall %s, cpu %s\n", target, wall <= target ? "PASS" : "MISS", cpu <= target ? "PASS" : "MISS");
}

/* Times factlint_check on one page: WARMUP untimed runs, then `reps` timed ones. */
static int bench_check(factlint_checker *checker, const char *path, int annotate, int reps, int with_target) {
  size_t len = 0;
  char *page = read_file(path, &len);
  if (!page) {
    fprintf(stderr, "bench_capi: cannot read %s\n", path);
    return 1;
  }
  factlint_check_options opts = FACTLINT_CHECK_OPTIONS_INIT;
  opts.path = path;
  opts.annotate = annotate;
  double *t = malloc(sizeof *t * (size_t)reps), *c = malloc(sizeof *c * (size_t)reps);
  size_t findings = 0;
  int status = 0;
  for (int i = 0; i < WARMUP + reps && !status; ++i) {
    factlint_report *report = NULL;
    double t0 = now_ms(), c0 = cpu_ms();
    status = factlint_check(checker, page, len, &opts, &report);
    if (!status) findings = factlint_report_count(report);
    factlint_report_free(report);
    double t1 = now_ms(), c1 = cpu_ms();
    if (i >= WARMUP) t[i - WARMUP] = t1 - t0, c[i - WARMUP] = c1 - c0;
  }
  if (status) {
    fprintf(stderr, "bench_capi: %s: %s: %s\n", path, factlint_strerror(status), factlint_checker_errmsg(checker));
    free(t);
    free(c);
    free(page);
    return 1;
  }
  double med = quantile(t, (size_t)reps, 0.5), p90 = quantile(t, (size_t)reps, 0.9);
  double cmed = quantile(c, (size_t)reps, 0.5);
  const char *fmt = is_markdown(path) ? "markdown" : "html";
  printf("check %-8s %5.1f KB annotate=%d  reps %d  median %.3f ms  cpu %.3f ms  p90 %.3f ms  min %.3f ms  (%zu findings)",
         fmt, (double)len / 1024.0, annotate, reps, med, cmed, p90, t[0], findings);
  if (with_target) verdict(med, cmed, kCheckTargetMs);
  else printf("  (no target)\n");
  free(t);
  free(c);
  free(page);
  return 0;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i)
    if (!strcmp(argv[i], "--time-pages")) return time_pages(argc, argv);
  int check_reps = 200, load_reps = 30;
  const char *pages[MAX_PAGES];
  int n_pages = 0;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--check-reps") && i + 1 < argc) check_reps = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--load-reps") && i + 1 < argc) load_reps = atoi(argv[++i]);
    else if (argv[i][0] == '-' || n_pages == MAX_PAGES) {
      fprintf(stderr,
              "usage: %s [--check-reps N] [--load-reps N] [PAGE...]\n"
              "       %s --time-pages [--no-defaults] [--rules PACK]... [--passes N] [--annotate] PATH...\n",
              argv[0], argv[0]);
      return 2;
    } else pages[n_pages++] = argv[i];
  }
  if (check_reps < 1 || load_reps < 1) return 2;

  char tmp[] = "/tmp/factlint-bench-capi-XXXXXX";
  int made_tmp = 0;
  char *owned[2] = {NULL, NULL};
  const char *origin = "command line";
  if (n_pages == 0) {
    if (mkdtemp(tmp)) {
      made_tmp = 1;
      owned[0] = generate_page(tmp, "html");
      owned[1] = owned[0] ? generate_page(tmp, "markdown") : NULL;
    }
    if (owned[0] && owned[1]) origin = "bench/gen_pages.py --pages 1 --size-kb 20 --seed 7";
    else {
      free(owned[0]);
      free(owned[1]);
      owned[0] = largest_fixture(0);
      owned[1] = largest_fixture(1);
      origin = "largest fixtures/articles pages (bench/gen_pages.py not available; pages are under 20 KB)";
    }
    for (int k = 0; k < 2; ++k)
      if (owned[k]) pages[n_pages++] = owned[k];
  }

  printf("libfactlint %s (ABI %d); pages from %s\n", factlint_version(), factlint_abi_version(), origin);
  double load[3];
  if (getloadavg(load, 3) == 3 && load[0] > (double)sysconf(_SC_NPROCESSORS_ONLN))
    printf("note: load average %.1f on %ld cores: other processes share the CPU, wall times are inflated\n", load[0],
           sysconf(_SC_NPROCESSORS_ONLN));

  /* Loading the default packs. The first load in the process is reported apart: it also pays for
   * one-time initialisation (page faults, RE2 and allocator warm-up) a long-lived plugin pays once. */
  double *lt = malloc(sizeof *lt * (size_t)load_reps), *lc = malloc(sizeof *lc * (size_t)load_reps);
  double first = 0;
  int rc = 0;
  for (int i = 0; i <= load_reps && !rc; ++i) {
    factlint_rules *r = NULL;
    double t0 = now_ms(), c0 = cpu_ms();
    int s = factlint_rules_new(&r, NULL);
    double t1 = now_ms(), c1 = cpu_ms();
    if (s) {
      fprintf(stderr, "bench_capi: factlint_rules_new: %s: %s\n", factlint_strerror(s), r ? factlint_rules_errmsg(r) : "");
      rc = 1;
    }
    factlint_rules_free(r);
    if (i == 0) first = t1 - t0;
    else lt[i - 1] = t1 - t0, lc[i - 1] = c1 - c0;
  }
  if (!rc) {
    double med = quantile(lt, (size_t)load_reps, 0.5), p90 = quantile(lt, (size_t)load_reps, 0.9);
    double cmed = quantile(lc, (size_t)load_reps, 0.5);
    printf("load default packs  reps %d  median %.2f ms  cpu %.2f ms  p90 %.2f ms  min %.2f ms  (first load %.2f ms)",
           load_reps, med, cmed, p90, lt[0], first);
    verdict(med, cmed, kLoadTargetMs);
  }
  free(lt);
  free(lc);

  factlint_rules *rules = NULL;
  factlint_checker *checker = NULL;
  if (!rc && (factlint_rules_new(&rules, NULL) || factlint_checker_new(&checker, rules))) rc = 1;
  for (int i = 0; i < n_pages && !rc; ++i) {
    rc = bench_check(checker, pages[i], 1, check_reps, 1);
    if (!rc) rc = bench_check(checker, pages[i], 0, check_reps, 0);
  }
  factlint_checker_free(checker);
  factlint_rules_free(rules);

  free(owned[0]);
  free(owned[1]);
  if (made_tmp) nftw(tmp, remove_cb, 16, FTW_DEPTH | FTW_PHYS);
  return rc;
}
