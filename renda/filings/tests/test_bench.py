"""``bench/filings_similarity.py`` seeds, serves and measures a small set, so it cannot rot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_similarity_benchmark_runs_at_a_tiny_size():
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    result = subprocess.run(
        [sys.executable, "bench/filings_similarity.py", "--documents", "200", "--samples", "6"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert last["documents"] == 200 and last["samples"] == 5 and last["database"] == "sqlite"
    assert last["p95_ms"] >= last["p50_ms"] > 0 and last["first_ms"] > 0
    assert last["list_p95_ms"] >= last["list_p50_ms"] > 0
    assert last["list_after_write_p95_ms"] >= last["list_after_write_p50_ms"] > 0
    found, revisions = (int(n) for n in last["found_earlier_versions"].split("/"))
    assert revisions > 0 and found == revisions
