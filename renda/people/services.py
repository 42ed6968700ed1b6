"""Writes for people and organizations. Each re-checks its rules and audits itself.

The changes a person makes from a page or the API are declared actions
(:mod:`renda.core.actions`): persons, organizations, memberships, deputies and their
status, terms, posts and ending a membership. The first setup of the jurisdiction is a
plain service (run once by the setup command).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError, PermissionDenied

from . import workflow
from .models import Deputy, Membership, Organization, Person, Post, Term

MANAGE = "people.manage"

PERSON_FIELDS = (
    "name",
    "name_en",
    "gender",
    "ethnicity",
    "birth_year",
    "party",
    "education",
    "occupation",
    "biography",
    "phone",
    "email",
    "address",
)
ORGANIZATION_FIELDS = (
    "name",
    "name_en",
    "abbreviation",
    "kind",
    "parent",
    "code",
    "description",
    "founding_date",
    "dissolution_date",
    "is_public",
    "sort_order",
)


def _require(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise PermissionDenied()


def _snapshot(obj, fields) -> dict[str, Any]:
    data = {}
    for f in fields:
        value = getattr(obj, f"{f}_id", None) if f in ("parent",) else getattr(obj, f, None)
        data[f] = value if isinstance(value, int | str | bool | type(None)) else str(value)
    return data


def _diff(before: dict, after: dict) -> dict:
    return {k: [before.get(k), after[k]] for k in after if before.get(k) != after[k]}


def _full_clean(obj, exclude=None) -> None:
    from django.core.exceptions import ValidationError

    try:
        obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        try:
            label = obj._meta.get_field(field).verbose_name
        except Exception:  # a non-field error
            label = field
        raise DomainError(
            "invalid_field",
            _("“{label}”：{problem}"),
            field=field,
            label=label,
            problem=" ".join(messages),
        ) from exc


def _clean_text(value: Any, *, field: str, label, required: bool, max_length: int) -> str:
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


@action(
    "people.person.create",
    model=Person,
    permission=MANAGE,
    label=_("新增人员"),
    audit="people.person.created",
)
def person_create(ctx: ActionContext, **fields: Any) -> Person:
    """Create a person after validating every field."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    fields["name"] = _clean_text(
        fields.get("name"), field="name", label=_("姓名"), required=True, max_length=40
    )
    person = Person(**fields)
    _full_clean(person, exclude=["search_text"])
    person.save()
    ctx.changes["after"] = _snapshot(person, ("name", "gender", "party"))
    return person


@action(
    "people.person.edit",
    model=Person,
    subject="person",
    permission=MANAGE,
    label=_("修改人员信息"),
    audit="people.person.updated",
)
def person_update(ctx: ActionContext, *, person: Person, **fields: Any) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    if "name" in fields:
        fields["name"] = _clean_text(
            fields["name"], field="name", label=_("姓名"), required=True, max_length=40
        )
    before = _snapshot(person, PERSON_FIELDS)
    for key, value in fields.items():
        setattr(person, key, value)
    _full_clean(person, exclude=["search_text"])
    person.save()
    changes = _diff(before, _snapshot(person, PERSON_FIELDS))
    for sensitive in ("phone", "email", "address"):
        if sensitive in changes:
            changes[sensitive] = ["***", "***"]
    ctx.changes.update(changes)
    return person


@action(
    "people.organization.create",
    model=Organization,
    permission=MANAGE,
    rule="S29",
    label=_("新增机构"),
    audit="people.organization.created",
)
def organization_create(ctx: ActionContext, **fields: Any) -> Organization:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    fields["name"] = _clean_text(
        fields.get("name"), field="name", label=_("名称"), required=True, max_length=100
    )
    org = Organization(**fields)
    _check_org(org)
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError as exc:
        raise Conflict(
            "organization_code_taken",
            _("机构代码“{value}”已被使用。"),
            field="code",
            value=org.code,
        ) from exc
    ctx.changes["after"] = _snapshot(org, ("name", "kind", "parent", "code"))
    return org


