"""Recalls of deputies (选举法 Arts. 49–56, rules.md §2.11).

The office and the leaders read them; the office records the voters' petition, its
distribution and the vote (a county's deputies), or the electing body's decision (a city's).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from renda.deputies import services
from renda.deputies.models import Recall

from ..actions import expose
from ..auth import require
from ..common import Id, InputSchema, PageQuery, PathId, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS
from ._common import PRIVATE_READ, VIEW, router

#: A head count: voters, votes.
Count = Annotated[int, Field(ge=0, le=100_000_000)]


class RecallOut(Schema):
    id: int
    deputy_id: int
    deputy_name: str
    route: str = Field(description="voters 原选区选民表决 · electing_body 原选举单位决定")
    status: str
    filed_on: dt.date
    proposer: str
    petitioners: int | None
    reasons: str
    defence: str
    distributed_on: dt.date | None
    voted_on: dt.date | None
    electorate: int | None
    votes_for: int | None
    votes_against: int | None
    votes_other: int | None
    decided_on: dt.date | None
    decision_document: str
    closing_note: str


class RecallListOut(Schema):
    count: int
    items: list[RecallOut]


FIELDS = (
    "route", "status", "filed_on", "proposer", "petitioners", "reasons", "defence",
    "distributed_on", "voted_on", "electorate", "votes_for", "votes_against", "votes_other",
    "decided_on", "decision_document", "closing_note",
)  # fmt: skip


def _row(r: Recall) -> dict[str, Any]:
    return {
        "id": r.pk, "deputy_id": r.deputy_id, "deputy_name": r.deputy.person.name,
        **{name: getattr(r, name) for name in FIELDS},
    }  # fmt: skip


@router.get(
    "/recalls",
    response={200: RecallListOut, **READ_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_recalls_list",
    summary="罢免代表 · List recalls",
    description="依据 · rule: §2.11. The office and the leaders; newest first.",
)
def deputies_recalls_list(request, filters: Query[PageQuery]):
    require(request, VIEW)
    qs = Recall.objects.select_related("deputy__person").order_by("-filed_on", "-id")
    return page(qs, filters, _row)


@router.get(
    "/recalls/{recall_id}",
    response={200: RecallOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_recall_detail",
    summary="罢免要求详情 · Get a recall",
    description="依据 · rule: §2.11. The office and the leaders.",
)
def deputies_recall_detail(request, recall_id: PathId):
    require(request, VIEW)
    return _row(get_object_or_404(Recall.objects.select_related("deputy__person"), pk=recall_id))


class RecallOpenIn(InputSchema):
    deputy_id: Id
    filed_on: dt.date
    proposer: text(120)
    reasons: text(4000)
    petitioners: Count | None = Field(
        None,
        description="联名选民人数：原选区选民表决的必填，不少于法定人数 · voters who signed; "
        "required where the voters recall, at least the statutory number",
    )


expose(
    router,
    services.recall_open,
    "/recalls",
    schema=RecallOpenIn,
    status=201,
    summary="登记罢免要求 · Record a recall petition or motion · deputies.recall.open",
    description="依据 · rule: §2.11. Who recalls follows the level (`route`): the voters of the "
    "original constituency (a county's deputies, a petition of at least the statutory number) "
    "or the electing county congress (a city's deputies).",
)


class DistributeIn(InputSchema):
    distributed_on: dt.date
    defence: text(4000) = Field("", description="代表的书面申辩意见 · the deputy's written defence")


expose(
    router,
    services.recall_distribute,
    "/recalls/{recall_id}/distribute",
    schema=DistributeIn,
    summary="印发原选区选民 · Distribute to the voters · deputies.recall.distribute",
    description="依据 · rule: §2.11. The petition and the deputy's defence go to the voters of "
    "the constituency.",
)


class VoteIn(InputSchema):
    voted_on: dt.date
    electorate: Count = Field(description="原选区选民总数 · the constituency's electorate")
    votes_for: Count
    votes_against: Count
    votes_other: Count = Field(description="弃权票和无效票 · abstentions and void ballots")


expose(
    router,
    services.recall_record_vote,
    "/recalls/{recall_id}/record-vote",
    schema=VoteIn,
    summary="登记选民投票结果 · Record the voters' vote · deputies.recall.record_vote",
    description="依据 · rule: §2.11. Recalled with more than half of the electorate (not of "
    "those voting); a recall ends the mandate.",
)


class DecisionIn(InputSchema):
    recalled: bool
    decided_on: dt.date
    document: text(200)


expose(
    router,
    services.recall_record_decision,
    "/recalls/{recall_id}/decision",
    schema=DecisionIn,
    summary="登记原选举单位的决定 · Record the electing body's decision · deputies.recall.record_decision",  # fmt: skip
    description="依据 · rule: §2.11. Where the electing county congress or its standing "
    "committee decides; a recall ends the mandate.",
)


class WithdrawIn(InputSchema):
    reason: text(200)


expose(
    router,
    services.recall_withdraw,
    "/recalls/{recall_id}/withdraw",
    schema=WithdrawIn,
    summary="撤回罢免要求 · Withdraw a recall · deputies.recall.withdraw",
    description="依据 · rule: §2.11. Before the vote or the decision.",
)
