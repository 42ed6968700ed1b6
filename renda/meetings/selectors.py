"""Reads for meetings: who is entitled, who is present, and whether there is a quorum."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from renda.core.statute import REGISTRY, params
from renda.core.workdays import add_months
from renda.people.models import Deputy, Membership, Organization, Person, Term

from .models import AgendaItem, Attendance, LeaveRequest, Meeting, MeetingDocument

#: The body whose members vote at each kind of meeting.
VOTING_BODY_KIND = {
    Meeting.Kind.SC_MEETING: Organization.Kind.STANDING_COMMITTEE,
    Meeting.Kind.CHAIRPERSONS_COUNCIL: Organization.Kind.CHAIRPERSONS_COUNCIL,
    Meeting.Kind.PRESIDIUM: Organization.Kind.PRESIDIUM,
}


def entitled_persons(meeting: Meeting, day: dt.date | None = None) -> QuerySet[Person]:
    """All members of the meeting's body on the day: the denominator of quorum and votes.

    Congress sessions count every seated deputy of the term (组织法 Art. 14, 25); other
    meetings count the members of the body holding the meeting on that day.
    """
    day = day or meeting.starts_on
    if meeting.kind == Meeting.Kind.CONGRESS_SESSION:
        return Person.objects.filter(
            mandates__term_id=meeting.term_id,
            mandates__status__in=[Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED],
        ).distinct()
    members = Membership.objects.filter(
        organization_id=meeting.body_id, start_date__lte=day
    ).exclude(end_date__lt=day)
    return Person.objects.filter(pk__in=members.values("person_id"))


@dataclass(frozen=True)
class Quorum:
    """The quorum of a meeting now: how many are entitled, present and required."""

    entitled: int
    present: int
    required: int
    rule: str
    text: str

    @property
    def met(self) -> bool:
        return self.entitled > 0 and self.present >= self.required


def required_for_quorum(meeting_kind: str, entitled: int) -> tuple[int, str, str]:
    """Return (required present, rule code, description) for a body of ``entitled`` members.

    Congress: at least two thirds of all deputies (§8.2, 组织法 第14条).
    Other bodies: more than half of all members (§8.8, 组织法 第51条).
    """
    if meeting_kind == Meeting.Kind.CONGRESS_SESSION:
        p = REGISTRY["quorum.congress_share_at_least"]
        share: Fraction = p.default
        return math.ceil(entitled * share), p.rule, "≥ 2/3"
    p = REGISTRY["quorum.sc_share_exceeds"]
    share = p.default
    return math.floor(entitled * share) + 1, p.rule, "> 1/2"


def quorum(meeting: Meeting) -> Quorum:
    entitled = entitled_persons(meeting).count()
    present = Attendance.objects.filter(
        meeting=meeting,
        role=Attendance.Role.VOTING,
        status=Attendance.Status.PRESENT,
        person__in=entitled_persons(meeting),
    ).count()
    required, rule, text = required_for_quorum(meeting.kind, entitled)
    return Quorum(entitled=entitled, present=present, required=required, rule=rule, text=text)


def roll(meeting: Meeting) -> list[tuple[int, bool]]:
    """The voter roll: (person id, signed in) for every entitled person, by person id."""
    present = set(
        Attendance.objects.filter(
            meeting=meeting, role=Attendance.Role.VOTING, status=Attendance.Status.PRESENT
        ).values_list("person_id", flat=True)
    )
    return [
        (pk, pk in present)
        for pk in entitled_persons(meeting).order_by("pk").values_list("pk", flat=True)
    ]


# -- visibility ---------------------------------------------------------------------------


def meetings_visible_to(user) -> QuerySet[Meeting]:
    """Meetings a user may open in the back office.

    Staff, leaders and SC members see every meeting; a deputy sees congress sessions and
    the meetings on whose roll they are; anyone else sees none.
    """
    qs = Meeting.objects.select_related("term", "body")
    if not user.is_authenticated or not user.has_perm("meetings.view"):
        return qs.none()
    if user.has_perm("meetings.view_overview") or user.role in ("member", "leader"):
        return qs
    condition = Q(kind=Meeting.Kind.CONGRESS_SESSION)
    if user.person_id:
        condition |= Q(attendance__person_id=user.person_id)
    return qs.filter(condition).distinct()


def meetings_public() -> QuerySet[Meeting]:
    """Meetings the public website shows."""
    return Meeting.objects.filter(is_public=True).select_related("term", "body")


# -- S22: unapproved absences from congress sessions ---------------------------------------


def unapproved_absences(person: Person | Deputy | int, term: Term | int) -> int:
    """Count the congress sessions of a term a deputy missed without approved leave (S22).

    A session counts when the deputy's attendance is ABSENT and no approved leave request
    exists for it. ``deputy.unapproved_absence_limit`` (代表法 Art. 62) is the limit.
    """
    if isinstance(person, Deputy):
        person_id = person.person_id
    else:
        person_id = person.pk if isinstance(person, Person) else int(person)
    term_id = term.pk if isinstance(term, Term) else int(term)
    approved = LeaveRequest.objects.filter(
        meeting_id=OuterRef("meeting_id"), person_id=person_id, status=LeaveRequest.Status.APPROVED
    )
    return (
        Attendance.objects.filter(
            person_id=person_id,
            meeting__term_id=term_id,
            meeting__kind=Meeting.Kind.CONGRESS_SESSION,
            role=Attendance.Role.VOTING,
            status=Attendance.Status.ABSENT,
        )
        .exclude(Exists(approved))
        .values("meeting_id")
        .distinct()
        .count()
    )


# -- S17, §3.2, §8.9: document lead times -------------------------------------------------

#: Deadline states of one required document.
OK, LATE, MISSING, WAITING = "ok", "late", "missing", "waiting"


@dataclass
class DocumentDeadline:
    """One document an item (or the meeting) needs, when it is due and whether it came."""

    kind: str
    label: Any
    param: str
    rule: str
    lead: int
    unit: str
    due: dt.date
    received_on: dt.date | None
    state: str

    @property
    def is_late(self) -> bool:
        return self.state in (LATE, MISSING)


@dataclass
class ItemDeadlines:
    item: AgendaItem | None
    rows: list[DocumentDeadline]

    @property
    def late(self) -> bool:
        return any(r.is_late for r in self.rows)


def _deadline(
    kind: str,
    param_key: str,
    lead: int,
    due: dt.date,
    docs: list[MeetingDocument],
    today: dt.date,
    unit: str,
) -> DocumentDeadline:
    received = min((d.received_on for d in docs if d.kind == kind), default=None)
    if received is not None:
        state = OK if received <= due else LATE
    else:
        state = MISSING if today > due else WAITING
    return DocumentDeadline(
        kind=kind,
        label=MeetingDocument.Kind(kind).label,
        param=param_key,
        rule=REGISTRY[param_key].rule,
        lead=lead,
        unit=unit,
        due=due,
        received_on=received,
        state=state,
    )


def deadline_params() -> dict[str, Any]:
    """The lead times of every deadline :func:`document_deadlines` computes, with one query."""
    from . import workflow

    keys = {workflow.NOTICE_PARAM_DAYS, workflow.NOTICE_PARAM_MONTHS, workflow.MATERIALS_PARAM_DAYS}
    for rows in workflow.REQUIRED_DOCUMENTS.values():
        keys.update(key for _kind, key in rows)
    return params(*sorted(keys))


def document_deadlines(
    meeting: Meeting,
    today: dt.date | None = None,
    *,
    items: list[AgendaItem] | None = None,
    documents: list[MeetingDocument] | None = None,
    values: dict[str, Any] | None = None,
) -> list[ItemDeadlines]:
    """Each item's required documents, due back from ``meeting.starts_on`` (§3.2, §7.7, §8.9).

    The first row is the meeting notice, followed for an SC meeting with an agenda by the
    materials delivered to the members (``lead.documents_to_members_days``). A document is
    *late* if it arrived after its due date and *missing* if it has not arrived and the due
    date has passed.
    """
    from . import workflow

    today = today or timezone.localdate()
    if items is None:
        items = list(meeting.items.order_by("order"))
    if documents is None:
        documents = list(meeting.documents.all())
    if values is None:
        values = deadline_params()
    meeting_docs = [d for d in documents if d.item_id is None]
    if meeting.kind == Meeting.Kind.CONGRESS_SESSION:
        months = values[workflow.NOTICE_PARAM_MONTHS]
        notice = _deadline(
            MeetingDocument.Kind.NOTICE,
            workflow.NOTICE_PARAM_MONTHS,
            months,
            add_months(meeting.starts_on, -months),
            meeting_docs,
            today,
            "months",
        )
    else:
        days = values[workflow.NOTICE_PARAM_DAYS]
        notice = _deadline(
            MeetingDocument.Kind.NOTICE,
            workflow.NOTICE_PARAM_DAYS,
            days,
            meeting.starts_on - dt.timedelta(days=days),
            meeting_docs,
            today,
            "days",
        )
    result = [ItemDeadlines(None, [notice])]
    if meeting.kind in workflow.MATERIALS_MEETING_KINDS and items:
        days = values[workflow.MATERIALS_PARAM_DAYS]
        materials = _deadline(
            MeetingDocument.Kind.MATERIALS,
            workflow.MATERIALS_PARAM_DAYS,
            days,
            meeting.starts_on - dt.timedelta(days=days),
            documents,
            today,
            "days",
        )
        result[0].rows.append(materials)
    for item in items:
        docs = [d for d in documents if d.item_id == item.pk]
        rows = [
            _deadline(
                kind,
                key,
                values[key],
                meeting.starts_on - dt.timedelta(days=values[key]),
                docs,
                today,
                "days",
            )
            for kind, key in workflow.REQUIRED_DOCUMENTS.get(item.kind, ())
        ]
        result.append(ItemDeadlines(item, rows))
    return result


def deadlines_of(
    meetings: QuerySet[Meeting], today: dt.date
) -> list[tuple[Meeting, list[ItemDeadlines]]]:
    """Every meeting's document deadlines, in a number of queries that does not grow with them."""
    values = deadline_params()
    found = meetings.prefetch_related("items", "documents").order_by("starts_on", "id")
    return [
        (
            m,
            document_deadlines(
                m,
                today,
                items=list(m.items.all()),
                documents=list(m.documents.all()),
                values=values,
            ),
        )
        for m in found
    ]


