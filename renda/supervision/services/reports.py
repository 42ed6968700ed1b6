"""Supervision services: reports."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.core.audit import audit_record
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
from ._common import _day, _now, _require, _status_conflict, _text

# -- reports (rules §3.2) ------------------------------------------------------------------


def report_create(
    *, actor, title: str, body: Organization, plan_item: PlanItem | None = None, text: str = ""
) -> Report:
    """Open a report to be heard by the standing committee, usually from a plan topic."""
    _require(actor, "supervision.manage")
    title = _text(
        title or (plan_item.title if plan_item else ""),
        field="title",
        label=_("报告名称"),
        max_length=200,
    )
    text = _text(text, field="text", label=_("报告全文或摘要"), required=False)
    if body is None:
        raise DomainError("field_required", _("请填写{label}。"), field="body", label=_("报告机关"))
    with transaction.atomic():
        report = Report.objects.create(title=title, body=body, plan_item=plan_item, text=text)
        audit_record(
            actor=actor,
            action="supervision.report.created",
            obj=report,
            changes={"body": body.pk, "plan_item": plan_item.pk if plan_item else None},
        )
    return report


def report_schedule(
    *, actor, report: Report, meeting: Meeting, reporter: Person | None = None, reporter_post=None
) -> Report:
    """Put the report on a standing-committee meeting as an agenda item with a statutory reporter (S17).

    An inspection report is presented by the team, so it has no statutory reporter.
    """
    _require(actor, "supervision.manage")
    if meeting is None or meeting.kind != Meeting.Kind.SC_MEETING:
        raise DomainError("not_sc_meeting", _("报告须提请常务委员会会议审议。"), field="meeting")
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != Report.Status.PLANNED:
            raise _status_conflict(locked)
        # Inspection and research reports are presented by their teams, not by a statutory reporter.
        is_inspection = (
            Inspection.objects.filter(report=locked).exists()
            or Research.objects.filter(report=locked).exists()
        )
        item = meeting_services.agenda_item_add(
            actor=actor,
            meeting=meeting,
            kind=AgendaItem.Kind.OTHER if is_inspection else AgendaItem.Kind.WORK_REPORT,
            title=locked.title,
            reporter=reporter,
            reporter_post=reporter_post,
            reporting_body=None if is_inspection else locked.body,
        )
        locked.meeting, locked.agenda_item, locked.status = meeting, item, Report.Status.SCHEDULED
        locked.save(update_fields=["meeting", "agenda_item", "status", "updated_at"])
        if locked.plan_item_id:
            PlanItem.objects.filter(pk=locked.plan_item_id, planned_meeting__isnull=True).update(
                planned_meeting=meeting
            )
        audit_record(
            actor=actor,
            action="supervision.report.scheduled",
            obj=locked,
            changes={
                "meeting": meeting.pk,
                "agenda_item": item.pk,
                "reporter": reporter.pk if reporter else None,
            },
        )
    return locked


MILESTONE_FIELDS = {
    "draft_to_committee": "draft_to_committee_on",
    "revised_to_sc": "revised_to_sc_on",
    "to_members": "to_members_on",
}


def report_milestone(
    *, actor, report: Report, step: str, on: dt.date, now: dt.datetime | None = None
) -> Report:
    """Record the day a milestone of §3.2 was met; a late one stays flagged for the council."""
    _require(actor, "supervision.manage")
    if step not in MILESTONE_FIELDS:
        raise DomainError(
            "invalid_choice", _("选项“{value}”无效。"), field="step", value=step or ""
        )
    if not isinstance(on, dt.date):
        raise DomainError("field_required", _("请填写{label}。"), field="on", label=_("日期"))
    if on > _day(_now(now)):
        raise DomainError("date_in_future", _("日期不能晚于今天。"), field="on")
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != Report.Status.SCHEDULED:
            raise _status_conflict(locked)
        setattr(locked, MILESTONE_FIELDS[step], on)
        locked.save(update_fields=[MILESTONE_FIELDS[step], "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.report.milestone",
            obj=locked,
            changes={"step": step, "on": on.isoformat()},
        )
    return locked


def report_deliberate(
    *,
    actor,
    report: Report,
    summary: str = "",
    publish: bool = True,
    now: dt.datetime | None = None,
) -> Report:
    """Record that the meeting heard and deliberated the report (its agenda item: decided, S16)."""
    _require(actor, "supervision.manage")
    summary = _text(summary, field="summary", label=_("审议情况"), required=False)
    now = _now(now)
    with transaction.atomic():
        locked = (
            Report.objects.select_for_update(of=("self",))
            .select_related("meeting", "agenda_item")
            .get(pk=report.pk)
        )
        if locked.status != Report.Status.SCHEDULED:
            raise _status_conflict(locked)
        if locked.meeting.starts_on > _day(now):
            raise Conflict(
                "meeting_not_held",
                _("会议尚未举行（{date}），不能登记审议。"),
                date=locked.meeting.starts_on.isoformat(),
            )
        item = locked.agenda_item
        if (
            item is not None
            and item.disposition == AgendaItem.Disposition.PENDING
            and locked.meeting.status != Meeting.Status.CLOSED
        ):
            meeting_services.agenda_item_dispose(
                actor=actor,
                item=item,
                disposition=AgendaItem.Disposition.DECIDED,
                note=str(_("已听取和审议。")),
            )
        locked.status, locked.deliberated_at = Report.Status.DELIBERATED, now
        locked.deliberation_summary, locked.published = summary, bool(publish)
        locked.save(
            update_fields=[
                "status",
                "deliberated_at",
                "deliberation_summary",
                "published",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="supervision.report.deliberated",
            obj=locked,
            changes={"summary": summary[:500], "published": bool(publish)},
        )
    return locked
