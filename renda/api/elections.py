"""Elections by the congress (选举, rules.md §7.2–§7.4): nominations and the slate.

The office and the leaders read them; the office opens, nominates and puts to the vote.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from renda.appointments import services
from renda.appointments.models import Election, Nomination
from renda.voting.models import Poll

from .actions import expose
from .appointments import PRIVATE_READ, VIEW, router
from .auth import require
from .common import Id, InputSchema, PageQuery, PathId, choice, page, text
from .errors import DETAIL_ERRORS, READ_ERRORS


class NominationOut(Schema):
    id: int
    person_id: int
    name: str
    by: str = Field(description="presidium 主席团 · deputies 代表联名")
    sponsors: int = Field(description="联名代表人数 · deputies who joined")
    nominated_on: dt.date
    status: str = Field(description="nominated · withdrawn · elected · not_elected")
    membership_id: int | None


class ElectionOut(Schema):
    id: int
    meeting_id: int
    post_id: int
    post: str
    seats: int
    office_kind: str
    opened_on: dt.date
    status: str
    agenda_item_id: int | None
    poll_id: int | None
    tally: dict[str, Any]
    decided_on: dt.date | None
    closing_note: str
    nominations: list[NominationOut]


class ElectionListOut(Schema):
    count: int
    items: list[ElectionOut]


ELECTIONS = Election.objects.select_related("post__organization").prefetch_related(
    "nominations__person", "nominations__sponsors"
)


def _row(e: Election) -> dict[str, Any]:
    nominations = [
        {"id": n.pk, "person_id": n.person_id, "name": n.person.name, "by": n.by,
         "sponsors": len(n.sponsors.all()), "nominated_on": n.nominated_on, "status": n.status,
         "membership_id": n.membership_id}
        for n in e.nominations.all()
    ]  # fmt: skip
    return {
        "id": e.pk, "meeting_id": e.meeting_id, "post_id": e.post_id, "post": str(e.post),
        "seats": e.seats, "office_kind": e.office_kind, "opened_on": e.opened_on,
        "status": e.status, "agenda_item_id": e.agenda_item_id, "poll_id": e.poll_id,
        "tally": e.tally, "decided_on": e.decided_on, "closing_note": e.closing_note,
        "nominations": nominations,
    }  # fmt: skip


def _out(e: Election) -> dict[str, Any]:
    return _row(ELECTIONS.get(pk=e.pk))


@router.get(
    "/elections",
    response={200: ElectionListOut, **READ_ERRORS},
    auth=PRIVATE_READ,
    operation_id="appointments_elections_list",
    summary="选举事项 · List elections",
    description="依据 · rule: §7.2–§7.4. The office and the leaders; newest first.",
)
def elections_list(request, filters: Query[PageQuery]):
    require(request, VIEW)
    return page(ELECTIONS.order_by("-opened_on", "-id"), filters, _row)


@router.get(
    "/elections/{election_id}",
    response={200: ElectionOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="appointments_election_detail",
    summary="选举事项详情 · Get an election",
    description="依据 · rule: §7.2–§7.4. With its candidates.",
)
def elections_detail(request, election_id: PathId):
    require(request, VIEW)
    return _row(get_object_or_404(ELECTIONS, pk=election_id))


class OpenIn(InputSchema):
    meeting_id: Id = Field(description="尚未闭会的人民代表大会会议 · an open session of the congress")  # fmt: skip
    post_id: Id
    seats: int = Field(ge=1, le=99)
    office_kind: choice(Poll.OfficeKind) = Field(description="差额规则 · the margin rule of §7.2")  # fmt: skip


expose(
    router,
    services.election_open,
    "/elections",
    schema=OpenIn,
    response=ElectionOut,
    out=_out,
    status=201,
    summary="登记选举事项 · Open an election · appointments.election.open",
    description="依据 · rule: §7.2. At a session of the congress; nominations open that day.",
)


class NominateIn(InputSchema):
    person_id: Id
    by: choice(Nomination.By)
    deputy_ids: list[Id] = Field(default_factory=list, max_length=2000, description="联名代表 · deputies joining a joint nomination")  # fmt: skip


expose(
    router,
    services.election_nominate,
    "/elections/{election_id}/nominations",
    schema=NominateIn,
    response=ElectionOut,
    out=lambda n: _out(n.election),
    status=201,
    summary="登记候选人提名 · Nominate a candidate · appointments.election.nominate",
    description="依据 · rule: §7.3. By the presidium, or jointly by "
    "`election.joint_nominators_city` / `_county` deputies; no more candidates than seats.",
)
expose(
    router,
    services.election_put_to_vote,
    "/elections/{election_id}/put-to-vote",
    response=ElectionOut,
    out=_out,
    summary="提交大会选举 · Put the slate to the vote · appointments.election.put_to_vote",
    description="依据 · rule: §7.2, §7.4. After `election.nomination_days`; the slate's margin is checked.",
)
expose(
    router,
    services.election_record_vote,
    "/elections/{election_id}/record-vote",
    response=ElectionOut,
    out=_out,
    summary="登记选举结果 · Record the sealed result · appointments.election.record_vote",
    description="依据 · rule: §7.4. After a count by hand; those elected hold the post.",
)


class ElectionWithdrawIn(InputSchema):
    reason: text(200)


expose(
    router,
    services.election_withdraw,
    "/elections/{election_id}/withdraw",
    schema=ElectionWithdrawIn,
    response=ElectionOut,
    out=_out,
    summary="撤销选举事项 · Withdraw an election · appointments.election.withdraw",
    description="依据 · rule: §7.2. The presidium's decision, before the vote.",
)
