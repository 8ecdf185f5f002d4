#!/usr/bin/env python3
"""The scaling and limits targets of factlint, printed as one table.

  rule count   a pack of 10,000 phrase entries (100 rules of 100) costs at most 1.5x a pack of 100
               (one rule) checking the same ~5 MB corpus with no default packs. The checking time
               is measured in one process through the C ABI (factlint_bench_capi --time-pages: the
               pack loaded once and timed apart, then the best of --reps + 2 passes over the
               pages), because loading a 10,000-phrase pack takes longer than checking 5 MB and
               subtracting one noisy process time from another leaves nothing reliable. Also shown:
               the load times, `factlint check --no-default-rules --rules PACK` with the load
               included, and the 10,000 phrases as a single rule;
  linearity    one page of 1x, 2x, 5x, 10x a base size (5, 10, 25, 50 MB): t(10x)/t(1x) <= 11,
               checked in one process (best of --reps; default packs, no annotation, as
               `factlint check --format json`), and one `factlint check` run per size beside it;
  memory       `factlint site --report-only --jobs 2` on 10,000 pages peaks under 100 MB resident;
               one 50 MB page peaks under 6x its size, with `check --format json` and with
               `check --out-dir` (peak RSS as /usr/bin/time -f %M reports it);
  C ABI        factlint_bench_capi's own report: median check of a ~20 KB page <= 0.2 ms, median
               load of the default packs <= 20 ms.

Each time is given as wall clock and as CPU time (user + system of the process, all threads):
checking is single threaded, so on an idle machine the two agree, and when other processes share
the cores the CPU time is the one that still measures factlint. (Loading packs compiles on
several threads, so there CPU time can exceed wall time.) A verdict is given
for both ("PASS", "MISS", or "wall MISS, cpu PASS" when they differ). A target missed prints MISS
and the exit status stays 0 (this is a report; --strict makes any MISS exit 1).

Without factlint_bench_capi (cmake -DFACTLINT_BENCH=ON) the in-process rows are left out, and the
linearity verdict falls back to the `factlint check` runs.

Pages come from bench/gen_pages.py (fixed seeds) and are kept under --work between runs, keyed by
the generator's command line and content hash; without the generator, fixtures/articles are
repeated instead (said in the header). The phrase packs are invented words, deterministic.

    scaling.py [--bin build/bin/factlint] [--capi build/bin/factlint_bench_capi] [--work DIR]
               [--reps 3] [--quick] [--json FILE] [--strict]
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEN = ROOT / "bench" / "gen_pages.py"
FIXTURES = ROOT / "fixtures" / "articles"

CHECK = ["check", "--no-config", "--quiet", "--fail-on", "never"]


# ---- running and timing -------------------------------------------------------------------------

class Run:
    def __init__(self, wall, cpu, rss_kb):
        self.wall, self.cpu, self.rss_kb = wall, cpu, rss_kb


def run_once(cmd, stdout_path=None):
    """Runs cmd under /usr/bin/time -f %M; returns its wall time, CPU time and peak RSS.

    CPU time (user + system) comes from wait4's rusage, which counts microseconds where
    /usr/bin/time prints hundredths; peak RSS is what /usr/bin/time reports (the same ru_maxrss).
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
        try:
            t0 = time.perf_counter()
            p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", tf.name] + [str(c) for c in cmd],
                                 stdout=out, stderr=subprocess.PIPE)
            err = p.stderr.read()
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            p.returncode = os.waitstatus_to_exitcode(status)
            p.stderr.close()
        finally:
            if stdout_path:
                out.close()
        # factlint: 0 clean, 1 findings at --fail-on (never here), 2 usage, rule or input error
        if p.returncode not in (0, 1):
            sys.exit(f"scaling: failed ({p.returncode}): {' '.join(map(str, cmd))}\n{err.decode(errors='replace')}")
        # GNU time puts "Command exited with non-zero status N" before the format line
        rss = int(tf.read().strip().splitlines()[-1])
    return Run(wall, usage.ru_utime + usage.ru_stime, rss)


