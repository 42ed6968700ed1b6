"""Reviews (审查, rules §5.5–§5.6): start, route, extend, committees' views, hearings, the checklist."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core import workdays
from renda.core.actions import SYSTEM, ActionContext, _status_conflict, action
from renda.core.errors import Conflict, DomainError
from renda.people.models import Organization

from .. import statute, workflow
from ..models import (
    CHECKLIST_KEYS,
    CommitteeView,
    Filing,
    Hearing,
    Review,
    ReviewItem,
    ReviewSuggestion,
)
from ._common import APPROVE, MANAGE, K, _date, _text, days_due
from .filing import filing_reopen

R = Review.Status


def _open(
    ctx: ActionContext,
    *,
    kind: str,
    title: str,
    filings: Sequence[Filing],
    suggestion: ReviewSuggestion | None = None,
) -> Review:
    p = statute.values()
    start = ctx.today
    review = Review.objects.create(
        kind=kind,
        title=title[:200],
        started_on=start,
        due_on=workdays.add_months(start, p["filings.review_months"]),
        route_due_on=workdays.add_working_days(start, p["filings.routing_workdays"]),
        suggestion=suggestion,
        reviewer=None,
    )
    ReviewItem.objects.bulk_create([ReviewItem(review=review, filing=f) for f in filings])
    ctx.changes.update(
        kind=kind,
        filings=[f.pk for f in filings],
        due_on=review.due_on.isoformat(),
        route_due_on=review.route_due_on.isoformat(),
        suggestion=suggestion.pk if suggestion else None,
    )
    return review


@action(
    "filings.review.open",
    model=Review,
    permission=SYSTEM,
    rule="§5.5",
    label=_("开始主动审查"),
    audit="filings.review.opened",
)
def review_open(ctx: ActionContext, *, kind: str, title: str, filings: Sequence[Filing]) -> Review:
    """The active review of a document opens when it is registered (inside the registration)."""
    return _open(ctx, kind=kind, title=title, filings=filings)


@action(
    "filings.review.start",
    model=Review,
    permission=MANAGE,
    rule="§5.5, §5.7",
    label=_("开始审查"),
    audit="filings.review.opened",
)
def review_start(
    ctx: ActionContext,
    *,
    kind: str,
    filings: Sequence[Filing],
    title: str = "",
    suggestion: ReviewSuggestion | None = None,
) -> Review:
    """Start an on-request review of a document or a thematic review of a set (rules §5.5, §5.7)."""
    if kind not in (Review.Kind.ON_REQUEST, Review.Kind.THEMATIC):
        raise DomainError(
            "invalid_review_kind", _("审查方式无效（主动审查在登记时自动开始）。"), field="kind"
        )
    rows = list(dict.fromkeys(filings))
    if not rows:
        raise DomainError("filings_required", _("请选择要审查的文件。"), field="filings")
    if kind == Review.Kind.ON_REQUEST and len(rows) != 1:
        raise DomainError("one_filing", _("依申请审查针对一件文件。"), field="filings")
    if kind == Review.Kind.THEMATIC:
        title = _text(title, field="title", label=_("专项审查名称"), max_length=200)
    locked = list(Filing.objects.select_for_update().filter(pk__in=[f.pk for f in rows]))
    for f in locked:
        if f.status not in workflow.REVIEWABLE:
            raise _status_conflict(f, "status")
    if kind == Review.Kind.ON_REQUEST:
        title = title or str(_("依申请审查：{title}")).format(title=locked[0].title)
    review = _open(ctx, kind=kind, title=title, filings=locked, suggestion=suggestion)
    for f in locked:
        if f.status == Filing.Status.CONCLUDED:
            ctx.perform(filing_reopen, filing=f, review=review)
    return review


def _review_is_open(ctx: ActionContext, review: Review) -> None:
    if review.status != R.OPEN:
        raise Conflict("review_concluded", _("该审查已完成。"))


@action(
    "filings.review.route",
    model=Review,
    subject="review",
    permission=MANAGE,
    precondition=_review_is_open,
    precondition_hides=True,
    rule="§5.5",
    label=_("分送审查"),
    audit="filings.review.routed",
)
def review_route(
    ctx: ActionContext, *, review: Review, body: Organization, reviewer=None
) -> Review:
    """Route the review to the responsible working body (within 5 working days, rules §5.5)."""
    if body is None or body.kind not in (K.WORKING_BODY, K.SPECIAL_COMMITTEE, K.GENERAL_OFFICE):
        raise DomainError(
            "not_working_body", _("请选择常委会的工作机构或专门委员会。"), field="body"
        )
    review.responsible_body, review.routed_at = body, ctx.now
    if reviewer is not None:
        review.reviewer = reviewer
    review.save(update_fields=["responsible_body", "routed_at", "reviewer", "updated_at"])
    ctx.changes.update(
        body=body.pk,
        reviewer=getattr(reviewer, "pk", None),
        late=ctx.today > review.route_due_on,
    )
    return review


def _extendable(ctx: ActionContext, review: Review) -> None:
    _review_is_open(ctx, review)
    if review.extended:
        raise Conflict("already_extended", _("审查期限已延长过一次。"))


@action(
    "filings.review.extend",
    model=Review,
    subject="review",
    permission=APPROVE,
    precondition=_extendable,
    precondition_hides=True,
    rule="§5.5",
    label=_("延长审查期限"),
    audit="filings.review.extended",
)
def review_extend(ctx: ActionContext, *, review: Review, reason: str) -> Review:
    """Extend the review by 3 months with a leader's approval, once (rules §5.5)."""
    reason = _text(reason, field="reason", label=_("延长理由"), max_length=2000)
    old = review.due_on
    review.due_on = workdays.add_months(old, statute.values()["filings.review_extension_months"])
    review.extended, review.extension_approved_by, review.extension_reason = True, ctx.user, reason
    review.save(
        update_fields=[
            "due_on",
            "extended",
            "extension_approved_by",
            "extension_reason",
            "updated_at",
        ]
    )
    ctx.changes.update(due_on=[old.isoformat(), review.due_on.isoformat()], reason=reason)
    return review


