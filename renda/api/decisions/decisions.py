"""Decisions API: decisions and resolutions, recorded from the sealed vote and published."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from renda.decisions import services
from renda.decisions.models import Decision
from renda.decisions.selectors import decisions_readable_by, decisions_visible_to

from ..actions import expose
from ..auth import OPTIONAL_AUTH, READ_AUTH
from ..common import PageQuery, PathId, choice, page
from ..errors import DETAIL_ERRORS, READ_ERRORS
from ._common import router


class DecisionRowOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    matter_id: int
    category: str
    decided_on: dt.date | None
    published_at: dt.datetime | None


class DecisionListOut(Schema):
    count: int
    items: list[DecisionRowOut]


class DecisionListQuery(PageQuery):
    kind: choice(Decision.Kind) | None = None


def _decision_row(d: Decision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "kind": d.kind,
        "title": d.title,
        "status": d.status,
        "matter_id": d.matter_id,
        "category": d.matter.category.code,
        "decided_on": d.decided_on,
        "published_at": d.published_at,
    }


@router.get(
    "/decisions/decisions",
    response={200: DecisionListOut, **READ_ERRORS},
    auth=READ_AUTH,
    operation_id="decisions_decisions_list",
    summary="列出决定和决议 · List decisions and resolutions",
    description="Including revocations (S12 item 4). Anonymous callers see published ones only.",
    openapi_extra=OPTIONAL_AUTH,
)
def decisions_decisions_list(request, filters: Query[DecisionListQuery]):
    qs = decisions_readable_by(request.auth)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return page(qs.order_by("-decided_on", "-id"), filters, _decision_row)


class DecisionTallyOut(Schema):
    base: int | None = Field(None, description="应到: all members")
    present: int | None = Field(None, description="实到: signed in when the poll opened")
    threshold: int | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    not_voted: int | None = Field(None, description="未按: present at open, no ballot")
    absent: int | None = Field(None, description="缺席: not signed in at open, no ballot")
    result: str | None = None
    fingerprint: str | None = None


class DecisionDetailOut(Schema):
    id: int
    kind: str
    title: str
    text: str
    status: str
    matter_id: int
    matter_title: str
    category: str
    meeting_id: int | None
    poll_id: int | None
    tally: DecisionTallyOut | None
    decided_on: dt.date | None
    published_at: dt.datetime | None


@router.get(
    "/decisions/decisions/{major_decision_id}",
    response={200: DecisionDetailOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="decisions_decisions_detail",
    summary="决定或决议详情 · Get a decision or resolution",
    description="With the sealed tally once recorded. Anonymous callers get published ones only.",
    openapi_extra=OPTIONAL_AUTH,
)
def decisions_decisions_detail(request, major_decision_id: PathId):
    d = get_object_or_404(decisions_readable_by(request.auth), pk=major_decision_id)
    item = d.matter.agenda_item
    return {
        **_decision_row(d),
        "text": d.text,
        "matter_title": d.matter.title,
        "meeting_id": item.meeting_id if item else None,
        "poll_id": d.poll_id,
        "tally": d.tally or None,
    }


# --------------------------------------------------------------------------- writes

expose(
    router,
    services.decision_record_outcome,
    "/decisions/decisions/{major_decision_id}/record",
    visible=decisions_visible_to,
    description=(
        "依据 · rule: §6.1. Normally recorded when the poll is sealed; the office's manual "
        "count. A recorded decision is returned as it is."
    ),
)
expose(
    router,
    services.decision_publish,
    "/decisions/decisions/{major_decision_id}/publish",
    visible=decisions_visible_to,
)
