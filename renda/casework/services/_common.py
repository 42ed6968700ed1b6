"""Helpers shared by the casework actions: permissions, text, the unit's assignment, uploads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext
from renda.core.errors import Conflict, PermissionDenied

from ..models import Assignment, Case
from ..rules import unit_assignment

#: Permissions of the casework actions (see :mod:`renda.casework.rules`).
VIEW = "casework.view"
MANAGE = "casework.manage"
HANDLE = "casework.handle"
RATE = "casework.rate"
SUPERVISE = "casework.supervise"

MAX_TEXT = 20_000
#: Upload checks for reply letters: extensions with the first bytes each file must start with.
UPLOAD_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF",),
    "docx": (b"PK\x03\x04",),
    "ofd": (b"PK\x03\x04",),
    "txt": (),
}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def text(
    value: Any, *, field: str, label, required: bool = True, max_length: int = MAX_TEXT
) -> str:
    return validation.text(
        value, field=field, label=label, required=required, max_length=max_length
    )


def status_conflict(case: Case) -> Conflict:
    """The refusal of an action the case's status does not allow."""
    return Conflict(
        "status_not_allowed",
        _("事项当前状态为“{status}”，不能执行此操作。"),
        status=case.get_status_display(),
    )


def on_case(ctx: ActionContext, case: Case, **changes: Any) -> None:
    """Audit the action on the case itself, so the case's timeline is its audit history."""
    ctx.audit_object = case
    ctx.changes.update(changes)


def _find_mine(actor, case: Case, role: str | None, rows) -> Assignment:
    found = unit_assignment(actor, case, role=role, assignments=rows)
    if found is None:
        if (
            role == Assignment.Role.LEAD
            and unit_assignment(actor, case, assignments=rows) is not None
        ):
            raise PermissionDenied("lead_only", _("只有主办单位可以执行此操作。"))
        raise PermissionDenied("not_assigned_to_unit", _("该事项未交办给您所在的单位。"))
    return found


def mine(actor, case: Case, *, role: str | None = None) -> Assignment:
    """The acting unit officer's active assignment on the case, read without a lock.

    For preconditions: they also decide whether the page offers the action.
    """
    return _find_mine(actor, case, role, list(Assignment.objects.filter(case=case)))


def my_assignment(actor, case: Case, *, role: str | None = None) -> Assignment:
    """The acting unit officer's active assignment on the case, locked; refuse anyone else."""
    rows = list(Assignment.objects.select_for_update().filter(case=case))
    return _find_mine(actor, case, role, rows)


def lead_of(case: Case, *, for_update: bool = False) -> Assignment | None:
    qs = Assignment.objects.filter(case=case, role=Assignment.Role.LEAD).exclude(
        status=Assignment.Status.RETURNED
    )
    if for_update:
        qs = qs.select_for_update()
    return qs.select_related("unit").first()


def check_upload(upload) -> None:
    """Refuse a reply letter of the wrong type, empty, too large or whose content is not its
    type (zip-based documents are opened and their members checked)."""
    if upload is None:
        return
    validation.upload(
        upload,
        field="attachment",
        allowed=tuple(UPLOAD_SIGNATURES),
        max_bytes=MAX_UPLOAD_BYTES,
        signatures=UPLOAD_SIGNATURES,
        purpose="reply_letter",
    )
