"""A legislative project from its proposal to its promulgation (立法法 第29–47、81、87–89条).

Proposed (or taken from the plan) → argued before drafting (立项论证) → drafted → submitted
with its draft and explanation → read at meetings of the standing committee (normally three,
``legislation.readings``; fewer only on a recorded decision of the council of chairpersons,
第33条) → the legal committee's unified review with its report (第87条) → the vote through
the voting core, by a majority of all members (第44条) → sent to the province's standing
committee, which approves within four months (第81条) → promulgated by announcement with its
date of entry into force (第61、88条).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.statute import param
from renda.core.workdays import add_months
from renda.meetings.models import Meeting

from ..models import PlanItem, Project
from ._common import MANAGE

S = Project.Status
BEFORE_VOTE = {S.PROPOSED, S.DRAFTING, S.SUBMITTED, S.IN_READING, S.REVIEWED}


def _text(value, field, label, *, required=True, max_length=2000) -> str:
    return validation.text(value, field=field, label=label, required=required, max_length=max_length)  # fmt: skip


def _not_future(ctx: ActionContext, day: dt.date | None, field: str, label) -> dt.date:
    validation.required(day, field, label)
    if day > ctx.today:
        raise DomainError("date_future", _("{label}不能晚于今天。"), field=field, label=label)
    return day


@action(
    "legislation.project.create",
    model=Project,
    permission=MANAGE,
    rule="S5",
    label=_("登记立法项目"),
    refs={"plan_item": PlanItem},
)
def project_create(
    ctx: ActionContext,
    *,
    title: str,
    proposer: str,
    kind: str = Project.Kind.ENACT,
    proposer_name: str = "",
    drafter: str = "",
    committee: str = "",
    proposed_on: dt.date | None = None,
    summary: str = "",
    plan_item: PlanItem | None = None,
) -> Project:
    """Register a project, from a plan's item or proposed outside the plan."""
    if plan_item is not None and (
        plan_item.project_id is not None or plan_item.status != PlanItem.Status.LISTED
    ):
        raise Conflict("item_taken", _("该计划项目已经登记为立法项目或已调出。"), field="plan_item")  # fmt: skip
    project = Project.objects.create(
        title=_text(
            title or (plan_item.title if plan_item else ""), "title", _("法规名称"), max_length=120
        ),  # fmt: skip
        kind=validation.choice(kind, Project.Kind, field="kind"),
        proposer=validation.choice(proposer, Project.Proposer, field="proposer"),
        proposer_name=_text(
            proposer_name, "proposer_name", _("提案人"), required=False, max_length=100
        ),  # fmt: skip
        drafter=_text(
            drafter or (plan_item.drafter if plan_item else ""),
            "drafter",
            _("起草单位"),
            required=False,
            max_length=100,
        ),  # fmt: skip
        committee=_text(
            committee or (plan_item.committee if plan_item else ""),
            "committee",
            _("牵头委员会"),
            required=False,
            max_length=100,
        ),  # fmt: skip
        proposed_on=_not_future(ctx, proposed_on or ctx.today, "proposed_on", _("立项日期")),
        summary=_text(
            summary, "summary", _("立法目的和主要内容"), required=False, max_length=5000
        ),  # fmt: skip
        readings_required=int(param("legislation.readings")),
        created_by=ctx.user,
    )
    if plan_item is not None:
        plan_item.project = project
        plan_item.save(update_fields=["project", "updated_at"])
    ctx.audit_object = project
    ctx.changes.update(plan_item=plan_item.pk if plan_item else None, proposer=project.proposer)
    return project


@action(
    "legislation.project.argue",
    model=Project,
    subject="project",
    sources={S.PROPOSED},
    target=S.DRAFTING,
    permission=MANAGE,
    rule="S5",
    label=_("登记立项论证"),
)
def project_argue(
    ctx: ActionContext, *, project: Project, argued_on: dt.date | None, argument: str
) -> Project:
    """Record the argumentation before legislating (necessity, feasibility, main questions)."""
    project.argued_on = _not_future(ctx, argued_on, "argued_on", _("论证日期"))
    project.argument = _text(argument, "argument", _("论证结论"), max_length=5000)
    project.save(update_fields=["argued_on", "argument", "updated_at"])
    ctx.changes["argued_on"] = str(project.argued_on)
    return project


