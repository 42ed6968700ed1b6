"""The annual list of major matters (S12 item 3, rules §6.2), each step a declared action.

The government drafts and submits its proposal, the SC's working bodies comment, the
government revises and resubmits it, the office records the party committee's consent
(S2, through :mod:`renda.core.approvals`), the chairpersons' council adopts it and the
office publishes it; a change during the year follows the same route.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from renda.core import approvals
from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.models import Approval
from renda.meetings.models import Meeting
from renda.people.models import Organization

from .. import workflow
from ..categories import ensure_categories
from ..models import AnnualList, ListItem, ListSnapshot, Matter
from ..rules import is_government_officer
from ._common import (
    ADOPT,
    MANAGE,
    MAX_TITLE,
    SUBMIT,
    _own_list,
    _text,
    _year,
    annual_list_due,
    government_of,
    own_list,
)

L = AnnualList.Status
M = Matter.Status
#: The party committee's consent the list waits for before adoption (S2).
PARTY_CONSENT = Approval.Kind.PARTY_CONSENT


def _snapshot_rows(lst: AnnualList) -> list[dict[str, Any]]:
    items = lst.items.select_related("category", "proposing_body").order_by("order", "id")
    return [
        {
            "key": i.pk,
            "matter": i.matter_id,
            "order": i.order,
            "title": i.title,
            "category": i.category.name,
            "kind": i.kind,
            "quarter": i.planned_quarter,
            "proposing_body": i.proposing_body.name,
            "description": i.description,
        }
        for i in items
    ]


def _snapshot(ctx: ActionContext, lst: AnnualList, stage: str) -> ListSnapshot:
    return ListSnapshot.objects.create(
        annual_list=lst,
        round=lst.round,
        stage=stage,
        items=_snapshot_rows(lst),
        taken_at=ctx.now,
        taken_by=ctx.user,
    )


def _touch(lst: AnnualList) -> None:
    lst.save(update_fields=["updated_at"])


# -- starting a list ------------------------------------------------------------------------


@action(
    "decisions.annual_list.create",
    model=AnnualList,
    permission=SUBMIT,
    rule="S12",
    label=_("新建年度清单"),
    audit="decisions.list.created",
)
def annual_list_create(
    ctx: ActionContext,
    *,
    year: int,
    title: str = "",
    explanation: str = "",
    government: Organization | None = None,
) -> AnnualList:
    """Start the government's proposal of next year's list (S12 item 3)."""
    actor = ctx.user
    year = _year(year)
    government = government or government_of(actor)
    if government is None or government.kind != Organization.Kind.GOVERNMENT:
        raise DomainError(
            "government_required", _("请指明提出清单的人民政府。"), field="government"
        )
    if is_government_officer(actor) and actor.scope_id != government.pk:
        raise PermissionDenied("not_own_list", _("只能办理本机关的重大事项清单。"))
    title = _text(title, field="title", label=_("名称"), required=False, max_length=MAX_TITLE)
    title = title or f"{government.name}{year}年度提请人大常委会讨论决定重大事项清单"[:MAX_TITLE]
    explanation = _text(explanation, field="explanation", label=_("说明"), required=False)
    due = annual_list_due(year)
    ensure_categories()
    if AnnualList.objects.select_for_update().filter(year=year).exists():
        raise Conflict(
            "list_exists",
            _("{year}年度的重大事项清单已经存在；年度中的调整请在已公布的清单上提出。"),
            field="year",
            year=year,
        )
    lst = AnnualList.objects.create(
        year=year,
        version=1,
        government=government,
        title=title,
        explanation=explanation,
        due_on=due,
        created_by=actor,
    )
    ctx.changes.update(year=year, government=government.pk, due_on=due.isoformat())
    return lst


def _may_change(ctx: ActionContext, base: AnnualList) -> None:
    """Only the government's own published list, and one change at a time per year."""
    _own_list(ctx.user, base)
    if AnnualList.objects.filter(year=base.year, status__in=workflow.OPEN_LIST_STATUSES).exists():
        raise Conflict("change_open", _("{year}年度已有一项正在办理的清单调整。"), year=base.year)


