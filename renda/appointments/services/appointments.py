"""Appointments and removals by the standing committee (任免, rules.md §7.6–§7.10).

A body that may nominate (the council of chairpersons, the head of government, the director
of the supervisory commission, the court president, the chief procurator) moves that a
person be appointed to a post of the register. The motion goes on the agenda of a
standing-committee meeting only when the candidate holds a law-exam pass valid in the term
(§7.8) and it was moved at least ``appointment.motion_lead_days`` before the meeting (§7.7);
the members vote per person (§7.6, a poll through the voting core) and the sealed result is
carried here on its own: carried, the person holds the post from that day (the register the
S17 reporter check reads). The council of chairpersons may defer a motion (暂缓任命, §7.13)
with its reason; a person whose nomination to the same post failed
``appointment.failed_nomination_limit`` times is not nominated to it again in the term (§7.10).
The same motion, voted the same way, relieves a holder of the post (免职), dismisses them
(撤职) or accepts their resignation (辞职), ending the holding; every motion waits for the
party committee's consent (S2) before it goes on an agenda, and a candidate's statement
(供职发言, §7.9) goes on the agenda ahead of the vote.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import approvals, validation
from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.models import Approval
from renda.core.statute import param
from renda.core.workdays import add_months
from renda.meetings.models import Meeting
from renda.people.models import Membership, Person, Post
from renda.people.selectors import current_term

from ..models import Appointment
from ..selectors import valid_pass

MANAGE = "appointments.manage"
A = Appointment.Status
K = Appointment.Kind
OPEN = (A.NOMINATED, A.VOTING, A.DEFERRED)
RELIEF = (K.REMOVE, K.DISMISS, K.RESIGN)
PARTY_CONSENT = Approval.Kind.PARTY_CONSENT


@action(
    "appointments.appointment.nominate",
    model=Appointment,
    permission=MANAGE,
    rule="§7.10",
    label=_("登记提请任命"),
    refs={"person": Person, "post": Post},
)
def appointment_nominate(
    ctx: ActionContext,
    *,
    person: Person | None,
    post: Post | None,
    nominator: str,
    nominated_on: dt.date | None,
    motion: str,
    kind: str = K.APPOINT,
) -> Appointment:
    """Record a nomination received (to appoint, or to decide an acting holder while the
    post is vacant between sessions), refusing one barred by the failed-nomination rule."""
    term = current_term()
    if term is None:
        raise Conflict("no_term", _("尚未设立本届，不能提请任命。"))
    validation.required(person, "person", _("拟任命人员"))
    validation.required(post, "post", _("拟任职务"))
    validation.required(nominated_on, "nominated_on", _("提请日期"))
    validation.choice(nominator, Appointment.Nominator.values, field="nominator")
    validation.choice(kind, (K.APPOINT, K.ACTING), field="kind")
    if not post.elected_or_appointed:
        raise DomainError("post_not_appointed", _("“{post}”不由人大常委会任命。"), field="post", post=str(post))  # fmt: skip
    if nominated_on > ctx.today or nominated_on < term.start_date:
        raise DomainError("date_invalid", _("提请日期应在本届开始之日和今天之间。"), field="nominated_on")  # fmt: skip
    motion = validation.text(motion, field="motion", label=_("提请任命的说明"), max_length=4000)
    same = Appointment.objects.filter(term=term, person=person, post=post)
    if same.filter(status__in=OPEN).exists():
        raise Conflict("appointment_open", _("{name}任{post}的提请正在办理中。"), field="person", name=person.name, post=str(post))  # fmt: skip
    failed = same.filter(status=A.NOT_APPOINTED).count()
    limit = int(param("appointment.failed_nomination_limit"))
    if failed >= limit:
        raise Conflict(
            "nomination_barred",
            _("{name}任{post}已{n}次未获通过，本届内不再提请（规则7.10）。"),
            field="person", name=person.name, post=str(post), n=failed,
        )  # fmt: skip
    wait = int(param("appointment.failed_nomination_wait_months"))
    last = same.filter(status=A.NOT_APPOINTED, decided_on__isnull=False).order_by("-decided_on").first()  # fmt: skip
    if wait and last is not None and nominated_on < add_months(last.decided_on, wait):
        raise Conflict(
            "nomination_waiting",
            _("{name}任{post}于{day}未获通过，{until}前不再提请（规则7.10）。"),
            field="person", name=person.name, post=str(post), day=last.decided_on.isoformat(),
            until=add_months(last.decided_on, wait).isoformat(),
        )  # fmt: skip
    if Membership.objects.filter(person=person, post=post, end_date__isnull=True).exists():
        raise Conflict("already_holds", _("{name}现任{post}。"), field="person", name=person.name, post=str(post))  # fmt: skip
    appointment = Appointment.objects.create(
        kind=kind, term=term, person=person, post=post, nominator=nominator,
        nominated_on=nominated_on, motion=motion, created_by=ctx.user,
    )  # fmt: skip
    ctx.audit_object = appointment
    ctx.changes.update(person=person.pk, post=post.pk, nominator=nominator, failed_before=failed)
    return appointment


@action(
    "appointments.appointment.move_relief",
    model=Appointment,
    permission=MANAGE,
    rule="§7.6",
    label=_("登记提请免职、撤职或接受辞职"),
    refs={"holding": Membership},
)
def appointment_move_relief(
    ctx: ActionContext,
    *,
    holding: Membership | None,
    kind: str,
    nominator: str,
    nominated_on: dt.date | None,
    motion: str,
) -> Appointment:
    """Record a motion to relieve the holder of a post (免职), dismiss them (撤职) or accept
    their resignation (辞职); carried, it ends the holding on the day of the vote."""
    term = current_term()
    if term is None:
        raise Conflict("no_term", _("尚未设立本届，不能提请任免。"))
    validation.required(holding, "holding", _("现任职务"))
    validation.required(nominated_on, "nominated_on", _("提请日期"))
    validation.choice(kind, RELIEF, field="kind")
    validation.choice(nominator, Appointment.Nominator.values, field="nominator")
    post = holding.post
    if post is None or not post.elected_or_appointed:
        raise DomainError("post_not_appointed", _("该职务不由人大常委会任免。"), field="holding")
    if holding.end_date is not None:
        raise Conflict("holding_ended", _("该任职已于{day}结束。"), field="holding", day=holding.end_date.isoformat())  # fmt: skip
    if nominated_on > ctx.today or nominated_on < holding.start_date:
        raise DomainError("date_invalid", _("提请日期应在任职开始之日和今天之间。"), field="nominated_on")  # fmt: skip
    motion = validation.text(motion, field="motion", label=_("提请的说明"), max_length=4000)
    if Appointment.objects.filter(holding=holding, status__in=OPEN).exists():
        raise Conflict("appointment_open", _("{name}任{post}的免职（撤职、辞职）事项正在办理中。"), field="holding", name=holding.person.name, post=str(post))  # fmt: skip
    appointment = Appointment.objects.create(
        kind=kind, term=term, person=holding.person, post=post, holding=holding,
        nominator=nominator, nominated_on=nominated_on, motion=motion, created_by=ctx.user,
    )  # fmt: skip
    ctx.audit_object = appointment
    ctx.changes.update(kind=kind, holding=holding.pk, person=holding.person_id, post=post.pk)
    return appointment


@action(
    "appointments.appointment.put_to_vote",
    model=Appointment,
    subject="appointment",
    sources={A.NOMINATED},
    target=A.VOTING,
    permission=MANAGE,
    precondition=approvals.requires(PARTY_CONSENT),
    rule="§7.6, §7.7, §7.8, S2",
    label=_("列入常委会会议表决"),
    refs={"meeting": Meeting},
)
def appointment_put_to_vote(
    ctx: ActionContext, *, appointment: Appointment, meeting: Meeting | None
) -> Appointment:
    """Put the motion on a meeting's agenda with a per-person poll, once the party committee
    agreed, the motion came in time and (to appoint) the candidate holds a valid law-exam
    pass; a statement recorded before goes on the agenda ahead of the vote (§7.9)."""
    from renda.meetings.services import agenda_item_add
    from renda.voting.services import poll_create

    validation.required(meeting, "meeting", _("常委会会议"))
    if meeting.kind != Meeting.Kind.SC_MEETING or meeting.status == Meeting.Status.CLOSED:
        raise DomainError("not_sc_meeting", _("请选择尚未闭会的常委会会议。"), field="meeting")
    person = appointment.person
    if appointment.kind in (K.APPOINT, K.ACTING) and valid_pass(person, appointment.term) is None:
        raise Conflict("exam_not_passed", _("{name}尚未通过本届任前法律知识考试，不能提请表决（规则7.8）。"), field="meeting", name=person.name)  # fmt: skip
    lead = int(param("appointment.motion_lead_days"))
    if (meeting.starts_on - appointment.nominated_on).days < lead:
        raise Conflict(
            "motion_late",
            _("任免议案应在会议举行{days}日前提请；该议案{on}提请，不能列入{day}的会议（规则7.7）。"),
            field="meeting", days=lead, on=appointment.nominated_on.isoformat(),
            day=meeting.starts_on.isoformat(),
        )  # fmt: skip
    if appointment.statement:
        appointment.statement_item = _statement_item(ctx, appointment, meeting)
    title = appointment.title
    item = agenda_item_add(
        actor=ctx.user, meeting=meeting, kind="appointment", title=title[:200],
        description=appointment.motion[:2000], now=ctx.now,
    )  # fmt: skip
    poll = poll_create(actor=ctx.user, agenda_item=item, kind="appointment", nominee=person, now=ctx.now)  # fmt: skip
    appointment.agenda_item, appointment.poll = item, poll
    appointment.save(update_fields=["agenda_item", "poll", "statement_item", "updated_at"])
    ctx.changes.update(meeting=meeting.pk, agenda_item=item.pk, poll=poll.pk)
    return appointment


def _statement_item(ctx: ActionContext, appointment: Appointment, meeting: Meeting):
    """The statement before appointment as an agenda item, its text attached (§7.9)."""
    from renda.meetings.services import agenda_item_add

    key = _("{name}作书面供职发言") if appointment.statement_in_writing else _("{name}作供职发言")
    return agenda_item_add(
        actor=ctx.user, meeting=meeting, kind="appointment",
        title=str(key).format(name=appointment.person.name)[:200],
        description=appointment.statement, now=ctx.now,
    )  # fmt: skip


def _carry_vote(ctx: ActionContext, *, appointment: Appointment) -> Appointment:
    from renda.people.services import membership_create, membership_end
    from renda.voting.models import Poll

    poll = Poll.objects.select_related("seal").get(pk=appointment.poll_id)
    if poll.status != Poll.Status.SEALED:
        raise Conflict("poll_not_sealed", _("表决尚未结束并封存，不能登记结果。"))
    tally = poll.seal.tally
    appointment.tally = {k: tally.get(k) for k in ("result", "yes", "no", "abstain", "threshold")}
    appointment.decided_on = ctx.today
    if tally.get("result") == "passed" and appointment.kind in (K.APPOINT, K.ACTING):
        post = appointment.post
        how = Membership.Obtained.ACTING if appointment.kind == K.ACTING else Membership.Obtained.APPOINTMENT  # fmt: skip
        appointment.membership = ctx.perform(
            membership_create, person=appointment.person, organization=post.organization,
            post=post, role=post.role, term=appointment.term, start_date=ctx.today, obtained=how,
        )  # fmt: skip
        appointment.status = A.APPOINTED
    elif tally.get("result") == "passed":
        holding = appointment.holding
        if holding.end_date is None:
            ctx.perform(membership_end, membership=holding, end_date=max(ctx.today, holding.start_date), reason=appointment.title)  # fmt: skip
        appointment.status = A.RELIEVED
    else:
        appointment.status = A.NOT_APPOINTED
    if appointment.carried:
        days = int(param("appointment.notice_days"))
        appointment.notice_due_on = ctx.today + dt.timedelta(days=days)
    appointment.save()
    ctx.changes.update(result=tally.get("result"), yes=tally.get("yes"), poll=poll.pk)
    return appointment


def _has_poll(ctx: ActionContext, appointment: Appointment) -> None:
    if appointment.poll_id is None:
        raise Conflict("no_poll", _("尚未提请表决。"))


@action(
    "appointments.appointment.record_vote",
    model=Appointment,
    subject="appointment",
    sources={A.VOTING},
    permission=MANAGE,
    precondition=_has_poll,
    rule="§7.6",
    label=_("登记表决结果"),
    audit="appointments.appointment.decided",
)
def appointment_record_vote(ctx: ActionContext, *, appointment: Appointment) -> Appointment:
    """The office's button, after a manual count: carry the sealed vote."""
    return _carry_vote(ctx, appointment=appointment)


