"""Uploads are judged by their real content: zip bombs, executables in documents, body sizes."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core import validation
from renda.core.errors import DomainError

CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _refusal(data: bytes, name: str = "答复函.docx", **kw) -> DomainError:
    with pytest.raises(DomainError) as caught:
        validation.upload(SimpleUploadedFile(name, data), **kw)
    return caught.value


def test_a_real_docx_passes_and_is_rewound():
    from renda.filings.tests.conftest import docx_bytes

    upload = SimpleUploadedFile("办法.docx", docx_bytes())
    assert validation.upload(upload, purpose="filing_text") == "docx"
    assert upload.read(4) == b"PK\x03\x04"


def test_a_zip_bomb_docx_is_refused_fast(settings):
    settings.UPLOAD_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
    bomb = _zip(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            **{f"word/part{i}.xml": b"\0" * (30 * 1024 * 1024) for i in range(4)},
        }
    )
    assert len(bomb) < 512 * 1024  # a small file…
    started = time.monotonic()
    error = _refusal(bomb, purpose="reply_letter")
    assert time.monotonic() - started < 2  # …refused without unpacking it
    assert error.code in {"upload_unpacked_too_large", "upload_compression_ratio"}


def test_a_single_member_compressing_too_well_is_refused():
    data = _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"a" * (8 << 20)})
    assert _refusal(data).code == "upload_compression_ratio"


def test_an_executable_inside_a_docx_is_refused():
    exe = b"MZ\x90\x00" + b"\x00" * 2000
    data = _zip({"[Content_Types].xml": CONTENT_TYPES, "word/setup.xml": exe})
    error = _refusal(data, purpose="reply_letter")
    assert error.code == "upload_executable" and "word/setup.xml" in str(error.params)
    elf = _zip({"[Content_Types].xml": CONTENT_TYPES, "x": b"\x7fELF" + b"\x01" * 100})
    assert _refusal(elf).code == "upload_executable"


def test_a_zip_without_content_types_or_with_unsafe_paths_is_refused():
    assert _refusal(_zip({"setup.exe": b"hello"})).code == "upload_type"
    unsafe = _zip({"[Content_Types].xml": CONTENT_TYPES, "../../etc/cron.d/x": b"x"})
    assert _refusal(unsafe).code == "upload_unsafe_path"
    assert _refusal(b"PK\x03\x04garbage").code == "upload_unreadable"


def test_too_many_members_and_limits_per_purpose(settings):
    settings.UPLOAD_MAX_MEMBERS = 10
    many = _zip({"[Content_Types].xml": CONTENT_TYPES, **{f"p{i}": b"x" for i in range(20)}})
    assert _refusal(many).code == "upload_too_many_parts"
    settings.UPLOAD_LIMITS = {"reply_letter": 1024}
    big = SimpleUploadedFile("答复函.txt", b"x" * 2048)
    with pytest.raises(DomainError) as caught:
        validation.upload(big, purpose="reply_letter")
    assert caught.value.code == "upload_too_large"
    big.seek(0)
    assert validation.upload(big, purpose="budget_workbook") == "txt"


@pytest.mark.parametrize(
    "check",
    [
        "renda.casework.services._common.check_upload",
        "renda.decisions.services.matters.check_upload",
        "renda.suggestions.services.drafts._check_upload",
        "renda.meetings.services.documents.check_upload",
        "renda.filings.extraction.check_upload",
    ],
)
def test_every_domain_refuses_a_docx_holding_an_exe_or_a_bomb(check):
    from django.utils.module_loading import import_string

    data = _zip({"[Content_Types].xml": CONTENT_TYPES, "word/a.bin": b"MZ" + b"\0" * 64})
    with pytest.raises(DomainError) as caught:
        import_string(check)(SimpleUploadedFile("答复函.docx", data))
    assert caught.value.code == "upload_executable"
    bomb = _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"a" * (8 << 20)})
    with pytest.raises(DomainError) as caught:
        import_string(check)(SimpleUploadedFile("答复函.docx", bomb))
    assert caught.value.code == "upload_compression_ratio"


def test_a_pdf_over_the_page_limit_is_refused(settings):
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(5):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    settings.UPLOAD_MAX_PDF_PAGES = 3
    assert _refusal(buffer.getvalue(), name="a.pdf").code == "upload_too_many_pages"
    settings.UPLOAD_MAX_PDF_PAGES = 10
    assert validation.upload(SimpleUploadedFile("a.pdf", buffer.getvalue())) == "pdf"


def test_an_oversized_api_body_is_a_json_413(client, users, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(users["unit_officer"])
    body = json.dumps({"title": "x" * 4096})
    response = client.post("/api/v1/filings", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "request_too_large"


def test_an_oversized_form_is_a_page_413(client, users, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    client.force_login(users["staff"])
    response = client.post(
        "/office/audit/verify/",
        "x=" + "y" * 4096,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413 and "text/html" in response["Content-Type"]
    assert "request_too_large" in response.content.decode() or "MB" in response.content.decode()


def test_a_filing_is_sent_as_a_multipart_file(client, users):
    import datetime as dt

    from renda.filings.models import Filing
    from renda.filings.tests.conftest import docx_bytes

    client.force_login(users["unit_officer"])
    client.handler.enforce_csrf_checks = False
    form = {
        "title": "清河市校外培训机构管理办法",
        "document_number": "清教发〔2026〕31号",
        "published_on": (dt.date.today() - dt.timedelta(days=5)).isoformat(),
        "drafting_explanation": "说明",
        "legal_basis": "教育法",
        "file": SimpleUploadedFile("办法.docx", docx_bytes()),
    }
    response = client.post("/api/v1/filing-uploads", form)
    assert response.status_code == 201, response.content
    filing = Filing.objects.get(pk=response.json()["id"])
    assert "第五条" in filing.text and filing.file_name == "办法.docx"
    bomb = _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"\0" * (40 << 20)})
    refused = client.post(
        "/api/v1/filing-uploads",
        {
            **form,
            "document_number": "清教发〔2026〕32号",
            "file": SimpleUploadedFile("b.docx", bomb),
        },
    )
    assert refused.status_code == 400 and refused.json()["code"] == "upload_compression_ratio"
    assert Filing.objects.count() == 1
