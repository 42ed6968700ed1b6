"""Demo data for filings: about sixty normative documents filed by the government, its departments, the
supervisory commission, the court, the procuratorate and a district standing committee, in every state —
a few filed late, some returned for correction, registered ones under active review (some routed, with
checklists), concluded ones, a thematic review, a correction request the education bureau is handling,
review suggestions with tracking codes, last year's catalogue reminders and a published annual report.

Everything goes through :mod:`renda.filings.services`, back-dated with their ``now`` arguments. The
filers are the demo user ``unit`` (education bureau) and ``gov`` (the government's office, shared with
the decisions demo: whichever runs first creates it).
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from renda.accounts.models import Role, User
from renda.casework import services as cw
from renda.filings import services as S
from renda.filings.models import Filing, Review
from renda.people.models import Organization

#: (body code, title, articles: topic sentences; a "!" sentence sets a penalty, licence, fee or coercive measure)
DOCUMENTS = (
    (
        "gov-education",
        "清河市校外培训机构管理办法",
        (
            "规范校外培训机构办学行为",
            "!举办校外培训机构应当取得办学许可",
            "!培训机构预收费用不得超过三个月",
            "培训机构应当公示收费项目和标准",
            "!违反本办法的，处一万元以上三万元以下罚款",
        ),
    ),
    (
        "gov-education",
        "清河市中小学校学生课后服务实施办法",
        (
            "课后服务坚持学生自愿、家长申请",
            "学校应当制定课后服务方案",
            "!课后服务可以适当收取服务性费用",
        ),
    ),
    (
        "gov-education",
        "清河市民办学校办学行为规范",
        (
            "民办学校应当依法办学",
            "!民办学校变更举办者须经审批机关核准",
            "民办学校应当建立财务会计制度",
        ),
    ),
    (
        "gov-housing",
        "清河市住宅专项维修资金管理办法",
        (
            "规范住宅专项维修资金的交存、使用和管理",
            "!业主应当按规定缴纳专项维修资金",
            "维修资金的使用应当经业主大会决定",
        ),
    ),
    (
        "gov-housing",
        "清河市物业服务收费管理办法",
        (
            "物业服务收费实行政府指导价和市场调节价",
            "!物业服务企业不得擅自提高收费标准",
            "物业服务企业应当公示服务内容",
        ),
    ),
    (
        "gov-housing",
        "清河市建筑工地扬尘污染防治规定",
        ("施工单位应当落实扬尘防治措施", "!拒不整改的，责令停工整改并处罚款"),
    ),
    (
        "gov-transport",
        "清河市网络预约出租汽车经营服务管理实施细则",
        ("!从事网约车经营应当取得经营许可", "网约车驾驶员应当取得从业资格", "平台应当保障乘客安全"),
    ),
    (
        "gov-transport",
        "清河市城市道路停车管理办法",
        (
            "道路停车泊位由交通运输部门统一设置",
            "!道路停车实行有偿使用",
            "!对违法停放的车辆可以拖移",
        ),
    ),
    (
        "gov-civil",
        "清河市养老服务机构管理办法",
        (
            "养老服务机构应当依法登记",
            "养老服务机构应当建立安全管理制度",
            "民政部门应当加强监督检查",
        ),
    ),
    (
        "gov-civil",
        "清河市最低生活保障审核确认办法",
        ("最低生活保障实行属地管理", "申请人应当如实提供家庭收入和财产状况"),
    ),
    (
        "gov-ecology",
        "清河市生活垃圾分类管理办法",
        (
            "生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾",
            "!个人未按规定分类投放的，处五十元以上二百元以下罚款",
        ),
    ),
    (
        "gov-ecology",
        "清河市饮用水水源保护区管理规定",
        ("饮用水水源保护区内禁止设置排污口", "!违反规定的，依法查封、扣押相关设施"),
    ),
    (
        "gov-health",
        "清河市医疗机构依法执业管理办法",
        ("医疗机构应当按照核准的诊疗科目执业", "!未经许可擅自执业的，依法予以取缔"),
    ),
    (
        "gov-market",
        "清河市农贸市场管理办法",
        ("农贸市场开办者应当建立食品安全管理制度", "!市场开办者不得向经营者收取规定以外的费用"),
    ),
    (
        "gov-culture",
        "清河市旅游景区服务质量管理办法",
        ("旅游景区应当公示门票价格", "景区应当制定游客流量控制方案"),
    ),
    (
        "gov-police",
        "清河市电动自行车管理规定",
        ("!电动自行车应当依法登记上牌", "!驾驶人未佩戴安全头盔的，处警告或者二十元罚款"),
    ),
    (
        "gov-finance",
        "清河市政府购买服务管理办法",
        ("政府购买服务应当遵循预算约束", "购买主体应当加强绩效管理"),
    ),
    (
        "gov-land",
        "清河市农村宅基地管理办法",
        ("农村村民一户只能拥有一处宅基地", "!宅基地申请须经乡镇人民政府审批"),
    ),
    (
        "gov-water",
        "清河市河道采砂管理办法",
        ("!河道采砂实行许可制度", "!非法采砂的，没收违法所得并处罚款"),
    ),
    (
        "government",
        "清河市人民政府关于加强城市管理综合执法工作的规定",
        (
            "城市管理综合执法部门集中行使行政处罚权",
            "!执法中可以依法暂扣违法物品",
            "执法人员应当持证上岗",
        ),
    ),
    (
        "government",
        "清河市人民政府关于优化营商环境的若干措施",
        ("推行涉企事项一网通办", "!不得设置没有法律依据的审批事项", "建立企业诉求快速响应机制"),
    ),
    (
        "government",
        "清河市人民政府规章制定程序规定",
        ("规章草案应当公开征求意见", "起草单位应当进行合法性审查"),
    ),
    (
        "supervisory-commission",
        "清河市监察委员会关于规范监察调查措施使用的规定",
        ("监察机关采取留置措施应当依法审批", "!查封、扣押涉案财物应当制作清单"),
    ),
    (
        "court",
        "清河市中级人民法院关于规范执行案款管理的规定",
        ("执行案款应当专户管理", "执行法官不得截留、挪用执行款"),
    ),
    (
        "court",
        "清河市中级人民法院关于审判委员会工作规则",
        ("审判委员会讨论重大疑难复杂案件", "审判委员会实行民主集中制"),
    ),
    (
        "procuratorate",
        "清河市人民检察院关于公益诉讼线索管理的规定",
        ("公益诉讼线索实行统一登记", "检察官应当及时评估线索"),
    ),
    (
        "district-sc",
        "清河市东城区人民代表大会常务委员会关于讨论决定重大事项的规定",
        ("区人大常委会讨论决定本区重大事项", "区人民政府应当在决策前向常委会报告"),
    ),
)
PREAMBLE = "为了{aim}，根据有关法律、法规，结合本市实际，制定本{kind}。"
CLOSING = "本{kind}自公布之日起施行。"
SUFFIX = ("办法", "规定", "实施细则", "若干措施", "工作规则")


def _kind(title: str) -> str:
    return next((s for s in SUFFIX if title.endswith(s)), "规定")


def _text(title: str, sentences: tuple[str, ...], rng: random.Random) -> str:
    kind = _kind(title)
    body = [
        PREAMBLE.format(aim=sentences[0], kind=kind),
        "本" + kind + "适用于本市行政区域内的有关活动和管理工作。",
    ]
    for s in sentences[1:]:
        body.append(s.lstrip("!") + "。")
    body.append(f"有关部门应当按照职责分工，做好{title[3:9]}相关工作。")
    body.append(CLOSING.format(kind=kind))
    numerals = "一二三四五六七八九十"
    lines = [
        f"第{numerals[i] if i < 10 else '十' + numerals[i - 10]}条 {t}" for i, t in enumerate(body)
    ]
    return "\n".join(lines)


def _user(username: str, body: Organization, name: str, password: str) -> User:
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": Role.UNIT_OFFICER,
            "scope": body,
            "display_name": name,
            "password": make_password(password),
        },
    )
    return user


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def seed_filings(*, actor, term, seed: int) -> dict[str, int]:
    """Create the demo records; return counts for the seed summary."""
    if Filing.objects.exists():
        return {}
    bodies = {o.code: o for o in S.enacting_bodies()}
    government = bodies.get("government")
    if government is None:
        return {}
    rng = random.Random(seed)
    today = timezone.localdate()
    with transaction.atomic():
        if "district-sc" not in bodies:
            bodies["district-sc"] = Organization.objects.create(
                code="district-sc",
                name="清河市东城区人民代表大会常务委员会",
                kind=Organization.Kind.STANDING_COMMITTEE,
                name_en="Standing Committee of the Dongcheng District People's Congress",
            )
        gov = _user("gov", government, "市政府办公室工作人员", "Renda-gov-2026")
        unit = User.objects.filter(username="unit").first()
        filers = {"government": gov}
        if unit is not None and unit.scope_id:
            filers[unit.scope.code] = unit

        plan = []
        n = 0
        for round_ in range(3):
            for code, title, sentences in DOCUMENTS:
                if code not in bodies or len(plan) >= 60:
                    continue
                suffix = ("", "（修订）", "（2026年修订）")[round_]
                if round_ and rng.random() < 0.45:
                    continue
                n += 1
                plan.append((n, code, title + suffix, sentences))
        filings = []
        for n, code, title, sentences in plan:
            published = today - dt.timedelta(days=20 + (len(plan) - n) * 5)
            late = n % 11 == 3
            filed_on = published + dt.timedelta(
                days=rng.randint(34, 60) if late else rng.randint(3, 25)
            )
            filed_on = min(filed_on, today - dt.timedelta(days=1))
            text = _text(title, sentences, rng)
            if "修订" in title:
                text = text.replace("应当", "必须", 1)
            year = published.year
            f = S.filing_create(
                actor=filers.get(code, actor),
                title=title,
                document_number=_number(code, year, n),
                published_on=published,
                effective_on=published + dt.timedelta(days=30),
                drafting_explanation=f"《{title}》的起草说明：根据上位法规定和本市实际需要起草，已经公开征求意见、"
                "合法性审查和集体讨论决定。",
                legal_basis="《中华人民共和国立法法》《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》等",
                text=text,
                enacting_body=bodies[code] if code not in filers else None,
                now=_at(filed_on),
            )
            filings.append((f, filed_on))

        counts = {"filings": len(filings), "filings_late": sum(1 for f, _d in filings if f.is_late)}
        registered = []
        for i, (f, filed_on) in enumerate(filings):
            check_on = min(filed_on + dt.timedelta(days=rng.randint(1, 6)), today)
            if i >= len(filings) - 6:
                continue  # the newest wait for the formal check
            if i % 9 == 4:
                S.filing_return(
                    actor=actor,
                    filing=f,
                    reason="未附起草说明和制定依据的具体条款，请补正后重新报送。",
                    now=_at(check_on, 11),
                )
                if i % 2 == 0:
                    continue  # still with the filer
                S.filing_correct(
                    actor=filers.get(f.enacting_body.code, actor),
                    filing=f,
                    note="已补充起草说明。",
                    drafting_explanation=f.drafting_explanation + "（已补充）",
                    now=_at(check_on + dt.timedelta(days=3)),
                )
                check_on = check_on + dt.timedelta(days=5)
            if i % 17 == 16:
                S.filing_transfer(
                    actor=actor,
                    filing=f,
                    to="清河市东城区人民代表大会常务委员会",
                    note="属区级规范性文件，移送区人大常委会审查。",
                    now=_at(min(check_on, today), 15),
                )
                continue
            S.filing_register(actor=actor, filing=f, now=_at(min(check_on, today), 14))
            registered.append((f, check_on))
        counts["filings_registered"] = len(registered)

        filing_office = Organization.objects.filter(code="wc-legal-filing").first()
        legal_committee = Organization.objects.filter(code="sp-legal").first()
        concluded = corrections = 0
        for j, (f, check_on) in enumerate(registered):
            item = f.review_items.select_related("review").get()
            review = item.review
            if filing_office is not None and j % 4 != 3:
                S.review_route(
                    actor=actor,
                    review=review,
                    body=filing_office,
                    reviewer=actor,
                    now=_at(min(check_on + dt.timedelta(days=2), today), 16),
                )
            if j % 3 == 2 or j < len(registered) // 2:
                continue
            if j % 5 == 0 and legal_committee is not None:
                S.committee_view_request(
                    actor=actor,
                    review=review,
                    committee=legal_committee,
                    now=_at(min(check_on + dt.timedelta(days=3), today)),
                )
            has_penalty = any(
                "penalty" in h["kinds"] or "coercive" in h["kinds"] for h in f.highlights
            )
            answers = dict.fromkeys(
                ("conformity", "procedure", "public_order", "outdated", "conflicts"), "ok"
            )
            if has_penalty and corrections < 2:
                answers["legality"] = {
                    "answer": "problem",
                    "note": "规范性文件不得设定行政处罚和行政强制措施。",
                }
                answers["proportionality"] = "ok"
                S.checklist_save(
                    actor=actor,
                    item=item,
                    answers=answers,
                    findings="该文件设定罚款或强制措施，超出规范性文件权限。",
                )
                if corrections == 0 and f.enacting_body.code == "gov-education":
                    item = S.outcome_record(
                        actor=actor,
                        item=item,
                        outcome="correction",
                        note="请依法修改或者废止设定行政处罚的条款，并于规定期限内书面答复。",
                    )
                    if unit is not None:
                        cw.assignment_receive(actor=unit, case=item.correction_case)
                    corrections += 1
                elif corrections == 0:
                    continue
                else:
                    S.outcome_record(
                        actor=actor,
                        item=item,
                        outcome="self_amended",
                        note="经沟通，制定机关已自行修改相关条款。",
                    )
                    corrections += 1
                concluded += 1
                continue
            answers |= {"legality": "ok", "proportionality": "ok"}
            S.checklist_save(
                actor=actor, item=item, answers=answers, findings="经审查，未发现问题。"
            )
            S.outcome_record(actor=actor, item=item, outcome="no_problem")
            concluded += 1
        counts["filing_reviews_concluded"] = concluded

        pool = [f for f, _d in registered][:3]
        if len(pool) == 3:
            S.review_start(
                actor=actor,
                kind=Review.Kind.THEMATIC,
                filings=pool,
                title="涉及收费和罚款规定的规范性文件专项审查",
                now=_at(today - dt.timedelta(days=3)),
            )
        counts["filing_review_suggestions"] = _suggestions(
            actor, [f for f, _d in registered], today
        )

        last_year = today.year - 1
        S.catalogue_reminders_send(actor=actor, year=last_year, now=_at(dt.date(today.year, 1, 5)))
        report = S.annual_report_prepare(
            actor=actor,
            year=last_year,
            now=_at(dt.date(today.year, 1, 10)),
            summary=f"{last_year}年，常委会坚持有件必备、有备必审、有错必纠，认真开展规范性文件备案审查工作。",
        )
        S.annual_report_publish(actor=actor, report=report, now=_at(dt.date(today.year, 1, 15)))
    return counts


#: Document-number abbreviations (发文字号代字) as the city's bodies use them.
ABBREVIATIONS = {
    "government": "清政发",
    "gov-office": "清政办发",
    "supervisory-commission": "清监发",
    "court": "清中法发",
    "procuratorate": "清检发",
    "district-sc": "东人常发",
    "gov-development": "清发改",
    "gov-education": "清教发",
    "gov-science": "清科发",
    "gov-industry": "清工信发",
    "gov-ethnic": "清民宗发",
    "gov-police": "清公发",
    "gov-civil": "清民发",
    "gov-justice": "清司发",
    "gov-finance": "清财发",
    "gov-hr": "清人社发",
    "gov-land": "清自然资规发",
    "gov-ecology": "清环发",
    "gov-housing": "清建发",
    "gov-transport": "清交发",
    "gov-water": "清水发",
    "gov-agriculture": "清农发",
    "gov-commerce": "清商发",
    "gov-culture": "清文旅发",
    "gov-health": "清卫健发",
    "gov-veterans": "清退役军人发",
    "gov-emergency": "清应急发",
    "gov-audit": "清审发",
    "gov-assets": "清国资发",
    "gov-market": "清市监发",
    "gov-statistics": "清统发",
    "gov-medical-insurance": "清医保发",
    "gov-urban": "清城管发",
    "gov-forestry": "清林发",
    "gov-sports": "清体发",
    "gov-petitions": "清信访发",
    "gov-data": "清数据发",
    "gov-approval": "清审批发",
}


def _number(code: str, year: int, n: int) -> str:
    return f"{ABBREVIATIONS.get(code, '清政办发')}〔{year}〕{n}号"


def _suggestions(actor, registered: list[Filing], today: dt.date) -> int:
    """Five review suggestions from citizens, one in each state."""
    if not registered:
        return 0
    reasons = "该文件规定的收费项目没有法律、法规依据，增加了群众负担，建议审查。"
    made = []
    for k, (name, ref) in enumerate(
        (
            ("王建国", registered[0]),
            ("李秀英", registered[-1]),
            ("清河市律师协会", registered[len(registered) // 2]),
            ("张伟", "某镇人民政府关于村庄环境整治的通知"),
            ("陈芳", registered[1] if len(registered) > 1 else registered[0]),
        )
    ):
        filing = ref if isinstance(ref, Filing) else None
        s = S.review_suggestion_submit(
            proposer_name=name,
            contact=f"1390000{k:04d}",
            filing=filing,
            proposer_kind="organization" if name.endswith("协会") else "citizen",
            document_reference="" if filing else ref,
            reasons=reasons,
            now=_at(today - dt.timedelta(days=12 - k * 2)),
        )
        made.append(s)
    S.review_suggestion_request_completion(
        actor=actor,
        suggestion=made[1],
        note="请写明认为违法的具体条款。",
        now=_at(today - dt.timedelta(days=8)),
    )
    S.review_suggestion_decide(
        actor=actor, suggestion=made[2], start=True, now=_at(today - dt.timedelta(days=6))
    )
    S.review_suggestion_transfer(
        actor=actor,
        suggestion=made[3],
        to="清河市东城区人民代表大会常务委员会",
        note="该文件由乡镇人民政府制定，移送区人大常委会处理。",
        now=_at(today - dt.timedelta(days=5)),
    )
    S.review_suggestion_decide(
        actor=actor,
        suggestion=made[4],
        start=False,
        note="该文件已于近期审查，未发现问题，不再重复审查。",
        now=_at(today - dt.timedelta(days=1)),
    )
    return len(made)


def seed_filing_revocation(*, actor) -> dict[str, int]:
    """One document the standing committee revokes at its open meeting (rules §5.3): the review finds
    it unlawful, the proposal is an agenda item, the members vote, the sealed result revokes it."""
    from renda.devtools.decisions_demo import _vote
    from renda.filings.models import ReviewItem
    from renda.meetings.models import Meeting
    from renda.meetings.services import document_add

    meeting = (
        Meeting.objects.filter(kind=Meeting.Kind.SC_MEETING, status=Meeting.Status.IN_PROGRESS)
        .order_by("-starts_on")
        .first()
    )
    item = (
        ReviewItem.objects.filter(
            outcome="", review__status=Review.Status.OPEN, filing__status=Filing.Status.REGISTERED
        )
        .select_related("filing")
        .order_by("id")
        .first()
    )
    if meeting is None or item is None or ReviewItem.objects.filter(outcome="revocation").exists():
        return {}
    with transaction.atomic():
        answers = dict.fromkeys(
            ("conformity", "procedure", "proportionality", "public_order", "outdated", "conflicts"),
            "ok",
        )
        answers["legality"] = {
            "answer": "problem",
            "note": "违法设定收费项目，增加公民义务，与上位法相抵触，制定机关拒不纠正。",
        }
        item = S.checklist_save(
            actor=actor,
            item=item,
            answers=answers,
            findings="文件违法设定收费项目，经督促纠正，制定机关未予修改。",
        )
        item = S.outcome_record(
            actor=actor,
            item=item,
            outcome="revocation",
            meeting=meeting,
            note="制定机关经督促仍不纠正，提请常委会会议撤销。",
        )
        document_add(
            actor=actor,
            meeting=meeting,
            item=item.agenda_item,
            kind="motion",
            title="关于提请撤销有关规范性文件的议案及审查报告",
            received_on=meeting.starts_on - dt.timedelta(days=21),
        )
        _vote(actor, item.poll)
        item = S.revocation_record(actor=actor, item=item)
    return {
        "filings_revoked": int(
            Filing.objects.get(pk=item.filing_id).status == Filing.Status.REVOKED
        )
    }
