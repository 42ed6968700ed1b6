"""Budget figures at scale: import years of monthly execution from xlsx, then time the
monitoring pages on a real server.

Usage::

    python bench/budget_scale.py [--years 10] [--lines 8000] [--requests 60]

It sets up a throwaway database (SQLite in a temporary file by default; a fresh database on
the PostgreSQL server of ``DATABASE_URL``, dropped afterwards) with a classification table,
60 departments and a column mapping, writes one workbook per month (``--lines`` rows each,
streamed with openpyxl's write-only mode) and imports each through the same actions as the
office's page — ``budget.import.check`` reads every row, ``budget.import.commit`` reads them
again and writes them in one transaction — reporting rows per second and the process's peak
resident memory after each year (flat in the number of rows when the import streams). Each
year also gets its approved budget. Then it starts its own uvicorn server on 127.0.0.1 and
measures, with bounded sequential requests on one keep-alive connection, p50/p95 and the
first request of:

- ``overview``: the whole budget, by class and by department (``/office/budget/monitor/``);
- ``department``: one department's classes and lines;
- ``class``: one functional class's sections;
- ``deviations``: the flagged departments and classes.

SQL queries per page are counted through Django's test client in this process. The last
line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))

from voting_burst import Server, drop_database, make_env  # noqa: E402

DEPARTMENTS = 60
FIRST_YEAR = 2016
PAGES = ("overview", "department", "class", "deviations")


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def tables(lines: int) -> dict:
    """Classification, departments, a mapping and a staff account; the lines each month holds."""
    from renda.accounts.models import Role, User
    from renda.budget import services
    from renda.budget.models import Classification, Department

    staff = User.objects.create_user("bench-staff", password=None, role=Role.STAFF)
    K = Classification.Kind
    classes = [f"2{n:02d}" for n in range(1, 26)]
    rows = []
    for c in classes:
        top = Classification(kind=K.FUNCTIONAL, code=c, name=f"类{c}", level=1)
        rows.append(top)
    Classification.objects.bulk_create(rows)
    tops = {c.code: c for c in Classification.objects.filter(kind=K.FUNCTIONAL, level=1)}
    sections = [Classification(kind=K.FUNCTIONAL, code=f"{c}{s:02d}", name=f"款{c}{s:02d}", level=2, parent=tops[c]) for c in classes for s in range(1, 7)]  # fmt: skip
    Classification.objects.bulk_create(sections)
    by_code = {c.code: c for c in Classification.objects.filter(kind=K.FUNCTIONAL, level=2)}
    items = [Classification(kind=K.FUNCTIONAL, code=f"{s}{i:02d}", name=f"项{s}{i:02d}", level=3, parent=by_code[s]) for s in by_code for i in (1, 2, 3, 50, 99)]  # fmt: skip
    Classification.objects.bulk_create(items)
    econ_top = Classification.objects.create(
        kind=K.ECONOMIC, code="301", name="工资福利支出", level=1
    )
    econ = [Classification(kind=K.ECONOMIC, code=f"301{n:02d}", name=f"经济{n:02d}", level=2, parent=econ_top) for n in range(1, 11)]  # fmt: skip
    Classification.objects.bulk_create(econ)
    Department.objects.bulk_create([Department(code=f"D{n:03d}", name=f"部门{n:03d}") for n in range(DEPARTMENTS)])  # fmt: skip
    mapping = services.mapping_save(
        actor=staff, name="bench", department_code="部门编码", functional_code="功能分类科目编码",
        economic_code="经济分类科目编码", amount="金额", unit="yuan", total_label="",
    )  # fmt: skip
    rnd = random.Random(7)
    item_codes = [i.code for i in items]
    econ_codes = [e.code for e in econ]
    per_dept = -(-lines // DEPARTMENTS)
    keys = []
    for d in range(DEPARTMENTS):
        seen = set()
        while len(seen) < per_dept:
            seen.add((rnd.choice(item_codes), rnd.choice(econ_codes)))
        keys += [(f"D{d:03d}", f, e, rnd.randint(10_000, 50_000_000)) for f, e in sorted(seen)]
    return {"staff": staff, "mapping": mapping, "keys": keys[:lines], "classes": classes}


def workbook(path: str, rows) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["部门编码", "功能分类科目编码", "经济分类科目编码", "金额"])
    for row in rows:
        sheet.append(row)
    book.save(path)


def import_all(info: dict, years: int, tmp: str) -> dict:
    """Every year's budget and twelve months of execution, each through check and commit."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from renda.budget import services

    staff, mapping, keys = info["staff"], info["mapping"], info["keys"]
    done = rows = 0
    spent = 0.0
    memory = []
    t_all = time.perf_counter()
    for y in range(years):
        year = FIRST_YEAR + y
        path = os.path.join(tmp, f"budget-{year}.xlsx")
        workbook(path, ([d, f, e, a / 100] for d, f, e, a in keys))
        for dataset, month, file in [("budget", None, path)] + [
            ("execution", m, None) for m in range(1, 13)
        ]:
            if file is None:
                file = os.path.join(tmp, f"exec-{year}-{month:02d}.xlsx")
                share = month / 12
                workbook(file, ([d, f, e, round(a * share * 0.97) / 100] for d, f, e, a in keys))
            with open(file, "rb") as fh:
                upload = SimpleUploadedFile(os.path.basename(file), fh.read())
            os.remove(file)
            t0 = time.perf_counter()
            imp = services.import_check(actor=staff, dataset=dataset, year=year, month=month, mapping=mapping, workbook=upload)  # fmt: skip
            if imp.status != "checked":
                raise RuntimeError(imp.errors[:3])
            services.import_commit(actor=staff, imp=imp)
            spent += time.perf_counter() - t0
            done += 1
            if dataset == "execution":
                rows += imp.row_count
        memory.append(peak_rss_mb())
        print(f"  {year}: {rows:,} execution rows, {rows / spent:,.0f} rows/s, peak RSS {memory[-1]} MB", flush=True)  # fmt: skip
    return {
        "imports": done, "execution_rows": rows, "import_s": round(spent, 1),
        "rows_per_s": round(rows / spent), "peak_rss_mb_by_year": memory,
        "wall_s": round(time.perf_counter() - t_all, 1),
    }  # fmt: skip


