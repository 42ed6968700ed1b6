"""The demo's resignations: the resigned deputy's accepted request, and one waiting."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from renda.deputies import services as D
from renda.deputies.models import Resignation
from renda.deputies.services.resignations import decider_for
from renda.people.models import Deputy, Term


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def seed_resignations(*, actor, term: Term, spare: list[Deputy]) -> None:
    """The generator's resigned deputy gets the record of the procedure that ended the
    mandate; a spare deputy's request waits for the electing body's (or this committee's)
    decision."""
    today = timezone.localdate()
    for deputy in Deputy.objects.filter(term=term, status=Deputy.Status.RESIGNED):
        asked = deputy.status_date - dt.timedelta(days=20)
        Resignation.objects.create(
            deputy=deputy, submitted_on=asked, letter="本人因工作调动离开本行政区域，请求辞去代表职务。",
            decider=decider_for(deputy),
            status=Resignation.Status.ACCEPTED, decided_on=deputy.status_date,
            decision_document="关于接受代表辞职的决定", created_by=actor,
        )  # fmt: skip
    if not spare:
        return
    D.resignation_submit(
        actor=actor, deputy=spare[0], submitted_on=today - dt.timedelta(days=6),
        letter="本人因身体原因，难以继续履行代表职责，请求辞去代表职务。",
        now=_at(today - dt.timedelta(days=5)),
    )  # fmt: skip
