"""What the services of major matters share: permissions, checks, locks and the government."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext
from renda.core.errors import DomainError, PermissionDenied
from renda.core.statute import param
from renda.core.workdays import calendar_around
from renda.meetings.models import AgendaItem, MeetingDocument
from renda.people.models import Organization

from .. import statute  # noqa: F401  (registers the parameters read below)
from ..models import AnnualList, Material, Matter
from ..rules import is_government_officer

#: The government drafts, submits and revises its lists.
SUBMIT = "decisions.submit"
#: The SC's working bodies comment on a submitted list.
COMMENT = "decisions.comment"
#: The office runs the process.
MANAGE = "decisions.manage"
#: The chairpersons' council adopts the list.
ADOPT = "decisions.adopt"
#: Who files the materials of a matter: the office, or the government proposing it.
FILE = "decisions.file_material"

MAX_TITLE = 200
MAX_TEXT = validation.MAX_TEXT

#: Which meeting document a material becomes when its matter goes on the agenda.
MEETING_DOCUMENT_KIND = {
    Material.Kind.MOTION: MeetingDocument.Kind.MOTION,
    Material.Kind.REPORT: MeetingDocument.Kind.REPORT_TO_SC,
    Material.Kind.EXPLANATION: MeetingDocument.Kind.EXPLANATION,
    Material.Kind.OTHER: MeetingDocument.Kind.OTHER,
}

#: The agenda item a matter becomes. A report is heard, not decided, so it is no
#: "重大事项决定" item (whose motion text the meeting checks); its own lead time is §6.3.
AGENDA_ITEM_KIND = {
    Matter.Kind.DECISION: AgendaItem.Kind.MAJOR_MATTER,
    Matter.Kind.REVOCATION: AgendaItem.Kind.MOTION,
    Matter.Kind.REPORT: AgendaItem.Kind.OTHER,
    Matter.Kind.PRIOR_REPORT: AgendaItem.Kind.OTHER,
}


def _text(
    value: Any, *, field: str, label, required: bool = True, max_length: int = MAX_TEXT
) -> str:
    return validation.text(
        value, field=field, label=label, required=required, max_length=max_length
    )


def _quarter(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise DomainError("quarter_invalid", _("计划提请季度应为1至4。"), field="planned_quarter")
    return value


def _choice(value: Any, choices, *, field: str, label) -> str:
    if value not in choices:
        raise DomainError(
            "invalid_choice", _("{label}“{value}”无效。"), field=field, label=label, value=value
        )
    return value


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
        raise DomainError("year_invalid", _("年度应为2000至2100之间的年份。"), field="year")
    return value


def _is_admin(actor) -> bool:
    return bool(actor.is_superuser or actor.role == "admin")


def owns_list(actor, lst: AnnualList) -> bool:
    """Whether ``actor`` acts for the government proposing ``lst`` (or is the administrator)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if _is_admin(actor):
        return True
    return bool(is_government_officer(actor) and actor.scope_id == lst.government_id)


def _own_list(actor, lst: AnnualList) -> None:
    """The government officer acts only on its own government's lists."""
    if not owns_list(actor, lst):
        raise PermissionDenied("not_own_list", _("只能办理本机关的重大事项清单。"))


def own_list(ctx: ActionContext, subject: Any) -> None:
    """Precondition: the list (the subject, or the list it belongs to) is the actor's government's."""
    lst = subject if isinstance(subject, AnnualList) else subject.annual_list
    _own_list(ctx.user, lst)


def owns_matter(actor, matter: Matter) -> bool:
    """Whether ``actor`` may file materials for ``matter``: the office, or the government proposing it."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if _is_admin(actor) or actor.has_perm(MANAGE):
        return True
    if not is_government_officer(actor):
        return False
    scope = actor.scope_id
    return scope in (
        matter.proposing_body_id,
        matter.proposing_body.parent_id,
        matter.annual_list.government_id if matter.annual_list_id else None,
    )


def default_government() -> Organization | None:
    return Organization.objects.filter(kind=Organization.Kind.GOVERNMENT).order_by("id").first()


def government_of(actor) -> Organization | None:
    """The government a list is proposed by: the officer's own, otherwise the jurisdiction's."""
    if is_government_officer(actor):
        return actor.scope
    return default_government()


def annual_list_due(year: int, overrides: dict[str, str] | None = None) -> dt.date:
    """The day the government's proposal for ``year`` is due (S12 item 3, setting ``decisions.annual_list_due``).

    The configured month and day fall in the year before; a day that is not a working day
    moves to the next working day (counting conventions; 民法典 第203条).
    """
    raw = str(param("decisions.annual_list_due", overrides)).strip()
    try:
        month, day = (int(part) for part in raw.split("-"))
        due = dt.date(year - 1, month, day)
    except ValueError as exc:
        raise DomainError(
            "list_due_invalid", _("年度清单报送日期设置“{raw}”格式不正确，应为“月-日”。"), raw=raw
        ) from exc
    return calendar_around(due, days=40).next_working_day(due)
