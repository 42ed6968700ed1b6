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
from renda.deputies.models import (
    ByElection,
    Contact,
    LiaisonStation,
    QualificationMatter,
    Recall,
    Resignation,
    Suspension,
    TrainingCourse,
    VoterMessage,
    VoterReport,
    WorkPlan,
)
from renda.meetings import services as S
from renda.meetings.models import Attendance, Meeting
from renda.people.models import Deputy, Term
from renda.people.selectors import sc_memberships
from renda.portal.handlers import qualification_notice

from .meetings_demo import seed_session_preparation

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
    S.document_add(
        actor=actor,
        meeting=session,
        kind="notice",
        title="会议通知",
        received_on=start - dt.timedelta(days=38),
        is_public=True,
        now=_at(start - dt.timedelta(days=38)),
    )
    seed_session_preparation(actor, session)
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
    seed_liaison(actor=actor, term=term)
    seed_reports(actor=actor, term=term)
    from .messages_demo import seed_messages

    seed_messages(actor=actor)
    from .resignations_demo import seed_resignations

    taken = {d.person_id for d in (*absentees, moved, unfit, rights, released)}
    spare = _spare_deputies(term, taken, 3)  # one resigns; the other two are the recalls'
    seed_resignations(actor=actor, term=term, spare=spare[:1])
    from .byelections_demo import seed_by_elections

    seed_by_elections(actor=actor, term=term)
    from .recalls_demo import seed_recalls

    seed_recalls(actor=actor, term=term, spare=spare[1:])
    return {
        "qualification_matters": QualificationMatter.objects.count(),
        "suspensions": Suspension.objects.count(),
        "training_courses": TrainingCourse.objects.count(),
        "liaison_stations": LiaisonStation.objects.count(),
        "contacts": Contact.objects.count(),
        "work_plans": WorkPlan.objects.count(),
        "voter_reports": VoterReport.objects.count(),
        "voter_messages": VoterMessage.objects.count(),
        "resignations": Resignation.objects.count(),
        "recalls": Recall.objects.count(),
        "by_elections": ByElection.objects.count(),
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


#: The demo city's stations: (name, kind, area, address, hours).
STATIONS = (
    ("清河街道代表联络站", "station", "清河街道", "清河路18号社区服务中心二楼", "每周二、周四上午"),
    ("东湖街道代表之家", "home", "东湖街道", "东湖路66号", "工作日 9:00–17:00"),
    ("西城街道代表联络站", "station", "西城街道", "西城大道120号", "每周三全天"),
    ("南山镇代表联络站", "station", "南山镇", "南山镇人民路3号", "每月逢五、逢十上午"),
    ("北岭乡代表联络点", "point", "北岭乡", "北岭乡政府便民服务中心", "每月第一个周一"),
    ("城关镇代表之家", "home", "城关镇", "城关镇解放路9号", "工作日上午"),
)
RAISED = (
    "群众反映老旧小区加装电梯、停车难和菜市场改造问题，代表当场解答政策，其余转有关部门。",
    "反映农村公路养护和灌溉水渠年久失修，代表记录后将形成建议。",
    "反映学校周边交通拥堵、校外培训收费问题，已转交教育、交警部门。",
    "群众咨询医保异地结算和养老服务补贴政策，代表逐一解答。",
)


def seed_liaison(*, actor, term: Term) -> None:
    """Stations with their deputies; reception days held, cancelled, waiting to be recorded
    and coming up; and 双联系 contacts this quarter and last, with some below the minimum."""
    from renda.deputies import selectors

    seated = list(
        Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE)
        .select_related("person")
        .order_by("id")
    )
    if len(seated) < 12:
        return
    today = timezone.localdate()
    own = User.objects.filter(username="deputy").select_related("person").first()
    mine = next((d for d in seated if own and d.person_id == own.person_id), None)
    stations = []
    per = max(len(seated) // len(STATIONS), 2)
    for i, (name, kind, area, address, hours) in enumerate(STATIONS):
        attached = seated[i * per : (i + 1) * per][:12]
        if i == 0 and mine is not None and mine not in attached:
            attached = [mine, *attached[:11]]
        stations.append(
            D.station_create(
                actor=actor,
                name=name,
                kind=kind,
                area=area,
                address=address,
                hours=hours,
                phone=f"0000-8{i + 1}6{i + 2}0{i + 3}",
                deputies=attached,
                description="代表定期进站接待选民，听取和反映群众意见。",
                now=_at(dt.date(2022, 3, 1)),
            )  # fmt: skip
        )
    # Two held days a year at each station, from the start of 2025 to last month.
    held_days = [dt.date(y, m, 15) for y in (2025, 2026) for m in (3, 6, 9, 11)]
    held_days = [d for d in held_days if d < today - dt.timedelta(days=20)]
    for n, station in enumerate(stations):
        team = list(station.deputies.order_by("id"))
        for k, day in enumerate(held_days):
            if (n + k) % 2:
                continue
            receivers = team[k % len(team) :][:3] or team[:3]
            r = D.reception_schedule(
                actor=actor, station=station, on_date=day, starts_at=dt.time(9),
                ends_at=dt.time(11, 30), deputies=receivers, theme="代表进站接待选民",
                now=_at(day - dt.timedelta(days=10)),
            )  # fmt: skip
            D.reception_record(
                actor=actor, reception=r, received_by=receivers, visitors=6 + (n * 7 + k * 3) % 20,
                matters=2 + (n + k) % 5, summary=RAISED[(n + k) % len(RAISED)],
                now=_at(day, 16),
            )  # fmt: skip
    first = stations[0]
    team = list(first.deputies.order_by("id"))
    off = D.reception_schedule(
        actor=actor, station=first, on_date=today - dt.timedelta(days=12), starts_at=dt.time(9),
        ends_at=dt.time(11), deputies=team[1:3], now=_at(today - dt.timedelta(days=20)),
    )  # fmt: skip
    D.reception_cancel(
        actor=actor, reception=off, reason="遇暴雨红色预警，顺延至下期接待日。",
        now=_at(today - dt.timedelta(days=13)),
    )  # fmt: skip
    D.reception_schedule(  # the day has passed; the station has not recorded it yet
        actor=actor, station=stations[1], on_date=today - dt.timedelta(days=2),
        starts_at=dt.time(14), ends_at=dt.time(16, 30),
        deputies=list(stations[1].deputies.order_by("id"))[:2],
        now=_at(today - dt.timedelta(days=9)),
    )  # fmt: skip
    for n, station in enumerate(stations[:4]):
        crew = list(station.deputies.order_by("id"))
        D.reception_schedule(
            actor=actor, station=station, on_date=today + dt.timedelta(days=3 + 4 * n),
            starts_at=dt.time(9), ends_at=dt.time(11, 30), deputies=crew[:2] if n else team[:2],
            theme="听取群众对明年民生实事项目的意见建议" if n == 0 else "",
            now=_at(today),
        )  # fmt: skip
    # 双联系: this quarter and the last, most people once or more, some not yet.
    year, quarter = selectors.quarter_of(today)
    this_start, _end = selectors.quarter_bounds(year, quarter)
    last = this_start - dt.timedelta(days=20)
    days = [d for d in (last, this_start + dt.timedelta(days=10)) if d <= today]
    ways = ("visit", "meeting", "phone", "online")
    for i, deputy in enumerate(seated):
        for k, day in enumerate(days):
            if (i + k) % 4 == 3:
                continue  # about a quarter of the deputies have none in the quarter
            D.contact_record(
                actor=actor, kind="deputy_voter", person=deputy.person, on_date=day,
                way=ways[(i + k) % 4], voters=5 + (i * 3 + k) % 30,
                place=f"{STATIONS[i % len(STATIONS)][2]}第{i % 9 + 1}社区",
                summary=RAISED[(i + k) % len(RAISED)], now=_at(day, 18),
            )  # fmt: skip
    members = list(sc_memberships(today).select_related("person").order_by("person_id"))
    for i, membership in enumerate(members):
        for k, day in enumerate(days):
            if (i + k) % 5 == 4:
                continue
            D.contact_record(
                actor=actor, kind="sc_deputy", person=membership.person, on_date=day,
                way=ways[(i + k) % 2], deputies=seated[(i * 7 + k) % len(seated) :][:3],
                summary="座谈了解代表闭会期间履职和建议办理情况，听取对常委会工作的意见。",
                now=_at(day, 17),
            )  # fmt: skip
    if mine is not None:
        D.reception_record(
            actor=actor,
            reception=D.reception_schedule(
                actor=actor, station=first, on_date=today - dt.timedelta(days=5),
                starts_at=dt.time(9), ends_at=dt.time(11), deputies=[mine],
                now=_at(today - dt.timedelta(days=12)),
            ),
            received_by=[mine], visitors=11, matters=4, summary=RAISED[0],
            now=_at(today - dt.timedelta(days=5), 15),
        )  # fmt: skip


PLAN_BODY = """一、加强代表履职学习培训。分两期举办代表履职能力提升培训班，新任代表全部参加。

二、密切代表同人民群众的联系。代表每年进站接待选民不少于两次；常委会组成人员每季度至少联系一次代表。

三、提高代表建议办理质量。实行重点建议由主任会议成员督办，办理结果向代表反馈并公开。

四、组织代表向原选区选民述职。本届任期内每名代表至少述职一次，接受选民评议。

五、完善代表履职档案，定期公布代表履职情况。"""

REPORT_TEXT = (
    "一年来，我参加了人民代表大会会议和代表小组活动，围绕{topic}开展调研，"
    "领衔提出建议，进站接待选民，反映群众意见。今后将继续加强学习，依法履职，接受选民监督。"
)
TOPICS = ("老旧小区改造", "养老服务", "农村道路", "中小学学位", "河道治理", "菜市场提升")


def seed_reports(*, actor, term: Term) -> None:
    """Yearly plans adopted by the council (the last one not yet published) and deputies'
    reports to voters held with their evaluation, coming up, waiting to be recorded and
    called off."""
    today = timezone.localdate()
    councils = Meeting.objects.filter(kind=Meeting.Kind.CHAIRPERSONS_COUNCIL, starts_on__lte=today)
    for year in range(max(term.start_date.year, today.year - 2), today.year + 2):
        drafted = min(dt.date(year - 1, 12, 1), today - dt.timedelta(days=10))
        plan = D.plan_create(
            actor=actor, year=year, title=f"{year}年度代表工作计划", body=PLAN_BODY,
            now=_at(drafted),
        )  # fmt: skip
        # the council meeting of the turn of the year, when the demo holds one
        meeting = (
            councils.filter(starts_on__range=(drafted, dt.date(year, 2, 28)))
            .order_by("starts_on")
            .first()
        )
        adopted_on = meeting.starts_on if meeting else min(dt.date(year, 1, 20), today - dt.timedelta(days=3))  # fmt: skip
        D.plan_adopt(
            actor=actor, plan=plan, adopted_on=adopted_on, meeting=meeting, now=_at(adopted_on)
        )
        if year <= today.year:
            D.plan_publish(actor=actor, plan=plan, now=_at(adopted_on + dt.timedelta(days=5)))
    seated = list(
        Deputy.objects.filter(term=term, status=Deputy.Status.ACTIVE)
        .select_related("person")
        .order_by("id")
    )
    if len(seated) < 10:
        return
    own = User.objects.filter(username="deputy").first()
    first_day = max(term.start_date + dt.timedelta(days=400), dt.date(2023, 3, 1))
    span = max((today - dt.timedelta(days=7) - first_day).days, 1)
    for i, deputy in enumerate(seated):
        if i % 5 in (3, 4) or (own and deputy.person_id == own.person_id):
            continue  # about two in five have not reported yet this term
        day = first_day + dt.timedelta(days=(i * 37) % span)
        unit = deputy.constituency or deputy.electing_unit or "原选区"
        r = D.report_plan(
            actor=actor, deputy=deputy, unit=unit, held_on=day,
            place=f"{STATIONS[i % len(STATIONS)][0]}", now=_at(day - dt.timedelta(days=14)),
        )  # fmt: skip
        came = 30 + (i * 7) % 60
        fair, poor = 2 + i % 4, i % 3
        ok = came - fair - poor - i % 6  # some present did not evaluate
        D.report_record(
            actor=actor, report=r, text=REPORT_TEXT.format(topic=TOPICS[i % len(TOPICS)]),
            attendance=came, satisfied=ok, basically=fair, unsatisfied=poor, now=_at(day, 17),
        )  # fmt: skip
    waiting = [d for i, d in enumerate(seated) if i % 5 == 3][:6]
    for k, deputy in enumerate(waiting):
        unit = deputy.constituency or deputy.electing_unit or "原选区"
        day = today + dt.timedelta(days=4 + 3 * k) if k else today - dt.timedelta(days=2)
        r = D.report_plan(
            actor=actor, deputy=deputy, unit=unit, held_on=day,
            place=f"{STATIONS[k % len(STATIONS)][0]}", now=_at(today - dt.timedelta(days=6)),
        )  # fmt: skip
        if k == len(waiting) - 1:
            D.report_cancel(
                actor=actor, report=r, reason="代表参加市里集中培训，改至下月举行。",
                now=_at(today - dt.timedelta(days=1)),
            )  # fmt: skip
    if own is not None:
        mine = next((d for d in seated if d.person_id == own.person_id), None)
        if mine is not None:
            D.report_plan(
                actor=actor, deputy=mine, unit=mine.constituency or "原选区",
                held_on=today + dt.timedelta(days=9), place=STATIONS[0][0], now=_at(today),
            )  # fmt: skip