@action(
    "appointments.appointment.carry_vote",
    model=Appointment,
    subject="appointment",
    sources={A.VOTING},
    permission=SYSTEM,
    precondition=_has_poll,
    rule="§7.6",
    label=_("表决封存后登记结果"),
    audit="appointments.appointment.decided",
)
def appointment_carry_vote(ctx: ActionContext, *, appointment: Appointment) -> Appointment:
    """The sealed poll records its result on its own (the seal is the authority)."""
    return _carry_vote(ctx, appointment=appointment)


@action(
    "appointments.appointment.defer",
    model=Appointment,
    subject="appointment",
    sources={A.NOMINATED},
    target=A.DEFERRED,
    permission=MANAGE,
    rule="§7.13",
    label=_("登记主任会议暂缓任免的决定"),
)
def appointment_defer(
    ctx: ActionContext, *, appointment: Appointment, decided_on: dt.date | None, reason: str
) -> Appointment:
    """The council of chairpersons decided not to put the motion to the vote for now."""
    validation.required(decided_on, "decided_on", _("决定日期"))
    if decided_on > ctx.today or decided_on < appointment.nominated_on:
        raise DomainError("date_invalid", _("决定日期应在提请日期和今天之间。"), field="decided_on")  # fmt: skip
    appointment.closing_note = validation.text(reason, field="reason", label=_("暂缓的理由"), max_length=200)  # fmt: skip
    appointment.decided_on = decided_on
    appointment.save(update_fields=["closing_note", "decided_on", "updated_at"])
    ctx.changes.update(decided_on=str(decided_on), reason=appointment.closing_note)
    return appointment


