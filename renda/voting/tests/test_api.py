"""The voting API: casting with stable error codes, sealed results, export, Popolo."""

import json
from functools import lru_cache
from pathlib import Path

import pytest
from django.conf import settings
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from renda.voting import services
from renda_verify import verify

pytestmark = pytest.mark.django_db

BASE = "http://www.popoloproject.com/schemas/"


@lru_cache(maxsize=1)
def registry() -> Registry:
    folder = Path(settings.BASE_DIR) / "renda" / "api" / "schemas" / "popolo"
    resources = []
    for path in sorted(folder.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["id"].rstrip("#"), Resource(contents, DRAFT3)))
    return Registry().with_resources(resources)


def validator(kind: str) -> Draft3Validator:
    return Draft3Validator(
        registry().contents(f"{BASE}{kind}.json"),
        registry=registry(),
        format_checker=Draft3Validator.FORMAT_CHECKER,
    )


def post(client, user, path, data):
    client.force_login(user)
    response = client.post(f"/api/v1{path}", json.dumps(data), content_type="application/json")
    return response.status_code, response.json()


def test_cast_through_api(client, make_poll, body, users):
    poll = make_poll()
    voter = body.voters[0]
    status, data = post(
        client, voter, f"/polls/{poll.pk}/cast", {"choice": "yes", "idempotency_key": "abc"}
    )
    assert status == 201 and len(data["receipt"]) == 64 and not data["replayed"]
    status, again = post(
        client, voter, f"/polls/{poll.pk}/cast", {"choice": "yes", "idempotency_key": "abc"}
    )
    assert status == 200 and again["receipt"] == data["receipt"] and again["replayed"]
    status, err = post(client, voter, f"/polls/{poll.pk}/cast", {"choice": "no"})
    assert status == 409 and err["code"] == "already_voted" and err["message_en"]
    status, err = post(client, body.voters[1], f"/polls/{poll.pk}/cast", {"choice": "perhaps"})
    assert status == 400 and err["code"] == "invalid_ballot"
    status, err = post(client, users["member"], f"/polls/{poll.pk}/cast", {"choice": "yes"})
    assert status == 403 and err["code"] == "not_entitled"
    status, err = post(client, users["staff"], f"/polls/{poll.pk}/cast", {"choice": "yes"})
    assert status == 403
    status, err = post(client, voter, "/polls/999999/cast", {"choice": "yes"})
    assert status == 404


def test_results_export_and_popolo_after_seal(client, make_poll, body, chair):
    poll = make_poll(secrecy="named")
    for i, user in enumerate(body.voters[:20]):
        services.ballot_cast(actor=user, poll=poll, choice="yes" if i < 17 else "no")
    response = client.get(f"/api/v1/polls/{poll.pk}/results")
    assert response.status_code == 409 and response.json()["code"] == "poll_not_sealed"
    assert client.get(f"/api/v1/polls/{poll.pk}/export").status_code == 409
    services.poll_close(actor=chair, poll=poll)
    results = client.get(f"/api/v1/polls/{poll.pk}/results").json()
    assert results["tally"]["yes"] == 17 and results["tally"]["result"] == "passed"
    export = client.get(f"/api/v1/polls/{poll.pk}/export").json()
    verify(export)
    assert len(export["named_votes"]) == 20
    event = client.get(f"/api/v1/polls/{poll.pk}/popolo").json()
    assert list(validator("vote_event").iter_errors(event)) == []
    for count in event["counts"]:
        assert list(validator("count").iter_errors(count)) == []
    assert len(event["votes"]) == 30
    for vote in event["votes"]:
        assert list(validator("vote").iter_errors(vote)) == []
    options = {v["voter_id"]: v["option"] for v in event["votes"]}
    assert options[f"person-{body.voters[0].person_id}"] == "yes"
    # Everyone was signed in at open: the ten who cast nothing are 未按 ("not voting").
    assert options[f"person-{body.voters[29].person_id}"] == "not voting"
    counts = {c["option"]: c["value"] for c in event["counts"]}
    assert counts["not voting"] == 10 and counts["absent"] == 0


def test_anonymous_poll_popolo_has_counts_but_no_votes(client, make_poll, body, chair):
    poll = make_poll()
    services.ballot_cast(actor=body.voters[0], poll=poll, choice="abstain")
    services.poll_close(actor=chair, poll=poll)
    event = client.get(f"/api/v1/polls/{poll.pk}/popolo").json()
    assert "votes" not in event
    assert {"option": "abstain", "value": 1} in event["counts"]
    assert list(validator("vote_event").iter_errors(event)) == []


def test_polls_list_has_fixed_query_count(client, make_poll, body, django_assert_max_num_queries):
    for _ in range(3):
        make_poll(open_=False)
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/polls")
    assert response.status_code == 200 and response.json()["count"] == 3


def test_anonymous_sees_only_public_meetings(client, make_poll, body):
    poll = make_poll(open_=False)
    body.meeting.is_public = False
    body.meeting.save()
    assert client.get("/api/v1/polls").json()["count"] == 0
    assert client.get(f"/api/v1/polls/{poll.pk}").status_code == 404


def test_election_export_through_api_verifies(client, body, staff, chair):
    from renda.people.models import Person

    people = [Person.objects.create(name=f"候选人{i}", gender="female") for i in range(3)]
    poll = services.poll_create(
        actor=staff, agenda_item=body.item, kind="election", seats=2, candidates=people
    )
    poll = services.poll_open(actor=chair, poll=poll)
    for user in body.voters[:18]:
        status, data = post(
            client,
            user,
            f"/polls/{poll.pk}/cast",
            {"candidates": [people[0].pk], "write_ins": [body.voters[0].person_id]},
        )
        assert status == 201, data
    services.poll_close(actor=chair, poll=poll)
    export = client.get(f"/api/v1/polls/{poll.pk}/export").json()
    assert export["tally"]["issued"] is None
    verify(export)
    assert sorted(export["tally"]["elected"]) == sorted([people[0].pk, body.voters[0].person_id])
    event = client.get(f"/api/v1/polls/{poll.pk}/popolo").json()
    assert list(validator("vote_event").iter_errors(event)) == []
