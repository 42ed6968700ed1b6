"""Helpers shared by the people pages."""

from __future__ import annotations

from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _

from renda.core.audit import object_label
from renda.core.history import present, register_labels
from renda.core.models import AuditEvent

TIMELINE_LIMIT = 200

ACTION_LABELS = {
    "people.person.created": _("新增人员"),
    "people.person.updated": _("修改人员信息"),
    "people.organization.created": _("新增机构"),
    "people.organization.updated": _("修改机构信息"),
    "people.post.created": _("新增职务"),
    "people.membership.created": _("新增任职"),
    "people.membership.ended": _("任职结束"),
    "people.deputy.created": _("登记代表资格"),
    "people.deputy.status_changed": _("代表状态变更"),
    "people.term.created": _("新增届次"),
}
register_labels(ACTION_LABELS)


def timeline(*groups) -> list[AuditEvent]:
    """Return the audit events of several objects (or lists of objects), newest first."""
    by_type: dict[str, list[str]] = {}
    for group in groups:
        objects = group if isinstance(group, list | tuple) else [group]
        for obj in objects:
            if isinstance(obj, Model):
                o_type, o_id, _ = object_label(obj)
                by_type.setdefault(o_type, []).append(o_id)
    if not by_type:
        return []
    condition = Q()
    for o_type, ids in by_type.items():
        condition |= Q(object_type=o_type, object_id__in=ids)
    return present(AuditEvent.objects.filter(condition).order_by("-seq")[:TIMELINE_LIMIT])
