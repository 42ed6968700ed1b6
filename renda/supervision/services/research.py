"""Supervision services: research."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.casework.services._common import check_upload
from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError
from renda.people.models import Organization, Person

from .. import (
    statute,  # noqa: F401  (registers the parameters)
    workflow,
)
from ..models import (
    PlanItem,
    Report,
    Research,
    ResearchMember,
    TopicKind,
)
from ._common import _check, _choice, _day, _now, _require, _text
from .inspections import _is_deputy, sc_member_ids

# -- special research (rules §3.1: 专题调研) ----------------------------------------------------


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


def research_create(
    *,
    actor,
    title: str,
    body: Organization | None = None,
    places: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    team: Sequence[tuple[Person, str]] = (),
    plan_item: PlanItem | None = None,
    now: dt.datetime | None = None,
) -> Research:
    """Open a special research project, usually from a 专题调研 topic of the plan."""
    _require(actor, "supervision.manage")
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
    rows = _team(team, ResearchMember.Role, starts_on or _day(_now(now)))
    body = body or (plan_item.supervised_body if plan_item else None)
    with transaction.atomic():
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
        audit_record(
            actor=actor,
            action="supervision.research.created",
            obj=research,
            changes={
                "plan_item": plan_item.pk if plan_item else None,
                "team": [p.pk for p, _r in rows],
                "starts_on": str(starts_on) if starts_on else None,
            },
        )
    return research


def research_start(*, actor, research: Research, now: dt.datetime | None = None) -> Research:
    """The research team sets out (筹备中 → 调研中)."""
    _require(actor, "supervision.manage")
    now = _now(now)
    with transaction.atomic():
        locked = Research.objects.select_for_update().get(pk=research.pk)
        _check(workflow.RESEARCH_ACTIONS, "start", locked)
        if not locked.team.exists():
            raise Conflict("research_team_missing", _("调研组尚无成员，不能开始调研。"))
        locked.status, locked.started_at = Research.Status.UNDERWAY, now
        if locked.starts_on is None:
            locked.starts_on = _day(now)
        locked.save(update_fields=["status", "started_at", "starts_on", "updated_at"])
        audit_record(actor=actor, action="supervision.research.started", obj=locked, changes={})
    return locked


def research_report(
    *,
    actor,
    research: Research,
    findings: str,
    report_text: str = "",
    attachment=None,
    now: dt.datetime | None = None,
) -> Research:
    """Record the findings and the research report, as text, an attached file or both (调研中 → 已形成调研报告)."""
    _require(actor, "supervision.manage")
    findings = _text(findings, field="findings", label=_("调研发现的问题"))
    report_text = _text(report_text, field="report_text", label=_("调研报告"), required=False)
    if not report_text and attachment is None:
        raise DomainError(
            "research_report_missing", _("请填写调研报告或上传调研报告文件。"), field="report_text"
        )
    check_upload(attachment)
    now = _now(now)
    with transaction.atomic():
        locked = Research.objects.select_for_update().get(pk=research.pk)
        _check(workflow.RESEARCH_ACTIONS, "report", locked)
        locked.findings, locked.report_text = findings, report_text
        locked.status, locked.reported_at = Research.Status.REPORTED, now
        if locked.ends_on is None:
            locked.ends_on = max(_day(now), locked.starts_on or _day(now))
        if attachment is not None:
            locked.attachment.save(attachment.name, attachment, save=False)
        locked.save()
        audit_record(
            actor=actor,
            action="supervision.research.reported",
            obj=locked,
            changes={"findings": findings[:500], "attachment": locked.attachment.name or ""},
        )
    return locked


def research_publish(*, actor, research: Research, now: dt.datetime | None = None) -> Research:
    """Publish the research report on the public site (S11)."""
    _require(actor, "supervision.manage")
    with transaction.atomic():
        locked = Research.objects.select_for_update().get(pk=research.pk)
        _check(workflow.RESEARCH_ACTIONS, "publish", locked)
        if locked.published:
            return locked
        locked.published, locked.published_at = True, _now(now)
        locked.save(update_fields=["published", "published_at", "updated_at"])
        audit_record(actor=actor, action="supervision.research.published", obj=locked, changes={})
    return locked


def research_submit(*, actor, research: Research, body: Organization | None = None) -> Report:
    """Submit the research report to the standing committee: a report heard like any other, whose
    deliberation opinions go to ``body`` through the opinion path (§3.3)."""
    _require(actor, "supervision.manage")
    with transaction.atomic():
        locked = Research.objects.select_for_update().get(pk=research.pk)
        _check(workflow.RESEARCH_ACTIONS, "submit", locked)
        if locked.report_id:
            raise Conflict("research_submitted", _("该调研报告已提请常委会审议。"))
        body = body or (
            Organization.objects.filter(pk=locked.body_id).first() if locked.body_id else None
        )
        if body is None:
            raise DomainError(
                "field_required", _("请填写{label}。"), field="body", label=_("研究处理机关")
            )
        report = Report.objects.create(
            title=f"关于{locked.title}的调研报告"[:200],
            body=body,
            plan_item=locked.plan_item,
            text=locked.report_text or locked.findings,
        )
        locked.report = report
        locked.save(update_fields=["report", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.research.submitted",
            obj=locked,
            changes={"report": report.pk, "body": body.pk},
        )
    return report
