"""A deputy's duty record (履职档案, S25, rules.md §2.4), compiled from the records themselves.

Nothing is typed twice: meetings come from the attendance rolls, suggestions from the
suggestions and their cases, inspections, research, inquiries and interpellations from
supervision, and only what no other record holds from the deputy's activities, counted once
the office accepted them. No vote is ever read: the record knows whether the deputy was
there, never how they voted.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from renda.casework.models import Rating, Reply
from renda.meetings.models import Attendance, Meeting
from renda.people.models import Deputy
from renda.suggestions.models import CoSigner, Suggestion, SuggestionStatus
from renda.supervision.models import (
    InquiryQuestion,
    InspectionMember,
    InterpellationSigner,
    ResearchMember,
)

from .models import (
    Contact,
    DutyActivity,
    Reception,
    TrainingEnrolment,
    VoterMessage,
    VoterReport,
)

#: Suggestions that went to the office (drafts and withdrawn ones are not duty performed).
SUBMITTED = [
    s
    for s in SuggestionStatus.values
    if s not in (SuggestionStatus.DRAFT, SuggestionStatus.WITHDRAWN)
]


@dataclass(frozen=True)
class Period:
    """The days a record covers: a calendar year, or the deputy's whole term."""

    start: dt.date
    end: dt.date
    year: int | None = None

    @classmethod
    def of(cls, deputy: Deputy, year: int | None = None) -> Period:
        term = deputy.term
        if year is None:
            return cls(term.start_date, term.end_date or dt.date(term.start_date.year + 5, 12, 31))
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), year)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The period as aware datetimes [start, end + 1 day) for timestamp fields."""
        tz = timezone.get_current_timezone()
        start = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return start, end


@dataclass
class Line:
    """One entry of a section: what, when, the deputy's part and its outcome."""

    kind: str
    title: str
    on: dt.date | None
    role: str = ""
    outcome: str = ""
    #: A suggestion's handling result (the class of the last reply: A solved, B planned…).
    result: str = ""
    ref: int | None = None
    public: bool = True

    @property
    def label(self) -> Any:
        """The part a suggestion's deputy took (领衔, 附议), or a supervision entry's kind."""
        return LINE_LABELS.get(self.role) or LINE_LABELS.get(self.kind, "")


@dataclass
class DutyRecord:
    deputy: Deputy
    period: Period
    meetings: list[Line] = field(default_factory=list)
    suggestions: list[Line] = field(default_factory=list)
    supervision: list[Line] = field(default_factory=list)
    activities: list[Line] = field(default_factory=list)
    trainings: list[Line] = field(default_factory=list)
    receptions: list[Line] = field(default_factory=list)
    contacts: list[Line] = field(default_factory=list)
    reports: list[Line] = field(default_factory=list)
    letters: list[Line] = field(default_factory=list)

    def figures(self) -> dict[str, int]:
        """The counts the record's pages, exports and the public site show."""
        meetings = Counter((m.kind, m.outcome) for m in self.meetings)
        congress = Meeting.Kind.CONGRESS_SESSION
        out = {
            "sessions_present": meetings[(congress, Attendance.Status.PRESENT)],
            "sessions_on_leave": meetings[(congress, Attendance.Status.ON_LEAVE)],
            "sessions_absent": meetings[(congress, Attendance.Status.ABSENT)],
            "other_meetings_present": sum(
                n for (kind, status), n in meetings.items()
                if kind != congress and status == Attendance.Status.PRESENT
            ),
            "suggestions_lead": sum(1 for s in self.suggestions if s.role == "lead"),
            "suggestions_cosigned": sum(1 for s in self.suggestions if s.role == "cosigner"),
            "suggestions_satisfied": sum(
                1 for s in self.suggestions if s.role == "lead" and s.outcome == Rating.Value.SATISFIED
            ),
            "activities": len(self.activities),
            "trainings": len(self.trainings),
            "receptions": len(self.receptions),
            "voter_contacts": len(self.contacts),
            "voter_reports": len(self.reports),
            "letters_answered": len(self.letters),
        }  # fmt: skip
        for kind in ("inspection", "research", "inquiry", "interpellation"):
            out[kind] = sum(1 for line in self.supervision if line.kind == kind)
        return out


