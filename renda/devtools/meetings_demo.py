"""Demo meetings: the January 2026 congress session, the SC meetings of 2026 and the next one.

Everything goes through :mod:`renda.meetings.services` (and the voting core for the votes,
see :mod:`renda.devtools.voting_demo`) except the mass sign-in of
the congress session, which is one bulk update with one audit event (hundreds of
individual sign-ins would slow ``seed_demo`` for nothing).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from renda.core.audit import audit_record
from renda.meetings import services as S
from renda.meetings.models import Attendance, Meeting
from renda.people.models import Membership, Organization, Person, Term

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


def _past_sc_meeting(actor, term: Term, day: dt.date, index: int) -> Meeting:
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
    _sign_in_share(actor, meeting, 0.85)
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


def _next_sc_meeting(actor, term: Term) -> Meeting:
    day = NEXT_SC_MEETING
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
    voting = list(meeting.attendance.filter(role=Attendance.Role.VOTING).order_by("person_id"))
    if voting:
        S.leave_request_create(
            actor=actor, meeting=meeting, person=voting[-1].person, reason="参加上级培训"
        )
    for name, community in RESIDENTS:
        person = Person.objects.create(
            name=name, gender="female" if name in ("李秀英", "孙丽") else "male"
        )
        entry = S.pool_entry_add(actor=actor, person=person, kind="resident", community=community)
        if name == "李秀英":
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
        for index, day in enumerate(PAST_SC_MEETINGS):
            _past_sc_meeting(actor, term, day, index)
        _next_sc_meeting(actor, term)
    return {
        "congress_sessions": Meeting.objects.filter(kind="congress_session").count(),
        "sc_meetings": Meeting.objects.filter(kind="sc_meeting").count(),
    }
