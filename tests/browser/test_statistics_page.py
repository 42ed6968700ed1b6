"""The statistics page at a desk and on a phone: tables sort by any column, the unit chart is
a horizontal bar per unit, as tall as the units need, scrolling inside its own box."""

from __future__ import annotations

import pytest

from renda.suggestions.tests import conftest as suggestion_fixtures
from tests.browser.conftest import user_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The suggestion domain's fixtures: a deputy, handling units, a suggestion taken through the engine.
deputy = suggestion_fixtures.deputy
units = suggestion_fixtures.units
make_suggestion = suggestion_fixtures.make_suggestion
handled = suggestion_fixtures.handled


@pytest.mark.parametrize("width", [1366, 375])
def test_unit_table_sorts_and_chart_is_one_bar_row_per_unit(
    browser, live_server, users, handled, width
):
    from playwright.sync_api import expect

    handled(result="A", rating="satisfied")
    handled(result="B", rating="satisfied")
    handled(unit="transport", result="A", rating="satisfied")
    handled(unit="transport")  # not yet replied: transport's reply rate is 50 %

    errors: list[str] = []
    context, page = user_page(
        browser, live_server.url, users["staff"], errors, {"width": width, "height": 900}
    )
    try:
        page.goto("/office/suggestions/statistics/")
        table = page.locator("#unit-table")
        names = table.locator("tbody tr td:nth-child(2)")
        expect(names).to_have_text(["清河市教育局", "清河市交通运输局"])  # ranked by reply rate

        solved = table.locator("thead th", has_text="解决率")
        solved.get_by_role("button").click()
        expect(solved).to_have_attribute("aria-sort", "ascending")
        expect(names).to_have_text(["清河市教育局", "清河市交通运输局"])  # 50 % before 100 %
        solved.get_by_role("button").click()
        expect(solved).to_have_attribute("aria-sort", "descending")
        expect(names).to_have_text(["清河市交通运输局", "清河市教育局"])
        unit_head = table.locator("thead th", has_text="主办单位")
        unit_head.get_by_role("button").click()
        expect(unit_head).to_have_attribute("aria-sort", "ascending")
        expect(solved).not_to_have_attribute("aria-sort", "descending")

        chart = page.locator('[data-echarts="chart-units"]')
        expect(chart.locator("svg")).to_have_count(1)
        # One row per unit: the labels are on the vertical axis, each readable in full.
        svg = chart.locator("svg").first.inner_html()
        assert "清河市教育局" in svg and "清河市交通运输局" in svg
        # The page itself never scrolls sideways; a wide table scrolls inside its own box.
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    finally:
        context.close()
    assert not errors, errors
