"""Supervision API: judicial."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Schema, Status

from renda.meetings.models import Meeting
from renda.people.models import Organization
from renda.supervision import services
from renda.supervision.models import (
    JudicialRecord,
)

from ..auth import require, write_auth
from ..common import Id, InputSchema, PathId, choice, text
from ..errors import WRITE_ERRORS
from ._common import MANAGE, _get, router

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
