"""Bad input gets a stable code, Chinese and English messages, no 500 and no DB change."""

import datetime as dt

import pytest

from renda.core.models import AuditEvent
from renda.people.models import Deputy, Membership, Organization, Person, Post, Term

pytestmark = pytest.mark.django_db

MODELS = (Person, Organization, Membership, Post, Term, Deputy, AuditEvent)


@pytest.fixture
def unchanged(people):
    """Assert at the end of the test that no row was added anywhere."""
    before = {m.__name__: m.objects.count() for m in MODELS}
    yield
    assert {m.__name__: m.objects.count() for m in MODELS} == before


@pytest.fixture
def staff_token(token_for, people):
    return token_for("staff")


def refused(response, status, code):
    got_status, body = response
    assert got_status == status, body
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["message_en"], str) and body["message_en"]
    return body


def test_oversized_strings_are_422(api_call, staff_token, unchanged):
    body = refused(
        api_call("post", "/persons", {"name": "王" * 41, "gender": "male"}, token=staff_token),
        422,
        "validation_failed",
    )
    assert body["message"] == "提交的内容有误，请检查后重试。"
    assert body["message_en"].startswith("The request is invalid")
    assert body["errors"][0]["field"] == "name"
    assert body["errors"][0]["type"] == "string_too_long"
    assert body["errors"][0]["message"] == "内容过长。"
    refused(
        api_call(
            "post",
            "/organizations",
            {"name": "x", "kind": "other_unit", "code": "c" * 61},
            token=staff_token,
        ),
        422,
        "validation_failed",
    )
    refused(api_call("get", "/persons", q="查" * 101), 422, "validation_failed")


def test_wrong_types_are_422(api_call, staff_token, unchanged):
    refused(
        api_call(
            "post",
            "/persons",
            {"name": "甲", "gender": "male", "birth_year": "old"},
            token=staff_token,
        ),
        422,
        "validation_failed",
    )
    refused(
        api_call("post", "/persons", {"name": ["甲"], "gender": "unknown"}, token=staff_token),
        422,
        "validation_failed",
    )
    refused(api_call("post", "/persons", [1, 2], token=staff_token), 422, "validation_failed")
    refused(api_call("get", "/persons", limit="many"), 422, "validation_failed")
    refused(api_call("get", "/persons", limit=201), 422, "validation_failed")
    refused(api_call("get", "/persons", gender="other"), 422, "validation_failed")
    refused(api_call("get", "/memberships", person="abc"), 422, "validation_failed")


def test_malformed_json_is_400(api_call, staff_token, unchanged):
    refused(api_call("post", "/persons", "{not json", token=staff_token), 400, "malformed_body")


def test_nul_characters_are_refused(api_call, staff_token, unchanged):
    refused(
        api_call("post", "/persons", {"name": "甲\x00乙", "gender": "male"}, token=staff_token),
        422,
        "validation_failed",
    )


def test_unknown_ids(api_call, staff_token, people, unchanged):
    refused(api_call("get", "/persons/987654"), 404, "not_found")
    refused(api_call("get", f"/persons/{2**63}"), 422, "validation_failed")
    refused(api_call("get", "/persons/0"), 422, "validation_failed")
    refused(
        api_call("patch", "/organizations/987654", {"name": "无"}, token=staff_token),
        404,
        "not_found",
    )
    body = refused(
        api_call(
            "post",
            "/memberships",
            {
                "person_id": 987654,
                "organization_id": people["committee"].pk,
                "start_date": "2024-01-01",
            },
            token=staff_token,
        ),
        422,
        "unknown_reference",
    )
    assert body["field"] == "person_id"
    assert body["message_en"] == "“person_id” refers to a record that does not exist."
    refused(
        api_call(
            "post",
            "/deputies",
            {"person_id": people["persons"][0].pk, "term_id": 987654},
            token=staff_token,
        ),
        422,
        "unknown_reference",
    )


def test_bad_dates_are_422(api_call, staff_token, people, unchanged):
    for bad in ("2024-13-01", "2024-02-30", "yesterday", ""):
        refused(
            api_call("post", "/terms", {"number": 18, "start_date": bad}, token=staff_token),
            422,
            "validation_failed",
        )
    refused(api_call("get", "/memberships", active_on="2024-02-30"), 422, "validation_failed")


