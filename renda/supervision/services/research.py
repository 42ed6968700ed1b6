"""Supervision services: research."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from renda.casework.services._common import check_upload
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.people.models import Organization, Person

from .. import (
    statute,  # noqa: F401  (registers the parameters)
)
from ..models import (
    PlanItem,
    Report,
    Research,
    ResearchMember,
    TopicKind,
)
from ._common import MANAGE, _choice, _text
from .inspections import _is_deputy, sc_member_ids

R = Research.Status

# -- special research (rules §3.1: 专题调研) ----------------------------------------------------
# Planned → in progress → reported; the report may then be published and submitted to the
# standing committee as a report to be heard.


def _team(team: Sequence[tuple[Person, str]], roles, day: dt.date) -> list[tuple[Person, str]]:
    members = sc_member_ids(day)
    rows = []
    for person, role in team:
        role = _choice(role, roles, field="team")
        if role in ("leader", "member") and person.pk not in members:
            raise DomainError(
                "not_sc_member", _("{name}不是常委会组成人员。"), field="team", name=person.name
            )
        if role == "deputy" and not _is_deputy(person):
            raise DomainError(
                "not_deputy", _("{name}不是在任代表。"), field="team", name=person.name
            )
        rows.append((person, role))
    if len({p.pk for p, _r in rows}) != len(rows):
        raise DomainError("team_duplicate", _("调研组成员有重复。"), field="team")
    return rows


@action(
    "supervision.research.create",
    model=Research,
    permission=MANAGE,
    rule="§3.1",
    label=_("建立专题调研"),
    audit="supervision.research.created",
)
def research_create(
    ctx: ActionContext,
    *,
    title: str,
    body: Organization | None = None,
    places: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    team: Sequence[tuple[Person, str]] = (),
    plan_item: PlanItem | None = None,
) -> Research:
    """Open a special research project, usually from a 专题调研 topic of the plan."""
    title = _text(
        title or (plan_item.title if plan_item else ""),
        field="title",
        label=_("调研课题"),
        max_length=200,
    )
    places = _text(places, field="places", label=_("调研地点和方式"), required=False)
    if plan_item is not None and plan_item.kind != TopicKind.RESEARCH:
        raise DomainError(
            "plan_item_not_research", _("所选计划议题不是专题调研。"), field="plan_item"
        )
    for value, field in ((starts_on, "starts_on"), (ends_on, "ends_on")):
        if value is not None and not isinstance(value, dt.date):
            raise DomainError("invalid_date", _("日期无效。"), field=field)
    if starts_on and ends_on and ends_on < starts_on:
        raise DomainError("invalid_dates", _("结束日期不能早于开始日期。"), field="ends_on")
    rows = _team(team, ResearchMember.Role, starts_on or ctx.today)
    body = body or (plan_item.supervised_body if plan_item else None)
    research = Research.objects.create(
        title=title,
        body=body,
        places=places,
        starts_on=starts_on,
        ends_on=ends_on,
        plan_item=plan_item,
    )
    ResearchMember.objects.bulk_create(
        [ResearchMember(research=research, person=p, role=r) for p, r in rows]
    )
    ctx.changes.update(
        plan_item=plan_item.pk if plan_item else None,
        team=[p.pk for p, _r in rows],
        starts_on=str(starts_on) if starts_on else None,
    )
    return research


def _has_team(ctx: ActionContext, research: Research) -> None:
    if not research.team.exists():
        raise Conflict("research_team_missing", _("调研组尚无成员，不能开始调研。"))


@action(
    "supervision.research.start",
    model=Research,
    subject="research",
    sources={R.PLANNED},
    target=R.UNDERWAY,
    permission=MANAGE,
    precondition=_has_team,
    rule="§3.1",
    label=_("开始调研"),
    audit="supervision.research.started",
)
def research_start(ctx: ActionContext, *, research: Research) -> Research:
    """The research team sets out (筹备中 → 调研中)."""
    research.status, research.started_at = R.UNDERWAY, ctx.now
    if research.starts_on is None:
        research.starts_on = ctx.today
    research.save(update_fields=["status", "started_at", "starts_on", "updated_at"])
    return research


@action(
    "supervision.research.report",
    model=Research,
    subject="research",
    sources={R.UNDERWAY},
    target=R.REPORTED,
    permission=MANAGE,
    rule="§3.1",
    label=_("形成调研报告"),
    audit="supervision.research.reported",
)
def research_report(
    ctx: ActionContext,
    *,
    research: Research,
    findings: str,
    report_text: str = "",
    attachment=None,
) -> Research:
    """Record the findings and the research report, as text, an attached file or both (调研中 → 已形成调研报告)."""
    findings = _text(findings, field="findings", label=_("调研发现的问题"))
    report_text = _text(report_text, field="report_text", label=_("调研报告"), required=False)
    if not report_text and attachment is None:
        raise DomainError(
            "research_report_missing", _("请填写调研报告或上传调研报告文件。"), field="report_text"
        )
    check_upload(attachment)
    research.findings, research.report_text = findings, report_text
    research.status, research.reported_at = R.REPORTED, ctx.now
    if research.ends_on is None:
        research.ends_on = max(ctx.today, research.starts_on or ctx.today)
    if attachment is not None:
        research.attachment.save(attachment.name, attachment, save=False)
    research.save()
    ctx.changes.update(findings=findings[:500], attachment=research.attachment.name or "")
    return research


@action(
    "supervision.research.publish",
    model=Research,
    subject="research",
    sources={R.REPORTED},
    permission=MANAGE,
    rule="S11",
    label=_("公开调研报告"),
    audit="supervision.research.published",
)
def research_publish(ctx: ActionContext, *, research: Research) -> Research:
    """Publish the research report on the public site (S11); publishing again does nothing."""
    if research.published:
        ctx.audited = False
        return research
    research.published, research.published_at = True, ctx.now
    research.save(update_fields=["published", "published_at", "updated_at"])
    return research


def _not_submitted(ctx: ActionContext, research: Research) -> None:
    if research.report_id:
        raise Conflict("research_submitted", _("该调研报告已提请常委会审议。"))


@action(
    "supervision.research.submit",
    model=Research,
    subject="research",
    sources={R.REPORTED},
    permission=MANAGE,
    precondition=_not_submitted,
    precondition_hides=True,
    rule="§3.1, §3.3",
    label=_("提请常委会审议"),
    audit="supervision.research.submitted",
)
def research_submit(
    ctx: ActionContext, *, research: Research, body: Organization | None = None
) -> Report:
    """Submit the research report to the standing committee: a report heard like any other, whose
    deliberation opinions go to ``body`` through the opinion path (§3.3)."""
    body = body or (
        Organization.objects.filter(pk=research.body_id).first() if research.body_id else None
    )
    if body is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="body", label=_("研究处理机关")
        )
    report = Report.objects.create(
        title=f"关于{research.title}的调研报告"[:200],
        body=body,
        plan_item=research.plan_item,
        text=research.report_text or research.findings,
    )
    research.report = report
    research.save(update_fields=["report", "updated_at"])
    ctx.changes.update(report=report.pk, body=body.pk)
    ctx.audit_object = research
    return report
