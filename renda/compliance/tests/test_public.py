"""The public version: only the rules the office publishes, with status and summary and
without the evidence (whose links lead to office pages); publishing is an audited action."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from renda.compliance import registry, services
from renda.compliance.models import PublishedRule
from renda.core.errors import DomainError
from renda.core.models import AuditEvent
from renda.meetings.models import Meeting
from renda.people.models import Organization

pytestmark = pytest.mark.django_db


def held(term, year):
    sc = Organization.objects.get(code="standing-committee")
    for n, month in enumerate((1, 3, 5, 7, 9, 11), start=1):
        day = dt.date(year, month, 10)
        Meeting.objects.create(kind="sc_meeting", body=sc, term=term, number=n, title=f"第{n}次会议", starts_on=day, ends_on=day)  # fmt: skip


def test_only_published_rules_reach_the_public_site_and_api(client_for, staff, term):
    year = timezone.localdate().year - 1
    held(term, year)
    anonymous = client_for(None)
    page = anonymous.get(reverse("portal:compliance"), {"year": year}).content.decode()
    assert 'id="public-empty"' in page
    assert anonymous.get("/api/v1/compliance/public", {"year": year}).json()["items"] == []
    services.rule_publish(actor=staff, code="§8.7", publish=True)
    page = anonymous.get(reverse("portal:compliance"), {"year": year}).content.decode()
    verdict = registry.evaluate("§8.7", year, timezone.localdate()).verdict
    assert 'data-code="§8.7"' in page and str(verdict.summary) in page
    assert 'data-code="§8.1"' not in page and "/office/" not in page.split("<main")[-1]
    api = anonymous.get("/api/v1/compliance/public", {"year": year}).json()
    assert [i["code"] for i in api["items"]] == ["§8.7"] and api["items"][0]["status"] == verdict.status  # fmt: skip
    assert "evidence" not in api["items"][0] and api["counts"][verdict.status] == 1
    # A year not yet begun, or a bad year, shows this year (nothing is judged ahead).
    ahead = anonymous.get("/api/v1/compliance/public", {"year": year + 5}).json()
    assert ahead["year"] == timezone.localdate().year
    assert anonymous.get(reverse("portal:compliance"), {"year": "x"}).status_code == 200
    services.rule_publish(actor=staff, code="§8.7", publish=False)
    assert anonymous.get("/api/v1/compliance/public", {"year": year}).json()["items"] == []
    events = AuditEvent.objects.filter(action="compliance.rule.publish").order_by("id")
    assert [e.changes["published"] for e in events] == [True, False]


def test_publishing_is_refused_for_unknown_or_unevaluable_rules_and_for_members(client_for, staff):  # fmt: skip
    with pytest.raises(DomainError) as e:
        services.rule_publish(actor=staff, code="S99", publish=True)
    assert e.value.code == "not_found"
    unevaluable = next((c for c, x in registry.REGISTRY.items() if x.evaluate is None), None)
    if unevaluable:
        with pytest.raises(DomainError) as e:
            services.rule_publish(actor=staff, code=unevaluable, publish=True)
        assert e.value.code == "not_evaluable"
    member = client_for("member")
    r = member.post("/api/v1/compliance/published", {"code": "§8.7", "publish": True}, content_type="application/json")  # fmt: skip
    assert r.status_code == 403 and not PublishedRule.objects.exists()


def test_the_office_publishes_from_the_rule_page(client_for):
    office = client_for("staff")
    url = reverse("compliance:rule", args=["§8.7"])
    assert 'id="publish-toggle"' in office.get(url).content.decode()
    r = office.post(reverse("compliance:rule_publish", args=["§8.7"]), {"publish": "1"})
    assert r.status_code == 302 and PublishedRule.objects.get(code="§8.7").published
    page = office.get(url).content.decode()
    assert "取消公开" in page and reverse("portal:compliance") in page
    assert "已公开" in office.get(reverse("compliance:dashboard")).content.decode()
    api = office.post("/api/v1/compliance/published", {"code": "§8.7", "publish": False}, content_type="application/json")  # fmt: skip
    assert api.status_code == 200 and api.json()["published"] is False
    member = client_for("member")
    assert 'id="publish-toggle"' not in member.get(url).content.decode()
    assert member.post(reverse("compliance:rule_publish", args=["§8.7"]), {"publish": "1"}).status_code == 403  # fmt: skip
