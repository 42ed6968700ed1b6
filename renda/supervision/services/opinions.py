"""Supervision services: opinions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.casework import services as cw
from renda.casework.models import Case
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
    workflow,
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
    MAX_TEXT,
    SOURCE_TYPE,
    O,
    _check,
    _day,
    _now,
    _require,
    _sc,
    _status_conflict,
    _text,
    case_kind,
)

# -- deliberation opinions (rules §3.3, §3.4) ----------------------------------------------


def _send_due(meeting: Meeting | None) -> dt.date | None:
    if meeting is None:
        return None
    return meeting.ends_on + dt.timedelta(days=int(param("supervision.opinion_send_days")))


def opinion_compile(
    *,
    actor,
    text: str,
    report: Report | None = None,
    inquiry: InquirySession | None = None,
    title: str = "",
    body: Organization | None = None,
) -> Opinion:
    """Staff compile the deliberation opinions on a deliberated report or a held inquiry."""
    _require(actor, "supervision.manage")
    text = _text(text, field="text", label=_("审议意见"))
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
        if report.status != Report.Status.DELIBERATED:
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
        _text(title, field="title", label=_("标题"), required=False, max_length=200)
        or default_title[:200]
    )
    with transaction.atomic():
        opinion = Opinion.objects.create(
            origin=origin,
            report=report,
            inquiry=inquiry,
            body=body,
            title=title,
            text=text,
            send_due_on=_send_due(meeting),
        )
        audit_record(
            actor=actor,
            action="supervision.opinion.compiled",
            obj=opinion,
            changes={"origin": origin, "body": body.pk, "send_due_on": str(opinion.send_due_on)},
        )
    return opinion


def opinion_update(*, actor, opinion: Opinion, text: str, title: str = "") -> Opinion:
    _require(actor, "supervision.manage")
    text = _text(text, field="text", label=_("审议意见"))
    title = _text(title, field="title", label=_("标题"), required=False, max_length=200)
    with transaction.atomic():
        locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
        _check(workflow.OPINION_ACTIONS, "edit", locked)
        locked.text = text
        if title:
            locked.title = title
        locked.save(update_fields=["text", "title", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.opinion.updated",
            obj=locked,
            changes={"title": locked.title},
        )
    return locked


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


def opinion_send(*, actor, opinion: Opinion, now: dt.datetime | None = None) -> Opinion:
    """Send the opinions to the body: a casework case with the configured deadline (§3.3)."""
    _require(actor, "supervision.manage")
    now = _now(now)
    with transaction.atomic():
        locked = (
            Opinion.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=opinion.pk)
        )
        _check(workflow.OPINION_ACTIONS, "send", locked)
        rnd = _open_round(actor, locked, OpinionRound.Reason.FIRST, "", now)
        locked.status, locked.sent_on = O.IN_HANDLING, _day(now)
        locked.save(update_fields=["status", "sent_on", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.opinion.sent",
            obj=locked,
            changes={
                "case": rnd.case_id,
                "due_on": str(rnd.case.due_on),
                "sent_on": str(locked.sent_on),
                "late": bool(locked.send_due_on and locked.sent_on > locked.send_due_on),
            },
        )
    return locked


def current_round(opinion: Opinion) -> OpinionRound | None:
    return opinion.rounds.select_related("case").order_by("-number").first()


def handling_report_schedule(*, actor, opinion: Opinion, meeting: Meeting) -> OpinionRound:
    """Put the body's written handling report on a later standing-committee meeting (§3.3)."""
    _require(actor, "supervision.manage")
    if meeting is None or meeting.kind != Meeting.Kind.SC_MEETING:
        raise DomainError("not_sc_meeting", _("报告须提请常务委员会会议审议。"), field="meeting")
    with transaction.atomic():
        locked = (
            Opinion.objects.select_for_update(of=("self",))
            .select_related("report__meeting", "inquiry__meeting")
            .get(pk=opinion.pk)
        )
        _check(workflow.OPINION_ACTIONS, "schedule_report", locked)
        rnd = current_round(locked)
        if rnd is None or rnd.case.status not in (Case.Status.REPLIED, Case.Status.CLOSED):
            raise Conflict("handling_report_missing", _("研究处理机关尚未报送研究处理情况报告。"))
        origin_meeting = locked.inquiry.meeting if locked.inquiry_id else locked.report.meeting
        if origin_meeting is not None and meeting.starts_on <= origin_meeting.ends_on:
            raise DomainError(
                "meeting_not_later",
                _("研究处理情况报告须提请以后的常委会会议审议。"),
                field="meeting",
            )
        item = meeting_services.agenda_item_add(
            actor=actor,
            meeting=meeting,
            kind=AgendaItem.Kind.OTHER,
            title=f"{locked.body.name}关于{locked.title}研究处理情况的报告"[:200],
            reporting_body=locked.body,
        )
        rnd.report_meeting, rnd.report_item = meeting, item
        rnd.save(update_fields=["report_meeting", "report_item"])
        locked.status = O.REPORT_SCHEDULED
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.opinion.report_scheduled",
            obj=locked,
            changes={"round": rnd.number, "meeting": meeting.pk, "agenda_item": item.pk},
        )
    return rnd