def best_of(reps, cmd, stdout_path=None):
    """The fastest of `reps` runs (wall and CPU each at its minimum) and the largest peak RSS."""
    runs = [run_once(cmd, stdout_path) for _ in range(reps)]
    return Run(min(r.wall for r in runs), min(r.cpu for r in runs), max(r.rss_kb for r in runs))


def count_findings(json_path):
    with open(json_path, encoding="utf-8") as f:
        report = json.load(f)
    return sum(len(f.get("findings", [])) for f in report["files"])


# ---- inputs ---------------------------------------------------------------------------------------

def file_digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def cached(target, key, make):
    """Builds `target` (a file or folder) with make(target) unless its stamp records the same key."""
    stamp = Path(str(target) + ".stamp")
    if target.exists() and stamp.exists() and stamp.read_text() == key:
        return target
    if target.is_dir():
        shutil.rmtree(target)
    elif target.exists():
        target.unlink()
    stamp.unlink(missing_ok=True)
    print(f"  preparing {target.name} ...", file=sys.stderr, flush=True)
    make(target)
    stamp.write_text(key)
    return target


def gen_args(args):
    return ["python3", str(GEN)] + [str(a) for a in args]


def generate(target, args):
    if GEN.exists():
        cmd = gen_args(args + ["--out", target])
        key = " ".join(map(str, args)) + " gen=" + file_digest(GEN)
        return cached(target, key, lambda t: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                                                            stderr=subprocess.DEVNULL))
    return None


def fixture_pages(exts):
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in exts)


def corpus(work, mb):
    """About `mb` MB of mixed HTML and Markdown pages in a folder."""
    pages = max(1, round(mb * 1024 / 20))
    got = generate(work / f"corpus-{mb:g}mb", ["--pages", pages, "--size-kb", 20, "--format", "mixed",
                                                "--seed", 61])
    if got:
        return got, f"gen_pages.py --pages {pages} --size-kb 20 --format mixed --seed 61"

    def make(t):
        t.mkdir(parents=True)
        src, total, i = fixture_pages({".html", ".md"}), 0, 0
        while total < mb * 1e6:
            p = src[i % len(src)]
            (t / f"{i:05d}-{p.name}").write_bytes(p.read_bytes())
            total += p.stat().st_size
            i += 1
    return cached(work / f"corpus-fixtures-{mb:g}mb", f"fixtures {mb}", make), "fixtures/articles repeated"


def single_page(work, mb):
    """One page of about `mb` MB."""
    got = generate(work / f"page-{mb:g}mb.html", ["--single-mb", mb, "--format", "html", "--seed", 62])
    if got:
        return got

    def make(t):  # the Markdown articles one after another, as one long page
        body = "\n\n".join(p.read_text(encoding="utf-8") for p in fixture_pages({".md"}))
        reps = int(mb * 1e6 / len(body.encode())) + 1
        t.write_text("\n\n".join([body] * reps), encoding="utf-8")
    return cached(work / f"page-fixtures-{mb:g}mb.md", f"fixtures {mb}", make)


def site(work, pages, kb):
    got = generate(work / f"site-{pages}x{kb:g}kb", ["--pages", pages, "--size-kb", kb, "--format", "html",
                                                       "--seed", 63])
    if got:
        return got

    def make(t):
        t.mkdir(parents=True)
        src = fixture_pages({".html"})
        for i in range(pages):
            (t / f"{i:05d}.html").write_bytes(src[i % len(src)].read_bytes())
    return cached(work / f"site-fixtures-{pages}", f"fixtures {pages}", make)


def folder_bytes(path):
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ---- phrase packs ---------------------------------------------------------------------------------

ONSETS = ["b", "br", "d", "dr", "f", "fl", "g", "gl", "k", "kr", "l", "m", "n", "p", "pl", "qu", "r",
          "s", "sk", "st", "t", "tr", "v", "w", "z", "zh"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"]
CODAS = ["", "", "", "n", "r", "l", "x", "nd", "rk", "sp", "th"]


def invented_phrases(n, seed):
    """n distinct phrases of one to three invented words, the same for the same seed."""
    rng = random.Random(f"factlint-bench-pack-{seed}")
    seen, out = set(), []
    while len(out) < n:
        words = []
        for _ in range(rng.choice([1, 2, 2, 3])):
            words.append("".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                                 for _ in range(rng.choice([2, 2, 3]))))
        phrase = " ".join(words)
        if phrase not in seen:
            seen.add(phrase)
            out.append(phrase)
    return out


