#!/usr/bin/env python3
"""Scores every labelled article in fixtures/articles with the project's scorer and holds it to the
targets: recall >= 0.9 in each category, at most 10% of clean spans flagged."""
import glob
import os
import subprocess
import sys

src = os.environ["FACTLINT_SOURCE_DIR"]
shared = os.environ.get("FACTLINT_SHARED_DIR", os.path.join(src, "..", "shared"))
labels = sorted(glob.glob(os.path.join(src, "fixtures", "articles", "*.labels.toml")))
if len(labels) < 12:
    sys.exit(f"expected at least 12 labelled articles, found {len(labels)}")
cmd = [sys.executable, os.path.join(shared, "eval", "score.py"), "--verbose",
       "--min-recall", "0.9", "--max-clean", "0.1",
       "--cmd", os.environ["FACTLINT_BIN"] + " check --format json"] + labels
sys.exit(subprocess.call(cmd))
