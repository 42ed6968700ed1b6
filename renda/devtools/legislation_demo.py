"""The demo's local legislation (S5): the 2026 plan published and the 2027 plan awaiting the
party committee; the dog regulation read twice, its second draft's comments grouped and
answered, its third reading on the next meeting's agenda; the heritage regulation open for
comment now; a regulation promulgated last year with its feedback; contact points.

Readings held at meetings that are already closed in the demo, and the regulation passed in
2025, are written as history (their rows and one audit event each), since no action may
place anything on a closed meeting; everything else goes through the actions, dated.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from renda.core import approvals
from renda.core.audit import audit_record
from renda.legislation import services as L
from renda.legislation.models import CommentGroup, DraftVersion, Project, PublicComment, Reading
from renda.meetings.models import AgendaItem, Meeting, MeetingDocument
from renda.people.models import Term

from . import legislation_texts as T

CIVILITY_TEXT = (
    "第一章　总则\n第一条　为了培育和践行社会主义核心价值观，引导和促进文明行为，提升社会文明程度，制定本条例。\n"
    "第二条　本市行政区域内的文明行为促进工作，适用本条例。\n第二章　文明行为规范\n"
    "第三条　公民应当遵守公共秩序，爱护公共环境和公共设施。\n第四条　公民应当文明出行，遵守交通规则。\n"
    "第三章　附则\n第五条　本条例自2026年1月1日起施行。"
)


#: The draft and its explanation reached the SC this many days before a reading.
MOTION_LEAD_DAYS = 25


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _history_reading(actor, project: Project, version: DraftVersion, meeting: Meeting, number: int, opinions: str) -> Reading:  # fmt: skip
    """A reading held at a meeting the demo has already closed, with the draft it read."""
    order = meeting.items.count() + 1
    item = AgendaItem.objects.create(
        meeting=meeting, order=order, kind="motion",
        title=f"审议《{project.title}》（第{number}次审议）", disposition="decided",
        disposition_note="已审议，提出审议意见。",
    )  # fmt: skip
    MeetingDocument.objects.create(
        meeting=meeting, item=item, kind="motion", title=f"《{project.title}》草案及说明",
        received_on=meeting.starts_on - dt.timedelta(days=MOTION_LEAD_DAYS),
    )  # fmt: skip
    reading = Reading.objects.create(
        project=project, number=number, meeting=meeting, agenda_item=item, version=version,
        status=Reading.Status.HELD, held_on=meeting.starts_on, opinions=opinions,
    )  # fmt: skip
    audit_record(actor=actor, action="legislation.project.record_reading", obj=project,
                 changes={"reading": reading.pk, "number": number, "held_on": str(meeting.starts_on), "history": True})  # fmt: skip
    return reading


def seed_legislation(*, actor, term: Term) -> dict[str, int]:
    today = timezone.localdate()
    points = [
        L.contact_point_create(
            actor=actor, established_on=dt.date(2023, 3, 1), now=_at(dt.date(2023, 3, 1)), **p
        )  # fmt: skip
        for p in T.CONTACT_POINTS
    ]
    sc = list(Meeting.objects.filter(term=term, kind=Meeting.Kind.SC_MEETING).order_by("starts_on"))
    past = [m for m in sc if m.status == Meeting.Status.CLOSED]
    coming = next(
        (m for m in sc if m.status != Meeting.Status.CLOSED and m.starts_on > today), None
    )
    plan26 = _plan_2026(actor)
    dog = _dog(actor, plan26, past, coming, points, today)
    heritage = _heritage(actor, plan26, past, points, today)
    _plan_2027(actor, today)
    civility = _civility(actor)
    _consultations(actor, dog, heritage, civility, today)
    return {
        "legislation_projects": Project.objects.count(),
        "legislation_comments": PublicComment.objects.count(),
        "legislation_open_drafts": int(
            heritage.versions.filter(comment_closes_on__gte=today).exists()
        ),
        "legislation_dog_readings": dog.readings.count(),
        "legislation_experts": len(T.EXPERTS),
    }


def _consultations(actor, dog, heritage, civility, today):
    """The expert pool; the dog regulation's argumentation with the experts' opinions; the
    heritage regulation's hearing open for registration; the civility regulation evaluated."""
    experts = {}
    for row in T.EXPERTS:
        experts[row["name"]] = L.expert_create(actor=actor, now=_at(dt.date(2025, 3, 1)), **row)
    L.expert_set_availability(actor=actor, expert=experts["宋婉清"], available=False, note="担任市公安局法律顾问期间回避", now=_at(dt.date(2026, 3, 1)))  # fmt: skip
    invited = [experts["沈知远"], experts["魏长青"], experts["韩立诚"]]
    day = dt.date(2026, 7, 15)
    meeting = L.project_plan_consultation(
        actor=actor, project=dog, kind="argumentation", title="犬只分类管理和禁养犬只目录论证会",
        held_on=day, place="市人大常委会机关第二会议室", experts=invited, now=_at(day - dt.timedelta(days=10)),
    )  # fmt: skip
    opinions = (
        "禁养犬只目录应当由政府公开征求意见后公布，并设置过渡期。",
        "建议按体型和攻击性分类管理，与动物防疫登记衔接。",
        "罚款数额应当与违法情节相当，对初次违法以教育为主。",
    )
    for expert, text in zip(invited, opinions, strict=True):
        L.consultation_add_opinion(actor=actor, consultation=meeting, expert=expert, opinion=text, received_on=day, now=_at(day, 16))  # fmt: skip
    L.consultation_record(actor=actor, consultation=meeting, record="与会专家认为草案总体可行，建议明确禁养犬只目录的制定程序，完善分类管理。", now=_at(day, 17))  # fmt: skip
    held_on = today + dt.timedelta(days=18)
    hearing = L.project_plan_consultation(
        actor=actor, project=heritage, kind="hearing", title="《清河市历史文化街区保护条例（草案）》立法听证会",
        held_on=held_on, place="市人大常委会会议厅", registration_closes_on=today + dt.timedelta(days=8),
        notice=f"为了听取社会各方面对历史文化街区保护范围、居民权益保障等问题的意见，市人大常委会法制工作委员会定于{held_on.year}年{held_on.month}月{held_on.day}日举行立法听证会。欢迎街区居民、经营者和社会各界人士报名陈述。",
        experts=[experts["罗佳音"]], now=_at(today - dt.timedelta(days=2)),
    )  # fmt: skip
    for name, side, summary in (
        ("街区居民代表", "for", "支持划定保护范围，希望明确修缮补贴。"),
        ("商户代表", "against", "担心经营受限，建议给予过渡期。"),
    ):
        L.consultation_register(actor=None, consultation=hearing, name=name, contact="0000", side=side, summary=summary, now=_at(today - dt.timedelta(days=1)))  # fmt: skip
    L.project_add_interpretation(
        actor=actor, project=civility, kind="answer", articles="第四条",
        question="电动自行车在人行道上停放，是否属于本条例规定的不文明出行行为？",
        text="在人行道上未按规定停放电动自行车、妨碍他人通行的，属于条例第四条规定的不文明出行行为，由有关部门依照相关规定处理。",
        adopted_on=dt.date(2026, 4, 8), now=_at(dt.date(2026, 4, 8)),
    )  # fmt: skip
    L.project_plan_evaluation(actor=actor, project=civility, plan="采取问卷调查、座谈会和实地调研相结合的方式，评估条例施行一年来的效果。", started_on=dt.date(2026, 11, 2), now=_at(dt.date(2026, 11, 2)))  # fmt: skip


