"""The pages for editing a draft, attaching files, merging and splitting suggestions and merging a
case, at a phone's width (375 px) and a desk's (1280 px): nothing runs off the side, and the
deputy edits a draft and attaches a file in the real pages.

``SHOTS`` (an environment variable naming a folder) keeps a screenshot of each page.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import user_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (375, 1280)


@pytest.fixture
def setting(users, term, settings, tmp_path):
    from renda.casework import services as cw
    from renda.casework.kinds import ensure_kind
    from renda.people.models import Deputy
    from renda.suggestions import services

    settings.MEDIA_ROOT = tmp_path
    Deputy.objects.create(person=users["deputy"].person, term=term)
    deputy = users["deputy"]
    draft = services.suggestion_create(
        actor=deputy,
        title="关于增加城东片区小学学位和改善校舍条件的建议",
        content="城东片区小学学位紧张，校舍陈旧。",
        category="education",
    )
    pending = []
    for title in ("关于改善城东片区校舍条件的建议", "关于城东片区新建小学的建议"):
        s = services.suggestion_create(actor=deputy, title=title, content="学位紧张。")
        services.suggestion_submit(actor=deputy, suggestion=s)
        pending.append(s)
    kind = ensure_kind(code="browser-kind", name="测试事项")
    cases = [
        cw.case_create(
            actor=users["staff"], kind=kind, title=t, requesters=[users["deputy"].person]
        )
        for t in ("关于城东片区小学学位的来信", "关于城东小学学位的重复来信")
    ]
    return {"draft": draft, "pending": pending, "cases": cases}


def _fits(page, width: int, name: str) -> None:
    folder = os.environ.get("SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"{name} at {width}px is {overflow}px wide"


def test_the_new_pages_fit_a_phone_and_a_desk(browser, live_server, users, setting):
    errors: list[str] = []
    draft, pending, cases = setting["draft"], setting["pending"], setting["cases"]
    pages = {
        "deputy": [
            ("edit", f"/office/suggestions/{draft.pk}/edit/"),
            ("attach", f"/office/suggestions/{draft.pk}/attachments/new/"),
        ],
        "staff": [
            ("merge", f"/office/suggestions/{pending[0].pk}/merge/?q=城东"),
            ("split", f"/office/suggestions/{pending[0].pk}/split/"),
            ("case", f"/office/cases/{cases[1].pk}/"),
        ],
    }
    for role, urls in pages.items():
        for width in WIDTHS:
            context, page = user_page(
                browser, live_server.url, users[role], errors, {"width": width, "height": 900}
            )
            for name, url in urls:
                page.goto(url)
                if name == "case":
                    page.get_by_text("并案", exact=True).first.click()
                _fits(page, width, name)
            context.close()
    assert not errors, errors


def test_a_deputy_edits_a_draft_and_attaches_a_file(browser, live_server, users, setting, tmp_path):
    errors: list[str] = []
    draft = setting["draft"]
    context, page = user_page(
        browser, live_server.url, users["deputy"], errors, {"width": 375, "height": 800}
    )
    page.goto(f"/office/suggestions/{draft.pk}/")
    page.get_by_role("link", name="修改草稿").click()
    page.get_by_label("标题").fill("关于增加城东片区小学学位的建议")
    page.get_by_role("button", name="保存草稿").click()
    page.get_by_role("heading", name="关于增加城东片区小学学位的建议").wait_for()
    note = tmp_path / "调研说明.txt"
    note.write_text("城东片区适龄儿童统计。", encoding="utf-8")
    page.get_by_role("link", name="上传附件").click()
    page.get_by_label("附件").set_input_files(str(note))
    page.get_by_role("button", name="上传", exact=True).click()
    page.get_by_role("link", name="调研说明.txt").wait_for()
    _fits(page, 375, "detail-with-attachment")
    context.close()
    draft.refresh_from_db()
    assert draft.title == "关于增加城东片区小学学位的建议"
    assert draft.attachments.get().name == "调研说明.txt"
    assert not errors, errors
