"""The working-day calendar and the deadline arithmetic every domain uses.

A day is a working day when it is Monday–Friday, unless the :class:`CalendarDay`
table says otherwise: public holidays on weekdays are days off and make-up
working days (调休) on weekends are working days. The table is data that staff
can correct, loaded from the ``chinese-calendar`` package.

Counting follows the convention of rules.md ("counting conventions"): the day
of the event itself is not counted (民法典 第201条), and a period in months ends
on the same day of the final month, or on that month's last day if it has no
such day (民法典 第202条). Local practice may count the day of the event as the
first day of a working-day period (``calendar.count_start_day``); the calendars
loaded from the table carry that setting.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


COUNT_START_DAY = "calendar.count_start_day"


class WorkingCalendar:
    """Answers working-day questions from a set of exceptions to Monday–Friday.

    With ``count_start_day`` the day a period starts from counts as its first day when it is a
    working day; otherwise (the default, 民法典 第201条) counting begins on the next day.
    """

    def __init__(
        self,
        holidays: Iterable[dt.date] = (),
        makeup_workdays: Iterable[dt.date] = (),
        *,
        count_start_day: bool = False,
    ):
        self.holidays = frozenset(holidays)
        self.makeup_workdays = frozenset(makeup_workdays)
        self.count_start_day = count_start_day

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """Return the n-th working day after ``start`` (``start`` itself not counted).

        With a negative ``n`` count backwards. ``n == 0`` returns ``start`` if it is
        a working day, else the next working day. When the calendar counts the start
        day and ``start`` is a working day, it is the first of the ``n`` days.
        """
        day = start
        if n and self.count_start_day and self.is_working_day(start):
            n -= 1 if n > 0 else -1
            if n == 0:
                return start
        if n == 0:
            while not self.is_working_day(day):
                day += dt.timedelta(days=1)
            return day
        step = dt.timedelta(days=1 if n > 0 else -1)
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Count working days in (start, end]; negative when ``end`` is before ``start``.

        When the calendar counts the start day the earlier day is counted too: [start, end].
        """
        if end == start:
            return 0
        sign = 1
        if end < start:
            start, end = end, start
            sign = -1
        count = 1 if self.count_start_day and self.is_working_day(start) else 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return sign * count

    def next_working_day(self, day: dt.date) -> dt.date:
        """Return ``day`` if it is a working day, else the first working day after it."""
        return self.add_working_days(day, 0)


def add_months(start: dt.date, n: int) -> dt.date:
    """Return the date ``n`` calendar months after ``start``, clamped to the month's end."""
    month_index = start.month - 1 + n
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last))


def _load_calendar(start: dt.date, end: dt.date) -> WorkingCalendar:
    from django.db.models import DateField, Value

    from .models import CalendarDay, RuleSetting
    from .statute import REGISTRY

    # One query for the exceptions and the counting setting: deadlines are computed in loops on
    # list pages, and every one of them needs both.
    exceptions = (
        CalendarDay.objects.filter(date__range=(start, end)).order_by().values_list("date", "kind")
    )
    setting = (
        RuleSetting.objects.filter(key=COUNT_START_DAY)
        .order_by()
        .annotate(day=Value(None, output_field=DateField()))
        .values_list("day", "value")
    )
    holidays: list[dt.date] = []
    makeup: list[dt.date] = []
    count_start_day = REGISTRY[COUNT_START_DAY].default
    for day, kind in exceptions.union(setting, all=True):
        if day is None:
            count_start_day = REGISTRY[COUNT_START_DAY].parse(kind)
        else:
            (makeup if kind == CalendarDay.Kind.MAKEUP_WORKDAY else holidays).append(day)
    return WorkingCalendar(holidays, makeup, count_start_day=count_start_day)


def calendar_around(day: dt.date, *, days: int = 800) -> WorkingCalendar:
    """Load the calendar exceptions in a window around ``day`` with one query."""
    return _load_calendar(day - dt.timedelta(days=days), day + dt.timedelta(days=days))


def add_working_days(start: dt.date, n: int) -> dt.date:
    """Return the n-th working day after ``start`` using the stored calendar and setting."""
    span = abs(n) * 3 + 60
    return calendar_around(start, days=span).add_working_days(start, n)


def is_working_day(day: dt.date) -> bool:
    return calendar_around(day, days=0).is_working_day(day)


def working_days_between(start: dt.date, end: dt.date) -> int:
    lo, hi = min(start, end), max(start, end)
    return _load_calendar(lo, hi).working_days_between(start, end)


def package_calendar_rows() -> list[tuple[dt.date, str, str]]:
    """Return (date, kind, Chinese name) rows from the ``chinese-calendar`` package."""
    import chinese_calendar

    rows: list[tuple[dt.date, str, str]] = []
    for day, name in chinese_calendar.holidays.items():
        rows.append((day, "holiday", HOLIDAY_NAMES_ZH.get(str(name), str(name))))
    for day, name in chinese_calendar.workdays.items():
        if day.weekday() >= 5:
            rows.append((day, "makeup", HOLIDAY_NAMES_ZH.get(str(name), str(name)) + "调休"))
    return sorted(rows)


def load_package_calendar(*, overwrite_manual: bool = False, actor=None) -> int:
    """Copy the package's holidays and make-up days into the table; keep staff corrections.

    One transaction, one audit event (``core.calendar.package_loaded``) with the counts: the
    working-day calendar decides every statutory deadline, so how it changed is on record.
    """
    from django.db import transaction

    from .audit import audit_record
    from .models import CalendarDay

    with transaction.atomic():
        existing = dict(CalendarDay.objects.values_list("date", "source"))
        created = updated = 0
        to_create = []
        for day, kind, name in package_calendar_rows():
            source = existing.get(day)
            if source == CalendarDay.Source.MANUAL and not overwrite_manual:
                continue
            if source is None:
                to_create.append(CalendarDay(date=day, kind=kind, name=name, source="package"))
                created += 1
            else:
                updated += CalendarDay.objects.filter(date=day).update(
                    kind=kind, name=name, source="package"
                )
        CalendarDay.objects.bulk_create(to_create, batch_size=500)
        audit_record(
            actor=actor,
            action="core.calendar.package_loaded",
            object_repr="working-day calendar",
            changes={
                "created": created,
                "updated": updated,
                "overwrite_manual": overwrite_manual,
            },
        )
    return created
