"""The public pages of the year's deputy-work plans (§2.8) and deputies' reports to voters
(述职, §2.5): what is public, what is not yet, and a deputy's page linking their reports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renda.deputies import services
from renda.portal.tests.test_accessibility import audit

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 5, 10)  # inside the fixtures' term


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(at(TODAY), tick=False)
    return TODAY


def _plan(staff, year, *, publish=True, adopt=True):
    plan = services.plan_create(actor=staff, year=year, title=f"{year}年度代表工作计划", body=f"{year}年正文第一段\n\n第二段")  # fmt: skip
    if adopt:
        services.plan_adopt(actor=staff, plan=plan, adopted_on=TODAY - dt.timedelta(days=3))
    if publish:
        services.plan_publish(actor=staff, plan=plan)
    return plan


def test_only_published_plans_are_public(client, staff, term):
    _plan(staff, 2026)
    _plan(staff, 2027, publish=False)
    _plan(staff, 2028, publish=False, adopt=False)
    page = client.get(reverse("portal:work_plans")).content.decode()
    assert "2026年度代表工作计划" in page
    assert "2027年度" not in page and "2028年度" not in page
    detail = client.get(reverse("portal:work_plan_detail", args=[2026]))
    assert detail.status_code == 200 and "第二段" in detail.content.decode()
    assert "2026年5月7日主任会议通过" in detail.content.decode()
    for year in (2027, 2028, 1999, 99999999999):
        assert client.get(f"/deputies/plans/{year}/").status_code == 404


@pytest.fixture
def reports(staff, deputy_factory):
    wang = deputy_factory("王建国", constituency="第一选区")
    li = deputy_factory("李秀英", constituency="第二选区")
    held = services.report_plan(actor=staff, deputy=wang, unit="第一选区（清河街道）", held_on=TODAY - dt.timedelta(days=5), place="清河街道代表联络站")  # fmt: skip
    services.report_record(actor=staff, report=held, text="一年来我参加了代表小组活动……", attendance=60, satisfied=50, basically=6, unsatisfied=4)  # fmt: skip
    upcoming = services.report_plan(actor=staff, deputy=li, unit="第二选区", held_on=TODAY + dt.timedelta(days=7), place="西湖社区服务中心")  # fmt: skip
    cancelled = services.report_plan(actor=staff, deputy=li, unit="第二选区", held_on=TODAY + dt.timedelta(days=1), place="社区")  # fmt: skip
    services.report_cancel(actor=staff, report=cancelled, reason="场地维修，改期举行")
    return {"wang": wang, "li": li, "held": held, "upcoming": upcoming, "cancelled": cancelled}


def test_reports_show_the_schedule_the_report_and_the_evaluation(client, reports):
    page = client.get(reverse("portal:voter_reports")).content.decode()
    assert "西湖社区服务中心" in page  # the schedule
    assert "一年来我参加了代表小组活动" in page and "满意和基本满意 93%" in page
    assert "场地维修，改期举行" in page
    assert f'href="{reverse("portal:deputy_detail", args=[reports["wang"].pk])}"' in page
    only = client.get(
        reverse("portal:voter_reports"), {"deputy": reports["wang"].pk}
    ).content.decode()
    assert "王建国" in only and "西湖社区服务中心" not in only
    assert (
        client.get(reverse("portal:voter_reports"), {"year": "abc", "deputy": "x"}).status_code
        == 200
    )
    result = audit(page)
    assert result.unlabelled() == [] and result.empty_buttons == []


def test_a_deputys_public_page_counts_the_report_and_links_to_it(client, reports):
    page = client.get(reverse("portal:deputy_detail", args=[reports["wang"].pk])).content.decode()
    assert "向第一选区（清河街道）选民述职" in page
    assert f"{reverse('portal:voter_reports')}?deputy={reports['wang'].pk}" in page
    other = client.get(reverse("portal:deputy_detail", args=[reports["li"].pk])).content.decode()
    # arranged and cancelled reports are not duty performed
    assert "向第二选区选民述职" not in other and "查看述职报告" not in other


def test_the_reports_page_takes_a_fixed_number_of_queries(client, staff, reports, deputy_factory):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("portal:voter_reports")).status_code == 200
        return len(ctx)

    few = count()
    for i in range(3):
        d = deputy_factory(f"代表{i}")
        r = services.report_plan(actor=staff, deputy=d, unit="选区", held_on=TODAY, place="社区")
        services.report_record(actor=staff, report=r, text="报告", attendance=10)
    assert count() == few