def test_end_before_start_is_refused(api_call, staff_token, people, unchanged):
    wang = people["persons"][0]
    refused(
        api_call(
            "post",
            "/memberships",
            {
                "person_id": wang.pk,
                "organization_id": people["delegation"].pk,
                "start_date": "2024-05-01",
                "end_date": "2024-04-30",
            },
            token=staff_token,
        ),
        400,
        "dates_reversed",
    )
    refused(
        api_call(
            "post",
            "/terms",
            {"number": 18, "start_date": "2027-01-10", "end_date": "2027-01-10"},
            token=staff_token,
        ),
        400,
        "dates_reversed",
    )
    refused(
        api_call(
            "post",
            "/organizations",
            {
                "name": "临时机构",
                "kind": "other_unit",
                "code": "temp",
                "founding_date": "2020-01-01",
                "dissolution_date": "2019-12-31",
            },
            token=staff_token,
        ),
        400,
        "dates_reversed",
    )
    m = Membership.objects.filter(person=wang).first()
    refused(
        api_call("patch", f"/memberships/{m.pk}", {"end_date": "2000-01-01"}, token=staff_token),
        400,
        "dates_reversed",
    )
    m.refresh_from_db()
    assert m.end_date is None


def test_duplicate_membership_is_409(api_call, staff_token, people, unchanged):
    body = refused(
        api_call(
            "post",
            "/memberships",
            {
                "person_id": people["persons"][0].pk,
                "organization_id": people["committee"].pk,
                "start_date": "2024-01-01",
            },
            token=staff_token,
        ),
        409,
        "membership_duplicate",
    )
    assert "王建国" in body["message"]


def test_other_domain_refusals(api_call, staff_token, people, unchanged):
    refused(
        api_call(
            "post",
            "/organizations",
            {"name": "重复", "kind": "other_unit", "code": "east"},
            token=staff_token,
        ),
        409,
        "organization_code_taken",
    )
    refused(
        api_call(
            "post",
            "/organizations",
            {"name": "坏代码", "kind": "other_unit", "code": "不是slug"},
            token=staff_token,
        ),
        400,
        "invalid_field",
    )
    refused(
        api_call("post", "/persons", {"name": "   ", "gender": "male"}, token=staff_token),
        400,
        "field_required",
    )
    refused(
        api_call(
            "post",
            "/persons",
            {"name": "甲", "gender": "male", "phone": "call me"},
            token=staff_token,
        ),
        400,
        "invalid_field",
    )
    refused(
        api_call("post", "/terms", {"number": 17, "start_date": "2022-01-10"}, token=staff_token),
        409,
        "term_exists",
    )
    refused(
        api_call("post", "/terms", {"number": 100, "start_date": "2022-01-10"}, token=staff_token),
        422,
        "validation_failed",
    )
    refused(
        api_call(
            "post",
            "/deputies",
            {"person_id": people["persons"][0].pk, "term_id": people["term"].pk},
            token=staff_token,
        ),
        409,
        "deputy_exists",
    )
    refused(
        api_call(
            "post",
            "/deputies",
            {
                "person_id": Person.objects.first().pk,
                "term_id": people["term"].pk,
                "delegation_id": people["committee"].pk,
            },
            token=staff_token,
        ),
        400,
        "not_a_delegation",
    )
    refused(
        api_call(
            "post",
            "/posts",
            {"organization_id": people["committee"].pk, "label": "委员", "role": "member"},
            token=staff_token,
        ),
        409,
        "post_exists",
    )
    refused(
        api_call(
            "patch",
            f"/organizations/{people['congress'].pk}",
            {"parent_id": people["delegation"].pk},
            token=staff_token,
        ),
        400,
        "organization_cycle",
    )
    assert Organization.objects.get(pk=people["congress"].pk).parent_id is None


def test_deputy_with_duplicate_delegation_membership_rolls_back(api_call, staff_token, people):
    person = Person.objects.create(name="周九", gender="male")
    Membership.objects.create(
        person=person,
        organization=people["delegation"],
        role="member",
        start_date=dt.date(2020, 1, 1),
    )
    before = Deputy.objects.count()
    refused(
        api_call(
            "post",
            "/deputies",
            {
                "person_id": person.pk,
                "term_id": people["term"].pk,
                "delegation_id": people["delegation"].pk,
            },
            token=staff_token,
        ),
        409,
        "membership_duplicate",
    )
    assert Deputy.objects.count() == before


def test_unsupported_method_is_405(client, staff_token, people):
    response = client.delete(
        f"/api/v1/persons/{people['persons'][0].pk}", HTTP_AUTHORIZATION=f"Bearer {staff_token}"
    )
    assert response.status_code == 405
    assert Person.objects.filter(pk=people["persons"][0].pk).exists()


def test_null_for_a_required_field_is_422(api_call, staff_token, people, unchanged):
    wang = people["persons"][0]
    for field in ("name", "gender", "party"):
        refused(
            api_call("patch", f"/persons/{wang.pk}", {field: None}, token=staff_token),
            422,
            "validation_failed",
        )
    wang.refresh_from_db()
    assert wang.name == "王建国" and wang.gender == "male"


def test_an_impossible_year_is_a_validation_error_not_a_crash(client, db):
    response = client.get("/api/v1/meetings", {"year": 2551572})
    assert response.status_code == 422
    assert response.json()["code"] == "validation_failed"
