"""Counting rules as pure functions (no database), and the voting permissions.

The numbers come from rules.md: more than half of ALL members pass a decision or an
appointment (§8.3, §8.8, §7.6: floor(N/2)+1 of the roll, not of those present);
an election winner needs more than half of all deputies (§7.4); competitive
slates (差额) keep the candidate count within §7.1 / §7.2. Tallies are plain JSON
dicts so the stand-alone verifier (``renda_verify``) can recompute them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import rules

from renda.accounts.rules import is_deputy, is_leader, is_office_staff, is_sc_member

DECISION_OPTIONS = ("yes", "no", "abstain")
SATISFACTION_OPTIONS = ("satisfied", "basically_satisfied", "dissatisfied")


def majority_of_all(n: int) -> int:
    """过半数 of all ``n`` members: floor(n/2)+1 (rules.md counting conventions, §8.8)."""
    if n < 0:
        raise ValueError("a body cannot have a negative number of members")
    return n // 2 + 1


def options_for(kind: str) -> tuple[str, ...]:
    """The options of a simple (non-election) poll of ``kind``."""
    return SATISFACTION_OPTIONS if kind == "satisfaction" else DECISION_OPTIONS


def attendance(
    *, base: int, ballots: int, present: int, voted_present: int | None, late: int = 0
) -> dict[str, int]:
    """应到 / 实到 / 未按 / 缺席 of a poll, as the chamber's screen and the minutes show them.

    ``present`` (实到) are the members signed in when the poll opened; ``not_voted`` (未按)
    are those of them who cast no ballot; ``late`` voted after signing in later; ``absent``
    (缺席) are the others. ``voted_present`` is None for a hand count of paper ballots, where
    who voted is unknown: the ballots are then taken first from those present at open.
    """
    if voted_present is None:
        voted_present = min(present, ballots)
        late = max(ballots - present, 0)
    return {
        "present": present,
        "not_voted": max(present - voted_present, 0),
        "late": late,
        "absent": max(base - present - late, 0),
    }


def tally_simple(
    *,
    kind: str,
    base: int,
    counts: Mapping[str, int],
    counts_basic: bool = True,
    roll: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Tally a decision, appointment or satisfaction poll from its option counts.

    With ``roll`` (``present``, ``voted_present``, ``late`` from the voter roll) the tally
    separates 未按 (present at open, no ballot) from 缺席 (:func:`attendance`); without it
    ``not_voted`` is the roll size less the ballots. An abstention is a ballot, never 未按.
    """
    options = options_for(kind)
    tally: dict[str, Any] = {"kind": kind, "base": base, "threshold": majority_of_all(base)}
    ballots = 0
    for option in options:
        tally[option] = int(counts.get(option, 0))
        ballots += tally[option]
    tally["ballots"] = ballots
    tally["not_voted"] = max(base - ballots, 0)
    if roll is not None:
        tally.update(attendance(base=base, ballots=ballots, **roll))
    if kind == "satisfaction":
        tally["counts_basic"] = bool(counts_basic)
        favourable = tally["satisfied"] + (tally["basically_satisfied"] if counts_basic else 0)
        tally["result"] = "satisfied" if favourable >= tally["threshold"] else "not_satisfied"
    else:
        tally["result"] = "passed" if tally["yes"] >= tally["threshold"] else "failed"
    return tally


def election_marks(payload: Mapping[str, Any]) -> list[int]:
    """Every person a ballot votes for: ticked candidates and written-in names (另选他人)."""
    return [int(p) for p in payload.get("candidates", [])] + [
        int(p) for p in payload.get("write_ins", [])
    ]


def election_ballot_void(payload: Mapping[str, Any], seats: int) -> bool:
    """A ballot that votes for more persons than there are seats is void (废票)."""
    return len(election_marks(payload)) > seats


def election_outcome(votes: Mapping[int, int], *, seats: int, threshold: int) -> dict[str, Any]:
    """Who is elected, who must face a re-vote, and how many seats go to a further election.

    Winners need at least ``threshold`` votes; seats are filled by most votes; a tie
    across the last seat sends the tied persons to a re-vote (§7.4); seats left
    empty go to a further election (另行选举).
    """
    qualified = sorted(
        ((p, v) for p, v in votes.items() if v >= threshold), key=lambda pv: (-pv[1], pv[0])
    )
    elected: list[int] = []
    revote: list[int] = []
    if len(qualified) <= seats:
        elected = [p for p, _v in qualified]
    else:
        boundary = qualified[seats - 1][1]
        if qualified[seats][1] < boundary:
            elected = [p for p, _v in qualified[:seats]]
        else:
            elected = [p for p, v in qualified if v > boundary]
            revote = [p for p, v in qualified if v == boundary]
    revote_seats = seats - len(elected) if revote else 0
    further = seats - len(elected) - revote_seats
    return {
        "elected": elected,
        "revote": revote,
        "revote_seats": revote_seats,
        "further_election_seats": further,
    }


