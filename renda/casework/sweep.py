"""The daily sweep: deadline, first-contact and rating reminders (rules §1.2 T-30/T-7/overdue, §1.10, §1.7).

Idempotent: a reminder's key date is the deadline it is about, so running the sweep
again on the same day (or on a later day within the same window) adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

from django.db.models import Exists, OuterRef

from renda.core import effects

from . import workflow
from .deadlines import DUE_SOON_DAYS, DUE_VERY_SOON_DAYS
from .models import Assignment, Case, Rating
from .models import NotificationKind as NK
from .notifications import notify, requester_users, supervisor_users, unit_users

A = Assignment.Status
#: Days before the end of the rating window when the requester is reminded (§1.7).
RATING_REMIND_DAYS = 5


def _deadline_kind(role: str, days_left: int) -> str | None:
    if role == Assignment.Role.LEAD:
        if days_left < 0:
            return NK.OVERDUE
        if days_left <= DUE_VERY_SOON_DAYS:
            return NK.DUE_7
        if days_left <= DUE_SOON_DAYS:
            return NK.DUE_30
        return None
    if days_left < 0:
        return NK.CO_OVERDUE
    if days_left <= DUE_VERY_SOON_DAYS:
        return NK.CO_DUE_7
    return None


def _deadline_text(case: Case, kind: str, due: dt.date, days_left: int) -> str:
    if days_left < 0:
        return f"《{case.title}》已逾期 {-days_left} 天（期限 {due.isoformat()}）。"
    prefix = "协办意见" if kind == NK.CO_DUE_7 else "答复"
    return f"《{case.title}》{prefix}期限 {due.isoformat()}，还剩 {days_left} 天。"


def contact_late_assignments(today: dt.date):
    """Lead assignments still being handled with no contact logged by their first-contact deadline (§1.10)."""
    return (
        Assignment.objects.filter(
            role=Assignment.Role.LEAD,
            status__in=[A.AWAITING, A.RECEIVED],
            case__status__in=workflow.HANDLING,
            first_contact_on__isnull=True,
            contact_due_on__lt=today,
        )
        .select_related("case", "case__kind")
        .order_by("contact_due_on", "id")
    )


def sweep(today: dt.date) -> dict[str, int]:
    """Create the reminders due on ``today``; returns how many new notifications of each kind."""
    created: Counter[str] = Counter()
    rows = (
        Assignment.objects.filter(
            status__in=[A.AWAITING, A.RECEIVED],
            case__status__in=workflow.HANDLING,
            due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("case", "case__kind")
        .order_by("due_on", "id")
    )
    for a in rows:
        days_left = (a.due_on - today).days
        kind = _deadline_kind(a.role, days_left)
        if kind is None:
            continue
        text = _deadline_text(a.case, kind, a.due_on, days_left)
        created[kind] += notify(
            case=a.case, kind=kind, users=unit_users([a.unit_id]), text=text, key_date=a.due_on
        )
        if a.role == Assignment.Role.LEAD:
            created[kind] += notify(
                case=a.case, kind=kind, users=supervisor_users(a.case), text=text, key_date=a.due_on
            )
    for a in contact_late_assignments(today):
        text = (
            f"《{a.case.title}》交办后 {a.case.kind.contact_workdays} 个工作日内未与提出人联系"
            f"（期限 {a.contact_due_on.isoformat()}，规则1.10）。"
        )
        created[NK.CONTACT_LATE] += notify(
            case=a.case,
            kind=NK.CONTACT_LATE,
            users=unit_users([a.unit_id]),
            text=text,
            key_date=a.contact_due_on,
        )
        created[NK.CONTACT_LATE] += notify(
            case=a.case,
            kind=NK.CONTACT_LATE,
            users=supervisor_users(a.case),
            text=text,
            key_date=a.contact_due_on,
        )
    rated = Rating.objects.filter(case=OuterRef("pk"), round=OuterRef("round"))
    waiting = (
        Case.objects.filter(
            status=Case.Status.REPLIED,
            kind__requester_rates=True,
            rating_due_on__gte=today,
            rating_due_on__lte=today + dt.timedelta(days=RATING_REMIND_DAYS),
        )
        .exclude(Exists(rated))
        .select_related("kind")
    )
    for case in waiting:
        text = f"《{case.title}》已答复，请于 {case.rating_due_on.isoformat()} 前评价。"
        created[NK.RATING_DUE] += notify(
            case=case,
            kind=NK.RATING_DUE,
            users=requester_users(case),
            text=text,
            key_date=case.rating_due_on,
        )
    return {kind: n for kind, n in created.items() if n}


#: Other domains' daily reminders (each ``fn(today) -> {kind: count}``, idempotent), run after the
#: casework sweep by the daily task and ``manage.py casework_sweep``.
_DAILY: dict[str, Callable[[dt.date], dict[str, int]]] = {}


def register_daily(name: str, fn: Callable[[dt.date], dict[str, int]]) -> None:
    _DAILY[name] = fn


def daily(today: dt.date) -> dict[str, int]:
    """The casework sweep and every registered daily sweep; the counts merged, prefixed by name."""
    counts = dict(sweep(today))
    ok, failed = effects.retry_pending()
    if ok:
        counts["effects.retried"] = ok
    if failed:
        counts["effects.failing"] = failed
    for name, fn in _DAILY.items():
        for kind, n in fn(today).items():
            if n:
                counts[f"{name}.{kind}"] = n
    return counts
