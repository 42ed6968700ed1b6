"""Permission-aware reads of supervision and the computed states: milestones, overdue obligations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

from renda.accounts.rules import is_office_staff, is_staff_side, is_unit_officer
from renda.core.statute import params

from .models import (
    Evaluation,
    InquirySession,
    Inspection,
    Interpellation,
    Opinion,
    OpinionRound,
    Plan,
    PlanItem,
    Report,
    Research,
)
from .obligations import BY_CODE, windows
from .services import plan_due_on


def opinions_visible_to(user) -> QuerySet[Opinion]:
    """Staff and leaders see every opinion, members the sent ones, a unit officer only its body's."""
    qs = Opinion.objects.select_related("body", "report", "inquiry")
    if user is None or not user.is_authenticated:
        return qs.none()
    if is_staff_side(user):
        return qs
    if is_unit_officer(user):
        return qs.filter(body_id=user.scope_id).exclude(status=Opinion.Status.DRAFT)
    if user.has_perm("supervision.view"):
        return qs.exclude(status=Opinion.Status.DRAFT)
    return qs.none()


def published_opinions() -> QuerySet[Opinion]:
    return (
        Opinion.objects.filter(published=True)
        .exclude(status=Opinion.Status.DRAFT)
        .select_related("body", "report")
    )


def rounds_of(opinion: Opinion) -> list[OpinionRound]:
    return list(
        opinion.rounds.select_related("case", "report_meeting", "evaluation__poll__seal")
        .prefetch_related("case__replies")
        .order_by("number")
    )


# -- milestones of a special work report (rules §3.2) --------------------------------------


@dataclass(frozen=True)
class Milestone:
    step: str
    label: Any
    due_on: dt.date | None
    done_on: dt.date | None
    today: dt.date

    @property
    def late(self) -> bool:
        if self.due_on is None:
            return False
        if self.done_on is not None:
            return self.done_on > self.due_on
        return self.today > self.due_on

    @property
    def done(self) -> bool:
        return self.done_on is not None


MILESTONE_STEPS = (
    (
        "draft_to_committee",
        _("报告稿送专门委员会（工作机构）征求意见"),
        "lead.special_report_to_committee_days",
        "draft_to_committee_on",
    ),
    (
        "revised_to_sc",
        _("修改后的报告送交常委会"),
        "lead.special_report_to_sc_days",
        "revised_to_sc_on",
    ),
    (
        "to_members",
        _("报告印发常委会组成人员"),
        "lead.special_report_to_members_days",
        "to_members_on",
    ),
)


def milestones(report: Report, today: dt.date, values: dict | None = None) -> list[Milestone]:
    """Back-scheduled from the meeting date: ≥ 20 / ≥ 10 / ≥ 7 days before (监督法 Art. 15)."""
    values = values if values is not None else params(*(s[2] for s in MILESTONE_STEPS))
    start = report.meeting.starts_on if report.meeting_id else None
    out = []
    for step, label, key, field in MILESTONE_STEPS:
        due = start - dt.timedelta(days=int(values[key])) if start else None
        out.append(Milestone(step, label, due, getattr(report, field), today))
    return out


def late_milestones(report: Report, today: dt.date, values: dict | None = None) -> list[Milestone]:
    if report.status != Report.Status.SCHEDULED and not report.meeting_id:
        return []
    return [m for m in milestones(report, today, values) if m.late]


# -- plan items, obligations and the overview ----------------------------------------------


@dataclass
class ItemState:
    item: PlanItem
    status: str
    label: Any
    overdue: bool
    window_end: dt.date | None
    report: Report | None


ITEM_STATES = {
    "cancelled": _("已撤销"),
    "planned": _("待安排"),
    "scheduled": _("已列入会议议程"),
    "deliberated": _("已审议"),
    "in_handling": _("审议意见办理中"),
    "evaluated": _("已测评"),
    "done": _("已完成"),
    "underway": _("进行中"),
}


def plan_with_items(year: int) -> Plan | None:
    return (
        Plan.objects.filter(year=year)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=PlanItem.objects.select_related(
                    "supervised_body", "responsible_body", "planned_meeting"
                ).prefetch_related(
                    Prefetch(
                        "reports",
                        queryset=Report.objects.select_related("meeting").prefetch_related(
                            "opinions"
                        ),
                    ),
                    "inspections",
                    "inquiries",
                    "researches",
                ),
            )
        )
        .first()
    )


