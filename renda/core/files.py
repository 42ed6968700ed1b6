"""Stored files behind the same rule as the record that owns them.

Each domain registers, for every file-bearing model, who may see its files (a callable
``visible(user, obj) -> bool``, usually "the owning record is in the selector for this
user"); a domain that builds on another's record may add a rule of its own (a suggestion's
deputies see the reply letter of its case), and a file is shown when any rule allows it. Links are made by :func:`protected_url` (template filter ``protected_url`` in
``core_files``); the one view :func:`download` resolves the owner, checks the rule and
answers 404 to whoever may not see it. Under ``FILES_X_ACCEL`` the response is empty with
``X-Accel-Redirect`` into nginx's internal ``/protected-media/`` location; otherwise the
file is streamed with a safe ``Content-Disposition`` (RFC 5987 for Chinese names).
"""

from __future__ import annotations

import mimetypes
import posixpath
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.module_loading import autodiscover_modules
from django.views.decorators.http import require_safe

Visible = Callable[[Any, Any], bool]
_REGISTRY: dict[tuple[str, str], list[Visible]] = {}
_discovered = False


def register(model: type, field: str, visible: Visible) -> None:
    """Let ``visible(user, obj)`` allow downloading ``model.field`` (rules add up)."""
    rules = _REGISTRY.setdefault((model._meta.label_lower, field), [])
    if visible not in rules:
        rules.append(visible)


def registered() -> dict[tuple[str, str], list[Visible]]:
    """Every registered (model label, field); loads each domain's ``files`` module once."""
    global _discovered
    if not _discovered:
        autodiscover_modules("files")
        _discovered = True
    return dict(_REGISTRY)


def protected_url(obj: Any, field: str) -> str:
    """The download link of ``obj.field`` ("" when the field holds no file)."""
    if obj is None or not getattr(obj, field, None):
        return ""
    return reverse(
        "files_download",
        kwargs={"label": obj._meta.label_lower, "pk": obj.pk, "field": field},
    )


def content_disposition(name: str, *, attachment: bool = True) -> str:
    """``attachment; filename="ascii"; filename*=UTF-8''…`` (RFC 6266 / 5987)."""
    name = posixpath.basename(name.replace("\\", "/")) or "file"
    name = "".join(ch for ch in name if ch >= " " and ch not in '"\\\x7f')
    ascii_name = name.encode("ascii", "ignore").decode() or "file"
    if "." in name and "." not in ascii_name:
        ascii_name += "." + name.rsplit(".", 1)[-1].encode("ascii", "ignore").decode()
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def _display_name(obj: Any, stored: str) -> str:
    name = getattr(obj, "name", "") or getattr(obj, "file_name", "") or ""
    return name if "." in name else posixpath.basename(stored)


@require_safe
def download(request, label: str, pk: int, field: str):
    """The file of ``label``/``pk``/``field`` to whoever may see its owner; 404 to others."""
    rules = registered().get((label, field))
    if not rules:
        raise Http404
    model = apps.get_model(label)
    obj = model._default_manager.filter(pk=pk).first()
    stored = getattr(obj, field, None) if obj is not None else None
    if not stored or not any(rule(request.user, obj) for rule in rules):
        raise Http404
    name = _display_name(obj, stored.name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if getattr(settings, "FILES_X_ACCEL", False):
        response = HttpResponse(content_type=content_type)
        prefix = getattr(settings, "FILES_X_ACCEL_PREFIX", "/protected-media/")
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(stored.name)
    else:
        try:
            handle = stored.open("rb")
        except (FileNotFoundError, OSError):
            raise Http404 from None
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
