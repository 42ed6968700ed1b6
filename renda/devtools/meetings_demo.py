"""Demo meetings: the January 2026 congress session, the SC meetings of 2026 and the next one.

Everything goes through :mod:`renda.meetings.services` (and the voting core for the votes,
see :mod:`renda.devtools.voting_demo`) except the mass sign-in of
the congress session, which is one bulk update with one audit event (hundreds of
individual sign-ins would slow ``seed_demo`` for nothing).

Each congress session has its presidium (elected for the session, with the special
committees' chairs and the SC working committees' heads) and the party committee's consent to
its convening; each SC meeting is prepared by a chairpersons' council meeting, gets its texts
by their lead times (one report of the June meeting came two days late), has the court's
president signed in to present the work report and two people of the pool sitting in.
"""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.utils import timezone

from renda.core import approvals
from renda.core.audit import audit_record
from renda.meetings import services as S
from renda.meetings.models import AgendaItem, Attendance, AttendeePoolEntry, Meeting
from renda.people.models import Deputy, Membership, Organization, Person, Post, Term
from renda.people.services import membership_create

from .voting_demo import DemoDevices, run_demo_poll

CONGRESS_SESSION = (dt.date(2026, 1, 12), dt.date(2026, 1, 16))
PAST_SC_MEETINGS = (
    dt.date(2026, 2, 26),
    dt.date(2026, 4, 24),
    dt.date(2026, 6, 23),
    dt.date(2026, 8, 20),
    dt.date(2026, 10, 20),
)
NEXT_SC_MEETING = dt.date(2026, 12, 10)
#: The chairpersons' council meets this many days before each past SC meeting.
COUNCIL_LEAD_DAYS = 10
#: The councils preparing the November SC meeting (of the supervision and decisions demos)
#: and the next one, the latter the day after the November meeting.
LATER_COUNCILS = ((dt.date(2026, 11, 16), 36), (dt.date(2026, 11, 27), 35))
#: The documents each kind of item needs, days before the meeting they arrived.
ITEM_DOCUMENTS = {
    "work_report": (
        ("report_to_committee", "报告稿（征求意见稿）", 24),
        ("report_to_sc", "报告", 12),
        ("report_to_members", "报告（印发稿）", 8),
    ),
    "motion": (("motion", "议案文本及说明", 24),),
    "appointment": (("motion", "任免议案", 9),),
}
#: The June meeting's court report reached the SC two days after its 10-day lead time.
LATE_REPORT = (2, "report_to_sc", 8)
#: Pool deputies (outside the SC) picked for sitting in, one every this many.
POOL_DEPUTY_STEP = 40
PRESIDIUM_DEPUTY_STEP = 18

PAST_SC_ITEMS = (
    ("motion", "关于{year}年度计划执行情况的报告及决议草案", "voted"),
    ("work_report", "市人民法院关于{topic}工作情况的报告", "decided"),
    ("appointment", "人事任免事项", "voted"),
    ("other", "关于代表建议办理情况的通报", "decided"),
)
TOPICS = ("行政审判", "知识产权审判", "执行", "少年审判", "诉源治理")
RESIDENTS = (
    ("李秀英", "东湖社区"),
    ("赵国强", "西关街道"),
    ("孙丽", "南湖社区"),
    ("周建华", "北塔街道"),
)


def _post_holder(org_code: str, label: str, day: dt.date) -> Person | None:
    m = (
        Membership.objects.filter(
            organization__code=org_code, post__label=label, start_date__lte=day
        )
        .exclude(end_date__lt=day)
        .select_related("person")
        .first()
    )
    return m.person if m else None


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _documents(actor, meeting: Meeting, item: AgendaItem, *, late=None) -> None:
    """Record the item's texts as they came in, before the meeting (S17, §3.2, §8.9)."""
    today = timezone.localdate()
    for kind, title, days in ITEM_DOCUMENTS.get(item.kind, ()):
        if late and late[0] == kind:
            days = late[1]
        day = meeting.starts_on - dt.timedelta(days=days)
        if day <= today:
            S.document_add(
                actor=actor, meeting=meeting, item=item, kind=kind, title=title, received_on=day
            )


def _materials(actor, meeting: Meeting, days: int = 6) -> None:
    day = meeting.starts_on - dt.timedelta(days=days)
    if day <= timezone.localdate():
        S.document_add(
            actor=actor, meeting=meeting, kind="materials", title="会议材料", received_on=day
        )


