"""Effects of domain decisions on the public site (registered with :mod:`renda.core.effects`)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from renda.core import effects
from renda.core.actions import SystemActor
from renda.deputies.hooks import QUALIFICATION_ANNOUNCED
from renda.deputies.models import QualificationMatter


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
