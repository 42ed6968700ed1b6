"""Popolo exports: every object validates against the Popolo JSON schemas (draft-03).

The schemas' ``$ref``s name http://www.popoloproject.com/schemas/*.json#; a
``referencing.Registry`` maps those ids to the local copies, and having no
``retrieve`` function it can never fetch anything over the network.
"""

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import pytest
from django.conf import settings
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from renda.people.models import Deputy, Membership, Organization, Person

pytestmark = pytest.mark.django_db

BASE = "http://www.popoloproject.com/schemas/"
KINDS = {
    "persons": "person",
    "organizations": "organization",
    "posts": "post",
    "memberships": "membership",
}


def popolo_dir() -> Path:
    return Path(settings.BASE_DIR) / "renda" / "api" / "schemas" / "popolo"


@lru_cache(maxsize=1)
def registry() -> Registry:
    resources = []
    for path in sorted(popolo_dir().glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["id"].rstrip("#"), Resource(contents, DRAFT3)))
    return Registry().with_resources(resources)


def validator(kind: str) -> Draft3Validator:
    schema = registry().contents(f"{BASE}{kind}.json")
    return Draft3Validator(
        schema, registry=registry(), format_checker=Draft3Validator.FORMAT_CHECKER
    )


def export(api_call, path: str) -> list[dict]:
    """Fetch every page of an export."""
    items, offset = [], 0
    while True:
        status, body = api_call("get", f"/popolo/{path}", limit=2, offset=offset)
        assert status == 200, body
        items += body["items"]
        offset += 2
        if offset >= body["count"]:
            assert len(items) == body["count"]
            return items


@pytest.fixture
def rich_people(people):
    """Add the optional fields, ended memberships and a resigned deputy to ``people``."""
    wang, li, _zhang = people["persons"]
    Person.objects.filter(pk=wang.pk).update(name_en="Wang Jianguo", biography="长期从事教育工作。")
    Organization.objects.filter(pk=people["delegation"].pk).update(
        abbreviation="城东团", founding_date=dt.date(2021, 12, 1), description="城东选区代表团"
    )
    Membership.objects.filter(person=li).update(end_date=dt.date(2024, 6, 30))
    Deputy.objects.filter(person=li).update(status="resigned", status_date=dt.date(2024, 6, 30))
    Organization.objects.create(code="hidden", name="内部机构", kind="other_unit", is_public=False)
    return people


@pytest.mark.parametrize("path", list(KINDS))
def test_every_exported_object_is_valid_popolo(api_call, rich_people, path):
    items = export(api_call, path)
    assert items
    check = validator(KINDS[path])
    for item in items:
        errors = sorted(check.iter_errors(item), key=str)
        assert not errors, (item, [e.message for e in errors])


def test_the_validator_can_fail_and_resolves_refs_locally():
    check = validator("person")
    assert check.is_valid({"id": "person-1", "birth_date": "1968"})
    assert not check.is_valid({"id": "person-1", "birth_date": "June 1968"})
    with pytest.raises(Exception):  # noqa: B017 - any validation error will do
        check.validate({"id": "person-1", "identifiers": [{"scheme": "renda"}]})
    assert not validator("membership").is_valid({"start_date": "10 May 2024"})


def test_person_mapping_has_no_contact_data(api_call, rich_people):
    items = export(api_call, "persons")
    wang = next(i for i in items if i["id"] == f"person-{rich_people['persons'][0].pk}")
    assert wang["name"] == "王建国" and wang["gender"] == "male"
    assert wang["birth_date"] == "1960"
    assert wang["other_names"] == [{"name": "Wang Jianguo", "note": "English"}]
    assert wang["identifiers"] == [
        {"identifier": str(rich_people["persons"][0].pk), "scheme": "renda"}
    ]
    text = json.dumps(items, ensure_ascii=False)
    for secret in (
        "13800000000",
        "p0@example.cn",
        "人民路",
        "contact_details",
        "email",
        "national_identity",
    ):
        assert secret not in text


def test_organization_mapping(api_call, rich_people):
    items = {i["id"]: i for i in export(api_call, "organizations")}
    delegation = items[f"org-{rich_people['delegation'].pk}"]
    assert delegation["classification"] == "delegation"
    assert delegation["parent_id"] == f"org-{rich_people['congress'].pk}"
    assert delegation["founding_date"] == "2021-12-01"
    assert "dissolution_date" not in delegation
    assert {"name": "城东团", "note": "abbreviation"} in delegation["other_names"]
    assert not any(i["name"] == "内部机构" for i in items.values())


def test_memberships_include_deputies_mandates(api_call, rich_people):
    items = {i["id"]: i for i in export(api_call, "memberships")}
    term = rich_people["term"]
    wang, li, _ = rich_people["persons"]
    wang_mandate = items[f"deputy-{Deputy.objects.get(person=wang).pk}"]
    assert wang_mandate == {
        "id": wang_mandate["id"],
        "label": "代表",
        "role": "deputy",
        "person_id": f"person-{wang.pk}",
        "organization_id": f"org-{term.congress_id}",
        "start_date": "2022-01-10",
        "end_date": "2027-01-09",
    }
    li_mandate = items[f"deputy-{Deputy.objects.get(person=li).pk}"]
    assert li_mandate["end_date"] == "2024-06-30"
    post = items[f"membership-{Membership.objects.get(person=wang, post__isnull=False).pk}"]
    assert post["post_id"] == f"post-{rich_people['post'].pk}" and post["role"] == "member"
    assert len(items) == Membership.objects.count() + Deputy.objects.count()


def test_popolo_posts(api_call, rich_people):
    (item,) = export(api_call, "posts")
    assert (
        item["label"] == "委员" and item["organization_id"] == f"org-{rich_people['committee'].pk}"
    )
