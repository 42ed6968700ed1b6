"""Demo data for supervision: this year's plan with its recurring obligations, reports in several
states, opinions in handling, an evaluation with a sealed result, an inquiry, an interpellation,
an inspection and judicial-supervision records — all written through the supervision services."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.casework import services as cw
from renda.meetings import services as meeting_services
from renda.meetings.models import AgendaItem, Attendance, AttendeePoolEntry, Meeting
from renda.people.models import Deputy, Membership, Organization, Person
from renda.supervision import services as S
from renda.supervision.models import Report
from renda.voting import services as V
from renda.voting.models import Poll

PLAN_YEAR = 2026
#: Demo accounts of the supervised bodies' officers: (username, body code, password).
BODY_ACCOUNTS = (
    ("court", "court", "Renda-court-2026"),
    ("procuratorate", "procuratorate", "Renda-jcy-2026"),
)
#: The SC meeting of 26 November, in progress (shared with the decisions demo; the meetings demo keeps six closed
#: meetings and one scheduled one).
EVALUATION_DAY = dt.date(2026, 11, 26)


def _prepare_meeting(actor, meeting: Meeting) -> None:
    """The meeting's notice and materials sent in time, and one deputy and one resident of the
    pool invited to sit in (S18)."""
    day = meeting.starts_on
    for kind, title, days in (("notice", "会议通知", 8), ("materials", "会议材料", 6)):
        meeting_services.document_add(
            actor=actor,
            meeting=meeting,
            kind=kind,
            title=title,
            received_on=day - dt.timedelta(days=days),
            is_public=kind == "notice",
        )
    pool = AttendeePoolEntry.objects.filter(is_active=True).order_by("times_invited", "id")
    for kind in ("deputy", "resident"):
        entry = pool.filter(kind=kind).first()
        if entry is not None:
            meeting_services.non_voting_invite(actor=actor, meeting=meeting, entry=entry)


def _aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def _body_officers() -> dict[str, User]:
    """The court's and the procuratorate's officers, created (hashed password) if missing."""
    out = {}
    for username, code, password in BODY_ACCOUNTS:
        body = Organization.objects.get(code=code)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(
                username=username,
                role=Role.UNIT_OFFICER,
                scope=body,
                display_name=body.name,
                password=make_password(password),
            )
        out[code] = user
    return out


def _holder(code: str, label: str, day: dt.date) -> Person | None:
    m = (
        Membership.objects.filter(organization__code=code, post__label=label, start_date__lte=day)
        .exclude(end_date__lt=day)
        .select_related("person")
        .first()
    )
    return m.person if m else None


def _sc_members(day: dt.date) -> list[Person]:
    return list(Person.objects.filter(pk__in=S.sc_member_ids(day)).order_by("pk"))


def _deliberated_report(actor, item: AgendaItem, plan_item, body: Organization) -> Report:
    """A report heard at a past (closed) meeting: the agenda item already has its disposition."""
    meeting = item.meeting
    day = meeting.starts_on
    return Report.objects.create(
        plan_item=plan_item,
        title=item.title,
        body=body,
        meeting=meeting,
        agenda_item=item,
        status=Report.Status.DELIBERATED,
        draft_to_committee_on=day - dt.timedelta(days=24),
        revised_to_sc_on=day - dt.timedelta(days=12),
        to_members_on=day - dt.timedelta(days=8),
        deliberated_at=_aware(day, 15),
        deliberation_summary="组成人员充分肯定了工作成效，也指出了存在的问题。",
        published=True,
    )


def _sealed_evaluation(actor, opinion, meeting: Meeting) -> Poll:
    ev = S.evaluation_create(actor=actor, opinion=opinion)
    poll = V.poll_open(actor=actor, poll=ev.poll, now=_aware(meeting.starts_on, 16))
    state = V.poll_state(poll)
    present = sorted(pid for pid, voter in state.roll.items() if voter.signed_in)
    cycle = ["satisfied"] * 6 + ["basically_satisfied"] * 3 + ["dissatisfied"]
    plans = [
        V.ballot_prepare(state, person_id=pid, choice=cycle[i % len(cycle)])
        for i, pid in enumerate(present)
    ]
    V.ballot_commit(poll_id=poll.pk, plans=plans)
    # Closing seals the result; the chair announces it when the sitting resumes (the item stays open).
    poll = V.poll_close(actor=actor, poll=poll, now=_aware(meeting.starts_on, 17))
    S.evaluation_conclude(actor=actor, evaluation=ev, now=_aware(meeting.starts_on, 17))
    return poll


def seed_supervision(*, actor, term, seed: int) -> dict[str, int]:
    """Create the demo records; return counts for the seed summary."""
    if not Organization.objects.filter(code="court").exists():
        return {}
    with transaction.atomic():
        officers = _body_officers()
        court, procuratorate = (
            Organization.objects.get(code="court"),
            Organization.objects.get(code="procuratorate"),
        )
        government = Organization.objects.get(code="government")
        past = list(
            Meeting.objects.filter(
                kind=Meeting.Kind.SC_MEETING,
                status=Meeting.Status.CLOSED,
                starts_on__year=PLAN_YEAR,
            ).order_by("starts_on")
        )
        upcoming = (
            Meeting.objects.filter(
                kind=Meeting.Kind.SC_MEETING,
                status=Meeting.Status.SCHEDULED,
                starts_on__year=PLAN_YEAR,
            )
            .order_by("starts_on")
            .first()
        )

        # The plan: drafted with its recurring obligations, topics from several sources, adopted, published.
        plan = S.plan_create(actor=actor, year=PLAN_YEAR, now=_aware(dt.date(2026, 1, 20)))
        wc = {
            o.code: o
            for o in Organization.objects.filter(
                code__in=["wc-legal", "wc-environment", "wc-education"]
            )
        }
        S.plan_item_add(
            actor=actor,
            plan=plan,
            kind="inspection",
            title="检查《中华人民共和国大气污染防治法》实施情况",
            responsible_body=wc.get("wc-environment"),
            supervised_body=government,
            planned_month=5,
            source="inspection",
            source_note="上年度执法检查发现的问题",
        )
        S.plan_item_add(
            actor=actor,
            plan=plan,
            kind="inquiry",
            title="就解决执行难问题开展专题询问",
            supervised_body=court,
            responsible_body=wc.get("wc-legal"),
            planned_month=6,
            source="suggestions",
            source_note="代表建议多件涉及执行难",
        )
        research_topic = S.plan_item_add(
            actor=actor,
            plan=plan,
            kind="research",
            title="专题调研社区居家养老服务",
            responsible_body=wc.get("wc-education"),
            planned_month=9,
            source="public",
        )
        S.plan_adopt(
            actor=actor,
            plan=plan,
            party_consent=True,
            party_consent_note="经市委常委会会议同意",
            now=_aware(dt.date(2026, 2, 10)),
        )
        S.plan_publish(actor=actor, plan=plan, now=_aware(dt.date(2026, 2, 12)))

        items = {i.obligation: i for i in plan.items.exclude(obligation="")}
        reports = []
        # Reports heard at past meetings: the court's work reports on their agenda items.
        for meeting in past[2:4]:
            item = meeting.items.filter(kind=AgendaItem.Kind.WORK_REPORT).first()
            if item is not None:
                reports.append(
                    _deliberated_report(
                        actor, item, items["court_report"] if not reports else None, court
                    )
                )
        # The upcoming meeting's court report: scheduled, the draft went to the committee on time.
        if upcoming is not None:
            item = upcoming.items.filter(kind=AgendaItem.Kind.WORK_REPORT).first()
            if item is not None:
                Report.objects.create(
                    title=item.title,
                    body=court,
                    meeting=upcoming,
                    agenda_item=item,
                    status=Report.Status.SCHEDULED,
                    draft_to_committee_on=upcoming.starts_on - dt.timedelta(days=22),
                )
        # The procuratorate's report is in the plan, not yet on a meeting.
        S.report_create(
            actor=actor,
            title="市人民检察院关于公益诉讼检察工作情况的报告",
            body=procuratorate,
            plan_item=items["procuratorate_report"],
        )

        opinions = 0
        polls = 0
        if len(reports) >= 2:
            first, second = reports
            # Opinions on the June report: handled by the court, evaluated, sealed result "satisfied".
            o1 = S.opinion_compile(
                actor=actor,
                report=first,
                text=(
                    "一、进一步加大执行积案清理力度，健全执行联动机制。\n二、加强执行队伍建设，规范执行行为。\n"
                    "三、推进执行信息化建设，提高执行效率。"
                ),
            )
            S.opinion_send(
                actor=actor, opinion=o1, now=_aware(first.meeting.ends_on + dt.timedelta(days=5))
            )
            case = S.current_round(o1).case
            cw.assignment_receive(
                actor=officers["court"],
                case=case,
                now=_aware(first.meeting.ends_on + dt.timedelta(days=6)),
            )
            cw.reply_submit(
                actor=officers["court"],
                case=case,
                result_class="A",
                signed_by_name="院长",
                text="收到审议意见后，我院开展了执行积案专项清理行动，执行到位率同比提高12个百分点。",
                now=_aware(dt.date(2026, 9, 15)),
            )
            evaluation_meeting = meeting_services.meeting_schedule(
                actor=actor,
                kind="sc_meeting",
                term=term,
                starts_on=EVALUATION_DAY,
                ends_on=EVALUATION_DAY + dt.timedelta(days=1),
                location="常委会第一会议室",
            )
            _prepare_meeting(actor, evaluation_meeting)
            members = _sc_members(EVALUATION_DAY)
            Attendance.objects.filter(
                meeting=evaluation_meeting, person__in=members[: int(len(members) * 0.9)]
            ).update(
                status=Attendance.Status.PRESENT,
                signed_in_at=_aware(EVALUATION_DAY, 8),
                signed_in_by=actor,
            )
            meeting_services.meeting_open(actor=actor, meeting=evaluation_meeting)
            S.handling_report_schedule(actor=actor, opinion=o1, meeting=evaluation_meeting)
            _sealed_evaluation(actor, o1, evaluation_meeting)
            polls += 1
            # Opinions on the August report: still with the court.
            o2 = S.opinion_compile(
                actor=actor, report=second, text="一、推进诉源治理。\n二、加强审判监督管理。"
            )
            S.opinion_send(
                actor=actor, opinion=o2, now=_aware(second.meeting.ends_on + dt.timedelta(days=7))
            )
            opinions = 2

        # An inspection with its team, a heard report of its own still to come.
        members = _sc_members(dt.date(2026, 5, 10))
        deputies = list(
            Person.objects.filter(mandates__term=term, mandates__status=Deputy.Status.ACTIVE)
            .exclude(pk__in=[p.pk for p in members])
            .order_by("pk")[:3]
        )
        team = (
            [(members[0], "leader")]
            + [(p, "member") for p in members[1:3]]
            + [(p, "deputy") for p in deputies]
        )
        inspection = S.inspection_create(
            actor=actor,
            title="检查《中华人民共和国大气污染防治法》实施情况",
            law="《中华人民共和国大气污染防治法》",
            starts_on=dt.date(2026, 5, 11),
            ends_on=dt.date(2026, 5, 22),
            places="东城区、西湖区工业园区；座谈会、实地检查",
            team=team,
            plan_item=plan.items.filter(kind="inspection").first(),
        )
        S.inspection_plan_sent(
            actor=actor,
            inspection=inspection,
            on=dt.date(2026, 4, 28),
            now=_aware(dt.date(2026, 4, 28)),
        )
        S.inspection_report(
            actor=actor,
            inspection=inspection,
            body=government,
            findings="部分企业超标排放问题仍然存在；扬尘治理责任落实不到位；监测能力有待提升。",
        )

        # A special inquiry on the upcoming meeting with the court president to answer.
        president = _holder("court", "院长", dt.date(2026, 6, 1))
        if upcoming is not None and president is not None and members:
            inquiry = S.inquiry_create(
                actor=actor,
                title="就解决执行难问题开展专题询问",
                meeting=upcoming,
                respondents=[(president, court, "院长")],
                plan_item=plan.items.filter(kind="inquiry").first(),
            )
            respondent = inquiry.respondents.get()
            S.inquiry_question_add(
                actor=actor,
                session=inquiry,
                asker=members[1],
                respondent=respondent,
                question="涉企案件执行周期较长，法院下一步有哪些措施？",
            )

        # An interpellation co-signed by enough members, the council's decision recorded.
        signers = members[:5]
        if len(signers) == 5:
            interp = S.interpellation_submit(
                actor=actor,
                title="关于部分环境污染问题长期得不到解决的质询案",
                text="东城区工业园区企业超标排放问题群众反映多年，请市人民政府作出说明。",
                body=government,
                signers=signers,
            )
            S.interpellation_decide(actor=actor, interpellation=interp, mode="written")

        # Judicial supervision: a petition-related report, a misconduct lead forwarded, a major case.
        S.judicial_record_create(
            actor=actor,
            kind="petition_report",
            body=court,
            title="2026年上半年涉法涉诉信访情况报告",
            received_on=dt.date(2026, 7, 10),
        )
        lead = S.judicial_record_create(
            actor=actor,
            kind="misconduct_lead",
            body=procuratorate,
            title="反映某检察官违规办案的线索",
            summary="群众来信反映……",
            received_on=dt.date(2026, 10, 12),
        )
        S.judicial_lead_forward(actor=actor, record=lead, now=_aware(dt.date(2026, 10, 14)))
        major = S.judicial_record_create(
            actor=actor,
            kind="major_case",
            body=court,
            title="关于一起重大涉众型经济犯罪案件审理情况的专题报告",
            received_on=dt.date(2026, 9, 3),
        )
        S.judicial_decision_record(
            actor=actor,
            record=major,
            decision="听取专题报告，要求依法公正高效审理，维护群众合法权益。",
        )

        # The research on home-based elderly care: carried out in September, its report published.
        sc_ids = sorted(S.sc_member_ids(dt.date(2026, 9, 8)))
        members = list(Person.objects.filter(pk__in=sc_ids[:1])) + list(
            Person.objects.filter(mandates__status=Deputy.Status.ACTIVE)
            .exclude(pk__in=sc_ids)
            .order_by("id")[:2]
        )
        research = S.research_create(
            actor=actor,
            plan_item=research_topic,
            title="",
            body=government,
            places="东城街道、西城街道、城南新区的12个社区养老服务站",
            starts_on=dt.date(2026, 9, 8),
            ends_on=dt.date(2026, 9, 19),
            team=[(p, "leader" if i == 0 else "deputy") for i, p in enumerate(members)],
            now=_aware(dt.date(2026, 8, 20)),
        )
        S.research_start(actor=actor, research=research, now=_aware(dt.date(2026, 9, 8)))
        S.research_report(
            actor=actor,
            research=research,
            now=_aware(dt.date(2026, 10, 15)),
            findings="社区养老服务站布局不均衡，老城区服务半径偏大；专业护理人员短缺，持证上岗率不足六成；"
            "运营补贴标准多年未调整，部分站点依靠志愿服务维持。",
            report_text="调研组先后走访12个社区养老服务站，召开座谈会4次，听取老年人及其家属、"
            "服务机构和街道社区意见。建议按照十五分钟养老服务圈统筹布局站点，"
            "建立护理人员培训和激励机制，完善运营补贴动态调整办法。",
        )
        S.research_publish(actor=actor, research=research, now=_aware(dt.date(2026, 10, 20)))

    return {
        "supervision_plan_items": plan.items.count(),
        "supervision_reports": Report.objects.count(),
        "supervision_research": int(research.pk is not None),
        "supervision_opinions": opinions,
        "supervision_evaluations": polls,
    }
