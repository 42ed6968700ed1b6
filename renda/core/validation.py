"""Validation shared by every domain: text, choices, numbers, dates and uploads.

Services call these on the values they are given, whatever path gave them (a page, the
API, a command), and each refusal is a :class:`~renda.core.errors.DomainError` with a
stable code and a message in Chinese and English naming the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .errors import DomainError, PermissionDenied

#: Upper bound for free text the models store as ``TextField``.
MAX_TEXT = 20_000
#: Uploads: the largest file accepted anywhere.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: Extensions with the first bytes a file of that type starts with (empty: plain text).
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "ofd": (b"PK\x03\x04",),
    "txt": (),
}
#: What each extension is called in the refusal message.
_KINDS = {
    "pdf": "PDF",
    "docx": "Word（docx）",
    "xlsx": "Excel（xlsx）",
    "ofd": "OFD",
    "txt": "文本（txt）",
}


def require(actor: Any, perm: str, obj: Any = None) -> None:
    """Refuse an actor who is not signed in or lacks ``perm`` (a ``rules`` permission)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied()
    if not (actor.has_perm(perm, obj) if obj is not None else actor.has_perm(perm)):
        raise PermissionDenied()


def text(
    value: Any, *, field: str, label: Any, required: bool = True, max_length: int = MAX_TEXT
) -> str:
    """The stripped text, or a refusal: missing, too long, or holding NUL or a lone surrogate."""
    out = "" if value is None else str(value).strip()
    if required and not out:
        raise DomainError("field_required", _("请填写{label}。"), field=field, label=label)
    if len(out) > max_length:
        raise DomainError(
            "field_too_long",
            _("{label}不能超过{max}个字符。"),
            field=field,
            label=label,
            max=max_length,
        )
    if "\x00" in out or any("\ud800" <= ch <= "\udfff" for ch in out):
        raise DomainError("invalid_text", _("{label}含有无效字符。"), field=field, label=label)
    return out


def required(value: Any, field: str, label: Any) -> None:
    """Refuse a missing value (``None`` or an empty string) as ``field_required``."""
    if value is None or (isinstance(value, str) and value == ""):
        raise DomainError("field_required", _("请填写{label}。"), field=field, label=label)


def choice(value: Any, choices: type[models.TextChoices] | Iterable[str], *, field: str) -> str:
    """One of the values of ``choices``, or the refusal ``invalid_choice``."""
    values = choices.values if isinstance(choices, type) else list(choices)
    if value not in values:
        raise DomainError(
            "invalid_choice", _("选项“{value}”无效。"), field=field, value=value or ""
        )
    return value


def year(value: Any, *, field: str = "year") -> int:
    """A calendar year between 2000 and 2100."""
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        raise DomainError("invalid_year", _("年度无效。"), field=field)
    return value


def month(value: Any, *, field: str = "month") -> int | None:
    """A month 1–12, or None when left empty."""
    if value in (None, ""):
        return None
    try:
        out = int(value)
    except (TypeError, ValueError):
        out = 0
    if not 1 <= out <= 12:
        raise DomainError("invalid_month", _("月份应为 1 至 12。"), field=field)
    return out


def date_order(start: dt.date, end: dt.date, *, field: str = "ends_on") -> None:
    """Refuse an end before its start."""
    if end < start:
        raise DomainError("date_order", _("结束日期不能早于开始日期。"), field=field)


def upload(
    file: Any,
    *,
    field: str = "file",
    allowed: Iterable[str] = ("pdf", "docx", "xlsx", "txt"),
    max_bytes: int = MAX_UPLOAD_BYTES,
    signatures: Mapping[str, tuple[bytes, ...]] = SIGNATURES,
    purpose: str | None = None,
) -> str:
    """Refuse a file of a type not allowed, empty, too large or whose content is not its type.

    ``purpose`` (a key of ``settings.UPLOAD_LIMITS``, e.g. ``"reply_letter"``) sets the size
    limit; zip-based documents (docx, xlsx, ofd) are opened and their members checked
    (:func:`renda.core.uploads.check_container`). Returns the extension; the file is rewound.
    """
    if purpose is not None:
        from .uploads import limit_for

        max_bytes = limit_for(purpose, max_bytes)
    allowed = tuple(allowed)
    name = (getattr(file, "name", "") or "").strip()
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in allowed:
        kinds = "、".join(_KINDS.get(a, a) for a in allowed)
        raise DomainError("upload_type", _("只能上传 {kinds} 文件。"), field=field, kinds=kinds)
    size = getattr(file, "size", 0) or 0
    if size == 0:
        raise DomainError("upload_empty", _("上传的文件是空的。"), field=field)
    if size > max_bytes:
        raise DomainError(
            "upload_too_large",
            _("文件不能超过 {mb} MB。"),
            field=field,
            mb=max_bytes // (1024 * 1024),
        )
    if hasattr(file, "seek"):
        file.seek(0)
        head = file.read(2048)
        file.seek(0)
        expected = signatures.get(ext, ())
        if (expected and not head.startswith(expected)) or (ext == "txt" and b"\x00" in head):
            raise DomainError(
                "upload_type", _("文件内容与扩展名“{ext}”不符。"), field=field, ext=ext
            )
        from .uploads import check_content

        check_content(file, ext, field=field)
    return ext


def ref(model: type[models.Model], pk: Any, *, field: str) -> Any:
    """The row ``pk`` of ``model`` (None for None), or the refusal ``unknown_reference``."""
    if pk in (None, ""):
        return None
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise DomainError("unknown_reference", _("引用的记录不存在。"), field=field)
    return obj
