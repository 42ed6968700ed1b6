"""The budget year's milestones and the publication tracker (§4.1–§4.7)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from renda.core import approvals, validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.models import Approval
from renda.meetings.models import Meeting
from renda.supervision.models import Report

from .. import calendar
from ..models import Department, Milestone, Publication
from ..rules import MANAGE

K = Milestone.Kind
S = Milestone.Status
#: Which meeting hears each step: the budget draft goes to the congress session.
MEETING_KIND = {K.BUDGET_DRAFT: Meeting.Kind.CONGRESS_SESSION}


PARTY_CONSENT = Approval.Kind.PARTY_CONSENT
_needs_consent = approvals.requires(PARTY_CONSENT)


def _consent(ctx: ActionContext, milestone: Milestone) -> None:
    """The budget, its adjustment and the final accounts are heard only after the party
    committee agreed (S2); the other steps need no consent."""
    if milestone.kind in calendar.CONSENT:
        _needs_consent(ctx, milestone)


_consent.approval_kind = PARTY_CONSENT  # type: ignore[attr-defined]


def _check_meeting(kind: str, year: int, meeting: Meeting | None) -> None:
    if meeting is None:
        return
    wanted = MEETING_KIND.get(kind, Meeting.Kind.SC_MEETING)
    if meeting.kind != wanted:
        raise DomainError("wrong_meeting", _("{kind}应安排在{meeting}。"), field="meeting", kind=K(kind).label, meeting=Meeting.Kind(wanted).label)  # fmt: skip
    span = calendar.window(kind, year)
    if span and not span[0] <= meeting.starts_on <= span[1]:
        raise DomainError(
            "outside_window", _("{kind}应在{first}至{last}之间的会议审议。"), field="meeting",
            kind=K(kind).label, first=span[0].isoformat(), last=span[1].isoformat(),
        )  # fmt: skip


def _audit_heard(year: int) -> dt.date | None:
    audit = Milestone.objects.filter(year=year, kind=K.AUDIT_REPORT).first()
    return audit.heard_on if audit else None


def refresh_due(m: Milestone) -> None:
    m.due_on = calendar.due_on(
        m, audit_heard_on=_audit_heard(m.year) if m.kind == K.RECTIFICATION else None
    )


@action(
    "budget.milestone.plan", model=Milestone, permission=MANAGE, rule="§4.1–§4.6",
    label=_("安排预算工作节点"), refs={"meeting": Meeting},
)  # fmt: skip
def milestone_plan(ctx: ActionContext, *, year, kind: str, meeting: Meeting | None = None, note: str = "") -> Milestone:  # fmt: skip
    """Put a step of the budget year on the calendar, with its meeting if known; its deadline
    follows from the rules."""
    year = validation.year(year)
    validation.choice(kind, K, field="kind")
    if Milestone.objects.filter(year=year, kind=kind).exists():
        raise Conflict("milestone_exists", _("该年度已安排此事项。"), field="kind")
    _check_meeting(kind, year, meeting)
    m = Milestone(year=year, kind=kind, meeting=meeting, note=validation.text(note, field="note", label=_("说明"), required=False, max_length=300))  # fmt: skip
    refresh_due(m)
    m.save()
    ctx.changes.update(year=year, kind=kind, meeting=meeting.pk if meeting else None, due_on=str(m.due_on or ""))  # fmt: skip
    return m


@action(
    "budget.milestone.schedule", model=Milestone, subject="milestone", sources={S.PLANNED, S.SUBMITTED},
    permission=MANAGE, rule="§4.1–§4.6", label=_("确定审议会议"), refs={"meeting": Meeting},
)  # fmt: skip
def milestone_schedule(ctx: ActionContext, *, milestone: Milestone, meeting: Meeting) -> Milestone:
    """Name (or change) the meeting that hears it; the deadline is computed again."""
    _check_meeting(milestone.kind, milestone.year, meeting)
    milestone.meeting = meeting
    refresh_due(milestone)
    milestone.save(update_fields=["meeting", "due_on", "updated_at"])
    ctx.changes.update(meeting=meeting.pk, due_on=str(milestone.due_on or ""))
    return milestone


@action(
    "budget.milestone.submit", model=Milestone, subject="milestone", sources={S.PLANNED}, target=S.SUBMITTED,
    permission=MANAGE, rule="§4.1–§4.6", label=_("登记收到文件"),
)  # fmt: skip
def milestone_submit(ctx: ActionContext, *, milestone: Milestone, submitted_on: dt.date, document: str) -> Milestone:  # fmt: skip
    """Record the day the government's document arrived (late arrivals are recorded and shown)."""
    if submitted_on is None or submitted_on > ctx.today:
        raise DomainError("invalid_date", _("收到文件日期不能晚于今天。"), field="submitted_on")
    milestone.submitted_on = submitted_on
    milestone.document = validation.text(
        document, field="document", label=_("文件名称"), max_length=200
    )
    milestone.save(update_fields=["submitted_on", "document", "status", "updated_at"])
    ctx.changes.update(submitted_on=str(submitted_on), late=bool(milestone.due_on and submitted_on > milestone.due_on))  # fmt: skip
    return milestone


