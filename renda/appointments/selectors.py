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


def department_heads_deadline(term, today=None) -> dict | None:
    """The new government's deadline to move its department heads (§7.14): within
    ``appointment.department_heads_months`` of the head of government's election in
    ``term``; each department-head post with the first nomination to it in the term."""
    import datetime as dt

    from django.utils import timezone

    from renda.core.statute import param
    from renda.core.workdays import add_months
    from renda.people.models import Membership, Post

    from .models import Appointment

    if term is None:
        return None
    head = (
        Membership.objects.filter(
            post__organization__kind="government", post__role="head", term=term,
            start_date__gte=term.start_date,
        )
        .select_related("person").order_by("start_date", "id").first()
    )  # fmt: skip
    if head is None:
        return None
    deadline = add_months(head.start_date, int(param("appointment.department_heads_months")))
    posts = list(
        Post.objects.filter(
            organization__kind="government_department", role="head", elected_or_appointed=True
        ).select_related("organization").order_by("organization__name", "id")
    )  # fmt: skip
    first: dict[int, dt.date] = {}
    for post_id, day in (
        Appointment.objects.filter(term=term, kind=Appointment.Kind.APPOINT, post__in=posts)
        .order_by("nominated_on").values_list("post_id", "nominated_on")
    ):  # fmt: skip
        first.setdefault(post_id, day)
    rows = [(p, first.get(p.pk)) for p in posts]
    today = today or timezone.localdate()
    late = [p for p, day in rows if (day is None and today > deadline) or (day and day > deadline)]
    return {
        "head": head, "deadline": deadline, "rows": rows, "late": late,
        "moved": sum(1 for _p, day in rows if day and day <= deadline),
        "open": today <= deadline,
    }  # fmt: skip


def before_members():
    """The motions on the agenda of meetings not yet closed, for the members who vote on
    them (§7.7): with the person, the post, the meeting, the exam and the statement."""
    from renda.meetings.models import Meeting

    from .models import Appointment

    return (
        Appointment.objects.filter(status=Appointment.Status.VOTING)
        .exclude(agenda_item__meeting__status=Meeting.Status.CLOSED)
        .select_related("person", "post__organization", "agenda_item__meeting")
        .order_by("agenda_item__meeting__starts_on", "agenda_item__order", "id")
    )
