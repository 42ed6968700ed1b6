"""Writes for major matters: the annual list, matters, materials, decisions and opinions.

Every service checks the actor's permission, re-checks its rules (raising a
:class:`~renda.core.errors.DomainError` with a stable code), writes inside one
transaction and appends the audit event in that same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.core.statute import param, params
from renda.core.workdays import calendar_around
from renda.meetings.models import AgendaItem, Meeting, MeetingDocument
from renda.people.models import Organization

from . import (
    statute,  # noqa: F401  (registers the parameters read below)
    workflow,
)
from .categories import ensure_categories
from .models import (
    AnnualList,
    Category,
    Decision,
    ListComment,
    ListItem,
    ListSnapshot,
    Material,
    Matter,
)
from .rules import is_government_officer

L = AnnualList.Status
M = Matter.Status
D = Decision.Status

MAX_TITLE = 200
MAX_TEXT = 20000

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


# -- helpers ------------------------------------------------------------------------------


def _require(actor, perm: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perm(perm):
        raise PermissionDenied()


def _text(
    value: Any, *, field: str, label, required: bool = True, max_length: int = MAX_TEXT
) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise DomainError("field_required", _("请填写{label}。"), field=field, label=label)
    if len(text) > max_length:
        raise DomainError(
            "field_too_long",
            _("{label}不能超过{max}个字符。"),
            field=field,
            label=label,
            max=max_length,
        )
    return text


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


def _is_admin(actor) -> bool:
    return bool(actor.is_superuser or actor.role == "admin")


def _own_list(actor, lst: AnnualList) -> None:
    """The government officer acts only on its own government's lists."""
    if _is_admin(actor):
        return
    if not (is_government_officer(actor) and actor.scope_id == lst.government_id):
        raise PermissionDenied("not_own_list", _("只能办理本机关的重大事项清单。"))


def owns_matter(actor, matter: Matter) -> bool:
    """Whether ``actor`` may file materials for ``matter``: the office, or the government proposing it."""
    if _is_admin(actor) or actor.has_perm("decisions.manage"):
        return True
    if not is_government_officer(actor):
        return False
    scope = actor.scope_id
    return scope in (
        matter.proposing_body_id,
        matter.proposing_body.parent_id,
        matter.annual_list.government_id if matter.annual_list_id else None,
    )


def _check_list(action: str, lst: AnnualList) -> None:
    if not workflow.list_allows(action, lst.status):
        raise Conflict(
            "list_status",
            _("清单当前状态为“{status}”，不能进行此操作。"),
            status=lst.get_status_display(),
        )


def _check_matter(action: str, matter: Matter) -> None:
    if not workflow.matter_allows(action, matter.status):
        raise Conflict(
            "matter_status",
            _("重大事项当前状态为“{status}”，不能进行此操作。"),
            status=matter.get_status_display(),
        )


def _lock_list(lst: AnnualList) -> AnnualList:
    return (
        AnnualList.objects.select_for_update(of=("self",))
        .select_related("government")
        .get(pk=lst.pk)
    )


def _lock_matter(matter: Matter) -> Matter:
    return (
        Matter.objects.select_for_update(of=("self",))
        .select_related("proposing_body", "annual_list")
        .get(pk=matter.pk)
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


def _snapshot(actor, lst: AnnualList, stage: str) -> ListSnapshot:
    return ListSnapshot.objects.create(
        annual_list=lst,
        round=lst.round,
        stage=stage,
        items=_snapshot_rows(lst),
        taken_at=timezone.now(),
        taken_by=actor,
    )


# -- the annual list ----------------------------------------------------------------------


def annual_list_create(
    *,
    actor,
    year: int,
    title: str = "",
    explanation: str = "",
    government: Organization | None = None,
) -> AnnualList:
    """Start the government's proposal of next year's list (S12 item 3)."""
    _require(actor, "decisions.submit")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("year_invalid", _("年度应为2000至2100之间的年份。"), field="year")
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
    with transaction.atomic():
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
        audit_record(
            actor=actor,
            action="decisions.list.created",
            obj=lst,
            changes={"year": year, "government": government.pk, "due_on": due.isoformat()},
        )
    return lst


def annual_list_change_start(*, actor, base: AnnualList, explanation: str) -> AnnualList:
    """Propose a change to a published list during the year; it follows the same route (rules §6.2)."""
    _require(actor, "decisions.submit")
    explanation = _text(explanation, field="explanation", label=_("调整说明"))
    with transaction.atomic():
        locked = _lock_list(base)
        _own_list(actor, locked)
        _check_list("change", locked)
        if AnnualList.objects.filter(
            year=locked.year, status__in=workflow.OPEN_LIST_STATUSES
        ).exists():
            raise Conflict(
                "change_open", _("{year}年度已有一项正在办理的清单调整。"), year=locked.year
            )
        version = (
            AnnualList.objects.filter(year=locked.year).aggregate(v=Max("version"))["v"] or 1
        ) + 1
        change = AnnualList.objects.create(
            year=locked.year,
            version=version,
            base=locked,
            government=locked.government,
            title=f"{locked.title}（第{version - 1}次调整）"[:MAX_TITLE],
            explanation=explanation,
            created_by=actor,
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
                for i in locked.items.all()
            ]
        )
        audit_record(
            actor=actor,
            action="decisions.list.change_started",
            obj=change,
            changes={"base": locked.pk, "version": version},
        )
    return change


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


