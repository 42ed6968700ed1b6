"""Checks on the real content of an upload: limits per purpose, zip containers, PDF pages.

A docx, xlsx or ofd is a zip: it is opened (never unpacked to disk) and refused when its
members would unpack to more than ``UPLOAD_MAX_UNPACKED_BYTES``, are too many, compress
better than ``UPLOAD_MAX_RATIO`` (a zip bomb), name absolute or parent paths, or hold an
executable (MZ, ELF, Mach-O headers). Office documents must carry ``[Content_Types].xml``.
A PDF is refused above ``UPLOAD_MAX_PDF_PAGES`` pages.
"""

from __future__ import annotations

import zipfile
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .errors import DomainError

#: Defaults, overridable in settings (all sizes in bytes).
DEFAULT_LIMITS = {
    "reply_letter": 20 * 1024 * 1024,
    "filing_text": 20 * 1024 * 1024,
    "meeting_document": 20 * 1024 * 1024,
    "decision_material": 20 * 1024 * 1024,
    "suggestion_attachment": 20 * 1024 * 1024,
    "research_attachment": 20 * 1024 * 1024,
    "budget_workbook": 50 * 1024 * 1024,
    "news_image": 5 * 1024 * 1024,
}
#: Pictures the public site shows, by what their content really is (not their name).
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_IMAGE_PIXELS = 40_000_000
ZIP_TYPES = {"docx", "xlsx", "ofd"}
OFFICE_TYPES = {"docx", "xlsx"}
EXECUTABLE_HEADS = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf", b"#!")


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def limit_for(purpose: str, default: int) -> int:
    """The byte limit for uploads of ``purpose`` (settings ``UPLOAD_LIMITS``)."""
    limits = {**DEFAULT_LIMITS, **getattr(settings, "UPLOAD_LIMITS", {})}
    return int(limits.get(purpose, default))


def _refuse(code: str, message, field: str, **params: Any) -> DomainError:
    return DomainError(code, message, field=field, **params)


def check_content(file: Any, ext: str, *, field: str = "file") -> None:
    """Open ``file`` as its type says and refuse dangerous or oversized content; rewinds."""
    if not hasattr(file, "seek"):
        return
    file.seek(0)
    try:
        if ext in ZIP_TYPES:
            check_container(file, ext, field=field)
        elif ext == "pdf":
            check_pdf(file, field=field)
    finally:
        file.seek(0)


def check_container(file: Any, ext: str, *, field: str = "file") -> None:
    max_unpacked = _setting("UPLOAD_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)
    max_members = _setting("UPLOAD_MAX_MEMBERS", 2000)
    max_ratio = _setting("UPLOAD_MAX_RATIO", 100)
    try:
        archive = zipfile.ZipFile(file)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(
            "upload_unreadable", _("文件已损坏或无法读取，请检查后重新上传。"), field
        ) from None
    if len(infos) > max_members:
        raise _refuse(
            "upload_too_many_parts",
            _("文件包含的部件过多（超过 {max} 个）。"),
            field,
            max=max_members,
        )
    total = 0
    names = set()
    for info in infos:
        name = info.filename
        names.add(name)
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
            raise _refuse(
                "upload_unsafe_path", _("文件包含不安全的路径“{name}”。"), field, name=name
            )
        total += info.file_size
        if total > max_unpacked:
            raise _refuse(
                "upload_unpacked_too_large",
                _("文件解压后超过 {mb} MB，已拒收。"),
                field,
                mb=max_unpacked // (1024 * 1024),
            )
        if info.file_size > 1024 * 1024 and info.file_size > max_ratio * max(info.compress_size, 1):
            raise _refuse(
                "upload_compression_ratio", _("文件压缩比异常（疑似压缩炸弹），已拒收。"), field
            )
    if ext in OFFICE_TYPES and "[Content_Types].xml" not in names:
        raise _refuse("upload_type", _("文件内容与扩展名“{ext}”不符。"), field, ext=ext)
    for info in infos:
        if info.is_dir() or info.file_size == 0:
            continue
        try:
            with archive.open(info) as member:
                head = member.read(4)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
            raise _refuse(
                "upload_unreadable", _("文件已损坏或无法读取，请检查后重新上传。"), field
            ) from None
        if head.startswith(EXECUTABLE_HEADS):
            raise _refuse(
                "upload_executable",
                _("文件中含有可执行程序“{name}”，已拒收。"),
                field,
                name=info.filename,
            )


def check_pdf(file: Any, *, field: str = "file") -> None:
    max_pages = _setting("UPLOAD_MAX_PDF_PAGES", 2000)
    try:
        from pypdf import PdfReader

        pages = len(PdfReader(file, strict=False).pages)
    except Exception:  # a PDF the reader cannot parse is judged by its signature alone
        return
    if pages > max_pages:
        raise _refuse(
            "upload_too_many_pages", _("PDF 页数超过 {max} 页，已拒收。"), field, max=max_pages
        )


def check_image(file: Any, *, field: str = "image") -> str:
    """A JPEG, PNG or WebP picture by its real content, within the size and pixel limits;
    returns its extension. Anything else (a script renamed .jpg, an SVG, a decompression
    bomb) is refused; rewinds."""
    from PIL import Image, UnidentifiedImageError

    limit = limit_for("news_image", DEFAULT_LIMITS["news_image"])
    size = getattr(file, "size", None)
    if size is not None and size > limit:
        raise _refuse(
            "file_too_large", _("图片不能超过 {mb} MB。"), field, mb=limit // (1024 * 1024)
        )
    file.seek(0)
    try:
        with Image.open(file) as image:
            kind = image.format
            width, height = image.size
            if kind not in IMAGE_FORMATS or width * height > MAX_IMAGE_PIXELS:
                raise ValueError(kind)
            image.verify()
    except (UnidentifiedImageError, ValueError, OSError, Image.DecompressionBombError):
        raise _refuse(
            "invalid_image", _("只能上传 JPEG、PNG 或 WebP 图片（按文件内容判断）。"), field
        ) from None
    finally:
        file.seek(0)
    return IMAGE_FORMATS[kind]
