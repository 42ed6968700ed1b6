"""The administrator's core task at a desk and on a phone: an account for a new unit officer,
refused once for a weak password with everything typed kept, then created and found."""

from __future__ import annotations

import pytest

from tests.browser.conftest import user_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD = "Qinghe-new-passphrase-2026"


def test_the_administrator_opens_an_account(browser, live_server, users, unit, screen):
    from playwright.sync_api import expect

    from renda.accounts.models import User
    from renda.people.models import Person

    person = Person.objects.create(name="周新", gender="male", occupation="教育局科员")
    errors: list[str] = []
    context, page = user_page(browser, live_server.url, users["admin"], errors, screen)
    try:
        page.goto("/office/users/")
        page.get_by_role("link", name="新建账户").click()
        # The password policy is stated before anything is sent.
        expect(page.locator("#main form")).to_contain_text("至少 12 个字符")
        page.get_by_label("登录名").fill("zhouxin")
        page.get_by_label("角色").select_option(label="承办单位工作人员")
        page.get_by_label("对应人员").select_option(label="周新（教育局科员）")
        page.get_by_label("所属机构").select_option(label=unit.name)
        page.get_by_label("初始密码").fill("123")
        page.get_by_role("button", name="建立账户").click()
        expect(page.locator(".field.has-error")).to_contain_text("密码")
        expect(page.get_by_label("登录名")).to_have_value("zhouxin")  # what was typed stays
        expect(page.get_by_label("所属机构")).to_have_value(str(unit.pk))
        assert not User.objects.filter(username="zhouxin").exists()
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )

        page.get_by_label("初始密码").fill(GOOD)
        page.get_by_role("button", name="建立账户").click()
        expect(page.locator("h1")).to_contain_text("周新")
        user = User.objects.get(username="zhouxin")
        assert user.person == person and user.scope == unit and user.check_password(GOOD)
        page.goto("/office/users/?q=周新")
        expect(page.locator("main")).to_contain_text("周新")
    finally:
        context.close()
    assert not errors, errors
