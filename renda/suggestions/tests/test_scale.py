"""What keeps the lists and the statistics fast at a million suggestions, and the scale benchmark itself."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def test_capped_paginator_counts_up_to_the_cap(make_suggestion):
    from renda.casework.paging import CappedPaginator
    from renda.suggestions.models import Suggestion

    for n in range(3):
        make_suggestion(title=f"关于第{n}号问题的建议")
    qs = Suggestion.objects.order_by("-id")
    capped = CappedPaginator(qs, 1, cap=2)
    assert (capped.count, capped.capped, capped.num_pages) == (2, True, 2)
    exact = CappedPaginator(qs, 1, cap=5)
    assert (exact.count, exact.capped, exact.num_pages) == (3, False, 3)


def test_list_says_more_than_the_cap(client_for, make_suggestion, monkeypatch):
    from renda.casework import paging

    for n in range(3):
        make_suggestion(title=f"关于第{n}号问题的建议")
    client = client_for("staff")
    page = client.get(reverse("suggestions:list")).content.decode()
    assert "共 3 件建议" in page and "超过" not in page
    monkeypatch.setattr(paging, "COUNT_CAP", 2)
    page = client.get(reverse("suggestions:list")).content.decode()
    assert "超过 2 件" in page and "共 3 件" not in page


def test_statistics_follow_every_change(handled, users, django_assert_num_queries):
    """Read from the running tallies: a fixed handful of queries, the change in the next read."""
    from renda.casework import services as cw
    from renda.suggestions import statistics

    today = dt.date(2026, 3, 20)
    s = handled(result="A")
    first = statistics.cached_report(today=today)
    assert (first["totals"].replied, first["totals"].rated) == (1, 0)
    with django_assert_num_queries(5):  # stamp, state, tallies, deadlines, units' names
        assert statistics.cached_report(today=today)["totals"] == first["totals"]
    cw.rating_submit(
        actor=users["deputy"],
        case=s.case,
        value="satisfied",
        now=dt.datetime(2026, 3, 16, 10, tzinfo=dt.UTC),
    )
    with django_assert_num_queries(5):  # tallied with the rating: no recount on this read
        after = statistics.cached_report(today=today)["totals"]
    assert (after.rated, after.satisfied) == (1, 1)
    assert after == statistics.report(today=today)["totals"]


def test_benchmark_runs_at_a_tiny_size():
    """``bench/suggestions_scale.py`` seeds, serves and measures 300 suggestions, so it cannot rot."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    result = subprocess.run(
        [
            sys.executable,
            "bench/suggestions_scale.py",
            *("--cases", "300", "--requests", "3", "--rounds", "2"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    import json

    last = json.loads(result.stdout.strip().splitlines()[-1])
    assert last["cases"] == 300 and last["rss_mb"] > 0
    assert last["rounds"] == 2 and len(last["writes"]) == 2
    assert last["statistics_rebuild_s"] is not None  # seeded around the actions: recounted once
    # The unit queue's plan at the seeded size: every query, every large table through an index.
    assert set(last["queue_plan"]) == {"stamp", "counts", "keys", "rows"}
    assert all(last["queue_plan"].values()) and last["queue_plan_flagged"] == []
    assert last["queue_plan_rows"]["casework_case"] > 0
    assert "unit queue plan (tab=handling; " in result.stdout
    for page in ("queue", "overdue", "search", "statistics", "public"):
        figures = last[page]
        assert figures["p95_ms"] >= figures["p50_ms"] > 0
        assert 0 < figures["queries"] < 20, page
        low, high = figures["p95_spread_ms"]
        assert low <= figures["p95_ms"] <= high
        assert figures["after_write_ms"] > 0 and len(figures["rounds"]) == 2
        for one in figures["rounds"]:
            assert one["p95_ms"] >= one["p50_ms"] > 0 and one["after_write_ms"] > 0, page


def test_benchmark_search_rows_equal_the_segmenter():
    """The benchmark composes ``search_text`` from pre-segmented templates; it must equal ``segment()``."""
    sys.path.insert(0, str(ROOT / "bench"))
    import suggestions_scale as bench

    from renda.core.search import segment

    texts = bench.Texts()
    for i, serial in ((0, 1), (17, 4242), (599, 1_000_000)):
        item = texts.items[i]
        number = bench._number(serial)
        assert texts.suggestion_search(i, number, serial) == segment(
            f"{number} {item.title} {item.content}"
        )
        assert texts.case_search[i] == segment(f"{item.title} {item.content}")
    for _cls, text, search_text in texts.replies[:3]:
        assert search_text == segment(text)


def test_overdue_condition_is_the_partial_index_condition():
    """SQLite uses the partial index of handled cases' deadlines only for this exact, literal condition."""
    from renda.casework import workflow
    from renda.casework.models import Case
    from renda.casework.selectors import HANDLING_SORTED, handling_condition

    index = next(i for i in Case._meta.indexes if i.name == "casework_case_handling_due")
    assert list(HANDLING_SORTED) == index.condition.children[0][1] == sorted(workflow.HANDLING)
    assert all(f"'{s}'" in handling_condition().sql for s in HANDLING_SORTED)
