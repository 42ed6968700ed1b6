"""Read models kept in step with every audited change, in the change's own transaction.

Every change the platform makes is audited (:func:`renda.core.audit.audit_record`). A
domain that keeps a derived read model (the suggestions' statistics tallies) registers a
refresher for the object types whose audit events concern it::

    projections.watch("casework.case", refresh_cases)

``audit_record`` reports each event's object here. Within an action the objects are
collected and each refresher runs once, with every id, at the end of the outermost action
and still inside its transaction, so the read model commits or rolls back with the change.
Outside an action (a direct ``audit_record``) the refresher runs at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: object type ("app_label.model") → refreshers taking the set of object ids.
REFRESHERS: dict[str, list[Callable[[set[str]], None]]] = {}

_state = threading.local()


def watch(object_type: str, refresher: Callable[[set[str]], None]) -> None:
    """Call ``refresher(ids)`` for the audited objects of ``object_type`` (idempotent per function)."""
    found = REFRESHERS.setdefault(object_type, [])
    if refresher not in found:
        found.append(refresher)


def touched(object_type: str, object_id: str) -> None:
    """An audited change of one object: refresh now, or at the end of the running action."""
    if not object_id or object_type not in REFRESHERS:
        return
    if getattr(_state, "depth", 0):
        _state.pending.setdefault(object_type, set()).add(str(object_id))
        return
    for refresher in REFRESHERS[object_type]:
        refresher({str(object_id)})


@contextmanager
def batch() -> Iterator[None]:
    """Collect the audited objects of the block; refresh once when the outermost block ends well."""
    depth = getattr(_state, "depth", 0)
    if depth == 0:
        _state.pending = {}
    _state.depth = depth + 1
    try:
        yield
        if depth == 0:
            _flush()
    finally:
        _state.depth = depth
        if depth == 0:
            _state.pending = {}


def _flush() -> None:
    while _state.pending:
        pending, _state.pending = _state.pending, {}
        for object_type in sorted(pending):
            for refresher in REFRESHERS.get(object_type, []):
                refresher(pending[object_type])
