"""Kinds of case: clients register theirs with :func:`ensure_kind`."""

from __future__ import annotations

from typing import Any

from renda.core.statute import params

from . import statute  # noqa: F401  (registers the parameters read below)
from .models import CaseKind, DeadlineUnit

#: The deadline fields a kind takes from the casework settings (rules §1.2, §1.6–§1.10).
STATUTE_FIELDS = {
    "reply_amount": "casework.reply_months",
    "extended_amount": "casework.extended_reply_months",
    "return_window_workdays": "casework.return_window_workdays",
    "co_amount": "casework.co_opinion_months",
    "rating_window_workdays": "casework.rating_window_workdays",
    "rehandle_amount": "casework.rehandle_months",
    "contact_workdays": "casework.contact_workdays",
}
UNITS = {"reply_unit": DeadlineUnit.MONTHS, "co_unit": DeadlineUnit.MONTHS, "rehandle_unit": DeadlineUnit.MONTHS}  # fmt: skip


def statute_defaults() -> dict[str, Any]:
    """Field values of a kind from the statute parameters (rules §1.2, §1.6–§1.10)."""
    p = params(*STATUTE_FIELDS.values())
    return {**{field: p[key] for field, key in STATUTE_FIELDS.items()}, **UNITS}


def ensure_kind(
    *, code: str, name: str, follows: dict[str, str] | None = None, **overrides: Any
) -> CaseKind:
    """Return the kind ``code``, creating it with the statute defaults and ``overrides``.

    The deadline fields that come from a setting — the casework defaults not overridden, and
    ``follows`` ({field: parameter key}) — take the setting's current value on every call,
    so a setting changed on the rules page applies to the next case of the kind. The other
    fields of an existing kind are left as they are: staff may have adjusted them.
    """
    follows = {**{f: k for f, k in STATUTE_FIELDS.items() if f not in overrides}, **(follows or {})}
    values = params(*set(follows.values()))
    current = {field: values[key] for field, key in follows.items()}
    kind = CaseKind.objects.filter(code=code).first()
    if kind is not None:
        stale = [f for f, v in current.items() if getattr(kind, f) != v]
        if stale or kind.follows != follows:
            for field in stale:
                setattr(kind, field, current[field])
            kind.follows = follows
            kind.save(update_fields=[*stale, "follows", "updated_at"])
        return kind
    fields = {**statute_defaults(), **overrides, **current}
    unknown = set(fields) - {f.name for f in CaseKind._meta.get_fields()}
    if unknown:
        raise TypeError(f"unknown CaseKind fields: {sorted(unknown)}")
    kind, _created = CaseKind.objects.get_or_create(code=code, defaults={"name": name, "follows": follows, **fields})  # fmt: skip
    return kind
