"""Suggestions at scale: seed N cases, then time five pages on a real server.

Usage::

    python bench/suggestions_scale.py [--cases 1000000] [--requests 60] [--rounds 3] [--keep]

It seeds a throwaway database (SQLite in a temporary file by default; a fresh
database on the PostgreSQL server of ``DATABASE_URL``, dropped afterwards) with N
suggestions and their casework through bulk inserts (``executemany``-style
multi-row ``INSERT``s, the full-text index rows included): a congress session's
suggestions in every state, their cases, lead and co-handling assignments,
contacts, replies (searchable), ratings; some still in handling past their
deadline. It prints the unit queue's database plan at that size (``EXPLAIN``,
``renda.casework.plans``). Then, ``--rounds`` times, it starts its own uvicorn server
on 127.0.0.1 and measures, with bounded sequential requests on one keep-alive
connection, the p50/p95 time of:

- ``queue``: a handling unit's queue (``/office/cases/queue/?tab=handling``);
- ``overdue``: the office's overdue list (``/office/cases/overdue/``);
- ``search``: a full-text search of the office's suggestion list;
- ``statistics``: the statistics page (per session, year, unit);
- ``public``: the public list of published suggestions with replies;

then makes one write through the services in this process (a deputy rates a replied
case) and times the next single request of every page, and stops the server.

The SQL queries of each page are counted by running the same request through
Django's test client in this process against the same database
(``CaptureQueriesContext``). The server's resident memory is read from
``/proc/<pid>/status`` after each round (the largest is reported). The last line
printed is one JSON object: ``cases``, ``rss_mb``, ``seed_s``, ``rounds``, ``writes``,
``queue_plan`` (the plan lines of each of the queue's queries), ``queue_plan_flagged``
(steps reading a large table without an index, or walking a whole index),
``queue_plan_rows`` (the rows of those tables) and per page
the medians over the rounds of ``p50_ms``, ``p95_ms``, ``first_ms`` (the first request
of a freshly started server) and ``after_write_ms``, the ``p95_spread_ms`` [min, max],
``queries``, and each round's figures in ``rounds``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))

from scale_measure import (  # noqa: E402
    PAGES,
    count_queries,
    measure,
    measure_once,
    print_plan,
    queue_plan,
    rss_mb,
    summarize,
)
from voting_burst import Server, drop_database, make_env  # noqa: E402

UNITS = 30
DEPUTIES = 500
TEMPLATES = 600


# --------------------------------------------------------------------------- seeding


class Bulk:
    """Multi-row INSERTs of one model: given columns per row, the model's defaults for the rest."""

    def __init__(self, model, columns: list[str]) -> None:
        from django.db import connection

        self.connection = connection
        self.table = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        self.columns = list(columns)
        self.extra: list = []
        now = dt.datetime.now(dt.UTC)
        for name, field in fields.items():
            if name in columns or (field.primary_key and name not in columns):
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            else:
                value = ""
            self.columns.append(field.column)
            self.extra.append(field.get_db_prep_save(value, connection))
        names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        self.head = f"INSERT INTO {connection.ops.quote_name(self.table)} ({names}) VALUES "
        self.one = "(" + ", ".join(["%s"] * len(self.columns)) + ")"
        limit = 30000 if connection.vendor == "sqlite" else 60000
        self.batch = max(1, limit // len(self.columns))
        self.rows: list = []
        self.count = 0
        self.seconds = 0.0

    def add(self, *values) -> None:
        self.rows.append(values)
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        extra = tuple(self.extra)
        params: list = []
        for row in self.rows:
            params.extend(row)
            params.extend(extra)
        sql = self.head + ", ".join([self.one] * len(self.rows))
        t0 = time.monotonic()
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
        self.seconds += time.monotonic() - t0
        self.count += len(self.rows)
        self.rows = []


class Texts:
    """The demo texts, segmented once: a row's ``search_text`` is composed, equal to ``segment()``'s."""

    def __init__(self) -> None:
        from renda.core.search import _CJK, _clean, _jieba
        from renda.devtools.suggestions_demo import build_suggestion_texts

        jieba = _jieba()

        def words(text: str) -> list[str]:
            return [w for w in (_clean(t) for t in jieba.cut_for_search(text)) if w]

        self.words, self.chars = words, (lambda text: _CJK.findall(text))
        self.items = build_suggestion_texts(TEMPLATES, seed=7)
        self.case_search = []
        self.sugg_words, self.sugg_chars = [], []
        for t in self.items:
            doc = f"{t.title} {t.content}"
            w, c = " ".join(words(doc)), " ".join(self.chars(doc))
            self.sugg_words.append(w)
            self.sugg_chars.append(c)
            self.case_search.append(f"{w} {c}".strip())
        from renda.devtools.suggestions_seed import REPLY_BODY

        measures = (
            "将加大财政投入，分期实施改造。",
            "已会同有关部门制定专项方案，明确责任分工。",
            "结合年度计划统筹安排项目和资金。",
            "建立长效管理机制，定期督查落实情况。",
        )
        self.replies = []
        for cls, bodies in REPLY_BODY.items():
            for body in bodies:
                for m in measures:
                    text = body.format(measure=m)
                    self.replies.append((cls, text, " ".join(words(text) + self.chars(text))))

    def suggestion_search(self, i: int, number: str, serial: int) -> str:
        """``segment(f"{number} {title} {content}")`` without running jieba on every row."""
        num_words = f"第 1 届 第 1 次 会议 第 {serial:03d} 号"
        num_chars = "第 届 第 次 会 议 第 号"
        return f"{num_words} {self.sugg_words[i]} {num_chars} {self.sugg_chars[i]}"


def _number(serial: int) -> str:
    return f"第1届第1次会议第{serial:03d}号"


def seed(cases: int, *, rng_seed: int = 7) -> dict:
    """Seed ``cases`` suggestions (most assigned, each with its case); return ids the pages need."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from renda.accounts.models import Role, User
    from renda.casework.models import Assignment, Case, CaseRequester, Contact, Rating, Reply
    from renda.core.search import ensure_search_indexes, fts_table
    from renda.core.workdays import add_working_days
    from renda.devtools.suggestions_seed import CATEGORY_CODES
    from renda.meetings.models import Meeting
    from renda.people.models import Deputy, Organization, Person, Term
    from renda.people.services import jurisdiction_setup
    from renda.suggestions.assignment import SOURCE_TYPE, suggestion_kind
    from renda.suggestions.models import Suggestion

    call_command("migrate", verbosity=0, interactive=False)
    root = User.objects.create_superuser("bench-root", password=uuid.uuid4().hex, role=Role.ADMIN)
    jurisdiction_setup(actor=root, name="基准市", level="city", population=3_000_000)
    congress = Organization.objects.get(code="congress")
    gov = Organization.objects.get(code="government")
    units = [
        Organization.objects.create(
            code=f"bench-unit-{i}",
            name=f"基准市第{i + 1}局",
            parent=gov,
            kind=Organization.Kind.GOVERNMENT_DEPARTMENT,
        )
        for i in range(UNITS)
    ]
    term = Term.objects.create(
        congress=congress, number=1, start_date=dt.date(2022, 1, 1), end_date=dt.date(2026, 12, 31)
    )
    session = Meeting.objects.create(
        kind=Meeting.Kind.CONGRESS_SESSION,
        body=congress,
        term=term,
        number=1,
        title="基准市第一届人民代表大会第一次会议",
        starts_on=dt.date(2023, 1, 10),
        ends_on=dt.date(2023, 1, 14),
        status=Meeting.Status.CLOSED,
    )
    people = [Person(name=f"代表{i:04d}", gender="male") for i in range(DEPUTIES)]
    for p in people:
        p.refresh_search_text()
    Person.objects.bulk_create(people, batch_size=1000)
    people = list(Person.objects.filter(name__startswith="代表").order_by("pk"))
    Deputy.objects.bulk_create([Deputy(person=p, term=term) for p in people], batch_size=1000)
    deputies = list(Deputy.objects.filter(term=term).order_by("pk").values_list("pk", "person_id"))
    kind = suggestion_kind()
    User.objects.create_user(
        "bench-staff",
        password=uuid.uuid4().hex,
        role=Role.STAFF,
        scope=Organization.objects.get(code="office"),
    )
    User.objects.create_user(
        "bench-unit", password=uuid.uuid4().hex, role=Role.UNIT_OFFICER, scope=units[0]
    )

    texts = Texts()
    rng = random.Random(rng_seed)
    today = dt.date.today()
    tz = dt.UTC
    ops = connection.ops
    day_cache: dict = {}

    def at(day: dt.date):
        value = day_cache.get(day)
        if value is None:
            value = day_cache[day] = ops.adapt_datetimefield_value(
                dt.datetime(day.year, day.month, day.day, 2, tzinfo=tz)
            )
        return value

    def d(day: dt.date):
        return ops.adapt_datefield_value(day)

    contact_cache: dict = {}

    def contact_due_for(day: dt.date) -> dt.date:
        value = contact_cache.get(day)
        if value is None:
            value = contact_cache[day] = add_working_days(day, kind.contact_workdays)
        return value

    started = time.monotonic()
    fts_tables = [fts_table(m) for m in (Suggestion, Case, Reply)]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A throwaway file loaded by one connection: no rollback journal while loading (WAL again after).
            cursor.execute("PRAGMA journal_mode=OFF")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-400000")
            cursor.execute("PRAGMA temp_store=MEMORY")
            # Rows reference rows inserted after them (a suggestion its case): the foreign keys
            # are checked once at the end (foreign_key_check), not on every insert.
            cursor.execute("PRAGMA foreign_keys=OFF")
            # The full-text rows are built in one pass after the load ('rebuild'), not row by row,
            # with a large in-memory term buffer so the index is written in few, large segments.
            for fts in fts_tables:
                for suffix in ("ai", "ad", "au"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
                cursor.execute(
                    f"INSERT INTO {fts}({fts}, rank) VALUES ('hashsize', {256 * 1024 * 1024})"
                )
    sugg = Bulk(
        Suggestion,
        [
            "id",
            "number",
            "serial",
            "term_id",
            "session_id",
            "channel",
            "title",
            "content",
            "category",
            "lead_deputy_id",
            "status",
            "submitted_at",
            "screened_at",
            "case_id",
            "is_public",
            "withhold_reason",
            "search_text",
            "created_at",
            "updated_at",
        ],
    )
    case_rows = Bulk(
        Case,
        [
            "id",
            "kind_id",
            "title",
            "summary",
            "source_type",
            "source_id",
            "status",
            "round",
            "assigned_at",
            "due_on",
            "replied_at",
            "rating_due_on",
            "published",
            "closed_at",
            "search_text",
            "created_at",
            "updated_at",
        ],
    )
    req_rows = Bulk(CaseRequester, ["case_id", "person_id", "is_lead", "order"])
    asg_rows = Bulk(
        Assignment,
        [
            "case_id",
            "unit_id",
            "role",
            "status",
            "assigned_at",
            "due_on",
            "received_at",
            "opinion",
            "opinion_at",
            "contact_due_on",
            "first_contact_on",
            "created_at",
            "updated_at",
        ],
    )
    contact_rows = Bulk(
        Contact,
        [
            "case_id",
            "unit_id",
            "round",
            "contacted_on",
            "method",
            "note",
            "created_at",
            "updated_at",
        ],
    )
    reply_rows = Bulk(
        Reply,
        [
            "case_id",
            "unit_id",
            "round",
            "text",
            "result_class",
            "signed_by_name",
            "publishable",
            "withhold_reason",
            "is_follow_up",
            "replied_at",
            "published_at",
            "search_text",
            "created_at",
            "updated_at",
        ],
    )
    rating_rows = Bulk(
        Rating,
        [
            "case_id",
            "round",
            "requester_id",
            "value",
            "rated_at",
            "late",
            "created_at",
            "updated_at",
        ],
    )
    # The indexes stay during the load: their pages fit in the cache, while building one
    # afterwards reads the whole (wide) table again, once per index.
    phases: dict[str, float] = {}
    span = (today - dt.date(2023, 1, 20)).days
    states = (
        ("submitted", 2),
        ("not_accepted", 2),
        ("awaiting", 4),
        ("handling", 14),
        ("replied", 6),
        ("rated", 64),
        ("closed", 8),
    )
    population = [s for s, w in states for _ in range(w)]
    overdue_n = 0
    with transaction.atomic():
        for i in range(1, cases + 1):
            t = i % TEMPLATES
            text = texts.items[t]
            lead_deputy, person_id = deputies[rng.randrange(len(deputies))]
            state = population[rng.randrange(len(population))]
            if state in ("awaiting", "handling"):
                assigned = today - dt.timedelta(
                    days=rng.randrange(1, 130)
                )  # some past the 3 months
            else:
                assigned = dt.date(2023, 1, 20) + dt.timedelta(
                    days=rng.randrange(max(1, span - 120))
                )
            submitted = assigned - dt.timedelta(days=rng.randrange(5, 30))
            number = _number(i)
            public = rng.random() > 0.03
            has_case = state not in ("submitted", "not_accepted")
            status = {"submitted": "submitted", "not_accepted": "not_accepted"}.get(
                state, "assigned"
            )
            sugg.add(
                i,
                number,
                i,
                term.pk,
                session.pk,
                "session",
                text.title,
                text.content,
                CATEGORY_CODES.get(text.category, "other"),
                lead_deputy,
                status,
                at(submitted),
                at(submitted + dt.timedelta(days=3)),
                i if has_case else None,
                public,
                "" if public else "涉及个人隐私",
                texts.suggestion_search(t, number, i),
                at(submitted),
                at(assigned),
            )
            if not has_case:
                continue
            due = _add_months(assigned, 3)
            unit = (t * 7 + (1 if rng.random() < 0.08 else 0)) % UNITS
            lead_unit = units[unit].pk
            replied = assigned + dt.timedelta(days=rng.randrange(20, 85))
            case_status = {"awaiting": "awaiting_receipt", "handling": "in_handling"}.get(
                state, state
            )
            if case_status in ("awaiting_receipt", "in_handling") and due < today:
                overdue_n += 1
            is_replied = state in ("replied", "rated", "closed")
            cls, reply_text, reply_search = texts.replies[rng.randrange(len(texts.replies))]
            publishable = rng.random() > 0.08
            case_rows.add(
                i,
                kind.pk,
                text.title,
                text.content,
                SOURCE_TYPE,
                str(i),
                case_status,
                1,
                at(assigned),
                d(due),
                at(replied) if is_replied else None,
                d(replied + dt.timedelta(days=21)) if is_replied else None,
                is_replied and publishable,
                at(replied + dt.timedelta(days=30)) if state == "closed" else None,
                texts.case_search[t],
                at(assigned),
                at(replied if is_replied else assigned),
            )
            req_rows.add(i, person_id, True, 0)
            lead_status = (
                "awaiting" if state == "awaiting" else "received" if state == "handling" else "done"
            )
            contact_due = contact_due_for(assigned)
            contacted = (
                None if state == "awaiting" else assigned + dt.timedelta(days=rng.randrange(3, 40))
            )
            asg_rows.add(
                i,
                lead_unit,
                "lead",
                lead_status,
                at(assigned),
                d(due),
                None if state == "awaiting" else at(assigned + dt.timedelta(days=2)),
                "",
                None,
                d(contact_due),
                d(contacted) if contacted else None,
                at(assigned),
                at(assigned),
            )
            if i % 5 == 0:
                co = units[(unit + 1 + i % 3) % UNITS].pk
                co_due = _add_months(assigned, 1)
                done = state not in ("awaiting",)
                asg_rows.add(
                    i,
                    co,
                    "co",
                    "done" if done else "awaiting",
                    at(assigned),
                    d(co_due),
                    at(assigned + dt.timedelta(days=3)) if done else None,
                    "同意主办单位的办理意见，将按职责做好配合工作。" if done else "",
                    at(assigned + dt.timedelta(days=15)) if done else None,
                    None,
                    None,
                    at(assigned),
                    at(assigned),
                )
            if state == "awaiting":
                continue
            contact_rows.add(
                i,
                lead_unit,
                1,
                d(contacted),
                "phone",
                "就办理思路与代表电话沟通。",
                at(contacted),
                at(contacted),
            )
            if not is_replied:
                continue
            reply_rows.add(
                i,
                lead_unit,
                1,
                reply_text,
                cls,
                "王局长",
                publishable,
                "" if publishable else "涉及工作秘密",
                False,
                at(replied),
                at(replied) if publishable else None,  # approved for publication on the day
                reply_search,
                at(replied),
                at(replied),
            )
            if state in ("rated", "closed"):
                value = (
                    "satisfied"
                    if rng.random() < 0.8
                    else "basically"
                    if rng.random() < 0.8
                    else "dissatisfied"
                )
                rated = replied + dt.timedelta(days=rng.randrange(3, 15))
                rating_rows.add(i, 1, person_id, value, at(rated), False, at(rated), at(rated))
        for bulk in (sugg, case_rows, req_rows, asg_rows, contact_rows, reply_rows, rating_rows):
            bulk.flush()
        phases["rows"] = time.monotonic() - started
        phases["inserts"] = sum(
            b.seconds
            for b in (sugg, case_rows, req_rows, asg_rows, contact_rows, reply_rows, rating_rows)
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                for fts in fts_tables:
                    t0 = time.monotonic()
                    cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
                    cursor.execute(
                        f"INSERT INTO {fts}({fts}, rank) VALUES ('hashsize', {1024 * 1024})"
                    )
                    phases[fts] = time.monotonic() - t0
            ensure_search_indexes()  # the triggers again, for the rows the server writes
    if connection.vendor == "sqlite":
        t0 = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA foreign_key_check")
            broken = cursor.fetchall()
        if broken:
            raise RuntimeError(f"seeded rows break foreign keys: {broken[:5]}")
        phases["foreign_key_check"] = time.monotonic() - t0
    seed_s = time.monotonic() - started
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("ANALYZE")

    return {
        "seed_s": round(seed_s, 1),
        "overdue_cases": overdue_n,
        "phases_s": {k: round(v, 1) for k, v in phases.items()},
        "rows": {
            b.table: (b.count, round(b.seconds, 1))
            for b in (sugg, case_rows, req_rows, asg_rows, contact_rows, reply_rows, rating_rows)
        },
    }


def rebuild_tallies() -> float | None:
    """The seeding wrote around the actions: recount the statistics tallies once, timed
    (what ``manage.py suggestion_statistics --rebuild`` does after a bulk load)."""
    from renda.suggestions import tallies
    from renda.suggestions.models import StatisticsState

    state = StatisticsState.objects.filter(pk=1).first()
    if state is not None and state.stamp == tallies.data_stamp():
        return None
    seconds = round(tallies.rebuild(), 1)
    print(f"statistics tallies rebuilt from a full recount in {seconds} s", flush=True)
    return seconds


def sign_in() -> dict:
    """Sessions of the office user and the first unit's officer, as if they had signed in."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from renda.accounts.models import User

    sessions, users = {}, {}
    for key, username in (("staff", "bench-staff"), ("unit", "bench-unit")):
        user = User.objects.get(username=username)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "renda.accounts.backends.LockoutModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions[key], users[key] = store.session_key, user.pk
    return {"sessions": sessions, "users": users}


def _add_months(day: dt.date, months: int) -> dt.date:
    from renda.core.workdays import add_months

    return add_months(day, months)


# --------------------------------------------------------------------------- writing


def write_targets(rounds: int) -> list[tuple[int, int]]:
    """For each round, a replied case and a user of its lead requester (a deputy) who rates it."""
    from renda.accounts.models import Role, User
    from renda.casework.models import Case, CaseRequester

    cases = list(
        Case.objects.filter(status=Case.Status.REPLIED, rating_due_on__isnull=False)
        .order_by("id")
        .values_list("pk", flat=True)[:rounds]
    )
    if len(cases) < rounds:
        raise RuntimeError(f"{len(cases)} replied cases for {rounds} rounds: seed more cases")
    targets = []
    for case_id in cases:
        person_id = CaseRequester.objects.get(case_id=case_id, is_lead=True).person_id
        user = User.objects.filter(person_id=person_id).first() or User.objects.create_user(
            f"bench-deputy-{person_id}",
            password=uuid.uuid4().hex,
            role=Role.DEPUTY,
            person_id=person_id,
        )
        targets.append((case_id, user.pk))
    return targets


def write_once(case_id: int, user_id: int) -> str:
    """One real write through the services: the deputy rates the reply of a replied case."""
    from django.utils import timezone

    from renda.accounts.models import User
    from renda.casework import services as cw
    from renda.casework.models import Case

    case = Case.objects.get(pk=case_id)
    cw.rating_submit(
        actor=User.objects.get(pk=user_id), case=case, value="satisfied", now=timezone.now()
    )
    return f"rating_submit case {case_id}"


def run(
    cases: int, requests: int, keep: bool = False, db: str | None = None, rounds: int = 3
) -> dict:
    tmp = tempfile.mkdtemp(prefix="renda-suggestions-bench-")
    server_url = os.environ.get("DATABASE_URL")
    env, drop = make_env(tmp)
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    reuse = False
    if db and not drop:
        reuse = os.path.exists(db)
        env["SQLITE_PATH"] = db
    os.environ.update(env)
    import django

    django.setup()
    server = None
    try:
        if reuse:
            from django.core.management import call_command
            from django.db import connection

            from renda.suggestions.models import Suggestion

            call_command("migrate", verbosity=0, interactive=False)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # statistics for indexes added since the file was seeded
            cases = Suggestion.objects.count()
            info = {"seed_s": None, "overdue_cases": None}
            print(f"reusing {db}: {cases:,} suggestions", flush=True)
        else:
            info = seed(cases)
            print(
                f"seeded {cases:,} suggestions in {info['seed_s']} s: {info['rows']} {info['phases_s']}",
                flush=True,
            )
        info["statistics_rebuild_s"] = rebuild_tallies()
        info.update(sign_in())
        queries = count_queries(info)
        plan, flagged, plan_rows = queue_plan(info["users"]["unit"])
        print_plan(plan, flagged, plan_rows)
        targets = write_targets(rounds)
        measured, rss, writes = [], [], []
        for case_id, user_id in targets:
            server = Server(env).start()
            pages = measure(server.port, info, requests)
            writes.append(write_once(case_id, user_id))
            for name, ms in measure_once(server.port, info).items():
                pages[name]["after_write_ms"] = ms
            rss.append(rss_mb(server.proc.pid))
            server.stop()
            server = None
            measured.append(pages)
        return {
            "cases": cases,
            "rss_mb": max(rss),
            "seed_s": info["seed_s"],
            "overdue_cases": info["overdue_cases"],
            "statistics_rebuild_s": info["statistics_rebuild_s"],
            "database": "postgresql" if drop else "sqlite",
            "requests": requests,
            "rounds": rounds,
            "writes": writes,
            "queue_plan": plan,
            "queue_plan_flagged": flagged,
            "queue_plan_rows": plan_rows,
            **summarize(measured, queries),
        }
    finally:
        if server:
            server.stop()
        from django.db import connections

        connections.close_all()
        if drop:
            os.environ["DATABASE_URL"] = server_url  # drop it from the server's own database
            drop_database(drop)
        if keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60, help="measured requests per page")
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite file")
    parser.add_argument(
        "--db",
        help="SQLite file to seed and keep, or to measure again if it exists (no re-seeding)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="server starts, each measuring every page then one request after a write",
    )
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    result = run(args.cases, args.requests, args.keep, args.db, args.rounds)
    print(f"medians of {args.rounds} rounds:")
    for name in PAGES:
        r = result[name]
        low, high = r["p95_spread_ms"]
        print(
            f"{name:>10}: p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms [{low}–{high}]"
            f"  first {r['first_ms']:7.1f} ms  after a write {r['after_write_ms']:7.1f} ms"
            f"  {r['queries']} queries"
        )
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
