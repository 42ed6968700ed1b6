"""Route and API walker expectations for the compliance view: the office, the leaders and
the members of the standing committee read it; the office records the party committee's meetings
and chooses the rules shown on the public site, which everyone reads."""

from __future__ import annotations

from tests.walkers import EVERYONE, OFFICE_STAFF, STAFF_SIDE

READERS = STAFF_SIDE | {"member"}

ROUTES: dict = {
    "compliance:dashboard": ("GET", READERS, None),
    "compliance:rule": ("GET", READERS, "compliance_rule"),
    "compliance:report": ("GET", READERS, None),
    "compliance:party": ("GET", READERS, None),
    "compliance:party_record": ("POST", OFFICE_STAFF, None),
    "compliance:rule_publish": ("POST", OFFICE_STAFF, "compliance_rule"),
    "portal:compliance": ("GET", EVERYONE, None),
}
OPERATIONS: dict = {
    "compliance_list": READERS,
    "compliance_rule": READERS,
    "compliance_party_meetings": READERS,
    "compliance_party_meeting_record": OFFICE_STAFF,
    "compliance_public": EVERYONE,
    "compliance_rule_publish": OFFICE_STAFF,
}
#: party meetings: record; a rule: publish.
REQUEST_BODIES = 2
#: The list itself as one exact path ("$"): a prefix would take in the public list.
PRIVATE_READS: tuple[str, ...] = ("/api/v1/compliance$", "/api/v1/compliance/rules", "/api/v1/compliance/party-meetings")  # fmt: skip


def objects(users, term) -> dict:
    return {"compliance_rule": {"code": "S14"}}


def ids(users, term) -> dict:
    return {"code": "S14"}
