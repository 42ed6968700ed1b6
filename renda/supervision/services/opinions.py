"""Supervision services: opinions, handling reports and evaluations (rules §3.3, §3.4).

Each state change is a declared action; the moves of an opinion are its declarations:

====================  ==========================================  =====================
action                from                                        to
====================  ==========================================  =====================
edit                  draft                                       —
send                  draft                                       in_handling
schedule_report       in_handling                                 report_scheduled
evaluate              report_scheduled                            evaluating
conclude              evaluating                                  satisfied/unsatisfied
rehandle              unsatisfied                                 in_handling
follow_up             satisfied, closed                           in_handling
close                 satisfied, report_scheduled (no evaluation)  closed
====================  ==========================================  =====================

The handling between send and report is the casework case's.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.casework import services as cw
from renda.casework.models import Case
from renda.core import validation
from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError
from renda.core.statute import param
from renda.meetings import services as meeting_services
from renda.meetings.models import AgendaItem, Meeting
from renda.people.models import Organization
from renda.voting import services as voting_services
from renda.voting.models import Poll

from .. import (
    statute,  # noqa: F401  (registers the parameters)
)
from ..models import (
    Evaluation,
    InquirySession,
    Inspection,
    Opinion,
    OpinionRound,
    Report,
    Research,
)
from ._common import (
    MANAGE,
    MAX_TEXT,
    SOURCE_TYPE,
    O,
    _sc,
    _status_conflict,
    case_kind,
)

#: Report statuses on which deliberation opinions may be compiled.
OPINION_REPORT_SOURCES = frozenset({Report.Status.DELIBERATED})
#: Opinion statuses in which a pending evaluation's sealed result may be taken.
EVALUATION_SOURCES = frozenset({O.EVALUATING})

# -- deliberation opinions (rules §3.3, §3.4) ----------------------------------------------


def _send_due(meeting: Meeting | None) -> dt.date | None:
    if meeting is None:
        return None
    return meeting.ends_on + dt.timedelta(days=int(param("supervision.opinion_send_days")))


def opinion_compilable(report: Report) -> bool:
    """Whether deliberation opinions may be compiled on ``report`` now (it was deliberated)."""
    return report.status in OPINION_REPORT_SOURCES


@action(
    "supervision.opinion.compile",
    model=Opinion,
    permission=MANAGE,
    rule="§3.3",
    label=_("整理审议意见"),
    audit="supervision.opinion.compiled",
)
def opinion_compile(
    ctx: ActionContext,
    *,
    text: str,
    report: Report | None = None,
    inquiry: InquirySession | None = None,
    title: str = "",
    body: Organization | None = None,
) -> Opinion:
    """Staff compile the deliberation opinions on a deliberated report or a held inquiry."""
    text = validation.text(text, field="text", label=_("审议意见"))
    if inquiry is not None:
        inquiry = InquirySession.objects.select_related("meeting", "report").get(pk=inquiry.pk)
    if report is not None:
        report = Report.objects.select_related("meeting", "body").get(pk=report.pk)
    if inquiry is not None:
        if inquiry.status != InquirySession.Status.HELD:
            raise Conflict("inquiry_not_held", _("专题询问尚未举行，不能整理询问意见。"))
        origin, meeting = Opinion.Origin.INQUIRY, inquiry.meeting
        report = report or inquiry.report
        body = body or (
            inquiry.respondents.select_related("organization").first().organization
            if inquiry.respondents.exists()
            else None
        )
        default_title = f"关于{inquiry.title}专题询问的意见"
    elif report is not None:
        if not opinion_compilable(report):
            raise Conflict("report_not_deliberated", _("报告尚未经会议审议，不能整理审议意见。"))
        if Inspection.objects.filter(report=report).exists():
            origin = Opinion.Origin.INSPECTION
        elif Research.objects.filter(report=report).exists():
            origin = Opinion.Origin.RESEARCH
        else:
            origin = Opinion.Origin.REPORT
        meeting, body = report.meeting, body or report.body
        default_title = f"对《{report.title}》的审议意见"
    else:
        raise DomainError("field_required", _("请填写{label}。"), field="report", label=_("报告"))
    if body is None:
        raise DomainError(
            "field_required", _("请填写{label}。"), field="body", label=_("研究处理机关")
        )
    title = (
        validation.text(title, field="title", label=_("标题"), required=False, max_length=200)
        or default_title[:200]
    )
    opinion = Opinion.objects.create(
        origin=origin,
        report=report,
        inquiry=inquiry,
        body=body,
        title=title,
        text=text,
        send_due_on=_send_due(meeting),
    )
    ctx.changes.update(origin=origin, body=body.pk, send_due_on=str(opinion.send_due_on))
    return opinion


@action(
    "supervision.opinion.edit",
    model=Opinion,
    subject="opinion",
    sources={O.DRAFT},
    permission=MANAGE,
    rule="§3.3",
    label=_("修改审议意见"),
    audit="supervision.opinion.updated",
)
def opinion_update(ctx: ActionContext, *, opinion: Opinion, text: str, title: str = "") -> Opinion:
    text = validation.text(text, field="text", label=_("审议意见"))
    title = validation.text(title, field="title", label=_("标题"), required=False, max_length=200)
    opinion.text = text
    if title:
        opinion.title = title
    opinion.save(update_fields=["text", "title", "updated_at"])
    ctx.changes["title"] = opinion.title
    return opinion


def _open_round(actor, opinion: Opinion, reason: str, note: str, now: dt.datetime) -> OpinionRound:
    number = (opinion.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    title = opinion.title if number == 1 else f"{opinion.title}（第{number}轮）"
    case = cw.case_create(
        actor=actor,
        kind=case_kind(opinion.origin),
        title=title[:200],
        summary=(opinion.text + (f"\n\n{note}" if note else ""))[:MAX_TEXT],
        requester_body=_sc(),
        source_type=SOURCE_TYPE,
        source_id=f"{opinion.pk}-{number}",
    )
    case = cw.case_assign(actor=actor, case=case, lead=opinion.body, now=now)
    return OpinionRound.objects.create(
        opinion=opinion, number=number, reason=reason, note=note, case=case, sent_at=now
    )


@action(
    "supervision.opinion.send",
    model=Opinion,
    subject="opinion",
    sources={O.DRAFT},
    target=O.IN_HANDLING,
    permission=MANAGE,
    rule="§3.3",
    label=_("送交研究处理"),
    audit="supervision.opinion.sent",
)
def opinion_send(ctx: ActionContext, *, opinion: Opinion) -> Opinion:
    """Send the opinions to the body: a casework case with the configured deadline (§3.3)."""
    rnd = _open_round(ctx.user, opinion, OpinionRound.Reason.FIRST, "", ctx.now)
    opinion.status, opinion.sent_on = O.IN_HANDLING, ctx.today
    opinion.save(update_fields=["status", "sent_on", "updated_at"])
    ctx.changes.update(
        case=rnd.case_id,
        due_on=str(rnd.case.due_on),
        sent_on=str(opinion.sent_on),
        late=bool(opinion.send_due_on and opinion.sent_on > opinion.send_due_on),
    )
    return opinion


def current_round(opinion: Opinion) -> OpinionRound | None:
    return opinion.rounds.select_related("case").order_by("-number").first()


@action(
    "supervision.opinion.schedule_report",
    model=Opinion,
    subject="opinion",
    sources={O.IN_HANDLING},
    target=O.REPORT_SCHEDULED,
    permission=MANAGE,
    rule="§3.3",
    label=_("研究处理情况报告列入会议"),
    audit="supervision.opinion.report_scheduled",
)
def handling_report_schedule(
    ctx: ActionContext, *, opinion: Opinion, meeting: Meeting
) -> OpinionRound:
    """Put the body's written handling report on a later standing-committee meeting (§3.3)."""
    if meeting is None or meeting.kind != Meeting.Kind.SC_MEETING:
        raise DomainError("not_sc_meeting", _("报告须提请常务委员会会议审议。"), field="meeting")
    rnd = current_round(opinion)
    if rnd is None or rnd.case.status not in (Case.Status.REPLIED, Case.Status.CLOSED):
        raise Conflict("handling_report_missing", _("研究处理机关尚未报送研究处理情况报告。"))
    origin_meeting = opinion.inquiry.meeting if opinion.inquiry_id else opinion.report.meeting
    if origin_meeting is not None and meeting.starts_on <= origin_meeting.ends_on:
        raise DomainError(
            "meeting_not_later",
            _("研究处理情况报告须提请以后的常委会会议审议。"),
            field="meeting",
        )
    item = meeting_services.agenda_item_add(
        actor=ctx.user,
        meeting=meeting,
        kind=AgendaItem.Kind.OTHER,
        title=f"{opinion.body.name}关于{opinion.title}研究处理情况的报告"[:200],
        reporting_body=opinion.body,
    )
    rnd.report_meeting, rnd.report_item = meeting, item
    rnd.save(update_fields=["report_meeting", "report_item"])
    opinion.status = O.REPORT_SCHEDULED
    opinion.save(update_fields=["status", "updated_at"])
    ctx.changes.update(round=rnd.number, meeting=meeting.pk, agenda_item=item.pk)
    ctx.audit_object = opinion
    return rnd


