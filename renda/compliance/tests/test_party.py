"""S1: the party committee's congress-work conference once a term and its standing committee
hearing the SC party group's report once a year, recorded by the office."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from renda.compliance import services
from renda.compliance.models import PartyMeeting
from renda.compliance.registry import evaluate
from renda.core.errors import DomainError
from renda.core.models import RuleSetting

pytestmark = pytest.mark.django_db
D = dt.date


def record(staff, kind, day, title="会议"):
    return services.party_meeting_record(actor=staff, kind=kind, held_on=day, title=title)


def test_s1_met_and_broken(staff, term):  # the term runs 2022-01-10 to 2027-01-09
    assert evaluate("S1", 2025, D(2026, 3, 1)).verdict.status == "broken"  # no report in 2025
    assert evaluate("S1", 2026, D(2026, 3, 1)).verdict.status == "at_risk"
    record(staff, "group_report", D(2025, 11, 20), "市委常委会听取市人大常委会党组工作汇报")
    v = evaluate("S1", 2025, D(2026, 3, 1)).verdict
    assert v.status == "at_risk" and "应至少 1 次" in v.summary  # no conference yet, a year left
    assert evaluate("S1", 2025, D(2025, 12, 1)).verdict.status == "not_due"  # more than a year left
    assert evaluate("S1", 2025, D(2026, 3, 1)).verdict.evidence[0].label.endswith("工作汇报")
    assert evaluate("S1", 2026, D(2026, 3, 1)).verdict.status == "at_risk"  # 2026's report not yet
    record(staff, "conference", D(2023, 4, 12), "市委人大工作会议")
    assert evaluate("S1", 2025, D(2026, 3, 1)).verdict.status == "met"
    RuleSetting.objects.create(key="party.group_report_per_year", value="2")
    assert evaluate("S1", 2025, D(2026, 3, 1)).verdict.status == "broken"  # the local setting


def test_a_term_without_its_conference_is_broken(staff, term):
    record(staff, "group_report", D(2026, 5, 1))
    assert (
        evaluate("S1", 2026, D(2026, 6, 1)).verdict.status == "at_risk"
    )  # the term ends within a year
    assert evaluate("S1", 2026, D(2027, 2, 1)).verdict.status == "broken"  # it ended without one
    with pytest.raises(DomainError) as e:
        record(staff, "conference", D(2099, 1, 1))
    assert (
        e.value.code == "invalid_date"
        and not PartyMeeting.objects.filter(kind="conference").exists()
    )


def test_the_page_and_the_api(client_for, term):
    office = client_for("staff")
    r = office.post(reverse("compliance:party_record"), {"kind": "group_report", "held_on": "2099-01-01", "title": "市委常委会会议"})  # fmt: skip
    body = r.content.decode()
    assert (
        r.status_code == 400 and "召开日期不能晚于今天" in body and 'value="市委常委会会议"' in body
    )
    r = office.post(reverse("compliance:party_record"), {"kind": "group_report", "held_on": "2026-05-01", "title": "市委常委会会议"})  # fmt: skip
    assert r.status_code == 302 and r["Location"].endswith("?year=2026")
    page = office.get(reverse("compliance:party") + "?year=2026").content.decode()
    assert "市委常委会会议" in page and 'id="s1-status"' in page and 'id="party-new"' in page
    r = office.post("/api/v1/compliance/party-meetings", {"kind": "conference", "held_on": "2024-03-01", "title": "市委人大工作会议"}, content_type="application/json")  # fmt: skip
    assert r.status_code == 201 and r.json()["kind"] == "conference"
    member = client_for("member")
    assert 'id="party-new"' not in member.get(reverse("compliance:party")).content.decode()
    listed = member.get("/api/v1/compliance/party-meetings?year=2024").json()
    assert [m["title"] for m in listed["items"]] == ["市委人大工作会议"]
    assert member.post("/api/v1/compliance/party-meetings", {"kind": "conference", "held_on": "2024-03-01", "title": "x"}, content_type="application/json").status_code == 403  # fmt: skip
