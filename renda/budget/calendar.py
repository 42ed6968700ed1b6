"""When each step of the budget year is due (§4.1–§4.7), computed from the rules.

Documents for a preliminary review are due the set number of days before the meeting
(``budget.draft_days`` before the congress session, ``budget.adjustment_days`` and
``budget.final_accounts_days`` before the standing committee's meeting), moved back to the
last working day when that day is not one. The final accounts, the mid-year report, the
audit report, and the state-assets and government-debt reports are heard within the windows
of the supervision plan's yearly obligations (``supervision.obligations``, one copy of the
rule); the rectification report within ``budget.rectification_months`` of the audit report;
a publication within ``budget.publication_days`` of the approval.
"""

from __future__ import annotations

import datetime as dt

from renda.core.statute import param
from renda.core.workdays import add_months, calendar_around

from .models import Milestone

K = Milestone.Kind
#: Kinds whose documents are due a number of days before their meeting.
LEAD_DAYS = {
    K.BUDGET_DRAFT: "budget.draft_days",
    K.ADJUSTMENT: "budget.adjustment_days",
    K.FINAL_ACCOUNTS: "budget.final_accounts_days",
}
#: Kinds heard within a yearly window of the supervision plan's obligations.
WINDOWS = {
    K.FINAL_ACCOUNTS: "final_accounts",
    K.MID_YEAR: "mid_year_execution",
    K.AUDIT_REPORT: "final_accounts",
    K.STATE_ASSETS: "state_assets_report",
    K.GOVERNMENT_DEBT: "gov_debt_report",
}
#: Kinds that are also a recurring obligation of the supervision plan (the same hearing).
OBLIGATIONS = {k: code for k, code in WINDOWS.items() if k != K.AUDIT_REPORT}
RULES = {
    K.BUDGET_DRAFT: "§4.1", K.ADJUSTMENT: "§4.2", K.FINAL_ACCOUNTS: "§4.3", K.MID_YEAR: "§4.4",
    K.AUDIT_REPORT: "§4.5", K.RECTIFICATION: "§4.5", K.STATE_ASSETS: "§4.6", K.GOVERNMENT_DEBT: "§4.6",
}  # fmt: skip
#: Steps the party committee agrees to before the meeting hears them (S2: important meetings
#: and their matters go to the party committee first): the budget, its adjustment and the
#: final accounts.
CONSENT = frozenset({K.BUDGET_DRAFT, K.ADJUSTMENT, K.FINAL_ACCOUNTS})
#: A step is "due soon" this many days ahead.
SOON_DAYS = 14
#: A step needing consent and still without it is flagged this many days before its meeting.
CONSENT_NOTICE_DAYS = 30


def on_or_before_working_day(day: dt.date) -> dt.date:
    """``day`` if it is a working day, else the last working day before it."""
    cal = calendar_around(day, days=40)
    for _ in range(40):
        if cal.is_working_day(day):
            return day
        day -= dt.timedelta(days=1)
    return day


def window(kind: str, year: int) -> tuple[dt.date, dt.date] | None:
    """The first and last day the meeting may hear it, where the law sets a window."""
    from renda.supervision.obligations import BY_CODE
    from renda.supervision.obligations import window as obligation_window

    code = WINDOWS.get(kind)
    return obligation_window(BY_CODE[code], year) if code else None


def document_due(kind: str, meeting_day: dt.date | None) -> dt.date | None:
    """The last day the document may arrive for its preliminary review."""
    if kind not in LEAD_DAYS or meeting_day is None:
        return None
    return on_or_before_working_day(meeting_day - dt.timedelta(days=int(param(LEAD_DAYS[kind]))))


def rectification_due(audit_heard_on: dt.date | None) -> dt.date | None:
    if audit_heard_on is None:
        return None
    return add_months(audit_heard_on, int(param("budget.rectification_months")))


def publication_due(approved_on: dt.date) -> dt.date:
    return approved_on + dt.timedelta(days=int(param("budget.publication_days")))


def due_on(m: Milestone, *, audit_heard_on: dt.date | None = None) -> dt.date | None:
    """What the milestone's deadline is: the document's, else the last day to hear it."""
    if m.kind in LEAD_DAYS:
        # Without its meeting yet, a step heard within a window is due for the window's last day.
        span = window(m.kind, m.year)
        meeting_day = m.meeting.starts_on if m.meeting_id else (span[1] if span else None)
        return document_due(m.kind, meeting_day)
    if m.kind == K.RECTIFICATION:
        return rectification_due(audit_heard_on)
    span = window(m.kind, m.year)
    return span[1] if span else None


def state(m: Milestone, today: dt.date) -> str:
    """done · late · out_of_window · overdue · due_soon · pending (no deadline yet: pending)."""
    span = window(m.kind, m.year)
    if m.heard_on and span and not span[0] <= m.heard_on <= span[1]:
        return "out_of_window"
    done_on = m.submitted_on if m.kind in LEAD_DAYS else m.heard_on
    if done_on is not None:
        return "late" if m.due_on and done_on > m.due_on else "done"
    if m.due_on is None:
        return "pending"
    if today > m.due_on:
        return "overdue"
    return "due_soon" if (m.due_on - today).days <= SOON_DAYS else "pending"
