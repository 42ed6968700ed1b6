"""Removals, dismissals and resignations (免职、撤职、辞职, §7.6) voted like appointments and
ending the holding; the statement before appointment on the agenda ahead of the vote (§7.9)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.appointments import services
from renda.appointments.models import Appointment
from renda.core.errors import Conflict, DomainError
from renda.people.models import Membership, Person

from .test_appointments import _consent, _nominate, _passed, _vote  # noqa: F401

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _holding(post, name="龙开", days=400):
    person = Person.objects.create(name=name, gender="male")
    return Membership.objects.create(
        person=person, organization=post.organization, post=post,
        start_date=TODAY() - dt.timedelta(days=days),
    )  # fmt: skip


def _relief(staff, holding, kind="remove", days_ago=10):
    return services.appointment_move_relief(
        actor=staff, holding=holding, kind=kind, nominator="court_president",
        nominated_on=TODAY() - dt.timedelta(days=days_ago), motion="因工作调动，提请免去其职务。",
    )  # fmt: skip


def test_a_carried_removal_ends_the_holding_and_a_failed_one_leaves_it(
    users, staff, term, post, sc_meeting, django_capture_on_commit_callbacks
):
    meeting, voters = sc_meeting()
    seat = _holding(post)
    a = _relief(staff, seat)
    assert a.kind == "remove" and a.person == seat.person and a.post == post
    assert a.title == "免去龙开的清河市中级人民法院审判员职务"
    with pytest.raises(Conflict) as exc:  # one motion at a time on a holding
        _relief(staff, seat, "resign")
    assert exc.value.code == "appointment_open"
    _consent(staff, a)
    services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)  # no exam
    a.refresh_from_db()
    assert a.agenda_item.title == a.title and a.poll.nominee == seat.person
    a = _vote(users, a, voters, 4, django_capture_on_commit_callbacks)  # 4 of 7: a majority
    assert a.status == "relieved" and a.carried
    seat.refresh_from_db()
    assert seat.end_date == TODAY() and seat.end_reason == a.title[:120]
    assert a.notice_due_on == TODAY() + dt.timedelta(days=3)
    with pytest.raises(Conflict) as exc:  # the holding has ended
        _relief(staff, seat, "dismiss")
    assert exc.value.code == "holding_ended"
    kept = _holding(post, "沈固")
    b = _relief(staff, kept, "dismiss")
    _consent(staff, b)
    services.appointment_put_to_vote(actor=staff, appointment=b, meeting=meeting)
    b.refresh_from_db()
    b = _vote(users, b, voters, 3, django_capture_on_commit_callbacks)  # 3 of 7: not carried
    kept.refresh_from_db()
    assert b.status == "not_appointed" and kept.end_date is None
    assert not services.appointment_issue_certificate.allows(staff, a)  # no certificate to relieve
    with django_capture_on_commit_callbacks(execute=True):
        services.appointment_announce(actor=staff, appointment=a)
    from renda.portal.models import NewsItem

    notice = NewsItem.objects.get(source=f"appointments.appointment:{a.pk}")
    assert notice.title == "关于免去龙开的清河市中级人民法院审判员职务的公告"


def test_a_relief_refuses_bad_input(staff, term, post):
    seat = _holding(post)
    with pytest.raises(DomainError) as exc:
        _relief(staff, seat, "appoint")
    assert exc.value.code == "invalid_choice"
    with pytest.raises(DomainError) as exc:
        _relief(staff, None)
    assert exc.value.code == "field_required"
    with pytest.raises(DomainError) as exc:  # before the holding began
        _relief(staff, seat, days_ago=500)
    assert exc.value.code == "date_invalid"
    assert not Appointment.objects.exists()


def test_the_statement_goes_on_the_agenda_ahead_of_the_vote(staff, term, post, sc_meeting):
    person = Person.objects.create(name="易明", gender="female")
    _passed(staff, person)
    a = _nominate(staff, person, post)
    services.appointment_record_statement(actor=staff, appointment=a, statement="我将忠于宪法，依法履职。", in_writing=True)  # fmt: skip
    _consent(staff, a)
    meeting, _voters = sc_meeting()
    services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)
    a.refresh_from_db()
    assert a.statement_item.title == "易明作书面供职发言"
    assert a.statement_item.description == "我将忠于宪法，依法履职。"
    assert a.statement_item.order < a.agenda_item.order  # spoken before the vote
    with pytest.raises(Conflict):  # on the agenda now: no change of the statement
        services.appointment_record_statement(actor=staff, appointment=a, statement="改稿")
    relief = _relief(staff, _holding(post))
    assert not services.appointment_record_statement.allows(staff, relief)
    with pytest.raises(Conflict) as exc:
        services.appointment_record_statement(actor=staff, appointment=relief, statement="无")
    assert exc.value.code == "not_an_appointment"


def test_the_pages_move_a_relief_and_record_a_statement(client_for, staff, term, post):
    seat = _holding(post, "顾远")
    client = client_for("staff")
    url = reverse("appointments:relief_create")
    form = client.get(url).content.decode()
    assert "顾远 · 清河市中级人民法院审判员" in form and "7日前提请" in form
    body = {"kind": "resign", "holding": seat.pk, "nominator": "court_president", "nominated_on": "", "motion": "本人因身体原因请求辞去职务。"}  # fmt: skip
    refused = client.post(url, body)
    assert refused.status_code == 400 and "本人因身体原因请求辞去职务。" in refused.content.decode()
    body["nominated_on"] = TODAY().isoformat()
    assert client.post(url, body).status_code == 302
    a = Appointment.objects.get()
    assert a.kind == "resign" and a.title == "接受顾远辞去清河市中级人民法院审判员职务的请求"
    page = client.get(reverse("appointments:appointment_detail", args=[a.pk])).content.decode()
    assert a.title in page and "record_statement-form" not in page and "党委同意" in page
    board = client.get(reverse("appointments:appointments")).content.decode()
    assert "接受辞职" in board and "顾远" in board and "待党委同意" in board
    person = Person.objects.create(name="钟行", gender="male")
    b = _nominate(staff, person, post)
    act = reverse("appointments:appointment_act", args=[b.pk, "record_statement"])
    empty = client.post(act, {"statement": "", "in_writing": "on"})
    assert empty.status_code == 400 and "checked" in empty.content.decode()
    assert client.post(act, {"statement": "恪尽职守。"}).status_code == 302
    page = client.get(reverse("appointments:appointment_detail", args=[b.pk])).content.decode()
    assert "恪尽职守。" in page and "到会发言" in page


def test_the_api_moves_a_relief_and_records_a_statement(client_for, staff, term, post, sc_meeting):
    seat = _holding(post, "任重")
    client = client_for("staff")
    body = {"holding_id": seat.pk, "kind": "appoint", "nominator": "court_president", "nominated_on": TODAY().isoformat(), "motion": "提请免职。"}  # fmt: skip
    bad = client.post("/api/v1/relief-motions", body, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["code"] == "validation_failed"
    body["kind"] = "remove"
    made = client.post("/api/v1/relief-motions", body, content_type="application/json")
    assert made.status_code == 201 and made.json()["holding_id"] == seat.pk
    assert made.json()["title"] == "免去任重的清河市中级人民法院审判员职务"
    person = Person.objects.create(name="凌云", gender="female")
    aid = _nominate(staff, person, post).pk
    said = client.post(f"/api/v1/appointments/{aid}/statement", {"statement": "依法履职。", "in_writing": True}, content_type="application/json")  # fmt: skip
    assert said.status_code == 200 and said.json()["statement_in_writing"] is True
    refused = client.post(f"/api/v1/appointments/{made.json()['id']}/statement", {"statement": "无"}, content_type="application/json")  # fmt: skip
    assert refused.status_code == 409 and refused.json()["code"] == "not_an_appointment"
    meeting, _voters = sc_meeting()
    waits = client.post(f"/api/v1/appointments/{aid}/put-to-vote", {"meeting_id": meeting.pk}, content_type="application/json")  # fmt: skip
    assert waits.status_code == 409 and waits.json()["code"] == "approval_required"
    asked = client.post("/api/v1/approvals", {"subject_type": "appointments.appointment", "subject_id": str(aid), "kind": "party_consent", "sent_on": TODAY().isoformat()}, content_type="application/json")  # fmt: skip
    assert asked.status_code == 201, asked.json()
    agreed = client.post(f"/api/v1/approvals/{asked.json()['id']}/answer", {"answer": "approved", "answered_on": TODAY().isoformat()}, content_type="application/json")  # fmt: skip
    assert agreed.status_code == 200
    waits = client.post(f"/api/v1/appointments/{aid}/put-to-vote", {"meeting_id": meeting.pk}, content_type="application/json")  # fmt: skip
    assert waits.status_code == 409 and waits.json()["code"] == "exam_not_passed"  # consent given


def test_members_read_the_candidates_before_the_vote(client_for, staff, term, post, sc_meeting):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    person = Person.objects.create(name="白露", gender="female", birth_year=1980, occupation="区人民法院庭长", biography="2001年参加工作。")  # fmt: skip
    _passed(staff, person)
    a = _nominate(staff, person, post)
    services.appointment_record_statement(actor=staff, appointment=a, statement="依法履职，接受监督。")  # fmt: skip
    url = reverse("appointments:candidates")
    member = client_for("member")
    assert "白露" not in member.get(url).content.decode()  # not on an agenda yet
    _consent(staff, a)
    meeting, _voters = sc_meeting()
    services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)

    def read() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as seen:
            page = member.get(url)
        assert page.status_code == 200
        return page.content.decode(), len(seen)

    page, queries = read()
    assert (
        "任命白露为清河市中级人民法院审判员" in page
        and "1980" in page
        and "2001年参加工作。" in page
    )
    assert "依法履职，接受监督。" in page and "会前 10 日" in page and meeting.title in page
    relief = _relief(staff, _holding(post, "石坚"))
    _consent(staff, relief)
    services.appointment_put_to_vote(actor=staff, appointment=relief, meeting=meeting)
    page, more = read()
    assert "免去石坚的清河市中级人民法院审判员职务" in page and more == queries
    assert client_for("deputy").get(url).status_code == 403


def test_the_s17_reporter_check_reads_the_register_the_votes_write(
    users, staff, term, post, sc_meeting, django_capture_on_commit_callbacks
):
    """Appointed by a carried vote, the person may report to a meeting (S17); relieved by
    another, no longer."""
    from renda.meetings.services import agenda_item_add

    from .test_appointments import _consent

    person = Person.objects.create(name="钱正", gender="male")
    _passed(staff, person)
    meeting, voters = sc_meeting()
    with pytest.raises(DomainError) as exc:
        agenda_item_add(actor=staff, meeting=meeting, kind="work_report", title="法院工作报告", reporter=person)  # fmt: skip
    assert exc.value.code == "reporter_not_statutory"
    a = _nominate(staff, person, post)
    _consent(staff, a)
    services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)
    a.refresh_from_db()
    _vote(users, a, voters, 5, django_capture_on_commit_callbacks)
    item = agenda_item_add(actor=staff, meeting=meeting, kind="work_report", title="法院工作报告", reporter=person)  # fmt: skip
    assert item.reporter_post == post
    r = _relief(staff, Membership.objects.get(person=person, post=post), days_ago=0)
    _consent(staff, r)
    Appointment.objects.filter(pk=r.pk).update(nominated_on=TODAY() - dt.timedelta(days=10))
    r.refresh_from_db()
    services.appointment_put_to_vote(actor=staff, appointment=r, meeting=meeting)
    r.refresh_from_db()
    _vote(users, r, voters, 5, django_capture_on_commit_callbacks)
    later, _ = sc_meeting()
    from renda.meetings.models import Meeting

    Meeting.objects.filter(pk=later.pk).update(starts_on=TODAY() + dt.timedelta(days=1), ends_on=TODAY() + dt.timedelta(days=1))  # fmt: skip
    later.refresh_from_db()
    with pytest.raises(DomainError) as exc:  # relieved today: not a statutory reporter tomorrow
        agenda_item_add(actor=staff, meeting=later, kind="work_report", title="法院工作报告", reporter=person)  # fmt: skip
    assert exc.value.code == "reporter_not_statutory"


def test_an_acting_holder_is_decided_like_an_appointment_without_a_certificate(
    users, staff, term, post, sc_meeting, django_capture_on_commit_callbacks
):
    person = Person.objects.create(name="代理人", gender="male")
    with pytest.raises(DomainError) as exc:
        _nominate(staff, person, post, kind="remove")
    assert exc.value.code == "invalid_choice"
    a = _nominate(staff, person, post, kind="acting")
    assert a.title == "决定代理人代理清河市中级人民法院审判员" and a.is_appointing
    _consent(staff, a)
    meeting, voters = sc_meeting()
    with pytest.raises(Conflict) as exc:  # the exam applies to an acting holder too
        services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)
    assert exc.value.code == "exam_not_passed"
    _passed(staff, person)
    services.appointment_put_to_vote(actor=staff, appointment=a, meeting=meeting)
    a.refresh_from_db()
    a = _vote(users, a, voters, 4, django_capture_on_commit_callbacks)
    assert a.status == "appointed" and a.membership.obtained == "acting"
    assert not services.appointment_issue_certificate.allows(staff, a)
    with pytest.raises(Conflict) as exc:
        services.appointment_issue_certificate(actor=staff, appointment=a)
    assert exc.value.code == "no_certificate"
