"""Reads of the deputies' domain: the absence evidence, open matters, suspensions due."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from renda.meetings.models import Attendance, LeaveRequest, Meeting
from renda.people.models import Deputy

from .models import QualificationMatter, Suspension


def absence_evidence(deputy: Deputy) -> dict[str, Any]:
    """The congress sessions of the deputy's term, each with the attendance and the leave asked.

    Every session the deputy was on the roll of is listed, so the office sees the whole
    record, and each says whether it counts as an unapproved absence (S22, 代表法 Art. 62):
    absent with no approved leave. Approved leave never counts.
    """
    rows = list(
        Attendance.objects.filter(
            person_id=deputy.person_id,
            meeting__term_id=deputy.term_id,
            meeting__kind=Meeting.Kind.CONGRESS_SESSION,
            role=Attendance.Role.VOTING,
        )
        .select_related("meeting")
        .order_by("meeting__starts_on", "meeting_id")
    )
    leaves: dict[int, list[LeaveRequest]] = {}
    for leave in LeaveRequest.objects.filter(
        person_id=deputy.person_id, meeting_id__in=[r.meeting_id for r in rows]
    ).order_by("created_at", "id"):
        leaves.setdefault(leave.meeting_id, []).append(leave)
    sessions = []
    for r in rows:
        asked = leaves.get(r.meeting_id, [])
        approved = any(x.status == LeaveRequest.Status.APPROVED for x in asked)
        sessions.append(
            {
                "meeting_id": r.meeting_id,
                "title": r.meeting.title,
                "starts_on": r.meeting.starts_on.isoformat(),
                "ends_on": r.meeting.ends_on.isoformat(),
                "attendance": r.status,
                "counts": r.status == Attendance.Status.ABSENT and not approved,
                "leave": [
                    {
                        "id": x.pk,
                        "reason": x.reason,
                        "status": x.status,
                        "decided_at": x.decided_at.isoformat() if x.decided_at else None,
                        "note": x.decision_note,
                    }
                    for x in asked
                ],
            }
        )
    return {
        "term_id": deputy.term_id,
        "count": sum(1 for s in sessions if s["counts"]),
        "sessions": sessions,
    }


def open_matter(deputy: Deputy, ground: str) -> QualificationMatter | None:
    return (
        QualificationMatter.objects.filter(
            deputy=deputy, ground=ground, status__in=QualificationMatter.OPEN
        )
        .order_by("-id")
        .first()
    )


def matters(status: str | None = None) -> QuerySet[QualificationMatter]:
    qs = QualificationMatter.objects.select_related("deputy__person", "deputy__term")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-raised_on", "-id")


def suspensions(status: str | None = None) -> QuerySet[Suspension]:
    qs = Suspension.objects.select_related("deputy__person", "deputy__term")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-starts_on", "-id")


def suspensions_due(today: dt.date) -> QuerySet[Suspension]:
    """Suspensions in force whose condition ended on or before ``today``: to be restored."""
    return Suspension.objects.filter(
        status=Suspension.Status.ACTIVE, ends_on__isnull=False, ends_on__lte=today
    ).order_by("ends_on", "id")


# -- training (S24) ------------------------------------------------------------------------


def training_required() -> int:
    """How many courses each deputy should attend in a term (``deputy.training_per_term``)."""
    from renda.core.statute import param

    return int(param("deputy.training_per_term"))


def trained_counts(deputy_ids) -> dict[int, int]:
    """Courses each deputy attended (signed in, or on the office's sheet), by mandate."""
    from django.db.models import Count

    from .models import TrainingCourse, TrainingEnrolment

    return dict(
        TrainingEnrolment.objects.filter(
            deputy_id__in=list(deputy_ids),
            status=TrainingEnrolment.Status.ATTENDED,
            course__status__in=[TrainingCourse.Status.PLANNED, TrainingCourse.Status.HELD],
        )
        .values("deputy_id")
        .annotate(n=Count("id"))
        .values_list("deputy_id", "n")
    )


def training_coverage(term) -> QuerySet:
    """The term's serving deputies, each with ``trained`` (courses attended), by name.

    Suspended deputies and ended mandates are not expected to train, so are not listed.
    """
    from django.db.models import Count, Q

    from .models import TrainingCourse, TrainingEnrolment

    attended = Q(
        trainings__status=TrainingEnrolment.Status.ATTENDED,
        trainings__course__status__in=[TrainingCourse.Status.PLANNED, TrainingCourse.Status.HELD],
    )
    return (
        Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE)
        .annotate(trained=Count("trainings", filter=attended))
        .select_related("person")
        .order_by("person__name", "id")
    )


def untrained(term, required: int | None = None) -> QuerySet:
    """Serving deputies below the per-term training count."""
    required = training_required() if required is None else required
    return training_coverage(term).filter(trained__lt=required)