def list_item_add(
    *,
    actor,
    annual_list: AnnualList,
    category: Category,
    title: str,
    planned_quarter: int,
    kind: str = Matter.Kind.DECISION,
    description: str = "",
    proposing_body: Organization | None = None,
) -> ListItem:
    """Add a proposed matter to the list while the government drafts or revises it."""
    _require(actor, "decisions.submit")
    with transaction.atomic():
        lst = _lock_list(annual_list)
        _own_list(actor, lst)
        _check_list("edit", lst)
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
        audit_record(
            actor=actor,
            action="decisions.item.added",
            obj=item,
            changes={
                "list": lst.pk,
                "title": item.title,
                "category": category.code,
                "kind": item.kind,
                "quarter": item.planned_quarter,
            },
        )
    return item


def list_item_update(*, actor, item: ListItem, **fields: Any) -> ListItem:
    """Change a proposed matter while drafting or revising; the snapshots keep what it was."""
    _require(actor, "decisions.submit")
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    with transaction.atomic():
        lst = _lock_list(item.annual_list)
        _own_list(actor, lst)
        _check_list("edit", lst)
        locked = (
            ListItem.objects.select_for_update(of=("self",))
            .select_related("matter")
            .get(pk=item.pk)
        )
        before = {
            f: str(getattr(locked, f"{f}_id", None) or getattr(locked, f)) for f in ITEM_FIELDS
        }
        data = {f: getattr(locked, f) for f in ITEM_FIELDS}
        data.update(fields)
        data = _item_fields(lst, data)
        if locked.matter_id and locked.matter.status != M.LISTED:
            raise Conflict("matter_before_sc", _("该事项已提请常委会审议，不能再修改。"))
        for key, value in data.items():
            setattr(locked, key, value)
        locked.save()
        after = {
            f: str(getattr(locked, f"{f}_id", None) or getattr(locked, f)) for f in ITEM_FIELDS
        }
        audit_record(
            actor=actor,
            action="decisions.item.updated",
            obj=locked,
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        )
    return locked


def list_item_remove(*, actor, item: ListItem) -> None:
    """Take a proposed matter off the list while drafting or revising."""
    _require(actor, "decisions.submit")
    with transaction.atomic():
        lst = _lock_list(item.annual_list)
        _own_list(actor, lst)
        _check_list("edit", lst)
        locked = (
            ListItem.objects.select_for_update(of=("self",))
            .select_related("matter")
            .get(pk=item.pk)
        )
        if locked.matter_id and locked.matter.status != M.LISTED:
            raise Conflict("matter_before_sc", _("该事项已提请常委会审议，不能移出清单。"))
        audit_record(
            actor=actor,
            action="decisions.item.removed",
            obj=locked,
            changes={"list": lst.pk, "title": locked.title, "matter": locked.matter_id},
        )
        ListComment.objects.filter(item=locked).update(item_title=locked.title)
        locked.delete()