def _has_draft(ctx: ActionContext, project: Project) -> None:
    if not project.versions.exists():
        raise Conflict("no_draft", _("请先登记草案文本及其说明（立法法第58条）。"))


@action(
    "legislation.project.submit",
    model=Project,
    subject="project",
    sources={S.DRAFTING},
    target=S.SUBMITTED,
    permission=MANAGE,
    precondition=_has_draft,
    rule="S5",
    label=_("登记提请审议"),
)
def project_submit(
    ctx: ActionContext, *, project: Project, submitted_on: dt.date | None, proposer_name: str = ""
) -> Project:
    """The bill arrives at the standing committee with its draft and explanation; the
    number of readings is the local setting in force that day."""
    project.submitted_on = _not_future(ctx, submitted_on, "submitted_on", _("提请日期"))
    if proposer_name:
        project.proposer_name = _text(proposer_name, "proposer_name", _("提案人"), max_length=100)
    project.readings_required = int(param("legislation.readings"))
    project.save(update_fields=["submitted_on", "proposer_name", "readings_required", "updated_at"])
    ctx.changes.update(submitted_on=str(project.submitted_on), readings=project.readings_required)
    return project


@action(
    "legislation.project.fewer_readings",
    model=Project,
    subject="project",
    sources={S.SUBMITTED, S.IN_READING},
    permission=MANAGE,
    rule="S5",
    label=_("登记主任会议减少审议次数的决定"),
)
def project_fewer_readings(
    ctx: ActionContext, *, project: Project, readings: int | None, ground: str,
    decided_on: dt.date | None,
) -> Project:  # fmt: skip
    """Fewer readings than the setting, only on the council of chairpersons' decision with
    its ground (立法法 第33条: views agree, or a narrow or urgent amendment)."""
    normal = int(param("legislation.readings"))
    held = project.readings.filter(status="held").count()
    if not isinstance(readings, int) or not max(1, held) <= readings < normal:
        raise DomainError(
            "readings_invalid", _("审议次数应少于{normal}次，且不少于已审议的次数（{held}次）。"),
            field="readings", normal=normal, held=max(1, held),
        )  # fmt: skip
    project.readings_required = readings
    project.fewer_readings_ground = _text(ground, "ground", _("理由"), max_length=300)
    project.fewer_readings_on = _not_future(ctx, decided_on, "decided_on", _("决定日期"))
    project.save(update_fields=["readings_required", "fewer_readings_ground", "fewer_readings_on", "updated_at"])  # fmt: skip
    ctx.changes.update(readings=readings, decided_on=str(project.fewer_readings_on))
    return project


@action(
    "legislation.project.withdraw",
    model=Project,
    subject="project",
    sources=BEFORE_VOTE,
    target=S.WITHDRAWN,
    permission=MANAGE,
    rule="S5",
    label=_("撤回"),
)
def project_withdraw(ctx: ActionContext, *, project: Project, reason: str) -> Project:
    """The proposer withdraws the bill before the vote, with its reason (立法法 第43条)."""
    project.closing_note = _text(reason, "reason", _("撤回理由"), max_length=300)
    project.save(update_fields=["closing_note", "updated_at"])
    return project


@action(
    "legislation.project.terminate",
    model=Project,
    subject="project",
    sources={S.SUBMITTED, S.IN_READING, S.REVIEWED, S.NOT_PASSED},
    target=S.TERMINATED,
    permission=MANAGE,
    rule="S5",
    label=_("登记终止审议"),
)
def project_terminate(ctx: ActionContext, *, project: Project, reason: str) -> Project:
    """The council of chairpersons ends the reading of a shelved bill (立法法 第45条)."""
    project.closing_note = _text(reason, "reason", _("终止理由"), max_length=300)
    project.save(update_fields=["closing_note", "updated_at"])
    return project


