"""代表之家和联络站: the public directory of liaison stations and each station's page, with the
published reception days (S25, rules.md §2.9)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.deputies import services
from renda.deputies.models import LiaisonStation
from renda.people import services as people_services
from renda.people.models import Deputy
from renda.portal.tests.test_accessibility import audit

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 5, 10)  # a Sunday inside the fixtures' term
NEXT_TUESDAY = dt.date(2026, 5, 12)
CANCELLED_DAY = dt.date(2026, 5, 19)
HELD_DAY = dt.date(2026, 4, 14)
SUMMARY = "张大妈反映小区加装电梯资金分摊问题，联系电话13600001111。"
DEPUTY_PHONE = "13912345678"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(at(TODAY), tick=False)
    return TODAY


def make_station(staff, name, area, deputies, **fields):
    fields.setdefault("kind", LiaisonStation.Kind.STATION)
    fields.setdefault("address", f"{area}人民路1号")
    fields.setdefault("phone", "0571-8888 1234")
    fields.setdefault("hours", "每周二上午9:00–11:30")
    return services.station_create(
        actor=staff, name=name, area=area, deputies=deputies, now=at(TODAY - dt.timedelta(days=60)),
        **fields,
    )  # fmt: skip


def schedule(staff, station, deputies, day, theme="听取群众对老旧小区改造的意见"):
    return services.reception_schedule(
        actor=staff, station=station, on_date=day, starts_at=dt.time(9), ends_at=dt.time(11, 30),
        deputies=deputies, theme=theme, now=at(min(day, TODAY) - dt.timedelta(days=7)),
    )  # fmt: skip


@pytest.fixture
def network(staff, deputy_factory):
    """Two areas, three open stations, a day ahead, a day called off and a day held."""
    wang = deputy_factory("王建国", phone=DEPUTY_PHONE, address="清河市解放路88号")
    li = deputy_factory("李秀英", phone="13700002222")
    zhao = deputy_factory("赵明")
    home = make_station(
        staff, "清河街道代表之家", "清河街道", [wang, li], kind=LiaisonStation.Kind.HOME,
        description="设在街道党群服务中心一楼。",
    )  # fmt: skip
    station = make_station(staff, "东湖社区代表联络站", "东湖街道", [zhao])
    point = make_station(
        staff, "东湖工业园代表联络点", "东湖街道", [], kind=LiaisonStation.Kind.POINT, phone=""
    )
    held = schedule(staff, home, [wang, li], HELD_DAY, theme="加装电梯")
    services.reception_record(
        actor=staff, reception=held, received_by=[wang], visitors=14, matters=5, summary=SUMMARY,
        now=at(HELD_DAY, 12),
    )  # fmt: skip
    upcoming = schedule(staff, home, [wang, li], NEXT_TUESDAY)
    off = schedule(staff, home, [li], CANCELLED_DAY, theme="垃圾分类")
    services.reception_cancel(actor=staff, reception=off, reason="代表参加市人代会，改期另行通知")
    return {
        "wang": wang, "li": li, "zhao": zhao, "home": home, "station": station, "point": point,
        "held": held, "upcoming": upcoming, "off": off,
    }  # fmt: skip


STATION = re.compile(r'<li class="station">\s*<a href="/deputies/stations/(\d+)/">([^<]+)</a>')


def listed(html: str) -> list[str]:
    return [name for _, name in STATION.findall(html)]


def schedule_section(html: str) -> str:
    return html[html.index('id="schedule"') :]


# The directory -------------------------------------------------------------------------


def test_directory_lists_open_stations_by_area_with_their_facts(client, network):
    response = client.get(reverse("portal:stations"))
    assert response.status_code == 200
    html = response.content.decode()
    # Grouped by area (东湖 before 清河 in the model's order), then by name.
    assert listed(html) == ["东湖工业园代表联络点", "东湖社区代表联络站", "清河街道代表之家"]
    assert html.index(">东湖街道</h2>") < html.index(">清河街道</h2>")
    assert "共 3 个站点" in html
    home = html[
        html.index("清河街道代表之家") : html.index("</li>", html.index("清河街道代表之家"))
    ]
    for fact in ("代表之家", "清河街道人民路1号", "每周二上午9:00–11:30", "0571-8888 1234"):
        assert fact in home, fact
    assert 'href="tel:0571-88881234"' in home
    wang, li = network["wang"], network["li"]
    linked = f'<a href="/deputies/{li.pk}/">李秀英</a>、<a href="/deputies/{wang.pk}/">王建国</a>'
    assert f"进站代表：{linked}" in home  # by name
    # The next day scheduled, not the one called off nor the one held.
    assert (
        '下次接待选民日：<time datetime="2026-05-12">2026年5月12日</time>（星期二）09:00–11:30'
        in home
    )
    point = html[html.index("东湖工业园代表联络点") : html.index("</li>", html.index("东湖工业园"))]
    assert "进站代表：暂无" in point and "下次接待选民日：暂无安排" in point
    assert "联系电话" not in point


def test_directory_schedule_shows_upcoming_days_and_a_cancelled_day_with_its_reason(
    client, network
):
    html = schedule_section(client.get("/deputies/stations/").content.decode())
    assert "近期接待选民日" in html
    rows = html.split("<tr")[2:]  # after the header row
    assert len(rows) == 2  # the day held is not on the schedule
    ahead, off = rows
    assert "2026年5月12日" in ahead and "09:00–11:30" in ahead and "清河街道代表之家" in ahead
    assert "听取群众对老旧小区改造的意见" in ahead and "王建国" in ahead
    assert "已取消" not in ahead
    assert "2026年5月19日" in off and "已取消" in off
    assert "原因：代表参加市人代会，改期另行通知" in off


def test_area_filter_keeps_the_choice_and_narrows_stations_and_schedule(client, network):
    html = client.get("/deputies/stations/", {"area": "东湖街道"}).content.decode()
    assert listed(html) == ["东湖工业园代表联络点", "东湖社区代表联络站"]
    assert '<option value="东湖街道" selected>东湖街道</option>' in html
    assert '<option value="清河街道">清河街道</option>' in html
    assert "清除条件" in html
    assert "近期暂无接待选民日安排。" in schedule_section(html)  # 清河's days are filtered out
    html = client.get("/deputies/stations/", {"area": "清河街道"}).content.decode()
    assert listed(html) == ["清河街道代表之家"]
    assert "2026年5月12日" in schedule_section(html)


def test_unknown_area_does_not_break_the_directory(client, network):
    response = client.get("/deputies/stations/", {"area": "不存在的街道", "page": "zz"})
    assert response.status_code == 200
    assert len(listed(response.content.decode())) == 3


def test_directory_renders_without_any_station(client, term):
    html = client.get("/deputies/stations/").content.decode()
    assert "暂无公开的站点。" in html and "近期暂无接待选民日安排。" in html


# A station's page ----------------------------------------------------------------------


def test_station_page_shows_deputies_schedule_and_public_figures_of_days_held(client, network):
    home, wang, li = network["home"], network["wang"], network["li"]
    response = client.get(reverse("portal:station_detail", args=[home.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for fact in ("清河街道代表之家", "代表之家", "清河街道人民路1号", "0571-8888 1234"):
        assert fact in html, fact
    assert "设在街道党群服务中心一楼。" in html
    assert f'<li><a href="/deputies/{wang.pk}/">王建国</a></li>' in html
    assert f'<li><a href="/deputies/{li.pk}/">李秀英</a></li>' in html
    schedule = html[html.index('id="schedule"') : html.index('id="held-title"')]
    assert "2026年5月12日" in schedule and "听取群众对老旧小区改造的意见" in schedule
    assert "已取消" in schedule and "代表参加市人代会，改期另行通知" in schedule
    held = html[html.index('id="held-title"') :]
    assert "2026年4月14日" in held
    assert f'<a href="/deputies/{wang.pk}/">王建国</a>' in held
    assert "李秀英" not in held  # scheduled, but did not receive
    assert "14 人" in held and "5 件" in held
    assert '发布日期：<time datetime="2026-05-10">2026年5月10日</time>' in html
    assert '更新日期：<time datetime="2026-05-10">' in html


def test_station_page_of_a_station_without_days(client, network):
    html = client.get(f"/deputies/stations/{network['point'].pk}/").content.decode()
    assert "暂无进站代表。" in html and "暂无接待记录。" in html
    assert "近期暂无接待选民日安排。" in html


def test_summary_and_deputies_private_contacts_never_appear(client, network):
    for url in ("/deputies/stations/", f"/deputies/stations/{network['home'].pk}/"):
        html = client.get(url).content.decode()
        assert "王建国" in html, url
        for secret in (SUMMARY, "张大妈", "13600001111", DEPUTY_PHONE, "13700002222", "解放路88号"):
            assert secret not in html, (url, secret)


def test_inactive_station_is_404_and_not_listed(client, network, staff):
    point = network["point"]
    services.station_update(
        actor=staff, station=point, name=point.name, kind=point.kind, area=point.area,
        address=point.address, active=False,
    )  # fmt: skip
    assert client.get(f"/deputies/stations/{point.pk}/").status_code == 404
    assert client.get("/deputies/stations/999999/").status_code == 404
    html = client.get("/deputies/stations/").content.decode()
    assert "东湖工业园代表联络点" not in html and "共 2 个站点" in html


def test_a_deputy_who_left_office_is_named_on_days_held_but_not_linked(client, network, staff):
    wang = network["wang"]
    people_services.deputy_status_change(
        actor=staff, deputy=wang, status=Deputy.Status.RESIGNED, reason="本人辞职"
    )
    html = client.get(f"/deputies/stations/{network['home'].pk}/").content.decode()
    deputies = html[html.index('id="deputies-title"') : html.index('id="schedule"')]
    assert "王建国" not in deputies  # no longer attached as a serving deputy
    held = html[html.index('id="held-title"') :]
    assert "王建国" in held and f"/deputies/{wang.pk}/" not in held


# Links, language, accessibility --------------------------------------------------------


def test_navigation_and_a_deputys_page_link_to_the_stations(client, network):
    home = client.get("/").content.decode()
    nav = home[home.index('class="portal-nav"') : home.index("</nav>")]
    assert '<a href="/deputies/stations/">联系代表</a>' in nav
    html = client.get(f"/deputies/{network['wang'].pk}/").content.decode()
    assert f'<a href="/deputies/stations/{network["home"].pk}/">清河街道代表之家</a>' in html
    assert "东湖社区代表联络站" not in html


def test_a_deputys_page_does_not_link_a_closed_station(client, network, staff):
    zhao, station = network["zhao"], network["station"]
    services.station_update(
        actor=staff, station=station, name=station.name, kind=station.kind, area=station.area,
        address=station.address, active=False,
    )  # fmt: skip
    html = client.get(f"/deputies/{zhao.pk}/").content.decode()
    assert "东湖社区代表联络站" not in html and "代表联络站</dt>" not in html


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_pages_render_in_both_languages_with_every_control_labelled(client, network, lang):
    client.cookies["django_language"] = lang
    for url in (
        "/deputies/stations/",
        "/deputies/stations/?area=东湖街道",
        f"/deputies/stations/{network['home'].pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{"en" if lang == "en" else "zh-Hans"}"' in html, url
        result = audit(html)
        assert result.unlabelled() == [], url
        assert result.empty_buttons == [], url
    if lang == "en":
        assert '<time datetime="2026-05-12">2026-05-12</time>' in html


# Query counts --------------------------------------------------------------------------


def _grow(staff, deputy_factory, n: int) -> LiaisonStation:
    """``n`` stations of two deputies each, in three areas, each with a day ahead and one held."""
    last = None
    for i in range(n):
        pair = [deputy_factory(f"代表{i}甲"), deputy_factory(f"代表{i}乙")]
        last = make_station(staff, f"第{i}联络站", f"第{i % 3}街道", pair)
        held = schedule(staff, last, pair, HELD_DAY - dt.timedelta(days=i))
        services.reception_record(
            actor=staff, reception=held, received_by=pair, visitors=3, matters=1, summary="略。",
            now=at(HELD_DAY, 12),
        )  # fmt: skip
        schedule(staff, last, pair, NEXT_TUESDAY + dt.timedelta(days=i))
        schedule(staff, last, pair[:1], NEXT_TUESDAY + dt.timedelta(days=i, weeks=1))
    return last


# jurisdiction (site name), current term, the areas, count, stations (with their next day
# as subqueries), their deputies, the schedule, its deputies.
DIRECTORY_QUERIES = 8
# jurisdiction, current term, the station, its deputies, the schedule, its deputies, the days
# held, who received.
STATION_QUERIES = 8


@pytest.mark.parametrize("n", [1, 9])
def test_query_count_does_not_grow_with_stations_or_days(
    client, staff, deputy_factory, django_assert_num_queries, n
):
    last = _grow(staff, deputy_factory, n)
    with django_assert_num_queries(DIRECTORY_QUERIES):
        response = client.get("/deputies/stations/")
    assert len(listed(response.content.decode())) == n
    with django_assert_num_queries(DIRECTORY_QUERIES):
        client.get("/deputies/stations/", {"area": "第0街道"})
    with django_assert_num_queries(STATION_QUERIES):
        response = client.get(f"/deputies/stations/{last.pk}/")
    assert response.status_code == 200
