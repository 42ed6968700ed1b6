"""Demo data for decisions: this year's published list of major matters, next year's list in the
comment stage, decisions voted with sealed polls, an overdue item, a prior report, opinions sent
to the government as a case, and a revocation.

Everything goes through :mod:`renda.decisions.services`; the votes go through the voting
core's cast path (``poll_state`` → ``ballot_prepare`` → ``ballot_commit``) as in
:mod:`renda.devtools.voting_demo`, at the two-day SC meeting of 26–27 November 2026 (shared
with the supervision demo when it has scheduled it), which the demo leaves in progress.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.db import transaction

from renda.accounts.models import Role, User
from renda.decisions import services as S
from renda.decisions.categories import ensure_categories
from renda.decisions.models import AnnualList, Category, Decision, Matter
from renda.meetings import services as M
from renda.meetings.models import Meeting
from renda.people.models import Organization
from renda.voting import services as V

from .meetings_demo import _sign_in_share
from .voting_demo import _choices

DEMO_MEETING_DAY = dt.date(2026, 11, 26)
CONSENTED_ON = dt.date(2026, 1, 20)
RESUBMITTED_AT = dt.datetime(2026, 1, 13, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))

#: (title, category code, kind, quarter, what happens to it)
THIS_YEAR = (
    ("关于2026年市级财政预算调整方案的议案", "plans-budgets", "decision", 3, "decided"),
    ("关于2025年市级财政决算的议案", "plans-budgets", "decision", 3, "decided"),
    ("关于清河新区控制性详细规划的报告", "urban-land-planning", "report", 3, "opinions"),
    ("关于国土空间总体规划实施情况的报告", "urban-land-planning", "report", 4, "listed"),
    ("关于市第一人民医院新院区建设项目的议案", "investments-assets", "decision", 3, "decided"),
    ("关于设立城市更新专项资金的议案", "investments-assets", "decision", 4, "listed"),
    (
        "关于市属国有企业重组整合方案的事前报告",
        "investments-assets",
        "prior_report",
        3,
        "concluded",
    ),
    ("关于饮用水水源保护区划定调整方案的议案", "environment-resources", "decision", 2, "listed"),
    (
        "关于2025年度环境状况和环境保护目标完成情况的报告",
        "environment-resources",
        "report",
        3,
        "concluded",
    ),
    ("关于矿产资源总体规划的报告", "environment-resources", "report", 4, "listed"),
    ("关于实施城乡居民医保市级统筹的议案", "major-policies", "decision", 3, "decided"),
    ("关于调整中心城区停车收费标准的事前报告", "major-policies", "prior_report", 4, "listed"),
)
NEXT_YEAR = (
    ("关于2027年国民经济和社会发展计划调整的议案", "plans-budgets", "decision", 3),
    ("关于清河湾片区控制性详细规划的报告", "urban-land-planning", "report", 2),
    ("关于轨道交通二号线建设项目的议案", "investments-assets", "decision", 1),
    ("关于湿地保护修复规划的报告", "environment-resources", "report", 2),
    ("关于实施新一轮老旧小区改造的事前报告", "major-policies", "prior_report", 3),
)


def _gov_user(government: Organization) -> User:
    """The government's officer ``gov``; the filings demo may have created it first."""
    user, _created = User.objects.get_or_create(
        username="gov",
        defaults={
            "role": Role.UNIT_OFFICER,
            "scope": government,
            "display_name": "市政府办公室工作人员",
            "password": make_password("Renda-gov-2026"),
        },
    )
    return user


def _through_the_route(actor, gov, lst: AnnualList, leader) -> AnnualList:
    S.annual_list_submit(actor=gov, annual_list=lst)
    S.annual_list_close_comments(actor=actor, annual_list=lst)
    S.annual_list_submit(actor=gov, annual_list=lst, now=RESUBMITTED_AT)
    S.annual_list_record_consent(
        actor=actor,
        annual_list=lst,
        consented_on=CONSENTED_ON,
        reference="清委〔2026〕6号",
        note="同意。",
    )
    S.annual_list_adopt(actor=leader, annual_list=lst)
    return S.annual_list_publish(actor=actor, annual_list=lst)


def _vote(actor, poll) -> None:
    """Open, fill, close and announce a poll the decisions service created."""
    poll = V.poll_open(actor=actor, poll=poll)
    state = V.poll_state(poll)
    present = sorted(pid for pid, voter in state.roll.items() if voter.signed_in)
    plans = [
        V.ballot_prepare(state, person_id=pid, choice=choice)
        for pid, choice in zip(present, _choices(poll.kind, len(present)), strict=True)
    ]
    V.ballot_commit(poll_id=poll.pk, plans=plans)
    poll = V.poll_close(actor=actor, poll=poll)
    V.poll_announce(actor=actor, poll=poll)


