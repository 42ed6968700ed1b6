"""The demo's budget (S7, §4): a sample classification table, sixty departments, three
years of figures through the import path (budget, adjustment, final accounts and monthly
execution, each a workbook checked and committed), the 2026 calendar and publications.

The classification is sample data: the 类 and 款 of the published 政府收支分类科目 as far
as they can be reproduced offline, each 款 with the usual 项 (行政运行, 一般行政管理事务,
机关服务, 事业运行, 其他); the office imports the finance bureau's real table before use.
Figures are generated from a seed: each department spends at its own pace through the
year, so that some are behind and some ahead of the time elapsed.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.budget import services as B
from renda.budget.calendar import CONSENT
from renda.budget.models import Department, Milestone
from renda.core import approvals
from renda.meetings.models import Meeting
from renda.people.models import Organization
from renda.supervision.models import PlanItem

#: (类, 名称): the classes of expenditure.
CLASSES = (
    ("201", "一般公共服务支出"), ("203", "国防支出"), ("204", "公共安全支出"), ("205", "教育支出"),
    ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"), ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"), ("211", "节能环保支出"), ("212", "城乡社区支出"), ("213", "农林水支出"),
    ("214", "交通运输支出"), ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"),
    ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"), ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
)  # fmt: skip
#: (款, 名称): the sections the demo's departments spend under.
SECTIONS = (
    ("20101", "人大事务"), ("20102", "政协事务"), ("20103", "政府办公厅（室）及相关机构事务"),
    ("20104", "发展与改革事务"), ("20105", "统计信息事务"), ("20106", "财政事务"), ("20108", "审计事务"),
    ("20111", "纪检监察事务"), ("20113", "商贸事务"), ("20123", "民族事务"), ("20129", "群众团体事务"),
    ("20131", "党委办公厅（室）及相关机构事务"), ("20133", "宣传事务"), ("20138", "市场监督管理事务"),
    ("20140", "信访事务"), ("20402", "公安"), ("20404", "检察"), ("20405", "法院"), ("20406", "司法"),
    ("20501", "教育管理事务"), ("20502", "普通教育"), ("20503", "职业教育"), ("20601", "科学技术管理事务"),
    ("20701", "文化和旅游"), ("20702", "文物"), ("20703", "体育"), ("20801", "人力资源和社会保障管理事务"),
    ("20802", "民政管理事务"), ("20808", "抚恤"), ("20810", "社会福利"), ("20811", "残疾人事业"),
    ("20828", "退役军人管理事务"), ("21001", "卫生健康管理事务"), ("21002", "公立医院"),
    ("21004", "公共卫生"), ("21015", "医疗保障管理事务"), ("21101", "环境保护管理事务"),
    ("21103", "污染防治"), ("21201", "城乡社区管理事务"), ("21203", "城乡社区公共设施"),
    ("21301", "农业农村"), ("21302", "林业和草原"), ("21303", "水利"), ("21401", "公路水路运输"),
    ("21505", "工业和信息产业监管"), ("21602", "商业流通事务"), ("22001", "自然资源事务"),
    ("22102", "住房改革支出"), ("22401", "应急管理事务"), ("22999", "其他支出"),
)  # fmt: skip
ITEMS = (("01", "行政运行"), ("02", "一般行政管理事务"), ("03", "机关服务"), ("50", "事业运行"), ("99", "其他{name}支出"))  # fmt: skip
ECONOMIC = (
    ("301", "工资福利支出"), ("30101", "基本工资"), ("30102", "津贴补贴"), ("30107", "绩效工资"),
    ("30108", "机关事业单位基本养老保险缴费"), ("302", "商品和服务支出"), ("30201", "办公费"),
    ("30211", "差旅费"), ("30215", "会议费"), ("30216", "培训费"), ("30226", "劳务费"),
    ("30227", "委托业务费"), ("303", "对个人和家庭的补助"), ("30305", "生活补助"), ("310", "资本性支出"),
    ("31002", "办公设备购置"), ("31005", "基础设施建设"), ("399", "其他支出"), ("39999", "其他支出"),
)  # fmt: skip
#: (code, name, sections, yearly budget in 万元): the government departments and the others.
DEPARTMENTS = (
    ("101", "市人大常委会办公室", ("20101",), 6800), ("102", "市政协办公室", ("20102",), 4200),
    ("103", "市委办公室", ("20131",), 5200), ("104", "市纪委监委", ("20111",), 7400),
    ("105", "市委宣传部", ("20133",), 3900), ("106", "团市委", ("20129",), 900), ("107", "市妇联", ("20129",), 800),  # fmt: skip
    ("108", "市总工会", ("20129",), 1500), ("109", "市残联", ("20811",), 6100), ("110", "市科协", ("20601",), 1100),  # fmt: skip
    ("111", "市中级人民法院", ("20405",), 21000), ("112", "市人民检察院", ("20404",), 14500),
    ("201", "市人民政府办公室", ("20103",), 9800), ("202", "市发展和改革委员会", ("20104",), 8600),
    ("203", "市教育局", ("20501", "20502", "20503"), 286000), ("204", "市科学技术局", ("20601",), 42000),
    ("205", "市工业和信息化局", ("21505",), 38000), ("206", "市民族宗教事务局", ("20123",), 1200),
    ("207", "市公安局", ("20402",), 168000), ("208", "市民政局", ("20802", "20810"), 54000),
    ("209", "市司法局", ("20406",), 9700), ("210", "市财政局", ("20106",), 12400),
    ("211", "市人力资源和社会保障局", ("20801",), 23000), ("212", "市自然资源和规划局", ("22001",), 31000),  # fmt: skip
    ("213", "市生态环境局", ("21101", "21103"), 47000), ("214", "市住房和城乡建设局", ("21201", "21203"), 126000),  # fmt: skip
    ("215", "市交通运输局", ("21401",), 98000), ("216", "市水利局", ("21303",), 64000),
    ("217", "市农业农村局", ("21301",), 87000), ("218", "市商务局", ("21602", "20113"), 15500),
    ("219", "市文化广电旅游局", ("20701", "20702"), 26000), ("220", "市卫生健康委员会", ("21001", "21002", "21004"), 152000),  # fmt: skip
    ("221", "市退役军人事务局", ("20828", "20808"), 13600), ("222", "市应急管理局", ("22401",), 17800),
    ("223", "市审计局", ("20108",), 4600), ("224", "市国有资产监督管理委员会", ("20103",), 3100),
    ("225", "市市场监督管理局", ("20138",), 24500), ("226", "市统计局", ("20105",), 3800),
    ("227", "市医疗保障局", ("21015",), 8900), ("228", "市城市管理局", ("21201", "21203"), 72000),
    ("229", "市林业局", ("21302",), 21000), ("230", "市体育局", ("20703",), 9500), ("231", "市信访局", ("20140",), 2600),  # fmt: skip
    ("232", "市数据局", ("20103",), 11800), ("233", "市行政审批服务局", ("20103",), 6300),
    ("301", "市第一中学", ("20502",), 16000), ("302", "市第二中学", ("20502",), 13500),
    ("303", "市实验小学", ("20502",), 8200), ("304", "市职业技术学院", ("20503",), 26500),
    ("305", "市第一人民医院", ("21002",), 31000), ("306", "市中医院", ("21002",), 18500),
    ("307", "市疾病预防控制中心", ("21004",), 9800), ("308", "市图书馆", ("20701",), 3400),
    ("309", "市博物馆", ("20702",), 2900), ("310", "市档案馆", ("20103",), 1900),
    ("311", "市机关事务管理局", ("20103",), 14800), ("312", "市住房公积金管理中心", ("22102",), 5200),
    ("313", "市公共资源交易中心", ("20103",), 2300), ("314", "市投资促进中心", ("20113",), 2700),
    ("315", "市气象局", ("22999",), 1600),
)  # fmt: skip
#: Departments that spend slowly (capital projects) or early in the demo's current year.
SLOW, FAST = {"214", "215", "216", "213"}, {"220", "208", "109"}
#: Which SC meeting of the demo hears each step in 2026, by the meeting's date.
MEETINGS_2026 = {
    "budget_draft": dt.date(2026, 1, 12), "final_accounts": dt.date(2026, 6, 23),
    "audit_report": dt.date(2026, 6, 23), "adjustment": dt.date(2026, 8, 20), "mid_year": dt.date(2026, 8, 20),
    "state_assets": dt.date(2026, 10, 20), "rectification": dt.date(2026, 12, 10), "government_debt": dt.date(2026, 12, 10),
}  # fmt: skip
DOCUMENTS = {
    "budget_draft": "关于清河市2025年预算执行情况和2026年预算草案的报告", "adjustment": "清河市2026年预算调整方案（草案）",
    "final_accounts": "清河市2025年市级决算草案",
}  # fmt: skip
HEADERS = ("部门编码", "部门名称", "功能分类科目编码", "经济分类科目编码", "金额")
TABLE = ("科目编码", "科目名称")


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _xlsx(rows, headers=HEADERS, name="figures.xlsx") -> SimpleUploadedFile:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _functional_table() -> list[tuple[str, str]]:
    rows = list(CLASSES)
    for code, name in SECTIONS:
        rows.append((code, name))
        for suffix, item in ITEMS:
            rows.append((code + suffix, item.format(name=name)))
    return rows


def _lines(rnd: random.Random) -> list[tuple[str, str, str, str, float]]:
    """A year's budget lines: (department, name, functional, economic, 万元)."""
    out = []
    for code, name, sections, total in DEPARTMENTS:
        shares = []
        for section in sections:
            shares += [(section + "01", "30101", 0.22), (section + "01", "30102", 0.12), (section + "01", "30201", 0.05),  # fmt: skip
                       (section + "02", "30227", 0.18), (section + "02", "30216", 0.03), (section + "50", "30107", 0.25),  # fmt: skip
                       (section + "99", "31005" if code in SLOW else "30226", 0.15)]  # fmt: skip
        weight = sum(s for *_x, s in shares)
        for functional, economic, share in shares:
            amount = total * share / weight * rnd.uniform(0.85, 1.15)
            out.append((code, name, functional, economic, round(amount, 2)))
    return out


