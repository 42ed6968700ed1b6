"""By-elections (§2.2): the office records who was elected to a vacancy, the credentials
committee reports, and the standing committee decides on the report by a poll through the
voting core — an adopted finding of validity creates the mandate (the composition figures and
the vacancies change) and publishes the announcement; a report not adopted goes back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent
from renda.deputies import services
from renda.deputies.models import ByElection
from renda.deputies.tests.test_resignations import _sc_meeting
from renda.people.composition import congress_figures
from renda.people.models import Deputy, Membership, Organization, Person
from renda.people.services import deputy_change_status
from renda.voting import services as voting

pytestmark = pytest.mark.django_db


def _vacancy(staff, deputy) -> Deputy:
    deputy_change_status(
        actor=staff, deputy=deputy, status=Deputy.Status.DECEASED, reason="因病去世",
        on=timezone.localdate() - dt.timedelta(days=40),
    )  # fmt: skip
    deputy.refresh_from_db()
    return deputy


def _record(staff, person, vacated=None, **kw):
    kw.setdefault("held_on", timezone.localdate() - dt.timedelta(days=5))
    kw.setdefault("constituency", "" if vacated else "第十二选区")
    return services.byelection_record(actor=staff, person=person, vacated=vacated, **kw)


def _vote(users, by, voters, yes, django_capture_on_commit_callbacks):
    poll = voting.poll_open(actor=users["leader"], poll=by.poll)
    for user in voters[:yes]:
        voting.ballot_cast(actor=user, poll=poll, choice="yes")
    with django_capture_on_commit_callbacks(execute=True):
        voting.poll_close(actor=users["leader"], poll=poll)
    by.refresh_from_db()
    return by


def test_a_confirmed_by_election_creates_the_mandate_and_the_notice(
    users, staff, term, deputies, django_capture_on_commit_callbacks
):
    from renda.portal.models import NewsItem

    vacated = _vacancy(staff, deputies[3])
    vacated.constituency = "第七选区"
    vacated.save(update_fields=["constituency"])
    before = congress_figures(term)[0].total
    delegation = Organization.objects.create(code="dlg-bx", name="滨西区代表团", kind="delegation")
    person = Person.objects.create(name="韩立新", gender="male")
    by = _record(staff, person, vacated, delegation=delegation, candidates=2, result="得票2131张")
    assert by.status == "elected" and by.constituency == "第七选区"  # the seat's constituency
    with pytest.raises(Conflict) as exc:  # the same vacancy cannot be filled twice
        _record(staff, Person.objects.create(name="吕晓", gender="female"), vacated)
    assert exc.value.code == "vacancy_filled"
    with pytest.raises(Conflict) as exc:
        _record(staff, person)
    assert exc.value.code == "byelection_open"

    services.byelection_report(actor=staff, by_election=by, finding="valid", report="经审查，补选程序符合法律规定，当选有效。")  # fmt: skip
    meeting, voters = _sc_meeting(term)
    services.byelection_put_to_vote(actor=staff, by_election=by, meeting=meeting)
    by.refresh_from_db()
    assert by.status == "voting" and "韩立新代表资格" in by.agenda_item.title
    by = _vote(users, by, voters, 5, django_capture_on_commit_callbacks)

    assert by.status == "confirmed" and by.tally["result"] == "passed"
    mandate = Deputy.objects.get(person=person, term=term)
    assert by.deputy == mandate and mandate.elected_on == by.held_on
    assert mandate.constituency == "第七选区" and mandate.status == Deputy.Status.ACTIVE
    assert Membership.objects.filter(person=person, organization=delegation, end_date=None).exists()
    assert congress_figures(term)[0].total == before + 1
    seated = Deputy.objects.filter(term=term, status__in=["active", "suspended"]).count()
    assert f"现有代表{seated}名" in by.announcement
    notice = NewsItem.objects.get(source=f"deputies.by_election:{by.pk}")
    assert notice.title == "关于确认韩立新代表资格的公告" and notice.body == by.announcement
    assert AuditEvent.objects.filter(action="deputies.byelection.decided").count() == 1
    assert AuditEvent.objects.filter(action="people.deputy.created").count() == 1


def test_a_report_not_adopted_goes_back_and_an_invalid_finding_voids(
    users, staff, term, deputies, django_capture_on_commit_callbacks
):
    person = Person.objects.create(name="苗青", gender="female")
    by = _record(staff, person)
    services.byelection_report(actor=staff, by_election=by, finding="invalid", report="选举中存在以贿赂手段妨害选举的行为。")  # fmt: skip
    meeting, voters = _sc_meeting(term)
    services.byelection_put_to_vote(actor=staff, by_election=by, meeting=meeting)
    by.refresh_from_db()
    by = _vote(users, by, voters, 2, django_capture_on_commit_callbacks)  # 2 of 7: not adopted
    assert by.status == "elected" and by.poll is None and "未通过" in by.closing_note
    assert not Deputy.objects.filter(person=person).exists()

    services.byelection_report(actor=staff, by_election=by, finding="invalid", report="经重新审查，当选无效。")  # fmt: skip
    services.byelection_put_to_vote(actor=staff, by_election=by, meeting=meeting)
    by.refresh_from_db()
    by = _vote(users, by, voters[2:], 5, django_capture_on_commit_callbacks)
    assert by.status == "void" and "当选无效" in by.announcement
    assert not Deputy.objects.filter(person=person).exists()


def test_a_record_is_checked_before_it_is_kept(staff, term, deputies):
    person = Person.objects.create(name="沈冰", gender="female")
    with pytest.raises(DomainError) as exc:
        _record(staff, person, deputies[0])  # a seated deputy's seat is not vacant
    assert exc.value.code == "not_vacant"
    with pytest.raises(DomainError) as exc:
        _record(staff, person, held_on=timezone.localdate() + dt.timedelta(days=1))
    assert exc.value.code == "date_invalid"
    with pytest.raises(DomainError) as exc:
        _record(staff, person, constituency="")
    assert exc.value.code == "field_required"
    with pytest.raises(Conflict) as exc:
        _record(staff, deputies[1].person)
    assert exc.value.code == "deputy_exists"
    assert not ByElection.objects.exists()
    by = _record(staff, person)
    with pytest.raises(DomainError) as exc:
        services.byelection_report(actor=staff, by_election=by, finding="maybe", report="x")
    assert exc.value.code == "invalid_choice"
    services.byelection_cancel(actor=staff, by_election=by, reason="重复登记")
    by.refresh_from_db()
    assert by.status == "cancelled"
    assert _record(staff, person).status == "elected"  # a cancelled record frees the person


def test_the_pages_take_a_by_election_from_record_to_the_vote(client_for, staff, term, deputies):
    from django.urls import reverse

    vacated = _vacancy(staff, deputies[2])
    person = Person.objects.create(name="闵雪", gender="female", occupation="市第二医院护士长")
    client = client_for("staff")
    url = reverse("deputies:byelection_create")
    form = client.get(url).content.decode()
    assert "选举法第五十七条" in form and "闵雪（市第二医院护士长）" in form
    assert deputies[1].person.name not in form.split('name="person"')[1].split("</select>")[0]
    body = {
        "person": person.pk, "vacated": vacated.pk, "occupation_category": "other",
        "held_on": (timezone.localdate() + dt.timedelta(days=2)).isoformat(),
        "candidates": 2, "result": "参加投票选民2890人，闵雪得票1902张。",
    }  # fmt: skip
    refused = client.post(url, body)
    page = refused.content.decode()
    assert refused.status_code == 400 and "补选日期应在本届开始之日和今天之间" in page
    assert "闵雪得票1902张" in page and not ByElection.objects.exists()  # the input is kept
    body["held_on"] = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    refused = client.post(url, body)  # the vacated deputy's record names no constituency
    assert refused.status_code == 400 and "请填写选区或原选举单位" in refused.content.decode()
    body["constituency"] = "第五选区"
    assert client.post(url, body).status_code == 302
    by = ByElection.objects.get()
    detail = client.get(reverse("deputies:byelection_detail", args=[by.pk])).content.decode()
    assert 'id="report-form"' in detail and 'id="put_to_vote-form"' not in detail
    act = reverse("deputies:byelection_act", args=[by.pk, "report"])
    bad = client.post(act, {"finding": "valid", "report": ""})
    assert bad.status_code == 400 and 'id="report-form"' in bad.content.decode()
    assert (
        client.post(act, {"finding": "valid", "report": "程序合法，当选有效。"}).status_code == 302
    )
    meeting, _voters = _sc_meeting(term, n=3)
    vote = reverse("deputies:byelection_act", args=[by.pk, "put_to_vote"])
    assert client.post(vote, {"meeting": meeting.pk}).status_code == 302
    by.refresh_from_db()
    assert by.status == "voting" and by.poll_id
    detail = client.get(reverse("deputies:byelection_detail", args=[by.pk])).content.decode()
    assert 'id="record_vote-form"' in detail and 'id="cancel-form"' not in detail
    listed = client.get(reverse("deputies:byelections")).content.decode()
    assert f'data-by-election="{by.pk}"' in listed and "闵雪" in listed
    vacancies = client.get(reverse("deputies:vacancies")).content.decode()
    row = vacancies.split(f'data-deputy="{vacated.pk}"')[1].split("</tr>")[0]
    assert "闵雪" in row and "已提请常委会表决" in row


def test_the_api_records_and_reports_and_refuses_bad_input(client_for, staff, term, deputies):
    vacated = _vacancy(staff, deputies[4])
    person = Person.objects.create(name="宁远", gender="male")
    client = client_for("staff")
    held = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    bad = client.post("/api/v1/by-elections", {"person_id": person.pk, "held_on": held, "vacated_id": deputies[0].pk}, content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and bad.json()["code"] == "not_vacant"
    unknown = client.post("/api/v1/by-elections", {"person_id": 999999, "held_on": held}, content_type="application/json")  # fmt: skip
    assert unknown.status_code == 400 and unknown.json()["code"] == "unknown_reference"
    made = client.post("/api/v1/by-elections", {"person_id": person.pk, "held_on": held, "vacated_id": vacated.pk, "electing_unit": "东城区人民代表大会"}, content_type="application/json")  # fmt: skip
    assert made.status_code == 201, made.content
    by_id = made.json()["id"]
    wrong = client.post(f"/api/v1/by-elections/{by_id}/report", {"finding": "perhaps", "report": "x"}, content_type="application/json")  # fmt: skip
    assert wrong.status_code == 400 and wrong.json()["code"] == "invalid_choice"
    ok = client.post(f"/api/v1/by-elections/{by_id}/report", {"finding": "valid", "report": "当选有效。"}, content_type="application/json")  # fmt: skip
    assert ok.status_code == 200, ok.content
    early = client.post(f"/api/v1/by-elections/{by_id}/record-vote", {}, content_type="application/json")  # fmt: skip
    assert early.status_code == 409
    got = client.get(f"/api/v1/by-elections/{by_id}").json()
    assert got["status"] == "reported" and got["finding"] == "valid" and got["deputy_id"] is None
    assert client.get("/api/v1/by-elections").json()["count"] == 1
    vacancies = client.get("/api/v1/vacancies").json()["items"]
    row = next(v for v in vacancies if v["deputy_id"] == vacated.pk)
    assert row["by_elections"] == [{"by_election_id": by_id, "name": "宁远", "status": "reported"}]
    assert client_for("deputy").get("/api/v1/by-elections").status_code == 403