def _plan_2026(actor):
    day = dt.date(2026, 1, 20)
    plan = L.plan_create(actor=actor, kind="annual", title="清河市人大常委会2026年度立法计划", year_from=2026, now=_at(day))  # fmt: skip
    for row in T.PLAN_ITEMS[:2]:
        L.plan_add_item(actor=actor, plan=plan, expected_month=6, now=_at(day), **row)
    for row in T.PLAN_ITEMS[3:5]:
        L.plan_add_item(actor=actor, plan=plan, now=_at(day), **{**row, "category": "preparatory"})
    L.plan_adopt(actor=actor, plan=plan, adopted_on=day + dt.timedelta(days=5), now=_at(day + dt.timedelta(days=5)))  # fmt: skip
    asked = approvals.approval_request(actor=actor, subject=plan, kind="party_consent", sent_on=day + dt.timedelta(days=6), document_title="关于2026年度立法计划的请示", now=_at(day + dt.timedelta(days=6)))  # fmt: skip
    approvals.approval_answer(actor=actor, approval=asked, answer="approved", answered_on=day + dt.timedelta(days=12), note="同意", now=_at(day + dt.timedelta(days=12)))  # fmt: skip
    return L.plan_publish(actor=actor, plan=plan, now=_at(day + dt.timedelta(days=13)))


