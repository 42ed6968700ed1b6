"""The statistics of suggestions kept as running tallies, so no request recounts the world.

Each counted suggestion has one :class:`~renda.suggestions.models.StatisticsFact`: its
groups (session, year, lead unit) and what it adds to them (assigned, replied, rated,
satisfied, solved; its reply deadline while it is in handling). The tallies are the sums
of the facts per group (:class:`StatisticsTally`) and, for 逾期 on any day, the number in
handling per group and deadline (:class:`StatisticsDue`).

**Kept on write.** Every change of a suggestion or its case is audited; the audit reports
it to :mod:`renda.core.projections`, and at the end of the action, inside its transaction,
:func:`refresh` computes the facts of the suggestions concerned with the same query as the
full recount (:func:`renda.suggestions.statistics.counted_suggestions`), and adds the
difference to the tallies (``INSERT … ON CONFLICT DO UPDATE``). Audited writes are already
serialised on the audit chain's head row, so two changes never tally the same fact twice.

**Read.** :func:`figures` reads the tallies, the deadlines before today and the groups'
names: five small queries whatever the number of suggestions, the same on the first
request after a change as on every other.

**Rebuilt when something changed outside the platform's actions.** The tallies record the
data they reflect (:func:`data_stamp`: the newest row of each table counted). When a read
finds other rows (an import written around the actions, the admin shell), the tallies are
rebuilt from a full recount, one rebuild at a time, a chunk of suggestions per short
transaction so writers never wait for the whole recount; a rebuild that took long the last
time runs in the background while the last tallies are shown, marked stale. The daily
:func:`check` recounts everything and rebuilds if the tallies differ.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.casework import workflow as case_workflow
from renda.casework.models import Assignment, Case, Rating, Reply

from .models import (
    StatisticsDue,
    StatisticsFact,
    StatisticsState,
    StatisticsTally,
    Suggestion,
)

log = logging.getLogger(__name__)

MEASURES = ("total", "assigned", "replied", "rated", "satisfied", "solved")
#: A rebuild quicker than this is redone at once in the request; a slower one in the background.
SYNC_SECONDS = 1.0
#: Never built: a first build of more suggestions than this runs in the background.
BACKGROUND_FROM = 20_000
#: Suggestions recounted per transaction when rebuilding.
CHUNK = 2000


@dataclass(frozen=True)
class Fact:
    session_key: str
    year_key: str
    unit_key: str
    assigned: int
    replied: int
    rated: int
    satisfied: int
    solved: int
    overdue_from: dt.date | None

    def groups(self) -> list[tuple[str, str]]:
        groups = [("session", self.session_key), ("year", self.year_key)]
        if self.unit_key:
            groups.append(("unit", self.unit_key))
        return groups

    def measures(self) -> tuple[int, ...]:
        return (1, self.assigned, self.replied, self.rated, self.satisfied, self.solved)


def _fact_rows(queryset) -> Any:
    from .statistics import counted_suggestions

    return (
        counted_suggestions(queryset)
        .annotate(year=ExtractYear("submitted_at"))
        .values_list(
            "id",
            "term__number",
            "session_id",
            "year",
            "case_id",
            "lead_unit_id",
            "case__assigned_at",
            "case__replied_at",
            "latest_class",
            "rated_n",
            "satisfied_n",
            "case__status",
            "case__due_on",
        )
    )


def _fact(row: tuple) -> tuple[int, Fact]:
    from .statistics import SOLVED_CLASS

    (pk, term, session, year, case, unit, assigned_at, replied_at, latest, rated, satisfied) = row[
        :11
    ]
    status, due_on = row[11], row[12]
    replied = replied_at is not None
    return pk, Fact(
        session_key=f"{term}:{session if session else 'between'}",
        year_key=str(year) if year else "none",
        unit_key="" if case is None else str(unit or "none"),
        assigned=int(assigned_at is not None),
        replied=int(replied),
        rated=rated or 0,
        satisfied=satisfied or 0,
        solved=int(replied and latest == SOLVED_CLASS),
        overdue_from=due_on if status in case_workflow.HANDLING else None,
    )


def _stored(row: StatisticsFact) -> Fact:
    return Fact(
        session_key=row.session_key,
        year_key=row.year_key,
        unit_key=row.unit_key,
        assigned=row.assigned,
        replied=row.replied,
        rated=row.rated,
        satisfied=row.satisfied,
        solved=row.solved,
        overdue_from=row.overdue_from,
    )


def _row(pk: int, fact: Fact) -> StatisticsFact:
    return StatisticsFact(
        suggestion_id=pk,
        session_key=fact.session_key,
        year_key=fact.year_key,
        unit_key=fact.unit_key,
        assigned=fact.assigned,
        replied=fact.replied,
        rated=fact.rated,
        satisfied=fact.satisfied,
        solved=fact.solved,
        overdue_from=fact.overdue_from,
    )


STAMPED = (Suggestion, Case, Assignment, Reply, Rating)


def data_stamp(*, suggestions: list[int] = (), cases: list[int] = ()) -> str:
    """The newest row of each table the figures read, in one cheap query.

    With ``suggestions`` and ``cases``, the rows of those suggestions and cases are left out:
    what the data was apart from the change being tallied.
    """
    q = connection.ops.quote_name
    params: list = []

    def newest(model, column: str, ids) -> str:
        # Table and column names only, from the models; values are parameters.
        sql = f"SELECT MAX({q('id')}) FROM {q(model._meta.db_table)}"  # noqa: S608
        if ids:
            sql += f" WHERE {q(column)} NOT IN ({', '.join(['%s'] * len(ids))})"
            params.extend(ids)
        return f"({sql})"

    parts = [newest(Suggestion, "id", list(suggestions)), newest(Case, "id", list(cases))]
    parts += [newest(m, "case_id", list(cases)) for m in (Assignment, Reply, Rating)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return ",".join(str(v or 0) for v in cursor.fetchone())


def _newer(stamp: str, than: str) -> bool:
    return any(int(a) > int(b) for a, b in zip(stamp.split(","), than.split(","), strict=True))


def _save_stamp(**extra: Any) -> None:
    StatisticsState.objects.update_or_create(pk=1, defaults={"stamp": data_stamp(), **extra})


def _advance_stamp(suggestions: list[int], cases: list[int]) -> None:
    """After tallying a change: the tallies reflect the data now, if they did before it."""
    state = StatisticsState.objects.filter(pk=1).first()
    if state is None or not state.stamp:
        return
    if _newer(data_stamp(suggestions=suggestions, cases=cases), state.stamp):
        return  # something else changed outside the actions: the next read rebuilds
    StatisticsState.objects.filter(pk=1).update(stamp=data_stamp())


# --------------------------------------------------------------------------- kept on write


def _add(tallies: dict, dues: dict, fact: Fact, sign: int) -> None:
    for group in fact.groups():
        sums = tallies[group]
        for i, value in enumerate(fact.measures()):
            sums[i] += sign * value
        if fact.overdue_from is not None:
            dues[(*group, fact.overdue_from)] += sign


def _upsert(model, keys: tuple[str, ...], columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Add ``rows`` (keys then values) to the counts of ``model``, creating the missing groups."""
    if not rows:
        return
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    names = ", ".join(q(c) for c in keys + columns)
    marks = "(" + ", ".join(["%s"] * (len(keys) + len(columns))) + ")"
    sets = ", ".join(f"{q(c)} = {table}.{q(c)} + excluded.{q(c)}" for c in columns)
    sql = (
        f"INSERT INTO {table} ({names}) VALUES {', '.join([marks] * len(rows))} "  # noqa: S608
        f"ON CONFLICT ({', '.join(q(k) for k in keys)}) DO UPDATE SET {sets}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [v for row in rows for v in row])


def _update_facts(ids: list[int]) -> None:
    """Bring the facts of these suggestions up to date and add the difference to the tallies."""
    new = dict(_fact(r) for r in _fact_rows(Suggestion.objects.filter(pk__in=ids)))
    old = {r.suggestion_id: _stored(r) for r in StatisticsFact.objects.filter(pk__in=ids)}
    changed = [pk for pk in ids if old.get(pk) != new.get(pk)]
    if not changed:
        return
    tallies: dict = defaultdict(lambda: [0] * len(MEASURES))
    dues: dict = defaultdict(int)
    for pk in changed:
        if pk in old:
            _add(tallies, dues, old[pk], -1)
        if pk in new:
            _add(tallies, dues, new[pk], +1)
    _upsert(
        StatisticsTally,
        ("dimension", "key"),
        MEASURES,
        [(*g, *sums) for g, sums in sorted(tallies.items()) if any(sums)],
    )
    _upsert(
        StatisticsDue,
        ("dimension", "key", "due_on"),
        ("n",),
        [(*k, n) for k, n in sorted(dues.items()) if n],
    )
    if any(v < 0 for sums in tallies.values() for v in sums) or any(n < 0 for n in dues.values()):
        StatisticsTally.objects.filter(total__lte=0).delete()
        StatisticsDue.objects.filter(n__lte=0).delete()
    StatisticsFact.objects.filter(pk__in=changed).delete()
    StatisticsFact.objects.bulk_create([_row(pk, new[pk]) for pk in changed if pk in new])


def refresh(suggestion_ids: set[int], case_ids: set[int] = frozenset()) -> None:
    """Tally a change of these suggestions (and ``case_ids``, the cases changed with them,
    whose rows are this change's for the stamp)."""
    ids = sorted({int(i) for i in suggestion_ids})
    if ids:
        _update_facts(ids)
    _advance_stamp(ids, sorted({int(c) for c in case_ids}))


def _refresh_suggestions(ids: set[str]) -> None:
    """Audited suggestions, with those merged into them or split from them."""
    pks = [int(i) for i in ids if str(i).isdigit()]
    related = list(
        Suggestion.objects.filter(
            Q(pk__in=pks) | Q(merged_into_id__in=pks) | Q(split_from_id__in=pks)
        ).values_list("pk", "case_id")
    )
    refresh(set(pks) | {pk for pk, _c in related}, {c for _pk, c in related if c})


def _refresh_cases(ids: set[str]) -> None:
    """Audited cases: the suggestions they handle (cases of other kinds have none)."""
    pks = [int(i) for i in ids if str(i).isdigit()]
    refresh(set(Suggestion.objects.filter(case_id__in=pks).values_list("pk", flat=True)), set(pks))


def watch() -> None:
    """Register the refreshers (from the app's ``ready``)."""
    from renda.core import projections

    projections.watch("suggestions.suggestion", _refresh_suggestions)
    projections.watch("casework.case", _refresh_cases)


# --------------------------------------------------------------------------- rebuilt from a recount


def _hold_audit_head() -> None:
    """Wait for, and hold until commit, the audit chain's head: audited changes then wait for
    this transaction rather than tally the same suggestion twice (PostgreSQL; SQLite has one
    writer at a time anyway)."""
    from renda.core.models import AuditHead

    AuditHead.objects.select_for_update().get_or_create(id=1)


def _retally() -> None:
    """The tallies summed anew from the facts, in SQL."""
    q = connection.ops.quote_name
    fact, tally, due = (
        q(m._meta.db_table) for m in (StatisticsFact, StatisticsTally, StatisticsDue)
    )
    groups = (("session", "session_key", ""), ("year", "year_key", ""))
    groups += (("unit", "unit_key", f" AND {q('unit_key')} <> ''"),)
    sums = ", ".join(f"SUM({q(m)})" for m in MEASURES[1:])
    # Table and column names only, from the models; the dimension names are constants.
    tally_sql = " UNION ALL ".join(
        f"SELECT '{name}', {q(col)}, COUNT(*), {sums} FROM {fact} WHERE 1 = 1{cond} GROUP BY {q(col)}"  # noqa: S608
        for name, col, cond in groups
    )
    due_sql = " UNION ALL ".join(
        f"SELECT '{name}', {q(col)}, {q('overdue_from')}, COUNT(*) FROM {fact} "  # noqa: S608
        f"WHERE {q('overdue_from')} IS NOT NULL{cond} GROUP BY {q(col)}, {q('overdue_from')}"
        for name, col, cond in groups
    )
    columns = ", ".join(q(c) for c in ("dimension", "key", *MEASURES))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {tally}")  # noqa: S608
        cursor.execute(f"DELETE FROM {due}")  # noqa: S608
        cursor.execute(f"INSERT INTO {tally} ({columns}) {tally_sql}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {due} ({q('dimension')}, {q('key')}, {q('due_on')}, {q('n')}) {due_sql}"  # noqa: S608
        )


def rebuild() -> float:
    """Recount every suggestion; the seconds it took.

    A chunk of keys per short transaction (writers wait at most one chunk, never the whole
    recount): each suggestion's fact recomputed and the difference tallied, facts of
    suggestions no longer there removed; then the tallies summed anew from the facts.
    """
    from django.db.models import Max

    started = time.monotonic()
    top = max(
        Suggestion.objects.aggregate(m=Max("id"))["m"] or 0,
        StatisticsFact.objects.aggregate(m=Max("suggestion_id"))["m"] or 0,
    )
    for low in range(0, top + 1, CHUNK):
        with transaction.atomic():
            _hold_audit_head()
            span = {"pk__gte": low, "pk__lt": low + CHUNK}
            ids = set(Suggestion.objects.filter(**span).values_list("pk", flat=True))
            ids |= set(StatisticsFact.objects.filter(**span).values_list("pk", flat=True))
            if ids:
                _update_facts(sorted(ids))
    with transaction.atomic():
        _hold_audit_head()
        _retally()
        seconds = time.monotonic() - started
        _save_stamp(rebuilt_at=timezone.now(), seconds=seconds)
    return seconds


_LOCK = "suggestions:statistics:rebuilding"


def _rebuild_locked(background: bool) -> bool:
    """Rebuild unless another rebuild is running (then False): one at a time, no stampede."""
    from django.core.cache import cache
    from django.db import connections

    if not cache.add(_LOCK, True, 3600):
        return False

    def run() -> None:
        try:
            rebuild()
        finally:
            cache.delete(_LOCK)
            if background:
                connections.close_all()  # this thread's own connection

    if background:
        threading.Thread(target=run, name="suggestion-statistics", daemon=True).start()
    else:
        run()
    return True


def ensure_current() -> tuple[bool, dt.datetime | None]:
    """Make sure the tallies reflect the data; ``(stale, rebuilt_at)``."""
    state = StatisticsState.objects.filter(pk=1).first()
    if state is not None and state.stamp == data_stamp():
        return False, state.rebuilt_at
    if state is None:  # never built: guess from the size (a few seconds per hundred thousand)
        slow = Suggestion.objects.count() > BACKGROUND_FROM
    else:
        slow = state.seconds >= SYNC_SECONDS
    if _rebuild_locked(background=slow) and not slow:
        return False, timezone.now()
    return True, state.rebuilt_at if state else None


# --------------------------------------------------------------------------- read


def figures(*, today: dt.date) -> dict[str, Any]:
    """The figures of :func:`renda.suggestions.statistics.report`, read from the tallies."""
    from renda.meetings.models import Meeting
    from renda.people.models import Organization

    from .statistics import Figures, rank_units

    rows = list(StatisticsTally.objects.values_list("dimension", "key", *MEASURES))
    overdue = {
        (d, k): n
        for d, k, n in StatisticsDue.objects.filter(due_on__lt=today)
        .values("dimension", "key")
        .annotate(n=Sum("n"))
        .values_list("dimension", "key", "n")
        .order_by()
    }
    sessions = [r[1].split(":") for r in rows if r[0] == "session"]
    meetings = {
        m["pk"]: m
        for m in Meeting.objects.filter(
            pk__in=[int(s) for _t, s in sessions if s.isdigit()]
        ).values("pk", "title", "starts_on")
    }
    units = dict(
        Organization.objects.filter(
            pk__in=[int(r[1]) for r in rows if r[0] == "unit" and r[1].isdigit()]
        ).values_list("pk", "name")
    )

    def make(row: tuple, key: Any, label: str) -> Figures:
        return Figures(
            key=key,
            label=label,
            overdue=overdue.get((row[0], row[1]), 0),
            **dict(zip(MEASURES, row[2:], strict=True)),
        )

    by_session, by_year, by_unit = [], [], []
    for row in rows:
        dimension, key = row[0], row[1]
        if dimension == "session":
            term, session = key.split(":")
            if session.isdigit():
                meeting = meetings.get(int(session), {})
                label = meeting.get("title") or ""
                order = (-int(term), 0, meeting.get("starts_on") or dt.date.min)
                by_session.append((order, make(row, int(session), label)))
            else:
                label = _("第{term}届闭会期间").format(term=term)
                by_session.append(
                    ((-int(term), 1, dt.date.min), make(row, f"between-{term}", label))
                )
        elif dimension == "year":
            year = int(key) if key.isdigit() else None
            label = str(year) if year else _("未注明")
            by_year.append(((year is None, year or 0), make(row, year, label)))
        elif dimension == "unit":
            unit = int(key) if key.isdigit() else None
            by_unit.append(make(row, unit, units.get(unit, _("未确定主办单位"))))
    years = [f for _o, f in sorted(by_year, key=lambda p: p[0])]
    total = Figures(
        key="all",
        label=_("合计"),
        **{m: sum(getattr(f, m) for f in years) for m in (*MEASURES, "overdue")},
    )
    return {
        "totals": total,
        "sessions": [f for _o, f in sorted(by_session, key=lambda p: p[0])],
        "years": years,
        "units": rank_units(by_unit),
    }


# --------------------------------------------------------------------------- checked daily


def check() -> bool:
    """Recount everything and compare with the tallies; rebuild and log when they differ."""
    from .statistics import report

    today = timezone.localdate()
    ensure_current()

    def plain(figs: dict) -> dict:
        return {
            "totals": figs["totals"].as_dict(),
            **{
                name: sorted((f.as_dict() for f in figs[name]), key=lambda d: str(d["key"]))
                for name in ("sessions", "years", "units")
            },
        }

    if plain(figures(today=today)) == plain(report(today=today)):
        return True
    log.warning("suggestion statistics differed from a full recount; rebuilt")
    rebuild()
    return False
