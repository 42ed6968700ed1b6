"""What the voting services share: the poll's hash-chained log, JSON as hashed, permissions.

The poll's own log (:class:`PollLogEntry`) is separate from the platform's audit chain:
the chair's and staff's actions are audited by the action kernel; ballots never are.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from typing import Any

from django.utils import timezone

from .. import hashing
from ..models import Poll, PollLogEntry

#: Staff of the office: set polls up and enter hand counts.
MANAGE = "voting.manage"
#: The chair (and the office): run a poll in the chamber.
CHAIR = "voting.chair"

_RANDOM = secrets.SystemRandom()


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _json(value: Any) -> Any:
    """The value as JSON would give it back (string keys, lists), so hashes are stable."""
    return json.loads(hashing.canonical(value))


def _log(poll: Poll, kind: str, payload: dict[str, Any]) -> PollLogEntry:
    """Append one entry to the poll's chain; the caller holds the poll's row lock."""
    payload = _json(payload)
    seq = poll.log_seq + 1
    digest = hashing.log_hash(poll.pk, seq, kind, payload, poll.log_head)
    entry = PollLogEntry.objects.create(
        poll=poll, seq=seq, kind=kind, payload=payload, prev_hash=poll.log_head, hash=digest
    )
    poll.log_seq, poll.log_head = seq, digest
    Poll.objects.filter(pk=poll.pk).update(log_seq=seq, log_head=digest)
    return entry


def _publish(ctx, poll: Poll) -> None:
    """Tell the chamber screens the poll's new state once the action has committed."""
    from ..streams import publish_poll_state

    ctx.after_commit(lambda: publish_poll_state(poll))
