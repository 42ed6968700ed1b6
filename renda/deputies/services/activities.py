"""Duty activities a deputy or the office adds to the record, and the office's review (§2.4).

A deputy's own entry waits for the office; the office's entries are accepted as they are
recorded (the office is the reviewer). Only accepted activities count in the duty record.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import DomainError, PermissionDenied
from renda.people.models import Deputy

from ..models import DutyActivity

A = DutyActivity.Status
#: Evidence of an activity: a document or its scan.
EVIDENCE_TYPES = ("pdf", "docx", "ofd")


@action(
    "deputies.activity.add",
    model=DutyActivity,
    permission="deputies.record_activity",
    rule="§2.4",
    label=_("登记履职活动"),
    refs={"deputy": Deputy},
)
def activity_add(
    ctx: ActionContext,
    *,
    deputy: Deputy,
    kind: str,
    held_on: dt.date,
    title: str,
    description: str = "",
    evidence=None,
) -> DutyActivity:
    """Record an activity; the office's own entry counts at once, a deputy's after review."""
    if not ctx.actor.has_perm("deputies.record_activity_for", deputy):
        raise PermissionDenied()  # a deputy records their own activities only
    validation.choice(kind, DutyActivity.Kind, field="kind")
    title = validation.text(title, field="title", label=_("活动名称"), max_length=120)
    description = validation.text(
        description, field="description", label=_("情况"), required=False, max_length=2000
    )
    if held_on is None:
        raise DomainError("field_required", _("请填写{label}。"), field="held_on", label=_("日期"))
    if held_on > ctx.today:
        raise DomainError("future_date", _("活动日期不能晚于今天。"), field="held_on")
    term = deputy.term
    if held_on < term.start_date or (term.end_date and held_on > term.end_date):
        raise DomainError("outside_term", _("活动日期不在该代表的任期内。"), field="held_on")
    by_office = ctx.actor.has_perm("deputies.review_activity")
    activity = DutyActivity(
        deputy=deputy,
        kind=kind,
        held_on=held_on,
        title=title,
        description=description,
        added_by=ctx.user,
        status=A.ACCEPTED if by_office else A.SUBMITTED,
    )
    if by_office:
        activity.reviewed_by, activity.reviewed_at = ctx.user, ctx.now
    if evidence:
        ext = validation.upload(evidence, field="evidence", allowed=EVIDENCE_TYPES)
        activity.evidence_name = (evidence.name or f"evidence.{ext}")[:200]
        activity.evidence.save(f"evidence.{ext}", evidence, save=False)
    activity.save()
    ctx.audit_object = activity
    ctx.changes.update(
        deputy=deputy.pk, kind=kind, held_on=str(held_on), status=activity.status,
        evidence=bool(evidence),
    )  # fmt: skip
    return activity


def _review(ctx: ActionContext, activity: DutyActivity, note: str, required: bool) -> DutyActivity:
    activity.review_note = validation.text(
        note, field="note", label=_("审核意见"), required=required, max_length=200
    )
    activity.reviewed_by, activity.reviewed_at = ctx.user, ctx.now
    activity.save(update_fields=["review_note", "reviewed_by", "reviewed_at", "updated_at"])
    ctx.changes.update(note=activity.review_note)
    return activity


@action(
    "deputies.activity.accept",
    model=DutyActivity,
    subject="activity",
    sources={A.SUBMITTED},
    target=A.ACCEPTED,
    permission="deputies.review_activity",
    rule="§2.4",
    label=_("审核计入"),
)
def activity_accept(ctx: ActionContext, *, activity: DutyActivity, note: str = "") -> DutyActivity:
    """The office accepts the activity: it counts in the record from now on."""
    return _review(ctx, activity, note, required=False)


@action(
    "deputies.activity.reject",
    model=DutyActivity,
    subject="activity",
    sources={A.SUBMITTED},
    target=A.REJECTED,
    permission="deputies.review_activity",
    rule="§2.4",
    label=_("不予计入"),
)
def activity_reject(ctx: ActionContext, *, activity: DutyActivity, note: str) -> DutyActivity:
    """The office does not count it, and says why (the deputy sees the reason)."""
    return _review(ctx, activity, note, required=True)


ACTIVITY_ACTIONS = (activity_accept, activity_reject)
