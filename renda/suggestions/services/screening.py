"""The office's screening (审查, rules §1.5): accept or not, merge duplicates, split by area."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError, NotFound

from .. import workflow
from ..models import CoSigner, NotAcceptedReason, Suggestion
from ._common import MANAGE, MAX_CONTENT, MAX_TITLE, _text, email_deputies

S = Suggestion.Status


@action(
    "suggestions.suggestion.accept",
    model=Suggestion,
    subject="suggestion",
    sources={S.SUBMITTED},
    target=S.ACCEPTED,
    permission=MANAGE,
    rule="§1.5",
    label=_("立案"),
    audit="suggestions.suggestion.accepted",
)
def suggestion_accept(ctx: ActionContext, *, suggestion: Suggestion, note: str = "") -> Suggestion:
    """Screening accepts the suggestion (立案); it waits for assignment."""
    note = _text(note, field="note", label=_("审查意见"), max_length=2000, required=False)
    suggestion.status, suggestion.screened_at = S.ACCEPTED, ctx.now
    suggestion.screened_by, suggestion.screening_note = ctx.user, note
    suggestion.save(
        update_fields=["status", "screened_at", "screened_by", "screening_note", "updated_at"]
    )
    ctx.changes["note"] = note
    return suggestion


@action(
    "suggestions.suggestion.not_accept",
    model=Suggestion,
    subject="suggestion",
    sources={S.SUBMITTED},
    target=S.NOT_ACCEPTED,
    permission=MANAGE,
    rule="§1.5",
    label=_("不予立案"),
    audit="suggestions.suggestion.not_accepted",
)
def suggestion_not_accept(
    ctx: ActionContext, *, suggestion: Suggestion, reasons: Sequence[str], note: str = ""
) -> Suggestion:
    """Screening refuses the suggestion with reason codes (rules §1.5); the deputy is told why."""
    codes = list(dict.fromkeys(reasons or ()))
    if not codes:
        raise DomainError("reason_required", _("请选择不予立案的理由。"), field="reasons")
    if any(code not in NotAcceptedReason.values for code in codes):
        raise DomainError("invalid_reason", _("不予立案理由无效。"), field="reasons")
    note = _text(
        note,
        field="note",
        label=_("说明"),
        max_length=2000,
        required=bool(set(codes) & workflow.REASONS_NEEDING_NOTE),
    )
    suggestion.status, suggestion.screened_at, suggestion.screened_by = (
        S.NOT_ACCEPTED,
        ctx.now,
        ctx.user,
    )
    suggestion.not_accepted_reasons, suggestion.screening_note = codes, note
    suggestion.save(
        update_fields=[
            "status",
            "screened_at",
            "screened_by",
            "not_accepted_reasons",
            "screening_note",
            "updated_at",
        ]
    )
    ctx.changes.update(reasons=codes, note=note)
    labels = "；".join(str(NotAcceptedReason(c).label) for c in codes)
    subject = str(_("代表建议不予立案通知"))
    body = str(
        _("您提出的建议“{title}”（{number}）经审查不予立案，理由：{reasons}。{note}")
    ).format(title=suggestion.title, number=suggestion.number, reasons=labels, note=note)
    ctx.after_commit(lambda: email_deputies(suggestion, subject, body))
    return suggestion


@action(
    "suggestions.suggestion.merge",
    model=Suggestion,
    subject="into",
    sources=workflow.PENDING,
    permission=MANAGE,
    rule="§1.5",
    label=_("并案"),
    audit="suggestions.suggestion.merged",
)
def suggestion_merge(
    ctx: ActionContext, *, into: Suggestion, others: Sequence[Suggestion]
) -> Suggestion:
    """Merge duplicates into one suggestion (并案); their deputies become its co-signers."""
    target = into
    other_ids = sorted({s.pk for s in others} - {target.pk})
    if not other_ids:
        raise DomainError("merge_needs_others", _("请选择要并入的其他建议。"), field="others")
    rows = list(
        Suggestion.objects.select_for_update()
        .filter(pk__in=other_ids)
        .select_related("lead_deputy")
    )
    if len(rows) != len(other_ids):
        raise NotFound()
    for row in rows:
        if row.status not in workflow.PENDING:
            raise Conflict(
                "status_not_allowed",
                _("建议当前状态为“{status}”，不能执行此操作。"),
                status=row.get_status_display(),
            )
        if row.term_id != target.term_id:
            raise Conflict("merge_other_term", _("只能合并同一届的建议。"))
    deputies = {row.lead_deputy_id for row in rows}
    deputies |= set(
        CoSigner.objects.filter(suggestion__in=rows, confirmed_at__isnull=False).values_list(
            "deputy_id", flat=True
        )
    )
    existing = set(target.cosigners.values_list("deputy_id", flat=True)) | {target.lead_deputy_id}
    CoSigner.objects.bulk_create(
        [
            CoSigner(suggestion=target, deputy_id=d, confirmed_at=ctx.now)
            for d in sorted(deputies - existing)
        ]
    )
    for row in rows:
        row.status, row.merged_into = S.MERGED, target
        row.save(update_fields=["status", "merged_into", "updated_at"])
        row.refresh_search_text()
    target.save(update_fields=["updated_at"])
    ctx.changes.update(
        merged=[row.number for row in rows], cosigners_added=len(deputies - existing)
    )
    return target


def _zh_digit(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


@action(
    "suggestions.suggestion.split",
    model=Suggestion,
    subject="suggestion",
    sources=workflow.PENDING,
    target=S.SPLIT,
    permission=MANAGE,
    rule="§1.5",
    label=_("拆分"),
    audit="suggestions.suggestion.split",
)
def suggestion_split(
    ctx: ActionContext, *, suggestion: Suggestion, parts: Sequence[tuple[str, str]]
) -> list[Suggestion]:
    """Split a suggestion spanning several units into parts (one per area), numbered 之一, 之二…"""
    if len(parts) < 2:
        raise DomainError("split_needs_parts", _("拆分至少需要两部分。"), field="parts")
    clean = [
        (
            _text(t, field="parts", label=_("标题"), max_length=MAX_TITLE),
            _text(c, field="parts", label=_("内容"), max_length=MAX_CONTENT),
        )
        for t, c in parts
    ]
    source = suggestion
    cosigners = list(source.cosigners.all())
    created = []
    for n, (title, content) in enumerate(clean, start=1):
        part = Suggestion.objects.create(
            number=f"{source.number}之{_zh_digit(n)}",
            term=source.term,
            session=source.session,
            channel=source.channel,
            title=title,
            content=content,
            category=source.category,
            lead_deputy=source.lead_deputy,
            status=S.ACCEPTED,
            submitted_at=source.submitted_at,
            screened_at=source.screened_at or ctx.now,
            screened_by=source.screened_by or ctx.user,
            split_from=source,
            is_public=source.is_public,
            withhold_reason=source.withhold_reason,
            created_by=ctx.user,
        )
        CoSigner.objects.bulk_create(
            [
                CoSigner(suggestion=part, deputy_id=c.deputy_id, confirmed_at=c.confirmed_at)
                for c in cosigners
            ]
        )
        created.append(part)
    source.status = S.SPLIT
    source.save(update_fields=["status", "updated_at"])
    ctx.changes["parts"] = [p.number for p in created]
    return created
