"""Appointments (§7.6–§7.10, §7.13): the exam gates the motion, the motion comes in time, the
members vote per person and a carried vote places the person in the post register; a
deferred motion is not voted; two failures bar a third nomination to the same post."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.appointments import services
from renda.appointments.models import Appointment
from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent
from renda.people.models import Membership, Person
from renda.voting import services as voting

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _passed(staff, person):
    exam = services.exam_schedule(actor=staff, title="任前考试", held_on=TODAY() - dt.timedelta(days=20), place="党校")  # fmt: skip
    services.exam_enrol(actor=staff, exam=exam, person=person, post_sought="审判员")
    services.exam_record(actor=staff, exam=exam, scores={person.pk: 80})


def _nominate(staff, person, post, days_ago=10, **kw):
    return services.appointment_nominate(
        actor=staff, person=person, post=post, nominator=kw.pop("nominator", "court_president"),
        nominated_on=TODAY() - dt.timedelta(days=days_ago), motion="提请任命为审判员。", **kw,
    )  # fmt: skip


def _consent(staff, appointment, answer="approved"):
    """The party committee's answer recorded through the shared approval step (S2)."""
    from renda.core import approvals

    asked = approvals.approval_request(actor=staff, subject=appointment, kind="party_consent", sent_on=TODAY())  # fmt: skip
    approvals.approval_answer(actor=staff, approval=asked, answer=answer, answered_on=TODAY(), note="请修改" if answer == "returned" else "")  # fmt: skip


def _vote(users, appointment, voters, yes, capture):
    poll = voting.poll_open(actor=users["leader"], poll=appointment.poll)
    for user in voters[:yes]:
        voting.ballot_cast(actor=user, poll=poll, choice="yes")
    with capture(execute=True):
        voting.poll_close(actor=users["leader"], poll=poll)
    appointment.refresh_from_db()
    return appointment


def test_the_exam_and_the_lead_time_gate_the_vote_and_a_carried_vote_fills_the_post(
    users, staff, term, post, sc_meeting, django_capture_on_commit_callbacks
):
    person = Person.objects.create(name="华永", gender="male")
    meeting, voters = sc_meeting()
    a = _nominate(staff, person, post)
    with pytest.raises(Conflict) as exc:  # S2: the party committee has not agreed
        services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)
    assert exc.value.code == "approval_required"
    _consent(staff, a, "returned")
    with pytest.raises(Conflict) as exc:  # returned for changes is not consent
        services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)
    assert exc.value.code == "approval_required"
    _consent(staff, a)
    with pytest.raises(Conflict) as exc:  # §7.8: no pass yet
        services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)
    assert exc.value.code == "exam_not_passed"
    _passed(staff, person)
    late = _nominate(staff, Person.objects.create(name="时雨", gender="female"), post, days_ago=6)
    _passed(staff, late.person)
    _consent(staff, late)
    with pytest.raises(Conflict) as exc:  # §7.7: moved 6 days before, 7 needed
        services.appointment_put_to_vote(actor=staff, appointment=late, meeting=meeting)
    assert exc.value.code == "motion_late"
    services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)
    a.refresh_from_db()
    assert a.status == "voting" and a.poll.kind == "appointment" and a.poll.nominee == person
    assert a.agenda_item.title == "任命华永为清河市中级人民法院审判员"
    a = _vote(users, a, voters, 5, django_capture_on_commit_callbacks)
    assert a.status == "appointed" and a.tally["result"] == "passed"
    assert a.notice_due_on == TODAY() + dt.timedelta(days=3)  # §7.11, appointment.notice_days
    seat = Membership.objects.get(person=person, post=post)
    assert a.membership == seat and seat.start_date == TODAY() and seat.end_date is None
    assert seat.obtained == "appointment"  # how the post was obtained, on the register
    assert AuditEvent.objects.filter(action="appointments.appointment.decided").count() == 1
    with pytest.raises(Conflict) as exc:
        _nominate(staff, person, post)
    assert exc.value.code == "already_holds"


def test_two_failures_bar_a_third_nomination_to_the_same_post(
    users, staff, term, post, sc_meeting, django_capture_on_commit_callbacks
):
    person = Person.objects.create(name="柏青", gender="female")
    _passed(staff, person)
    meeting, voters = sc_meeting()
    for _round in range(2):
        a = _nominate(staff, person, post)
        _consent(staff, a)
        services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)
        a.refresh_from_db()
        a = _vote(users, a, voters, 2, django_capture_on_commit_callbacks)  # 2 of 7
        assert a.status == "not_appointed"
    with pytest.raises(Conflict) as exc:
        _nominate(staff, person, post)
    assert exc.value.code == "nomination_barred" and "2次未获通过" in str(exc.value)
    assert not Membership.objects.filter(person=person, post=post).exists()


