"""Issue journey in real pages: staff put the court's special report in the plan, schedule it on an SC
meeting, the late milestones turn red, the report is deliberated, opinions are sent to the court, the
court officer replies through its queue, the handling report comes back to a later meeting, members run
a satisfaction evaluation on their terminals, the sealed result is recorded on the opinion by itself and
appears on the public site."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.browser.conftest import user_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 800, "height": 1100}
REPLY = "市中级人民法院已开展执行积案专项清理行动，执行到位率提高12个百分点。"


@pytest.fixture
def setting(users, term):
    """Three SC members with logins, the court's president (a statutory reporter), the court's officer,
    an SC meeting today and a later one."""
    from django.utils import timezone

    from renda.accounts.models import Role, User
    from renda.meetings.services import meeting_schedule
    from renda.people.models import Membership, Organization, Person, Post

    sc = Organization.objects.get(code="standing-committee")
    court = Organization.objects.get(code="court")
    members = []
    for i, name in enumerate(["周明", "吴芳", "郑强"]):
        person = Person.objects.create(name=name, gender="male")
        Membership.objects.create(person=person, organization=sc, start_date=dt.date(2022, 1, 10))
        members.append(User.objects.create(username=f"sv-sc-{i}", role=Role.MEMBER, person=person))
    post = Post.objects.create(
        organization=court, label="院长", role=Post.Role.HEAD, elected_or_appointed=True
    )
    president = Person.objects.create(name="李院长", gender="male")
    Membership.objects.create(
        person=president,
        organization=court,
        post=post,
        role=Post.Role.HEAD,
        start_date=dt.date(2022, 1, 10),
    )
    officer = User.objects.create(username="sv-court", role=Role.UNIT_OFFICER, scope=court)
    today = timezone.localdate()
    first = meeting_schedule(actor=users["staff"], kind="sc_meeting", term=term, starts_on=today)
    later = meeting_schedule(
        actor=users["staff"], kind="sc_meeting", term=term, starts_on=today + dt.timedelta(days=1)
    )
    return {
        "members": members,
        "president": president,
        "officer": officer,
        "first": first,
        "later": later,
        "today": today,
    }


def test_court_report_from_plan_to_public_evaluation(browser, asgi_server, users, setting, screen):
    from playwright.sync_api import expect

    from renda.meetings.services import attendance_sign_in, meeting_open
    from renda.supervision.models import Opinion
    from renda.voting.models import Poll

    errors: list[str] = []
    contexts = []
    today = setting["today"]

    def open_page(user, path, viewport=None):
        context, page = user_page(browser, asgi_server, user, errors, viewport or screen)
        contexts.append(context)
        page.goto(path)
        return page

    try:
        # 1. Staff draft this year's plan: the recurring obligations are in it; the court's report has one.
        staff = open_page(users["staff"], "/office/supervision/plans/")
        staff.get_by_label("年度").fill(str(today.year))
        staff.get_by_role("button", name="制定计划").click()
        expect(staff.locator("ul.messages")).to_contain_text("法定年度事项已列入")
        row = staff.locator("#plan-items tr", has_text="听取和审议人民法院专项工作报告")
        expect(row).to_contain_text("清河市中级人民法院")
        row.get_by_role("button", name="建立报告").click()
        expect(staff.locator("h1")).to_have_text("听取和审议人民法院专项工作报告")

        # 2. Schedule it on today's SC meeting with the court president as statutory reporter.
        form = staff.locator("#schedule-form")
        form.get_by_label("常委会会议").select_option(str(setting["first"].pk))
        form.get_by_label("报告人").select_option(str(setting["president"].pk))
        form.get_by_role("button", name="列入议程").click()
        expect(staff.locator("#report-status")).to_have_text("已列入会议议程")

        # 3. Milestones back-scheduled from the meeting: unmet ones past their day are red.
        on_time = (today - dt.timedelta(days=8)).isoformat()
        staff.locator("#id_step").select_option("to_members")
        staff.locator("#id_on").fill(on_time)
        staff.get_by_role("button", name="登记", exact=True).click()
        expect(staff.locator("ul.messages")).to_contain_text("已登记")
        for step in ("draft_to_committee", "revised_to_sc"):
            stone = staff.locator(f'#milestones tr[data-step="{step}"]')
            expect(stone).to_have_class(re.compile("overdue"))
            expect(stone).to_contain_text("逾期")
        expect(staff.locator('#milestones tr[data-step="to_members"]')).to_contain_text("已完成")
        expect(staff.locator('#milestones tr[data-step="to_members"]')).not_to_have_class(
            re.compile("overdue")
        )

        # 4. The report is deliberated and staff compile the opinions, then send them to the court.
        staff.locator("#deliberate-form").get_by_label("审议情况").fill(
            "组成人员认为执行工作仍有短板。"
        )
        staff.locator("#deliberate-form").get_by_role("button", name="已审议").click()
        expect(staff.locator("#report-status")).to_have_text("已审议")
        staff.locator("#compile-form").get_by_label("审议意见").fill(
            "一、加大执行积案清理力度。\n二、完善执行联动机制。"
        )
        staff.locator("#compile-form").get_by_role("button", name="保存审议意见").click()
        expect(staff.locator("#opinion-status")).to_have_text("整理中")
        staff.get_by_role("button", name="送交研究处理").click()
        expect(staff.locator("#opinion-status")).to_have_text("交办研究处理中")
        opinion = Opinion.objects.get()
        expect(staff.locator("#rounds")).to_contain_text("待签收")

        # 5. The court's officer receives it in the court's queue and sends the written handling report.
        court = open_page(setting["officer"], "/office/cases/queue/")
        court.get_by_role("link", name=opinion.title).click()

        def act(page, key, label):
            details = page.locator("details.action").filter(
                has=page.locator(f'form[action$="/act/{key}/"]')
            )
            details.locator("summary").click()
            return details

        details = act(court, "receive", "签收")
        details.get_by_role("button", name="签收", exact=True).click()
        expect(court.locator("ul.messages")).to_contain_text("已完成：签收")
        details = act(court, "reply", "答复")
        details.locator("#id_reply-text").fill(REPLY)
        details.locator("#id_reply-result_class").select_option("A")
        details.locator("#id_reply-signed_by_name").fill("李院长")
        details.get_by_label("答复可以公开").check()
        details.get_by_role("button", name="答复", exact=True).click()
        expect(court.locator("ul.messages")).to_contain_text("已完成：答复")

        # 6. The handling report is placed on the later meeting and evaluated there.
        staff.reload()
        expect(staff.locator("#rounds")).to_contain_text(REPLY[:20])
        staff.locator("#report-meeting-form").get_by_label("常委会会议").select_option(
            str(setting["later"].pk)
        )
        staff.locator("#report-meeting-form").get_by_role("button", name="列入议程").click()
        expect(staff.locator("#opinion-status")).to_have_text("处理情况报告已列入会议")
        staff.get_by_role("button", name="开展满意度测评").click()
        expect(staff.locator("#opinion-status")).to_have_text("满意度测评中")
        poll = Poll.objects.get(kind="satisfaction")
        assert poll.secrecy == "anonymous" and poll.agenda_item.meeting_id == setting["later"].pk

        # The members sign in at the later meeting and it opens (the meetings pages are their own journey).
        later = setting["later"]
        for member in setting["members"]:
            attendance_sign_in(actor=users["staff"], meeting=later, person=member.person)
        meeting_open(actor=users["staff"], meeting=later)

        # 7. Members evaluate on their terminals; the chair opens and closes the poll in the console.
        terminals = [
            open_page(m, f"/chamber/meetings/{later.pk}/terminal/", TABLET)
            for m in setting["members"]
        ]
        staff.get_by_role("link", name="表决控制台").click()
        staff.locator("button[data-action=open]").click()
        expect(staff.locator("button[data-action=close]")).to_be_enabled()
        for terminal, label in zip(terminals, ["满意", "基本满意", "不满意"], strict=True):
            terminal.get_by_role("button", name=label, exact=True).click()
            terminal.get_by_role("button", name="确认", exact=True).click()
            expect(terminal.locator(".t-recorded")).to_be_visible()
        staff.reload()
        expect(staff.locator("[data-field=received]")).to_have_text("3")
        staff.locator("button[data-action=close]").click()
        expect(staff.locator("button[data-action=close]")).to_be_disabled()
        for _ in range(50):
            poll.refresh_from_db()
            if poll.status == "sealed":
                break
            staff.wait_for_timeout(100)
        assert poll.status == "sealed" and poll.seal.tally["result"] == "satisfied"

        # 8. The sealed result is carried onto the opinion by itself: no button to press.
        staff.goto(f"/office/supervision/opinions/{opinion.pk}/")
        expect(staff.locator("#opinion-status")).to_have_text("测评满意")
        expect(staff.locator("#conclude-form")).to_have_count(0)
        expect(staff.locator("#rounds")).to_contain_text(
            "满意 1，基本满意 1，不满意 1（全体 3 人）"
        )

        # 9. The public site shows the opinion, the court's handling report and the sealed result.
        public = open_page(users["staff"], "/supervision/")
        public.context.clear_cookies()
        public.goto("/supervision/")
        expect(public.locator("#public-evaluations")).to_contain_text("满意")
        public.get_by_role("link", name=poll.title).click()
        expect(public.locator("main")).to_contain_text(REPLY)
        expect(public.locator(".evaluation-result")).to_contain_text("满意度测评结果：满意")
    finally:
        for context in contexts:
            context.close()
    assert not errors, f"JavaScript errors or CSP violations in the page: {errors}"


def test_inspection_in_progress_and_published_research_report(
    browser, asgi_server, users, setting, tmp_path, settings
):
    """An inspection goes planned → in progress → findings → report with the page's buttons; a special
    research project is carried out, its report recorded with a file and published on the public site."""
    from playwright.sync_api import expect

    from renda.supervision import services
    from renda.supervision.models import Inspection, Research

    settings.MEDIA_ROOT = tmp_path
    errors: list[str] = []
    contexts = []
    today = setting["today"]
    leader = setting["members"][0].person

    def open_page(user, path):
        context, page = user_page(browser, asgi_server, user, errors)
        contexts.append(context)
        page.goto(path)
        return page

    try:
        # Inspection: planned; the plan is sent (late: fewer than 10 days before the start), it starts,
        # the findings are compiled and the report goes to the standing committee.
        inspection = services.inspection_create(
            actor=users["staff"],
            title="检查《水污染防治法》实施情况",
            law="《水污染防治法》",
            starts_on=today + dt.timedelta(days=3),
            ends_on=today + dt.timedelta(days=6),
            team=[(leader, "leader")],
        )
        staff = open_page(users["staff"], f"/office/supervision/inspections/{inspection.pk}/")
        expect(staff.locator("#inspection-status")).to_have_text("筹备中")
        staff.locator("#id_on").fill(today.isoformat())
        staff.get_by_role("button", name="登记", exact=True).click()
        expect(staff.locator("dd.overdue")).to_contain_text("逾期")
        staff.locator("#inspection-start").get_by_role("button", name="开始检查").click()
        expect(staff.locator("#inspection-status")).to_have_text("检查中")
        staff.locator("#inspection-findings").get_by_label("发现的问题").fill(
            "部分排污口未完成整治。"
        )
        staff.get_by_role("button", name="登记发现的问题").click()
        expect(staff.locator("#inspection-status")).to_have_text("检查结束，汇总问题")
        staff.get_by_label("研究处理机关").select_option(label="清河市人民政府")
        staff.get_by_role("button", name="建立报告").click()
        expect(staff.locator("h1")).to_have_text("关于检查《水污染防治法》实施情况的报告")
        assert Inspection.objects.get().status == Inspection.Status.REPORTED

        # Research: created on the page with its team, started, reported with a file, published.
        staff.goto("/office/supervision/research/")
        form = staff.locator("#research-form")
        form.get_by_label("调研课题").fill("农村饮用水安全专题调研")
        form.get_by_label("组长").select_option(str(leader.pk))
        form.get_by_role("button", name="建立").click()
        expect(staff.locator("#research-status")).to_have_text("筹备中")
        staff.get_by_role("button", name="开始调研").click()
        expect(staff.locator("#research-status")).to_have_text("调研中")
        report = staff.locator("#research-report-form")
        report.get_by_label("调研发现的问题").fill("部分管网老化。")
        report.get_by_label("调研报告", exact=True).fill("建议三年内完成农村供水管网改造。")
        report.locator("input[type=file]").set_input_files(
            files=[
                {
                    "name": "调研报告.pdf",
                    "mimeType": "application/pdf",
                    "buffer": b"%PDF-1.4 research",
                }
            ]
        )
        report.get_by_role("button", name="登记调研报告").click()
        expect(staff.locator("#research-status")).to_have_text("已形成调研报告")
        staff.get_by_role("button", name="在门户网站公开").click()
        expect(staff.locator("#research-published")).to_contain_text("已在门户网站公开")
        research = Research.objects.get()
        assert research.published and research.attachment

        public = open_page(users["staff"], "/supervision/")
        public.context.clear_cookies()
        public.goto("/supervision/")
        public.get_by_role("link", name="查看公开的专题调研报告").click()
        public.get_by_role("link", name="农村饮用水安全专题调研").click()
        expect(public.locator("#research-report")).to_contain_text(
            "建议三年内完成农村供水管网改造。"
        )
        with public.expect_download() as download:
            public.get_by_role("link", name="下载调研报告文件").click()
        with open(download.value.path(), "rb") as f:
            assert f.read() == b"%PDF-1.4 research"
    finally:
        for context in contexts:
            context.close()
    assert not errors, f"JavaScript errors or CSP violations in the page: {errors}"
