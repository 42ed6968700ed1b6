"""The new-poll form asks only what the chosen kind needs: a decision shows no person lists,
an appointment its nominee, an election its candidates (ticks with a search box) and seats;
what was typed for another kind is ignored when saving."""

from __future__ import annotations

import pytest

from tests.browser.conftest import user_page as _context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_poll_form_follows_the_kind_and_saves_an_election(browser, asgi_server, term, users):
    from playwright.sync_api import expect

    from renda.voting.models import Poll
    from renda.voting.tests.conftest import build_body

    body = build_body(term, 4, prefix="f")
    errors: list[str] = []
    for width in (375, 1366):
        context, page = _context(
            browser, asgi_server, users["staff"], errors, {"width": width, "height": 900}
        )
        try:
            page.goto(f"/office/voting/items/{body.item.pk}/new/")
            candidates = page.locator(".field[data-show-for=election]").filter(has_text="候选人")
            nominee = page.locator(".field[data-show-for=appointment]").first
            expect(candidates).to_be_hidden()
            expect(nominee).to_be_hidden()
            page.get_by_label("表决类别").select_option("appointment")
            expect(nominee).to_be_visible()
            expect(candidates).to_be_hidden()
            page.get_by_label("表决类别").select_option("election")
            expect(candidates).to_be_visible()
            expect(nominee).to_be_hidden()
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            if width == 1366:
                # The search box narrows the ticks to the matching names.
                page.get_by_label("筛选候选人").fill("f委员1")
                visible = candidates.locator(".pick-list label:visible")
                expect(visible).to_have_count(1)
                visible.first.click()
                page.get_by_label("筛选候选人").fill("f委员2")
                candidates.locator(".pick-list label:visible").first.click()
                page.get_by_label("应选名额").fill("1")
                page.get_by_role("button", name="保存").click()
                expect(page.locator("h1")).to_contain_text("关于某事项的决定")
        finally:
            context.close()
    poll = Poll.objects.get()
    assert poll.kind == "election" and poll.seats == 1
    assert sorted(poll.candidates.values_list("person__name", flat=True)) == ["f委员1", "f委员2"]
    assert not errors, f"JavaScript errors or CSP violations in the page: {errors}"