def test_a_deferred_motion_is_not_voted_and_input_is_checked(staff, term, post, sc_meeting):
    person = Person.objects.create(name="姜南", gender="male")
    _passed(staff, person)
    a = _nominate(staff, person, post)
    with pytest.raises(Conflict) as exc:
        _nominate(staff, person, post)
    assert exc.value.code == "appointment_open"
    with pytest.raises(DomainError) as exc:
        services.appointment_defer(actor=staff, appointment=a, decided_on=TODAY() + dt.timedelta(days=1), reason="待考察")  # fmt: skip
    assert exc.value.code == "date_invalid"
    services.appointment_defer(actor=staff, appointment=a, decided_on=TODAY(), reason="主任会议决定暂缓，待进一步考察")  # fmt: skip
    meeting, _voters = sc_meeting()
    with pytest.raises(Conflict):  # deferred: not on any agenda
        services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)
    services.appointment_withdraw(actor=staff, appointment=a, reason="提请人撤回")
    assert Appointment.objects.get(pk=a.pk).status == "withdrawn"
    post.elected_or_appointed = False
    post.save()
    with pytest.raises(DomainError) as exc:
        _nominate(staff, person, post)
    assert exc.value.code == "post_not_appointed"
    with pytest.raises(DomainError) as exc:
        _nominate(staff, person, None)
    assert exc.value.code == "field_required"


def test_the_pages_take_a_nomination_to_the_vote(client_for, staff, term, post, sc_meeting):
    from django.urls import reverse

    person = Person.objects.create(name="温良", gender="male", occupation="区人民法院审判员")
    client = client_for("staff")
    url = reverse("appointments:appointment_create")
    form = client.get(url).content.decode()
    assert "规则7.8" in form and "7日前提请" in form and "温良（区人民法院审判员）" in form
    body = {
        "person": person.pk, "post": post.pk, "nominator": "court_president",
        "nominated_on": (TODAY() + dt.timedelta(days=1)).isoformat(), "motion": "提请任命温良为审判员。",
    }  # fmt: skip
    refused = client.post(url, body)
    assert refused.status_code == 400 and "提请日期应在本届开始之日和今天之间" in refused.content.decode()  # fmt: skip
    assert "提请任命温良为审判员。" in refused.content.decode() and not Appointment.objects.exists()
    body["nominated_on"] = (TODAY() - dt.timedelta(days=9)).isoformat()
    assert client.post(url, body).status_code == 302
    a = Appointment.objects.get()
    detail = reverse("appointments:appointment_detail", args=[a.pk])
    page = client.get(detail).content.decode()
    assert 'id="put_to_vote-form"' in page and "尚未合格" in page
    meeting, _voters = sc_meeting()
    vote = reverse("appointments:appointment_act", args=[a.pk, "put_to_vote"])
    refused = client.post(vote, {"meeting": meeting.pk})
    assert refused.status_code == 400 and "须先取得党委同意" in refused.content.decode()
    assert 'id="consent-needed"' in refused.content.decode()
    assert f'value="{meeting.pk}" selected' in refused.content.decode()  # the choice is kept
    _consent(staff, a)
    assert 'id="consent-needed"' not in client.get(detail).content.decode()
    refused = client.post(vote, {"meeting": meeting.pk})
    assert refused.status_code == 400 and "尚未通过本届任前法律知识考试" in refused.content.decode()
    board = client.get(reverse("appointments:appointments")).content.decode()
    assert "待任前法律知识考试合格" in board
    _passed(staff, person)
    assert client.post(vote, {"meeting": meeting.pk}).status_code == 302
    a.refresh_from_db()
    assert a.status == "voting"
    page = client.get(detail).content.decode()
    assert 'id="record_vote-form"' in page and 'id="withdraw-form"' not in page
    board = client.get(reverse("appointments:appointments")).content.decode()
    assert f'data-appointment="{a.pk}"' in board and meeting.title in board


