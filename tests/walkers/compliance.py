"""Route and API walker expectations for the compliance view: the office, the leaders and
the members of the standing committee read it; the office records the party committee's meetings."""

from __future__ import annotations

from tests.walkers import OFFICE_STAFF, STAFF_SIDE

READERS = STAFF_SIDE | {"member"}

ROUTES: dict = {
    "compliance:dashboard": ("GET", READERS, None),
    "compliance:rule": ("GET", READERS, "compliance_rule"),
    "compliance:report": ("GET", READERS, None),
    "compliance:party": ("GET", READERS, None),
    "compliance:party_record": ("POST", OFFICE_STAFF, None),
}
OPERATIONS: dict = {
    "compliance_list": READERS,
    "compliance_rule": READERS,
    "compliance_party_meetings": READERS,
    "compliance_party_meeting_record": OFFICE_STAFF,
}
#: party meetings: record.
REQUEST_BODIES = 1
PRIVATE_READS: tuple[str, ...] = ("/api/v1/compliance",)


def objects(users, term) -> dict:
    return {"compliance_rule": {"code": "S14"}}


def ids(users, term) -> dict:
    return {"code": "S14"}
