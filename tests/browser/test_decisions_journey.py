"""Issue journey in real pages: the government submits next year's list of major matters, a working
body comments, the government revises, the party committee's consent is recorded, the chairpersons'
council adopts and the office publishes; one item goes onto an SC meeting's agenda and is decided
by a poll on the members' terminals; the recorded decision is published and shows on the public site.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.browser.conftest import user_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 800, "height": 1100}
BUDGET = "关于2027年市级财政预算调整方案的议案"
PLAN = "关于清河新区控制性详细规划的报告"


@pytest.fixture
def setting(users, term):
    """The government's officer, a standing committee of three members and an SC meeting."""
    from renda.accounts.models import Role, User
    from renda.meetings.services import meeting_schedule
    from renda.people.models import Membership, Organization, Person

    gov = User.objects.create_user(
        "t-gov",
        password="x",
        role=Role.UNIT_OFFICER,
        person=Person.objects.create(name="政府联络员", gender="female"),
        scope=Organization.objects.get(code="government"),
    )
    sc = Organization.objects.get(code="standing-committee")
    members = []
    for i, name in enumerate(["周明", "吴芳", "郑强"]):
        person = Person.objects.create(name=name, gender="male")
        Membership.objects.create(person=person, organization=sc, start_date=dt.date(2022, 1, 10))
        members.append(User.objects.create(username=f"sc-{i}", role=Role.MEMBER, person=person))
    meeting = meeting_schedule(
        actor=users["staff"], kind="sc_meeting", term=term, starts_on=dt.date(2026, 12, 28)
    )
    return {"gov": gov, "members": members, "meeting": meeting}


def vote(terminal, label):
    from playwright.sync_api import expect

    terminal.get_by_role("button", name=label, exact=True).click()
    terminal.get_by_role("button", name="确认", exact=True).click()
    expect(terminal.locator(".t-recorded")).to_be_visible()


