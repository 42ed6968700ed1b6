"""Deputies' qualification and duty work made met and broken: credentials reviews (S19),
absences and ended mandates (S22, §2.2), suspensions (§2.3), duty records (§2.4), stations
and letters (S25), the work plan (§2.8), reception days (§2.9) and recalls (§2.11)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.compliance import registry
from renda.compliance.registry import evaluate
from renda.deputies import selectors as ds
from renda.deputies import services
from renda.deputies.models import (
    ByElection,
    DutyActivity,
    LiaisonStation,
    QualificationMatter,
    Recall,
    Reception,
    Resignation,
    Suspension,
)
from renda.meetings.models import Attendance, LeaveRequest, Meeting
from renda.people.models import Deputy, Organization, Person

pytestmark = pytest.mark.django_db
D = dt.date


def verdict(code, year, today):
    return evaluate(code, year, today).verdict


def status(code, year, today):
    return verdict(code, year, today).status


@pytest.fixture
def deputies(term):
    return [Deputy.objects.create(person=Person.objects.create(name=f"代表{i}", gender="male"), term=term) for i in range(3)]  # fmt: skip


def session(term, number, day, absent=(), leave=()):
    """A congress session with its roll, written as an import would (no effects run)."""
    congress = Organization.objects.get(code="congress")
    m = Meeting.objects.create(kind="congress_session", body=congress, term=term, number=number, title=f"第{number}次会议", starts_on=day, ends_on=day + dt.timedelta(days=3))  # fmt: skip
    for d in (*absent, *leave):
        Attendance.objects.create(meeting=m, person=d.person, status="absent" if d in absent else "on_leave")  # fmt: skip
    for d in leave:
        LeaveRequest.objects.create(meeting=m, person=d.person, reason="公务", status=LeaveRequest.Status.APPROVED)  # fmt: skip
    return m


def test_by_elected_deputies_hold_a_confirmed_review(term, deputies):
    assert status("S19", 2026, D(2026, 6, 1)) == "not_applicable"  # only the general election
    person = Person.objects.create(name="补选代表", gender="female")
    late = Deputy.objects.create(person=person, term=term, elected_on=D(2025, 5, 10))
    v = verdict("S19", 2026, D(2026, 6, 1))
    assert v.status == "broken" and "无确认记录的代表 1 名" in v.summary
    assert any(e.status == "unreviewed" and e.label == "补选代表" for e in v.evidence)
    by = ByElection.objects.create(term=term, person=person, constituency="一选区", held_on=D(2025, 5, 10), status="confirmed", finding="valid", report="经审查，当选有效。", tally={"result": "failed"}, deputy=late)  # fmt: skip
    assert status("S19", 2026, D(2026, 6, 1)) == "broken"  # confirmed without an adopted vote
    by.tally = {"result": "passed", "yes": 30}
    by.save()
    v = verdict("S19", 2026, D(2026, 6, 1))
    assert v.status == "met" and "经资格审查确认" in v.summary


def test_two_unapproved_absences_need_a_matter(term, deputies):
    a, b, c = deputies
    assert status("§2.2", 2026, D(2026, 6, 1)) == "not_applicable"
    assert status("S22", 2026, D(2026, 6, 1)) == "not_applicable"
    session(term, 1, D(2024, 1, 8), absent=[a], leave=[b])
    session(term, 2, D(2025, 1, 6), absent=[a, b])  # b: one unapproved, one approved leave
    assert status("§2.2", 2026, D(2026, 6, 1)) == "broken"  # a at two, nothing raised
    counts = dict(ds.unapproved_absence_counts(term).values_list("pk", "absences"))
    assert counts == {d.pk: ds.absence_evidence(d)["count"] for d in deputies} == {a.pk: 2, b.pk: 1, c.pk: 0}  # fmt: skip
    v = verdict("S22", 2026, D(2026, 6, 1))
    assert v.status == "broken" and "1 名在任而未提交资格审查" in v.summary
    assert any(e.status == "missing" and e.label == a.person.name for e in v.evidence)
    matter = services.review_absences(a)
    assert matter is not None and matter.status == "raised"
    assert status("§2.2", 2026, D(2026, 6, 1)) == "met"
    assert status("S22", 2026, D(2026, 6, 1)) == "met"
    matter.status = QualificationMatter.Status.WITHDRAWN  # withdrawn while still at the limit
    matter.save()
    assert status("§2.2", 2026, D(2026, 6, 1)) == "broken"


def test_a_mandate_ended_outside_its_procedure(term, deputies):
    d = deputies[0]
    d.status, d.status_date, d.status_reason = "resigned", D(2026, 3, 1), "辞职"
    d.save()
    v = verdict("S22", 2026, D(2026, 6, 1))
    assert v.status == "broken" and "无辞职、公告或罢免记录的 1 名" in v.summary
    Resignation.objects.create(deputy=d, submitted_on=D(2026, 2, 1), letter="因工作调动辞职。", decider="electing_body", status="accepted", decided_on=D(2026, 3, 1), decision_document="某县人大常委会决定")  # fmt: skip
    v = verdict("S22", 2026, D(2026, 6, 1))
    assert v.status == "met" and "接受辞职 1 件" in v.summary
    assert status("S22", 2025, D(2026, 6, 1)) == "not_applicable"


def test_suspensions_follow_the_mandate(term, deputies, staff):
    d = deputies[1]
    assert status("§2.3", 2026, D(2026, 6, 1)) == "not_applicable"
    s = services.suspension_start(actor=staff, deputy=d, ground="detained", facts="被依法羁押。", starts_on=D(2026, 2, 1))  # fmt: skip
    assert status("§2.3", 2026, D(2026, 6, 1)) == "met"
    Suspension.objects.filter(pk=s.pk).update(ends_on=D(2026, 5, 1))  # its end, never restored
    v = verdict("§2.3", 2026, D(2026, 6, 1))
    assert v.status == "broken" and "情形消失后未恢复 1 件" in v.summary
    Suspension.objects.filter(pk=s.pk).update(ends_on=None)
    Deputy.objects.filter(pk=d.pk).update(status="active")  # status moved around the record
    assert status("§2.3", 2026, D(2026, 6, 1)) == "broken"
    Suspension.objects.filter(pk=s.pk).update(status="ended", restored_on=D(2026, 3, 1))
    assert status("§2.3", 2026, D(2026, 6, 1)) == "met"
    Deputy.objects.filter(pk=deputies[2].pk).update(status="suspended")  # no record at all
    assert status("§2.3", 2026, D(2026, 6, 1)) == "broken"


def test_duty_activities_reviewed_by_the_years_end(term, deputies):
    v = verdict("§2.4", 2026, D(2026, 6, 1))
    assert v.status == "met" and "本届 3 名在任代表" in v.summary
    DutyActivity.objects.create(deputy=deputies[0], kind="visit", held_on=D(2026, 3, 1), title="走访选民")  # fmt: skip
    assert status("§2.4", 2026, D(2026, 6, 1)) == "met"  # pending, the year far from over
    assert status("§2.4", 2026, D(2026, 12, 10)) == "at_risk"
    assert status("§2.4", 2026, D(2027, 1, 5)) == "broken"
    DutyActivity.objects.update(status="accepted")
    assert status("§2.4", 2026, D(2027, 1, 5)) == "met"


def test_stations_and_forwarded_letters(term, deputies, unit, users):
    assert status("S25", 2026, D(2026, 6, 1)) == "broken"  # no station open
    LiaisonStation.objects.create(name="清河街道代表联络站", area="清河街道", address="清河路1号")
    assert status("S25", 2026, D(2026, 6, 1)) == "met"
    deputy = Deputy.objects.create(person=users["deputy"].person, term=term)
    m = services.message_submit(deputy=deputy, subject="路灯坏了", body="清河路12号小区门口路灯坏了两个月。")  # fmt: skip
    services.message_forward(actor=users["deputy"], message=m, unit=unit, note="请核实维修责任单位。")  # fmt: skip
    m.refresh_from_db()
    year = timezone.localtime(m.received_at).year
    assert status("S25", year, m.case.due_on) == "met"
    v = verdict("S25", year, m.case.due_on + dt.timedelta(days=1))
    assert v.status == "broken" and "未办结 1 件" in v.summary
    assert any(e.status == "overdue" for e in v.evidence)


def test_the_work_plan_adopted_and_published(staff):
    assert status("§2.8", 2025, D(2026, 3, 1)) == "broken"
    assert status("§2.8", 2026, D(2026, 3, 1)) == "at_risk"
    plan = services.plan_create(actor=staff, year=2026, title="2026年代表工作计划", body="一、加强代表联系。")  # fmt: skip
    assert status("§2.8", 2026, D(2026, 3, 1)) == "at_risk"
    services.plan_adopt(actor=staff, plan=plan, adopted_on=D(2026, 2, 10))
    services.plan_publish(actor=staff, plan=plan)
    assert status("§2.8", 2026, D(2026, 3, 1)) == "met"
    plan.refresh_from_db()
    plan.adopted_on = None  # published with no adoption on record
    plan.save()
    assert status("§2.8", 2026, D(2026, 3, 1)) == "broken"


def test_reception_days_per_year(term, deputies):
    station = LiaisonStation.objects.create(name="联络站", area="清河街道", address="清河路1号")
    for day in (D(2026, 3, 5), D(2026, 9, 5)):
        r = Reception.objects.create(station=station, on_date=day, starts_at=dt.time(9), ends_at=dt.time(11), status="held")  # fmt: skip
        r.received_by.set(deputies[:2])
    assert status("§2.9", 2026, D(2026, 5, 1)) == "not_due"
    assert status("§2.9", 2026, D(2026, 11, 1)) == "at_risk"
    v = verdict("§2.9", 2026, D(2027, 1, 5))
    assert v.status == "broken" and "3 名在职代表中 1 名尚未达到" in v.summary
    r = Reception.objects.create(station=station, on_date=D(2026, 10, 5), starts_at=dt.time(9), ends_at=dt.time(11), status="held")  # fmt: skip
    r.received_by.set(deputies[2:])
    assert status("§2.9", 2026, D(2027, 1, 5)) == "broken"  # one day of two
    r = Reception.objects.create(station=station, on_date=D(2026, 11, 5), starts_at=dt.time(9), ends_at=dt.time(11), status="held")  # fmt: skip
    r.received_by.set(deputies[2:])
    assert status("§2.9", 2026, D(2027, 1, 5)) == "met"


def test_recalls_need_the_statutory_thresholds(term, deputies):
    assert status("§2.11", 2026, D(2026, 6, 1)) == "not_applicable"
    d = deputies[0]
    r = Recall.objects.create(deputy=d, route="voters", status="recalled", filed_on=D(2026, 3, 1), proposer="选民", petitioners=60, reasons="严重失职。", electorate=1000, votes_for=500, votes_against=100, votes_other=0, voted_on=D(2026, 4, 1))  # fmt: skip
    Deputy.objects.filter(pk=d.pk).update(status="recalled", status_date=D(2026, 4, 1))
    v = verdict("§2.11", 2026, D(2026, 6, 1))
    assert v.status == "broken"  # 500 of 1000 is not more than half of the electorate
    r.votes_for = 501
    r.save()
    assert status("§2.11", 2026, D(2026, 6, 1)) == "met"
    r.petitioners = 49  # below the county's 50
    r.save()
    assert status("§2.11", 2026, D(2026, 6, 1)) == "broken"


def test_the_platforms_basis_is_registered_with_its_reason():
    entry = registry.REGISTRY["§2.7"]
    assert entry.evaluate is None and "代表法第45条" in str(entry.reason)
    for code in ("S19", "S22", "S25", "§2.2", "§2.3", "§2.4", "§2.8", "§2.9", "§2.11"):
        assert registry.REGISTRY[code].area == "deputies" and registry.REGISTRY[code].evaluate
