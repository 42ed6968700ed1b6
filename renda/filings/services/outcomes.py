"""Outcomes of a review and what they carry (rules §5.3, §5.8, §5.11).

An outcome per document; a formal correction request is a case of the casework engine,
a proposal to revoke an agenda item and a decision poll of a standing-committee
meeting. The sealed vote and the body's replies come back as platform actions
(:mod:`renda.filings.handlers`), sharing their work with the office's own buttons.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.tallies import tally_record
from renda.people.models import Organization

from .. import statute, workflow
from ..models import Filing, Outcome, Review, ReviewItem, RevocationResult
from ._common import MANAGE, REPORT, _day, _text, days_due
from .filing import filing_conclude, filing_revoke
from .reviews import review_conclude

CORRECTION_RESULTS = {
    "A": "已修改或废止",
    "B": "正在修改，修改后报告",
    "D": "说明理由，不予修改",
}
#: Marked for translation so the kind's labels show in English too.
_CORRECTION_LABELS = (_("已修改或废止"), _("正在修改，修改后报告"), _("说明理由，不予修改"))
#: Answers to a correction request by which the body says it amends or has amended (rules §5.8).
AMENDING_CLASSES = frozenset({"A", "B"})


def correction_kind():
    """The engine's kind for correction requests, by the §5.8 setting: 2 months nationally or 30 days locally."""
    from renda.casework.kinds import ensure_kind
    from renda.casework.models import DeadlineUnit

    p = statute.values()
    common = {
        "extended_amount": 0,
        "requester_rates": False,
        "contact_required": False,
        "result_classes": dict(CORRECTION_RESULTS),
        "follow_up_classes": ["B"],
        "publish_default": True,
    }
    if p["filings.correction_answer_basis"] == "national":
        return ensure_kind(
            code="filing_correction_national",
            name="备案审查纠正意见（两个月）",
            follows={"reply_amount": "filings.correction_answer_months_national"},
            reply_unit=DeadlineUnit.MONTHS,
            **common,
        )
    return ensure_kind(
        code="filing_correction_local",
        name="备案审查纠正意见",
        follows={"reply_amount": "filings.correction_answer_days_local"},
        reply_unit=DeadlineUnit.DAYS,
        **common,
    )


def _sc() -> Organization:
    sc = Organization.objects.filter(code="standing-committee").first()
    if sc is None:
        raise Conflict("no_standing_committee", _("尚未设置常务委员会机构。"))
    return sc


def amend_report_due(item: ReviewItem, reply_at: dt.datetime | None) -> dt.date | None:
    """When the body must report after amending (30 days from its 'amending' answer, rules §5.8)."""
    if reply_at is None:
        return None
    return days_due(_day(reply_at), statute.values()["filings.amend_report_days"])


def _undecided(ctx: ActionContext, item: ReviewItem) -> None:
    if item.review.status != Review.Status.OPEN or item.outcome:
        raise Conflict("item_decided", _("该文件的审查已有结果。"))


def _clean_outcome(outcome: str, note: str, transferred_to: str, meeting) -> tuple[str, str]:
    if outcome not in Outcome.values:
        raise DomainError("invalid_outcome", _("审查结果无效。"), field="outcome")
    note = _text(
        note, field="note", label=_("处理说明"), required=outcome in workflow.OUTCOMES_NEEDING_NOTE
    )
    if outcome == Outcome.TRANSFERRED:
        transferred_to = _text(
            transferred_to, field="transferred_to", label=_("移送机关"), max_length=200
        )
    if outcome == Outcome.REVOCATION:
        from renda.meetings.models import Meeting

        if meeting is None:
            raise DomainError("meeting_required", _("提请撤销须选择常委会会议。"), field="meeting")
        if meeting.kind != Meeting.Kind.SC_MEETING or meeting.status == Meeting.Status.CLOSED:
            raise DomainError(
                "meeting_not_open", _("请选择尚未闭会的常委会会议。"), field="meeting"
            )
    return note, transferred_to


