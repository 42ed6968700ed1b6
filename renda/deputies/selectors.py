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


def unapproved_absence_counts(term) -> QuerySet[Deputy]:
    """The term's mandates, each with ``absences``: the congress sessions of the term missed
    without approved leave (S22, §2.2), counted as :func:`absence_evidence` counts them, in one
    query for the whole term."""
    from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    approved = LeaveRequest.objects.filter(
        meeting_id=OuterRef("meeting_id"),
        person_id=OuterRef("person_id"),
        status=LeaveRequest.Status.APPROVED,
    )
    missed = (
        Attendance.objects.filter(
            person_id=OuterRef("person_id"),
            meeting__term_id=OuterRef("term_id"),
            meeting__kind=Meeting.Kind.CONGRESS_SESSION,
            role=Attendance.Role.VOTING,
            status=Attendance.Status.ABSENT,
        )
        .exclude(Exists(approved))
        .order_by()
        .values("person_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Deputy.objects.filter(term=term).annotate(
        absences=Coalesce(Subquery(missed, output_field=IntegerField()), Value(0))
    )


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


# Liaison stations and the 双联系 contacts (S23, S25, §2.9).


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    following = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, following - dt.timedelta(days=1)


def contact_required() -> dict[str, int]:
    """The local minimums: each SC member's contacts with deputies and each deputy's with
    voters per quarter, and a deputy's reception days at a station per year."""
    from renda.core.statute import params

    values = params(
        "contact.sc_member_per_quarter",
        "contact.deputy_per_quarter",
        "contact.reception_days_per_year",
    )
    return {
        "sc_member": values["contact.sc_member_per_quarter"],
        "deputy": values["contact.deputy_per_quarter"],
        "receptions": values["contact.reception_days_per_year"],
    }


def sc_contact_counts(year: int, quarter: int) -> list[dict[str, Any]]:
    """Every member of the standing committee during the quarter, with their contacts with
    deputies in it (struck entries do not count), by name."""
    from django.db.models import Count, Q

    from renda.people.models import Person
    from renda.people.selectors import sc_memberships

    from .models import Contact

    start, end = quarter_bounds(year, quarter)
    members = sc_memberships(start, end).values_list("person_id", flat=True)
    counted = Q(
        contacts_made__kind=Contact.Kind.SC_DEPUTY,
        contacts_made__status=Contact.Status.COUNTED,
        contacts_made__on_date__range=(start, end),
    )
    rows = (
        Person.objects.filter(pk__in=members)
        .annotate(n=Count("contacts_made", filter=counted))
        .order_by("name", "id")
    )
    return [{"person": p, "contacts": p.n} for p in rows]


def deputy_contact_counts(term, year: int, quarter: int) -> QuerySet:
    """The term's serving deputies, each with ``contacts`` (recorded contacts with voters)
    and ``received`` (days they received voters at a station) in the quarter, and
    ``total``; by name. Both kinds are contact with voters."""
    from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
    from django.db.models.functions import Coalesce

    from .models import Contact, Reception

    start, end = quarter_bounds(year, quarter)
    contacts = (
        Contact.objects.filter(
            deputy=OuterRef("pk"),
            kind=Contact.Kind.DEPUTY_VOTER,
            status=Contact.Status.COUNTED,
            on_date__range=(start, end),
        )
        .order_by()
        .values("deputy")
        .annotate(n=Count("id"))
        .values("n")
    )
    received = Q(receptions__status=Reception.Status.HELD, receptions__on_date__range=(start, end))
    return (
        Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE)
        .annotate(
            contacts=Coalesce(Subquery(contacts, output_field=IntegerField()), Value(0)),
            received=Count("receptions", filter=received),
        )
        .select_related("person")
        .order_by("person__name", "id")
    )


def reception_days(deputy_ids, year: int) -> dict[int, int]:
    """Days each deputy received voters at a station in ``year``, by mandate."""
    from django.db.models import Count

    from .models import Reception

    return dict(
        Reception.received_by.through.objects.filter(
            deputy_id__in=list(deputy_ids),
            reception__status=Reception.Status.HELD,
            reception__on_date__year=year,
        )
        .values("deputy_id")
        .annotate(n=Count("id"))
        .values_list("deputy_id", "n")
    )


