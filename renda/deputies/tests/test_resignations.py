"""Resignations (§2.2): a county's deputy resigns to this standing committee, which accepts by
a poll through the voting core (the seal carries the result, the mandate ends and the
composition figures change); a city's deputy resigns to the electing body, whose decision is
recorded with its document and date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent
from renda.deputies import services
from renda.deputies.models import Resignation
from renda.meetings.models import Attendance, Meeting
from renda.people.composition import congress_figures
from renda.people.models import Deputy, Jurisdiction, Membership, Organization, Person
from renda.voting import services as voting

pytestmark = pytest.mark.django_db


def _sc_meeting(term, n=7):
    sc = Organization.objects.get(code="standing-committee")
    today = timezone.localdate()
    meeting = Meeting.objects.create(
        kind="sc_meeting", body=sc, term=term, number=Meeting.objects.count() + 1,
        title="常委会第九次会议", starts_on=today, ends_on=today, status=Meeting.Status.IN_PROGRESS,
    )  # fmt: skip
    voters = []
    for i in range(n):
        person = Person.objects.create(name=f"委员{i}", gender="male")
        Membership.objects.create(person=person, organization=sc, start_date=term.start_date)
        voters.append(User.objects.create(username=f"sc-{i}", role=Role.MEMBER, person=person))
        Attendance.objects.create(meeting=meeting, person=person, role="voting", status="present")
    return meeting, voters


def _resign(staff, deputy):
    return services.resignation_submit(
        actor=staff, deputy=deputy, submitted_on=timezone.localdate(),
        letter="因工作变动，本人请求辞去市人民代表大会代表职务。",
    )  # fmt: skip


def test_a_county_deputy_is_accepted_by_an_sc_poll_and_the_figures_change(
    users, staff, term, deputies, django_capture_on_commit_callbacks
):
    Jurisdiction.objects.update(level=Jurisdiction.Level.COUNTY)
    before = congress_figures(term)[0].total
    leaving = deputies[3]
    r = _resign(staff, leaving)
    assert r.decider == "this_sc" and r.status == "submitted"
    with pytest.raises(Conflict) as exc:
        _resign(staff, leaving)
    assert exc.value.code == "resignation_open"
    with pytest.raises(Conflict):  # decided here: there is no other body's decision to record
        services.resignation_record_decision(actor=staff, resignation=r, accepted=True, decided_on=timezone.localdate(), document="x")  # fmt: skip
    meeting, voters = _sc_meeting(term)
    services.resignation_put_to_vote(actor=staff, resignation=r, meeting=meeting)
    r.refresh_from_db()
    assert r.status == "voting" and r.poll.agenda_item == r.agenda_item
    assert "辞去代表职务" in r.agenda_item.title
    poll = voting.poll_open(actor=users["leader"], poll=r.poll)
    for user in voters[:5]:
        voting.ballot_cast(actor=user, poll=poll, choice="yes")
    with django_capture_on_commit_callbacks(execute=True):
        voting.poll_close(actor=users["leader"], poll=poll)
    r.refresh_from_db()
    assert r.status == "accepted" and r.tally["result"] == "passed"
    leaving.refresh_from_db()
    assert leaving.status == Deputy.Status.RESIGNED
    assert congress_figures(term)[0].total == before - 1
    assert AuditEvent.objects.filter(action="deputies.resignation.decided").count() == 1


def test_a_poll_that_fails_keeps_the_mandate(users, staff, term, deputies, django_capture_on_commit_callbacks):  # fmt: skip
    Jurisdiction.objects.update(level=Jurisdiction.Level.COUNTY)
    r = _resign(staff, deputies[4])
    meeting, voters = _sc_meeting(term)
    services.resignation_put_to_vote(actor=staff, resignation=r, meeting=meeting)
    r.refresh_from_db()
    poll = voting.poll_open(actor=users["leader"], poll=r.poll)
    for user in voters[:2]:
        voting.ballot_cast(actor=user, poll=poll, choice="yes")
    with django_capture_on_commit_callbacks(execute=True):
        voting.poll_close(actor=users["leader"], poll=poll)
    r.refresh_from_db()
    assert r.status == "not_accepted"
    assert Deputy.objects.get(pk=deputies[4].pk).status == Deputy.Status.ACTIVE


def test_a_city_deputy_resigns_to_the_electing_body(staff, term, deputies):
    Jurisdiction.objects.update(level=Jurisdiction.Level.CITY)
    delegation = Organization.objects.create(code="dlg-qh", name="清河区代表团", kind="delegation")
    seat = Membership.objects.create(
        person=deputies[2].person, organization=delegation, start_date=term.start_date
    )
    r = _resign(staff, deputies[2])
    assert r.decider == "electing_body"
    meeting, _voters = _sc_meeting(term, n=1)
    with pytest.raises(Conflict):
        services.resignation_put_to_vote(actor=staff, resignation=r, meeting=meeting)
    with pytest.raises(DomainError) as exc:
        services.resignation_record_decision(
            actor=staff, resignation=r, accepted=True,
            decided_on=timezone.localdate() + dt.timedelta(days=1), document="清河区人大常委会公告",
        )  # fmt: skip
    assert exc.value.code == "date_invalid"
    services.resignation_record_decision(
        actor=staff, resignation=r, accepted=True, decided_on=timezone.localdate(),
        document="清河区人大常委会关于接受某某辞去市人大代表职务的决定",
    )  # fmt: skip
    r.refresh_from_db()
    assert r.status == "accepted" and r.decision_document.startswith("清河区")
    assert Deputy.objects.get(pk=deputies[2].pk).status == Deputy.Status.RESIGNED
    seat.refresh_from_db()
    assert seat.end_date == timezone.localdate()  # the delegation seat ends with the mandate


def test_a_request_is_withdrawn_with_a_reason(staff, deputies):
    r = _resign(staff, deputies[1])
    services.resignation_withdraw(actor=staff, resignation=r, reason="本人撤回")
    assert Resignation.objects.get().status == "withdrawn"
    assert Deputy.objects.get(pk=deputies[1].pk).status == Deputy.Status.ACTIVE


def test_the_pages_take_a_resignation_from_request_to_vacancy(client_for, staff, term, deputies):
    from django.urls import reverse

    Jurisdiction.objects.update(level=Jurisdiction.Level.CITY)
    client = client_for("staff")
    url = reverse("deputies:resignation_create")
    page = client.get(url).content.decode()
    assert "代表法第四十九条" in page  # the form says who decides before submitting
    body = {
        "deputy": deputies[5].pk,
        "submitted_on": timezone.localdate().isoformat(),
        "letter": "",
    }
    refused = client.post(url, body)
    assert refused.status_code == 400 and not Resignation.objects.exists()
    body["letter"] = "因工作调动，请求辞去代表职务。"
    assert client.post(url, body).status_code == 302
    r = Resignation.objects.get()
    detail = client.get(reverse("deputies:resignation_detail", args=[r.pk])).content.decode()
    assert 'id="record_decision-form"' in detail and 'id="put_to_vote-form"' not in detail
    act = reverse("deputies:resignation_act", args=[r.pk, "record_decision"])
    bad = client.post(act, {"accepted": "1", "decided_on": "2000-01-01", "document": "清河区人大常委会决定"})  # fmt: skip
    assert bad.status_code == 400 and "清河区人大常委会决定" in bad.content.decode()
    ok = {"accepted": "1", "decided_on": timezone.localdate().isoformat(), "document": "清河区人大常委会决定"}  # fmt: skip
    assert client.post(act, ok).status_code == 302
    vacancies = client.get(reverse("deputies:vacancies")).content.decode()
    assert f'data-deputy="{deputies[5].pk}"' in vacancies and "辞职" in vacancies
    api = client.get("/api/v1/vacancies").json()
    assert api["seated"] == api["elected"] - 1 and api["items"][0]["deputy_id"] == deputies[5].pk
    listed = client.get("/api/v1/resignations").json()
    assert listed["items"][0]["status"] == "accepted"
    assert client_for("deputy").get("/api/v1/resignations").status_code == 403


def test_a_deputy_told_to_resign_follows_the_same_procedure(staff, term, deputies):
    Jurisdiction.objects.update(level=Jurisdiction.Level.CITY)
    r = services.resignation_submit(
        actor=staff, deputy=deputies[3], submitted_on=timezone.localdate(), ordered=True,
        letter="根据有关规定被责令辞去代表职务，现提出辞职。",
    )  # fmt: skip
    assert r.ordered and AuditEvent.objects.get(action="deputies.resignation.submit").changes["ordered"]  # fmt: skip
    services.resignation_record_decision(
        actor=staff, resignation=r, accepted=True, decided_on=timezone.localdate(),
        document="清河区人大常委会关于接受某某辞去市人大代表职务的决定",
    )  # fmt: skip
    leaving = Deputy.objects.get(pk=deputies[3].pk)
    assert (
        leaving.status == Deputy.Status.RESIGNED
        and leaving.status_reason == "被责令辞职，辞职被接受"
    )
