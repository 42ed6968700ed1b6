"""Assignment of suggestions (交办, rules §1.1, S27) through the casework engine, with the help's proposal.

:func:`propose_units` trains :class:`~renda.suggestions.assignment_help.AssignmentModel`
on the suggestions already assigned (cached until another one is assigned) and
proposes the lead unit and co-handlers; :func:`suggestion_assign` records that
proposal beside the staff's choice and hands the suggestion to the engine
(``case_create`` + ``case_assign``), whose deadlines, notices and handling follow.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from renda.casework import services as casework
from renda.casework.kinds import ensure_kind
from renda.casework.models import Assignment, CaseKind
from renda.core.actions import ActionContext, action
from renda.core.errors import DomainError
from renda.people.models import Organization

from .assignment_help import AssignmentModel, Example, Proposal
from .models import Suggestion
from .services import MANAGE

KIND_CODE = "suggestion"
SOURCE_TYPE = "suggestions.suggestion"

_cache_lock = threading.Lock()
_cache: dict[str, tuple[tuple, AssignmentModel]] = {}


def suggestion_kind() -> CaseKind:
    """The engine's kind for suggestions, with the rules §1 defaults (3/6 months, 1 month re-handling…)."""
    return ensure_kind(code=KIND_CODE, name="代表建议", publish_review=True)


def training_examples() -> list[Example]:
    """Past assignments: each assigned suggestion's text, its lead unit and co-handlers."""
    rows = (
        Assignment.objects.filter(case__suggestion__isnull=False)
        .exclude(status=Assignment.Status.RETURNED)
        .values_list(
            "case__suggestion__title", "case__suggestion__content", "unit_id", "role", "case_id"
        )
        .order_by("case_id", "id")
    )
    by_case: dict[int, dict] = {}
    for title, content, unit_id, role, case_id in rows:
        entry = by_case.setdefault(case_id, {"text": f"{title}\n{content}", "lead": None, "co": []})
        if role == Assignment.Role.LEAD:
            entry["lead"] = unit_id
        else:
            entry["co"].append(unit_id)
    return [Example(e["text"], e["lead"], tuple(e["co"])) for e in by_case.values() if e["lead"]]


def assignment_model() -> AssignmentModel:
    """The model of the current past assignments, rebuilt when an assignment was added or returned."""
    stamp = Assignment.objects.filter(case__suggestion__isnull=False).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    key = (stamp["n"], stamp["last"])
    with _cache_lock:
        cached = _cache.get("model")
        if cached and cached[0] == key:
            return cached[1]
    model = AssignmentModel.train(training_examples())
    with _cache_lock:
        _cache["model"] = (key, model)
    return model


@dataclass(frozen=True)
class UnitProposal:
    """A proposal with the organizations resolved, for pages and the API."""

    leads: list[tuple[Organization, float]]
    co_handlers: list[tuple[Organization, float]]

    @property
    def lead(self) -> tuple[Organization, float] | None:
        return self.leads[0] if self.leads else None


def _resolve(proposal: Proposal) -> UnitProposal:
    ids = {s.unit_id for s in proposal.leads} | {s.unit_id for s in proposal.co_handlers}
    orgs = Organization.objects.in_bulk(ids)
    return UnitProposal(
        leads=[(orgs[s.unit_id], s.confidence) for s in proposal.leads if s.unit_id in orgs],
        co_handlers=[
            (orgs[s.unit_id], s.confidence) for s in proposal.co_handlers if s.unit_id in orgs
        ],
    )


def propose_units(suggestion: Suggestion, *, model: AssignmentModel | None = None) -> UnitProposal:
    """Propose the lead unit (three ranked) and co-handlers for ``suggestion``; staff decide."""
    model = model or assignment_model()
    return _resolve(model.propose(f"{suggestion.title}\n{suggestion.content}"))


@action(
    "suggestions.suggestion.assign",
    model=Suggestion,
    subject="suggestion",
    sources={Suggestion.Status.ACCEPTED},
    target=Suggestion.Status.ASSIGNED,
    permission=MANAGE,
    rule="§1.1",
    label=_("交办"),
    audit="suggestions.suggestion.assigned",
)
def suggestion_assign(
    ctx: ActionContext,
    *,
    suggestion: Suggestion,
    lead: Organization,
    co_handlers: Sequence[Organization] = (),
    proposal: UnitProposal | None = None,
) -> Suggestion:
    """Assign an accepted suggestion to a lead unit and co-handlers (交办) through the engine.

    The requesters of the case are the lead deputy and the confirmed co-signers
    (rules §1.11). The help's proposal is stored beside the choice, so its use can
    be measured.
    """
    if lead is None:
        raise DomainError("field_required", _("请填写{label}。"), field="lead", label=_("主办单位"))
    for unit in (lead, *co_handlers):
        if not unit.is_handling_unit:
            raise DomainError(
                "not_handling_unit", _("“{name}”不是承办单位。"), field="lead", name=unit.name
            )
    proposal = proposal if proposal is not None else propose_units(suggestion)
    persons = [suggestion.lead_deputy.person]
    persons += [
        c.deputy.person
        for c in suggestion.cosigners.filter(confirmed_at__isnull=False).select_related(
            "deputy__person"
        )
    ]
    # The engine's own actions, performed as the same person (their permission is checked:
    # assigning a suggestion is assigning its case).
    case = casework.case_create(
        actor=ctx.actor,
        kind=suggestion_kind(),
        title=suggestion.title,
        summary=suggestion.content,
        requesters=persons,
        source_type=SOURCE_TYPE,
        source_id=str(suggestion.pk),
        now=ctx.now,
    )
    case = casework.case_assign(
        actor=ctx.actor, case=case, lead=lead, co_handlers=co_handlers, now=ctx.now
    )
    top = proposal.lead
    suggestion.status, suggestion.case = Suggestion.Status.ASSIGNED, case
    suggestion.proposed_lead = top[0] if top else None
    suggestion.proposed_confidence = top[1] if top else None
    suggestion.proposed_co_handlers = [org.pk for org, _conf in proposal.co_handlers]
    suggestion.save(
        update_fields=[
            "status",
            "case",
            "proposed_lead",
            "proposed_confidence",
            "proposed_co_handlers",
            "updated_at",
        ]
    )
    ctx.changes.update(
        case=case.pk,
        lead=lead.pk,
        co_handlers=[u.pk for u in co_handlers],
        proposed_lead=top[0].pk if top else None,
        proposed_confidence=top[1] if top else None,
        followed_proposal=bool(top and top[0].pk == lead.pk),
    )
    return suggestion