# -- satisfaction evaluations (rules §3.4) ---------------------------------------------------


@action(
    "supervision.opinion.evaluate",
    model=Opinion,
    subject="opinion",
    sources={O.REPORT_SCHEDULED},
    target=O.EVALUATING,
    permission=MANAGE,
    rule="§3.4",
    label=_("开展满意度测评"),
    audit="supervision.evaluation.created",
)
def evaluation_create(ctx: ActionContext, *, opinion: Opinion) -> Evaluation:
    """Create the anonymous satisfaction poll on the handling report (§3.4): denominator all members."""
    rnd = current_round(opinion)
    poll = voting_services.poll_create(
        actor=ctx.user,
        agenda_item=rnd.report_item,
        kind=Poll.Kind.SATISFACTION,
        title=f"对{rnd.report_item.title}的满意度测评"[:200],
        secrecy=Poll.Secrecy.ANONYMOUS,
    )
    evaluation = Evaluation.objects.create(round=rnd, poll=poll)
    opinion.status = O.EVALUATING
    opinion.save(update_fields=["status", "updated_at"])
    ctx.changes.update(
        opinion=opinion.pk,
        round=rnd.number,
        poll=poll.pk,
        counts_basic=poll.satisfaction_counts_basic,
    )
    return evaluation


def _close_round_case(user, case: Case, result_label, now: dt.datetime) -> bool:
    """Close the round's case after the vote, when the person may (casework.manage); True if closed."""
    if case.status not in (Case.Status.REPLIED, Case.Status.RATED) or not user.has_perm(
        "casework.manage"
    ):
        return False
    cw.case_close(
        actor=user,
        case=case,
        reason=str(_("满意度测评：{result}。")).format(result=result_label),
        now=now,
    )
    return True


