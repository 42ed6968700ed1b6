"""Route and API walker expectations for the structure pages of people (see tests/walkers/__init__.py).

Posts, terms and ending a membership are the office's (``people.manage``); their API
operations (``posts_create``, ``terms_create``, ``memberships_end``) are listed with the
other people operations in :mod:`tests.test_api_permissions`.
"""

from __future__ import annotations

import datetime as dt

from tests.walkers import EVERYONE, OFFICE_STAFF

#: Accounts are the administrator's alone.
ADMIN = frozenset({"admin"})

ROUTES: dict = {
    "people:post_create": ("GET", OFFICE_STAFF, "organization"),
    "people:term_create": ("GET", OFFICE_STAFF, "organization"),
    "people:membership_end": ("GET", OFFICE_STAFF, "membership"),
    "news:list": ("GET", OFFICE_STAFF, None),
    "news:create": ("GET", OFFICE_STAFF, None),
    "news:edit": ("GET", OFFICE_STAFF, "news_item"),
    "news:status": ("POST", OFFICE_STAFF, "news_item"),
    "portal:news": ("GET", EVERYONE, None),
    "portal:news_detail": ("GET", EVERYONE, "news_published"),
}
OPERATIONS: dict = {
    **{
        f"accounts_user_{verb}": ADMIN
        for verb in ("create", "update", "deactivate", "reactivate", "password_reset")
    },
    # The news column: everyone reads the published items; the office writes.
    "news_list": EVERYONE,
    **{f"portal_news_{verb}": OFFICE_STAFF for verb in ("create", "update", "publish", "withdraw")},
}
#: the administrator's five account operations; the office's four news operations
REQUEST_BODIES = 9
PRIVATE_READS: tuple[str, ...] = ()


def objects(users, term) -> dict:
    from renda.people import services
    from renda.people.models import Organization

    staff = users["staff"]
    person = services.person_create(actor=staff, name="任测试", gender="female")
    org = Organization.objects.create(code="walker-org", name="测试机构", kind="special_committee")
    membership = services.membership_create(
        actor=staff, person=person, organization=org, start_date=dt.date(2023, 1, 1)
    )
    from renda.portal import services as news

    draft = news.news_create(actor=staff, title="草稿新闻", body="正文。")
    shown = news.news_create(actor=staff, title="已发布的公告", body="正文。", kind="notice")
    news.news_publish(actor=staff, item=shown)
    return {
        "membership": {"pk": membership.pk},
        "news_item": {"pk": draft.pk},
        "news_published": {"pk": shown.pk},
    }


def ids(users, term) -> dict:
    from renda.portal import services as news

    item = news.news_create(actor=users["staff"], title="接口新闻", body="正文。")
    return {"news_id": item.pk}
