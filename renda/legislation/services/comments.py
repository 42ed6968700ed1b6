"""Public comment on a draft and its handling (立法法 第39、40、90条).

A citizen comments on the website while a version is open for comment, on the whole draft
or on one article, and gets a tracking code; a contact point or a letter passes comments
on through the office. The office publishes or withholds each comment, groups comments by
question and records how each group was handled; the summary is published once the
regulation passes (:func:`renda.legislation.services.projects.project_publish_feedback`).
The writer's name and contact never reach an audit event.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import tracking, validation
from renda.core.actions import PUBLIC, ActionContext, action
from renda.core.errors import Conflict, DomainError, NotFound

from ..models import CommentGroup, ContactPoint, DraftVersion, Project, Provision, PublicComment
from ._common import MANAGE

C = PublicComment.Status
G = CommentGroup.Handling
MAX_BODY = 3000


def _create(ctx: ActionContext, **fields) -> PublicComment:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return PublicComment.objects.create(code=tracking.new_code(), **fields)
        except IntegrityError:  # pragma: no cover - a code drawn twice
            continue
    raise Conflict("tracking_code_busy", _("查询码生成冲突，请重试。"))  # pragma: no cover


def _provision(version: DraftVersion, provision: Provision | None) -> Provision | None:
    if provision is not None and provision.version_id != version.pk:
        raise DomainError("provision_unknown", _("所选条文不属于该草案。"), field="provision")
    return provision


@action(
    "legislation.comment.submit",
    model=PublicComment,
    permission=PUBLIC,
    rule="S5",
    label=_("对法规草案提出意见"),
    refs={"version": DraftVersion, "provision": Provision},
)
def comment_submit(
    ctx: ActionContext,
    *,
    version: DraftVersion,
    body: str,
    provision: Provision | None = None,
    name: str = "",
    contact: str = "",
) -> PublicComment:
    """A citizen's comment while the version is open for comment; name and contact optional."""
    if not version.open_for_comment(ctx.today):
        raise Conflict("comment_closed", _("该草案当前不在征求意见期内。"), field="version")
    comment = _create(
        ctx,
        version=version,
        provision=_provision(version, provision),
        body=validation.text(body, field="body", label=_("意见内容"), max_length=MAX_BODY),
        name=validation.text(name, field="name", label=_("姓名"), required=False, max_length=40),
        contact=validation.text(
            contact, field="contact", label=_("联系方式"), required=False, max_length=80
        ),  # fmt: skip
        received_at=ctx.now,
    )
    ctx.audit_object = comment
    ctx.changes.update(version=version.pk, provision=comment.provision_id)
    return comment


@action(
    "legislation.comment.record",
    model=PublicComment,
    permission=MANAGE,
    rule="S5",
    label=_("登记联系点或来信意见"),
    refs={"version": DraftVersion, "provision": Provision, "contact_point": ContactPoint},
)
def comment_record(
    ctx: ActionContext,
    *,
    version: DraftVersion,
    body: str,
    source: str,
    provision: Provision | None = None,
    contact_point: ContactPoint | None = None,
    received_on: dt.date | None = None,
    name: str = "",
) -> PublicComment:
    """The office records a comment a contact point passed on, or a letter."""
    source = validation.choice(source, [PublicComment.Source.CONTACT_POINT, PublicComment.Source.LETTER], field="source")  # fmt: skip
    if source == PublicComment.Source.CONTACT_POINT and contact_point is None:
        raise DomainError("field_required", _("请填写{label}。"), field="contact_point", label=_("基层立法联系点"))  # fmt: skip
    if source != PublicComment.Source.CONTACT_POINT:
        contact_point = None
    day = received_on or ctx.today
    if day > ctx.today:
        raise DomainError("date_future", _("收到日期不能晚于今天。"), field="received_on")
    received_at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    comment = _create(
        ctx,
        version=version,
        provision=_provision(version, provision),
        body=validation.text(body, field="body", label=_("意见内容"), max_length=MAX_BODY),
        name=validation.text(name, field="name", label=_("姓名"), required=False, max_length=40),
        source=source,
        contact_point=contact_point,
        received_at=received_at,
    )
    ctx.audit_object = comment
    ctx.changes.update(version=version.pk, source=source, contact_point=contact_point.pk if contact_point else None)  # fmt: skip
    return comment


@action(
    "legislation.comment.publish",
    model=PublicComment,
    subject="comment",
    sources={C.PENDING, C.WITHHELD},
    target=C.PUBLISHED,
    permission=MANAGE,
    rule="S5",
    label=_("公开"),
)
def comment_publish(ctx: ActionContext, *, comment: PublicComment) -> PublicComment:
    """Show the comment on the draft's public page (never the writer's name or contact)."""
    comment.moderated_at, comment.withheld_reason = ctx.now, ""
    comment.save(update_fields=["moderated_at", "withheld_reason", "updated_at"])
    return comment


