"""The working-day calendar and the local rule settings, read openly and corrected by their keepers.

The calendar's corrections (holidays and 调休 make-up days) decide every deadline in
working days, so integrations can read them; the office corrects them. Rule settings
are the local values of the statute parameters that local practice may change; the
administrator sets or clears them. Writes are the same declared actions as the pages.
"""

from __future__ import annotations

import datetime as dt

from ninja import Query, Router, Schema, Status

from renda.core import services
from renda.core.models import CalendarDay, RuleSetting
from renda.core.statute import REGISTRY

from .actions import EXPOSED
from .auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from .common import InputSchema, PageQuery, Year, choice, page, text
from .errors import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["settings"])
CALENDAR = "core.manage_calendar"
RULES = "core.manage_rules"


class CalendarDayOut(Schema):
    date: dt.date
    kind: str
    name: str
    source: str


class CalendarDayListOut(Schema):
    count: int
    items: list[CalendarDayOut]


class CalendarDayQuery(PageQuery):
    year: Year | None = None


@router.get(
    "/calendar-days",
    response={200: CalendarDayListOut, **READ_ERRORS},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_AUTH,
    operation_id="calendar_days_list",
    summary="工作日历调整 · Holidays and make-up working days",
    description="Days that differ from the Monday–Friday week; deadlines in working days use them.",
)
def calendar_days_list(request, query: Query[CalendarDayQuery]):
    qs = CalendarDay.objects.order_by("date")
    if query.year:
        qs = qs.filter(date__year=query.year)
    return page(
        qs,
        query,
        lambda d: {"date": d.date, "kind": d.kind, "name": d.name, "source": d.source},
    )


class CalendarDaySetIn(InputSchema):
    date: dt.date
    kind: choice(CalendarDay.Kind)
    name: text(40) = ""


class CalendarDaySetOut(Schema):
    date: dt.date
    kind: str
    source: str


@router.post(
    "/calendar-days",
    response={200: CalendarDaySetOut, **WRITE_ERRORS},
    auth=write_auth(CALENDAR),
    operation_id="core_calendar_day_set",
    summary="调整工作日历 · Add or correct a calendar day",
)
def core_calendar_day_set(request, payload: CalendarDaySetIn):
    user = require(request, CALENDAR)
    day = services.calendar_day_set(
        actor=user, date=payload.date, kind=payload.kind, name=payload.name
    )
    return {"date": day.date, "kind": day.kind, "source": day.source}


class CalendarDayRemoveIn(InputSchema):
    date: dt.date


class CalendarDayRemovedOut(Schema):
    date: dt.date


@router.post(
    "/calendar-days/remove",
    response={200: CalendarDayRemovedOut, **WRITE_ERRORS},
    auth=write_auth(CALENDAR),
    operation_id="core_calendar_day_remove",
    summary="删除日历调整 · Remove a correction (the day follows Monday–Friday again)",
)
def core_calendar_day_remove(request, payload: CalendarDayRemoveIn):
    user = require(request, CALENDAR)
    services.calendar_day_remove(actor=user, date=payload.date)
    return {"date": payload.date}


class RuleSettingOut(Schema):
    key: str
    rule: str
    default: str
    value: str | None
    configurable: bool


class RuleSettingListOut(Schema):
    count: int
    items: list[RuleSettingOut]


@router.get(
    "/rule-settings",
    response={200: RuleSettingListOut, **READ_ERRORS},
    auth=READ_AUTH,
    openapi_extra=OPTIONAL_AUTH,
    operation_id="rule_settings_list",
    summary="规则参数 · Statute parameters with their local values",
    description="Every statutory or practice number with its rule code and the local value, if any.",
)
def rule_settings_list(request):
    local = dict(RuleSetting.objects.values_list("key", "value"))
    items = [
        {
            "key": key,
            "rule": p.rule,
            "default": str(p.default),
            "value": local.get(key),
            "configurable": p.configurable,
        }
        for key, p in sorted(REGISTRY.items())
    ]
    return {"count": len(items), "items": items}


class RuleSettingSetIn(InputSchema):
    key: text(100)
    value: text(100)
    note: text(255) = ""


class RuleSettingSetOut(Schema):
    key: str
    value: str | None


@router.post(
    "/rule-settings",
    response={200: RuleSettingSetOut, **WRITE_ERRORS},
    auth=write_auth(RULES),
    operation_id="core_rule_setting_set",
    summary="设置本地参数 · Set a local value (blank restores the default)",
)
def core_rule_setting_set(request, payload: RuleSettingSetIn):
    user = require(request, RULES)
    setting = services.rule_setting_set(
        actor=user, key=payload.key, value=payload.value, note=payload.note
    )
    return {"key": payload.key, "value": setting.value if setting else None}


class RuleSettingClearIn(InputSchema):
    key: text(100)


class RuleSettingClearedOut(Schema):
    key: str


@router.post(
    "/rule-settings/clear",
    response={200: RuleSettingClearedOut, **WRITE_ERRORS},
    auth=write_auth(RULES),
    operation_id="core_rule_setting_clear",
    summary="恢复默认值 · Clear a local value",
)
def core_rule_setting_clear(request, payload: RuleSettingClearIn):
    user = require(request, RULES)
    services.rule_setting_clear(actor=user, key=payload.key)
    return Status(200, {"key": payload.key})


for _act, _path, _op in (
    (services.calendar_day_set, "/calendar-days", "core_calendar_day_set"),
    (services.calendar_day_remove, "/calendar-days/remove", "core_calendar_day_remove"),
    (services.rule_setting_set, "/rule-settings", "core_rule_setting_set"),
    (services.rule_setting_clear, "/rule-settings/clear", "core_rule_setting_clear"),
):
    EXPOSED[_act.name] = ("POST", _path, _op)