def _meetings(deputy: Deputy, period: Period) -> list[Line]:
    rows = (
        Attendance.objects.filter(
            person_id=deputy.person_id,
            meeting__starts_on__range=(period.start, period.end),
            meeting__status__in=[Meeting.Status.IN_PROGRESS, Meeting.Status.CLOSED],
        )
        .exclude(role=Attendance.Role.REPORTER)
        .select_related("meeting")
        .order_by("meeting__starts_on", "meeting_id")
    )
    return [
        Line(
            kind=r.meeting.kind,
            title=r.meeting.title,
            on=r.meeting.starts_on,
            role=r.role,
            outcome=r.status,
            ref=r.meeting_id,
        )
        for r in rows
    ]


def _suggestions(deputy: Deputy, period: Period) -> list[Line]:
    start, end = period.bounds()
    last_reply = Reply.objects.filter(case_id=OuterRef("case_id")).order_by("-round", "-replied_at")
    rating = Rating.objects.filter(
        case_id=OuterRef("case_id"), requester_id=deputy.person_id
    ).order_by("-round", "-rated_at")
    cosigned = CoSigner.objects.filter(deputy=deputy, confirmed_at__isnull=False).values(
        "suggestion_id"
    )
    rows = (
        Suggestion.objects.filter(
            Q(lead_deputy=deputy) | Q(pk__in=cosigned),
            status__in=SUBMITTED,
            submitted_at__gte=start,
            submitted_at__lt=end,
        )
        .annotate(
            result_class=Subquery(last_reply.values("result_class")[:1]),
            rating=Subquery(rating.values("value")[:1]),
        )
        .order_by("submitted_at", "id")
        .only("pk", "title", "status", "submitted_at", "lead_deputy_id", "is_public", "case_id")
    )
    return [
        Line(
            kind="suggestion",
            title=s.title,
            on=timezone.localdate(s.submitted_at),
            role="lead" if s.lead_deputy_id == deputy.pk else "cosigner",
            outcome=s.rating or "",
            result=s.result_class or "",
            ref=s.pk,
            public=s.is_public and s.status == SuggestionStatus.ASSIGNED,
        )
        for s in rows
    ]


def _supervision(deputy: Deputy, period: Period) -> list[Line]:
    person = deputy.person_id
    lines = [
        Line("inspection", m.inspection.title, m.inspection.starts_on, m.role, ref=m.inspection_id)
        for m in InspectionMember.objects.filter(
            person_id=person, inspection__starts_on__range=(period.start, period.end)
        ).select_related("inspection")
    ]
    lines += [
        Line("research", m.research.title, m.research.starts_on, m.role, ref=m.research_id)
        for m in ResearchMember.objects.filter(
            person_id=person, research__starts_on__range=(period.start, period.end)
        ).select_related("research")
    ]
    start, end = period.bounds()
    lines += [
        Line(
            "inquiry",
            q.session.title,
            timezone.localdate(q.session.held_at),
            "asker",
            ref=q.session_id,
        )
        for q in InquiryQuestion.objects.filter(
            asker_id=person, session__held_at__gte=start, session__held_at__lt=end
        ).select_related("session")
    ]
    lines += [
        Line(
            "interpellation",
            s.interpellation.title,
            timezone.localdate(s.interpellation.created_at),
            "signer",
            ref=s.interpellation_id,
        )
        for s in InterpellationSigner.objects.filter(
            person_id=person,
            interpellation__created_at__gte=start,
            interpellation__created_at__lt=end,
        ).select_related("interpellation")
    ]
    return sorted(lines, key=lambda line: (line.on or dt.date.min, line.kind, line.ref or 0))


def _activities(deputy: Deputy, period: Period) -> list[Line]:
    return [
        Line(a.kind, a.title, a.held_on, outcome=a.status, ref=a.pk)
        for a in DutyActivity.objects.filter(
            deputy=deputy,
            status=DutyActivity.Status.ACCEPTED,
            held_on__range=(period.start, period.end),
        ).order_by("held_on", "id")
    ]