def annual_list_submit(
    *, actor, annual_list: AnnualList, now: dt.datetime | None = None
) -> AnnualList:
    """The government submits the list: first for comments, then revised for the party committee."""
    _require(actor, "decisions.submit")
    now = now or timezone.now()
    with transaction.atomic():
        lst = _lock_list(annual_list)
        _own_list(actor, lst)
        if workflow.list_allows("submit", lst.status):
            target, stage = L.COMMENTING, ListSnapshot.Stage.SUBMITTED
        elif workflow.list_allows("resubmit", lst.status):
            target, stage = L.AWAITING_CONSENT, ListSnapshot.Stage.RESUBMITTED
        else:
            _check_list("submit", lst)
        if not lst.items.exists():
            raise DomainError("list_empty", _("清单中还没有事项，不能报送。"))
        old = lst.status
        lst.status, lst.round = target, lst.round + 1
        late = lst.late_on(timezone.localtime(now).date())
        if lst.submitted_at is None:
            lst.submitted_at = now
        lst.save(update_fields=["status", "round", "submitted_at", "updated_at"])
        _snapshot(actor, lst, stage)
        audit_record(
            actor=actor,
            action="decisions.list.submitted",
            obj=lst,
            changes={
                "status": [old, target],
                "round": lst.round,
                "late": late,
                "due_on": lst.due_on.isoformat() if lst.due_on else None,
            },
        )
    return lst


def list_comment_add(
    *,
    actor,
    annual_list: AnnualList,
    text: str,
    item: ListItem | None = None,
    body: Organization | None = None,
) -> ListComment:
    """A working body comments on the whole list or on one item (征求意见)."""
    _require(actor, "decisions.comment")
    text = _text(text, field="text", label=_("意见"))
    if item is not None and item.annual_list_id != annual_list.pk:
        raise DomainError("item_wrong_list", _("所选事项不属于本清单。"), field="item")
    if body is None and actor.scope_id and actor.scope.kind in Organization.CONGRESS_KINDS:
        body = actor.scope
    with transaction.atomic():
        lst = _lock_list(annual_list)
        _check_list("comment", lst)
        comment = ListComment.objects.create(
            annual_list=lst,
            item=item,
            item_title=item.title if item else "",
            body=body,
            round=lst.round,
            text=text,
            author=actor,
        )
        audit_record(
            actor=actor,
            action="decisions.comment.added",
            obj=comment,
            changes={
                "list": lst.pk,
                "item": item.pk if item else None,
                "body": body.pk if body else None,
            },
        )
    return comment


def list_comment_respond(*, actor, comment: ListComment, response: str) -> ListComment:
    """The government says how it took a comment into account (采纳情况) while revising."""
    _require(actor, "decisions.submit")
    response = _text(response, field="response", label=_("政府采纳情况"))
    with transaction.atomic():
        lst = _lock_list(comment.annual_list)
        _own_list(actor, lst)
        _check_list("respond", lst)
        locked = ListComment.objects.select_for_update().get(pk=comment.pk)
        locked.response, locked.responded_at = response, timezone.now()
        locked.save(update_fields=["response", "responded_at", "updated_at"])
        audit_record(
            actor=actor, action="decisions.comment.responded", obj=locked, changes={"list": lst.pk}
        )
    return locked


def _move_list(actor, annual_list: AnnualList, action: str, verb: str, **fields: Any) -> AnnualList:
    rule = workflow.LIST_ACTIONS[action]
    _require(actor, rule.perm)
    with transaction.atomic():
        lst = _lock_list(annual_list)
        _check_list(action, lst)
        old = lst.status
        lst.status = rule.target
        for key, value in fields.items():
            setattr(lst, key, value)
        lst.save()
        audit_record(
            actor=actor,
            action=f"decisions.list.{verb}",
            obj=lst,
            changes={
                "status": [old, lst.status],
                **{k: (v.pk if hasattr(v, "pk") else str(v)) for k, v in fields.items()},
            },
        )
    return lst


def annual_list_close_comments(*, actor, annual_list: AnnualList) -> AnnualList:
    """Close the comments; the government revises the list (由政府修改完善)."""
    return _move_list(actor, annual_list, "close_comments", "comments_closed")


def annual_list_return(*, actor, annual_list: AnnualList, reason: str) -> AnnualList:
    """Send the list back to the government for revision, e.g. when the party committee asks for changes."""
    reason = _text(reason, field="reason", label=_("退回理由"))
    return _move_list(actor, annual_list, "return", "returned", consent_note=reason)


