"""Casework API: the staff's, the units' and the supervisors' actions on a case.

Most operations are made from the declared actions (:func:`renda.api.actions.expose`);
creating, assigning and deciding a request take ids the generic form does not name,
so they are written out here.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from ninja import Schema, Status

from renda.accounts.models import User
from renda.casework import selectors
from renda.casework import services as cw
from renda.casework.models import Case, CaseKind, ExtensionRequest, ReturnRequest
from renda.core import validation
from renda.core.errors import NotFound
from renda.people.models import Organization, Person

from ..actions import expose
from ..auth import require, write_auth
from ..common import Id, InputSchema, PathId, text
from ..errors import WRITE_ERRORS
from .cases import router

MANAGE = "casework.manage"


def _cases(user) -> QuerySet[Case]:
    return selectors.cases_visible_to(user)


def _case(user, case_id: int) -> Case:
    found = _cases(user).filter(pk=case_id).first()
    if found is None:
        raise NotFound()
    return found


# --------------------------------------------------------------------------- staff


class CaseCreateIn(InputSchema):
    """The first requester leads (rules §1.11); a body may ask instead of people."""

    kind: text(40)
    title: text(200)
    summary: text(20000) = ""
    requester_ids: list[Id] = []
    requester_body_id: Id | None = None
    source_type: text(60) = ""
    source_id: text(64) = ""


class CaseCreatedOut(Schema):
    id: int
    kind: str
    title: str
    status: str


@router.post(
    "/cases",
    response={201: CaseCreatedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="casework_case_create",
    summary="创建办理事项 · Create a case · casework.case.create",
    description="依据 · rule: §1.11. The case waits for assignment (待交办).",
)
def casework_case_create(request, payload: CaseCreateIn):
    user = require(request, MANAGE)
    kind = CaseKind.objects.filter(code=payload.kind).first()
    if kind is None:
        raise NotFound("unknown_reference", field="kind")
    people = Person.objects.in_bulk(payload.requester_ids)
    if len(people) != len(set(payload.requester_ids)):
        raise NotFound("unknown_reference", field="requester_ids")
    body = (
        validation.ref(Organization, payload.requester_body_id, field="requester_body_id")
        if payload.requester_body_id is not None
        else None
    )
    case = cw.case_create(
        actor=user,
        kind=kind,
        title=payload.title,
        summary=payload.summary,
        requesters=[people[pk] for pk in dict.fromkeys(payload.requester_ids)],
        requester_body=body,
        source_type=payload.source_type,
        source_id=payload.source_id,
    )
    return Status(
        201, {"id": case.pk, "kind": kind.code, "title": case.title, "status": case.status}
    )


class CaseAssignIn(InputSchema):
    lead_id: Id
    co_handler_ids: list[Id] = []


class CaseAssignedOut(Schema):
    id: int
    status: str
    due_on: dt.date | None


@router.post(
    "/cases/{case_id}/assign",
    response={200: CaseAssignedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="casework_case_assign",
    summary="交办 · Assign a case to a lead unit and co-handlers · casework.case.assign",
    description="依据 · rule: §1.1. The deadlines are counted from today (§1.2, §1.9).",
)
def casework_case_assign(request, case_id: PathId, payload: CaseAssignIn):
    user = require(request, MANAGE)
    case = _case(user, case_id)
    lead = validation.ref(Organization, payload.lead_id, field="lead_id")
    units = Organization.objects.in_bulk(payload.co_handler_ids)
    if len(units) != len(set(payload.co_handler_ids)):
        raise NotFound("unknown_reference", field="co_handler_ids")
    case = cw.case_assign(
        actor=user,
        case=case,
        lead=lead,
        co_handlers=[units[pk] for pk in dict.fromkeys(payload.co_handler_ids)],
    )
    return {"id": case.pk, "status": case.status, "due_on": case.due_on}


class DecisionIn(InputSchema):
    """The request to decide, ``approve`` or not, and a note (needed to refuse)."""

    request_id: Id
    approve: bool
    note: text(2000) = ""


class DecisionOut(Schema):
    id: int
    status: str
    case_id: int
    case_status: str


class ReturnDecisionIn(DecisionIn):
    """The return request to decide (rules §1.8)."""


class ReturnDecisionOut(DecisionOut):
    pass


class ExtensionDecisionIn(DecisionIn):
    """The extension request to decide (rules §1.2)."""


class ExtensionDecisionOut(DecisionOut):
    pass


def _decide(request, case_id: int, payload: DecisionIn, model, act):
    user = require(request, MANAGE)
    case = _case(user, case_id)
    req = model.objects.filter(case=case, pk=payload.request_id).first()
    if req is None:
        raise NotFound("unknown_reference", field="request_id")
    req = act(actor=user, request=req, approve=payload.approve, note=payload.note)
    case.refresh_from_db()
    return {"id": req.pk, "status": req.status, "case_id": case.pk, "case_status": case.status}


@router.post(
    "/cases/{case_id}/return-decision",
    response={200: ReturnDecisionOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="casework_return_request_decide",
    summary="审批退回申请 · Decide a return request · casework.return_request.decide",
    description="依据 · rule: §1.8. A returned lead sends the case back to 待交办.",
)
def casework_return_request_decide(request, case_id: PathId, payload: ReturnDecisionIn):
    return _decide(request, case_id, payload, ReturnRequest, cw.return_decide)


@router.post(
    "/cases/{case_id}/extension-decision",
    response={200: ExtensionDecisionOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="casework_extension_request_decide",
    summary="审批延期申请 · Decide an extension request · casework.extension_request.decide",
    description="依据 · rule: §1.2. Approval counts the extended deadline from the assignment.",
)
def casework_extension_request_decide(request, case_id: PathId, payload: ExtensionDecisionIn):
    return _decide(request, case_id, payload, ExtensionRequest, cw.extension_decide)


class ReasonIn(InputSchema):
    reason: text(2000)


class OptionalReasonIn(InputSchema):
    reason: text(2000) = ""


class VerifyIn(InputSchema):
    """``rehandle``: handled again with a new deadline (§1.6); otherwise closed with the finding."""

    rehandle: bool
    finding: text(20000)


class MergeIn(InputSchema):
    into_id: Id


expose(
    router, cw.dissatisfaction_verify, "/cases/{case_id}/verify", schema=VerifyIn, visible=_cases
)
expose(
    router, cw.co_handlers_override, "/cases/{case_id}/override", schema=ReasonIn, visible=_cases
)
expose(router, cw.case_close, "/cases/{case_id}/close", schema=OptionalReasonIn, visible=_cases)
expose(router, cw.case_withdraw, "/cases/{case_id}/withdraw", schema=ReasonIn, visible=_cases)
# 答复公开审核 (§1.13): the office approves a reply marked public, or withholds it with a reason.
expose(router, cw.reply_publish, "/cases/{case_id}/publish-reply", visible=_cases)
expose(
    router, cw.reply_withhold, "/cases/{case_id}/withhold-reply", schema=ReasonIn, visible=_cases
)
expose(
    router,
    cw.case_merge,
    "/cases/{case_id}/merge",
    schema=MergeIn,
    refs={"into": Case},
    visible=_cases,
)

# --------------------------------------------------------------------------- units


class OpinionIn(InputSchema):
    opinion: text(20000)


class FollowUpIn(InputSchema):
    text: text(20000)
    result_class: text(8)
    signed_by_name: text(60)
    publishable: bool | None = None
    withhold_reason: text(2000) = ""


expose(router, cw.return_request, "/cases/{case_id}/return", schema=ReasonIn, visible=_cases)
expose(router, cw.extension_request, "/cases/{case_id}/extend", schema=ReasonIn, visible=_cases)
expose(
    router, cw.co_opinion_submit, "/cases/{case_id}/co-opinion", schema=OpinionIn, visible=_cases
)
expose(router, cw.follow_up_reply, "/cases/{case_id}/follow-up", schema=FollowUpIn, visible=_cases)

# --------------------------------------------------------------------------- supervision


class KeyIn(InputSchema):
    """The responsible leader (a member of the chairpersons' council) and committee, if any."""

    leader_id: Id | None = None
    committee_id: Id | None = None


class NoteIn(InputSchema):
    note: text(5000)


expose(
    router,
    cw.case_key,
    "/cases/{case_id}/key",
    schema=KeyIn,
    refs={"leader": User, "committee": Organization},
    visible=_cases,
)
expose(router, cw.case_unkey, "/cases/{case_id}/unkey", visible=_cases)
expose(router, cw.supervision_note_add, "/cases/{case_id}/notes", schema=NoteIn, visible=_cases)
