"""Persons, organizations and posts through the API: lists, filters, detail, create, update."""

import pytest

from renda.core.models import AuditEvent
from renda.people.models import Organization, Person, Post

pytestmark = pytest.mark.django_db


def ids(body):
    return [item["id"] for item in body["items"]]


def test_persons_list_pages_with_count(api_call, people):
    status, body = api_call("get", "/persons", limit=2, offset=1)
    assert status == 200
    assert body["count"] == Person.objects.count()
    assert ids(body) == list(Person.objects.order_by("id").values_list("id", flat=True)[1:3])


def test_persons_filters(api_call, people):
    wang, li, zhang = people["persons"]
    assert ids(api_call("get", "/persons", q="王建国")[1]) == [wang.pk]
    assert ids(api_call("get", "/persons", q="教育")[1]) == [wang.pk, li.pk, zhang.pk]
    assert ids(api_call("get", "/persons", gender="male")[1]) == [wang.pk, zhang.pk]
    assert ids(api_call("get", "/persons", party="cpc")[1]) == [li.pk, zhang.pk]
    assert ids(api_call("get", "/persons", party="cpc", gender="female")[1]) == [li.pk]


def test_person_detail_and_404(api_call, people):
    wang = people["persons"][0]
    status, body = api_call("get", f"/persons/{wang.pk}")
    assert status == 200 and body["birth_year"] == 1960 and "biography" in body
    status, body = api_call("get", "/persons/999999")
    assert status == 404
    assert body == {
        "code": "not_found",
        "message": "未找到该记录。",
        "message_en": "No such record.",
    }


def test_person_create_and_update(api_call, users, client_for):
    client_for("staff")
    status, body = api_call(
        "post",
        "/persons",
        {
            "name": "  赵敏 ",
            "gender": "female",
            "birth_year": 1980,
            "party": "jiusan",
            "phone": "010-1234567",
            "email": "zm@example.cn",
        },
    )
    assert status == 201, body
    person = Person.objects.get(pk=body["id"])
    assert person.name == "赵敏" and person.party == "jiusan"
    assert body["contact"]["phone"] == "010-1234567"
    status, body = api_call(
        "patch", f"/persons/{person.pk}", {"occupation": "律师", "birth_year": None}
    )
    assert status == 200, body
    person.refresh_from_db()
    assert person.occupation == "律师" and person.birth_year is None and person.party == "jiusan"
    assert AuditEvent.objects.filter(action="people.person.updated").count() == 1


def test_organizations_list_filters_and_visibility(api_call, people, client_for):
    congress = people["congress"]
    hidden = Organization.objects.create(
        code="secret-unit", name="内部机构", kind="other_unit", is_public=False
    )
    status, body = api_call("get", "/organizations", kind="delegation")
    assert status == 200 and ids(body) == [people["delegation"].pk]
    status, body = api_call("get", "/organizations", parent=congress.pk, limit=200)
    assert set(ids(body)) == set(
        congress.children.filter(is_public=True).values_list("id", flat=True)
    )
    status, body = api_call("get", "/organizations", q="代表团")
    assert people["delegation"].pk in ids(body)
    # Bodies kept off the public site are for the directory's readers only.
    assert hidden.pk not in ids(api_call("get", "/organizations", limit=200)[1])
    assert api_call("get", f"/organizations/{hidden.pk}")[0] == 404
    client_for("staff")
    assert api_call("get", f"/organizations/{hidden.pk}")[0] == 200


def test_organization_create_and_update(api_call, users, client_for):
    client_for("staff")
    gov = Organization.objects.get(code="government")
    status, body = api_call(
        "post",
        "/organizations",
        {
            "name": "清河市卫生健康委员会",
            "kind": "government_department",
            "code": "health",
            "parent_id": gov.pk,
            "founding_date": "2019-03-01",
        },
    )
    assert status == 201, body
    assert body["parent_id"] == gov.pk and body["founding_date"] == "2019-03-01"
    status, body = api_call(
        "patch", f"/organizations/{body['id']}", {"abbreviation": "卫健委", "parent_id": None}
    )
    assert status == 200, body
    org = Organization.objects.get(code="health")
    assert org.abbreviation == "卫健委" and org.parent_id is None


def test_posts_list_detail_create(api_call, people, client_for):
    committee = people["committee"]
    status, body = api_call("get", "/posts", organization=committee.pk)
    assert status == 200 and ids(body) == [people["post"].pk]
    assert api_call("get", f"/posts/{people['post'].pk}")[1]["organization_name"] == committee.name
    client_for("staff")
    status, body = api_call(
        "post",
        "/posts",
        {
            "organization_id": committee.pk,
            "label": "主任",
            "role": "chair",
            "elected_or_appointed": True,
        },
    )
    assert status == 201, body
    assert Post.objects.get(pk=body["id"]).elected_or_appointed
    assert ids(api_call("get", "/posts", role="chair")[1]) == [body["id"]]
