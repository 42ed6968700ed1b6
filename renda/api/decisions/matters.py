"""Decisions API: major matters, their materials, the agenda, hearing a report and its opinions."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Schema, Status

from renda.core.errors import DomainError
from renda.decisions import services, workflow
from renda.decisions.models import Decision, Material, Matter, MatterKind
from renda.decisions.selectors import matters_visible_to, overdue_q

from ..actions import ActionOut, expose
from ..auth import require, write_auth
from ..common import Id, InputSchema, PageQuery, PathId, Year, choice, page, text
from ..errors import WRITE_ERRORS
from ._common import MATTER_READ_AUTH, VIEW, _category, _meeting, _organization, router


class MatterListItemOut(Schema):
    id: int
    title: str
    category: str
    kind: str
    status: str
    year: int
    planned_quarter: int | None
    proposing_body_name: str
    meeting_id: int | None
    overdue: bool


class MatterListOut(Schema):
    count: int
    items: list[MatterListItemOut]


class MatterListQuery(PageQuery):
    category: text(40) | None = None
    kind: choice(MatterKind) | None = None
    year: Year | None = None
    overdue: bool = False


def _matter_row(m: Matter, today: dt.date) -> dict[str, Any]:
    return {
        "id": m.pk,
        "title": m.title,
        "category": m.category.code,
        "kind": m.kind,
        "status": m.status,
        "year": m.year,
        "planned_quarter": m.planned_quarter,
        "proposing_body_name": m.proposing_body.name,
        "meeting_id": m.agenda_item.meeting_id if m.agenda_item_id else None,
        "overdue": m.is_overdue(today),
    }


@router.get(
    "/decisions/matters",
    response={200: MatterListOut, **WRITE_ERRORS},
    auth=MATTER_READ_AUTH,
    operation_id="decisions_matters_list",
    summary="列出重大事项 · List major matters",
    description="The SC side sees every matter; the government's officer its own. Not public.",
)
def decisions_matters_list(request, filters: Query[MatterListQuery]):
    user = require(request, VIEW)
    today = timezone.localdate()
    qs = matters_visible_to(user)
    if filters.category:
        qs = qs.filter(category__code=filters.category)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.overdue:
        qs = qs.filter(overdue_q(today))
    return page(
        qs.order_by("-year", "planned_quarter", "id"), filters, lambda m: _matter_row(m, today)
    )


class MatterDecisionOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    poll_id: int | None
    decided_on: dt.date | None


class MatterMaterialOut(Schema):
    id: int
    kind: str
    title: str
    received_on: dt.date


class MatterDetailOut(Schema):
    id: int
    title: str
    description: str
    category: str
    kind: str
    status: str
    year: int
    planned_quarter: int | None
    proposing_body_name: str
    meeting_id: int | None
    agenda_item_id: int | None
    case_id: int | None
    overdue: bool
    revoked_title: str
    revoked_number: str
    grounds: str
    materials: list[MatterMaterialOut]
    decisions: list[MatterDecisionOut]


@router.get(
    "/decisions/matters/{major_matter_id}",
    response={200: MatterDetailOut, **WRITE_ERRORS},
    auth=MATTER_READ_AUTH,
    operation_id="decisions_matters_detail",
    summary="重大事项详情 · Get a major matter",
    description="With its materials, the meeting it goes to and its decisions. Not public.",
)
def decisions_matters_detail(request, major_matter_id: PathId):
    user = require(request, VIEW)
    m = get_object_or_404(matters_visible_to(user), pk=major_matter_id)
    return {
        **_matter_row(m, timezone.localdate()),
        "description": m.description,
        "agenda_item_id": m.agenda_item_id,
        "case_id": m.case_id,
        "revoked_title": m.revoked_title,
        "revoked_number": m.revoked_number,
        "grounds": m.grounds,
        "materials": [
            {"id": a.pk, "kind": a.kind, "title": a.title, "received_on": a.received_on}
            for a in m.materials.all()
        ],
        "decisions": [
            {
                "id": d.pk,
                "kind": d.kind,
                "title": d.title,
                "status": d.status,
                "poll_id": d.poll_id,
                "decided_on": d.decided_on,
            }
            for d in m.decisions.order_by("id")
        ],
    }


class MatterCreateIn(InputSchema):
    """A matter outside the annual list; ``kind`` ``revocation`` needs ``revoked_title`` and ``grounds`` (S12)."""

    category: text(40)
    kind: choice(MatterKind)
    title: text(200)
    proposing_body_id: Id
    description: text(20000) = ""
    year: Year | None = None
    planned_quarter: int | None = None
    revoked_title: text(200) = ""
    revoked_number: text(100) = ""
    revoked_issued_on: dt.date | None = None
    grounds: text(20000) = ""


class MatterCreatedOut(Schema):
    id: int
    title: str
    kind: str
    status: str


@router.post(
    "/decisions/matters",
    response={201: MatterCreatedOut, **WRITE_ERRORS},
    auth=write_auth("decisions.manage"),
    operation_id="decisions_matters_create",
    summary="登记重大事项或撤销议案 · Register a major matter or a revocation motion",
)
def decisions_matters_create(request, payload: MatterCreateIn):
    user = require(request, "decisions.manage")
    m = services.matter_create(
        actor=user,
        category=_category(payload.category),
        kind=payload.kind,
        title=payload.title,
        proposing_body=_organization(payload.proposing_body_id, "proposing_body_id"),
        description=payload.description,
        year=payload.year,
        planned_quarter=payload.planned_quarter,
        revoked_title=payload.revoked_title,
        revoked_number=payload.revoked_number,
        revoked_issued_on=payload.revoked_issued_on,
        grounds=payload.grounds,
    )
    return Status(201, {"id": m.pk, "title": m.title, "kind": m.kind, "status": m.status})


class MatterScheduleIn(InputSchema):
    meeting_id: Id


class MatterScheduledOut(Schema):
    id: int
    status: str
    meeting_id: int
    agenda_item_id: int


@router.post(
    "/decisions/matters/{major_matter_id}/schedule",
    response={200: MatterScheduledOut, **WRITE_ERRORS},
    auth=write_auth("decisions.manage"),
    operation_id="decisions_matters_schedule",
    summary="列入常委会会议议程 · Put a matter on a standing-committee meeting's agenda (the office)",
)
def decisions_matters_schedule(request, major_matter_id: PathId, payload: MatterScheduleIn):
    user = require(request, "decisions.manage")
    matter = get_object_or_404(matters_visible_to(user), pk=major_matter_id)
    matter = services.matter_schedule(
        actor=user, matter=matter, meeting=_meeting(payload.meeting_id)
    )
    return {
        "id": matter.pk,
        "status": matter.status,
        "meeting_id": matter.agenda_item.meeting_id,
        "agenda_item_id": matter.agenda_item_id,
    }


#: A base64 file of at most the page's upload limit (4 characters per 3 bytes).
MAX_BASE64 = (workflow.MAX_UPLOAD_BYTES + 2) // 3 * 4


class MaterialIn(InputSchema):
    """The file is base64-encoded in ``file_base64`` and named by ``file_name``; it is checked
    exactly as on the matter's page (PDF, docx, xlsx or txt, at most 20 MB)."""

    kind: choice(Material.Kind)
    title: text(200)
    file_name: text(200)
    file_base64: str = Field(..., max_length=MAX_BASE64, description="The file, base64-encoded.")
    received_on: dt.date | None = Field(
        None, description="The office may record a paper delivery's date; otherwise today."
    )


