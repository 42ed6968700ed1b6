"""The statistics kept as running tallies: equal to a full recount after any history, read in
a fixed number of queries, rebuilt one at a time when data changed outside the actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renda.core.errors import DomainError, PermissionDenied
from renda.suggestions import statistics, tallies
from renda.suggestions.models import StatisticsState

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 30)


def plain(figures: dict) -> dict:
    """The figures as comparable data: every group's numbers and label, groups in a fixed order."""
    return {
        "totals": figures["totals"].as_dict(),
        **{
            name: sorted((f.as_dict() for f in figures[name]), key=lambda d: str(d["key"]))
            for name in ("sessions", "years", "units")
        },
    }


def rebuilt_at():
    return StatisticsState.objects.values_list("rebuilt_at", flat=True).first()


def test_an_action_updates_the_tallies_without_a_rebuild(handled, users):
    from renda.casework import services as cw

    s = handled(result="A")
    tallies.rebuild()
    before = rebuilt_at()
    assert statistics.cached_report(today=TODAY)["totals"].rated == 0
    cw.rating_submit(
        actor=users["deputy"],
        case=s.case,
        value="satisfied",
        now=dt.datetime(2026, 3, 16, 10, tzinfo=dt.UTC),
    )
    after = statistics.cached_figures(today=TODAY)
    assert (after["figures"]["totals"].rated, after["figures"]["totals"].satisfied) == (1, 1)
    assert after["stale"] is False and rebuilt_at() == before  # tallied on write, not rebuilt
    assert plain(after["figures"]) == plain(statistics.report(today=TODAY))


def test_reading_takes_the_same_queries_however_many_suggestions(handled, session):
    def count() -> int:
        statistics.cached_report(today=TODAY)  # rebuilds after the fixtures' direct writes
        with CaptureQueriesContext(connection) as ctx:
            statistics.cached_report(today=TODAY)
        return len(ctx.captured_queries)

    handled(result="A", rating="satisfied", session=session)
    few = count()
    for cls in ("A", "B", "C", "D", None, None):
        handled(result=cls, unit="transport")
    # the stamp, the state, the tallies, the deadlines, the sessions' and units' names
    assert count() == few == 6


def test_a_change_outside_the_actions_is_rebuilt_on_the_next_read(handled):
    from renda.casework.models import Case

    s = handled(result="A")
    tallies.rebuild()
    first = rebuilt_at()
    handled(unit="transport")  # an action: tallied, no rebuild needed
    assert statistics.cached_figures(today=TODAY)["stale"] is False and rebuilt_at() == first
    # Written around the actions (an import, the admin shell): a new row the tallies never saw.
    Case.objects.filter(pk=s.case_id).update(replied_at=None)
    stray = handled(unit="transport")
    type(stray).objects.filter(pk=stray.pk).update(status="accepted")
    case = stray.case
    case.pk = None
    case.save()  # the newest case row, made without an action
    assert statistics.cached_figures(today=TODAY)["stale"] is False
    assert rebuilt_at() != first
    assert plain(tallies.figures(today=TODAY)) == plain(statistics.report(today=TODAY))


def test_an_action_after_a_stray_write_does_not_hide_it(handled):
    """The stamp moves on after an action only if nothing else changed since the last tally."""
    from renda.casework.models import Case

    handled(result="A")
    tallies.rebuild()
    first = rebuilt_at()
    other = Case.objects.order_by("id").last()
    other.pk = None
    other.save()  # written around the actions
    handled(unit="transport")  # an audited change after it
    statistics.cached_report(today=TODAY)
    assert rebuilt_at() != first  # the stray row was still noticed and the tallies rebuilt


def test_one_rebuild_at_a_time_and_readers_get_the_last_figures(handled):
    from django.core.cache import cache

    handled(result="A")
    tallies.rebuild()
    first = rebuilt_at()
    handled(unit="transport")
    from renda.casework.models import Case

    extra = Case.objects.order_by("id").last()
    extra.pk = None
    extra.save()
    assert cache.add(tallies._LOCK, True, 60)  # another process is rebuilding
    try:
        result = statistics.cached_figures(today=TODAY)
        assert result["stale"] is True and rebuilt_at() == first  # no second rebuild
        assert result["figures"]["totals"].total == 2
    finally:
        cache.delete(tallies._LOCK)
    assert statistics.cached_figures(today=TODAY)["stale"] is False and rebuilt_at() != first


