"""By-elections (补选) and the credentials committee's review (选举法 Art. 57; 代表法 Art. 48).

The office records the result of a by-election held to fill a vacancy of the term; the
credentials committee (代表资格审查委员会) reports whether the election is valid; the
standing committee decides on the report by a vote of its members — a decision poll on an
agenda item of one of its meetings, whose sealed result is carried here on its own. An adopted
report that finds the election valid confirms the qualification: the mandate is created (the
composition figures and the vacancies read it) and the announcement is published; one that
finds it invalid makes the election void. A report the members do not adopt goes back to the
committee.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.meetings.models import Meeting
from renda.people.models import Deputy, Organization, Person
from renda.people.selectors import current_term

from ..hooks import BY_ELECTION_DECIDED
from ..models import ByElection
from ..selectors import BY_ELECTION_FILLS, ENDED_STATUSES
from ._common import record_text

MANAGE = "deputies.manage"
B = ByElection.Status
F = ByElection.Finding
#: A by-election that still fills (or filled) its vacancy.
LIVE = BY_ELECTION_FILLS


@action(
    "deputies.byelection.record",
    model=ByElection,
    permission=MANAGE,
    rule="§2.2",
    label=_("登记补选结果"),
    refs={"person": Person, "vacated": Deputy, "delegation": Organization},
)
def byelection_record(
    ctx: ActionContext,
    *,
    person: Person | None,
    held_on: dt.date | None,
    vacated: Deputy | None = None,
    constituency: str = "",
    electing_unit: str = "",
    delegation: Organization | None = None,
    occupation_category: str = Deputy.Occupation.OTHER,
    candidates: int | None = 1,
    result: str = "",
) -> ByElection:
    """Record who was elected to fill a vacancy, for the credentials committee's review."""
    term = current_term()
    if term is None:
        raise Conflict("no_term", _("尚未设立本届，不能登记补选。"))
    validation.required(person, "person", _("当选人"))
    validation.required(held_on, "held_on", _("补选日期"))
    if held_on > ctx.today or held_on < term.start_date:
        raise DomainError("date_invalid", _("补选日期应在本届开始之日和今天之间。"), field="held_on")  # fmt: skip
    validation.choice(occupation_category, Deputy.Occupation.values, field="occupation_category")
    if candidates is None or candidates < 1 or candidates > 99:
        raise DomainError("out_of_range", _("候选人数应在1到99之间。"), field="candidates")
    if delegation is not None and delegation.kind != Organization.Kind.DELEGATION:
        raise DomainError("not_a_delegation", _("“{name}”不是代表团。"), field="delegation", name=delegation.name)  # fmt: skip
    if Deputy.objects.filter(person=person, term=term).exists():
        raise Conflict("deputy_exists", _("{name}已是本届代表。"), field="person", name=person.name)
    if ByElection.objects.filter(person=person, term=term, status__in=LIVE).exists():
        raise Conflict("byelection_open", _("{name}已有补选登记在审查中。"), field="person", name=person.name)  # fmt: skip
    if vacated is not None:
        if vacated.term_id != term.pk or vacated.status not in ENDED_STATUSES:
            raise DomainError("not_vacant", _("{name}的代表职务尚未终止，不是本届缺额。"), field="vacated", name=vacated.person.name)  # fmt: skip
        if vacated.by_elections.filter(status__in=LIVE).exists():
            raise Conflict("vacancy_filled", _("{name}的缺额已有补选。"), field="vacated", name=vacated.person.name)  # fmt: skip
        constituency = constituency or vacated.constituency
        electing_unit = electing_unit or vacated.electing_unit
    constituency = validation.text(constituency, field="constituency", label=_("选区"), required=False, max_length=80)  # fmt: skip
    electing_unit = validation.text(electing_unit, field="electing_unit", label=_("原选举单位"), required=False, max_length=80)  # fmt: skip
    if not (constituency or electing_unit):
        raise DomainError("field_required", _("请填写选区或原选举单位。"), field="constituency")
    by = ByElection.objects.create(
        term=term, vacated=vacated, person=person, constituency=constituency,
        electing_unit=electing_unit, delegation=delegation, occupation_category=occupation_category,
        held_on=held_on, candidates=candidates, created_by=ctx.user,
        result=validation.text(result, field="result", label=_("选举结果"), required=False, max_length=2000),
    )  # fmt: skip
    ctx.audit_object = by
    ctx.changes.update(person=person.pk, held_on=str(held_on), vacated=vacated.pk if vacated else None)  # fmt: skip
    return by


