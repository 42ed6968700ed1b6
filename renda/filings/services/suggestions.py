"""Review suggestions from the public (审查建议, rules §5.7, §5.11).

Anyone may suggest a review and add missing material with the tracking code (the
public form takes anonymous ones): those two are public actions; what the office does
with a suggestion is declared as actions of the office.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from renda.core import tracking, workdays
from renda.core.actions import PUBLIC, ActionContext, action
from renda.core.errors import Conflict, DomainError, NotFound

from .. import statute, workflow
from ..models import Filing, Review, ReviewSuggestion
from ._common import MANAGE, _day, _text, days_due
from .reviews import review_start

RS = ReviewSuggestion.Status
TRACKING_ALPHABET = tracking.ALPHABET


def _tracking_code() -> str:
    return tracking.new_code()


@action(
    "filings.suggestion.submit",
    model=ReviewSuggestion,
    permission=PUBLIC,
    rule="§5.7",
    label=_("提出审查建议"),
    audit="filings.suggestion.received",
)
def review_suggestion_submit(
    ctx: ActionContext,
    *,
    proposer_name: str,
    contact: str,
    document_reference: str,
    reasons: str,
    proposer_kind: str = ReviewSuggestion.ProposerKind.CITIZEN,
    enacting_body_name: str = "",
    filing: Filing | None = None,
) -> ReviewSuggestion:
    """A citizen or organization suggests reviewing a document (rules §5.7); returns it with its tracking code.

    The document must be named (title or number) or chosen from the filed documents.
    """
    if proposer_kind not in ReviewSuggestion.ProposerKind.values:
        raise DomainError("invalid_proposer_kind", _("建议人类别无效。"), field="proposer_kind")
    name = _text(proposer_name, field="proposer_name", label=_("建议人"), max_length=100)
    contact = _text(contact, field="contact", label=_("联系方式"), max_length=100)
    reference = _text(
        document_reference,
        field="document_reference",
        label=_("文件名称或文号"),
        required=False,
        max_length=200,
    )
    if filing is not None and not reference:
        reference = f"{filing.title}（{filing.document_number}）"[:200]
    if not reference:
        raise DomainError(
            "document_reference_required",
            _("请写明建议审查的文件名称或文号。"),
            field="document_reference",
        )
    body_name = _text(
        enacting_body_name,
        field="enacting_body_name",
        label=_("制定机关"),
        required=False,
        max_length=200,
    )
    reasons = _text(reasons, field="reasons", label=_("审查建议的理由"), max_length=10_000)
    if len(reasons) < 10:
        raise DomainError(
            "reasons_too_short",
            _("请具体说明认为该文件存在问题的理由（至少10个字）。"),
            field="reasons",
        )
    now = ctx.now
    day = _day(now)
    p = statute.values()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                s = ReviewSuggestion.objects.create(
                    tracking_code=_tracking_code(),
                    proposer_kind=proposer_kind,
                    proposer_name=name,
                    contact=contact,
                    filing=filing,
                    document_reference=reference,
                    enacting_body_name=body_name,
                    reasons=reasons,
                    received_at=now,
                    completeness_due_on=workdays.add_working_days(
                        day, p["filings.suggestion_completeness_workdays"]
                    ),
                    decision_due_on=days_due(day, p["filings.suggestion_decision_days"]),
                    transfer_due_on=days_due(day, p["filings.transfer_days"]),
                )
        except IntegrityError:
            continue
        ctx.changes.update(filing=filing.pk if filing else None, reference=reference)
        return s
    raise Conflict("tracking_code_busy", _("查询码生成冲突，请重试。"))  # pragma: no cover


#: The proposer may add material only to a suggestion the office asked to complete.
SUPPLEMENTABLE = frozenset({RS.INCOMPLETE})


@action(
    "filings.suggestion.supplement",
    model=ReviewSuggestion,
    subject="suggestion",
    sources=SUPPLEMENTABLE,
    target=RS.RECEIVED,
    permission=PUBLIC,
    rule="§5.7",
    label=_("补充材料"),
    audit="filings.suggestion.supplemented",
)
def review_suggestion_supplement(
    ctx: ActionContext, *, suggestion: ReviewSuggestion, text: str
) -> ReviewSuggestion:
    """The proposer adds the missing material with the tracking code; the 10 days run again."""
    body = _text(text, field="supplement", label=_("补充材料"), max_length=10_000)
    suggestion.status = RS.RECEIVED
    suggestion.supplement = (suggestion.supplement + "\n\n" + body).strip()
    suggestion.supplemented_at = ctx.now
    suggestion.decision_due_on = days_due(
        _day(ctx.now), statute.values()["filings.suggestion_decision_days"]
    )
    suggestion.save(
        update_fields=["status", "supplement", "supplemented_at", "decision_due_on", "updated_at"]
    )
    return suggestion


@action(
    "filings.suggestion.request_completion",
    model=ReviewSuggestion,
    subject="suggestion",
    sources={RS.RECEIVED},
    target=RS.INCOMPLETE,
    permission=MANAGE,
    rule="§5.7",
    label=_("要求补充材料"),
    audit="filings.suggestion.completion_requested",
)
def review_suggestion_request_completion(
    ctx: ActionContext, *, suggestion: ReviewSuggestion, note: str
) -> ReviewSuggestion:
    """Ask the proposer to complete the suggestion (within 5 working days of receipt, rules §5.7)."""
    note = _text(note, field="note", label=_("需补充的材料"), max_length=2000)
    s = suggestion
    s.status, s.completeness_note, s.completeness_requested_at = RS.INCOMPLETE, note, ctx.now
    s.save(update_fields=["status", "completeness_note", "completeness_requested_at", "updated_at"])
    ctx.changes.update(note=note, late=ctx.today > s.completeness_due_on)
    return s


@action(
    "filings.suggestion.start_review",
    model=ReviewSuggestion,
    subject="suggestion",
    sources={RS.RECEIVED},
    target=RS.UNDER_REVIEW,
    permission=MANAGE,
    rule="§5.7",
    label=_("启动审查"),
    audit="filings.suggestion.decided",
)
def review_suggestion_start(
    ctx: ActionContext,
    *,
    suggestion: ReviewSuggestion,
    note: str = "",
    filing: Filing | None = None,
) -> ReviewSuggestion:
    """Start the review the suggestion asks for (within 10 days, rules §5.7)."""
    s = suggestion
    note = _text(note, field="note", label=_("决定说明"), required=False, max_length=2000)
    target = filing or s.filing
    if target is None:
        raise DomainError("filing_required", _("请先关联建议审查的备案文件。"), field="filing")
    review = ctx.perform(review_start, kind=Review.Kind.ON_REQUEST, filings=[target], suggestion=s)
    s.filing, s.status = target, RS.UNDER_REVIEW
    s.decided_at, s.decision_note = ctx.now, note
    s.save(update_fields=["filing", "status", "decided_at", "decision_note", "updated_at"])
    ctx.changes.update(start=True, note=note, late=ctx.today > s.decision_due_on, review=review.pk)
    return s


@action(
    "filings.suggestion.not_start",
    model=ReviewSuggestion,
    subject="suggestion",
    sources=workflow.UNDECIDED,
    target=RS.NOT_STARTED,
    permission=MANAGE,
    rule="§5.7",
    label=_("不启动审查"),
    audit="filings.suggestion.decided",
)
def review_suggestion_not_start(
    ctx: ActionContext, *, suggestion: ReviewSuggestion, note: str
) -> ReviewSuggestion:
    """Decide not to review and tell the proposer why (within 10 days, rules §5.7)."""
    s = suggestion
    note = _text(note, field="note", label=_("决定说明"), max_length=2000)
    s.status, s.decided_at, s.decision_note = RS.NOT_STARTED, ctx.now, note
    s.save(update_fields=["status", "decided_at", "decision_note", "updated_at"])
    ctx.changes.update(start=False, note=note, late=ctx.today > s.decision_due_on)
    return s


def review_suggestion_decide(
    *,
    actor,
    suggestion: ReviewSuggestion,
    start: bool,
    note: str = "",
    filing: Filing | None = None,
    now: dt.datetime | None = None,
) -> ReviewSuggestion:
    """Start an on-request review, or decide not to: one of the two actions above."""
    if start:
        return review_suggestion_start(
            actor=actor, suggestion=suggestion, note=note, filing=filing, now=now
        )
    return review_suggestion_not_start(actor=actor, suggestion=suggestion, note=note, now=now)


@action(
    "filings.suggestion.transfer",
    model=ReviewSuggestion,
    subject="suggestion",
    sources=workflow.UNDECIDED,
    target=RS.TRANSFERRED,
    permission=MANAGE,
    rule="§5.11",
    label=_("移送"),
    audit="filings.suggestion.transferred",
)
def review_suggestion_transfer(
    ctx: ActionContext, *, suggestion: ReviewSuggestion, to: str, note: str = ""
) -> ReviewSuggestion:
    """Transfer a suggestion about another jurisdiction's document (within 10 days, rules §5.11)."""
    to = _text(to, field="to", label=_("移送机关"), max_length=200)
    note = _text(note, field="note", label=_("移送说明"), required=False, max_length=2000)
    s = suggestion
    s.status, s.transferred_to = RS.TRANSFERRED, to
    s.decided_at, s.decision_note = ctx.now, note
    s.save(update_fields=["status", "transferred_to", "decided_at", "decision_note", "updated_at"])
    ctx.changes.update(to=to, late=ctx.today > s.transfer_due_on)
    return s