class MaterialOut(Schema):
    id: int
    matter_id: int
    kind: str
    title: str
    received_on: dt.date


@router.post(
    "/decisions/matters/{major_matter_id}/materials",
    response={201: MaterialOut, **WRITE_ERRORS},
    auth=write_auth(services.material_add.permission),
    operation_id="decisions_matters_materials_create",
    summary="报送材料 · File a material of a matter (the office, or the government proposing it)",
    description="依据 · rule: §6.3. The day it arrives counts for the lead time before the meeting.",
)
def decisions_matters_materials_create(request, major_matter_id: PathId, payload: MaterialIn):
    user = require(request, services.material_add.permission)
    matter = get_object_or_404(matters_visible_to(user), pk=major_matter_id)
    try:
        raw = base64.b64decode(payload.file_base64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DomainError(
            "file_base64_invalid", _("文件内容不是有效的 base64 编码。"), field="file_base64"
        ) from exc
    material = services.material_add(
        actor=user,
        matter=matter,
        kind=payload.kind,
        title=payload.title,
        file=ContentFile(raw, name=payload.file_name),
        received_on=payload.received_on,
    )
    return Status(
        201,
        {
            "id": material.pk,
            "matter_id": matter.pk,
            "kind": material.kind,
            "title": material.title,
            "received_on": material.received_on,
        },
    )


class ConcludeIn(InputSchema):
    conclusion: text(20000)


expose(
    router,
    services.matter_conclude,
    "/decisions/matters/{major_matter_id}/conclude",
    visible=matters_visible_to,
    schema=ConcludeIn,
)


class OpinionsIn(InputSchema):
    text: text(20000)


class OpinionsSentOut(ActionOut):
    case_id: int


expose(
    router,
    services.opinions_send,
    "/decisions/matters/{major_matter_id}/opinions",
    visible=matters_visible_to,
    schema=OpinionsIn,
    response=OpinionsSentOut,
    out=lambda case: {
        "id": case.major_matter.pk,
        "status": case.major_matter.status,
        "case_id": case.pk,
    },
    description="依据 · rule: §6.5. The opinions become a case assigned to the government.",
)


class DecisionProposeIn(InputSchema):
    kind: choice(Decision.Kind)
    title: text(200)
    text: text(20000)


class DecisionProposedOut(ActionOut):
    poll_id: int | None


expose(
    router,
    services.decision_propose,
    "/decisions/matters/{major_matter_id}/decisions",
    visible=matters_visible_to,
    schema=DecisionProposeIn,
    response=DecisionProposedOut,
    status=201,
    out=lambda d: {"id": d.pk, "status": d.status, "poll_id": d.poll_id},
    description=(
        "依据 · rule: §6.1. The decision's poll is created on the matter's agenda item; its "
        "result is recorded when the poll is sealed."
    ),
)