def _trainings(deputy: Deputy, period: Period) -> list[Line]:
    return [
        Line("training", e.course.title, e.course.starts_on, ref=e.course_id)
        for e in TrainingEnrolment.objects.filter(
            deputy=deputy,
            status=TrainingEnrolment.Status.ATTENDED,
            course__starts_on__range=(period.start, period.end),
        )
        .select_related("course")
        .order_by("course__starts_on", "course_id")
    ]


def _receptions(deputy: Deputy, period: Period) -> list[Line]:
    return [
        Line("reception", r.station.name, r.on_date, ref=r.pk)
        for r in Reception.objects.filter(
            received_by=deputy,
            status=Reception.Status.HELD,
            on_date__range=(period.start, period.end),
        )
        .select_related("station")
        .order_by("on_date", "id")
    ]


def contact_title(contact: Contact) -> str:
    """What a contact with voters says of itself on every page, the public one included:
    how and where, and how many people; never what individual voters said."""
    with translation.override(settings.LANGUAGE_CODE):
        text = str(_("{way}联系群众{n}人")).format(way=contact.get_way_display(), n=contact.voters)
    return f"{text} · {contact.place}" if contact.place else text


def _contacts(deputy: Deputy, period: Period) -> list[Line]:
    return [
        Line("contact", contact_title(c), c.on_date, ref=c.pk)
        for c in Contact.objects.filter(
            deputy=deputy,
            kind=Contact.Kind.DEPUTY_VOTER,
            status=Contact.Status.COUNTED,
            on_date__range=(period.start, period.end),
        ).order_by("on_date", "id")
    ]


def _reports(deputy: Deputy, period: Period) -> list[Line]:
    return [
        Line("report", r.unit, r.held_on, outcome=_satisfaction(r), ref=r.pk)
        for r in VoterReport.objects.filter(
            deputy=deputy,
            status=VoterReport.Status.HELD,
            held_on__range=(period.start, period.end),
        ).order_by("held_on", "id")
    ]


def _answered_letters(deputy: Deputy, period: Period):
    """Letters from the public written to the deputy and answered in the period."""
    start, end = period.bounds()
    return VoterMessage.objects.filter(
        deputy=deputy, answered_at__gte=start, answered_at__lt=end
    ).exclude(status=VoterMessage.Status.DISMISSED)


def _letters(deputy: Deputy, period: Period) -> list[Line]:
    """Only the subject shows, and only for a published letter: the others are private."""
    with translation.override(settings.LANGUAGE_CODE):
        private = str(_("答复群众来信"))
    return [
        Line("letter", m.subject if m.published_at else private, timezone.localdate(m.answered_at),
             ref=m.pk if m.published_at else None, public=m.published_at is not None)
        for m in _answered_letters(deputy, period).order_by("answered_at", "id")
    ]  # fmt: skip


def _satisfaction(report: VoterReport) -> str:
    if report.satisfaction is None:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        return str(_("满意和基本满意占 {n}%")).format(n=report.satisfaction)


def duty_record(deputy: Deputy, year: int | None = None) -> DutyRecord:
    """The deputy's record for ``year``, or for the whole term when ``year`` is None."""
    period = Period.of(deputy, year)
    return DutyRecord(
        deputy=deputy,
        period=period,
        meetings=_meetings(deputy, period),
        suggestions=_suggestions(deputy, period),
        supervision=_supervision(deputy, period),
        activities=_activities(deputy, period),
        trainings=_trainings(deputy, period),
        receptions=_receptions(deputy, period),
        contacts=_contacts(deputy, period),
        reports=_reports(deputy, period),
        letters=_letters(deputy, period),
    )


def public_lines(record: DutyRecord) -> dict[str, Any]:
    """What the public site shows of a record: the figures and the public entries only."""
    return {
        "figures": record.figures(),
        "suggestions": [s for s in record.suggestions if s.public],
        "supervision": record.supervision,
        "activities": record.activities,
        "trainings": record.trainings,
        "receptions": record.receptions,
        "contacts": record.contacts,
        "reports": record.reports,
        "letters": [x for x in record.letters if x.public],
    }


