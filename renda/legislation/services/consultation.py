"""Experts, consultations and hearings, and evaluation after legislating (立法法 第39、67条)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import PUBLIC, ActionContext, action
from renda.core.errors import Conflict, DomainError

from ..models import (
    Consultation,
    Evaluation,
    Expert,
    ExpertOpinion,
    HearingRegistration,
    Interpretation,
    Project,
)
from ._common import MANAGE

C = Consultation.Status
K = Consultation.Kind
S = Project.Status
E = Evaluation.Status
H = HearingRegistration.Status


def _t(value, field, label, *, required=True, max_length=200) -> str:
    return validation.text(value, field=field, label=label, required=required, max_length=max_length)  # fmt: skip


@action("legislation.expert.create", model=Expert, permission=MANAGE, rule="S5", label=_("登记立法专家"))  # fmt: skip
def expert_create(
    ctx: ActionContext, *, name: str, fields: str, organisation: str = "", title: str = "",
    contact: str = "", conflicts: str = "",
) -> Expert:  # fmt: skip
    """Add an expert to the pool with their fields and the bodies they are tied to."""
    expert = Expert.objects.create(
        name=_t(name, "name", _("姓名"), max_length=40),
        fields=_t(fields, "fields", _("专业领域")),
        organisation=_t(
            organisation, "organisation", _("工作单位"), required=False, max_length=100
        ),
        title=_t(title, "title", _("职称或职务"), required=False, max_length=60),
        contact=_t(contact, "contact", _("联系方式"), required=False, max_length=80),
        conflicts=_t(conflicts, "conflicts", _("利益关联单位"), required=False, max_length=300),
    )
    ctx.audit_object = expert
    return expert


@action(
    "legislation.expert.set_availability", model=Expert, subject="expert", permission=MANAGE,
    rule="S5", label=_("设置是否可参加咨询"),
)  # fmt: skip
def expert_set_availability(ctx: ActionContext, *, expert: Expert, available: bool, note: str = "") -> Expert:  # fmt: skip
    """Mark the expert available or not (abroad, ill, retired), with a note."""
    expert.available = bool(available)
    expert.note = _t(note, "note", _("说明"), required=False)
    expert.save(update_fields=["available", "note", "updated_at"])
    ctx.changes["available"] = expert.available
    return expert


def _check_experts(project: Project, experts: list[Expert]) -> None:
    for expert in experts:
        if not expert.available:
            raise Conflict("expert_unavailable", _("{name}目前不能参加咨询。"), field="experts", name=expert.name)  # fmt: skip
        if expert.conflicted_with(project.drafter):
            raise Conflict(
                "expert_conflict", _("{name}与起草单位{body}存在利益关联，不宜邀请。"),
                field="experts", name=expert.name, body=project.drafter,
            )  # fmt: skip


@action(
    "legislation.project.plan_consultation",
    model=Project,
    subject="project",
    sources={S.PROPOSED, S.DRAFTING, S.SUBMITTED, S.IN_READING, S.REVIEWED},
    permission=MANAGE,
    rule="S5",
    label=_("安排论证、座谈或听证"),
    refs={"experts": Expert},
)
def project_plan_consultation(
    ctx: ActionContext, *, project: Project, kind: str, title: str, held_on: dt.date | None,
    place: str = "", notice: str = "", registration_closes_on: dt.date | None = None,
    experts: list[Expert] | None = None,
) -> Consultation:  # fmt: skip
    """Arrange a consultation with the experts invited; a hearing is announced with its
    registration deadline before the day (立法法 第39条)."""
    kind = validation.choice(kind, K, field="kind")
    validation.required(held_on, "held_on", _("日期"))
    experts = list(experts or [])
    _check_experts(project, experts)
    if kind == K.HEARING:
        if held_on <= ctx.today:
            raise DomainError("date_past", _("听证会应在公告之后举行。"), field="held_on")
        validation.required(registration_closes_on, "registration_closes_on", _("报名截止日期"))
        if not ctx.today <= registration_closes_on < held_on:
            raise DomainError("registration_window", _("报名截止日期应在今天以后、听证会举行之前。"), field="registration_closes_on")  # fmt: skip
        notice = _t(notice, "notice", _("公告"), max_length=5000)
    elif kind in (K.EXPERT_OPINION, K.ARGUMENTATION) and not experts:
        raise DomainError(
            "field_required", _("请选择{label}。"), field="experts", label=_("邀请专家")
        )
    consultation = Consultation.objects.create(
        project=project, kind=kind, title=_t(title, "title", _("主题"), max_length=120),
        held_on=held_on, place=_t(place, "place", _("地点"), required=False, max_length=120),
        notice=notice if kind == K.HEARING else "",
        registration_closes_on=registration_closes_on if kind == K.HEARING else None,
    )  # fmt: skip
    consultation.experts.set(experts)
    ctx.changes.update(
        consultation=consultation.pk, kind=kind, experts=sorted(e.pk for e in experts)
    )
    return consultation


@action(
    "legislation.consultation.add_opinion",
    model=Consultation,
    subject="consultation",
    sources={C.PLANNED, C.HELD},
    permission=MANAGE,
    rule="S5",
    label=_("登记专家意见"),
    refs={"expert": Expert},
)
def consultation_add_opinion(
    ctx: ActionContext, *, consultation: Consultation, expert: Expert, opinion: str,
    received_on: dt.date | None = None,
) -> ExpertOpinion:  # fmt: skip
    """Keep an invited expert's opinion (one per expert; a second replaces nothing)."""
    if not consultation.experts.filter(pk=expert.pk).exists():
        raise DomainError("expert_not_invited", _("{name}未受邀参加本次咨询。"), field="expert", name=expert.name)  # fmt: skip
    if consultation.opinions.filter(expert=expert).exists():
        raise Conflict(
            "opinion_recorded", _("已登记{name}的意见。"), field="expert", name=expert.name
        )
    day = received_on or ctx.today
    if day > ctx.today:
        raise DomainError("date_future", _("收到日期不能晚于今天。"), field="received_on")
    row = ExpertOpinion.objects.create(consultation=consultation, expert=expert, opinion=_t(opinion, "opinion", _("意见"), max_length=10000), received_on=day)  # fmt: skip
    ctx.changes.update(expert=expert.pk)
    return row


