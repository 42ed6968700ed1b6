"""A full anonymous decision on the chamber screens, in a real Chromium against uvicorn.

The lean cast route and the SSE streams live in front of Django (config/asgi.py), so
this test serves the real ASGI application with uvicorn in a thread instead of
Django's WSGI live server.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import user_page as _context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_decision_on_terminal_big_screen_and_console(browser, asgi_server, term, users):
    from playwright.sync_api import expect

    from renda.voting.models import Ballot, Poll
    from renda.voting.services import poll_create
    from renda.voting.tests.conftest import build_body

    body = build_body(term, 3, prefix="b")
    body.sign_in()
    staff = users["staff"]
    poll = poll_create(
        actor=staff, agenda_item=body.item, kind="decision", title="关于测试事项的决定"
    )
    errors: list[str] = []
    contexts = []

    def open_page(user, path, viewport=None):
        context, page = _context(browser, asgi_server, user, errors, viewport)
        contexts.append(context)
        page.goto(path)
        return page

    try:
        console = open_page(staff, f"/chamber/polls/{poll.pk}/console/")
        big = open_page(
            staff, f"/chamber/meetings/{body.meeting.pk}/screen/", {"width": 1600, "height": 900}
        )
        tablet = {"width": 800, "height": 1100}
        terminals = [
            open_page(u, f"/chamber/meetings/{body.meeting.pk}/terminal/", tablet)
            for u in body.voters
        ]
        expect(console.locator("button[data-action=announce]")).to_be_disabled()

        console.locator("button[data-action=open]").click()
        main = big.locator("main[data-screen=big]")
        expect(main).to_have_attribute("data-status", "open")
        expect(big.locator("[data-field=title]")).to_have_text("关于测试事项的决定")
        expect(big.locator("[data-field=entitled]")).to_have_text("3")
        expect(big.locator("[data-field=present]")).to_have_text("3")
        expect(big.locator("[data-field=received]")).to_have_text("0")

        for page, label in zip(terminals, ["赞成", "反对", "赞成"], strict=True):
            page.get_by_role("button", name=label, exact=True).click()
            expect(page.locator("[data-field=chosen]")).to_have_text(label)
            page.get_by_role("button", name="确认", exact=True).click()
            expect(page.locator(".t-recorded")).to_have_text("已记录")
            expect(page.locator("[data-field=receipt]")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))

        expect(big.locator("[data-field=received]")).to_have_text("3")
        # While open the big screen shows "received" only: no result, no option counts.
        expect(big.locator("[data-block=result]")).to_be_hidden()
        assert "赞成" not in big.locator("main").inner_text()
        # A receipt is the hash of a ballot in the box.
        receipt = terminals[0].locator("[data-field=receipt]").inner_text()
        assert Ballot.objects.filter(poll=poll, hash=receipt).exists()

        # Reconnecting: a reloaded terminal shows its receipt; a fresh device knows it voted.
        terminals[0].reload()
        expect(terminals[0].locator(".t-recorded")).to_be_visible()
        expect(terminals[0].locator("[data-field=receipt]")).to_have_text(receipt)
        fresh = open_page(body.voters[1], f"/chamber/meetings/{body.meeting.pk}/terminal/", tablet)
        expect(fresh.locator(".t-recorded")).to_be_visible()
        expect(fresh.locator("[data-block=choose]")).to_be_hidden()

        console.reload()
        expect(console.locator("[data-field=received]")).to_have_text("3")
        console.locator("button[data-action=close]").click()
        expect(main).to_have_attribute("data-status", "sealed")
        expect(big.locator("[data-field=verdict]")).to_have_text("通过")
        counts = big.locator("[data-field=counts]").inner_text()
        assert re.search(r"2\s*赞成", counts) and re.search(r"1\s*反对", counts), counts
        assert re.search(r"0\s*弃权", counts) and re.search(r"0\s*未按", counts), counts
        expect(big.locator("[data-field=threshold]")).to_have_text("2")
        sealed = Poll.objects.get(pk=poll.pk)
        expect(big.locator("[data-field=fingerprint]")).to_have_text(sealed.seal.fingerprint)

        expect(console.locator("button[data-action=announce]")).to_be_enabled()
        expect(console.locator("button[data-action=close]")).to_be_disabled()
        console.locator("button[data-action=announce]").click()
        expect(big.locator("[data-field=status_text]")).to_contain_text("已宣布")
        assert Poll.objects.get(pk=poll.pk).announced_at is not None
    finally:
        for context in contexts:
            context.close()
    assert not errors, f"JavaScript errors or CSP violations in the page: {errors}"
