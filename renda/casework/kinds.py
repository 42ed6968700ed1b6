"""Kinds of case: clients register theirs with :func:`ensure_kind`."""

from __future__ import annotations

from typing import Any

from renda.core.statute import params

from . import statute  # noqa: F401  (registers the parameters read below)
from .models import CaseKind, DeadlineUnit


def statute_defaults() -> dict[str, Any]:
    """Field values of a kind from the statute parameters (rules §1.2, §1.6–§1.10)."""
    p = params(
        "casework.reply_months",
        "casework.extended_reply_months",
        "casework.rehandle_months",
        "casework.rating_window_workdays",
        "casework.return_window_workdays",
        "casework.co_opinion_months",
        "casework.contact_workdays",
    )
    return {
        "reply_amount": p["casework.reply_months"],
        "reply_unit": DeadlineUnit.MONTHS,
        "extended_amount": p["casework.extended_reply_months"],
        "return_window_workdays": p["casework.return_window_workdays"],
        "co_amount": p["casework.co_opinion_months"],
        "co_unit": DeadlineUnit.MONTHS,
        "rating_window_workdays": p["casework.rating_window_workdays"],
        "rehandle_amount": p["casework.rehandle_months"],
        "rehandle_unit": DeadlineUnit.MONTHS,
        "contact_workdays": p["casework.contact_workdays"],
    }


def ensure_kind(*, code: str, name: str, **overrides: Any) -> CaseKind:
    """Return the kind ``code``, creating it with the statute defaults and ``overrides``.

    An existing kind is returned unchanged: staff may have adjusted it since.
    """
    kind = CaseKind.objects.filter(code=code).first()
    if kind is not None:
        return kind
    fields = {**statute_defaults(), **overrides}
    unknown = set(fields) - {f.name for f in CaseKind._meta.get_fields()}
    if unknown:
        raise TypeError(f"unknown CaseKind fields: {sorted(unknown)}")
    kind, _created = CaseKind.objects.get_or_create(code=code, defaults={"name": name, **fields})
    return kind
