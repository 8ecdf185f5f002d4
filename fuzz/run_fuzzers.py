#!/usr/bin/env python3
"""Builds the libFuzzer targets (build-fuzz/, clang, FACTLINT_FUZZ=ON) and runs each one.

  fuzz/run_fuzzers.py --seconds 300              `make fuzz`: corpus kept in build-fuzz/corpus/
  fuzz/run_fuzzers.py --seconds 20 --scratch     tests/fuzz_smoke_test.py: a copy of the seeds

Each target runs for --seconds on its seed corpus (fixtures/articles, fixtures/pages, fixtures/bad
for pages; rules/*.toml and the bad packs for TOML), then every file in fixtures/fuzz-regressions/
runs once through every target. Any crash, leak, timeout or invariant failure fails the run;
what libFuzzer saved is listed. Files in fixtures/fuzz-regressions/open/ are known, not yet
fixed bugs: they run too, but only their passing is reported (move them up a folder once fixed).
Exits 0 only when everything passed; prints "N passed, M failed".
"""
import argparse
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent
TARGETS = ["html", "markdown", "toml", "capi"]
REGRESSIONS = SRC / "fixtures" / "fuzz-regressions"


def page_seeds(suffixes):
    out = []
    for d in ("fixtures/articles", "fixtures/pages", "fixtures/bad"):
        out += sorted(p for p in (SRC / d).glob("*") if p.is_file() and p.suffix in suffixes)
    return out


def seed_corpus(target, dest: Path):
    """Writes the seeds of `target` into dest (existing files are kept)."""
    dest.mkdir(parents=True, exist_ok=True)
    if target == "html":
        seeds = [(p.name, p.read_bytes()) for p in page_seeds({".html"})]
    elif target == "markdown":
        seeds = [(p.name, p.read_bytes()) for p in page_seeds({".md"})]
    elif target == "toml":
        seeds = [(p.name, p.read_bytes()) for p in sorted((SRC / "rules").glob("*.toml"))]
        seeds += [(p.name, p.read_bytes()) for p in sorted((SRC / "fixtures/bad").glob("*.toml"))]
    else:  # capi: the first byte picks the format (odd: HTML, even: Markdown)
        seeds = [("h_" + p.name, b"\x01" + p.read_bytes()) for p in page_seeds({".html"})]
        seeds += [("m_" + p.name, b"\x02" + p.read_bytes()) for p in page_seeds({".md"})]
    for name, data in seeds:
        (dest / name).write_bytes(data)


def fuzz_env():
    env = dict(os.environ)
    # Inherited sanitizer settings (a log_path from `make test-sanitize`, say) would hide reports.
    env["ASAN_OPTIONS"] = "detect_leaks=1:abort_on_error=0:symbolize=1"
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    env.pop("LD_PRELOAD", None)
    return env


def toolchain_problem():
    cxx = shutil.which("clang++")
    if not cxx:
        return "clang++ is not installed (Debian: apt-get install clang libclang-rt-14-dev)"
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "t.cpp"
        src.write_text('#include <cstddef>\n#include <cstdint>\n'
                       'extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }\n')
        r = subprocess.run([cxx, "-fsanitize=fuzzer,address,undefined", str(src), "-o", str(Path(d) / "t")],
                           capture_output=True, text=True)
        if r.returncode != 0:
            return ("clang++ cannot link -fsanitize=fuzzer,address,undefined: the libFuzzer runtime is missing "
                    "(Debian: apt-get install libclang-rt-14-dev)\n" + r.stderr[-2000:])
    return None


def build(build_dir: Path):
    build_dir.mkdir(parents=True, exist_ok=True)
    # Two `make test` runs at once must not build the same tree at the same time.
    with open(build_dir / ".fuzz-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (build_dir / "CMakeCache.txt").exists():
            subprocess.run(["cmake", "-S", str(SRC), "-B", str(build_dir), "-G", "Ninja",
                            "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DCMAKE_C_COMPILER=clang",
                            "-DCMAKE_CXX_COMPILER=clang++", "-DFACTLINT_FUZZ=ON", "-DFACTLINT_BUILD_TESTS=OFF"],
                           check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "factlint_fuzz", "-j", str(os.cpu_count() or 2)],
                       check=True)


def run(cmd, log: Path, timeout):
    with open(log, "wb") as out:
        try:
            return subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, env=fuzz_env(), timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            out.write(b"\n*** run_fuzzers.py: killed after %d s\n" % timeout)
            return -1


