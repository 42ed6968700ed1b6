"""The absence rule in real pages: a deputy misses two congress sessions without approved leave;
the matter waits in the office's 我的待办 with the evidence; the office records the credentials
committee's report (a refused first try keeps what was typed) and announces the termination;
the deputy's mandate has ended and the public site carries the notice. Run at a desk and on a phone.
"""

from __future__ import annotations

import datetime as dt

import pytest

from renda.deputies.tests import conftest as deputies_fixtures
from tests.browser.conftest import user_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

deputies = deputies_fixtures.deputies
session = deputies_fixtures.session


def test_two_unapproved_absences_to_the_announced_termination(
    browser, asgi_server, users, deputies, session, screen
):
    from playwright.sync_api import expect

    from renda.deputies.models import QualificationMatter
    from renda.people.models import Deputy

    absentee = deputies[5]
    session(dt.date(2024, 1, 8), absent=[absentee])
    session(dt.date(2025, 1, 6), leave=[deputies[4]], absent=[absentee])
    matter = QualificationMatter.objects.get()
    name = absentee.person.name
    errors: list[str] = []
    contexts = []
    try:
        context, office = user_page(browser, asgi_server, users["staff"], errors, screen)
        contexts.append(context)
        office.goto("/office/")
        office.get_by_role(
            "link", name=f"代表资格：{name}（未经批准两次不出席本级人民代表大会会议）"
        ).click()
        expect(office.locator("#matter-status")).to_have_text("待资格审查")
        evidence = office.locator("#evidence")
        expect(evidence.locator("[data-session]")).to_have_count(2)
        expect(evidence.locator("tbody .badge", has_text="计入")).to_have_count(2)

        report = office.locator("#report-form")
        report.get_by_label("报告日期").fill("2020-01-01")
        report.get_by_label("资格审查委员会的报告").fill("经审查，情况属实，建议予以公告。")
        report.get_by_role("button", name="登记报告").click()
        expect(office.get_by_text("报告日期不能早于事项提出日期。")).to_be_visible()
        expect(office.locator("#report-form").get_by_label("资格审查委员会的报告")).to_have_value(
            "经审查，情况属实，建议予以公告。"
        )
        office.locator("#report-form").get_by_label("报告日期").fill("")
        office.locator("#report-form").get_by_role("button", name="登记报告").click()
        expect(office.locator("#matter-status")).to_have_text("资格审查委员会已报告")

        office.locator("#announce-form").get_by_role("button", name="公告终止代表资格").click()
        expect(office.locator("#matter-status")).to_have_text("已公告终止代表资格")
        expect(office.locator("[data-field=deputy-status]")).to_have_text("代表资格终止")
        assert office.evaluate("document.documentElement.scrollWidth") <= screen["width"]

        public = browser.new_context(base_url=asgi_server, locale="zh-CN", viewport=screen)
        contexts.append(public)
        citizen = public.new_page()
        citizen.goto("/news/")
        citizen.get_by_role("link", name=f"关于{name}代表资格终止的公告").click()
        expect(citizen.get_by_text("常务委员会予以公告")).to_be_visible()
    finally:
        for c in contexts:
            c.close()
    matter.refresh_from_db()
    assert matter.status == "announced" and matter.report == "经审查，情况属实，建议予以公告。"
    assert Deputy.objects.get(pk=absentee.pk).status == Deputy.Status.TERMINATED
    # The refused report is answered 400 on purpose (the page shows why); nothing else may fail.
    assert [e for e in errors if "status of 400" not in e] == []
    assert len(errors) == 1
