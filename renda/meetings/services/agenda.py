"""The agenda: items, their order, their reporters (S17) and their dispositions (S16)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import F, Max
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import SYSTEM, ActionContext, SystemActor, action
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.people.models import Membership, Organization, Person, Post

from .. import workflow
from ..models import AgendaItem, Attendance, Meeting
from ._common import MANAGE, check_open, diff, item_meeting_open, meeting_open_now, snapshot

D = AgendaItem.Disposition
ITEM_FIELDS = ("kind", "title", "description", "reporter", "reporter_post", "reporting_body")
NOTE_LABEL = _("决定内容或下一步处理意见")


def statutory_post(person: Person, day: dt.date, post: Post | None = None) -> Membership | None:
    """Return the person's active membership in a post elected or appointed by the congress or SC."""
    qs = (
        Membership.objects.filter(
            person=person, post__elected_or_appointed=True, start_date__lte=day
        )
        .exclude(end_date__lt=day)
        .select_related("post", "organization")
    )
    if post is not None:
        qs = qs.filter(post=post)
    return qs.order_by("post__sort_order", "id").first()


def _check_item(meeting: Meeting, data: dict[str, Any]) -> dict[str, Any]:
    """Validate an item's fields and fill the reporter's post and body (S17)."""
    if data["kind"] not in AgendaItem.Kind.values:
        raise DomainError(
            "invalid_choice", _("议题类别“{value}”无效。"), field="kind", value=data["kind"]
        )
    data["title"] = validation.text(
        data["title"], field="title", label=_("议题"), required=True, max_length=200
    )
    data["description"] = validation.text(
        data.get("description"),
        field="description",
        label=_("说明"),
        required=False,
        max_length=20000,
    )
    reporter: Person | None = data.get("reporter")
    post: Post | None = data.get("reporter_post")
    if data["kind"] in workflow.STATUTORY_REPORTER_KINDS:
        if reporter is None:
            raise DomainError(
                "reporter_required", _("工作报告必须指定报告人（S17）。"), field="reporter"
            )
        membership = statutory_post(reporter, meeting.starts_on, post)
        if membership is None:
            raise DomainError(
                "reporter_not_statutory",
                _(
                    "{name}在{date}未担任由人民代表大会或其常务委员会选举、任命的职务，不能作为工作报告的报告人"
                    "（S17：报告人应为人大及其常委会选举或任命的人员，如政府组成人员、法院院长或副院长、"
                    "检察长或副检察长）。"
                ),
                field="reporter",
                name=reporter.name,
                date=meeting.starts_on.isoformat(),
            )
        data["reporter_post"] = membership.post
        if data.get("reporting_body") is None:
            data["reporting_body"] = membership.organization
    elif (
        post is not None
        and reporter is not None
        and not Membership.objects.filter(person=reporter, post=post).exists()
    ):
        raise DomainError(
            "reporter_post_mismatch", _("报告人不担任所选职务。"), field="reporter_post"
        )
    return data


def _add_reporter_row(meeting: Meeting, reporter: Person | None) -> bool:
    if reporter is None:
        return False
    _row, created = Attendance.objects.get_or_create(
        meeting=meeting, person=reporter, defaults={"role": Attendance.Role.REPORTER}
    )
    return created


