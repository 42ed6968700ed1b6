"""Budget monitoring in real pages: the budget staff import a month's execution from a
workbook (checked, previewed, confirmed with its progress bar), the deviations page flags
the department far behind the time elapsed, the staff drill down from the whole budget to
the department and its lines, ask the unit through casework with the figures attached, and
the unit answers from its queue; the inquiry's list shows the answer came back.
Run with the staff at a desk and on a phone; the unit is on a phone.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENS, user_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET = [  # 万元: department, name, functional, economic, amount
    ("101", "市人大常委会办公室", "2010101", "30101", 1200), ("102", "市住房和城乡建设局", "2010301", "30101", 8000),
    ("201", "市教育局", "2050202", "30101", 16000),
]  # fmt: skip
SEPTEMBER = [("101", "", "2010101", "30101", 900), ("102", "", "2010301", "30101", 6000), ("201", "", "2050202", "30101", 12000)]  # fmt: skip
OCTOBER = [("101", "", "2010101", "30101", 1000), ("102", "", "2010301", "30101", 2400), ("201", "", "2050202", "30101", 13300)]  # fmt: skip
QUESTION = "请说明十月末执行率明显低于时间进度的原因，以及年底前的支出安排。"


@pytest.fixture
def figures(users, unit):
    from renda.budget import services
    from renda.budget.models import Department
    from renda.budget.tests.conftest import ECONOMIC, FUNCTIONAL, xlsx

    staff = users["staff"]
    head = ("科目编码", "科目名称")
    services.classification_import(actor=staff, kind="functional", year=2026, workbook=xlsx(FUNCTIONAL, headers=head))  # fmt: skip
    services.classification_import(actor=staff, kind="economic", year=2026, workbook=xlsx(ECONOMIC, headers=head))  # fmt: skip
    mapping = services.mapping_save(
        actor=staff, name="财政局标准格式", department_code="部门编码", department_name="部门名称",
        functional_code="功能分类科目编码", economic_code="经济分类科目编码", amount="金额", unit="wan", total_label="合计",
    )  # fmt: skip
    for dataset, month, rows in (("budget", None, BUDGET), ("execution", 9, SEPTEMBER)):
        imp = services.import_check(actor=staff, dataset=dataset, year=2026, month=month, mapping=mapping, workbook=xlsx(rows))  # fmt: skip
        services.import_commit(actor=staff, imp=imp)
    Department.objects.filter(code="102").update(organization=unit)
    return mapping


def test_an_import_flags_a_department_and_its_inquiry_is_answered(browser, asgi_server, users, unit, figures, screen, tmp_path):  # fmt: skip
    from playwright.sync_api import expect

    from renda.budget.models import Import, Inquiry
    from renda.budget.tests.conftest import xlsx
    from renda.casework.models import Case

    book = tmp_path / "2026年10月支出执行.xlsx"
    book.write_bytes(xlsx([*OCTOBER, ("合计", "", "", "", 16700)]).read())
    errors: list[str] = []
    ctx, staff = user_page(browser, asgi_server, users["staff"], errors, viewport=screen)
    unit_ctx, officer = user_page(browser, asgi_server, users["unit_officer"], errors, viewport=SCREENS["phone"])  # fmt: skip
    try:
        # 1. Upload October's execution: checked row by row, previewed with the names.
        staff.goto("/office/budget/imports/")
        form = staff.locator("#import-form")
        form.get_by_label("数据类别").select_option("execution")
        form.get_by_label("年度").fill("2026")
        form.get_by_label("月份").select_option("10")
        form.get_by_label("工作簿").set_input_files(str(book))
        form.get_by_role("button", name="上传并校验").click()
        expect(staff.locator("ul.messages")).to_contain_text("校验通过")
        expect(staff.locator("#import-preview")).to_contain_text("市住房和城乡建设局（102）")
        expect(staff.locator("#import-total")).to_contain_text("167,000,000.00")

        # 2. Confirm: the progress bar shows, and the figures become October's current ones.
        staff.locator("#commit-form").get_by_role("button", name="确认导入").click()
        expect(staff.locator("ul.messages")).to_contain_text("成为该期间的现行版本")
        expect(staff.locator("#import-status")).to_have_text("已导入（现行）")
        assert Import.objects.get(month=10).lines.count() == 3

        # 3. The deviations page flags the department far behind (30% against 83.3%).
        staff.goto("/office/budget/monitor/deviations/")
        row = staff.locator("tr[data-key='102']")
        expect(row).to_contain_text("30.0%")
        expect(row).to_contain_text("滞后")

        # 4. Drill down from the whole budget to the department and its lines.
        staff.goto("/office/budget/monitor/")
        expect(staff.locator("[data-echarts='chart-classes'] svg")).to_have_count(1)
        staff.get_by_role("link", name="市住房和城乡建设局").first.click()
        expect(staff.locator("h1")).to_have_text("市住房和城乡建设局")
        expect(staff.locator("main, .content").first).to_contain_text(
            "政府办公厅（室）及相关机构事务"
        )

        # 5. Ask the unit, the figures attached, through casework.
        staff.goto("/office/budget/monitor/deviations/")
        staff.locator("tr[data-key='102']").get_by_role("link", name="询问").click()
        expect(staff.locator("#inquiry-figures")).to_contain_text("执行率 30.0%")
        staff.get_by_label("询问内容").fill(QUESTION)
        staff.get_by_role("button", name="交办询问").click()
        expect(staff.locator("ul.messages")).to_contain_text("询问已交办")
        case = Case.objects.get(pk=Inquiry.objects.get().case_id)

        # 6. The unit receives and answers from its queue, on a phone.
        officer.goto("/office/cases/queue/")
        officer.get_by_role("link", name="预算执行询问：市住房和城乡建设局").click()
        expect(officer.locator("body")).to_contain_text("执行率 30.0%")
        receive = officer.locator("details.action").filter(
            has=officer.locator('form[action$="/act/receive/"]')
        )
        receive.locator("summary").click()
        receive.get_by_role("button", name="签收", exact=True).click()
        expect(officer.locator("ul.messages")).to_contain_text("已完成：签收")
        reply = officer.locator("details.action").filter(
            has=officer.locator('form[action$="/act/reply/"]')
        )
        reply.locator("summary").click()
        reply.locator("#id_reply-text").fill(
            "城建项目集中在第四季度验收付款，预计年底执行率达到95%。"
        )
        reply.locator("#id_reply-result_class").select_option("A")
        reply.locator("#id_reply-signed_by_name").fill("李局长")
        reply.get_by_role("button", name="答复", exact=True).click()
        expect(officer.locator("ul.messages")).to_contain_text("已完成：答复")
        case.refresh_from_db()
        assert case.status == Case.Status.REPLIED

        # 7. The inquiry's list shows the answer came back.
        staff.goto("/office/budget/inquiries/")
        expect(staff.locator("table.data")).to_contain_text("已答复")
        for pg in (staff, officer):
            assert pg.evaluate("document.documentElement.scrollWidth") <= pg.viewport_size["width"]
    finally:
        ctx.close()
        unit_ctx.close()
    assert not errors, errors