def sign_in(info: dict) -> None:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(info["staff"].pk)
    store[BACKEND_SESSION_KEY] = "renda.accounts.backends.LockoutModelBackend"
    store[HASH_SESSION_KEY] = info["staff"].get_session_auth_hash()
    store.create()
    info["session"] = store.session_key


def page_paths(info: dict, year: int) -> dict[str, str]:
    from renda.budget.models import Department

    dept = Department.objects.get(code="D007").pk
    q = f"?year={year}&month=12"
    return {
        "overview": f"/office/budget/monitor/{q}",
        "department": f"/office/budget/monitor/departments/{dept}/{q}",
        "class": f"/office/budget/monitor/classes/{info['classes'][4]}/{q}",
        "deviations": f"/office/budget/monitor/deviations/{q}",
    }


def count_queries(info: dict, paths: dict) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(info["staff"])
    out = {}
    for name, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        out[name] = len(ctx.captured_queries)
        if name == info.get("profile"):
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.runcall(lambda p=path: [client.get(p) for _ in range(5)])
            pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
    return out


def measure(port: int, info: dict, paths: dict, requests: int) -> dict:
    result = {}
    for name, path in paths.items():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
        headers = {"Cookie": f"sessionid={info['session']}"}
        times, first = [], None
        for n in range(requests + 3):
            t0 = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            elapsed = (time.perf_counter() - t0) * 1000
            if response.status != 200:
                raise RuntimeError(f"{name}: {response.status} {body[:300]!r}")
            first = elapsed if first is None else first
            if n >= 3:
                times.append(elapsed)
        conn.close()
        times.sort()
        result[name] = {
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
            "first_ms": round(first, 1),
        }
    return result


def run(years: int, lines: int, requests: int, profile: str = "") -> dict:
    tmp = tempfile.mkdtemp(prefix="renda-budget-bench-")
    server_url = os.environ.get("DATABASE_URL")
    env, drop = make_env(tmp)
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    server = None
    try:
        info = tables(lines)
        info["profile"] = profile
        imported = import_all(info, years, tmp)
        sign_in(info)
        paths = page_paths(info, FIRST_YEAR + years - 1)
        queries = count_queries(info, paths)
        server = Server(env).start()
        pages = measure(server.port, info, paths, requests)
        for name in PAGES:
            pages[name]["queries"] = queries[name]
        return {"years": years, "lines": lines, "database": "postgresql" if drop else "sqlite", "requests": requests, **imported, **pages}  # fmt: skip
    finally:
        if server:
            server.stop()
        from django.db import connections

        connections.close_all()
        if drop:
            os.environ["DATABASE_URL"] = server_url
            drop_database(drop)
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--lines", type=int, default=8000, help="rows in each month's workbook")
    parser.add_argument("--requests", type=int, default=60, help="measured requests per page")
    parser.add_argument("--profile", choices=PAGES, default="", help="print a profile of five requests of this page (in this process) to stderr")  # fmt: skip
    args = parser.parse_args()
    result = run(args.years, args.lines, args.requests, args.profile)
    for name in PAGES:
        r = result[name]
        print(f"{name:>10}: p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  first {r['first_ms']:7.1f} ms  {r['queries']} queries")  # fmt: skip
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
