"""The government's debt (§4.6): the limit and balances of each kind by year, the balance
checked against the flows, flagged near the limit (a setting) and past it (预算法 第35条)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from renda.budget import services
from renda.budget.models import DebtFigure
from renda.budget.services.debt import year_rows
from renda.budget.work import debt_items
from renda.core.errors import DomainError
from renda.core.models import AuditEvent, RuleSetting

pytestmark = pytest.mark.django_db

GENERAL = {"limit": "1000", "opening": "800", "issued": "150", "repaid": "50", "closing": "900"}


def record(staff, year=2025, kind="general", **amounts):
    return services.debt_record(actor=staff, year=year, kind=kind, **{**GENERAL, **amounts})


def test_the_balance_must_follow_from_the_flows_and_nothing_is_written_otherwise(staff):
    with pytest.raises(DomainError) as e:
        record(staff, closing="901")
    assert e.value.code == "debt_unbalanced" and e.value.field == "closing" and "900.00" in str(e.value)  # fmt: skip
    with pytest.raises(DomainError) as e:
        record(staff, opening="10", issued="0", repaid="20", closing="0")
    assert e.value.code == "debt_unbalanced" and e.value.field == "repaid"
    for field, value in (
        ("limit", "0"),
        ("issued", "-1"),
        ("opening", "abc"),
        ("repaid", "0.0000001"),
    ):
        with pytest.raises(DomainError) as e:
            record(staff, **{field: value})
        assert e.value.code == "invalid_amount" and e.value.field == field
    with pytest.raises(DomainError) as e:
        record(staff, closing="")
    assert e.value.code == "field_required"
    assert not DebtFigure.objects.exists()
    assert not AuditEvent.objects.filter(action="budget.debt.record").exists()


def test_states_against_the_limit_and_the_setting(staff):
    record(staff)  # 900 of 1000: at the 90 % warning
    record(staff, kind="special", limit="500", opening="400", issued="150", repaid="40", closing="510")  # fmt: skip
    rows = {r.kind: r for r in year_rows(2025)}
    assert (rows["general"].used, rows["general"].state) == (Decimal("90.0"), "warning")
    assert (rows["special"].used, rows["special"].state) == (Decimal("102.0"), "over")
    total = rows["total"]
    assert (total.limit_fen, total.closing_fen, total.state) == (1500 * 10**6, 1410 * 10**6, "warning")  # fmt: skip
    assert rows["special"].as_dict()["limit_room"] == "0.00"
    RuleSetting.objects.create(key="budget.debt_warning_percent", value="95")
    assert {r.kind: r.state for r in year_rows(2025)} == {"general": "ok", "special": "over", "total": "ok"}  # fmt: skip
    titles = [str(i.title) for i in debt_items(None)]
    assert titles == ["政府债务超过限额：2025年专项债务"]


def test_a_correction_replaces_the_figures_and_the_audit_keeps_both(staff):
    record(staff, year=2024, closing="800", opening="700", issued="150", repaid="50")
    record(staff)
    assert year_rows(2025)[0].growth == Decimal("12.5")  # 900 against 800
    assert [r.kind for r in year_rows(2025)] == ["general"]  # no total until both kinds are in
    record(staff, issued="160", closing="910", note="更正：补记再融资债券")
    figure = DebtFigure.objects.get(year=2025, kind="general")
    assert figure.closing_fen == 910 * 10**6 and figure.note == "更正：补记再融资债券"
    events = list(AuditEvent.objects.filter(action="budget.debt.record").order_by("seq"))
    assert len(events) == 3 and events[-1].changes["corrected"] is True
    assert events[1].changes["closing_fen"] == 900 * 10**6


def test_the_page_keeps_what_was_typed_and_the_api(client_for, staff):
    office = client_for("staff")
    data = {"year": 2025, "kind": "general", "limit": "1000", "opening": "800", "issued": "150", "repaid": "50", "closing": "950", "note": "草稿"}  # fmt: skip
    r = office.post(reverse("budget:debt_record"), data)
    page = r.content.decode()
    assert r.status_code == 400 and "年末余额应等于年初余额加本年新增减本年偿还" in page
    assert 'value="950"' in page and "草稿" in page and not DebtFigure.objects.exists()
    r = office.post(reverse("budget:debt_record"), {**data, "closing": "900"})
    assert r.status_code == 302
    page = office.get(reverse("budget:debt") + "?year=2025").content.decode()
    assert 'data-kind="general"' in page and "900.00" in page and "接近限额" in page
    body = {**data, "kind": "special", "limit": "500", "closing": "900"}
    r = office.post("/api/v1/budget/debt", body, content_type="application/json")
    assert (
        r.status_code == 201 and r.json()["state"] == "over" and r.json()["used_percent"] == "180.0"
    )
    r = office.post(
        "/api/v1/budget/debt", {**body, "closing": "1"}, content_type="application/json"
    )
    assert r.status_code == 400 and r.json()["code"] == "debt_unbalanced"
    member = client_for("member")  # the same client, now signed in as a member
    assert member.get(reverse("budget:debt") + "?year=2025").status_code == 200
    assert member.post(reverse("budget:debt_record"), data).status_code == 403
    assert (
        member.post("/api/v1/budget/debt", body, content_type="application/json").status_code == 403
    )
    got = member.get("/api/v1/budget/debt?year=2025").json()
    assert got["warning_percent"] == 90
    assert [(x["kind"], x["closing"], x["state"]) for x in got["rows"]] == [
        ("general", "900.00", "warning"), ("special", "900.00", "over"), ("total", "1,800.00", "over"),
    ]  # fmt: skip
