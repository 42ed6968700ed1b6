"""Supervision services: inspections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError
from renda.core.statute import param
from renda.people.models import Deputy, Membership, Organization, Person

from .. import (
    statute,  # noqa: F401  (registers the parameters)
    workflow,
)
from ..models import (
    Inspection,
    InspectionMember,
    PlanItem,
    Report,
)
from ._common import _check, _choice, _day, _now, _require, _text

# -- law-enforcement inspections (rules §3.6) ----------------------------------------------


def _is_deputy(person: Person) -> bool:
    return Deputy.objects.filter(person=person, status=Deputy.Status.ACTIVE).exists()


def sc_member_ids(day: dt.date) -> set[int]:
    """People who sit on the standing committee on ``day`` (组成人员)."""
    return set(
        Membership.objects.filter(
            organization__kind=Organization.Kind.STANDING_COMMITTEE, start_date__lte=day
        )
        .exclude(end_date__lt=day)
        .values_list("person_id", flat=True)
    )


def inspection_create(
    *,
    actor,
    title: str,
    law: str,
    starts_on: dt.date,
    ends_on: dt.date,
    places: str = "",
    team: Sequence[tuple[Person, str]] = (),
    plan_item: PlanItem | None = None,
) -> Inspection:
    """Open an inspection project: the law, the team of members and deputies, schedule and places."""
    _require(actor, "supervision.manage")
    title = _text(title, field="title", label=_("检查名称"), max_length=200)
    law = _text(law, field="law", label=_("检查的法律法规"), max_length=200)
    places = _text(places, field="places", label=_("检查地点和方式"), required=False)
    if not isinstance(starts_on, dt.date) or not isinstance(ends_on, dt.date):
        raise DomainError(
            "field_required", _("请填写{label}。"), field="starts_on", label=_("检查日期")
        )
    if ends_on < starts_on:
        raise DomainError("invalid_dates", _("结束日期不能早于开始日期。"), field="ends_on")
    members = sc_member_ids(starts_on)
    rows = []
    for person, role in team:
        role = _choice(role, InspectionMember.Role, field="team")
        if (
            role in (InspectionMember.Role.LEADER, InspectionMember.Role.MEMBER)
            and person.pk not in members
        ):
            raise DomainError(
                "not_sc_member", _("{name}不是常委会组成人员。"), field="team", name=person.name
            )
        if role == InspectionMember.Role.DEPUTY and not _is_deputy(person):
            raise DomainError(
                "not_deputy", _("{name}不是在任代表。"), field="team", name=person.name
            )
        rows.append((person, role))
    if len({p.pk for p, _r in rows}) != len(rows):
        raise DomainError("team_duplicate", _("检查组成员有重复。"), field="team")
    with transaction.atomic():
        inspection = Inspection.objects.create(
            title=title,
            law=law,
            starts_on=starts_on,
            ends_on=ends_on,
            places=places,
            plan_item=plan_item,
        )
        InspectionMember.objects.bulk_create(
            [InspectionMember(inspection=inspection, person=p, role=r) for p, r in rows]
        )
        audit_record(
            actor=actor,
            action="supervision.inspection.created",
            obj=inspection,
            changes={"law": law, "starts_on": str(starts_on), "team": [p.pk for p, _r in rows]},
        )
    return inspection


def plan_due_on(inspection: Inspection, days: int | None = None) -> dt.date:
    """The last day the inspection plan may be sent (§3.6: 10 days before the start)."""
    days = int(param("supervision.inspection_plan_days")) if days is None else days
    return inspection.starts_on - dt.timedelta(days=days)


def inspection_plan_sent(
    *, actor, inspection: Inspection, on: dt.date, now: dt.datetime | None = None
) -> Inspection:
    """Record the day the inspection plan was sent; later than 10 days before the start is flagged."""
    _require(actor, "supervision.manage")
    if not isinstance(on, dt.date):
        raise DomainError("field_required", _("请填写{label}。"), field="on", label=_("日期"))
    if on > _day(_now(now)):
        raise DomainError("date_in_future", _("日期不能晚于今天。"), field="on")
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        _check(workflow.INSPECTION_ACTIONS, "plan_sent", locked)
        locked.plan_sent_on = on
        locked.save(update_fields=["plan_sent_on", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.inspection.plan_sent",
            obj=locked,
            changes={"on": on.isoformat(), "late": on > plan_due_on(locked)},
        )
    return locked


def inspection_start(
    *, actor, inspection: Inspection, now: dt.datetime | None = None
) -> Inspection:
    """The team sets out (筹备中 → 检查中); the inspection plan must have been sent first (§3.6)."""
    _require(actor, "supervision.manage")
    now = _now(now)
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        _check(workflow.INSPECTION_ACTIONS, "start", locked)
        if locked.plan_sent_on is None:
            raise Conflict("inspection_plan_not_sent", _("请先登记检查方案印发日期，再开始检查。"))
        if not locked.team.exists():
            raise Conflict("inspection_team_missing", _("检查组尚无成员，不能开始检查。"))
        locked.status, locked.started_at = Inspection.Status.UNDERWAY, now
        locked.save(update_fields=["status", "started_at", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.inspection.started",
            obj=locked,
            changes={
                "plan_sent_on": locked.plan_sent_on.isoformat(),
                "plan_late": locked.plan_sent_on > plan_due_on(locked),
            },
        )
    return locked


def inspection_findings(*, actor, inspection: Inspection, findings: str) -> Inspection:
    """The inspection is over; record (or revise) the problems found (检查中 → 检查结束，汇总问题)."""
    _require(actor, "supervision.manage")
    findings = _text(findings, field="findings", label=_("发现的问题"))
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        _check(workflow.INSPECTION_ACTIONS, "findings", locked)
        before = locked.findings
        locked.findings, locked.status = findings, Inspection.Status.FINDINGS
        locked.save(update_fields=["findings", "status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.inspection.findings",
            obj=locked,
            changes={"findings": findings[:500], "revised": bool(before)},
        )
    return locked


def inspection_report(
    *,
    actor,
    inspection: Inspection,
    body: Organization,
    findings: str = "",
    text: str = "",
    now: dt.datetime | None = None,
) -> Report:
    """Open the inspection report to the standing committee (§3.6), with the findings.

    Findings already compiled may be left out. An inspection still in planning may be reported
    only once its last day has passed (a past inspection entered afterwards).
    """
    _require(actor, "supervision.manage")
    findings = _text(findings, field="findings", label=_("发现的问题"), required=False)
    text = _text(text, field="text", label=_("报告全文或摘要"), required=False)
    if body is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="body", label=_("研究处理机关")
        )
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.report_id:
            raise Conflict("inspection_reported", _("该执法检查已形成报告。"))
        _check(workflow.INSPECTION_ACTIONS, "report", locked)
        if locked.status == Inspection.Status.PLANNING and locked.ends_on >= _day(_now(now)):
            raise Conflict("inspection_not_started", _("执法检查尚未开始，不能形成报告。"))
        findings = findings or locked.findings
        if not findings:
            raise DomainError(
                "field_required", _("请填写{label}。"), field="findings", label=_("发现的问题")
            )
        law = locked.law.strip().removeprefix("《").removesuffix("》")
        report = Report.objects.create(
            title=f"关于检查《{law}》实施情况的报告"[:200],
            body=body,
            plan_item=locked.plan_item,
            text=text or findings,
        )
        previous = locked.status
        locked.findings, locked.report, locked.status = findings, report, Inspection.Status.REPORTED
        locked.save(update_fields=["findings", "report", "status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.inspection.reported",
            obj=locked,
            changes={"report": report.pk, "body": body.pk, "from": previous},
        )
    return report