def tally_election(
    *,
    base: int,
    seats: int,
    candidates: Iterable[int],
    ballots: Iterable[Mapping[str, Any]] = (),
    votes: Mapping[int, int] | None = None,
    void: int = 0,
    issued: int | None = None,
    returned: int | None = None,
    roll: Mapping[str, Any] | None = None,
    cast: int | None = None,
) -> dict[str, Any]:
    """Tally an election from electronic ballots, or from counted ``votes``.

    ``votes`` come from a hand count (with ``returned``) or from the decrypted totals of an
    encrypted box (with ``cast``, the number of ballots in it).

    ``roll`` separates 未按 from 缺席 as in :func:`tally_simple`.

    More ballots returned than issued voids the whole poll (§7.4, 选举法).
    """
    counter: Counter[int] = Counter({int(c): 0 for c in candidates})
    n_ballots = 0
    n_void = int(void)
    if votes is not None:
        counter.update({int(p): int(v) for p, v in votes.items()})
        n_ballots = int(returned) if returned is not None else int(cast or 0)
    else:
        for payload in ballots:
            n_ballots += 1
            if election_ballot_void(payload, seats):
                n_void += 1
                continue
            counter.update(election_marks(payload))
    threshold = majority_of_all(base)
    tally: dict[str, Any] = {
        "kind": "election",
        "base": base,
        "threshold": threshold,
        "seats": seats,
        "ballots": n_ballots,
        "void": n_void,
        "valid": n_ballots - n_void,
        "not_voted": max(base - n_ballots, 0),
        "votes": {str(p): counter[p] for p in sorted(counter)},
        "issued": issued,
        "returned": returned,
    }
    if roll is not None:
        tally.update(attendance(base=base, ballots=n_ballots, **roll))
    if issued is not None and returned is not None and returned > issued:
        tally.update(
            {
                "elected": [],
                "revote": [],
                "revote_seats": 0,
                "further_election_seats": 0,
                "result": "void",
            }
        )
        return tally
    outcome = election_outcome(counter, seats=seats, threshold=threshold)
    tally.update(outcome)
    if outcome["revote"]:
        tally["result"] = "revote"
    elif outcome["further_election_seats"]:
        tally["result"] = "further_election"
    else:
        tally["result"] = "complete"
    return tally


# ----------------------------------------------------------------------- slates (差额)

#: Office kinds whose slates are checked, with the rule code.
SLATE_RULES = {
    "deputy_direct": "§7.1",
    "deputy_indirect": "§7.1",
    "head": "§7.2",
    "deputy_head": "§7.2",
    "sc_member": "§7.2",
}


def _share(seats: int, share: Fraction, round_up: bool) -> int:
    value = seats * share
    return math.ceil(value) if round_up else math.floor(value)


def slate_bounds(
    *, office_kind: str, seats: int, values: Mapping[str, Any]
) -> tuple[int, int] | None:
    """Allowed (min, max) number of candidates for ``seats``, or None if not regulated.

    ``values`` holds the ``voting.slate.*`` statute parameters (see statute.py).
    """
    round_up = bool(values.get("voting.slate.round_up", True))
    if office_kind in ("deputy_direct", "deputy_indirect", "sc_member"):
        prefix = {
            "deputy_direct": "voting.slate.deputy_direct",
            "deputy_indirect": "voting.slate.deputy_indirect",
            "sc_member": "voting.slate.sc_member",
        }[office_kind]
        low = _share(seats, values[f"{prefix}_min"], round_up)
        high = _share(seats, values[f"{prefix}_max"], round_up)
        return seats + low, seats + max(low, high)
    if office_kind == "head":
        low, high = values["voting.slate.head_extra"]
        return seats + low, seats + high
    if office_kind == "deputy_head":
        low, high = values["voting.slate.deputy_head_extra"]
        return seats + low, seats + high
    return None


# ----------------------------------------------------------------------- permissions


@rules.predicate
def has_person(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "person_id", None))


rules.add_perm("voting.view", rules.always_allow)
rules.add_perm("voting.manage", is_office_staff)
rules.add_perm("voting.chair", is_office_staff | is_leader)
rules.add_perm("voting.cast", (is_sc_member | is_deputy) & has_person)
#: A 监票人 on their own device; the services check the person is this meeting's scrutineer.
rules.add_perm("voting.scrutinise", has_person)
