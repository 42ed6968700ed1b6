"""Writes for suggestions: drafts, co-signers, attachments, submission, screening, merging, splitting.

Every service checks the actor's permission, re-checks its rules (raising a
:class:`~renda.core.errors.DomainError` with a stable code), locks the row, checks the
workflow table, saves and appends the audit event in the same transaction, and sends
notices only after commit. Assignment, which hands over to the casework engine, is in
:mod:`renda.suggestions.assignment`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from renda.meetings.models import Meeting
from renda.people.models import Deputy

from . import workflow
from .models import Attachment, CoSigner, NotAcceptedReason, Suggestion

MAX_TITLE = 200
MAX_CONTENT = 20_000
EDITABLE_FIELDS = ("title", "content", "category")


# -- helpers ------------------------------------------------------------------------------


def _require(actor, perm: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perm(perm):
        raise PermissionDenied()


def _text(value: Any, *, field: str, label, max_length: int, required: bool = True) -> str:
    out = "" if value is None else str(value).strip()
    if required and not out:
        raise DomainError("field_required", _("请填写{label}。"), field=field, label=label)
    if len(out) > max_length:
        raise DomainError(
            "field_too_long",
            _("{label}不能超过{max}个字符。"),
            field=field,
            label=label,
            max=max_length,
        )
    if "\x00" in out:
        raise DomainError("invalid_text", _("{label}含有无效字符。"), field=field, label=label)
    return out


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


def _lock(suggestion: Suggestion) -> Suggestion:
    return (
        Suggestion.objects.select_for_update(of=("self",))
        .select_related("lead_deputy", "term")
        .get(pk=suggestion.pk)
    )


def _check(action: str, suggestion: Suggestion) -> None:
    if not workflow.allows(action, suggestion.status):
        raise Conflict(
            "status_not_allowed",
            _("建议当前状态为“{status}”，不能执行此操作。"),
            status=suggestion.get_status_display(),
        )


def _check_owner(actor, suggestion: Suggestion) -> None:
    if suggestion.lead_deputy.person_id != getattr(actor, "person_id", None):
        raise PermissionDenied("not_lead_deputy", _("只有领衔代表才能执行此操作。"))


def _move(suggestion: Suggestion, action: str, **fields: Any) -> None:
    target = workflow.ACTIONS[action].target
    if target is not None:
        suggestion.status = target
    for name, value in fields.items():
        setattr(suggestion, name, value)
    suggestion.save(update_fields=["status", "updated_at", *fields])


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


def _next_serial(suggestion: Suggestion) -> int:
    rows = Suggestion.objects.filter(term_id=suggestion.term_id, session_id=suggestion.session_id)
    return (rows.aggregate(m=Max("serial"))["m"] or 0) + 1


def _email_deputies(suggestion: Suggestion, subject: str, body: str) -> None:
    from renda.accounts.models import User

    person_ids = [suggestion.lead_deputy.person_id]
    recipients = list(
        User.objects.filter(person_id__in=person_ids, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        send_mail(subject, body, None, recipients, fail_silently=True)


# -- drafts -------------------------------------------------------------------------------


def suggestion_create(
    *,
    actor,
    title: str,
    content: str,
    category: str = "",
    session: Meeting | None = None,
    is_public: bool = True,
    withhold_reason: str = "",
) -> Suggestion:
    """Create a draft of the actor's suggestion; ``session`` marks one made during a congress session."""
    _require(actor, "suggestions.submit")
    deputy = actor_deputy(actor)
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
    with transaction.atomic():
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
            created_by=actor,
        )
        audit_record(
            actor=actor,
            action="suggestions.suggestion.created",
            obj=suggestion,
            changes={"title": title, "category": category, "channel": suggestion.channel},
        )
    return suggestion


def suggestion_update(*, actor, suggestion: Suggestion, **fields: Any) -> Suggestion:
    """Change the title, content or category of the actor's draft."""
    _require(actor, "suggestions.submit")
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
    with transaction.atomic():
        suggestion = _lock(suggestion)
        _check_owner(actor, suggestion)
        _check("edit", suggestion)
        changes = {
            k: [getattr(suggestion, k), v] for k, v in clean.items() if getattr(suggestion, k) != v
        }
        if changes:
            _move(suggestion, "edit", **clean)
            audit_record(
                actor=actor,
                action="suggestions.suggestion.updated",
                obj=suggestion,
                changes={k: v for k, v in changes.items() if k != "content"}
                | ({"content": "changed"} if "content" in changes else {}),
            )
    return suggestion