@action(
    "legislation.consultation.register",
    model=Consultation,
    subject="consultation",
    sources={C.PLANNED},
    permission=PUBLIC,
    rule="S5",
    label=_("报名参加听证会"),
)
def consultation_register(
    ctx: ActionContext, *, consultation: Consultation, name: str, contact: str, side: str,
    summary: str, organisation: str = "",
) -> HearingRegistration:  # fmt: skip
    """Ask to speak at a hearing before its registration closes; name and contact stay with
    the office."""
    if not consultation.is_hearing or not consultation.registration_closes_on:
        raise Conflict("not_hearing", _("只有听证会可以报名。"))
    if ctx.today > consultation.registration_closes_on:
        raise Conflict("registration_closed", _("听证会报名已经截止。"))
    row = HearingRegistration.objects.create(
        consultation=consultation, name=_t(name, "name", _("姓名"), max_length=40),
        contact=_t(contact, "contact", _("联系方式"), max_length=80),
        organisation=_t(organisation, "organisation", _("单位或身份"), required=False, max_length=100),
        side=validation.choice(side, HearingRegistration.Side, field="side"),
        summary=_t(summary, "summary", _("陈述要点"), max_length=2000), registered_at=ctx.now,
    )  # fmt: skip
    ctx.changes.update(registration=row.pk, side=row.side)
    return row


