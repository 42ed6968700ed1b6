"""Suggestions API: a draft's co-signers and withdrawal, and the office's screening, merge, split and assignment.

Operations are made from the declared actions (:func:`renda.api.actions.expose`) where
their input is plain; merging, splitting and assigning take lists of ids or parts and
are written out. The assignment help (a proposal of units learned from past
assignments) is a read for the office.
"""

from __future__ import annotations

from ninja import Schema

from renda.core import validation
from renda.core.errors import NotFound
from renda.people.models import Deputy, Organization
from renda.suggestions import services
from renda.suggestions.assignment import propose_units, suggestion_assign
from renda.suggestions.models import Category, NotAcceptedReason, Suggestion
from renda.suggestions.selectors import suggestions_visible_to

from ..actions import expose
from ..auth import OPTIONAL_AUTH, READ_AUTH, require, write_auth
from ..common import Id, InputSchema, PathId, choice, text
from ..errors import DETAIL_ERRORS, WRITE_ERRORS
from .reads import router

MANAGE = services.MANAGE


def _visible(user, suggestion_id: int) -> Suggestion:
    found = suggestions_visible_to(user).filter(pk=suggestion_id).first()
    if found is None:
        raise NotFound()
    return found


# --------------------------------------------------------------------------- the lead deputy


class SuggestionUpdateIn(InputSchema):
    """Only the fields sent change."""

    title: text(services.MAX_TITLE) | None = None
    content: text(services.MAX_CONTENT) | None = None
    category: choice(Category) | None = None


class DeputyIn(InputSchema):
    deputy_id: Id


class WithdrawIn(InputSchema):
    reason: text(500) = ""


refs = {"deputy": Deputy}
expose(
    router,
    services.suggestion_update,
    "/suggestions/{suggestion_id}/update",
    schema=SuggestionUpdateIn,
    visible=suggestions_visible_to,
)
expose(
    router,
    services.cosigner_invite,
    "/suggestions/{suggestion_id}/cosigners/invite",
    schema=DeputyIn,
    refs=refs,
    visible=suggestions_visible_to,
)
expose(
    router,
    services.cosigner_remove,
    "/suggestions/{suggestion_id}/cosigners/remove",
    schema=DeputyIn,
    refs=refs,
    visible=suggestions_visible_to,
)
expose(
    router,
    services.cosigner_confirm,
    "/suggestions/{suggestion_id}/cosigners/confirm",
    visible=suggestions_visible_to,
    out=lambda row: {"id": row.suggestion_id, "status": row.suggestion.status},
)
expose(
    router,
    services.suggestion_withdraw,
    "/suggestions/{suggestion_id}/withdraw",
    schema=WithdrawIn,
    visible=suggestions_visible_to,
)

# --------------------------------------------------------------------------- screening


class AcceptIn(InputSchema):
    note: text(2000) = ""


class NotAcceptIn(InputSchema):
    """Reason codes (rules §1.5); ``other`` needs a note."""

    reasons: list[choice(NotAcceptedReason)]
    note: text(2000) = ""


expose(
    router,
    services.suggestion_accept,
    "/suggestions/{suggestion_id}/accept",
    schema=AcceptIn,
    visible=suggestions_visible_to,
)
expose(
    router,
    services.suggestion_not_accept,
    "/suggestions/{suggestion_id}/not-accept",
    schema=NotAcceptIn,
    visible=suggestions_visible_to,
)


class SuggestionMergeIn(InputSchema):
    """The duplicates merged into this suggestion (their deputies become its co-signers)."""

    other_ids: list[Id]


class SuggestionMergedOut(Schema):
    id: int
    status: str


