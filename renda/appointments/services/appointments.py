"""Appointments by the standing committee (任命, rules.md §7.6–§7.10).

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
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.statute import param
from renda.meetings.models import Meeting
from renda.people.models import Membership, Person, Post
from renda.people.selectors import current_term

from ..models import Appointment
from ..selectors import valid_pass

MANAGE = "appointments.manage"
A = Appointment.Status
OPEN = (A.NOMINATED, A.VOTING, A.DEFERRED)


def _required(value, field: str, label) -> None:
    if value in (None, ""):
        raise DomainError("field_required", _("请填写{label}。"), field=field, label=label)


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
) -> Appointment:
    """Record a nomination received, refusing one barred by the failed-nomination rule."""
    term = current_term()
    if term is None:
        raise Conflict("no_term", _("尚未设立本届，不能提请任命。"))
    _required(person, "person", _("拟任命人员"))
    _required(post, "post", _("拟任职务"))
    _required(nominated_on, "nominated_on", _("提请日期"))
    validation.choice(nominator, Appointment.Nominator.values, field="nominator")
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
    if Membership.objects.filter(person=person, post=post, end_date__isnull=True).exists():
        raise Conflict("already_holds", _("{name}现任{post}。"), field="person", name=person.name, post=str(post))  # fmt: skip
    appointment = Appointment.objects.create(
        term=term, person=person, post=post, nominator=nominator, nominated_on=nominated_on,
        motion=motion, created_by=ctx.user,
    )  # fmt: skip
    ctx.audit_object = appointment
    ctx.changes.update(person=person.pk, post=post.pk, nominator=nominator, failed_before=failed)
    return appointment


@action(
    "appointments.appointment.put_to_vote",
    model=Appointment,
    subject="appointment",
    sources={A.NOMINATED},
    target=A.VOTING,
    permission=MANAGE,
    rule="§7.6, §7.7, §7.8",
    label=_("列入常委会会议表决"),
    refs={"meeting": Meeting},
)
def appointment_put_to_vote(
    ctx: ActionContext, *, appointment: Appointment, meeting: Meeting | None
) -> Appointment:
    """Put the motion on a meeting's agenda with a per-person poll, once the candidate holds
    a valid law-exam pass and the motion came in time."""
    from renda.meetings.services import agenda_item_add
    from renda.voting.services import poll_create

    _required(meeting, "meeting", _("常委会会议"))
    if meeting.kind != Meeting.Kind.SC_MEETING or meeting.status == Meeting.Status.CLOSED:
        raise DomainError("not_sc_meeting", _("请选择尚未闭会的常委会会议。"), field="meeting")
    person = appointment.person
    if valid_pass(person, appointment.term) is None:
        raise Conflict("exam_not_passed", _("{name}尚未通过本届任前法律知识考试，不能提请表决（规则7.8）。"), field="meeting", name=person.name)  # fmt: skip
    lead = int(param("appointment.motion_lead_days"))
    if (meeting.starts_on - appointment.nominated_on).days < lead:
        raise Conflict(
            "motion_late",
            _("任免议案应在会议举行{days}日前提请；该议案{on}提请，不能列入{day}的会议（规则7.7）。"),
            field="meeting", days=lead, on=appointment.nominated_on.isoformat(),
            day=meeting.starts_on.isoformat(),
        )  # fmt: skip
    title = str(_("任命{name}为{post}")).format(name=person.name, post=appointment.post)
    item = agenda_item_add(
        actor=ctx.user, meeting=meeting, kind="appointment", title=title[:200],
        description=appointment.motion[:2000], now=ctx.now,
    )  # fmt: skip
    poll = poll_create(actor=ctx.user, agenda_item=item, kind="appointment", nominee=person, now=ctx.now)  # fmt: skip
    appointment.agenda_item, appointment.poll = item, poll
    appointment.save(update_fields=["agenda_item", "poll", "updated_at"])
    ctx.changes.update(meeting=meeting.pk, agenda_item=item.pk, poll=poll.pk)
    return appointment


def _carry_vote(ctx: ActionContext, *, appointment: Appointment) -> Appointment:
    from renda.people.services import membership_create
    from renda.voting.models import Poll

    poll = Poll.objects.select_related("seal").get(pk=appointment.poll_id)
    if poll.status != Poll.Status.SEALED:
        raise Conflict("poll_not_sealed", _("表决尚未结束并封存，不能登记结果。"))
    tally = poll.seal.tally
    appointment.tally = {k: tally.get(k) for k in ("result", "yes", "no", "abstain", "threshold")}
    appointment.decided_on = ctx.today
    if tally.get("result") == "passed":
        post = appointment.post
        appointment.membership = ctx.perform(
            membership_create, person=appointment.person, organization=post.organization,
            post=post, role=post.role, term=appointment.term, start_date=ctx.today,
        )  # fmt: skip
        appointment.status = A.APPOINTED
    else:
        appointment.status = A.NOT_APPOINTED
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
    label=_("登记主任会议暂缓任命的决定"),
)
def appointment_defer(
    ctx: ActionContext, *, appointment: Appointment, decided_on: dt.date | None, reason: str
) -> Appointment:
    """The council of chairpersons decided not to put the motion to the vote for now."""
    _required(decided_on, "decided_on", _("决定日期"))
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


APPOINTMENT_ACTIONS = (
    appointment_put_to_vote,
    appointment_record_vote,
    appointment_defer,
    appointment_withdraw,
)