def item_states(plan: Plan, today: dt.date) -> list[ItemState]:
    """Each topic with its status; an obligation or a topic whose time has passed unheard is overdue."""
    spans = windows(plan.year)
    out = []
    for item in plan.items.all():
        reports = list(item.reports.all())
        report = reports[-1] if reports else None
        if item.cancelled:
            status = "cancelled"
        elif report is not None and report.status == Report.Status.DELIBERATED:
            opinions = list(report.opinions.all())
            if opinions and all(
                o.status in (Opinion.Status.SATISFIED, Opinion.Status.CLOSED) for o in opinions
            ):
                status = "done"
            elif opinions and any(o.status == Opinion.Status.EVALUATING for o in opinions):
                status = "evaluated"
            elif opinions and any(o.status != Opinion.Status.DRAFT for o in opinions):
                status = "in_handling"
            else:
                status = "deliberated"
        elif report is not None and report.status == Report.Status.SCHEDULED:
            status = "scheduled"
        elif item.kind == "research" and any(
            r.status == Research.Status.REPORTED for r in item.researches.all()
        ):
            status = "done"  # the research report is made; heard only if it is submitted (then a report above)
        elif item.kind in ("inspection", "inquiry", "research") and (
            list(item.inspections.all())
            or list(item.inquiries.all())
            or list(item.researches.all())
        ):
            status = "underway"
        else:
            status = "planned"
        end = spans[item.obligation][1] if item.obligation in BY_CODE else None
        if end is None and item.planned_meeting_id:
            end = item.planned_meeting.ends_on
        elif end is None and item.planned_month:
            end = dt.date(plan.year, item.planned_month, 28)
        heard = status in ("deliberated", "in_handling", "evaluated", "done")
        if report is not None and report.status == Report.Status.SCHEDULED and report.meeting_id:
            end = max(end, report.meeting.ends_on) if end else report.meeting.ends_on
        overdue = bool(
            status not in ("cancelled", "underway") and not heard and end and today > end
        )
        out.append(ItemState(item, status, ITEM_STATES[status], overdue, end, report))
    return out


@dataclass
class MissingObligation:
    code: str
    title: Any
    rule: str
    window_end: dt.date
    overdue: bool


def missing_obligations(year: int, plan: Plan | None, today: dt.date) -> list[MissingObligation]:
    """Recurring obligations that are not in the year's plan at all (no plan, or removed)."""
    have = (
        set(plan.items.exclude(obligation="").values_list("obligation", flat=True))
        if plan
        else set()
    )
    spans = windows(year)
    return [
        MissingObligation(o.code, o.title, o.rule, spans[o.code][1], today > spans[o.code][1])
        for code, o in BY_CODE.items()
        if code not in have
    ]


def evaluations(year: int | None = None) -> QuerySet[Evaluation]:
    qs = Evaluation.objects.select_related(
        "round__opinion__body", "poll__seal", "poll__agenda_item__meeting"
    )
    if year:
        qs = qs.filter(poll__agenda_item__meeting__starts_on__year=year)
    return qs.order_by("-id")


def sealed_result(evaluation: Evaluation) -> dict | None:
    """The sealed tally of the evaluation's poll, or None while the vote is not sealed."""
    poll = evaluation.poll
    if poll.status != "sealed":
        return None
    seal = getattr(poll, "seal", None)
    return dict(seal.tally) if seal else None


def reports_for(user) -> QuerySet[Report]:
    if user is None or not user.is_authenticated or not user.has_perm("supervision.view_overview"):
        return Report.objects.none()
    return Report.objects.select_related("body", "meeting", "plan_item")


def inspections_list() -> QuerySet[Inspection]:
    return Inspection.objects.annotate(team_size=Count("team")).select_related("report")


def inspection_plan_late(inspection: Inspection, today: dt.date, days: int | None = None) -> bool:
    due = plan_due_on(inspection, days)
    if inspection.plan_sent_on is not None:
        return inspection.plan_sent_on > due
    return today > due


def research_list() -> QuerySet[Research]:
    return Research.objects.annotate(team_size=Count("team")).select_related("body", "report")


def published_research() -> QuerySet[Research]:
    """Research reports the public may see: reported and published."""
    return Research.objects.filter(published=True, status=Research.Status.REPORTED).select_related(
        "body"
    )


def attachment_response(research: Research):
    """The research report file as a download, or 404 when there is none."""
    if not research.attachment:
        raise Http404
    name = research.attachment.name.rsplit("/", 1)[-1]
    return FileResponse(research.attachment.open("rb"), as_attachment=True, filename=name)


def inquiries_list() -> QuerySet[InquirySession]:
    return InquirySession.objects.select_related("meeting", "report").annotate(
        n_questions=Count("questions", distinct=True),
        n_respondents=Count("respondents", distinct=True),
    )


def interpellations_list() -> QuerySet[Interpellation]:
    return Interpellation.objects.select_related("body", "answer_meeting").annotate(
        n_signers=Count("signer_rows")
    )


def opinion_counts(qs: QuerySet[Opinion]) -> dict[str, int]:
    return qs.aggregate(**{s: Count("id", filter=Q(status=s)) for s in Opinion.Status.values})


def is_manager(user) -> bool:
    return bool(user and user.is_authenticated and is_office_staff(user))


def published_reports() -> QuerySet[Report]:
    """The reports the public may see: heard (deliberated) and published, as the public index lists them."""
    return Report.objects.filter(published=True, status=Report.Status.DELIBERATED).select_related(
        "body", "meeting"
    )


def public_report_opinions(report: Report) -> list[Opinion]:
    """The report's published opinions with their rounds, replies and evaluations, in a constant number of queries."""
    rounds = OpinionRound.objects.select_related("case", "evaluation__poll__seal").order_by(
        "number"
    )
    return list(
        published_opinions()
        .filter(report=report)
        .select_related(None)
        .select_related("body")
        .prefetch_related(Prefetch("rounds", queryset=rounds), "rounds__case__replies")
        .order_by("id")
    )
