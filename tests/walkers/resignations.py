"""Route and API walker expectations for resignations (§2.2) and the term's vacancies.

The office and the leaders read them; the office acts. The walker's request is one of the
walker's deputy's, recorded and not yet decided.
"""

from __future__ import annotations

from django.utils import timezone

from tests.walkers import OFFICE_STAFF, STAFF_SIDE

ROUTES: dict = {
    "deputies:resignations": ("GET", STAFF_SIDE, None),
    "deputies:resignation_create": ("GET", OFFICE_STAFF, None),
    "deputies:resignation_detail": ("GET", STAFF_SIDE, "resignation"),
    "deputies:resignation_act": ("POST", OFFICE_STAFF, "resignation_act"),
    "deputies:vacancies": ("GET", STAFF_SIDE, None),
}
OPERATIONS: dict = {
    "deputies_resignations_list": STAFF_SIDE,
    "deputies_resignation_detail": STAFF_SIDE,
    "deputies_vacancies": STAFF_SIDE,
    "deputies_resignation_submit": OFFICE_STAFF,
    "deputies_resignation_put_to_vote": OFFICE_STAFF,
    "deputies_resignation_record_vote": OFFICE_STAFF,
    "deputies_resignation_record_decision": OFFICE_STAFF,
    "deputies_resignation_withdraw": OFFICE_STAFF,
}
#: submit, put to vote, record the vote (an empty body), the decision, withdraw.
REQUEST_BODIES = 5
PRIVATE_READS: tuple[str, ...] = ("/api/v1/resignations", "/api/v1/vacancies")


def _resignation(users, term):
    from renda.deputies import services
    from renda.people.models import Deputy

    own, _ = Deputy.objects.get_or_create(person=users["deputy"].person, term=term)
    return services.resignation_submit(
        actor=users["staff"],
        deputy=own,
        submitted_on=timezone.localdate(),
        letter="请求辞去代表职务。",
    )


def objects(users, term) -> dict:
    r = _resignation(users, term)
    return {
        "resignation": {"pk": r.pk},
        "resignation_act": {"pk": r.pk, "verb": "withdraw"},
    }


def ids(users, term) -> dict:
    return {"resignation_id": _resignation(users, term).pk}
