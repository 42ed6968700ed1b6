"""Filing (备案) and the formal check: file, correct, register, return, transfer (rules §5.1–§5.4, §5.11).

The status moves a review makes on the filing (concluded, reopened by a new review, revoked
by the standing committee's vote) are platform actions performed inside the review's own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import Conflict, DomainError, PermissionDenied
from renda.people.models import Organization

from .. import similarity, statute, workflow
from ..extraction import check_upload, extract_text
from ..models import Filing, Receipt, Review
from ._common import (
    FILE,
    MANAGE,
    MAX_NUMBER,
    MAX_TITLE,
    _date,
    _day,
    _fill_text,
    _index,
    _text,
    _update,
    days_due,
    is_enacting_body,
    own_filing,
)

F = Filing.Status


def _filing_fields(
    *,
    title,
    document_number,
    published_on,
    drafting_explanation,
    legal_basis,
    adopted_on=None,
    effective_on=None,
) -> dict[str, Any]:
    data = {
        "title": _text(title, field="title", label=_("文件名称"), max_length=MAX_TITLE),
        "document_number": _text(
            document_number, field="document_number", label=_("文号"), max_length=MAX_NUMBER
        ),
        "published_on": _date(published_on, field="published_on", label=_("公布日期")),
        "adopted_on": _date(adopted_on, field="adopted_on", label=_("通过日期"), required=False),
        "effective_on": _date(
            effective_on, field="effective_on", label=_("施行日期"), required=False
        ),
        "drafting_explanation": _text(
            drafting_explanation, field="drafting_explanation", label=_("起草说明")
        ),
        "legal_basis": _text(
            legal_basis, field="legal_basis", label=_("制定依据"), max_length=5000
        ),
    }
    if data["adopted_on"] and data["adopted_on"] > data["published_on"]:
        raise DomainError(
            "adopted_after_published", _("通过日期不能晚于公布日期。"), field="adopted_on"
        )
    if data["effective_on"] and data["effective_on"] < data["published_on"]:
        raise DomainError(
            "effective_before_published", _("施行日期不能早于公布日期。"), field="effective_on"
        )
    return data


def _body_for(actor, enacting_body: Organization | None) -> Organization:
    if actor.has_perm(MANAGE) and enacting_body is not None:
        body = enacting_body
    else:
        scope = getattr(actor, "scope", None)
        if scope is None:
            if enacting_body is None:
                raise DomainError(
                    "field_required",
                    _("请填写{label}。"),
                    field="enacting_body",
                    label=_("制定机关"),
                )
            raise PermissionDenied("not_enacting_body", _("只有制定机关的工作人员才能报送备案。"))
        if enacting_body is not None and enacting_body.pk != scope.pk:
            raise PermissionDenied("not_own_body", _("只能报送本机关制定的文件。"))
        body = scope
    if not is_enacting_body(body):
        raise DomainError(
            "not_in_scope",
            _("“{name}”不属于向本级人大常委会报送备案的机关。"),
            field="enacting_body",
            name=body.name,
        )
    return body


def _text_of(upload, text: str) -> str:
    if upload is not None:
        return extract_text(upload)
    return _text(text, field="file", label=_("文件正文"), max_length=workflow.MAX_TEXT)


def _duplicate(body: Organization, number: str) -> Conflict:
    return Conflict(
        "duplicate_filing",
        _("{body}的文件“{number}”已经报送备案，不能重复报送。"),
        field="document_number",
        body=body.name,
        number=number,
    )


@action(
    "filings.filing.create",
    model=Filing,
    permission=FILE,
    rule="§5.1, §5.2",
    label=_("报送备案"),
    audit="filings.filing.created",
)
def filing_create(
    ctx: ActionContext,
    *,
    title: str,
    document_number: str,
    published_on,
    drafting_explanation: str,
    legal_basis: str,
    upload=None,
    text: str = "",
    enacting_body: Organization | None = None,
    adopted_on=None,
    effective_on=None,
) -> Filing:
    """File a normative document (报送备案, rules §5.1–5.2) with its full text (docx/PDF upload or text).

    A document filed more than 30 days after publication is marked late; the same
    body's document number may be filed only once.
    """
    body = _body_for(ctx.user, enacting_body)
    data = _filing_fields(
        title=title,
        document_number=document_number,
        published_on=published_on,
        drafting_explanation=drafting_explanation,
        legal_basis=legal_basis,
        adopted_on=adopted_on,
        effective_on=effective_on,
    )
    now, today = ctx.now, ctx.today
    if data["published_on"] > today:
        raise DomainError("published_in_future", _("公布日期不能晚于今天。"), field="published_on")
    if Filing.objects.filter(enacting_body=body, document_number=data["document_number"]).exists():
        raise _duplicate(body, data["document_number"])
    file_name = check_upload(upload)[0] if upload is not None else ""
    body_text = _text_of(upload, text)
    p = statute.values()
    due = days_due(data["published_on"], p["filings.filing_days"])
    key = similarity.title_key(data["title"])
    previous = (
        Filing.objects.filter(enacting_body=body, title_key=key)
        .order_by("-published_on", "-id")
        .first()
        if key
        else None
    )
    filing = Filing(
        **data,
        enacting_body=body,
        filed_at=now,
        filing_due_on=due,
        is_late=today > due,
        filed_by=ctx.user,
        formal_check_due_on=days_due(today, p["filings.formal_check_days"]),
        title_key=key,
        previous_version=previous,
        file_name=file_name,
    )
    _fill_text(filing, body_text)
    if upload is not None:
        filing.file.save(file_name, upload, save=False)
    try:
        with transaction.atomic():
            filing.save()
    except IntegrityError as exc:
        raise _duplicate(body, data["document_number"]) from exc
    _index(filing, new=True)
    ctx.changes.update(
        title=filing.title,
        document_number=filing.document_number,
        enacting_body=body.pk,
        published_on=filing.published_on.isoformat(),
        late=filing.is_late,
        filing_due_on=due.isoformat(),
        file=file_name,
    )
    return filing


def _own(ctx: ActionContext, filing: Filing) -> None:
    own_filing(ctx.user, filing)


@action(
    "filings.filing.correct",
    model=Filing,
    subject="filing",
    sources={F.RETURNED},
    target=F.SUBMITTED,
    permission=FILE,
    precondition=_own,
    precondition_hides=True,
    rule="§5.4",
    label=_("补正后重新报送"),
    audit="filings.filing.corrected",
)
def filing_correct(
    ctx: ActionContext,
    *,
    filing: Filing,
    title: str | None = None,
    drafting_explanation: str | None = None,
    legal_basis: str | None = None,
    upload=None,
    text: str = "",
    note: str = "",
) -> Filing:
    """The filer sends a returned filing back corrected (补正, rules §5.4); the formal check starts again."""
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = _text(title, field="title", label=_("文件名称"), max_length=MAX_TITLE)
    if drafting_explanation is not None:
        changes["drafting_explanation"] = _text(
            drafting_explanation, field="drafting_explanation", label=_("起草说明")
        )
    if legal_basis is not None:
        changes["legal_basis"] = _text(
            legal_basis, field="legal_basis", label=_("制定依据"), max_length=5000
        )
    new_text = None
    file_name = ""
    if upload is not None:
        file_name = check_upload(upload)[0]
        new_text = extract_text(upload)
    elif text:
        new_text = _text(text, field="file", label=_("文件正文"), max_length=workflow.MAX_TEXT)
    note = _text(note, field="note", label=_("补正说明"), required=False, max_length=2000)
    for k, v in changes.items():
        setattr(filing, k, v)
    if new_text is not None:
        _fill_text(filing, new_text)
        if upload is not None:
            filing.file.save(file_name, upload, save=False)
            filing.file_name = file_name
    if "title" in changes:
        filing.title_key = similarity.title_key(filing.title)
    filing.status = F.SUBMITTED
    filing.formal_check_due_on = days_due(ctx.today, statute.values()["filings.formal_check_days"])
    filing.save()
    if new_text is not None:
        _index(filing)
    ctx.changes.update(
        fields=sorted(changes),
        text=new_text is not None,
        note=note,
        late_correction=bool(filing.correction_due_on and ctx.today > filing.correction_due_on),
    )
    return filing


def _next_number(prefix: str, year: int) -> str:
    start = f"{prefix}{year}"
    # A range on the unique index rather than LIKE, which SQLite does not answer from the index.
    last = (
        Receipt.objects.filter(number__gte=start, number__lt=f"{start}~").aggregate(
            m=Max("number")
        )["m"]
        or ""
    )
    n = int(last[len(start) :] or 0) + 1 if last[len(start) :].isdigit() else 1
    return f"{start}{n:05d}"


def _receipt(filing: Filing, kind: str, actor, now: dt.datetime, note: str) -> Receipt:
    prefix = "DJ" if kind == Receipt.Kind.REGISTERED else "BZ"
    for _attempt in range(5):
        number = _next_number(prefix, _day(now).year)
        try:
            with transaction.atomic():
                return Receipt.objects.create(
                    filing=filing,
                    kind=kind,
                    number=number,
                    issued_at=now,
                    issued_by=actor,
                    note=note,
                )
        except IntegrityError:
            continue
    raise Conflict("receipt_number_busy", _("回执编号冲突，请重试。"))


@action(
    "filings.filing.register",
    model=Filing,
    subject="filing",
    sources={F.SUBMITTED},
    target=F.REGISTERED,
    permission=MANAGE,
    rule="§5.4, §5.5",
    label=_("登记"),
    audit="filings.filing.registered",
)
def filing_register(ctx: ActionContext, *, filing: Filing, note: str = "") -> Receipt:
    """Register a filing that passes the formal check (rules §5.4) and open its active review (§5.5).

    The filer gets the registration receipt; the consistency aid lists the most
    similar filed documents and earlier versions and is stored on the filing.
    """
    from .reviews import review_open

    note = _text(note, field="note", label=_("说明"), required=False, max_length=2000)
    now = ctx.now
    year = ctx.today.year
    serial = (
        Filing.objects.filter(registration_year=year).aggregate(m=Max("registration_serial"))["m"]
        or 0
    ) + 1
    similar = similarity.similar_filings(
        sig=filing.signature,
        exclude_id=filing.pk,
        title=filing.title,
        body_id=filing.enacting_body_id,
    )
    _update(
        filing,
        status=F.REGISTERED,
        registered_at=now,
        registered_by=ctx.user,
        registration_number=f"备{year}第{serial:04d}号",
        registration_year=year,
        registration_serial=serial,
        similar=similar,
    )
    receipt = _receipt(filing, Receipt.Kind.REGISTERED, ctx.user, now, note)
    ctx.perform(
        review_open,
        kind=Review.Kind.ACTIVE,
        title=str(_("主动审查：{title}")).format(title=filing.title),
        filings=[filing],
    )
    ctx.audit_object = filing
    ctx.changes.update(
        receipt=receipt.number,
        registration_number=filing.registration_number,
        late_check=ctx.today > filing.formal_check_due_on,
        similar=[s["id"] for s in filing.similar],
    )
    return receipt


def filing_refresh_similar(*, filing: Filing) -> list[dict]:
    """Recompute the similar documents of a filing (the list changes as others are filed)."""
    filing.similar = similarity.similar_filings(
        sig=filing.signature,
        exclude_id=filing.pk,
        title=filing.title,
        body_id=filing.enacting_body_id,
    )
    Filing.objects.filter(pk=filing.pk).update(similar=filing.similar)
    return filing.similar


@action(
    "filings.filing.return",
    model=Filing,
    subject="filing",
    sources={F.SUBMITTED},
    target=F.RETURNED,
    permission=MANAGE,
    rule="§5.4",
    label=_("退回补正"),
    audit="filings.filing.returned",
)
def filing_return(ctx: ActionContext, *, filing: Filing, reason: str) -> Receipt:
    """Return a filing for correction with reasons (rules §5.4); the filer corrects within 10 days."""
    reason = _text(reason, field="reason", label=_("退回理由"), max_length=2000)
    _update(
        filing,
        status=F.RETURNED,
        returned_at=ctx.now,
        return_reason=reason,
        correction_due_on=days_due(ctx.today, statute.values()["filings.correction_days"]),
        returned_count=filing.returned_count + 1,
    )
    receipt = _receipt(filing, Receipt.Kind.RETURNED, ctx.user, ctx.now, reason)
    ctx.audit_object = filing
    ctx.changes.update(
        receipt=receipt.number,
        reason=reason,
        correction_due_on=filing.correction_due_on.isoformat(),
    )
    return receipt


@action(
    "filings.filing.transfer",
    model=Filing,
    subject="filing",
    sources=workflow.TRANSFERABLE,
    target=F.TRANSFERRED,
    permission=MANAGE,
    rule="§5.11",
    label=_("移送"),
    audit="filings.filing.transferred",
)
def filing_transfer(ctx: ActionContext, *, filing: Filing, to: str, note: str = "") -> Filing:
    """Transfer a document outside this jurisdiction to the competent body (衔接联动, rules §5.11)."""
    to = _text(to, field="to", label=_("移送机关"), max_length=200)
    note = _text(note, field="note", label=_("移送说明"), required=False, max_length=2000)
    due = days_due(_day(filing.filed_at), statute.values()["filings.transfer_days"])
    _update(
        filing, status=F.TRANSFERRED, transferred_to=to, transferred_at=ctx.now, transfer_note=note
    )
    ctx.changes.update(to=to, note=note, due_on=due.isoformat(), late=ctx.today > due)
    return filing


# -- moves a review makes on the filing (inside the review's actions) ---------------------------


@action(
    "filings.filing.conclude",
    model=Filing,
    subject="filing",
    sources={F.REGISTERED},
    target=F.CONCLUDED,
    permission=SYSTEM,
    rule="§5.5",
    label=_("审查完毕"),
    audit="filings.filing.concluded",
)
def filing_conclude(ctx: ActionContext, *, filing: Filing) -> Filing:
    """Every review of the document has its outcome."""
    _update(filing, status=F.CONCLUDED)
    return filing


@action(
    "filings.filing.reopen",
    model=Filing,
    subject="filing",
    sources={F.CONCLUDED},
    target=F.REGISTERED,
    permission=SYSTEM,
    rule="§5.5, §5.7",
    label=_("重新审查"),
    audit="filings.filing.reopened",
)
def filing_reopen(ctx: ActionContext, *, filing: Filing, review: Review) -> Filing:
    """A new review of a concluded document puts it under review again."""
    _update(filing, status=F.REGISTERED)
    ctx.changes["review"] = review.pk
    return filing


@action(
    "filings.filing.revoke",
    model=Filing,
    subject="filing",
    sources=workflow.REVIEWABLE,
    target=F.REVOKED,
    permission=SYSTEM,
    rule="§5.3",
    label=_("撤销"),
    audit="filings.filing.revoked",
)
def filing_revoke(ctx: ActionContext, *, filing: Filing, poll_id: int) -> Filing:
    """The standing committee voted to revoke the document (rules §5.3)."""
    _update(filing, status=F.REVOKED, revoked_at=ctx.now)
    ctx.changes["poll"] = poll_id
    return filing
