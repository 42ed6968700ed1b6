"""Helpers shared by the casework services: permission, text, locking and the table check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError, PermissionDenied

from .. import workflow
from ..models import Assignment, Case
from ..rules import unit_assignment

MAX_TEXT = 20_000
#: Upload checks for reply letters: extensions with the first bytes each file must start with.
UPLOAD_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "ofd": (b"PK\x03\x04",),
    "txt": (),
}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def now_or(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def require(actor, perm: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perm(perm):
        raise PermissionDenied()


def text(
    value: Any, *, field: str, label, required: bool = True, max_length: int = MAX_TEXT
) -> str:
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
    if "\x00" in out:
        raise DomainError("invalid_text", _("{label}含有无效字符。"), field=field, label=label)
    return out


def lock(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("kind").get(pk=case.pk)


def check(action: str, case: Case) -> None:
    """Refuse an action the workflow table does not allow in the case's status."""
    if not workflow.allows(action, case.status):
        raise Conflict(
            "status_not_allowed",
            _("事项当前状态为“{status}”，不能执行此操作。"),
            status=case.get_status_display(),
        )


def my_assignment(actor, case: Case, *, role: str | None = None) -> Assignment:
    """The acting unit officer's active assignment on the case, locked; refuse anyone else."""
    rows = list(Assignment.objects.select_for_update().filter(case=case))
    found = unit_assignment(actor, case, role=role, assignments=rows)
    if found is None:
        if (
            role == Assignment.Role.LEAD
            and unit_assignment(actor, case, assignments=rows) is not None
        ):
            raise PermissionDenied("lead_only", _("只有主办单位可以执行此操作。"))
        raise PermissionDenied("not_assigned_to_unit", _("该事项未交办给您所在的单位。"))
    return found


def lead_of(case: Case, *, for_update: bool = False) -> Assignment | None:
    qs = Assignment.objects.filter(case=case, role=Assignment.Role.LEAD).exclude(
        status=Assignment.Status.RETURNED
    )
    if for_update:
        qs = qs.select_for_update()
    return qs.select_related("unit").first()


def record(actor, verb: str, case: Case, changes: dict | None = None) -> None:
    """Audit an action on the case itself, so the case's timeline is its audit history."""
    audit_record(actor=actor, action=f"casework.case.{verb}", obj=case, changes=changes or {})


def check_upload(upload) -> None:
    if upload is None:
        return
    name = getattr(upload, "name", "") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in UPLOAD_SIGNATURES:
        raise DomainError(
            "upload_type",
            _("只能上传 PDF、Word（docx）、OFD 或文本（txt）文件。"),
            field="attachment",
        )
    if (getattr(upload, "size", 0) or 0) > MAX_UPLOAD_BYTES:
        raise DomainError(
            "upload_too_large",
            _("文件不能超过 {mb} MB。"),
            field="attachment",
            mb=MAX_UPLOAD_BYTES // (1024 * 1024),
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signatures = UPLOAD_SIGNATURES[ext]
    if (signatures and not head.startswith(signatures)) or (ext == "txt" and b"\x00" in head):
        raise DomainError(
            "upload_type", _("文件内容与扩展名“{ext}”不符。"), field="attachment", ext=ext
        )
