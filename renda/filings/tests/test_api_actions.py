"""The API operations of filing review's declared actions: the allowed role succeeds, another gets 403."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.core.models import AuditEvent
from renda.filings import services as S
from renda.filings.models import Filing, Review, ReviewSuggestion
from renda.people.models import Organization

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


@pytest.fixture
def api_as(client, users):
    client.handler.enforce_csrf_checks = False

    def post(role: str, path: str, body: dict | None = None):
        client.force_login(users[role])
        return client.post(f"{BASE}{path}", data=body or {}, content_type="application/json")

    return post


@pytest.fixture
def working_body(jurisdiction):
    return Organization.objects.create(code="t-legal", name="法制工作委员会", kind="working_body")


def _suggestion():
    return S.review_suggestion_submit(
        proposer_name="王某",
        contact="13800000000",
        document_reference="清教发〔2026〕1号",
        reasons="该文件设定罚款没有法律依据，请予审查。",
    )


def _refused(response) -> None:
    assert response.status_code == 403, response.content
    assert response.json()["code"]


def test_transfer(api_as, make_filing):
    f = make_filing()
    _refused(api_as("unit_officer", f"/filings/{f.pk}/transfer", {"to": "省人大常委会"}))
    response = api_as("staff", f"/filings/{f.pk}/transfer", {"to": "省人大常委会"})
    assert response.status_code == 200 and response.json() == {"id": f.pk, "status": "transferred"}
    assert AuditEvent.objects.filter(action="filings.filing.transferred").count() == 1


def test_correct(api_as, make_filing, staff):
    f = make_filing()
    S.filing_return(actor=staff, filing=f, reason="正文不完整")
    _refused(api_as("member", f"/filings/{f.pk}/correct", {"note": "x"}))
    response = api_as(
        "unit_officer", f"/filings/{f.pk}/correct", {"note": "已补全", "title": "新名称"}
    )
    assert response.status_code == 200 and response.json()["status"] == "submitted"
    f.refresh_from_db()
    assert f.title == "新名称"


def test_review_start(api_as, registered):
    body = {"kind": "thematic", "title": "收费专项审查", "filing_ids": [registered.pk]}
    _refused(api_as("leader", "/filing-reviews", body))
    response = api_as("staff", "/filing-reviews", body)
    assert response.status_code == 201
    assert Review.objects.get(pk=response.json()["id"]).kind == "thematic"
    assert api_as("staff", "/filing-reviews", {**body, "filing_ids": [999999]}).status_code == 422


def test_route_extend_views_hearings(api_as, registered, working_body):
    review = registered.reviews.get()
    path = f"/filing-reviews/{review.pk}"
    _refused(api_as("unit_officer", f"{path}/route", {"body_id": working_body.pk}))
    assert api_as("staff", f"{path}/route", {"body_id": working_body.pk}).status_code == 200
    review.refresh_from_db()
    assert review.responsible_body == working_body

    _refused(api_as("staff", f"{path}/extend", {"reason": "情况复杂"}))
    assert api_as("leader", f"{path}/extend", {"reason": "情况复杂"}).status_code == 200
    assert api_as("leader", f"{path}/extend", {"reason": "again"}).status_code == 409

    _refused(api_as("leader", f"{path}/committee-views", {"committee_id": working_body.pk}))
    response = api_as("staff", f"{path}/committee-views", {"committee_id": working_body.pk})
    assert response.status_code == 200
    view_id = response.json()["id"]
    submit = f"/filing-reviews/committee-views/{view_id}/submit"
    _refused(api_as("unit_officer", submit, {"text": "意见"}))
    assert api_as("staff", submit, {"text": "书面意见"}).status_code == 200
    assert api_as("staff", submit, {"text": "again"}).status_code == 409

    hearing = {
        "kind": "hearing",
        "held_on": dt.date.today().isoformat(),
        "participants": "专家、制定机关",
        "summary": "主要意见",
    }
    _refused(api_as("member", f"{path}/hearings", hearing))
    assert api_as("staff", f"{path}/hearings", hearing).status_code == 200
    assert review.hearings.count() == 1


def test_revocation_button(api_as, registered):
    item = registered.review_items.get()
    _refused(api_as("unit_officer", f"/filing-reviews/items/{item.pk}/revocation"))
    response = api_as("staff", f"/filing-reviews/items/{item.pk}/revocation")
    assert response.status_code == 409 and response.json()["code"] == "not_revocation"


def test_suggestion_decisions(api_as, registered):
    s = _suggestion()
    path = f"/review-suggestions/{s.pk}"
    _refused(api_as("deputy", f"{path}/request-completion", {"note": "请补充"}))
    assert api_as("staff", f"{path}/request-completion", {"note": "请补充"}).status_code == 200
    S.review_suggestion_supplement(suggestion=s, text="补充材料")
    _refused(api_as("unit_officer", f"{path}/start-review", {"filing_id": registered.pk}))
    response = api_as("staff", f"{path}/start-review", {"filing_id": registered.pk})
    assert response.status_code == 200 and response.json()["status"] == "under_review"
    _refused(api_as("leader", f"{path}/feedback", {"text": "结果"}))
    assert api_as("staff", f"{path}/feedback", {"text": "结果"}).status_code == 409

    other = _suggestion()
    path = f"/review-suggestions/{other.pk}"
    _refused(api_as("member", f"{path}/not-start", {"note": "不属于审查范围"}))
    _refused(api_as("member", f"{path}/transfer", {"to": "省人大常委会"}))
    assert api_as("staff", f"{path}/transfer", {"to": "省人大常委会"}).status_code == 200
    other.refresh_from_db()
    assert other.status == ReviewSuggestion.Status.TRANSFERRED
    assert api_as("staff", f"{path}/not-start", {"note": "不属于"}).status_code == 409


def test_yearly_work(api_as):
    year = dt.date.today().year
    _refused(api_as("leader", "/filing-reports/catalogue-reminders", {"year": year - 1}))
    response = api_as("staff", "/filing-reports/catalogue-reminders", {"year": year - 1})
    assert response.status_code == 200 and response.json()["reminded"] >= 1
    _refused(api_as("leader", "/filing-reports", {"year": year, "summary": "概述"}))
    response = api_as("staff", "/filing-reports", {"year": year, "summary": "概述"})
    assert response.status_code == 200 and response.json()["status"] == "draft"
    report_id = response.json()["id"]
    _refused(api_as("unit_officer", f"/filing-reports/{report_id}/publish"))
    response = api_as("staff", f"/filing-reports/{report_id}/publish")
    assert response.status_code == 200 and response.json()["status"] == "published"


def test_filing_status_stays_for_a_refused_caller(api_as, make_filing):
    f = make_filing()
    _refused(api_as("deputy", f"/filings/{f.pk}/transfer", {"to": "x"}))
    f.refresh_from_db()
    assert f.status == Filing.Status.SUBMITTED
