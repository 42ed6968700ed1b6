"""Supervision services: inspections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.statute import param
from renda.people.models import Deputy, Organization, Person
from renda.people.selectors import sc_memberships

from .. import (
    statute,  # noqa: F401  (registers the parameters)
)
from ..models import (
    Inspection,
    InspectionMember,
    PlanItem,
    Report,
)
from ._common import MANAGE, _choice, _text

N = Inspection.Status

# -- law-enforcement inspections (rules §3.6) ----------------------------------------------
# Planned → in progress → findings compiled → report to the SC. A past inspection entered
# afterwards may go from planning to its report (see inspection_report).


def _is_deputy(person: Person) -> bool:
    return Deputy.objects.filter(person=person, status=Deputy.Status.ACTIVE).exists()


def sc_member_ids(day: dt.date) -> set[int]:
    """People who sit on the standing committee on ``day`` (组成人员)."""
    return set(sc_memberships(day).values_list("person_id", flat=True))


@action(
    "supervision.inspection.create",
    model=Inspection,
    permission=MANAGE,
    rule="§3.6",
    label=_("建立执法检查"),
    audit="supervision.inspection.created",
)
def inspection_create(
    ctx: ActionContext,
    *,
    title: str,
    law: str,
    starts_on: dt.date,
    ends_on: dt.date,
    places: str = "",
    team: Sequence[tuple[Person, str]] = (),
    plan_item: PlanItem | None = None,
) -> Inspection:
    """Open an inspection project: the law, the team of members and deputies, schedule and places."""
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
    ctx.changes.update(law=law, starts_on=str(starts_on), team=[p.pk for p, _r in rows])
    return inspection


def plan_due_on(inspection: Inspection, days: int | None = None) -> dt.date:
    """The last day the inspection plan may be sent (§3.6: 10 days before the start)."""
    days = int(param("supervision.inspection_plan_days")) if days is None else days
    return inspection.starts_on - dt.timedelta(days=days)


@action(
    "supervision.inspection.plan_sent",
    model=Inspection,
    subject="inspection",
    sources={N.PLANNING, N.UNDERWAY},
    permission=MANAGE,
    rule="§3.6",
    label=_("登记检查方案印发"),
    audit="supervision.inspection.plan_sent",
)
def inspection_plan_sent(ctx: ActionContext, *, inspection: Inspection, on: dt.date) -> Inspection:
    """Record the day the inspection plan was sent; later than 10 days before the start is flagged."""
    if not isinstance(on, dt.date):
        raise DomainError("field_required", _("请填写{label}。"), field="on", label=_("日期"))
    if on > ctx.today:
        raise DomainError("date_in_future", _("日期不能晚于今天。"), field="on")
    inspection.plan_sent_on = on
    inspection.save(update_fields=["plan_sent_on", "updated_at"])
    ctx.changes.update(on=on.isoformat(), late=on > plan_due_on(inspection))
    return inspection


def _ready_to_start(ctx: ActionContext, inspection: Inspection) -> None:
    if inspection.plan_sent_on is None:
        raise Conflict("inspection_plan_not_sent", _("请先登记检查方案印发日期，再开始检查。"))
    if not inspection.team.exists():
        raise Conflict("inspection_team_missing", _("检查组尚无成员，不能开始检查。"))


@action(
    "supervision.inspection.start",
    model=Inspection,
    subject="inspection",
    sources={N.PLANNING},
    target=N.UNDERWAY,
    permission=MANAGE,
    precondition=_ready_to_start,
    rule="§3.6",
    label=_("开始检查"),
    audit="supervision.inspection.started",
)
def inspection_start(ctx: ActionContext, *, inspection: Inspection) -> Inspection:
    """The team sets out (筹备中 → 检查中); the inspection plan must have been sent first (§3.6)."""
    inspection.status, inspection.started_at = N.UNDERWAY, ctx.now
    inspection.save(update_fields=["status", "started_at", "updated_at"])
    ctx.changes.update(
        plan_sent_on=inspection.plan_sent_on.isoformat(),
        plan_late=inspection.plan_sent_on > plan_due_on(inspection),
    )
    return inspection


@action(
    "supervision.inspection.findings",
    model=Inspection,
    subject="inspection",
    sources={N.UNDERWAY, N.FINDINGS},
    target=N.FINDINGS,
    permission=MANAGE,
    rule="§3.6",
    label=_("登记发现的问题"),
    audit="supervision.inspection.findings",
)
def inspection_findings(ctx: ActionContext, *, inspection: Inspection, findings: str) -> Inspection:
    """The inspection is over; record (or revise) the problems found (检查中 → 检查结束，汇总问题)."""
    findings = _text(findings, field="findings", label=_("发现的问题"))
    before = inspection.findings
    inspection.findings, inspection.status = findings, N.FINDINGS
    inspection.save(update_fields=["findings", "status", "updated_at"])
    ctx.changes.update(findings=findings[:500], revised=bool(before))
    return inspection


def _not_reported(ctx: ActionContext, inspection: Inspection) -> None:
    if inspection.report_id:
        raise Conflict("inspection_reported", _("该执法检查已形成报告。"))


@action(
    "supervision.inspection.report",
    model=Inspection,
    subject="inspection",
    # A reported inspection is listed so that a second report is refused with its own code
    # (``inspection_reported``, by the precondition), as before.
    sources={N.PLANNING, N.UNDERWAY, N.FINDINGS, N.REPORTED},
    target=N.REPORTED,
    permission=MANAGE,
    precondition=_not_reported,
    precondition_hides=True,
    rule="§3.6",
    label=_("形成执法检查报告"),
    audit="supervision.inspection.reported",
)
def inspection_report(
    ctx: ActionContext,
    *,
    inspection: Inspection,
    body: Organization,
    findings: str = "",
    text: str = "",
) -> Report:
    """Open the inspection report to the standing committee (§3.6), with the findings.

    Findings already compiled may be left out. An inspection still in planning may be reported
    only once its last day has passed (a past inspection entered afterwards).
    """
    findings = _text(findings, field="findings", label=_("发现的问题"), required=False)
    text = _text(text, field="text", label=_("报告全文或摘要"), required=False)
    if body is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="body", label=_("研究处理机关")
        )
    if inspection.status == N.PLANNING and inspection.ends_on >= ctx.today:
        raise Conflict("inspection_not_started", _("执法检查尚未开始，不能形成报告。"))
    findings = findings or inspection.findings
    if not findings:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="findings", label=_("发现的问题")
        )
    law = inspection.law.strip().removeprefix("《").removesuffix("》")
    report = Report.objects.create(
        title=f"关于检查《{law}》实施情况的报告"[:200],
        body=body,
        plan_item=inspection.plan_item,
        text=text or findings,
    )
    previous = inspection.status
    inspection.findings, inspection.report, inspection.status = findings, report, N.REPORTED
    inspection.save(update_fields=["findings", "report", "status", "updated_at"])
    ctx.changes.update(report=report.pk, body=body.pk, **{"from": previous})
    ctx.audit_object = inspection
    return report
