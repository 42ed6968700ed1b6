"""External approvals (the party committee's consent, S2): the record and its two actions.

Reads are for the staff side; the office records requests and answers. The subject is
named by its type (``decisions.annuallist``) and id; only types a domain registered for
the kind are accepted.
"""

from __future__ import annotations

import datetime as dt

from ninja import Query, Router, Schema, Status

from renda.core import approvals
from renda.core.models import Approval

from .actions import EXPOSED, expose
from .auth import require, write_auth
from .common import InputSchema, PageQuery, choice, page, text
from .errors import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["approvals"])
VIEW = "core.view_approvals"


class ApprovalListItemOut(Schema):
    id: int
    subject_type: str
    subject_id: str
    subject: str
    kind: str
    status: str
    purpose: str
    document_title: str
    document_reference: str
    sent_on: dt.date
    answered_on: dt.date | None
    answer_reference: str
    note: str


class ApprovalListOut(Schema):
    count: int
    items: list[ApprovalListItemOut]


class ApprovalListQuery(PageQuery):
    subject_type: text(80) | None = None
    subject_id: text(64) | None = None
    kind: choice(Approval.Kind) | None = None
    status: choice(Approval.Status) | None = None


def _row(a: Approval) -> dict:
    return {
        "id": a.pk,
        "subject_type": a.subject_type,
        "subject_id": a.subject_id,
        "subject": a.subject_repr,
        "kind": a.kind,
        "status": a.status,
        "purpose": a.purpose,
        "document_title": a.document_title,
        "document_reference": a.document_reference,
        "sent_on": a.sent_on,
        "answered_on": a.answered_on,
        "answer_reference": a.answer_reference,
        "note": a.note,
    }


@router.get(
    "/approvals",
    response={200: ApprovalListOut, **READ_ERRORS},
    auth=write_auth(VIEW),
    operation_id="approvals_list",
    summary="外部审批记录 · External approvals (party committee's consent, S2)",
)
def approvals_list(request, query: Query[ApprovalListQuery]):
    require(request, VIEW)
    qs = Approval.objects.order_by("-id")
    for field in ("subject_type", "subject_id", "kind", "status"):
        value = getattr(query, field)
        if value:
            qs = qs.filter(**{field: value})
    return page(qs, query, _row)


class ApprovalRequestIn(InputSchema):
    subject_type: text(80)
    subject_id: text(64)
    kind: choice(Approval.Kind)
    purpose: text(200) = ""
    document_title: text(200) = ""
    document_reference: text(100) = ""
    sent_on: dt.date | None = None


class ApprovalRequestedOut(Schema):
    id: int
    status: str
    sent_on: dt.date


@router.post(
    "/approvals",
    response={201: ApprovalRequestedOut, **WRITE_ERRORS},
    auth=write_auth(approvals.RECORD),
    operation_id="core_approval_request",
    summary="登记报请审批 · Record that a subject was sent for approval",
    description="依据 · rule: S2. One pending request per subject and kind.",
)
def core_approval_request(request, payload: ApprovalRequestIn):
    user = require(request, approvals.RECORD)
    subject = approvals.subject_row(payload.subject_type, payload.subject_id, payload.kind)
    approval = approvals.approval_request(
        actor=user,
        subject=subject,
        kind=payload.kind,
        purpose=payload.purpose,
        document_title=payload.document_title,
        document_reference=payload.document_reference,
        sent_on=payload.sent_on,
    )
    return Status(201, {"id": approval.pk, "status": approval.status, "sent_on": approval.sent_on})


EXPOSED[approvals.approval_request.name] = ("POST", "/approvals", "core_approval_request")


class ApprovalAnswerIn(InputSchema):
    answer: choice(Approval.Status)
    answered_on: dt.date | None = None
    answer_reference: text(100) = ""
    note: text(5000) = ""


expose(
    router,
    approvals.approval_answer,
    "/approvals/{approval_id}/answer",
    schema=ApprovalAnswerIn,
    description="依据 · rule: S2. Agreed, or returned for changes with the reasons.",
)
