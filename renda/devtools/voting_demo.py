"""Demo votes: each 'voted' agenda item of the demo meetings gets a real, sealed poll.

Ballots go through the voting core's own cast path (``poll_state`` → ``ballot_prepare``
→ ``ballot_commit``, the path the chamber's batched route uses), so the demo polls
have rolls, a box, a hash-chained log, a seal and a verifiable export like real ones.
"""

from __future__ import annotations

from renda.meetings.models import AgendaItem
from renda.people.models import Person
from renda.voting import services as V
from renda.voting.models import Poll


def _choices(kind: str, n: int) -> list[str]:
    """A deterministic, realistic spread: most in favour, a few against or abstaining."""
    if kind == Poll.Kind.SATISFACTION:
        cycle = ["satisfied"] * 7 + ["basically_satisfied"] * 2 + ["dissatisfied"]
    else:
        cycle = ["yes"] * 17 + ["abstain"] * 2 + ["no"]
    return [cycle[i % len(cycle)] for i in range(n)]


def run_demo_poll(
    *, actor, item: AgendaItem, kind: str = Poll.Kind.DECISION, nominee: Person | None = None
) -> Poll:
    """Create, open, fill, close and announce a poll on ``item`` (the meeting must be open)."""
    poll = V.poll_create(actor=actor, agenda_item=item, kind=kind, nominee=nominee)
    poll = V.poll_open(actor=actor, poll=poll)
    state = V.poll_state(poll)
    present = sorted(pid for pid, voter in state.roll.items() if voter.signed_in)
    plans = [
        V.ballot_prepare(state, person_id=pid, choice=choice)
        for pid, choice in zip(present, _choices(kind, len(present)), strict=True)
    ]
    V.ballot_commit(poll_id=poll.pk, plans=plans)
    poll = V.poll_close(actor=actor, poll=poll)
    return V.poll_announce(actor=actor, poll=poll)
