"""Elections by the congress at its session (选举, rules.md §7.2–§7.4).

The office opens an election for a post at a session of the congress, with the number to
elect. Candidates are nominated by the presidium or jointly by at least
``election.joint_nominators_city`` (20) deputies of a city's congress, or
``election.joint_nominators_county`` (10) of a county's (§7.3); neither the presidium nor a
deputy may put forward more candidates than there are seats. Nomination and consultation
last at least ``election.nomination_days`` (2) days (§7.2) before the slate goes to the vote;
the voting core refuses a slate outside the competitive margins of §7.2 and counts the
secret ballot against all deputies (§7.4). Its sealed result is carried here: those elected
hold the post from that day; seats left empty are reported for a further election.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.core.statute import param
from renda.meetings.models import Meeting
from renda.people.models import Deputy, Jurisdiction, Membership, Person, Post
from renda.people.selectors import current_term, jurisdiction
from renda.voting.models import Poll

from ..models import Election, Nomination

MANAGE = "appointments.manage"
E = Election.Status
N = Nomination.Status


def joint_threshold() -> int:
    """How many deputies must join to nominate a candidate at this level (§7.3)."""
    j = jurisdiction()
    level = j.level if j else Jurisdiction.Level.CITY
    key = "county" if level == Jurisdiction.Level.COUNTY else "city"
    return int(param(f"election.joint_nominators_{key}"))


@action(
    "appointments.election.open",
    model=Election,
    permission=MANAGE,
    rule="§7.2",
    label=_("登记选举事项"),
    refs={"meeting": Meeting, "post": Post},
)
def election_open(
    ctx: ActionContext,
    *,
    meeting: Meeting | None,
    post: Post | None,
    seats: int | None,
    office_kind: str,
) -> Election:
    """Open nominations for an election at a session of the congress."""
    term = current_term()
    if term is None:
        raise Conflict("no_term", _("尚未设立本届，不能登记选举。"))
    validation.required(meeting, "meeting", _("大会会议"))
    validation.required(post, "post", _("选举职务"))
    validation.required(seats, "seats", _("应选人数"))
    validation.choice(office_kind, Poll.OfficeKind.values, field="office_kind")
    if meeting.kind != Meeting.Kind.CONGRESS_SESSION or meeting.status == Meeting.Status.CLOSED:
        raise DomainError("not_congress_session", _("请选择尚未闭会的人民代表大会会议。"), field="meeting")  # fmt: skip
    if not post.elected_or_appointed:
        raise DomainError("post_not_elected", _("“{post}”不由人民代表大会选举。"), field="post", post=str(post))  # fmt: skip
    if not 1 <= int(seats) <= 99:
        raise DomainError("invalid_seats", _("应选人数应为1至99人。"), field="seats")
    if Election.objects.filter(meeting=meeting, post=post, status__in=(E.NOMINATING, E.VOTING)).exists():  # fmt: skip
        raise Conflict("election_open", _("本次会议已有该职务的选举事项。"), field="post")
    election = Election.objects.create(
        term=term, meeting=meeting, post=post, seats=int(seats), office_kind=office_kind,
        opened_on=ctx.today, created_by=ctx.user,
    )  # fmt: skip
    ctx.audit_object = election
    ctx.changes.update(meeting=meeting.pk, post=post.pk, seats=int(seats), office_kind=office_kind)
    return election


@action(
    "appointments.election.nominate",
    model=Election,
    subject="election",
    sources={E.NOMINATING},
    permission=MANAGE,
    rule="§7.3",
    label=_("登记候选人提名"),
    refs={"person": Person, "deputies": Deputy},
)
def election_nominate(
    ctx: ActionContext,
    *,
    election: Election,
    person: Person | None,
    by: str,
    deputies: Sequence[Deputy] = (),
) -> Nomination:
    """Record a candidate: by the presidium, or jointly by enough deputies of this congress;
    no one nominates more candidates than there are seats (§7.3)."""
    validation.required(person, "person", _("候选人"))
    validation.choice(by, Nomination.By.values, field="by")
    live = election.nominations.filter(status=N.NOMINATED)
    if live.filter(person=person).exists():
        raise Conflict("already_nominated", _("{name}已是候选人。"), field="person", name=person.name)  # fmt: skip
    sponsors = list({d.pk: d for d in deputies or ()}.values())
    if by == Nomination.By.PRESIDIUM:
        if sponsors:
            raise DomainError("sponsors_not_allowed", _("主席团提名不需要联名代表。"), field="deputies")  # fmt: skip
        if live.filter(by=by).count() >= election.seats:
            raise Conflict("too_many_nominees", _("主席团提名的候选人不得多于应选人数（{seats}人）。"), field="person", seats=election.seats)  # fmt: skip
    else:
        need = joint_threshold()
        if len(sponsors) < need:
            raise DomainError(
                "too_few_sponsors",
                _("代表联合提名须有{need}名以上代表联名，现为{count}名（规则7.3）。"),
                field="deputies", need=need, count=len(sponsors),
            )  # fmt: skip
        seated = (Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED)
        if any(d.term_id != election.term_id or d.status not in seated for d in sponsors):
            raise DomainError("sponsor_not_deputy", _("联名人应为本届在任代表。"), field="deputies")  # fmt: skip
        used = dict(
            Nomination.sponsors.through.objects.filter(
                nomination__election=election, nomination__status=N.NOMINATED,
                deputy__in=sponsors,
            ).values_list("deputy").annotate(n=Count("id"))
        )  # fmt: skip
        over = [d for d in sponsors if used.get(d.pk, 0) >= election.seats]
        if over:
            raise Conflict(
                "too_many_nominees",
                _("{name}等代表联名提名的候选人已达应选人数（{seats}人），不能再联名。"),
                field="deputies", name=over[0].person.name, seats=election.seats,
            )  # fmt: skip
    nomination = Nomination.objects.create(
        election=election, person=person, by=by, nominated_on=ctx.today
    )
    if sponsors:
        nomination.sponsors.set(sponsors)
    ctx.changes.update(person=person.pk, by=by, sponsors=len(sponsors))
    return nomination


@action(
    "appointments.election.put_to_vote",
    model=Election,
    subject="election",
    sources={E.NOMINATING},
    target=E.VOTING,
    permission=MANAGE,
    rule="§7.2, §7.4",
    label=_("提交大会选举"),
)
def election_put_to_vote(ctx: ActionContext, *, election: Election) -> Election:
    """Fix the slate after the consultation and put it to the session's secret ballot."""
    from renda.meetings.services import agenda_item_add
    from renda.voting.services import poll_create

    days = int(param("election.nomination_days"))
    if (ctx.today - election.opened_on).days < days:
        raise Conflict(
            "consultation_too_short",
            _("提名、酝酿候选人的时间不得少于{days}日；本选举{day}开始提名（规则7.2）。"),
            days=days, day=election.opened_on.isoformat(),
        )  # fmt: skip
    if election.meeting.status == Meeting.Status.CLOSED:
        raise Conflict("meeting_closed", _("会议已闭会。"))
    slate = [n.person for n in election.nominations.filter(status=N.NOMINATED).select_related("person")]  # fmt: skip
    title = str(_("选举{post}")).format(post=election.post)
    item = agenda_item_add(
        actor=ctx.user, meeting=election.meeting, kind="election", title=title[:200], now=ctx.now
    )
    poll = poll_create(
        actor=ctx.user, agenda_item=item, kind="election", candidates=slate,
        seats=election.seats, office_kind=election.office_kind, now=ctx.now,
    )  # fmt: skip
    election.agenda_item, election.poll = item, poll
    election.save(update_fields=["agenda_item", "poll", "updated_at"])
    ctx.changes.update(agenda_item=item.pk, poll=poll.pk, candidates=len(slate))
    return election