@action(
    "filings.review_item.record_outcome",
    model=ReviewItem,
    subject="item",
    permission=MANAGE,
    precondition=_undecided,
    precondition_hides=True,
    rule="§5.3, §5.8, §5.11",
    label=_("记录审查结果"),
    audit="filings.outcome.recorded",
)
def outcome_record(
    ctx: ActionContext,
    *,
    item: ReviewItem,
    outcome: str,
    note: str = "",
    meeting=None,
    transferred_to: str = "",
) -> ReviewItem:
    """Record what the review of one document found (rules §5.3, §5.8, §5.11).

    - no problem, or communicated and amended by the body itself;
    - a formal correction request: a casework case with the enacting body as lead
      unit, answered through its queue within the §5.8 period;
    - a proposal to revoke: an agenda item of the given standing-committee meeting
      and a draft decision poll on it;
    - transfer to another jurisdiction's body.

    The last outcome of a review concludes it, and each of its documents no other open
    review holds (platform actions, audited).
    """
    note, transferred_to = _clean_outcome(outcome, note, transferred_to, meeting)
    actor, now = ctx.user, ctx.now
    review = item.review
    if outcome in workflow.OUTCOMES_NEEDING_PROBLEM and not item.problems:
        raise Conflict(
            "no_problem_found", _("请先在审查标准核对表中标明发现的问题。"), field="outcome"
        )
    if outcome == Outcome.NO_PROBLEM and item.problems:
        raise Conflict(
            "problem_found",
            _("核对表中标明存在问题，不能作出“未发现问题”的结论。"),
            field="outcome",
        )
    filing = item.filing
    changes: dict[str, Any] = {"filing": filing.pk, "outcome": outcome, "note": note}
    if outcome == Outcome.CORRECTION:
        from renda.casework import services as casework

        case = casework.case_create(
            actor=actor,
            kind=correction_kind(),
            title=str(_("关于《{title}》的纠正意见")).format(title=filing.title)[:200],
            summary=f"{filing.document_number}\n{note}\n{item.findings}".strip(),
            requester_body=_sc(),
            source_type="filings.reviewitem",
            source_id=str(item.pk),
        )
        case = casework.case_assign(actor=actor, case=case, lead=filing.enacting_body, now=now)
        item.correction_case = case
        changes |= {"case": case.pk, "due_on": case.due_on.isoformat()}
    elif outcome == Outcome.REVOCATION:
        from renda.meetings.services import agenda_item_add
        from renda.voting.services import poll_create

        agenda = agenda_item_add(
            actor=actor,
            meeting=meeting,
            kind="motion",
            title=str(_("关于撤销《{title}》的议案")).format(title=filing.title)[:200],
            description=f"{filing.enacting_body.name} {filing.document_number}\n{note}",
        )
        poll = poll_create(actor=actor, agenda_item=agenda, kind="decision")
        item.agenda_item, item.poll = agenda, poll
        changes |= {"agenda_item": agenda.pk, "poll": poll.pk, "meeting": meeting.pk}
    elif outcome == Outcome.TRANSFERRED:
        item.transferred_to = transferred_to
        changes["to"] = transferred_to
    elif outcome == Outcome.SELF_AMENDED:
        item.amend_report_due_on = amend_report_due(item, now)
        changes["amend_report_due_on"] = item.amend_report_due_on.isoformat()
    item.outcome, item.outcome_note, item.decided_at, item.decided_by = outcome, note, now, actor
    item.save()
    ctx.audit_object = review
    ctx.changes.update(changes)
    if not review.items.filter(outcome="").exists():
        item.review = review = ctx.perform(review_conclude, review=review)
    ids = set(review.items.values_list("filing_id", flat=True))
    held = set(
        ReviewItem.objects.filter(filing_id__in=ids, review__status=Review.Status.OPEN).values_list(
            "filing_id", flat=True
        )
    )
    for done in Filing.objects.filter(pk__in=ids - held, status=Filing.Status.REGISTERED):
        ctx.perform(filing_conclude, filing=done)
    return item


