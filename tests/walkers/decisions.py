"""Route and API walker expectations for decisions (see tests/walkers/__init__.py)."""

from __future__ import annotations

from tests.walkers import ANON, EVERYONE, OFFICE_STAFF, SIGNED_IN, STAFF_SIDE  # noqa: F401

ROUTES: dict = {}
OPERATIONS: dict = {}
REQUEST_BODIES = 0
PRIVATE_READS: tuple[str, ...] = ()


def objects(users, term) -> dict:
    return {}


def ids(users, term) -> dict:
    return {}
