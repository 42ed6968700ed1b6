"""Demo data for filings."""

from __future__ import annotations


def seed_filings(*, actor, term, seed: int) -> dict[str, int]:
    """Create the demo records; return counts for the seed summary."""
    return {}
