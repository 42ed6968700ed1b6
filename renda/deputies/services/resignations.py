"""A deputy's resignation (辞去代表职务, 代表法 Art. 49, rules.md §2.2).

Who decides follows the level: in a county the deputies are elected by the voters and
resign to this standing committee, which decides by a vote of its members (a decision poll
on an agenda item of one of its meetings; the sealed result is carried here on its own); in
a city they were elected by a county congress and resign to that congress's standing
committee, whose decision the office records with its document and date. Accepted, the
mandate ends on the day of the decision (the composition figures and the vacancies read it).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.meetings.models import Meeting
from renda.people.models import Deputy, Jurisdiction
from renda.people.selectors import jurisdiction

from ..models import Resignation
from ._common import end_mandate

MANAGE = "deputies.manage"
R = Resignation.Status
D = Resignation.Decider


def decider_for(deputy: Deputy) -> str:
    """This standing committee decides for a county's deputies (elected by the voters); the
    electing county congress's committee for a city's."""
    j = jurisdiction()
    return D.ELECTING_BODY if j is not None and j.level == Jurisdiction.Level.CITY else D.THIS_SC


@action(
    "deputies.resignation.submit",
    model=Resignation,
    permission=MANAGE,
    rule="§2.2",
    label=_("登记辞职请求"),
    refs={"deputy": Deputy},
)
def resignation_submit(
    ctx: ActionContext,
    *,
    deputy: Deputy | None,
    submitted_on: dt.date | None,
    letter: str,
    ordered: bool = False,
) -> Resignation:
    """Record a serving deputy's written request to resign (书面提出)."""
    if deputy is None:
        raise DomainError("field_required", _("请填写{label}。"), field="deputy", label=_("代表"))
    if deputy.status not in (Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED):
        raise Conflict("deputy_not_active", _("{name}已不是在任代表。"), field="deputy", name=deputy.person.name)  # fmt: skip
    if deputy.resignations.filter(status__in=[R.SUBMITTED, R.VOTING]).exists():
        raise Conflict("resignation_open", _("该代表已有待决定的辞职请求。"), field="deputy")
    if submitted_on is None:
        raise DomainError("field_required", _("请填写{label}。"), field="submitted_on", label=_("提出日期"))  # fmt: skip
    if submitted_on > ctx.today:
        raise DomainError("future_date", _("提出日期不能晚于今天。"), field="submitted_on")
    letter = validation.text(letter, field="letter", label=_("辞职请求"), max_length=4000)
    resignation = Resignation.objects.create(
        deputy=deputy, submitted_on=submitted_on, letter=letter, decider=decider_for(deputy),
        ordered=bool(ordered),
        created_by=ctx.user,
    )  # fmt: skip
    ctx.audit_object = resignation
    ctx.changes.update(
        deputy=deputy.pk, submitted_on=str(submitted_on), decider=resignation.decider,
        ordered=resignation.ordered,
    )  # fmt: skip
    return resignation


def _decided_here(ctx: ActionContext, resignation: Resignation) -> None:
    if resignation.decider != D.THIS_SC:
        raise Conflict("decided_elsewhere", _("该代表的辞职由选举他的人大常委会决定，请登记其决定。"))  # fmt: skip


def _decided_elsewhere(ctx: ActionContext, resignation: Resignation) -> None:
    if resignation.decider != D.ELECTING_BODY:
        raise Conflict("decided_here", _("该代表的辞职由本级人大常委会表决决定。"))


@action(
    "deputies.resignation.put_to_vote",
    model=Resignation,
    subject="resignation",
    sources={R.SUBMITTED},
    target=R.VOTING,
    permission=MANAGE,
    precondition=_decided_here,
    precondition_hides=True,
    rule="§2.2",
    label=_("提请常委会会议表决"),
    refs={"meeting": Meeting},
)
def resignation_put_to_vote(
    ctx: ActionContext, *, resignation: Resignation, meeting: Meeting | None
) -> Resignation:
    """Put the request on the agenda of a standing-committee meeting with a decision poll;
    the chair opens and closes it with the meeting's other votes."""
    from renda.meetings.services import agenda_item_add
    from renda.voting.services import poll_create

    if meeting is None:
        raise DomainError("field_required", _("请填写{label}。"), field="meeting", label=_("常委会会议"))  # fmt: skip
    if meeting.kind != Meeting.Kind.SC_MEETING or meeting.status == Meeting.Status.CLOSED:
        raise DomainError("not_sc_meeting", _("请选择尚未闭会的常委会会议。"), field="meeting")
    name = resignation.deputy.person.name
    item = agenda_item_add(
        actor=ctx.user, meeting=meeting, kind="appointment",
        title=str(_("关于接受{name}辞去代表职务的决定（草案）")).format(name=name)[:200],
        description=resignation.letter[:2000], now=ctx.now,
    )  # fmt: skip
    poll = poll_create(actor=ctx.user, agenda_item=item, kind="decision", now=ctx.now)
    resignation.agenda_item, resignation.poll = item, poll
    resignation.save(update_fields=["agenda_item", "poll", "updated_at"])
    ctx.changes.update(meeting=meeting.pk, agenda_item=item.pk, poll=poll.pk)
    return resignation