@action(
    "legislation.consultation.select_speakers",
    model=Consultation,
    subject="consultation",
    sources={C.PLANNED},
    permission=MANAGE,
    rule="S5",
    label=_("确定陈述人"),
    refs={"registrations": HearingRegistration},
)
def consultation_select_speakers(
    ctx: ActionContext, *, consultation: Consultation, registrations: list[HearingRegistration]
) -> Consultation:
    """Choose the speakers among those registered (the others are told they were not chosen);
    each view should be heard, so a hearing with registrations on several sides needs a
    speaker from each."""
    if any(r.consultation_id != consultation.pk for r in registrations):
        raise DomainError("registration_unknown", _("所选报名不属于本次听证会。"), field="registrations")  # fmt: skip
    if not registrations:
        raise DomainError("field_required", _("请选择{label}。"), field="registrations", label=_("陈述人"))  # fmt: skip
    sides = set(consultation.registrations.values_list("side", flat=True))
    chosen = {r.side for r in registrations}
    if len(sides) > 1 and len(chosen) < len(sides):
        raise Conflict("speakers_one_sided", _("报名者有不同观点，陈述人应当兼顾各方。"), field="registrations")  # fmt: skip
    ids = [r.pk for r in registrations]
    consultation.registrations.filter(pk__in=ids).update(status=H.SELECTED)
    consultation.registrations.exclude(pk__in=ids).update(status=H.NOT_SELECTED)
    ctx.changes["speakers"] = sorted(ids)
    return consultation


@action(
    "legislation.consultation.record",
    model=Consultation,
    subject="consultation",
    sources={C.PLANNED},
    target=C.HELD,
    permission=MANAGE,
    rule="S5",
    label=_("登记举行情况"),
)
def consultation_record(ctx: ActionContext, *, consultation: Consultation, record: str) -> Consultation:  # fmt: skip
    """Record what was said, on or after the day (the hearing's report to the standing
    committee, 第39条)."""
    if consultation.held_on > ctx.today:
        raise Conflict("not_yet_held", _("{day}举行后才能登记。"), day=consultation.held_on.isoformat())  # fmt: skip
    consultation.record = _t(record, "record", _("情况记录"), max_length=20000)
    consultation.save(update_fields=["record", "updated_at"])
    return consultation


@action(
    "legislation.consultation.cancel",
    model=Consultation,
    subject="consultation",
    sources={C.PLANNED},
    target=C.CANCELLED,
    permission=MANAGE,
    rule="S5",
    label=_("取消"),
)
def consultation_cancel(ctx: ActionContext, *, consultation: Consultation, reason: str) -> Consultation:  # fmt: skip
    consultation.closing_note = _t(reason, "reason", _("理由"))
    consultation.save(update_fields=["closing_note", "updated_at"])
    return consultation


@action(
    "legislation.project.plan_evaluation",
    model=Project,
    subject="project",
    sources={S.PROMULGATED},
    permission=MANAGE,
    rule="S5",
    label=_("开展立法后评估"),
)
def project_plan_evaluation(ctx: ActionContext, *, project: Project, plan: str, started_on: dt.date | None) -> Evaluation:  # fmt: skip
    """Start evaluating a regulation in force (立法法 第67条), one evaluation at a time."""
    validation.required(started_on, "started_on", _("开始日期"))
    if project.effective_on and started_on < project.effective_on:
        raise DomainError("before_in_force", _("评估应在法规施行以后开展。"), field="started_on")
    if project.evaluations.filter(status=E.PLANNED).exists():
        raise Conflict("evaluation_open", _("该法规已有一项评估正在进行。"))
    evaluation = Evaluation.objects.create(project=project, plan=_t(plan, "plan", _("评估方案"), max_length=10000), started_on=started_on)  # fmt: skip
    ctx.changes["evaluation"] = evaluation.pk
    return evaluation


