"""Route and API walker expectations for by-elections (§2.2).

The office and the leaders read them; the office acts. The walker's record is a by-election
of a person who is not a deputy of the term, recorded and not yet reviewed.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.walkers import OFFICE_STAFF, STAFF_SIDE

ROUTES: dict = {
    "deputies:byelections": ("GET", STAFF_SIDE, None),
    "deputies:byelection_create": ("GET", OFFICE_STAFF, None),
    "deputies:byelection_detail": ("GET", STAFF_SIDE, "by_election"),
    "deputies:byelection_act": ("POST", OFFICE_STAFF, "by_election_act"),
}
OPERATIONS: dict = {
    "deputies_by_elections_list": STAFF_SIDE,
    "deputies_by_election_detail": STAFF_SIDE,
    "deputies_byelection_record": OFFICE_STAFF,
    "deputies_byelection_report": OFFICE_STAFF,
    "deputies_byelection_put_to_vote": OFFICE_STAFF,
    "deputies_byelection_record_vote": OFFICE_STAFF,
    "deputies_byelection_cancel": OFFICE_STAFF,
}
#: record, report, put to vote, record the vote (an empty body), cancel.
REQUEST_BODIES = 5
PRIVATE_READS: tuple[str, ...] = ("/api/v1/by-elections",)


def _by_election(users, term):
    from renda.deputies import services
    from renda.people.models import Person

    person = Person.objects.create(name="补选当选人", gender="female")
    return services.byelection_record(
        actor=users["staff"],
        person=person,
        held_on=max(term.start_date, timezone.localdate() - dt.timedelta(days=3)),
        constituency="第三选区",
    )


def objects(users, term) -> dict:
    by = _by_election(users, term)
    return {
        "by_election": {"pk": by.pk},
        "by_election_act": {"pk": by.pk, "verb": "cancel"},
    }


def ids(users, term) -> dict:
    return {"by_election_id": _by_election(users, term).pk}
