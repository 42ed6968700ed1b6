"""人大概况: the public bodies, the SC leadership and each body's page."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.people import services
from renda.people.models import Organization, Post

pytestmark = pytest.mark.django_db


def test_tree_shows_public_congress_bodies_only(client, jurisdiction, unit, staff):
    Organization.objects.filter(code="research").update(is_public=False)
    html = client.get("/about/").content.decode()
    assert 'href="/about/bodies/congress/"' in html
    assert 'href="/about/bodies/standing-committee/"' in html
    assert 'href="/about/bodies/sp-finance/"' in html
    assert 'href="/about/bodies/wc-legal/"' in html
    assert "/about/bodies/research/" not in html  # hidden by staff
    assert "/about/bodies/government/" not in html  # a handling unit, not a congress body
    assert unit.name not in html


def test_tree_nests_bodies_under_their_parents(client, jurisdiction):
    html = client.get("/about/").content.decode()
    tree = html[html.index('class="portal-tree root"') :]
    # 信访室 sits inside the list opened under 办公室.
    office = tree.index("/about/bodies/office/")
    petitions = tree.index("/about/bodies/office-petitions/")
    assert office < petitions
    assert "<ul" in tree[office:petitions]


def test_dissolved_body_is_not_shown(client, jurisdiction):
    Organization.objects.filter(code="wc-agriculture").update(
        founding_date=dt.date(2000, 1, 1), dissolution_date=dt.date(2020, 1, 1)
    )
    assert "/about/bodies/wc-agriculture/" not in client.get("/about/").content.decode()
    assert client.get("/about/bodies/wc-agriculture/").status_code == 404


def test_sc_leadership_lists_chair_then_vice_chairs_then_secretary_general(client, sc_leaders):
    html = client.get("/about/").content.decode()
    section = html[html.index('id="leaders-title"') : html.index('id="tree-title"')]
    assert section.index("赵主任") < section.index("李副主任") < section.index("钱秘书长")
    assert "13900001111" not in html and "lead@example.org" not in html


def test_ended_leadership_is_not_shown(client, sc_leaders, staff):
    services.membership_end(
        actor=staff,
        membership=sc_leaders[Post.Role.VICE_CHAIR],
        end_date=dt.date(2023, 1, 1),
        reason="调任",
    )
    assert "李副主任" not in client.get("/about/").content.decode()


def test_body_page_shows_description_leaders_and_members_without_contact(
    client, jurisdiction, staff
):
    body = Organization.objects.get(code="sp-finance")
    services.organization_update(
        actor=staff, organization=body, description="审议财政预算和经济计划。"
    )
    chair_post = services.post_create(
        actor=staff, organization=body, label="主任委员", role=Post.Role.CHAIR
    )
    chair = services.person_create(
        actor=staff,
        name="孙主任委员",
        gender="female",
        phone="13812345678",
        address="清河市人民路1号",
    )
    member = services.person_create(
        actor=staff, name="周委员", gender="male", email="zhou@example.org"
    )
    clerk = services.person_create(actor=staff, name="吴干事", gender="male")
    start = dt.date(2022, 2, 1)
    services.membership_create(
        actor=staff, person=chair, organization=body, post=chair_post, start_date=start
    )
    services.membership_create(actor=staff, person=member, organization=body, start_date=start)
    services.membership_create(
        actor=staff, person=clerk, organization=body, start_date=start, role=Post.Role.OFFICER
    )

    response = client.get("/about/bodies/sp-finance/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "审议财政预算和经济计划。" in html
    assert html.index("主任委员") < html.index("孙主任委员") < html.index("周委员")
    assert "吴干事" not in html  # staff are not published
    for secret in ("13812345678", "清河市人民路1号", "zhou@example.org"):
        assert secret not in html
    assert '<time datetime="' in html


def test_body_page_404_for_unknown_hidden_or_non_congress_body(client, jurisdiction, unit):
    Organization.objects.filter(code="research").update(is_public=False)
    assert client.get("/about/bodies/no-such-body/").status_code == 404
    assert client.get("/about/bodies/research/").status_code == 404
    assert client.get(f"/about/bodies/{unit.code}/").status_code == 404
    assert client.get("/about/bodies/government/").status_code == 404


def test_body_page_lists_public_sub_bodies(client, jurisdiction):
    html = client.get("/about/bodies/office/").content.decode()
    assert 'href="/about/bodies/office-petitions/"' in html