@action(
    "legislation.evaluation.report",
    model=Evaluation,
    subject="evaluation",
    sources={E.PLANNED},
    target=E.REPORTED,
    permission=MANAGE,
    rule="S5",
    label=_("登记评估报告"),
)
def evaluation_report(
    ctx: ActionContext, *, evaluation: Evaluation, report: str, conclusion: str,
    reported_on: dt.date | None, inputs: str = "",
) -> Evaluation:  # fmt: skip
    """The report with its conclusion: keep, amend or repeal; it goes to the standing committee."""
    validation.required(reported_on, "reported_on", _("报告日期"))
    if not evaluation.started_on <= reported_on <= ctx.today:
        raise DomainError("date_invalid", _("报告日期应在评估开始以后、不晚于今天。"), field="reported_on")  # fmt: skip
    evaluation.report = _t(report, "report", _("评估报告"), max_length=50000)
    evaluation.inputs = _t(inputs, "inputs", _("问卷调查和征集意见情况"), required=False, max_length=10000)  # fmt: skip
    evaluation.conclusion = validation.choice(conclusion, Evaluation.Conclusion, field="conclusion")
    evaluation.reported_on = reported_on
    evaluation.save(update_fields=["report", "inputs", "conclusion", "reported_on", "updated_at"])
    ctx.changes.update(conclusion=evaluation.conclusion)
    return evaluation


def _wants_change(ctx: ActionContext, evaluation: Evaluation) -> None:
    if evaluation.conclusion not in (Evaluation.Conclusion.AMEND, Evaluation.Conclusion.REPEAL):
        raise Conflict("no_follow_up", _("评估结论为继续施行，不需要后续立法项目。"))
    if evaluation.follow_up_id is not None:
        raise Conflict("follow_up_exists", _("已据此评估登记后续立法项目。"))


@action(
    "legislation.evaluation.follow_up",
    model=Evaluation,
    subject="evaluation",
    sources={E.REPORTED},
    permission=MANAGE,
    precondition=_wants_change,
    precondition_hides=True,
    rule="S5",
    label=_("据此登记修改或废止项目"),
)
def evaluation_follow_up(ctx: ActionContext, *, evaluation: Evaluation) -> Project:
    """Register the amendment (or repeal) project the evaluation recommends."""
    from .projects import project_create

    old = evaluation.project
    kind = (
        Project.Kind.AMEND
        if evaluation.conclusion == Evaluation.Conclusion.AMEND
        else Project.Kind.REPEAL
    )
    suffix = _("（修改）") if kind == Project.Kind.AMEND else _("（废止）")
    project = ctx.perform(
        project_create, title=f"{old.title}{suffix}"[:120], kind=kind, proposer=Project.Proposer.CHAIRPERSONS_COUNCIL,
        drafter=old.drafter, committee=old.committee,
        summary=str(_("根据立法后评估报告（{day}）提出。")).format(day=evaluation.reported_on.isoformat()),
    )  # fmt: skip
    evaluation.follow_up = project
    evaluation.save(update_fields=["follow_up", "updated_at"])
    ctx.changes["follow_up"] = project.pk
    return project


@action(
    "legislation.project.add_interpretation",
    model=Project,
    subject="project",
    sources={S.PROMULGATED},
    permission=MANAGE,
    rule="S5",
    label=_("登记法规解释或询问答复"),
)
def project_add_interpretation(
    ctx: ActionContext, *, project: Project, kind: str, question: str, text: str,
    adopted_on: dt.date | None, articles: str = "",
) -> Interpretation:  # fmt: skip
    """Record an interpretation or an answer on a regulation in force; it is published with
    the regulation."""
    validation.required(adopted_on, "adopted_on", _("通过或答复日期"))
    if adopted_on > ctx.today or (project.promulgated_on and adopted_on < project.promulgated_on):
        raise DomainError(
            "date_invalid", _("日期应在法规公布以后、不晚于今天。"), field="adopted_on"
        )
    row = Interpretation.objects.create(
        project=project, kind=validation.choice(kind, Interpretation.Kind, field="kind"),
        articles=_t(articles, "articles", _("所涉条文"), required=False, max_length=60),
        question=_t(question, "question", _("问题"), max_length=5000),
        text=_t(text, "text", _("解释或答复"), max_length=20000), adopted_on=adopted_on,
    )  # fmt: skip
    ctx.changes.update(interpretation=row.pk, kind=row.kind)
    return row


CONSULTATION_ACTIONS = (
    consultation_add_opinion,
    consultation_select_speakers,
    consultation_record,
    consultation_cancel,
)
EVALUATION_ACTIONS = (evaluation_report, evaluation_follow_up)
