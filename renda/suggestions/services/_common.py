"""Helpers shared by the suggestion actions: permissions, text, numbering, the lead deputy."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext
from renda.core.errors import DomainError, PermissionDenied
from renda.meetings.models import Meeting
from renda.people.models import Deputy

from ..models import Suggestion

#: Permissions of the suggestion actions (see :mod:`renda.suggestions.rules`).
SUBMIT = "suggestions.submit"
MANAGE = "suggestions.manage"

MAX_TITLE = 200
MAX_CONTENT = 20_000
EDITABLE_FIELDS = ("title", "content", "category")


def _text(value: Any, *, field: str, label, max_length: int, required: bool = True) -> str:
    return validation.text(
        value, field=field, label=label, max_length=max_length, required=required
    )


def _category(value: Any) -> str:
    value = value or Suggestion.Category.OTHER
    if value not in Suggestion.Category.values:
        raise DomainError("invalid_category", _("类别无效。"), field="category")
    return value


def actor_deputy(actor) -> Deputy:
    """Return the actor's current mandate, or refuse: only a serving deputy writes suggestions."""
    deputy = (
        Deputy.objects.filter(
            person_id=getattr(actor, "person_id", None), status=Deputy.Status.ACTIVE
        )
        .select_related("term", "person")
        .order_by("-term__number")
        .first()
    )
    if deputy is None:
        raise PermissionDenied("not_a_deputy", _("只有在任代表才能提出建议。"))
    return deputy


def lead_deputy_only(ctx: ActionContext, suggestion: Suggestion) -> None:
    """The precondition of the lead deputy's actions on their own suggestion."""
    if suggestion.lead_deputy.person_id != getattr(ctx.actor, "person_id", None):
        raise PermissionDenied("not_lead_deputy", _("只有领衔代表才能执行此操作。"))


def _session(session: Meeting | None, term) -> Meeting | None:
    if session is None:
        return None
    if session.kind != Meeting.Kind.CONGRESS_SESSION or session.term_id != term.pk:
        raise DomainError(
            "invalid_session", _("所选会议不是本届人民代表大会会议。"), field="session"
        )
    return session


def number_for(suggestion: Suggestion, serial: int) -> str:
    """第17届第1次会议第001号 during a session, 第17届闭会期间第001号 between sessions."""
    if suggestion.session_id:
        return f"第{suggestion.term.number}届第{suggestion.session.number}次会议第{serial:03d}号"
    return f"第{suggestion.term.number}届闭会期间第{serial:03d}号"


def next_serial(suggestion: Suggestion) -> int:
    """The next serial number in the suggestion's term and session (or between sessions)."""
    rows = Suggestion.objects.filter(term_id=suggestion.term_id, session_id=suggestion.session_id)
    return (rows.aggregate(m=Max("serial"))["m"] or 0) + 1


def email_deputies(suggestion: Suggestion, subject: str, body: str) -> None:
    from renda.accounts.models import User

    person_ids = [suggestion.lead_deputy.person_id]
    recipients = list(
        User.objects.filter(person_id__in=person_ids, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        send_mail(subject, body, None, recipients, fail_silently=True)
