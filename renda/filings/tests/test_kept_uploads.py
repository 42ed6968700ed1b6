"""A file chosen in a form refused for another reason is kept (renda.core.forms.KeepsUploads)."""

from __future__ import annotations

import re

import pytest
from django.core import signing

from renda.filings.models import Filing

from .conftest import docx_bytes
from .test_views import _post_filing

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="file-kept" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _without_file(client, **extra):
    return _post_filing(client, file="", **extra)


def _upload(text: str | None = None):
    """A docx and its bytes, made once (a zip carries its making time, to two seconds)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = docx_bytes(text) if text else docx_bytes()
    return SimpleUploadedFile("办法.docx", data), data


def test_a_form_refused_for_a_missing_field_keeps_the_file(client_for, tmp_path):
    client = client_for("unit_officer")
    upload, data = _upload()
    response = _post_filing(client, title="", file=upload)
    page = response.content.decode()
    assert response.status_code == 400 and "请填写" in page
    assert "已保留上次选择的文件：办法.docx" in page
    token = TOKEN.search(page).group(1)
    # The kept file lies in private storage, not under a served path.
    assert list((tmp_path / "kept").glob("*/办法.docx"))
    # The file input is no longer required: the browser will not ask for it again.
    field = re.search(r'<input type="file"[^>]*>', page).group(0)
    assert "required" not in field

    response = _without_file(client, **{"file-kept": token})
    assert response.status_code == 302, response.content.decode()[:2000]
    filing = Filing.objects.get()
    with filing.file.open("rb") as stored:
        assert stored.read() == data


def test_a_refusal_by_the_service_keeps_the_file_too(client_for):
    client = client_for("unit_officer")
    assert _post_filing(client).status_code == 302
    response = _post_filing(client)  # the same document number again
    page = response.content.decode()
    assert response.status_code == 400 and "不能重复报送" in page
    token = TOKEN.search(page).group(1)
    response = _without_file(client, document_number="清教发〔2026〕8号", **{"file-kept": token})
    assert response.status_code == 302
    assert Filing.objects.filter(document_number="清教发〔2026〕8号").get().file


def test_a_file_refused_for_itself_is_not_kept(client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("unit_officer")
    response = _post_filing(client, file=SimpleUploadedFile("x.docx", b"PK\x03\x04garbage"))
    page = response.content.decode()
    assert response.status_code == 400 and "无法读取" in page
    assert "file-kept" not in page and "已保留" not in page


def test_a_forged_or_foreign_token_is_ignored(client_for):
    client = client_for("unit_officer")
    forged = signing.dumps({"p": "../../etc/passwd", "n": "x.docx"}, salt="other")
    response = _without_file(client, **{"file-kept": forged})
    assert response.status_code == 400 and "file-kept" not in response.content.decode()
    response = _without_file(client, **{"file-kept": "garbage"})
    assert response.status_code == 400
    assert not Filing.objects.exists()


def test_a_new_file_replaces_the_kept_one(client_for):
    client = client_for("unit_officer")
    token = TOKEN.search(_post_filing(client, title="").content.decode()).group(1)
    newer, data = _upload("第一条 新的正文。")
    response = _post_filing(client, file=newer, **{"file-kept": token})
    assert response.status_code == 302
    with Filing.objects.get().file.open("rb") as stored:
        assert stored.read() == data
