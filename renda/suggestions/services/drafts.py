"""A deputy's suggestion: the draft, its co-signers and attachments, submission, withdrawal."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from renda.core import validation
from renda.core.actions import ActionContext, action
from renda.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from renda.meetings.models import Meeting
from renda.people.models import Deputy

from .. import workflow
from ..models import Attachment, CoSigner, Suggestion
from ._common import (
    EDITABLE_FIELDS,
    MAX_CONTENT,
    MAX_TITLE,
    SUBMIT,
    _category,
    _session,
    _text,
    actor_deputy,
    lead_deputy_only,
    next_serial,
    number_for,
)

S = Suggestion.Status
DRAFT = frozenset({S.DRAFT})


@action(
    "suggestions.suggestion.create",
    model=Suggestion,
    permission=SUBMIT,
    rule="§1.1",
    label=_("提出建议"),
    audit="suggestions.suggestion.created",
)
def suggestion_create(
    ctx: ActionContext,
    *,
    title: str,
    content: str,
    category: str = "",
    session: Meeting | None = None,
    is_public: bool = True,
    withhold_reason: str = "",
) -> Suggestion:
    """Create a draft of the actor's suggestion; ``session`` marks one made during a congress session."""
    deputy = actor_deputy(ctx.actor)
    title = _text(title, field="title", label=_("标题"), max_length=MAX_TITLE)
    content = _text(content, field="content", label=_("内容"), max_length=MAX_CONTENT)
    category = _category(category)
    session = _session(session, deputy.term)
    withhold_reason = _text(
        withhold_reason,
        field="withhold_reason",
        label=_("不公开理由"),
        max_length=200,
        required=not is_public,
    )
    suggestion = Suggestion.objects.create(
        term=deputy.term,
        session=session,
        channel=Suggestion.Channel.SESSION if session else Suggestion.Channel.BETWEEN,
        title=title,
        content=content,
        category=category,
        lead_deputy=deputy,
        is_public=is_public,
        withhold_reason=withhold_reason if not is_public else "",
        created_by=ctx.user,
    )
    ctx.changes.update(title=title, category=category, channel=suggestion.channel)
    return suggestion


@action(
    "suggestions.suggestion.update",
    model=Suggestion,
    subject="suggestion",
    sources=DRAFT,
    permission=SUBMIT,
    precondition=lead_deputy_only,
    precondition_hides=True,
    rule="§1.1",
    label=_("修改"),
    audit="suggestions.suggestion.updated",
)
def suggestion_update(ctx: ActionContext, *, suggestion: Suggestion, **fields: Any) -> Suggestion:
    """Change the title, content or category of the actor's draft."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    clean: dict[str, Any] = {}
    if "title" in fields:
        clean["title"] = _text(
            fields["title"], field="title", label=_("标题"), max_length=MAX_TITLE
        )
    if "content" in fields:
        clean["content"] = _text(
            fields["content"], field="content", label=_("内容"), max_length=MAX_CONTENT
        )
    if "category" in fields:
        clean["category"] = _category(fields["category"])
    changes = {
        k: [getattr(suggestion, k), v] for k, v in clean.items() if getattr(suggestion, k) != v
    }
    if not changes:
        ctx.audited = False
        return suggestion
    for name, value in clean.items():
        setattr(suggestion, name, value)
    suggestion.save(update_fields=["updated_at", *clean])
    ctx.changes.update({k: v for k, v in changes.items() if k != "content"})
    if "content" in changes:
        ctx.changes["content"] = "changed"
    return suggestion


@action(
    "suggestions.cosigner.invite",
    model=Suggestion,
    subject="suggestion",
    sources=DRAFT,
    permission=SUBMIT,
    precondition=lead_deputy_only,
    precondition_hides=True,
    rule="§1.1",
    label=_("邀请联名代表"),
    audit="suggestions.cosigner.invited",
)
def cosigner_invite(ctx: ActionContext, *, suggestion: Suggestion, deputy: Deputy) -> CoSigner:
    """Invite a deputy of the same term to co-sign the actor's draft (联名)."""
    if deputy is None:
        raise DomainError("field_required", _("请填写{label}。"), field="deputy", label=_("代表"))
    if deputy.pk == suggestion.lead_deputy_id:
        raise DomainError("cosigner_is_lead", _("领衔代表不必再作为联名代表。"), field="deputy")
    if deputy.term_id != suggestion.term_id or deputy.status != Deputy.Status.ACTIVE:
        raise DomainError("cosigner_not_deputy", _("联名代表应为本届在任代表。"), field="deputy")
    if suggestion.cosigners.filter(deputy=deputy).exists():
        raise Conflict("cosigner_exists", _("该代表已在联名名单中。"), field="deputy")
    row = CoSigner.objects.create(suggestion=suggestion, deputy=deputy)
    ctx.changes["deputy"] = deputy.pk
    ctx.audit_object = suggestion
    return row


@action(
    "suggestions.cosigner.remove",
    model=Suggestion,
    subject="suggestion",
    sources=DRAFT,
    permission=SUBMIT,
    precondition=lead_deputy_only,
    precondition_hides=True,
    rule="§1.1",
    label=_("移出"),
    audit="suggestions.cosigner.removed",
)
def cosigner_remove(ctx: ActionContext, *, suggestion: Suggestion, deputy: Deputy) -> None:
    """Take a deputy off the actor's draft."""
    deleted = suggestion.cosigners.filter(deputy=deputy).delete()[0] if deputy else 0
    if not deleted:
        raise NotFound("cosigner_not_found", _("该代表不在联名名单中。"))
    ctx.changes["deputy"] = deputy.pk