def figures_for(deputies: list[Deputy], period: Period) -> dict[int, dict[str, int]]:
    """The figures of many deputies' records at once (a delegation's list, its export), in a
    fixed number of grouped queries; each equals ``duty_record(deputy).figures()``."""
    from django.db.models import Count

    by_person = {d.person_id: d.pk for d in deputies}
    out: dict[int, dict[str, int]] = {d.pk: Counter() for d in deputies}
    congress = Meeting.Kind.CONGRESS_SESSION
    names = {
        Attendance.Status.PRESENT: "sessions_present",
        Attendance.Status.ON_LEAVE: "sessions_on_leave",
        Attendance.Status.ABSENT: "sessions_absent",
    }
    for row in (
        Attendance.objects.filter(
            person_id__in=list(by_person),
            meeting__starts_on__range=(period.start, period.end),
            meeting__status__in=[Meeting.Status.IN_PROGRESS, Meeting.Status.CLOSED],
        )
        .exclude(role=Attendance.Role.REPORTER)
        .values("person_id", "meeting__kind", "status")
        .annotate(n=Count("id"))
    ):
        figures = out[by_person[row["person_id"]]]
        if row["meeting__kind"] == congress and row["status"] in names:
            figures[names[row["status"]]] += row["n"]
        elif row["meeting__kind"] != congress and row["status"] == Attendance.Status.PRESENT:
            figures["other_meetings_present"] += row["n"]
    start, end = period.bounds()
    submitted = Q(status__in=SUBMITTED, submitted_at__gte=start, submitted_at__lt=end)
    ids = list(out)
    for row in (
        Suggestion.objects.filter(submitted, lead_deputy_id__in=ids)
        .values("lead_deputy_id")
        .annotate(n=Count("id"))
    ):
        out[row["lead_deputy_id"]]["suggestions_lead"] += row["n"]
    for row in (
        CoSigner.objects.filter(
            deputy_id__in=ids,
            confirmed_at__isnull=False,
            suggestion__status__in=SUBMITTED,
            suggestion__submitted_at__gte=start,
            suggestion__submitted_at__lt=end,
        )
        .exclude(suggestion__lead_deputy_id=F("deputy_id"))  # counted once, as the lead
        .values("deputy_id")
        .annotate(n=Count("suggestion_id", distinct=True))
    ):
        out[row["deputy_id"]]["suggestions_cosigned"] += row["n"]
    latest: dict[int, tuple] = {}  # the lead's last rating of each case, as the record reads it
    for row in Rating.objects.filter(
        case__suggestion__lead_deputy_id__in=ids,
        case__suggestion__status__in=SUBMITTED,
        case__suggestion__submitted_at__gte=start,
        case__suggestion__submitted_at__lt=end,
    ).values(
        "case_id", "requester_id", "round", "rated_at", "value", "case__suggestion__lead_deputy_id"
    ):
        lead = row["case__suggestion__lead_deputy_id"]
        if by_person.get(row["requester_id"]) != lead:
            continue
        key = (row["round"], row["rated_at"])
        if row["case_id"] not in latest or key > latest[row["case_id"]][0]:
            latest[row["case_id"]] = (key, lead, row["value"])
    for _key, lead, value in latest.values():
        if value == Rating.Value.SATISFIED:
            out[lead]["suggestions_satisfied"] += 1
    member_rows = (
        (InspectionMember, "inspection", "inspection__starts_on__range"),
        (ResearchMember, "research", "research__starts_on__range"),
    )
    for model, kind, lookup in member_rows:
        for row in (
            model.objects.filter(
                person_id__in=list(by_person), **{lookup: (period.start, period.end)}
            )
            .values("person_id")
            .annotate(n=Count("id"))
        ):
            out[by_person[row["person_id"]]][kind] += row["n"]
    for row in (
        InquiryQuestion.objects.filter(
            asker_id__in=list(by_person), session__held_at__gte=start, session__held_at__lt=end
        )
        .values("asker_id")
        .annotate(n=Count("id"))
    ):
        out[by_person[row["asker_id"]]]["inquiry"] += row["n"]
    for row in (
        InterpellationSigner.objects.filter(
            person_id__in=list(by_person),
            interpellation__created_at__gte=start,
            interpellation__created_at__lt=end,
        )
        .values("person_id")
        .annotate(n=Count("id"))
    ):
        out[by_person[row["person_id"]]]["interpellation"] += row["n"]
    for row in (
        DutyActivity.objects.filter(
            deputy_id__in=ids,
            status=DutyActivity.Status.ACCEPTED,
            held_on__range=(period.start, period.end),
        )
        .values("deputy_id")
        .annotate(n=Count("id"))
    ):
        out[row["deputy_id"]]["activities"] += row["n"]
    for row in (
        TrainingEnrolment.objects.filter(
            deputy_id__in=ids,
            status=TrainingEnrolment.Status.ATTENDED,
            course__starts_on__range=(period.start, period.end),
        )
        .values("deputy_id")
        .annotate(n=Count("id"))
    ):
        out[row["deputy_id"]]["trainings"] += row["n"]
    for row in (
        Reception.received_by.through.objects.filter(
            deputy_id__in=ids,
            reception__status=Reception.Status.HELD,
            reception__on_date__range=(period.start, period.end),
        )
        .values("deputy_id")
        .annotate(n=Count("id"))
    ):
        out[row["deputy_id"]]["receptions"] += row["n"]
    for row in (
        Contact.objects.filter(
            deputy_id__in=ids,
            kind=Contact.Kind.DEPUTY_VOTER,
            status=Contact.Status.COUNTED,
            on_date__range=(period.start, period.end),
        )
        .values("deputy_id")
        .annotate(n=Count("id"))
    ):
        out[row["deputy_id"]]["voter_contacts"] += row["n"]
    for row in (
        VoterReport.objects.filter(
            deputy_id__in=ids,
            status=VoterReport.Status.HELD,
            held_on__range=(period.start, period.end),
        )
        .values("deputy_id")
        .annotate(n=Count("id"))
    ):
        out[row["deputy_id"]]["voter_reports"] += row["n"]
    for row in (
        VoterMessage.objects.filter(deputy_id__in=ids, answered_at__gte=start, answered_at__lt=end)
        .exclude(status=VoterMessage.Status.DISMISSED)
        .values("deputy_id")
        .annotate(n=Count("id"))
    ):
        out[row["deputy_id"]]["letters_answered"] += row["n"]
    return {pk: {key: figures.get(key, 0) for key in FIGURE_KEYS} for pk, figures in out.items()}