def _pace(code: str, month: int, year: int, rnd: random.Random) -> float:
    """Cumulative share spent to the end of ``month``: salaries evenly, projects late."""
    base = month / 12
    if month == 12:
        return rnd.uniform(0.95, 1.0)
    if year == 2026 and code in SLOW:
        return base * 0.55
    if year == 2026 and code in FAST:
        return min(1.0, base * 1.35)
    return base * rnd.uniform(0.88, 1.04)


def _adjusted(lines):
    """The adjustment: the slow and fast departments get 6 % more, the development commission
    14 % (past the 10 % setting), and the government office moves a quarter of every other
    line's budget to the lines between them (a transfer past the 5 % setting)."""
    out, seen = [], {}
    for d, n, f, e, a in lines:
        seen[d] = seen.get(d, 0) + 1
        if d in SLOW | FAST:
            factor = 1.06
        elif d == "202":
            factor = 1.14
        elif d == "201":
            factor = 1.25 if seen[d] % 2 else 0.75
        else:
            factor = 1.0
        out.append((d, n, f, e, round(a * factor, 2)))
    return out


def seed_budget(*, actor) -> dict[str, int]:
    rnd = random.Random(2026)
    start = _at(dt.date(2023, 12, 1))
    B.classification_import(actor=actor, kind="functional", year=2024, workbook=_xlsx(_functional_table(), TABLE), sample=True, now=start)  # fmt: skip
    B.classification_import(actor=actor, kind="economic", year=2024, workbook=_xlsx(ECONOMIC, TABLE), sample=True, now=start)  # fmt: skip
    orgs = {
        o.name: o for o in Organization.objects.filter(kind__in=Organization.HANDLING_UNIT_KINDS)
    }
    for code, name, _s, _t in DEPARTMENTS:
        unit = orgs.get(name.replace("市", "清河市", 1))
        B.department_create(actor=actor, code=code, name=name, organization=unit, now=start)
    mapping = B.mapping_save(
        actor=actor, name="财政局标准格式", header_row=1, department_code="部门编码", department_name="部门名称",
        functional_code="功能分类科目编码", economic_code="经济分类科目编码", amount="金额", unit="wan",
        total_label="合计", now=start,
    )  # fmt: skip
    today = timezone.localdate()
    imports = 0

    def load(dataset, year, rows, on: dt.date, month=None):
        nonlocal imports
        imp = B.import_check(actor=actor, dataset=dataset, year=year, month=month, mapping=mapping, workbook=_xlsx(rows), now=_at(on))  # fmt: skip
        B.import_commit(actor=actor, imp=imp, now=_at(on, 11))
        imports += 1

    for year in (2024, 2025, 2026):
        lines = _lines(rnd)
        load("budget", year, lines, dt.date(year, 1, 25))
        adjusted = _adjusted(lines)
        if year < 2026 or today >= dt.date(2026, 8, 20):
            load("adjustment", year, adjusted, dt.date(year, 8, 25))
        for month in range(1, 13):
            arrives = dt.date(year + (month == 12), month % 12 + 1, 15)
            if arrives > today:
                break
            base = adjusted if month >= 8 else lines
            pace = {code: _pace(code, month, year, rnd) for code, *_r in DEPARTMENTS}
            load("execution", year, [(d, n, f, e, round(a * pace[d], 2)) for d, n, f, e, a in base], arrives, month)  # fmt: skip
        if year < 2026:
            final = [
                (d, n, f, e, round(a * rnd.uniform(0.94, 1.0), 2)) for d, n, f, e, a in adjusted
            ]
            load("final", year, final, dt.date(year + 1, 6, 1))
    calendar = _calendar_2026(actor)
    calendar["budget_publications_published"] += _publications_2025(actor)
    findings = _findings_2026(actor)
    return {
        "budget_departments": Department.objects.count(),
        "budget_imports": imports,
        "budget_debt_figures": _debt(actor),
        **calendar,
        **findings,
    }


