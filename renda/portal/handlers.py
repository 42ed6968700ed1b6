"""Effects of domain decisions on the public site (registered with :mod:`renda.core.effects`)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from renda.appointments.hooks import APPOINTMENT_ANNOUNCED
from renda.appointments.models import Appointment
from renda.core import effects
from renda.core.actions import SystemActor
from renda.deputies.hooks import BY_ELECTION_DECIDED, QUALIFICATION_ANNOUNCED
from renda.deputies.models import ByElection, QualificationMatter


def qualification_source(matter_id: int) -> str:
    return f"deputies.qualification:{matter_id}"


@effects.on(QUALIFICATION_ANNOUNCED, "portal.qualification_notice")
def qualification_notice(*, matter_id: int) -> None:
    """The standing committee's announcement of a termination, published as a notice (§2.2)."""
    from .services import notice_publish

    matter = QualificationMatter.objects.select_related("deputy__person").get(pk=matter_id)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("关于{name}代表资格终止的公告").format(name=matter.deputy.person.name)
    notice_publish(
        actor=SystemActor(None, "qualification announced"),
        source=qualification_source(matter_id),
        title=title,
        body=matter.announcement,
    )


@effects.on(BY_ELECTION_DECIDED, "portal.by_election_notice")
def by_election_notice(*, by_election_id: int) -> None:
    """The standing committee's announcement on a by-elected deputy's qualification (§2.2)."""
    from .services import notice_publish

    by = ByElection.objects.select_related("person").get(pk=by_election_id)
    with translation.override(settings.LANGUAGE_CODE):
        if by.status == ByElection.Status.CONFIRMED:
            title = _("关于确认{name}代表资格的公告").format(name=by.person.name)
        else:
            title = _("关于{name}当选无效的公告").format(name=by.person.name)
    notice_publish(
        actor=SystemActor(None, "by-election decided"),
        source=f"deputies.by_election:{by_election_id}",
        title=title,
        body=by.announcement,
    )


@effects.on(APPOINTMENT_ANNOUNCED, "portal.appointment_notice")
def appointment_notice(*, appointment_id: int) -> None:
    """The standing committee's notice of an appointment or a removal (§7.11)."""
    from .services import notice_publish

    a = Appointment.objects.select_related("person", "post__organization").get(pk=appointment_id)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("关于{motion}的公告").format(motion=a.title)
    notice_publish(
        actor=SystemActor(None, "appointment announced"),
        source=f"appointments.appointment:{appointment_id}",
        title=title,
        body=a.announcement,
    )
