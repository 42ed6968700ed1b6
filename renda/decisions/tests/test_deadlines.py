"""Deadlines with the time machine across real holiday weeks (S12 item 3, rules §6.3, §6.5)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from renda.core.models import RuleSetting
from renda.decisions import services as S
from renda.decisions.models import AnnualList, Matter
from renda.decisions.selectors import late_lists, overdue_matters

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def calendar(db):
    from renda.core.workdays import load_package_calendar

    load_package_calendar()


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=TZ)


def test_year_end_submission_date_is_a_setting_and_skips_holidays(gov):
    """S12 item 3 ("每年底"): the default is 31 December of the year before; a local date may be set.

    A date in the Spring Festival week (2026-02-15..23) moves to the first working day after it,
    while the 调休 working Saturday 2026-02-14 stays; National Day (2026-10-01..07 in the stored
    calendar) likewise, and its 调休 working Saturday 2026-10-10 stays.
    """
    assert S.annual_list_due(2027) == dt.date(2026, 12, 31)
    RuleSetting.objects.create(key="decisions.annual_list_due", value="02-15")
    assert S.annual_list_due(2026 + 1) == dt.date(2026, 2, 24)
    RuleSetting.objects.filter(key="decisions.annual_list_due").update(value="02-14")
    assert S.annual_list_due(2027) == dt.date(2026, 2, 14)
    RuleSetting.objects.filter(key="decisions.annual_list_due").update(value="10-01")
    assert S.annual_list_due(2027) == dt.date(2026, 10, 8)
    RuleSetting.objects.filter(key="decisions.annual_list_due").update(value="10-10")
    assert S.annual_list_due(2027) == dt.date(2026, 10, 10)
    RuleSetting.objects.filter(key="decisions.annual_list_due").update(value="10-11")
    assert S.annual_list_due(2027) == dt.date(2026, 10, 12)
    RuleSetting.objects.filter(key="decisions.annual_list_due").update(value="13-40")
    with pytest.raises(Exception) as exc:
        S.annual_list_due(2027)
    assert getattr(exc.value, "code", "") == "list_due_invalid"


def test_list_not_submitted_by_the_date_is_late(gov, categories):
    RuleSetting.objects.create(key="decisions.annual_list_due", value="10-01")
    with time_machine.travel(at(2026, 9, 20), tick=False):
        lst = S.annual_list_create(actor=gov, year=2027)
        S.list_item_add(
            actor=gov,
            annual_list=lst,
            category=categories["plans-budgets"],
            title="计划事项",
            planned_quarter=1,
        )
    assert lst.due_on == dt.date(2026, 10, 8)
    # Inside the holiday week and on the due day it is not late; the day after it is.
    assert not late_lists(dt.date(2026, 10, 5)).exists()
    assert not late_lists(dt.date(2026, 10, 8)).exists()
    assert late_lists(dt.date(2026, 10, 9)).filter(pk=lst.pk).exists()
    with time_machine.travel(at(2026, 10, 12), tick=False):
        S.annual_list_submit(actor=gov, annual_list=lst)
    from renda.core.models import AuditEvent

    event = AuditEvent.objects.filter(action="decisions.list.submitted").latest("seq")
    assert event.changes["late"] is True
    assert not late_lists(dt.date(2026, 10, 12)).exists()
    lst = AnnualList.objects.get(pk=lst.pk)
    assert lst.late_on(dt.date(2026, 10, 12)) is False


def test_items_not_brought_by_their_planned_quarter_are_overdue(users, published_list, sc_meeting):
    """S12 item 3: listed items flow into agendas; those not brought by their quarter show as overdue."""
    published_list(
        items=[
            ("二季度事项", "plans-budgets", "decision", 2),
            ("三季度事项", "environment-resources", "report", 3),
            ("三季度已安排事项", "major-policies", "decision", 3),
        ]
    )
    scheduled = Matter.objects.get(title="三季度已安排事项")
    S.matter_schedule(actor=users["staff"], matter=scheduled, meeting=sc_meeting)
    with time_machine.travel(at(2026, 6, 30, 23), tick=False):
        assert not overdue_matters().exists()
    with time_machine.travel(at(2026, 7, 1), tick=False):
        assert [m.title for m in overdue_matters()] == ["二季度事项"]
        assert Matter.objects.get(title="二季度事项").is_overdue(dt.date(2026, 7, 1))
    # National Day week: the fourth quarter has begun although nobody works.
    with time_machine.travel(at(2026, 10, 3), tick=False):
        assert [m.title for m in overdue_matters()] == ["二季度事项", "三季度事项"]
    with time_machine.travel(at(2027, 1, 2), tick=False):
        assert "三季度已安排事项" not in {m.title for m in overdue_matters()}


def test_opinions_deadline_three_months_at_most_six_rule_6_5(
    users, gov, published_list, sc_meeting
):
    """Rules §6.5: opinions answered within 3 months; an approved extension gives at most 6."""
    from renda.casework import services as cw

    staff = users["staff"]
    published_list()
    matter = Matter.objects.get(kind="report")
    S.matter_schedule(actor=staff, matter=matter, meeting=sc_meeting)
    with time_machine.travel(at(2026, 11, 20), tick=False):
        case = S.opinions_send(actor=staff, matter=matter, text="请研究处理。")
    # 2026-11-20 + 3 months = 2027-02-20, in the Spring Festival week of 2027; months are calendar months.
    assert case.due_on == dt.date(2027, 2, 20)
    # The government asks for more time through the casework queue; approved, it runs 6 months.
    with time_machine.travel(at(2027, 2, 10), tick=False):
        cw.assignment_receive(actor=gov, case=case)
        request = cw.extension_request(actor=gov, case=case, reason="需征求省级部门意见。")
        cw.extension_decide(actor=staff, request=request, approve=True)
    case.refresh_from_db()
    assert case.due_on == dt.date(2027, 5, 20) and case.extended
