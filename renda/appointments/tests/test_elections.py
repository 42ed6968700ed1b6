"""Elections by the congress (§7.2–§7.4): nominations by the presidium or jointly by
enough deputies, never more than the seats; the consultation days; the competitive slate;
the secret ballot's sealed result places those elected in the post register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.appointments import services
from renda.appointments.models import Election, Nomination
from renda.core.errors import Conflict, DomainError
from renda.people.models import Membership, Organization, Person, Post
from renda.voting import services as voting

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture
def vice_mayor(jurisdiction):
    gov = Organization.objects.create(code="gov-t", name="清河市人民政府", kind="government")
    return Post.objects.create(organization=gov, label="副市长", role="deputy_head", elected_or_appointed=True)  # fmt: skip


def _open(staff, meeting, post, seats=2, days_ago=3):
    e = services.election_open(actor=staff, meeting=meeting, post=post, seats=seats, office_kind="deputy_head")  # fmt: skip
    Election.objects.filter(pk=e.pk).update(opened_on=TODAY() - dt.timedelta(days=days_ago))
    e.refresh_from_db()
    return e


def test_nominations_keep_the_thresholds_and_the_elected_take_the_post(
    users, staff, term, vice_mayor, session, django_capture_on_commit_callbacks
):
    meeting, deputies, voters = session(25)
    e = _open(staff, meeting, vice_mayor, seats=2)
    people = [Person.objects.create(name=n, gender="male") for n in ("甲候选", "乙候选", "丙候选", "丁候选")]  # fmt: skip
    services.election_nominate(actor=staff, election=e, person=people[0], by="presidium")
    services.election_nominate(actor=staff, election=e, person=people[1], by="presidium")
    with pytest.raises(Conflict) as exc:  # the presidium names no more than the seats
        services.election_nominate(actor=staff, election=e, person=people[2], by="presidium")
    assert exc.value.code == "too_many_nominees"
    with pytest.raises(DomainError) as exc:  # 2 for 2 deputy heads: +1 to +3 needed (§7.2)
        services.election_put_to_vote(actor=staff, election=e)
    assert exc.value.code == "slate_out_of_range"
    e.refresh_from_db()
    assert e.status == "nominating" and e.poll_id is None and not meeting.items.exists()
    with pytest.raises(DomainError) as exc:  # a city needs 20 deputies (§7.3)
        services.election_nominate(actor=staff, election=e, person=people[2], by="deputies", deputies=deputies[:19])  # fmt: skip
    assert exc.value.code == "too_few_sponsors" and "20名以上" in str(exc.value)
    services.election_nominate(actor=staff, election=e, person=people[2], by="deputies", deputies=deputies[:20])  # fmt: skip
    services.election_nominate(actor=staff, election=e, person=people[3], by="deputies", deputies=deputies[:20])  # fmt: skip
    with pytest.raises(Conflict) as exc:  # each deputy joins for no more than the seats
        services.election_nominate(actor=staff, election=e, person=Person.objects.create(name="戊", gender="male"), by="deputies", deputies=deputies[:20])  # fmt: skip
    assert exc.value.code == "too_many_nominees"
    with pytest.raises(Conflict) as exc:
        services.election_nominate(actor=staff, election=e, person=people[0], by="presidium")
    assert exc.value.code == "already_nominated"
    services.election_put_to_vote(actor=staff, election=e)
    e.refresh_from_db()
    assert e.status == "voting" and e.poll.kind == "election" and e.poll.seats == 2
    assert e.agenda_item.title == "选举清河市人民政府副市长"
    poll = voting.poll_open(actor=users["leader"], poll=e.poll)
    ids = [p.pk for p in people[:3]]
    for i, user in enumerate(voters):  # 25 deputies: a majority of all is 13
        ticked = [ids[0], ids[1]] if i < 15 else [ids[0], ids[2]]
        voting.ballot_cast(actor=user, poll=poll, choice={"candidates": ticked})
    with django_capture_on_commit_callbacks(execute=True):
        voting.poll_close(actor=users["leader"], poll=poll)
    e.refresh_from_db()
    assert e.status == "elected" and sorted(e.tally["elected"]) == sorted(ids[:2])
    held = Membership.objects.filter(post=vice_mayor, end_date__isnull=True)
    assert {m.person_id for m in held} == set(ids[:2]) and all(
        m.start_date == TODAY() for m in held
    )
    assert {m.obtained for m in held} == {"election"}
    statuses = dict(Nomination.objects.values_list("person_id", "status"))
    assert (
        statuses[ids[2]] == statuses[people[3].pk] == "not_elected"
        and statuses[ids[0]] == "elected"
    )


def test_the_consultation_lasts_two_days_and_input_is_checked(staff, term, vice_mayor, session, sc_meeting):  # fmt: skip
    meeting, deputies, _voters = session(3)
    sc, _ = sc_meeting(3)
    with pytest.raises(DomainError) as exc:  # elections are held at a session of the congress
        services.election_open(actor=staff, meeting=sc, post=vice_mayor, seats=1, office_kind="deputy_head")  # fmt: skip
    assert exc.value.code == "not_congress_session"
    with pytest.raises(DomainError) as exc:
        services.election_open(actor=staff, meeting=meeting, post=vice_mayor, seats=0, office_kind="deputy_head")  # fmt: skip
    assert exc.value.code == "invalid_seats"
    with pytest.raises(DomainError) as exc:
        services.election_open(actor=staff, meeting=meeting, post=vice_mayor, seats=1, office_kind="king")  # fmt: skip
    assert exc.value.code == "invalid_choice"
    e = services.election_open(actor=staff, meeting=meeting, post=vice_mayor, seats=1, office_kind="deputy_head")  # fmt: skip
    with pytest.raises(Conflict) as exc:
        services.election_open(actor=staff, meeting=meeting, post=vice_mayor, seats=1, office_kind="deputy_head")  # fmt: skip
    assert exc.value.code == "election_open"
    services.election_nominate(actor=staff, election=e, person=Person.objects.create(name="甲", gender="male"), by="presidium")  # fmt: skip
    with pytest.raises(Conflict) as exc:  # opened today: 2 days of consultation first
        services.election_put_to_vote(actor=staff, election=e)
    assert exc.value.code == "consultation_too_short"
    other = Person.objects.create(name="乙", gender="male")
    with pytest.raises(DomainError) as exc:
        services.election_nominate(actor=staff, election=e, person=other, by="presidium", deputies=deputies)  # fmt: skip
    assert exc.value.code == "sponsors_not_allowed"
    services.election_withdraw(actor=staff, election=e, reason="主席团决定本次会议不进行该项选举")
    e.refresh_from_db()
    assert e.status == "withdrawn" and e.closing_note.startswith("主席团")
    assert Election.objects.count() == 1 and Nomination.objects.count() == 1


def test_the_pages_open_an_election_and_nominate(client_for, staff, term, vice_mayor, session):
    meeting, deputies, _voters = session(21)
    client = client_for("staff")
    url = reverse("appointments:election_create")
    form = client.get(url).content.decode()
    assert "代表20人以上联名提名" in form and meeting.title in form
    body = {
        "meeting": meeting.pk,
        "post": vice_mayor.pk,
        "seats": "0",
        "office_kind": "deputy_head",
    }
    refused = client.post(url, body)
    assert refused.status_code == 400 and not Election.objects.exists()
    assert f'value="{vice_mayor.pk}" selected' in refused.content.decode()  # the input is kept
    body["seats"] = "1"
    assert client.post(url, body).status_code == 302
    e = Election.objects.get()
    act = reverse("appointments:election_act", args=[e.pk, "nominate"])
    person = Person.objects.create(name="严正", gender="male", occupation="市财政局局长")
    few = client.post(act, {"person": person.pk, "by": "deputies", "deputies": [d.pk for d in deputies[:5]]})  # fmt: skip
    assert few.status_code == 400 and "须有20名以上代表联名，现为5名" in few.content.decode()
    enough = client.post(act, {"person": person.pk, "by": "deputies", "deputies": [d.pk for d in deputies[:20]]})  # fmt: skip
    assert enough.status_code == 302
    page = client.get(reverse("appointments:election_detail", args=[e.pk])).content.decode()
    assert "严正" in page and "20 名代表" in page and 'id="put_to_vote-form"' in page
    board = client.get(reverse("appointments:elections")).content.decode()
    assert f'data-election="{e.pk}"' in board and "提名酝酿中" in board
    early = client.post(reverse("appointments:election_act", args=[e.pk, "put_to_vote"]))
    assert early.status_code == 302  # refused with the reason as a message, nothing written
    e.refresh_from_db()
    assert e.status == "nominating" and e.poll_id is None
    assert client_for("deputy").get(reverse("appointments:elections")).status_code == 403


def test_the_api_opens_and_nominates(client_for, staff, term, vice_mayor, session):
    meeting, deputies, _voters = session(20)
    client = client_for("staff")
    body = {"meeting_id": meeting.pk, "post_id": vice_mayor.pk, "seats": 1, "office_kind": "mayor"}
    bad = client.post("/api/v1/elections", body, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["code"] == "validation_failed"
    body["office_kind"] = "head"
    made = client.post("/api/v1/elections", body, content_type="application/json")
    assert made.status_code == 201 and made.json()["status"] == "nominating"
    eid = made.json()["id"]
    person = Person.objects.create(name="叶青", gender="female")
    url = f"/api/v1/elections/{eid}/nominations"
    few = client.post(url, {"person_id": person.pk, "by": "deputies", "deputy_ids": [deputies[0].pk]}, content_type="application/json")  # fmt: skip
    assert few.status_code == 400 and few.json()["code"] == "too_few_sponsors"
    ok = client.post(url, {"person_id": person.pk, "by": "deputies", "deputy_ids": [d.pk for d in deputies]}, content_type="application/json")  # fmt: skip
    assert ok.status_code == 201 and ok.json()["nominations"][0]["sponsors"] == 20
    unknown = client.post(url, {"person_id": person.pk, "by": "presidium", "deputy_ids": [999999]}, content_type="application/json")  # fmt: skip
    assert unknown.status_code == 404
    early = client.post(f"/api/v1/elections/{eid}/put-to-vote", content_type="application/json")
    assert early.status_code == 409 and early.json()["code"] == "consultation_too_short"
    listed = client.get("/api/v1/elections").json()
    assert listed["count"] == 1 and listed["items"][0]["nominations"][0]["name"] == "叶青"
