"""Looking up a review suggestion by tracking code is limited per address, on the API as on
the public page (one shared budget), and a throttled call answers 429 with a stable code."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renda.filings import services as S

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


@pytest.fixture
def code():
    return S.review_suggestion_submit(
        proposer_name="王某",
        contact="13800000000",
        document_reference="清教发〔2026〕1号",
        reasons="该文件设定罚款没有法律依据，请予审查。",
    ).tracking_code


def test_api_lookup_is_throttled_per_address(client, code, settings):
    settings.PUBLIC_FORM_RATE_PER_MINUTE = 2
    url = f"{BASE}/review-suggestions/{code}"
    for _ in range(2):
        assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 200
    response = client.get(url, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "tracking_throttled"
    assert "过于频繁" in body["message"] and body["message_en"]
    # Guessing codes does not help either: unknown codes count and are refused alike.
    assert (
        client.get(f"{BASE}/review-suggestions/XXXX-XXXX", REMOTE_ADDR="203.0.113.7").status_code
        == 429
    )
    # Another address is not affected.
    other = client.get(url, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 200 and other.json()["tracking_code"] == code


def test_page_and_api_share_the_budget(client, code, settings):
    settings.PUBLIC_FORM_RATE_PER_MINUTE = 2
    page = reverse("portal:filing_track")
    assert client.get(page, {"code": code}, REMOTE_ADDR="203.0.113.8").status_code == 200
    assert (
        client.get(f"{BASE}/review-suggestions/{code}", REMOTE_ADDR="203.0.113.8").status_code
        == 200
    )
    throttled_page = client.get(page, {"code": code}, REMOTE_ADDR="203.0.113.8")
    assert throttled_page.status_code == 429
    assert "查询过于频繁" in throttled_page.content.decode()
    api = client.get(f"{BASE}/review-suggestions/{code}", REMOTE_ADDR="203.0.113.8")
    assert api.status_code == 429 and api.json()["code"] == "tracking_throttled"


def test_throttle_is_declared_in_the_openapi_document(client):
    schema = client.get(f"{BASE}/openapi.json").json()
    status = schema["paths"][f"{BASE}/review-suggestions/{{tracking_code}}"]["get"]
    assert "429" in status["responses"]
