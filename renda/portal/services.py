"""Writes of the public site: the office's news and notices (S4), as declared actions."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import DomainError
from renda.core.uploads import check_image

from .models import NewsItem

#: Office staff edit and publish the news column.
PUBLISH = "portal.publish_news"
N = NewsItem.Status


def _fields(item: NewsItem, *, kind, title, summary, body, image, image_alt) -> None:
    title, body = (title or "").strip(), (body or "").strip()
    if not title:
        raise DomainError("field_required", _("请填写标题。"), field="title")
    limit = NewsItem._meta.get_field("title").max_length
    if len(title) > limit:
        raise DomainError("too_long", _("标题不能超过 {n} 字。"), field="title", n=limit)
    if not body:
        raise DomainError("field_required", _("请填写正文。"), field="body")
    if kind not in NewsItem.Kind.values:
        raise DomainError("invalid_kind", _("类别无效。"), field="kind")
    if image:
        ext = check_image(image)
        if not (image_alt or "").strip():
            raise DomainError(
                "image_alt_required",
                _("请为图片写一句说明（供读屏软件朗读）。"),
                field="image_alt",
            )
        image.name = f"image.{ext}"
    item.kind, item.title, item.body = kind, title, body
    item.summary = (summary or "").strip()[:300]
    item.image_alt = (image_alt or "").strip()[:120]


@action(
    "portal.news.create", model=NewsItem, permission=PUBLISH, rule="S4", label=_("撰写新闻公告")
)
def news_create(
    ctx: ActionContext,
    *,
    title: str,
    body: str,
    kind: str = NewsItem.Kind.NEWS,
    summary: str = "",
    image=None,
    image_alt: str = "",
) -> NewsItem:
    """A draft; nothing is public until it is published."""
    item = NewsItem(author=ctx.user)
    _fields(item, kind=kind, title=title, summary=summary, body=body, image=image,
            image_alt=image_alt)  # fmt: skip
    if image:
        item.image.save(image.name, image, save=False)
    item.save()
    ctx.audit_object = item
    ctx.changes.update(kind=kind, title=item.title, image=bool(image))
    return item


@action(
    "portal.news.update",
    model=NewsItem,
    subject="item",
    permission=PUBLISH,
    rule="S4",
    label=_("修改新闻公告"),
)
def news_update(
    ctx: ActionContext,
    *,
    item: NewsItem,
    title: str,
    body: str,
    kind: str = NewsItem.Kind.NEWS,
    summary: str = "",
    image=None,
    image_alt: str = "",
    remove_image: bool = False,
) -> NewsItem:
    """Change the text (a published item changes on the site at once); a new picture
    replaces the old, or the picture is removed."""
    _fields(item, kind=kind, title=title, summary=summary, body=body, image=image,
            image_alt=image_alt or (item.image_alt if not image else ""))  # fmt: skip
    if image:
        item.image.save(image.name, image, save=False)
    elif remove_image:
        item.image = ""
        item.image_alt = ""
    elif item.image and not item.image_alt:
        raise DomainError(
            "image_alt_required", _("请为图片写一句说明（供读屏软件朗读）。"), field="image_alt"
        )
    item.save()
    ctx.changes.update(title=item.title, image=bool(item.image))
    return item


@action(
    "portal.news.publish",
    model=NewsItem,
    subject="item",
    sources={N.DRAFT},
    target=N.PUBLISHED,
    permission=PUBLISH,
    rule="S4",
    label=_("发布"),
)
def news_publish(ctx: ActionContext, *, item: NewsItem) -> NewsItem:
    item.published_at = item.published_at or ctx.now
    item.save(update_fields=["published_at", "updated_at"])
    return item


@action(
    "portal.news.withdraw",
    model=NewsItem,
    subject="item",
    sources={N.PUBLISHED},
    target=N.DRAFT,
    permission=PUBLISH,
    rule="S4",
    label=_("撤回"),
)
def news_withdraw(ctx: ActionContext, *, item: NewsItem) -> NewsItem:
    """Off the public site (and its picture with it) until published again."""
    return item


def published_news():
    return NewsItem.objects.filter(status=N.PUBLISHED).order_by("-published_at", "-id")


@action(
    "portal.news.publish_notice",
    model=NewsItem,
    permission=SYSTEM,
    rule="S4",
    label=_("发布公告"),
)
def notice_publish(ctx: ActionContext, *, source: str, title: str, body: str) -> NewsItem:
    """Publish a notice another domain's decision requires (a termination announced by the
    standing committee): once per ``source``, so a retried effect publishes nothing twice."""
    existing = NewsItem.objects.filter(source=source).first()
    if existing is not None:
        ctx.audited = False
        return existing
    item = NewsItem(author=ctx.user, source=source, published_at=ctx.now, status=N.PUBLISHED)
    _fields(item, kind=NewsItem.Kind.NOTICE, title=title[:120], summary="", body=body,
            image=None, image_alt="")  # fmt: skip
    item.save()
    ctx.audit_object = item
    ctx.changes.update(source=source, title=item.title)
    return item
