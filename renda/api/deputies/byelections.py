"""By-elections (选举法 Art. 57) and the credentials committee's review (rules.md §2.2).

The office and the leaders read them; the office records the result and the committee's
report, and puts the report to the standing committee's vote.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from renda.deputies import services
from renda.deputies.models import ByElection

from ..actions import expose
from ..auth import require
from ..common import Id, InputSchema, PageQuery, PathId, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS
from ._common import PRIVATE_READ, VIEW, router


class ByElectionOut(Schema):
    id: int
    person_id: int
    name: str
    vacated_deputy_id: int | None
    constituency: str
    electing_unit: str
    held_on: dt.date
    candidates: int
    result: str
    status: str
    finding: str = Field(description="valid 当选有效 · invalid 当选无效 · '' 尚未报告")
    report: str
    reported_on: dt.date | None
    agenda_item_id: int | None
    poll_id: int | None
    tally: dict[str, Any]
    decided_on: dt.date | None
    deputy_id: int | None = Field(description="确认后的代表 · the mandate once confirmed")
    announcement: str


class ByElectionListOut(Schema):
    count: int
    items: list[ByElectionOut]


def _row(b: ByElection) -> dict[str, Any]:
    return {
        "id": b.pk, "person_id": b.person_id, "name": b.person.name,
        "vacated_deputy_id": b.vacated_id, "constituency": b.constituency,
        "electing_unit": b.electing_unit, "held_on": b.held_on, "candidates": b.candidates,
        "result": b.result, "status": b.status, "finding": b.finding, "report": b.report,
        "reported_on": b.reported_on, "agenda_item_id": b.agenda_item_id, "poll_id": b.poll_id,
        "tally": b.tally, "decided_on": b.decided_on, "deputy_id": b.deputy_id,
        "announcement": b.announcement,
    }  # fmt: skip


@router.get(
    "/by-elections",
    response={200: ByElectionListOut, **READ_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_by_elections_list",
    summary="补选代表 · List by-elections",
    description="依据 · rule: §2.2. The office and the leaders; latest first.",
)
def deputies_by_elections_list(request, filters: Query[PageQuery]):
    require(request, VIEW)
    qs = ByElection.objects.select_related("person").order_by("-held_on", "-id")
    return page(qs, filters, _row)


@router.get(
    "/by-elections/{by_election_id}",
    response={200: ByElectionOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_by_election_detail",
    summary="补选详情 · Get a by-election",
    description="依据 · rule: §2.2. The office and the leaders.",
)
def deputies_by_election_detail(request, by_election_id: PathId):
    require(request, VIEW)
    return _row(get_object_or_404(ByElection.objects.select_related("person"), pk=by_election_id))


class ByElectionIn(InputSchema):
    person_id: Id = Field(description="人员名录中的当选人 · the elected person")
    held_on: dt.date
    vacated_id: Id | None = Field(None, description="出缺的代表 · the vacated mandate")
    constituency: text(80) = ""
    electing_unit: text(80) = ""
    delegation_id: Id | None = None
    occupation_category: str = "other"
    candidates: int = Field(1, ge=1, le=99)
    result: text(2000) = ""


expose(
    router,
    services.byelection_record,
    "/by-elections",
    schema=ByElectionIn,
    status=201,
    summary="登记补选结果 · Record a by-election · deputies.byelection.record",
    description="依据 · rule: §2.2. Who was elected to fill a vacancy of the current term; "
    "the mandate exists only once the standing committee confirms the qualification.",
)


class ReportIn(InputSchema):
    finding: str = Field(description="valid · invalid")
    report: text(4000)
    reported_on: dt.date | None = None


expose(
    router,
    services.byelection_report,
    "/by-elections/{by_election_id}/report",
    schema=ReportIn,
    summary="登记资格审查报告 · Record the credentials committee's report · deputies.byelection.report",  # fmt: skip
    description="依据 · rule: §2.2. Whether the election is valid, and why.",
)


class PutToVoteIn(InputSchema):
    meeting_id: Id = Field(description="尚未闭会的常委会会议 · an open standing-committee meeting")


expose(
    router,
    services.byelection_put_to_vote,
    "/by-elections/{by_election_id}/put-to-vote",
    schema=PutToVoteIn,
    summary="提请常委会表决 · Put the report to the vote · deputies.byelection.put_to_vote",
    description="依据 · rule: §2.2. An agenda item and a decision poll; the sealed result is "
    "carried on its own: an adopted finding of validity creates the mandate.",
)
expose(
    router,
    services.byelection_record_vote,
    "/by-elections/{by_election_id}/record-vote",
    summary="登记表决结果 · Record the sealed vote · deputies.byelection.record_vote",
    description="依据 · rule: §2.2. After a manual count.",
)


class CancelIn(InputSchema):
    reason: text(200)


expose(
    router,
    services.byelection_cancel,
    "/by-elections/{by_election_id}/cancel",
    schema=CancelIn,
    summary="撤销补选登记 · Cancel a by-election record · deputies.byelection.cancel",
    description="依据 · rule: §2.2. A record entered in error, before the vote.",
)