def evaluation_create(*, actor, opinion: Opinion) -> Evaluation:
    """Create the anonymous satisfaction poll on the handling report (§3.4): denominator all members."""
    _require(actor, "supervision.manage")
    with transaction.atomic():
        locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
        _check(workflow.OPINION_ACTIONS, "evaluate", locked)
        rnd = current_round(locked)
        poll = voting_services.poll_create(
            actor=actor,
            agenda_item=rnd.report_item,
            kind=Poll.Kind.SATISFACTION,
            title=f"对{rnd.report_item.title}的满意度测评"[:200],
            secrecy=Poll.Secrecy.ANONYMOUS,
        )
        evaluation = Evaluation.objects.create(round=rnd, poll=poll)
        locked.status = O.EVALUATING
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.evaluation.created",
            obj=evaluation,
            changes={
                "opinion": locked.pk,
                "round": rnd.number,
                "poll": poll.pk,
                "counts_basic": poll.satisfaction_counts_basic,
            },
        )
    return evaluation


def _close_round_case(actor, case: Case, result_label, now: dt.datetime) -> bool:
    """Close the round's case after the vote, when the actor may (casework.manage); True if closed."""
    if case.status not in (Case.Status.REPLIED, Case.Status.RATED) or not actor.has_perm(
        "casework.manage"
    ):
        return False
    cw.case_close(
        actor=actor,
        case=case,
        reason=str(_("满意度测评：{result}。")).format(result=result_label),
        now=now,
    )
    return True


