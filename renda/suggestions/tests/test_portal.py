"""Public suggestion pages: only published suggestions and published replies (rules §1.3, §1.13)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(handled):
    return {
        "a": handled(result="A", title="关于加强乡村教师队伍建设的建议"),
        "b": handled(unit="transport", result="B", title="关于治理学校周边交通拥堵的建议"),
        "withheld": handled(result="A", publishable=False, title="关于某小区噪声扰民的建议"),
        "private": handled(
            result="A", is_public=False, withhold_reason="涉及个人隐私", title="关于个人住房的建议"
        ),
        "open": handled(title="关于增设公交站点的建议"),
    }


def test_list_shows_only_published_with_figures_and_nav(client, published):
    page = client.get(reverse("portal:suggestions")).content.decode()
    assert "乡村教师" in page and "学校周边交通拥堵" in page
    for hidden in ("噪声扰民", "个人住房", "增设公交站点"):
        assert hidden not in page
    assert 'id="public-figures"' in page and "办复率" in page
    assert f'href="{reverse("portal:suggestions")}"' in page  # 代表建议 in the top navigation
    # Result classes in words, never a bare letter.
    assert "办理结果：已解决或采纳" in page and "办理结果：正在解决或列入计划" in page
    assert "办理结果 A" not in page and "办理结果：A" not in page


def test_filters_and_search(client, published, units):
    url = reverse("portal:suggestions")
    page = client.get(url, {"unit": units["transport"].pk}).content.decode()
    assert "学校周边交通拥堵" in page and "乡村教师" not in page
    page = client.get(url, {"result": "A"}).content.decode()
    assert "乡村教师" in page and "学校周边交通拥堵" not in page
    page = client.get(url, {"q": "交通拥堵"}).content.decode()
    assert "学校周边交通拥堵" in page and "乡村教师" not in page
    assert client.get(url, {"unit": "x", "page": "999"}).status_code == 200


def test_detail_shows_the_published_reply(client, published, users):
    s = published["a"]
    page = client.get(reverse("portal:suggestion_detail", args=[s.pk])).content.decode()
    assert s.number in page and users["deputy"].person.name in page and "乡村教师编制不足" in page
    assert "经研究，已经落实。" in page and "已解决或采纳" in page and "2026年3月12日" in page
    assert "<dd>A " not in page


def test_unpublished_and_withheld_are_not_found(client, published, make_suggestion):
    for key in ("withheld", "private", "open"):
        assert (
            client.get(reverse("portal:suggestion_detail", args=[published[key].pk])).status_code
            == 404
        )
    draft = make_suggestion()
    assert client.get(reverse("portal:suggestion_detail", args=[draft.pk])).status_code == 404


def test_list_query_count_is_pinned(client, handled):
    def count() -> int:
        client.get(reverse("portal:suggestions"))
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("portal:suggestions"))
        return len(ctx.captured_queries)

    handled(result="A")
    few = count()
    for cls in ("A", "B", "C", "D"):
        handled(result=cls, unit="finance")
    assert count() == few
