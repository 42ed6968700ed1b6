"""The liaison API: stations and reception days through the office, contacts through their
recorders, the public schedule that names deputies but never how to reach them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from renda.core.models import AuditEvent
from renda.deputies import services
from renda.deputies.models import Contact, LiaisonStation, Reception
from renda.people.models import Membership, Organization

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 5, 12)  # a Tuesday in the second quarter of 2026, inside the fixtures' term
API = "/api/v1"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def post(client, url, body):
    return client.post(API + url, data=json.dumps(body), content_type="application/json")


def on(day: dt.date, hour: int = 10):
    return time_machine.travel(at(day, hour), tick=False)


@pytest.fixture
def station(staff, deputies):
    return services.station_create(
        actor=staff, name="清河街道代表联络站", kind="station", area="清河街道",
        address="清河路1号", phone="0531-1234567", hours="每周二上午", deputies=deputies[:3],
        now=at(DAY - dt.timedelta(days=30)),
    )  # fmt: skip


@pytest.fixture
def member(users, term):
    sc = Organization.objects.get(code="standing-committee")
    Membership.objects.create(
        person=users["member"].person, organization=sc, term=term, start_date=term.start_date
    )
    return users["member"]


def test_the_office_registers_a_station_and_schedules_records_and_cancels_days(
    client_for, deputies
):
    client = client_for("staff")
    with on(DAY - dt.timedelta(days=7)):
        made = post(client, "/liaison-stations", {
            "name": "河西社区代表之家", "kind": "home", "area": "河西街道", "address": "河西路8号",
            "phone": "0531-7654321", "hours": "每月第二个周二", "deputy_ids": [deputies[0].pk, deputies[1].pk],
        })  # fmt: skip
        assert made.status_code == 201, made.json()
        station = LiaisonStation.objects.get(pk=made.json()["id"])
        assert set(station.deputies.all()) == set(deputies[:2])
        assigned = post(
            client, f"/liaison-stations/{station.pk}/assign", {"deputy_ids": [deputies[2].pk]}
        )
        assert assigned.status_code == 200
        assert list(station.deputies.all()) == [deputies[2]]
        days = []
        for offset in (7, 14):
            r = post(client, f"/liaison-stations/{station.pk}/receptions", {
                "on_date": str(DAY + dt.timedelta(days=offset - 7)), "starts_at": "09:00",
                "ends_at": "11:30", "deputy_ids": [deputies[2].pk], "theme": "老旧小区改造",
            })  # fmt: skip
            assert r.status_code == 201, r.json()
            assert r.json()["status"] == "scheduled"
            days.append(r.json()["id"])
        schedule = client_for(None).get(f"{API}/receptions", {"station_id": station.pk}).json()
        assert [row["id"] for row in schedule["items"]] == days
        assert schedule["items"][0]["deputies"] == [
            {"id": deputies[2].pk, "name": deputies[2].person.name}
        ]
    client = client_for("staff")
    with on(DAY, 12):
        recorded = post(client, f"/receptions/{days[0]}/record", {
            "received_by_ids": [deputies[2].pk, deputies[3].pk], "visitors": 14, "matters": 5,
            "summary": "反映停车难、加装电梯等问题。",
        })  # fmt: skip
        assert recorded.status_code == 200, recorded.json()
        assert recorded.json() == {"id": days[0], "status": "held"}
        cancelled = post(client, f"/receptions/{days[1]}/cancel", {"reason": "场地维修"})
        assert cancelled.json() == {"id": days[1], "status": "cancelled"}
        again = post(client, f"/receptions/{days[1]}/cancel", {"reason": "场地维修"})
        assert again.status_code == 409 and again.json()["code"] == "status_not_allowed"
        detail = client_for(None).get(f"{API}/liaison-stations/{station.pk}").json()
    held = Reception.objects.get(pk=days[0])
    assert set(held.received_by.all()) == {deputies[2], deputies[3]}
    assert [row["status"] for row in detail["upcoming"]] == ["cancelled"]
    assert detail["upcoming"][0]["closing_note"] == "场地维修"
    assert detail["held"] == [{
        "id": days[0], "on_date": str(DAY), "theme": "老旧小区改造", "visitors": 14, "matters": 5,
        "received_by": sorted(
            ({"id": d.pk, "name": d.person.name} for d in deputies[2:4]), key=lambda x: x["name"]
        ),
    }]  # fmt: skip
    assert "反映停车难" not in json.dumps(detail, ensure_ascii=False)
    assert AuditEvent.objects.filter(action="deputies.reception.record").count() == 1


def test_updating_and_closing_a_station(client_for, station):
    client = client_for("staff")
    body = {"name": "清河街道代表联络站", "kind": "station", "area": "清河街道",
            "address": "清河路2号", "active": False}  # fmt: skip
    r = post(client, f"/liaison-stations/{station.pk}/update", body)
    assert r.status_code == 200, r.json()
    station.refresh_from_db()
    assert (station.address, station.active, station.phone) == ("清河路2号", False, "")
    listed = client_for(None).get(f"{API}/liaison-stations", {"active": "true"}).json()
    assert listed["count"] == 0


def test_a_deputy_records_their_own_contacts_and_reads_only_those(client_for, users, deputies):
    other = services.contact_record(
        actor=users["staff"], person=deputies[1].person, kind="deputy_voter", on_date=DAY,
        voters=3, summary="另一位代表的走访记录", now=at(DAY),
    )  # fmt: skip
    client = client_for("deputy")
    with on(DAY + dt.timedelta(days=1)):
        r = post(client, "/contacts", {
            "kind": "deputy_voter", "way": "meeting", "on_date": str(DAY), "voters": 20,
            "place": "清河社区", "summary": "座谈，听取对公交线路的意见。",
        })  # fmt: skip
        assert r.status_code == 201, r.json()
        mine = Contact.objects.get(pk=r.json()["id"])
        assert (mine.person, mine.deputy) == (users["deputy"].person, deputies[0])
        for_another = post(client, "/contacts", {
            "kind": "deputy_voter", "on_date": str(DAY), "voters": 2, "summary": "代别人登记",
            "person_id": deputies[1].person_id,
        })  # fmt: skip
        assert for_another.status_code == 403
        listed = client.get(f"{API}/contacts").json()
        assert [row["id"] for row in listed["items"]] == [mine.pk]
        assert listed["items"][0]["summary"] == "座谈，听取对公交线路的意见。"
        everyone = client_for("leader").get(f"{API}/contacts", {"year": 2026, "quarter": 2}).json()
        assert {row["id"] for row in everyone["items"]} == {mine.pk, other.pk}
        assert (
            client_for("leader")
            .get(f"{API}/contacts", {"quarter": 3, "year": 2026})
            .json()["count"]
            == 0
        )
    assert client_for("unit_officer").get(f"{API}/contacts").status_code == 403
    assert client_for(None).get(f"{API}/contacts").status_code == 401
    struck = post(client_for("staff"), f"/contacts/{other.pk}/strike", {"reason": "重复登记"})
    assert struck.json() == {"id": other.pk, "status": "struck"}


def test_a_member_records_contacts_with_deputies(client_for, member, deputies):
    with on(DAY):
        r = post(client_for("member"), "/contacts", {
            "kind": "sc_deputy", "way": "visit", "on_date": str(DAY),
            "deputy_ids": [deputies[0].pk, deputies[1].pk], "summary": "走访两位代表。",
        })  # fmt: skip
    assert r.status_code == 201, r.json()
    assert set(Contact.objects.get(pk=r.json()["id"]).deputies.all()) == set(deputies[:2])


def test_the_public_pages_never_show_a_deputys_phone_or_a_contacts_summary(
    client_for, users, station, deputies
):
    person = deputies[1].person
    person.phone = "13912345678"
    person.save()
    services.contact_record(
        actor=users["deputy"], kind="deputy_voter", on_date=DAY, voters=5,
        summary="秘密的联系内容", now=at(DAY),
    )  # fmt: skip
    with on(DAY - dt.timedelta(days=10)):
        services.reception_schedule(
            actor=users["staff"], station=station, on_date=DAY, starts_at=dt.time(9),
            ends_at=dt.time(11), deputies=deputies[:2],
        )  # fmt: skip
        anon = client_for(None)
        pages = [
            anon.get(f"{API}/liaison-stations/{station.pk}"),
            anon.get(f"{API}/liaison-stations"),
            anon.get(f"{API}/receptions"),
        ]
    for page in pages:
        assert page.status_code == 200
        text = json.dumps(page.json(), ensure_ascii=False)
        assert person.name in text
        assert "13912345678" not in text and "秘密的联系内容" not in text
    detail = pages[0].json()
    assert detail["phone"] == "0531-1234567"  # the station's own line
    assert detail["next_reception"] == str(DAY)
    assert set(detail["deputies"][0]) == {"id", "name"}


def test_bad_input_is_refused_with_a_code_and_writes_nothing(client_for, station, deputies):
    client = client_for("staff")
    with on(DAY - dt.timedelta(days=7)):
        before = (Reception.objects.count(), AuditEvent.objects.count())
        body = {"on_date": str(DAY), "starts_at": "11:00", "ends_at": "09:00",
                "deputy_ids": [deputies[0].pk]}  # fmt: skip
        r = post(client, f"/liaison-stations/{station.pk}/receptions", body)
        assert r.status_code == 400
        assert (r.json()["code"], r.json()["field"]) == ("time_order", "ends_at")
        body.update(ends_at="12:00", on_date=str(DAY - dt.timedelta(days=30)))
        r = post(client, f"/liaison-stations/{station.pk}/receptions", body)
        assert (r.status_code, r.json()["code"]) == (400, "past_date")
        body.update(on_date=str(DAY), deputy_ids=[999999])
        r = post(client, f"/liaison-stations/{station.pk}/receptions", body)
        assert (r.status_code, r.json()["code"]) == (404, "unknown_reference")
        r = post(client, "/liaison-stations/999999/receptions", body)
        assert r.status_code == 404
        assert (Reception.objects.count(), AuditEvent.objects.count()) == before
        r = post(client, "/liaison-stations", {"name": station.name, "kind": "station",
                                               "area": "清河街道", "address": "别处"})  # fmt: skip
        assert (r.status_code, r.json()["code"]) == (409, "station_exists")
        r = post(client, "/liaison-stations", {"name": " ", "kind": "station", "area": "清河街道",
                                               "address": "别处"})  # fmt: skip
        assert (r.status_code, r.json()["code"]) == (400, "field_required")
        assert LiaisonStation.objects.count() == 1
        r = post(client_for("deputy"), "/contacts", {
            "kind": "deputy_voter", "on_date": str(DAY - dt.timedelta(days=8)), "voters": 0,
            "summary": "走访",
        })  # fmt: skip
        assert (r.status_code, r.json()["code"]) == (400, "voters_invalid")
        r = post(client_for("staff"), "/receptions/999999/record", {"received_by_ids": [],
                                                                   "visitors": 1})  # fmt: skip
        assert r.status_code == 404
        r = post(client_for("staff"), "/contacts/999999/strike", {"reason": "错"})
        assert r.status_code == 404
    assert Contact.objects.count() == 0
    assert client_for(None).get(f"{API}/liaison-stations/999999").status_code == 404


def test_contact_counts_flag_who_is_below(client_for, users, member, deputies, station):
    services.contact_record(
        actor=users["deputy"], kind="deputy_voter", on_date=DAY, voters=8, summary="走访",
        now=at(DAY),
    )  # fmt: skip
    day = services.reception_schedule(
        actor=users["staff"], station=station, on_date=DAY, starts_at=dt.time(9),
        ends_at=dt.time(11), deputies=deputies[1:2], now=at(DAY - dt.timedelta(days=7)),
    )  # fmt: skip
    services.reception_record(
        actor=users["staff"], reception=day, received_by=deputies[1:2], visitors=0, now=at(DAY),
    )  # fmt: skip
    assert client_for("deputy").get(f"{API}/contact-counts").status_code == 403
    r = client_for("member").get(f"{API}/contact-counts", {"year": 2026, "quarter": 2})
    assert r.status_code == 200, r.json()
    data = r.json()
    assert (data["year"], data["quarter"], data["term"]) == (2026, 2, 17)
    assert data["required"]["deputy"] == 1
    assert data["sc_members"] == [{
        "person_id": member.person_id, "name": member.person.name, "contacts": 0, "below": True,
    }]  # fmt: skip
    rows = {row["deputy_id"]: row for row in data["deputies"]}
    assert rows[deputies[0].pk] == {
        "deputy_id": deputies[0].pk, "name": deputies[0].person.name, "contacts": 1,
        "received": 0, "total": 1, "below": False,
    }  # fmt: skip
    assert (rows[deputies[1].pk]["received"], rows[deputies[1].pk]["below"]) == (1, False)
    assert all(rows[d.pk]["below"] for d in deputies[2:])
    later = client_for("staff").get(f"{API}/contact-counts", {"year": 2026, "quarter": 3}).json()
    assert all(row["below"] for row in later["deputies"])


def test_the_station_list_queries_stay_flat(client_for, staff, deputies, station):
    client = client_for(None)
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"{API}/liaison-stations").status_code == 200
    for i in range(4):
        more = services.station_create(
            actor=staff, name=f"第{i}联络点", kind="point", area="河西街道", address=f"河西路{i}号",
            deputies=deputies[i : i + 2],
        )  # fmt: skip
        Reception.objects.create(
            station=more, on_date=timezone.localdate(), starts_at=dt.time(9), ends_at=dt.time(10)
        ).deputies.set(deputies[:2])
    with CaptureQueriesContext(connection) as many:
        listed = client.get(f"{API}/liaison-stations").json()
    assert listed["count"] == 5
    assert sum(1 for row in listed["items"] if row["next_reception"]) == 4
    assert len(many.captured_queries) == len(few.captured_queries)
    with CaptureQueriesContext(connection) as schedule:
        assert client.get(f"{API}/receptions").json()["count"] == 4
    assert len(schedule.captured_queries) <= len(few.captured_queries) + 1
