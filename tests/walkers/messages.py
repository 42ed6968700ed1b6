"""Route walker expectations for the voters' channel (群众来信).

The walker's letter is written to the walker's deputy, so the deputy handles it; the office
handles any. The public pages (writing, tracking, the published letters) are everyone's.
"""

from __future__ import annotations

from tests.walkers import EVERYONE, OFFICE_STAFF

HANDLERS = OFFICE_STAFF | {"deputy"}

ROUTES: dict = {
    "deputies:messages": ("GET", HANDLERS, None),
    "deputies:message_detail": ("GET", HANDLERS, "voter_message"),
    "deputies:message_act": ("POST", HANDLERS, "voter_message_act"),
    "portal:write_to_deputy": ("GET", EVERYONE, "message_deputy"),
    "portal:write_to_station": ("GET", EVERYONE, "message_station"),
    "portal:messages": ("GET", EVERYONE, None),
    "portal:message_track": ("GET", EVERYONE, None),
}
OPERATIONS: dict = {}
REQUEST_BODIES = 0
PRIVATE_READS: tuple[str, ...] = ()


def objects(users, term) -> dict:
    from renda.deputies import services
    from renda.people.models import Deputy

    own = Deputy.objects.get(person=users["deputy"].person, term=term)
    station = services.station_create(
        actor=users["staff"], name="来信联络站", kind="station", area="清河街道",
        address="清河路2号", deputies=[own],
    )  # fmt: skip
    message = services.message_submit(
        deputy=own, subject="路灯不亮", body="小区门口的路灯坏了两个月，晚上出行不便。"
    )
    return {
        "voter_message": {"pk": message.pk},
        "voter_message_act": {"pk": message.pk, "verb": "acknowledge"},
        "message_deputy": {"pk": own.pk},
        "message_station": {"pk": station.pk},
    }


def ids(users, term) -> dict:
    return {}
