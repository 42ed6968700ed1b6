"""The demo's by-elections: a vacancy filled and confirmed, a report waiting for the vote,
and a result waiting for the credentials committee."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from renda.deputies import services as D
from renda.deputies.models import ByElection
from renda.deputies.selectors import ENDED_STATUSES
from renda.people.models import Deputy, Membership, Organization, Person, Term
from renda.people.services import deputy_create


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


ELECTED = (
    ("贺明轩", "male", "市第三中学校长", "professional"),
    ("祁晓燕", "female", "清河街道社区卫生服务中心主任", "professional"),
    ("邓国栋", "male", "东郊农业合作社社长", "farmer"),
)


def seed_by_elections(*, actor, term: Term) -> None:
    today = timezone.localdate()
    vacancies = list(
        Deputy.objects.filter(term=term, status__in=ENDED_STATUSES, status_date__isnull=False)
        .select_related("person").order_by("status_date", "id")[:3]
    )  # fmt: skip
    for i, (vacated, (name, gender, occupation, category)) in enumerate(zip(vacancies, ELECTED, strict=False)):  # fmt: skip
        person = Person.objects.create(
            name=name, gender=gender, occupation=occupation, party="none"
        )
        held = min(today - dt.timedelta(days=30 - 10 * i), vacated.status_date + dt.timedelta(days=45))  # fmt: skip
        held = max(held, vacated.status_date)
        unit = vacated.electing_unit or vacated.constituency or "清河区人民代表大会"
        seat = (
            Membership.objects.filter(person_id=vacated.person_id, organization__kind=Organization.Kind.DELEGATION)
            .order_by("-start_date").first()
        )  # fmt: skip
        by = D.byelection_record(
            actor=actor, person=person, vacated=vacated, held_on=held,
            delegation=seat.organization if seat else None,
            electing_unit="" if vacated.electing_unit or vacated.constituency else unit,
            occupation_category=category, candidates=2 if i != 1 else 1,
            result=f"应到代表236名，实到228名；{name}得票201张，当选。", now=_at(held, 17),
        )  # fmt: skip
        if i == 2:
            continue  # waiting for the credentials committee
        reported = min(held + dt.timedelta(days=5), today)
        D.byelection_report(
            actor=actor, by_election=by, finding="valid", reported_on=reported,
            report="经审查，本次补选的选举程序符合选举法的规定，当选人符合代表条件，代表资格有效。",
            now=_at(reported),
        )  # fmt: skip
        if i == 1:
            continue  # waiting to be put to the standing committee's vote
        # The first was confirmed at a standing-committee meeting before the demo's records.
        decided = min(reported + dt.timedelta(days=7), today)
        mandate = deputy_create(
            actor=actor, person=person, term=term, constituency=by.constituency,
            delegation=by.delegation,
            electing_unit=by.electing_unit, occupation_category=category, elected_on=held,
            now=_at(decided, 16),
        )  # fmt: skip
        seated = Deputy.objects.filter(term=term, status__in=["active", "suspended"]).count()
        ByElection.objects.filter(pk=by.pk).update(
            status=ByElection.Status.CONFIRMED, deputy=mandate, decided_on=decided,
            tally={"result": "passed", "yes": 31, "no": 0, "abstain": 1, "threshold": 18},
            announcement=(
                f"{by.constituency or by.electing_unit}补选的{name}为{term}人民代表大会代表。"
                "经代表资格审查委员会审查，常务委员会确认其代表资格有效，予以公告。"
                f"本届人民代表大会现有代表{seated}名。"
            ),
        )  # fmt: skip