def _conclude(ctx: ActionContext, ev: Evaluation, *, automatic: bool) -> Evaluation:
    """Take the sealed result onto the (locked) evaluation and its opinion: the shared work.

    A recorded evaluation changes nothing (no ``concluded`` event); a case it left open is
    closed, with its own event.
    """
    user = ctx.user
    ctx.audit_object = ev
    if ev.result != Evaluation.Result.PENDING:
        ctx.audited = False
        if _close_round_case(user, ev.round.case, ev.get_result_display(), ctx.now):
            audit_record(
                actor=user,
                action="supervision.evaluation.case_closed",
                obj=ev,
                changes={"case": ev.round.case_id},
            )
        return ev
    opinion = Opinion.objects.select_for_update().get(pk=ev.round.opinion_id)
    if opinion.status not in EVALUATION_SOURCES:
        raise _status_conflict(opinion)
    seal = getattr(ev.poll, "seal", None) if ev.poll.status == Poll.Status.SEALED else None
    if seal is None:
        raise Conflict("poll_not_sealed", _("测评表决结果尚未封存。"))
    satisfied = seal.tally.get("result") == "satisfied"
    ev.result = Evaluation.Result.SATISFIED if satisfied else Evaluation.Result.NOT_SATISFIED
    ev.tally, ev.concluded_at = dict(seal.tally), ctx.now
    ev.save(update_fields=["result", "tally", "concluded_at", "updated_at"])
    case_closed = _close_round_case(user, ev.round.case, ev.get_result_display(), ctx.now)
    if satisfied:
        opinion.status = O.SATISFIED
    else:
        opinion.status, opinion.failures = O.UNSATISFIED, opinion.failures + 1
        if opinion.failures >= int(param("supervision.evaluation_failures_for_referral")):
            opinion.referral_flagged = True
    opinion.save(update_fields=["status", "failures", "referral_flagged", "updated_at"])
    ctx.changes.update(
        opinion=opinion.pk,
        result=ev.result,
        failures=opinion.failures,
        referral_flagged=opinion.referral_flagged,
        fingerprint=seal.fingerprint,
        automatic=automatic,
        case_closed=case_closed,
    )
    return ev


def _concludable(ctx: ActionContext, ev: Evaluation) -> None:
    """A pending evaluation is taken only while its opinion is being evaluated."""
    if ev.result == Evaluation.Result.PENDING:
        opinion = ev.round.opinion
        if opinion.status not in EVALUATION_SOURCES:
            raise _status_conflict(opinion)


@action(
    "supervision.evaluation.conclude",
    model=Evaluation,
    subject="evaluation",
    # evaluating → satisfied | unsatisfied (on the opinion); a recorded one: nothing changes.
    precondition=_concludable,
    precondition_hides=True,
    permission=MANAGE,
    rule="§3.4",
    label=_("登记测评结果"),
    audit="supervision.evaluation.concluded",
)
def evaluation_conclude(ctx: ActionContext, *, evaluation: Evaluation) -> Evaluation:
    """Take the sealed result (§3.4): satisfied closes the round; otherwise the body handles it again.

    After the configured number of unsatisfied results (default 2) the opinion is flagged for
    referral to the party committee. The result is normally carried when the poll is sealed
    (:func:`evaluation_record_sealed`); this is the staff's fallback, e.g. after a paper count.
    Calling it on a recorded evaluation changes nothing.
    """
    return _conclude(ctx, evaluation, automatic=False)


