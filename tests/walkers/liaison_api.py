"""API walker expectations for liaison stations, reception days and 双联系 contacts.

The stations and their published schedules are public. The walker's station has one
scheduled day; its contact is the walker's deputy's own, with voters. The ``member`` user
holds the role of a standing-committee member, which is what the permissions read.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.walkers import EVERYONE, OFFICE_STAFF, STAFF_SIDE

ROUTES: dict = {}

#: Those who record contacts: the office, the standing committee's members, the deputies.
RECORDERS = OFFICE_STAFF | {"leader", "member", "deputy"}

OPERATIONS: dict = {
    "deputies_stations_list": EVERYONE,
    "deputies_station_detail": EVERYONE,
    "deputies_receptions_list": EVERYONE,
    "deputies_station_create": OFFICE_STAFF,
    "deputies_station_update": OFFICE_STAFF,
    "deputies_station_assign": OFFICE_STAFF,
    "deputies_reception_schedule": OFFICE_STAFF,
    "deputies_reception_record": OFFICE_STAFF,
    "deputies_reception_cancel": OFFICE_STAFF,
    # A deputy reads their own entries; the office and the standing committee all of them.
    "deputies_contacts_list": RECORDERS,
    "deputies_contact_record": RECORDERS,
    "deputies_contact_strike": OFFICE_STAFF,
    "deputies_contact_counts": STAFF_SIDE | {"member"},
}
#: station create, update, assign; reception schedule, record, cancel; contact record, strike.
REQUEST_BODIES = 8
PRIVATE_READS: tuple[str, ...] = ("/api/v1/contacts", "/api/v1/contact-counts")


def objects(users, term) -> dict:
    return {}


def ids(users, term) -> dict:
    from renda.deputies import services
    from renda.people.models import Deputy

    staff = users["staff"]
    own, _ = Deputy.objects.get_or_create(person=users["deputy"].person, term=term)
    # A day inside the fixtures' term, whatever the date the walker runs on.
    day = term.start_date + dt.timedelta(days=100)
    now = timezone.make_aware(dt.datetime.combine(day, dt.time(8)))
    station = services.station_create(
        actor=staff, name="走查代表联络站", kind="station", area="清河街道", address="清河路1号",
        deputies=[own], now=now,
    )  # fmt: skip
    reception = services.reception_schedule(
        actor=staff, station=station, on_date=day, starts_at=dt.time(9), ends_at=dt.time(11),
        deputies=[own], now=now,
    )  # fmt: skip
    contact = services.contact_record(
        actor=users["deputy"], kind="deputy_voter", on_date=day, voters=12,
        summary="走访选民，听取意见。", now=now,
    )  # fmt: skip
    return {"station_id": station.pk, "reception_id": reception.pk, "contact_id": contact.pk}
