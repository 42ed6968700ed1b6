"""Supervision services: judicial."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.casework import services as cw
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.meetings.models import Meeting
from renda.people.models import Organization

from .. import (
    statute,  # noqa: F401  (registers the parameters)
)
from ..models import (
    JudicialRecord,
)
from ._common import MANAGE, _choice, _sc, _text, case_kind

K = JudicialRecord.Kind

# -- judicial supervision (S8) -------------------------------------------------------------


@action(
    "supervision.judicial.create",
    model=JudicialRecord,
    permission=MANAGE,
    rule="S8",
    label=_("登记"),
    audit="supervision.judicial.created",
)
def judicial_record_create(
    ctx: ActionContext,
    *,
    kind: str,
    body: Organization,
    title: str,
    summary: str = "",
    received_on: dt.date | None = None,
    meeting: Meeting | None = None,
) -> JudicialRecord:
    """Record a petition-related report, a misconduct lead or a major-case special report (S8)."""
    kind = _choice(kind, JudicialRecord.Kind, field="kind")
    title = _text(title, field="title", label=_("标题"), max_length=200)
    summary = _text(summary, field="summary", label=_("内容"), required=False)
    if body is None or body.kind not in (Organization.Kind.COURT, Organization.Kind.PROCURATORATE):
        raise DomainError("body_not_judicial", _("请选择人民法院或人民检察院。"), field="body")
    record = JudicialRecord.objects.create(
        kind=kind,
        body=body,
        title=title,
        summary=summary,
        received_on=received_on or ctx.today,
        meeting=meeting,
    )
    ctx.changes.update(kind=kind, body=body.pk)
    return record


def _unforwarded_lead(ctx: ActionContext, record: JudicialRecord) -> None:
    if record.kind != K.MISCONDUCT_LEAD:
        raise Conflict("not_a_lead", _("只有违法违纪线索需要转办。"))
    if record.case_id:
        raise Conflict("lead_forwarded", _("该线索已转办。"))


@action(
    "supervision.judicial.forward",
    model=JudicialRecord,
    subject="record",
    permission=MANAGE,
    precondition=_unforwarded_lead,
    precondition_hides=True,
    rule="S8",
    label=_("转办"),
    audit="supervision.judicial.forwarded",
)
def judicial_lead_forward(ctx: ActionContext, *, record: JudicialRecord) -> JudicialRecord:
    """Forward a misconduct lead to the competent body with a feedback deadline (a casework case)."""
    case = cw.case_create(
        actor=ctx.actor,
        kind=case_kind("lead"),
        title=record.title,
        summary=record.summary,
        requester_body=_sc(),
        source_type="supervision.judicial",
        source_id=record.pk,
    )
    case = cw.case_assign(actor=ctx.actor, case=case, lead=record.body, now=ctx.now)
    record.case = case
    record.save(update_fields=["case", "updated_at"])
    ctx.changes.update(case=case.pk, due_on=str(case.due_on))
    return record


def _major_case(ctx: ActionContext, record: JudicialRecord) -> None:
    if record.kind != K.MAJOR_CASE:
        raise Conflict("not_major_case", _("只有重大案件专题报告需要登记常委会决定。"))


@action(
    "supervision.judicial.decide",
    model=JudicialRecord,
    subject="record",
    permission=MANAGE,
    precondition=_major_case,
    precondition_hides=True,
    rule="S8",
    label=_("登记决定"),
    audit="supervision.judicial.decided",
)
def judicial_decision_record(
    ctx: ActionContext, *, record: JudicialRecord, decision: str
) -> JudicialRecord:
    """Record the standing committee's decision on a major-case special report (S8)."""
    decision = _text(decision, field="decision", label=_("常委会决定"))
    record.decision = decision
    record.save(update_fields=["decision", "updated_at"])
    ctx.changes["decision"] = decision[:500]
    return record
