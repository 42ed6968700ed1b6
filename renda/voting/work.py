"""'My work' items of voting: a live vote the member has not cast yet, with the way in."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.work import WorkItem

from .models import Poll, RollEntry
from .workflow import PollStatus


def live_votes(user, today: dt.date) -> list[WorkItem]:
    """Open polls on whose roll the member stands and has not voted: 进入表决, one click."""
    person_id = getattr(user, "person_id", None)
    if not person_id or not user.has_perm("voting.cast"):
        return []
    waiting = RollEntry.objects.filter(
        person_id=person_id,
        has_voted=False,
        poll__status__in=[PollStatus.OPEN, PollStatus.PAUSED],
    ).values_list("poll_id", flat=True)
    polls = Poll.objects.filter(pk__in=waiting).select_related("agenda_item__meeting")
    return [
        WorkItem(
            title=poll.title,
            url=reverse("voting_screens:terminal", args=[poll.agenda_item.meeting_id]),
            kind=_("正在表决"),
            detail=format_lazy(
                _("{meeting} · 第 {order} 项"),
                meeting=poll.agenda_item.meeting.title,
                order=poll.agenda_item.order,
            ),
            urgent=True,
            action=_("进入表决"),
        )
        for poll in polls.order_by("opened_at", "pk")
    ]