def annual_list_record_consent(
    *, actor, annual_list: AnnualList, consented_on: dt.date, reference: str = "", note: str = ""
) -> AnnualList:
    """Record the party committee's consent (报本级党委研究同意, S2, S12 item 3)."""
    if not isinstance(consented_on, dt.date):
        raise DomainError(
            "field_required", _("请填写{label}。"), field="consented_on", label=_("党委同意日期")
        )
    if consented_on > timezone.localdate():
        raise DomainError("date_in_future", _("党委同意日期不能晚于今天。"), field="consented_on")
    reference = _text(
        reference, field="reference", label=_("党委同意文号"), required=False, max_length=100
    )
    note = _text(note, field="note", label=_("党委意见"), required=False)
    return _move_list(
        actor,
        annual_list,
        "consent",
        "consent_recorded",
        consented_on=consented_on,
        consent_reference=reference,
        consent_note=note,
    )


def annual_list_adopt(
    *, actor, annual_list: AnnualList, meeting: Meeting | None = None
) -> AnnualList:
    """The chairpersons' council adopts the list into the annual work plan (rules §6.2)."""
    if meeting is not None and meeting.kind != Meeting.Kind.CHAIRPERSONS_COUNCIL:
        raise DomainError("meeting_not_council", _("年度清单应由主任会议通过。"), field="meeting")
    return _move_list(
        actor,
        annual_list,
        "adopt",
        "adopted",
        adopted_at=timezone.now(),
        adopted_by=actor,
        adoption_meeting=meeting,
    )


def annual_list_publish(*, actor, annual_list: AnnualList) -> AnnualList:
    """Publish the adopted list: its items become the year's matters; a change supersedes its base."""
    _require(actor, "decisions.manage")
    with transaction.atomic():
        lst = _lock_list(annual_list)
        _check_list("publish", lst)
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
                    status=M.LISTED, annual_list=lst, created_by=actor, **fields
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
            base = _lock_list(lst.base)
            _check_list("supersede", base)
            for matter in (
                Matter.objects.filter(list_items__annual_list=base).exclude(pk__in=kept).distinct()
            ):
                if matter.status == M.LISTED:
                    matter.status = M.WITHDRAWN
                    matter.save(update_fields=["status", "updated_at"])
                    withdrawn += 1
            base.status = L.SUPERSEDED
            base.save(update_fields=["status", "updated_at"])
            audit_record(
                actor=actor, action="decisions.list.superseded", obj=base, changes={"by": lst.pk}
            )
        lst.status, lst.published_at = L.PUBLISHED, timezone.now()
        lst.save(update_fields=["status", "published_at", "updated_at"])
        _snapshot(actor, lst, ListSnapshot.Stage.PUBLISHED)
        audit_record(
            actor=actor,
            action="decisions.list.published",
            obj=lst,
            changes={
                "matters_created": created,
                "matters_updated": updated,
                "matters_withdrawn": withdrawn,
            },
        )
    return lst


# -- matters ------------------------------------------------------------------------------


def matter_create(
    *,
    actor,
    category: Category,
    kind: str,
    title: str,
    proposing_body: Organization,
    description: str = "",
    year: int | None = None,
    planned_quarter: int | None = None,
    revoked_title: str = "",
    revoked_number: str = "",
    revoked_issued_on: dt.date | None = None,
    grounds: str = "",
) -> Matter:
    """Register a matter outside the annual list, or a motion to revoke a government decision (S12 item 4)."""
    _require(actor, "decisions.manage")
    if not isinstance(category, Category):
        raise DomainError("field_required", _("请填写{label}。"), field="category", label=_("类别"))
    kind = _choice(kind, Matter.Kind.values, field="kind", label=_("事项类型"))
    title = _text(title, field="title", label=_("事项名称"), max_length=MAX_TITLE)
    description = _text(description, field="description", label=_("主要内容"), required=False)
    if not isinstance(proposing_body, Organization):
        raise DomainError(
            "field_required", _("请填写{label}。"), field="proposing_body", label=_("提请机关")
        )
    year = year or timezone.localdate().year
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise DomainError("year_invalid", _("年度应为2000至2100之间的年份。"), field="year")
    if planned_quarter is not None:
        planned_quarter = _quarter(planned_quarter)
    revocation = {}
    if kind == Matter.Kind.REVOCATION:
        revocation = {
            "revoked_title": _text(
                revoked_title, field="revoked_title", label=_("拟撤销的决定"), max_length=MAX_TITLE
            ),
            "revoked_number": _text(
                revoked_number,
                field="revoked_number",
                label=_("文号"),
                required=False,
                max_length=100,
            ),
            "grounds": _text(grounds, field="grounds", label=_("撤销理由")),
            "revoked_issued_on": revoked_issued_on,
        }
        if revoked_issued_on is not None and revoked_issued_on > timezone.localdate():
            raise DomainError(
                "date_in_future", _("作出日期不能晚于今天。"), field="revoked_issued_on"
            )
    with transaction.atomic():
        matter = Matter.objects.create(
            category=category,
            kind=kind,
            title=title,
            description=description,
            proposing_body=proposing_body,
            year=year,
            planned_quarter=planned_quarter,
            status=M.REGISTERED,
            created_by=actor,
            **revocation,
        )
        audit_record(
            actor=actor,
            action="decisions.matter.created",
            obj=matter,
            changes={
                "kind": kind,
                "category": category.code,
                "proposing_body": proposing_body.pk,
                "revoked_title": revocation.get("revoked_title", ""),
            },
        )
    return matter