def _check_org(org: Organization) -> None:
    _full_clean(org, exclude=["search_text"])
    if org.founding_date and org.dissolution_date and org.dissolution_date < org.founding_date:
        raise DomainError(
            "dates_reversed", _("撤销日期不能早于成立日期。"), field="dissolution_date"
        )
    ancestor = org.parent
    depth = 0
    while ancestor is not None:
        if org.pk and ancestor.pk == org.pk:
            raise DomainError(
                "organization_cycle", _("上级机构不能是本机构或其下级机构。"), field="parent"
            )
        ancestor = ancestor.parent
        depth += 1
        if depth > 20:
            raise DomainError("organization_too_deep", _("机构层级过深。"), field="parent")


@action(
    "people.organization.edit",
    model=Organization,
    subject="organization",
    permission=MANAGE,
    rule="S29",
    label=_("修改机构信息"),
    audit="people.organization.updated",
)
def organization_update(
    ctx: ActionContext, *, organization: Organization, **fields: Any
) -> Organization:
    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise DomainError(
            "unknown_field", _("未知字段：{names}。"), names=", ".join(sorted(unknown))
        )
    if "name" in fields:
        fields["name"] = _clean_text(
            fields["name"], field="name", label=_("名称"), required=True, max_length=100
        )
    before = _snapshot(organization, ORGANIZATION_FIELDS)
    for key, value in fields.items():
        setattr(organization, key, value)
    _check_org(organization)
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError as exc:
        raise Conflict(
            "organization_code_taken",
            _("机构代码“{value}”已被使用。"),
            field="code",
            value=organization.code,
        ) from exc
    ctx.changes.update(_diff(before, _snapshot(organization, ORGANIZATION_FIELDS)))
    return organization


@action(
    "people.term.open",
    model=Term,
    permission=MANAGE,
    label=_("新增届次"),
    audit="people.term.created",
)
def term_create(
    ctx: ActionContext,
    *,
    congress: Organization,
    number: int,
    start_date: dt.date,
    end_date: dt.date | None = None,
) -> Term:
    """Open a term (届) of a people's congress."""
    if congress.kind != Organization.Kind.CONGRESS:
        raise DomainError("term_needs_congress", _("届只能属于人民代表大会。"), field="congress")
    if end_date and end_date <= start_date:
        raise DomainError("dates_reversed", _("届满日期必须晚于起始日期。"), field="end_date")
    if Term.objects.filter(congress=congress, number=number).exists():
        raise Conflict("term_exists", _("第{n}届已存在。"), field="number", n=number)
    term = Term.objects.create(
        congress=congress, number=number, start_date=start_date, end_date=end_date
    )
    ctx.changes.update(congress=congress.pk, number=number)
    return term


@action(
    "people.post.create",
    model=Post,
    permission=MANAGE,
    label=_("新增职务"),
    audit="people.post.created",
)
def post_create(
    ctx: ActionContext,
    *,
    organization: Organization,
    label: str,
    role: str,
    elected_or_appointed: bool = False,
    sort_order: int = 100,
) -> Post:
    """Add a post (职务) to an organization."""
    label = _clean_text(label, field="label", label=_("职务名称"), required=True, max_length=60)
    if role not in Post.Role.values:
        raise DomainError("invalid_choice", _("职务类别“{value}”无效。"), field="role", value=role)
    if Post.objects.filter(organization=organization, label=label).exists():
        raise Conflict("post_exists", _("该机构已有职务“{label}”。"), field="label", label=label)
    post = Post.objects.create(
        organization=organization,
        label=label,
        role=role,
        elected_or_appointed=elected_or_appointed,
        sort_order=sort_order,
    )
    ctx.changes.update(organization=organization.pk, label=label, role=role)
    return post


def _check_membership(person, organization, start_date, end_date, role, post) -> str:
    if role not in Post.Role.values:
        raise DomainError("invalid_choice", _("角色“{value}”无效。"), field="role", value=role)
    if end_date and end_date < start_date:
        raise DomainError("dates_reversed", _("结束日期不能早于开始日期。"), field="end_date")
    if post is not None and post.organization_id != organization.pk:
        raise DomainError("post_wrong_organization", _("所选职务不属于该机构。"), field="post")
    return post.role if post is not None else role


