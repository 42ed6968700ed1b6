"""One case per configurable statute parameter: a scenario whose outcome the parameter governs."""

from __future__ import annotations

from . import (
    budget,
    casework,
    deputies,
    filings,
    legislation,
    meetings,
    oversight,
    proceedings,
    voting,
)
from .cases import Case

CASES: dict[str, Case] = {}
for _module in (
    deputies,
    meetings,
    voting,
    casework,
    oversight,
    filings,
    proceedings,
    legislation,
    budget,
):
    for _key, _case in _module.CASES.items():
        if _key in CASES:
            raise ValueError(f"two cases for {_key}")
        CASES[_key] = _case
