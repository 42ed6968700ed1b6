"""The office's review before a reply marked public goes out (答复公开审核, rules §1.13).

For a kind that reviews publication (``CaseKind.publish_review``; the suggestions), a reply
the unit marked publishable waits until office staff approve it; only then does the public
site show it. The office may instead withhold it, with the reason, which the unit is told.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict

from ..models import Case, Reply
from ..models import NotificationKind as NK
from ..notifications import notify_on_commit, unit_users
from ._common import MANAGE, lead_of, on_case, text

#: The replies the public may read: marked publishable, approved (or public at once), not follow-ups.
PUBLIC_REPLY = Q(publishable=True, published_at__isnull=False, is_follow_up=False)
#: Replies marked publishable that wait for the office's approval.
AWAITING_REVIEW = Q(publishable=True, published_at__isnull=True, is_follow_up=False)


def awaiting_review(case: Case) -> QuerySet[Reply]:
    return Reply.objects.filter(AWAITING_REVIEW, case=case)


def has_public_reply(case: Case) -> bool:
    return Reply.objects.filter(PUBLIC_REPLY, case=case).exists()


def _awaiting(ctx: ActionContext, case: Case) -> None:
    if not awaiting_review(case).exists():
        raise Conflict("no_reply_awaiting_review", _("没有等待公开审核的答复。"))


@action(
    "casework.case.publish_reply",
    model=Case,
    subject="case",
    permission=MANAGE,
    precondition=_awaiting,
    precondition_hides=True,
    rule="§1.13",
    label=_("同意公开答复"),
    audit="casework.case.reply_published",
)
def reply_publish(ctx: ActionContext, *, case: Case) -> int:
    """Approve the waiting replies for the public site; returns how many went public."""
    ids = list(awaiting_review(case).select_for_update().values_list("pk", flat=True))
    Reply.objects.filter(pk__in=ids).update(published_at=ctx.now, published_by=ctx.user)
    case.published = True
    case.save(update_fields=["published", "updated_at"])
    on_case(ctx, case, replies=ids, published=True)
    return len(ids)


@action(
    "casework.case.withhold_reply",
    model=Case,
    subject="case",
    permission=MANAGE,
    precondition=_awaiting,
    precondition_hides=True,
    rule="§1.13",
    label=_("不予公开答复"),
    audit="casework.case.reply_withheld",
)
def reply_withhold(ctx: ActionContext, *, case: Case, reason: str) -> int:
    """Keep the waiting replies off the public site, with the reason (told to the unit)."""
    reason = text(reason, field="reason", label=_("不公开理由"), max_length=2000)
    ids = list(awaiting_review(case).select_for_update().values_list("pk", flat=True))
    Reply.objects.filter(pk__in=ids).update(publishable=False, withhold_reason=reason)
    case.published = has_public_reply(case)
    case.save(update_fields=["published", "updated_at"])
    on_case(ctx, case, replies=ids, published=False, reason=reason)
    lead = lead_of(case)
    if lead is not None:
        notify_on_commit(
            case=case,
            kind=NK.REPLIED,
            users=unit_users([lead.unit_id]),
            text=f"《{case.title}》的答复经审核不予公开：{reason}",
        )
    return len(ids)
