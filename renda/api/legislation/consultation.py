"""Experts, consultations and hearings, evaluations after legislating (S5; 立法法 第39、67条).

The office, the leaders and the members read the pool and the consultations (an expert's
contact and a registrant's contact: the office only); anyone asks to speak at a hearing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema, Status

from renda.legislation import services
from renda.legislation.models import (
    Consultation,
    Evaluation,
    Expert,
    HearingRegistration,
    Interpretation,
    Project,
)

from ..actions import expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, ErrorOut
from ._common import VIEW, router
from .comments import _throttled

MANAGE = "legislation.manage"


class ExpertOut(Schema):
    id: int
    name: str
    organisation: str
    title: str
    fields: str
    conflicts: str
    available: bool
    note: str
    contact: str | None = Field(description="仅工作人员可见 · the office only")
    consultations: int


class ExpertListOut(Schema):
    count: int
    items: list[ExpertOut]


@router.get(
    "/legislation/experts",
    response={200: ExpertListOut, **READ_ERRORS},
    auth=write_auth(VIEW),
    operation_id="legislation_experts_list",
    summary="立法专家库 · The expert pool",
    description="依据 · rule: S5. Contacts for the office only.",
)
def legislation_experts_list(request, query: Query[PageQuery]):
    user = require(request, VIEW)
    office = user.has_perm(MANAGE)
    qs = Expert.objects.annotate(n=Count("consultations")).order_by("-available", "name")
    return page(qs, query, lambda e: {
        "id": e.pk, "name": e.name, "organisation": e.organisation, "title": e.title,
        "fields": e.fields, "conflicts": e.conflicts, "available": e.available, "note": e.note,
        "contact": e.contact if office else None, "consultations": e.n,
    })  # fmt: skip


class OpinionOut(Schema):
    expert_id: int
    expert: str
    opinion: str
    received_on: dt.date


class RegistrationOut(Schema):
    id: int
    name: str
    organisation: str
    contact: str | None = Field(description="仅工作人员可见 · the office only")
    side: str = Field(description="for · against · other")
    summary: str
    status: str = Field(description="registered · selected · not_selected")


class ConsultationOut(Schema):
    id: int
    project_id: int
    kind: str = Field(description="expert_opinion · argumentation · symposium · hearing")
    title: str
    held_on: dt.date
    place: str
    status: str
    notice: str
    registration_closes_on: dt.date | None
    expert_ids: list[int]
    opinions: list[OpinionOut]
    registrations: list[RegistrationOut]
    record: str


def _consultation(c: Consultation, office: bool) -> dict[str, Any]:
    return {
        "id": c.pk, "project_id": c.project_id, "kind": c.kind, "title": c.title,
        "held_on": c.held_on, "place": c.place, "status": c.status, "notice": c.notice,
        "registration_closes_on": c.registration_closes_on,
        "expert_ids": sorted(e.pk for e in c.experts.all()),
        "opinions": [{"expert_id": o.expert_id, "expert": o.expert.name, "opinion": o.opinion,
                      "received_on": o.received_on} for o in c.opinions.select_related("expert")],
        "registrations": [{"id": r.pk, "name": r.name, "organisation": r.organisation,
                           "contact": r.contact if office else None, "side": r.side,
                           "summary": r.summary, "status": r.status} for r in c.registrations.all()],
        "record": c.record,
    }  # fmt: skip


@router.get(
    "/legislation/consultations/{consultation_id}",
    response={200: ConsultationOut, **DETAIL_ERRORS},
    auth=write_auth(VIEW),
    operation_id="legislation_consultation_detail",
    summary="论证咨询或听证 · A consultation or hearing",
    description="依据 · rule: S5 (立法法 第39条). Contacts for the office only.",
)
def legislation_consultation_detail(request, consultation_id: PathId):
    user = require(request, VIEW)
    return _consultation(get_object_or_404(Consultation, pk=consultation_id), user.has_perm(MANAGE))


class ConsultationBriefOut(Schema):
    id: int
    kind: str
    title: str
    held_on: dt.date
    status: str


class ConsultationListOut(Schema):
    count: int
    items: list[ConsultationBriefOut]


@router.get(
    "/legislation/projects/{project_id}/consultations",
    response={200: ConsultationListOut, **DETAIL_ERRORS},
    auth=write_auth(VIEW),
    operation_id="legislation_consultations_list",
    summary="项目的论证咨询和听证 · A project's consultations",
    description="依据 · rule: S5.",
)
def legislation_consultations_list(request, project_id: PathId, query: Query[PageQuery]):
    require(request, VIEW)
    project = get_object_or_404(Project, pk=project_id)
    return page(project.consultations.order_by("-held_on", "-id"), query, lambda c: {
        "id": c.pk, "kind": c.kind, "title": c.title, "held_on": c.held_on, "status": c.status,
    })  # fmt: skip


class EvaluationOut(Schema):
    id: int
    project_id: int
    status: str
    plan: str
    started_on: dt.date
    inputs: str
    report: str
    conclusion: str = Field(description="keep · amend · repeal, once reported")
    reported_on: dt.date | None
    follow_up_id: int | None


@router.get(
    "/legislation/evaluations/{evaluation_id}",
    response={200: EvaluationOut, **DETAIL_ERRORS},
    auth=write_auth(VIEW),
    operation_id="legislation_evaluation_detail",
    summary="立法后评估 · An evaluation after legislating",
    description="依据 · rule: S5 (立法法 第67条).",
)
def legislation_evaluation_detail(request, evaluation_id: PathId):
    require(request, VIEW)
    e = get_object_or_404(Evaluation, pk=evaluation_id)
    return {k: getattr(e, k) for k in ("plan", "started_on", "inputs", "report", "conclusion",
                                        "reported_on", "follow_up_id", "project_id", "status")} | {"id": e.pk}  # fmt: skip


class HearingRegisterIn(InputSchema):
    name: text(40)
    contact: text(80) = Field(description="不公开 · never published")
    organisation: text(100) = ""
    side: choice(HearingRegistration.Side)
    summary: text(2000)


class HearingRegisterOut(Schema):
    id: int
    status: str


@router.post(
    "/legislation/hearings/{consultation_id}/register",
    response={201: HearingRegisterOut, **WRITE_ERRORS, 429: ErrorOut},
    auth=READ_AUTH,
    operation_id="legislation_consultation_register",
    summary="报名参加听证会 · Ask to speak at a hearing · legislation.consultation.register",
    description="依据 · rule: S5 (立法法 第39条). Open to everyone until registration closes "
    "(409 `registration_closed`); limited per address (429 `rate_limited`).",
    openapi_extra=OPTIONAL_AUTH,
)
def legislation_consultation_register(request, consultation_id: PathId, payload: HearingRegisterIn):
    _throttled("legislation-hearing", request)
    h = get_object_or_404(Consultation, pk=consultation_id, kind=Consultation.Kind.HEARING)
    row = services.consultation_register(actor=request.auth, consultation=h, **payload.model_dump())
    return Status(201, {"id": row.pk, "status": row.status})


class ExpertCreateIn(InputSchema):
    name: text(40)
    fields: text(200)
    organisation: text(100) = ""
    title: text(100) = ""
    contact: text(80) = ""
    conflicts: text(300) = ""


class AvailabilityIn(InputSchema):
    available: bool
    note: text(200) = ""


class PlanConsultationIn(InputSchema):
    kind: choice(Consultation.Kind)
    title: text(120)
    held_on: dt.date
    place: text(120) = ""
    notice: text(5000) = ""
    registration_closes_on: dt.date | None = None
    expert_ids: list[Id] = Field(default_factory=list, max_length=100)


class PlanEvaluationIn(InputSchema):
    plan: text(10000)
    started_on: dt.date


class OpinionIn(InputSchema):
    expert_id: Id
    opinion: text(10000)
    received_on: dt.date | None = None


class SpeakersIn(InputSchema):
    registration_ids: list[Id] = Field(max_length=200)


class ConsultationRecordIn(InputSchema):
    record: text(20000)


class ConsultationCancelIn(InputSchema):
    reason: text(200)


class EvaluationReportIn(InputSchema):
    report: text(50000)
    conclusion: choice(Evaluation.Conclusion)
    reported_on: dt.date
    inputs: text(10000) = ""


expose(router, services.expert_create, "/legislation/experts", schema=ExpertCreateIn, status=201,
       summary="登记立法专家 · Add an expert · legislation.expert.create")  # fmt: skip
expose(router, services.expert_set_availability, "/legislation/experts/{expert_id}/availability", schema=AvailabilityIn,
       summary="设置是否可参加咨询 · Mark availability · legislation.expert.set_availability")  # fmt: skip
expose(router, services.project_plan_consultation, "/legislation/projects/{project_id}/consultations", schema=PlanConsultationIn, status=201,
       summary="安排论证、座谈或听证 · Arrange a consultation · legislation.project.plan_consultation")  # fmt: skip
expose(router, services.project_plan_evaluation, "/legislation/projects/{project_id}/evaluations", schema=PlanEvaluationIn, status=201,
       summary="开展立法后评估 · Start an evaluation · legislation.project.plan_evaluation")  # fmt: skip
for act, path, schema in (
    (services.consultation_add_opinion, "add-opinion", OpinionIn),
    (services.consultation_select_speakers, "select-speakers", SpeakersIn),
    (services.consultation_record, "record", ConsultationRecordIn),
    (services.consultation_cancel, "cancel", ConsultationCancelIn),
):
    expose(router, act, f"/legislation/consultations/{{consultation_id}}/{path}", schema=schema,
           summary=f"{act.label} · {act.name}", description=f"依据 · rule: {act.rule}. The office.")  # fmt: skip
for act, path, schema in (
    (services.evaluation_report, "report", EvaluationReportIn),
    (services.evaluation_follow_up, "follow-up", None),
):
    expose(router, act, f"/legislation/evaluations/{{evaluation_id}}/{path}", schema=schema,
           summary=f"{act.label} · {act.name}", description=f"依据 · rule: {act.rule}. The office.")  # fmt: skip


class InterpretationIn(InputSchema):
    kind: choice(Interpretation.Kind)
    question: text(5000)
    text: text(20000)
    adopted_on: dt.date
    articles: text(60) = ""


class InterpretationOut(Schema):
    kind: str = Field(description="interpretation 法规解释 · answer 法规询问答复")
    articles: str
    question: str
    text: str
    adopted_on: dt.date


class RegulationOut(Schema):
    id: int
    title: str
    status: str
    in_force: bool
    announcement: str
    approved_on: dt.date | None
    promulgated_on: dt.date | None
    effective_on: dt.date | None
    text: str = Field(description="表决通过的文本 · the text as passed")
    public_version_ids: list[int]
    feedback: str
    interpretations: list[InterpretationOut]


class RegulationBriefOut(Schema):
    id: int
    title: str
    status: str
    in_force: bool
    promulgated_on: dt.date | None
    effective_on: dt.date | None


class RegulationListOut(Schema):
    count: int
    items: list[RegulationBriefOut]


class RegulationQuery(PageQuery):
    q: text(50) = ""


def _regulations():
    from django.db.models import Q

    return Project.objects.filter(Q(status=Project.Status.PROMULGATED) | Q(feedback_published_at__isnull=False))  # fmt: skip


@router.get(
    "/legislation/regulations",
    response={200: RegulationListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="legislation_regulations_list",
    summary="地方性法规 · Regulations made",
    description="依据 · rule: S5 (立法法 第89条). Public: promulgated regulations, searchable by title.",
    openapi_extra=OPTIONAL_AUTH,
)
def legislation_regulations_list(request, filters: Query[RegulationQuery]):
    from django.utils import timezone

    today = timezone.localdate()
    qs = _regulations().order_by("-promulgated_on", "-id")
    if filters.q:
        qs = qs.filter(title__icontains=filters.q)
    return page(qs, filters, lambda p: {
        "id": p.pk, "title": p.title, "status": p.status, "in_force": p.in_force_on(today),
        "promulgated_on": p.promulgated_on, "effective_on": p.effective_on,
    })  # fmt: skip


@router.get(
    "/legislation/regulations/{project_id}",
    response={200: RegulationOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="legislation_regulation_detail",
    summary="地方性法规 · A regulation with its text and interpretations",
    description="依据 · rule: S5. Public: the text as passed, the drafts published for comment, "
    "the feedback on comments, the interpretations and answers.",
    openapi_extra=OPTIONAL_AUTH,
)
def legislation_regulation_detail(request, project_id: PathId):
    from django.utils import timezone

    p = get_object_or_404(_regulations(), pk=project_id)
    final = p.versions.order_by("-number").first()
    return {
        "id": p.pk, "title": p.title, "status": p.status, "in_force": p.in_force_on(timezone.localdate()),
        "announcement": p.announcement, "approved_on": p.approved_on, "promulgated_on": p.promulgated_on,
        "effective_on": p.effective_on, "text": final.text if final else "",
        "public_version_ids": list(p.versions.filter(comment_opens_on__isnull=False).order_by("number").values_list("pk", flat=True)),
        "feedback": p.feedback if p.feedback_published_at else "",
        "interpretations": [
            {"kind": i.kind, "articles": i.articles, "question": i.question, "text": i.text, "adopted_on": i.adopted_on}
            for i in p.interpretations.order_by("-adopted_on", "-id")
        ],
    }  # fmt: skip


expose(router, services.project_add_interpretation, "/legislation/projects/{project_id}/interpretations", schema=InterpretationIn, status=201,
       summary="登记法规解释或询问答复 · Record an interpretation · legislation.project.add_interpretation")  # fmt: skip
