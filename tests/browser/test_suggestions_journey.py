"""Issue journey in real pages: a deputy submits a suggestion with a co-signer, staff screen it and
assign it to the unit the assignment help proposes, the co-handler answers, the lead unit logs a
contact and replies class B, the deputy rates 不满意, staff verify and send it back for re-handling,
the unit replies again, the deputy rates 满意, and the reply shows on the public site and in the
statistics.

The co-signer's invitation and confirmation (联名) have services but no page yet (see
``cosign_without_a_page``); everything else is driven in the pages by the user who does it.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.browser.conftest import user_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "关于增加城东片区小学学位和改善校舍条件的建议"
CONTENT = "城东片区新建小区入住人口增加，小学学位紧张，校舍陈旧，教师编制不足。建议教育局新建小学、扩充学位、改善校舍。"
PAST = [
    ("关于扩建城北小学校舍的建议", "城北小学校舍陈旧，学位不足，建议教育局扩建校舍、增加学位。"),
    (
        "关于补充乡村小学教师编制的建议",
        "乡村小学教师编制不足，建议教育局补充教师编制，改善乡村学校校舍。",
    ),
    ("关于新建城南小学增加学位的建议", "城南新建小区多，小学学位紧张，建议教育局新建小学。"),
]


@pytest.fixture
def setting(users, term, unit):
    """Deputies with logins, a second handling unit with its officer, and past assignments."""
    from renda.accounts.models import Role, User
    from renda.people.models import Deputy, Organization, Person
    from renda.suggestions import services
    from renda.suggestions.assignment import suggestion_assign

    lead_deputy = Deputy.objects.create(person=users["deputy"].person, term=term)
    cosigner_person = Person.objects.create(name="陈联名", gender="male")
    cosigner = User.objects.create_user(
        "t-cosigner", password="x", role=Role.DEPUTY, person=cosigner_person
    )
    cosigner_deputy = Deputy.objects.create(person=cosigner_person, term=term)
    other_person = Person.objects.create(name="林往年", gender="female")
    other = User.objects.create_user(
        "t-deputy-past", password="x", role=Role.DEPUTY, person=other_person
    )
    Deputy.objects.create(person=other_person, term=term)

    finance = Organization.objects.create(
        code="finance",
        name="清河市财政局",
        kind=Organization.Kind.GOVERNMENT_DEPARTMENT,
        parent=Organization.objects.get(code="government"),
    )
    finance_officer = User.objects.create_user(
        "t-finance",
        password="x",
        role=Role.UNIT_OFFICER,
        person=Person.objects.create(name="财政办理员", gender="male"),
        scope=finance,
    )
    # Past suggestions assigned to the education bureau with the finance bureau co-handling:
    # the assignment help learns from them.
    for title, content in PAST:
        s = services.suggestion_create(
            actor=other, title=title, content=content, category="education"
        )
        services.suggestion_submit(actor=other, suggestion=s)
        services.suggestion_accept(actor=users["staff"], suggestion=s)
        suggestion_assign(actor=users["staff"], suggestion=s, lead=unit, co_handlers=[finance])
    return {
        "cosigner": cosigner,
        "cosigner_deputy": cosigner_deputy,
        "lead_deputy": lead_deputy,
        "finance": finance,
        "finance_officer": finance_officer,
    }


def action(page, key):
    """Open the case page's action ``key`` (a <details> with its form) and return it."""
    details = page.locator("details.action").filter(
        has=page.locator(f'form[action$="/act/{key}/"]')
    )
    details.locator("summary").click()
    return details


def submit_action(page, details, label):
    from playwright.sync_api import expect

    details.get_by_role("button", name=label, exact=True).click()
    expect(page.locator("ul.messages")).to_contain_text(f"已完成：{label}")