@action(
    "decisions.annual_list.change",
    model=AnnualList,
    subject="base",
    sources=workflow.PUBLISHED_SOURCES,
    permission=SUBMIT,
    precondition=_may_change,
    precondition_hides=True,
    rule="§6.2",
    label=_("提出调整"),
    audit="decisions.list.change_started",
)
def annual_list_change_start(
    ctx: ActionContext, *, base: AnnualList, explanation: str
) -> AnnualList:
    """Propose a change to a published list during the year; it follows the same route (rules §6.2)."""
    explanation = _text(explanation, field="explanation", label=_("调整说明"))
    version = (AnnualList.objects.filter(year=base.year).aggregate(v=Max("version"))["v"] or 1) + 1
    change = AnnualList.objects.create(
        year=base.year,
        version=version,
        base=base,
        government=base.government,
        title=f"{base.title}（第{version - 1}次调整）"[:MAX_TITLE],
        explanation=explanation,
        created_by=ctx.user,
    )
    ListItem.objects.bulk_create(
        [
            ListItem(
                annual_list=change,
                order=i.order,
                category_id=i.category_id,
                kind=i.kind,
                title=i.title,
                description=i.description,
                proposing_body_id=i.proposing_body_id,
                planned_quarter=i.planned_quarter,
                matter_id=i.matter_id,
            )
            for i in base.items.all()
        ]
    )
    ctx.changes.update(base=base.pk, version=version)
    return change


# -- submitting ----------------------------------------------------------------------------


def _submit(ctx: ActionContext, lst: AnnualList, target: str, stage: str) -> AnnualList:
    if not lst.items.exists():
        raise DomainError("list_empty", _("清单中还没有事项，不能报送。"))
    late = lst.late_on(ctx.today)
    lst.round += 1
    if lst.submitted_at is None:
        lst.submitted_at = ctx.now
    lst.status = target
    lst.save(update_fields=["status", "round", "submitted_at", "updated_at"])
    _snapshot(ctx, lst, stage)
    ctx.changes.update(
        round=lst.round, late=late, due_on=lst.due_on.isoformat() if lst.due_on else None
    )
    return lst


@action(
    "decisions.annual_list.submit",
    model=AnnualList,
    subject="annual_list",
    sources=workflow.SUBMIT_SOURCES,
    target=L.COMMENTING,
    permission=SUBMIT,
    precondition=own_list,
    precondition_hides=True,
    rule="S12",
    label=_("报送征求意见"),
    audit="decisions.list.submitted",
)
def annual_list_send(ctx: ActionContext, *, annual_list: AnnualList) -> AnnualList:
    """The government submits its proposal to the SC for comments (报本级人大常委会征求意见)."""
    return _submit(ctx, annual_list, L.COMMENTING, ListSnapshot.Stage.SUBMITTED)


@action(
    "decisions.annual_list.resubmit",
    model=AnnualList,
    subject="annual_list",
    sources=workflow.REVISE_SOURCES,
    target=L.AWAITING_CONSENT,
    permission=SUBMIT,
    precondition=own_list,
    precondition_hides=True,
    rule="S2",
    label=_("报送修改后的清单"),
    audit="decisions.list.submitted",
)
def annual_list_resubmit(ctx: ActionContext, *, annual_list: AnnualList) -> AnnualList:
    """The government submits the revised list; it goes to the party committee for consent (S2).

    The request is recorded as the list's pending party-consent approval, which the office
    answers when it records the consent (or the return).
    """
    lst = _submit(ctx, annual_list, L.AWAITING_CONSENT, ListSnapshot.Stage.RESUBMITTED)
    registered = approvals.SUBJECTS[approvals.subject_key(lst)[0], PARTY_CONSENT]
    ctx.perform(
        approvals.approval_request,
        subject=lst,
        kind=PARTY_CONSENT,
        purpose=f"{registered.label}：{lst.title}"[:200],
        sent_on=ctx.today,
    )
    return lst