FINDINGS = (  # (department, category, title, 万元, report, result)
    (
        "203",
        "special_funds",
        "学生资助资金滞留未及时发放",
        326.4,
        "已于9月发放到位，建立按月拨付台账。",
        "rectified",
    ),
    (
        "214",
        "projects",
        "老旧小区改造项目超概算且未履行调整程序",
        1870.0,
        "已补办概算调整手续，对超支部分追责问责。",
        "partly",
    ),
    ("220", "special_funds", "基层医疗卫生机构设备购置资金闲置", 512.8, "", ""),
    ("210", "budget", "非税收入未及时足额缴入国库", 94.3, "", ""),
)


def _findings_2026(actor) -> dict[str, int]:
    """The 2026 audit report's findings: one rectified, one partly, two still being worked on."""
    if not Milestone.objects.filter(
        year=2026, kind="audit_report", heard_on__isnull=False
    ).exists():
        return {"budget_findings": 0}
    heard = dt.date(2026, 6, 23)
    for code, category, title, amount, report, result in FINDINGS:
        f = B.finding_record(actor=actor, year=2026, title=title, department=Department.objects.get(code=code), category=category, amount=str(amount), now=_at(heard + dt.timedelta(days=7)))  # fmt: skip
        if report:
            B.finding_report(actor=actor, finding=f, report=report, reported_on=dt.date(2026, 10, 30), now=_at(dt.date(2026, 10, 30)))  # fmt: skip
            B.finding_assess(actor=actor, finding=f, result=result, assessment="" if result == "rectified" else "超支部分的追责结果尚未报告。", now=_at(dt.date(2026, 11, 10)))  # fmt: skip
    return {"budget_findings": len(FINDINGS)}