@action(
    "filings.review.request_view",
    model=Review,
    subject="review",
    permission=MANAGE,
    precondition=_review_is_open,
    precondition_hides=True,
    rule="§5.5",
    label=_("征求委员会意见"),
    audit="filings.view.requested",
)
def committee_view_request(
    ctx: ActionContext, *, review: Review, committee: Organization
) -> CommitteeView:
    """Ask a committee for its written view, due within 30 days (rules §5.5)."""
    if committee is None or committee.kind not in (K.SPECIAL_COMMITTEE, K.WORKING_BODY):
        raise DomainError("not_committee", _("请选择专门委员会或工作委员会。"), field="committee")
    if CommitteeView.objects.filter(review=review, committee=committee).exists():
        raise Conflict("view_requested", _("已向该委员会征求意见。"), field="committee")
    view = CommitteeView.objects.create(
        review=review,
        committee=committee,
        requested_on=ctx.today,
        due_on=days_due(ctx.today, statute.values()["filings.committee_view_days"]),
    )
    ctx.audit_object = review
    ctx.changes.update(committee=committee.pk, due_on=view.due_on.isoformat())
    return view


def _view_pending(ctx: ActionContext, view: CommitteeView) -> None:
    if view.submitted_at is not None:
        raise Conflict("view_submitted", _("该委员会的书面意见已录入。"))


@action(
    "filings.committee_view.submit",
    model=CommitteeView,
    subject="view",
    permission=MANAGE,
    precondition=_view_pending,
    precondition_hides=True,
    rule="§5.5",
    label=_("录入书面意见"),
    audit="filings.view.submitted",
)
def committee_view_submit(ctx: ActionContext, *, view: CommitteeView, text: str) -> CommitteeView:
    """Record the committee's written view."""
    body = _text(text, field="text", label=_("书面意见"))
    view.text, view.submitted_at, view.submitted_by = body, ctx.now, ctx.user
    view.save(update_fields=["text", "submitted_at", "submitted_by", "updated_at"])
    ctx.audit_object = view.review
    ctx.changes.update(committee=view.committee_id, late=ctx.today > view.due_on)
    return view