def annual_list_submit(
    *, actor, annual_list: AnnualList, now: dt.datetime | None = None
) -> AnnualList:
    """The government submits the list: first for comments, then revised for the party committee."""
    status = AnnualList.objects.filter(pk=annual_list.pk).values_list("status", flat=True).first()
    act = annual_list_resubmit if status in workflow.REVISE_SOURCES else annual_list_send
    return act(actor=actor, annual_list=annual_list, now=now)


@action(
    "decisions.annual_list.close_comments",
    model=AnnualList,
    subject="annual_list",
    sources=workflow.COMMENT_SOURCES,
    target=L.REVISING,
    permission=MANAGE,
    rule="S12",
    label=_("结束征求意见，交政府修改"),
    audit="decisions.list.comments_closed",
)
def annual_list_close_comments(ctx: ActionContext, *, annual_list: AnnualList) -> AnnualList:
    """Close the comments; the government revises the list (由政府修改完善)."""
    _touch(annual_list)
    return annual_list


# -- the party committee's consent (S2) ---------------------------------------------------------


def _pending(lst: AnnualList) -> Approval | None:
    return approvals.history(lst, PARTY_CONSENT).filter(status=Approval.Status.PENDING).first()


@action(
    "decisions.annual_list.return",
    model=AnnualList,
    subject="annual_list",
    sources=workflow.RETURN_SOURCES,
    target=L.REVISING,
    permission=MANAGE,
    rule="S2",
    label=_("退回政府修改"),
    audit="decisions.list.returned",
)
def annual_list_return(ctx: ActionContext, *, annual_list: AnnualList, reason: str) -> AnnualList:
    """Send the list back to the government for revision, e.g. when the party committee asks for changes.

    A list waiting for the party committee records its answer as returned, with the reasons.
    """
    reason = _text(reason, field="reason", label=_("退回理由"))
    pending = _pending(annual_list)
    if pending is not None:
        ctx.perform(
            approvals.approval_answer,
            approval=pending,
            answer=Approval.Status.RETURNED,
            answered_on=ctx.today,
            note=reason[:5000],
        )
    annual_list.consent_note = reason
    annual_list.save(update_fields=["consent_note", "updated_at"])
    ctx.changes["consent_note"] = reason
    return annual_list


@action(
    "decisions.annual_list.consent",
    model=AnnualList,
    subject="annual_list",
    sources=workflow.CONSENT_SOURCES,
    target=L.CONSENTED,
    permission=MANAGE,
    rule="S2",
    label=_("登记党委同意"),
    audit="decisions.list.consent_recorded",
)
def annual_list_record_consent(
    ctx: ActionContext,
    *,
    annual_list: AnnualList,
    consented_on: dt.date,
    reference: str = "",
    note: str = "",
) -> AnnualList:
    """Record the party committee's consent (报本级党委研究同意, S2, S12 item 3).

    The answer goes onto the list's pending party-consent approval (a list sent before the
    approvals were recorded gets its request recorded first, on the day of the consent).
    """
    if not isinstance(consented_on, dt.date):
        raise DomainError(
            "field_required", _("请填写{label}。"), field="consented_on", label=_("党委同意日期")
        )
    if consented_on > ctx.today:
        raise DomainError("date_in_future", _("党委同意日期不能晚于今天。"), field="consented_on")
    reference = _text(
        reference, field="reference", label=_("党委同意文号"), required=False, max_length=100
    )
    note = _text(note, field="note", label=_("党委意见"), required=False)
    lst = annual_list
    pending = _pending(lst)
    if pending is None:
        pending = ctx.perform(
            approvals.approval_request, subject=lst, kind=PARTY_CONSENT, sent_on=consented_on
        )
    ctx.perform(
        approvals.approval_answer,
        approval=pending,
        answer=Approval.Status.APPROVED,
        answered_on=consented_on,
        answer_reference=reference,
        note=note[:5000],
    )
    lst.consented_on, lst.consent_reference, lst.consent_note = consented_on, reference, note
    lst.save(update_fields=["consented_on", "consent_reference", "consent_note", "updated_at"])
    ctx.changes.update(
        consented_on=str(consented_on), consent_reference=reference, consent_note=note
    )
    return lst