def cosigner_invite(*, actor, suggestion: Suggestion, deputy: Deputy) -> CoSigner:
    """Invite a deputy of the same term to co-sign the actor's draft (联名)."""
    _require(actor, "suggestions.submit")
    with transaction.atomic():
        suggestion = _lock(suggestion)
        _check_owner(actor, suggestion)
        _check("edit", suggestion)
        if deputy.pk == suggestion.lead_deputy_id:
            raise DomainError("cosigner_is_lead", _("领衔代表不必再作为联名代表。"), field="deputy")
        if deputy.term_id != suggestion.term_id or deputy.status != Deputy.Status.ACTIVE:
            raise DomainError(
                "cosigner_not_deputy", _("联名代表应为本届在任代表。"), field="deputy"
            )
        if suggestion.cosigners.filter(deputy=deputy).exists():
            raise Conflict("cosigner_exists", _("该代表已在联名名单中。"), field="deputy")
        row = CoSigner.objects.create(suggestion=suggestion, deputy=deputy)
        audit_record(
            actor=actor,
            action="suggestions.cosigner.invited",
            obj=suggestion,
            changes={"deputy": deputy.pk},
        )
    return row


def cosigner_remove(*, actor, suggestion: Suggestion, deputy: Deputy) -> None:
    """Take a deputy off the actor's draft."""
    _require(actor, "suggestions.submit")
    with transaction.atomic():
        suggestion = _lock(suggestion)
        _check_owner(actor, suggestion)
        _check("edit", suggestion)
        deleted, _rows = suggestion.cosigners.filter(deputy=deputy).delete()
        if not deleted:
            raise NotFound("cosigner_not_found", _("该代表不在联名名单中。"))
        audit_record(
            actor=actor,
            action="suggestions.cosigner.removed",
            obj=suggestion,
            changes={"deputy": deputy.pk},
        )


def cosigner_confirm(*, actor, suggestion: Suggestion, now: dt.datetime | None = None) -> CoSigner:
    """The invited deputy confirms joining the draft (联名确认)."""
    _require(actor, "suggestions.submit")
    now = now or timezone.now()
    with transaction.atomic():
        suggestion = _lock(suggestion)
        _check("confirm", suggestion)
        row = (
            CoSigner.objects.select_for_update()
            .filter(suggestion=suggestion, deputy__person_id=getattr(actor, "person_id", None))
            .first()
        )
        if row is None:
            raise PermissionDenied("not_invited", _("您未被邀请联名此建议。"))
        if row.confirmed_at is not None:
            raise Conflict("already_confirmed", _("您已确认联名。"))
        row.confirmed_at = now
        row.save(update_fields=["confirmed_at", "updated_at"])
        audit_record(
            actor=actor,
            action="suggestions.cosigner.confirmed",
            obj=suggestion,
            changes={"deputy": row.deputy_id},
        )
    return row


def attachment_add(*, actor, suggestion: Suggestion, upload) -> Attachment:
    """Attach a file to the actor's draft; only PDF, Word, Excel, images and text, at most 10 MB."""
    _require(actor, "suggestions.submit")
    name = _text(getattr(upload, "name", ""), field="file", label=_("文件"), max_length=200)
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in workflow.UPLOAD_SIGNATURES:
        raise DomainError(
            "upload_type",
            _("只能上传 PDF、Word（docx）、Excel（xlsx）、图片（jpg、png）或文本文件。"),
            field="file",
        )
    size = getattr(upload, "size", 0) or 0
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
    with transaction.atomic():
        suggestion = _lock(suggestion)
        _check_owner(actor, suggestion)
        _check("edit", suggestion)
        if suggestion.attachments.count() >= workflow.MAX_ATTACHMENTS:
            raise Conflict(
                "too_many_attachments", _("每件建议最多{max}个附件。"), max=workflow.MAX_ATTACHMENTS
            )
        attachment = Attachment(suggestion=suggestion, name=name, size=size, uploaded_by=actor)
        attachment.file.save(name, upload, save=False)
        attachment.save()
        audit_record(
            actor=actor,
            action="suggestions.attachment.added",
            obj=suggestion,
            changes={"name": name, "size": size},
        )
    return attachment


