"""Supervision services: judicial."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.casework import services as cw
from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError
from renda.meetings.models import Meeting
from renda.people.models import Organization

from .. import (
    statute,  # noqa: F401  (registers the parameters)
)
from ..models import (
    JudicialRecord,
)
from ._common import _choice, _day, _now, _require, _sc, _text, case_kind

# -- judicial supervision (S8) -------------------------------------------------------------


def judicial_record_create(
    *,
    actor,
    kind: str,
    body: Organization,
    title: str,
    summary: str = "",
    received_on: dt.date | None = None,
    meeting: Meeting | None = None,
    now: dt.datetime | None = None,
) -> JudicialRecord:
    """Record a petition-related report, a misconduct lead or a major-case special report (S8)."""
    _require(actor, "supervision.manage")
    kind = _choice(kind, JudicialRecord.Kind, field="kind")
    title = _text(title, field="title", label=_("标题"), max_length=200)
    summary = _text(summary, field="summary", label=_("内容"), required=False)
    if body is None or body.kind not in (Organization.Kind.COURT, Organization.Kind.PROCURATORATE):
        raise DomainError("body_not_judicial", _("请选择人民法院或人民检察院。"), field="body")
    received_on = received_on or _day(_now(now))
    with transaction.atomic():
        record = JudicialRecord.objects.create(
            kind=kind,
            body=body,
            title=title,
            summary=summary,
            received_on=received_on,
            meeting=meeting,
        )
        audit_record(
            actor=actor,
            action="supervision.judicial.created",
            obj=record,
            changes={"kind": kind, "body": body.pk},
        )
    return record


def judicial_lead_forward(
    *, actor, record: JudicialRecord, now: dt.datetime | None = None
) -> JudicialRecord:
    """Forward a misconduct lead to the competent body with a feedback deadline (a casework case)."""
    _require(actor, "supervision.manage")
    now = _now(now)
    with transaction.atomic():
        locked = (
            JudicialRecord.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=record.pk)
        )
        if locked.kind != JudicialRecord.Kind.MISCONDUCT_LEAD:
            raise Conflict("not_a_lead", _("只有违法违纪线索需要转办。"))
        if locked.case_id:
            raise Conflict("lead_forwarded", _("该线索已转办。"))
        case = cw.case_create(
            actor=actor,
            kind=case_kind("lead"),
            title=locked.title,
            summary=locked.summary,
            requester_body=_sc(),
            source_type="supervision.judicial",
            source_id=locked.pk,
        )
        case = cw.case_assign(actor=actor, case=case, lead=locked.body, now=now)
        locked.case = case
        locked.save(update_fields=["case", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.judicial.forwarded",
            obj=locked,
            changes={"case": case.pk, "due_on": str(case.due_on)},
        )
    return locked


def judicial_decision_record(*, actor, record: JudicialRecord, decision: str) -> JudicialRecord:
    """Record the standing committee's decision on a major-case special report (S8)."""
    _require(actor, "supervision.manage")
    decision = _text(decision, field="decision", label=_("常委会决定"))
    with transaction.atomic():
        locked = JudicialRecord.objects.select_for_update().get(pk=record.pk)
        if locked.kind != JudicialRecord.Kind.MAJOR_CASE:
            raise Conflict("not_major_case", _("只有重大案件专题报告需要登记常委会决定。"))
        locked.decision = decision
        locked.save(update_fields=["decision", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.judicial.decided",
            obj=locked,
            changes={"decision": decision[:500]},
        )
    return locked
