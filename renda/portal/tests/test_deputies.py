"""代表风采: the directory of seated deputies and each deputy's public profile."""

from __future__ import annotations

import re

import pytest

from renda.people import services
from renda.people.models import Deputy, Membership, Organization, Person
from renda.portal.views import DEPUTIES_PER_PAGE

pytestmark = pytest.mark.django_db

CARD = re.compile(r'<a class="deputy-card" href="/deputies/(\d+)/">\s*<strong>([^<]+)</strong>')


def names(response) -> list[str]:
    return [name for _, name in CARD.findall(response.content.decode())]


@pytest.fixture
def roster(deputy_factory, delegation_factory):
    east = delegation_factory("东城区代表团")
    west = delegation_factory("西城区代表团")
    return {
        "east": east,
        "west": west,
        "wang": deputy_factory(
            "王建国", delegation=east, constituency="第一选区", occupation="清河市第一中学教师"
        ),
        "wangli": deputy_factory(
            "王丽", delegation=west, constituency="第二选区", gender=Person.Gender.FEMALE
        ),
        "zhang": deputy_factory(
            "张伟", delegation=east, constituency="第二选区", occupation="清河钢铁公司工人"
        ),
        "li": deputy_factory("李强", delegation=west, constituency="第一选区"),
    }


def test_directory_lists_seated_deputies_with_count_and_delegation(client, roster, staff):
    services.deputy_status_change(
        actor=staff, deputy=roster["li"], status=Deputy.Status.RESIGNED, reason="本人辞职"
    )
    response = client.get("/deputies/")
    assert response.status_code == 200
    assert sorted(names(response)) == sorted(["王建国", "王丽", "张伟"])
    html = response.content.decode()
    assert "共 3 名代表" in html
    card = html[html.index("王建国") : html.index("</a>", html.index("王建国"))]
    assert "东城区代表团" in card


def test_search_by_surname_finds_the_wangs(client, roster):
    assert sorted(names(client.get("/deputies/", {"q": "王"}))) == ["王丽", "王建国"]


def test_search_by_work_unit(client, roster):
    assert names(client.get("/deputies/", {"q": "钢铁"})) == ["张伟"]


def test_search_without_match_says_so(client, roster):
    response = client.get("/deputies/", {"q": "欧阳"})
    assert names(response) == []
    assert "没有找到符合条件的代表。" in response.content.decode()


def test_filter_by_delegation(client, roster):
    response = client.get("/deputies/", {"delegation": roster["east"].code})
    assert sorted(names(response)) == sorted(["王建国", "张伟"])


def test_search_and_delegation_combine(client, roster):
    assert names(client.get("/deputies/", {"q": "王", "delegation": roster["west"].code})) == [
        "王丽"
    ]


def test_delegation_filter_ignores_ended_membership(client, roster, staff):
    m = Membership.objects.get(person=roster["zhang"].person, organization=roster["east"])
    services.membership_end(actor=staff, membership=m, end_date=m.start_date, reason="调整")
    assert names(client.get("/deputies/", {"delegation": roster["east"].code})) == ["王建国"]


def test_filter_by_constituency(client, roster):
    assert sorted(names(client.get("/deputies/", {"constituency": "第二选区"}))) == ["张伟", "王丽"]


def test_unknown_filter_values_do_not_break_the_page(client, roster):
    response = client.get("/deputies/", {"delegation": "nope", "constituency": "x", "page": "zz"})
    assert response.status_code == 200
    assert len(names(response)) == 4


def test_pagination_48_per_page(client, term, staff):
    people = [Person.objects.create(name=f"代表{i:03d}", gender="male") for i in range(50)]
    for p in people:
        Deputy.objects.create(person=p, term=term)
    first = client.get("/deputies/")
    assert len(names(first)) == DEPUTIES_PER_PAGE == 48
    assert "共 50 名代表" in first.content.decode()
    second = client.get("/deputies/", {"page": 2})
    assert len(names(second)) == 2
    assert not set(names(first)) & set(names(second))


def _make_deputies(term, delegations, n):
    for i in range(n):
        p = Person.objects.create(name=f"王{i:03d}", gender="male", phone="13700000000")
        Deputy.objects.create(person=p, term=term, constituency=f"第{i % 5}选区")
        Membership.objects.create(
            person=p,
            organization=delegations[i % len(delegations)],
            term=term,
            start_date=term.start_date,
        )


# jurisdiction (site name), current term, delegations, constituencies, count, page, delegations
# of the page's deputies (one Prefetch); searching adds a subquery, not a query.
DIRECTORY_QUERIES = 7


@pytest.mark.parametrize("n", [3, 120])
def test_directory_query_count_does_not_grow_with_deputies(
    client, term, delegation_factory, django_assert_num_queries, n
):
    delegations = [delegation_factory(f"代表团{i}") for i in range(4)]
    _make_deputies(term, delegations, n)
    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = client.get("/deputies/")
    assert len(names(response)) == min(n, DEPUTIES_PER_PAGE)
    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = client.get("/deputies/", {"q": "王", "delegation": delegations[0].code})
    assert len(names(response)) == min(-(-n // 4), DEPUTIES_PER_PAGE)


def test_profile_shows_public_facts_and_never_contact_data(
    client, term, deputy_factory, delegation_factory
):
    deputy = deputy_factory(
        "王建国",
        delegation=delegation_factory("东城区代表团"),
        constituency="第一选区",
        phone="13912345678",
        email="wangjg@example.org",
        address="清河市解放路88号",
        ethnicity="回族",
        birth_year=1975,
        party=Person.Party.DEMLEAGUE,
        occupation="清河市第一中学校长",
    )
    response = client.get(f"/deputies/{deputy.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for public in (
        "王建国",
        "男",
        "回族",
        "1975",
        "中国民主同盟",
        "清河市第一中学校长",
        "东城区代表团",
        "第一选区",
        "清河区",
        "在任",
    ):
        assert public in html, public
    for secret in ("13912345678", "wangjg@example.org", "清河市解放路88号"):
        assert secret not in html
    assert re.search(r"发布日期：<time datetime=\"\d{4}-\d{2}-\d{2}\">", html)


def test_profile_of_unknown_or_unseated_deputy_is_404(client, term, deputy_factory, staff):
    assert client.get("/deputies/999999/").status_code == 404
    deputy = deputy_factory("李强")
    services.deputy_status_change(
        actor=staff, deputy=deputy, status=Deputy.Status.TERMINATED, reason="迁出本行政区域"
    )
    assert client.get(f"/deputies/{deputy.pk}/").status_code == 404


def test_profile_of_suspended_deputy_shows_the_status(client, term, deputy_factory, staff):
    deputy = deputy_factory("赵明")
    services.deputy_status_change(
        actor=staff, deputy=deputy, status=Deputy.Status.SUSPENDED, reason="依法暂停"
    )
    html = client.get(f"/deputies/{deputy.pk}/").content.decode()
    assert "暂停执行代表职务" in html


def test_profile_of_deputy_of_another_term_is_404(client, term, staff):
    old = services.term_create(
        actor=staff,
        congress=Organization.objects.get(code="congress"),
        number=16,
        start_date=term.start_date.replace(year=2017),
        end_date=term.start_date.replace(year=2021),
    )
    person = Person.objects.create(name="钱老代表", gender="male")
    deputy = Deputy.objects.create(person=person, term=old)
    assert client.get(f"/deputies/{deputy.pk}/").status_code == 404