def _end_mandate(ctx: ActionContext, resignation: Resignation, on: dt.date) -> None:
    end_mandate(
        ctx, resignation.deputy_id, status=Deputy.Status.RESIGNED, on=on,
        reason=_("被责令辞职，辞职被接受") if resignation.ordered else _("辞去代表职务，辞职被接受"),
    )  # fmt: skip


def _carry_vote(ctx: ActionContext, *, resignation: Resignation) -> Resignation:
    from renda.voting.models import Poll

    poll = Poll.objects.select_related("seal").get(pk=resignation.poll_id)
    if poll.status != Poll.Status.SEALED:
        raise Conflict("poll_not_sealed", _("表决尚未结束并封存，不能登记结果。"))
    tally = poll.seal.tally
    accepted = tally.get("result") == "passed"
    on = ctx.today
    resignation.status = R.ACCEPTED if accepted else R.NOT_ACCEPTED
    resignation.tally = {k: tally.get(k) for k in ("result", "yes", "no", "abstain", "threshold")}
    resignation.decided_on = on
    resignation.save()
    if accepted:
        _end_mandate(ctx, resignation, on)
    ctx.changes.update(result=tally.get("result"), yes=tally.get("yes"), poll=poll.pk)
    return resignation


def _has_poll(ctx: ActionContext, resignation: Resignation) -> None:
    if resignation.poll_id is None:
        raise Conflict("no_poll", _("尚未提请表决。"))


@action(
    "deputies.resignation.record_vote",
    model=Resignation,
    subject="resignation",
    sources={R.VOTING},
    permission=MANAGE,
    precondition=_has_poll,
    rule="§2.2",
    label=_("登记表决结果"),
    audit="deputies.resignation.decided",
)
def resignation_record_vote(ctx: ActionContext, *, resignation: Resignation) -> Resignation:
    """The office's button, after a manual count: carry the sealed vote."""
    return _carry_vote(ctx, resignation=resignation)


@action(
    "deputies.resignation.carry_vote",
    model=Resignation,
    subject="resignation",
    sources={R.VOTING},
    permission=SYSTEM,
    precondition=_has_poll,
    rule="§2.2",
    label=_("表决封存后登记结果"),
    audit="deputies.resignation.decided",
)
def resignation_carry_vote(ctx: ActionContext, *, resignation: Resignation) -> Resignation:
    """The sealed poll records its result on its own (the seal is the authority)."""
    return _carry_vote(ctx, resignation=resignation)


@action(
    "deputies.resignation.record_decision",
    model=Resignation,
    subject="resignation",
    sources={R.SUBMITTED},
    permission=MANAGE,
    precondition=_decided_elsewhere,
    precondition_hides=True,
    rule="§2.2",
    label=_("登记选举单位的决定"),
    audit="deputies.resignation.decided",
)
def resignation_record_decision(
    ctx: ActionContext,
    *,
    resignation: Resignation,
    accepted: bool,
    decided_on: dt.date | None,
    document: str,
) -> Resignation:
    """Record the electing congress's standing committee's decision, with its document."""
    if decided_on is None:
        raise DomainError("field_required", _("请填写{label}。"), field="decided_on", label=_("决定日期"))  # fmt: skip
    if decided_on > ctx.today or decided_on < resignation.submitted_on:
        raise DomainError("date_invalid", _("决定日期应在提出日期和今天之间。"), field="decided_on")  # fmt: skip
    resignation.decision_document = validation.text(document, field="document", label=_("决定文件"), max_length=200)  # fmt: skip
    resignation.status = R.ACCEPTED if accepted else R.NOT_ACCEPTED
    resignation.decided_on = decided_on
    resignation.save()
    if accepted:
        _end_mandate(ctx, resignation, decided_on)
    ctx.changes.update(accepted=bool(accepted), decided_on=str(decided_on), document=resignation.decision_document)  # fmt: skip
    return resignation


@action(
    "deputies.resignation.withdraw",
    model=Resignation,
    subject="resignation",
    sources={R.SUBMITTED},
    target=R.WITHDRAWN,
    permission=MANAGE,
    rule="§2.2",
    label=_("撤回辞职请求"),
)
def resignation_withdraw(
    ctx: ActionContext, *, resignation: Resignation, reason: str
) -> Resignation:
    """The deputy withdraws the request before it is put to the vote or decided."""
    resignation.closing_note = validation.text(reason, field="reason", label=_("说明"), max_length=200)  # fmt: skip
    resignation.save(update_fields=["closing_note", "updated_at"])
    ctx.changes.update(reason=resignation.closing_note)
    return resignation


RESIGNATION_ACTIONS = (
    resignation_put_to_vote,
    resignation_record_vote,
    resignation_record_decision,
    resignation_withdraw,
)
