"""Document lead times (§3.2, §7.7, §8.9, S17) and meeting frequency checks (S14)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from renda.core.models import RuleSetting
from renda.meetings import services as S
from renda.meetings.selectors import document_deadlines, frequency_checks, late_items
from renda.meetings.work import meeting_work

from .conftest import DAY

pytestmark = pytest.mark.django_db


def _doc(staff, meeting, kind, received_on, item=None):
    return S.document_add(
        actor=staff, meeting=meeting, item=item, kind=kind, title=kind, received_on=received_on
    )


def test_work_report_lead_times_flag_late_and_missing_documents(meeting, staff, court_president):
    """§3.2 (监督法 Art. 15): to the committee ≥ 20 days, to the SC ≥ 10, to members ≥ 7."""
    report = S.agenda_item_add(
        actor=staff,
        meeting=meeting,
        kind="work_report",
        title="法院工作报告",
        reporter=court_president,
    )
    appointment = S.agenda_item_add(
        actor=staff, meeting=meeting, kind="appointment", title="任免案"
    )
    motion = S.agenda_item_add(actor=staff, meeting=meeting, kind="motion", title="条例草案")
    _doc(staff, meeting, "notice", DAY - dt.timedelta(days=7))
    _doc(
        staff, meeting, "report_to_committee", DAY - dt.timedelta(days=20), report
    )  # on the day: ok
    _doc(staff, meeting, "report_to_sc", DAY - dt.timedelta(days=9), report)  # one day late
    _doc(staff, meeting, "motion", DAY - dt.timedelta(days=7), appointment)  # §7.7: 7 days, ok
    today = DAY - dt.timedelta(days=5)
    rows = document_deadlines(meeting, today)
    notice = rows[0]
    assert notice.item is None and notice.rows[0].state == "ok" and notice.rows[0].rule == "§8.9"
    by_item = {r.item.pk: r for r in rows[1:]}
    states = {d.kind: (d.due, d.state, d.rule) for d in by_item[report.pk].rows}
    assert states == {
        "report_to_committee": (dt.date(2026, 6, 4), "ok", "§3.2"),
        "report_to_sc": (dt.date(2026, 6, 14), "late", "§3.2"),
        "report_to_members": (dt.date(2026, 6, 17), "missing", "§3.2"),
    }
    assert by_item[report.pk].late
    assert not by_item[appointment.pk].late and by_item[appointment.pk].rows[0].rule == "§7.7"
    assert (
        by_item[motion.pk].rows[0].due == dt.date(2026, 6, 4)
        and by_item[motion.pk].rows[0].state == "missing"
    )
    # Well before the due dates nothing is missing yet.
    early = document_deadlines(meeting, DAY - dt.timedelta(days=30))
    assert "missing" not in {d.state for r in early[1:] for d in r.rows}


def test_lead_times_are_settings(meeting, staff):
    motion = S.agenda_item_add(actor=staff, meeting=meeting, kind="motion", title="议案")
    RuleSetting.objects.create(key="lead.motion_days", value="10")
    row = document_deadlines(meeting, DAY)[1]
    assert row.item == motion and row.rows[0].due == DAY - dt.timedelta(days=10)


def test_materials_to_members_are_due_by_the_local_setting(meeting, staff, users):
    """§8.9 (Zhejiang Art. 7): the materials reach the members lead.documents_to_members_days
    before an SC meeting with an agenda; the rules page's local value moves the deadline."""
    assert document_deadlines(meeting, DAY)[0].rows[1:] == []  # no agenda, no materials
    S.agenda_item_add(actor=staff, meeting=meeting, kind="other", title="听取情况通报")
    materials = document_deadlines(meeting, DAY)[0].rows[1]
    assert (materials.kind, materials.due, materials.state, materials.rule) == (
        "materials",
        DAY - dt.timedelta(days=5),
        "missing",
        "§8.9",
    )
    _doc(staff, meeting, "notice", DAY - dt.timedelta(days=7))
    _doc(staff, meeting, "materials", DAY - dt.timedelta(days=6))
    today = DAY - dt.timedelta(days=3)
    assert document_deadlines(meeting, today)[0].rows[1].state == "ok" and not late_items(today)
    RuleSetting.objects.create(key="lead.documents_to_members_days", value="7")
    materials = document_deadlines(meeting, today)[0].rows[1]
    assert materials.due == DAY - dt.timedelta(days=7) and materials.state == "late"
    assert [r.item for _m, r in late_items(today)] == [None]
    work = meeting_work(users["leader"], today)
    assert any("会议材料" in str(w.detail) and w.rule == "§8.9" for w in work)


