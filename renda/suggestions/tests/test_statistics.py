"""Handling statistics: reply, satisfaction and solved rates, overdue items, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.suggestions import statistics

pytestmark = pytest.mark.django_db

LATER = dt.date(2026, 12, 31)


@pytest.fixture
def mix(handled, make_suggestion):
    return {
        "a": handled(result="A", rating="satisfied"),
        "b": handled(result="B", rating="dissatisfied"),
        "open": handled(unit="transport"),
        "late": handled(unit="transport", result="C", rating="satisfied", late=True),
        "submitted": make_suggestion(),
        "draft": make_suggestion(status="draft"),
    }


def test_rates_follow_the_rules(mix):
    """§1.14 reply rate = replied ÷ assigned; §1.7 late ratings are left out; §1.12 solved = A ÷ replied."""
    f = statistics.totals(today=LATER)
    assert (f.total, f.assigned, f.replied) == (5, 4, 3)
    assert f.reply_rate == Decimal("75.0")
    assert (f.rated, f.satisfied) == (2, 1) and f.satisfaction_rate == Decimal("50.0")
    assert f.solved == 1 and f.solved_rate == Decimal("33.3")
    assert f.overdue == 1  # the unreplied one, past its three-month deadline (§1.2)
    assert statistics.totals(today=dt.date(2026, 3, 10)).overdue == 0


def test_groups_per_unit_session_and_year(mix, units, session, handled):
    handled(result="A", session=session)
    units_rows = statistics.by_unit(today=LATER)
    by_name = {f.label: f for f in units_rows}
    edu, transport = by_name[units["education"].name], by_name[units["transport"].name]
    assert (edu.total, edu.replied, edu.solved, edu.overdue) == (3, 3, 2, 0)
    assert (transport.total, transport.replied, transport.overdue) == (2, 1, 1)
    assert units_rows[0] == edu  # ranked by reply rate first
    sessions = {f.label: f for f in statistics.by_session(today=LATER)}
    assert sessions[session.title].total == 1 and sessions["第17届闭会期间"].total == 5
    years = statistics.by_year(today=LATER)
    assert sum(f.total for f in years) == 6


def test_query_count_does_not_depend_on_data(handled):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            statistics.report(today=LATER)
        return len(ctx.captured_queries)

    handled(result="A", rating="satisfied")
    few = count()
    for cls in ("A", "B", "C", "D", None, None):
        handled(result=cls, unit="transport")
    assert count() == few == 5


def test_page_shows_tables_and_charts(client_for, mix, units):
    response = client_for("leader").get(reverse("suggestions:statistics"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="unit-table"' in page and units["education"].name in page and "75.0%" in page
    assert 'data-echarts="chart-units"' in page and 'id="chart-units"' in page
    assert "<script>" not in page.replace("<script src=", "")
    assert client_for("deputy").get(reverse("suggestions:statistics")).status_code == 403


def test_page_query_count_is_pinned(client_for, handled):
    client = client_for("staff")

    def count() -> int:
        client.get(reverse("suggestions:statistics"))
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("suggestions:statistics"))
        return len(ctx.captured_queries)

    handled(result="A")
    few = count()
    for _i in range(4):
        handled(result="B", unit="finance")
    assert count() == few
