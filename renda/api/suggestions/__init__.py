"""Suggestions API: lists, details and figures, the deputies' drafts and the office's handling.

Writes perform the declared actions of :mod:`renda.suggestions.services` and
:mod:`renda.suggestions.assignment`, with the same error codes as the pages.
"""

from . import (
    office,  # noqa: F401  (registers the office's operations)
    uploads,  # noqa: F401  (registers the operations that take a file)
)
from .reads import router

__all__ = ["router"]
