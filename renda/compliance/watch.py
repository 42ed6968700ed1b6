"""The daily watch: evaluate every rule for the year, and when a rule's status changed since
the last run, record the change (a declared action, audited) and notify the office staff and
the leaders with a link to the rule. The first run only records what it sees."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import Role
from renda.core.actions import SYSTEM, ActionContext, SystemActor, action

from . import registry as r
from .models import RuleState


@action(
    "compliance.rule_state.change", model=RuleState, subject="state", permission=SYSTEM,
    label=_("规则落实状态变化"),
)  # fmt: skip
def state_change(ctx: ActionContext, *, state: RuleState, status: str, summary: str) -> RuleState:
    """The status the evaluation now gives, with the one before in the audit log."""
    ctx.changes.update(code=state.code, year=state.year, before=state.status, after=status)
    state.status, state.summary, state.changed_at = status, summary[:300], ctx.now
    state.save(update_fields=["status", "summary", "changed_at"])
    return state


def recipients():
    return get_user_model().objects.filter(
        is_active=True, role__in=(Role.STAFF, Role.ADMIN, Role.LEADER)
    )


def watch(now: dt.datetime | None = None) -> int:
    """Evaluate this year (and, in January, the year just ended); returns how many changed."""
    from renda.casework.notifications import notify_page

    now = now or timezone.now()
    today = timezone.localdate(now)
    actor = SystemActor(None, "compliance watch")
    changed = 0
    for year in [today.year] + ([today.year - 1] if today.month == 1 else []):
        known = {s.code: s for s in RuleState.objects.filter(year=year)}
        for result in r.evaluate_all(year, today):
            status, summary = result.verdict.status, str(result.verdict.summary)
            state = known.get(result.code)
            if state is None:
                RuleState.objects.create(code=result.code, year=year, status=status, summary=summary[:300], changed_at=now)  # fmt: skip
                continue
            if state.status == status:
                continue
            before = r.Status(state.status).label
            state_change(actor=actor, state=state, status=status, summary=summary, now=now)
            title = str(result.check.rule.title)
            notify_page(
                users=recipients(), kind="compliance", key_date=today,
                title=str(_("规则落实状态变化：{title}")).format(title=title),
                text=str(_("{year}年“{title}”由“{before}”变为“{after}”：{summary}")).format(
                    year=year, title=title, before=before, after=result.status_label, summary=summary,
                ),
                link=f"{reverse('compliance:rule', args=[result.code])}?year={year}", at=now,
            )  # fmt: skip
            changed += 1
    return changed