def seed_decisions(*, actor, term, seed: int) -> dict[str, int]:
    """Create the demo records; return counts for the seed summary."""
    government = (
        Organization.objects.filter(kind=Organization.Kind.GOVERNMENT).order_by("id").first()
    )
    council = Organization.objects.filter(kind=Organization.Kind.CHAIRPERSONS_COUNCIL).first()
    if government is None or council is None or AnnualList.objects.exists():
        return {}
    ensure_categories()
    categories = {c.code: c for c in Category.objects.all()}
    leader = User.objects.filter(role=Role.LEADER).order_by("id").first() or actor
    with transaction.atomic():
        gov = _gov_user(government)
        this_year = S.annual_list_create(
            actor=gov, year=2026, explanation="根据全市经济社会发展实际研究提出。"
        )
        for title, code, kind, quarter, _fate in THIS_YEAR:
            S.list_item_add(
                actor=gov,
                annual_list=this_year,
                category=categories[code],
                title=title,
                kind=kind,
                planned_quarter=quarter,
            )
        _through_the_route(actor, gov, this_year, leader)
        matters = {m.title: m for m in Matter.objects.filter(annual_list=this_year)}

        revocation = S.matter_create(
            actor=actor,
            category=categories["major-policies"],
            kind=Matter.Kind.REVOCATION,
            title="关于撤销市人民政府《关于调整出租车经营权有偿使用费的决定》的议案",
            proposing_body=council,
            revoked_title="关于调整出租车经营权有偿使用费的决定",
            revoked_number="清政发〔2026〕21号",
            revoked_issued_on=dt.date(2026, 7, 15),
            grounds="该决定涉及群众切身利益，未经公众参与、专家论证、风险评估和合法性审查等法定程序作出。",
            year=2026,
        )

        # The SC meeting of 26 November (the supervision demo may have scheduled it already).
        meeting = Meeting.objects.filter(
            kind=Meeting.Kind.SC_MEETING, starts_on=DEMO_MEETING_DAY
        ).first()
        if meeting is None:
            meeting = M.meeting_schedule(
                actor=actor,
                kind=Meeting.Kind.SC_MEETING,
                term=term,
                starts_on=DEMO_MEETING_DAY,
                ends_on=DEMO_MEETING_DAY + dt.timedelta(days=1),
                location="常委会第一会议室",
            )
        held = [t for t, *_rest, fate in THIS_YEAR if fate in ("decided", "opinions", "concluded")]
        for n, title in enumerate(held):
            matter = matters[title]
            # One motion came in five days late for the 30-day lead time (rules §6.3).
            days = 25 if n == 1 else 32
            S.material_add(
                actor=actor,
                matter=matter,
                kind="report" if matter.kind != "decision" else "motion",
                title="议案文本和说明",
                file=ContentFile("（材料正文）".encode(), name="material.txt"),
                received_on=DEMO_MEETING_DAY - dt.timedelta(days=days),
            )
            S.matter_schedule(actor=actor, matter=matter, meeting=meeting)
        S.material_add(
            actor=actor,
            matter=revocation,
            kind="motion",
            title="撤销议案及说明",
            file=ContentFile("（材料正文）".encode(), name="material.txt"),
            received_on=DEMO_MEETING_DAY - dt.timedelta(days=22),
        )
        S.matter_schedule(actor=actor, matter=revocation, meeting=meeting)
        if meeting.status == Meeting.Status.SCHEDULED:
            _sign_in_share(actor, meeting, 0.85)
            M.meeting_open(actor=actor, meeting=meeting)

        to_vote = [
            (matters[t], "decision", t.replace("的议案", "").replace("关于", "关于批准") + "的决定")
            for t, *_rest, fate in THIS_YEAR
            if fate == "decided"
        ]
        to_vote.append(
            (revocation, "revocation", "关于撤销《关于调整出租车经营权有偿使用费的决定》的决定")
        )
        for matter, kind, title in to_vote:
            text = (
                "会议认为，该决定未经法定程序作出，决定予以撤销。"
                if kind == "revocation"
                else f"会议审议了市人民政府提请的{matter.title}，决定予以批准。"
            )
            decision = S.decision_propose(
                actor=actor, matter=matter, kind=kind, title=title, text=text
            )
            _vote(actor, Decision.objects.select_related("poll").get(pk=decision.pk).poll)
            decision = S.decision_record_outcome(actor=actor, decision=decision)
            if decision.status == Decision.Status.ADOPTED:
                S.decision_publish(actor=actor, decision=decision)
        for title, *_rest, fate in THIS_YEAR:
            if fate in ("opinions", "concluded"):
                matter = Matter.objects.get(pk=matters[title].pk)
                S.matter_conclude(actor=actor, matter=matter, conclusion="会议听取并审议了该报告。")
                M.agenda_item_dispose(
                    actor=actor,
                    item=matter.agenda_item,
                    disposition="decided",
                    note="会议听取并审议了该报告。",
                )
                if fate == "opinions":
                    S.opinions_send(
                        actor=actor,
                        matter=matter,
                        text="建议进一步做好规划公示和公众参与，加强与国土空间总体规划的衔接。",
                    )
        # The meeting continues (its second day); the two fourth-quarter items wait on the list.

        next_year = S.annual_list_create(actor=gov, year=2027)
        items = [
            S.list_item_add(
                actor=gov,
                annual_list=next_year,
                category=categories[code],
                title=title,
                kind=kind,
                planned_quarter=quarter,
            )
            for title, code, kind, quarter in NEXT_YEAR
        ]
        S.annual_list_submit(actor=gov, annual_list=next_year)
        S.list_comment_add(
            actor=actor,
            annual_list=next_year,
            item=items[2],
            text="建议补充项目资金来源和债务风险评估材料，并明确提请季度。",
        )
        S.list_comment_add(
            actor=actor,
            annual_list=next_year,
            text="清单总体符合全市经济社会发展实际，建议增加生态环境方面的事项。",
        )
    return {
        "major_matter_lists": AnnualList.objects.count(),
        "major_matters": Matter.objects.count(),
        "major_matter_decisions": Decision.objects.filter(status=Decision.Status.PUBLISHED).count(),
    }
