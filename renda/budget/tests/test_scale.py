"""The budget scale benchmark at a tiny size, so that it cannot rot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_benchmark_runs_at_a_tiny_size():
    """``bench/budget_scale.py`` imports two years of monthly workbooks through the actions,
    serves and measures the four monitoring pages."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "bench/budget_scale.py", "--years", "2", "--lines", "40", "--requests", "3"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert (last["years"], last["execution_rows"], last["imports"]) == (2, 2 * 12 * 40, 26)
    assert len(last["peak_rss_mb_by_year"]) == 2 and last["rows_per_s"] > 0
    for page in ("overview", "department", "class", "deviations"):
        assert last[page]["p95_ms"] >= last[page]["p50_ms"] > 0
        assert 0 < last[page]["queries"] < 25, page
