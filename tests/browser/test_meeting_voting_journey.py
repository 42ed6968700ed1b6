"""Issue journey in real pages: an SC meeting is scheduled, members sign in, and a decision,
an appointment and a satisfaction evaluation are voted on the terminals while the big screen
shows only "received" until the seal; a competitive election with a write-in and a void
ballot elects the right person."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.browser.conftest import user_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 800, "height": 1100}


@pytest.fixture
def committee(users, term):
    """A standing committee of three members with logins."""
    from renda.accounts.models import Role, User
    from renda.people.models import Membership, Organization, Person

    sc = Organization.objects.get(code="standing-committee")
    members = []
    for i, name in enumerate(["周明", "吴芳", "郑强"]):
        person = Person.objects.create(name=name, gender="male")
        Membership.objects.create(person=person, organization=sc, start_date=dt.date(2022, 1, 10))
        members.append(User.objects.create(username=f"sc-{i}", role=Role.MEMBER, person=person))
    nominee = Person.objects.create(name="张教育", gender="male", occupation="清河市教育局副局长")
    return {"members": members, "nominee": nominee}


def vote(terminal, label):
    from playwright.sync_api import expect

    terminal.get_by_role("button", name=label, exact=True).click()
    terminal.get_by_role("button", name="确认", exact=True).click()
    expect(terminal.locator(".t-recorded")).to_be_visible()


def run_poll_on_screens(staff_page, big, terminals, labels, expected_verdict):
    """Open the poll in the chair console, vote on every terminal, close, check the big screen."""
    from playwright.sync_api import expect

    staff_page.get_by_role("link", name="主持人控制台").click()
    staff_page.locator("button[data-action=open]").click()
    main = big.locator("main[data-screen=big]")
    expect(main).to_have_attribute("data-status", "open")
    for terminal, label in zip(terminals, labels, strict=True):
        vote(terminal, label)
    expect(big.locator("[data-field=received]")).to_have_text(str(len(terminals)))
    # The receipt stays in the tab only (never localStorage on a shared seat)…
    local, session = terminals[0].evaluate(
        "() => [Object.keys(localStorage), Object.keys(sessionStorage)]"
    )
    assert not [k for k in local if k.startswith("renda-")], local
    assert any(k.startswith("renda-receipt-") for k in session), session
    expect(big.locator("[data-block=result]")).to_be_hidden()
    shown = (
        big.locator("main").inner_text().replace(big.locator("[data-field=title]").inner_text(), "")
    )
    for label in set(labels):
        assert label not in shown, f"an option label is on the big screen before the seal: {label}"
    staff_page.reload()
    staff_page.locator("button[data-action=close]").click()
    expect(main).to_have_attribute("data-status", "sealed")
    expect(big.locator("[data-field=verdict]")).to_have_text(expected_verdict)
    # …and only while the poll is open: the sealed poll's receipt is forgotten.
    terminals[0].wait_for_function(
        "() => !Object.keys(sessionStorage).some(k => k.startsWith('renda-receipt-'))",
        timeout=10_000,
    )
    expect(big.locator("[data-field=fingerprint]")).to_have_text(re.compile(r"^[0-9a-f]{16,}"))


def test_sc_meeting_decision_appointment_and_satisfaction(
    browser, asgi_server, users, committee, screen
):
    from playwright.sync_api import expect

    from renda.meetings.models import Meeting
    from renda.voting.models import Poll

    errors: list[str] = []
    contexts = []

    def open_page(user, path, viewport=None):
        context, page = user_page(browser, asgi_server, user, errors, viewport or screen)
        contexts.append(context)
        page.goto(path)
        return page

    try:
        staff = open_page(users["staff"], "/office/meetings/new/")
        staff.get_by_label("会议类别").select_option("sc_meeting")
        staff.get_by_label("开始日期").fill("2026-12-10")
        staff.get_by_role("button", name=re.compile("保存")).click()
        expect(staff.locator("h1")).to_contain_text("常务委员会")
        meeting = Meeting.objects.get()
        for kind, title in [
            ("motion", "关于《清河市城市绿化条例（草案）》的议案"),
            ("appointment", "关于任命张教育为清河市教育局局长的议案"),
            ("other", "对市人民政府关于审议意见研究处理情况报告的满意度测评"),
        ]:
            staff.get_by_role("link", name="新增议程事项").click()
            staff.get_by_label("议题类别").select_option(kind)
            staff.locator("#id_title").fill(title)
            staff.get_by_role("button", name=re.compile("保存")).click()
            expect(staff.locator("#agenda")).to_contain_text(title)

        # Staff sign the three members in; the quorum (more than half of all members) is met.
        for member in committee["members"]:
            staff.locator(f'tr[data-person="{member.person_id}"]').get_by_role(
                "button", name="签到"
            ).click()
        expect(staff.locator("#quorum, .quorum").first).to_contain_text("3")
        staff.get_by_role("button", name="宣布开会").click()
        expect(staff.locator("#meeting-status")).to_have_text("进行中")

        big = open_page(
            users["staff"],
            f"/chamber/meetings/{meeting.pk}/screen/",
            {"width": 1600, "height": 900},
        )
        terminals = [
            open_page(m, f"/chamber/meetings/{meeting.pk}/terminal/", TABLET)
            for m in committee["members"]
        ]

        # 1. An anonymous decision.
        staff.goto(f"/office/voting/meetings/{meeting.pk}/")
        staff.locator("tr[data-item]").nth(0).get_by_role("link", name="新建表决").click()
        staff.get_by_role("button", name="保存").click()
        run_poll_on_screens(staff, big, terminals, ["赞成", "反对", "赞成"], "通过")

        # 2. A per-person appointment.
        staff.goto(f"/office/voting/meetings/{meeting.pk}/")
        staff.locator("tr[data-item]").nth(1).get_by_role("link", name="新建表决").click()
        staff.get_by_label("被任免人（逐人表决）").select_option(str(committee["nominee"].pk))
        staff.get_by_role("button", name="保存").click()
        run_poll_on_screens(staff, big, terminals, ["赞成", "弃权", "反对"], "未通过")

        # 3. A satisfaction evaluation (满意 + 基本满意 count as satisfied by default).
        staff.goto(f"/office/voting/meetings/{meeting.pk}/")
        staff.locator("tr[data-item]").nth(2).get_by_role("link", name="新建表决").click()
        staff.get_by_label("表决类别").select_option("satisfaction")
        staff.get_by_role("button", name="保存").click()
        run_poll_on_screens(staff, big, terminals, ["满意", "基本满意", "不满意"], "满意")

        tallies = {p.kind: p.seal.tally for p in Poll.objects.select_related("seal")}
        assert (tallies["decision"]["yes"], tallies["decision"]["no"]) == (2, 1)
        assert (
            tallies["appointment"]["result"] == "failed"
            and tallies["appointment"]["threshold"] == 2
        )
        assert tallies["satisfaction"]["result"] == "satisfied"
    finally:
        for context in contexts:
            context.close()
    assert not errors, f"JavaScript errors or CSP violations in the page: {errors}"


def test_competitive_election_with_a_write_in_and_a_void_ballot(browser, asgi_server, term, users):
    from playwright.sync_api import expect

    from renda.voting import services
    from renda.voting.models import Poll
    from renda.voting.tests.conftest import build_body

    body = build_body(term, 5, kind="congress_session", prefix="e")
    body.sign_in()
    x, y, w = (v.person for v in body.voters[:3])
    poll = services.poll_create(
        actor=users["staff"],
        agenda_item=body.item,
        kind="election",
        seats=1,
        candidates=[x, y],
        title="选举清河市人民代表大会常务委员会副主任",
    )
    services.poll_open(actor=users["leader"], poll=poll)
    errors: list[str] = []
    contexts = []
    try:
        pages = []
        for voter in body.voters[3:]:
            context, page = user_page(browser, asgi_server, voter, errors, TABLET)
            contexts.append(context)
            page.goto(f"/chamber/meetings/{body.meeting.pk}/terminal/")
            pages.append(page)
        writer, spoiler = pages
        # A write-in (另选他人) of an eligible person who is not on the slate.
        expect(writer.get_by_text("最多可选 1 人")).to_be_visible()
        writer.get_by_label("另选他人").select_option(str(w.pk))
        writer.get_by_role("button", name="添加").click()
        writer.get_by_role("button", name="提交选票").click()
        expect(writer.locator("[data-field=chosen]")).to_contain_text(w.name)
        writer.get_by_role("button", name="确认", exact=True).click()
        expect(writer.locator(".t-recorded")).to_be_visible()
        # Ticking both candidates for one seat: warned, and the ballot is void.
        spoiler.get_by_label(x.name).check()
        spoiler.get_by_label(y.name).check()
        expect(spoiler.locator(".t-over")).to_be_visible()
        spoiler.get_by_role("button", name="提交选票").click()
        expect(spoiler.locator("[data-field=chosen]")).to_contain_text("废票")
        spoiler.get_by_role("button", name="确认", exact=True).click()
        expect(spoiler.locator(".t-recorded")).to_be_visible()
        for voter in body.voters[:3]:
            services.ballot_cast(
                actor=voter, poll=poll, choice={"candidates": [x.pk], "write_ins": []}
            )
        services.poll_close(actor=users["leader"], poll=poll)
        tally = Poll.objects.get(pk=poll.pk).seal.tally
        assert tally["votes"] == {str(x.pk): 3, str(y.pk): 0, str(w.pk): 1}
        assert tally["void"] == 1 and tally["elected"] == [x.pk] and tally["result"] == "complete"
        # The staff record shows the winner.
        context, staff = user_page(browser, asgi_server, users["staff"], errors)
        contexts.append(context)
        staff.goto(f"/office/voting/polls/{poll.pk}/")
        row = staff.locator("#result tr", has_text=x.name)
        expect(row).to_contain_text("当选")
        expect(staff.locator("#result")).to_contain_text("废票")
    finally:
        for context in contexts:
            context.close()
    assert not errors, f"JavaScript errors or CSP violations in the page: {errors}"
