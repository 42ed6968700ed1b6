"""Journey in a real browser: staff adds a deputy, composition changes, the public sees them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from renda.people import services
from renda.people.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setting(users, term):
    staff = users["staff"]
    delegation = services.organization_create(
        actor=staff,
        name="东城区代表团",
        kind=Organization.Kind.DELEGATION,
        code="del-dongcheng",
        parent=Organization.objects.get(code="congress"),
    )
    for name, category in (("李领导", "leading_cadre"), ("赵工人", "worker")):
        person = services.person_create(actor=staff, name=name, gender="male")
        services.deputy_create(
            actor=staff,
            person=person,
            term=term,
            delegation=delegation,
            occupation_category=category,
            elected_on=dt.date(2022, 1, 10),
        )
    return {"delegation": delegation, "term": term}


def cadre_row(page):
    return page.locator('#share-table tr[data-figure="leading_cadres"]')


def test_staff_adds_a_deputy_and_the_public_sees_them(page, live_server, setting):
    # An anonymous visitor cannot open the staff pages: they are sent to log in.
    page.goto("/office/people/persons/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.goto("/office/people/composition/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # Staff logs in through the form.
    page.get_by_label("用户名").fill("t-staff")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/office/people/composition/"))

    # One leading cadre among two deputies: above the one-third limit of S20.
    row = cadre_row(page)
    expect(row).to_have_attribute("data-passed", "fail")
    expect(row).to_contain_text("1 / 2")
    expect(row.locator("code")).to_have_text("S20")
    # The chart beside the table is drawn by the vendored ECharts.
    expect(page.locator('[data-echarts="chart-share"] svg')).to_have_count(1)

    # Staff creates a farmer deputy with a membership in the delegation.
    page.goto("/office/people/deputies/new/")
    page.get_by_label("姓名").fill("王春华")
    page.get_by_label("性别").select_option("female")
    page.get_by_label("出生年份").fill("1979")
    page.get_by_label("代表团").select_option(label="东城区代表团")
    page.get_by_label("选区").fill("东城区第5选区")
    page.get_by_label("代表构成类别").select_option("farmer")
    page.get_by_role("button", name=re.compile("保存")).click()
    expect(page.locator("h1")).to_contain_text("王春华")
    expect(page.locator("body")).to_contain_text("东城区代表团")

    # The composition figures change: one in three is within the limit.
    page.goto("/office/people/composition/")
    row = cadre_row(page)
    expect(row).to_contain_text("1 / 3")
    expect(row).to_have_attribute("data-passed", "pass")

    # The deputy appears on the public directory for an anonymous visitor.
    public = page.context.browser.new_context(base_url=live_server.url, locale="zh-CN")
    visitor = public.new_page()
    visitor.goto("/deputies/")
    visitor.get_by_label("姓名、单位或职务").fill("王春华")
    visitor.get_by_role("button", name="查找").click()
    card = visitor.get_by_role("link", name=re.compile("王春华"))
    expect(card).to_have_count(1)
    card.click()
    expect(visitor.locator("h1")).to_contain_text("王春华")
    expect(visitor.locator("body")).to_contain_text("东城区代表团")
    expect(visitor.locator("body")).to_contain_text("1979")
    visitor.goto("/office/people/persons/")
    expect(visitor).to_have_url(re.compile(r"/accounts/login/"))
    public.close()


def test_bad_input_keeps_what_was_typed(page, live_server, setting, client):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill("t-staff")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.goto("/office/people/deputies/new/")
    page.get_by_label("姓名").fill("王" * 41)
    page.get_by_label("选区").fill("第9选区")
    page.get_by_role("button", name=re.compile("保存")).click()
    expect(page.locator(".field.has-error").first).to_be_visible()
    expect(page.get_by_label("选区")).to_have_value("第9选区")
