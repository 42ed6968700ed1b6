"""Deputies API: qualification matters and suspensions (代表法 Arts. 61–63; rules.md §2.2, §2.3),
duty records, training, liaison stations and the 双联系 contacts, the yearly plan and reports to
voters (S23–S26, §2.4–§2.9)."""

from . import (  # noqa: F401  (registers the operations)
    byelections,
    liaison,
    messages,
    qualification,
    recalls,
    records,
    reports,
    resignations,
    training,
)
from ._common import router

__all__ = ["router"]