def _carry(ctx: ActionContext, election: Election) -> Election:
    from renda.people.services import membership_create

    poll = Poll.objects.select_related("seal").get(pk=election.poll_id)
    if poll.status != Poll.Status.SEALED:
        raise Conflict("poll_not_sealed", _("选举尚未结束并封存，不能登记结果。"))
    tally = poll.seal.tally
    elected = set(tally.get("elected") or [])
    post = election.post
    for n in election.nominations.filter(status=N.NOMINATED).select_related("person"):
        if n.person_id in elected:
            n.membership = ctx.perform(
                membership_create, person=n.person, organization=post.organization, post=post,
                role=post.role, term=election.term, start_date=ctx.today,
                obtained=Membership.Obtained.ELECTION,
            )  # fmt: skip
            n.status = N.ELECTED
        else:
            n.status = N.NOT_ELECTED
        n.save(update_fields=["membership", "status", "updated_at"])
    election.tally = dict(tally)
    election.decided_on = ctx.today
    election.status = E.ELECTED if len(elected) >= election.seats else E.INCOMPLETE
    election.save()
    ctx.changes.update(elected=sorted(elected), poll=poll.pk)
    return election


def _has_poll(ctx: ActionContext, election: Election) -> None:
    if election.poll_id is None:
        raise Conflict("no_poll", _("尚未提交选举。"))


@action(
    "appointments.election.record_vote",
    model=Election,
    subject="election",
    sources={E.VOTING},
    permission=MANAGE,
    precondition=_has_poll,
    rule="§7.4",
    label=_("登记选举结果"),
    audit="appointments.election.decided",
)
def election_record_vote(ctx: ActionContext, *, election: Election) -> Election:
    """The office's button after a count by hand: carry the sealed result."""
    return _carry(ctx, election)


@action(
    "appointments.election.carry_vote",
    model=Election,
    subject="election",
    sources={E.VOTING},
    permission=SYSTEM,
    precondition=_has_poll,
    rule="§7.4",
    label=_("选举封存后登记结果"),
    audit="appointments.election.decided",
)
def election_carry_vote(ctx: ActionContext, *, election: Election) -> Election:
    """The sealed ballot records its result on its own (the seal is the authority)."""
    return _carry(ctx, election)


@action(
    "appointments.election.withdraw",
    model=Election,
    subject="election",
    sources={E.NOMINATING},
    target=E.WITHDRAWN,
    permission=MANAGE,
    rule="§7.2",
    label=_("撤销选举事项"),
)
def election_withdraw(ctx: ActionContext, *, election: Election, reason: str) -> Election:
    """The presidium decided not to hold this election at the session."""
    election.closing_note = validation.text(reason, field="reason", label=_("说明"), max_length=200)  # fmt: skip
    election.save(update_fields=["closing_note", "updated_at"])
    ctx.changes.update(reason=election.closing_note)
    return election


ELECTION_ACTIONS = (
    election_nominate,
    election_put_to_vote,
    election_record_vote,
    election_withdraw,
)
