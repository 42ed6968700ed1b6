"""The API's file uploads: attachments to a draft and the xlsx import (multipart/form-data)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.models import AuditEvent
from renda.suggestions.models import Suggestion

from .test_import import workbook

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _signed_in(client, user):
    client.force_login(user)
    client.handler.enforce_csrf_checks = False
    return client


def _events(code: str) -> int:
    return AuditEvent.objects.filter(action=code).count()


def test_the_lead_deputy_attaches_a_file(client, users, make_suggestion):
    draft = make_suggestion(status="draft")
    upload = SimpleUploadedFile("说明.txt", "情况说明".encode(), content_type="text/plain")
    response = _signed_in(client, users["deputy"]).post(
        f"/api/v1/suggestions/{draft.pk}/attachments", {"file": upload}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"] == "说明.txt" and body["suggestion_id"] == draft.pk
    stored = draft.attachments.get()
    with stored.file.open("rb") as handle:
        assert handle.read().decode() == "情况说明"
    assert _events("suggestions.attachment.added") == 1


def test_a_bad_file_is_a_json_error_with_its_code(client, users, make_suggestion):
    draft = make_suggestion(status="draft")
    client = _signed_in(client, users["deputy"])
    fake = SimpleUploadedFile("表.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(f"/api/v1/suggestions/{draft.pk}/attachments", {"file": fake})
    assert response.status_code == 400 and response.json()["code"] == "upload_type"
    missing = client.post(f"/api/v1/suggestions/{draft.pk}/attachments", {})
    assert missing.status_code == 422 and missing.json()["code"] == "validation_failed"
    assert not draft.attachments.exists() and _events("suggestions.attachment.added") == 0


@pytest.mark.parametrize("role", ["staff", "member", "unit_officer"])
def test_others_may_not_attach(client, users, make_suggestion, role):
    draft = make_suggestion(status="draft")
    upload = SimpleUploadedFile("说明.txt", b"text", content_type="text/plain")
    response = _signed_in(client, users[role]).post(
        f"/api/v1/suggestions/{draft.pk}/attachments", {"file": upload}
    )
    assert response.status_code in (403, 404) and response.json()["code"]
    assert not draft.attachments.exists()


def test_the_office_imports_a_workbook(client, users, session, deputy):
    name = users["deputy"].person.name
    upload = workbook([("关于公交的建议", "增加班次。", "", name, "")])
    response = _signed_in(client, users["staff"]).post(
        "/api/v1/suggestion-imports", {"session_id": session.pk, "file": upload}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 1
    assert Suggestion.objects.get(pk=body["ids"][0]).title == "关于公交的建议"
    assert _events("suggestions.suggestion.import") == 1


def test_a_workbook_with_errors_imports_nothing_and_lists_them(client, users, session, deputy):
    upload = workbook([("标题", "内容", "", "不存在的代表", "")])
    response = _signed_in(client, users["staff"]).post(
        "/api/v1/suggestion-imports", {"session_id": session.pk, "file": upload}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "import_failed" and body["errors"][0]["row"] == 2
    assert not Suggestion.objects.exists()


def test_a_file_that_is_no_workbook_is_refused(client, users, session):
    junk = SimpleUploadedFile("suggestions.xlsx", b"PK\x03\x04broken")
    response = _signed_in(client, users["staff"]).post(
        "/api/v1/suggestion-imports", {"session_id": session.pk, "file": junk}
    )
    assert response.status_code == 400 and response.json()["code"] == "upload_unreadable"


@pytest.mark.parametrize("role", ["deputy", "leader", "unit_officer"])
def test_the_import_is_refused_to_others(client, users, session, deputy, role):
    upload = workbook([("标题", "内容", "", users["deputy"].person.name, "")])
    response = _signed_in(client, users[role]).post(
        "/api/v1/suggestion-imports", {"session_id": session.pk, "file": upload}
    )
    assert response.status_code == 403 and response.json()["code"]
    assert not Suggestion.objects.exists()
