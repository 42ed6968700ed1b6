"""The copy of a sealed poll's tally that a domain keeps on its own record (a decision, a revocation)."""

from __future__ import annotations

TALLY_KEYS = (
    "base",
    "present",
    "threshold",
    "yes",
    "no",
    "abstain",
    "not_voted",
    "absent",
    "result",
)


def tally_record(seal) -> dict:
    """The figures of ``seal.tally`` a domain records, with the seal's fingerprint to check them by."""
    return {**{k: seal.tally.get(k) for k in TALLY_KEYS}, "fingerprint": seal.fingerprint}
