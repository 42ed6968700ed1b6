"""The year's deputy-work plan (§2.8) and reports to voters (述职, S26, §2.5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import AuditEvent, RuleSetting
from renda.deputies import selectors, services
from renda.deputies.duty_record import duty_record, figures_for
from renda.deputies.models import VoterReport, WorkPlan
from renda.meetings import services as meetings
from renda.people.models import Deputy

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 12)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def plan(staff, year=2026, **kw) -> WorkPlan:
    fields = {"title": "2026年度代表工作计划", "body": "一、加强代表履职学习培训……"}
    fields.update(kw)
    return services.plan_create(
        actor=staff, year=year, now=at(DAY - dt.timedelta(days=30)), **fields
    )


def test_a_plan_is_drafted_adopted_by_the_council_and_published(staff, term, users):
    p = plan(staff)
    assert p.status == "draft" and p.created_by == staff
    with pytest.raises(Conflict) as exc:
        plan(staff)
    assert exc.value.code == "plan_exists"
    services.plan_update(
        actor=staff, plan=p, title="2026年度代表工作计划（草案）", body="修改后的正文", now=at(DAY)
    )
    assert WorkPlan.objects.get().body == "修改后的正文"
    with pytest.raises(PermissionDenied):
        services.plan_adopt(actor=users["deputy"], plan=p, adopted_on=DAY, now=at(DAY))
    sc = meetings.meeting_schedule(actor=staff, kind="sc_meeting", term=term, starts_on=DAY)
    with pytest.raises(DomainError) as exc:
        services.plan_adopt(actor=staff, plan=p, adopted_on=DAY, meeting=sc, now=at(DAY))
    assert exc.value.code == "not_council_meeting"
    council = meetings.meeting_schedule(
        actor=staff, kind="chairpersons_council", term=term, starts_on=DAY
    )
    with pytest.raises(DomainError) as exc:
        services.plan_adopt(actor=staff, plan=p, adopted_on=DAY - dt.timedelta(days=1), meeting=council, now=at(DAY))  # fmt: skip
    assert exc.value.code == "date_mismatch"
    with pytest.raises(DomainError) as exc:
        services.plan_adopt(actor=staff, plan=p, adopted_on=DAY + dt.timedelta(days=1), now=at(DAY))
    assert exc.value.code == "future_date"
    services.plan_adopt(actor=staff, plan=p, adopted_on=DAY, meeting=council, now=at(DAY))
    p.refresh_from_db()
    assert p.status == "adopted" and p.adopted_at == council and p.published_at is None
    with pytest.raises(Conflict):  # the adopted text is what the council adopted
        services.plan_update(actor=staff, plan=p, title="改", body="改", now=at(DAY))
    services.plan_publish(actor=staff, plan=p, now=at(DAY, 15))
    p.refresh_from_db()
    assert p.status == "published" and p.published_at == at(DAY, 15)
    assert list(AuditEvent.objects.filter(action__startswith="deputies.plan.").values_list("action", flat=True).order_by("id")) == [  # fmt: skip
        "deputies.plan.create", "deputies.plan.update", "deputies.plan.adopt", "deputies.plan.publish",
    ]  # fmt: skip


def test_bad_plan_input_is_refused_with_its_field(staff, term):
    for kw, code, field in (
        ({"year": 1999}, "invalid_year", "year"),
        ({"title": "  "}, "field_required", "title"),
        ({"body": ""}, "field_required", "body"),
        ({"body": "x" * 20001}, "field_too_long", "body"),
    ):
        with pytest.raises(DomainError) as exc:
            plan(staff, **kw)
        assert (exc.value.code, exc.value.field) == (code, field)
    assert not WorkPlan.objects.exists()


def report(staff, deputy, day=DAY, **kw) -> VoterReport:
    fields = {"unit": "第三选区（清河街道）", "place": "清河街道代表联络站"}
    fields.update(kw)
    return services.report_plan(
        actor=staff, deputy=deputy, held_on=day, now=at(DAY - dt.timedelta(days=10)), **fields
    )


def test_a_report_is_arranged_held_and_counted_in_the_record_and_coverage(staff, term, deputies):
    me = deputies[0]
    r = report(staff, me)
    assert r.status == "planned"
    with pytest.raises(Conflict) as exc:
        report(staff, me)
    assert exc.value.code == "report_exists"
    with pytest.raises(Conflict) as exc:  # not before the day
        services.report_record(actor=staff, report=r, text="述职报告", attendance=40, now=at(DAY - dt.timedelta(days=1)))  # fmt: skip
    assert exc.value.code == "not_yet"
    with pytest.raises(DomainError) as exc:
        services.report_record(
            actor=staff, report=r, text="述职报告", attendance=40, satisfied=30, basically=8,
            unsatisfied=3, now=at(DAY),
        )  # fmt: skip
    assert exc.value.code == "rated_exceeds_attendance"
    r.refresh_from_db()
    assert r.status == "planned" and r.attendance is None  # nothing half-written
    assert duty_record(me, 2026).figures()["voter_reports"] == 0
    assert {d.pk for d in selectors.unreported(term)} >= {me.pk}
    services.report_record(
        actor=staff, report=r, text="一年来，我参加了……", attendance=40, satisfied=30,
        basically=8, unsatisfied=2, now=at(DAY),
    )  # fmt: skip
    r.refresh_from_db()
    assert (r.status, r.rated, r.satisfaction) == ("held", 40, 95)
    record = duty_record(me, 2026)
    assert record.figures()["voter_reports"] == 1
    assert [(x.title, x.outcome) for x in record.reports] == [("第三选区（清河街道）", "满意和基本满意占 95%")]  # fmt: skip
    assert figures_for([me], record.period)[me.pk]["voter_reports"] == 1
    assert me.pk not in {d.pk for d in selectors.unreported(term)}
    RuleSetting.objects.create(key="deputy.voter_reports_per_term", value="2")
    assert selectors.reports_required() == 2
    assert me.pk in {d.pk for d in selectors.unreported(term)}
    # corrected afterwards: still one report
    services.report_record(actor=staff, report=r, text="更正", attendance=42, now=at(DAY, 16))
    assert duty_record(me, 2026).figures()["voter_reports"] == 1


def test_a_cancelled_report_does_not_count_and_needs_a_reason(staff, term, deputies):
    r = report(staff, deputies[1])
    with pytest.raises(DomainError) as exc:
        services.report_cancel(actor=staff, report=r, reason=" ", now=at(DAY))
    assert exc.value.code == "field_required"
    services.report_cancel(actor=staff, report=r, reason="遇暴雨改期", now=at(DAY))
    r.refresh_from_db()
    assert (r.status, r.closing_note) == ("cancelled", "遇暴雨改期")
    with pytest.raises(Conflict):
        services.report_record(actor=staff, report=r, text="x", attendance=1, now=at(DAY))
    assert duty_record(deputies[1], 2026).figures()["voter_reports"] == 0


def test_only_a_serving_deputy_in_the_term_reports(staff, term, deputies):
    gone = deputies[2]
    Deputy.objects.filter(pk=gone.pk).update(status=Deputy.Status.TERMINATED)
    gone.refresh_from_db()
    with pytest.raises(Conflict) as exc:
        report(staff, gone)
    assert exc.value.code == "deputy_not_active"
    with pytest.raises(Conflict) as exc:
        report(staff, deputies[0], day=term.end_date + dt.timedelta(days=1))
    assert exc.value.code == "deputy_not_active"
    with pytest.raises(DomainError) as exc:
        report(staff, deputies[0], unit="")
    assert exc.value.field == "unit"
    assert not VoterReport.objects.exists()