def check_upload(upload) -> str:
    """Refuse a file of the wrong type or too large; return its extension."""
    name = getattr(upload, "name", "") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in workflow.UPLOAD_SIGNATURES:
        raise DomainError(
            "upload_type",
            _("只能上传 PDF、Word（docx）、Excel（xlsx）或文本（txt）文件。"),
            field="file",
        )
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        raise DomainError("upload_empty", _("上传的文件是空的。"), field="file")
    if size > workflow.MAX_UPLOAD_BYTES:
        raise DomainError(
            "upload_too_large",
            _("文件不能超过 {mb} MB。"),
            field="file",
            mb=workflow.MAX_UPLOAD_BYTES // (1024 * 1024),
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signatures = workflow.UPLOAD_SIGNATURES[ext]
    if (signatures and not head.startswith(signatures)) or (ext == "txt" and b"\x00" in head):
        raise DomainError("upload_type", _("文件内容与扩展名“{ext}”不符。"), field="file", ext=ext)
    return ext


def material_add(
    *, actor, matter: Matter, kind: str, title: str, file, received_on: dt.date | None = None
) -> Material:
    """File a material of a matter; the day it arrived counts for the lead time (rules §6.3).

    The government files for its own matters; the office may record a paper delivery's date.
    """
    _require(actor, "decisions.view")
    if not (actor.has_perm("decisions.manage") or actor.has_perm("decisions.submit")):
        raise PermissionDenied()
    kind = _choice(kind, Material.Kind.values, field="kind", label=_("材料类别"))
    title = _text(title, field="title", label=_("标题"), max_length=MAX_TITLE)
    if file is None:
        raise DomainError("field_required", _("请填写{label}。"), field="file", label=_("文件"))
    check_upload(file)
    today = timezone.localdate()
    if received_on is None or not actor.has_perm("decisions.manage"):
        received_on = today
    if received_on > today:
        raise DomainError("date_in_future", _("送达日期不能晚于今天。"), field="received_on")
    with transaction.atomic():
        locked = _lock_matter(matter)
        if not owns_matter(actor, locked):
            raise PermissionDenied("not_own_matter", _("只能为本机关提请的重大事项报送材料。"))
        _check_matter("material", locked)
        material = Material(
            matter=locked,
            kind=kind,
            title=title,
            name=file.name[:200],
            size=file.size,
            received_on=received_on,
            uploaded_by=actor,
        )
        material.file.save(file.name, file, save=False)
        material.save()
        copied = _copy_to_meeting(actor, locked, [material])
        audit_record(
            actor=actor,
            action="decisions.material.added",
            obj=material,
            changes={
                "matter": locked.pk,
                "kind": kind,
                "received_on": received_on.isoformat(),
                "size": material.size,
                "meeting_documents": copied,
            },
        )
    return material


def _copy_to_meeting(actor, matter: Matter, materials) -> int:
    """Record the materials as documents of the agenda item, so the meeting's own checks see them."""
    from renda.meetings.services import document_add
    from renda.meetings.workflow import OPEN_STATUSES

    if not matter.agenda_item_id or not actor.has_perm("meetings.manage"):
        return 0
    item = AgendaItem.objects.select_related("meeting").get(pk=matter.agenda_item_id)
    if item.meeting.status not in OPEN_STATUSES:
        return 0
    for material in materials:
        document_add(
            actor=actor,
            meeting=item.meeting,
            item=item,
            kind=MEETING_DOCUMENT_KIND[material.kind],
            title=material.title,
            received_on=material.received_on,
        )
    return len(materials)


def matter_schedule(*, actor, matter: Matter, meeting: Meeting) -> Matter:
    """Put a matter on an SC meeting's agenda (an agenda item of the meetings module)."""
    from renda.meetings.services import agenda_item_add

    _require(actor, "decisions.manage")
    if not isinstance(meeting, Meeting) or meeting.kind != Meeting.Kind.SC_MEETING:
        raise DomainError(
            "meeting_not_sc", _("重大事项应提请常务委员会会议讨论决定。"), field="meeting"
        )
    with transaction.atomic():
        locked = _lock_matter(matter)
        _check_matter("schedule", locked)
        kind = AGENDA_ITEM_KIND[locked.kind]
        item = agenda_item_add(
            actor=actor,
            meeting=meeting,
            kind=kind,
            title=locked.title,
            description=locked.description or locked.grounds,
            reporting_body=locked.proposing_body,
        )
        old = locked.status
        locked.agenda_item, locked.status = item, M.SCHEDULED
        locked.save(update_fields=["agenda_item", "status", "updated_at"])
        copied = _copy_to_meeting(actor, locked, list(locked.materials.all()))
        audit_record(
            actor=actor,
            action="decisions.matter.scheduled",
            obj=locked,
            changes={
                "status": [old, M.SCHEDULED],
                "meeting": meeting.pk,
                "agenda_item": item.pk,
                "meeting_documents": copied,
            },
        )
    return locked


def decision_propose(*, actor, matter: Matter, kind: str, title: str, text: str) -> Decision:
    """Propose a decision or resolution and create its poll (kind decision) on the agenda item (rules §6.1)."""
    from renda.voting.models import Poll
    from renda.voting.services import poll_create

    _require(actor, "decisions.manage")
    title = _text(title, field="title", label=_("标题"), max_length=MAX_TITLE)
    text = _text(text, field="text", label=_("正文"))
    with transaction.atomic():
        locked = _lock_matter(matter)
        kind = _choice(kind, workflow.DECISION_KINDS[locked.kind], field="kind", label=_("类别"))
        _check_matter("propose_decision", locked)
        if locked.agenda_item_id is None:
            raise Conflict("matter_not_scheduled", _("请先将该事项列入常委会会议议程。"))
        if Decision.objects.filter(matter=locked).exclude(status=D.REJECTED).exists():
            raise Conflict("decision_exists", _("该事项已有待表决或已通过的决定。"))
        item = AgendaItem.objects.select_related("meeting").get(pk=locked.agenda_item_id)
        poll = poll_create(actor=actor, agenda_item=item, kind=Poll.Kind.DECISION, title=title)
        decision = Decision.objects.create(
            matter=locked, kind=kind, title=title, text=text, poll=poll
        )
        audit_record(
            actor=actor,
            action="decisions.decision.proposed",
            obj=decision,
            changes={"matter": locked.pk, "kind": kind, "poll": poll.pk},
        )
    return decision


def decision_record_outcome(*, actor, decision: Decision, from_seal: bool = False) -> Decision:
    """Record the sealed result of the decision's poll: adopted or not (rules §6.1, §8.8).

    Runs on its own when the poll is sealed (``from_seal``: the seal is the authority, the
    actor is whoever closed the poll); the office's button remains for a manual count.
    Once recorded it changes nothing and returns the decision as it is.
    """
    from renda.voting.models import Poll

    if not from_seal:
        _require(actor, "decisions.manage")
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if locked.status != D.PENDING:
            return locked
        poll = Poll.objects.select_related("seal").get(pk=locked.poll_id)
        if poll.status != Poll.Status.SEALED:
            raise Conflict("poll_not_sealed", _("表决尚未结束并封存，不能登记结果。"))
        tally = poll.seal.tally
        passed = tally.get("result") == "passed"
        locked.tally = {
            **{
                k: tally.get(k)
                for k in ("base", "threshold", "yes", "no", "abstain", "not_voted", "result")
            },
            "fingerprint": poll.seal.fingerprint,
        }
        locked.status = D.ADOPTED if passed else D.REJECTED
        locked.decided_on = timezone.localtime(poll.seal.sealed_at).date()
        locked.recorded_at = timezone.now()
        locked.save()
        matter = _lock_matter(locked.matter)
        old = matter.status
        matter.status = M.DECIDED if passed else M.REJECTED
        matter.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action="decisions.decision.recorded",
            obj=locked,
            changes={
                "result": tally.get("result"),
                "yes": tally.get("yes"),
                "threshold": tally.get("threshold"),
                "matter_status": [old, matter.status],
                "fingerprint": poll.seal.fingerprint,
                "automatic": from_seal,
            },
        )
    return locked