@action(
    "people.membership.create",
    model=Membership,
    permission=MANAGE,
    label=_("新增任职"),
    audit="people.membership.created",
)
def membership_create(
    ctx: ActionContext,
    *,
    person: Person,
    organization: Organization,
    start_date: dt.date,
    role: str = Post.Role.MEMBER,
    post: Post | None = None,
    term: Term | None = None,
    end_date: dt.date | None = None,
    is_full_time: bool = False,
    obtained: str = "",
) -> Membership:
    """Place a person in an organization; refuse overlapping duplicates."""
    role = _check_membership(person, organization, start_date, end_date, role, post)
    if obtained:
        obtained = validation.choice(obtained, Membership.Obtained, field="obtained")
    overlapping = (
        Membership.objects.select_for_update()
        .filter(person=person, organization=organization, role=role)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))
    )
    if end_date is not None:
        overlapping = overlapping.filter(start_date__lte=end_date)
    if overlapping.exists():
        raise Conflict(
            "membership_duplicate",
            _("{person}在{org}已有时间重叠的同一任职。"),
            person=person.name,
            org=organization.name,
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                person=person,
                organization=organization,
                role=role,
                post=post,
                term=term,
                start_date=start_date,
                end_date=end_date,
                is_full_time=is_full_time,
                obtained=obtained,
            )
    except IntegrityError as exc:
        raise Conflict(
            "membership_duplicate",
            _("{person}在{org}已有时间重叠的同一任职。"),
            person=person.name,
            org=organization.name,
        ) from exc
    ctx.changes.update(person=person.pk, organization=organization.pk, role=role)
    return membership


@action(
    "people.membership.end",
    model=Membership,
    subject="membership",
    permission=MANAGE,
    label=_("结束任职"),
    audit="people.membership.ended",
)
def membership_end(
    ctx: ActionContext, *, membership: Membership, end_date: dt.date, reason: str = ""
) -> Membership:
    """End a membership on a date with its reason; the kernel has locked the row."""
    if end_date < membership.start_date:
        raise DomainError("dates_reversed", _("结束日期不能早于开始日期。"), field="end_date")
    if membership.end_date is not None:
        raise Conflict(
            "membership_already_ended",
            _("该任职已于{date}结束。"),
            date=str(membership.end_date),
        )
    membership.end_date = end_date
    membership.end_reason = reason[:120]
    membership.save(update_fields=["end_date", "end_reason", "updated_at"])
    ctx.changes.update(end_date=str(end_date), reason=reason[:120])
    return membership


@action(
    "people.deputy.create",
    model=Deputy,
    permission=MANAGE,
    rule="S20",
    label=_("新增代表"),
    audit="people.deputy.created",
)
def deputy_create(
    ctx: ActionContext,
    *,
    person: Person,
    term: Term,
    delegation: Organization | None = None,
    constituency: str = "",
    electing_unit: str = "",
    occupation_category: str = Deputy.Occupation.OTHER,
    is_reelected: bool = False,
    elected_on: dt.date | None = None,
) -> Deputy:
    """Record a person's mandate for a term, with their delegation membership."""
    if occupation_category not in Deputy.Occupation.values:
        raise DomainError(
            "invalid_choice",
            _("代表构成类别“{value}”无效。"),
            field="occupation_category",
            value=occupation_category,
        )
    if delegation is not None and delegation.kind != Organization.Kind.DELEGATION:
        raise DomainError(
            "not_a_delegation", _("“{name}”不是代表团。"), field="delegation", name=delegation.name
        )
    constituency = _clean_text(
        constituency, field="constituency", label=_("选区"), required=False, max_length=80
    )
    electing_unit = _clean_text(
        electing_unit, field="electing_unit", label=_("原选举单位"), required=False, max_length=80
    )
    start = elected_on or term.start_date
    if Deputy.objects.select_for_update().filter(person=person, term=term).exists():
        raise Conflict(
            "deputy_exists", _("{person}已是{term}代表。"), person=person.name, term=str(term)
        )
    deputy = Deputy.objects.create(
        person=person,
        term=term,
        constituency=constituency,
        electing_unit=electing_unit,
        occupation_category=occupation_category,
        is_reelected=is_reelected,
        elected_on=elected_on,
    )
    ctx.changes.update(term=term.number, occupation=occupation_category)
    if delegation is not None:
        ctx.perform(
            membership_create,
            person=person,
            organization=delegation,
            term=term,
            start_date=start,
            role=Post.Role.MEMBER,
        )
    return deputy


