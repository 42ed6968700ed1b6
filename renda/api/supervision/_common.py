"""Supervision API: plans, reports, opinions, inquiries, evaluations, interpellations, inspections, judicial records.

Anonymous callers see what the public site shows (S11): published plans, reports heard
and published, sent and published opinions, held inquiries and sealed evaluation results.
Staff and leaders see everything; a unit officer the opinions sent to their own body.
Writes go through :mod:`renda.supervision.services`.
"""

from __future__ import annotations

from ninja import Router

from renda.people.models import Person
from renda.supervision.models import (
    Evaluation,
    InquirySession,
    Plan,
    Report,
)
from renda.supervision.selectors import opinions_visible_to, published_opinions

from ..errors import unknown_reference

router = Router(tags=["supervision"])

MANAGE = "supervision.manage"
DECIDE = "supervision.decide"
INTERPELLATE = "supervision.interpellate"


def _staff_side(user) -> bool:
    return user is not None and user.is_authenticated and user.has_perm("supervision.view_overview")


def _plans_for(user):
    qs = Plan.objects.all()
    return qs if _staff_side(user) else qs.filter(published_at__isnull=False)


def _reports_for(user):
    qs = Report.objects.select_related("body", "meeting")
    return qs if _staff_side(user) else qs.filter(published=True, status=Report.Status.DELIBERATED)


def _opinions_for(user):
    if user is not None and user.is_authenticated and user.has_perm("supervision.view"):
        return opinions_visible_to(user)
    return published_opinions()


def _evaluations_for(user):
    qs = Evaluation.objects.select_related("round__opinion__body", "poll__seal")
    if _staff_side(user):
        return qs
    return qs.filter(poll__status="sealed", round__opinion__published=True)


def _inquiries_for(user):
    qs = InquirySession.objects.select_related("meeting")
    return qs if _staff_side(user) else qs.filter(status=InquirySession.Status.HELD)


def _get(model, field: str, pk: int | None):
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise unknown_reference(field)
    return obj


def _team(rows) -> list[tuple[Person, str]]:
    """The team rows of an inspection or research payload as (person, role); an unknown person is refused."""
    people = Person.objects.in_bulk({r.person_id for r in rows})
    out = []
    for r in rows:
        if r.person_id not in people:
            raise unknown_reference("team")
        out.append((people[r.person_id], r.role))
    return out
