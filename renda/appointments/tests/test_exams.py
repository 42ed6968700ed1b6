"""The pre-appointment law exam (§7.8): the pass mark is the local setting when the exam is
set; every candidate gets a score or an absence; a pass is valid for the term and spares a
second sitting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.appointments import services
from renda.appointments.models import ExamResult, LawExam
from renda.appointments.selectors import exams, valid_pass
from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent, RuleSetting
from renda.people.models import Person

pytestmark = pytest.mark.django_db


def _exam(staff, days_ago=1, **kw):
    return services.exam_schedule(
        actor=staff, title=kw.pop("title", "2026年第二次任前法律知识考试"),
        held_on=timezone.localdate() - dt.timedelta(days=days_ago), place="市委党校第三教室", **kw,
    )  # fmt: skip


def _people(*names):
    return [Person.objects.create(name=n, gender="male") for n in names]


def test_scores_pass_at_the_mark_and_a_pass_holds_for_the_term(staff, term):
    exam = _exam(staff)
    assert exam.pass_mark == 60 and exam.term == term
    a, b, c = _people("钱思远", "孙立", "李默")
    for person, post in ((a, "市发展和改革委员会主任"), (b, "市中级人民法院审判员"), (c, "市检察院检察员")):  # fmt: skip
        services.exam_enrol(actor=staff, exam=exam, person=person, post_sought=post)
    with pytest.raises(Conflict) as exc:
        services.exam_enrol(actor=staff, exam=exam, person=a, post_sought="x")
    assert exc.value.code == "already_enrolled"
    with pytest.raises(DomainError) as exc:  # every candidate needs a score or an absence
        services.exam_record(actor=staff, exam=exam, scores={a.pk: 60, b.pk: 59.5})
    assert exc.value.code == "scores_incomplete" and "李默" in str(exc.value)
    with pytest.raises(DomainError) as exc:
        services.exam_record(actor=staff, exam=exam, scores={a.pk: 60, b.pk: 101, c.pk: None})
    assert exc.value.code == "score_invalid"
    with pytest.raises(DomainError) as exc:
        services.exam_record(actor=staff, exam=exam, scores={a.pk: 60, b.pk: "59.55", c.pk: None})
    assert exc.value.code == "score_invalid"
    assert not ExamResult.objects.exclude(status="enrolled").exists()  # nothing half-written

    services.exam_record(actor=staff, exam=exam, scores={a.pk: 60, b.pk: "59.5", c.pk: None})
    exam.refresh_from_db()
    assert exam.status == "held"
    by = {r.person_id: r for r in exam.results.all()}
    assert (by[a.pk].status, by[b.pk].status, by[c.pk].status) == ("passed", "failed", "absent")
    assert valid_pass(a, term) == by[a.pk] and valid_pass(b, term) is None
    row = exams().get(pk=exam.pk)
    assert (row.candidates, row.passed, row.failed, row.absent) == (3, 1, 1, 1)
    event = AuditEvent.objects.get(action="appointments.exam.record")
    assert event.changes["passed"] == 1 and event.changes["failed"] == 1

    later = _exam(staff, days_ago=-7, title="2026年第三次任前法律知识考试")
    with pytest.raises(Conflict) as exc:  # the pass is valid for the term
        services.exam_enrol(actor=staff, exam=later, person=a, post_sought="市财政局局长")
    assert exc.value.code == "pass_still_valid"
    services.exam_enrol(actor=staff, exam=later, person=b, post_sought="市中级人民法院审判员")
    with pytest.raises(DomainError) as exc:  # not held yet
        services.exam_record(actor=staff, exam=later, scores={b.pk: 80})
    assert exc.value.code == "exam_not_held"


def test_the_pass_mark_is_the_setting_when_the_exam_is_set(staff, term):
    RuleSetting.objects.create(key="appointment.exam_pass_mark", value="70")
    exam = _exam(staff)
    (a,) = _people("周全")
    services.exam_enrol(actor=staff, exam=exam, person=a, post_sought="市审计局局长")
    RuleSetting.objects.filter(key="appointment.exam_pass_mark").update(value="60")
    services.exam_record(actor=staff, exam=exam, scores={a.pk: 65})
    assert exam.pass_mark == 70 and exam.results.get().status == "failed"


def test_withdraw_and_cancel(staff, term):
    exam = _exam(staff, days_ago=-3)
    a, b = _people("吴桐", "郑和平")
    services.exam_enrol(actor=staff, exam=exam, person=a, post_sought="市民政局局长")
    services.exam_withdraw(actor=staff, exam=exam, person=a)
    with pytest.raises(Conflict) as exc:
        services.exam_withdraw(actor=staff, exam=exam, person=b)
    assert exc.value.code == "not_enrolled"
    services.exam_enrol(actor=staff, exam=exam, person=a, post_sought="市民政局局长")  # again
    assert exam.results.get().status == "enrolled"
    services.exam_cancel(actor=staff, exam=exam, reason="会议时间调整")
    exam.refresh_from_db()
    assert exam.status == "cancelled"
    with pytest.raises(Conflict):
        services.exam_enrol(actor=staff, exam=exam, person=b, post_sought="x")


def test_the_pages_set_an_exam_enrol_and_record(client_for, staff, term):
    from django.urls import reverse

    a, b = _people("冯远", "褚晓")
    client = client_for("staff")
    url = reverse("appointments:exam_create")
    assert "合格分数为60分" in client.get(url).content.decode()  # the rule before submitting
    body = {"title": "2026年任前法律知识考试", "held_on": "2001-01-01", "place": "市委党校"}
    refused = client.post(url, body)
    page = refused.content.decode()
    assert refused.status_code == 400 and "考试日期不能早于本届开始之日" in page and "市委党校" in page  # fmt: skip
    body["held_on"] = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert client.post(url, body).status_code == 302
    exam = LawExam.objects.get()
    act = lambda verb: reverse("appointments:exam_act", args=[exam.pk, verb])  # noqa: E731
    detail = reverse("appointments:exam_detail", args=[exam.pk])
    assert 'id="enrol-form"' in client.get(detail).content.decode()
    bad = client.post(act("enrol"), {"person": a.pk, "post_sought": ""})
    assert bad.status_code == 400 and 'id="enrol-form"' in bad.content.decode()
    for p in (a, b):
        assert client.post(act("enrol"), {"person": p.pk, "post_sought": "市中级人民法院审判员"}).status_code == 302  # fmt: skip
    page = client.get(detail).content.decode()
    assert f'name="score_{a.pk}"' in page and "冯远 · 市中级人民法院审判员" in page
    bad = client.post(act("record"), {f"score_{a.pk}": "120", f"score_{b.pk}": ""})
    assert bad.status_code == 400 and 'value="120"' in bad.content.decode()  # input kept
    assert client.post(act("record"), {f"score_{a.pk}": "88.5", f"score_{b.pk}": ""}).status_code == 302  # fmt: skip
    exam.refresh_from_db()
    assert exam.status == "held"
    page = client.get(detail).content.decode()
    assert 'id="record-form"' not in page and "88.5" in page and "缺考" in page
    passes = client.get(reverse("appointments:passes")).content.decode()
    assert f'data-person="{a.pk}"' in passes and f'data-person="{b.pk}"' not in passes
    listed = client.get(reverse("appointments:exams")).content.decode()
    assert f'data-exam="{exam.pk}"' in listed
    assert client_for("deputy").get(reverse("appointments:exams")).status_code == 403


def test_the_api_sets_an_exam_and_answers_whether_a_pass_holds(client_for, staff, term):
    a, b = _people("蒋川", "沈岚")
    client = client_for("staff")
    held = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    made = client.post("/api/v1/law-exams", {"title": "任前考试", "held_on": held, "place": "党校"}, content_type="application/json")  # fmt: skip
    assert made.status_code == 201 and made.json()["pass_mark"] == 60
    exam_id = made.json()["id"]
    for p in (a, b):
        r = client.post(f"/api/v1/law-exams/{exam_id}/candidates", {"person_id": p.pk, "post_sought": "检察员"}, content_type="application/json")  # fmt: skip
        assert r.status_code == 200 and any(x["person_id"] == p.pk for x in r.json()["results"])
    unknown = client.post(f"/api/v1/law-exams/{exam_id}/candidates", {"person_id": 999999, "post_sought": "x"}, content_type="application/json")  # fmt: skip
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_reference"
    partial = client.post(f"/api/v1/law-exams/{exam_id}/results", {"scores": {str(a.pk): 70}}, content_type="application/json")  # fmt: skip
    assert partial.status_code == 400 and partial.json()["code"] == "scores_incomplete"
    done = client.post(f"/api/v1/law-exams/{exam_id}/results", {"scores": {str(a.pk): 70, str(b.pk): None}}, content_type="application/json")  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == "held"
    again = client.post(f"/api/v1/law-exams/{exam_id}/results", {"scores": {str(a.pk): 70, str(b.pk): 80}}, content_type="application/json")  # fmt: skip
    assert again.status_code == 409
    assert client.get(f"/api/v1/law-exam-passes?person_id={a.pk}").json()["valid"] is True
    assert client.get(f"/api/v1/law-exam-passes?person_id={b.pk}").json()["valid"] is False
    assert client.get("/api/v1/law-exams").json()["count"] == 1
    assert client_for("deputy").get("/api/v1/law-exams").status_code == 403


def test_the_results_form_waits_for_the_exam_day(client_for, staff, term):
    from django.urls import reverse

    exam = _exam(staff, days_ago=-5)
    (a,) = _people("顾言")
    services.exam_enrol(actor=staff, exam=exam, person=a, post_sought="审判员")
    page = client_for("staff").get(reverse("appointments:exam_detail", args=[exam.pk])).content.decode()  # fmt: skip
    assert 'id="record-later"' in page and 'id="record-form"' not in page


def test_the_exam_list_reads_in_a_fixed_number_of_queries(client_for, staff, term):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = client_for("staff")
    url = reverse("appointments:exams")
    exam = _exam(staff, title="第1次")
    services.exam_enrol(actor=staff, exam=exam, person=_people("甲")[0], post_sought="审判员")
    client.get(url)  # the session and the settings warm
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(6):
        exam = _exam(staff, title=f"第{i + 2}次")
        services.exam_enrol(
            actor=staff, exam=exam, person=_people(f"人{i}")[0], post_sought="审判员"
        )
    with CaptureQueriesContext(connection) as seven:
        page = client.get(url).content.decode()
    assert page.count("data-exam=") == 7
    assert len(seven) == len(one) <= 12  # one grouped query for the rows, whatever their number