def _session_consent(actor, session: Meeting) -> None:
    """The party committee agreed to convene the session and to its agenda (S2)."""
    sent = session.starts_on - dt.timedelta(days=45)
    answered = sent + dt.timedelta(days=8)
    asked = approvals.approval_request(
        actor=actor,
        subject=session,
        kind="party_consent",
        sent_on=sent,
        document_title=f"关于召开{session.title}的请示",
        now=_at(sent),
    )
    approvals.approval_answer(
        actor=actor,
        approval=asked,
        answer="approved",
        answered_on=answered,
        note="同意召开会议及建议议程",
        now=_at(answered),
    )


def seed_session_preparation(actor, session: Meeting) -> int:
    """Elect the session's presidium and record the party committee's consent; return how
    many sit on the presidium (S15, S2)."""
    _session_consent(actor, session)
    day = session.starts_on
    presidium = Organization.objects.get(kind=Organization.Kind.PRESIDIUM)
    in_office = Membership.objects.filter(start_date__lte=day).exclude(end_date__lt=day)
    heads = in_office.filter(role__in=(Post.Role.CHAIR, Post.Role.HEAD)).filter(
        models.Q(organization__kind=Organization.Kind.SPECIAL_COMMITTEE)
        | models.Q(
            organization__kind=Organization.Kind.WORKING_BODY,
            organization__parent__kind=Organization.Kind.STANDING_COMMITTEE,
        )
    )
    council = in_office.filter(organization__kind=Organization.Kind.CHAIRPERSONS_COUNCIL)
    ids = list(council.order_by("id").values_list("person_id", flat=True))
    ids += heads.order_by("id").values_list("person_id", flat=True)
    deputies = Deputy.objects.filter(term=session.term, status=Deputy.Status.ACTIVE)
    ids += list(deputies.order_by("id").values_list("person_id", flat=True))[
        ::PRESIDIUM_DEPUTY_STEP
    ]
    seen: list[int] = list(dict.fromkeys(ids))
    for person in Person.objects.filter(pk__in=seen).order_by("pk"):
        membership_create(
            actor=actor,
            person=person,
            organization=presidium,
            term=session.term,
            start_date=day,
            end_date=session.ends_on,
            obtained="election",
            now=_at(day, 8),
        )
    return len(seen)


def _pool(actor, term: Term) -> list[AttendeePoolEntry]:
    """The pool of non-voting attendees: residents of four communities and deputies from
    outside the SC; returned alternating deputies and residents."""
    residents = []
    for name, community in RESIDENTS:
        person = Person.objects.create(
            name=name, gender="female" if name in ("李秀英", "孙丽") else "male"
        )
        residents.append(
            S.pool_entry_add(actor=actor, person=person, kind="resident", community=community)
        )
    sc = Membership.objects.filter(organization__kind=Organization.Kind.STANDING_COMMITTEE)
    picked = (
        Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE)
        .exclude(person_id__in=sc.values("person_id"))
        .select_related("person")
        .order_by("id")
    )
    deputies = [
        S.pool_entry_add(actor=actor, person=d.person, kind="deputy", community=d.electing_unit)
        for d in list(picked)[::POOL_DEPUTY_STEP][:6]
    ]
    out = []
    for i in range(max(len(deputies), len(residents))):
        out += deputies[i : i + 1] + residents[i : i + 1]
    return out


def _council(actor, term: Term, day: dt.date, sc_number: int) -> Meeting:
    """A chairpersons' council meeting settling the next SC meeting's agenda (§8.12)."""
    council = S.meeting_schedule(
        actor=actor,
        kind="chairpersons_council",
        term=term,
        starts_on=day,
        location="常委会主任会议室",
        now=_at(day - dt.timedelta(days=3)),
    )
    item = S.agenda_item_add(
        actor=actor,
        meeting=council,
        kind="other",
        title=f"研究常委会第{sc_number}次会议议程建议",
        now=_at(day - dt.timedelta(days=3)),
    )
    for row in council.attendance.filter(role=Attendance.Role.VOTING).select_related("person"):
        S.attendance_sign_in(actor=actor, meeting=council, person=row.person, now=_at(day, 8))
    S.meeting_open(actor=actor, meeting=council, now=_at(day))
    S.agenda_item_dispose(
        actor=actor,
        item=item,
        disposition="decided",
        note=f"会议决定将议程建议提请常委会第{sc_number}次会议审议。",
    )
    return S.meeting_close(actor=actor, meeting=council, now=_at(day, 11))


