"""The unit queue's queries on the large tables and their database plans.

:func:`queue_queries` builds every query the queue page (``views.queue``) runs on the
cases, the assignments and the audit events, from the same selectors the page calls;
:func:`explain` returns a query's plan on the current database; :func:`full_scans` and
:func:`index_walks` the steps that read a large table without an index or walk a whole
index. The plan tests and the scale benchmark both use them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import selectors
from .models import Assignment, Case
from .paging import COUNT_CAP

#: The tables that grow with the casework: a plan must reach them through an index.
LARGE_TABLES = (
    Case._meta.db_table,
    Assignment._meta.db_table,
    "core_auditevent",
)

#: The columns the queue page leaves out of its rows (``views.queue``).
DEFERRED = ("case__search_text", "case__summary")


class Statement(NamedTuple):
    """One SQL statement with its parameters, for queries that are not a queryset."""

    sql: str
    params: tuple


class _Captured(Exception):
    """Raised by :func:`statement_of` instead of running the statement it caught."""

    def __init__(self, statement: Statement) -> None:
        super().__init__(statement.sql)
        self.statement = statement


def statement_of(call) -> Statement:
    """The first SQL statement ``call()`` would run, caught before it reaches the database."""

    def catch(execute, sql, params, many, context):
        raise _Captured(Statement(sql, tuple(params or ())))

    try:
        with connection.execute_wrapper(catch):
            call()
    except _Captured as caught:
        return caught.statement
    raise ValueError("the call ran no SQL statement")


def sql_of(query: QuerySet | Statement) -> Statement:
    """The SQL and parameters of a queryset as Django runs it, or a statement as it is."""
    if isinstance(query, Statement):
        return query
    sql, params = query.query.sql_with_params()
    return Statement(sql, tuple(params))


def queue_list(unit_id: int, tab: str, today: dt.date) -> QuerySet[Assignment]:
    """The tab's list exactly as the queue page builds it."""
    return selectors.queue_for_unit(unit_id, tab, today).defer(*DEFERRED)


def queue_queries(
    user, tab: str = "handling", today: dt.date | None = None, per_page: int | None = None
) -> dict[str, QuerySet | Statement]:
    """Every query of the queue page's first page on the large tables, by name, in the page's order.

    ``stamp`` is the cache stamp of the tab counts, ``counts`` the tab counts (run when the
    stamp changed), ``count`` the capped count of a tab without a tab count, ``keys`` the
    page's keys and ``rows`` its rows read by key. The keys query is run to know the keys.
    The page runs ``keys`` and ``rows`` only when the list has rows; they are returned
    all the same (``rows`` then names key 0), so that their plans can be seen.
    """
    from renda.core.views import PAGE_SIZE

    today = today or timezone.localdate()
    per_page = per_page or PAGE_SIZE
    unit_id = user.scope_id
    qs = queue_list(unit_id, tab, today)
    queries: dict[str, QuerySet | Statement] = {
        "stamp": statement_of(selectors.casework_stamp),
        "counts": statement_of(lambda: selectors.queue_counts(unit_id, today)),
    }
    counts = selectors.queue_counts(unit_id, today)
    if tab in counts:
        total = counts[tab]
    else:
        capped = qs.order_by().values("pk")[: COUNT_CAP + 1]
        queries["count"] = statement_of(capped.count)
        total = capped.count()
    # Paginator.page cuts the first page at the list's size; CappedPaginator reads its keys.
    keys_qs = qs[: min(per_page, total) or per_page].values_list("pk", flat=True)
    queries["keys"] = keys_qs
    keys = list(keys_qs) if total else []
    queries["rows"] = qs.order_by().filter(pk__in=keys or [0])
    return queries