def upcoming_receptions(today: dt.date, station=None) -> QuerySet:
    """The published schedule: scheduled days from today on (and those cancelled, so a
    visitor learns the day is off), soonest first."""
    from .models import Reception

    rows = Reception.objects.filter(
        on_date__gte=today,
        status__in=[Reception.Status.SCHEDULED, Reception.Status.CANCELLED],
        station__active=True,
    )
    if station is not None:
        rows = rows.filter(station=station)
    return (
        rows.select_related("station")
        .prefetch_related("deputies__person")
        .order_by("on_date", "starts_at", "id")
    )


# Reports to voters (述职, S26, §2.5).


def reports_required() -> int:
    """How many times each deputy should report to voters in a term
    (``deputy.voter_reports_per_term``)."""
    from renda.core.statute import param

    return int(param("deputy.voter_reports_per_term"))


def report_coverage(term) -> QuerySet:
    """The term's serving deputies, each with ``reported`` (reports to voters held), by name."""
    from django.db.models import Count, Q

    from .models import VoterReport

    held = Q(voter_reports__status=VoterReport.Status.HELD)
    return (
        Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE)
        .annotate(reported=Count("voter_reports", filter=held))
        .select_related("person")
        .order_by("person__name", "id")
    )


def unreported(term, required: int | None = None) -> QuerySet:
    """Serving deputies who have not yet reported to their voters as often as the term asks."""
    required = reports_required() if required is None else required
    return report_coverage(term).filter(reported__lt=required)


# Voters' messages (S25, S26).


def visible_messages(user) -> QuerySet:
    """The messages ``user`` handles: the office all of them, a deputy those written to them."""
    from .models import VoterMessage

    qs = VoterMessage.objects.select_related("deputy__person", "station", "forwarded_to")
    if user.has_perm("deputies.manage"):
        return qs
    if user.has_perm("deputies.own_messages") and user.person_id:
        return qs.filter(deputy__person_id=user.person_id)
    return qs.none()


def message_figures(qs) -> dict[str, Any]:
    """How many messages came, how many are answered, still open, and the mean days to the
    first answer, over ``qs``."""
    from django.db.models import Count, Q

    from .models import OPEN_STATUSES

    row = qs.aggregate(
        received=Count("id"),
        open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
        answered=Count("id", filter=Q(answered_at__isnull=False)),
        forwarded=Count("id", filter=Q(forwarded_to__isnull=False)),
        suggestions=Count("id", filter=Q(suggestion__isnull=False)),
        published=Count("id", filter=Q(published_at__isnull=False)),
    )
    spans = [
        (answered - received).total_seconds() / 86400
        for received, answered in qs.filter(answered_at__isnull=False)
        .values_list("received_at", "answered_at")
        .order_by()
    ]
    row["mean_days"] = round(sum(spans) / len(spans), 1) if spans else None
    row["rate"] = round(row["answered"] * 100 / row["received"]) if row["received"] else 0
    return row


# Vacancies (§2.2).

#: How a mandate of the term can have ended.
ENDED_STATUSES = (
    Deputy.Status.RESIGNED,
    Deputy.Status.TERMINATED,
    Deputy.Status.RECALLED,
    Deputy.Status.DECEASED,
)


#: By-elections that fill (or are about to fill) the seat they were held for.
BY_ELECTION_FILLS = ("elected", "reported", "voting", "confirmed")


def vacancies(term) -> tuple[QuerySet, dict[str, int]]:
    """The term's mandates that ended, latest first, and how many were elected and sit now
    (suspended deputies included)."""
    from django.db.models import Count, Prefetch, Q

    from .models import ByElection

    mandates = Deputy.objects.filter(term=term) if term else Deputy.objects.none()
    counts = mandates.aggregate(
        elected=Count("id"),
        seated=Count("id", filter=Q(status__in=[Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED])),
        suspended=Count("id", filter=Q(status=Deputy.Status.SUSPENDED)),
    )
    fills = Prefetch(
        "by_elections",
        queryset=ByElection.objects.filter(status__in=BY_ELECTION_FILLS).select_related("person"),
        to_attr="fills",
    )
    ended = mandates.filter(status__in=ENDED_STATUSES).select_related("person").prefetch_related(fills)  # fmt: skip
    return ended.order_by("-status_date", "id"), counts
