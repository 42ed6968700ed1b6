"""The requester's rating of a reply (rules §1.7); 不满意 leads to verification (S27)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError, PermissionDenied

from .. import workflow
from ..models import Case, Rating
from ..models import NotificationKind as NK
from ..notifications import notify_on_commit, staff_users, unit_users
from ..rules import is_requester
from ._common import MANAGE, RATE, lead_of, on_case, text

S = Case.Status


def _already_rated() -> Conflict:
    return Conflict("already_rated", _("本轮答复已评价，不能重复评价。"))


def _may_rate(ctx: ActionContext, case: Case) -> None:
    """Rated by a requester (or recorded by the office) once a reply is in, once per round."""
    if not case.kind.requester_rates:
        raise Conflict("rating_not_used", _("此类事项不由提出人评价。"))
    requester = is_requester(ctx.actor, case)
    if not requester and not ctx.actor.has_perm(MANAGE):
        raise PermissionDenied("not_requester", _("只有提出人可以评价。"))
    if case.replied_at is None or case.status not in workflow.RATABLE:
        raise Conflict("not_awaiting_rating", _("该事项尚未答复，不能评价。"))
    if (
        requester
        and Rating.objects.filter(
            case=case, round=case.round, requester_id=ctx.actor.person_id
        ).exists()
    ):
        raise _already_rated()


@action(
    "casework.case.rate",
    model=Case,
    subject="case",
    # The rating's own refusal (``not_awaiting_rating``) answers a case not yet replied;
    # workflow.RATABLE lists where a rating is taken.
    permission=RATE,
    precondition=_may_rate,
    precondition_hides=True,
    rule="§1.7",
    label=_("评价"),
    audit="casework.case.rated",
)
def rating_submit(
    ctx: ActionContext, *, case: Case, value: str, comment: str = "", requester=None
) -> Rating:
    """The requester rates the reply (rules §1.7); staff may record a paper form for them.

    One rating per requester and round; a rating after the window is kept but marked
    late (left out of statistics). The lead requester's rating moves the case:
    不满意 goes to verification (S27).
    """
    actor = ctx.actor
    if value not in Rating.Value.values:
        raise DomainError(
            "invalid_choice", _("评价“{value}”无效。"), field="value", value=value or ""
        )
    comment = text(
        comment,
        field="comment",
        label=_("意见"),
        required=value == Rating.Value.DISSATISFIED,
        max_length=5000,
    )
    rows = list(case.requester_rows.all())
    person_ids = {r.person_id for r in rows}
    if is_requester(actor, case, requester_ids=person_ids):
        person_id = actor.person_id
    else:
        person_id = getattr(requester, "pk", None)
        if person_id is None and person_ids:
            raise DomainError(
                "field_required", _("请填写{label}。"), field="requester", label=_("评价人")
            )
        if person_id is not None and person_id not in person_ids:
            raise DomainError("not_requester", _("所选人员不是该事项的提出人。"), field="requester")
    if Rating.objects.filter(case=case, round=case.round, requester_id=person_id).exists():
        raise _already_rated()
    late = bool(case.rating_due_on and ctx.today > case.rating_due_on)
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                case=case,
                round=case.round,
                requester_id=person_id,
                value=value,
                comment=comment,
                rated_at=ctx.now,
                late=late,
                recorded_by=ctx.user,
            )
    except IntegrityError as exc:
        raise _already_rated() from exc
    lead_id = next((r.person_id for r in rows if r.is_lead), rows[0].person_id if rows else None)
    moves = case.status == S.REPLIED and person_id == lead_id
    dissatisfied = value == Rating.Value.DISSATISFIED
    if moves:
        case.status = S.DISSATISFIED if dissatisfied else S.RATED
        case.save(update_fields=["status", "updated_at"])
    on_case(
        ctx,
        case,
        value=value,
        round=case.round,
        late=late,
        requester=person_id,
        moves_case=moves,
    )
    if moves and dissatisfied:
        notify_on_commit(
            case=case,
            kind=NK.DISSATISFIED,
            users=staff_users(case),
            text=f"《{case.title}》的提出人不满意，请核实。",
        )
    lead = lead_of(case)
    notify_on_commit(
        case=case,
        kind=NK.RATED,
        users=unit_users([lead.unit_id] if lead else []),
        text=f"《{case.title}》的提出人评价：{Rating.Value(value).label}。",
    )
    return rating
