"""Supervision services: interpellations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.core.audit import audit_record
from renda.core.errors import DomainError, PermissionDenied
from renda.core.statute import params
from renda.meetings.models import Meeting
from renda.people.models import Jurisdiction, Organization, Person

from .. import (
    statute,  # noqa: F401  (registers the parameters)
    workflow,
)
from ..models import (
    Interpellation,
    InterpellationSigner,
)
from ._common import _check, _choice, _day, _now, _require, _text
from .inspections import sc_member_ids

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


def interpellation_submit(
    *,
    actor,
    title: str,
    text: str,
    body: Organization,
    signers: Sequence[Person],
    meeting: Meeting | None = None,
    now: dt.datetime | None = None,
) -> Interpellation:
    """Submit a written interpellation co-signed by enough members of the standing committee (§3.7)."""
    _require(actor, "supervision.interpellate")
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
    day = meeting.starts_on if meeting else _day(_now(now))
    members = sc_member_ids(day)
    outsiders = [p.name for p in people if p.pk not in members]
    if outsiders:
        raise DomainError(
            "not_sc_member",
            _("{name}不是常委会组成人员。"),
            field="signers",
            name="、".join(outsiders),
        )
    if (
        actor.person_id
        and not actor.has_perm("supervision.manage")
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
    with transaction.atomic():
        interp = Interpellation.objects.create(title=title, text=text, body=body, meeting=meeting)
        InterpellationSigner.objects.bulk_create(
            [
                InterpellationSigner(interpellation=interp, person=p, order=i)
                for i, p in enumerate(people)
            ]
        )
        audit_record(
            actor=actor,
            action="supervision.interpellation.submitted",
            obj=interp,
            changes={"body": body.pk, "signers": [p.pk for p in people], "threshold": need},
        )
    return interp


def interpellation_decide(
    *,
    actor,
    interpellation: Interpellation,
    mode: str,
    answer_meeting: Meeting | None = None,
    now: dt.datetime | None = None,
) -> Interpellation:
    """The chairpersons' council decides how the body answers: orally at a meeting or in writing."""
    _require(actor, "supervision.decide")
    mode = _choice(mode, Interpellation.Mode, field="mode")
    if mode == Interpellation.Mode.ORAL and answer_meeting is None:
        raise DomainError(
            "answer_meeting_required", _("口头答复须指定答复的会议。"), field="answer_meeting"
        )
    with transaction.atomic():
        locked = Interpellation.objects.select_for_update().get(pk=interpellation.pk)
        _check(workflow.INTERPELLATION_ACTIONS, "decide", locked)
        locked.mode, locked.answer_meeting, locked.decided_at = mode, answer_meeting, _now(now)
        locked.status = Interpellation.Status.MODE_DECIDED
        locked.save(update_fields=["mode", "answer_meeting", "decided_at", "status", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.interpellation.decided",
            obj=locked,
            changes={"mode": mode, "meeting": answer_meeting.pk if answer_meeting else None},
        )
    return locked


def interpellation_answer(
    *,
    actor,
    interpellation: Interpellation,
    answer: str,
    answered_by: str,
    now: dt.datetime | None = None,
) -> Interpellation:
    """Record the body's answer (given by its head)."""
    _require(actor, "supervision.manage")
    answer = _text(answer, field="answer", label=_("答复内容"))
    answered_by = _text(answered_by, field="answered_by", label=_("答复人"), max_length=60)
    with transaction.atomic():
        locked = Interpellation.objects.select_for_update().get(pk=interpellation.pk)
        _check(workflow.INTERPELLATION_ACTIONS, "answer", locked)
        locked.answer, locked.answered_by, locked.answered_at = answer, answered_by, _now(now)
        locked.status = Interpellation.Status.ANSWERED
        locked.save(update_fields=["answer", "answered_by", "answered_at", "status", "updated_at"])
        locked.signer_rows.update(dissatisfied=None)
        audit_record(
            actor=actor,
            action="supervision.interpellation.answered",
            obj=locked,
            changes={"round": locked.round, "answered_by": answered_by, "answer": answer[:500]},
        )
    return locked


def interpellation_feedback(
    *, actor, interpellation: Interpellation, dissatisfied: Sequence[int]
) -> Interpellation:
    """Record which proposers are dissatisfied; more than half → the body answers again (§3.7)."""
    _require(actor, "supervision.manage")
    with transaction.atomic():
        locked = Interpellation.objects.select_for_update().get(pk=interpellation.pk)
        _check(workflow.INTERPELLATION_ACTIONS, "feedback", locked)
        rows = list(locked.signer_rows.all())
        ids = {int(pk) for pk in dissatisfied}
        unknown = ids - {r.person_id for r in rows}
        if unknown:
            raise DomainError(
                "not_signer", _("所选人员不是该质询案的提出人。"), field="dissatisfied"
            )
        for r in rows:
            r.dissatisfied = r.person_id in ids
        InterpellationSigner.objects.bulk_update(rows, ["dissatisfied"])
        again = len(ids) * 2 > len(rows)
        if again:
            locked.status, locked.round = Interpellation.Status.REANSWER, locked.round + 1
        else:
            locked.status = Interpellation.Status.CLOSED
        locked.save(update_fields=["status", "round", "updated_at"])
        audit_record(
            actor=actor,
            action="supervision.interpellation.feedback",
            obj=locked,
            changes={"dissatisfied": sorted(ids), "proposers": len(rows), "answer_again": again},
        )
    return locked