def late_items(
    today: dt.date | None = None, *, horizon_days: int = 60
) -> list[tuple[Meeting, ItemDeadlines]]:
    """Late or missing documents of upcoming meetings, for the chairpersons' council (S17)."""
    today = today or timezone.localdate()
    meetings = (
        Meeting.objects.filter(
            status=Meeting.Status.SCHEDULED,
            starts_on__gte=today,
            starts_on__lte=today + dt.timedelta(days=horizon_days),
        )
        .prefetch_related("items", "documents")
        .order_by("starts_on")
    )
    found = []
    values = deadline_params()
    for meeting in meetings:
        for row in document_deadlines(
            meeting,
            today,
            items=list(meeting.items.all()),
            documents=list(meeting.documents.all()),
            values=values,
        ):
            if row.late and (
                row.item is None or row.item.disposition == AgendaItem.Disposition.PENDING
            ):
                found.append((meeting, row))
    return found


# -- S14: frequency checks ----------------------------------------------------------------

PASS, FAIL, WARN = "pass", "fail", "warn"


@dataclass
class FrequencyCheck:
    rule: str
    text: Any
    status: str
    detail: Any
    #: The calendar year the finding belongs to, and the meetings behind it.
    year: int | None = None
    meetings: tuple = ()

    @property
    def passed(self) -> bool:
        return self.status != FAIL