# -- submission and withdrawal ------------------------------------------------------------


def suggestion_submit(
    *, actor, suggestion: Suggestion, now: dt.datetime | None = None
) -> Suggestion:
    """Submit the actor's draft: it is numbered and waits for screening (rules §1.1).

    Every invited co-signer must have confirmed; a suggestion of a closed session is
    refused (it is made between sessions instead).
    """
    _require(actor, "suggestions.submit")
    now = now or timezone.now()
    with transaction.atomic():
        suggestion = _lock(suggestion)
        _check_owner(actor, suggestion)
        _check("submit", suggestion)
        pending = suggestion.cosigners.filter(confirmed_at__isnull=True).count()
        if pending:
            raise Conflict(
                "cosigners_unconfirmed", _("还有{count}位联名代表未确认，不能提交。"), count=pending
            )
        if suggestion.session_id and suggestion.session.status == Meeting.Status.CLOSED:
            raise Conflict(
                "session_closed", _("该次会议已闭会，请作为闭会期间建议提出。"), field="session"
            )
        serial = _next_serial(suggestion)
        _move(
            suggestion,
            "submit",
            serial=serial,
            number=number_for(suggestion, serial),
            submitted_at=now,
        )
        audit_record(
            actor=actor,
            action="suggestions.suggestion.submitted",
            obj=suggestion,
            changes={"number": suggestion.number},
        )
    return suggestion


def suggestion_withdraw(*, actor, suggestion: Suggestion, reason: str = "") -> Suggestion:
    """The lead deputy withdraws the suggestion before it is assigned (rules §1.5)."""
    _require(actor, "suggestions.submit")
    reason = _text(reason, field="reason", label=_("撤回理由"), max_length=500, required=False)
    with transaction.atomic():
        suggestion = _lock(suggestion)
        _check_owner(actor, suggestion)
        _check("withdraw", suggestion)
        _move(suggestion, "withdraw", screening_note=reason or suggestion.screening_note)
        audit_record(
            actor=actor,
            action="suggestions.suggestion.withdrawn",
            obj=suggestion,
            changes={"reason": reason},
        )
    return suggestion


# -- screening ----------------------------------------------------------------------------


def suggestion_accept(
    *, actor, suggestion: Suggestion, note: str = "", now: dt.datetime | None = None
) -> Suggestion:
    """Screening accepts the suggestion (立案); it waits for assignment."""
    _require(actor, "suggestions.manage")
    note = _text(note, field="note", label=_("审查意见"), max_length=2000, required=False)
    with transaction.atomic():
        suggestion = _lock(suggestion)
        _check("accept", suggestion)
        _move(
            suggestion,
            "accept",
            screened_at=now or timezone.now(),
            screened_by=actor,
            screening_note=note,
        )
        audit_record(
            actor=actor,
            action="suggestions.suggestion.accepted",
            obj=suggestion,
            changes={"note": note},
        )
    return suggestion


def suggestion_not_accept(
    *,
    actor,
    suggestion: Suggestion,
    reasons: Sequence[str],
    note: str = "",
    now: dt.datetime | None = None,
) -> Suggestion:
    """Screening refuses the suggestion with reason codes (rules §1.5); the deputy is told why."""
    _require(actor, "suggestions.manage")
    codes = list(dict.fromkeys(reasons or ()))
    if not codes:
        raise DomainError("reason_required", _("请选择不予立案的理由。"), field="reasons")
    if any(code not in NotAcceptedReason.values for code in codes):
        raise DomainError("invalid_reason", _("不予立案理由无效。"), field="reasons")
    note = _text(
        note,
        field="note",
        label=_("说明"),
        max_length=2000,
        required=bool(set(codes) & workflow.REASONS_NEEDING_NOTE),
    )
    with transaction.atomic():
        suggestion = _lock(suggestion)
        _check("not_accept", suggestion)
        _move(
            suggestion,
            "not_accept",
            screened_at=now or timezone.now(),
            screened_by=actor,
            not_accepted_reasons=codes,
            screening_note=note,
        )
        audit_record(
            actor=actor,
            action="suggestions.suggestion.not_accepted",
            obj=suggestion,
            changes={"reasons": codes, "note": note},
        )
        labels = "；".join(str(NotAcceptedReason(c).label) for c in codes)
        subject = str(_("代表建议不予立案通知"))
        body = str(
            _("您提出的建议“{title}”（{number}）经审查不予立案，理由：{reasons}。{note}")
        ).format(title=suggestion.title, number=suggestion.number, reasons=labels, note=note)
        transaction.on_commit(lambda: _email_deputies(suggestion, subject, body))
    return suggestion