def test_suggestion_from_draft_to_public_reply_and_statistics(
    browser, live_server, users, unit, setting, screen
):
    from playwright.sync_api import expect

    from renda.casework.models import Case, Rating
    from renda.suggestions.models import Suggestion

    errors: list[str] = []
    contexts = []
    today = timezone.localdate().isoformat()

    def open_page(user, path):
        context, pg = user_page(browser, live_server.url, user, errors, screen)
        contexts.append(context)
        pg.goto(path)
        return pg

    try:
        # 1. The deputy writes the draft in the form.
        deputy = open_page(users["deputy"], "/office/suggestions/")
        deputy.locator("#main").get_by_role("link", name="提出建议").click()
        deputy.locator("#id_title").fill(TITLE)
        deputy.locator("#id_content").fill(CONTENT)
        deputy.locator("#id_category").select_option("education")
        deputy.get_by_role("button", name="保存草稿").click()
        expect(deputy.locator("h1")).to_have_text(TITLE)
        expect(deputy.locator(".badge").first).to_have_text("草稿")
        suggestion = Suggestion.objects.get(title=TITLE)

        # 2. The co-signer (联名): the lead deputy invites, the co-signer confirms, in the pages.
        deputy.get_by_label("邀请联名代表").select_option(str(setting["cosigner_deputy"].pk))
        deputy.get_by_role("button", name="邀请", exact=True).click()
        expect(deputy.locator("dl.facts")).to_contain_text("陈联名（待确认）")
        cosigner = open_page(setting["cosigner"], f"/office/suggestions/{suggestion.pk}/")
        expect(cosigner.locator("dl.facts")).to_contain_text("陈联名（待确认）")
        # The lead deputy cannot submit while the co-signer has not confirmed.
        deputy.get_by_role("button", name="提交", exact=True).click()
        expect(deputy.locator("body")).to_contain_text("还有1位联名代表未确认，不能提交。")
        cosigner.get_by_role("button", name="确认联名").click()
        expect(cosigner.locator("dl.facts")).not_to_contain_text("待确认")
        expect(cosigner.get_by_role("button", name="提交", exact=True)).to_have_count(0)
        deputy.reload()

        # 3. The deputy submits: numbered and waiting for screening.
        deputy.get_by_role("button", name="提交", exact=True).click()
        expect(deputy.locator(".badge").first).to_have_text("待审查")
        expect(deputy.locator("dl.facts")).to_contain_text("第17届闭会期间第004号")

        # 4. Staff screen it from the screening board and assign it with the proposed units.
        staff = open_page(users["staff"], "/office/suggestions/?status=submitted")
        staff.get_by_role("link", name=TITLE).click()
        staff.get_by_role("button", name="立案", exact=True).click()
        expect(staff.locator(".badge").first).to_have_text("已立案")
        proposal = staff.locator("table.data").first
        expect(proposal.locator("tbody tr").first).to_contain_text("清河市教育局")
        expect(staff.locator("section.actions")).to_contain_text("建议协办单位：清河市财政局")
        lead_select = staff.locator("#id_lead")
        expect(lead_select).to_have_value(str(unit.pk))
        # The proposed co-handler is ticked in sight; the staff keep exactly that one.
        finance_box = staff.locator(f'#id_co_handlers input[value="{setting["finance"].pk}"]')
        expect(finance_box).to_be_checked()
        for box in staff.locator("#id_co_handlers input:checked").all():
            if box.get_attribute("value") != str(setting["finance"].pk):
                box.uncheck()
        staff.get_by_label("筛选协办单位").fill("财政")
        expect(staff.locator("#id_co_handlers label:visible")).to_have_count(1)
        staff.get_by_role("button", name="交办", exact=True).click()
        expect(staff.locator(".badge").first).to_have_text("已交办")
        expect(staff.locator("dl.facts")).to_contain_text("待签收")
        suggestion.refresh_from_db()
        assert suggestion.proposed_lead_id == unit.pk
        case = Case.objects.get(pk=suggestion.case_id)
        assert {r.person.name for r in case.requester_rows.select_related("person")} == {
            "测试deputy",
            "陈联名",
        }

        # 5. The co-handler receives it from its queue and sends its opinion.
        co = open_page(setting["finance_officer"], "/office/cases/queue/")
        co.get_by_role("link", name=TITLE).click()
        submit_action(co, action(co, "receive"), "签收")
        details = action(co, "co_opinion")
        details.locator("#id_co_opinion-opinion").fill("财政局将统筹安排城东片区小学建设资金。")
        submit_action(co, details, "提交协办意见")
        expect(co.locator("#units-h + table")).to_contain_text(
            "财政局将统筹安排城东片区小学建设资金。"
        )

        # 6. The lead unit receives it, logs a contact with the deputy and replies class B.
        lead = open_page(users["unit_officer"], "/office/cases/queue/")
        lead.get_by_role("link", name=TITLE).click()
        submit_action(lead, action(lead, "receive"), "签收")

        def contact_and_reply(note, text, result_class):
            details = action(lead, "contact")
            details.locator("#id_contact-contacted_on").fill(today)
            details.locator("#id_contact-method").select_option("phone")
            details.locator("#id_contact-note").fill(note)
            submit_action(lead, details, "记录沟通联系")
            expect(lead.locator("body")).to_contain_text(note)
            details = action(lead, "reply")
            details.locator("#id_reply-text").fill(text)
            details.locator("#id_reply-result_class").select_option(result_class)
            details.locator("#id_reply-signed_by_name").fill("王局长")
            details.get_by_label("答复可以公开").check()
            submit_action(lead, details, "答复")
            expect(lead.locator(".page-head .badge").first).to_have_text("已答复")

        contact_and_reply(
            "电话联系领衔代表，听取对学位建设的意见。",
            "城东小学扩建已列入明年计划，正在办理用地手续。",
            "B",
        )
        expect(lead.locator("article.reply")).to_contain_text("B 正在解决或列入计划")

        # 7. The deputy, told by a notice, rates the reply 不满意.
        deputy.goto("/office/cases/notifications/")
        deputy.get_by_role("link", name=TITLE).first.click()
        details = action(deputy, "rate")
        details.get_by_label("不满意", exact=True).check()
        details.locator("#id_rate-comment").fill("没有明确开工时间。")
        submit_action(deputy, details, "评价")
        expect(deputy.locator(".page-head .badge").first).to_have_text("不满意待核实")

        # 8. Staff verify the dissatisfaction and send it back for re-handling.
        staff.goto(f"/office/suggestions/{suggestion.pk}/")
        staff.locator("dl.facts").get_by_role("link").click()
        details = action(staff, "verify")
        details.get_by_label("重新办理", exact=True).check()
        details.locator("#id_verify-finding").fill("答复未说明开工时间，需重新办理。")
        submit_action(staff, details, "核实不满意意见")
        expect(staff.locator(".page-head .badge").first).to_have_text("重新办理")
        expect(staff.locator("dl.facts")).to_contain_text("办理轮次")

        # 9. The lead unit contacts the deputy again and replies again.
        lead.reload()
        contact_and_reply(
            "面谈领衔代表，说明开工时间安排。",
            "城东小学扩建工程已于本月开工，明年秋季学期投入使用，新增学位900个。",
            "A",
        )

        # 10. The deputy rates the second reply 满意.
        deputy.reload()
        details = action(deputy, "rate")
        details.get_by_label("满意", exact=True).check()
        submit_action(deputy, details, "评价")
        expect(deputy.locator(".page-head .badge").first).to_have_text("已评价")
        ratings = list(
            Rating.objects.filter(case=case).order_by("round").values_list("round", "value")
        )
        assert ratings == [(1, "dissatisfied"), (2, "satisfied")]

        # 10b. The replies are marked public: they go out once the office approves them,
        # from 我的待办 (答复待公开审核) to the case page's 同意公开答复.
        assert not Case.objects.get(pk=case.pk).published
        staff.goto("/office/")
        group = staff.locator(".work-group", has_text="答复待公开审核")
        group.get_by_role("link", name=TITLE).first.click()
        expect(staff.locator('[data-publication="awaiting"]')).to_have_count(2)
        details = action(staff, "publish_reply")
        submit_action(staff, details, "同意公开答复")
        expect(staff.locator('[data-publication="public"]')).to_have_count(2)
        assert Case.objects.get(pk=case.pk).published

        # 11. The public site shows the latest reply, for an anonymous visitor.
        public = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=screen)
        contexts.append(public)
        visitor = public.new_page()
        visitor.on("pageerror", lambda exc: errors.append(str(exc)))
        visitor.goto("/suggestions/")
        item = visitor.locator(".portal-list li", has_text=TITLE)
        expect(item).to_contain_text("清河市教育局")
        expect(item).to_contain_text("办理结果：已解决或采纳")
        expect(visitor.locator(".portal-list li")).to_have_count(1)
        item.get_by_role("link", name=TITLE).click()
        expect(visitor.locator("#public-reply")).to_contain_text("已解决或采纳")
        expect(visitor.locator("#public-reply")).to_contain_text("清河市教育局")
        expect(visitor.locator("article")).to_contain_text("新增学位900个")
        expect(visitor.locator("article")).not_to_contain_text("正在办理用地手续")
        expect(visitor.locator(".props").first).to_contain_text("陈联名")

        # 12. The statistics: 4 assigned, 1 replied, the round-2 rating satisfied, solved (A).
        staff.goto("/office/suggestions/statistics/")
        cells = staff.locator("#totals-table tbody tr").first.locator("td")
        expect(cells).to_have_text(["合计", "4", "4", "1", "25.0%", "100.0%", "100.0%", "0"])
        unit_row = staff.locator("#unit-table tbody tr", has_text="清河市教育局")
        expect(unit_row.locator("td")).to_have_text(
            ["1", "清河市教育局", "4", "4", "1", "25.0%", "100.0%", "100.0%", "0"]
        )
        expect(
            staff.locator('[data-echarts="chart-units"] svg, [data-echarts="chart-units"] canvas')
        ).to_have_count(1)
    finally:
        for context in contexts:
            context.close()
    assert not errors, f"JavaScript errors or CSP violations in the page: {errors}"
