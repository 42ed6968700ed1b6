"""Supervision API: opinions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Query, Schema, Status

from renda.core.errors import NotFound
from renda.meetings.models import Meeting
from renda.supervision import services
from renda.supervision.models import (
    Evaluation,
    Opinion,
    OpinionRound,
    Report,
)
from renda.supervision.selectors import sealed_result

from ..actions import ActionOut, expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS, WRITE_ERRORS
from ._common import MANAGE, _evaluations_for, _opinions_for, router

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


# --------------------------------------------------------------------------- declared actions


class OpinionEditIn(InputSchema):
    """The title is kept when left empty."""

    text: text(20_000)
    title: text(200) = ""


class HandlingReportScheduleIn(InputSchema):
    meeting_id: Id


class RehandleIn(InputSchema):
    note: text(5000) = ""


class FollowUpIn(InputSchema):
    note: text(5000)


class OpinionCloseIn(InputSchema):
    reason: text(2000) = ""


class OpinionRoundOut(ActionOut):
    """The opinion (id, status) and the round the action opened or scheduled."""

    round: int
    case_id: int
    agenda_item_id: int | None = None


def _round_out(rnd: OpinionRound) -> dict[str, Any]:
    return {
        "id": rnd.opinion_id,
        "status": rnd.opinion.status,
        "round": rnd.number,
        "case_id": rnd.case_id,
        "agenda_item_id": rnd.report_item_id,
    }


expose(
    router,
    services.opinion_update,
    "/supervision/opinions/{opinion_id}/edit",
    schema=OpinionEditIn,
    visible=_opinions_for,
)
expose(
    router,
    services.handling_report_schedule,
    "/supervision/opinions/{opinion_id}/schedule-report",
    schema=HandlingReportScheduleIn,
    refs={"meeting": Meeting},
    visible=_opinions_for,
    response=OpinionRoundOut,
    out=_round_out,
)
expose(
    router,
    services.opinion_rehandle,
    "/supervision/opinions/{opinion_id}/rehandle",
    schema=RehandleIn,
    visible=_opinions_for,
    response=OpinionRoundOut,
    out=_round_out,
)
expose(
    router,
    services.opinion_follow_up,
    "/supervision/opinions/{opinion_id}/follow-up",
    schema=FollowUpIn,
    visible=_opinions_for,
    response=OpinionRoundOut,
    out=_round_out,
)
expose(
    router,
    services.opinion_close,
    "/supervision/opinions/{opinion_id}/close",
    schema=OpinionCloseIn,
    visible=_opinions_for,
)


class EvaluationConcludedOut(Schema):
    id: int
    opinion_id: int
    status: str
    result: str


@router.post(
    "/supervision/opinions/{opinion_id}/conclude",
    response={200: EvaluationConcludedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="supervision_evaluations_conclude",
    summary="登记测评结果 · Take the sealed result of the current evaluation",
    description=(
        "The staff's fallback when the seal did not record it (§3.4); "
        "a recorded evaluation changes nothing. 依据 · rule: §3.4"
    ),
)
def supervision_evaluations_conclude(request, opinion_id: PathId):
    user = require(request, MANAGE)
    o = get_object_or_404(_opinions_for(user), pk=opinion_id)
    rnd = services.current_round(o)
    ev = Evaluation.objects.filter(round=rnd).first() if rnd else None
    if ev is None:
        raise NotFound("evaluation_missing")
    ev = services.evaluation_conclude(actor=user, evaluation=ev)
    o.refresh_from_db(fields=["status"])
    return {"id": ev.pk, "opinion_id": o.pk, "status": o.status, "result": ev.result}
