"""Local legislation in real pages: a draft regulation read twice goes out for public comment
(a refused 20-day period keeps the typed dates and says why), a citizen on a phone comments
on two of its articles and keeps the tracking codes, the office publishes the comments,
groups them under one question and records how they were handled; the third reading, the
unified review and the vote on the members' terminals pass the regulation on their own, the
office records the province's approval and the promulgation and publishes the feedback,
which the citizen reads with the published comments, never the writer's name or phone.
Run with the office at a desk and on a phone; the citizen is always on a phone.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.browser.conftest import SCREENS, user_page
from tests.browser.test_meeting_voting_journey import TABLET, committee, run_poll_on_screens

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
committee = committee  # the three members with logins (a fixture)

PHONE = "13987654321"
NAME = "林晓燕"
TITLE = "清河市养犬管理条例"
DRAFT_V1 = """\
第一章　总则
第一条　为了规范养犬行为，维护市容环境和社会公共秩序，根据有关法律、行政法规，结合本市实际，制定本条例。
第二条　本条例适用于本市行政区域内的养犬及其相关管理活动。
第三条　市公安机关是本市养犬管理的主管部门，负责组织实施本条例。
第二章　养犬管理
第四条　个人饲养犬只的，应当向居住地公安派出所办理养犬登记。
第五条　携犬出户的，应当为犬只佩戴犬牌并束犬链，犬链长度不得超过二米。
第六条　禁止携犬进入学校、医院、商场等公共场所。
"""
DRAFT_V2 = DRAFT_V1.replace("不得超过二米", "不得超过一点五米").replace(
    "向居住地公安派出所办理养犬登记", "自取得犬只之日起三十日内向居住地公安派出所办理养犬登记"
)
ON_ARTICLE_4 = "建议允许在网上办理养犬登记，三十日期限可以适当延长。"
ON_ARTICLE_5 = "一点五米的犬链在电梯里仍然偏长，建议进入电梯时收紧犬链。"
GROUP = "登记办理和犬链长度"
REASON = "登记可网上办理已写入第四条；犬链长度维持一点五米，电梯内收紧犬链另行规定。"
FEEDBACK = "征求意见期间共收到网上意见2条，主要涉及养犬登记和犬链长度，已部分采纳。"


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def meeting(term, committee):
    """A standing-committee meeting in session today, the three members signed in."""
    from renda.meetings.models import Attendance, Meeting
    from renda.people.models import Organization

    sc = Organization.objects.get(code="standing-committee")
    m = Meeting.objects.create(
        kind="sc_meeting", body=sc, term=term, number=30, title="常委会第三十次会议",
        starts_on=today(), ends_on=today(), status=Meeting.Status.IN_PROGRESS,
    )  # fmt: skip
    for member in committee["members"]:
        Attendance.objects.create(meeting=m, person=member.person, role="voting", status="present")
    return m


@pytest.fixture
def project(users, term):
    """The dog regulation, submitted and read twice at past meetings, its second draft
    (二审稿) sent to the members on the day of the first reading."""
    from renda.legislation import services
    from renda.meetings.models import Meeting
    from renda.people.models import Organization

    staff = users["staff"]
    sc = Organization.objects.get(code="standing-committee")
    p = services.project_create(
        actor=staff, title=TITLE, proposer="government", proposer_name="清河市人民政府",
        drafter="市公安局", proposed_on=today() - dt.timedelta(days=60),
    )  # fmt: skip
    services.project_argue(actor=staff, project=p, argued_on=today() - dt.timedelta(days=50), argument="养犬纠纷多发，立法必要且可行。")  # fmt: skip
    services.project_add_version(
        actor=staff, project=p, label="草案", text=DRAFT_V1, explanation="关于草案的说明。",
        sent_on=today() - dt.timedelta(days=30),
    )  # fmt: skip
    services.project_submit(actor=staff, project=p, submitted_on=today() - dt.timedelta(days=25))
    past = []
    for number, days in ((28, 14), (29, 7)):
        day = today() - dt.timedelta(days=days)
        m = Meeting.objects.create(
            kind="sc_meeting", body=sc, term=term, number=number, title=f"常委会第{number}次会议",
            starts_on=day, ends_on=day, status=Meeting.Status.SCHEDULED,
        )  # fmt: skip
        p.refresh_from_db()
        reading = services.project_schedule_reading(actor=staff, project=p, meeting=m)
        services.project_record_reading(actor=staff, project=p, reading=reading, held_on=day, opinions="组成人员普遍赞成，建议完善犬链长度的规定。")  # fmt: skip
        if number == 28:
            services.project_add_version(actor=staff, project=p, label="二审稿", text=DRAFT_V2, sent_on=day)  # fmt: skip
        past.append(m.pk)
    Meeting.objects.filter(pk__in=past).update(status=Meeting.Status.CLOSED)
    p.refresh_from_db()
    assert p.status == "in_reading" and p.readings_required == 3
    return p


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _comment(citizen, article: str, body: str, seen: list[str], *, name: str = "") -> str:
    """From the draft's page: comment on one article; the first try is empty and refused.
    The public pages shown after the form go to ``seen``."""
    from playwright.sync_api import expect

    citizen.get_by_role("link", name=f"对{article}提意见").click()
    expect(citizen.locator("h1")).to_have_text("对法规草案提出意见")
    expect(citizen.locator("main")).to_contain_text(article)
    _no_sideways_scroll(citizen, SCREENS["phone"]["width"])
    form = citizen.locator("#comment-form")
    if name:
        form.get_by_label("姓名").fill(name)
    form.get_by_label("联系方式").fill(PHONE)
    form.get_by_role("button", name="提交意见").click()
    expect(citizen.get_by_text("请填写意见内容")).to_be_visible()
    form = citizen.locator("#comment-form")
    expect(form.get_by_label("联系方式")).to_have_value(PHONE)  # kept
    form.get_by_label("意见内容").fill(body)
    form.get_by_role("button", name="提交意见").click()
    expect(citizen.locator("h1")).to_have_text("意见已提交")
    code = citizen.locator("#tracking-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    _no_sideways_scroll(citizen, SCREENS["phone"]["width"])
    seen.append(citizen.content())
    citizen.get_by_role("link", name="返回草案").click()
    expect(citizen.locator("#draft-text")).to_be_visible()
    seen.append(citizen.content())
    return code


def test_a_draft_from_public_comment_to_the_published_feedback(
    browser, asgi_server, users, committee, meeting, project, screen
):
    from playwright.sync_api import expect

    from renda.legislation.models import CommentGroup, PublicComment

    phone = SCREENS["phone"]
    v2 = project.versions.get(number=2)
    detail = f"/office/legislation/{project.pk}/"
    errors: list[str] = []
    contexts = []
    public_html: list[str] = []

    def open_page(user, path, viewport=None):
        context, page = user_page(browser, asgi_server, user, errors, viewport or screen)
        contexts.append(context)
        page.goto(path)
        return page

    def step(page, verb):
        """A step of the project's page, unfolded when the procedure does not expect it."""
        form = page.locator(f"#{verb}-form")
        if not form.is_visible():
            page.locator(f"#step-{verb} > summary").click()
        expect(form).to_be_visible()
        return form

    try:
        # 1. The office publishes the second draft for comment: 20 days are too few.
        staff = open_page(users["staff"], detail)
        expect(staff.locator("#project-status")).to_have_text("审议中")
        expect(staff.locator("#readings-line")).to_contain_text("已审议 2 次，应审议 3 次")
        form = step(staff, "open_comment")
        form.get_by_label("草案版本").select_option(str(v2.pk))
        form.get_by_label("开始日期").fill(today().isoformat())
        form.get_by_label("截止日期").fill((today() + dt.timedelta(days=19)).isoformat())
        form.get_by_role("button", name="公布").click()
        expect(staff.get_by_text("向社会公布征求意见的时间不少于30日（立法法第40条）。")).to_be_visible()  # fmt: skip
        form = staff.locator("#open_comment-form")
        expect(form.get_by_label("草案版本")).to_have_value(str(v2.pk))
        expect(form.get_by_label("开始日期")).to_have_value(today().isoformat())
        expect(form.get_by_label("截止日期")).to_have_value((today() + dt.timedelta(days=19)).isoformat())  # fmt: skip
        closes = today() + dt.timedelta(days=29)
        form.get_by_label("截止日期").fill(closes.isoformat())
        form.get_by_role("button", name="公布").click()
        expect(staff.get_by_text("草案已公布征求意见。")).to_be_visible()
        expect(staff.locator(f'tr[data-version="{v2.pk}"]')).to_contain_text(
            f"{today().isoformat()} – {closes.isoformat()}"
        )

        # 2. A citizen on a phone comments on two articles and keeps the tracking codes.
        public = browser.new_context(base_url=asgi_server, locale="zh-CN", viewport=phone)
        contexts.append(public)
        citizen = public.new_page()
        citizen.on("pageerror", lambda exc: errors.append(str(exc)))
        citizen.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)  # fmt: skip
        citizen.goto("/legislation/")
        open_drafts = citizen.locator("#open-drafts")
        expect(open_drafts).to_contain_text(f"征求意见：{today().isoformat()} 至 {closes.isoformat()}")  # fmt: skip
        _no_sideways_scroll(citizen, phone["width"])
        open_drafts.get_by_role("link", name=f"{TITLE}（二审稿）").click()
        expect(citizen.locator("h1")).to_have_text(f"{TITLE}（二审稿）")
        expect(citizen.locator("h1 + p .badge")).to_have_text("正在征求意见")
        expect(citizen.locator("#draft-text")).to_contain_text("犬链长度不得超过一点五米")
        _no_sideways_scroll(citizen, phone["width"])
        codes = [
            _comment(citizen, "第四条", ON_ARTICLE_4, public_html),
            _comment(citizen, "第五条", ON_ARTICLE_5, public_html, name=NAME),
        ]
        expect(citizen.locator("#public-comments")).to_contain_text("还没有公开的意见。")
        assert codes[0] != codes[1]

        # 3. The office publishes both comments, groups them and records the handling.
        staff.goto("/office/legislation/comments/")
        expect(staff.locator("article.comment")).to_have_count(2)
        expect(staff.locator("main")).to_contain_text(PHONE)  # the office may call back
        for body in (ON_ARTICLE_4, ON_ARTICLE_5):
            card = staff.locator("article.comment", has_text=body)
            expect(card.locator(".badge")).to_have_text("待审核")
            card.get_by_role("button", name="公开", exact=True).click()
            expect(staff.get_by_text("意见已公开。")).to_be_visible()
        expect(staff.get_by_text("没有符合条件的意见。")).to_be_visible()
        staff.goto(detail)
        expect(staff.locator("#comments")).to_contain_text("共收到 2 条意见。")
        form = step(staff, "group_comments")
        form.get_by_label(re.compile("第四条：")).check()
        form.get_by_label(re.compile("第五条：")).check()
        form.get_by_label("或新建归类").fill(GROUP)
        form.get_by_role("button", name="归类").click()
        expect(staff.get_by_text("已办理。")).to_be_visible()
        row = staff.locator("#comments tr", has_text=GROUP)
        expect(row).to_contain_text("研究中")
        group = CommentGroup.objects.get()
        form = step(staff, "decide_group")
        form.get_by_label("归类").select_option(str(group.pk))
        form.get_by_label("处理情况").select_option("partly")
        form.get_by_label("理由").fill(REASON)
        form.get_by_role("button", name="保存").click()
        expect(row).to_contain_text("部分采纳")
        expect(row).to_contain_text(REASON)
        expect(row.locator("td.num")).to_have_text("2")

        # 4. The third reading at today's meeting, the unified review and the vote.
        form = step(staff, "schedule_reading")
        form.get_by_label("常委会会议").select_option(str(meeting.pk))
        form.get_by_role("button", name="列入议程").click()
        expect(staff.get_by_text("已列入会议议程。")).to_be_visible()
        expect(staff.locator("#readings")).to_contain_text("已列入议程")
        form = step(staff, "record_reading")
        form.locator("select[name=reading]").select_option(label="第3次审议 · 常委会第三十次会议")
        form.get_by_label("审议日期").fill(today().isoformat())
        form.get_by_label("审议意见摘要").fill("组成人员认为草案修改稿已经比较成熟，建议交付表决。")
        form.get_by_role("button", name="登记").click()
        expect(staff.get_by_text("审议情况已登记。")).to_be_visible()
        expect(staff.locator("#readings-line")).to_contain_text("已审议 3 次，应审议 3 次")
        form = step(staff, "review")
        form.get_by_label("统一审议日期").fill(today().isoformat())
        form.get_by_label("审议结果的报告").fill("法制委员会对草案进行了统一审议，建议本次会议审议通过。")  # fmt: skip
        form.get_by_role("button", name="登记").click()
        expect(staff.locator("#project-status")).to_have_text("统一审议完毕")
        form = step(staff, "put_to_vote")
        form.get_by_label("常委会会议").select_option(str(meeting.pk))
        form.get_by_role("button", name="列入表决").click()
        expect(staff.get_by_text("已列入表决。")).to_be_visible()
        expect(staff.locator("#project-status")).to_have_text("交付表决")
        big = open_page(users["staff"], f"/chamber/meetings/{meeting.pk}/screen/", {"width": 1600, "height": 900})  # fmt: skip
        terminals = [
            open_page(m, f"/chamber/meetings/{meeting.pk}/terminal/", TABLET)
            for m in committee["members"]
        ]
        staff.locator("#vote-line").get_by_role("link", name="表决进行中").click()
        run_poll_on_screens(staff, big, terminals, ["赞成", "赞成", "赞成"], "通过")
        staff.goto(detail)  # the seal carried the result on its own
        expect(staff.locator("#project-status")).to_have_text("已通过")
        expect(staff.locator("#vote-line")).to_contain_text("赞成 3，反对 0，弃权 0")

        # 5. Approval by the province, promulgation, and the feedback published.
        form = step(staff, "send_for_approval")
        form.get_by_label("报请日期").fill(today().isoformat())
        form.get_by_role("button", name="登记报请").click()
        expect(staff.locator("#project-status")).to_have_text("报请批准")
        form = step(staff, "record_approval")
        form.get_by_label("批准日期").fill(today().isoformat())
        form.get_by_label("批准文件").fill("省人大常委会关于批准《清河市养犬管理条例》的决定")
        form.get_by_role("button", name="登记").click()
        expect(staff.locator("#project-status")).to_have_text("已批准")
        effective = today() + dt.timedelta(days=90)
        form = step(staff, "promulgate")
        form.get_by_label("公布日期").fill(today().isoformat())
        form.get_by_label("公告文号").fill("清河市人民代表大会常务委员会公告第12号")
        form.get_by_label("施行日期").fill(effective.isoformat())
        form.get_by_role("button", name="登记").click()
        expect(staff.locator("#project-status")).to_have_text("已公布")
        expect(staff.locator("#steps")).to_contain_text(f"{effective.isoformat()} 起施行")
        form = step(staff, "publish_feedback")
        form.get_by_label("征求意见情况通报").fill(FEEDBACK)
        form.get_by_role("button", name="公布").click()
        expect(staff.locator("#feedback")).to_contain_text(FEEDBACK)
        _no_sideways_scroll(staff, screen["width"])

        # 6. The citizen reads how the comments were handled, and the published comments.
        citizen.goto("/legislation/")
        public_html.append(citizen.content())
        citizen.locator("#feedback-list").get_by_role("link", name=TITLE).click()
        expect(citizen.locator("h1")).to_have_text(TITLE)
        expect(citizen.locator("main")).to_contain_text("清河市人民代表大会常务委员会公告第12号")
        expect(citizen.locator("#feedback")).to_contain_text(FEEDBACK)
        row = citizen.locator("tr", has_text=GROUP)
        expect(row).to_contain_text("部分采纳")
        expect(row).to_contain_text(REASON)
        _no_sideways_scroll(citizen, phone["width"])
        public_html.append(citizen.content())
        citizen.get_by_role("link", name="二审稿").click()
        comments = citizen.locator("#public-comments")
        expect(comments).to_contain_text(ON_ARTICLE_4)
        expect(comments).to_contain_text(ON_ARTICLE_5)
        expect(citizen.locator("#article-5")).to_contain_text("1 条公开意见")
        _no_sideways_scroll(citizen, phone["width"])
        public_html.append(citizen.content())
        # The tracking code tells the writer how their comment was handled.
        citizen.goto("/legislation/track/")
        citizen.locator("#track-form").get_by_label("查询码").fill(codes[1].lower())
        citizen.locator("#track-form").get_by_role("button", name="查询").click()
        expect(citizen.locator("#track-status")).to_have_text("已公开")
        expect(citizen.locator("#track-handling")).to_contain_text("部分采纳")
        _no_sideways_scroll(citizen, phone["width"])
        public_html.append(citizen.content())
        for html in public_html:
            assert PHONE not in html and NAME not in html
    finally:
        for c in contexts:
            c.close()
    project.refresh_from_db()
    assert project.status == "promulgated" and project.voted_on == today()
    assert project.tally["yes"] == 3 and project.feedback_published_at is not None
    assert project.readings.filter(status="held").count() == 3
    group = CommentGroup.objects.get()
    assert group.handling == "partly" and group.comments.count() == 2
    assert set(PublicComment.objects.values_list("status", flat=True)) == {"published"}
    assert set(PublicComment.objects.values_list("contact", flat=True)) == {PHONE}
    assert {c.provision.label for c in PublicComment.objects.all()} == {"第四条", "第五条"}
    # The refused tries are answered 400 on purpose (the page shows why).
    assert [e for e in errors if "status of 400" not in e] == []