def _calendar_2026(actor) -> dict[str, int]:
    meetings = {m.starts_on: m for m in Meeting.objects.filter(kind__in=("congress_session", "sc_meeting"), starts_on__year=2026)}  # fmt: skip
    today = timezone.localdate()
    planned = 0
    for kind, day in MEETINGS_2026.items():
        meeting = meetings.get(day)
        m = B.milestone_plan(
            actor=actor, year=2026, kind=kind, meeting=meeting, now=_at(dt.date(2025, 11, 20))
        )
        planned += 1
        if meeting is None or day > today:
            continue
        if kind in ("budget_draft", "adjustment", "final_accounts"):
            # The adjustment arrived two days after its deadline.
            arrived = (
                m.due_on + dt.timedelta(days=2)
                if kind == "adjustment"
                else m.due_on - dt.timedelta(days=3)
            )
            B.milestone_submit(actor=actor, milestone=m, submitted_on=arrived, document=DOCUMENTS[kind], now=_at(arrived))  # fmt: skip
        if kind in CONSENT:  # the party committee agreed before the meeting (S2)
            asked = approvals.approval_request(actor=actor, subject=m, kind="party_consent", sent_on=day - dt.timedelta(days=12), document_title=f"关于{m.get_kind_display()}有关情况的请示", now=_at(day - dt.timedelta(days=12)))  # fmt: skip
            approvals.approval_answer(actor=actor, approval=asked, answer="approved", answered_on=day - dt.timedelta(days=6), note="同意提请审议", now=_at(day - dt.timedelta(days=6)))  # fmt: skip
        B.milestone_hear(actor=actor, milestone=m, heard_on=day, now=_at(day, 16))
        if kind == "final_accounts":
            _final_accounts_opinions(actor, m)
    published = 0
    for kind, approved, published_on in (
        ("budget", dt.date(2026, 1, 16), dt.date(2026, 2, 3)),
        ("final_accounts", dt.date(2026, 6, 26), dt.date(2026, 7, 20)),  # four days late
        ("adjustment", dt.date(2026, 8, 21), None),  # not yet published: overdue
    ):
        if approved > today:
            continue
        p = B.publication_record(
            actor=actor, year=2026, kind=kind, approved_on=approved, now=_at(approved, 17)
        )
        if published_on and published_on <= today:
            B.publication_publish(actor=actor, publication=p, published_on=published_on, url=f"https://czj.qinghe.example.cn/gk/2026/{kind}", now=_at(published_on, 9))  # fmt: skip
            published += 1
    for code in ("203", "207", "220"):
        dept = Department.objects.get(code=code)
        p = B.publication_record(actor=actor, year=2026, kind="department_budget", department=dept, approved_on=dt.date(2026, 2, 5), now=_at(dt.date(2026, 2, 5)))  # fmt: skip
        B.publication_publish(actor=actor, publication=p, published_on=dt.date(2026, 2, 20), url=f"https://czj.qinghe.example.cn/bm/{code}", now=_at(dt.date(2026, 2, 20)))  # fmt: skip
        published += 1
    return {"budget_milestones": planned, "budget_publications_published": published}


