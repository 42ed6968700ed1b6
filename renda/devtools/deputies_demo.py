"""The demo's deputies' procedures: the absence rule at work, matters in every state, suspensions.

The term's fourth congress session (January 2025) is held before the fifth (January 2026):
one deputy missed both without approved leave, so the platform has raised the matter for
the credentials committee; another was on approved leave once and absent once, and has
nothing raised. The office's own matters show the other states, and two suspensions show
one in force and one restored on the day its condition ended.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from renda.accounts.models import User
from renda.core.audit import audit_record
from renda.deputies import services as D
from renda.deputies.models import QualificationMatter, Suspension, TrainingCourse
from renda.meetings import services as S
from renda.meetings.models import Attendance, Meeting
from renda.people.models import Deputy, Term
from renda.portal.handlers import qualification_notice

FOURTH_SESSION = (dt.date(2025, 1, 13), dt.date(2025, 1, 17))


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _fourth_session(actor, term: Term) -> list[Deputy]:
    """Hold the fourth session; return the two deputies absent without leave from the fifth."""
    fifth = Meeting.objects.filter(term=term, kind=Meeting.Kind.CONGRESS_SESSION).first()
    if fifth is None:
        return []
    absent_ids = list(
        fifth.attendance.filter(role=Attendance.Role.VOTING, status=Attendance.Status.ABSENT)
        .order_by("person_id")
        .values_list("person_id", flat=True)
    )
    start, end = FOURTH_SESSION
    session = S.meeting_schedule(
        actor=actor,
        kind="congress_session",
        term=term,
        starts_on=start,
        ends_on=end,
        number=4,
        location="市人民会堂",
        now=_at(start - dt.timedelta(days=40)),
    )
    excused = absent_ids[:1]  # on leave from the fourth; the other missed both
    for row in session.attendance.filter(person_id__in=excused).select_related("person"):
        leave = S.leave_request_create(
            actor=actor, meeting=session, person=row.person, reason="在外地参加培训",
            now=_at(start - dt.timedelta(days=3)),
        )  # fmt: skip
        S.leave_request_approve(
            actor=actor,
            leave=leave,
            note="同意",
            now=_at(start - dt.timedelta(days=2)),
        )
    present = session.attendance.filter(role=Attendance.Role.VOTING).exclude(
        person_id__in=absent_ids
    )
    count = present.update(
        status=Attendance.Status.PRESENT,
        signed_in_at=_at(start, 8),
        signed_in_by=actor,
        updated_at=_at(start, 8),
    )
    audit_record(
        actor=actor, action="devtools.demo_signed_in", obj=session, changes={"present": count}
    )
    S.meeting_open(actor=actor, meeting=session, now=_at(start, 9))
    S.meeting_close(actor=actor, meeting=session, now=_at(end, 17))
    return list(Deputy.objects.filter(term=term, person_id__in=absent_ids).select_related("person"))


def _spare_deputies(term: Term, taken: set[int], n: int) -> list[Deputy]:
    """Active deputies with no account and no part in the absence story, from the list's end."""
    with_accounts = set(User.objects.exclude(person=None).values_list("person_id", flat=True))
    rows = (
        Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE)
        .exclude(person_id__in=with_accounts | taken)
        .select_related("person")
        .order_by("-id")
    )
    return list(rows[:n])


def _record_generated_suspension(actor, term: Term) -> None:
    """The generated city has one deputy suspended since 2025: give that status its record."""
    for deputy in Deputy.objects.filter(term=term, status=Deputy.Status.SUSPENDED):
        suspension = Suspension.objects.create(
            deputy=deputy,
            ground=Suspension.Ground.DETAINED,
            starts_on=deputy.status_date,
            facts="因涉嫌犯罪被采取刑事强制措施，案件正在审查起诉中。",
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="devtools.demo_suspension_recorded",
            obj=suspension,
            changes={"deputy": deputy.pk, "starts_on": str(deputy.status_date)},
        )


def seed_deputies(*, actor, term: Term) -> dict[str, int]:
    """Create the demo's qualification matters and suspensions; return how many of each."""
    absentees = _fourth_session(actor, term)
    fifth_closed = _at(dt.date(2026, 1, 16), 17)
    for deputy in absentees:  # what the attendance effect did when the fifth session closed
        D.review_absences(deputy, now=fifth_closed)
    moved, unfit, rights, released = _spare_deputies(term, {d.person_id for d in absentees}, 4)

    announced = D.qualification_open(
        actor=actor, deputy=moved, ground="moved_away",
        facts="因工作调动，已于2026年8月调往省外工作，户籍同时迁出本市。",
        raised_on=dt.date(2026, 9, 1), now=_at(dt.date(2026, 9, 1)),
    )  # fmt: skip
    D.qualification_report(
        actor=actor, matter=announced, report="经审查，该代表已调离本行政区域，代表资格终止。",
        reported_on=dt.date(2026, 9, 15), now=_at(dt.date(2026, 9, 15)),
    )  # fmt: skip
    D.qualification_announce(
        actor=actor, matter=announced, announced_on=dt.date(2026, 9, 25),
        now=_at(dt.date(2026, 9, 25)),
    )  # fmt: skip
    qualification_notice(matter_id=announced.pk)  # the public notice, as the effect publishes it

    dismissed = D.qualification_open(
        actor=actor, deputy=unfit, ground="capacity", facts="所在单位反映该代表长期病休。",
        raised_on=dt.date(2026, 10, 10), now=_at(dt.date(2026, 10, 10)),
    )  # fmt: skip
    D.qualification_dismiss(
        actor=actor, matter=dismissed, note="经核实，该代表已康复并正常履职，不属于丧失行为能力。",
        now=_at(dt.date(2026, 10, 30)),
    )  # fmt: skip

    reported = D.qualification_open(
        actor=actor, deputy=rights, ground="political_rights",
        facts="人民法院判决附加剥夺政治权利二年，判决已发生法律效力。",
        raised_on=dt.date(2026, 11, 12), now=_at(dt.date(2026, 11, 12)),
    )  # fmt: skip
    D.qualification_report(
        actor=actor, matter=reported, report="经审查，该代表依照法律被剥夺政治权利，建议常务委员会予以公告。",
        reported_on=dt.date(2026, 11, 25), now=_at(dt.date(2026, 11, 25)),
    )  # fmt: skip

    _record_generated_suspension(actor, term)
    ended = D.suspension_start(
        actor=actor, deputy=released, ground="detained", facts="2026年3月2日被公安机关刑事拘留。",
        starts_on=dt.date(2026, 3, 2), now=_at(dt.date(2026, 3, 3)),
    )  # fmt: skip
    D.suspension_set_end(
        actor=actor, suspension=ended, ends_on=dt.date(2026, 5, 20),
        end_basis="检察院作出不起诉决定", now=_at(dt.date(2026, 5, 12)),
    )  # fmt: skip
    D.restore_due(now=_at(dt.date(2026, 5, 20), 0))
    seed_training(actor=actor, term=term)
    return {
        "qualification_matters": QualificationMatter.objects.count(),
        "suspensions": Suspension.objects.count(),
        "training_courses": TrainingCourse.objects.count(),
    }


