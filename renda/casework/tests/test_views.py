"""Pages and API through the client: visibility, actions, pinned query counts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from renda.casework import services as cw
from renda.casework.models import Case

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_case(users, kind, unit_b, calendar_loaded):
    c = cw.case_create(
        actor=users["staff"], kind=kind, title="卫生事项", requesters=[users["member"].person]
    )
    cw.case_assign(actor=users["staff"], case=c, lead=unit_b, now=at(2026, 3, 2))
    return c


def test_unit_never_sees_another_units_case(client_for, assigned, foreign_case):
    client = client_for("unit_officer")
    assert client.get(reverse("casework:detail", args=[foreign_case.pk])).status_code == 404
    assert client.get(reverse("casework:detail", args=[assigned.pk])).status_code == 200
    page = client.get(reverse("casework:list")).content.decode()
    assert "关于增设学校的建议" in page and "卫生事项" not in page
    api = client.get("/api/v1/cases").json()
    assert [c["id"] for c in api["items"]] == [assigned.pk]
    assert client.get(f"/api/v1/cases/{foreign_case.pk}").status_code == 404
    response = client.post(reverse("casework:action", args=[foreign_case.pk, "receive"]))
    assert response.status_code == 404
    foreign_case.refresh_from_db()
    assert foreign_case.status == Case.Status.AWAITING_RECEIPT


def test_detail_offers_only_allowed_actions(client_for, assigned):
    page = (
        client_for("unit_officer")
        .get(reverse("casework:detail", args=[assigned.pk]))
        .content.decode()
    )
    assert "/act/receive/" in page and "/act/reply/" not in page and "/act/assign/" not in page
    page = client_for("deputy").get(reverse("casework:detail", args=[assigned.pk])).content.decode()
    assert "/act/receive/" not in page and "/act/rate/" not in page


def test_receive_contact_and_reply_through_the_page(client_for, assigned):
    client = client_for("unit_officer")
    url = lambda a: reverse("casework:action", args=[assigned.pk, a])  # noqa: E731
    assert client.post(url("receive")).status_code == 302
    # Before anything can be refused, the reply form lists what it needs and cannot be sent.
    page = client.get(reverse("casework:detail", args=[assigned.pk])).content.decode()
    assert re.search(r'<li class="unmet" data-check="contact_required">.*本轮尚未记录', page)
    assert re.search(
        r'<button type="submit" class="btn" disabled aria-describedby="blocked-reply"', page
    )
    response = client.post(
        url("reply"),
        {
            "reply-text": "答复",
            "reply-result_class": "A",
            "reply-signed_by_name": "张局长",
            "reply-publishable": "on",
        },
    )
    assert response.status_code == 400
    assert "答复前须至少记录一次与提出人的沟通联系" in response.content.decode()
    assert "张局长" in response.content.decode()  # what was typed stays
    today = dt.date.today().isoformat()
    assert (
        client.post(
            url("contact"),
            {"contact-contacted_on": today, "contact-method": "phone", "contact-note": "电话"},
        ).status_code
        == 302
    )
    page = client.get(reverse("casework:detail", args=[assigned.pk])).content.decode()
    assert re.search(r'<li class="met" data-check="contact_required">.*本轮已记录 1 次', page)
    assert 'aria-describedby="blocked-reply"' not in page
    assert (
        client.post(
            url("reply"),
            {
                "reply-text": "答复",
                "reply-result_class": "A",
                "reply-signed_by_name": "张局长",
                "reply-publishable": "on",
            },
        ).status_code
        == 302
    )
    assigned.refresh_from_db()
    assert assigned.status == Case.Status.REPLIED


def test_api_contact_reply_and_rating(client_for, assigned):
    client = client_for("unit_officer")
    client.handler.enforce_csrf_checks = False
    assert client.post(f"/api/v1/cases/{assigned.pk}/receive").status_code == 200
    r = client.post(
        f"/api/v1/cases/{assigned.pk}/reply",
        {"text": "x", "result_class": "A", "signed_by_name": "张"},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["code"] == "contact_required"
    r = client.post(
        f"/api/v1/cases/{assigned.pk}/contacts",
        {"contacted_on": dt.date.today().isoformat(), "method": "phone", "note": "电话"},
        content_type="application/json",
    )
    assert r.status_code == 201
    r = client.post(
        f"/api/v1/cases/{assigned.pk}/reply",
        {"text": "x", "result_class": "A", "signed_by_name": "张"},
        content_type="application/json",
    )
    assert r.status_code == 201
    deputy = client_for("deputy")
    deputy.handler.enforce_csrf_checks = False
    r = deputy.post(
        f"/api/v1/cases/{assigned.pk}/rating",
        {"value": "satisfied"},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["case_status"] == "rated"
    r = deputy.post(
        f"/api/v1/cases/{assigned.pk}/rating",
        {"value": "satisfied"},
        content_type="application/json",
    )
    assert r.status_code == 409 and r.json()["code"] == "already_rated"


def _many(users, kind, unit, n):
    for i in range(n):
        c = cw.case_create(
            actor=users["staff"], kind=kind, title=f"事项{i}", requesters=[users["deputy"].person]
        )
        cw.case_assign(actor=users["staff"], case=c, lead=unit, now=at(2026, 3, 2))


@pytest.mark.parametrize("n", [2, 12])
def test_queue_query_count_is_pinned(
    client_for, users, kind, unit, calendar_loaded, n, django_assert_num_queries
):
    _many(users, kind, unit, n)
    client = client_for("unit_officer")
    # A tab's list is counted by the tab counts already: no count query of its own; its page is
    # cut on the keys (one query) and its rows read by key (one query). The counts are cached by
    # the data's stamp (one query): counted on the first look, read from the cache after.
    with django_assert_num_queries(9):
        response = client.get(reverse("casework:queue"))
    assert response.status_code == 200
    with django_assert_num_queries(8):
        response = client.get(reverse("casework:queue"))
    assert response.status_code == 200
    assert (
        response.context["page_obj"].paginator.count == response.context["counts"]["receive"] == n
    )
    rows = response.context["rows"]
    assert len(rows) == n and [(r.due_on, r.pk) for r in rows] == sorted(
        (r.due_on, r.pk) for r in rows
    )
    # "done" has no tab count: the list counts itself (and, empty here, reads no page).
    with django_assert_num_queries(7):
        response = client.get(reverse("casework:queue") + "?tab=done")
    assert response.status_code == 200 and response.context["page_obj"].paginator.count == 0


@pytest.mark.parametrize("n", [2, 12])
def test_list_query_count_is_pinned(
    client_for, users, kind, unit, calendar_loaded, n, django_assert_num_queries
):
    _many(users, kind, unit, n)
    client = client_for("staff")
    with django_assert_num_queries(6):  # nothing due soon: counted, no page to read
        response = client.get(reverse("casework:list") + "?due=soon30")
    assert response.status_code == 200
    with django_assert_num_queries(8):  # the count, the page's keys, its rows, their kinds
        response = client.get(reverse("casework:list"))
    assert response.status_code == 200 and len(response.context["rows"]) == n
    with django_assert_num_queries(4):
        client.get("/api/v1/cases?limit=50")


def test_notifications_page_and_unread_badge(
    client_for, users, assigned, django_capture_on_commit_callbacks
):
    from renda.casework.models import Notification

    Notification.objects.create(
        user=users["unit_officer"],
        case=assigned,
        kind="assigned",
        key_date=dt.date(2026, 3, 2),
        text="新交办",
    )
    client = client_for("unit_officer")
    assert "1 条未读" in client.get(reverse("casework:unread")).content.decode()
    assert "新交办" in client.get(reverse("casework:notifications")).content.decode()
    # 我的待办 lists the unread message, under its own kind, until it is read.
    home = client.get(reverse("core:home")).content.decode()
    assert 'data-kind="未读消息"' in home and "新交办" in home
    client.post(reverse("casework:notifications_read"))
    assert "条未读" not in client.get(reverse("casework:unread")).content.decode()
    assert 'data-kind="未读消息"' not in client.get(reverse("core:home")).content.decode()


def test_my_work_lists_items_for_the_unit_and_the_requester(assigned, users):
    from renda.casework.work import casework_work

    items = casework_work(users["unit_officer"], dt.date(2026, 3, 3))
    assert [str(i.kind) for i in items] == ["待签收"]
    assert casework_work(users["deputy"], dt.date(2026, 3, 3)) == []


def test_queue_counts_follow_every_change_made_through_the_services(
    client_for, users, kind, unit, calendar_loaded
):
    """The counts are cached by the data's stamp: a case assigned after the first look shows at once."""
    _many(users, kind, unit, 2)
    client = client_for("unit_officer")
    assert client.get(reverse("casework:queue")).context["counts"]["receive"] == 2
    _many(users, kind, unit, 1)
    response = client.get(reverse("casework:queue"))
    assert response.context["counts"]["receive"] == 3 and len(response.context["rows"]) == 3
