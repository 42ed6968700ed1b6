"""The constitutional oath (§7.12): only an appointment in force is sworn; the ceremony
records who led, who witnessed, who swore; an absentee is listed again later."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.appointments import services
from renda.appointments.models import OATH_TEXT, Appointment, OathCeremony, OathTaker
from renda.core.errors import Conflict, DomainError
from renda.core.models import AuditEvent
from renda.people.models import Membership, Person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _appointment(staff, post, name, status="appointed"):
    person = Person.objects.create(name=name, gender="female")
    a = services.appointment_nominate(
        actor=staff, person=person, post=post, nominator="court_president",
        nominated_on=TODAY() - dt.timedelta(days=12), motion="提请任命。",
    )  # fmt: skip
    if status == "appointed":
        seat = Membership.objects.create(person=person, organization=post.organization, post=post, start_date=TODAY())  # fmt: skip
        Appointment.objects.filter(pk=a.pk).update(status="appointed", decided_on=TODAY(), membership=seat)  # fmt: skip
    elif status == "deferred":
        services.appointment_defer(actor=staff, appointment=a, decided_on=TODAY(), reason="暂缓")
    a.refresh_from_db()
    return a


def test_only_an_appointment_in_force_is_sworn_and_absentees_come_again(staff, term, post):
    leader = Person.objects.create(name="贺主任", gender="male")
    ceremony = services.oath_schedule(actor=staff, held_on=TODAY(), place="常委会会议厅")
    assert ceremony.text == OATH_TEXT and OATH_TEXT.startswith("我宣誓：忠于中华人民共和国宪法")
    a, b = _appointment(staff, post, "甲任"), _appointment(staff, post, "乙任")
    deferred = _appointment(staff, post, "丙缓", status="deferred")
    with pytest.raises(Conflict) as exc:
        services.oath_add(actor=staff, ceremony=ceremony, appointment=deferred)
    assert exc.value.code == "appointment_not_in_force" and "暂缓任命" in str(exc.value)
    for x in (a, b):
        services.oath_add(actor=staff, ceremony=ceremony, appointment=x)
    with pytest.raises(Conflict) as exc:
        services.oath_add(actor=staff, ceremony=ceremony, appointment=a)
    assert exc.value.code == "oath_listed"
    with pytest.raises(DomainError) as exc:
        services.oath_record(actor=staff, ceremony=ceremony, led_by=leader, witnesses="", absent=[deferred.pk])  # fmt: skip
    assert exc.value.code == "unknown_taker"
    services.oath_record(actor=staff, ceremony=ceremony, led_by=leader, witnesses="常委会组成人员", absent=[b.pk])  # fmt: skip
    ceremony.refresh_from_db()
    assert ceremony.status == "held" and ceremony.led_by == leader
    status = dict(OathTaker.objects.values_list("appointment_id", "status"))
    assert status == {a.pk: "sworn", b.pk: "absent"}
    assert AuditEvent.objects.get(action="appointments.oath.record").changes["sworn"] == 1
    later = services.oath_schedule(actor=staff, held_on=TODAY() + dt.timedelta(days=7), place="会议厅")  # fmt: skip
    services.oath_add(actor=staff, ceremony=later, appointment=b)  # the absentee again
    with pytest.raises(Conflict):  # sworn already
        services.oath_add(actor=staff, ceremony=later, appointment=a)
    with pytest.raises(DomainError) as exc:
        services.oath_record(actor=staff, ceremony=later, led_by=leader, witnesses="")
    assert exc.value.code == "not_held_yet"


def test_the_pages_and_the_api(client_for, staff, term, post):
    from django.urls import reverse

    a = _appointment(staff, post, "丁任")
    client = client_for("staff")
    url = reverse("appointments:ceremony_create")
    bad = client.post(url, {"held_on": TODAY().isoformat(), "place": ""})
    assert bad.status_code == 400
    assert client.post(url, {"held_on": TODAY().isoformat(), "place": "常委会会议厅"}).status_code == 302  # fmt: skip
    ceremony = OathCeremony.objects.get()
    detail = reverse("appointments:ceremony_detail", args=[ceremony.pk])
    page = client.get(detail).content.decode()
    assert 'id="oath-text"' in page and "忠于中华人民共和国宪法" in page and "丁任 · " in page
    add = reverse("appointments:ceremony_act", args=[ceremony.pk, "add"])
    assert client.post(add, {"appointment": a.pk}).status_code == 302
    deferred = _appointment(staff, post, "戊缓", status="deferred")
    api = client.post(f"/api/v1/oath-ceremonies/{ceremony.pk}/takers", {"appointment_id": deferred.pk}, content_type="application/json")  # fmt: skip
    assert api.status_code == 409 and api.json()["code"] == "appointment_not_in_force"
    got = client.get(f"/api/v1/oath-ceremonies/{ceremony.pk}").json()
    assert [t["name"] for t in got["takers"]] == ["丁任"] and got["status"] == "scheduled"
    assert client.get(reverse("appointments:ceremonies")).status_code == 200
    assert client_for("deputy").get("/api/v1/oath-ceremonies").status_code == 403
