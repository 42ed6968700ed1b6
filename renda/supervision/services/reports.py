"""Supervision services: reports (rules §3.2), each state change a declared action."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.meetings import services as meeting_services
from renda.meetings.models import AgendaItem, Meeting
from renda.people.models import Organization, Person

from .. import (
    statute,  # noqa: F401  (registers the parameters)
)
from ..models import (
    Inspection,
    PlanItem,
    Report,
    Research,
)
from ._common import MANAGE

RS = Report.Status

# -- reports (rules §3.2) ------------------------------------------------------------------


@action(
    "supervision.report.create",
    model=Report,
    permission=MANAGE,
    rule="§3.2",
    label=_("建立报告"),
    audit="supervision.report.created",
)
def report_create(
    ctx: ActionContext,
    *,
    title: str,
    body: Organization,
    plan_item: PlanItem | None = None,
    text: str = "",
) -> Report:
    """Open a report to be heard by the standing committee, usually from a plan topic."""
    title = validation.text(
        title or (plan_item.title if plan_item else ""),
        field="title",
        label=_("报告名称"),
        max_length=200,
    )
    text = validation.text(text, field="text", label=_("报告全文或摘要"), required=False)
    if body is None:
        raise DomainError("field_required", _("请填写{label}。"), field="body", label=_("报告机关"))
    report = Report.objects.create(title=title, body=body, plan_item=plan_item, text=text)
    ctx.changes.update(body=body.pk, plan_item=plan_item.pk if plan_item else None)
    return report


@action(
    "supervision.report.schedule",
    model=Report,
    subject="report",
    sources={RS.PLANNED},
    target=RS.SCHEDULED,
    permission=MANAGE,
    rule="§3.2, S17",
    label=_("列入会议议程"),
    audit="supervision.report.scheduled",
)
def report_schedule(
    ctx: ActionContext,
    *,
    report: Report,
    meeting: Meeting,
    reporter: Person | None = None,
    reporter_post=None,
) -> Report:
    """Put the report on a standing-committee meeting as an agenda item with a statutory reporter (S17).

    An inspection report is presented by the team, so it has no statutory reporter.
    """
    if meeting is None or meeting.kind != Meeting.Kind.SC_MEETING:
        raise DomainError("not_sc_meeting", _("报告须提请常务委员会会议审议。"), field="meeting")
    # Inspection and research reports are presented by their teams, not by a statutory reporter.
    is_inspection = (
        Inspection.objects.filter(report=report).exists()
        or Research.objects.filter(report=report).exists()
    )
    item = meeting_services.agenda_item_add(
        actor=ctx.user,
        meeting=meeting,
        kind=AgendaItem.Kind.OTHER if is_inspection else AgendaItem.Kind.WORK_REPORT,
        title=report.title,
        reporter=reporter,
        reporter_post=reporter_post,
        reporting_body=None if is_inspection else report.body,
    )
    report.meeting, report.agenda_item, report.status = meeting, item, RS.SCHEDULED
    report.save(update_fields=["meeting", "agenda_item", "status", "updated_at"])
    if report.plan_item_id:
        PlanItem.objects.filter(pk=report.plan_item_id, planned_meeting__isnull=True).update(
            planned_meeting=meeting
        )
    ctx.changes.update(
        meeting=meeting.pk, agenda_item=item.pk, reporter=reporter.pk if reporter else None
    )
    return report


MILESTONE_FIELDS = {
    "draft_to_committee": "draft_to_committee_on",
    "revised_to_sc": "revised_to_sc_on",
    "to_members": "to_members_on",
}


@action(
    "supervision.report.milestone",
    model=Report,
    subject="report",
    sources={RS.SCHEDULED},
    permission=MANAGE,
    rule="§3.2",
    label=_("登记环节完成"),
    audit="supervision.report.milestone",
)
def report_milestone(ctx: ActionContext, *, report: Report, step: str, on: dt.date) -> Report:
    """Record the day a milestone of §3.2 was met; a late one stays flagged for the council."""
    validation.choice(step, MILESTONE_FIELDS, field="step")
    if not isinstance(on, dt.date):
        raise DomainError("field_required", _("请填写{label}。"), field="on", label=_("日期"))
    if on > ctx.today:
        raise DomainError("date_in_future", _("日期不能晚于今天。"), field="on")
    setattr(report, MILESTONE_FIELDS[step], on)
    report.save(update_fields=[MILESTONE_FIELDS[step], "updated_at"])
    ctx.changes.update(step=step, on=on.isoformat())
    return report


def _meeting_held(ctx: ActionContext, report: Report) -> None:
    if report.meeting.starts_on > ctx.today:
        raise Conflict(
            "meeting_not_held",
            _("会议尚未举行（{date}），不能登记审议。"),
            date=report.meeting.starts_on.isoformat(),
        )


@action(
    "supervision.report.deliberate",
    model=Report,
    subject="report",
    sources={RS.SCHEDULED},
    target=RS.DELIBERATED,
    permission=MANAGE,
    precondition=_meeting_held,
    rule="§3.2, S16",
    label=_("登记审议"),
    audit="supervision.report.deliberated",
)
def report_deliberate(
    ctx: ActionContext, *, report: Report, summary: str = "", publish: bool = True
) -> Report:
    """Record that the meeting heard and deliberated the report (its agenda item: decided, S16)."""
    summary = validation.text(summary, field="summary", label=_("审议情况"), required=False)
    item = report.agenda_item
    if (
        item is not None
        and item.disposition == AgendaItem.Disposition.PENDING
        and report.meeting.status != Meeting.Status.CLOSED
    ):
        meeting_services.agenda_item_dispose(
            actor=ctx.user,
            item=item,
            disposition=AgendaItem.Disposition.DECIDED,
            note=str(_("已听取和审议。")),
        )
    report.status, report.deliberated_at = RS.DELIBERATED, ctx.now
    report.deliberation_summary, report.published = summary, bool(publish)
    report.save(
        update_fields=[
            "status",
            "deliberated_at",
            "deliberation_summary",
            "published",
            "updated_at",
        ]
    )
    ctx.changes.update(summary=summary[:500], published=bool(publish))
    return report