@action(
    "budget.milestone.hear", model=Milestone, subject="milestone", sources={S.PLANNED, S.SUBMITTED}, target=S.HEARD,
    permission=MANAGE, precondition=_consent, rule="§4.1–§4.6, S2", label=_("登记审议"),
)  # fmt: skip
def milestone_hear(ctx: ActionContext, *, milestone: Milestone, heard_on: dt.date) -> Milestone:
    """Record the day the meeting heard it; the audit report's date sets the rectification
    report's deadline."""
    if heard_on is None or heard_on > ctx.today:
        raise DomainError("invalid_date", _("审议日期不能晚于今天。"), field="heard_on")
    span = calendar.window(milestone.kind, milestone.year)
    if span and not span[0] <= heard_on <= span[1]:
        raise DomainError("outside_window", _("{kind}应在{first}至{last}之间的会议审议。"), field="heard_on", kind=milestone.get_kind_display(), first=span[0].isoformat(), last=span[1].isoformat())  # fmt: skip
    milestone.heard_on = heard_on
    milestone.save(update_fields=["heard_on", "status", "updated_at"])
    if milestone.kind == K.AUDIT_REPORT:
        for follow in Milestone.objects.filter(year=milestone.year, kind=K.RECTIFICATION):
            follow.due_on = calendar.rectification_due(heard_on)
            follow.save(update_fields=["due_on", "updated_at"])
    ctx.changes.update(heard_on=str(heard_on))
    return milestone


def report_candidates(m: Milestone) -> QuerySet[Report]:
    """The supervision reports this step may be linked to: heard at its meeting, or (before a
    meeting is set) at any meeting of its year, or on the year's plan; not linked elsewhere."""
    reports = Report.objects.filter(budget_milestone__isnull=True) | Report.objects.filter(budget_milestone=m)  # fmt: skip
    if m.meeting_id:
        return reports.filter(meeting_id=m.meeting_id)
    return reports.filter(Q(meeting__starts_on__year=m.year) | Q(meeting__isnull=True, plan_item__plan__year=m.year))  # fmt: skip


def suggested_report(m: Milestone) -> Report | None:
    """The report of the supervision plan's matching obligation, when there is exactly one."""
    code = calendar.OBLIGATIONS.get(m.kind)
    if not code:
        return None
    found = list(report_candidates(m).filter(plan_item__obligation=code, plan_item__plan__year=m.year)[:2])  # fmt: skip
    return found[0] if len(found) == 1 else None


