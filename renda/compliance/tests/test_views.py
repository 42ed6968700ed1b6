"""The dashboard, a rule's page and the API show the same verdicts; every rule of the rule
book is either evaluated, said to be unevaluable, or listed as not yet in the registry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.compliance import registry
from renda.core import rulebook
from renda.meetings.models import Meeting
from renda.people.models import Organization

pytestmark = pytest.mark.django_db


def test_the_registry_refuses_unknown_codes_and_areas():
    with pytest.raises(ValueError):
        registry.unevaluable("S99", "meetings", "?")
    with pytest.raises(ValueError):
        registry.unevaluable("S3", "nowhere", "?")
    assert set(registry.REGISTRY) <= set(rulebook.RULES)


def test_dashboard_rule_page_and_api_agree(client_for, term):
    sc = Organization.objects.get(code="standing-committee")
    year = timezone.localdate().year
    held = Meeting.objects.create(kind="sc_meeting", body=sc, term=term, number=1, title="第一次会议", starts_on=dt.date(year - 1, 3, 1), ends_on=dt.date(year - 1, 3, 1))  # fmt: skip
    client = client_for("member")
    page = client.get(reverse("compliance:dashboard")).content.decode()
    results = registry.evaluate_all(year, timezone.localdate())
    data = registry.summary(results)
    assert 'id="area-meetings"' in page and 'id="area-budget"' in page
    assert f"<strong>{data['counts']['met']}</strong>" in page
    api = client.get("/api/v1/compliance").json()
    assert api["year"] == year and api["counts"] == data["counts"]
    assert {i["code"]: i["status"] for i in api["items"]} == {x.code: x.verdict.status for x in results}  # fmt: skip
    assert (
        len(api["items"]) + len(api["not_registered"]) == len(rulebook.RULES) - 1
    )  # all but "counting"
    for code in api["not_registered"]:
        assert rulebook.title(code) and str(rulebook.title(code)) in page  # listed on the dashboard

    r = client.get(reverse("compliance:rule", args=["§8.7"]) + f"?year={year - 1}")
    body = r.content.decode()
    assert r.status_code == 200 and 'id="rule-status"' in body and 'id="history"' in body
    assert reverse("meetings:detail", args=[held.pk]) in body  # the evidence, linked
    one = client.get(f"/api/v1/compliance/rules/%C2%A78.7?year={year - 1}").json()
    assert one["code"] == "§8.7" and one["evidence"][0]["url"] == reverse("meetings:detail", args=[held.pk])  # fmt: skip
    assert client.get(reverse("compliance:rule", args=["S99"])).status_code == 404
    assert client.get("/api/v1/compliance/rules/S99").status_code == 404
    deputy = client_for("deputy")
    assert deputy.get(reverse("compliance:dashboard")).status_code == 403
    assert deputy.get("/api/v1/compliance").status_code == 403


def test_the_annual_report_opens_back_with_the_verdicts(client_for, term):
    import io

    from docx import Document

    year = timezone.localdate().year
    r = client_for("leader").get(reverse("compliance:report") + f"?year={year}")
    assert r.status_code == 200 and r["Content-Disposition"].endswith(f'compliance-{year}.docx"')
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"关于{year}年度贯彻落实人大工作有关要求情况的报告" in text
    results = {x.code: x for x in registry.evaluate_all(year, timezone.localdate())}
    rows = {row.cells[1].text.split(" ")[0]: row.cells[2].text for t in doc.tables for row in t.rows[1:]}  # fmt: skip
    assert rows == {code: str(x.status_label) for code, x in results.items()}
    counts = registry.summary(list(results.values()))["counts"]
    assert f"未落实 {counts['broken']} 项" in text


def test_the_dashboard_costs_the_same_whatever_the_rows(client_for, term):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sc = Organization.objects.get(code="standing-committee")
    client = client_for("staff")

    def count() -> int:
        registry._reused.clear()  # the rows below are written around the actions: evaluate anew
        with CaptureQueriesContext(connection) as c:
            assert client.get(reverse("compliance:dashboard")).status_code == 200
        return len(c.captured_queries)

    year = timezone.localdate().year
    Meeting.objects.create(kind="sc_meeting", body=sc, term=term, number=1, title="会议1", starts_on=dt.date(year, 1, 5), ends_on=dt.date(year, 1, 5))  # fmt: skip
    before = count()
    for n in range(2, 12):
        day = dt.date(year, 1, 5) + dt.timedelta(days=30 * (n - 1))
        Meeting.objects.create(kind="sc_meeting", body=sc, term=term, number=n, title=f"会议{n}", starts_on=day, ends_on=day)  # fmt: skip
    assert count() == before


def test_the_dashboard_is_reused_until_the_next_audited_change(client_for, users, term):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from renda.meetings.services import meeting_schedule

    client = client_for("staff")
    registry._reused.clear()

    def count() -> int:
        with CaptureQueriesContext(connection) as c:
            assert client.get(reverse("compliance:dashboard")).status_code == 200
        return len(c.captured_queries)

    first = count()
    again = count()
    assert again < 15 < first  # the session, the audit head, the published rules: no rule evaluated
    year = timezone.localdate().year
    meeting_schedule(actor=users["admin"], kind="sc_meeting", term=term, starts_on=dt.date(year, 1, 5), ends_on=dt.date(year, 1, 5), number=1)  # fmt: skip
    assert count() > 15  # an audited change: every rule evaluated again