def _sign_in_share(actor, meeting: Meeting, share: float) -> None:
    rows = list(meeting.attendance.filter(role=Attendance.Role.VOTING).order_by("person_id"))
    for row in rows[: max(int(len(rows) * share), 1)]:
        S.attendance_sign_in(actor=actor, meeting=meeting, person=row.person)


def _congress_session(actor, term: Term) -> Meeting:
    start, end = CONGRESS_SESSION
    session = S.meeting_schedule(
        actor=actor,
        kind="congress_session",
        term=term,
        starts_on=start,
        ends_on=end,
        number=5,
        location="市人民会堂",
        gallery_seats=100,
    )
    mayor = _post_holder("government", "市长", start)
    court = _post_holder("court", "院长", start)
    procurator = _post_holder("procuratorate", "检察长", start)
    items = [
        S.agenda_item_add(
            actor=actor, meeting=session, kind="work_report", title="政府工作报告", reporter=mayor
        ),
        S.agenda_item_add(
            actor=actor,
            meeting=session,
            kind="work_report",
            title="市中级人民法院工作报告",
            reporter=court,
        ),
        S.agenda_item_add(
            actor=actor,
            meeting=session,
            kind="work_report",
            title="市人民检察院工作报告",
            reporter=procurator,
        ),
        S.agenda_item_add(
            actor=actor,
            meeting=session,
            kind="motion",
            title="关于2025年国民经济和社会发展计划执行情况与2026年计划草案的报告",
        ),
    ]
    S.document_add(
        actor=actor,
        meeting=session,
        kind="notice",
        title="会议通知",
        received_on=dt.date(2025, 12, 5),
        is_public=True,
    )
    for item in items:
        _documents(actor, session, item)
    seed_session_preparation(actor, session)
    voting = list(session.attendance.filter(role=Attendance.Role.VOTING).order_by("person_id"))
    excused, absent = voting[-6:-2], voting[-2:]
    for row in excused:
        leave = S.leave_request_create(
            actor=actor, meeting=session, person=row.person, reason="因公出差"
        )
        S.leave_request_decide(actor=actor, leave=leave, approve=True, note="同意")
    present = [r.pk for r in voting if r not in excused and r not in absent]
    now = timezone.now()
    Attendance.objects.filter(pk__in=present).update(
        status=Attendance.Status.PRESENT, signed_in_at=now, signed_in_by=actor, updated_at=now
    )
    audit_record(
        actor=actor,
        action="devtools.demo_signed_in",
        obj=session,
        changes={"present": len(present)},
    )
    S.meeting_open(actor=actor, meeting=session)
    for item in items:
        run_demo_poll(actor=actor, item=item)
    return S.meeting_close(actor=actor, meeting=session)


def _past_sc_meeting(
    actor, term: Term, day: dt.date, index: int, pool: list[AttendeePoolEntry]
) -> Meeting:
    _council(actor, term, day - dt.timedelta(days=COUNCIL_LEAD_DAYS), 30 + index)
    meeting = S.meeting_schedule(
        actor=actor,
        kind="sc_meeting",
        term=term,
        starts_on=day,
        ends_on=day + dt.timedelta(days=1),
        number=30 + index,
        location="常委会第一会议室",
    )
    court = _post_holder("court", "院长", day)
    to_vote = []
    for kind, title, disposition in PAST_SC_ITEMS:
        item = S.agenda_item_add(
            actor=actor,
            meeting=meeting,
            kind=kind,
            title=title.format(year=day.year - 1, topic=TOPICS[index]),
            reporter=court if kind == "work_report" else None,
        )
        _documents(actor, meeting, item, late=LATE_REPORT[1:] if index == LATE_REPORT[0] else None)
        if disposition == "voted":
            to_vote.append(item)
        else:
            S.agenda_item_dispose(
                actor=actor, item=item, disposition="decided", note="会议听取并审议了该报告。"
            )
    S.document_add(
        actor=actor,
        meeting=meeting,
        kind="notice",
        title="会议通知",
        received_on=day - dt.timedelta(days=8),
        is_public=True,
    )
    _materials(actor, meeting)
    for entry in (pool[(2 * index) % len(pool)], pool[(2 * index + 1) % len(pool)]):
        row = S.non_voting_invite(actor=actor, meeting=meeting, entry=entry)
        S.attendance_sign_in(actor=actor, meeting=meeting, person=row.person)
    _sign_in_share(actor, meeting, 0.85)
    if court is not None:
        S.attendance_sign_in(actor=actor, meeting=meeting, person=court)
    S.meeting_open(actor=actor, meeting=meeting)
    # The latest past meeting voted with its scrutineers' key: its polls are encrypted.
    devices = DemoDevices(actor, meeting) if index == len(PAST_SC_MEETINGS) - 1 else None
    for item in to_vote:
        nominee = _post_holder("government", "副市长", day) if item.kind == "appointment" else None
        run_demo_poll(
            actor=actor,
            item=item,
            kind="appointment" if nominee else "decision",
            nominee=nominee,
            devices=devices,
        )
    return S.meeting_close(actor=actor, meeting=meeting)


