"""Adjustments and transfers between items (§4.8): each department's change against the
approved budget and what moved between its items, flagged past the local settings; the
page, its workbook and the API."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from renda.budget import adjustments
from renda.core.models import RuleSetting

pytestmark = pytest.mark.django_db
BUDGET = [  # 万元
    ("101", "", "2010101", "30101", 1000), ("101", "", "2010104", "30201", 200),
    ("102", "", "2010301", "30101", 800),
    ("201", "", "2050202", "30101", 10000), ("201", "", "2050203", "30201", 6000),
]  # fmt: skip
ADJUSTED = [  # 101 grows by a sixth; 102 by 2.5 %; 201 moves 1000 from primary to junior schools
    ("101", "", "2010101", "30101", 1000), ("101", "", "2010104", "30201", 200), ("101", "", "2080505", "30101", 200),
    ("102", "", "2010301", "30101", 820),
    ("201", "", "2050202", "30101", 9000), ("201", "", "2050203", "30201", 7000),
]  # fmt: skip


def test_changes_and_transfers_are_flagged_past_the_settings(load):
    load("budget", BUDGET)
    assert adjustments.changes(2026) == []  # no adjustment yet
    load("adjustment", ADJUSTED)
    rows = {r.department.code: r for r in adjustments.changes(2026)}
    grown, steady, moved = rows["101"], rows["102"], rows["201"]
    assert (grown.change_fen, grown.change_pct, grown.moved_fen) == (
        200 * 10**6,
        Decimal("16.7"),
        0,
    )
    assert grown.adjusted_flag and not grown.transferred_flag
    assert steady.change_pct == Decimal("2.5") and not steady.flagged
    assert (moved.change_fen, moved.moved_fen, moved.moved_pct) == (0, 1000 * 10**6, Decimal("6.3"))
    assert moved.transferred_flag and not moved.adjusted_flag
    assert [r.department.code for r in adjustments.changes(2026)][2] == "102"  # flagged first
    RuleSetting.objects.create(key="budget.adjustment_points", value="20")
    RuleSetting.objects.create(key="budget.transfer_points", value="7")
    assert not any(r.flagged for r in adjustments.changes(2026))


def test_the_page_its_workbook_and_the_api(client_for, load):
    from openpyxl import load_workbook

    client = client_for("member")
    load("budget", BUDGET)
    page = client.get(reverse("budget:adjustments") + "?year=2026").content.decode()
    assert 'id="no-adjustment"' in page and "尚无预算调整" in page
    load("adjustment", ADJUSTED)
    page = client.get(reverse("budget:adjustments") + "?year=2026").content.decode()
    assert "2 个部门预警" in page and "调整幅度大" in page and "流用多" in page and "+16.7%" in page
    r = client.get(reverse("budget:adjustments") + "?year=2026&format=xlsx")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    body = [row for row in rows if row and row[0] in ("101", "102", "201")]
    assert [row[0] for row in body] == ["101", "201", "102"] and body[1][6] == "10,000,000.00"
    data = client.get("/api/v1/budget/monitoring/adjustments?year=2026").json()
    assert (data["adjustment_points"], data["transfer_points"]) == (10, 5)
    by_dept = {i["department"]: i for i in data["items"]}
    assert by_dept["市教育局"]["transferred_flag"] and by_dept["市教育局"]["moved_percent"] == "6.3"
    assert (
        client_for(None).get("/api/v1/budget/monitoring/adjustments?year=2026").status_code == 401
    )
