"""Route and API walker expectations for the compliance view: the office, the leaders and
the members of the standing committee read it."""

from __future__ import annotations

from tests.walkers import STAFF_SIDE

READERS = STAFF_SIDE | {"member"}

ROUTES: dict = {
    "compliance:dashboard": ("GET", READERS, None),
    "compliance:rule": ("GET", READERS, "compliance_rule"),
}
OPERATIONS: dict = {
    "compliance_list": READERS,
    "compliance_rule": READERS,
}
REQUEST_BODIES = 0
PRIVATE_READS: tuple[str, ...] = ("/api/v1/compliance",)


def objects(users, term) -> dict:
    return {"compliance_rule": {"code": "S14"}}


def ids(users, term) -> dict:
    return {"code": "S14"}