def decision_publish(*, actor, decision: Decision) -> Decision:
    """Publish an adopted decision, resolution or revocation on the public website."""
    _require(actor, "decisions.manage")
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if not workflow.can_move_decision(locked.status, D.PUBLISHED):
            raise Conflict("decision_not_adopted", _("只有已通过的决定才能公布。"))
        locked.status, locked.published_at = D.PUBLISHED, timezone.now()
        locked.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(
            actor=actor,
            action="decisions.decision.published",
            obj=locked,
            changes={"kind": locked.kind},
        )
    return locked


def matter_conclude(*, actor, matter: Matter, conclusion: str) -> Matter:
    """Record that a report was heard (rules §6.1: deliberated, opinions may follow)."""
    _require(actor, "decisions.manage")
    conclusion = _text(conclusion, field="conclusion", label=_("审议情况"))
    with transaction.atomic():
        locked = _lock_matter(matter)
        if locked.kind not in workflow.REPORT_KINDS:
            raise Conflict(
                "matter_not_report", _("只有报告类重大事项以审议结束；提请决定的事项须表决。")
            )
        _check_matter("conclude", locked)
        locked.status, locked.conclusion = M.CONCLUDED, conclusion
        locked.save(update_fields=["status", "conclusion", "updated_at"])
        audit_record(
            actor=actor,
            action="decisions.matter.concluded",
            obj=locked,
            changes={"status": M.CONCLUDED},
        )
    return locked