def _reviews_done(ctx: ActionContext, s: ReviewSuggestion) -> None:
    if s.reviews.filter(status=Review.Status.OPEN).exists():
        raise Conflict("review_open", _("审查尚未完成，完成后再反馈。"))


@action(
    "filings.suggestion.feedback",
    model=ReviewSuggestion,
    subject="suggestion",
    sources={RS.UNDER_REVIEW},
    target=RS.ANSWERED,
    permission=MANAGE,
    precondition=_reviews_done,
    rule="§5.7",
    label=_("反馈审查结果"),
    audit="filings.suggestion.answered",
)
def review_suggestion_feedback(
    ctx: ActionContext, *, suggestion: ReviewSuggestion, text: str
) -> ReviewSuggestion:
    """Tell the proposer what the review found (rules §5.7)."""
    body = _text(text, field="text", label=_("审查结果反馈"), max_length=5000)
    s = suggestion
    s.status, s.feedback, s.feedback_at = RS.ANSWERED, body, ctx.now
    s.save(update_fields=["status", "feedback", "feedback_at", "updated_at"])
    return s


def normalize_tracking_code(code: str) -> str:
    """A tracking code as people type it back: any case, spaces, full-width characters, with
    or without the hyphens (``abcd efgh jklm`` → ``ABCD-EFGH-JKLM``)."""
    return tracking.normalise(code)


def get_suggestion_by_code(code: str) -> ReviewSuggestion:
    code = normalize_tracking_code(code)
    s = ReviewSuggestion.objects.filter(tracking_code=code).select_related("filing").first()
    if s is None:
        raise NotFound("tracking_code_unknown", _("未找到该查询码对应的审查建议。"))
    return s
