"""Every list costs a fixed number of queries, the same for 3 rows as for 30."""

import datetime as dt

import pytest

from renda.core.search import segment
from renda.people.models import Deputy, Membership, Organization, Person, Post

pytestmark = pytest.mark.django_db


def build(n: int, term, delegation: Organization) -> None:
    """``n`` rows of each kind, with every relation the lists show."""
    committee = Organization.objects.get(code="standing-committee")
    persons = Person.objects.bulk_create(
        # bulk_create skips save(), so the search text is filled here.
        Person(name=f"人员{i}", gender="male", phone="13800000000", search_text=segment(f"人员{i}"))
        for i in range(n)
    )
    Organization.objects.bulk_create(
        Organization(code=f"group-{i}", name=f"代表小组{i}", kind="deputy_group", parent=delegation)
        for i in range(n)
    )
    Post.objects.bulk_create(
        Post(organization=committee, label=f"职务{i}", role="member") for i in range(n)
    )
    Membership.objects.bulk_create(
        Membership(person=p, organization=delegation, term=term, start_date=dt.date(2022, 1, 10))
        for p in persons
    )
    Deputy.objects.bulk_create(Deputy(person=p, term=term) for p in persons)


@pytest.fixture
def delegation(jurisdiction):
    return Organization.objects.create(code="east", name="城东代表团", kind="delegation")


LISTS = [
    # path, query, queries for anonymous (count + page)
    ("/persons", {}, 2),
    ("/persons", {"q": "人员", "gender": "male"}, 2),
    ("/organizations", {"kind": "deputy_group"}, 2),
    ("/posts", {}, 2),
    ("/terms", {}, 2),
    ("/memberships", {"active_on": "2023-01-01"}, 2),
    ("/deputies", {"status": "active"}, 2),
    ("/popolo/persons", {}, 2),
    ("/popolo/organizations", {}, 2),
    ("/popolo/posts", {}, 2),
    # Two counts, memberships then deputies' mandates.
    ("/popolo/memberships", {}, 4),
]


@pytest.mark.parametrize("n", [3, 30])
@pytest.mark.parametrize(("path", "query", "expected"), LISTS)
def test_list_queries_are_pinned(
    api_call, django_assert_num_queries, term, delegation, n, path, query, expected
):
    build(n, term, delegation)
    with django_assert_num_queries(expected):
        status, body = api_call("get", path, limit=200, **query)
    assert status == 200
    assert len(body["items"]) >= (1 if path == "/terms" else n)


@pytest.mark.parametrize("n", [3, 30])
def test_staff_lists_add_only_the_session(
    api_call, client_for, django_assert_num_queries, term, delegation, users, n
):
    build(n, term, delegation)
    client_for("staff")
    # Session and user, then count and page; contact fields come with the page.
    with django_assert_num_queries(4):
        status, body = api_call("get", "/persons", limit=200)
    assert status == 200 and body["items"][-1]["contact"]["phone"] == "13800000000"
    with django_assert_num_queries(4):
        status, body = api_call("get", "/deputies", delegation=delegation.pk, limit=200)
    # Deputies built in bulk have their delegation through the memberships above.
    assert status == 200 and body["count"] == n