@action(
    "supervision.evaluation.record_sealed",
    model=Evaluation,
    permission=SYSTEM,
    rule="§3.4",
    label=_("登记测评结果"),
    audit="supervision.evaluation.concluded",
)
def evaluation_record_sealed(ctx: ActionContext, *, poll: Poll) -> Evaluation | None:
    """Carry a sealed satisfaction poll's result onto its evaluation (the ``poll_sealed`` effect).

    The seal is the authority, so the person who closed the poll or entered the second count
    (``ctx.user``, audited as the actor) needs no supervision permission; the round's case is
    closed only if they may close cases, otherwise the staff button or closing the opinion
    does it. Polls that are not an evaluation's are ignored; a recorded evaluation is left as
    it is.
    """
    user = ctx.user
    found = None
    if poll.kind == Poll.Kind.SATISFACTION and user is not None and user.is_authenticated:
        found = Evaluation.objects.filter(poll_id=poll.pk).values_list("pk", flat=True).first()
    if found is None:
        ctx.audited = False
        return None
    ev = Evaluation.objects.select_for_update().get(pk=found)
    return _conclude(ctx, ev, automatic=True)


# -- after the evaluation (rules §3.3, §3.4) ---------------------------------------------------


@action(
    "supervision.opinion.rehandle",
    model=Opinion,
    subject="opinion",
    sources={O.UNSATISFIED},
    target=O.IN_HANDLING,
    permission=MANAGE,
    rule="§3.4",
    label=_("重新办理"),
    audit="supervision.opinion.rehandle",
)
def opinion_rehandle(ctx: ActionContext, *, opinion: Opinion, note: str = "") -> OpinionRound:
    """After an unsatisfied vote the body handles the opinions again and reports again (§3.4)."""
    note = validation.text(note, field="note", label=_("要求"), required=False, max_length=5000)
    rnd = _open_round(ctx.user, opinion, OpinionRound.Reason.REHANDLE, note, ctx.now)
    opinion.status = O.IN_HANDLING
    opinion.save(update_fields=["status", "updated_at"])
    ctx.changes.update(round=rnd.number, case=rnd.case_id, note=note)
    ctx.audit_object = opinion
    return rnd


@action(
    "supervision.opinion.follow_up",
    model=Opinion,
    subject="opinion",
    sources={O.SATISFIED, O.CLOSED},
    target=O.IN_HANDLING,
    permission=MANAGE,
    rule="§3.3",
    label=_("跟踪监督"),
    audit="supervision.opinion.follow_up",
)
def opinion_follow_up(ctx: ActionContext, *, opinion: Opinion, note: str) -> OpinionRound:
    """Follow-up supervision (跟踪监督, §3.3): a further round on the same opinions."""
    note = validation.text(note, field="note", label=_("跟踪监督要求"), max_length=5000)
    rnd = _open_round(ctx.user, opinion, OpinionRound.Reason.FOLLOW_UP, note, ctx.now)
    opinion.status = O.IN_HANDLING
    opinion.save(update_fields=["status", "updated_at"])
    ctx.changes.update(round=rnd.number, case=rnd.case_id, note=note)
    ctx.audit_object = opinion
    return rnd


def _not_evaluated(ctx: ActionContext, opinion: Opinion) -> None:
    """Closing without a vote is for a handling report heard without an evaluation."""
    if opinion.status == O.REPORT_SCHEDULED:
        rnd = current_round(opinion)
        if rnd is not None and hasattr(rnd, "evaluation"):
            raise _status_conflict(opinion)


@action(
    "supervision.opinion.close",
    model=Opinion,
    subject="opinion",
    sources={O.SATISFIED, O.REPORT_SCHEDULED},
    target=O.CLOSED,
    permission=MANAGE,
    precondition=_not_evaluated,
    rule="§3.4",
    label=_("办结"),
    audit="supervision.opinion.closed",
)
def opinion_close(ctx: ActionContext, *, opinion: Opinion, reason: str = "") -> Opinion:
    """Close the opinions: after a satisfied vote, or once the handling report was heard without one."""
    reason = validation.text(
        reason, field="reason", label=_("办结说明"), required=False, max_length=2000
    )
    rnd = current_round(opinion)
    if rnd is not None and rnd.case.status in (Case.Status.REPLIED, Case.Status.RATED):
        cw.case_close(actor=ctx.user, case=rnd.case, reason=reason, now=ctx.now)
    opinion.status = O.CLOSED
    opinion.save(update_fields=["status", "updated_at"])
    ctx.changes["reason"] = reason
    return opinion
