"""Casework API: the cases a caller may see and every action taken on them.

Cases are not public: every operation needs a token or a session. Reads go through
:func:`renda.casework.selectors.cases_visible_to`, so a unit never sees another
unit's cases; writes perform the declared actions of :mod:`renda.casework.services`,
which check every rule and answer with the same error codes as the pages.
"""

from . import actions  # noqa: F401  (registers the action operations)
from .cases import router

__all__ = ["router"]
