"""Audit events as people read them: a Chinese label for each action and the actor's name.

The audit chain stores stable codes (``casework.case.replied``) and, for the actor, the
label the account had then; a page's history shows the action's label instead (the
declared action's ``label``, or one a domain registers for events that are not declared
actions) and the acting person's name as it is now. A code that nobody labelled is shown
as a neutral "记录", never as the code itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .actions import REGISTRY
from .models import AuditEvent

_LABELS: dict[str, Any] = {}


def register_labels(labels: Mapping[str, Any]) -> None:
    """Name audit codes that are not a declared action's (or name them better for a log)."""
    _LABELS.update(labels)


def _declared() -> dict[str, Any]:
    return {(act.audit or act.name): act.label for act in REGISTRY.values() if act.label}


_ADMIN_VERBS = {"add": _("新增"), "change": _("修改"), "delete": _("删除")}


def _admin_label(code: str) -> Any:
    """``admin.<app>.<model>.<verb>`` (core.admin.AuditedAdmin) as 管理后台修改：用户."""
    from django.apps import apps
    from django.utils.text import format_lazy

    parts = code.split(".")
    if len(parts) != 4 or parts[3] not in _ADMIN_VERBS:
        return None
    try:
        model = apps.get_model(parts[1], parts[2])
    except (LookupError, ValueError):
        return None
    return format_lazy(
        _("管理后台{verb}：{thing}"), verb=_ADMIN_VERBS[parts[3]], thing=model._meta.verbose_name
    )


def action_label(code: str, declared: Mapping[str, Any] | None = None) -> Any:
    """The readable label of an audit code."""
    if code in _LABELS:
        return _LABELS[code]
    found = (declared if declared is not None else _declared()).get(code)
    if not found and code.startswith("admin."):
        found = _admin_label(code)
    return found or _("记录")


def present(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """Give each event ``label`` and ``actor_name`` (one query for all the actors)."""
    events = list(events)
    ids = {e.actor_id for e in events if e.actor_id}
    names: dict[int, str] = {}
    if ids:
        users = get_user_model().objects.filter(pk__in=ids).select_related("person")
        names = {u.pk: str(getattr(u, "name", "") or u) for u in users}
    declared = _declared()
    for event in events:
        event.label = action_label(event.action, declared)
        event.actor_name = names.get(event.actor_id) or event.actor_label or _("系统")
    return events