def test_annual_list_to_a_published_decision(browser, asgi_server, users, setting, screen):
    from playwright.sync_api import expect

    from renda.decisions.models import AnnualList, Decision, Matter

    errors: list[str] = []
    contexts = []

    def open_page(user, path, viewport=None):
        context, page = user_page(browser, asgi_server, user, errors, viewport or screen)
        contexts.append(context)
        page.goto(path)
        return page

    try:
        # 1. The government proposes next year's list and submits it for comments.
        gov = open_page(setting["gov"], "/office/decisions/lists/")
        gov.get_by_role("link", name="新建年度清单").click()
        gov.get_by_label("年度").fill("2027")
        gov.get_by_role("button", name="保存").click()
        expect(gov.locator("#list-status")).to_have_text("政府草拟中")
        for category, kind, title, quarter in [
            ("规划计划和预算决算", "decision", BUDGET, "2"),
            ("城乡规划和国土资源规划", "report", PLAN, "3"),
        ]:
            form = gov.locator("#item-form")
            form.get_by_label("类别").select_option(label=category)
            form.get_by_label("事项类型").select_option(kind)
            form.get_by_label("事项名称").fill(title)
            form.get_by_label("计划提请季度").select_option(quarter)
            form.get_by_role("button", name="加入清单").click()
            expect(gov.locator("#items")).to_contain_text(title)
        gov.get_by_role("button", name="报送征求意见").click()
        expect(gov.locator("#list-status")).to_have_text("征求意见中")
        lst = AnnualList.objects.get()

        # 2. The SC's working body comments on one item and closes the comments.
        staff = open_page(users["staff"], f"/office/decisions/lists/{lst.pk}/")
        form = staff.locator("#comment-form")
        form.get_by_label("针对事项").select_option(label=f"1. {BUDGET}")
        form.get_by_label("意见").fill(
            "预算调整方案宜在年中执行情况明确后提请，建议调整至第三季度。"
        )
        form.get_by_role("button", name="提出意见").click()
        expect(staff.locator("#comments")).to_contain_text("建议调整至第三季度")
        staff.get_by_role("button", name="结束征求意见，交政府修改").click()
        expect(staff.locator("#list-status")).to_have_text("政府修改中")

        # 3. The government revises the item, answers the comment and submits the revised list.
        gov.reload()
        gov.locator("#items tr", has_text=BUDGET).get_by_role("link", name="修改").click()
        gov.get_by_label("计划提请季度").select_option("3")
        gov.get_by_role("button", name="保存").click()
        gov.locator("#comments textarea").fill("已采纳，调整至第三季度提请。")
        gov.get_by_role("button", name="填写采纳情况").click()
        gov.get_by_role("button", name="报送修改后的清单").click()
        expect(gov.locator("#list-status")).to_have_text("待党委同意")
        # The revision history shows the change between the two submissions.
        expect(gov.locator("#history")).to_contain_text("计划提请季度")
        expect(gov.locator("#history ins").first).to_have_text("3")

        # 4. The party committee's consent is recorded; the council adopts; the office publishes.
        staff.reload()
        staff.get_by_label("党委同意日期").fill(dt.date.today().isoformat())
        staff.get_by_label("党委同意文号").fill("清委〔2026〕88号")
        staff.get_by_role("button", name="登记党委同意").click()
        expect(staff.locator("#list-status")).to_have_text("党委已同意")
        leader = open_page(users["leader"], f"/office/decisions/lists/{lst.pk}/")
        leader.get_by_role("button", name="主任会议通过").click()
        expect(leader.locator("#list-status")).to_have_text("主任会议已通过")
        staff.reload()
        staff.get_by_role("button", name="公布清单").click()
        expect(staff.locator("#list-status")).to_have_text("已公布")

        # 5. The office puts the budget item on the SC meeting's agenda and proposes the decision.
        staff.get_by_role("link", name=BUDGET).click()
        meeting = setting["meeting"]
        staff.get_by_label("常委会会议").select_option(str(meeting.pk))
        staff.get_by_role("button", name="列入会议议程").click()
        expect(staff.locator("#matter-status")).to_have_text("已列入会议议程")
        expect(staff.locator("#meeting-link")).to_contain_text("常务委员会")
        form = staff.locator("#decision-form")
        form.get_by_label("类别").select_option("decision")
        form.get_by_label("标题").fill("关于批准2027年市级财政预算调整方案的决定")
        form.get_by_label("正文").fill("批准市人民政府提出的2027年市级财政预算调整方案。")
        form.get_by_role("button", name="建立表决").click()
        expect(staff.locator("#decisions")).to_contain_text("待表决")
        matter = Matter.objects.get(title=BUDGET)

        # 6. Members sign in, the meeting opens, and the poll runs on the terminals.
        staff.goto(f"/office/meetings/{meeting.pk}/")
        for member in setting["members"]:
            staff.locator(f'tr[data-person="{member.person_id}"]').get_by_role(
                "button", name="签到"
            ).click()
        staff.get_by_role("button", name="宣布开会").click()
        expect(staff.locator("#meeting-status")).to_have_text("进行中")
        terminals = [
            open_page(m, f"/chamber/meetings/{meeting.pk}/terminal/", TABLET)
            for m in setting["members"]
        ]
        staff.goto(f"/office/decisions/matters/{matter.pk}/")
        staff.locator("#decisions").get_by_role("link", name="待开始").click()
        staff.get_by_role("link", name="主持人控制台").click()
        staff.locator("button[data-action=open]").click()
        expect(staff.locator("button[data-action=close]")).to_be_enabled()
        for terminal, label in zip(terminals, ["赞成", "赞成", "弃权"], strict=True):
            vote(terminal, label)
        staff.reload()
        expect(staff.locator("[data-field=received]")).to_have_text("3")
        staff.locator("button[data-action=close]").click()
        # The form post navigates back to the console; wait for the sealed state, never reload over it.
        expect(staff.locator("button[data-action=announce]")).to_be_enabled()
        staff.locator("button[data-action=announce]").click()
        expect(staff.locator("button[data-action=announce]")).to_be_disabled()

        # 7. The sealed result is on the decision already, without pressing 登记表决结果; the office publishes.
        staff.goto(f"/office/decisions/matters/{matter.pk}/")
        expect(staff.locator("[data-field=decision-status]")).to_have_text("已通过")
        expect(staff.get_by_role("button", name="登记表决结果")).to_have_count(0)
        expect(staff.locator("#decisions")).to_contain_text("赞成 2，反对 0，弃权 1")
        staff.get_by_role("button", name="公布").click()
        expect(staff.locator("[data-field=decision-status]")).to_have_text("已公布")
        expect(staff.locator("#matter-status")).to_have_text("已作出决定")

        # 8. The public site shows the published list and the decision, linked from 会议与决定.
        context = browser.new_context(base_url=asgi_server, locale="zh-CN", viewport=screen)
        contexts.append(context)
        public = context.new_page()
        public.on("pageerror", lambda exc: errors.append(str(exc)))
        public.goto("/meetings/")
        public.get_by_role("link", name=re.compile("重大事项决定")).click()
        expect(public.locator("#public-lists")).to_contain_text("2027年度")
        public.get_by_role("link", name="关于批准2027年市级财政预算调整方案的决定").click()
        expect(public.locator("#tally")).to_contain_text("赞成 2，反对 0，弃权 1")
        decision = Decision.objects.get()
        assert decision.status == "published" and decision.tally["result"] == "passed"
        assert decision.poll.agenda_item.disposition == "voted"
    finally:
        for context in contexts:
            context.close()
    assert not errors, f"JavaScript errors or CSP violations in the page: {errors}"