def write_pack(path, phrases, per_rule):
    """A pack of phrase rules, per_rule phrases each, written the way rules/absolute.toml writes them."""
    lines = [f'[pack]\nname = "bench-{len(phrases)}"\n'
             f'description = "{len(phrases)} invented phrases for bench/scaling.py"\n']
    for r in range(0, len(phrases), per_rule):
        chunk = phrases[r:r + per_rule]
        lines.append("[[rule]]")
        lines.append(f'id = "bench.phrases-{r // per_rule:04d}"')
        lines.append('category = "absolute-claim"\nseverity = "warning"\nkind = "phrases"')
        lines.append('unless = ["hedged", "attributed", "question", "negated"]')
        lines.append('message = "“{text}” is an invented benchmark phrase"')
        lines.append("phrases = [" + ", ".join(json.dumps(p) for p in chunk) + "]\n")
    Path(path).write_text("\n".join(lines), encoding="utf-8")


# ---- the table --------------------------------------------------------------------------------------

ROWS = []


def fmt_time(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def verdict(wall_ok, cpu_ok):
    if wall_ok is None:
        return ""
    if cpu_ok is None or wall_ok == cpu_ok:
        return "PASS" if wall_ok else "MISS"
    return f"wall {'PASS' if wall_ok else 'MISS'}, cpu {'PASS' if cpu_ok else 'MISS'}"


def row(section, measure, wall="", cpu="", target="", result="", **data):
    ROWS.append(dict(section=section, measure=measure, wall=wall, cpu=cpu, target=target, result=result, **data))
    shown = " / ".join(x for x in (wall, cpu) if x)
    print(f"  [{section}] {measure}: {shown} {target} {result}".rstrip(), file=sys.stderr, flush=True)


def print_table():
    heads = ("", "measure", "wall", "cpu", "target", "result")
    keys = ("section", "measure", "wall", "cpu", "target", "result")
    widths = [max(len(h), *(len(str(r[k])) for r in ROWS)) for h, k in zip(heads, keys)]
    def line(cells):
        out = []
        for i, (c, w) in enumerate(zip(cells, widths)):
            out.append(str(c).rjust(w) if i in (2, 3) else str(c).ljust(w))
        return "  ".join(out).rstrip()
    print(line(heads))
    print(line(["-" * w for w in widths]))
    last = None
    for r in ROWS:
        cells = [r[k] for k in keys]
        if r["section"] == last:
            cells[0] = ""
        last = r["section"]
        print(line(cells))


# ---- the measurements -----------------------------------------------------------------------------

def time_pages(args, paths, extra, passes):
    """Checks pages in one process through the C ABI (factlint_bench_capi --time-pages): the pack
    load timed once, then the best of `passes` passes over all pages, start-up and load excluded."""
    cmd = [args.capi, "--time-pages", "--passes", str(passes)] + [str(x) for x in extra + list(paths)]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("time-pages ")]
    if p.returncode != 0 or not lines:
        sys.exit(f"scaling: failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr}")
    kv = dict(field.split("=", 1) for field in lines[-1].split()[1:])
    return {k: float(v) for k, v in kv.items()}


def time_pages_interleaved(args, runs, rounds, passes):
    """time_pages for every (key, paths, extra) of `runs`, round after round, each key keeping its
    fastest load and pass. On a shared machine whose speed changes by half within seconds, runs
    made one after the other would meet different machines; interleaved, they all meet the same."""
    best = {}
    for _ in range(rounds):
        for key, paths, extra in runs:
            r = time_pages(args, paths, extra, passes)
            if key in best:
                for k in ("load_wall_ms", "load_cpu_ms", "best_wall_ms", "best_cpu_ms"):
                    r[k] = min(r[k], best[key][k])
            best[key] = r
    return best