def _final_accounts_opinions(actor, m) -> None:
    """The report heard with the final accounts, on the supervision plan's obligation, and the
    deliberation opinions sent to the government: handled through casework like any other."""
    from renda.supervision import services as S
    from renda.supervision.models import Report

    day = m.meeting.starts_on
    report = Report.objects.create(
        title="关于2025年市级决算草案的报告", body=Organization.objects.get(code="government"),
        plan_item=PlanItem.objects.filter(plan__year=2026, obligation="final_accounts").first(), meeting=m.meeting,
        status=Report.Status.DELIBERATED, deliberated_at=_at(day, 15), published=True,
        deliberation_summary="组成人员认为决算草案编制较为规范，同时指出部分项目支出进度偏慢、绩效目标不够细化。",
    )  # fmt: skip
    B.milestone_link_report(actor=actor, milestone=m, report=report, now=_at(day, 17))
    opinion = S.opinion_compile(
        actor=actor, report=report, now=_at(day + dt.timedelta(days=3)),
        text="一、加快预算执行进度，对执行偏慢的项目逐一分析原因、及时调整。\n二、细化部门预算绩效目标，加强绩效评价结果运用。\n三、严格控制预算调整和科目流用。",
    )  # fmt: skip
    S.opinion_send(actor=actor, opinion=opinion, now=_at(day + dt.timedelta(days=6)))


def _publications_2025(actor) -> int:
    """The year before, everything published in time: the budget, the adjustment, the 2024
    final accounts and the department budgets and accounts of three departments."""
    rows = [
        ("budget", None, dt.date(2025, 1, 17), dt.date(2025, 2, 5)),
        ("final_accounts", None, dt.date(2025, 6, 27), dt.date(2025, 7, 14)),
        ("adjustment", None, dt.date(2025, 8, 22), dt.date(2025, 9, 5)),
    ]
    for code in ("203", "207", "220"):
        rows += [("department_budget", code, dt.date(2025, 2, 6), dt.date(2025, 2, 21)), ("department_accounts", code, dt.date(2025, 7, 10), dt.date(2025, 7, 28))]  # fmt: skip
    for kind, code, approved, published_on in rows:
        dept = Department.objects.get(code=code) if code else None
        p = B.publication_record(actor=actor, year=2025, kind=kind, department=dept, approved_on=approved, now=_at(approved, 17))  # fmt: skip
        url = f"https://czj.qinghe.example.cn/{'bm/' + code if code else 'gk'}/2025/{kind}"
        B.publication_publish(actor=actor, publication=p, published_on=published_on, url=url, now=_at(published_on, 9))  # fmt: skip
    return len(rows)


#: (year, kind, limit, opening balance, issued, repaid, note) in 万元; the closing balance follows.
#: The special debt of 2025 ends at 96.9 % of its limit: above the 90 % warning.
DEBT = (
    (2024, "general", 960_000, 812_000, 96_500, 61_200, ""),
    (2024, "special", 1_560_000, 1_236_000, 168_000, 42_500, ""),
    (2025, "general", 1_010_000, 847_300, 102_000, 78_400, "含再融资债券 41,000 万元"),
    (
        2025,
        "special",
        1_580_000,
        1_361_500,
        236_000,
        66_800,
        "新增专项债券主要用于城市更新和产业园区",
    ),
)


def _debt(actor) -> int:
    """Two years of debt figures, recorded when the final accounts came in."""
    for year, kind, limit, opening, issued, repaid, note in DEBT:
        B.debt_record(
            actor=actor, year=year, kind=kind, limit=limit, opening=opening, issued=issued, repaid=repaid,
            closing=opening + issued - repaid, note=note, now=_at(dt.date(year + 1, 6, 20)),
        )  # fmt: skip
    return len(DEBT)
