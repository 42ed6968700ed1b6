"""Per-domain expectations for the route walker and the API walker.

Each module here (one per domain app) defines:

- ``ROUTES``: {"namespace:name": (method, allowed roles, objects key or None)} for
  its named pages, merged into :data:`tests.test_permissions.ROUTES`;
- ``objects(users, term) -> dict``: the URL kwargs for its objects keys;
- ``OPERATIONS``: {operation id: allowed roles} for its API operations, merged into
  :data:`tests.test_api_permissions.OPERATIONS` and the OpenAPI test's list;
- ``ids(users, term) -> dict``: the path parameters its API operations need;
- ``REQUEST_BODIES``: how many of its operations take a JSON body;
- ``PRIVATE_READS``: API path prefixes whose reads need authentication (one ending in
  ``$`` is a single exact path).

Roles are the strings of :data:`ROLES` and ``"anon"``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

ANON = "anon"
ROLES = ("admin", "staff", "leader", "member", "deputy", "unit_officer")
EVERYONE = frozenset((ANON, *ROLES))
SIGNED_IN = frozenset(ROLES)
OFFICE_STAFF = frozenset({"admin", "staff"})
STAFF_SIDE = frozenset({"admin", "staff", "leader"})

MODULES = (
    "core",
    "supervision",
    "filings",
    "decisions",
    "voting",
    "suggestions",
    "people",
    "deputies",
    "liaison",
    "liaison_api",
    "reports",
    "reports_api",
    "messages",
    "messages_api",
    "resignations",
    "byelections",
    "appointments",
    "recalls",
    "legislation",
    "budget",
    "compliance",
)


def load() -> list[ModuleType]:
    return [importlib.import_module(f"tests.walkers.{name}") for name in MODULES]


def routes() -> dict:
    merged: dict = {}
    for module in load():
        merged.update(module.ROUTES)
    return merged


def operations() -> dict:
    merged: dict = {}
    for module in load():
        merged.update(module.OPERATIONS)
    return merged


def objects(users, term) -> dict:
    merged: dict = {}
    for module in load():
        merged.update(module.objects(users, term))
    return merged


def ids(users, term) -> dict:
    merged: dict = {}
    for module in load():
        merged.update(module.ids(users, term))
    return merged


def request_bodies() -> int:
    return sum(module.REQUEST_BODIES for module in load())


def private_reads() -> tuple[str, ...]:
    return tuple(prefix for module in load() for prefix in module.PRIVATE_READS)
