"""Working-day arithmetic on real PRC holiday weeks (2025–2026), from the stored calendar."""

import datetime as dt

import pytest

from renda.core import workdays
from renda.core.models import CalendarDay
from renda.core.workdays import WorkingCalendar, add_months

D = dt.date


@pytest.mark.django_db
class TestStoredCalendar:
    def test_national_day_2026_week_is_skipped(self):
        # 2026-09-30 is a Wednesday; 1–7 October are holidays; Saturday 10 October is a make-up day.
        assert workdays.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
        assert workdays.add_working_days(D(2026, 9, 30), 2) == D(2026, 10, 9)
        assert workdays.add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)  # 调休 Saturday
        assert workdays.add_working_days(D(2026, 9, 30), 4) == D(2026, 10, 12)

    def test_make_up_sunday_before_national_day_2026_counts(self):
        # Sunday 20 September 2026 is a make-up working day.
        assert workdays.is_working_day(D(2026, 9, 20))
        assert workdays.add_working_days(D(2026, 9, 19), 1) == D(2026, 9, 20)

    def test_spring_festival_2026(self):
        # Saturday 14 Feb is worked; 15–23 Feb off; Saturday 28 Feb worked.
        assert workdays.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
        assert workdays.add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 24)
        assert workdays.working_days_between(D(2026, 2, 13), D(2026, 2, 28)) == 6

    def test_spring_festival_2025_with_make_up_days(self):
        # 28 Jan–4 Feb 2025 off; Sunday 26 Jan and Saturday 8 Feb worked.
        assert workdays.is_working_day(D(2025, 1, 26))
        assert not workdays.is_working_day(D(2025, 1, 28))
        assert workdays.add_working_days(D(2025, 1, 27), 1) == D(2025, 2, 5)
        assert workdays.add_working_days(D(2025, 2, 7), 1) == D(2025, 2, 8)

    def test_national_day_2025_with_mid_autumn(self):
        assert workdays.add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)
        assert workdays.is_working_day(D(2025, 10, 11))

    def test_backwards_counting(self):
        assert workdays.add_working_days(D(2026, 10, 8), -1) == D(2026, 9, 30)

    def test_staff_correction_is_honoured(self):
        # An extra local day off (e.g. a regional holiday) entered by staff.
        CalendarDay.objects.create(date=D(2026, 11, 30), kind="holiday", name="本地假日")
        assert workdays.add_working_days(D(2026, 11, 27), 1) == D(2026, 12, 1)

    def test_package_rows_are_loaded_with_chinese_names(self):
        day = CalendarDay.objects.get(date=D(2026, 10, 1))
        assert day.kind == "holiday" and day.name == "国庆节" and day.source == "package"
        assert CalendarDay.objects.get(date=D(2026, 10, 10)).kind == "makeup"


class TestPureCalendar:
    def test_zero_rolls_forward_to_a_working_day(self):
        cal = WorkingCalendar(holidays=[D(2026, 10, 1)])
        assert cal.add_working_days(D(2026, 10, 1), 0) == D(2026, 10, 2)
        assert cal.add_working_days(D(2026, 10, 3), 0) == D(2026, 10, 5)

    def test_weekend_only(self):
        cal = WorkingCalendar()
        assert cal.add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)  # Fri → Mon
        assert cal.working_days_between(D(2026, 11, 30), D(2026, 11, 23)) == -5


class TestAddMonths:
    @pytest.mark.parametrize(
        ("start", "n", "expected"),
        [
            (D(2026, 1, 31), 1, D(2026, 2, 28)),
            (D(2028, 1, 31), 1, D(2028, 2, 29)),
            (D(2026, 3, 15), 3, D(2026, 6, 15)),
            (D(2026, 11, 30), 3, D(2027, 2, 28)),
            (D(2026, 8, 31), 6, D(2027, 2, 28)),
            (D(2026, 5, 10), -2, D(2026, 3, 10)),
            (D(2026, 12, 1), 1, D(2027, 1, 1)),
        ],
    )
    def test_month_arithmetic(self, start, n, expected):
        assert add_months(start, n) == expected
