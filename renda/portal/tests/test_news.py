"""新闻公告 (S4): the office writes news and notices with a picture, publishes and withdraws
them; the public sees only what is published, picture included, on the column and the home
page; a picture is accepted only when its content is really an image."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from renda.core.errors import DomainError
from renda.core.files import protected_url
from renda.core.models import AuditEvent
from renda.portal import services
from renda.portal.models import NewsItem

pytestmark = pytest.mark.django_db


def png(name="photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_a_news_item_with_a_picture_is_public_only_while_published(client_for, staff):
    office = client_for("staff")
    client = Client()  # a citizen
    assert "JPEG、PNG 或 WebP，不超过 5 MB" in office.get(reverse("news:create")).content.decode()
    form = {"kind": "news", "title": "常委会召开第三十次会议", "summary": "会议审议了三项报告。",
            "body": "第一段。\n\n第二段。", "image_alt": ""}  # fmt: skip
    refused = office.post(reverse("news:create"), {**form, "image": png()})
    assert "请为图片写一句说明" in refused.content.decode() and not NewsItem.objects.exists()
    assert "常委会召开第三十次会议" in refused.content.decode()  # the typed text stays
    done = office.post(reverse("news:create"), {**form, "image": png(), "image_alt": "会场全景"})
    item = NewsItem.objects.get()
    assert done.status_code == 302 and item.status == "draft" and item.image.name.endswith(".png")
    image_url = protected_url(item, "image")
    # A draft is nowhere on the public site, its picture neither.
    assert client.get(reverse("portal:news_detail", args=[item.pk])).status_code == 404
    assert item.title not in client.get(reverse("portal:news")).content.decode()
    assert client.get(image_url).status_code == 404
    office.post(reverse("news:status", args=[item.pk]), {"publish": "1"})
    item.refresh_from_db()
    assert item.status == "published" and item.published_at
    home = client.get(reverse("portal:home")).content.decode()
    assert item.title in home and 'alt="会场全景"' in home
    detail = client.get(reverse("portal:news_detail", args=[item.pk])).content.decode()
    assert "<p>第一段。</p>" in detail and "<p>第二段。</p>" in detail
    picture = client.get(image_url)
    assert picture.status_code == 200
    assert Image.open(io.BytesIO(b"".join(picture.streaming_content))).size == (64, 40)
    office.post(reverse("news:status", args=[item.pk]), {"publish": "0"})
    assert client.get(reverse("portal:news_detail", args=[item.pk])).status_code == 404
    assert client.get(image_url).status_code == 404
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"portal.news.create", "portal.news.publish", "portal.news.withdraw"} <= actions


def test_a_picture_is_checked_on_its_content_not_its_name(staff):
    fake = SimpleUploadedFile("photo.png", b"#!/bin/sh\necho owned\n", content_type="image/png")
    with pytest.raises(DomainError) as refused:
        services.news_create(actor=staff, title="标题", body="正文", image=fake, image_alt="图")
    assert refused.value.code == "invalid_image"
    svg = SimpleUploadedFile("x.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    with pytest.raises(DomainError):
        services.news_create(actor=staff, title="标题", body="正文", image=svg, image_alt="图")
    assert not NewsItem.objects.exists()


def test_only_the_office_writes_and_the_api_reads_and_writes(client_for, users):
    assert client_for("member").get(reverse("news:list")).status_code in (302, 403)
    client = Client()
    with pytest.raises(DomainError):
        services.news_create(actor=users["member"], title="标题", body="正文")
    from renda.accounts.services import api_token_issue

    _token, secret = api_token_issue(actor=users["staff"], label="发布")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    made = client.post(
        "/api/v1/news", {"title": "关于征集代表建议的公告", "body": "正文。", "kind": "notice"},
        content_type="application/json", **auth,
    )  # fmt: skip
    assert made.status_code == 201
    pk = made.json()["id"]
    assert client.get("/api/v1/news").json()["items"] == []
    client.post(f"/api/v1/news/{pk}/publish", {}, content_type="application/json", **auth)
    items = client.get("/api/v1/news").json()["items"]
    assert [i["title"] for i in items] == ["关于征集代表建议的公告"] and items[0][
        "kind"
    ] == "notice"
