"""The filings API: each operation as each role, the filer's create, registration with the similar list,
reviews, review suggestions by tracking code, and pinned query counts of the lists."""

from __future__ import annotations

import datetime as dt

import pytest

from renda.api.urls import api
from renda.filings.models import Filing, ReviewSuggestion
from tests.walkers import ANON, ROLES
from tests.walkers import filings as walker

pytestmark = pytest.mark.django_db

BASE = "/api/v1"


def _operations():
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, op in methods.items():
            if op["operationId"] in walker.OPERATIONS:
                yield method.upper(), path.replace(BASE, BASE, 1), op["operationId"]


def test_every_filings_operation_is_listed():
    schema = api.get_openapi_schema()
    found = {
        op["operationId"]
        for methods in schema["paths"].values()
        for op in methods.values()
        if op["operationId"].startswith("filings_")
    }
    assert found == set(walker.OPERATIONS)


#: Operations whose input is all optional: an empty body performs the action (409 in the walker's state).
EMPTY_BODY_PERFORMS = {
    "filings_register",
    "filings_filing_correct",
    "filings_review_item_record_revocation",
    "filings_report_publish",
}


@pytest.mark.parametrize("role", [ANON, *ROLES])
def test_walk_filings_operations_as_role(client, users, term, role):
    ids = walker.ids(users, term)
    if role != ANON:
        client.force_login(users[role])
    client.handler.enforce_csrf_checks = False
    problems = []
    for method, path, op_id in _operations():
        url = path.format(**ids)
        response = (
            client.get(url)
            if method == "GET"
            else client.generic(method, url, data="{}", content_type="application/json")
        )
        status = response.status_code
        assert status < 500, f"{op_id} as {role}: {status}"
        allowed = role in walker.OPERATIONS[op_id]
        if allowed and status in (401, 403):
            problems.append(f"{op_id} as {role}: refused with {status}")
        if (
            allowed
            and method == "POST"
            and op_id not in EMPTY_BODY_PERFORMS
            and status not in (400, 422)
        ):
            problems.append(f"{op_id} as {role}: empty body gave {status}")
        if not allowed and status != (401 if role == ANON else 403):
            problems.append(f"{op_id} as {role}: got {status}")
    assert not problems, "\n".join(problems)


def _filing_body(**extra):
    return {
        "title": "清河市校外培训机构管理办法",
        "document_number": "清教发〔2026〕11号",
        "published_on": (dt.date.today() - dt.timedelta(days=45)).isoformat(),
        "drafting_explanation": "说明",
        "legal_basis": "教育法",
        "text": "第一条 为规范管理，制定本办法。\n第二条 违反规定的，处以罚款。",
        **extra,
    }


