"""Fixtures of the public website tests: deputies, delegations and the SC leadership."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from renda.people import services
from renda.people.models import Organization, Person, Post

_codes = itertools.count(1)


@pytest.fixture
def delegation_factory(jurisdiction, staff):
    def make(name: str) -> Organization:
        return services.organization_create(
            actor=staff,
            name=name,
            kind=Organization.Kind.DELEGATION,
            code=f"dlg-{next(_codes)}",
        )

    return make


@pytest.fixture
def deputy_factory(term, staff):
    """Create a person and their mandate for the term through the services."""

    def make(name: str, *, delegation=None, constituency: str = "", **person_fields):
        person_fields.setdefault("gender", Person.Gender.MALE)
        person = services.person_create(actor=staff, name=name, **person_fields)
        return services.deputy_create(
            actor=staff,
            person=person,
            term=term,
            delegation=delegation,
            constituency=constituency,
            electing_unit="清河区",
        )

    return make


@pytest.fixture
def sc_leaders(jurisdiction, staff):
    """A chair, a vice-chair and a secretary-general of the standing committee."""
    sc = Organization.objects.get(code="standing-committee")
    start = dt.date(2022, 1, 12)
    result = {}
    for label, role, name, order in (
        ("副主任", Post.Role.VICE_CHAIR, "李副主任", 20),
        ("主任", Post.Role.CHAIR, "赵主任", 10),
        ("秘书长", Post.Role.SECRETARY_GENERAL, "钱秘书长", 30),
    ):
        post = services.post_create(
            actor=staff,
            organization=sc,
            label=label,
            role=role,
            elected_or_appointed=True,
            sort_order=order,
        )
        person = services.person_create(
            actor=staff, name=name, gender="male", phone="13900001111", email="lead@example.org"
        )
        result[role] = services.membership_create(
            actor=staff,
            person=person,
            organization=sc,
            post=post,
            start_date=start,
            is_full_time=True,
        )
    return result
