#!/usr/bin/env python3
"""Fuzz smoke test: builds the libFuzzer targets in build-fuzz/ (clang, FACTLINT_FUZZ=ON) if needed,
runs each for 20 s on a copy of the seed corpus, then every input in fixtures/fuzz-regressions/
once through every target. Fails on any crash, leak, timeout or invariant failure, and if clang
or the libFuzzer runtime is missing. The work is done by fuzz/run_fuzzers.py (`make fuzz` runs it
longer)."""
import os
import subprocess
import sys
from pathlib import Path

src = Path(os.environ.get("FACTLINT_SOURCE_DIR") or Path(__file__).resolve().parent.parent)
sys.exit(subprocess.run([sys.executable, str(src / "fuzz" / "run_fuzzers.py"), "--scratch", "--seconds", "20",
                         "--timeout", "10", "--rss-limit-mb", "2048", "--build-dir", str(src / "build-fuzz")]).returncode)