def suggestion_merge(*, actor, into: Suggestion, others: Sequence[Suggestion]) -> Suggestion:
    """Merge duplicates into one suggestion (并案); their deputies become its co-signers."""
    _require(actor, "suggestions.manage")
    other_ids = sorted({s.pk for s in others} - {into.pk})
    if not other_ids:
        raise DomainError("merge_needs_others", _("请选择要并入的其他建议。"), field="others")
    now = timezone.now()
    with transaction.atomic():
        target = _lock(into)
        _check("merge", target)
        rows = list(
            Suggestion.objects.select_for_update()
            .filter(pk__in=other_ids)
            .select_related("lead_deputy")
        )
        if len(rows) != len(other_ids):
            raise NotFound()
        for row in rows:
            _check("merge", row)
            if row.term_id != target.term_id:
                raise Conflict("merge_other_term", _("只能合并同一届的建议。"))
        deputies = {row.lead_deputy_id for row in rows}
        deputies |= set(
            CoSigner.objects.filter(suggestion__in=rows, confirmed_at__isnull=False).values_list(
                "deputy_id", flat=True
            )
        )
        existing = set(target.cosigners.values_list("deputy_id", flat=True)) | {
            target.lead_deputy_id
        }
        CoSigner.objects.bulk_create(
            [
                CoSigner(suggestion=target, deputy_id=d, confirmed_at=now)
                for d in sorted(deputies - existing)
            ]
        )
        for row in rows:
            _move(row, "merge", merged_into=target)
            row.refresh_search_text()
        target.save(update_fields=["updated_at"])
        audit_record(
            actor=actor,
            action="suggestions.suggestion.merged",
            obj=target,
            changes={
                "merged": [row.number for row in rows],
                "cosigners_added": len(deputies - existing),
            },
        )
    return target


def suggestion_split(
    *, actor, suggestion: Suggestion, parts: Sequence[tuple[str, str]]
) -> list[Suggestion]:
    """Split a suggestion spanning several units into parts (one per area), numbered 之一, 之二…"""
    _require(actor, "suggestions.manage")
    if len(parts) < 2:
        raise DomainError("split_needs_parts", _("拆分至少需要两部分。"), field="parts")
    clean = [
        (
            _text(t, field="parts", label=_("标题"), max_length=MAX_TITLE),
            _text(c, field="parts", label=_("内容"), max_length=MAX_CONTENT),
        )
        for t, c in parts
    ]
    with transaction.atomic():
        source = _lock(suggestion)
        _check("split", source)
        cosigners = list(source.cosigners.all())
        created = []
        for n, (title, content) in enumerate(clean, start=1):
            part = Suggestion.objects.create(
                number=f"{source.number}之{_zh_digit(n)}",
                term=source.term,
                session=source.session,
                channel=source.channel,
                title=title,
                content=content,
                category=source.category,
                lead_deputy=source.lead_deputy,
                status=Suggestion.Status.ACCEPTED,
                submitted_at=source.submitted_at,
                screened_at=source.screened_at or timezone.now(),
                screened_by=source.screened_by or actor,
                split_from=source,
                is_public=source.is_public,
                withhold_reason=source.withhold_reason,
                created_by=actor,
            )
            CoSigner.objects.bulk_create(
                [
                    CoSigner(suggestion=part, deputy_id=c.deputy_id, confirmed_at=c.confirmed_at)
                    for c in cosigners
                ]
            )
            created.append(part)
        _move(source, "split")
        audit_record(
            actor=actor,
            action="suggestions.suggestion.split",
            obj=source,
            changes={"parts": [p.number for p in created]},
        )
    return created


def _zh_digit(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)
