"""Text of an uploaded normative document: Word (docx, python-docx) or PDF (pypdf).

An upload that is not what its name says, or that cannot be read, or that holds
no text (a scan without a text layer) is refused with a clear error. Extraction runs in
the request, so it is bounded: it stops once it has the text the filing keeps
(``workflow.MAX_TEXT``), and refuses a file whose text is not read within
``UPLOAD_MAX_EXTRACT_SECONDS`` (a setting, 15 s by default).
"""

from __future__ import annotations

import io
import time

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.errors import DomainError

from . import workflow


def _unreadable(ext: str) -> DomainError:
    return DomainError(
        "upload_unreadable",
        _("无法读取上传的{ext}文件，请确认文件未损坏、未加密后重新上传。"),
        field="file",
        ext=ext.upper(),
    )


class _TooSlow(Exception):
    """The extraction ran past its time budget."""


class _Budget:
    """Stops an extraction that runs too long, or once it has all the text that is kept."""

    def __init__(self) -> None:
        from django.conf import settings

        self.seconds = getattr(settings, "UPLOAD_MAX_EXTRACT_SECONDS", 15)
        self.deadline = time.monotonic() + self.seconds
        self.size = 0

    def take(self, text: str) -> bool:
        """Count ``text``; False once enough is read. Raises ``_TooSlow`` past the deadline."""
        if time.monotonic() > self.deadline:
            raise _TooSlow
        self.size += len(text) + 1
        return self.size <= workflow.MAX_TEXT


def _docx_text(data: bytes, budget: _Budget) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    lines: list[str] = []
    for paragraph in doc.paragraphs:
        lines.append(paragraph.text)
        if not budget.take(paragraph.text):
            return "\n".join(line for line in lines if line.strip())
    for table in doc.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
            if not budget.take(lines[-1]):
                break
    return "\n".join(line for line in lines if line.strip())


def _pdf_text(data: bytes, budget: _Budget) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        raise ValueError("encrypted")
    pages: list[str] = []
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        if not budget.take(pages[-1]):
            break
    return "\n".join(pages)


def check_upload(upload) -> tuple[str, str]:
    """Return (name, extension) of an acceptable upload (docx or PDF), or refuse."""
    ext = validation.upload(
        upload,
        field="file",
        allowed=tuple(workflow.UPLOAD_SIGNATURES),
        max_bytes=workflow.MAX_UPLOAD_BYTES,
        purpose="filing_text",
    )
    return (getattr(upload, "name", "") or "").strip()[-200:], ext


def extract_text(upload) -> str:
    """The text of a docx or PDF upload; refuses unreadable files and files without text."""
    _name, ext = check_upload(upload)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(workflow.UPLOAD_SIGNATURES[ext]):
        raise DomainError("upload_type", _("文件内容与扩展名“{ext}”不符。"), field="file", ext=ext)
    budget = _Budget()
    try:
        text = _docx_text(data, budget) if ext == "docx" else _pdf_text(data, budget)
    except _TooSlow:
        raise DomainError(
            "upload_extract_too_slow",
            _("未能在 {seconds} 秒内读出文件的文字，请上传只含文件正文的 docx 或 PDF。"),
            field="file",
            seconds=budget.seconds,
        ) from None
    except Exception as exc:  # noqa: BLE001 - any parser failure means the file cannot be read
        raise _unreadable(ext) from exc
    text = text.replace("\x00", "").strip()
    if not text:
        raise DomainError(
            "upload_no_text",
            _("未能从上传的文件中提取文字（可能是扫描件），请上传含文字的 docx 或 PDF 文件。"),
            field="file",
        )
    return text[: workflow.MAX_TEXT]
