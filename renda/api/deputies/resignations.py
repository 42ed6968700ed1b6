"""Resignations of deputies (代表法 Art. 49, rules.md §2.2) and the term's vacancies.

The office and the leaders read them; the office records the request, puts it to the
standing committee's vote or records the electing body's decision.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Schema

from renda.deputies import selectors, services
from renda.deputies.models import Resignation
from renda.people.selectors import current_term

from ..actions import expose
from ..auth import require
from ..common import Id, InputSchema, PageQuery, PathId, page, text
from ..errors import DETAIL_ERRORS, READ_ERRORS
from ._common import PRIVATE_READ, VIEW, router


class ResignationOut(Schema):
    id: int
    deputy_id: int
    deputy_name: str
    submitted_on: dt.date
    letter: str
    ordered: bool = Field(description="被责令辞职 · told to resign")
    decider: str = Field(description="this_sc 本级常委会表决 · electing_body 选举单位决定")
    status: str
    agenda_item_id: int | None
    poll_id: int | None
    decided_on: dt.date | None
    decision_document: str
    tally: dict[str, Any]


class ResignationListOut(Schema):
    count: int
    items: list[ResignationOut]


def _row(r: Resignation) -> dict[str, Any]:
    return {
        "id": r.pk, "deputy_id": r.deputy_id, "deputy_name": r.deputy.person.name,
        "submitted_on": r.submitted_on, "letter": r.letter, "ordered": r.ordered, "decider": r.decider,
        "status": r.status, "agenda_item_id": r.agenda_item_id, "poll_id": r.poll_id,
        "decided_on": r.decided_on, "decision_document": r.decision_document, "tally": r.tally,
    }  # fmt: skip


@router.get(
    "/resignations",
    response={200: ResignationListOut, **READ_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_resignations_list",
    summary="辞去代表职务 · List resignations",
    description="依据 · rule: §2.2. The office and the leaders; newest first.",
)
def deputies_resignations_list(request, filters: Query[PageQuery]):
    require(request, VIEW)
    qs = Resignation.objects.select_related("deputy__person").order_by("-submitted_on", "-id")
    return page(qs, filters, _row)


@router.get(
    "/resignations/{resignation_id}",
    response={200: ResignationOut, **DETAIL_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_resignation_detail",
    summary="辞职请求详情 · Get a resignation",
    description="依据 · rule: §2.2. The office and the leaders.",
)
def deputies_resignation_detail(request, resignation_id: PathId):
    require(request, VIEW)
    return _row(get_object_or_404(Resignation.objects.select_related("deputy__person"), pk=resignation_id))  # fmt: skip


class FillOut(Schema):
    by_election_id: int
    name: str
    status: str


class VacancyOut(Schema):
    deputy_id: int
    name: str
    status: str
    on: dt.date | None
    reason: str
    by_elections: list[FillOut] = Field(description="补选 · the by-election filling the seat")


class VacanciesOut(Schema):
    elected: int = Field(description="本届选出 · mandates of the term")
    seated: int = Field(description="现有代表（含暂停执行职务）· seated, suspended included")
    count: int
    items: list[VacancyOut]


def _vacancy(d) -> dict[str, Any]:
    fills = [{"by_election_id": b.pk, "name": b.person.name, "status": b.status} for b in d.fills]
    return {"deputy_id": d.pk, "name": d.person.name, "status": d.status, "on": d.status_date,
            "reason": d.status_reason, "by_elections": fills}  # fmt: skip


@router.get(
    "/vacancies",
    response={200: VacanciesOut, **READ_ERRORS},
    auth=PRIVATE_READ,
    operation_id="deputies_vacancies",
    summary="代表缺额 · The term's vacancies",
    description="依据 · rule: §2.2. Mandates of the current term that ended, latest first.",
)
def deputies_vacancies(request, filters: Query[PageQuery]):
    require(request, VIEW)
    ended, counts = selectors.vacancies(current_term())
    out = page(ended, filters, _vacancy)
    return {"elected": counts["elected"], "seated": counts["seated"], **out}


class ResignationSubmitIn(InputSchema):
    deputy_id: Id
    submitted_on: dt.date
    letter: text(4000)
    ordered: bool = False


expose(
    router,
    services.resignation_submit,
    "/resignations",
    schema=ResignationSubmitIn,
    status=201,
    summary="登记辞职请求 · Record a resignation · deputies.resignation.submit",
    description="依据 · rule: §2.2. A serving deputy's written request; who decides follows the "
    "level (`decider`).",
)


class PutToVoteIn(InputSchema):
    meeting_id: Id = Field(description="尚未闭会的常委会会议 · an open standing-committee meeting")


expose(
    router,
    services.resignation_put_to_vote,
    "/resignations/{resignation_id}/put-to-vote",
    schema=PutToVoteIn,
    summary="提请常委会表决 · Put a resignation to the vote · deputies.resignation.put_to_vote",
    description="依据 · rule: §2.2. Where this standing committee decides: an agenda item and a "
    "decision poll; the sealed result is carried on its own.",
)
expose(
    router,
    services.resignation_record_vote,
    "/resignations/{resignation_id}/record-vote",
    summary="登记表决结果 · Record the sealed vote · deputies.resignation.record_vote",
    description="依据 · rule: §2.2. After a manual count; an accepted resignation ends the mandate.",
)


class DecisionIn(InputSchema):
    accepted: bool
    decided_on: dt.date
    document: text(200)


expose(
    router,
    services.resignation_record_decision,
    "/resignations/{resignation_id}/decision",
    schema=DecisionIn,
    summary="登记选举单位的决定 · Record the electing body's decision · deputies.resignation.record_decision",  # fmt: skip
    description="依据 · rule: §2.2. Where the electing congress's standing committee decides.",
)


class WithdrawIn(InputSchema):
    reason: text(200)


expose(
    router,
    services.resignation_withdraw,
    "/resignations/{resignation_id}/withdraw",
    schema=WithdrawIn,
    summary="撤回辞职请求 · Withdraw a resignation · deputies.resignation.withdraw",
    description="依据 · rule: §2.2. Before it is put to the vote or decided.",
)
