#!/usr/bin/env bash
# factlint beside its peers, one thread each, on one generated corpus, in one run: prints one
# table (bytes, seconds, MB/s, pages/s, peak RSS, factlint's speed over each tool's) and the
# performance targets with PASS/MISS. See bench/README.md.
#
# Settings (environment):
#   BENCH_PAGES=60 BENCH_SIZE_KB=100     corpus: pages and size of each (about 6 MB)
#   BENCH_FORMAT=html BENCH_STYLE=mixed  gen_pages.py --format / --style
#   BENCH_SEED=1 BENCH_DENSE=0           gen_pages.py --seed / --dense (1)
#   BENCH_RUNS=3                         factlint and ripgrep: best of this many interleaved rounds
#   BENCH_PEER_PAGES=10                  the npm peers check only the first N pages (0: all)
#   BENCH_SITE_PAGES=600                 factlint site also runs on a site of this many pages (0: not)
#   BENCH_PEERS="write-good textlint alex"   which npm peers to run ("" for none)
#   BENCH_PREFIX=/tmp/factlint-bench-peers   npm install --prefix for the peers
#   BENCH_WORK=/tmp/factlint-bench       corpus, outputs and results.md
#   BENCH_PIN=1 BENCH_CPU=0              single-thread runs pinned to one CPU with taskset
#   FACTLINT_BIN=build/bin/factlint      the binary (built with `make build` if missing)
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PAGES=${BENCH_PAGES:-60}
SIZE_KB=${BENCH_SIZE_KB:-100}
FORMAT=${BENCH_FORMAT:-html}
STYLE=${BENCH_STYLE:-mixed}
SEED=${BENCH_SEED:-1}
DENSE=${BENCH_DENSE:-0}
RUNS=${BENCH_RUNS:-3}
PEER_PAGES=${BENCH_PEER_PAGES:-10}
SITE_PAGES_N=${BENCH_SITE_PAGES:-600}
PEERS=${BENCH_PEERS-write-good textlint alex}
PREFIX=${BENCH_PREFIX:-/tmp/factlint-bench-peers}
WORK=${BENCH_WORK:-/tmp/factlint-bench}
PIN=${BENCH_PIN:-1}
CPU=${BENCH_CPU:-0}
BIN=${FACTLINT_BIN:-$ROOT/build/bin/factlint}

# The peers, pinned: the table names these versions.
NPM_PINS=(write-good@1.0.8 textlint@15.8.0 textlint-rule-write-good@2.0.0 textlint-plugin-html@1.0.1 alex@11.0.1)

die() { echo "compare.sh: $*" >&2; exit 1; }
note() { echo "compare.sh: $*" >&2; }

# --- tools ---------------------------------------------------------------------------------------
missing=()
[ -x /usr/bin/time ] || missing+=(time)
command -v rg >/dev/null || missing+=(ripgrep)
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    note "installing ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})"
  fi
fi
if [ ! -x "$BIN" ]; then
  note "building factlint (make build)"
  make -C "$ROOT" build >&2
fi
[ -x "$BIN" ] || die "no factlint binary at $BIN"

