"""Route walker expectations for liaison stations, reception days and 双联系 pages.

The walker's station has the deputy user attached and a day scheduled for tomorrow; the
member user is made a member of the standing committee (the leader already is), so each of
them, like the deputy, has their own contacts page.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.walkers import EVERYONE, OFFICE_STAFF, STAFF_SIDE

OWN = frozenset({"deputy", "member", "leader"})

ROUTES: dict = {
    "deputies:stations": ("GET", STAFF_SIDE, None),
    "deputies:station_create": ("GET", OFFICE_STAFF, None),
    "deputies:station_detail": ("GET", STAFF_SIDE, "liaison_station"),
    "deputies:station_act": ("POST", OFFICE_STAFF, "liaison_station_act"),
    "deputies:reception_detail": ("GET", STAFF_SIDE, "liaison_reception"),
    "deputies:reception_act": ("POST", OFFICE_STAFF, "liaison_reception_act"),
    "deputies:contacts": ("GET", STAFF_SIDE | {"member"}, None),
    "deputies:contacts_xlsx": ("GET", STAFF_SIDE | {"member"}, None),
    "deputies:contact_create": ("POST", OFFICE_STAFF, None),
    "deputies:contact_strike": ("POST", OFFICE_STAFF, "liaison_contact"),
    "deputies:my_contacts": ("GET", OWN, None),
    "deputies:my_contact_record": ("POST", OWN, None),
    # The public site's stations and their schedules.
    "portal:stations": ("GET", EVERYONE, None),
    "portal:station_detail": ("GET", EVERYONE, "liaison_station"),
}
OPERATIONS: dict = {}
REQUEST_BODIES = 0
PRIVATE_READS: tuple[str, ...] = ()


def _fixture(users, term) -> dict:
    from renda.deputies import services
    from renda.people.models import Deputy, Membership, Organization

    staff = users["staff"]
    sc = Organization.objects.get(code="standing-committee")
    Membership.objects.get_or_create(
        person=users["member"].person,
        organization=sc,
        defaults={"term": term, "start_date": term.start_date},
    )
    own = Deputy.objects.get(person=users["deputy"].person, term=term)
    station = services.station_create(
        actor=staff, name="巡检联络站", kind="station", area="清河街道", address="清河路1号",
        deputies=[own],
    )  # fmt: skip
    reception = services.reception_schedule(
        actor=staff, station=station, on_date=timezone.localdate() + dt.timedelta(days=1),
        starts_at=dt.time(9), ends_at=dt.time(11), deputies=[own],
    )  # fmt: skip
    contact = services.contact_record(
        actor=users["deputy"], kind="deputy_voter", on_date=timezone.localdate(), voters=5,
        summary="走访选民。",
    )  # fmt: skip
    return {"station": station, "reception": reception, "contact": contact}


def objects(users, term) -> dict:
    f = _fixture(users, term)
    return {
        "liaison_station": {"pk": f["station"].pk},
        "liaison_station_act": {"pk": f["station"].pk, "verb": "assign"},
        "liaison_reception": {"pk": f["reception"].pk},
        "liaison_reception_act": {"pk": f["reception"].pk, "verb": "cancel"},
        "liaison_contact": {"pk": f["contact"].pk},
    }


def ids(users, term) -> dict:
    return {}