def test_the_daily_check_repairs_tallies_that_drifted(handled):
    from renda.suggestions.models import StatisticsTally

    handled(result="A")
    tallies.rebuild()
    assert tallies.check() is True
    StatisticsTally.objects.filter(dimension="year").update(replied=7)
    assert tallies.check() is False
    assert tallies.check() is True
    assert plain(tallies.figures(today=TODAY)) == plain(statistics.report(today=TODAY))


# --------------------------------------------------------------------------- random histories

OPS = (
    "new",
    "new",
    "assign",
    "reply",
    "reply",
    "rate",
    "rate",
    "verify",
    "follow_up",
    "extend",
    "withdraw",
    "not_accept",
    "merge",
)


def _try(step) -> bool:
    """Run one action; a refusal (not allowed in this state) writes nothing and is no failure."""
    try:
        with transaction.atomic():
            step()
        return True
    except (DomainError, PermissionDenied):
        return False


def _lead_officer(case, officers):
    from renda.casework.models import Assignment

    lead = (
        Assignment.objects.filter(case=case, role=Assignment.Role.LEAD)
        .exclude(status=Assignment.Status.RETURNED)
        .values_list("unit_id", flat=True)
        .last()
    )
    return officers.get(lead)


def _apply(op, target, other, param, env, step) -> int:
    """Take ``target`` as far as ``op`` through the actions, doing what it needs first; the actions done."""
    from renda.casework import services as cw
    from renda.suggestions import services as S
    from renda.suggestions.assignment import UnitProposal, suggestion_assign

    users, units, officers = env["users"], env["units"], env["officers"]
    now = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC) + dt.timedelta(days=4 * step)
    staff = users["staff"]
    if op == "new":
        status = ("draft", "submitted", "accepted", "accepted")[param]
        extra = {"session": env["session"]} if param == 3 else {}
        env["made"].append(env["make"](title=f"关于第{step}号问题的建议", status=status, **extra))
        return 1
    done = 0
    target.refresh_from_db()
    if op == "withdraw":
        return _try(
            lambda: S.suggestion_withdraw(actor=users["deputy"], suggestion=target, now=now)
        )
    if op == "not_accept":
        return _try(
            lambda: S.suggestion_not_accept(
                actor=staff, suggestion=target, reasons=["personal"], now=now
            )
        )
    if op == "merge":
        if other is None or other.pk == target.pk:
            return 0
        return _try(lambda: S.suggestion_merge(actor=staff, into=target, others=[other], now=now))
    if target.case_id is None:
        unit = units[("education", "transport")[param % 2]]
        done += _try(
            lambda: suggestion_assign(
                actor=staff, suggestion=target, lead=unit, now=now, proposal=UnitProposal([], [])
            )
        )
        target.refresh_from_db()
    case = target.case
    if op == "assign" or case is None:
        return done
    officer = _lead_officer(case, officers)
    if op == "extend":
        holder = {}

        def ask():
            holder["r"] = cw.extension_request(
                actor=officer, case=case, reason="多部门协调", now=now
            )

        if _try(ask):
            done += 1 + _try(
                lambda: cw.extension_decide(
                    actor=staff, request=holder["r"], approve=param % 2 == 0, now=now
                )
            )
        return done
    if case.replied_at is None:
        done += _try(lambda: cw.assignment_receive(actor=officer, case=case, now=now))
        done += _try(
            lambda: cw.contact_log(
                actor=officer,
                case=case,
                contacted_on=now.date(),
                method="phone",
                note="电话沟通",
                now=now,
            )
        )
        done += _try(
            lambda: cw.reply_submit(
                actor=officer,
                case=case,
                text="经研究，已经落实。",
                result_class="ABCD"[param],
                signed_by_name="张局长",
                publishable=True,
                now=now,
            )
        )
        case.refresh_from_db()
    if op == "reply" or case.replied_at is None:
        return done
    if op == "follow_up":
        return done + _try(
            lambda: cw.follow_up_reply(
                actor=officer,
                case=case,
                text="已全部落实。",
                result_class="A",
                signed_by_name="张局长",
                now=now,
            )
        )
    done += _try(lambda: cw.reply_publish(actor=staff, case=case, now=now))
    value = (
        "dissatisfied" if op == "verify" else ("satisfied", "basically", "dissatisfied")[param % 3]
    )
    done += _try(
        lambda: cw.rating_submit(
            actor=users["deputy"],
            case=case,
            value=value,
            comment="未解决" if value == "dissatisfied" else "",
            now=now + dt.timedelta(days=60 * (param == 3)),  # late: left out (§1.7)
        )
    )
    if op == "verify":
        done += _try(
            lambda: cw.dissatisfaction_verify(
                actor=staff, case=case, rehandle=param % 2 == 0, finding="核实情况属实", now=now
            )
        )
    return done