@router.post(
    "/suggestions/{suggestion_id}/merge",
    response={200: SuggestionMergedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="suggestions_suggestion_merge",
    summary="并案 · Merge duplicates into a suggestion · suggestions.suggestion.merge",
    description="依据 · rule: §1.5",
)
def suggestions_suggestion_merge(request, suggestion_id: PathId, payload: SuggestionMergeIn):
    user = require(request, MANAGE)
    into = _visible(user, suggestion_id)
    others = list(suggestions_visible_to(user).filter(pk__in=payload.other_ids))
    if len(others) != len(set(payload.other_ids)):
        raise NotFound("unknown_reference", field="other_ids")
    s = services.suggestion_merge(actor=user, into=into, others=others)
    return {"id": s.pk, "status": s.status}


class SplitPartIn(Schema):
    title: text(services.MAX_TITLE)
    content: text(services.MAX_CONTENT)


class SuggestionSplitIn(InputSchema):
    """At least two parts, each becoming an accepted suggestion numbered 之一, 之二…"""

    parts: list[SplitPartIn]


class SuggestionSplitOut(Schema):
    id: int
    status: str
    part_ids: list[int]
    part_numbers: list[str]


@router.post(
    "/suggestions/{suggestion_id}/split",
    response={200: SuggestionSplitOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="suggestions_suggestion_split",
    summary="拆分 · Split a suggestion into parts · suggestions.suggestion.split",
    description="依据 · rule: §1.5",
)
def suggestions_suggestion_split(request, suggestion_id: PathId, payload: SuggestionSplitIn):
    user = require(request, MANAGE)
    s = _visible(user, suggestion_id)
    parts = services.suggestion_split(
        actor=user, suggestion=s, parts=[(p.title, p.content) for p in payload.parts]
    )
    s.refresh_from_db()
    return {
        "id": s.pk,
        "status": s.status,
        "part_ids": [p.pk for p in parts],
        "part_numbers": [p.number for p in parts],
    }


# --------------------------------------------------------------------------- assignment


class SuggestionAssignIn(InputSchema):
    lead_id: Id
    co_handler_ids: list[Id] = []


class SuggestionAssignedOut(Schema):
    id: int
    status: str
    case_id: int | None


@router.post(
    "/suggestions/{suggestion_id}/assign",
    response={200: SuggestionAssignedOut, **WRITE_ERRORS},
    auth=write_auth(MANAGE),
    operation_id="suggestions_suggestion_assign",
    summary="交办 · Assign a suggestion to a lead unit · suggestions.suggestion.assign",
    description=(
        "依据 · rule: §1.1. Hands the suggestion to the casework engine; the help's proposal "
        "(`/assignment-help`) is stored beside the choice."
    ),
)
def suggestions_suggestion_assign(request, suggestion_id: PathId, payload: SuggestionAssignIn):
    user = require(request, MANAGE)
    s = _visible(user, suggestion_id)
    lead = validation.ref(Organization, payload.lead_id, field="lead_id")
    units = Organization.objects.in_bulk(payload.co_handler_ids)
    if len(units) != len(set(payload.co_handler_ids)):
        raise NotFound("unknown_reference", field="co_handler_ids")
    s = suggestion_assign(
        actor=user,
        suggestion=s,
        lead=lead,
        co_handlers=[units[pk] for pk in dict.fromkeys(payload.co_handler_ids)],
    )
    return {"id": s.pk, "status": s.status, "case_id": s.case_id}


class ProposedUnitOut(Schema):
    unit_id: int
    unit_name: str
    confidence: float


class AssignmentHelpOut(Schema):
    suggestion_id: int
    leads: list[ProposedUnitOut]
    co_handlers: list[ProposedUnitOut]


@router.get(
    "/suggestions/{suggestion_id}/assignment-help",
    response={200: AssignmentHelpOut, **DETAIL_ERRORS},
    auth=READ_AUTH,
    operation_id="suggestions_assignment_help",
    summary="交办建议 · Proposed lead unit and co-handlers (office)",
    description=(
        "Learned from past assignments: up to three lead units, best first, and co-handlers, "
        "each with a confidence between 0 and 1. For the office; staff decide."
    ),
    openapi_extra=OPTIONAL_AUTH,
)
def suggestions_assignment_help(request, suggestion_id: PathId):
    user = require(request, MANAGE)
    s = _visible(user, suggestion_id)
    proposal = propose_units(s)

    def rows(pairs):
        return [{"unit_id": o.pk, "unit_name": o.name, "confidence": c} for o, c in pairs]

    return {
        "suggestion_id": s.pk,
        "leads": rows(proposal.leads),
        "co_handlers": rows(proposal.co_handlers),
    }
