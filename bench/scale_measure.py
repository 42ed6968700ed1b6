"""Measuring the pages of ``bench/suggestions_scale.py`` on a running server.

The measured pages and who requests them, their SQL query counts (through Django's
test client in the benchmark's process), their timings on one keep-alive connection,
the single request after a write, the figures of several rounds summed up, the server's
resident memory, and the unit queue's database plan.
"""

from __future__ import annotations

import http.client
import statistics
import time

SEARCH_WORDS = ("停车", "养老服务", "垃圾分类", "学校", "医保")
PAGES = ("queue", "overdue", "search", "statistics", "public")
WARM_UP = 3


def page_paths() -> dict[str, tuple[str, str | None]]:
    """Each measured page: (path, who) — ``who`` is a key of the seeded sessions or None (anonymous)."""
    return {
        "queue": ("/office/cases/queue/?tab=handling", "unit"),
        "overdue": ("/office/cases/overdue/", "staff"),
        "search": ("/office/suggestions/?q={word}", "staff"),
        "statistics": ("/office/suggestions/statistics/", "staff"),
        "public": ("/suggestions/", None),
    }


def _path(template: str, n: int) -> str:
    from urllib.parse import quote

    return template.format(word=quote(SEARCH_WORDS[n % len(SEARCH_WORDS)]))


def count_queries(info: dict) -> dict[str, int]:
    """The SQL queries of each page, through Django's test client in this process, same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from renda.accounts.models import User

    result = {}
    for name, (template, who) in page_paths().items():
        client = Client()
        if who:
            client.force_login(User.objects.get(pk=info["users"][who]))
        path = _path(template, 0)
        client.get(path)  # warm caches the server also keeps warm
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        result[name] = len(ctx.captured_queries)
    return result


def _get(conn: http.client.HTTPConnection, name: str, path: str, headers: dict) -> float:
    """One request; its time in milliseconds (the page must answer 200)."""
    t0 = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - t0) * 1000
    if response.status != 200:
        raise RuntimeError(f"{name}: {response.status} {body[:300]!r}")
    return elapsed


def _headers(info: dict, who: str | None) -> dict:
    return {"Cookie": f"sessionid={info['sessions'][who]}"} if who else {}


def measure(port: int, info: dict, requests: int) -> dict[str, dict]:
    """Per page: the very first request, then ``WARM_UP`` more and ``requests`` measured ones."""
    result = {}
    for name, (template, who) in page_paths().items():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
        times = []
        first = None
        for n in range(requests + WARM_UP):
            elapsed = _get(conn, name, _path(template, n), _headers(info, who))
            if first is None:
                first = elapsed
            if n >= WARM_UP:  # warm-up requests, as a real server would have had
                times.append(elapsed)
        conn.close()
        times.sort()
        result[name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
            "first_ms": round(first, 1),
        }
    return result


def measure_once(port: int, info: dict) -> dict[str, float]:
    """The time of one request of every page, in the pages' order (after a write)."""
    result = {}
    for name, (template, who) in page_paths().items():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
        result[name] = round(_get(conn, name, _path(template, 0), _headers(info, who)), 1)
        conn.close()
    return result


def summarize(rounds: list[dict[str, dict]], queries: dict[str, int]) -> dict[str, dict]:
    """Per page: the medians of the rounds' figures, the spread of their p95 and every round's."""
    result = {}
    for name in PAGES:
        per_round = [r[name] for r in rounds]
        p95s = [r["p95_ms"] for r in per_round]
        result[name] = {
            "p50_ms": round(statistics.median(r["p50_ms"] for r in per_round), 1),
            "p95_ms": round(statistics.median(p95s), 1),
            "first_ms": round(statistics.median(r["first_ms"] for r in per_round), 1),
            "after_write_ms": round(statistics.median(r["after_write_ms"] for r in per_round), 1),
            "p95_spread_ms": [min(p95s), max(p95s)],
            "queries": queries[name],
            "rounds": per_round,
        }
    return result


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def queue_plan(user_id: int) -> tuple[dict[str, list[str]], list[str], dict[str, int]]:
    """The unit queue's plan on the seeded database as the planner chooses it, by query; the
    steps that read a large table without an index or walk a whole index; the large tables'
    rows (a planner reads a table of a few rows whole, whatever its indexes)."""
    from django.db import connection

    from renda.accounts.models import User
    from renda.casework import plans

    plan = plans.queue_plan(User.objects.get(pk=user_id), "handling")
    flagged = []
    for name, lines in plan.items():
        flagged += [f"{name}: full scan: {line}" for line in plans.full_scans(lines)]
        walks = plans.index_walks(lines)
        if name == "stamp":  # the newest audit event: an ordered walk stopped after one row
            walks = [w for w in walks if "core_auditevent" not in w]
        flagged += [f"{name}: index walk: {line}" for line in walks]
    rows = {}
    with connection.cursor() as cursor:
        for table in plans.LARGE_TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows[table] = cursor.fetchone()[0]
    return plan, flagged, rows


def print_plan(plan: dict[str, list[str]], flagged: list[str], rows: dict[str, int]) -> None:
    tables = ", ".join(f"{table} {n:,} rows" for table, n in rows.items())
    print(f"unit queue plan (tab=handling; {tables}):")
    for name, lines in plan.items():
        print(f"  {name}:")
        for line in lines:
            print(f"    {line}")
    for line in flagged:
        print(f"  ! {line}")
    print(flush=True)
