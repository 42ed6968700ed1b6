"""Posts, terms and ending a membership: declared actions performed from their pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from renda.core.actions import REGISTRY
from renda.core.models import AuditEvent
from renda.people import services
from renda.people.models import Membership, Organization, Person, Post, Term

pytestmark = pytest.mark.django_db


def test_structure_changes_are_declared_actions():
    for name in ("people.post.create", "people.term.open", "people.membership.end"):
        assert REGISTRY[name].permission == "people.manage"


def test_staff_adds_a_post_from_the_organization_page(client_for, jurisdiction):
    sc = Organization.objects.get(code="standing-committee")
    client = client_for("staff")
    url = reverse("people:post_create", args=[sc.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"label": "秘书长", "role": "secretary_general", "sort_order": 5})
    assert response.status_code == 302
    post = Post.objects.get(organization=sc, label="秘书长")
    assert post.sort_order == 5
    assert AuditEvent.objects.filter(action="people.post.created", object_id=str(post.pk)).exists()


def test_a_duplicate_post_is_refused_and_the_input_kept(client_for, jurisdiction):
    sc = Organization.objects.get(code="standing-committee")
    Post.objects.create(organization=sc, label="秘书长", role="secretary_general")
    response = client_for("staff").post(
        reverse("people:post_create", args=[sc.pk]),
        {"label": "秘书长", "role": "secretary_general", "sort_order": 5},
    )
    assert response.status_code == 400
    assert "秘书长" in response.content.decode()
    assert Post.objects.filter(organization=sc, label="秘书长").count() == 1


def test_staff_opens_a_term_and_other_bodies_have_none(client_for, jurisdiction):
    congress = Organization.objects.get(code="congress")
    client = client_for("staff")
    response = client.post(
        reverse("people:term_create", args=[congress.pk]),
        {"number": 18, "start_date": "2027-01-10", "end_date": "2032-01-09"},
    )
    assert response.status_code == 302
    assert Term.objects.get(congress=congress, number=18).end_date == dt.date(2032, 1, 9)
    sc = Organization.objects.get(code="standing-committee")
    refused = client.post(
        reverse("people:term_create", args=[sc.pk]), {"number": 1, "start_date": "2027-01-10"}
    )
    assert refused.status_code == 400
    assert not Term.objects.filter(congress=sc).exists()


def test_staff_ends_a_membership_once(client_for, users, jurisdiction):
    sc = Organization.objects.get(code="standing-committee")
    person = Person.objects.create(name="赵委员", gender="male")
    m = services.membership_create(
        actor=users["staff"], person=person, organization=sc, start_date=dt.date(2023, 1, 1)
    )
    client = client_for("staff")
    url = reverse("people:membership_end", args=[m.pk])
    response = client.post(url, {"end_date": "2024-06-30", "reason": "调离"})
    assert response.status_code == 302
    m.refresh_from_db()
    assert (m.end_date, m.end_reason) == (dt.date(2024, 6, 30), "调离")
    assert AuditEvent.objects.filter(action="people.membership.ended").count() == 1
    again = client.post(url, {"end_date": "2024-07-30", "reason": "再次"})
    assert again.status_code == 400
    assert Membership.objects.get(pk=m.pk).end_date == dt.date(2024, 6, 30)


@pytest.mark.parametrize("role", ["member", "deputy", "unit_officer"])
def test_other_roles_may_not_end_a_membership(client_for, users, jurisdiction, role):
    sc = Organization.objects.get(code="standing-committee")
    person = Person.objects.create(name="钱委员", gender="male")
    m = services.membership_create(
        actor=users["staff"], person=person, organization=sc, start_date=dt.date(2023, 1, 1)
    )
    response = client_for(role).post(
        reverse("people:membership_end", args=[m.pk]), {"end_date": "2024-06-30"}
    )
    assert response.status_code == 403
    assert Membership.objects.get(pk=m.pk).end_date is None
