"""Decisions and resolutions: proposed with their poll, recorded from the sealed result, published (rules §6.1)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.actions import SYSTEM, ActionContext, SystemActor, action
from renda.core.errors import Conflict
from renda.core.tallies import tally_record

from .. import workflow
from ..models import Decision, Matter
from ._common import MANAGE, MAX_TITLE, _choice, _text

M = Matter.Status
D = Decision.Status


def _proposable(ctx: ActionContext, matter: Matter) -> None:
    """Precondition: the matter is on an agenda and has no pending or adopted decision."""
    if matter.agenda_item_id is None:
        raise Conflict("matter_not_scheduled", _("请先将该事项列入常委会会议议程。"))
    if Decision.objects.filter(matter=matter).exclude(status=D.REJECTED).exists():
        raise Conflict("decision_exists", _("该事项已有待表决或已通过的决定。"))


@action(
    "decisions.decision.propose",
    model=Decision,
    subject="matter",
    sources=workflow.PROPOSE_SOURCES,
    permission=MANAGE,
    precondition=_proposable,
    precondition_hides=True,
    rule="§6.1",
    label=_("提请表决"),
    audit="decisions.decision.proposed",
)
def decision_propose(
    ctx: ActionContext, *, matter: Matter, kind: str, title: str, text: str
) -> Decision:
    """Propose a decision or resolution and create its poll (kind decision) on the agenda item (rules §6.1)."""
    from renda.meetings.models import AgendaItem
    from renda.voting.models import Poll
    from renda.voting.services import poll_create

    title = _text(title, field="title", label=_("标题"), max_length=MAX_TITLE)
    text = _text(text, field="text", label=_("正文"))
    kind = _choice(kind, workflow.DECISION_KINDS[matter.kind], field="kind", label=_("类别"))
    item = AgendaItem.objects.select_related("meeting").get(pk=matter.agenda_item_id)
    poll = poll_create(actor=ctx.user, agenda_item=item, kind=Poll.Kind.DECISION, title=title)
    decision = Decision.objects.create(matter=matter, kind=kind, title=title, text=text, poll=poll)
    ctx.changes.update(matter=matter.pk, kind=kind, poll=poll.pk)
    return decision


def _record(ctx: ActionContext, decision: Decision) -> Decision:
    """Take the sealed tally onto the decision and its matter; a recorded decision is left as it is."""
    from renda.voting.models import Poll

    if decision.status != D.PENDING:
        ctx.audited = False
        return decision
    poll = Poll.objects.select_related("seal").get(pk=decision.poll_id)
    if poll.status != Poll.Status.SEALED:
        raise Conflict("poll_not_sealed", _("表决尚未结束并封存，不能登记结果。"))
    tally = poll.seal.tally
    passed = tally.get("result") == "passed"
    decision.tally = tally_record(poll.seal)
    decision.status = D.ADOPTED if passed else D.REJECTED
    decision.decided_on = timezone.localtime(poll.seal.sealed_at).date()
    decision.recorded_at = ctx.now
    decision.save()
    matter = Matter.objects.select_for_update().get(pk=decision.matter_id)
    old = matter.status
    matter.status = M.DECIDED if passed else M.REJECTED
    matter.save(update_fields=["status", "updated_at"])
    decision.matter = matter
    ctx.changes.update(
        result=tally.get("result"),
        yes=tally.get("yes"),
        threshold=tally.get("threshold"),
        matter_status=[old, matter.status],
        fingerprint=poll.seal.fingerprint,
        automatic=isinstance(ctx.actor, SystemActor),
    )
    return decision


#: A recorded decision stays as it is (adopted, rejected or already published): no event.
RECORD_OUTCOMES = workflow.DECISION_OUTCOMES | {D.PUBLISHED}


@action(
    "decisions.decision.record",
    model=Decision,
    subject="decision",
    outcomes=RECORD_OUTCOMES,
    permission=MANAGE,
    rule="§6.1",
    label=_("登记表决结果"),
    audit="decisions.decision.recorded",
)
def decision_record_outcome(ctx: ActionContext, *, decision: Decision) -> Decision:
    """Record the sealed result of the decision's poll: adopted or not (rules §6.1, §8.8).

    The office's button, for a manual count; normally the result is recorded when the
    poll is sealed (:func:`decision_record_sealed`). Once recorded it changes nothing and
    returns the decision as it is.
    """
    return _record(ctx, decision)


@action(
    "decisions.decision.record_sealed",
    model=Decision,
    subject="decision",
    outcomes=RECORD_OUTCOMES,
    permission=SYSTEM,
    rule="§6.1",
    label=_("登记表决结果"),
    audit="decisions.decision.recorded",
)
def decision_record_sealed(ctx: ActionContext, *, decision: Decision) -> Decision:
    """The ``poll_sealed`` effect: the seal is the authority, so the person who closed the poll
    (``ctx.user``, audited as the actor) needs no decisions permission."""
    return _record(ctx, decision)


@action(
    "decisions.decision.publish",
    model=Decision,
    subject="decision",
    sources=workflow.DECISION_PUBLISH_SOURCES,
    target=D.PUBLISHED,
    permission=MANAGE,
    rule="§6.1",
    label=_("公布"),
    audit="decisions.decision.published",
)
def decision_publish(ctx: ActionContext, *, decision: Decision) -> Decision:
    """Publish an adopted decision, resolution or revocation on the public website."""
    decision.published_at = ctx.now
    decision.save(update_fields=["published_at", "updated_at"])
    ctx.changes["kind"] = decision.kind
    return decision
