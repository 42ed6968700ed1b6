"""Deputies API: qualification matters and suspensions (代表法 Arts. 61–63; rules.md §2.2, §2.3)."""

from . import qualification, records, training  # noqa: F401  (registers the operations)
from ._common import router

__all__ = ["router"]
