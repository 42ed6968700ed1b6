"""Qualification matters (raised by the absence rule or by the office) and suspensions."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from renda.deputies import selectors, services
from renda.deputies.models import QualificationMatter, Suspension
from renda.people.models import Deputy
from renda.portal.handlers import qualification_source
from renda.portal.models import NewsItem

from ..actions import expose
from ..auth import require
from ..common import Id, InputSchema, PageQuery, PathId, choice, page, text
from ..errors import DETAIL_ERRORS, WRITE_ERRORS
from ._common import PRIVATE_READ, VIEW, router


def _notice_id(m: QualificationMatter) -> int | None:
    """The public notice of an announced termination (published after commit)."""
    source = qualification_source(m.pk)
    return NewsItem.objects.filter(source=source).values_list("pk", flat=True).first()


def _all(user):
    return QualificationMatter.objects.all()


# -- qualification matters -----------------------------------------------------------------


class EvidenceLeaveOut(Schema):
    id: int
    reason: str
    status: str
    decided_at: str | None
    note: str


class EvidenceSessionOut(Schema):
    meeting_id: int
    title: str
    starts_on: str
    ends_on: str
    attendance: str
    counts: bool = Field(description="计入：缺席且无批准的请假 · an unapproved absence")
    leave: list[EvidenceLeaveOut]


class QualificationMatterRowOut(Schema):
    id: int
    deputy_id: int
    deputy_name: str
    term: int
    ground: str
    status: str
    raised_on: dt.date
    raised_by_platform: bool
    reported_on: dt.date | None
    announced_on: dt.date | None
    closed_on: dt.date | None


class QualificationMatterListOut(Schema):
    count: int
    items: list[QualificationMatterRowOut]


class QualificationMatterDetailOut(QualificationMatterRowOut):
    facts: str
    report: str
    announcement: str
    closing_note: str
    notice_id: int | None
    absences_counted: int | None = Field(
        None, description="提出时未经批准缺席次数 · unapproved absences when raised"
    )
    limit: int | None = None
    sessions: list[EvidenceSessionOut]


class QualificationMatterListQuery(PageQuery):
    status: choice(QualificationMatter.Status) | None = None


def _matter_row(m: QualificationMatter) -> dict[str, Any]:
    return {
        "id": m.pk,
        "deputy_id": m.deputy_id,
        "deputy_name": m.deputy.person.name,
        "term": m.deputy.term.number,
        "ground": m.ground,
        "status": m.status,
        "raised_on": m.raised_on,
        "raised_by_platform": m.raised_by_platform,
        "reported_on": m.reported_on,
        "announced_on": m.announced_on,
        "closed_on": m.closed_on,
    }


@router.get(
    "/qualification-matters",
    response={200: QualificationMatterListOut, **WRITE_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_qualification_list",
    summary="列出代表资格事项 · List qualification matters",
    description="依据 · rule: §2.2. The office and the leaders; not public.",
)
def deputies_qualification_list(request, filters: Query[QualificationMatterListQuery]):
    require(request, VIEW)
    return page(selectors.matters(filters.status), filters, _matter_row)


@router.get(
    "/qualification-matters/{qualification_matter_id}",
    response={200: QualificationMatterDetailOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_qualification_detail",
    summary="代表资格事项详情 · Get a qualification matter",
    description="With the evidence of an absence matter: each congress session of the term, "
    "the attendance, the leave requests and their decisions, and whether it counts.",
)
def deputies_qualification_detail(request, qualification_matter_id: PathId):
    require(request, VIEW)
    m = get_object_or_404(selectors.matters(), pk=qualification_matter_id)
    evidence = m.evidence or {}
    return {
        **_matter_row(m),
        "facts": m.facts,
        "report": m.report,
        "announcement": m.announcement,
        "closing_note": m.closing_note,
        "notice_id": _notice_id(m),
        "absences_counted": evidence.get("count"),
        "limit": evidence.get("limit"),
        "sessions": evidence.get("sessions", []),
    }


#: The grounds the office raises; absences are the platform's alone.
OFFICE_GROUNDS = tuple(
    g for g in QualificationMatter.Ground.values if g != QualificationMatter.Ground.ABSENCES
)


class MatterOpenIn(InputSchema):
    """A ground other than absences (those are raised from the attendance record only)."""

    deputy_id: Id
    ground: Literal[OFFICE_GROUNDS]
    facts: text(2000)
    raised_on: dt.date | None = None


expose(
    router,
    services.qualification_open,
    "/qualification-matters",
    schema=MatterOpenIn,
    status=201,
    description="依据 · rule: §2.2. Absences are not a ground here: the platform raises them "
    "from the attendance record.",
)


class ReportIn(InputSchema):
    report: text(4000)
    reported_on: dt.date | None = None


expose(
    router,
    services.qualification_report,
    "/qualification-matters/{qualification_matter_id}/report",
    visible=_all,
    schema=ReportIn,
)


class AnnounceIn(InputSchema):
    announcement: text(2000) = ""
    announced_on: dt.date | None = None


expose(
    router,
    services.qualification_announce,
    "/qualification-matters/{qualification_matter_id}/announce",
    visible=_all,
    schema=AnnounceIn,
    out=lambda m: {"id": m.pk, "status": m.status},
    description="依据 · rule: §2.2 (代表法 Art. 63). The mandate ends, and the public site "
    "publishes the notice just after (its id is the matter's `notice_id`); an empty "
    "`announcement` takes the standard text.",
)


class DismissIn(InputSchema):
    note: text(300)


expose(
    router,
    services.qualification_dismiss,
    "/qualification-matters/{qualification_matter_id}/dismiss",
    visible=_all,
    schema=DismissIn,
)


# -- suspensions ---------------------------------------------------------------------------


class SuspensionOut(Schema):
    id: int
    deputy_id: int
    deputy_name: str
    ground: str
    status: str
    starts_on: dt.date
    facts: str
    ends_on: dt.date | None
    end_basis: str
    restored_on: dt.date | None


class SuspensionListOut(Schema):
    count: int
    items: list[SuspensionOut]


class SuspensionListQuery(PageQuery):
    status: choice(Suspension.Status) | None = None


def _suspension_row(s: Suspension) -> dict[str, Any]:
    return {
        "id": s.pk,
        "deputy_id": s.deputy_id,
        "deputy_name": s.deputy.person.name,
        "ground": s.ground,
        "status": s.status,
        "starts_on": s.starts_on,
        "facts": s.facts,
        "ends_on": s.ends_on,
        "end_basis": s.end_basis,
        "restored_on": s.restored_on,
    }


@router.get(
    "/suspensions",
    response={200: SuspensionListOut, **WRITE_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_suspensions_list",
    summary="列出暂停执行代表职务 · List suspensions",
    description="依据 · rule: §2.3. The office and the leaders; not public.",
)
def deputies_suspensions_list(request, filters: Query[SuspensionListQuery]):
    require(request, VIEW)
    return page(selectors.suspensions(filters.status), filters, _suspension_row)


@router.get(
    "/suspensions/{suspension_id}",
    response={200: SuspensionOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_suspensions_detail",
    summary="暂停执行代表职务详情 · Get a suspension",
)
def deputies_suspensions_detail(request, suspension_id: PathId):
    require(request, VIEW)
    return _suspension_row(get_object_or_404(selectors.suspensions(), pk=suspension_id))


class SuspensionStartIn(InputSchema):
    deputy_id: Id
    ground: choice(Suspension.Ground)
    facts: text(300)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = Field(
        None, description="情形消失日期：到日自动恢复 · the day the duties are restored"
    )
    end_basis: text(200) = ""


expose(
    router,
    services.suspension_start,
    "/suspensions",
    schema=SuspensionStartIn,
    refs={"deputy": Deputy},
    status=201,
)


class SuspensionEndIn(InputSchema):
    ends_on: dt.date
    end_basis: text(200)


expose(
    router,
    services.suspension_set_end,
    "/suspensions/{suspension_id}/end",
    visible=lambda user: Suspension.objects.all(),
    schema=SuspensionEndIn,
    description="依据 · rule: §2.3. A day today or earlier restores the duties at once; a later "
    "day is kept and the platform restores them on it.",
)