if [ -n "$PEERS" ]; then
  command -v npm >/dev/null || die "npm is missing (Node.js 20 with npm); or run with BENCH_PEERS=''"
  stale=0
  for pin in "${NPM_PINS[@]}"; do
    pkg=${pin%@*} want=${pin##*@}
    have=$(node -p "require('$PREFIX/node_modules/$pkg/package.json').version" 2>/dev/null || true)
    [ "$have" = "$want" ] || stale=1
  done
  if ((stale)); then
    note "installing ${NPM_PINS[*]} into $PREFIX"
    mkdir -p "$PREFIX"
    npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error --save-exact "${NPM_PINS[@]}" >&2
  fi
fi
NPMBIN=$PREFIX/node_modules/.bin

PIN_CMD=()
if [ "$PIN" = 1 ] && command -v taskset >/dev/null; then PIN_CMD=(taskset -c "$CPU"); fi

# --- corpus --------------------------------------------------------------------------------------
mkdir -p "$WORK"
CORPUS=$WORK/corpus
SITE=$WORK/site
ARCHIVE=$WORK/archive
OUT=$WORK/out
rm -rf "$CORPUS" "$SITE" "$ARCHIVE" "$OUT"
mkdir -p "$OUT"
gen_style=(--size-kb "$SIZE_KB" --format "$FORMAT" --style "$STYLE" --seed "$SEED")
[ "$DENSE" = 1 ] && gen_style+=(--dense)
gen_args=(--out "$CORPUS" --pages "$PAGES" "${gen_style[@]}")
python3 "$ROOT/bench/gen_pages.py" "${gen_args[@]}" 2>/dev/null
cp -r "$CORPUS" "$SITE"   # factlint site gets its own copy (with --report-only it touches nothing)
# A site the size of a small news archive, for the scaling target: on 60 pages the ~20 ms of
# start-up and pack loading, which no second thread can share, are a fifth of the run. Page i of
# the generator does not depend on the page count, so its first pages are the corpus's.
if ((SITE_PAGES_N > 0)); then
  python3 "$ROOT/bench/gen_pages.py" --out "$ARCHIVE" --pages "$SITE_PAGES_N" "${gen_style[@]}" 2>/dev/null
fi
python3 "$ROOT/bench/phrases.py" --stats >"$WORK/phrases.txt" 2>"$WORK/phrases.stats"

mapfile -t ALL < <(find "$CORPUS" -maxdepth 1 -type f \( -name '*.html' -o -name '*.md' \) | sort)
((${#ALL[@]} == PAGES)) || die "expected $PAGES pages in $CORPUS, found ${#ALL[@]}"
SUB=("${ALL[@]}")
if ((PEER_PAGES > 0 && PEER_PAGES < PAGES)); then SUB=("${ALL[@]:0:PEER_PAGES}"); fi
SUB_HTML=() SUB_MD=()
for f in "${SUB[@]}"; do if [[ $f == *.md ]]; then SUB_MD+=("$f"); else SUB_HTML+=("$f"); fi; done
bytes_of() { if (($#)); then cat "$@" | wc -c; else echo 0; fi; }
ALL_BYTES=$(bytes_of "${ALL[@]}")
SUB_BYTES=$(bytes_of "${SUB[@]}")
mapfile -t SITE_PAGES < <(find "$SITE" -type f \( -name '*.html' -o -name '*.htm' \) | sort)
SITE_BYTES=$(bytes_of "${SITE_PAGES[@]}")
ARCHIVE_PAGES=() ARCHIVE_BYTES=0
if ((SITE_PAGES_N > 0)); then
  mapfile -t ARCHIVE_PAGES < <(find "$ARCHIVE" -type f \( -name '*.html' -o -name '*.htm' \) | sort)
  ARCHIVE_BYTES=$(bytes_of "${ARCHIVE_PAGES[@]}")
fi

# --- measuring -----------------------------------------------------------------------------------
# run_once OUTFILE CMD...: runs CMD under /usr/bin/time (stdout to OUTFILE, stderr to OUTFILE.err);
# sets RC, SECS (wall time, measured around it with the shell's microsecond clock), CPU (user +
# system seconds) and RSS_KB.
run_once() {
  local out=$1; shift
  local t0 t1
  t0=$EPOCHREALTIME
  RC=0
  /usr/bin/time -f '%e %M %U %S' -o "$out.time" "$@" >"$out" 2>"$out.err" || RC=$?
  t1=$EPOCHREALTIME
  if grep -q 'terminated by signal' "$out.time"; then
    die "$1 was killed: $(head -1 "$out.time"); see $out.err"
  fi
  SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
  RSS_KB=$(tail -1 "$out.time" | awk '{ print $2 }')
  CPU=$(tail -1 "$out.time" | awk '{ printf "%.2f", $3 + $4 }')
}

RESULTS=$WORK/results.tsv
: >"$RESULTS"
NOTES=()
# record ROW-NAME BYTES PAGES: a row with the last measurement's SECS, CPU and RSS_KB
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$SECS" "$CPU" "$RSS_KB" >>"$RESULTS"; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# factlint check (one thread), factlint site (1 and 2 threads, the corpus and the larger site)
# and ripgrep run in rounds: each round runs every command once, in turn, and each keeps its
# fastest run. This machine's speed drifts by up to half within a minute; interleaved, every
# command meets the same fast and slow moments, so the ratios between rows compare like with like
# (run one command's N runs after another's, a slow minute could fall on one of them only).
declare -A BEST_SECS=() BEST_CPU=() BEST_RSS=()
timed() { # KEY OUTFILE CMD...: one run; keeps KEY's fastest
  local key=$1 out=$2; shift 2
  run_once "$out" "$@"
  ((RC == 0)) || die "$* exited with status $RC: $(tail -3 "$out.err")"
  if [ -z "${BEST_SECS[$key]:-}" ] || awk -v a="$SECS" -v b="${BEST_SECS[$key]}" 'BEGIN { exit !(a < b) }'; then
    BEST_SECS[$key]=$SECS BEST_CPU[$key]=$CPU BEST_RSS[$key]=$RSS_KB
  fi
}
record_best() { # KEY ROW-NAME BYTES PAGES
  SECS=${BEST_SECS[$1]} CPU=${BEST_CPU[$1]} RSS_KB=${BEST_RSS[$1]}
  record "$2" "$3" "$4"
}
for ((round = 0; round < RUNS; round++)); do
  timed check "$OUT/factlint.json" "${PIN_CMD[@]}" "$BIN" check --format json --fail-on never --no-config "$CORPUS"
  for jobs in 1 2; do
    timed "site$jobs" "$OUT/site$jobs.txt" "$BIN" site --report-only --fail-on never --jobs "$jobs" "$SITE"
  done
  if ((SITE_PAGES_N > 0)); then
    for jobs in 1 2; do
      timed "archive$jobs" "$OUT/archive$jobs.txt" "$BIN" site --report-only --fail-on never --jobs "$jobs" "$ARCHIVE"
    done
  fi
  # ripgrep: the absolute-claim phrases as fixed strings, whole words, any case, one thread. Its
  # matches go to a file: the search must find and print every matching line.
  timed rg "$OUT/rg.txt" "${PIN_CMD[@]}" rg -F -i -w -f "$WORK/phrases.txt" -j1 "$CORPUS"
done

record_best check "factlint check" "$ALL_BYTES" "$PAGES"
# The timed runs above write to a file rather than /dev/null only to be checked here.
read -r nfind nerr < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(sum(len(f.get("findings", [])) for f in r["files"]), sum(1 for f in r["files"] if "error" in f))' "$OUT/factlint.json")
((nerr == 0)) || die "factlint could not check $nerr files (see $OUT/factlint.json)"
((nfind > 0)) || die "factlint reported no findings on the corpus"
NOTES+=("factlint check: $nfind findings in $PAGES pages")
for jobs in 1 2; do record_best "site$jobs" "factlint site --jobs $jobs" "$SITE_BYTES" "${#SITE_PAGES[@]}"; done
NOTES+=("factlint site: $(grep -m1 -o 'factlint: .*' "$OUT/site2.txt.err" || echo 'no summary line')")
if ((SITE_PAGES_N > 0)); then
  for jobs in 1 2; do
    record_best "archive$jobs" "factlint site --jobs $jobs, ${#ARCHIVE_PAGES[@]} pages" "$ARCHIVE_BYTES" "${#ARCHIVE_PAGES[@]}"
  done
  NOTES+=("factlint site, ${#ARCHIVE_PAGES[@]} pages: $(grep -m1 -o 'factlint: .*' "$OUT/archive2.txt.err" || echo 'no summary line')")
fi
record_best rg "ripgrep -F -i -w (phrases)" "$ALL_BYTES" "$PAGES"
NOTES+=("ripgrep: $(wc -l <"$WORK/phrases.txt") phrases ($(cat "$WORK/phrases.stats")), $(wc -l <"$OUT/rg.txt") matching lines")

# The npm peers, once each, on the first BENCH_PEER_PAGES pages. Lint tools exit non-zero when
# they report something; what counts as a crash is a signal, an exit status the tool reserves for
# fatal errors, a stack trace, or no report at all.
crashed() { grep -qE '^\s+at .+:[0-9]+:[0-9]+\)?$|^(Type|Reference|Range|Syntax)?Error: ' "$1"; }
peer_row() { # NAME COUNT ...: record a peer's row and its note
  local name=$1 count=$2 what=$3
  ((count > 0)) || die "$name reported nothing on ${#SUB[@]} pages; see $OUT"
  record "$name" "$SUB_BYTES" "${#SUB[@]}"
  NOTES+=("$name: $count $what on ${#SUB[@]} pages")
}
for peer in $PEERS; do
  case $peer in
    write-good)
      # Exits with the number of suggestions (modulo 256), so the status says nothing; reads every
      # file as plain text, markup included.
      run_once "$OUT/write-good.txt" "${PIN_CMD[@]}" "$NPMBIN/write-good" "${SUB[@]}"
      ! crashed "$OUT/write-good.txt.err" || die "write-good crashed: $(head -5 "$OUT/write-good.txt.err")"
      peer_row "write-good $(node -p "require('$PREFIX/node_modules/write-good/package.json').version")" \
        "$(grep -cE ' on line [0-9]+ at column [0-9]+' "$OUT/write-good.txt" || true)" "suggestions"
      ;;
    textlint)
      # Without textlint-plugin-html, textlint skips .html files silently (exit 0, no output).
      run_once "$OUT/textlint.txt" "${PIN_CMD[@]}" "$NPMBIN/textlint" --no-textlintrc \
        --rules-base-directory "$PREFIX/node_modules" --plugin html --rule write-good -f compact --no-color "${SUB[@]}"
      ((RC <= 1)) || die "textlint exited with status $RC: $(tail -5 "$OUT/textlint.txt.err")"
      peer_row "textlint $(node -p "require('$PREFIX/node_modules/textlint/package.json').version") (write-good rule, html plugin)" \
        "$(grep -cE ': line [0-9]+, col [0-9]+, ' "$OUT/textlint.txt" || true)" "problems"
      ;;
    alex)
      # alex reads every input as Markdown unless told --html; a mixed corpus takes two runs, added up.
      secs=0 cpu=0 rss=0 count=0
      for group in html md; do
        if [ $group = html ]; then files=("${SUB_HTML[@]}") flag=(--html); else files=("${SUB_MD[@]}") flag=(); fi
        ((${#files[@]})) || continue
        run_once "$OUT/alex-$group.txt" "${PIN_CMD[@]}" "$NPMBIN/alex" "${flag[@]}" "${files[@]}"
        if ((RC > 1)) || crashed "$OUT/alex-$group.txt.err"; then
          die "alex exited with status $RC: $(tail -5 "$OUT/alex-$group.txt.err")"
        fi
        secs=$(awk -v a="$secs" -v b="$SECS" 'BEGIN { printf "%.4f", a + b }')
        cpu=$(awk -v a="$cpu" -v b="$CPU" 'BEGIN { printf "%.2f", a + b }')
        ((RSS_KB > rss)) && rss=$RSS_KB
        count=$((count + $(grep -cE '^\s+[0-9]+:[0-9]+(-[0-9]+:[0-9]+)?\s+(warning|error)' "$OUT/alex-$group.txt.err" || true)))
      done
      SECS=$secs CPU=$cpu RSS_KB=$rss
      peer_row "alex $(node -p "require('$PREFIX/node_modules/alex/package.json').version")" "$count" "warnings"
      ;;
    *) die "unknown peer '$peer' (write-good, textlint, alex)" ;;
  esac
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the table -----------------------------------------------------------------------------------
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! git -C "$ROOT" diff --quiet HEAD -- src include cli rules CMakeLists.txt 2>/dev/null; then
  commit="$commit (with uncommitted changes in src/, include/, cli/, rules/ or CMakeLists.txt)"
fi
BENCH_MACHINE="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), Linux $(uname -r); load average $LOAD_BEFORE before, $LOAD_AFTER after"
BENCH_VERSIONS="$("$BIN" --version) at commit $commit; $(rg --version 2>/dev/null | sed -n 1p); node $(node --version 2>/dev/null || echo none); textlint-rule-write-good $(node -p "require('$PREFIX/node_modules/textlint-rule-write-good/package.json').version" 2>/dev/null || echo -), textlint-plugin-html $(node -p "require('$PREFIX/node_modules/textlint-plugin-html/package.json').version" 2>/dev/null || echo -)"
BENCH_CORPUS="$PAGES pages, $ALL_BYTES bytes (gen_pages.py ${gen_args[*]:2}); peers: first ${#SUB[@]} pages, $SUB_BYTES bytes"
BENCH_SETUP="best of $RUNS interleaved rounds for factlint and ripgrep, one run for each peer; single-thread runs pinned with ${PIN_CMD[*]:-nothing (BENCH_PIN=0)}"
BENCH_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
BENCH_LOAD="${LOAD_BEFORE%% *} ${LOAD_AFTER%% *}" BENCH_NPROC=$(nproc)
NOTES_TEXT=$(printf '%s\n' "${NOTES[@]}")
export BENCH_MACHINE BENCH_VERSIONS BENCH_CORPUS BENCH_SETUP BENCH_DATE BENCH_LOAD BENCH_NPROC NOTES_TEXT
python3 - "$RESULTS" <<'PY' | tee "$WORK/results.md"
import os, sys

rows = []
for line in open(sys.argv[1]):
    name, nbytes, pages, secs, cpu, rss = line.rstrip("\n").split("\t")
    nbytes, pages, secs, cpu, rss = int(nbytes), int(pages), float(secs), float(cpu), int(rss)
    rows.append({"name": name, "bytes": nbytes, "pages": pages, "secs": secs, "cpu": cpu, "rss": rss,
                 "mbs": nbytes / 1e6 / secs, "pps": pages / secs})
ours = next(r["mbs"] for r in rows if r["name"] == "factlint check")

print(f"factlint benchmark, {os.environ['BENCH_DATE']}")
print(f"machine:  {os.environ['BENCH_MACHINE']}")
print(f"versions: {os.environ['BENCH_VERSIONS']}")
print(f"corpus:   {os.environ['BENCH_CORPUS']}")
print(f"setup:    {os.environ['BENCH_SETUP']}")
load, cores = max(map(float, os.environ["BENCH_LOAD"].split())), int(os.environ["BENCH_NPROC"])
if load > 0.5 * cores:
    print(f"WARNING:  the machine was busy (load average {load:.1f} on {cores} cores): other processes share the")
    print("          CPUs, so wall times are inflated and noisy and CPU s is the steadier figure.")
print()
head = ["tool", "bytes", "seconds", "CPU s", "MB/s", "pages/s", "peak RSS MB", "factlint speed ÷ tool speed"]
table = [[r["name"], f"{r['bytes']:,}", f"{r['secs']:.3f}", f"{r['cpu']:.2f}", f"{r['mbs']:.2f}", f"{r['pps']:.1f}",
          f"{r['rss'] / 1024:.1f}", f"{ours / r['mbs']:.2f}×"] for r in rows]
width = [max(len(h), *(len(t[i]) for t in table)) for i, h in enumerate(head)]
def line(cells):
    return "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, width))) + " |"
print(line(head))
print("|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(width)) + "|")
for t in table:
    print(line(t))
print()
print("notes: MB = 10^6 bytes; seconds are wall time, including each tool's start-up, and give MB/s, pages/s and")
print("       the ratios; CPU s is user + system time; peak RSS from /usr/bin/time.")
print("       The npm peers check fewer pages than factlint; their MB/s and pages/s are from the bytes and pages")
print("       they actually checked. factlint check is one thread; factlint site --jobs N uses N threads.")
for n in os.environ["NOTES_TEXT"].splitlines():
    print(f"       {n}")
print()

def target(label, value, ok, shown):
    status = "n/a " if value is None else ("PASS" if ok(value) else "MISS")
    print(f"  {status}  {label}: {shown(value) if value is not None else 'not run'}")

def speed(prefix, exact=False):
    for r in rows:
        if r["name"] == prefix if exact else r["name"].startswith(prefix):
            return r["mbs"]
    return None

print("targets:")
for peer, times in (("write-good", 50), ("textlint", 100), ("alex", 300)):
    s = speed(peer)
    target(f"factlint ≥ {times}× {peer}", None if s is None else ours / s, lambda v, t=times: v >= t, lambda v: f"{v:.0f}×")
rg = speed("ripgrep")
target("factlint within 3× of ripgrep (ripgrep MB/s ÷ factlint MB/s ≤ 3)", rg / ours, lambda v: v <= 3, lambda v: f"{v:.2f}")
target("factlint ≥ 100 MB/s (one thread)", ours, lambda v: v >= 100, lambda v: f"{v:.1f} MB/s")
# The scaling target is judged on the archive-sized site when there is one; the corpus-sized run is
# shown beside it, as its serial start-up weighs far more there.
s1, s2 = speed("factlint site --jobs 1", True), speed("factlint site --jobs 2", True)
big = [r for r in rows if r["name"].startswith("factlint site --jobs 1, ")]
if big:
    label = big[0]["name"].split(", ", 1)[1]
    b1, b2 = big[0]["mbs"], speed("factlint site --jobs 2, " + label, True)
    target(f"factlint site: 2 cores ≥ 1.7× 1 core ({label}; on the {rows[0]['pages']}-page corpus {s2 / s1:.2f}×)",
           b2 / b1, lambda v: v >= 1.7, lambda v: f"{v:.2f}×")
else:
    target("factlint site: 2 cores ≥ 1.7× 1 core", s2 / s1, lambda v: v >= 1.7, lambda v: f"{v:.2f}×")
PY
echo "(results also in $WORK/results.md; outputs in $OUT)" >&2