def test_filer_creates_through_the_api_and_staff_register(client, users):
    client.force_login(users["unit_officer"])
    client.handler.enforce_csrf_checks = False
    response = client.post(f"{BASE}/filings", _filing_body(), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["is_late"] and body["highlights"] == 1
    again = client.post(f"{BASE}/filings", _filing_body(), content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "duplicate_filing"
    missing = client.post(
        f"{BASE}/filings", _filing_body(document_number=""), content_type="application/json"
    )
    assert missing.status_code == 400 and missing.json()["field"] == "document_number"
    assert Filing.objects.count() == 1
    client.force_login(users["staff"])
    response = client.post(
        f"{BASE}/filings/{body['id']}/register", {}, content_type="application/json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["receipt_number"].startswith("DJ") and data["similar"] == []
    detail = client.get(f"{BASE}/filing-reviews/{data['review_id']}").json()
    item_id = detail["items"][0]["id"]
    saved = client.post(
        f"{BASE}/filing-reviews/items/{item_id}/checklist",
        {"answers": {"legality": {"answer": "problem", "note": "罚款无依据"}}},
        content_type="application/json",
    )
    assert saved.json()["problems"] == ["legality"]
    out = client.post(
        f"{BASE}/filing-reviews/items/{item_id}/outcome",
        {"outcome": "correction", "note": "请修改"},
        content_type="application/json",
    ).json()
    assert out["correction_case_id"] and out["review_status"] == "concluded"
    public = client.get(f"{BASE}/filings/{body['id']}").json()
    assert public["review_status"] == "书面提出纠正意见"


def test_review_suggestion_by_token_and_status_by_code(client, users):
    client.force_login(users["deputy"])
    client.handler.enforce_csrf_checks = False
    bad = client.post(
        f"{BASE}/review-suggestions",
        {
            "proposer_name": "王某",
            "contact": "1",
            "reasons": "该文件设定罚款没有法律依据，请予审查。",
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "document_reference_required"
    ok = client.post(
        f"{BASE}/review-suggestions",
        {
            "proposer_name": "王某",
            "contact": "1",
            "document_reference": "清教发〔2026〕1号",
            "reasons": "该文件设定罚款没有法律依据，请予审查。",
        },
        content_type="application/json",
    )
    assert ok.status_code == 201
    code = ok.json()["tracking_code"]
    client.logout()
    status = client.get(f"{BASE}/review-suggestions/{code}").json()
    assert (
        status["status"] == "received" and "contact" not in status and "proposer_name" not in status
    )
    assert client.get(f"{BASE}/review-suggestions/XXXX-XXXX-XXXX").status_code == 404
    assert ReviewSuggestion.objects.count() == 1


def test_api_lists_have_pinned_query_counts(client, users, django_assert_num_queries):
    from renda.filings import services

    for n in range(3):
        f = services.filing_create(
            actor=users["unit_officer"],
            title=f"办法{n}",
            document_number=f"号{n}",
            published_on=dt.date.today(),
            drafting_explanation="说明",
            legal_basis="依据",
            text=f"第一条 本办法第{n}条。",
        )
        services.filing_register(actor=users["staff"], filing=f)
    with django_assert_num_queries(2):
        assert client.get(f"{BASE}/filings").json()["count"] == 3
    client.force_login(users["staff"])
    client.get(f"{BASE}/filings")
    with django_assert_num_queries(4):
        assert client.get(f"{BASE}/filings").json()["count"] == 3
    with django_assert_num_queries(4):
        assert client.get(f"{BASE}/filing-reviews").json()["count"] == 3


def test_filer_sends_the_full_text_as_a_docx_or_pdf_file(client, users):
    import base64

    from .conftest import TEXT, docx_bytes, pdf_bytes

    client.force_login(users["unit_officer"])
    client.handler.enforce_csrf_checks = False

    def post(number, **extra):
        body = {**_filing_body(document_number=f"清教发〔2026〕{number}号"), "text": "", **extra}
        return client.post(f"{BASE}/filings", body, content_type="application/json")

    docx = post(21, file_name="办法.docx", file_base64=base64.b64encode(docx_bytes()).decode())
    assert docx.status_code == 201, docx.content
    filing = Filing.objects.get(pk=docx.json()["id"])
    assert (
        "第五条" in filing.text
        and filing.file_name == "办法.docx"
        and docx.json()["highlights"] >= 1
    )
    pdf = post(22, file_name="办法.pdf", file_base64=base64.b64encode(pdf_bytes()).decode())
    assert pdf.status_code == 201 and "校外培训机构" in Filing.objects.get(pk=pdf.json()["id"]).text
    # The same refusals as the page: wrong type, content not matching the name, unreadable; and bad base64.
    for extra, code in [
        (
            {"file_name": "办法.txt", "file_base64": base64.b64encode(TEXT.encode()).decode()},
            "upload_type",
        ),
        (
            {"file_name": "办法.pdf", "file_base64": base64.b64encode(docx_bytes()).decode()},
            "upload_type",
        ),
        (
            {
                "file_name": "办法.docx",
                "file_base64": base64.b64encode(b"PK\x03\x04garbage").decode(),
            },
            "upload_unreadable",
        ),
        ({"file_name": "办法.docx", "file_base64": "not base64!"}, "file_base64_invalid"),
        ({"file_name": "办法.docx"}, "file_incomplete"),
        ({}, "field_required"),
    ]:
        response = post(23, **extra)
        assert response.status_code == 400 and response.json()["code"] == code, (
            extra,
            response.content,
        )
    assert Filing.objects.count() == 2