# -- the standing committee's vote on revoking (rules §5.3) -----------------------------------------


def _is_revocation(ctx: ActionContext, item: ReviewItem) -> None:
    if item.outcome != Outcome.REVOCATION or item.poll_id is None:
        raise Conflict("not_revocation", _("该文件的审查结果不是提请常委会撤销。"))


def _carry_revocation(ctx: ActionContext, *, item: ReviewItem) -> ReviewItem:
    """Carry the sealed result of the revocation poll onto the item and the filing; once only."""
    from renda.voting.models import Poll

    if item.revocation_result:
        ctx.audited = False
        return item
    poll = Poll.objects.select_related("seal").get(pk=item.poll_id)
    if poll.status != Poll.Status.SEALED:
        raise Conflict("poll_not_sealed", _("表决尚未结束并封存，不能登记结果。"))
    tally = poll.seal.tally
    passed = tally.get("result") == "passed"
    item.revocation_result = RevocationResult.PASSED if passed else RevocationResult.FAILED
    item.revocation_tally = tally_record(poll.seal)
    item.revocation_recorded_at = ctx.now
    item.save(
        update_fields=[
            "revocation_result",
            "revocation_tally",
            "revocation_recorded_at",
            "updated_at",
        ]
    )
    ctx.audit_object = item.review
    ctx.changes.update(
        filing=item.filing_id,
        result=tally.get("result"),
        yes=tally.get("yes"),
        threshold=tally.get("threshold"),
        fingerprint=poll.seal.fingerprint,
        automatic=ctx.action.permission == SYSTEM,
    )
    if passed:
        filing = Filing.objects.get(pk=item.filing_id)
        if filing.status in filing_revoke.sources:
            ctx.perform(filing_revoke, filing=filing, poll_id=poll.pk)
            ctx.changes["revoked"] = True
    return item


@action(
    "filings.review_item.record_revocation",
    model=ReviewItem,
    subject="item",
    permission=MANAGE,
    precondition=_is_revocation,
    rule="§5.3",
    label=_("登记表决结果"),
    audit="filings.revocation.recorded",
)
def revocation_record(ctx: ActionContext, *, item: ReviewItem) -> ReviewItem:
    """The office's button, for a manual count: carry the sealed vote (rules §5.3).

    Once recorded it changes nothing and returns the item as it is.
    """
    return _carry_revocation(ctx, item=item)


@action(
    "filings.review_item.carry_revocation",
    model=ReviewItem,
    subject="item",
    permission=SYSTEM,
    precondition=_is_revocation,
    rule="§5.3",
    label=_("表决封存后登记结果"),
    audit="filings.revocation.recorded",
)
def revocation_carry(ctx: ActionContext, *, item: ReviewItem) -> ReviewItem:
    """The sealed poll records its result on its own (the seal is the authority; the person
    audited is whoever closed the poll)."""
    return _carry_revocation(ctx, item=item)


# -- the report after amending (rules §5.8) -------------------------------------------------------


def can_report_amendment(actor, item: ReviewItem) -> bool:
    """The office, or an officer of the enacting body itself."""
    if actor is None or not actor.is_authenticated:
        return False
    if actor.has_perm(MANAGE):
        return True
    return (
        actor.has_perm(REPORT) and getattr(actor, "scope_id", None) == item.filing.enacting_body_id
    )


def _report_owed(ctx: ActionContext, item: ReviewItem) -> None:
    if not can_report_amendment(ctx.user, item):
        raise PermissionDenied("not_own_filing", _("只能报告本机关制定的文件的修改情况。"))
    if item.amend_report_due_on is None:
        raise Conflict("amend_report_not_expected", _("该文件没有须在修改后报告的事项。"))
    if item.amend_reported_at is not None:
        raise Conflict("amend_report_recorded", _("修改后报告已经登记。"))


