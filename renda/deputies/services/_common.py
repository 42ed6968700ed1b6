"""What the deputies' services share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import translation


def record_text(text: Any, **values: Any) -> str:
    """Text the platform writes into a record (facts, notes, reasons), in the record's language.

    Records are kept in the site's language (Chinese) whichever language the person acting
    reads the pages in; the pages translate labels, never the stored record.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return str(text).format(**values) if values else str(text)


def end_mandate(ctx: Any, deputy_id: int, *, status: str, on: dt.date, reason: Any) -> None:
    """End a seated deputy's mandate on ``on`` with ``status`` (resigned, recalled…) and
    ``reason`` (stored in the record's language); the seat in the delegation ends with it.

    Performed inside the deciding action (``ctx``), which has already passed its permission;
    a deputy whose mandate has already ended is left as it is.
    """
    from renda.people.models import Deputy, Membership, Organization
    from renda.people.services import deputy_change_status

    deputy = Deputy.objects.get(pk=deputy_id)
    if deputy.status not in (Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED):
        return
    ctx.perform(
        deputy_change_status, deputy=deputy, status=status, on=on, reason=record_text(reason)
    )
    ended = Membership.objects.filter(
        person_id=deputy.person_id,
        organization__kind=Organization.Kind.DELEGATION,
        end_date__isnull=True,
    ).update(end_date=on)
    ctx.changes["delegation_seats_ended"] = ended