#: Every figure of a record, in the order pages and exports show them.
FIGURE_KEYS = (
    "sessions_present",
    "sessions_on_leave",
    "sessions_absent",
    "other_meetings_present",
    "suggestions_lead",
    "suggestions_cosigned",
    "suggestions_satisfied",
    "inspection",
    "research",
    "inquiry",
    "interpellation",
    "trainings",
    "receptions",
    "voter_contacts",
    "voter_reports",
    "letters_answered",
    "activities",
)

#: What each figure is called on the pages, in the exports and in the printed record.
FIGURE_LABELS = {
    "sessions_present": _("出席人代会会议"),
    "sessions_on_leave": _("请假"),
    "sessions_absent": _("缺席"),
    "other_meetings_present": _("列席或出席其他会议"),
    "suggestions_lead": _("领衔提出建议"),
    "suggestions_cosigned": _("附议建议"),
    "suggestions_satisfied": _("领衔建议办理满意"),
    "inspection": _("参加执法检查"),
    "research": _("参加专题调研"),
    "inquiry": _("专题询问中提问"),
    "interpellation": _("联名提出质询案"),
    "trainings": _("参加履职学习培训"),
    "receptions": _("进站接待选民"),
    "voter_contacts": _("联系群众"),
    "voter_reports": _("向选民述职"),
    "letters_answered": _("答复群众来信"),
    "activities": _("其他履职活动"),
}
#: How a line's kind and the deputy's part read on the pages.
LINE_LABELS = {
    "inspection": _("执法检查"),
    "research": _("专题调研"),
    "inquiry": _("专题询问"),
    "interpellation": _("质询案"),
    "training": _("履职学习培训"),
    "reception": _("接待选民"),
    "contact": _("联系群众"),
    "report": _("向选民述职"),
    "letter": _("群众来信"),
    "lead": _("领衔"),
    "cosigner": _("附议"),
}