@pytest.fixture
def env(make_suggestion, users, units, session, db):
    from renda.accounts.models import Role, User
    from renda.core.workdays import load_package_calendar

    load_package_calendar()
    officers = {
        u.pk: User.objects.create_user(
            f"officer-{code}", password="x", role=Role.UNIT_OFFICER, scope=u
        )
        for code, u in units.items()
    }
    return {
        "make": make_suggestion,
        "users": users,
        "units": units,
        "session": session,
        "officers": officers,
        "made": [],
        "done": [],
    }


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(OPS), st.integers(0, 7), st.integers(0, 7), st.integers(0, 3)),
        min_size=1,
        max_size=18,
    ),
    day=st.integers(0, 500),
)
def test_tallies_equal_a_full_recount_after_any_history(env, steps, day):
    """A property over random histories through the actions: tallied on write = recounted."""
    with transaction.atomic():
        env["made"] = [
            env["make"](title="关于公交线路的建议", status="accepted"),
            env["make"](title="关于学校扩容的建议", status="accepted", session=env["session"]),
            env["make"](title="关于医保报销的建议", status="submitted"),
        ]
        tallies.rebuild()
        first = rebuilt_at()
        done = 0
        for step, (op, a, b, param) in enumerate(steps):
            made = env["made"]
            done += _apply(op, made[a % len(made)], made[b % len(made)], param, env, step)
        env["done"].append(done)
        today = dt.date(2026, 3, 1) + dt.timedelta(days=day)
        tallies.ensure_current()
        assert rebuilt_at() == first, "a change escaped the tallies and forced a rebuild"
        assert plain(tallies.figures(today=today)) == plain(statistics.report(today=today))
        transaction.set_rollback(True)


def test_every_step_of_the_histories_acts(env):
    """The random histories above are not idle: each kind of step does its actions here."""
    made = env["made"] = [
        env["make"](title=f"关于第{n}号问题的建议", status="accepted", session=env["session"])
        for n in range(6)
    ]
    tallies.rebuild()
    first = rebuilt_at()
    history = [
        ("reply", 0, 0, 0),  # assigned, received, contacted, replied A
        ("rate", 0, 0, 0),  # published, rated satisfied
        ("verify", 1, 0, 1),  # replied B, rated dissatisfied, verified: re-handled
        ("follow_up", 2, 0, 2),  # replied C, then a follow-up A
        ("extend", 3, 0, 0),  # assigned, extension asked and approved
        ("rate", 4, 0, 3),  # replied D, rated late
        ("merge", 5, 1, 0),  # an accepted one merged with an assigned one: refused
        ("new", 0, 0, 1),
        ("withdraw", 6, 0, 0),
    ]
    for step, (op, a, b, param) in enumerate(history):
        acted = _apply(op, made[a], made[b], param, env, step)
        assert acted or op == "merge", op
    assert rebuilt_at() == first or tallies.ensure_current() == (False, first)
    assert rebuilt_at() == first
    for today in (dt.date(2026, 3, 1), TODAY, dt.date(2027, 6, 1)):
        assert plain(tallies.figures(today=today)) == plain(statistics.report(today=today))
    totals = tallies.figures(today=TODAY)["totals"]
    assert (totals.total, totals.replied, totals.rated) == (6, 4, 2)


def test_the_command_rebuilds_and_checks(handled):
    from io import StringIO

    from django.core.management import call_command

    handled(result="A")
    out = StringIO()
    call_command("suggestion_statistics", stdout=out)
    assert "out of date" in out.getvalue()
    call_command("suggestion_statistics", "--rebuild", stdout=out)
    assert "rebuilt in" in out.getvalue() and out.getvalue().rstrip().endswith("current")
    out = StringIO()
    call_command("suggestion_statistics", "--check", stdout=out)
    assert "equal to a full recount" in out.getvalue()
    assert tallies.figures(today=TODAY)["totals"].replied == 1
