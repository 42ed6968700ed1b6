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
