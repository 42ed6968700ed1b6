"""Office pages of the year's plan (§2.8) and reports to voters (述职, §2.5): every step from
its page, a refused step keeps what was typed, lists in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from renda.deputies import services
from renda.deputies.models import VoterReport, WorkPlan
from renda.meetings import services as meetings

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


def test_a_plan_goes_from_draft_to_published_through_its_page(client_for, term, staff):
    client = client_for("staff")
    url = reverse("deputies:plan_create")
    page = client.get(url).content.decode()
    assert "主任会议通过" in page and "最多20000字" in page  # says what happens before submitting
    response = client.post(url, {"year": "2027", "title": "2027年度代表工作计划", "body": ""})
    assert response.status_code == 400
    assert 'value="2027年度代表工作计划"' in response.content.decode()
    assert not WorkPlan.objects.exists()
    response = client.post(
        url, {"year": "2027", "title": "2027年度代表工作计划", "body": "一、学习培训"}
    )
    plan = WorkPlan.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/plans/{plan.pk}/")
    again = client.post(url, {"year": "2027", "title": "重复", "body": "正文"})
    assert again.status_code == 400 and "2027年度的代表工作计划已经登记" in again.content.decode()
    detail = reverse("deputies:plan_detail", args=[plan.pk])
    page = client.get(detail).content.decode()
    assert (
        'id="adopt-form"' in page and 'id="update-form"' in page and 'id="publish-form"' not in page
    )
    act = lambda verb: reverse("deputies:plan_act", args=[plan.pk, verb])  # noqa: E731
    assert client.post(act("update"), {"title": "2027年度代表工作计划", "body": "一、学习培训\n二、联系群众"}).status_code == 302  # fmt: skip
    sc = meetings.meeting_schedule(actor=staff, kind="sc_meeting", term=term, starts_on=_today())
    refused = client.post(act("adopt"), {"adopted_on": _today().isoformat(), "meeting": sc.pk})
    assert refused.status_code == 400  # not a council meeting: not even offered
    council = meetings.meeting_schedule(
        actor=staff, kind="chairpersons_council", term=term, starts_on=_today()
    )
    future = (_today() + dt.timedelta(days=2)).isoformat()
    refused = client.post(act("adopt"), {"adopted_on": future, "meeting": council.pk})
    assert refused.status_code == 400 and "通过日期不能晚于今天" in refused.content.decode()
    assert f'value="{future}"' in refused.content.decode()
    assert client.post(act("adopt"), {"adopted_on": _today().isoformat(), "meeting": council.pk}).status_code == 302  # fmt: skip
    page = client.get(detail).content.decode()
    assert 'id="update-form"' not in page and 'id="publish-form"' in page
    assert client.post(act("publish")).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "published" and plan.adopted_at == council
    page = client.get(detail).content.decode()
    assert 'id="actions"' not in page and reverse("portal:work_plan_detail", args=[2027]) in page
    assert client.post(act("publish")).status_code == 302  # refused with a message, not a 500
    assert client.post(act("nonsense")).status_code == 403


def test_a_report_is_arranged_recorded_and_counted_from_its_pages(client_for, deputies):
    client = client_for("staff")
    me = deputies[0]
    url = reverse("deputies:report_create")
    page = client.get(url, {"deputy": me.pk}).content.decode()
    assert "在公众网站公布" in page and f'value="{me.pk}" selected' in page
    body = {"deputy": me.pk, "unit": "第三选区", "held_on": _today().isoformat(), "place": ""}
    response = client.post(url, body)
    assert response.status_code == 400 and 'value="第三选区"' in response.content.decode()
    body["place"] = "清河街道代表联络站"
    assert client.post(url, body).status_code == 302
    report = VoterReport.objects.get()
    detail = reverse("deputies:report_detail", args=[report.pk])
    assert 'id="record-form"' in client.get(detail).content.decode()
    record = reverse("deputies:report_act", args=[report.pk, "record"])
    bad = {"text": "一年来……", "attendance": "10", "satisfied": "9", "basically": "3"}
    response = client.post(record, bad)
    text = response.content.decode()
    assert response.status_code == 400 and "不能多于参加人数" in text and "一年来……" in text
    bad.update(attendance="40", unsatisfied="1")
    assert client.post(record, bad).status_code == 302
    report.refresh_from_db()
    assert report.status == "held" and report.satisfaction == 92
    page = client.get(detail).content.decode()
    assert "更正述职情况" in page and "满意和基本满意 92%" in page
    record_page = client.get(reverse("deputies:record", args=[me.pk])).content.decode()
    assert 'id="reports"' in record_page and "第三选区" in record_page
    listing = client.get(reverse("deputies:reports")).content.decode()
    assert f'data-report="{report.pk}"' in listing


def test_a_report_not_yet_held_can_only_be_cancelled_with_a_reason(client_for, staff, deputies):
    client = client_for("staff")
    later = _today() + dt.timedelta(days=5)
    report = services.report_plan(
        actor=staff, deputy=deputies[1], unit="第五选区", held_on=later, place="社区"
    )
    page = client.get(reverse("deputies:report_detail", args=[report.pk])).content.decode()
    assert 'id="record-form"' not in page and "述职当天起可以记录" in page
    early = client.post(reverse("deputies:report_act", args=[report.pk, "record"]), {"text": "x", "attendance": "1"})  # fmt: skip
    assert early.status_code == 400 and "还没到" in early.content.decode()
    cancel = reverse("deputies:report_act", args=[report.pk, "cancel"])
    assert client.post(cancel, {"reason": ""}).status_code == 400
    assert client.post(cancel, {"reason": "场地调整"}).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.closing_note) == ("cancelled", "场地调整")


def test_coverage_lists_who_has_not_reported_and_exports_xlsx(client_for, staff, deputies):
    client = client_for("staff")
    r = services.report_plan(actor=staff, deputy=deputies[0], unit="第一选区", held_on=_today(), place="社区")  # fmt: skip
    services.report_record(actor=staff, report=r, text="报告", attendance=30)
    page = client.get(reverse("deputies:report_coverage"), {"short": "1"}).content.decode()
    assert f'data-deputy="{deputies[0].pk}"' not in page
    assert f'data-deputy="{deputies[1].pk}"' in page
    response = client.get(reverse("deputies:report_coverage_xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert rows[deputies[0].person.name] == 1 and rows[deputies[1].person.name] == 0


def test_lists_take_a_fixed_number_of_queries(client_for, staff, deputies):
    client = client_for("staff")

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    for d in deputies[:2]:
        services.report_plan(actor=staff, deputy=d, unit="选区", held_on=_today(), place="社区")
    services.plan_create(actor=staff, year=2026, title="计划", body="正文")
    few = (count(reverse("deputies:reports")), count(reverse("deputies:plans")))
    for d in deputies[2:]:
        services.report_plan(actor=staff, deputy=d, unit="选区", held_on=_today(), place="社区")
    services.plan_create(actor=staff, year=2027, title="计划", body="正文")
    assert (count(reverse("deputies:reports")), count(reverse("deputies:plans"))) == few


def test_a_deputy_sees_neither_the_office_pages_nor_their_forms(client_for, staff, deputies):
    client = client_for("deputy")
    plan = services.plan_create(actor=staff, year=2026, title="计划", body="正文")
    assert client.get(reverse("deputies:plans")).status_code in (403, 404)
    assert client.post(reverse("deputies:plan_act", args=[plan.pk, "adopt"]), {"adopted_on": _today().isoformat()}).status_code in (403, 404)  # fmt: skip
    assert WorkPlan.objects.get().status == "draft"