def frequency_checks(today: dt.date | None = None) -> list[FrequencyCheck]:
    """Check the meeting calendar against S14 (§8.1, §8.6, §8.7) and return one row per finding.

    - a congress session in every calendar year since the first recorded meeting (at most
      the last five years); the current year only warns until it is over;
    - no two consecutive SC meetings more than ``meeting.sc_max_gap_months`` apart, and the
      next one due by that many months after the last;
    - every congress session without elections lasts at least
      ``meeting.congress_min_days_without_election`` days.
    """
    today = today or timezone.localdate()
    values = params(
        "meeting.congress_min_per_year",
        "meeting.sc_max_gap_months",
        "meeting.congress_min_days_without_election",
    )
    rows: list[FrequencyCheck] = []
    meetings = list(
        Meeting.objects.filter(kind__in=[Meeting.Kind.CONGRESS_SESSION, Meeting.Kind.SC_MEETING])
        .only("id", "kind", "number", "title", "starts_on", "ends_on", "has_election", "status")
        .order_by("starts_on", "id")
    )
    congress = [m for m in meetings if m.kind == Meeting.Kind.CONGRESS_SESSION]
    sc = [m for m in meetings if m.kind == Meeting.Kind.SC_MEETING]

    # §8.1: congress at least once a calendar year.
    per_year = values["meeting.congress_min_per_year"]
    rule = REGISTRY["meeting.congress_min_per_year"].rule
    first_year = meetings[0].starts_on.year if meetings else today.year
    for year in range(max(first_year, today.year - 4), today.year + 1):
        held = [m for m in congress if m.starts_on.year == year]
        text = format_lazy(_("{year}年至少举行{n}次人民代表大会会议"), year=year, n=per_year)
        if len(held) >= per_year:
            rows.append(
                FrequencyCheck(
                    rule,
                    text,
                    PASS,
                    format_lazy(_("已举行或已安排{count}次。"), count=len(held)),
                    year,
                    tuple(held),
                )  # fmt: skip
            )
        elif year < today.year:
            rows.append(
                FrequencyCheck(
                    rule,
                    text,
                    FAIL,
                    format_lazy(
                        _("{year}年只有{count}次人民代表大会会议。"), year=year, count=len(held)
                    ),
                    year,
                    tuple(held),
                )
            )
        else:
            rows.append(
                FrequencyCheck(rule, text, WARN, _("本年度尚未安排人民代表大会会议。"), year)
            )

    # §8.7: SC meetings at most N months apart.
    months = values["meeting.sc_max_gap_months"]
    rule = REGISTRY["meeting.sc_max_gap_months"].rule
    text = format_lazy(_("常委会会议至少每{n}个月举行一次"), n=months)
    window_start = dt.date(today.year - 1, 1, 1)
    gaps = 0
    for a, b in itertools.pairwise(sc):
        if b.starts_on < window_start:
            continue
        if b.starts_on > add_months(a.starts_on, months):
            gaps += 1
            rows.append(
                FrequencyCheck(
                    rule,
                    text,
                    FAIL,
                    format_lazy(
                        _("{a}（{a_date}）至{b}（{b_date}）相隔{days}天，超过{n}个月。"),
                        a=a.title,
                        a_date=a.starts_on.isoformat(),
                        b=b.title,
                        b_date=b.starts_on.isoformat(),
                        days=(b.starts_on - a.starts_on).days,
                        n=months,
                    ),
                    b.starts_on.year,
                    (a, b),
                )
            )
    held = [m for m in sc if m.starts_on <= today]
    if held:
        last = held[-1]
        due = add_months(last.starts_on, months)
        upcoming = [m for m in sc if today < m.starts_on <= due]
        if upcoming:
            rows.append(
                FrequencyCheck(
                    rule,
                    text,
                    PASS,
                    format_lazy(
                        _("上次会议{last}，下次会议已安排在{next}（应不晚于{due}）。"),
                        last=last.starts_on.isoformat(),
                        next=upcoming[0].starts_on.isoformat(),
                        due=due.isoformat(),
                    ),
                    upcoming[0].starts_on.year,
                    (last, upcoming[0]),
                )
            )
        elif today > due:
            rows.append(
                FrequencyCheck(
                    rule,
                    text,
                    FAIL,
                    format_lazy(
                        _("上次会议{last}，应不晚于{due}举行下次会议，目前尚未举行。"),
                        last=last.starts_on.isoformat(),
                        due=due.isoformat(),
                    ),
                    due.year,
                    (last,),
                )
            )
        else:
            rows.append(
                FrequencyCheck(
                    rule,
                    text,
                    WARN,
                    format_lazy(
                        _("上次会议{last}，下次会议应不晚于{due}举行，尚未安排。"),
                        last=last.starts_on.isoformat(),
                        due=due.isoformat(),
                    ),
                    due.year,
                    (last,),
                )
            )
    elif not gaps:
        rows.append(FrequencyCheck(rule, text, WARN, _("尚无常委会会议记录。")))

    # S14: congress session length without elections.
    min_days = values["meeting.congress_min_days_without_election"]
    rule = REGISTRY["meeting.congress_min_days_without_election"].rule
    text = format_lazy(_("无选举事项的人民代表大会会议会期不少于{n}天"), n=min_days)
    short = [
        m
        for m in congress
        if not m.has_election and m.duration_days < min_days and m.starts_on >= window_start
    ]
    for m in short:
        rows.append(
            FrequencyCheck(
                rule,
                text,
                FAIL,
                format_lazy(
                    _("{title}会期{days}天，且无选举事项。"), title=m.title, days=m.duration_days
                ),
                m.starts_on.year,
                (m,),
            )
        )
    if not short:
        rows.append(FrequencyCheck(rule, text, PASS, _("近两年的人民代表大会会议会期均符合要求。")))
    return rows
