"""The voters' channel through its pages and its API: a citizen writes on the public site,
the deputy answers on their inbox page, the office publishes; the writer's contact is on
no public page and in no public API answer."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renda.deputies import services
from renda.deputies.models import LiaisonStation, VoterMessage
from renda.portal.tests.test_accessibility import audit

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
NAME = "张秀兰"
LETTER = {
    "subject": "小区门口路灯坏了", "body": "清河路12号小区门口的路灯坏了两个月，晚上出行很不安全。",
    "area": "清河街道", "writer_name": NAME, "contact": PHONE, "consent_publish": "on",
}  # fmt: skip


def _code(html: str) -> str:
    return re.search(r'id="tracking-code">([0-9A-Z-]+)<', html).group(1)


def test_a_citizen_writes_the_deputy_answers_the_office_publishes(client_for, staff, deputies):
    me = deputies[0]
    public = client_for(None)
    url = reverse("portal:write_to_deputy", args=[me.pk])
    page = public.get(url).content.decode()
    assert "不会公开" in page and "查询码" in page  # says what happens before submitting
    assert audit(page).unlabelled() == []
    short = public.post(url, {**LETTER, "body": "太短了"})
    assert short.status_code == 400 and "至少10个字" in short.content.decode()
    assert 'value="小区门口路灯坏了"' in short.content.decode()  # the input is kept
    sent = public.post(url, LETTER)
    assert sent.status_code == 200
    code = _code(sent.content.decode())
    tracked = public.post(reverse("portal:message_track"), {"code": code.lower()})
    assert tracked.status_code == 200 and "待处理" in tracked.content.decode()
    assert PHONE not in tracked.content.decode()
    assert (
        public.post(reverse("portal:message_track"), {"code": "AAAA-BBBB-CCCC"}).status_code == 404
    )

    deputy = client_for("deputy")
    inbox = deputy.get(reverse("deputies:messages")).content.decode()
    m = VoterMessage.objects.get()
    assert f'data-message="{m.pk}"' in inbox
    detail = reverse("deputies:message_detail", args=[m.pk])
    page = deputy.get(detail).content.decode()
    assert PHONE in page and NAME in page  # the addressee sees how to reach the writer
    assert 'id="dismiss-form"' not in page and 'id="publish-form"' not in page  # the office's
    act = lambda verb: reverse("deputies:message_act", args=[m.pk, verb])  # noqa: E731
    assert deputy.post(act("acknowledge")).status_code == 302
    bad = deputy.post(act("answer"), {"answer": "好"})
    assert bad.status_code == 400 and "答复过短" in bad.content.decode()
    assert (
        deputy.post(act("answer"), {"answer": "已联系清河街道，路灯本周内修复。"}).status_code
        == 302
    )

    office = client_for("staff")
    page = office.get(detail).content.decode()
    assert 'id="publish-form"' in page
    published = office.post(act("publish"), {"public_body": "小区门口的路灯坏了两个月。", "public_answer": "已联系清河街道，路灯本周内修复。"})  # fmt: skip
    assert published.status_code == 302

    public = client_for(None)
    listing = public.get(reverse("portal:messages")).content.decode()
    assert "小区门口的路灯坏了两个月。" in listing and "路灯本周内修复" in listing
    tracked = public.post(reverse("portal:message_track"), {"code": code}).content.decode()
    assert "路灯本周内修复" in tracked
    for page in (listing, tracked, public.get(reverse("portal:deputy_detail", args=[me.pk])).content.decode()):  # fmt: skip
        assert PHONE not in page and NAME not in page


def test_another_deputy_cannot_open_or_handle_the_letter(client_for, deputies):
    m = services.message_submit(deputy=deputies[1], **{k: v for k, v in LETTER.items() if k != "consent_publish"})  # fmt: skip
    deputy = client_for("deputy")
    assert deputy.get(reverse("deputies:message_detail", args=[m.pk])).status_code == 404
    answer = reverse("deputies:message_act", args=[m.pk, "answer"])
    assert deputy.post(answer, {"answer": "我来答复这封信。"}).status_code == 404
    assert VoterMessage.objects.get().status == "received"


def test_the_deputy_turns_a_letter_into_a_suggestion_from_the_page(client_for, deputies):
    m = services.message_submit(deputy=deputies[0], subject="学位紧张", body="片区新建小区多，小学学位非常紧张，希望增建学校。")  # fmt: skip
    deputy = client_for("deputy")
    page = deputy.get(reverse("deputies:message_detail", args=[m.pk])).content.decode()
    assert 'id="suggest-form"' in page and "片区新建小区多" in page  # prefilled from the letter
    response = deputy.post(
        reverse("deputies:message_act", args=[m.pk, "suggest"]),
        {"title": "关于增建清河片区小学的建议", "content": "片区新建小区多，小学学位非常紧张……"},
    )
    m.refresh_from_db()
    assert response.status_code == 302 and m.suggestion is not None
    assert response["Location"] == reverse("suggestions:detail", args=[m.suggestion_id])


def test_a_station_letter_and_the_rate_limit(client_for, staff, settings):
    station = LiaisonStation.objects.create(name="清河街道代表联络站", area="清河街道", address="清河路1号")  # fmt: skip
    public = client_for(None)
    url = reverse("portal:write_to_station", args=[station.pk])
    assert public.post(url, LETTER).status_code == 200
    assert VoterMessage.objects.get().station == station
    settings.VOTER_MESSAGES_PER_HOUR = 1
    refused = public.post(url, LETTER)
    assert refused.status_code == 429 and "过于频繁" in refused.content.decode()
    assert VoterMessage.objects.count() == 1


def test_the_api_writes_tracks_and_keeps_the_contact_private(client_for, deputies):
    public = client_for(None)
    body = {**LETTER, "consent_publish": True, "deputy_id": deputies[0].pk}
    post = lambda url, data: public.post(f"/api/v1{url}", data=json.dumps(data), content_type="application/json")  # noqa: E731  # fmt: skip
    created = post("/voter-messages", body)
    assert created.status_code == 201, created.content
    code = created.json()["code"]
    both = post("/voter-messages", {**body, "station_id": 1})
    assert both.status_code in (400, 404)
    tracked = post("/voter-messages/track", {"code": code})
    assert tracked.status_code == 200 and tracked.json()["status"] == "received"
    text = json.dumps(tracked.json(), ensure_ascii=False)
    assert "路灯" in text and PHONE not in text and NAME not in text
    assert post("/voter-messages/track", {"code": "nope"}).status_code == 404
    assert public.get("/api/v1/voter-messages/inbox").status_code == 401
    deputy = client_for("deputy")
    inbox = deputy.get("/api/v1/voter-messages/inbox").json()
    assert inbox["count"] == 1 and inbox["items"][0]["contact"] == PHONE
    pk = inbox["items"][0]["id"]
    answered = deputy.post(f"/api/v1/voter-messages/inbox/{pk}/answer", data=json.dumps({"answer": "已联系街道修复路灯。"}), content_type="application/json")  # fmt: skip
    assert answered.status_code == 200 and answered.json()["status"] == "answered"
    office = client_for("staff")
    published = office.post(f"/api/v1/voter-messages/inbox/{pk}/publish", data=json.dumps({"public_body": "路灯坏了。", "public_answer": "已修复。"}), content_type="application/json")  # fmt: skip
    assert published.status_code == 200
    listing = json.dumps(client_for(None).get("/api/v1/voter-messages").json(), ensure_ascii=False)
    assert "已修复。" in listing and PHONE not in listing and NAME not in listing


def test_the_inbox_takes_a_fixed_number_of_queries(client_for, deputies):
    client = client_for("staff")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("deputies:messages")).status_code == 200
        return len(ctx)

    letter = {k: v for k, v in LETTER.items() if k != "consent_publish"}
    services.message_submit(deputy=deputies[0], **letter)
    few = count()
    for d in deputies[1:4]:
        services.message_submit(deputy=d, **letter)
    assert count() == few
