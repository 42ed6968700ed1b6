"""API walker expectations for the voters' channel (群众来信).

Writing and tracking are open to everyone, as are the published letters; the inbox is the
addressed deputy's and the office's. The walker's letter is written to the walker's deputy.
"""

from __future__ import annotations

from tests.walkers import EVERYONE, OFFICE_STAFF

ROUTES: dict = {}
HANDLERS = OFFICE_STAFF | {"deputy"}

OPERATIONS: dict = {
    "deputies_message_submit": EVERYONE,
    "deputies_message_track": EVERYONE,
    "deputies_messages_published": EVERYONE,
    "deputies_messages_inbox": HANDLERS,
    "deputies_message_detail": HANDLERS,
    "deputies_message_acknowledge": HANDLERS,
    "deputies_message_answer": HANDLERS,
    "deputies_message_forward": HANDLERS,
    "deputies_message_suggest": HANDLERS,
    "deputies_message_dismiss": OFFICE_STAFF,
    "deputies_message_publish": OFFICE_STAFF,
    "deputies_message_unpublish": OFFICE_STAFF,
}
#: submit, track, and the seven handling steps (acknowledge takes an empty body).
REQUEST_BODIES = 9
PRIVATE_READS: tuple[str, ...] = ("/api/v1/voter-messages/inbox",)


def objects(users, term) -> dict:
    return {}


def ids(users, term) -> dict:
    from renda.deputies import services
    from renda.people.models import Deputy

    own, _ = Deputy.objects.get_or_create(person=users["deputy"].person, term=term)
    message = services.message_submit(
        deputy=own, subject="路灯不亮", body="小区门口的路灯坏了两个月，晚上出行不便。"
    )
    return {"voter_message_id": message.pk}
