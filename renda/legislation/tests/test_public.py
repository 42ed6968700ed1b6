"""The public pages and API of local legislation: a citizen comments on an article and
follows it by the tracking code; the writer's name and contact appear nowhere public."""

from __future__ import annotations

import datetime as dt
import json

from django.urls import reverse

from renda.legislation import services
from renda.legislation.models import PublicComment

from .conftest import today

NAME, PHONE = "赵先生", "13712345678"


def _open(staff, project):
    version = project.versions.get()
    services.project_open_comment(actor=staff, project=project, version=version, opens_on=today(), closes_on=today() + dt.timedelta(days=30))  # fmt: skip
    version.refresh_from_db()
    return version


def test_a_citizen_comments_on_an_article_and_the_contact_stays_private(client, staff, project):
    version = _open(staff, project)
    article = version.provisions.get(label="第十六条")
    assert client.get(reverse("portal:legislation")).status_code == 200
    page = client.get(reverse("portal:legislation_draft", args=[version.pk]))
    assert page.status_code == 200 and f"?article={article.pk}" in page.content.decode()
    url = reverse("portal:legislation_comment", args=[version.pk])
    form = client.get(url + f"?article={article.pk}")
    assert article.text[:10] in form.content.decode()
    empty = client.post(url, {"provision": article.pk, "body": "", "name": NAME, "contact": PHONE})
    assert empty.status_code == 400 and PHONE in empty.content.decode()  # the input is kept
    sent = client.post(url, {"provision": article.pk, "body": "建议牵引绳不超过一点五米。", "name": NAME, "contact": PHONE})  # fmt: skip
    assert sent.status_code == 200
    comment = PublicComment.objects.get()
    assert comment.provision == article and comment.code in sent.content.decode()
    services.comment_publish(actor=staff, comment=comment)
    pages = [
        client.get(reverse("portal:legislation_draft", args=[version.pk])),
        client.get(reverse("portal:legislation")),
        client.get(f"/api/v1/legislation/drafts/{version.pk}"),
        client.get("/api/v1/legislation/drafts"),
    ]
    for r in pages:
        body = r.content.decode()
        assert r.status_code == 200 and PHONE not in body and NAME not in body
    assert "建议牵引绳不超过一点五米" in pages[0].content.decode()
    detail = pages[2].json()
    counts = {p["label"]: p["comment_count"] for p in detail["provisions"]}
    assert counts["第十六条"] == 1 and detail["comments"][0]["article"] == "第十六条"
    tracked = client.post(reverse("portal:legislation_track"), {"code": comment.code.lower()})
    assert tracked.status_code == 200 and "已公开" in tracked.content.decode()
    wrong = client.post(reverse("portal:legislation_track"), {"code": "ZZZZ-ZZZZ-ZZZZ"})
    assert wrong.status_code == 404


def test_the_api_takes_a_comment_and_refuses_one_out_of_period(client, staff, project):
    version = project.versions.get()
    url = f"/api/v1/legislation/drafts/{version.pk}/comments"
    assert client.post(url, json.dumps({"body": "意见"}), content_type="application/json").status_code == 404  # fmt: skip
    _open(staff, project)
    r = client.post(url, json.dumps({"body": "整体赞成", "contact": PHONE}), content_type="application/json")  # fmt: skip
    assert r.status_code == 201 and len(r.json()["code"]) == 14
    tracked = client.post("/api/v1/legislation/comments/track", json.dumps({"code": r.json()["code"]}), content_type="application/json")  # fmt: skip
    assert tracked.status_code == 200 and tracked.json()["status"] == "pending"
    assert PHONE not in tracked.content.decode()
    version.comment_closes_on = today() - dt.timedelta(days=1)
    version.comment_opens_on = today() - dt.timedelta(days=31)
    version.save()
    late = client.post(url, json.dumps({"body": "迟到的意见"}), content_type="application/json")
    assert late.status_code == 409 and late.json()["code"] == "comment_closed"
    assert PublicComment.objects.count() == 1
