"""Stored files are served only through /files/…, to those who may see the owning record."""

from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renda.casework.tests.conftest import (  # noqa: F401 - fixtures
    assigned,
    calendar_loaded,
    case,
    handling,
    kind,
    reply_kwargs,
)
from renda.core.files import content_disposition, protected_url, registered
from renda.filings.tests.conftest import docx_bytes, filer, make_filing  # noqa: F401
from renda.meetings.tests.conftest import meeting, sc, sc_members  # noqa: F401

ROLES = (None, "deputy", "unit_officer", "staff")
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.FILES_X_ACCEL = False


@pytest.fixture
def owned_files(handling, users, meeting, make_filing):  # noqa: F811
    """One stored file of each kind: a reply letter, a private and a public meeting document,
    a filed document's text."""
    from renda.casework import services as cw
    from renda.meetings.models import MeetingDocument

    reply = cw.reply_submit(
        actor=users["unit_officer"],
        case=handling,
        attachment=SimpleUploadedFile("答复函.pdf", PDF),
        **reply_kwargs(),
    )
    private = MeetingDocument.objects.create(
        meeting=meeting, kind="report_to_sc", title="内部报告", received_on=dt.date(2026, 3, 1)
    )
    private.file.save("内部报告.pdf", ContentFile(PDF))
    public = MeetingDocument.objects.create(
        meeting=meeting,
        kind="notice",
        title="会议通知",
        received_on=dt.date(2026, 3, 1),
        is_public=True,
    )
    public.file.save("会议通知.pdf", ContentFile(PDF))
    filing = make_filing(upload=SimpleUploadedFile("办法.docx", docx_bytes()), text="")
    return {
        "reply": (reply, "attachment", reverse("casework:detail", args=[handling.pk])),
        "meeting_private": (private, "file", reverse("meetings:detail", args=[meeting.pk])),
        "meeting_public": (public, "file", reverse("meetings:detail", args=[meeting.pk])),
        "filing": (filing, "file", reverse("filings:detail", args=[filing.pk])),
    }


def test_every_file_bearing_model_is_registered():
    from django.apps import apps

    fields = {
        (model._meta.label_lower, f.name)
        for model in apps.get_models()
        for f in model._meta.get_fields()
        if f.get_internal_type() == "FileField"
    }
    assert fields <= set(registered())


def test_each_file_follows_its_owner_for_each_role(owned_files, client_for):
    for label, (obj, field, detail) in owned_files.items():
        url = protected_url(obj, field)
        assert url.startswith("/files/"), label
        for role in ROLES:
            client = client_for(role)
            response = client.get(url)
            if label == "meeting_public":
                expected = 200  # anyone, as on the public website (meeting made public below)
                obj.meeting.is_public = True
                obj.meeting.save(update_fields=["is_public"])
                response = client.get(url)
            elif role is None:
                expected = 404
            else:
                expected = 200 if client.get(detail).status_code == 200 else 404
            assert response.status_code == expected, (label, role, response.status_code)
            if expected == 200:
                body = b"".join(response.streaming_content)
                with getattr(obj, field).open("rb") as stored:
                    assert body == stored.read() and body
                assert response["Cache-Control"] == "private, no-store"
                assert "filename*=UTF-8''" in response["Content-Disposition"]
    # The owners themselves can open their files.
    assert (
        client_for("unit_officer").get(protected_url(*owned_files["reply"][:2])).status_code == 200
    )
    assert (
        client_for("staff").get(protected_url(*owned_files["meeting_private"][:2])).status_code
        == 200
    )


def test_a_private_meeting_document_is_hidden_from_the_public(owned_files, client_for):
    doc, field, _detail = owned_files["meeting_private"]
    doc.meeting.is_public = True
    doc.meeting.save(update_fields=["is_public"])
    assert client_for(None).get(protected_url(doc, field)).status_code == 404


def test_production_hands_the_file_to_nginx(owned_files, client_for, settings):
    settings.FILES_X_ACCEL = True
    reply, field, _detail = owned_files["reply"]
    response = client_for("staff").get(protected_url(reply, field))
    assert response.status_code == 200 and response.content == b""
    assert unquote(response["X-Accel-Redirect"]) == "/protected-media/" + reply.attachment.name
    assert client_for(None).get(protected_url(reply, field)).status_code == 404


def test_media_is_not_served_and_unknown_files_are_404(owned_files, client_for):
    reply, field, _detail = owned_files["reply"]
    client = client_for("staff")
    assert client.get("/media/" + reply.attachment.name).status_code == 404
    assert client.get(f"/files/casework.reply/{reply.pk}/text/").status_code == 404
    assert client.get(f"/files/accounts.user/{reply.pk}/password/").status_code == 404
    assert client.get(f"/files/casework.reply/{reply.pk + 999}/attachment/").status_code == 404


def test_content_disposition_keeps_chinese_names_safe():
    header = content_disposition('../答复"函\r\n.pdf')
    assert "\r" not in header and "\n" not in header and ".." not in header.split(";")[1]
    assert unquote(header.split("filename*=UTF-8''")[1]) == "答复函.pdf"
    assert 'filename=".pdf"' in header or 'filename="file.pdf"' in header