@action(
    "deputies.byelection.report",
    model=ByElection,
    subject="by_election",
    sources={B.ELECTED},
    target=B.REPORTED,
    permission=MANAGE,
    rule="§2.2",
    label=_("登记资格审查委员会的报告"),
)
def byelection_report(
    ctx: ActionContext,
    *,
    by_election: ByElection,
    finding: str,
    report: str,
    reported_on: dt.date | None = None,
) -> ByElection:
    """Record the credentials committee's report: whether the election is valid, and why."""
    validation.choice(finding, F.values, field="finding")
    by_election.report = validation.text(report, field="report", label=_("资格审查报告"), max_length=4000)  # fmt: skip
    on = reported_on or ctx.today
    if on > ctx.today or on < by_election.held_on:
        raise DomainError("date_invalid", _("报告日期应在补选日期和今天之间。"), field="reported_on")  # fmt: skip
    by_election.finding, by_election.reported_on = finding, on
    by_election.closing_note = ""
    by_election.save()
    ctx.changes.update(finding=finding, reported_on=str(on))
    return by_election


@action(
    "deputies.byelection.put_to_vote",
    model=ByElection,
    subject="by_election",
    sources={B.REPORTED},
    target=B.VOTING,
    permission=MANAGE,
    rule="§2.2",
    label=_("提请常委会会议表决"),
    refs={"meeting": Meeting},
)
def byelection_put_to_vote(
    ctx: ActionContext, *, by_election: ByElection, meeting: Meeting | None
) -> ByElection:
    """Put the committee's report on the agenda of a standing-committee meeting with a
    decision poll; the chair opens and closes it with the meeting's other votes."""
    from renda.meetings.services import agenda_item_add
    from renda.voting.services import poll_create

    validation.required(meeting, "meeting", _("常委会会议"))
    if meeting.kind != Meeting.Kind.SC_MEETING or meeting.status == Meeting.Status.CLOSED:
        raise DomainError("not_sc_meeting", _("请选择尚未闭会的常委会会议。"), field="meeting")
    title = str(_("代表资格审查委员会关于{name}代表资格的审查报告")).format(name=by_election.person.name)  # fmt: skip
    item = agenda_item_add(
        actor=ctx.user, meeting=meeting, kind="election", title=title[:200],
        description=by_election.report[:2000], now=ctx.now,
    )  # fmt: skip
    poll = poll_create(actor=ctx.user, agenda_item=item, kind="decision", now=ctx.now)
    by_election.agenda_item, by_election.poll = item, poll
    by_election.save(update_fields=["agenda_item", "poll", "updated_at"])
    ctx.changes.update(meeting=meeting.pk, agenda_item=item.pk, poll=poll.pk)
    return by_election


def _announcement(by: ByElection, seated: int) -> str:
    place = by.constituency or by.electing_unit
    if by.finding == F.VALID:
        text = _(
            "{place}补选的{name}为{term}人民代表大会代表。经代表资格审查委员会审查，"
            "常务委员会确认{name}的代表资格有效，予以公告。本届人民代表大会现有代表{seated}名。"
        )
    else:
        text = _(
            "经代表资格审查委员会审查，{place}补选{name}为{term}人民代表大会代表违反法律规定，"
            "常务委员会确定其当选无效，予以公告。"
        )
    return record_text(text, place=place, name=by.person.name, term=by.term, seated=seated)