def _save_amend_report(ctx: ActionContext, item: ReviewItem, text: str, via: str) -> ReviewItem:
    item.amend_report_text, item.amend_reported_at = text, ctx.now
    item.save(update_fields=["amend_report_text", "amend_reported_at", "updated_at"])
    ctx.audit_object = item.review
    ctx.changes.update(
        filing=item.filing_id,
        due_on=item.amend_report_due_on.isoformat(),
        via=via,
        late=ctx.today > item.amend_report_due_on,
    )
    return item


@action(
    "filings.review_item.report_amendment",
    model=ReviewItem,
    subject="item",
    permission=REPORT,
    precondition=_report_owed,
    precondition_hides=True,
    rule="§5.8",
    label=_("报告修改情况"),
    audit="filings.amend_report.recorded",
)
def amend_report_record(ctx: ActionContext, *, item: ReviewItem, text: str) -> ReviewItem:
    """Record the body's report after amending the document (within 30 days, rules §5.8)."""
    text = _text(text, field="text", label=_("修改后报告"), max_length=10_000)
    return _save_amend_report(ctx, item, text, "filings")


@action(
    "filings.review_item.carry_amendment_report",
    model=ReviewItem,
    subject="item",
    permission=SYSTEM,
    rule="§5.8",
    label=_("答复中的修改后报告"),
    audit="filings.amend_report.recorded",
)
def amend_report_carry(ctx: ActionContext, *, item: ReviewItem, text: str) -> ReviewItem:
    """A follow-up reply to the correction request is the report after amending (its time is ``now``)."""
    if item.amend_reported_at is not None or item.amend_report_due_on is None:
        ctx.audited = False
        return item
    return _save_amend_report(ctx, item, text, "casework")


@action(
    "filings.review_item.set_amend_due",
    model=ReviewItem,
    subject="item",
    permission=SYSTEM,
    rule="§5.8",
    label=_("修改后报告期限"),
    audit="filings.amend_report.due",
)
def amend_report_due_set(ctx: ActionContext, *, item: ReviewItem, result_class: str) -> ReviewItem:
    """An answer that the body amends or has amended starts the 30 days of the report after amending."""
    if item.amend_report_due_on is not None:
        ctx.audited = False
        return item
    due = amend_report_due(item, ctx.now)
    item.amend_report_due_on = due
    item.save(update_fields=["amend_report_due_on", "updated_at"])
    ctx.audit_object = item.review
    ctx.changes.update(filing=item.filing_id, due_on=due.isoformat(), result_class=result_class)
    return item


def amend_report_sweep(today: dt.date) -> dict[str, int]:
    """Remind the body and the office of reports after amending due within 7 days or late (rules §5.8).

    Notifications of the correction case, keyed by the report's deadline, so running it
    again adds nothing. Items without a case (self-amended) show in the list and in "my work".
    """
    from renda.casework.deadlines import DUE_VERY_SOON_DAYS
    from renda.casework.models import NotificationKind as NK
    from renda.casework.notifications import notify, staff_users, unit_users

    created = {"due_7": 0, "overdue": 0}
    rows = (
        ReviewItem.objects.filter(
            amend_reported_at__isnull=True,
            correction_case__isnull=False,
            amend_report_due_on__lte=today + dt.timedelta(days=DUE_VERY_SOON_DAYS),
        )
        .select_related("filing", "correction_case", "correction_case__kind")
        .order_by("amend_report_due_on")
    )
    for item in rows:
        due = item.amend_report_due_on
        left = (due - today).days
        kind = NK.OVERDUE if left < 0 else NK.DUE_7
        if left < 0:
            text = f"《{item.filing.title}》修改后报告已逾期 {-left} 天（期限 {due.isoformat()}，规则5.8）。"
        else:
            text = f"《{item.filing.title}》修改后报告期限 {due.isoformat()}，还剩 {left} 天（规则5.8）。"
        case = item.correction_case
        n = notify(
            case=case,
            kind=kind,
            users=unit_users([item.filing.enacting_body_id]),
            text=text,
            key_date=due,
        )
        n += notify(case=case, kind=kind, users=staff_users(case), text=text, key_date=due)
        created[kind] += n
    return {k: v for k, v in created.items() if v}
