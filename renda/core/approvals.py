"""The external-approval step: the party committee's consent (S2) and the like, for any action.

A domain names the rows that may need an approval, in its ``AppConfig.ready()``::

    approvals.register(AnnualList, Approval.Kind.PARTY_CONSENT, _("年度重大事项清单"))

and makes an action wait for it with ``precondition=approvals.requires(PARTY_CONSENT)``.
The office records the request (what was sent, when, with which reference) and the
answer (agreed, or returned for changes, with its date and reference) through the two
declared actions below, from the subject's page (``core/approvals_panel.html``) or the
API (``/api/v1/approvals``). Each is audited like every other action.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import validation
from .actions import ActionContext, action
from .errors import Conflict, DomainError, NotFound
from .models import Approval

K = Approval.Kind
S = Approval.Status
#: Who records requests and answers: the general office.
RECORD = "core.record_approval"


@dataclass(frozen=True)
class Subject:
    """A kind of row that may wait for an approval of one kind."""

    model: type[models.Model]
    kind: str
    label: Any

    @property
    def type_label(self) -> str:
        return f"{self.model._meta.app_label}.{self.model._meta.model_name}"


#: (subject type, approval kind) → the registered subject.
SUBJECTS: dict[tuple[str, str], Subject] = {}


def register(model: type[models.Model], kind: str, label: Any) -> None:
    """Declare that rows of ``model`` may wait for an approval of ``kind``."""
    subject = Subject(model=model, kind=kind, label=label)
    SUBJECTS[(subject.type_label, kind)] = subject


def subject_key(obj: models.Model) -> tuple[str, str]:
    meta = obj._meta
    return f"{meta.app_label}.{meta.model_name}", str(obj.pk)


def subject_row(subject_type: str, subject_id: Any, kind: str) -> models.Model:
    """The registered row behind ``subject_type`` and ``subject_id``, or a refusal."""
    subject = SUBJECTS.get((subject_type, kind))
    if subject is None:
        raise DomainError(
            "approval_not_applicable", _("该事项不需要此类审批。"), field="subject_type"
        )
    row = subject.model._default_manager.filter(pk=subject_id).first()
    if row is None:
        raise NotFound("unknown_reference", field="subject_id")
    return row


def history(obj: models.Model, kind: str | None = None) -> models.QuerySet:
    """The approvals recorded for ``obj``, newest first."""
    subject_type, subject_id = subject_key(obj)
    qs = Approval.objects.filter(subject_type=subject_type, subject_id=subject_id)
    return qs.filter(kind=kind) if kind else qs


def latest(obj: models.Model, kind: str) -> Approval | None:
    return history(obj, kind).order_by("-id").first()


def approved_among(rows, kind: str) -> set:
    """Of ``rows`` (one model), the primary keys whose latest ``kind`` approval is an
    agreement, in one query (for lists)."""
    rows = list(rows)
    if not rows:
        return set()
    subject_type = subject_key(rows[0])[0]
    latest_status: dict[str, str] = {}
    for subject_id, status in (
        Approval.objects.filter(
            subject_type=subject_type, kind=kind, subject_id__in=[str(r.pk) for r in rows]
        )
        .order_by("id")
        .values_list("subject_id", "status")
    ):
        latest_status[subject_id] = status
    return {r.pk for r in rows if latest_status.get(str(r.pk)) == S.APPROVED}


def is_approved(obj: models.Model, kind: str) -> bool:
    found = latest(obj, kind)
    return found is not None and found.status == S.APPROVED


def requires(kind: str):
    """A precondition for an action: the subject's latest ``kind`` approval is an agreement."""

    def precondition(ctx: ActionContext, subject: models.Model) -> None:
        found = latest(subject, kind)
        if found is None or found.status != S.APPROVED:
            raise Conflict(
                "approval_required",
                _("此步骤须先取得{kind}，请先登记报送和答复情况。"),
                kind=K(kind).label,
                status=found.get_status_display() if found else "",
            )

    precondition.approval_kind = kind  # type: ignore[attr-defined]
    return precondition


def _day(value: Any, *, field: str, label: Any, today: dt.date) -> dt.date:
    if not isinstance(value, dt.date):
        raise DomainError("field_required", _("请填写{label}。"), field=field, label=label)
    if value > today:
        raise DomainError("date_in_future", _("{label}不能晚于今天。"), field=field, label=label)
    return value


@action(
    "core.approval.request",
    model=Approval,
    permission=RECORD,
    rule="S2",
    label=_("登记报请审批"),
)
def approval_request(
    ctx: ActionContext,
    *,
    subject: models.Model,
    kind: str,
    purpose: str = "",
    sent_on: dt.date | None = None,
    document_title: str = "",
    document_reference: str = "",
) -> Approval:
    """Record that ``subject`` was sent for an approval of ``kind`` (e.g. to the party committee)."""
    kind = validation.choice(kind, K, field="kind")
    subject_type, subject_id = subject_key(subject)
    registered = SUBJECTS.get((subject_type, kind))
    if registered is None:
        raise DomainError(
            "approval_not_applicable", _("该事项不需要此类审批。"), field="subject_type"
        )
    sent_on = _day(sent_on or ctx.today, field="sent_on", label=_("报送日期"), today=ctx.today)
    purpose = validation.text(
        purpose or f"{registered.label}：{subject}",
        field="purpose",
        label=_("报请事项"),
        max_length=200,
    )
    title = validation.text(
        document_title,
        field="document_title",
        label=_("报送文件"),
        required=False,
        max_length=200,
    )
    reference = validation.text(
        document_reference,
        field="document_reference",
        label=_("报送文号"),
        required=False,
        max_length=100,
    )
    if history(subject, kind).filter(status=S.PENDING).exists():
        raise Conflict("approval_pending", _("该事项已报送，正在等待答复。"))
    approval = Approval.objects.create(
        subject_type=subject_type,
        subject_id=subject_id,
        subject_repr=str(subject)[:255],
        kind=kind,
        purpose=purpose,
        document_title=title,
        document_reference=reference,
        sent_on=sent_on,
        requested_by=ctx.user,
    )
    ctx.changes.update(
        subject=f"{subject_type}:{subject_id}", kind=kind, sent_on=sent_on, reference=reference
    )
    return approval


@action(
    "core.approval.answer",
    model=Approval,
    subject="approval",
    sources={S.PENDING},
    outcomes={S.APPROVED, S.RETURNED},
    permission=RECORD,
    rule="S2",
    label=_("登记审批答复"),
)
def approval_answer(
    ctx: ActionContext,
    *,
    approval: Approval,
    answer: str,
    answered_on: dt.date | None = None,
    answer_reference: str = "",
    note: str = "",
) -> Approval:
    """Record the answer: agreed, or returned for changes (with the reasons)."""
    answer = validation.choice(answer, [S.APPROVED, S.RETURNED], field="answer")
    answered_on = _day(
        answered_on or ctx.today, field="answered_on", label=_("答复日期"), today=ctx.today
    )
    if answered_on < approval.sent_on:
        raise DomainError("date_order", _("答复日期不能早于报送日期。"), field="answered_on")
    reference = validation.text(
        answer_reference,
        field="answer_reference",
        label=_("答复文号"),
        required=False,
        max_length=100,
    )
    note = validation.text(
        note, field="note", label=_("答复意见"), required=answer == S.RETURNED, max_length=5000
    )
    approval.status = answer
    approval.answered_on, approval.answer_reference, approval.note = answered_on, reference, note
    approval.answered_by = ctx.user
    approval.save()
    ctx.changes.update(answered_on=answered_on, reference=reference, note=note)
    return approval
