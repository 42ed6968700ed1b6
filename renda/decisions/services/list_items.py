"""The items and the comments of the annual list (S12 item 3): the government drafts and revises
its items and answers the comments the SC's working bodies make while the list is out for comments."""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError
from renda.people.models import Organization

from .. import workflow
from ..models import AnnualList, Category, ListComment, ListItem, Matter
from ._common import COMMENT, MAX_TITLE, SUBMIT, _choice, _quarter, _text, own_list

M = Matter.Status


# -- the items, while the government drafts or revises ------------------------------------------


def _item_fields(lst: AnnualList, data: dict[str, Any]) -> dict[str, Any]:
    category = data.get("category")
    if not isinstance(category, Category) or not category.is_active:
        raise DomainError("field_required", _("请填写{label}。"), field="category", label=_("类别"))
    data["kind"] = _choice(
        data.get("kind") or Matter.Kind.DECISION,
        workflow.LIST_KINDS,
        field="kind",
        label=_("事项类型"),
    )
    data["title"] = _text(
        data.get("title"), field="title", label=_("事项名称"), max_length=MAX_TITLE
    )
    data["description"] = _text(
        data.get("description"), field="description", label=_("主要内容"), required=False
    )
    data["planned_quarter"] = _quarter(data.get("planned_quarter"))
    body = data.get("proposing_body") or lst.government
    if body.pk != lst.government_id and body.parent_id != lst.government_id:
        raise DomainError(
            "proposing_body_invalid",
            _("提请机关应为本级人民政府或其工作部门。"),
            field="proposing_body",
        )
    data["proposing_body"] = body
    return data


ITEM_FIELDS = ("category", "kind", "title", "description", "planned_quarter", "proposing_body")


@action(
    "decisions.annual_list.add_item",
    model=AnnualList,
    subject="annual_list",
    sources=workflow.EDITABLE,
    permission=SUBMIT,
    precondition=own_list,
    precondition_hides=True,
    rule="S12",
    label=_("增加事项"),
    audit="decisions.item.added",
)
def list_item_add(
    ctx: ActionContext,
    *,
    annual_list: AnnualList,
    category: Category,
    title: str,
    planned_quarter: int,
    kind: str = Matter.Kind.DECISION,
    description: str = "",
    proposing_body: Organization | None = None,
) -> ListItem:
    """Add a proposed matter to the list while the government drafts or revises it."""
    lst = annual_list
    data = _item_fields(
        lst,
        {
            "category": category,
            "kind": kind,
            "title": title,
            "description": description,
            "planned_quarter": planned_quarter,
            "proposing_body": proposing_body,
        },
    )
    order = (lst.items.aggregate(n=Max("order"))["n"] or 0) + 1
    item = ListItem.objects.create(annual_list=lst, order=order, **data)
    ctx.changes.update(
        list=lst.pk,
        title=item.title,
        category=category.code,
        kind=item.kind,
        quarter=item.planned_quarter,
    )
    return item


def _item_state(item: ListItem) -> dict[str, str]:
    return {f: str(getattr(item, f"{f}_id", None) or getattr(item, f)) for f in ITEM_FIELDS}


@action(
    "decisions.list_item.edit",
    model=ListItem,
    subject="item",
    holder=lambda item: item.annual_list,
    sources=workflow.EDITABLE,
    permission=SUBMIT,
    precondition=own_list,
    precondition_hides=True,
    rule="S12",
    label=_("修改清单事项"),
    audit="decisions.item.updated",
)
def list_item_update(ctx: ActionContext, *, item: ListItem, **fields: Any) -> ListItem:
    """Change a proposed matter while drafting or revising; the snapshots keep what it was."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    before = _item_state(item)
    data = {f: getattr(item, f) for f in ITEM_FIELDS}
    data.update(fields)
    data = _item_fields(item.annual_list, data)
    if item.matter_id and item.matter.status != M.LISTED:
        raise Conflict("matter_before_sc", _("该事项已提请常委会审议，不能再修改。"))
    for key, value in data.items():
        setattr(item, key, value)
    item.save()
    after = _item_state(item)
    ctx.changes.update({k: [before[k], after[k]] for k in after if before[k] != after[k]})
    return item


@action(
    "decisions.list_item.remove",
    model=ListItem,
    subject="item",
    holder=lambda item: item.annual_list,
    sources=workflow.EDITABLE,
    permission=SUBMIT,
    precondition=own_list,
    precondition_hides=True,
    rule="S12",
    label=_("移出"),
    audit="decisions.item.removed",
)
def list_item_remove(ctx: ActionContext, *, item: ListItem) -> None:
    """Take a proposed matter off the list while drafting or revising."""
    if item.matter_id and item.matter.status != M.LISTED:
        raise Conflict("matter_before_sc", _("该事项已提请常委会审议，不能移出清单。"))
    ctx.changes.update(list=item.annual_list_id, title=item.title, matter=item.matter_id)
    ListComment.objects.filter(item=item).update(item_title=item.title)
    # Deleted through the queryset, so the row keeps its id for the audit event.
    ListItem.objects.filter(pk=item.pk).delete()


# -- comments --------------------------------------------------------------------------------


@action(
    "decisions.annual_list.comment",
    model=AnnualList,
    subject="annual_list",
    sources=workflow.COMMENT_SOURCES,
    permission=COMMENT,
    rule="S12",
    label=_("提出意见"),
    audit="decisions.comment.added",
)
def list_comment_add(
    ctx: ActionContext,
    *,
    annual_list: AnnualList,
    text: str,
    item: ListItem | None = None,
    body: Organization | None = None,
) -> ListComment:
    """A working body comments on the whole list or on one item (征求意见)."""
    actor = ctx.user
    text = _text(text, field="text", label=_("意见"))
    if item is not None and item.annual_list_id != annual_list.pk:
        raise DomainError("item_wrong_list", _("所选事项不属于本清单。"), field="item")
    if body is None and actor.scope_id and actor.scope.kind in Organization.CONGRESS_KINDS:
        body = actor.scope
    comment = ListComment.objects.create(
        annual_list=annual_list,
        item=item,
        item_title=item.title if item else "",
        body=body,
        round=annual_list.round,
        text=text,
        author=actor,
    )
    ctx.changes.update(
        list=annual_list.pk, item=item.pk if item else None, body=body.pk if body else None
    )
    return comment


@action(
    "decisions.list_comment.respond",
    model=ListComment,
    subject="comment",
    holder=lambda comment: comment.annual_list,
    sources=workflow.REVISE_SOURCES,
    permission=SUBMIT,
    precondition=own_list,
    precondition_hides=True,
    rule="S12",
    label=_("填写采纳情况"),
    audit="decisions.comment.responded",
)
def list_comment_respond(ctx: ActionContext, *, comment: ListComment, response: str) -> ListComment:
    """The government says how it took a comment into account (采纳情况) while revising."""
    response = _text(response, field="response", label=_("政府采纳情况"))
    comment.response, comment.responded_at = response, ctx.now
    comment.save(update_fields=["response", "responded_at", "updated_at"])
    ctx.changes["list"] = comment.annual_list_id
    return comment
