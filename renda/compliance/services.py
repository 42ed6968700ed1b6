"""The record of the party committee's meetings on the congress's work (S1)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import DomainError

from .models import PartyMeeting, PublishedRule
from .rules import MANAGE


@action(
    "compliance.party_meeting.record", model=PartyMeeting, permission=MANAGE, rule="S1",
    label=_("登记党委有关会议"),
)  # fmt: skip
def party_meeting_record(ctx: ActionContext, *, kind: str, held_on: dt.date, title: str, note: str = "") -> PartyMeeting:  # fmt: skip
    """A congress-work conference of the party committee, or its standing committee hearing
    the SC party group's report, on the day it was held."""
    validation.choice(kind, PartyMeeting.Kind, field="kind")
    if not isinstance(held_on, dt.date):
        raise DomainError(
            "field_required", _("请填写{label}。"), field="held_on", label=_("召开日期")
        )
    if held_on > ctx.today:
        raise DomainError("invalid_date", _("召开日期不能晚于今天。"), field="held_on")
    meeting = PartyMeeting.objects.create(
        kind=kind, held_on=held_on,
        title=validation.text(title, field="title", label=_("会议名称"), max_length=200),
        note=validation.text(note, field="note", label=_("主要内容"), required=False, max_length=5000),
    )  # fmt: skip
    ctx.changes.update(kind=kind, held_on=held_on.isoformat())
    return meeting


@action(
    "compliance.rule.publish", model=PublishedRule, permission=MANAGE, rule="S4",
    label=_("公开或取消公开规则落实情况"),
)  # fmt: skip
def rule_publish(ctx: ActionContext, *, code: str, publish: bool) -> PublishedRule:
    """Show a rule's status and summary on the public site, or take it off again."""
    from . import registry

    if code not in registry.REGISTRY:
        raise DomainError("not_found", _("没有这条规则：{rule}。"), field="code", rule=code)
    if registry.REGISTRY[code].evaluate is None and publish:
        raise DomainError(
            "not_evaluable", _("这条规则不能由数据评估，没有可公开的落实情况。"), field="code"
        )
    publish = bool(publish)
    row = PublishedRule.objects.select_for_update().filter(code=code).first()
    if row is None:
        row = PublishedRule(code=code, published=not publish)
    if row.published != publish:
        row.published, row.changed_at = publish, ctx.now
        row.save()
    ctx.changes.update(code=code, published=publish)
    return row