def _invited(ctx: ActionContext, suggestion: Suggestion) -> None:
    """An invited deputy who has not confirmed yet."""
    row = CoSigner.objects.filter(
        suggestion=suggestion, deputy__person_id=getattr(ctx.actor, "person_id", None)
    ).first()
    if row is None:
        raise PermissionDenied("not_invited", _("您未被邀请联名此建议。"))
    if row.confirmed_at is not None:
        raise Conflict("already_confirmed", _("您已确认联名。"))


@action(
    "suggestions.cosigner.confirm",
    model=Suggestion,
    subject="suggestion",
    sources=DRAFT,
    permission=SUBMIT,
    precondition=_invited,
    precondition_hides=True,
    rule="§1.1",
    label=_("确认联名"),
    audit="suggestions.cosigner.confirmed",
)
def cosigner_confirm(ctx: ActionContext, *, suggestion: Suggestion) -> CoSigner:
    """The invited deputy confirms joining the draft (联名确认)."""
    row = (
        CoSigner.objects.select_for_update()
        .filter(suggestion=suggestion, deputy__person_id=getattr(ctx.actor, "person_id", None))
        .get()
    )
    row.confirmed_at = ctx.now
    row.save(update_fields=["confirmed_at", "updated_at"])
    ctx.changes["deputy"] = row.deputy_id
    ctx.audit_object = suggestion
    return row


def _check_upload(upload) -> tuple[str, int]:
    name = _text(getattr(upload, "name", ""), field="file", label=_("文件"), max_length=200)
    validation.upload(
        upload,
        allowed=tuple(workflow.UPLOAD_SIGNATURES),
        max_bytes=workflow.MAX_UPLOAD_BYTES,
        signatures=workflow.UPLOAD_SIGNATURES,
        purpose="suggestion_attachment",
    )
    return name, getattr(upload, "size", 0) or 0


@action(
    "suggestions.attachment.add",
    model=Suggestion,
    subject="suggestion",
    sources=DRAFT,
    permission=SUBMIT,
    precondition=lead_deputy_only,
    precondition_hides=True,
    rule="§1.1",
    label=_("上传附件"),
    audit="suggestions.attachment.added",
)
def attachment_add(ctx: ActionContext, *, suggestion: Suggestion, upload) -> Attachment:
    """Attach a file to the actor's draft; only PDF, Word, Excel, images and text, at most 10 MB."""
    name, size = _check_upload(upload)
    if suggestion.attachments.count() >= workflow.MAX_ATTACHMENTS:
        raise Conflict(
            "too_many_attachments", _("每件建议最多{max}个附件。"), max=workflow.MAX_ATTACHMENTS
        )
    attachment = Attachment(suggestion=suggestion, name=name, size=size, uploaded_by=ctx.user)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    ctx.changes.update(name=name, size=size)
    ctx.audit_object = suggestion
    return attachment


@action(
    "suggestions.suggestion.submit",
    model=Suggestion,
    subject="suggestion",
    sources=DRAFT,
    target=S.SUBMITTED,
    permission=SUBMIT,
    precondition=lead_deputy_only,
    precondition_hides=True,
    rule="§1.1",
    label=_("提交"),
    audit="suggestions.suggestion.submitted",
)
def suggestion_submit(ctx: ActionContext, *, suggestion: Suggestion) -> Suggestion:
    """Submit the actor's draft: it is numbered and waits for screening (rules §1.1).

    Every invited co-signer must have confirmed; a suggestion of a closed session is
    refused (it is made between sessions instead).
    """
    pending = suggestion.cosigners.filter(confirmed_at__isnull=True).count()
    if pending:
        raise Conflict(
            "cosigners_unconfirmed", _("还有{count}位联名代表未确认，不能提交。"), count=pending
        )
    if suggestion.session_id and suggestion.session.status == Meeting.Status.CLOSED:
        raise Conflict(
            "session_closed", _("该次会议已闭会，请作为闭会期间建议提出。"), field="session"
        )
    serial = next_serial(suggestion)
    suggestion.status, suggestion.serial = S.SUBMITTED, serial
    suggestion.number, suggestion.submitted_at = number_for(suggestion, serial), ctx.now
    suggestion.save(update_fields=["status", "serial", "number", "submitted_at", "updated_at"])
    ctx.changes["number"] = suggestion.number
    return suggestion


@action(
    "suggestions.suggestion.withdraw",
    model=Suggestion,
    subject="suggestion",
    sources={S.DRAFT, *workflow.PENDING},
    target=S.WITHDRAWN,
    permission=SUBMIT,
    precondition=lead_deputy_only,
    precondition_hides=True,
    rule="§1.5",
    label=_("撤回"),
    audit="suggestions.suggestion.withdrawn",
)
def suggestion_withdraw(
    ctx: ActionContext, *, suggestion: Suggestion, reason: str = ""
) -> Suggestion:
    """The lead deputy withdraws the suggestion before it is assigned (rules §1.5)."""
    reason = _text(reason, field="reason", label=_("撤回理由"), max_length=500, required=False)
    suggestion.status = S.WITHDRAWN
    suggestion.screening_note = reason or suggestion.screening_note
    suggestion.save(update_fields=["status", "screening_note", "updated_at"])
    ctx.changes["reason"] = reason
    return suggestion