def test_the_api_nominates_and_refuses_bad_input(client_for, staff, term, post):
    person = Person.objects.create(name="祝安", gender="female")
    client = client_for("staff")
    body = {"person_id": person.pk, "post_id": post.pk, "nominator": "mayor", "nominated_on": (TODAY() - dt.timedelta(days=3)).isoformat(), "motion": "提请任命。"}  # fmt: skip
    bad = client.post("/api/v1/appointments", body, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["code"] == "validation_failed"  # not a nominator
    body["nominator"] = "court_president"
    made = client.post("/api/v1/appointments", body, content_type="application/json")
    assert made.status_code == 201 and made.json()["exam_passed"] is False
    aid = made.json()["id"]
    again = client.post("/api/v1/appointments", body, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "appointment_open"
    deferred = client.post(f"/api/v1/appointments/{aid}/defer", {"decided_on": TODAY().isoformat(), "reason": "待考察"}, content_type="application/json")  # fmt: skip
    assert deferred.status_code == 200 and deferred.json()["status"] == "deferred"
    listed = client.get("/api/v1/appointments").json()
    assert listed["count"] == 1 and listed["items"][0]["closing_note"] == "待考察"
    assert client.get(f"/api/v1/appointments/{aid}").json()["status"] == "deferred"
    assert client_for("deputy").get("/api/v1/appointments").status_code == 403


def _carried(staff, term, post, decided_on):
    """An appointment carried at a meeting on ``decided_on`` (the vote itself is tested above)."""
    person = Person.objects.create(name="欧阳明", gender="male")
    a = _nominate(staff, person, post, days_ago=(TODAY() - decided_on).days + 10)
    Appointment.objects.filter(pk=a.pk).update(status="appointed", decided_on=decided_on, notice_due_on=decided_on + dt.timedelta(days=3))  # fmt: skip
    a.refresh_from_db()
    return a


def test_the_certificate_is_numbered_and_opens_with_the_chairs_signature(
    client_for, staff, term, post
):
    import io

    from django.urls import reverse
    from docx import Document

    from renda.people.models import Organization

    chair = Person.objects.create(name="程国栋", gender="male")
    sc = Organization.objects.get(code="standing-committee")
    Membership.objects.create(person=chair, organization=sc, role="chair", start_date=term.start_date)  # fmt: skip
    a = _carried(staff, term, post, TODAY() - dt.timedelta(days=1))
    client = client_for("staff")
    url = reverse("appointments:certificate", args=[a.pk])
    assert client.get(url).status_code == 404  # not issued yet
    services.appointment_issue_certificate(actor=staff, appointment=a)
    a.refresh_from_db()
    assert a.certificate_no == f"清人常任字〔{TODAY().year}〕1号"
    with pytest.raises(Conflict):  # once
        services.appointment_issue_certificate(actor=staff, appointment=a)
    response = client.get(url)
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "任命书" in text and a.certificate_no in text and "主任 程国栋" in text
    assert "任命欧阳明为清河市中级人民法院审判员" in text
    from pypdf import PdfReader

    pdf = client.get(reverse("appointments:certificate_pdf", args=[a.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(
        io.BytesIO(b"".join(pdf.streaming_content) if pdf.streaming else pdf.content)
    )
    printed = "".join(page.extract_text() for page in reader.pages).replace(" ", "")
    assert len(reader.pages) == 1 and a.certificate_no in printed and "主任程国栋" in printed
    assert "任命欧阳明为清河市中级人民法院审判员" in printed
    assert client_for("deputy").get(url).status_code == 403


def test_the_notice_is_due_within_the_days_and_flagged_when_late(
    client_for, staff, term, post, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from renda.portal.models import NewsItem

    a = _carried(staff, term, post, TODAY() - dt.timedelta(days=5))
    assert a.notice_due_on == TODAY() - dt.timedelta(days=2) and a.notice_overdue  # 3 days
    board = client_for("staff").get(reverse("appointments:appointments")).content.decode()
    assert "已逾期" in board
    with django_capture_on_commit_callbacks(execute=True):
        services.appointment_announce(actor=staff, appointment=a)
    a.refresh_from_db()
    assert a.announced_on == TODAY() and a.notice_overdue  # published, but late
    assert (
        AuditEvent.objects.get(action="appointments.appointment.announce").changes["late"] is True
    )
    notice = NewsItem.objects.get(source=f"appointments.appointment:{a.pk}")
    assert notice.title == "关于任命欧阳明为清河市中级人民法院审判员的公告"
    assert "决定：" in notice.body and "任命欧阳明为清河市中级人民法院审判员" in notice.body
    on_time = _carried(staff, term, post, TODAY())
    services.appointment_announce(actor=staff, appointment=on_time, announcement="特此公告。")
    on_time.refresh_from_db()
    assert not on_time.notice_overdue and on_time.announcement == "特此公告。"
    api = client_for("staff").get(f"/api/v1/appointments/{on_time.pk}").json()
    assert api["notice_overdue"] is False and api["announced_on"] == TODAY().isoformat()


def test_the_public_list_shows_who_holds_the_posts_and_the_notices(
    client, staff, term, post, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    a = _carried(staff, term, post, TODAY() - dt.timedelta(days=1))
    seat = Membership.objects.create(person=a.person, organization=post.organization, post=post, start_date=TODAY() - dt.timedelta(days=1))  # fmt: skip
    gone = Person.objects.create(name="离任者", gender="male")
    Membership.objects.create(person=gone, organization=post.organization, post=post, start_date=term.start_date, end_date=TODAY() - dt.timedelta(days=2))  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.appointment_announce(actor=staff, appointment=a)
    page = client.get(reverse("portal:officials")).content.decode()
    assert "欧阳明" in page and "离任者" not in page and seat.organization.name in page
    assert "关于任命欧阳明为清河市中级人民法院审判员的公告" in page
    assert "提请任命" not in page  # the motion stays in the office


def test_a_local_wait_after_a_failure_and_the_new_governments_deadline(
    client_for, staff, term, post, settings
):
    """§7.10's local variant (Shenzhen: 6 months after a failure) and §7.14 (department heads
    moved within 2 months of the new government's election)."""
    from django.urls import reverse

    from renda.appointments.selectors import department_heads_deadline
    from renda.core.models import RuleSetting
    from renda.core.workdays import add_months
    from renda.people.models import Organization, Post

    person = Person.objects.create(name="秦川", gender="male")
    failed = _nominate(staff, person, post, days_ago=40)
    Appointment.objects.filter(pk=failed.pk).update(status="not_appointed", decided_on=TODAY() - dt.timedelta(days=30))  # fmt: skip
    again = _nominate(staff, person, post, days_ago=5)  # no wait by default: the count rule only
    services.appointment_withdraw(actor=staff, appointment=again, reason="撤回")
    RuleSetting.objects.create(key="appointment.failed_nomination_wait_months", value="6")
    with pytest.raises(Conflict) as exc:
        _nominate(staff, person, post, days_ago=5)
    assert exc.value.code == "nomination_waiting" and "前不再提请" in str(exc.value)

    gov = Organization.objects.create(code="gov-h", name="清河市人民政府", kind="government")
    mayor = Post.objects.create(organization=gov, label="市长", role="head", elected_or_appointed=True)  # fmt: skip
    dept = Organization.objects.create(code="edu-h", name="清河市教育局", kind="government_department")  # fmt: skip
    heads = [Post.objects.create(organization=dept, label="局长", role="head", elected_or_appointed=True)]  # fmt: skip
    other = Organization.objects.create(code="fin-h", name="清河市财政局", kind="government_department")  # fmt: skip
    heads.append(Post.objects.create(organization=other, label="局长", role="head", elected_or_appointed=True))  # fmt: skip
    elected = TODAY() - dt.timedelta(days=70)
    Membership.objects.create(person=Person.objects.create(name="市长甲", gender="male"), organization=gov, post=mayor, role="head", term=term, start_date=elected)  # fmt: skip
    _passed(staff, person)
    on_time = services.appointment_nominate(
        actor=staff, person=Person.objects.create(name="局长乙", gender="female"), post=heads[0],
        nominator="government_head", nominated_on=elected + dt.timedelta(days=20), motion="提请任命。",
    )  # fmt: skip
    found = department_heads_deadline(term)
    assert found["deadline"] == add_months(elected, 2) and found["head"].person.name == "市长甲"
    assert found["moved"] == 1 and found["late"] == [heads[1]]  # the deadline passed unmoved
    assert dict(found["rows"])[heads[0]] == on_time.nominated_on
    board = client_for("staff").get(reverse("appointments:appointments")).content.decode()
    assert 'id="department-heads"' in board and "1 个逾期" in board and "清河市财政局局长" in board
    from renda.compliance.registry import evaluate

    v = evaluate("§7.14", TODAY().year, TODAY()).verdict
    assert v.status == "broken" and "逾期 1 个" in str(v.summary)
    assert evaluate("§7.14", TODAY().year, elected + dt.timedelta(days=10)).verdict.status == "at_risk"  # fmt: skip
    services.appointment_nominate(
        actor=staff, person=Person.objects.create(name="局长丙", gender="male"), post=heads[1],
        nominator="government_head", nominated_on=elected + dt.timedelta(days=30), motion="提请任命。",
    )  # fmt: skip
    v = evaluate("§7.14", TODAY().year, TODAY()).verdict
    assert v.status == "met" and "已提请 2 个，逾期 0 个" in str(v.summary)


def test_the_boards_queries_do_not_grow_with_the_rows(client_for, staff, term, post):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = client_for("staff")
    url = reverse("appointments:appointments")

    def count() -> int:
        with CaptureQueriesContext(connection) as seen:
            assert client.get(url).status_code == 200
        return len(seen)

    for i in range(2):
        _carried(staff, term, post, TODAY() - dt.timedelta(days=i))
    few = count()
    for i in range(6):
        _nominate(staff, Person.objects.create(name=f"人员{i}", gender="male"), post)
    assert count() == few