def _plan_2027(actor, today):
    plan = L.plan_create(actor=actor, kind="annual", title="清河市人大常委会2027年度立法计划", year_from=2027, note="经主任会议研究，拟报市委同意后公布。", now=_at(today - dt.timedelta(days=20)))  # fmt: skip
    for row in T.PLAN_ITEMS[2:]:
        L.plan_add_item(actor=actor, plan=plan, now=_at(today - dt.timedelta(days=20)), **row)
    L.plan_adopt(actor=actor, plan=plan, adopted_on=today - dt.timedelta(days=6), now=_at(today - dt.timedelta(days=6)))  # fmt: skip
    approvals.approval_request(actor=actor, subject=plan, kind="party_consent", sent_on=today - dt.timedelta(days=4), document_title="关于2027年度立法计划的请示", now=_at(today - dt.timedelta(days=4)))  # fmt: skip
    item = plan.items.get(title=T.PLAN_ITEMS[2]["title"])
    p = L.project_create(actor=actor, proposer="government", proposer_name="清河市人民政府", plan_item=item, title="", summary="适应住宅小区治理的新情况，修订物业管理条例。", now=_at(today - dt.timedelta(days=3)))  # fmt: skip
    return p


def _dog(actor, plan, past, coming, points, today):
    item = plan.items.get(title=T.PLAN_ITEMS[0]["title"])
    p = L.project_create(actor=actor, proposer="government", proposer_name="清河市人民政府", plan_item=item, title="",
                         summary="规范养犬行为，保障公民人身安全和健康，维护市容环境和社会公共秩序。", proposed_on=dt.date(2026, 2, 2), now=_at(dt.date(2026, 2, 2)))  # fmt: skip
    L.project_argue(actor=actor, project=p, argued_on=dt.date(2026, 3, 10), argument="本市养犬数量逐年增加，犬只伤人、扰民问题突出，现行规定层级低、罚则不足，制定条例必要且可行。", now=_at(dt.date(2026, 3, 10)))  # fmt: skip
    v1 = L.project_add_version(actor=actor, project=p, label="草案", text=T.DOG_DRAFT_V1, explanation=T.DOG_EXPLANATION, sent_on=dt.date(2026, 6, 10), now=_at(dt.date(2026, 6, 10)))  # fmt: skip
    L.project_submit(
        actor=actor, project=p, submitted_on=dt.date(2026, 6, 11), now=_at(dt.date(2026, 6, 11))
    )
    Project.objects.filter(pk=p.pk).update(status=Project.Status.IN_READING)
    first = next((m for m in past if m.starts_on.month == 6), None)
    second = next((m for m in past if m.starts_on.month == 8), None)
    if first is None or second is None:
        return p
    _history_reading(actor, p, v1, first, 1, "组成人员普遍认为制定本条例十分必要；建议合理确定牵引绳长度和遛犬时段，明确禁养犬只目录的制定程序，罚款数额应当过罚相当。")  # fmt: skip
    v2 = L.project_add_version(actor=actor, project=p, label="二审稿", text=T.DOG_DRAFT_V2, sent_on=dt.date(2026, 8, 6), now=_at(dt.date(2026, 8, 6)))  # fmt: skip
    _history_reading(actor, p, v2, second, 2, "组成人员建议进一步明确物业服务企业的劝阻义务，鼓励犬只伤害责任保险，对登记收费标准予以减免。")  # fmt: skip
    opens = second.starts_on + dt.timedelta(days=5)
    L.project_open_comment(actor=actor, project=p, version=v2, opens_on=opens, closes_on=opens + dt.timedelta(days=30), now=_at(opens))  # fmt: skip
    articles = {pr.label: pr for pr in v2.provisions.filter(kind="article")}
    from renda.legislation.texts import chinese_numeral

    made = []
    for i, row in enumerate(T.PUBLIC_COMMENTS):
        provision = (
            articles.get(f"第{chinese_numeral(row['article'])}条") if row["article"] else None
        )
        when = _at(opens + dt.timedelta(days=1 + i * 2), 9 + i % 8)
        if i % 4 == 3:
            c = L.comment_record(actor=actor, version=v2, provision=provision, body=row["text"], source="contact_point", contact_point=points[i % len(points)], received_on=when.date(), name=row["name"], now=when)  # fmt: skip
        else:
            c = L.comment_submit(actor=None, version=v2, provision=provision, body=row["text"], name=row["name"], contact="138" + f"{i:08d}" if row["name"] else "", now=when)  # fmt: skip
        if i == 5:
            L.comment_withhold(actor=actor, comment=c, reason="含有他人个人信息", now=when + dt.timedelta(days=1))  # fmt: skip
        else:
            L.comment_publish(actor=actor, comment=c, now=when + dt.timedelta(days=1))
        made.append((row, c))
    decided = _at(opens + dt.timedelta(days=35))
    for g in T.COMMENT_GROUPS:
        members = [c for row, c in made if row["article"] in g["articles"]]
        if not members:
            continue
        group = L.project_group_comments(actor=actor, project=p, comments=members, title=g["title"], now=decided)  # fmt: skip
        L.project_decide_group(actor=actor, project=p, group=group, handling=g["handling"], reason=g["reason"], now=decided)  # fmt: skip
    v3 = L.project_add_version(actor=actor, project=p, label="三审稿（表决稿）", text=T.DOG_DRAFT_V3, sent_on=dt.date(2026, 11, 18), now=_at(dt.date(2026, 11, 18)))  # fmt: skip
    p.review_report = T.DOG_REVIEW_REPORT
    p.save(update_fields=["review_report"])
    if coming is not None and (coming.starts_on - v3.sent_on).days >= 7:
        L.project_schedule_reading(actor=actor, project=p, meeting=coming, now=_at(today - dt.timedelta(days=1)))  # fmt: skip
    return p


