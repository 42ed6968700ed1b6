"""At the door: the clerk ticks everyone present with one 全选 and signs them in at once,
on a phone as at a desk."""

from __future__ import annotations

import pytest

from tests.browser.conftest import user_page as _context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_select_all_and_sign_in_at_once(browser, asgi_server, term, users):
    from playwright.sync_api import expect

    from renda.meetings.models import Attendance
    from renda.voting.tests.conftest import build_body

    body = build_body(term, 6, prefix="b")
    Attendance.objects.bulk_create(
        [Attendance(meeting=body.meeting, person=v.person, role="voting") for v in body.voters]
    )
    errors: list[str] = []
    context, page = _context(
        browser, asgi_server, users["staff"], errors, {"width": 375, "height": 900}
    )
    try:
        page.goto(f"/office/meetings/{body.meeting.pk}/")
        ticks = page.locator('input[form="bulk-sign-in"]')
        expect(ticks).to_have_count(6)
        page.get_by_label("全选未签到").check()
        expect(page.locator('input[form="bulk-sign-in"]:checked')).to_have_count(6)
        ticks.nth(0).uncheck()  # one has not arrived
        page.get_by_role("button", name="为勾选的人员签到").click()
        expect(page.locator("ul.messages")).to_contain_text("已签到 5 人")
        expect(page.locator('input[form="bulk-sign-in"]')).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()
    assert Attendance.objects.filter(meeting=body.meeting, status="present").count() == 5
    assert not errors, f"JavaScript errors or CSP violations in the page: {errors}"
