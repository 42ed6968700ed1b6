"""Supervision services: interpellations."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import DomainError, PermissionDenied
from renda.core.statute import params
from renda.meetings.models import Meeting
from renda.people.models import Jurisdiction, Organization, Person

from .. import (
    statute,  # noqa: F401  (registers the parameters)
)
from ..models import (
    Interpellation,
    InterpellationSigner,
)
from ._common import DECIDE, MANAGE, _choice, _text
from .inspections import sc_member_ids

I = Interpellation.Status  # noqa: E741
#: Members sign interpellations; the office records paper ones for them.
INTERPELLATE = "supervision.interpellate"

# -- interpellations (rules §3.7) ----------------------------------------------------------


def interpellation_threshold() -> int:
    """Co-signers needed: ≥ 5 members in a city, ≥ 3 in a county (监督法 Art. 51)."""
    level = Jurisdiction.objects.values_list("level", flat=True).first()
    p = params(
        "supervision.interpellation_signers_city", "supervision.interpellation_signers_county"
    )
    if level == Jurisdiction.Level.COUNTY:
        return int(p["supervision.interpellation_signers_county"])
    return int(p["supervision.interpellation_signers_city"])


@action(
    "supervision.interpellation.submit",
    model=Interpellation,
    permission=INTERPELLATE,
    rule="§3.7",
    label=_("提出质询案"),
    audit="supervision.interpellation.submitted",
)
def interpellation_submit(
    ctx: ActionContext,
    *,
    title: str,
    text: str,
    body: Organization,
    signers: Sequence[Person],
    meeting: Meeting | None = None,
) -> Interpellation:
    """Submit a written interpellation co-signed by enough members of the standing committee (§3.7)."""
    title = _text(title, field="title", label=_("案由"), max_length=200)
    text = _text(text, field="text", label=_("质询的问题和内容"))
    if body is None or body.kind not in (
        Organization.Kind.GOVERNMENT,
        Organization.Kind.GOVERNMENT_DEPARTMENT,
        Organization.Kind.SUPERVISORY_COMMISSION,
        Organization.Kind.COURT,
        Organization.Kind.PROCURATORATE,
    ):
        raise DomainError(
            "body_invalid",
            _("质询对象须为本级人民政府及其部门、监察委员会、人民法院或人民检察院。"),
            field="body",
        )
    people = list(dict.fromkeys(signers))
    day = meeting.starts_on if meeting else ctx.today
    members = sc_member_ids(day)
    outsiders = [p.name for p in people if p.pk not in members]
    if outsiders:
        raise DomainError(
            "not_sc_member",
            _("{name}不是常委会组成人员。"),
            field="signers",
            name="、".join(outsiders),
        )
    actor = ctx.actor
    if (
        actor.person_id
        and not actor.has_perm(MANAGE)
        and actor.person_id not in {p.pk for p in people}
    ):
        raise PermissionDenied("not_signer", _("联名人须包括您本人。"))
    need = interpellation_threshold()
    if len(people) < need:
        raise DomainError(
            "too_few_signers",
            _("质询案须由常委会组成人员{need}人以上联名提出，现有{count}人（§3.7）。"),
            field="signers",
            need=need,
            count=len(people),
        )
    interp = Interpellation.objects.create(title=title, text=text, body=body, meeting=meeting)
    InterpellationSigner.objects.bulk_create(
        [
            InterpellationSigner(interpellation=interp, person=p, order=i)
            for i, p in enumerate(people)
        ]
    )
    ctx.changes.update(body=body.pk, signers=[p.pk for p in people], threshold=need)
    return interp


@action(
    "supervision.interpellation.decide",
    model=Interpellation,
    subject="interpellation",
    sources={I.SUBMITTED},
    target=I.MODE_DECIDED,
    permission=DECIDE,
    rule="§3.7",
    label=_("主任会议决定答复方式"),
    audit="supervision.interpellation.decided",
)
def interpellation_decide(
    ctx: ActionContext,
    *,
    interpellation: Interpellation,
    mode: str,
    answer_meeting: Meeting | None = None,
) -> Interpellation:
    """The chairpersons' council decides how the body answers: orally at a meeting or in writing."""
    mode = _choice(mode, Interpellation.Mode, field="mode")
    if mode == Interpellation.Mode.ORAL and answer_meeting is None:
        raise DomainError(
            "answer_meeting_required", _("口头答复须指定答复的会议。"), field="answer_meeting"
        )
    interp = interpellation
    interp.mode, interp.answer_meeting, interp.decided_at = mode, answer_meeting, ctx.now
    interp.status = I.MODE_DECIDED
    interp.save(update_fields=["mode", "answer_meeting", "decided_at", "status", "updated_at"])
    ctx.changes.update(mode=mode, meeting=answer_meeting.pk if answer_meeting else None)
    return interp


@action(
    "supervision.interpellation.answer",
    model=Interpellation,
    subject="interpellation",
    sources={I.MODE_DECIDED, I.REANSWER},
    target=I.ANSWERED,
    permission=MANAGE,
    rule="§3.7",
    label=_("登记答复"),
    audit="supervision.interpellation.answered",
)
def interpellation_answer(
    ctx: ActionContext, *, interpellation: Interpellation, answer: str, answered_by: str
) -> Interpellation:
    """Record the body's answer (given by its head)."""
    answer = _text(answer, field="answer", label=_("答复内容"))
    answered_by = _text(answered_by, field="answered_by", label=_("答复人"), max_length=60)
    interp = interpellation
    interp.answer, interp.answered_by, interp.answered_at = answer, answered_by, ctx.now
    interp.status = I.ANSWERED
    interp.save(update_fields=["answer", "answered_by", "answered_at", "status", "updated_at"])
    interp.signer_rows.update(dissatisfied=None)
    ctx.changes.update(round=interp.round, answered_by=answered_by, answer=answer[:500])
    return interp


@action(
    "supervision.interpellation.feedback",
    model=Interpellation,
    subject="interpellation",
    sources={I.ANSWERED},
    outcomes={I.REANSWER, I.CLOSED},
    permission=MANAGE,
    rule="§3.7",
    label=_("提出人对答复的意见"),
    audit="supervision.interpellation.feedback",
)
def interpellation_feedback(
    ctx: ActionContext, *, interpellation: Interpellation, dissatisfied: Sequence[int]
) -> Interpellation:
    """Record which proposers are dissatisfied; more than half → the body answers again (§3.7)."""
    interp = interpellation
    rows = list(interp.signer_rows.all())
    ids = {int(pk) for pk in dissatisfied}
    unknown = ids - {r.person_id for r in rows}
    if unknown:
        raise DomainError("not_signer", _("所选人员不是该质询案的提出人。"), field="dissatisfied")
    for r in rows:
        r.dissatisfied = r.person_id in ids
    InterpellationSigner.objects.bulk_update(rows, ["dissatisfied"])
    again = len(ids) * 2 > len(rows)
    if again:
        interp.status, interp.round = I.REANSWER, interp.round + 1
    else:
        interp.status = I.CLOSED
    interp.save(update_fields=["status", "round", "updated_at"])
    ctx.changes.update(dissatisfied=sorted(ids), proposers=len(rows), answer_again=again)
    return interp
