"""Reads of elections and appointments."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from .models import ExamResult, LawExam

R = ExamResult.Status


def valid_pass(person, term) -> ExamResult | None:
    """The person's latest pass of a law exam in ``term``: a pass is valid for the term
    (§7.8), so it gates every motion of the term and spares a second sitting."""
    if person is None or term is None:
        return None
    return (
        ExamResult.objects.filter(person=person, exam__term=term, status=R.PASSED)
        .select_related("exam")
        .order_by("-exam__held_on", "-id")
        .first()
    )


def exams() -> QuerySet[LawExam]:
    """The exams, latest first, with how many sat, passed and failed (one grouped query)."""
    return LawExam.objects.annotate(
        candidates=Count("results", filter=~Q(results__status=R.WITHDRAWN)),
        passed=Count("results", filter=Q(results__status=R.PASSED)),
        failed=Count("results", filter=Q(results__status=R.FAILED)),
        absent=Count("results", filter=Q(results__status=R.ABSENT)),
    ).order_by("-held_on", "-id")


def passes(term) -> QuerySet[ExamResult]:
    """Everyone holding a pass valid in ``term``, by name."""
    return (
        ExamResult.objects.filter(exam__term=term, status=R.PASSED)
        .select_related("person", "exam")
        .order_by("person__name", "-exam__held_on")
    )


def passes_of(person_ids, appointments) -> dict[int, bool]:
    """For a page of appointments: whether each one's person holds a pass valid in its term
    (one query)."""
    terms = {a.term_id for a in appointments}
    held = set(
        ExamResult.objects.filter(
            person_id__in=person_ids, exam__term_id__in=terms, status=R.PASSED
        ).values_list("person_id", "exam__term_id")
    )
    return {a.pk: (a.person_id, a.term_id) in held for a in appointments}
