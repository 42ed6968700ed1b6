"""Issue journey in real pages: a government department files a normative document late (a Word upload) and
it shows on the late list; staff register it (receipt), the reviewer fills the checklist and finds a
problem with the help of the highlighted provisions, sends a correction request, and the department answers
it through its casework queue; a citizen submits a review suggestion on the public site and follows its
status by tracking code.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import user_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "清河市校外培训机构管理办法"
NUMBER = "清教发〔2026〕21号"
TEXT = (
    "第一条 为了规范校外培训机构管理，保障学生合法权益，制定本办法。\n"
    "第二条 举办校外培训机构，应当向教育行政部门申请办学许可。\n"
    "第三条 违反本办法规定的，处五千元以上三万元以下罚款；情节严重的，吊销办学许可证。\n"
    "第四条 本办法自公布之日起施行。"
)


def _docx(path) -> str:
    from docx import Document

    doc = Document()
    for line in TEXT.splitlines():
        doc.add_paragraph(line)
    target = path / "办法.docx"
    doc.save(str(target))
    return str(target)


def test_filing_late_review_correction_and_public_suggestion(
    browser, live_server, users, unit, tmp_path, screen
):
    from playwright.sync_api import expect

    from renda.casework.models import Case
    from renda.filings.models import Filing, ReviewSuggestion

    errors: list[str] = []
    contexts = []
    published = (timezone.localdate() - dt.timedelta(days=45)).isoformat()

    def open_page(user, path):
        context, pg = user_page(browser, live_server.url, user, errors, screen)
        contexts.append(context)
        pg.goto(path)
        return pg

    try:
        # 1. The education bureau (a government department) files the document 45 days after publication.
        bureau = open_page(users["unit_officer"], "/office/filings/mine/")
        bureau.locator("#main").get_by_role("link", name="报送备案").click()
        bureau.locator("#id_title").fill(TITLE)
        bureau.locator("#id_document_number").fill(NUMBER)
        bureau.locator("#id_published_on").fill(published)
        bureau.locator("#id_file").set_input_files(_docx(tmp_path))
        bureau.locator("#id_drafting_explanation").fill("为规范校外培训机构管理起草本办法。")
        bureau.locator("#id_legal_basis").fill("《中华人民共和国教育法》")
        bureau.get_by_role("button", name="提交").click()
        expect(bureau.locator("h1")).to_have_text(TITLE)
        expect(bureau.locator("ul.messages")).to_contain_text("逾期报备")
        filing = Filing.objects.get(document_number=NUMBER)
        assert filing.is_late and "吊销办学许可证" in filing.text

        # 2. It shows on the late list, for the bureau and for the office.
        bureau.goto("/office/filings/late/")
        expect(bureau.locator("#late-list")).to_contain_text(TITLE)
        staff = open_page(users["staff"], "/office/filings/late/")
        expect(staff.locator("#late-list")).to_contain_text(TITLE)

        # 3. Staff register it after the formal check; the bureau gets the receipt.
        staff.goto("/office/filings/intake/")
        staff.get_by_role("link", name=TITLE).click()
        staff.locator("#register").click()
        expect(staff.locator("ul.messages")).to_contain_text("已登记")
        expect(staff.locator("#filing-status")).to_have_text("已登记")
        bureau.goto("/office/filings/mine/")
        expect(bureau.locator("#my-filings")).to_contain_text("DJ")

        # 4. The reviewer opens the active review, sees the highlighted provisions and fills the checklist.
        staff.goto("/office/filings/reviews/")
        staff.get_by_role("link", name=f"主动审查：{TITLE}").click()
        item = staff.locator("section.review-item")
        expect(item.locator("ul.highlights")).to_contain_text("罚款")
        item.get_by_label("是否违反宪法、法律、法规（合法性）", exact=True).select_option("problem")
        row = item.locator("tr").filter(
            has=staff.get_by_label("是否违反宪法、法律、法规（合法性）", exact=True)
        )
        row.locator("input").fill("设定罚款和吊销许可证超出规范性文件权限")
        item.get_by_label("是否违反法定程序（程序）", exact=True).select_option("ok")
        item.locator("textarea[name$='findings']").fill("第三条设定行政处罚，无上位法依据。")
        item.get_by_role("button", name="保存核对表").click()
        expect(staff.locator("ul.messages")).to_contain_text("核对表已保存")

        # 5. … and sends a formal correction request to the bureau.
        item = staff.locator("section.review-item")
        item.locator("select[name='outcome']").select_option("correction")
        item.locator("textarea[name='note']").fill("请于30日内修改或废止第三条。")
        item.get_by_role("button", name="记录审查结果").click()
        expect(staff.locator("ul.messages")).to_contain_text("书面提出纠正意见")
        expect(staff.locator(".outcome")).to_have_text("书面提出纠正意见")
        case = Case.objects.get(source_type="filings.reviewitem")
        assert case.assignments.get().unit == unit

        # 6. The bureau answers through its casework queue.
        bureau.goto("/office/cases/queue/")
        bureau.get_by_role("link", name=f"关于《{TITLE}》的纠正意见").click()
        receive = bureau.locator("details.action").filter(
            has=bureau.locator('form[action$="/act/receive/"]')
        )
        receive.locator("summary").click()
        receive.get_by_role("button", name="签收", exact=True).click()
        expect(bureau.locator("ul.messages")).to_contain_text("已完成：签收")
        reply = bureau.locator("details.action").filter(
            has=bureau.locator('form[action$="/act/reply/"]')
        )
        reply.locator("summary").click()
        reply.locator("#id_reply-text").fill("已废止第三条，修改后的办法将于30日内报告。")
        reply.locator("#id_reply-result_class").select_option("A")
        reply.locator("#id_reply-signed_by_name").fill("王局长")
        reply.get_by_role("button", name="答复", exact=True).click()
        expect(bureau.locator("ul.messages")).to_contain_text("已完成：答复")
        case.refresh_from_db()
        assert case.status == Case.Status.REPLIED
        bureau.goto("/office/filings/mine/")
        expect(bureau.locator("#my-corrections")).to_contain_text("已答复")

        # 6b. Having amended, the bureau owes its report within 30 days (rules §5.8) and sends it.
        item = filing.review_items.get()
        item.refresh_from_db()
        assert item.amend_report_due_on is not None
        if not bureau.locator("#sidenav").is_visible():  # on a phone the menu is folded
            bureau.get_by_role("button", name="菜单").click()
        bureau.locator("#sidenav").get_by_role("link", name="修改后报告").click()
        rows = bureau.locator("#amend-reports")
        expect(rows).to_contain_text(TITLE)
        expect(rows).to_contain_text("待报告")
        rows.get_by_role("link", name=TITLE).click()
        form = bureau.locator(f"#amend-form-{item.pk}")
        form.get_by_label("修改后报告").fill("已废止第三条，修改后的办法已于本月重新公布。")
        form.get_by_role("button", name="报告修改情况").click()
        expect(bureau.locator("ul.messages")).to_contain_text("修改后报告已登记。")
        expect(bureau.locator("[data-field=amend-report]")).to_contain_text("已报告")
        staff.goto("/office/filings/amend-reports/")
        expect(staff.locator("#amend-reports")).not_to_contain_text("待报告")

        # 7. A citizen suggests a review on the public site and follows it by tracking code.
        citizen = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=screen)
        contexts.append(citizen)
        pub = citizen.new_page()
        pub.on("pageerror", lambda exc: errors.append(str(exc)))
        pub.goto("/filings/")
        expect(pub.locator("#public-filings")).to_contain_text(TITLE)
        pub.get_by_role("link", name="提出审查建议").first.click()
        pub.get_by_label("姓名或组织名称").fill("王市民")
        pub.get_by_label("联系方式").fill("13800000000")
        pub.get_by_label("认为文件存在问题的理由").fill(
            "该办法规定的收费期限限制与上位法不一致，请予审查。"
        )
        pub.get_by_role("button", name="提交").click()
        expect(pub.locator(".error, .errorlist").first).to_contain_text(
            "请写明建议审查的文件名称或文号"
        )
        pub.get_by_label("建议审查的文件名称或文号").fill(f"{TITLE}（{NUMBER}）")
        pub.get_by_role("button", name="提交").click()
        code = pub.locator("#tracking-code").inner_text()
        suggestion = ReviewSuggestion.objects.get(tracking_code=code)
        pub.get_by_role("link", name="查询办理情况").click()
        expect(pub.locator("#suggestion-status")).to_have_text("已收到")

        # 8. Staff start the on-request review; the citizen sees it under review.
        staff.goto(f"/office/filings/suggestions/{suggestion.pk}/")
        staff.locator("#id_filing").select_option(str(filing.pk))
        staff.get_by_role("button", name="启动审查", exact=True).click()
        expect(staff.locator("ul.messages")).to_contain_text("已保存")
        pub.goto("/filings/track/")
        pub.get_by_label("查询码").fill(code)
        pub.get_by_role("button", name="查询").click()
        expect(pub.locator("#suggestion-status")).to_have_text("审查中")
    finally:
        for context in contexts:
            context.close()
    assert not errors, errors
