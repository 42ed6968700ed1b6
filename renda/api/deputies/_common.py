"""What the deputies API modules share: the router and the read permission."""

from __future__ import annotations

from ninja import Router

from renda.core.errors import NotFound
from renda.people.models import Deputy

from ..auth import write_auth

router = Router(tags=["deputies"])

VIEW = "deputies.view"
MANAGE = "deputies.manage"
#: Qualification matters and suspensions are not public: the office and the leaders read them.
PRIVATE_READ = write_auth(VIEW)


def deputy_rows(ids: list[int], field: str = "deputy_ids") -> list[Deputy]:
    """The deputies a request names by id, in its order and once each; 404 naming ``field``
    when one of them does not exist."""
    wanted = list(dict.fromkeys(ids))
    found = Deputy.objects.select_related("person").in_bulk(wanted)
    if len(found) != len(wanted):
        raise NotFound("unknown_reference", field=field)
    return [found[pk] for pk in wanted]