def opinion_kind():
    """The casework kind of opinions on a major-matter report: 3 months, at most 6 (rules §6.5)."""
    from renda.casework.kinds import ensure_kind
    from renda.casework.models import DeadlineUnit

    p = params("decisions.opinion_reply_months", "decisions.opinion_max_months")
    return ensure_kind(
        code="major_matter_opinion",
        name="重大事项审议意见",
        reply_amount=p["decisions.opinion_reply_months"],
        reply_unit=DeadlineUnit.MONTHS,
        extended_amount=p["decisions.opinion_max_months"],
        requester_rates=False,
        contact_required=False,
    )


def _government_for(matter: Matter) -> Organization | None:
    if matter.annual_list_id:
        return matter.annual_list.government
    body = matter.proposing_body
    if body.kind == Organization.Kind.GOVERNMENT:
        return body
    if body.parent_id and body.parent.kind == Organization.Kind.GOVERNMENT:
        return body.parent
    return default_government()


def opinions_send(*, actor, matter: Matter, text: str, now: dt.datetime | None = None):
    """Send the SC's opinions on a major-matter report to the government as a case (rules §6.5)."""
    from renda.casework import services as cw

    _require(actor, "decisions.manage")
    _require(actor, "casework.manage")
    text = _text(text, field="text", label=_("审议意见"))
    with transaction.atomic():
        locked = _lock_matter(matter)
        if locked.kind not in workflow.REPORT_KINDS:
            raise Conflict("matter_not_report", _("审议意见只能针对重大事项报告提出。"))
        _check_matter("opinions", locked)
        if locked.case_id:
            raise Conflict("opinions_sent", _("审议意见已经交办。"))
        government = _government_for(locked)
        if government is None:
            raise DomainError("government_required", _("请指明提出清单的人民政府。"))
        sc = (
            Organization.objects.filter(kind=Organization.Kind.STANDING_COMMITTEE)
            .order_by("id")
            .first()
        )
        case = cw.case_create(
            actor=actor,
            kind=opinion_kind(),
            title=f"关于《{locked.title}》的审议意见"[:200],
            summary=text,
            requester_body=sc or government,
            source_type="decisions.matter",
            source_id=locked.pk,
        )
        case = cw.case_assign(actor=actor, case=case, lead=government, now=now)
        locked.case = case
        locked.save(update_fields=["case", "updated_at"])
        audit_record(
            actor=actor,
            action="decisions.matter.opinions_sent",
            obj=locked,
            changes={"case": case.pk, "lead": government.pk, "due_on": case.due_on.isoformat()},
        )
    return case
