"""A member on a phone reaches the terminal from 我的待办 in one click during a live vote,
votes there, and finds the office menu behind the 菜单 button."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import user_page as _context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def test_one_click_from_home_to_the_terminal_on_a_phone(browser, asgi_server, term, users):
    from playwright.sync_api import expect

    from renda.voting.models import Ballot
    from renda.voting.services import poll_create, poll_open
    from renda.voting.tests.conftest import build_body

    body = build_body(term, 3, prefix="h")
    body.sign_in()
    poll = poll_create(
        actor=users["staff"], agenda_item=body.item, kind="decision", title="关于测试事项的决定"
    )
    poll_open(actor=users["leader"], poll=poll)
    errors: list[str] = []
    context, page = _context(browser, asgi_server, body.voters[0], errors, PHONE)
    try:
        page.goto("/office/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        # The menu is folded on a phone and opens with the 菜单 button.
        expect(page.locator("#sidenav")).to_be_hidden()
        page.get_by_role("button", name="菜单").click()
        expect(page.locator("#sidenav")).to_be_visible()
        page.get_by_role("button", name="菜单").click()
        expect(page.locator("#sidenav")).to_be_hidden()

        card = page.locator(".card.urgent")
        expect(card).to_contain_text("关于测试事项的决定")
        card.get_by_role("link", name="进入表决").click()
        expect(page).to_have_url(re.compile(rf"/chamber/meetings/{body.meeting.pk}/terminal/$"))
        page.get_by_role("button", name="赞成", exact=True).click()
        page.get_by_role("button", name="确认", exact=True).click()
        expect(page.locator(".t-recorded")).to_have_text("已记录")
        receipt = page.locator("[data-field=receipt]")
        expect(receipt).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
        assert Ballot.objects.filter(poll=poll).count() == 1
        # Voted: the home no longer asks.
        page.goto("/office/")
        expect(page.locator(".card.urgent")).to_have_count(0)
    finally:
        context.close()
    assert not errors, f"JavaScript errors or CSP violations in the page: {errors}"