@action(
    "filings.review.record_hearing",
    model=Review,
    subject="review",
    permission=MANAGE,
    precondition=_review_is_open,
    precondition_hides=True,
    rule="S6",
    label=_("记录听证会、论证会"),
    audit="filings.hearing.recorded",
)
def hearing_record(
    ctx: ActionContext, *, review: Review, kind: str, held_on, participants: str, summary: str
) -> Hearing:
    """Record a hearing or argumentation meeting held for the review (S6)."""
    if kind not in Hearing.Kind.values:
        raise DomainError("invalid_hearing_kind", _("会议类别无效。"), field="kind")
    held_on = _date(held_on, field="held_on", label=_("举行日期"))
    participants = _text(participants, field="participants", label=_("参加人员"), max_length=2000)
    summary = _text(summary, field="summary", label=_("主要意见"))
    hearing = Hearing.objects.create(
        review=review,
        kind=kind,
        held_on=held_on,
        participants=participants,
        summary=summary,
        recorded_by=ctx.user,
    )
    ctx.audit_object = review
    ctx.changes.update(kind=kind, held_on=held_on.isoformat())
    return hearing


def item_undecided(ctx: ActionContext, item: ReviewItem) -> None:
    """The document's review is open and has no outcome yet."""
    if item.review.status != R.OPEN or item.outcome:
        raise Conflict("item_decided", _("该文件的审查已有结果，不能再修改核对表。"))


def _clean_answers(answers: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    clean: dict[str, dict[str, str]] = {}
    for key, value in (answers or {}).items():
        if key not in CHECKLIST_KEYS:
            raise DomainError(
                "invalid_standard", _("审查标准“{key}”无效。"), field="checklist", key=key
            )
        answer, note = (
            (value.get("answer"), value.get("note", ""))
            if isinstance(value, Mapping)
            else (value, "")
        )
        if not answer:
            continue
        if answer not in workflow.CHECKLIST_ANSWERS:
            raise DomainError("invalid_answer", _("审查标准的核对结果无效。"), field="checklist")
        note = _text(
            note,
            field="checklist",
            label=_("问题说明"),
            required=answer == "problem",
            max_length=2000,
        )
        clean[key] = {"answer": answer, "note": note}
    return clean


@action(
    "filings.review_item.save_checklist",
    model=ReviewItem,
    subject="item",
    permission=MANAGE,
    precondition=item_undecided,
    precondition_hides=True,
    rule="§5.6",
    label=_("填写审查标准核对表"),
    audit="filings.checklist.saved",
)
def checklist_save(
    ctx: ActionContext, *, item: ReviewItem, answers: Mapping[str, Any], findings: str = ""
) -> ReviewItem:
    """Fill the §5.6 checklist of one document: each standard ok / problem / not applicable, with a note.

    ``answers`` maps a standard to its answer or to ``{"answer": …, "note": …}``; a
    problem needs a note saying what it is.
    """
    clean = _clean_answers(answers)
    findings = _text(findings, field="findings", label=_("审查意见"), required=False)
    item.checklist = {**(item.checklist or {}), **clean}
    if findings:
        item.findings = findings
    item.save(update_fields=["checklist", "findings", "updated_at"])
    if item.review.reviewer_id is None:
        Review.objects.filter(pk=item.review_id).update(reviewer=ctx.user)
    ctx.audit_object = item.review
    ctx.changes.update(filing=item.filing_id, answers={k: v["answer"] for k, v in clean.items()})
    return item


@action(
    "filings.review.conclude",
    model=Review,
    subject="review",
    sources={R.OPEN},
    target=R.CONCLUDED,
    permission=SYSTEM,
    rule="§5.5",
    label=_("审查完成"),
    audit="filings.review.concluded",
)
def review_conclude(ctx: ActionContext, *, review: Review) -> Review:
    """Every document of the review has its outcome (inside the last outcome's action)."""
    review.status, review.concluded_at = R.CONCLUDED, ctx.now
    review.save(update_fields=["status", "concluded_at", "updated_at"])
    return review
