"""Writes of the core: working-day calendar corrections and local rule settings.

Each is a declared action (:mod:`renda.core.actions`): permission, the change and its
audit event in one transaction.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from .actions import ActionContext, action
from .errors import DomainError, NotFound
from .models import CalendarDay, RuleSetting
from .statute import REGISTRY, validate_setting


@action(
    "core.calendar_day.set",
    model=CalendarDay,
    permission="core.manage_calendar",
    rule="§1.2",
    label=_("调整工作日历"),
)
def calendar_day_set(
    ctx: ActionContext, *, date: dt.date, kind: str, name: str = ""
) -> CalendarDay:
    """Add or correct one calendar exception; the row becomes a manual correction."""
    if not isinstance(date, dt.date):
        raise DomainError("field_required", _("请填写{label}。"), field="date", label=_("日期"))
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
    day = CalendarDay.objects.select_for_update().filter(date=date).first()
    before = None if day is None else {"kind": day.kind, "name": day.name, "source": day.source}
    if day is None:
        day = CalendarDay(date=date)
    day.kind, day.name, day.source = kind, name, CalendarDay.Source.MANUAL
    day.save()
    ctx.changes.update(before=before, after={"kind": kind, "name": name, "source": day.source})
    return day


@action(
    "core.calendar_day.remove",
    model=CalendarDay,
    permission="core.manage_calendar",
    rule="§1.2",
    label=_("删除日历调整"),
    audit="core.calendar_day.removed",
)
def calendar_day_remove(ctx: ActionContext, *, date: dt.date) -> None:
    """Remove one calendar exception, so the day follows the Monday–Friday default."""
    day = CalendarDay.objects.select_for_update().filter(date=date).first()
    if day is None:
        raise NotFound("calendar_day_not_found", _("{date}没有日历调整记录。"), date=str(date))
    ctx.changes["before"] = {"kind": day.kind, "name": day.name, "source": day.source}
    ctx.audit_object = day
    CalendarDay.objects.filter(date=date).delete()


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > 255:
        raise DomainError(
            "field_too_long",
            _("{label}不能超过{max}个字符。"),
            field="note",
            label=_("依据或说明"),
            max=255,
        )
    return note


@action(
    "core.rule_setting.clear",
    model=RuleSetting,
    permission="core.manage_rules",
    label=_("恢复默认值"),
    audit="core.rule_setting.cleared",
)
def rule_setting_clear(ctx: ActionContext, *, key: str) -> None:
    """Remove the local value of a parameter, so the statutory or seed default applies again."""
    validate_setting(key, str(REGISTRY[key].default) if key in REGISTRY else "")
    setting = RuleSetting.objects.select_for_update().filter(key=key).first()
    if setting is None:
        ctx.audited = False  # nothing stored: nothing to undo
        return None
    ctx.changes["value"] = [setting.value, None]
    ctx.audit_object = setting
    setting.delete()
    return None


@action(
    "core.rule_setting.set",
    model=RuleSetting,
    permission="core.manage_rules",
    label=_("设置本地参数"),
)
def rule_setting_set(
    ctx: ActionContext, *, key: str, value: str, note: str = ""
) -> RuleSetting | None:
    """Store a local value for a configurable parameter; a blank value restores the default."""
    raw = (value or "").strip()
    note = _note(note)
    if not raw:
        ctx.audited = False
        return ctx.perform(rule_setting_clear, key=key)
    parsed = validate_setting(key, raw)
    if isinstance(parsed, Fraction) and not 0 <= parsed <= 1:
        raise DomainError(
            "rule_value_out_of_range",
            _("参数 {key} 的比例必须在 0 与 1 之间。"),
            field="value",
            key=key,
        )
    setting = RuleSetting.objects.select_for_update().filter(key=key).first()
    old = setting.value if setting else None
    if setting is None:
        setting = RuleSetting(key=key)
    setting.value, setting.note = raw, note
    setting.save()
    ctx.changes.update(value=[old, raw], note=note, rule=REGISTRY[key].rule)
    return setting
