"""The demo's recalls: one decided, the mandate ended, and one waiting.

Who recalls follows the jurisdiction's real level: the demo city's deputies are recalled by
the county congress that elected them (the office records its decision); a county's by the
voters of the original constituency (a petition, its distribution and the vote).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from renda.deputies import services as D
from renda.deputies.models import Recall
from renda.deputies.services.recalls import route_for
from renda.people.models import Deputy, Term


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _by_electing_body(actor, decided: Deputy, waiting: Deputy | None, today: dt.date) -> None:
    unit = decided.electing_unit or "清河区人民代表大会"
    filed = today - dt.timedelta(days=40)
    recall = D.recall_open(
        actor=actor, deputy=decided, filed_on=filed, proposer=f"{unit}主席团",
        reasons="该代表利用职务便利谋取私利，受到党纪政务处分，已不适宜继续担任市人民代表大会代表。",
        now=_at(filed),
    )  # fmt: skip
    decided_on = today - dt.timedelta(days=12)
    D.recall_record_decision(
        actor=actor, recall=recall, recalled=True, decided_on=decided_on,
        document=f"{unit}关于罢免{decided.person.name}的市人民代表大会代表职务的决定",
        now=_at(decided_on, 15),
    )  # fmt: skip
    if waiting is None:
        return
    unit = waiting.electing_unit or "清河区人民代表大会"
    filed = today - dt.timedelta(days=8)
    D.recall_open(
        actor=actor, deputy=waiting, filed_on=filed,
        proposer=unit.replace("人民代表大会", "人民代表大会常务委员会主任会议"),
        reasons="该代表连续两年不参加代表小组活动，不联系原选举单位和人民群众。",
        now=_at(filed),
    )  # fmt: skip


def _by_voters(actor, decided: Deputy, waiting: Deputy | None, today: dt.date) -> None:
    filed = today - dt.timedelta(days=45)
    recall = D.recall_open(
        actor=actor, deputy=decided, filed_on=filed, proposer="原选区选民张某等62人",
        petitioners=62, reasons="该代表长期不履行代表职责，不联系原选区选民，不参加代表活动。",
        now=_at(filed),
    )  # fmt: skip
    sent = filed + dt.timedelta(days=10)
    D.recall_distribute(
        actor=actor, recall=recall, distributed_on=sent,
        defence="本人因长期在外地工作，参加活动较少，今后将改进。", now=_at(sent),
    )  # fmt: skip
    voted = sent + dt.timedelta(days=14)
    D.recall_record_vote(
        actor=actor, recall=recall, voted_on=voted, electorate=3180, votes_for=1702,
        votes_against=905, votes_other=121, now=_at(voted, 18),
    )  # fmt: skip
    if waiting is None:
        return
    filed = today - dt.timedelta(days=6)
    D.recall_open(
        actor=actor, deputy=waiting, filed_on=filed, proposer="原选区选民李某等55人",
        petitioners=55, reasons="该代表被举报违反法律规定，原选区选民要求罢免。",
        now=_at(filed),
    )  # fmt: skip


def seed_recalls(*, actor, term: Term, spare: list[Deputy]) -> None:
    """Two spare deputies: one recalled, one whose recall waits for the decision or the vote."""
    if not spare:
        return
    today = timezone.localdate()
    waiting = spare[1] if len(spare) > 1 else None
    if route_for() == Recall.Route.ELECTING_BODY:
        _by_electing_body(actor, spare[0], waiting, today)
    else:
        _by_voters(actor, spare[0], waiting, today)
