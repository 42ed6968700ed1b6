"""Demo data for supervision."""

from __future__ import annotations


def seed_supervision(*, actor, term, seed: int) -> dict[str, int]:
    """Create the demo records; return counts for the seed summary."""
    return {}
