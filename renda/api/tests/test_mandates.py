"""Terms, memberships and deputies through the API."""

import datetime as dt

import pytest

from renda.people.models import Deputy, Membership, Person, Term

pytestmark = pytest.mark.django_db


def ids(body):
    return [item["id"] for item in body["items"]]


def test_terms_list_detail_create(api_call, people, client_for):
    term = people["term"]
    status, body = api_call("get", "/terms")
    assert status == 200 and ids(body) == [term.pk]
    assert api_call("get", f"/terms/{term.pk}")[1]["number"] == 17
    client_for("staff")
    status, body = api_call("post", "/terms", {"number": 18, "start_date": "2027-01-10"})
    assert status == 201, body
    assert body["congress_id"] == people["congress"].pk
    assert Term.objects.count() == 2


def test_memberships_filters(api_call, people):
    wang = people["persons"][0]
    committee = people["committee"]
    status, body = api_call("get", "/memberships", person=wang.pk)
    assert status == 200 and body["count"] == 2
    status, body = api_call(
        "get", "/memberships", organization=committee.pk, term=people["term"].pk
    )
    assert body["count"] == 3 and {i["post_id"] for i in body["items"]} == {people["post"].pk}
    assert api_call("get", "/memberships", active_on="2021-12-31")[1]["count"] == 0
    assert api_call("get", "/memberships", active_on="2023-05-01")[1]["count"] == 6


def test_membership_create_and_end(api_call, people, client_for):
    client_for("staff")
    person = Person.objects.create(name="钱七", gender="male")
    status, body = api_call(
        "post",
        "/memberships",
        {
            "person_id": person.pk,
            "organization_id": people["committee"].pk,
            "post_id": people["post"].pk,
            "start_date": "2024-01-01",
        },
    )
    assert status == 201, body
    assert body["role"] == "member" and body["end_date"] is None
    status, body = api_call(
        "patch", f"/memberships/{body['id']}", {"end_date": "2025-06-30", "end_reason": "调任"}
    )
    assert status == 200, body
    assert body["end_date"] == "2025-06-30" and body["end_reason"] == "调任"
    status, body = api_call("patch", f"/memberships/{body['id']}", {"end_date": "2025-07-01"})
    assert status == 409 and body["code"] == "membership_already_ended"


def test_deputies_filters(api_call, people):
    delegation = people["delegation"]
    status, body = api_call("get", "/deputies", term=people["term"].pk, delegation=delegation.pk)
    assert status == 200 and body["count"] == 3
    assert {item["delegation_id"] for item in body["items"]} == {delegation.pk}
    assert api_call("get", "/deputies", status="resigned")[1]["count"] == 0
    assert api_call("get", "/deputies", delegation=people["committee"].pk)[1]["count"] == 0


def test_deputy_create_and_status_change(api_call, people, client_for):
    client_for("staff")
    person = Person.objects.create(name="孙八", gender="female")
    status, body = api_call(
        "post",
        "/deputies",
        {
            "person_id": person.pk,
            "term_id": people["term"].pk,
            "delegation_id": people["delegation"].pk,
            "occupation_category": "farmer",
            "constituency": "第3选区",
        },
    )
    assert status == 201, body
    assert body["delegation_id"] == people["delegation"].pk and body["status"] == "active"
    status, body = api_call(
        "patch",
        f"/deputies/{body['id']}",
        {"status": "resigned", "on": "2024-03-01", "reason": "工作调动"},
    )
    assert status == 200, body
    deputy = Deputy.objects.get(pk=body["id"])
    assert deputy.status == "resigned" and deputy.status_date == dt.date(2024, 3, 1)
    status, body = api_call("patch", f"/deputies/{deputy.pk}", {"status": "active"})
    assert status == 400 and body["code"] == "deputy_status_transition"
    assert Membership.objects.filter(person=person, organization=people["delegation"]).exists()