def _next_sc_meeting(actor, term: Term, pool: list[AttendeePoolEntry]) -> Meeting:
    day = NEXT_SC_MEETING
    for council_day, number in LATER_COUNCILS:
        if council_day <= timezone.localdate():
            _council(actor, term, council_day, number)
    meeting = S.meeting_schedule(
        actor=actor,
        kind="sc_meeting",
        term=term,
        starts_on=day,
        ends_on=day + dt.timedelta(days=1),
        number=35,
        location="常委会第一会议室",
        start_time=dt.time(9, 0),
        gallery_seats=20,
    )
    court = _post_holder("court", "院长", day)
    report = S.agenda_item_add(
        actor=actor,
        meeting=meeting,
        kind="work_report",
        title="市中级人民法院关于加强涉企案件审判工作情况的报告",
        reporter=court,
    )
    appointment = S.agenda_item_add(
        actor=actor,
        meeting=meeting,
        kind="appointment",
        title="关于提请任免市人民政府部分组成人员的议案",
    )
    motion = S.agenda_item_add(
        actor=actor,
        meeting=meeting,
        kind="motion",
        title="关于《清河市文明行为促进条例（草案）》的议案",
    )
    S.document_add(
        actor=actor,
        meeting=meeting,
        kind="notice",
        title="会议通知",
        received_on=day - dt.timedelta(days=9),
        is_public=True,
    )
    S.document_add(
        actor=actor,
        meeting=meeting,
        item=report,
        kind="report_to_committee",
        title="报告稿（征求意见稿）",
        received_on=day - dt.timedelta(days=22),
    )
    for kind, title, days in ITEM_DOCUMENTS["work_report"][1:]:
        if day - dt.timedelta(days=days) <= timezone.localdate():
            S.document_add(
                actor=actor,
                meeting=meeting,
                item=report,
                kind=kind,
                title=title,
                received_on=day - dt.timedelta(days=days),
            )
    S.document_add(
        actor=actor,
        meeting=meeting,
        item=appointment,
        kind="motion",
        title="任免议案",
        received_on=day - dt.timedelta(days=8),
    )
    # The motion's text is not in yet: the agenda flags it for the chairpersons' council.
    del motion
    _materials(actor, meeting, days=5)
    voting = list(meeting.attendance.filter(role=Attendance.Role.VOTING).order_by("person_id"))
    if voting:
        S.leave_request_create(
            actor=actor, meeting=meeting, person=voting[-1].person, reason="参加上级培训"
        )
    for entry in pool:
        if entry.person.name == "李秀英":
            S.non_voting_invite(actor=actor, meeting=meeting, entry=entry)
    S.gallery_register(
        meeting=meeting, name="王海燕", phone="13900001111", organization="清河日报社"
    )
    return meeting


def seed_meetings(*, actor, term: Term) -> dict[str, int]:
    """Create the demo meetings; return how many of each kind."""
    if not Organization.objects.filter(kind=Organization.Kind.STANDING_COMMITTEE).exists():
        return {}
    with transaction.atomic():
        _congress_session(actor, term)
        pool = _pool(actor, term)
        for index, day in enumerate(PAST_SC_MEETINGS):
            _past_sc_meeting(actor, term, day, index, pool)
        _next_sc_meeting(actor, term, pool)
    return {
        "congress_sessions": Meeting.objects.filter(kind="congress_session").count(),
        "sc_meetings": Meeting.objects.filter(kind="sc_meeting").count(),
    }
