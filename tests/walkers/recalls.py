"""Route and API walker expectations for recalls of deputies (§2.11).

The office and the leaders read them; the office acts. The walker's recall is one of the
walker's deputy's, recorded and not yet decided (the walker's city: the electing body decides).
"""

from __future__ import annotations

from django.utils import timezone

from tests.walkers import OFFICE_STAFF, STAFF_SIDE

ROUTES: dict = {
    "deputies:recalls": ("GET", STAFF_SIDE, None),
    "deputies:recall_create": ("GET", OFFICE_STAFF, None),
    "deputies:recall_detail": ("GET", STAFF_SIDE, "recall"),
    "deputies:recall_act": ("POST", OFFICE_STAFF, "recall_act"),
}
OPERATIONS: dict = {
    "deputies_recalls_list": STAFF_SIDE,
    "deputies_recall_detail": STAFF_SIDE,
    "deputies_recall_open": OFFICE_STAFF,
    "deputies_recall_distribute": OFFICE_STAFF,
    "deputies_recall_record_vote": OFFICE_STAFF,
    "deputies_recall_record_decision": OFFICE_STAFF,
    "deputies_recall_withdraw": OFFICE_STAFF,
}
#: open, distribute, record the vote, the decision, withdraw.
REQUEST_BODIES = 5
PRIVATE_READS: tuple[str, ...] = ("/api/v1/recalls",)


def _recall(users, term):
    from renda.deputies import services
    from renda.people.models import Deputy

    own, _ = Deputy.objects.get_or_create(person=users["deputy"].person, term=term)
    return services.recall_open(
        actor=users["staff"],
        deputy=own,
        filed_on=timezone.localdate(),
        proposer="区人民代表大会主席团",
        reasons="严重违法失职。",
    )


def objects(users, term) -> dict:
    r = _recall(users, term)
    return {
        "recall": {"pk": r.pk},
        "recall_act": {"pk": r.pk, "verb": "withdraw"},
    }


def ids(users, term) -> dict:
    return {"recall_id": _recall(users, term).pk}