def deputy_status_check(deputy: Deputy, status: str) -> None:
    """Refuse a move the table does not allow, with its own code, before it is attempted."""
    current = Deputy.objects.filter(pk=deputy.pk).values_list("status", flat=True).first()
    if not workflow.can_move(current, status):
        raise DomainError(
            "deputy_status_transition",
            _("代表状态不能从“{old}”变为“{new}”。"),
            field="status",
            old=str(Deputy.Status(current).label) if current in Deputy.Status.values else current,
            new=str(Deputy.Status(status).label) if status in Deputy.Status.values else status,
        )


@action(
    "people.deputy.change_status",
    model=Deputy,
    subject="deputy",
    sources=workflow.LIVE_STATUSES,
    outcomes=frozenset(Deputy.Status.values),
    permission=MANAGE,
    rule="代表法 Arts. 61–63",
    label=_("变更代表状态"),
    audit="people.deputy.status_changed",
)
def deputy_change_status(
    ctx: ActionContext, *, deputy: Deputy, status: str, on: dt.date | None = None, reason: str = ""
) -> Deputy:
    """Record a lifecycle decision (suspension, resignation, termination…)."""
    on = on or ctx.today
    reason = _clean_text(
        reason,
        field="reason",
        label=_("原因"),
        required=status != Deputy.Status.ACTIVE,
        max_length=200,
    )
    deputy_status_check(deputy, status)
    old = deputy.status
    deputy.status, deputy.status_date, deputy.status_reason = status, on, reason
    deputy.save(update_fields=["status", "status_date", "status_reason", "updated_at"])
    ctx.changes.update(status=[old, status], on=str(on), reason=reason)
    return deputy


def deputy_status_change(
    *, actor, deputy: Deputy, status: str, on: dt.date | None = None, reason: str = ""
) -> Deputy:
    """Change a deputy's status; a move the table refuses keeps its code ``deputy_status_transition``."""
    if not deputy_change_status.permits(actor, deputy):
        raise PermissionDenied()
    _clean_text(
        reason,
        field="reason",
        label=_("原因"),
        required=status != Deputy.Status.ACTIVE,
        max_length=200,
    )
    deputy_status_check(deputy, status)
    return deputy_change_status(actor=actor, deputy=deputy, status=status, on=on, reason=reason)


def jurisdiction_setup(*, actor, name: str, level: str, population: int = 0, name_en: str = ""):
    """Create the jurisdiction and its default bodies (S29) if they do not exist yet."""
    from .models import Jurisdiction
    from .structure import default_structure, supervised_bodies

    _require(actor, MANAGE)
    name = _clean_text(name, field="name", label=_("行政区域名称"), required=True, max_length=60)
    if level not in Jurisdiction.Level.values:
        raise DomainError("invalid_choice", _("层级“{value}”无效。"), field="level", value=level)
    with transaction.atomic():
        if Jurisdiction.objects.exists():
            raise Conflict("jurisdiction_exists", _("行政区域已设置，不能重复创建。"))
        j = Jurisdiction.objects.create(
            name=name, name_en=name_en, level=level, population=population
        )
        audit_record(
            actor=actor, action="people.jurisdiction.created", obj=j, changes={"level": level}
        )
        by_code: dict[str, Organization] = {}
        rows = [*default_structure(level), *supervised_bodies(level)]
        for order, (code, org_name, org_name_en, kind, parent) in enumerate(rows, start=1):
            org = Organization(
                code=code,
                name=org_name.format(name=name),
                name_en=org_name_en,
                kind=kind,
                parent=by_code.get(parent) if parent else None,
                sort_order=order * 10,
            )
            org.save()
            by_code[code] = org
        audit_record(
            actor=actor,
            action="people.structure.created",
            obj=j,
            changes={"rule": "S29", "bodies": [r[0] for r in rows]},
        )
    return j