def have_capi(args):
    return bool(args.capi) and Path(args.capi).exists()


def measure_rules(args, work):
    corpus_dir, origin = corpus(work, args.corpus_mb)
    size = folder_bytes(corpus_dir)
    label = f"{size / 1e6:.1f} MB corpus"
    all_phrases = invented_phrases(args.big_pack, seed=1)
    packs = []
    for n, per_rule, name in ((args.small_pack, 100, f"{args.small_pack:,} phrases"),
                              (args.big_pack, 100, f"{args.big_pack:,} phrases"),
                              (args.big_pack, args.big_pack, f"{args.big_pack:,} phrases in one rule")):
        path = work / f"pack-{n}{'-one-rule' if per_rule == n and n > 100 else ''}.toml"
        write_pack(path, all_phrases[:n], per_rule)
        packs.append((name, path, -(-n // per_rule)))
    passes = args.reps + 2  # short runs: two more tries against noise
    # Interleaved (a 100-phrase run in a fast minute and a 10,000-phrase one in a slow minute made
    # the ratio 1.75 once, where interleaved runs give 1.0).
    rounds = {}
    if have_capi(args):
        rounds = time_pages_interleaved(
            args, [(name, [corpus_dir], ["--no-defaults", "--rules", pack]) for name, pack, _ in packs], 3, passes)
    inproc, cli = [], []
    for name, pack, rules in packs:
        if have_capi(args):
            r = rounds[name]
            row("rules", f"load {name} ({rules} rule{'s' if rules > 1 else ''}), C ABI", fmt_time(r["load_wall_ms"] / 1e3),
                fmt_time(r["load_cpu_ms"] / 1e3), load_wall_s=r["load_wall_ms"] / 1e3, load_cpu_s=r["load_cpu_ms"] / 1e3)
            w, c = r["best_wall_ms"] / 1e3, r["best_cpu_ms"] / 1e3
            row("rules", f"{label}, {name}: check, load excluded ({r['findings']:.0f} findings)", fmt_time(w),
                fmt_time(c), "", f"{size / 1e6 / c:.1f} MB/s cpu", wall_s=w, cpu_s=c, findings=r["findings"])
            inproc.append((w, c))
        full = best_of(passes, [args.bin] + CHECK + ["--format", "json", "--no-default-rules", "--rules", pack,
                                                      corpus_dir])
        row("rules", f"{label}, {name}: factlint check, load included", fmt_time(full.wall), fmt_time(full.cpu),
            wall_s=full.wall, cpu_s=full.cpu)
        cli.append((full.wall, full.cpu))
    big, small = f"{args.big_pack:,}", f"{args.small_pack:,}"
    if inproc:
        rw, rc = inproc[1][0] / inproc[0][0], inproc[1][1] / inproc[0][1]
        row("rules", f"ratio {big} / {small} phrases, load excluded", f"{rw:.2f}x", f"{rc:.2f}x", "<= 1.5x",
            verdict(rw <= 1.5, rc <= 1.5), ratio_wall=rw, ratio_cpu=rc)
        rw, rc = inproc[2][0] / inproc[0][0], inproc[2][1] / inproc[0][1]
        row("rules", f"ratio {big} in one rule / {small}, load excluded", f"{rw:.2f}x", f"{rc:.2f}x", "",
            "(for reference)", ratio_wall=rw, ratio_cpu=rc)
    else:
        row("rules", f"ratio {big} / {small} with load excluded not measured: {args.capi} not built")
    rw, rc = cli[1][0] / cli[0][0], cli[1][1] / cli[0][1]
    row("rules", f"ratio {big} / {small} phrases, factlint check, load included", f"{rw:.2f}x", f"{rc:.2f}x", "",
        "(for reference)", ratio_wall=rw, ratio_cpu=rc)
    return origin


def measure_linearity(args, work):
    base = args.sizes[0]
    inproc, cli, last = {}, {}, None
    pages = [(mb, single_page(work, mb)) for mb in args.sizes]
    # Interleaved, as are the factlint check runs below (a 1x page timed in a fast minute and the
    # 10x one in a slow minute gave t(10x)/t(1x) = 15, where the instruction counts grow 1.9x for
    # 2x the bytes). Each run takes the best of a few passes: warmed up.
    best = {}
    if have_capi(args):
        best = time_pages_interleaved(args, [(mb, [page], []) for mb, page in pages], args.reps, args.reps)
    out = work / "linear-out.json"
    runs = {}  # size: (best wall, best CPU, largest peak RSS), findings
    for _ in range(args.reps):
        for mb, page in pages:
            run = run_once([args.bin] + CHECK + ["--format", "json", "--max-findings-per-page", "0", page], out)
            if mb not in runs:
                runs[mb] = (run, count_findings(out))
            else:
                b = runs[mb][0]
                b.wall, b.cpu, b.rss_kb = min(b.wall, run.wall), min(b.cpu, run.cpu), max(b.rss_kb, run.rss_kb)
    for mb, page in pages:
        size = page.stat().st_size
        k = f"{mb / base:g}x"
        if have_capi(args):
            r = best[mb]
            w, c = r["best_wall_ms"] / 1e3, r["best_cpu_ms"] / 1e3
            row("linear", f"one page {size / 1e6:.1f} MB ({k}): check in one process ({r['findings']:.0f} findings)",
                fmt_time(w), fmt_time(c), "", f"{size / 1e6 / c:.1f} MB/s cpu", wall_s=w, cpu_s=c, bytes=size,
                findings=r["findings"])
            inproc[mb] = (w, c)
        run, found = runs[mb]
        row("linear", f"one page {size / 1e6:.1f} MB ({k}): factlint check, start-up included ({found} findings)",
            fmt_time(run.wall), fmt_time(run.cpu), wall_s=run.wall, cpu_s=run.cpu, bytes=size, findings=found)
        cli[mb] = (run.wall, run.cpu)
        last = (page, run)
    top = args.sizes[-1]
    k = top / base
    limit = 1.1 * k
    if inproc:
        rw, rc = inproc[top][0] / inproc[base][0], inproc[top][1] / inproc[base][1]
        row("linear", f"t({k:g}x) / t(1x), check in one process", f"{rw:.2f}", f"{rc:.2f}", f"<= {limit:g}",
            verdict(rw <= limit, rc <= limit), ratio_wall=rw, ratio_cpu=rc)
    rw, rc = cli[top][0] / cli[base][0], cli[top][1] / cli[base][1]
    row("linear", f"t({k:g}x) / t(1x), factlint check, start-up included", f"{rw:.2f}", f"{rc:.2f}",
        f"<= {limit:g}" if not inproc else "", verdict(rw <= limit, rc <= limit) if not inproc else "(for reference)",
        ratio_wall=rw, ratio_cpu=rc)
    return last


def measure_memory(args, work, big_page, big_run):
    site_dir = site(work, args.site_pages, args.site_kb)
    size = folder_bytes(site_dir)
    r = run_once([args.bin, "site", "--report-only", "--jobs", "2", "--quiet", "--fail-on", "never", site_dir])
    mb = r.rss_kb / 1024
    row("memory", f"site --report-only --jobs 2, {args.site_pages:,} pages ({size / 1e6:.0f} MB)",
        fmt_time(r.wall), fmt_time(r.cpu), "< 100 MB", ("PASS" if mb < 100 else "MISS") + f"  peak {mb:.1f} MB",
        rss_mb=mb)
    size = big_page.stat().st_size
    for what, run in (("check --format json", big_run), ("check --out-dir (annotated)", None)):
        if run is None:
            out_dir = work / "annotated"
            shutil.rmtree(out_dir, ignore_errors=True)
            run = run_once([args.bin] + CHECK + ["--max-findings-per-page", "0", "--out-dir", out_dir, big_page])
            shutil.rmtree(out_dir, ignore_errors=True)
        rss = run.rss_kb * 1024
        row("memory", f"one {size / 1e6:.1f} MB page, {what}", fmt_time(run.wall), fmt_time(run.cpu), "< 6x size",
            ("PASS" if rss < 6 * size else "MISS") + f"  peak {rss / 1e6:.1f} MB = {rss / size:.2f}x",
            rss_mb=rss / 1e6, ratio=rss / size)


def measure_capi(args):
    if not args.capi or not Path(args.capi).exists():
        row("C ABI", f"not measured: {args.capi or 'no binary'} not built (cmake -DFACTLINT_BENCH=ON)")
        return
    p = subprocess.run([args.capi], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if p.returncode != 0:
        row("C ABI", f"bench_capi failed (exit {p.returncode})")
        return
    for line in p.stdout.splitlines():
        m = re.search(r"median ([\d.]+) ms\s+cpu ([\d.]+) ms.*target <= ([\d.]+) ms: wall (PASS|MISS), cpu (PASS|MISS)",
                      line)
        if not m:
            continue
        if line.startswith("load"):
            what = "load default packs (median of 30)"
        else:
            f = re.match(r"check (\w+)\s+([\d.]+) KB", line)
            what = f"check a {float(f.group(2)):.1f} KB {f.group(1)} page, annotated (median of 200)"
        w, c = float(m.group(1)) / 1000, float(m.group(2)) / 1000
        row("C ABI", what, fmt_time(w), fmt_time(c), f"<= {float(m.group(3)):g} ms",
            verdict(m.group(4) == "PASS", m.group(5) == "PASS"), wall_s=w, cpu_s=c)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=str(ROOT / "build" / "bin" / "factlint"))
    ap.add_argument("--capi", default=None, help="factlint_bench_capi (default: next to --bin)")
    ap.add_argument("--work", default=None, help="where generated pages are kept (default: BUILD/bench-data)")
    ap.add_argument("--reps", type=int, default=3, help="best of this many runs (default 3)")
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke test, not the targets")
    ap.add_argument("--json", help="also write the rows to this file")
    ap.add_argument("--strict", action="store_true", help="exit 1 when any target is missed")
    args = ap.parse_args()
    args.bin = str(Path(args.bin).resolve())
    if not Path(args.bin).exists():
        sys.exit(f"scaling: {args.bin} not found (make build)")
    if args.capi is None:
        args.capi = str(Path(args.bin).parent / "factlint_bench_capi")
    work = Path(args.work) if args.work else Path(args.bin).parent.parent / "bench-data"
    work.mkdir(parents=True, exist_ok=True)
    if args.quick:
        args.corpus_mb, args.sizes, args.site_pages, args.site_kb = 1, [1, 2, 5, 10], 1000, 20
        args.small_pack, args.big_pack = 100, 2000
    else:
        args.corpus_mb, args.sizes, args.site_pages, args.site_kb = 5, [5, 10, 25, 50], 10000, 20
        args.small_pack, args.big_pack = 100, 10000

    version = subprocess.run([args.bin, "--version"], capture_output=True, text=True).stdout.strip()
    head = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True,
                          text=True).stdout.strip() or "unknown (not a git checkout)"
    load = os.getloadavg()[0]
    t0 = time.time()

    tiny = work / "one-line.md"
    tiny.write_text("The council met on Tuesday.\n", encoding="utf-8")
    startup = best_of(args.reps, [args.bin] + CHECK + ["--format", "json", tiny])

    print("measuring (rows appear as they are measured) ...", file=sys.stderr)
    origin = measure_rules(args, work)
    big_page, big_run = measure_linearity(args, work)
    measure_memory(args, work, big_page, big_run)
    measure_capi(args)

    print(f"factlint scaling and limits: {version}, tree {head}, {os.cpu_count()} cores, "
          f"load average {load:.1f} at start, {os.getloadavg()[0]:.1f} at end")
    print(f"pages: {'bench/gen_pages.py' if GEN.exists() else 'fixtures/articles (bench/gen_pages.py missing)'}"
          f" (corpus: {origin}); best of {args.reps}; start-up {fmt_time(startup.wall)} wall,"
          f" {fmt_time(startup.cpu)} cpu{'; --quick: not the real targets' if args.quick else ''}")
    print()
    print_table()
    print(f"\n{time.time() - t0:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(ROWS, indent=1), encoding="utf-8")
    missed = any("MISS" in r["result"] for r in ROWS)
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
