"""Writes of the voting module, one module per sub-area; everything is importable from here.

- :mod:`.setup`: create a poll with its slate, open it on a snapshot of the roll;
- :mod:`.cast`: casting a ballot (the fast path, never an audited action);
- :mod:`.running`: pause, resume, extend, switch to a manual count;
- :mod:`.closing`: close (shuffle, tally, seal), annul, announce;
- :mod:`.counts`: the two agreeing hand counts of a manual poll.

Every write but casting is a declared action (:mod:`renda.core.actions`): the chair's
and the office's actions are audited; a ballot is recorded only in the poll's own
hash-chained log, never in the audit chain.
"""

from __future__ import annotations

from ._common import CHAIR, MANAGE
from .cast import (
    CastPlan,
    PollState,
    Receipt,
    VoterState,
    ballot_cast,
    ballot_commit,
    ballot_prepare,
    idempotency_digest,
    normalize_choice,
    poll_state,
)
from .closing import (
    _rewrite_roll,
    _shuffle_box,
    poll_announce,
    poll_annul,
    poll_close,
    poll_seal,
    tally_ballots,
)
from .counts import manual_count_enter, tally_manual
from .running import poll_extend, poll_pause, poll_resume, poll_switch_to_manual
from .setup import poll_create, poll_open

#: The chair's console: verb (the console's ``action`` field) → declared action.
CONSOLE = {
    a.verb: a
    for a in (
        poll_open,
        poll_pause,
        poll_resume,
        poll_extend,
        poll_close,
        poll_annul,
        poll_switch_to_manual,
        poll_announce,
    )
}

__all__ = [
    "CHAIR",
    "CONSOLE",
    "MANAGE",
    "CastPlan",
    "PollState",
    "Receipt",
    "VoterState",
    "_rewrite_roll",
    "_shuffle_box",
    "ballot_cast",
    "ballot_commit",
    "ballot_prepare",
    "idempotency_digest",
    "manual_count_enter",
    "normalize_choice",
    "poll_announce",
    "poll_annul",
    "poll_close",
    "poll_create",
    "poll_extend",
    "poll_open",
    "poll_pause",
    "poll_resume",
    "poll_seal",
    "poll_state",
    "poll_switch_to_manual",
    "tally_ballots",
    "tally_manual",
]
