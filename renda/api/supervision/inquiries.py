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
)

from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS, unknown_reference
from ._common import INTERPELLATE, MANAGE, _get, _inquiries_for, router

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
