"""Effects of other domains' changes on deputies (registered with :mod:`renda.core.effects`)."""

from __future__ import annotations

from renda.core import effects
from renda.core.actions import SystemActor
from renda.meetings.hooks import ATTENDANCE_CHANGED
from renda.meetings.models import Meeting
from renda.people.models import Deputy
from renda.voting.hooks import POLL_SEALED

from .hooks import LETTER_RECEIVED


@effects.on(ATTENDANCE_CHANGED, "deputies.absence_rule")
def absence_rule(*, meeting_id: int, person_ids: list[int]) -> None:
    """Keep each deputy's absence matter in line with the session's record (S22, §2.2)."""
    from .services import review_absences

    term_id = Meeting.objects.filter(pk=meeting_id).values_list("term_id", flat=True).first()
    if term_id is None:
        return
    for deputy in Deputy.objects.filter(term_id=term_id, person_id__in=person_ids).select_related(
        "person"
    ):
        review_absences(deputy, actor=SystemActor(None, "attendance changed"))


@effects.on(POLL_SEALED, "deputies.resignation_result")
def resignation_result(*, poll_id: int, actor_id: int | None) -> None:
    """A sealed vote on a resignation records its result, and an accepted one ends the
    mandate (§2.2). Idempotent: a resignation already decided is left as it is."""
    from django.contrib.auth import get_user_model

    from .models import Resignation
    from .services import resignation_carry_vote

    rows = list(Resignation.objects.filter(poll_id=poll_id, status=Resignation.Status.VOTING))
    if not rows:
        return
    user = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    for resignation in rows:
        resignation_carry_vote(actor=SystemActor(user, "poll sealed"), resignation=resignation)


@effects.on(POLL_SEALED, "deputies.by_election_result")
def by_election_result(*, poll_id: int, actor_id: int | None) -> None:
    """A sealed vote on the credentials committee's report decides the by-election: an adopted
    finding of validity creates the mandate (§2.2). Idempotent like the resignation's."""
    from django.contrib.auth import get_user_model

    from .models import ByElection
    from .services import byelection_carry_vote

    rows = list(ByElection.objects.filter(poll_id=poll_id, status=ByElection.Status.VOTING))
    if not rows:
        return
    user = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    for by_election in rows:
        byelection_carry_vote(actor=SystemActor(user, "poll sealed"), by_election=by_election)


@effects.on(LETTER_RECEIVED, "deputies.tell_the_deputy")
def tell_the_deputy(*, message_id: int) -> None:
    """The deputy a voter wrote to is notified in the platform and by e-mail (S25), with the
    subject only: the writer's name and contact stay on the letter's page."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils import timezone, translation
    from django.utils.translation import gettext as _

    from renda.casework.models import Notification
    from renda.casework.notifications import notify_page

    from .models import VoterMessage

    message = VoterMessage.objects.select_related("deputy").filter(pk=message_id).first()
    if message is None or message.deputy is None:
        return
    users = get_user_model().objects.filter(person_id=message.deputy.person_id, is_active=True)
    with translation.override(settings.LANGUAGE_CODE):
        text = _("有群众给您写信，请及时受理和答复。")
    notify_page(
        users=users, kind=Notification.Kind.LETTER, text=text, title=message.subject,
        link=reverse("deputies:message_detail", args=[message.pk]),
        key_date=timezone.localdate(message.received_at), at=message.received_at,
    )  # fmt: skip