def test_late_items_reach_the_council_as_my_work(meeting, staff, users):
    S.agenda_item_add(actor=staff, meeting=meeting, kind="motion", title="迟交的议案")
    today = DAY - dt.timedelta(days=15)
    found = late_items(today)
    assert [(m.pk, r.item.title) for m, r in found] == [(meeting.pk, "迟交的议案")]
    work = meeting_work(users["leader"], today)
    assert any("迟交的议案" in str(w.title) and w.rule == "§8.9" for w in work)
    assert meeting_work(users["member"], today) == []


def _sc(staff, term, day, **kw):
    return S.meeting_schedule(actor=staff, kind="sc_meeting", term=term, starts_on=day, **kw)


def _status(rows, rule):
    return [r.status for r in rows if r.rule == rule]


def test_sc_gap_over_two_months_is_flagged_s14(staff, term, sc_members):
    """S14 / §8.7: SC meetings at least every two months."""
    with time_machine.travel(dt.datetime(2026, 9, 1, 10, tzinfo=dt.UTC), tick=False):
        for day in (dt.date(2026, 1, 15), dt.date(2026, 3, 10), dt.date(2026, 5, 10)):
            _sc(staff, term, day)
        rows = frequency_checks()
        assert "fail" not in _status(rows, "§8.7")[:-1]
        assert _status(rows, "§8.7")[-1] == "fail"  # nothing since 10 May: due 10 July
        _sc(staff, term, dt.date(2026, 8, 20))  # 10 May → 20 Aug: more than two months
        rows = frequency_checks()
        gaps = [r for r in rows if r.rule == "§8.7" and r.status == "fail"]
        assert len(gaps) == 1 and "102" in str(gaps[0].detail)
        _sc(staff, term, dt.date(2026, 10, 1))
        assert _status(frequency_checks(), "§8.7")[-1] == "pass"


def test_year_without_congress_session_is_flagged_s14(staff, term, deputies, sc_members):
    """S14 / §8.1: the congress meets at least once each calendar year."""
    S.meeting_schedule(
        actor=staff,
        kind="congress_session",
        term=term,
        starts_on=dt.date(2024, 1, 8),
        ends_on=dt.date(2024, 1, 12),
    )
    _sc(staff, term, dt.date(2025, 3, 1))
    with time_machine.travel(dt.datetime(2026, 2, 1, 10, tzinfo=dt.UTC), tick=False):
        rows = frequency_checks()
    by_year = {str(r.text)[:4]: r.status for r in rows if r.rule == "§8.1"}
    assert by_year == {"2024": "pass", "2025": "fail", "2026": "warn"}
    assert next(r for r in rows if r.status == "fail" and r.rule == "§8.1").passed is False


def test_one_day_congress_session_without_election_is_flagged_s14(staff, term, deputies):
    """S14 / §8.6: a congress session without elections lasts at least two days (a setting)."""
    S.meeting_schedule(
        actor=staff, kind="congress_session", term=term, starts_on=dt.date(2026, 1, 8)
    )
    S.meeting_schedule(
        actor=staff,
        kind="congress_session",
        term=term,
        starts_on=dt.date(2026, 3, 8),
        has_election=True,
    )
    with time_machine.travel(dt.datetime(2026, 4, 1, 10, tzinfo=dt.UTC), tick=False):
        rows = frequency_checks()
        short = [r for r in rows if r.rule == "S14"]
        assert [r.status for r in short] == ["fail"]
        assert "1天" in str(short[0].detail)
        RuleSetting.objects.create(key="meeting.congress_min_days_without_election", value="1")
        assert [r.status for r in frequency_checks() if r.rule == "S14"] == ["pass"]
