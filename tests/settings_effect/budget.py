"""Budget (§4.1–§4.3, §4.6, §4.8): when documents are due before their meeting, the period
of an inquiry, the debt warning and the flags of the networked oversight."""

from __future__ import annotations

from renda.budget import adjustments, monitoring
from renda.budget import services as B
from renda.budget.models import Milestone
from renda.budget.services.debt import year_rows
from renda.budget.services.inquiries import inquiry_kind
from renda.meetings.models import Meeting
from renda.people.models import Organization

from .cases import Case, D, Scenario, at, registry
from .casework import assigned_case

CASES: dict[str, Case] = {}
case = registry(CASES)


def due_before(s: Scenario, kind: str, day, meeting_kind: str):
    """The day the documents of the step of ``kind`` heard at a meeting on ``day`` are due."""

    def meeting():
        body = Organization.objects.get(
            code="congress" if meeting_kind == "congress_session" else "standing-committee"
        )
        n = Meeting.objects.count() + 1
        return Meeting.objects.create(
            kind=meeting_kind, body=body, term=s.term, number=n, title=f"会议{n}",
            starts_on=day, ends_on=day,
        )  # fmt: skip

    m = s.once("meeting", meeting)
    milestone = B.milestone_plan(actor=s.staff, year=day.year, kind=kind, meeting=m)
    Milestone.objects.filter(pk=milestone.pk).delete()  # the next run plans the step again
    return milestone.due_on


@case("budget.draft_days", value="45", default=D(2026, 12, 21), changed=D(2026, 12, 4))
def draft(s: Scenario):
    """§4.1: the draft budget reaches the congress the days of the setting before its session."""
    return due_before(s, "budget_draft", D(2027, 1, 20), "congress_session")


@case("budget.adjustment_days", value="45", default=D(2026, 6, 24), changed=D(2026, 6, 9))
def adjustment(s: Scenario):
    """§4.2: a draft adjustment reaches the SC the days of the setting before its meeting."""
    return due_before(s, "adjustment", D(2026, 7, 24), "sc_meeting")


@case("budget.final_accounts_days", value="45", default=D(2026, 6, 24), changed=D(2026, 6, 9))
def final_accounts(s: Scenario):
    """§4.3: the draft final accounts reach the SC the days of the setting before its meeting."""
    return due_before(s, "final_accounts", D(2026, 7, 24), "sc_meeting")


@case("budget.inquiry_reply_days", value="10", default=D(2026, 6, 17), changed=D(2026, 6, 12))
def inquiry_reply(s: Scenario):
    """§4.8: the government answers an inquiry on budget execution within the days."""
    return assigned_case(s, inquiry_kind(), at(D(2026, 6, 2))).due_on


@case("budget.debt_warning_percent", value="95", default="warning", changed="ok")
def debt_warning(s: Scenario):
    """§4.6: general debt at 90 % of its limit."""
    s.once(
        "recorded",
        lambda: B.debt_record(
            actor=s.staff,
            year=2025,
            kind="general",
            limit="1000",
            opening="800",
            issued="150",
            repaid="50",
            closing="900",
        ),  # fmt: skip
    )
    return {r.kind: r.state for r in year_rows(2025)}["general"]


# -- networked oversight (§4.8): figures imported as the finance bureau's workbooks --------------


def figures(s: Scenario, dataset: str, rows, month=None):
    """Check and commit a workbook of 2026 figures (万元) of ``dataset``, once."""
    from renda.budget.tests.conftest import ECONOMIC, FUNCTIONAL, xlsx

    def tables():
        for kind, codes in (("functional", FUNCTIONAL), ("economic", ECONOMIC)):
            B.classification_import(actor=s.staff, kind=kind, year=2026, workbook=xlsx(codes, headers=("科目编码", "科目名称")))  # fmt: skip
        for code, name in (("101", "市人大常委会办公室"), ("201", "市教育局")):
            B.department_create(actor=s.staff, code=code, name=name)
        return B.mapping_save(
            actor=s.staff, name="财政局标准格式", header_row=1, department_code="部门编码",
            department_name="部门名称", functional_code="功能分类科目编码",
            economic_code="经济分类科目编码", amount="金额", unit="wan", total_label="合计",
        )  # fmt: skip

    def load():
        imp = B.import_check(
            actor=s.staff, dataset=dataset, year=2026, month=month,
            mapping=s.once("tables", tables), workbook=xlsx(rows),
        )  # fmt: skip
        return B.import_commit(actor=s.staff, imp=imp)

    return s.once(f"{dataset}{month or ''}", load)


BUDGET = [
    ("101", "", "2010101", "30101", 1000),
    ("201", "", "2050202", "30101", 10000), ("201", "", "2050203", "30201", 6000),
]  # fmt: skip


@case("budget.deviation_points", value="20", default="fast", changed="")
def deviation(s: Scenario):
    """§4.8: by June the office spent 67 % of its budget, 17 points ahead of the time."""
    figures(s, "budget", BUDGET)
    figures(s, "execution", [("101", "", "2010101", "30101", 670)], month=6)
    rows = {r.key: r for r in monitoring.by_department(monitoring.period(2026))}
    return rows["101"].flag


def adjusted(s: Scenario) -> dict[str, adjustments.Change]:
    """The adjustment adds 12 % to the office's budget and moves 1,000 from primary to junior
    schools within the education bureau's (6.3 % of its budget)."""
    figures(s, "budget", BUDGET)
    figures(s, "adjustment", [
        ("101", "", "2010101", "30101", 1120),
        ("201", "", "2050202", "30101", 9000), ("201", "", "2050203", "30201", 7000),
    ])  # fmt: skip
    return {r.department.code: r for r in adjustments.changes(2026)}


@case("budget.adjustment_points", value="15", default=True, changed=False)
def adjustment_points(s: Scenario):
    """§4.8: whether the office's adjusted budget is flagged."""
    return adjusted(s)["101"].adjusted_flag


@case("budget.transfer_points", value="7", default=True, changed=False)
def transfer_points(s: Scenario):
    """§4.8: whether the education bureau's transfer between its items is flagged."""
    return adjusted(s)["201"].transferred_flag