def tail(path: Path, n=60):
    lines = path.read_text(errors="replace").splitlines()
    return "\n".join(lines[-n:])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=str(SRC / "build-fuzz"))
    ap.add_argument("--seconds", type=int, default=300, help="per target")
    ap.add_argument("--timeout", type=int, default=10, help="per input, seconds")
    ap.add_argument("--rss-limit-mb", type=int, default=2048)
    ap.add_argument("--scratch", action="store_true", help="fuzz a temporary copy of the seeds (default: "
                    "BUILD/corpus/TARGET, kept between runs; findings in BUILD/artifacts/)")
    ap.add_argument("--targets", default=",".join(TARGETS))
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    targets = [t for t in args.targets.split(",") if t]

    problem = toolchain_problem()
    if problem:
        print("FAIL: " + problem)
        print("0 passed, 1 failed")
        return 1
    build_dir = Path(args.build_dir).resolve()
    if not args.no_build:
        build(build_dir)
    binaries = {t: build_dir / "bin" / f"fuzz_{t}" for t in targets}
    for t, b in binaries.items():
        if not b.exists():
            print(f"FAIL: {b} was not built")
            print("0 passed, 1 failed")
            return 1

    passed, failed, open_still = 0, [], []
    with tempfile.TemporaryDirectory(prefix="factlint-fuzz-") as tmp:
        tmp = Path(tmp)
        if args.scratch:
            artifacts = tmp / "artifacts"
        else:
            artifacts = build_dir / "artifacts"
        artifacts.mkdir(parents=True, exist_ok=True)
        common = [f"-timeout={args.timeout}", f"-rss_limit_mb={args.rss_limit_mb}"]

        # 1. Each target for --seconds on its corpus.
        for t in targets:
            corpus = (tmp if args.scratch else build_dir) / "corpus" / t
            seed_corpus(t, corpus)
            prefix = artifacts / f"{t}-"
            before = set(artifacts.iterdir())
            log = tmp / f"{t}.log"
            dictionary = [f"-dict={SRC / 'fuzz' / 'pages.dict'}"] if t != "toml" else []
            rc = run([str(binaries[t]), f"-max_total_time={args.seconds}", "-print_final_stats=1", *dictionary,
                      f"-artifact_prefix={prefix}", *common, str(corpus)], log, args.seconds + 120)
            new = sorted(set(artifacts.iterdir()) - before)
            stats = [l for l in log.read_text(errors="replace").splitlines() if l.startswith(("Done ", "stat::number_of_executed_units"))]
            if rc == 0 and not new:
                passed += 1
                print(f"PASS fuzz_{t}: {args.seconds} s, {stats[-1] if stats else ''}")
            else:
                failed.append(f"fuzz_{t}")
                print(f"FAIL fuzz_{t}: exit status {rc}; saved inputs: {[str(p) for p in new]}\n{tail(log)}")
                if args.scratch:  # keep the input past the temporary folder
                    keep = Path(args.build_dir) / "artifacts"
                    keep.mkdir(parents=True, exist_ok=True)
                    for p in new:
                        shutil.copy(p, keep / p.name)
                        print(f"  copied to {keep / p.name}")

        # 2. Every regression input once through every target.
        for sub, is_open in ((REGRESSIONS, False), (REGRESSIONS / "open", True)):
            files = sorted(p for p in sub.glob("*") if p.is_file() and not p.name.startswith("README")) \
                if sub.is_dir() else []
            for f in files:
                still = []
                for t in targets:
                    log = tmp / f"reg-{t}-{f.name}.log"
                    rc = run([str(binaries[t]), *common, f"-artifact_prefix={tmp}/reg-", str(f)], log, args.timeout * 3 + 60)
                    name = f"fuzz_{t} < {f.relative_to(SRC)}"
                    if rc == 0:
                        passed += 1
                    elif is_open:
                        still.append(name)
                    else:
                        failed.append(name)
                        print(f"FAIL {name}: exit status {rc}\n{tail(log)}")
                if is_open and not still:
                    print(f"NOTE {f.relative_to(SRC)} passes every target now: move it out of open/")
                open_still += still
            if files:
                print(f"regression inputs{' (open)' if is_open else ''}: {len(files)} file(s) x {len(targets)} target(s)")

    if open_still:
        print(f"known open bugs (fixtures/fuzz-regressions/open/, not counted): {len(open_still)} run(s) still fail")
    print(f"{passed} passed, {len(failed)} failed")
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
