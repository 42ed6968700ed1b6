"""Fixtures for the API tests: a JSON client, tokens and a small set of people."""

from __future__ import annotations

import datetime as dt
import json

import pytest


@pytest.fixture
def api_call(client):
    """Call the API with the test client; return ``(status, json_body)``."""

    def call(
        method: str, path: str, data=None, *, token: str | None = None, client_=None, **params
    ):
        c = client_ or client
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        url = f"/api/v1{path}"
        if method == "get":
            response = c.get(url, params or None, **headers)
        else:
            body = data if isinstance(data, str | bytes) else json.dumps(data)
            response = getattr(c, method)(url, body, content_type="application/json", **headers)
        content = response.content.decode()
        return response.status_code, (json.loads(content) if content else None)

    return call


@pytest.fixture
def token_for(users):
    """Issue a bearer token for a role and return the secret."""
    from renda.accounts.services import api_token_issue

    def issue(role: str) -> str:
        _token, raw = api_token_issue(actor=users[role], label=f"test {role}")
        return raw

    return issue


@pytest.fixture
def people(users, term):
    """Three persons, a delegation, a post, memberships and deputies."""
    from renda.people import services
    from renda.people.models import Organization

    staff = users["staff"]
    congress = Organization.objects.get(code="congress")
    committee = Organization.objects.get(code="standing-committee")
    delegation = services.organization_create(
        actor=staff, name="城东代表团", kind="delegation", code="east", parent=congress
    )
    post = services.post_create(actor=staff, organization=committee, label="委员", role="member")
    persons = []
    for i, (name, gender) in enumerate(
        [("王建国", "male"), ("李秀英", "female"), ("张伟", "male")]
    ):
        person = services.person_create(
            actor=staff,
            name=name,
            gender=gender,
            birth_year=1960 + i,
            party="cpc" if i else "none",
            occupation="教育局干部",
            phone=f"1380000000{i}",
            email=f"p{i}@example.cn",
            address="清河市人民路1号",
        )
        services.deputy_create(actor=staff, person=person, term=term, delegation=delegation)
        services.membership_create(
            actor=staff,
            person=person,
            organization=committee,
            post=post,
            term=term,
            start_date=dt.date(2022, 1, 10),
        )
        persons.append(person)
    return {
        "persons": persons,
        "delegation": delegation,
        "post": post,
        "committee": committee,
        "congress": congress,
        "term": term,
    }
