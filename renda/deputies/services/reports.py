"""The year's deputy-work plan (§2.8) and deputies' reports to their voters (述职, S26, §2.5).

The office drafts the plan, the council of chairpersons adopts it and the office publishes
it on the public site (代表法 Art. 43). The office arranges a deputy's report to the voters
or the electoral unit that elected them (published when arranged), and records it once held:
the report, how many came and how the voters evaluated it. A held report counts in the
deputy's duty record and towards the term's coverage (``deputy.voter_reports_per_term``).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.meetings.models import Meeting
from renda.people.models import Deputy

from ..models import VoterReport, WorkPlan

MANAGE = "deputies.manage"
P = WorkPlan.Status
V = VoterReport.Status
#: The most voters one report may count as present (a whole township's meeting is far less).
MAX_ATTENDANCE = 100_000


def _plan_text(title: str, body: str) -> dict:
    return {
        "title": validation.text(title, field="title", label=_("标题"), max_length=120),
        "body": validation.text(body, field="body", label=_("计划正文"), max_length=20000),
    }


@action(
    "deputies.plan.create",
    model=WorkPlan,
    permission=MANAGE,
    rule="§2.8",
    label=_("起草年度代表工作计划"),
)
def plan_create(ctx: ActionContext, *, year: int, title: str, body: str) -> WorkPlan:
    """Draft the plan of ``year``; there is one plan a year."""
    year = validation.year(year)
    fields = _plan_text(title, body)
    if WorkPlan.objects.filter(year=year).exists():
        raise Conflict(
            "plan_exists", _("{year}年度的代表工作计划已经登记。"), field="year", year=year
        )
    plan = WorkPlan.objects.create(year=year, created_by=ctx.user, **fields)
    ctx.audit_object = plan
    ctx.changes.update(year=year, title=plan.title)
    return plan


@action(
    "deputies.plan.update",
    model=WorkPlan,
    subject="plan",
    sources={P.DRAFT},
    permission=MANAGE,
    rule="§2.8",
    label=_("修改计划草稿"),
)
def plan_update(ctx: ActionContext, *, plan: WorkPlan, title: str, body: str) -> WorkPlan:
    """Change the draft; once adopted, the text is what the council adopted."""
    fields = _plan_text(title, body)
    changed = [name for name, value in fields.items() if getattr(plan, name) != value]
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.save(update_fields=[*fields, "updated_at"])
    ctx.changes.update(changed=changed)
    return plan


@action(
    "deputies.plan.adopt",
    model=WorkPlan,
    subject="plan",
    sources={P.DRAFT},
    target=P.ADOPTED,
    permission=MANAGE,
    rule="§2.8",
    label=_("登记主任会议通过"),
    refs={"meeting": Meeting},
)
def plan_adopt(
    ctx: ActionContext,
    *,
    plan: WorkPlan,
    adopted_on: dt.date | None,
    meeting: Meeting | None = None,
) -> WorkPlan:
    """Record the council of chairpersons' adoption, with its meeting when it is on record."""
    if adopted_on is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="adopted_on", label=_("通过日期")
        )
    if adopted_on > ctx.today:
        raise DomainError("future_date", _("通过日期不能晚于今天。"), field="adopted_on")
    if meeting is not None:
        if meeting.kind != Meeting.Kind.CHAIRPERSONS_COUNCIL:
            raise DomainError(
                "not_council_meeting",
                _("年度代表工作计划由主任会议通过，请选择主任会议。"),
                field="meeting",
            )
        if meeting.starts_on != adopted_on:
            raise DomainError(
                "date_mismatch",
                _("通过日期应为该次主任会议的日期（{day}）。"),
                field="adopted_on",
                day=meeting.starts_on,
            )
    plan.adopted_on, plan.adopted_at = adopted_on, meeting
    plan.save(update_fields=["adopted_on", "adopted_at", "updated_at"])
    ctx.changes.update(adopted_on=str(adopted_on), meeting=meeting.pk if meeting else None)
    return plan


@action(
    "deputies.plan.publish",
    model=WorkPlan,
    subject="plan",
    sources={P.ADOPTED},
    target=P.PUBLISHED,
    permission=MANAGE,
    rule="§2.8",
    label=_("印发并公布"),
)
def plan_publish(ctx: ActionContext, *, plan: WorkPlan) -> WorkPlan:
    """Circulate the adopted plan to the deputies and publish it on the public site."""
    plan.published_at = ctx.now
    plan.save(update_fields=["published_at", "updated_at"])
    ctx.changes.update(published_at=ctx.now.isoformat())
    return plan