@action(
    "appointments.appointment.withdraw",
    model=Appointment,
    subject="appointment",
    sources={A.NOMINATED, A.DEFERRED},
    target=A.WITHDRAWN,
    permission=MANAGE,
    rule="§7.6",
    label=_("撤回提请"),
)
def appointment_withdraw(ctx: ActionContext, *, appointment: Appointment, reason: str) -> Appointment:  # fmt: skip
    """The nominating body withdraws the motion before the vote."""
    appointment.closing_note = validation.text(reason, field="reason", label=_("说明"), max_length=200)  # fmt: skip
    appointment.save(update_fields=["closing_note", "updated_at"])
    ctx.changes.update(reason=appointment.closing_note)
    return appointment


def _to_appoint(ctx: ActionContext, appointment: Appointment) -> None:
    if appointment.kind not in (K.APPOINT, K.ACTING):
        raise Conflict("not_an_appointment", _("只有任命事项有供职发言。"))


@action(
    "appointments.appointment.record_statement",
    model=Appointment,
    subject="appointment",
    sources={A.NOMINATED, A.DEFERRED},
    permission=MANAGE,
    precondition=_to_appoint,
    precondition_hides=True,
    rule="§7.9",
    label=_("登记供职发言"),
)
def appointment_record_statement(
    ctx: ActionContext, *, appointment: Appointment, statement: str, in_writing: bool = False
) -> Appointment:
    """The candidate's statement before appointment; made in writing when absent. It goes
    on the meeting's agenda ahead of the vote when the motion is put to it."""
    appointment.statement = validation.text(statement, field="statement", label=_("供职发言"), max_length=6000)  # fmt: skip
    appointment.statement_in_writing = bool(in_writing)
    appointment.save(update_fields=["statement", "statement_in_writing", "updated_at"])
    ctx.changes.update(in_writing=appointment.statement_in_writing, length=len(appointment.statement))  # fmt: skip
    return appointment


APPOINTMENT_ACTIONS = (
    appointment_record_statement,
    appointment_put_to_vote,
    appointment_record_vote,
    appointment_defer,
    appointment_withdraw,
)