@action(
    "legislation.project.send_for_approval",
    model=Project,
    subject="project",
    sources={S.PASSED},
    target=S.AWAITING_APPROVAL,
    permission=MANAGE,
    rule="S5",
    label=_("报请省人大常委会批准"),
)
def project_send_for_approval(
    ctx: ActionContext, *, project: Project, sent_on: dt.date | None
) -> Project:
    """Send the passed regulation for approval; the province answers within
    ``legislation.approval_months`` months (立法法 第81条)."""
    project.sent_for_approval_on = _not_future(ctx, sent_on, "sent_on", _("报请日期"))
    if project.voted_on and project.sent_for_approval_on < project.voted_on:
        raise DomainError("date_before_vote", _("报请日期不能早于表决日期。"), field="sent_on")
    project.approval_due_on = add_months(project.sent_for_approval_on, int(param("legislation.approval_months")))  # fmt: skip
    project.save(update_fields=["sent_for_approval_on", "approval_due_on", "updated_at"])
    ctx.changes.update(sent_on=str(project.sent_for_approval_on), due=str(project.approval_due_on))
    return project


@action(
    "legislation.project.record_approval",
    model=Project,
    subject="project",
    sources={S.AWAITING_APPROVAL},
    target=S.APPROVED,
    permission=MANAGE,
    rule="S5",
    label=_("登记批准"),
)
def project_record_approval(
    ctx: ActionContext, *, project: Project, approved_on: dt.date | None, reference: str
) -> Project:
    """Record the province's approval with its document."""
    project.approved_on = _not_future(ctx, approved_on, "approved_on", _("批准日期"))
    if project.approved_on < project.sent_for_approval_on:
        raise DomainError("date_before_sent", _("批准日期不能早于报请日期。"), field="approved_on")
    project.approval_reference = _text(reference, "reference", _("批准文件"), max_length=120)
    project.save(update_fields=["approved_on", "approval_reference", "updated_at"])
    ctx.changes.update(approved_on=str(project.approved_on), reference=project.approval_reference)
    return project


@action(
    "legislation.project.promulgate",
    model=Project,
    subject="project",
    sources={S.APPROVED},
    target=S.PROMULGATED,
    permission=MANAGE,
    rule="S5",
    label=_("登记公布施行"),
)
def project_promulgate(
    ctx: ActionContext, *, project: Project, promulgated_on: dt.date | None, announcement: str,
    effective_on: dt.date | None,
) -> Project:  # fmt: skip
    """The standing committee's announcement (立法法 第88条) and the date of entry into force,
    which the regulation must state (第61条)."""
    project.promulgated_on = _not_future(ctx, promulgated_on, "promulgated_on", _("公布日期"))
    if project.promulgated_on < project.approved_on:
        raise DomainError("date_before_approval", _("公布日期不能早于批准日期。"), field="promulgated_on")  # fmt: skip
    validation.required(effective_on, "effective_on", _("施行日期"))
    if effective_on < project.promulgated_on:
        raise DomainError("date_order", _("施行日期不能早于公布日期。"), field="effective_on")
    project.effective_on = effective_on
    project.announcement = _text(announcement, "announcement", _("公告文号"), max_length=120)
    project.save(update_fields=["promulgated_on", "effective_on", "announcement", "updated_at"])
    ctx.changes.update(promulgated_on=str(project.promulgated_on), effective_on=str(effective_on))
    return project


@action(
    "legislation.project.publish_feedback",
    model=Project,
    subject="project",
    sources={S.PASSED, S.AWAITING_APPROVAL, S.APPROVED, S.PROMULGATED},
    permission=MANAGE,
    rule="S5",
    label=_("公布征求意见情况"),
)
def project_publish_feedback(ctx: ActionContext, *, project: Project, feedback: str) -> Project:
    """Publish how the public's comments were handled (立法法 第40条: 征求意见的情况应当向
    社会通报); every group of comments must have its handling first."""
    if project.comment_groups.filter(handling="pending").exists():
        raise Conflict("groups_pending", _("还有意见归类尚未写明处理情况。"), field="feedback")
    project.feedback = _text(feedback, "feedback", _("征求意见情况通报"), max_length=20000)
    project.feedback_published_at = ctx.now
    project.save(update_fields=["feedback", "feedback_published_at", "updated_at"])
    return project


def meeting_for_sc(meeting: Meeting | None, label) -> Meeting:
    """A standing-committee meeting not yet closed, or the refusal."""
    validation.required(meeting, "meeting", label)
    if meeting.kind != Meeting.Kind.SC_MEETING or meeting.status == Meeting.Status.CLOSED:
        raise DomainError("not_sc_meeting", _("请选择尚未闭会的常委会会议。"), field="meeting")
    return meeting
