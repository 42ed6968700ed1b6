"""Writes of the core: working-day calendar corrections and local rule settings.

Each write checks its permission, changes the row and appends its audit event
in one transaction.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .audit import audit_record
from .errors import DomainError, NotFound, PermissionDenied
from .models import CalendarDay, RuleSetting
from .statute import REGISTRY, validate_setting


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDenied()


def calendar_day_set(*, actor, date: dt.date, kind: str, name: str = "") -> CalendarDay:
    """Add or correct one calendar exception; the row becomes a manual correction."""
    _require(actor, "core.manage_calendar")
    if kind not in CalendarDay.Kind.values:
        raise DomainError("invalid_choice", _("类型“{value}”无效。"), field="kind", value=kind)
    name = (name or "").strip()
    if len(name) > 40:
        raise DomainError(
            "field_too_long",
            _("{label}不能超过{max}个字符。"),
            field="name",
            label=_("名称"),
            max=40,
        )
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(date=date).first()
        before = None if day is None else {"kind": day.kind, "name": day.name, "source": day.source}
        if day is None:
            day = CalendarDay(date=date)
        day.kind, day.name, day.source = kind, name, CalendarDay.Source.MANUAL
        day.save()
        audit_record(
            actor=actor,
            action="core.calendar_day.set",
            obj=day,
            changes={"before": before, "after": {"kind": kind, "name": name, "source": day.source}},
        )
    return day


def calendar_day_remove(*, actor, date: dt.date) -> None:
    """Remove one calendar exception, so the day follows the Monday–Friday default."""
    _require(actor, "core.manage_calendar")
    with transaction.atomic():
        day = CalendarDay.objects.select_for_update().filter(date=date).first()
        if day is None:
            raise NotFound("calendar_day_not_found", _("{date}没有日历调整记录。"), date=str(date))
        before = {"kind": day.kind, "name": day.name, "source": day.source}
        audit_record(
            actor=actor, action="core.calendar_day.removed", obj=day, changes={"before": before}
        )
        CalendarDay.objects.filter(date=date).delete()


def rule_setting_set(*, actor, key: str, value: str, note: str = "") -> RuleSetting | None:
    """Store a local value for a configurable parameter; a blank value restores the default."""
    _require(actor, "core.manage_rules")
    raw = (value or "").strip()
    note = (note or "").strip()
    if len(note) > 255:
        raise DomainError(
            "field_too_long",
            _("{label}不能超过{max}个字符。"),
            field="note",
            label=_("依据或说明"),
            max=255,
        )
    if raw:
        parsed = validate_setting(key, raw)
        if isinstance(parsed, Fraction) and not 0 <= parsed <= 1:
            raise DomainError(
                "rule_value_out_of_range",
                _("参数 {key} 的比例必须在 0 与 1 之间。"),
                field="value",
                key=key,
            )
    else:
        validate_setting(key, str(REGISTRY[key].default) if key in REGISTRY else "")
    with transaction.atomic():
        setting = RuleSetting.objects.select_for_update().filter(key=key).first()
        old = setting.value if setting else None
        if not raw:
            if setting is not None:
                audit_record(
                    actor=actor,
                    action="core.rule_setting.cleared",
                    obj=setting,
                    changes={"value": [old, None]},
                )
                setting.delete()
            return None
        if setting is None:
            setting = RuleSetting(key=key)
        setting.value, setting.note = raw, note
        setting.save()
        audit_record(
            actor=actor,
            action="core.rule_setting.set",
            obj=setting,
            changes={"value": [old, raw], "note": note, "rule": REGISTRY[key].rule},
        )
    return setting
