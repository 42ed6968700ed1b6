"""Demo votes: each 'voted' agenda item of the demo meetings gets a real, sealed poll.

Ballots go through the voting core's own cast path (``poll_state`` → ``ballot_prepare``
→ ``ballot_commit``, the path the chamber's batched route uses), so the demo polls
have rolls, a box, a hash-chained log, a seal and a verifiable export like real ones.
"""

from __future__ import annotations

import renda_crypto as rc
from renda.meetings.models import AgendaItem, Meeting
from renda.meetings.selectors import entitled_persons
from renda.people.models import Person
from renda.voting import services as V
from renda.voting.models import Poll, Scrutineer, ScrutinyKey
from renda.voting.services import scrutiny as SV
from renda_crypto import device as dv

VECTORS = {
    "yes": [1, 0, 0],
    "no": [0, 1, 0],
    "abstain": [0, 0, 1],
    "satisfied": [1, 0, 0],
    "basically_satisfied": [0, 1, 0],
    "dissatisfied": [0, 0, 1],
}


class DemoDevices:
    """The demo scrutineers' devices, played here for the seed only: their secrets live in
    this object and are gone when the seed ends (as a real device keeps its own)."""

    def __init__(self, actor, meeting: Meeting, count: int = 3) -> None:
        people = list(entitled_persons(meeting).filter(user__is_active=True).order_by("pk")[:count])
        self.key = SV.scrutiny_appoint(actor=actor, meeting=meeting, persons=[p.pk for p in people])
        self.users = {i: p.user for i, p in enumerate(people, start=1)}
        self.secrets = {}
        for i, user in self.users.items():
            self.secrets[i], public = dv.new_device()
            SV.scrutiny_enrol(actor=user, scrutineer=self._row(i), device_key=public)
        keys = SV.device_keys(self.key)
        for i, user in self.users.items():
            made = dv.deal(self.key.context, i, self.key.threshold, keys)
            SV.scrutiny_deal(actor=user, scrutineer=self._row(i), **made)
        self.shares = {}
        for i, user in self.users.items():
            dealt = [
                {"dealing": s.dealing, "share": s.shares[str(i)]}
                for s in Scrutineer.objects.filter(key=self.key).order_by("index")
            ]
            self.shares[i] = dv.key_share(self.key.context, i, self.secrets[i], dealt)
            SV.scrutiny_confirm(
                actor=user,
                scrutineer=self._row(i),
                verification_key=dv.verification_key(self.shares[i]),
            )
        assert ScrutinyKey.objects.get(pk=self.key.pk).status == ScrutinyKey.Status.READY

    def _row(self, index: int) -> Scrutineer:
        return Scrutineer.objects.get(key=self.key, index=index)

    def decrypt(self, poll: Poll) -> Poll:
        for i, user in self.users.items():
            poll = Poll.objects.get(pk=poll.pk)
            if poll.status == Poll.Status.SEALED:
                break
            partial = dv.decrypt(
                poll.crypto["key"]["context"], i, self.shares[i], poll.crypto["totals"]
            )
            SV.scrutiny_decrypt(actor=user, poll=poll, partial=partial)
        return Poll.objects.get(pk=poll.pk)


def _choices(kind: str, n: int) -> list[str]:
    """A deterministic, realistic spread: most in favour, a few against or abstaining."""
    if kind == Poll.Kind.SATISFACTION:
        cycle = ["satisfied"] * 7 + ["basically_satisfied"] * 2 + ["dissatisfied"]
    else:
        cycle = ["yes"] * 17 + ["abstain"] * 2 + ["no"]
    return [cycle[i % len(cycle)] for i in range(n)]


def run_demo_poll(
    *,
    actor,
    item: AgendaItem,
    kind: str = Poll.Kind.DECISION,
    nominee: Person | None = None,
    devices: DemoDevices | None = None,
) -> Poll:
    """Create, open, fill, close and announce a poll on ``item`` (the meeting must be open).

    With the meeting's scrutineers' ``devices`` the poll is encrypted: each ballot is
    encrypted as the terminal does, and the devices decrypt the totals at the close.
    """
    poll = V.poll_create(actor=actor, agenda_item=item, kind=kind, nominee=nominee)
    poll = V.poll_open(actor=actor, poll=poll)
    state = V.poll_state(poll)
    present = sorted(pid for pid, voter in state.roll.items() if voter.signed_in)
    choices = _choices(kind, len(present))
    if poll.is_encrypted:
        key = rc.PollKey.from_json(poll.crypto["key"])
        choices = [rc.encrypt(key, VECTORS[c]) for c in choices]
    plans = [
        V.ballot_prepare(state, person_id=pid, choice=choice)
        for pid, choice in zip(present, choices, strict=True)
    ]
    V.ballot_commit(poll_id=poll.pk, plans=plans)
    poll = V.poll_close(actor=actor, poll=poll)
    if poll.is_encrypted and devices is not None:
        poll = devices.decrypt(poll)
    return V.poll_announce(actor=actor, poll=poll)
