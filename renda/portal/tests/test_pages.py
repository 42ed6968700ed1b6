"""Every public page renders for anonymous visitors, in Chinese and in English."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from renda.core.navigation import portal_links

pytestmark = pytest.mark.django_db

HTML_LANG = re.compile(r'<html lang="([^"]+)"')


@pytest.fixture
def page_urls(term, deputy_factory, delegation_factory):
    deputy = deputy_factory("王建国", delegation=delegation_factory("清河区代表团"))
    return [
        reverse("portal:home"),
        reverse("portal:about"),
        reverse("portal:body_detail", args=["sp-finance"]),
        reverse("portal:body_detail", args=["congress"]),
        reverse("portal:deputies"),
        reverse("portal:deputy_detail", args=[deputy.pk]),
        reverse("portal:open_data"),
    ]


def html_lang(response) -> str:
    match = HTML_LANG.search(response.content.decode())
    assert match, "the page has no <html lang>"
    return match.group(1)


def test_pages_render_in_chinese_by_default(client, page_urls):
    for url in page_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_lang(response) == "zh-Hans", url
        assert "人大概况" in response.content.decode(), url


def test_pages_render_in_english_with_the_language_cookie(client, page_urls):
    client.cookies["django_language"] = "en"
    for url in page_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_lang(response) == "en", url
        # The navigation is translated, not only the lang attribute.
        assert "About the Congress" in response.content.decode(), url


def test_set_language_view_switches_the_page_language(client, page_urls):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/deputies/"})
    assert response.status_code == 302
    assert html_lang(client.get("/deputies/")) == "en"
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/deputies/"})
    assert html_lang(client.get("/deputies/")) == "zh-Hans"


def test_pages_render_without_any_data(client, db):
    for url in ("/", "/about/", "/deputies/", "/open-data/"):
        assert client.get(url).status_code == 200, url


def test_navigation_lists_the_sections_in_the_order_of_the_ui_guide(client, term):
    names = [item.url_name for item in portal_links()]
    mine = [n for n in names if n in ("portal:about", "portal:deputies", "portal:open_data")]
    assert mine == ["portal:about", "portal:deputies", "portal:open_data"]
    html = client.get("/").content.decode()
    nav = html[html.index('class="portal-nav"') : html.index("</nav>")]
    assert nav.index("首页") < nav.index("人大概况") < nav.index("代表风采") < nav.index("公开数据")


def test_current_section_is_marked_on_a_sub_page(client, page_urls):
    html = client.get(page_urls[5]).content.decode()
    assert '<a href="/deputies/" aria-current="true">' in html


def test_home_shows_key_numbers_tiles_and_update_date(client, term, deputy_factory, sc_leaders):
    deputy_factory("王一")
    deputy_factory("张二")
    html = client.get("/").content.decode()
    numbers = re.findall(r'<span class="num">(\d+)</span>', html)
    assert numbers == ["2", "3", "3"]  # deputies, SC members, special committees
    for url in ("/about/", "/deputies/", "/open-data/"):
        assert f'<a class="tile" href="{url}">' in html
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">\d{4}年\d{1,2}月\d{1,2}日</time>', html)


def test_home_shows_the_date_as_iso_in_english(client, term, deputy_factory):
    deputy_factory("王一")
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert re.search(r'<time datetime="(\d{4}-\d{2}-\d{2})">\1</time>', html)


def test_home_query_count_is_pinned(
    client, term, deputy_factory, sc_leaders, django_assert_num_queries
):
    for i in range(5):
        deputy_factory(f"王{i}")
    from renda.portal import services

    for i in range(7):
        item = services.news_create(actor=sc_leaders_staff(), title=f"新闻{i}", body="正文。")
        services.news_publish(actor=sc_leaders_staff(), item=item)
    # jurisdiction (site name), current term, deputies, SC members, bodies, the latest news.
    with django_assert_num_queries(6):
        assert client.get("/").status_code == 200


def test_open_data_links_the_api(client, db):
    html = client.get("/open-data/").content.decode()
    for path in (
        "/api/v1/openapi.json",
        "/api/v1/popolo/persons",
        "/api/v1/popolo/organizations",
        "/api/v1/popolo/memberships",
        "/api/v1/popolo/posts",
    ):
        assert f'href="{path}"' in html


def test_pages_load_nothing_from_elsewhere_and_have_no_inline_script(client, page_urls):
    for url in page_urls:
        html = client.get(url).content.decode()
        assert "http://" not in html and "https://" not in html, url
        assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None, url


def sc_leaders_staff():
    from renda.accounts.models import User

    return User.objects.get(username="t-staff")