def _heritage(actor, plan, past, points, today):
    item = plan.items.get(title=T.PLAN_ITEMS[1]["title"])
    p = L.project_create(actor=actor, proposer="government", proposer_name="清河市人民政府", plan_item=item, title="",
                         proposed_on=dt.date(2026, 3, 1), now=_at(dt.date(2026, 3, 1)))  # fmt: skip
    L.project_argue(actor=actor, project=p, argued_on=dt.date(2026, 5, 12), argument="历史文化街区保护缺少专门立法，保护名录、保护措施和法律责任需要明确。", now=_at(dt.date(2026, 5, 12)))  # fmt: skip
    v1 = L.project_add_version(actor=actor, project=p, label="草案", text=T.HERITAGE_DRAFT_V1, explanation="为了加强历史文化街区保护，传承优秀历史文化，制定本条例。", sent_on=dt.date(2026, 10, 9), now=_at(dt.date(2026, 10, 9)))  # fmt: skip
    L.project_submit(
        actor=actor, project=p, submitted_on=dt.date(2026, 10, 9), now=_at(dt.date(2026, 10, 9))
    )
    october = next((m for m in past if m.starts_on.month == 10), None)
    if october is not None:
        Project.objects.filter(pk=p.pk).update(status=Project.Status.IN_READING)
        _history_reading(actor, p, v1, october, 1, "组成人员建议完善保护名录的调整程序，明确街区内居民的合理权益保障。")  # fmt: skip
    opens = today - dt.timedelta(days=10)
    L.project_open_comment(actor=actor, project=p, version=v1, opens_on=opens, closes_on=opens + dt.timedelta(days=35), now=_at(opens))  # fmt: skip
    articles = list(v1.provisions.filter(kind="article").order_by("ordinal"))
    samples = (
        (2, "建议把传统地名、老字号也纳入保护名录。", "孙女士"),
        (5, "街区内居民的房屋修缮应当有补贴，不然老房子只会越来越破。", ""),
        (None, "整体赞成，希望尽快出台。", "周先生"),
    )
    for i, (index, text, name) in enumerate(samples):
        when = _at(opens + dt.timedelta(days=2 + i * 3), 15)
        c = L.comment_submit(actor=None, version=v1, provision=articles[index] if index is not None and index < len(articles) else None, body=text, name=name, now=when)  # fmt: skip
        if i < 2:
            L.comment_publish(actor=actor, comment=c, now=when + dt.timedelta(days=1))
    L.comment_record(actor=actor, version=v1, body="街道居民议事会建议保留街区原有的早市。", source="contact_point", contact_point=points[0], received_on=today - dt.timedelta(days=2), now=_at(today - dt.timedelta(days=2)))  # fmt: skip
    return p


