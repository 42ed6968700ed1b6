"""The unit queue's queries reach the large tables through indexes, on SQLite and PostgreSQL.

The queries are the page's own (the same SQL and parameters as a request to the page);
their plans come from the database itself (``EXPLAIN QUERY PLAN`` on SQLite; ``EXPLAIN``
with sequential scans priced out on PostgreSQL, where a small table is otherwise read
whole because that is cheaper). The scale benchmark reports the same plans at its size.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from renda.casework import plans, selectors
from renda.casework import services as cw
from renda.casework.models import Assignment

from .conftest import at, reply_kwargs

pytestmark = pytest.mark.django_db

#: The one walk over a whole index the queue may make: the newest audit event, read from the
#: end of the ``seq`` index and stopped after one row (``ORDER BY seq DESC LIMIT 1``).
AUDIT_WALK = {
    "sqlite": "SCAN core_auditevent USING INDEX sqlite_autoindex_core_auditevent_1",
    "postgresql": "Index Scan Backward using core_auditevent_seq_key on core_auditevent",
}


@pytest.fixture
def queue_cases(users, kind, unit, unit_b, calendar_loaded):
    """Cases in every tab of the unit's queue: awaiting, in handling (one co-handled), replied."""
    officer = users["unit_officer"]
    cases = []
    for i in range(5):
        case = cw.case_create(
            actor=users["staff"],
            kind=kind,
            title=f"事项{i}",
            requesters=[users["deputy"].person],
        )
        co = [unit_b] if i == 1 else []
        cw.case_assign(
            actor=users["staff"], case=case, lead=unit, co_handlers=co, now=at(2026, 3, 2)
        )
        cases.append(case)
    for case in cases[2:]:
        cw.assignment_receive(actor=officer, case=case, now=at(2026, 3, 3))
    done = cases[4]
    cw.contact_log(
        actor=officer,
        case=done,
        contacted_on=dt.date(2026, 3, 4),
        method="phone",
        note="电话沟通",
        now=at(2026, 3, 4),
    )
    cw.reply_submit(actor=officer, case=done, now=at(2026, 3, 10), **reply_kwargs())
    return cases


#: The queries that look for the unit's assignments (the others read by key or the newest row).
BY_UNIT = ("counts", "count", "keys")


def _finds_by_unit(lines: list[str]) -> bool:
    """Whether the plan looks the unit's assignments up in an index by the unit."""
    if connection.vendor == "sqlite":
        return any(
            re.match(r"\s*SEARCH casework_assignment .*\(unit_id=\?", line) for line in lines
        )
    return any(re.match(r"\s*Index Cond: .*\bunit_id = ", line) for line in lines)


def _large(sql: str) -> bool:
    return any(connection.ops.quote_name(t) in sql for t in plans.LARGE_TABLES)


@pytest.mark.parametrize("tab", selectors.QUEUE_TABS)
def test_the_queries_are_the_pages_own(client_for, users, queue_cases, tab):
    """Every statement the page runs on the large tables, with its parameters, in its order."""
    seen: list[plans.Statement] = []

    def record(execute, sql, params, many, context):
        if _large(sql):
            seen.append(plans.Statement(sql, tuple(params or ())))
        return execute(sql, params, many, context)

    client = client_for("unit_officer")
    cache.clear()  # the tab counts are counted, as on the first look after a change
    with connection.execute_wrapper(record):
        response = client.get(reverse("casework:queue") + f"?tab={tab}")
    assert response.status_code == 200
    queries = plans.queue_queries(users["unit_officer"], tab)
    if not response.context["rows"]:
        # An empty list has an empty first page: neither its keys nor its rows are read.
        queries.pop("keys")
        queries.pop("rows")
    assert seen == [plans.sql_of(q) for q in queries.values()]
    assert {"stamp", "counts"} <= set(queries)
    assert ("count" in queries) == (tab == "done")


def test_the_handling_tab_has_rows(users, queue_cases):
    """The plans below are taken on a tab whose page and rows are really read."""
    keys = list(plans.queue_queries(users["unit_officer"], "handling")["keys"])
    assert len(keys) == 2


@pytest.mark.parametrize("tab", selectors.QUEUE_TABS)
def test_the_queue_reads_the_large_tables_through_indexes(users, queue_cases, tab):
    for name, query in plans.queue_queries(users["unit_officer"], tab).items():
        lines = plans.explain(query, seqscan=False)
        shown = "\n".join(lines)
        assert lines, name
        assert plans.full_scans(lines) == [], f"{tab}/{name}:\n{shown}"
        if connection.vendor == "sqlite":
            # PostgreSQL plans a near-empty table as autovacuum last counted it (one row: a
            # whole index is as cheap as a key, any join order will do), so its plans here
            # show only that an index exists; its real plans are the benchmark's, at size.
            walks = plans.index_walks(lines)
            allowed = [AUDIT_WALK[connection.vendor]] if name == "stamp" else []
            assert walks == allowed, f"{tab}/{name}:\n{shown}"
        if name in BY_UNIT and connection.vendor == "sqlite":
            assert _finds_by_unit(lines), f"{tab}/{name}: not by unit\n{shown}"
        sql = plans.sql_of(query).sql
        for table in plans.LARGE_TABLES:
            if connection.ops.quote_name(table) in sql:
                # The plan names every large table the statement reads, so the checks above
                # looked at its access path (the parser did not miss it).
                assert re.search(rf"\b{table}\b", shown), f"{tab}/{name}: {table} not in\n{shown}"


def test_a_plan_without_an_index_is_caught(queue_cases):
    """The check fails where it should: a filter on a column no index holds."""
    unindexed = Assignment.objects.filter(opinion="同意")
    lines = plans.explain(unindexed.order_by(), seqscan=False)
    assert plans.full_scans(lines), lines
    # In the model's order: a walk through the whole index of the first ordering column.
    walk = plans.explain(unindexed, seqscan=False)
    assert plans.index_walks(walk) and not plans.full_scans(walk), walk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner setting")
def test_the_planner_setting_ends_with_the_plan(queue_cases):
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        before = cursor.fetchone()[0]
        plans.explain(Assignment.objects.all(), seqscan=False)
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == before == "on"
