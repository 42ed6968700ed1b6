"""Liaison stations, reception days and the 双联系 contacts: the services and the counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import AuditEvent, RuleSetting
from renda.deputies import selectors, services
from renda.deputies.duty_record import duty_record
from renda.deputies.models import Contact, Reception
from renda.people.models import Deputy, Membership, Organization

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 5, 12)  # in the second quarter of 2026, inside the fixtures' term


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def station(staff, deputies):
    return services.station_create(
        actor=staff, name="清河街道代表联络站", kind="station", area="清河街道",
        address="清河路1号", phone="0000-1234567", hours="每周二上午", deputies=deputies[:3],
        now=at(DAY - dt.timedelta(days=30)),
    )  # fmt: skip


@pytest.fixture
def member(users, term):
    sc = Organization.objects.get(code="standing-committee")
    Membership.objects.create(
        person=users["member"].person, organization=sc, term=term, start_date=term.start_date
    )
    return users["member"]


def schedule(staff, station, deputies, day=DAY, **kw):
    return services.reception_schedule(
        actor=staff, station=station, on_date=day, starts_at=dt.time(9), ends_at=dt.time(11, 30),
        deputies=deputies, theme="听取群众对老旧小区改造的意见", now=at(day - dt.timedelta(days=7)),
        **kw,
    )  # fmt: skip


def test_a_station_publishes_a_day_and_its_record_counts_for_who_received(staff, station, deputies):
    assert set(station.deputies.all()) == set(deputies[:3])
    day = schedule(staff, station, deputies[:2])
    assert day.status == Reception.Status.SCHEDULED
    assert list(selectors.upcoming_receptions(DAY - dt.timedelta(days=1))) == [day]
    with pytest.raises(Conflict) as refused:
        services.reception_record(
            actor=staff, reception=day, received_by=deputies[:1], visitors=3, summary="反映停车难",
            now=at(DAY - dt.timedelta(days=1)),
        )  # fmt: skip
    assert refused.value.code == "not_yet"
    services.reception_record(
        actor=staff, reception=day, received_by=[deputies[0], deputies[3]], visitors=14,
        matters=5, summary="反映停车难、加装电梯等问题。", now=at(DAY, 12),
    )  # fmt: skip
    day.refresh_from_db()
    assert day.status == Reception.Status.HELD and day.visitors == 14
    assert selectors.reception_days([d.pk for d in deputies], DAY.year) == {
        deputies[0].pk: 1,
        deputies[3].pk: 1,
    }
    record = duty_record(deputies[0], DAY.year)
    assert [line.title for line in record.receptions] == ["清河街道代表联络站"]
    assert record.figures()["receptions"] == 1
    assert duty_record(deputies[1], DAY.year).figures()["receptions"] == 0  # scheduled, not there
    assert AuditEvent.objects.filter(action="deputies.reception.record").count() == 1


def test_refusals_say_what_is_wrong(staff, station, deputies):
    cases = [
        ({"on_date": None}, "field_required"),
        ({"ends_at": dt.time(8)}, "time_order"),
        ({"deputies": []}, "field_required"),
        ({"on_date": DAY - dt.timedelta(days=10)}, "past_date"),
        ({"on_date": dt.date(2027, 3, 1)}, "outside_term"),
    ]
    for change, code in cases:
        fields = {
            "station": station, "on_date": DAY, "starts_at": dt.time(9), "ends_at": dt.time(11),
            "deputies": deputies[:1],
        }  # fmt: skip
        fields.update(change)
        with pytest.raises(DomainError) as refused:
            services.reception_schedule(actor=staff, now=at(DAY - dt.timedelta(days=3)), **fields)
        assert refused.value.code == code, change
    assert not Reception.objects.exists()
    Deputy.objects.filter(pk=deputies[4].pk).update(status=Deputy.Status.SUSPENDED)
    deputies[4].refresh_from_db()
    with pytest.raises(Conflict) as refused:
        services.station_assign(actor=staff, station=station, deputies=[deputies[4]])
    assert refused.value.code == "deputy_not_active"
    with pytest.raises(Conflict):
        services.station_create(
            actor=staff, name="清河街道代表联络站", kind="home", area="清河", address="某路"
        )
    day = schedule(staff, station, deputies[:1])
    with pytest.raises(Conflict) as refused:
        services.station_update(
            actor=staff, station=station, name=station.name, kind="station", area="清河街道",
            address="清河路1号", active=False,
        )  # fmt: skip
    assert refused.value.code == "receptions_pending"
    services.reception_cancel(actor=staff, reception=day, reason="遇台风预警，改期举行。")
    services.station_update(
        actor=staff, station=station, name=station.name, kind="station", area="清河街道",
        address="清河路2号", phone="0000-1234567", hours="每周二上午", active=False,
    )  # fmt: skip
    station.refresh_from_db()
    assert not station.active and station.address == "清河路2号"
    entry = AuditEvent.objects.filter(action="deputies.station.update").latest("id")
    assert entry.changes == {"address": "清河路2号", "active": False}


def test_double_contact_counts_per_quarter_against_the_settings(
    staff, users, member, station, deputies
):
    mine = deputies[0]  # the deputy user's mandate
    services.contact_record(
        actor=users["deputy"], kind="deputy_voter", on_date=DAY, way="visit", voters=12,
        summary="走访社区，听取对菜市场改造的意见。", now=at(DAY, 18),
    )  # fmt: skip
    services.contact_record(
        actor=member, kind="sc_deputy", on_date=DAY, way="meeting", deputies=deputies[1:3],
        summary="座谈了解代表建议办理情况。", now=at(DAY, 18),
    )  # fmt: skip
    # The office records for a deputy; another quarter does not count in this one.
    services.contact_record(
        actor=staff, kind="deputy_voter", person=deputies[1].person, on_date=dt.date(2026, 3, 31),
        voters=5, summary="电话联系选民。", way="phone", now=at(DAY, 18),
    )  # fmt: skip
    day = schedule(staff, station, deputies[2:3])
    services.reception_record(
        actor=staff, reception=day, received_by=deputies[2:3], visitors=3, summary="反映噪音。",
        now=at(DAY, 12),
    )  # fmt: skip
    rows = {d.pk: (d.contacts, d.received) for d in selectors.deputy_contact_counts(
        mine.term, 2026, 2)}  # fmt: skip
    assert rows[mine.pk] == (1, 0)
    assert rows[deputies[1].pk] == (0, 0)
    assert rows[deputies[2].pk] == (0, 1)
    assert selectors.deputy_contact_counts(mine.term, 2026, 1).get(pk=deputies[1].pk).contacts == 1
    sc = {r["person"].pk: r["contacts"] for r in selectors.sc_contact_counts(2026, 2)}
    assert sc == {member.person_id: 1}
    assert selectors.contact_required() == {"sc_member": 1, "deputy": 1, "receptions": 2}
    RuleSetting.objects.create(key="contact.deputy_per_quarter", value="2")
    assert selectors.contact_required()["deputy"] == 2
    record = duty_record(mine, 2026)
    assert record.figures()["voter_contacts"] == 1
    assert [line.title for line in record.contacts] == ["走访联系群众12人"]
    # Struck by the office: it stays, marked, and no longer counts.
    entry = Contact.objects.get(person=mine.person)
    services.contact_strike(actor=staff, contact=entry, reason="重复登记。")
    assert selectors.deputy_contact_counts(mine.term, 2026, 2).get(pk=mine.pk).contacts == 0
    assert duty_record(mine, 2026).figures()["voter_contacts"] == 0


def test_contacts_are_recorded_by_their_owner_or_the_office(users, member, deputies):
    with pytest.raises(PermissionDenied):
        services.contact_record(
            actor=users["deputy"], kind="deputy_voter", person=deputies[1].person, on_date=DAY,
            voters=3, summary="代他人登记", now=at(DAY, 18),
        )  # fmt: skip
    with pytest.raises(Conflict) as refused:  # a deputy is not a member of the SC
        services.contact_record(
            actor=users["deputy"], kind="sc_deputy", on_date=DAY, deputies=deputies[1:2],
            summary="联系代表", now=at(DAY, 18),
        )  # fmt: skip
    assert refused.value.code == "not_sc_member"
    with pytest.raises(Conflict) as refused:  # a member is not a deputy
        services.contact_record(
            actor=member, kind="deputy_voter", on_date=DAY, voters=3, summary="联系群众",
            now=at(DAY, 18),
        )  # fmt: skip
    assert refused.value.code == "not_a_deputy"
    for change, code in (
        ({"on_date": DAY + dt.timedelta(days=1)}, "future_date"),
        ({"voters": 0}, "voters_invalid"),
        ({"summary": "  "}, "field_required"),
        ({"way": "fax"}, "invalid_choice"),
    ):
        fields = {"kind": "deputy_voter", "on_date": DAY, "voters": 3, "summary": "走访"}
        fields.update(change)
        with pytest.raises(DomainError) as refused:
            services.contact_record(actor=users["deputy"], now=at(DAY, 18), **fields)
        assert refused.value.code == code, change
    assert not Contact.objects.exists()
    with pytest.raises(PermissionDenied):
        services.contact_record(
            actor=users["unit_officer"], kind="deputy_voter", on_date=DAY, voters=3,
            summary="走访", now=at(DAY, 18),
        )  # fmt: skip


def test_the_quarter_helpers():
    assert selectors.quarter_of(dt.date(2026, 12, 31)) == (2026, 4)
    assert selectors.quarter_bounds(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert selectors.quarter_bounds(2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
