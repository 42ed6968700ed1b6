"""Deadline arithmetic of cases: computed once from the start day and stored; states on read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from renda.core import workdays

from .models import DeadlineUnit

#: Thresholds of the 'due soon' reminders, days before the deadline (rules §1.2: T-30, T-7).
DUE_SOON_DAYS = 30
DUE_VERY_SOON_DAYS = 7


def add_period(start: dt.date, amount: int, unit: str, *, calendar=None) -> dt.date:
    """The day a period of ``amount`` ``unit`` from ``start`` ends (start day not counted)."""
    if unit == DeadlineUnit.MONTHS:
        return workdays.add_months(start, amount)
    if unit == DeadlineUnit.WORKING_DAYS:
        if calendar is not None:
            return calendar.add_working_days(start, amount)
        return workdays.add_working_days(start, amount)
    if unit == DeadlineUnit.DAYS:
        return start + dt.timedelta(days=amount)
    raise ValueError(f"unknown deadline unit {unit}")


@dataclass(frozen=True)
class DeadlineState:
    """How a stored deadline stands on a given day."""

    due_on: dt.date | None
    days_left: int | None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def days_over(self) -> int:
        return -self.days_left if self.overdue and self.days_left is not None else 0

    @property
    def due_within_7(self) -> bool:
        return self.days_left is not None and 0 <= self.days_left <= DUE_VERY_SOON_DAYS

    @property
    def due_within_30(self) -> bool:
        return self.days_left is not None and 0 <= self.days_left <= DUE_SOON_DAYS

    @property
    def css(self) -> str:
        if self.overdue:
            return "overdue"
        if self.due_within_7:
            return "soon"
        if self.due_within_30:
            return "near"
        return ""


def deadline_state(due_on: dt.date | None, today: dt.date) -> DeadlineState:
    return DeadlineState(due_on, None if due_on is None else (due_on - today).days)
