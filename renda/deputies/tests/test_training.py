"""Duty training (S24): courses, enrolment, sign-in, closing, coverage from the setting."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import DomainError, PermissionDenied
from renda.core.models import AuditEvent, RuleSetting
from renda.deputies import selectors, services
from renda.deputies.duty_record import duty_record, figures_for
from renda.deputies.models import TrainingCourse, TrainingEnrolment
from renda.deputies.work import deputies_work
from renda.people.models import Deputy

pytestmark = pytest.mark.django_db

START = dt.date(2026, 5, 11)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def course(staff, **kw) -> TrainingCourse:
    fields = {
        "title": "代表履职能力提升培训班", "topic": "宪法和代表法", "organiser": "常委会代表工作委员会",
        "place": "市委党校", "starts_on": START, "ends_on": START + dt.timedelta(days=2),
    }  # fmt: skip
    fields.update(kw)
    return services.training_create(actor=staff, now=at(START - dt.timedelta(days=20)), **fields)


def test_a_deputy_enrols_signs_in_with_the_code_and_the_course_counts(users, staff, deputies):
    me = deputies[0]
    c = course(staff)
    assert len(c.sign_in_code) == 6 and c.term_id == me.term_id
    services.training_join(actor=users["deputy"], course=c, now=at(START - dt.timedelta(days=3)))
    row = TrainingEnrolment.objects.get(course=c, deputy=me)
    assert row.status == "enrolled"
    with pytest.raises(DomainError) as exc:  # before the course: no sign-in
        services.training_sign_in(
            actor=users["deputy"],
            course=c,
            code=c.sign_in_code,
            now=at(START - dt.timedelta(days=1)),
        )
    assert exc.value.code == "training_not_today"
    with pytest.raises(DomainError) as exc:
        services.training_sign_in(actor=users["deputy"], course=c, code="AAAAAA", now=at(START))
    assert exc.value.code == "sign_in_code_wrong"
    assert duty_record(me, 2026).figures()["trainings"] == 0
    services.training_sign_in(
        actor=users["deputy"], course=c, code=f" {c.sign_in_code.lower()} ", now=at(START)
    )
    row.refresh_from_db()
    assert row.status == "attended" and row.signed_in_via == "code"
    record = duty_record(me, 2026)
    assert record.figures()["trainings"] == 1 and record.trainings[0].ref == c.pk
    assert figures_for([me], record.period)[me.pk]["trainings"] == 1
    assert duty_record(me, 2025).figures()["trainings"] == 0
    with pytest.raises(DomainError) as exc:
        services.training_sign_in(
            actor=users["deputy"], course=c, code=c.sign_in_code, now=at(START)
        )
    assert exc.value.code == "already_signed_in"
    assert AuditEvent.objects.filter(action="deputies.training.sign_in").count() == 1


def test_a_walk_in_is_put_on_the_list_as_they_sign_in(users, staff, deputies):
    c = course(staff, capacity=1)
    services.training_enrol(
        actor=staff, course=c, deputies=[deputies[3]], now=at(START - dt.timedelta(days=5))
    )
    with pytest.raises(DomainError) as exc:  # full for enrolment…
        services.training_join(
            actor=users["deputy"], course=c, now=at(START - dt.timedelta(days=1))
        )
    assert exc.value.code == "training_full"
    # …but whoever came is there: a walk-in signs in over the places.
    services.training_sign_in(actor=users["deputy"], course=c, code=c.sign_in_code, now=at(START))
    assert TrainingEnrolment.objects.get(course=c, deputy=deputies[0]).status == "attended"


def test_the_office_enrols_records_the_sheet_and_closes(staff, deputies):
    c = course(staff)
    services.training_enrol(
        actor=staff, course=c, deputies=deputies[:4], now=at(START - dt.timedelta(days=5))
    )
    # Enrolling the same deputies again adds nobody and audits nothing.
    services.training_enrol(
        actor=staff, course=c, deputies=deputies[:2], now=at(START - dt.timedelta(days=5))
    )
    assert c.enrolments.count() == 4
    assert AuditEvent.objects.filter(action="deputies.training.enrol").count() == 1
    with pytest.raises(DomainError) as exc:
        services.training_record_attendance(
            actor=staff, course=c, deputies=[deputies[1]], now=at(START - dt.timedelta(days=1))
        )
    assert exc.value.code == "training_not_started"
    # The sheet has deputies 1 and 5 (5 was not enrolled: added as they came).
    services.training_record_attendance(
        actor=staff,
        course=c,
        deputies=[deputies[1], deputies[5]],
        now=at(START + dt.timedelta(days=1)),
    )
    with pytest.raises(DomainError) as exc:  # not before the last day
        services.training_close(actor=staff, course=c, now=at(START + dt.timedelta(days=1)))
    assert exc.value.code == "training_not_ended"
    services.training_close(actor=staff, course=c, now=at(START + dt.timedelta(days=2), 18))
    statuses = dict(c.enrolments.values_list("deputy_id", "status"))
    assert statuses == {
        deputies[0].pk: "absent", deputies[1].pk: "attended", deputies[2].pk: "absent",
        deputies[3].pk: "absent", deputies[5].pk: "attended",
    }  # fmt: skip
    c.refresh_from_db()
    assert c.status == "held"
    # A late sheet entry after closing still counts.
    services.training_record_attendance(
        actor=staff, course=c, deputies=[deputies[2]], now=at(START + dt.timedelta(days=4))
    )
    assert c.enrolments.get(deputy=deputies[2]).status == "attended"


def test_withdrawal_rules(users, staff, deputies):
    c = course(staff)
    services.training_join(actor=users["deputy"], course=c, now=at(START - dt.timedelta(days=3)))
    mine = c.enrolments.get(deputy=deputies[0])
    services.training_enrol(
        actor=staff, course=c, deputies=[deputies[1]], now=at(START - dt.timedelta(days=3))
    )
    other = c.enrolments.get(deputy=deputies[1])
    with pytest.raises(PermissionDenied):  # another deputy's enrolment
        services.training_withdraw(
            actor=users["deputy"], enrolment=other, now=at(START - dt.timedelta(days=2))
        )
    with pytest.raises(DomainError) as exc:  # once the course started, ask the office
        services.training_withdraw(actor=users["deputy"], enrolment=mine, now=at(START))
    assert exc.value.code == "training_started"
    services.training_withdraw(actor=staff, enrolment=mine, now=at(START))
    mine.refresh_from_db()
    assert mine.status == "withdrawn"
    # Joining again puts the same row back on the list.
    services.training_enrol(actor=staff, course=c, deputies=[deputies[0]], now=at(START))
    mine.refresh_from_db()
    assert mine.status == "enrolled" and c.enrolments.filter(deputy=deputies[0]).count() == 1


def test_refusals(users, staff, deputies, term):
    base = {"title": "培训", "topic": "主题", "organiser": "代表工委", "place": "会议室"}
    cases = [
        ({"starts_on": START, "ends_on": START - dt.timedelta(days=1)}, "date_order"),
        ({"starts_on": START, "ends_on": START + dt.timedelta(days=61)}, "training_too_long"),
        ({"starts_on": dt.date(2027, 3, 1), "ends_on": dt.date(2027, 3, 2)}, "outside_term"),
        ({"starts_on": START, "ends_on": START, "capacity": 0}, "capacity_invalid"),
        ({"starts_on": START, "ends_on": START, "title": " "}, "field_required"),
        ({"starts_on": None, "ends_on": START}, "field_required"),
    ]
    for fields, code in cases:
        with pytest.raises(DomainError) as exc:
            services.training_create(actor=staff, now=at(START), **{**base, **fields})
        assert exc.value.code == code, fields
    assert not TrainingCourse.objects.exists()
    with pytest.raises(PermissionDenied):
        services.training_create(actor=users["deputy"], starts_on=START, ends_on=START, **base)
    c = course(staff)
    ended = Deputy.objects.filter(pk=deputies[4].pk)
    ended.update(status=Deputy.Status.TERMINATED)
    with pytest.raises(DomainError) as exc:
        services.training_enrol(actor=staff, course=c, deputies=list(ended), now=at(START))
    assert exc.value.code == "deputy_not_active"
    assert not c.enrolments.exists()
    with pytest.raises(DomainError) as exc:
        services.training_join(
            actor=users["deputy"], course=c, now=at(START + dt.timedelta(days=3))
        )
    assert exc.value.code == "training_over"
    # Cancelled only while nobody attended, with a reason the deputies read.
    services.training_record_attendance(
        actor=staff, course=c, deputies=[deputies[1]], now=at(START)
    )
    with pytest.raises(DomainError) as exc:
        services.training_cancel(actor=staff, course=c, reason="天气原因", now=at(START))
    assert exc.value.code == "training_has_attendance"
    other = course(staff, title="另一期")
    with pytest.raises(DomainError) as exc:
        services.training_cancel(actor=staff, course=other, reason="", now=at(START))
    assert exc.value.code == "field_required"
    services.training_cancel(actor=staff, course=other, reason="与常委会会议冲突", now=at(START))
    other.refresh_from_db()
    assert other.status == "cancelled" and other.closing_note == "与常委会会议冲突"


def test_coverage_reads_the_per_term_setting(staff, deputies, term):
    c = course(staff)
    services.training_record_attendance(actor=staff, course=c, deputies=deputies[:3], now=at(START))
    assert selectors.training_required() == 1
    assert {d.pk for d in selectors.untrained(term)} == {d.pk for d in deputies[3:]}
    short = Deputy.objects.filter(pk=deputies[5].pk)
    short.update(status=Deputy.Status.SUSPENDED)  # suspended deputies are not expected to train
    assert {d.pk for d in selectors.untrained(term)} == {deputies[3].pk, deputies[4].pk}
    RuleSetting.objects.create(key="deputy.training_per_term", value="2")
    assert selectors.training_required() == 2
    assert {d.pk for d in selectors.untrained(term)} == {d.pk for d in deputies[:5]}


def test_the_office_is_reminded_once_the_term_is_half_over(staff, users, deputies, term):
    early = deputies_work(staff, dt.date(2023, 1, 1))
    assert not [w for w in early if w.rule == "S24"]
    late = [w for w in deputies_work(staff, dt.date(2025, 6, 1)) if w.rule == "S24"]
    assert len(late) == 1 and "6" in str(late[0].title) and late[0].due == term.end_date
    # A course past its last day waits to be closed; the deputy sees their course this week.
    c = course(staff)
    services.training_enrol(
        actor=staff, course=c, deputies=[deputies[0]], now=at(START - dt.timedelta(days=9))
    )
    mine = deputies_work(users["deputy"], START - dt.timedelta(days=3))
    assert [str(w.title) for w in mine] == [f"培训：{c.title}"]
    assert deputies_work(users["deputy"], START - dt.timedelta(days=8)) == []
    waiting = [
        w for w in deputies_work(staff, START + dt.timedelta(days=3)) if "办结" in str(w.title)
    ]
    assert len(waiting) == 1