def _conclude(actor, evaluation_pk: int, now: dt.datetime, *, automatic: bool) -> Evaluation:
    with transaction.atomic():
        ev = (
            Evaluation.objects.select_for_update(of=("self",))
            .select_related("round__case", "poll")
            .get(pk=evaluation_pk)
        )
        if ev.result != Evaluation.Result.PENDING:
            # Already recorded (by the seal or by hand): nothing changes; a case left open is closed.
            if _close_round_case(actor, ev.round.case, ev.get_result_display(), now):
                audit_record(
                    actor=actor,
                    action="supervision.evaluation.case_closed",
                    obj=ev,
                    changes={"case": ev.round.case_id},
                )
            return ev
        opinion = Opinion.objects.select_for_update().get(pk=ev.round.opinion_id)
        _check(workflow.OPINION_ACTIONS, "conclude", opinion)
        seal = getattr(ev.poll, "seal", None) if ev.poll.status == Poll.Status.SEALED else None
        if seal is None:
            raise Conflict("poll_not_sealed", _("测评表决结果尚未封存。"))
        satisfied = seal.tally.get("result") == "satisfied"
        ev.result = Evaluation.Result.SATISFIED if satisfied else Evaluation.Result.NOT_SATISFIED
        ev.tally, ev.concluded_at = dict(seal.tally), now
        ev.save(update_fields=["result", "tally", "concluded_at", "updated_at"])
        case_closed = _close_round_case(actor, ev.round.case, ev.get_result_display(), now)
        if satisfied:
            opinion.status = O.SATISFIED
        else:
            opinion.status, opinion.failures = O.UNSATISFIED, opinion.failures + 1
            if opinion.failures >= int(param("supervision.evaluation_failures_for_referral")):
                opinion.referral_flagged = True
        opinion.save(update_fields=["status", "failures", "referral_flagged", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.evaluation.concluded",
            obj=ev,
            changes={
                "opinion": opinion.pk,
                "result": ev.result,
                "failures": opinion.failures,
                "referral_flagged": opinion.referral_flagged,
                "fingerprint": seal.fingerprint,
                "automatic": automatic,
                "case_closed": case_closed,
            },
        )
    return ev


def evaluation_conclude(
    *, actor, evaluation: Evaluation, now: dt.datetime | None = None
) -> Evaluation:
    """Take the sealed result (§3.4): satisfied closes the round; otherwise the body handles it again.

    After the configured number of unsatisfied results (default 2) the opinion is flagged for
    referral to the party committee. The result is normally carried when the poll is sealed
    (:func:`evaluation_record_sealed`); this is the staff's fallback, e.g. after a paper count.
    Calling it on a recorded evaluation changes nothing.
    """
    _require(actor, "supervision.manage")
    return _conclude(actor, evaluation.pk, _now(now), automatic=False)


def evaluation_record_sealed(
    *, poll: Poll, actor, now: dt.datetime | None = None
) -> Evaluation | None:
    """Carry a sealed satisfaction poll's result onto its evaluation (the ``poll_sealed`` receiver).

    The seal is the authority, so the actor (who closed the poll or entered the second count)
    needs no supervision permission; the round's case is closed only if they may close cases,
    otherwise the staff button or closing the opinion does it. Polls that are not an
    evaluation's are ignored; a recorded evaluation is left as it is.
    """
    if poll.kind != Poll.Kind.SATISFACTION or actor is None or not actor.is_authenticated:
        return None
    ev = Evaluation.objects.filter(poll_id=poll.pk).only("pk").first()
    if ev is None:
        return None
    return _conclude(actor, ev.pk, _now(now), automatic=True)


def opinion_rehandle(
    *, actor, opinion: Opinion, note: str = "", now: dt.datetime | None = None
) -> OpinionRound:
    """After an unsatisfied vote the body handles the opinions again and reports again (§3.4)."""
    _require(actor, "supervision.manage")
    note = _text(note, field="note", label=_("要求"), required=False, max_length=5000)
    now = _now(now)
    with transaction.atomic():
        locked = (
            Opinion.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=opinion.pk)
        )
        _check(workflow.OPINION_ACTIONS, "rehandle", locked)
        rnd = _open_round(actor, locked, OpinionRound.Reason.REHANDLE, note, now)
        locked.status = O.IN_HANDLING
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.opinion.rehandle",
            obj=locked,
            changes={"round": rnd.number, "case": rnd.case_id, "note": note},
        )
    return rnd


def opinion_follow_up(
    *, actor, opinion: Opinion, note: str, now: dt.datetime | None = None
) -> OpinionRound:
    """Follow-up supervision (跟踪监督, §3.3): a further round on the same opinions."""
    _require(actor, "supervision.manage")
    note = _text(note, field="note", label=_("跟踪监督要求"), max_length=5000)
    now = _now(now)
    with transaction.atomic():
        locked = (
            Opinion.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=opinion.pk)
        )
        _check(workflow.OPINION_ACTIONS, "follow_up", locked)
        rnd = _open_round(actor, locked, OpinionRound.Reason.FOLLOW_UP, note, now)
        locked.status = O.IN_HANDLING
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.opinion.follow_up",
            obj=locked,
            changes={"round": rnd.number, "case": rnd.case_id, "note": note},
        )
    return rnd


def opinion_close(
    *, actor, opinion: Opinion, reason: str = "", now: dt.datetime | None = None
) -> Opinion:
    """Close the opinions: after a satisfied vote, or once the handling report was heard without one."""
    _require(actor, "supervision.manage")
    reason = _text(reason, field="reason", label=_("办结说明"), required=False, max_length=2000)
    with transaction.atomic():
        locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
        _check(workflow.OPINION_ACTIONS, "close", locked)
        rnd = current_round(locked)
        if locked.status == O.REPORT_SCHEDULED and rnd is not None and hasattr(rnd, "evaluation"):
            raise _status_conflict(locked)
        if rnd is not None and rnd.case.status in (Case.Status.REPLIED, Case.Status.RATED):
            cw.case_close(actor=actor, case=rnd.case, reason=reason, now=now)
        locked.status = O.CLOSED
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor, action="supervision.opinion.closed", obj=locked, changes={"reason": reason}
        )
    return locked
