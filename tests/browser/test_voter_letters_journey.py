"""The citizens' channel in real pages: a citizen writes to a deputy on a phone and keeps the
tracking code; the deputy answers on their inbox page and turns a second letter into a draft
suggestion; the office publishes the answer; the citizen reads it by the code, and the
deputy's public page shows the answered letter, never the writer's name or phone. Run at a
desk and on a phone.
"""

from __future__ import annotations

import re

import pytest

from renda.deputies.tests import conftest as deputies_fixtures
from tests.browser.conftest import user_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

deputies = deputies_fixtures.deputies

PHONE = "13912345678"
NAME = "张秀兰"


def _write(page, deputy_pk: int, subject: str, body: str, *, consent: bool) -> str:
    from playwright.sync_api import expect

    page.goto(f"/deputies/{deputy_pk}/")
    page.locator("#write-to-deputy").click()
    form = page.locator("#write-form")
    form.get_by_label("标题").fill(subject)
    form.get_by_label("内容").fill("太短")
    form.get_by_label("姓名").fill(NAME)
    form.get_by_label("联系方式").fill(PHONE)
    if consent:
        form.get_by_label("同意在人大网站公开来信和答复").check()
    form.get_by_role("button", name="提交").click()
    expect(page.get_by_text("请把情况写具体一些（至少10个字）。")).to_be_visible()
    expect(page.locator("#write-form").get_by_label("姓名")).to_have_value(NAME)  # kept
    page.locator("#write-form").get_by_label("内容").fill(body)
    page.locator("#write-form").get_by_role("button", name="提交").click()
    code = page.locator("#tracking-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    return code


def test_a_letter_from_a_phone_to_the_published_answer(
    browser, asgi_server, users, deputies, screen
):
    from playwright.sync_api import expect

    from renda.deputies.models import VoterMessage
    from renda.suggestions.models import Suggestion

    me = deputies[0]
    errors: list[str] = []
    contexts = []
    try:
        public = browser.new_context(base_url=asgi_server, locale="zh-CN", viewport=screen)
        contexts.append(public)
        citizen = public.new_page()
        code = _write(citizen, me.pk, "小区门口路灯坏了", "清河路12号小区门口的路灯坏了两个月，晚上出行很不安全。", consent=True)  # fmt: skip
        _write(citizen, me.pk, "小学学位紧张", "片区新建小区很多，小学学位非常紧张，希望增建学校。", consent=False)  # fmt: skip
        assert citizen.evaluate("document.documentElement.scrollWidth") <= screen["width"]

        context, deputy = user_page(browser, asgi_server, users["deputy"], errors, screen)
        contexts.append(context)
        deputy.goto("/office/deputies/messages/")
        deputy.get_by_role("link", name="小区门口路灯坏了").click()
        expect(deputy.locator("#contact")).to_have_text(PHONE)  # the addressee may call back
        deputy.locator("#acknowledge-form").get_by_role("button", name="受理").click()
        expect(deputy.locator("#message-status")).to_have_text("已受理")
        deputy.locator("#answer-form").get_by_label("答复").fill("已联系清河街道，路灯本周内修复。")
        deputy.locator("#answer-form").get_by_role("button", name="提交答复").click()
        expect(deputy.locator("#message-status")).to_have_text("已答复")
        assert deputy.evaluate("document.documentElement.scrollWidth") <= screen["width"]

        deputy.goto("/office/deputies/messages/")
        deputy.get_by_role("link", name="小学学位紧张").click()
        suggest = deputy.locator("#suggest-form")
        expect(suggest.get_by_label("建议内容")).to_have_value("片区新建小区很多，小学学位非常紧张，希望增建学校。")  # fmt: skip
        suggest.get_by_label("建议标题").fill("关于增建清河片区小学的建议")
        suggest.get_by_role("button", name="保存为建议草稿").click()
        expect(deputy.get_by_text("已保存为您的建议草稿")).to_be_visible()

        context, office = user_page(browser, asgi_server, users["staff"], errors, screen)
        contexts.append(context)
        office.goto("/office/deputies/messages/?to_publish=on")
        office.get_by_role("link", name="小区门口路灯坏了").click()
        publish = office.locator("#publish-form")
        publish.get_by_label("公开的内容").fill("小区门口的路灯坏了两个月，晚上出行不安全。")
        publish.get_by_role("button", name="公开").click()
        expect(office.get_by_text("已在人大网站公开。")).to_be_visible()

        citizen.goto("/deputies/messages/track/")
        citizen.locator("#track-form").get_by_label("查询码").fill(code.lower())
        citizen.locator("#track-form").get_by_role("button", name="查询").click()
        expect(citizen.locator("#track-answer")).to_contain_text("路灯本周内修复")
        citizen.goto(f"/deputies/{me.pk}/")
        expect(citizen.get_by_role("link", name="小区门口路灯坏了")).to_be_visible()
        citizen.get_by_role("link", name="小区门口路灯坏了").click()
        expect(citizen.get_by_text("路灯本周内修复").first).to_be_visible()
        html = citizen.content()
        assert PHONE not in html and NAME not in html
        assert citizen.evaluate("document.documentElement.scrollWidth") <= screen["width"]
    finally:
        for c in contexts:
            c.close()
    first, second = VoterMessage.objects.order_by("id")
    assert first.status == "answered" and first.published_at is not None
    assert second.status == "suggestion" and second.suggestion == Suggestion.objects.get()
    assert Suggestion.objects.get().lead_deputy == me
    # The refused first tries are answered 400 on purpose (the page shows why).
    assert [e for e in errors if "status of 400" not in e] == []