def explain(query: QuerySet | Statement, *, seqscan: bool = True) -> list[str]:
    """The plan of a query on the current database, one line per step.

    SQLite: ``EXPLAIN QUERY PLAN``, each line indented by its depth. PostgreSQL: ``EXPLAIN``;
    with ``seqscan=False`` sequential scans are priced out for this statement only
    (``SET LOCAL enable_seqscan = off``), so a small test database shows the plan a large one
    gets whenever an index can answer.
    """
    sql, params = sql_of(query)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            rows = cursor.fetchall()
        depth: dict[int, int] = {0: -1}
        lines = []
        for node, parent, _unused, detail in rows:
            depth[node] = depth.get(parent, -1) + 1
            lines.append("  " * depth[node] + detail)
        return lines
    with transaction.atomic(), connection.cursor() as cursor:
        if not seqscan:
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        lines = [row[0] for row in cursor.fetchall()]
        # Roll back the savepoint (or the transaction): the setting ends with it.
        transaction.set_rollback(True)
    return lines


_SQLITE_STEP = re.compile(r"^\s*(SCAN|SEARCH) (\w+)(?: AS \w+)?(.*)$")
_PG_SEQ = re.compile(r"Seq Scan on (\w+)")
_PG_COST = re.compile(r"\s+\(cost=[^)]*\)")


def _sqlite_steps(lines: list[str], tables):
    for line in lines:
        step = _SQLITE_STEP.match(line)
        if step and step.group(2) in tables:
            yield step.group(1), step.group(3), line.strip()


def full_scans(lines: list[str], tables=LARGE_TABLES) -> list[str]:
    """The plan lines that read one of ``tables`` row by row without any index.

    SQLite: a ``SCAN`` of the table that names no index (a ``SEARCH`` always goes through
    a key or an index). PostgreSQL: a ``Seq Scan`` of the table.
    """
    if connection.vendor == "sqlite":
        return [
            line
            for kind, rest, line in _sqlite_steps(lines, tables)
            if kind == "SCAN" and "USING" not in rest
        ]
    found = []
    for line in lines:
        scan = _PG_SEQ.search(line)
        if scan and scan.group(1) in tables:
            found.append(_pg_step(line))
    return found


_PG_INDEX = re.compile(
    r"(?:(?:Index|Index Only) Scan(?: Backward)? using (\w+) on \w+|Bitmap Index Scan on (\w+))"
)


def _pg_step(line: str) -> str:
    """A PostgreSQL plan node without its arrow and its cost estimate."""
    return _PG_COST.sub("", line.strip().removeprefix("->").strip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" ->"))


def _leading_columns(tables) -> dict[str, str]:
    """The first column of each index of ``tables``, by the index's name."""
    result = {}
    with connection.cursor() as cursor:
        for table in tables:
            for name, info in connection.introspection.get_constraints(cursor, table).items():
                keyed = info["index"] or info["unique"] or info["primary_key"]
                if keyed and info["columns"] and info["columns"][0]:
                    result[name] = info["columns"][0]
    return result


def index_walks(lines: list[str], tables=LARGE_TABLES) -> list[str]:
    """The plan lines that walk a whole index of one of ``tables``: cheap only when the walk
    stops early (an ordered ``LIMIT``).

    SQLite: ``SCAN t USING ... INDEX`` (its ``SEARCH`` always constrains the index's first
    columns). PostgreSQL: an index scan of the table whose ``Index Cond`` does not constrain
    the index's first column (or that has none): the whole index is read.
    """
    if connection.vendor == "sqlite":
        return [
            line
            for kind, rest, line in _sqlite_steps(lines, tables)
            if kind == "SCAN" and "USING" in rest
        ]
    leading = _leading_columns(tables)
    found = []
    for n, line in enumerate(lines):
        scan = _PG_INDEX.search(line)
        column = leading.get(scan.group(1) or scan.group(2)) if scan else None
        if column is None:
            continue
        depth = _indent(line)
        conds = []
        for below in lines[n + 1 :]:
            if below.lstrip().startswith("->") or _indent(below) <= depth:
                break
            if below.strip().startswith("Index Cond:"):
                conds.append(below.strip())
        on_first = re.compile(rf"(?<![\w.]){re.escape(column)}\b")
        if not any(on_first.search(cond) for cond in conds):
            found.append(_pg_step(line))
    return found


def queue_plan(user, tab: str = "handling", *, seqscan: bool = True) -> dict[str, list[str]]:
    """The plan of each of the queue page's queries on the large tables, by name."""
    return {
        name: explain(query, seqscan=seqscan)
        for name, query in queue_queries(user, tab=tab).items()
    }