# -- reports to voters (述职) --------------------------------------------------------------


def _serving(deputy: Deputy | None, day: dt.date) -> Deputy:
    if deputy is None:
        raise DomainError("field_required", _("请填写{label}。"), field="deputy", label=_("代表"))
    term = deputy.term
    if deputy.status != Deputy.Status.ACTIVE or (
        day < term.start_date or (term.end_date and day > term.end_date)
    ):
        raise Conflict(
            "deputy_not_active",
            _("{name}在{day}不是在任代表，不能安排述职。"),
            field="deputy",
            name=deputy.person.name,
            day=day,
        )
    return deputy


@action(
    "deputies.report.plan",
    model=VoterReport,
    permission=MANAGE,
    rule="§2.5, S26",
    label=_("安排代表述职"),
    refs={"deputy": Deputy},
)
def report_plan(
    ctx: ActionContext,
    *,
    deputy: Deputy | None,
    unit: str,
    held_on: dt.date | None,
    place: str,
) -> VoterReport:
    """Arrange a deputy's report to their voters or electoral unit; the public site lists it.
    A report already held is entered the same way (on its day) and then recorded."""
    if held_on is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="held_on", label=_("述职日期")
        )
    _serving(deputy, held_on)
    unit = validation.text(unit, field="unit", label=_("选区或选举单位"), max_length=120)
    place = validation.text(place, field="place", label=_("地点"), max_length=120)
    if VoterReport.objects.filter(deputy=deputy, held_on=held_on, status=V.PLANNED).exists():
        raise Conflict("report_exists", _("这一天已经安排了该代表的述职。"), field="held_on")
    report = VoterReport.objects.create(
        deputy=deputy, unit=unit, held_on=held_on, place=place, created_by=ctx.user
    )
    ctx.audit_object = report
    ctx.changes.update(deputy=deputy.pk, unit=unit, held_on=str(held_on), place=place)
    return report


@action(
    "deputies.report.record",
    model=VoterReport,
    subject="report",
    sources={V.PLANNED, V.HELD},
    target=V.HELD,
    permission=MANAGE,
    rule="§2.5, S26",
    label=_("记录述职情况"),
)
def report_record(
    ctx: ActionContext,
    *,
    report: VoterReport,
    text: str,
    attendance: int | None,
    satisfied: int | None = None,
    basically: int | None = None,
    unsatisfied: int | None = None,
) -> VoterReport:
    """Record the report once held: its text, how many came, the voters' evaluation (those
    who evaluated it, by 满意 / 基本满意 / 不满意). A record may be corrected."""
    if report.held_on > ctx.today:
        raise Conflict("not_yet", _("述职日期（{day}）还没到，不能记录。"), day=report.held_on)
    text = validation.text(text, field="text", label=_("述职报告"), max_length=20000)
    if attendance is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="attendance", label=_("参加人数")
        )
    counts = {"attendance": attendance, "satisfied": satisfied, "basically": basically,
              "unsatisfied": unsatisfied}  # fmt: skip
    for name, value in counts.items():
        if value is not None and not 0 <= value <= MAX_ATTENDANCE:
            raise DomainError("count_invalid", _("人数应为 0 至 100000。"), field=name)
    rated = sum(v or 0 for v in (satisfied, basically, unsatisfied))
    if rated > attendance:
        raise DomainError(
            "rated_exceeds_attendance",
            _("参加测评的人数（{rated}）不能多于参加人数（{attendance}）。"),
            field="satisfied",
            rated=rated,
            attendance=attendance,
        )
    report.report, report.recorded_by = text, ctx.user
    for name, value in counts.items():
        setattr(report, name, value)
    report.save()
    ctx.changes.update(counts)
    return report


@action(
    "deputies.report.cancel",
    model=VoterReport,
    subject="report",
    sources={V.PLANNED},
    target=V.CANCELLED,
    permission=MANAGE,
    rule="§2.5, S26",
    label=_("取消述职"),
)
def report_cancel(ctx: ActionContext, *, report: VoterReport, reason: str) -> VoterReport:
    """Call the report off; the public list says so, with the reason."""
    report.closing_note = validation.text(
        reason, field="reason", label=_("取消原因"), max_length=200
    )
    report.save(update_fields=["closing_note", "updated_at"])
    ctx.changes.update(reason=report.closing_note)
    return report


PLAN_ACTIONS = (plan_update, plan_adopt, plan_publish)
REPORT_ACTIONS = (report_record, report_cancel)