@action(
    "legislation.comment.withhold",
    model=PublicComment,
    subject="comment",
    sources={C.PENDING, C.PUBLISHED},
    target=C.WITHHELD,
    permission=MANAGE,
    rule="S5",
    label=_("不予公开"),
)
def comment_withhold(ctx: ActionContext, *, comment: PublicComment, reason: str) -> PublicComment:
    """Keep the comment for the handling but never show it, with the reason."""
    comment.withheld_reason = validation.text(reason, field="reason", label=_("理由"), max_length=200)  # fmt: skip
    comment.moderated_at = ctx.now
    comment.save(update_fields=["withheld_reason", "moderated_at", "updated_at"])
    return comment


@action(
    "legislation.project.group_comments",
    model=Project,
    subject="project",
    permission=MANAGE,
    rule="S5",
    label=_("归类意见"),
    refs={"comments": PublicComment, "group": CommentGroup},
)
def project_group_comments(
    ctx: ActionContext,
    *,
    project: Project,
    comments: list[PublicComment],
    title: str = "",
    group: CommentGroup | None = None,
) -> CommentGroup:
    """Put comments under one question: an existing group, or a new one with its title."""
    if not comments:
        raise DomainError("field_required", _("请选择{label}。"), field="comments", label=_("意见"))
    if any(c.version.project_id != project.pk for c in comments):
        raise DomainError("comment_unknown", _("所选意见不属于本项目。"), field="comments")
    if group is None:
        group = CommentGroup.objects.create(
            project=project,
            title=validation.text(
                title, field="title", label=_("问题"), max_length=120
            ),  # fmt: skip
        )
    elif group.project_id != project.pk:
        raise DomainError("group_unknown", _("所选归类不属于本项目。"), field="group")
    PublicComment.objects.filter(pk__in=[c.pk for c in comments]).update(group=group)
    ctx.changes.update(group=group.pk, comments=sorted(c.pk for c in comments))
    return group


@action(
    "legislation.project.decide_group",
    model=Project,
    subject="project",
    permission=MANAGE,
    rule="S5",
    label=_("写明处理情况"),
    refs={"group": CommentGroup},
)
def project_decide_group(
    ctx: ActionContext, *, project: Project, group: CommentGroup, handling: str, reason: str
) -> CommentGroup:
    """Record how a group of comments was handled: adopted, partly adopted or not, and why."""
    if group.project_id != project.pk:
        raise DomainError("group_unknown", _("所选归类不属于本项目。"), field="group")
    handling = validation.choice(handling, [G.ADOPTED, G.PARTLY, G.NOT_ADOPTED], field="handling")
    group.handling = handling
    group.reason = validation.text(reason, field="reason", label=_("理由"), max_length=2000)
    group.decided_at = ctx.now
    group.save(update_fields=["handling", "reason", "decided_at", "updated_at"])
    ctx.changes.update(group=group.pk, handling=handling)
    return group


def by_code(code: str) -> PublicComment:
    """The comment a tracking code names, or ``NotFound`` (the same for any wrong code)."""
    wanted = tracking.normalise(code)
    comment = (
        PublicComment.objects.select_related("version__project", "provision", "group")
        .filter(code=wanted)
        .first()
        if wanted
        else None
    )
    if comment is None:
        raise NotFound("code_unknown", _("查询码不正确，请核对后重新输入。"), field="code")
    return comment


@action(
    "legislation.contact_point.create",
    model=ContactPoint,
    permission=MANAGE,
    rule="S5",
    label=_("设立基层立法联系点"),
)
def contact_point_create(
    ctx: ActionContext,
    *,
    name: str,
    organisation: str = "",
    address: str = "",
    established_on: dt.date | None = None,
    description: str = "",
) -> ContactPoint:
    """Register a grassroots legislative contact point (立法法 第90条)."""
    name = validation.text(name, field="name", label=_("名称"), max_length=100)
    if ContactPoint.objects.filter(name=name).exists():
        raise Conflict("name_taken", _("已有同名的联系点。"), field="name")
    point = ContactPoint.objects.create(
        name=name,
        organisation=validation.text(
            organisation, field="organisation", label=_("依托单位"), required=False, max_length=100
        ),  # fmt: skip
        address=validation.text(
            address, field="address", label=_("地址"), required=False, max_length=200
        ),  # fmt: skip
        established_on=established_on,
        description=validation.text(
            description, field="description", label=_("简介"), required=False, max_length=2000
        ),  # fmt: skip
    )
    ctx.audit_object = point
    return point


COMMENT_ACTIONS = (comment_publish, comment_withhold)