@action(
    "budget.milestone.link_report", model=Milestone, subject="milestone", permission=MANAGE,
    rule="§3.3, §4", label=_("关联审议报告"), refs={"report": Report},
)  # fmt: skip
def milestone_link_report(ctx: ActionContext, *, milestone: Milestone, report: Report) -> Milestone:
    """Name the supervision report the meeting heard for this step, so that its deliberation
    opinions (compiled, sent and followed in supervision) show with the step."""
    if report is None:
        raise DomainError("field_required", _("请填写{label}。"), field="report", label=_("审议报告"))  # fmt: skip
    if not report_candidates(milestone).filter(pk=report.pk).exists():
        if Milestone.objects.filter(report=report).exclude(pk=milestone.pk).exists():
            raise Conflict("report_linked", _("该报告已关联其他预算工作节点。"), field="report")
        raise DomainError("report_other_meeting", _("该报告不是在本事项的审议会议上听取的。"), field="report")  # fmt: skip
    milestone.report = report
    milestone.save(update_fields=["report", "updated_at"])
    ctx.changes.update(report=report.pk)
    return milestone


MILESTONE_ACTIONS = (milestone_schedule, milestone_submit, milestone_hear, milestone_link_report)


@action(
    "budget.publication.record", model=Publication, permission=MANAGE, rule="§4.7",
    label=_("登记应公开事项"), refs={"department": Department},
)  # fmt: skip
def publication_record(
    ctx: ActionContext, *, year, kind: str, approved_on: dt.date, department: Department | None = None
) -> Publication:  # fmt: skip
    """A document approved (or replied to) that must be published within the statutory days."""
    year = validation.year(year)
    validation.choice(kind, Publication.Kind, field="kind")
    needs_department = kind in (
        Publication.Kind.DEPARTMENT_BUDGET,
        Publication.Kind.DEPARTMENT_ACCOUNTS,
    )
    if needs_department and department is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="department", label=_("预算部门")
        )
    if not needs_department:
        department = None
    if approved_on is None or approved_on > ctx.today:
        raise DomainError("invalid_date", _("批准日期不能晚于今天。"), field="approved_on")
    if Publication.objects.filter(year=year, kind=kind, department=department).exists():
        raise Conflict("publication_exists", _("该事项已登记。"), field="kind")
    row = Publication.objects.create(year=year, kind=kind, department=department, approved_on=approved_on, due_on=calendar.publication_due(approved_on))  # fmt: skip
    ctx.changes.update(year=year, kind=kind, department=department.pk if department else None, due_on=str(row.due_on))  # fmt: skip
    return row


@action(
    "budget.publication.publish", model=Publication, subject="publication", permission=MANAGE, rule="§4.7",
    label=_("登记已公开"),
)  # fmt: skip
def publication_publish(ctx: ActionContext, *, publication: Publication, published_on: dt.date, url: str = "") -> Publication:  # fmt: skip
    """Record the day it was published and where."""
    if publication.published_on:
        raise Conflict("already_published", _("已登记公开。"))
    if published_on is None or published_on > ctx.today or published_on < publication.approved_on:
        raise DomainError(
            "invalid_date", _("公开日期应在批准日期与今天之间。"), field="published_on"
        )
    url = validation.text(url, field="url", label=_("公开链接"), required=False, max_length=300)
    if url and not url.startswith(("http://", "https://")):
        raise DomainError("invalid_url", _("公开链接应以 http:// 或 https:// 开头。"), field="url")
    publication.published_on, publication.url = published_on, url
    publication.save(update_fields=["published_on", "url", "updated_at"])
    ctx.changes.update(published_on=str(published_on), late=published_on > publication.due_on)
    return publication


def publication_state(p: Publication, today: dt.date) -> str:
    """done · late · overdue · due_soon · pending."""
    if p.published_on:
        return "late" if p.published_on > p.due_on else "done"
    if today > p.due_on:
        return "overdue"
    return "due_soon" if (p.due_on - today).days <= 7 else "pending"