def _course(actor, title, topic, place, start, days, **kw) -> TrainingCourse:
    return D.training_create(
        actor=actor, title=title, topic=topic, organiser=kw.pop("organiser", "常委会代表工作委员会"),
        place=place, starts_on=start, ends_on=start + dt.timedelta(days=days - 1),
        now=_at(start - dt.timedelta(days=30)), **kw,
    )  # fmt: skip


def seed_training(*, actor, term: Term) -> None:
    """Courses in every state: the term's induction and a thematic course held, one cancelled,
    one over and waiting to be closed, and one coming up that deputies are joining; about one
    deputy in ten is not yet trained, so the office's list and reminder have names on them."""
    seated = list(
        Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE)
        .select_related("person")
        .order_by("id")
    )
    if not seated:
        return
    account = set(User.objects.exclude(person=None).values_list("person_id", flat=True))
    untrained = {d.pk for i, d in enumerate(seated) if i % 10 == 7 and d.person_id not in account}

    induction = _course(
        actor, "第十七届市人大代表初任履职培训班", "宪法、代表法和代表履职基本知识", "市委党校",
        dt.date(2022, 4, 12), 3,
    )  # fmt: skip
    D.training_enrol(actor=actor, course=induction, deputies=seated, now=_at(dt.date(2022, 3, 20)))
    came = [d for d in seated if d.pk not in untrained and d.pk % 13 != 5]
    D.training_record_attendance(
        actor=actor, course=induction, deputies=came, now=_at(dt.date(2022, 4, 14), 17)
    )
    D.training_close(actor=actor, course=induction, now=_at(dt.date(2022, 4, 14), 18))

    budget = _course(
        actor, "预算审查监督专题培训", "预算法和全口径预算审查", "市人大常委会机关三楼会议室",
        dt.date(2024, 7, 9), 2, capacity=120, organiser="常委会预算工作委员会",
    )  # fmt: skip
    makeup = [d for d in seated if d.pk % 13 == 5 and d.pk not in untrained][:40]
    others = [d for d in seated if d.pk not in untrained and d not in makeup][: 110 - len(makeup)]
    D.training_enrol(
        actor=actor, course=budget, deputies=makeup + others, now=_at(dt.date(2024, 6, 20))
    )
    D.training_record_attendance(
        actor=actor,
        course=budget,
        deputies=(makeup + others)[:-6],
        now=_at(dt.date(2024, 7, 10), 17),
    )
    D.training_close(actor=actor, course=budget, now=_at(dt.date(2024, 7, 10), 18))

    cancelled = _course(
        actor,
        "代表建议撰写专题培训",
        "如何提出高质量的代表建议",
        "市委党校",
        dt.date(2025, 11, 18),
        1,
    )
    D.training_enrol(
        actor=actor, course=cancelled, deputies=seated[:40], now=_at(dt.date(2025, 11, 1))
    )
    D.training_cancel(
        actor=actor, course=cancelled, reason="与常委会会议时间冲突，并入下一期培训。",
        now=_at(dt.date(2025, 11, 10)),
    )  # fmt: skip

    today = timezone.localdate()
    last = term.end_date or today
    held = today - dt.timedelta(days=5)
    if held >= term.start_date + dt.timedelta(days=30):
        waiting = _course(
            actor, "监督法专题学习", "监督法和专题询问", "代表之家", held, 1, capacity=30
        )
        D.training_enrol(
            actor=actor, course=waiting, deputies=others[:24], now=_at(held - dt.timedelta(days=10))
        )
        D.training_record_attendance(
            actor=actor, course=waiting, deputies=others[:20], now=_at(held, 17)
        )
    coming = today + dt.timedelta(days=8)
    if coming + dt.timedelta(days=1) <= last:
        upcoming = _course(
            actor, "年度代表履职学习培训", "人大工作新要求和代表履职实务", "市委党校", coming, 2,
            capacity=80,
        )  # fmt: skip
        joined = [d for d in seated if d.pk in untrained][:12] + others[30:40]
        D.training_enrol(actor=actor, course=upcoming, deputies=joined, now=_at(today))