def _civility(actor):
    """A regulation passed, approved and promulgated in 2025, its feedback published."""
    p = L.project_create(actor=actor, title="清河市文明行为促进条例", proposer="chairpersons_council", proposer_name="市人大常委会主任会议",
                         drafter="市人大常委会法制工作委员会", proposed_on=dt.date(2024, 11, 5), now=_at(dt.date(2024, 11, 5)))  # fmt: skip
    L.project_argue(actor=actor, project=p, argued_on=dt.date(2025, 1, 8), argument="必要且可行。", now=_at(dt.date(2025, 1, 8)))  # fmt: skip
    v = L.project_add_version(actor=actor, project=p, label="表决稿", text=CIVILITY_TEXT, sent_on=dt.date(2025, 6, 1), now=_at(dt.date(2025, 6, 1)))  # fmt: skip
    DraftVersion.objects.filter(pk=v.pk).update(
        comment_opens_on=dt.date(2025, 4, 1), comment_closes_on=dt.date(2025, 4, 30)
    )
    Project.objects.filter(pk=p.pk).update(
        status=Project.Status.PROMULGATED, submitted_on=dt.date(2025, 3, 1), reviewed_on=dt.date(2025, 8, 20),
        voted_on=dt.date(2025, 8, 28), tally={"result": "passed", "yes": 38, "no": 0, "abstain": 1},
        sent_for_approval_on=dt.date(2025, 9, 2), approval_due_on=dt.date(2026, 1, 2),
        approved_on=dt.date(2025, 11, 27), approval_reference="省人大常委会关于批准《清河市文明行为促进条例》的决定",
        promulgated_on=dt.date(2025, 12, 5), announcement="清河市人民代表大会常务委员会公告第8号",
        effective_on=dt.date(2026, 1, 1), feedback="条例草案公开征求意见期间，共收到意见建议二百余条，主要集中在文明行为的范围和鼓励措施方面，多数意见已采纳。",
        feedback_published_at=_at(dt.date(2025, 12, 6)),
    )  # fmt: skip
    group = CommentGroup.objects.create(project=p, title="文明行为的范围", handling="adopted", reason="增加文明养犬、文明就医等内容。", decided_at=_at(dt.date(2025, 8, 1)))  # fmt: skip
    audit_record(actor=actor, action="legislation.project.promulgate", obj=p, changes={"history": True, "group": group.pk})  # fmt: skip
    return p
