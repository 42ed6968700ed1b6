"""Full-text search finds a suggestion by words only its reply holds; the public only by published replies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _officer(unit):
    from renda.accounts.models import Role, User

    return User.objects.filter(role=Role.UNIT_OFFICER, scope=unit).first()


@pytest.fixture
def replied(handled, units):
    """A published suggestion whose reply says 智慧停车诱导, and a withheld follow-up that says 潮汐车道."""
    from renda.casework import services as cw

    s = handled(unit="transport", result="B", title="关于治理学校周边交通拥堵的建议")
    reply = s.case.replies.get()
    reply.text = "我局将在学校周边建设智慧停车诱导系统，分时段限行。"
    reply.save()
    cw.follow_up_reply(
        actor=_officer(units["transport"]),
        case=s.case,
        text="经试点，已开设潮汐车道。",
        result_class="A",
        signed_by_name="李局长",
        publishable=False,
        withhold_reason="试点数据尚未公开",
        now=dt.datetime(2026, 5, 6, 10, tzinfo=dt.UTC),
    )
    other = handled(result="A", title="关于加强乡村教师队伍建设的建议")
    return {"s": s, "other": other}


def test_staff_list_finds_words_only_in_replies(client_for, replied):
    client = client_for("staff")
    url = reverse("suggestions:list")
    for q in ("停车诱导", "潮汐车道"):
        page = client.get(url, {"q": q}).content.decode()
        assert "学校周边交通拥堵" in page and "乡村教师" not in page, q
    page = client.get(url, {"q": "队伍建设"}).content.decode()
    assert "乡村教师" in page and "学校周边交通拥堵" not in page


def test_unit_officer_finds_its_own_by_reply_text_only(client_for, replied, users, units):
    client = client_for("unit_officer")  # the education unit: the transport case is not theirs
    page = client.get(reverse("suggestions:list"), {"q": "停车诱导"}).content.decode()
    assert "学校周边交通拥堵" not in page


def test_public_list_searches_published_replies_only(client, replied):
    url = reverse("portal:suggestions")
    page = client.get(url, {"q": "停车诱导"}).content.decode()
    assert "学校周边交通拥堵" in page and "乡村教师" not in page
    page = client.get(url, {"q": "潮汐车道"}).content.decode()  # only in a withheld follow-up
    assert "学校周边交通拥堵" not in page


def test_api_search_matches_reply_texts(client, client_for, replied):
    anonymous = client.get("/api/v1/suggestions", {"q": "停车诱导"}).json()
    assert [i["id"] for i in anonymous["items"]] == [replied["s"].pk]
    assert client.get("/api/v1/suggestions", {"q": "潮汐车道"}).json()["count"] == 0
    staff = client_for("staff").get("/api/v1/suggestions", {"q": "潮汐车道"}).json()
    assert [i["id"] for i in staff["items"]] == [replied["s"].pk]


def test_case_list_searches_reply_texts(client_for, replied):
    page = client_for("staff").get(reverse("casework:list"), {"q": "潮汐车道"}).content.decode()
    assert "学校周边交通拥堵" in page and "乡村教师" not in page


@pytest.fixture
def small_bounds(monkeypatch):
    """A list counts exactly up to 2 rows, a search reads the newest 3 matches of each index."""
    monkeypatch.setattr("renda.casework.paging.SEARCH_COUNT_CAP", 2)
    monkeypatch.setattr("renda.suggestions.selectors.NEWEST_MATCHES", 3)


def _made(make_suggestion, title, category):
    from renda.suggestions.models import Suggestion

    s = make_suggestion(title=title)
    Suggestion.objects.filter(pk=s.pk).update(category=category)
    return s


def test_bounded_search_answers_more_than_the_cap_from_the_newest_matches(
    client_for, make_suggestion, small_bounds
):
    rows = [_made(make_suggestion, f"关于学校周边安全的建议{i}", "education") for i in range(5)]
    page = client_for("staff").get(reverse("suggestions:list"), {"q": "学校"})
    paginator = page.context["page_obj"].paginator
    assert paginator.capped and paginator.count == 2
    assert [r.pk for r in page.context["rows"]] == [rows[4].pk, rows[3].pk]  # newest first


def test_bounded_search_falls_back_to_the_exact_count(client_for, make_suggestion, monkeypatch):
    """A broad word narrowed by a filter: the newest matches of the index are all filtered out,
    the bound cut the rest off, so the list is counted and read by the exact search."""
    monkeypatch.setattr("renda.suggestions.selectors.NEWEST_MATCHES", 2)
    old = [_made(make_suggestion, f"关于学校食堂管理的建议{i}", "education") for i in range(3)]
    new = [_made(make_suggestion, f"关于学校周边交通的建议{i}", "transport") for i in range(2)]
    client = client_for("staff")
    page = client.get(reverse("suggestions:list"), {"q": "学校", "category": "education"})
    paginator = page.context["page_obj"].paginator
    assert paginator.count == 3 and not paginator.capped
    assert [r.pk for r in page.context["rows"]] == [s.pk for s in reversed(old)]
    page = client.get(reverse("suggestions:list"), {"q": "学校"})
    assert page.context["page_obj"].paginator.count == 5
    assert [r.pk for r in page.context["rows"]][:2] == [s.pk for s in reversed(new)]
