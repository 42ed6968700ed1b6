"""Suspension of a deputy's duties and its automatic end (代表法 Art. 61; rules.md §2.3).

The office records the suspension (the deputy's status becomes *suspended*) and, once it is
known, the day the condition ends; on that day the platform restores the duties by itself
(the daily job ``deputies.restore_due``), or at once when the day has already come.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import SYSTEM, ActionContext, SystemActor, action
from renda.core.errors import Conflict, DomainError
from renda.people.models import Deputy

from .. import workflow
from ..models import Suspension
from ..selectors import suspensions_due
from ._common import record_text

MANAGE = "deputies.manage"
S = Suspension.Status


@action(
    "deputies.suspension.start",
    model=Suspension,
    permission=MANAGE,
    rule="§2.3",
    label=_("暂停执行代表职务"),
    refs={"deputy": Deputy},
)
def suspension_start(
    ctx: ActionContext,
    *,
    deputy: Deputy,
    ground: str,
    facts: str,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    end_basis: str = "",
) -> Suspension:
    """Suspend a serving deputy's duties on one of Art. 61's grounds."""
    from renda.people.services import deputy_change_status

    validation.choice(ground, Suspension.Ground, field="ground")
    facts = validation.text(facts, field="facts", label=_("情况说明"), max_length=300)
    end_basis = validation.text(
        end_basis, field="end_basis", label=_("情形消失依据"), required=False, max_length=200
    )
    deputy = Deputy.objects.select_for_update().select_related("person").get(pk=deputy.pk)
    if deputy.status != Deputy.Status.ACTIVE:
        raise Conflict(
            "deputy_not_active",
            _("{name}当前状态为“{status}”，不能暂停执行代表职务。"),
            name=deputy.person.name,
            status=deputy.get_status_display(),
        )
    starts_on = starts_on or ctx.today
    if ends_on is not None:
        validation.date_order(starts_on, ends_on, field="ends_on")
    suspension = Suspension.objects.create(
        deputy=deputy,
        ground=ground,
        starts_on=starts_on,
        facts=facts,
        ends_on=ends_on,
        end_basis=end_basis,
        recorded_by=ctx.user,
    )
    ctx.perform(
        deputy_change_status,
        deputy=deputy,
        status=Deputy.Status.SUSPENDED,
        on=starts_on,
        reason=record_text(suspension.get_ground_display())[:200],
    )
    ctx.audit_object = suspension
    ctx.changes.update(deputy=deputy.pk, ground=ground, starts_on=str(starts_on))
    if ends_on is not None and ends_on <= ctx.today:
        ctx.perform(suspension_restore, suspension=suspension)
    return suspension


@action(
    "deputies.suspension.set_end",
    model=Suspension,
    subject="suspension",
    sources=workflow.SUSPENSION_LIVE,
    permission=MANAGE,
    rule="§2.3",
    label=_("登记情形消失日期"),
)
def suspension_set_end(
    ctx: ActionContext, *, suspension: Suspension, ends_on: dt.date, end_basis: str
) -> Suspension:
    """Record when the condition ends; the duties are restored on that day (today: at once)."""
    if ends_on is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="ends_on", label=_("情形消失日期")
        )
    validation.date_order(suspension.starts_on, ends_on, field="ends_on")
    suspension.end_basis = validation.text(
        end_basis, field="end_basis", label=_("情形消失依据"), max_length=200
    )
    suspension.ends_on = ends_on
    suspension.save(update_fields=["ends_on", "end_basis", "updated_at"])
    ctx.changes.update(ends_on=str(ends_on), end_basis=suspension.end_basis)
    if ends_on <= ctx.today:
        ctx.perform(suspension_restore, suspension=suspension)
    return suspension


def _end_reached(ctx: ActionContext, suspension: Suspension) -> None:
    if suspension.ends_on is None or suspension.ends_on > ctx.today:
        raise Conflict("suspension_not_ended", _("暂停执行代表职务的情形尚未消失。"))


@action(
    "deputies.suspension.restore",
    model=Suspension,
    subject="suspension",
    sources=workflow.SUSPENSION_LIVE,
    target=S.ENDED,
    permission=SYSTEM,
    precondition=_end_reached,
    rule="§2.3",
    label=_("恢复执行代表职务"),
)
def suspension_restore(ctx: ActionContext, *, suspension: Suspension) -> Suspension:
    """The condition has ended: the deputy serves again (unless the mandate ended meanwhile)."""
    from renda.people.services import deputy_change_status

    deputy = Deputy.objects.select_for_update().get(pk=suspension.deputy_id)
    suspension.restored_on = suspension.ends_on
    suspension.save(update_fields=["restored_on", "updated_at"])
    if deputy.status == Deputy.Status.SUSPENDED:
        ctx.perform(
            deputy_change_status,
            deputy=deputy,
            status=Deputy.Status.ACTIVE,
            on=suspension.ends_on,
            reason=record_text(_("暂停执行代表职务的情形消失")),
        )
    ctx.changes.update(deputy=deputy.pk, restored_on=str(suspension.ends_on))
    return suspension


def restore_due(now: dt.datetime | None = None) -> int:
    """The daily job: restore every suspension whose condition has ended. Returns how many."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    actor = SystemActor(None, "suspension ended")
    done = 0
    for suspension in suspensions_due(today):
        suspension_restore(actor=actor, suspension=suspension, now=now)
        done += 1
    return done


#: The office's actions on a suspension, for the pages' buttons.
SUSPENSION_ACTIONS = (suspension_set_end,)