def _carry_vote(ctx: ActionContext, *, by_election: ByElection) -> ByElection:
    from renda.people.services import deputy_create
    from renda.voting.models import Poll

    poll = Poll.objects.select_related("seal").get(pk=by_election.poll_id)
    if poll.status != Poll.Status.SEALED:
        raise Conflict("poll_not_sealed", _("表决尚未结束并封存，不能登记结果。"))
    tally = poll.seal.tally
    by_election.tally = {k: tally.get(k) for k in ("result", "yes", "no", "abstain", "threshold")}
    by_election.decided_on = ctx.today
    if tally.get("result") != "passed":
        # The members did not adopt the report: it goes back to the committee.
        by_election.status = B.ELECTED
        by_election.closing_note = record_text(_("常委会会议未通过资格审查报告，待重新审查。"))
        by_election.agenda_item = by_election.poll = None
        by_election.save()
        ctx.changes.update(result=tally.get("result"), poll=poll.pk)
        return by_election
    if by_election.finding == F.VALID:
        if Deputy.objects.filter(person_id=by_election.person_id, term_id=by_election.term_id).exists():  # fmt: skip
            raise Conflict("deputy_exists", _("{name}已是本届代表。"), name=by_election.person.name)  # fmt: skip
        by_election.deputy = ctx.perform(
            deputy_create, person=by_election.person, term=by_election.term,
            delegation=by_election.delegation, constituency=by_election.constituency,
            electing_unit=by_election.electing_unit,
            occupation_category=by_election.occupation_category, elected_on=by_election.held_on,
        )  # fmt: skip
        by_election.status = B.CONFIRMED
    else:
        by_election.status = B.VOID
    seated = Deputy.objects.filter(term_id=by_election.term_id, status__in=[Deputy.Status.ACTIVE, Deputy.Status.SUSPENDED]).count()  # fmt: skip
    by_election.announcement = _announcement(by_election, seated)
    by_election.save()
    ctx.emit(BY_ELECTION_DECIDED, by_election_id=by_election.pk)
    ctx.changes.update(result=tally.get("result"), yes=tally.get("yes"), poll=poll.pk, status=by_election.status)  # fmt: skip
    return by_election


def _has_poll(ctx: ActionContext, by_election: ByElection) -> None:
    if by_election.poll_id is None:
        raise Conflict("no_poll", _("尚未提请表决。"))


@action(
    "deputies.byelection.record_vote",
    model=ByElection,
    subject="by_election",
    sources={B.VOTING},
    permission=MANAGE,
    precondition=_has_poll,
    rule="§2.2",
    label=_("登记表决结果"),
    audit="deputies.byelection.decided",
)
def byelection_record_vote(ctx: ActionContext, *, by_election: ByElection) -> ByElection:
    """The office's button, after a manual count: carry the sealed vote."""
    return _carry_vote(ctx, by_election=by_election)


@action(
    "deputies.byelection.carry_vote",
    model=ByElection,
    subject="by_election",
    sources={B.VOTING},
    permission=SYSTEM,
    precondition=_has_poll,
    rule="§2.2",
    label=_("表决封存后登记结果"),
    audit="deputies.byelection.decided",
)
def byelection_carry_vote(ctx: ActionContext, *, by_election: ByElection) -> ByElection:
    """The sealed poll records its result on its own (the seal is the authority)."""
    return _carry_vote(ctx, by_election=by_election)


@action(
    "deputies.byelection.cancel",
    model=ByElection,
    subject="by_election",
    sources={B.ELECTED, B.REPORTED},
    target=B.CANCELLED,
    permission=MANAGE,
    rule="§2.2",
    label=_("撤销补选登记"),
)
def byelection_cancel(ctx: ActionContext, *, by_election: ByElection, reason: str) -> ByElection:
    """Withdraw a record entered in error (the audit keeps it), before the vote."""
    by_election.closing_note = validation.text(reason, field="reason", label=_("说明"), max_length=200)  # fmt: skip
    by_election.save(update_fields=["closing_note", "updated_at"])
    ctx.changes.update(reason=by_election.closing_note)
    return by_election


BY_ELECTION_ACTIONS = (
    byelection_report,
    byelection_put_to_vote,
    byelection_record_vote,
    byelection_cancel,
)
