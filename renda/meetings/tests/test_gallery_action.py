"""The public gallery registration (S18) is a declared public action."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from renda.core.actions import PUBLIC, REGISTRY
from renda.core.models import AuditEvent
from renda.meetings import services as S
from renda.meetings.models import GalleryRegistration

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_registers_through_the_action(meeting):
    act = REGISTRY["meetings.gallery.register"]
    assert act.permission == PUBLIC and act.permits(AnonymousUser())
    reg = S.gallery_register(
        actor=AnonymousUser(), meeting=meeting, name="市民甲", phone="138 0000 0009"
    )
    assert GalleryRegistration.objects.get(pk=reg.pk).phone == "13800000009"
    event = AuditEvent.objects.get(action="meetings.gallery.registered")
    assert event.object_id == str(reg.pk)
    assert event.changes == {"meeting": meeting.pk, "phone": "138****0009"}


def test_anyone_registers_through_the_api_and_is_limited_per_address(client, meeting, settings):
    url = f"/api/v1/meetings/{meeting.pk}/gallery"
    response = client.post(
        url, {"name": "市民乙", "phone": "13800000010"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    reg = GalleryRegistration.objects.get(code=body["code"])
    assert (reg.name, reg.phone, reg.meeting_id) == ("市民乙", "13800000010", meeting.pk)
    assert body["seats_left"] == meeting.gallery_seats - 1
    assert AuditEvent.objects.filter(
        action="meetings.gallery.registered", object_id=str(reg.pk)
    ).exists()

    again = client.post(
        url, {"name": "市民丙", "phone": "13800000010"}, content_type="application/json"
    )
    assert again.status_code == 409 and again.json()["code"] == "gallery_phone_taken"
    bad = client.post(url, {"name": "市民丁", "phone": "abc"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["code"] == "phone_invalid"
    assert GalleryRegistration.objects.count() == 1

    settings.PUBLIC_FORM_RATE_PER_MINUTE = 3  # three answered above; the fourth is refused
    limited = client.post(
        url, {"name": "市民戊", "phone": "13800000011"}, content_type="application/json"
    )
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"
    assert GalleryRegistration.objects.count() == 1


def test_a_meeting_not_public_is_404_through_the_api(client, meeting):
    meeting.is_public = False
    meeting.save(update_fields=["is_public"])
    response = client.post(
        f"/api/v1/meetings/{meeting.pk}/gallery",
        {"name": "市民乙", "phone": "13800000010"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not GalleryRegistration.objects.exists()
