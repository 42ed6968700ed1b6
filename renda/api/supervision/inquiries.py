"""Supervision API: inquiries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Query, Schema, Status

from renda.meetings.models import Meeting
from renda.people.models import Organization, Person
from renda.supervision import services
from renda.supervision.models import (
    InquiryQuestion,
    InquirySession,
    Interpellation,
    PlanItem,
    Report,
)

from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, Year, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference
from ._common import DECIDE, INTERPELLATE, MANAGE, _get, _inquiries_for, router

#: Deputies jointly propose special-inquiry topics (§3.5); the office records paper ones.
PROPOSE_TOPIC = "supervision.propose_topic"

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


# --------------------------------------------------------------------------- planning and holding an inquiry (§3.5)


class InquiryRespondentIn(InputSchema):
    person_id: Id
    organization_id: Id
    post_label: text(60) = ""


class InquiryCreateIn(InputSchema):
    title: text(200)
    meeting_id: Id
    report_id: Id | None = None
    form: choice(InquirySession.Form) = InquirySession.Form.JOINT_GROUP
    respondents: list[InquiryRespondentIn]
    plan_item_id: Id | None = None


class InquiryCreatedOut(Schema):
    id: int
    status: str
    meeting_id: int
    respondents: int


@router.post(
    "/supervision/inquiries",
    response={201: InquiryCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inquiries_create",
    summary="建立专题询问 · Plan a special inquiry",
    description="At a standing-committee meeting, with the heads who must attend (§3.5).",
)
def supervision_inquiries_create(request, payload: InquiryCreateIn):
    user = require(request, MANAGE)
    people = Person.objects.in_bulk({r.person_id for r in payload.respondents})
    bodies = Organization.objects.in_bulk({r.organization_id for r in payload.respondents})
    respondents = []
    for r in payload.respondents:
        if r.person_id not in people or r.organization_id not in bodies:
            raise unknown_reference("respondents")
        respondents.append((people[r.person_id], bodies[r.organization_id], r.post_label))
    session = services.inquiry_create(
        actor=user,
        title=payload.title,
        meeting=_get(Meeting, "meeting_id", payload.meeting_id),
        report=_get(Report, "report_id", payload.report_id),
        form=payload.form,
        respondents=respondents,
        plan_item=_get(PlanItem, "plan_item_id", payload.plan_item_id),
    )
    return Status(
        201,
        {
            "id": session.pk,
            "status": session.status,
            "meeting_id": session.meeting_id,
            "respondents": len(respondents),
        },
    )


class InquiryHoldIn(InputSchema):
    attended_person_ids: list[Id]
    summary: text(20_000) = ""


class InquiryHeldOut(Schema):
    id: int
    status: str
    held_at: dt.datetime | None
    questions: int


@router.post(
    "/supervision/inquiries/{inquiry_id}/hold",
    response={200: InquiryHeldOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_inquiries_hold",
    summary="登记专题询问举行情况 · Record that the inquiry was held",
    description="Every respondent must have attended (S11); the questions are recorded first.",
)
def supervision_inquiries_hold(request, inquiry_id: PathId, payload: InquiryHoldIn):
    user = require(request, MANAGE)
    session = services.inquiry_hold(
        actor=user,
        session=get_object_or_404(InquirySession, pk=inquiry_id),
        attended=payload.attended_person_ids,
        summary=payload.summary,
    )
    return {
        "id": session.pk,
        "status": session.status,
        "held_at": session.held_at,
        "questions": session.questions.count(),
    }


class InquiryTopicIn(InputSchema):
    year: Year
    title: text(200)
    proposer_ids: list[Id]
    reason: text(20_000) = ""


class InquiryTopicCreatedOut(Schema):
    id: int
    year: int
    proposers: int


@router.post(
    "/supervision/inquiry-topics",
    response={201: InquiryTopicCreatedOut, **WRITE_ERRORS},
    auth=write_auth(PROPOSE_TOPIC),
    operation_id="supervision_inquiry_topics_create",
    summary="提出专题询问议题建议 · Propose a special-inquiry topic",
    description="Jointly by at least 5 deputies (§3.5); a deputy must be one of the proposers.",
)
def supervision_inquiry_topics_create(request, payload: InquiryTopicIn):
    user = require(request, PROPOSE_TOPIC)
    proposers = list(Person.objects.filter(pk__in=payload.proposer_ids))
    if len(proposers) != len(set(payload.proposer_ids)):
        raise unknown_reference("proposer_ids")
    topic = services.inquiry_topic_propose(
        actor=user,
        year=payload.year,
        title=payload.title,
        proposers=proposers,
        reason=payload.reason,
    )
    return Status(201, {"id": topic.pk, "year": topic.year, "proposers": topic.proposers.count()})


# --------------------------------------------------------------------------- answering an interpellation (§3.7)


class InterpellationDecideIn(InputSchema):
    mode: choice(Interpellation.Mode)
    answer_meeting_id: Id | None = None


class InterpellationDecidedOut(Schema):
    id: int
    status: str
    mode: str
    answer_meeting_id: int | None


@router.post(
    "/supervision/interpellations/{interpellation_id}/decide",
    response={200: InterpellationDecidedOut, **WRITE_ERRORS},
    auth=write_auth(DECIDE),
    operation_id="supervision_interpellations_decide",
    summary="主任会议决定答复方式 · Record how the body answers",
    description="Orally at a meeting (name it) or in writing; the chairpersons' council's decision.",
)
def supervision_interpellations_decide(
    request, interpellation_id: PathId, payload: InterpellationDecideIn
):
    user = require(request, DECIDE)
    interp = services.interpellation_decide(
        actor=user,
        interpellation=get_object_or_404(Interpellation, pk=interpellation_id),
        mode=payload.mode,
        answer_meeting=_get(Meeting, "answer_meeting_id", payload.answer_meeting_id),
    )
    return {
        "id": interp.pk,
        "status": interp.status,
        "mode": interp.mode,
        "answer_meeting_id": interp.answer_meeting_id,
    }


class InterpellationAnswerIn(InputSchema):
    answer: text(20_000)
    answered_by: text(60)


class InterpellationAnsweredOut(Schema):
    id: int
    status: str
    round: int
    answered_at: dt.datetime | None


@router.post(
    "/supervision/interpellations/{interpellation_id}/answer",
    response={200: InterpellationAnsweredOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_interpellations_answer",
    summary="登记答复 · Record the body's answer",
    description="Given by its head; a second answer after the proposers' dissatisfaction too.",
)
def supervision_interpellations_answer(
    request, interpellation_id: PathId, payload: InterpellationAnswerIn
):
    user = require(request, MANAGE)
    interp = services.interpellation_answer(
        actor=user,
        interpellation=get_object_or_404(Interpellation, pk=interpellation_id),
        answer=payload.answer,
        answered_by=payload.answered_by,
    )
    return {
        "id": interp.pk,
        "status": interp.status,
        "round": interp.round,
        "answered_at": interp.answered_at,
    }


class InterpellationFeedbackIn(InputSchema):
    dissatisfied_person_ids: list[Id]


class InterpellationFeedbackOut(Schema):
    id: int
    status: str
    round: int
    answer_again: bool


@router.post(
    "/supervision/interpellations/{interpellation_id}/feedback",
    response={200: InterpellationFeedbackOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_interpellations_feedback",
    summary="登记提出人对答复的意见 · Record which proposers are dissatisfied",
    description="More than half dissatisfied: the body answers again (§3.7); otherwise closed.",
)
def supervision_interpellations_feedback(
    request, interpellation_id: PathId, payload: InterpellationFeedbackIn
):
    user = require(request, MANAGE)
    interp = services.interpellation_feedback(
        actor=user,
        interpellation=get_object_or_404(Interpellation, pk=interpellation_id),
        dissatisfied=payload.dissatisfied_person_ids,
    )
    return {
        "id": interp.pk,
        "status": interp.status,
        "round": interp.round,
        "answer_again": interp.status == Interpellation.Status.REANSWER,
    }
