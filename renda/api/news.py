"""News API: the public site's news and notices — the published ones for everyone, and the
office's writes (pictures are added on the office page, where their content is checked)."""

from __future__ import annotations

from typing import Literal

from ninja import Router, Schema

from renda.portal import services
from renda.portal.models import NewsItem

from .actions import expose
from .auth import OPTIONAL_AUTH, READ_AUTH
from .common import InputSchema, text

router = Router(tags=["news"])


class NewsIn(InputSchema):
    title: text(120)
    body: text(20000)
    kind: Literal["news", "notice"] = "news"
    summary: text(300) = ""


class NewsOut(Schema):
    id: int
    kind: str
    title: str
    summary: str
    body: str
    published_at: str


class NewsListOut(Schema):
    items: list[NewsOut]


@router.get(
    "/news",
    response=NewsListOut,
    auth=READ_AUTH,
    operation_id="news_list",
    summary="新闻公告 · Published news and notices",
    description="The newest published items first; ``limit`` 1–100 (default 20).",
    openapi_extra=OPTIONAL_AUTH,
)
def news_list(request, limit: int = 20):
    rows = services.published_news()[: max(1, min(limit, 100))]
    return {
        "items": [
            {
                "id": n.pk,
                "kind": n.kind,
                "title": n.title,
                "summary": n.summary,
                "body": n.body,
                "published_at": n.published_at.isoformat(),
            }  # fmt: skip
            for n in rows
        ]
    }


def _items(user):
    return NewsItem.objects.all()


def _out(item):
    return {"id": item.pk, "status": item.status}


expose(router, services.news_create, "/news", schema=NewsIn, status=201, out=_out)
expose(router, services.news_update, "/news/{news_id}", schema=NewsIn, visible=_items, out=_out)
expose(router, services.news_publish, "/news/{news_id}/publish", visible=_items, out=_out)
expose(router, services.news_withdraw, "/news/{news_id}/withdraw", visible=_items, out=_out)