# -- adoption and publication ---------------------------------------------------------------------


@action(
    "decisions.annual_list.adopt",
    model=AnnualList,
    subject="annual_list",
    sources=workflow.ADOPT_SOURCES,
    target=L.ADOPTED,
    permission=ADOPT,
    precondition=approvals.requires(PARTY_CONSENT),
    rule="§6.2",
    label=_("主任会议通过"),
    audit="decisions.list.adopted",
)
def annual_list_adopt(
    ctx: ActionContext, *, annual_list: AnnualList, meeting: Meeting | None = None
) -> AnnualList:
    """The chairpersons' council adopts the list into the annual work plan (rules §6.2)."""
    if meeting is not None and meeting.kind != Meeting.Kind.CHAIRPERSONS_COUNCIL:
        raise DomainError("meeting_not_council", _("年度清单应由主任会议通过。"), field="meeting")
    lst = annual_list
    lst.adopted_at, lst.adopted_by, lst.adoption_meeting = ctx.now, ctx.user, meeting
    lst.save(update_fields=["adopted_at", "adopted_by", "adoption_meeting", "updated_at"])
    ctx.changes.update(
        adopted_at=str(ctx.now),
        adopted_by=ctx.user.pk if ctx.user is not None else "None",
        adoption_meeting=meeting.pk if meeting is not None else "None",
    )
    return lst


@action(
    "decisions.annual_list.supersede",
    model=AnnualList,
    subject="annual_list",
    sources=workflow.PUBLISHED_SOURCES,
    target=L.SUPERSEDED,
    permission=SYSTEM,
    rule="§6.2",
    label=_("已调整"),
    audit="decisions.list.superseded",
)
def annual_list_supersede(
    ctx: ActionContext, *, annual_list: AnnualList, by: AnnualList, kept: set[int]
) -> int:
    """The published change ``by`` replaces ``annual_list``: items it dropped are withdrawn."""
    withdrawn = 0
    for matter in (
        Matter.objects.filter(list_items__annual_list=annual_list).exclude(pk__in=kept).distinct()
    ):
        if matter.status == M.LISTED:
            matter.status = M.WITHDRAWN
            matter.save(update_fields=["status", "updated_at"])
            withdrawn += 1
    _touch(annual_list)
    ctx.changes["by"] = by.pk
    return withdrawn


@action(
    "decisions.annual_list.publish",
    model=AnnualList,
    subject="annual_list",
    sources=workflow.PUBLISH_SOURCES,
    target=L.PUBLISHED,
    permission=MANAGE,
    rule="§6.2",
    label=_("公布清单"),
    audit="decisions.list.published",
)
def annual_list_publish(ctx: ActionContext, *, annual_list: AnnualList) -> AnnualList:
    """Publish the adopted list: its items become the year's matters; a change supersedes its base."""
    lst = annual_list
    created = updated = withdrawn = 0
    kept: set[int] = set()
    for item in lst.items.select_related("matter").order_by("order", "id"):
        fields = {
            "category_id": item.category_id,
            "kind": item.kind,
            "title": item.title,
            "description": item.description,
            "proposing_body_id": item.proposing_body_id,
            "planned_quarter": item.planned_quarter,
            "year": lst.year,
        }
        matter = item.matter
        if matter is None:
            matter = Matter.objects.create(
                status=M.LISTED, annual_list=lst, created_by=ctx.user, **fields
            )
            item.matter = matter
            item.save(update_fields=["matter", "updated_at"])
            created += 1
        elif matter.status == M.LISTED:
            for key, value in fields.items():
                setattr(matter, key, value)
            matter.save()
            updated += 1
        kept.add(matter.pk)
    if lst.base_id:
        withdrawn = ctx.perform(annual_list_supersede, annual_list=lst.base, by=lst, kept=kept)
    lst.published_at = ctx.now
    lst.save(update_fields=["published_at", "updated_at"])
    _snapshot(ctx, lst, ListSnapshot.Stage.PUBLISHED)
    ctx.changes.update(
        matters_created=created, matters_updated=updated, matters_withdrawn=withdrawn
    )
    return lst
