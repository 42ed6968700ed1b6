"""The declared actions of people: permission, status and audit; the composition read."""

from __future__ import annotations

import json

import pytest

from renda.core.actions import declared
from renda.core.errors import DomainError, PermissionDenied
from renda.core.models import AuditEvent
from renda.people import services
from renda.people.models import Deputy

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy(staff, term):
    person = services.person_create(actor=staff, name="刘洋", gender="male")
    return services.deputy_create(actor=staff, person=person, term=term)


def test_declarations():
    names = {a.name for a in declared("people.")}
    assert {"people.deputy.create", "people.deputy.change_status", "people.person.create"} <= names
    assert all(a.label for a in declared("people."))


def test_change_status_refused_to_other_roles(users, deputy):
    before = AuditEvent.objects.count()
    for role in ("leader", "member", "deputy", "unit_officer"):
        with pytest.raises(PermissionDenied):
            services.deputy_change_status(
                actor=users[role], deputy=deputy, status="suspended", reason="x"
            )
    assert Deputy.objects.get(pk=deputy.pk).status == "active"
    assert AuditEvent.objects.count() == before


def test_change_status_from_a_final_status_is_refused(staff, deputy):
    services.deputy_change_status(actor=staff, deputy=deputy, status="resigned", reason="调动")
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as refused:
        services.deputy_change_status(actor=staff, deputy=deputy, status="active")
    assert refused.value.code == "status_not_allowed"
    with pytest.raises(DomainError) as refused:
        services.deputy_status_change(actor=staff, deputy=deputy, status="active")
    assert refused.value.code == "deputy_status_transition"
    assert Deputy.objects.get(pk=deputy.pk).status == "resigned"
    assert AuditEvent.objects.count() == before


def test_change_status_writes_one_event(staff, deputy):
    before = AuditEvent.objects.count()
    services.deputy_change_status(actor=staff, deputy=deputy, status="suspended", reason="羁押")
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.get(action="people.deputy.status_changed")
    assert event.changes["status"] == ["active", "suspended"]


def test_composition_read(client_for, staff, deputy):
    for role in ("staff", "leader", "member"):
        response = client_for(role).get("/api/v1/composition")
        assert response.status_code == 200, role
    body = response.json()
    assert body["congress"] and body["congress"][0]["key"] == "leading_cadres"
    assert {f["key"] for f in body["standing_committee"]} == {"sc_size", "sc_full_time"}
    assert client_for("deputy").get("/api/v1/composition").status_code == 403
    assert client_for(None).get("/api/v1/composition").status_code == 401


def test_deputy_status_api(client_for, deputy):
    client = client_for("staff")
    response = client.patch(
        f"/api/v1/deputies/{deputy.pk}",
        json.dumps({"status": "suspended", "reason": "羁押"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "suspended"
    response = client_for("member").patch(
        f"/api/v1/deputies/{deputy.pk}",
        json.dumps({"status": "active"}),
        content_type="application/json",
    )
    assert response.status_code == 403