@action(
    "meetings.meeting.add_item",
    model=Meeting,
    subject="meeting",
    permission=MANAGE,
    precondition=meeting_open_now,
    precondition_hides=True,
    rule="S17",
    label=_("列入议程"),
    audit="meetings.item.added",
)
def agenda_item_add(
    ctx: ActionContext,
    *,
    meeting: Meeting,
    kind: str,
    title: str,
    description: str = "",
    reporter: Person | None = None,
    reporter_post: Post | None = None,
    reporting_body: Organization | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda; a work report's reporter must be statutory (S17)."""
    data = _check_item(
        meeting,
        {
            "kind": kind,
            "title": title,
            "description": description,
            "reporter": reporter,
            "reporter_post": reporter_post,
            "reporting_body": reporting_body,
        },
    )
    order = (meeting.items.aggregate(n=Max("order"))["n"] or 0) + 1
    item = AgendaItem.objects.create(meeting=meeting, order=order, **data)
    reporter_added = _add_reporter_row(meeting, item.reporter)
    ctx.changes.update(
        meeting=meeting.pk,
        order=order,
        kind=kind,
        reporter=item.reporter_id,
        reporter_post=item.reporter_post_id,
        reporter_on_roll=reporter_added,
    )
    return item


@action(
    "meetings.agenda_item.edit",
    model=AgendaItem,
    subject="item",
    permission=MANAGE,
    precondition=item_meeting_open,
    precondition_hides=True,
    rule="S17",
    label=_("修改议程事项"),
    audit="meetings.item.updated",
)
def agenda_item_update(ctx: ActionContext, *, item: AgendaItem, **fields: Any) -> AgendaItem:
    """Change an item's kind, title, description or reporter; S17 is checked again."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    before = snapshot(item, ITEM_FIELDS)
    data = {f: getattr(item, f) for f in ITEM_FIELDS}
    if "reporter" in fields and "reporter_post" not in fields:
        data["reporter_post"] = None
    data.update(fields)
    data = _check_item(item.meeting, data)
    for key, value in data.items():
        setattr(item, key, value)
    item.save()
    _add_reporter_row(item.meeting, item.reporter)
    ctx.changes.update(diff(before, snapshot(item, ITEM_FIELDS)))
    return item


@action(
    "meetings.meeting.reorder",
    model=Meeting,
    subject="meeting",
    permission=MANAGE,
    precondition=meeting_open_now,
    precondition_hides=True,
    rule="S16",
    label=_("调整议程顺序"),
    audit="meetings.agenda.reordered",
)
def agenda_item_reorder(
    ctx: ActionContext, *, meeting: Meeting, item_ids: Sequence[int]
) -> list[AgendaItem]:
    """Put the agenda in the given order; the ids must be exactly the meeting's items."""
    items = {i.pk: i for i in AgendaItem.objects.filter(meeting=meeting)}
    ids = [int(i) for i in item_ids]
    if sorted(ids) != sorted(items) or len(set(ids)) != len(ids):
        raise DomainError(
            "agenda_order_mismatch",
            _("新的顺序必须恰好包含本次会议的全部议程事项。"),
            field="items",
        )
    before = {pk: items[pk].order for pk in ids}
    # Two passes: the orders are unique per meeting, so move them out of the way first.
    AgendaItem.objects.filter(meeting=meeting).update(order=F("order") + 10000)
    for position, pk in enumerate(ids, start=1):
        AgendaItem.objects.filter(pk=pk).update(order=position)
        items[pk].order = position
    ctx.changes["order"] = [[pk, before[pk], items[pk].order] for pk in ids]
    return [items[pk] for pk in ids]


# -- dispositions (S16, §8.12) --------------------------------------------------------------


def _record(ctx: ActionContext, item: AgendaItem, note: str) -> AgendaItem:
    # The disposition and its note are saved together (a deferral needs its opinion).
    item.disposition, item.disposition_note = ctx.action.target, note
    item.disposed_at = ctx.now
    item.save(update_fields=["disposition", "disposition_note", "disposed_at", "updated_at"])
    ctx.changes["note"] = note
    return item


@action(
    "meetings.agenda_item.decide",
    model=AgendaItem,
    subject="item",
    status_field="disposition",
    sources=workflow.DECIDE_SOURCES,
    target=D.DECIDED,
    permission=MANAGE,
    precondition=item_meeting_open,
    rule="S16",
    label=_("已作出决定"),
    audit="meetings.item.disposed",
)
def agenda_item_decide(ctx: ActionContext, *, item: AgendaItem, note: str = "") -> AgendaItem:
    """Record that an item was decided without a vote (S16)."""
    note = validation.text(note, field="note", label=NOTE_LABEL, required=False, max_length=2000)
    return _record(ctx, item, note)


@action(
    "meetings.agenda_item.defer",
    model=AgendaItem,
    subject="item",
    status_field="disposition",
    sources=workflow.DEFER_SOURCES,
    target=D.DEFERRED,
    permission=MANAGE,
    precondition=item_meeting_open,
    rule="S16",
    label=_("暂缓，另行处理"),
    audit="meetings.item.disposed",
)
def agenda_item_defer(ctx: ActionContext, *, item: AgendaItem, note: str) -> AgendaItem:
    """Defer an item with its next-step opinion (下一步处理意见, S16)."""
    note = validation.text(note, field="note", label=NOTE_LABEL, required=True, max_length=2000)
    return _record(ctx, item, note)


#: The disposition a person records by hand → the action recording it.
DISPOSE = {D.DECIDED: agenda_item_decide, D.DEFERRED: agenda_item_defer}


def disposition_check(item: AgendaItem, disposition: str) -> None:
    """The refusals of a hand-recorded disposition before it is attempted, with their own codes."""
    if disposition == D.VOTED:
        raise DomainError(
            "disposition_needs_poll",
            _("“已表决”只能由表决结果记录，请通过表决模块进行表决。"),
            field="disposition",
        )
    if disposition not in workflow.MANUAL_DISPOSITIONS:
        raise DomainError(
            "invalid_choice", _("处理结果“{value}”无效。"), field="disposition", value=disposition
        )
    check_open(item.meeting)
    current = AgendaItem.objects.filter(pk=item.pk).values_list("disposition", flat=True).first()
    if current not in DISPOSE[disposition].sources:
        raise Conflict(
            "disposition_transition",
            _("议程事项已是“{old}”，不能改为“{new}”。"),
            field="disposition",
            old=str(D(current).label) if current in D.values else current,
            new=str(D(disposition).label),
        )


def agenda_item_dispose(*, actor, item: AgendaItem, disposition: str, note: str = "") -> AgendaItem:
    """Record a decision without a vote, or a deferral with its next-step opinion (S16)."""
    act = DISPOSE.get(disposition, agenda_item_decide)
    if not act.permits(actor, item):
        raise PermissionDenied()
    disposition_check(item, disposition)
    return act(actor=actor, item=item, note=note)


@action(
    "meetings.agenda_item.mark_voted",
    model=AgendaItem,
    subject="item",
    status_field="disposition",
    sources=workflow.VOTE_SOURCES,
    target=D.VOTED,
    permission=SYSTEM,
    precondition=item_meeting_open,
    rule="S16",
    label=_("议程事项已表决"),
    audit="meetings.item.voted",
)
def agenda_item_vote(ctx: ActionContext, *, item: AgendaItem, note: str = "") -> AgendaItem:
    """The voting module's result: the item was put to a vote."""
    return _record(ctx, item, note)


def agenda_item_mark_voted(item: AgendaItem, actor, *, note: str = "") -> AgendaItem:
    """Record that an item was put to a vote; called by the voting module when a poll ends.

    The chair or the office (``meetings.record_vote``) announces the poll; the disposition
    itself is the platform's (a ``SYSTEM`` action). Idempotent.
    """
    validation.require(actor, "meetings.record_vote")
    if item.disposition == D.VOTED:
        return item
    note = validation.text(note, field="note", label=NOTE_LABEL, required=False, max_length=2000)
    return agenda_item_vote(actor=SystemActor(actor, "poll announced"), item=item, note=note)
