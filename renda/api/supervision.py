"""Supervision API: plans, reports, opinions, inquiries, evaluations, interpellations, inspections, judicial records.

Anonymous callers see what the public site shows (S11): published plans, reports heard
and published, sent and published opinions, held inquiries and sealed evaluation results.
Staff and leaders see everything; a unit officer the opinions sent to their own body.
Writes go through :mod:`renda.supervision.services`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from renda.meetings.models import Meeting
from renda.people.models import Organization, Person
from renda.supervision import services
from renda.supervision.models import (
    Evaluation,
    InquiryQuestion,
    InquirySession,
    Inspection,
    InspectionMember,
    JudicialRecord,
    Opinion,
    Plan,
    PlanItem,
    Report,
    TopicKind,
    TopicSource,
)
from renda.supervision.selectors import opinions_visible_to, published_opinions, sealed_result

from .auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from .common import Id, InputSchema, PageQuery, PathId, Year, choice, page, text
from .errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference

router = Router(tags=["supervision"])

MANAGE = "supervision.manage"
DECIDE = "supervision.decide"
INTERPELLATE = "supervision.interpellate"


def _staff_side(user) -> bool:
    return user is not None and user.is_authenticated and user.has_perm("supervision.view_overview")


def _plans_for(user):
    qs = Plan.objects.all()
    return qs if _staff_side(user) else qs.filter(published_at__isnull=False)


def _reports_for(user):
    qs = Report.objects.select_related("body", "meeting")
    return qs if _staff_side(user) else qs.filter(published=True, status=Report.Status.DELIBERATED)


def _opinions_for(user):
    if user is not None and user.is_authenticated and user.has_perm("supervision.view"):
        return opinions_visible_to(user)
    return published_opinions()


def _evaluations_for(user):
    qs = Evaluation.objects.select_related("round__opinion__body", "poll__seal")
    if _staff_side(user):
        return qs
    return qs.filter(poll__status="sealed", round__opinion__published=True)


def _inquiries_for(user):
    qs = InquirySession.objects.select_related("meeting")
    return qs if _staff_side(user) else qs.filter(status=InquirySession.Status.HELD)


def _get(model, field: str, pk: int | None):
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise unknown_reference(field)
    return obj


# --------------------------------------------------------------------------- plans


class PlanListItemOut(Schema):
    id: int
    year: int
    title: str
    status: str
    version: int
    published_at: dt.datetime | None


class PlanListOut(Schema):
    count: int
    items: list[PlanListItemOut]


class PlanListQuery(PageQuery):
    year: Year | None = None


def _plan_row(p: Plan) -> dict[str, Any]:
    return {
        "id": p.pk,
        "year": p.year,
        "title": p.title,
        "status": p.status,
        "version": p.version,
        "published_at": p.published_at,
    }


@router.get(
    "/supervision/plans",
    response={200: PlanListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_plans_list",
    summary="年度监督计划列表 · List supervision plans",
    description="Anonymous callers see published plans only.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_plans_list(request, filters: Query[PlanListQuery]):
    qs = _plans_for(request.auth)
    if filters.year:
        qs = qs.filter(year=filters.year)
    return page(qs.order_by("-year"), filters, _plan_row)


class PlanItemOut(Schema):
    id: int
    kind: str
    title: str
    supervised_body_id: int | None
    responsible_body_id: int | None
    planned_meeting_id: int | None
    planned_month: int | None
    source: str
    source_type: str
    source_id: str
    obligation: str
    with_evaluation: bool
    cancelled: bool


class PlanDetailOut(Schema):
    id: int
    year: int
    title: str
    status: str
    version: int
    published_at: dt.datetime | None
    adopted_at: dt.datetime | None
    party_consent: bool
    items: list[PlanItemOut]


def _item_row(i) -> dict[str, Any]:
    return {
        "id": i.pk,
        "kind": i.kind,
        "title": i.title,
        "supervised_body_id": i.supervised_body_id,
        "responsible_body_id": i.responsible_body_id,
        "planned_meeting_id": i.planned_meeting_id,
        "planned_month": i.planned_month,
        "source": i.source,
        "source_type": i.source_type,
        "source_id": i.source_id,
        "obligation": i.obligation,
        "with_evaluation": i.with_evaluation,
        "cancelled": i.cancelled,
    }


@router.get(
    "/supervision/plans/{plan_id}",
    response={200: PlanDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_plans_detail",
    summary="年度监督计划详情 · Get a supervision plan",
    description="With its topics; recurring obligations carry their code.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_plans_detail(request, plan_id: PathId):
    plan = get_object_or_404(_plans_for(request.auth), pk=plan_id)
    return {
        **_plan_row(plan),
        "adopted_at": plan.adopted_at,
        "party_consent": plan.party_consent,
        "items": [_item_row(i) for i in plan.items.order_by("planned_month", "order", "id")],
    }


class PlanCreateIn(InputSchema):
    year: Year
    title: text(200) = ""


class PlanCreatedOut(Schema):
    id: int
    year: int
    status: str
    items: int


@router.post(
    "/supervision/plans",
    response={201: PlanCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_plans_create",
    summary="制定年度监督计划 · Draft the year's plan",
    description="The recurring obligations (S8, S9, §4.3–§4.6) are added as topics.",
)
def supervision_plans_create(request, payload: PlanCreateIn):
    user = require(request, MANAGE)
    plan = services.plan_create(actor=user, year=payload.year, title=payload.title)
    return Status(
        201, {"id": plan.pk, "year": plan.year, "status": plan.status, "items": plan.items.count()}
    )


class PlanItemIn(InputSchema):
    kind: choice(TopicKind)
    title: text(200)
    supervised_body_id: Id | None = None
    responsible_body_id: Id | None = None
    planned_meeting_id: Id | None = None
    planned_month: int | None = None
    source: choice(TopicSource) = TopicSource.MEMBERS
    source_type: text(60) = ""
    source_id: text(64) = ""
    source_note: text(300) = ""
    with_evaluation: bool = False


class PlanItemCreatedOut(Schema):
    id: int
    plan_id: int
    kind: str
    title: str


@router.post(
    "/supervision/plans/{plan_id}/items",
    response={201: PlanItemCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_plans_items_create",
    summary="增加计划议题 · Add a topic to a draft plan",
)
def supervision_plans_items_create(request, plan_id: PathId, payload: PlanItemIn):
    user = require(request, MANAGE)
    plan = get_object_or_404(Plan, pk=plan_id)
    item = services.plan_item_add(
        actor=user,
        plan=plan,
        kind=payload.kind,
        title=payload.title,
        supervised_body=_get(Organization, "supervised_body_id", payload.supervised_body_id),
        responsible_body=_get(Organization, "responsible_body_id", payload.responsible_body_id),
        planned_meeting=_get(Meeting, "planned_meeting_id", payload.planned_meeting_id),
        planned_month=payload.planned_month,
        source=payload.source,
        source_type=payload.source_type,
        source_id=payload.source_id,
        source_note=payload.source_note,
        with_evaluation=payload.with_evaluation,
    )
    return Status(201, {"id": item.pk, "plan_id": plan.pk, "kind": item.kind, "title": item.title})


class PlanAdoptIn(InputSchema):
    party_consent: bool
    party_consent_note: text(300) = ""
    council_meeting_id: Id | None = None


class PlanAdoptedOut(Schema):
    id: int
    status: str
    version: int
    adopted_at: dt.datetime | None


@router.post(
    "/supervision/plans/{plan_id}/adopt",
    response={200: PlanAdoptedOut, **WRITE_ERRORS},
    auth=write_auth(DECIDE),
    operation_id="supervision_plans_adopt",
    summary="主任会议通过计划 · Record the council's adoption of the plan",
    description="May record the party committee's consent (S2).",
)
def supervision_plans_adopt(request, plan_id: PathId, payload: PlanAdoptIn):
    user = require(request, DECIDE)
    plan = get_object_or_404(Plan, pk=plan_id)
    plan = services.plan_adopt(
        actor=user,
        plan=plan,
        party_consent=payload.party_consent,
        party_consent_note=payload.party_consent_note,
        council_meeting=_get(Meeting, "council_meeting_id", payload.council_meeting_id),
    )
    return {
        "id": plan.pk,
        "status": plan.status,
        "version": plan.version,
        "adopted_at": plan.adopted_at,
    }


# --------------------------------------------------------------------------- reports


class ReportListItemOut(Schema):
    id: int
    title: str
    body_id: int
    body_name: str
    meeting_id: int | None
    status: str
    deliberated_at: dt.datetime | None


class ReportListOut(Schema):
    count: int
    items: list[ReportListItemOut]


def _report_row(r: Report) -> dict[str, Any]:
    return {
        "id": r.pk,
        "title": r.title,
        "body_id": r.body_id,
        "body_name": r.body.name,
        "meeting_id": r.meeting_id,
        "status": r.status,
        "deliberated_at": r.deliberated_at,
    }


@router.get(
    "/supervision/reports",
    response={200: ReportListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_reports_list",
    summary="专项工作报告列表 · List reports",
    description="Anonymous callers see reports heard and published.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_reports_list(request, filters: Query[PageQuery]):
    return page(_reports_for(request.auth).order_by("-id"), filters, _report_row)


class MilestoneOut(Schema):
    step: str
    due_on: dt.date | None
    done_on: dt.date | None
    late: bool


class ReportDetailOut(Schema):
    id: int
    title: str
    body_id: int
    body_name: str
    meeting_id: int | None
    status: str
    deliberated_at: dt.datetime | None
    plan_item_id: int | None
    agenda_item_id: int | None
    milestones: list[MilestoneOut]


@router.get(
    "/supervision/reports/{report_id}",
    response={200: ReportDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_reports_detail",
    summary="专项工作报告详情 · Get a report",
    description="With the §3.2 milestones back-scheduled from the meeting.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_reports_detail(request, report_id: PathId):
    from django.utils import timezone

    from renda.supervision.selectors import milestones

    r = get_object_or_404(_reports_for(request.auth), pk=report_id)
    stones = milestones(r, timezone.localdate()) if r.meeting_id else []
    return {
        **_report_row(r),
        "plan_item_id": r.plan_item_id,
        "agenda_item_id": r.agenda_item_id,
        "milestones": [
            {"step": m.step, "due_on": m.due_on, "done_on": m.done_on, "late": m.late}
            for m in stones
        ],
    }


class ReportScheduleIn(InputSchema):
    meeting_id: Id
    reporter_id: Id | None = None


class ReportScheduledOut(Schema):
    id: int
    status: str
    meeting_id: int | None
    agenda_item_id: int | None


@router.post(
    "/supervision/reports/{report_id}/schedule",
    response={200: ReportScheduledOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_reports_schedule",
    summary="报告列入会议议程 · Put a report on a meeting",
    description="A work report needs a statutory reporter (S17).",
)
def supervision_reports_schedule(request, report_id: PathId, payload: ReportScheduleIn):
    user = require(request, MANAGE)
    report = get_object_or_404(Report, pk=report_id)
    report = services.report_schedule(
        actor=user,
        report=report,
        meeting=_get(Meeting, "meeting_id", payload.meeting_id),
        reporter=_get(Person, "reporter_id", payload.reporter_id),
    )
    return {
        "id": report.pk,
        "status": report.status,
        "meeting_id": report.meeting_id,
        "agenda_item_id": report.agenda_item_id,
    }


# --------------------------------------------------------------------------- opinions


class OpinionListItemOut(Schema):
    id: int
    origin: str
    title: str
    body_id: int
    body_name: str
    status: str
    sent_on: dt.date | None
    failures: int
    referral_flagged: bool


class OpinionListOut(Schema):
    count: int
    items: list[OpinionListItemOut]


class OpinionListQuery(PageQuery):
    status: choice(Opinion.Status) | None = None


def _opinion_row(o: Opinion) -> dict[str, Any]:
    return {
        "id": o.pk,
        "origin": o.origin,
        "title": o.title,
        "body_id": o.body_id,
        "body_name": o.body.name,
        "status": o.status,
        "sent_on": o.sent_on,
        "failures": o.failures,
        "referral_flagged": o.referral_flagged,
    }


@router.get(
    "/supervision/opinions",
    response={200: OpinionListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_opinions_list",
    summary="审议意见列表 · List deliberation opinions",
    description="A unit officer sees its own body's; anonymous callers the published ones.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_opinions_list(request, filters: Query[OpinionListQuery]):
    qs = _opinions_for(request.auth)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page(qs.order_by("-id"), filters, _opinion_row)


class RoundOut(Schema):
    number: int
    reason: str
    case_id: int
    case_status: str
    due_on: dt.date | None
    report_meeting_id: int | None
    evaluation_id: int | None


class OpinionDetailOut(Schema):
    id: int
    origin: str
    title: str
    text: str
    body_id: int
    body_name: str
    status: str
    sent_on: dt.date | None
    send_due_on: dt.date | None
    failures: int
    referral_flagged: bool
    report_id: int | None
    inquiry_id: int | None
    rounds: list[RoundOut]


@router.get(
    "/supervision/opinions/{opinion_id}",
    response={200: OpinionDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_opinions_detail",
    summary="审议意见详情 · Get deliberation opinions",
    description="With the rounds of handling.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_opinions_detail(request, opinion_id: PathId):
    o = get_object_or_404(_opinions_for(request.auth), pk=opinion_id)
    rounds = o.rounds.select_related("case", "evaluation").order_by("number")
    return {
        **_opinion_row(o),
        "text": o.text,
        "send_due_on": o.send_due_on,
        "report_id": o.report_id,
        "inquiry_id": o.inquiry_id,
        "rounds": [
            {
                "number": r.number,
                "reason": r.reason,
                "case_id": r.case_id,
                "case_status": r.case.status,
                "due_on": r.case.due_on,
                "report_meeting_id": r.report_meeting_id,
                "evaluation_id": getattr(getattr(r, "evaluation", None), "pk", None),
            }
            for r in rounds
        ],
    }


class OpinionCreateIn(InputSchema):
    text: text(20_000)
    title: text(200) = ""


class OpinionCreatedOut(Schema):
    id: int
    status: str
    body_id: int
    send_due_on: dt.date | None


@router.post(
    "/supervision/reports/{report_id}/opinions",
    response={201: OpinionCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_opinions_create",
    summary="整理审议意见 · Compile deliberation opinions on a heard report",
)
def supervision_opinions_create(request, report_id: PathId, payload: OpinionCreateIn):
    user = require(request, MANAGE)
    report = get_object_or_404(Report, pk=report_id)
    o = services.opinion_compile(actor=user, report=report, text=payload.text, title=payload.title)
    return Status(
        201, {"id": o.pk, "status": o.status, "body_id": o.body_id, "send_due_on": o.send_due_on}
    )


class OpinionSentOut(Schema):
    id: int
    status: str
    sent_on: dt.date | None
    case_id: int | None
    due_on: dt.date | None


@router.post(
    "/supervision/opinions/{opinion_id}/send",
    response={200: OpinionSentOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_opinions_send",
    summary="送交审议意见 · Send opinions to the body",
    description="Creates the casework case with the configured handling deadline (§3.3).",
)
def supervision_opinions_send(request, opinion_id: PathId):
    user = require(request, MANAGE)
    o = get_object_or_404(Opinion, pk=opinion_id)
    o = services.opinion_send(actor=user, opinion=o)
    rnd = services.current_round(o)
    return {
        "id": o.pk,
        "status": o.status,
        "sent_on": o.sent_on,
        "case_id": rnd.case_id if rnd else None,
        "due_on": rnd.case.due_on if rnd else None,
    }


# --------------------------------------------------------------------------- evaluations


class EvaluationOut(Schema):
    id: int
    opinion_id: int
    round: int
    poll_id: int
    poll_status: str
    result: str
    satisfied: int | None
    basically_satisfied: int | None
    dissatisfied: int | None
    base: int | None
    sealed_result: str | None


class EvaluationListOut(Schema):
    count: int
    items: list[EvaluationOut]


def _evaluation_row(ev: Evaluation) -> dict[str, Any]:
    t = sealed_result(ev) or {}
    return {
        "id": ev.pk,
        "opinion_id": ev.round.opinion_id,
        "round": ev.round.number,
        "poll_id": ev.poll_id,
        "poll_status": ev.poll.status,
        "result": ev.result,
        "satisfied": t.get("satisfied"),
        "basically_satisfied": t.get("basically_satisfied"),
        "dissatisfied": t.get("dissatisfied"),
        "base": t.get("base"),
        "sealed_result": t.get("result"),
    }


@router.get(
    "/supervision/evaluations",
    response={200: EvaluationListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_evaluations_list",
    summary="满意度测评列表 · List satisfaction evaluations",
    description="Anonymous callers see sealed results only (S11).",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_evaluations_list(request, filters: Query[PageQuery]):
    return page(_evaluations_for(request.auth).order_by("-id"), filters, _evaluation_row)


class EvaluationCreatedOut(Schema):
    id: int
    poll_id: int
    poll_status: str
    counts_basic: bool


@router.post(
    "/supervision/opinions/{opinion_id}/evaluation",
    response={201: EvaluationCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_evaluations_create",
    summary="开展满意度测评 · Create the satisfaction poll on a handling report",
    description="Anonymous poll; denominator all members (§3.4).",
)
def supervision_evaluations_create(request, opinion_id: PathId):
    user = require(request, MANAGE)
    o = get_object_or_404(Opinion, pk=opinion_id)
    ev = services.evaluation_create(actor=user, opinion=o)
    return Status(
        201,
        {
            "id": ev.pk,
            "poll_id": ev.poll_id,
            "poll_status": ev.poll.status,
            "counts_basic": ev.poll.satisfaction_counts_basic,
        },
    )


# --------------------------------------------------------------------------- inquiries and interpellations


class InquiryListItemOut(Schema):
    id: int
    title: str
    meeting_id: int
    form: str
    status: str
    held_at: dt.datetime | None


class InquiryListOut(Schema):
    count: int
    items: list[InquiryListItemOut]


def _inquiry_row(s: InquirySession) -> dict[str, Any]:
    return {
        "id": s.pk,
        "title": s.title,
        "meeting_id": s.meeting_id,
        "form": s.form,
        "status": s.status,
        "held_at": s.held_at,
    }


@router.get(
    "/supervision/inquiries",
    response={200: InquiryListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_inquiries_list",
    summary="专题询问列表 · List special inquiries",
    description="Anonymous callers see held inquiries.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_inquiries_list(request, filters: Query[PageQuery]):
    return page(_inquiries_for(request.auth).order_by("-id"), filters, _inquiry_row)


class QuestionOut(Schema):
    asker_name: str
    respondent_name: str
    question: str
    answer: str


class InquiryDetailOut(Schema):
    id: int
    title: str
    meeting_id: int
    form: str
    status: str
    held_at: dt.datetime | None
    report_id: int | None
    respondents: list[str]
    questions: list[QuestionOut]


@router.get(
    "/supervision/inquiries/{inquiry_id}",
    response={200: InquiryDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="supervision_inquiries_detail",
    summary="专题询问详情 · Get a special inquiry",
    description="Questions with the answers recorded.",
    openapi_extra=OPTIONAL_AUTH,
)
def supervision_inquiries_detail(request, inquiry_id: PathId):
    s = get_object_or_404(_inquiries_for(request.auth), pk=inquiry_id)
    return {
        **_inquiry_row(s),
        "report_id": s.report_id,
        "respondents": [str(r) for r in s.respondents.select_related("person", "organization")],
        "questions": [
            {
                "asker_name": q.asker.name,
                "respondent_name": q.respondent.person.name,
                "question": q.question,
                "answer": q.answer,
            }
            for q in s.questions.select_related("asker", "respondent__person")
        ],
    }


class InterpellationIn(InputSchema):
    title: text(200)
    text: text(20_000)
    body_id: Id
    signer_ids: list[Id]
    meeting_id: Id | None = None


class InterpellationCreatedOut(Schema):
    id: int
    status: str
    signers: int


@router.post(
    "/supervision/interpellations",
    response={201: InterpellationCreatedOut, **WRITE_ERRORS},
    auth=write_auth(INTERPELLATE),
    operation_id="supervision_interpellations_create",
    summary="提出质询案 · Submit an interpellation",
    description="Co-signed by ≥ 5 members (city) or ≥ 3 (county), §3.7.",
)
def supervision_interpellations_create(request, payload: InterpellationIn):
    user = require(request, INTERPELLATE)
    signers = list(Person.objects.filter(pk__in=payload.signer_ids))
    if len(signers) != len(set(payload.signer_ids)):
        raise unknown_reference("signer_ids")
    interp = services.interpellation_submit(
        actor=user,
        title=payload.title,
        text=payload.text,
        body=_get(Organization, "body_id", payload.body_id),
        signers=signers,
        meeting=_get(Meeting, "meeting_id", payload.meeting_id),
    )
    return Status(201, {"id": interp.pk, "status": interp.status, "signers": len(signers)})


# --------------------------------------------------------------------------- inspections (§3.6)


class InspectionTeamMemberIn(InputSchema):
    person_id: Id
    role: choice(InspectionMember.Role)


class InspectionCreateIn(InputSchema):
    title: text(200)
    law: text(200)
    starts_on: dt.date
    ends_on: dt.date
    places: text(20_000) = ""
    team: list[InspectionTeamMemberIn] = []
    plan_item_id: Id | None = None


class InspectionCreatedOut(Schema):
    id: int
    status: str
    plan_due_on: dt.date
    team: int


def _team(rows) -> list[tuple[Person, str]]:
    people = Person.objects.in_bulk({r.person_id for r in rows})
    out = []
    for r in rows:
        if r.person_id not in people:
            raise unknown_reference("team")
        out.append((people[r.person_id], r.role))
    return out


@router.post(
    "/supervision/inspections",
    response={201: InspectionCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inspections_create",
    summary="建立执法检查 · Open a law-enforcement inspection",
    description="With its team of members and deputies; the plan is due 10 days before the start.",
)
def supervision_inspections_create(request, payload: InspectionCreateIn):
    user = require(request, MANAGE)
    inspection = services.inspection_create(
        actor=user,
        title=payload.title,
        law=payload.law,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        places=payload.places,
        team=_team(payload.team),
        plan_item=_get(PlanItem, "plan_item_id", payload.plan_item_id),
    )
    return Status(
        201,
        {
            "id": inspection.pk,
            "status": inspection.status,
            "plan_due_on": services.plan_due_on(inspection),
            "team": len(payload.team),
        },
    )


class InspectionPlanSentIn(InputSchema):
    on: dt.date


class InspectionPlanSentOut(Schema):
    id: int
    plan_sent_on: dt.date
    plan_due_on: dt.date
    plan_late: bool


@router.post(
    "/supervision/inspections/{inspection_id}/plan-sent",
    response={200: InspectionPlanSentOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inspections_plan_sent",
    summary="登记检查方案印发 · Record the day the inspection plan was sent",
    description="Later than 10 days before the start is flagged late (§3.6).",
)
def supervision_inspections_plan_sent(
    request, inspection_id: PathId, payload: InspectionPlanSentIn
):
    user = require(request, MANAGE)
    inspection = services.inspection_plan_sent(
        actor=user, inspection=get_object_or_404(Inspection, pk=inspection_id), on=payload.on
    )
    due = services.plan_due_on(inspection)
    return {
        "id": inspection.pk,
        "plan_sent_on": inspection.plan_sent_on,
        "plan_due_on": due,
        "plan_late": inspection.plan_sent_on > due,
    }


class InspectionStartedOut(Schema):
    id: int
    status: str
    started_at: dt.datetime | None


@router.post(
    "/supervision/inspections/{inspection_id}/start",
    response={200: InspectionStartedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inspections_start",
    summary="开始检查 · Start the inspection",
    description="The inspection plan must have been sent.",
)
def supervision_inspections_start(request, inspection_id: PathId):
    user = require(request, MANAGE)
    inspection = services.inspection_start(
        actor=user, inspection=get_object_or_404(Inspection, pk=inspection_id)
    )
    return {"id": inspection.pk, "status": inspection.status, "started_at": inspection.started_at}


class InspectionFindingsIn(InputSchema):
    findings: text(20_000)


class InspectionFindingsOut(Schema):
    id: int
    status: str
    findings: str


@router.post(
    "/supervision/inspections/{inspection_id}/findings",
    response={200: InspectionFindingsOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inspections_findings",
    summary="登记发现的问题 · Record the problems found",
    description="After the inspection.",
)
def supervision_inspections_findings(request, inspection_id: PathId, payload: InspectionFindingsIn):
    user = require(request, MANAGE)
    inspection = services.inspection_findings(
        actor=user,
        inspection=get_object_or_404(Inspection, pk=inspection_id),
        findings=payload.findings,
    )
    return {"id": inspection.pk, "status": inspection.status, "findings": inspection.findings}


class InspectionReportIn(InputSchema):
    body_id: Id
    findings: text(20_000) = ""
    report_text: text(20_000) = ""


class InspectionReportedOut(Schema):
    id: int
    status: str
    report_id: int


@router.post(
    "/supervision/inspections/{inspection_id}/report",
    response={201: InspectionReportedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inspections_report",
    summary="形成执法检查报告 · Open the inspection report to the standing committee",
    description="Findings already recorded may be left out.",
)
def supervision_inspections_report(request, inspection_id: PathId, payload: InspectionReportIn):
    user = require(request, MANAGE)
    inspection = get_object_or_404(Inspection, pk=inspection_id)
    report = services.inspection_report(
        actor=user,
        inspection=inspection,
        findings=payload.findings,
        text=payload.report_text,
        body=_get(Organization, "body_id", payload.body_id),
    )
    return Status(
        201, {"id": inspection.pk, "status": Inspection.Status.REPORTED, "report_id": report.pk}
    )


# --------------------------------------------------------------------------- inquiry questions (§3.5)


class InquiryQuestionIn(InputSchema):
    asker_id: Id
    respondent_person_id: Id
    question: text(20_000)
    answer: text(20_000) = ""


class InquiryQuestionCreatedOut(Schema):
    id: int
    inquiry_id: int
    order: int
    answered: bool


@router.post(
    "/supervision/inquiries/{inquiry_id}/questions",
    response={201: InquiryQuestionCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inquiries_questions_create",
    summary="登记询问 · Record a member's question (and the answer)",
    description="The asker must sit on the standing committee; the respondent be one of the session's.",
)
def supervision_inquiries_questions_create(request, inquiry_id: PathId, payload: InquiryQuestionIn):
    user = require(request, MANAGE)
    session = get_object_or_404(InquirySession.objects.select_related("meeting"), pk=inquiry_id)
    respondent = session.respondents.filter(person_id=payload.respondent_person_id).first()
    if respondent is None:
        raise unknown_reference("respondent_person_id")
    q = services.inquiry_question_add(
        actor=user,
        session=session,
        asker=_get(Person, "asker_id", payload.asker_id),
        respondent=respondent,
        question=payload.question,
        answer=payload.answer,
    )
    return Status(
        201, {"id": q.pk, "inquiry_id": session.pk, "order": q.order, "answered": bool(q.answer)}
    )


class InquiryAnswerIn(InputSchema):
    answer: text(20_000)


class InquiryAnsweredOut(Schema):
    id: int
    inquiry_id: int
    answer: str
    answered_at: dt.datetime | None


@router.post(
    "/supervision/inquiry-questions/{inquiry_question_id}/answer",
    response={200: InquiryAnsweredOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inquiries_answer",
    summary="登记应询回答 · Record the answer to a question",
)
def supervision_inquiries_answer(request, inquiry_question_id: PathId, payload: InquiryAnswerIn):
    user = require(request, MANAGE)
    q = services.inquiry_answer_record(
        actor=user,
        question=get_object_or_404(InquiryQuestion, pk=inquiry_question_id),
        answer=payload.answer,
    )
    return {
        "id": q.pk,
        "inquiry_id": q.session_id,
        "answer": q.answer,
        "answered_at": q.answered_at,
    }


# --------------------------------------------------------------------------- judicial supervision (S8)


class JudicialCreateIn(InputSchema):
    kind: choice(JudicialRecord.Kind)
    body_id: Id
    title: text(200)
    summary: text(20_000) = ""
    received_on: dt.date | None = None
    meeting_id: Id | None = None


class JudicialCreatedOut(Schema):
    id: int
    kind: str
    body_id: int
    received_on: dt.date


@router.post(
    "/supervision/judicial",
    response={201: JudicialCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_judicial_create",
    summary="登记司法监督记录 · Record a petition report, misconduct lead or major-case report",
    description="The body is the court or the procuratorate (S8).",
)
def supervision_judicial_create(request, payload: JudicialCreateIn):
    user = require(request, MANAGE)
    record = services.judicial_record_create(
        actor=user,
        kind=payload.kind,
        body=_get(Organization, "body_id", payload.body_id),
        title=payload.title,
        summary=payload.summary,
        received_on=payload.received_on,
        meeting=_get(Meeting, "meeting_id", payload.meeting_id),
    )
    return Status(
        201,
        {
            "id": record.pk,
            "kind": record.kind,
            "body_id": record.body_id,
            "received_on": record.received_on,
        },
    )


class JudicialForwardedOut(Schema):
    id: int
    case_id: int
    feedback_due_on: dt.date | None


@router.post(
    "/supervision/judicial/{judicial_record_id}/forward",
    response={200: JudicialForwardedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_judicial_forward",
    summary="转办违法违纪线索 · Forward a misconduct lead",
    description="A casework case with the configured feedback deadline (default 3 months).",
)
def supervision_judicial_forward(request, judicial_record_id: PathId):
    user = require(request, MANAGE)
    record = services.judicial_lead_forward(
        actor=user, record=get_object_or_404(JudicialRecord, pk=judicial_record_id)
    )
    return {"id": record.pk, "case_id": record.case_id, "feedback_due_on": record.case.due_on}


class JudicialDecisionIn(InputSchema):
    decision: text(20_000)


class JudicialDecidedOut(Schema):
    id: int
    kind: str
    decision: str


@router.post(
    "/supervision/judicial/{judicial_record_id}/decision",
    response={200: JudicialDecidedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_judicial_decide",
    summary="登记常委会决定 · Record the decision on a major-case report",
)
def supervision_judicial_decide(request, judicial_record_id: PathId, payload: JudicialDecisionIn):
    user = require(request, MANAGE)
    record = services.judicial_decision_record(
        actor=user,
        record=get_object_or_404(JudicialRecord, pk=judicial_record_id),
        decision=payload.decision,
    )
    return {"id": record.pk, "kind": record.kind, "decision": record.decision}
