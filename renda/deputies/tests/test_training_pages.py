"""Training pages and API: the office plans and enrols, a deputy joins and signs in on a phone."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.deputies import services
from renda.deputies.models import TrainingCourse, TrainingEnrolment

pytestmark = pytest.mark.django_db


def _today() -> dt.date:
    return timezone.localdate()


def _running(staff, **kw) -> TrainingCourse:
    """A course on today (the term of the fixtures runs to 2027-01-09)."""
    fields = {
        "title": "预算审查监督专题培训", "topic": "预算法", "organiser": "代表工委", "place": "常委会三楼会议室",
        "starts_on": _today(), "ends_on": _today(),
    }  # fmt: skip
    fields.update(kw)
    return services.training_create(actor=staff, **fields)


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_office_plans_a_course_the_form_keeps_input_on_error(client_for, deputies):
    client = client_for("staff")
    url = reverse("deputies:course_create")
    data = {
        "title": "代表履职能力提升培训班", "topic": "宪法和代表法", "organiser": "代表工委",
        "place": "市委党校", "starts_on": "2026-12-20", "ends_on": "2026-12-18", "capacity": "40",
    }  # fmt: skip
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "结束日期不能早于开始日期" in page and "代表履职能力提升培训班" in page
    assert not TrainingCourse.objects.exists()
    response = client.post(url, {**data, "ends_on": "2026-12-22"})
    course = TrainingCourse.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/training/{course.pk}/")
    page = client.get(reverse("deputies:course_detail", args=[course.pk])).content.decode()
    assert course.sign_in_code in page and 'id="enrol-form"' in page
    # The leader reads the course; the code and the office's forms are not for them.
    page = client_for("leader").get(reverse("deputies:course_detail", args=[course.pk])).content
    assert course.sign_in_code.encode() not in page and b'id="enrol-form"' not in page


def test_enrol_by_ticks_and_delegation_then_record_the_sheet(client_for, staff, deputies):
    from renda.people.models import Membership, Organization

    org = Organization.objects.create(name="城东代表团", kind=Organization.Kind.DELEGATION)
    for d in deputies[3:5]:
        Membership.objects.create(
            person=d.person, organization=org, term=d.term, start_date=d.term.start_date
        )
    course = _running(staff)
    client = client_for("staff")
    url = reverse("deputies:course_act", args=[course.pk, "enrol"])
    response = client.post(url, {})
    assert response.status_code == 400 and "请选择参训代表" in response.content.decode()
    client.post(url, {"deputies": [deputies[1].pk], "delegation": org.pk})
    assert set(course.enrolments.values_list("deputy_id", flat=True)) == {
        deputies[1].pk, deputies[3].pk, deputies[4].pk,
    }  # fmt: skip
    sheet = reverse("deputies:course_act", args=[course.pk, "record_attendance"])
    assert client.post(sheet, {"deputies": [deputies[3].pk]}).status_code == 302
    assert course.enrolments.get(deputy=deputies[3]).status == "attended"
    page = client.get(reverse("deputies:course_detail", args=[course.pk])).content.decode()
    assert page.count("data-enrolment=") == 3 and "办公室按签到表登记" in page


def test_a_deputy_joins_and_signs_in_on_the_phone_page(client_for, staff, deputies):
    course = _running(staff)
    later = _running(
        staff, title="代表建议工作培训", starts_on=_today() + dt.timedelta(days=10),
        ends_on=_today() + dt.timedelta(days=10),
    )  # fmt: skip
    client = client_for("deputy")
    page = client.get(reverse("deputies:my_training")).content.decode()
    assert "本届已参加培训 0 次" in page and course.sign_in_code not in page
    assert client.post(reverse("deputies:course_join", args=[later.pk])).status_code == 302
    assert later.enrolments.get().status == "enrolled"
    url = reverse("deputies:course_sign_in", args=[course.pk])
    response = client.post(url, {"code": "ZZZZZ9"})
    page = response.content.decode()
    assert response.status_code == 400 and "签到码不正确" in page and 'value="ZZZZZ9"' in page
    client.post(url, {"code": course.sign_in_code.lower()})
    row = course.enrolments.get(deputy=deputies[0])
    assert row.status == "attended" and row.signed_in_via == "code"
    page = client.get(reverse("deputies:my_training")).content.decode()
    assert "本届已参加培训 1 次" in page and "已签到" in page
    record = client.get(reverse("deputies:record", args=[deputies[0].pk])).content.decode()
    assert course.title in record
    # Withdrawing from the later course before it starts.
    mine = later.enrolments.get()
    client.post(reverse("deputies:enrolment_withdraw", args=[mine.pk]), {"next": "mine"})
    mine.refresh_from_db()
    assert mine.status == "withdrawn"
    # Another deputy's enrolment is not theirs to touch.
    services.training_enrol(actor=staff, course=later, deputies=[deputies[2]])
    other = later.enrolments.get(deputy=deputies[2])
    assert client.post(reverse("deputies:enrolment_withdraw", args=[other.pk])).status_code == 404


def test_coverage_lists_the_untrained_and_exports(client_for, staff, deputies):
    from openpyxl import load_workbook

    course = _running(staff)
    services.training_record_attendance(actor=staff, course=course, deputies=deputies[:2])
    client = client_for("staff")
    page = client.get(reverse("deputies:training_coverage") + "?short=1").content.decode()
    for d in deputies[2:]:
        assert f'data-deputy="{d.pk}"' in page
    for d in deputies[:2]:
        assert f'data-deputy="{d.pk}"' not in page
    response = client.get(reverse("deputies:training_coverage_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[deputies[0].person.name][1:] == (1, 1, "是")
    assert rows[deputies[3].person.name][1:] == (0, 1, "否")
    listing = client.get(reverse("deputies:courses")).content.decode()
    assert course.title in listing


def test_course_list_queries_stay_flat(client_for, staff, deputies):
    client = client_for("staff")
    c = _running(staff)
    services.training_enrol(actor=staff, course=c, deputies=deputies[:2])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("deputies:courses"))
    for i in range(3):
        more = _running(staff, title=f"第{i}期")
        services.training_enrol(actor=staff, course=more, deputies=deputies[2:])
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("deputies:courses")).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)
    with CaptureQueriesContext(connection) as roll:
        client.get(reverse("deputies:course_detail", args=[more.pk]))
    services.training_enrol(actor=staff, course=more, deputies=deputies[:2])
    with CaptureQueriesContext(connection) as longer:
        client.get(reverse("deputies:course_detail", args=[more.pk]))
    assert len(longer.captured_queries) == len(roll.captured_queries)


def test_the_list_says_where_each_course_stands_today(client_for, staff, deputies):
    running = _running(staff, title="正在举办的培训")
    later = _running(staff, title="下周的培训")
    over = _running(staff, title="上周的培训")
    week = dt.timedelta(days=7)
    TrainingCourse.objects.filter(pk=later.pk).update(
        starts_on=_today() + week, ends_on=_today() + week
    )
    TrainingCourse.objects.filter(pk=over.pk).update(
        starts_on=_today() - week, ends_on=_today() - week
    )
    page = client_for("staff").get(reverse("deputies:courses")).content.decode()
    for course, label in ((running, "培训中"), (later, "报名中"), (over, "待办结")):
        row = page[page.index(course.title) :].split("</tr>")[0]
        assert f">{label}</span>" in row, (course.title, row)
    services.training_close(actor=staff, course=TrainingCourse.objects.get(pk=over.pk))
    page = client_for("staff").get(reverse("deputies:courses")).content.decode()
    assert ">已举办</span>" in page[page.index(over.title) :].split("</tr>")[0]


def test_api_course_enrol_sign_in_and_coverage(client_for, deputies):
    staff = client_for("staff")
    staff.handler.enforce_csrf_checks = False
    today = _today().isoformat()
    body = {
        "title": "监督法专题培训", "topic": "监督法", "organiser": "代表工委", "place": "会议中心",
        "starts_on": today, "ends_on": today, "capacity": 2,
    }  # fmt: skip
    response = _post(staff, "/api/v1/training-courses", body)
    assert response.status_code == 201
    cid = response.json()["id"]
    three = {"deputy_ids": [d.pk for d in deputies[1:4]]}
    response = _post(staff, f"/api/v1/training-courses/{cid}/enrol", three)
    assert response.status_code == 409 and response.json()["code"] == "training_full"
    assert not TrainingEnrolment.objects.exists()  # nothing half-written
    two = {"deputy_ids": [deputies[1].pk, deputies[2].pk]}
    assert _post(staff, f"/api/v1/training-courses/{cid}/enrol", two).status_code == 200
    code = staff.get(f"/api/v1/training-courses/{cid}").json()["sign_in_code"]
    assert len(code) == 6
    deputy = client_for("deputy")
    deputy.handler.enforce_csrf_checks = False
    detail = deputy.get(f"/api/v1/training-courses/{cid}").json()
    assert detail["sign_in_code"] is None and detail["enrolments"] == []  # not on the list yet
    wrong = _post(deputy, f"/api/v1/training-courses/{cid}/sign-in", {"code": "AAAAAA"})
    assert wrong.status_code == 400 and wrong.json()["code"] == "sign_in_code_wrong"
    assert (
        _post(deputy, f"/api/v1/training-courses/{cid}/sign-in", {"code": code}).status_code == 200
    )
    detail = deputy.get(f"/api/v1/training-courses/{cid}").json()
    assert [e["status"] for e in detail["enrolments"]] == ["attended"]
    assert _post(deputy, f"/api/v1/training-courses/{cid}/close", {}).status_code == 403
    listed = deputy.get("/api/v1/training-courses").json()
    assert listed["items"][0]["attended"] == 1 and listed["items"][0]["enrolled"] == 3
    staff = client_for("staff")  # the same test client, signed in again
    coverage = staff.get("/api/v1/training-coverage?short=true").json()
    assert coverage["required"] == 1
    assert deputies[0].pk not in {r["deputy_id"] for r in coverage["items"]}
    assert coverage["count"] == len(deputies) - 1
    assert client_for(None).get("/api/v1/training-courses").status_code in (401, 403)


def test_api_a_deputy_withdraws_their_own_enrolment_only(client_for, staff, deputies):
    later = _running(
        staff, starts_on=_today() + dt.timedelta(days=5), ends_on=_today() + dt.timedelta(days=5)
    )
    services.training_enrol(actor=staff, course=later, deputies=deputies[:2])
    mine, other = (later.enrolments.get(deputy=d) for d in deputies[:2])
    client = client_for("deputy")
    client.handler.enforce_csrf_checks = False
    url = "/api/v1/training-enrolments/{}/withdraw"
    assert _post(client, url.format(other.pk), {}).status_code == 404
    response = _post(client, url.format(mine.pk), {})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    again = _post(client, url.format(mine.pk), {})
    assert again.status_code == 409 and again.json()["code"] == "status_not_allowed"
