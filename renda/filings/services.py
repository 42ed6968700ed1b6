"""Writes of filing review (rules §5): filing, formal check, reviews, outcomes, review suggestions.

Every service checks the actor's permission, re-checks its rules (raising a
:class:`~renda.core.errors.DomainError` with a stable code), locks the row, checks
the workflow table, saves and appends the audit event in one transaction. A formal
correction request is a case of the casework engine; a proposal to revoke is an
agenda item and a decision poll of a standing-committee meeting.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import workdays
from renda.core.audit import audit_record
from renda.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from renda.people.models import Organization

from . import similarity, statute, workflow
from .extraction import check_upload, extract_text
from .models import (
    CHECKLIST_KEYS,
    AnnualReport,
    CatalogueReminder,
    CommitteeView,
    Filing,
    Hearing,
    Outcome,
    Receipt,
    Review,
    ReviewItem,
    ReviewSuggestion,
    RevocationResult,
    SimilarityKey,
)

MAX_TITLE = 200
MAX_NUMBER = 80
MAX_TEXT = 20_000
#: Our own congress and standing committee: they do not file with themselves.
OWN_BODY_CODES = ("congress", "standing-committee")
K = Organization.Kind
#: Bodies whose normative documents are filed with the standing committee (rules §5.2).
ENACTING_KINDS = (
    K.GOVERNMENT,
    K.GOVERNMENT_DEPARTMENT,
    K.SUPERVISORY_COMMISSION,
    K.COURT,
    K.PROCURATORATE,
    K.CONGRESS,
    K.STANDING_COMMITTEE,
)
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

CORRECTION_RESULTS = {
    "A": "已修改或废止",
    "B": "正在修改，修改后报告",
    "D": "说明理由，不予修改",
}
#: Marked for translation so the kind's labels show in English too.
_CORRECTION_LABELS = (_("已修改或废止"), _("正在修改，修改后报告"), _("说明理由，不予修改"))


# -- helpers ------------------------------------------------------------------------------


def _require(actor, perm: str) -> None:
    if actor is None or not actor.is_authenticated or not actor.has_perm(perm):
        raise PermissionDenied()


def _text(
    value: Any, *, field: str, label, max_length: int = MAX_TEXT, required: bool = True
) -> str:
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


def _date(value: Any, *, field: str, label, required: bool = True) -> dt.date | None:
    if value in (None, ""):
        if required:
            raise DomainError("field_required", _("请填写{label}。"), field=field, label=label)
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise DomainError(
            "invalid_date", _("{label}的格式不正确。"), field=field, label=label
        ) from exc


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def days_due(start: dt.date, days: int) -> dt.date:
    """A period of ``days`` calendar days from ``start`` (start day not counted); a last day that is a
    holiday or rest day moves to the next working day (民法典 第201、203条)."""
    end = start + dt.timedelta(days=days)
    return workdays.calendar_around(end, days=40).next_working_day(end)


def enacting_bodies():
    """Organizations whose normative documents are filed here (rules §5.2)."""
    return Organization.objects.filter(
        kind__in=ENACTING_KINDS, dissolution_date__isnull=True
    ).exclude(code__in=OWN_BODY_CODES)


def is_enacting_body(org: Organization | None) -> bool:
    return bool(org and org.kind in ENACTING_KINDS and org.code not in OWN_BODY_CODES)


def _lock_filing(filing: Filing) -> Filing:
    return (
        Filing.objects.select_for_update(of=("self",))
        .select_related("enacting_body")
        .get(pk=filing.pk)
    )


def _check_filing(action: str, filing: Filing) -> None:
    if not workflow.filing_allows(action, filing.status):
        raise Conflict(
            "status_not_allowed",
            _("备案文件当前状态为“{status}”，不能执行此操作。"),
            status=filing.get_status_display(),
        )


def _check_suggestion(action: str, s: ReviewSuggestion) -> None:
    if not workflow.suggestion_allows(action, s.status):
        raise Conflict(
            "status_not_allowed",
            _("审查建议当前状态为“{status}”，不能执行此操作。"),
            status=s.get_status_display(),
        )


def _own_filing(actor, filing: Filing) -> None:
    """A unit officer acts only on their own body's filings."""
    if actor.has_perm("filings.manage"):
        return
    if getattr(actor, "scope_id", None) != filing.enacting_body_id:
        raise PermissionDenied("not_own_filing", _("只能处理本机关报送的文件。"))


def _update(filing: Filing, **fields: Any) -> None:
    """Save changed fields without re-segmenting the unchanged text for search (a plain UPDATE)."""
    fields["updated_at"] = timezone.now()
    for name, value in fields.items():
        setattr(filing, name, value)
    Filing.objects.filter(pk=filing.pk).update(**fields)


def _index(filing: Filing, *, new: bool = False) -> None:
    """Store the filing's signature bands (replacing old ones) for the similarity lookup."""
    if not new:
        SimilarityKey.objects.filter(filing=filing).delete()
    SimilarityKey.objects.bulk_create(
        [SimilarityKey(filing=filing, key=k) for k in similarity.band_keys(filing.signature)]
    )


def _fill_text(filing: Filing, text: str) -> None:
    filing.text = text
    filing.signature = similarity.signature(text)
    filing.highlights = similarity.highlights(text)


# -- filing (备案) ------------------------------------------------------------------------


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
    if actor.has_perm("filings.manage") and enacting_body is not None:
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
    out = _text(text, field="file", label=_("文件正文"), max_length=workflow.MAX_TEXT)
    return out


def filing_create(
    *,
    actor,
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
    now: dt.datetime | None = None,
) -> Filing:
    """File a normative document (报送备案, rules §5.1–5.2) with its full text (docx/PDF upload or text).

    A document filed more than 30 days after publication is marked late; the same
    body's document number may be filed only once.
    """
    _require(actor, "filings.file")
    body = _body_for(actor, enacting_body)
    data = _filing_fields(
        title=title,
        document_number=document_number,
        published_on=published_on,
        drafting_explanation=drafting_explanation,
        legal_basis=legal_basis,
        adopted_on=adopted_on,
        effective_on=effective_on,
    )
    now = _now(now)
    today = _day(now)
    if data["published_on"] > today:
        raise DomainError("published_in_future", _("公布日期不能晚于今天。"), field="published_on")
    if Filing.objects.filter(enacting_body=body, document_number=data["document_number"]).exists():
        raise Conflict(
            "duplicate_filing",
            _("{body}的文件“{number}”已经报送备案，不能重复报送。"),
            field="document_number",
            body=body.name,
            number=data["document_number"],
        )
    file_name = check_upload(upload)[0] if upload is not None else ""
    body_text = _text_of(upload, text)
    p = statute.values()
    due = days_due(data["published_on"], p["filings.filing_days"])
    key = similarity.title_key(data["title"])
    try:
        with transaction.atomic():
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
                filed_by=actor,
                formal_check_due_on=days_due(today, p["filings.formal_check_days"]),
                title_key=key,
                previous_version=previous,
                file_name=file_name,
            )
            _fill_text(filing, body_text)
            if upload is not None:
                filing.file.save(file_name, upload, save=False)
            filing.save()
            _index(filing, new=True)
            audit_record(
                actor=actor,
                action="filings.filing.created",
                obj=filing,
                changes={
                    "title": filing.title,
                    "document_number": filing.document_number,
                    "enacting_body": body.pk,
                    "published_on": filing.published_on.isoformat(),
                    "late": filing.is_late,
                    "filing_due_on": due.isoformat(),
                    "file": file_name,
                },
            )
    except IntegrityError as exc:
        raise Conflict(
            "duplicate_filing",
            _("{body}的文件“{number}”已经报送备案，不能重复报送。"),
            field="document_number",
            body=body.name,
            number=data["document_number"],
        ) from exc
    return filing


def filing_correct(
    *,
    actor,
    filing: Filing,
    title: str | None = None,
    drafting_explanation: str | None = None,
    legal_basis: str | None = None,
    upload=None,
    text: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> Filing:
    """The filer sends a returned filing back corrected (补正, rules §5.4); the formal check starts again."""
    _require(actor, "filings.file")
    now = now or timezone.now()
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
    with transaction.atomic():
        locked = _lock_filing(filing)
        _own_filing(actor, locked)
        _check_filing("correct", locked)
        for k, v in changes.items():
            setattr(locked, k, v)
        if new_text is not None:
            _fill_text(locked, new_text)
            if upload is not None:
                locked.file.save(file_name, upload, save=False)
                locked.file_name = file_name
        if "title" in changes:
            locked.title_key = similarity.title_key(locked.title)
        locked.status = Filing.Status.SUBMITTED
        locked.formal_check_due_on = days_due(
            _day(now), statute.values()["filings.formal_check_days"]
        )
        locked.save()
        if new_text is not None:
            _index(locked)
        audit_record(
            actor=actor,
            action="filings.filing.corrected",
            obj=locked,
            changes={
                "fields": sorted(changes),
                "text": new_text is not None,
                "note": note,
                "late_correction": bool(
                    locked.correction_due_on and _day(now) > locked.correction_due_on
                ),
            },
        )
    return locked


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


def _review_open(
    *,
    kind: str,
    title: str,
    filings: Sequence[Filing],
    actor,
    now: dt.datetime,
    suggestion: ReviewSuggestion | None = None,
) -> Review:
    p = statute.values()
    start = _day(now)
    review = Review.objects.create(
        kind=kind,
        title=title[:200],
        started_on=start,
        due_on=workdays.add_months(start, p["filings.review_months"]),
        route_due_on=workdays.add_working_days(start, p["filings.routing_workdays"]),
        suggestion=suggestion,
        reviewer=None,
    )
    ReviewItem.objects.bulk_create([ReviewItem(review=review, filing=f) for f in filings])
    audit_record(
        actor=actor,
        action="filings.review.opened",
        obj=review,
        changes={
            "kind": kind,
            "filings": [f.pk for f in filings],
            "due_on": review.due_on.isoformat(),
            "route_due_on": review.route_due_on.isoformat(),
            "suggestion": suggestion.pk if suggestion else None,
        },
    )
    return review


def filing_register(
    *, actor, filing: Filing, note: str = "", now: dt.datetime | None = None
) -> Receipt:
    """Register a filing that passes the formal check (rules §5.4) and open its active review (§5.5).

    The filer gets the registration receipt; the consistency aid lists the most
    similar filed documents and earlier versions and is stored on the filing.
    """
    _require(actor, "filings.manage")
    note = _text(note, field="note", label=_("说明"), required=False, max_length=2000)
    now = _now(now)
    with transaction.atomic():
        locked = _lock_filing(filing)
        _check_filing("register", locked)
        year = _day(now).year
        serial = (
            Filing.objects.filter(registration_year=year).aggregate(m=Max("registration_serial"))[
                "m"
            ]
            or 0
        ) + 1
        similar = similarity.similar_filings(
            sig=locked.signature,
            exclude_id=locked.pk,
            title=locked.title,
            body_id=locked.enacting_body_id,
        )
        _update(
            locked,
            status=Filing.Status.REGISTERED,
            registered_at=now,
            registered_by=actor,
            registration_number=f"备{year}第{serial:04d}号",
            registration_year=year,
            registration_serial=serial,
            similar=similar,
        )
        receipt = _receipt(locked, Receipt.Kind.REGISTERED, actor, now, note)
        _review_open(
            kind=Review.Kind.ACTIVE,
            title=str(_("主动审查：{title}")).format(title=locked.title),
            filings=[locked],
            actor=actor,
            now=now,
        )
        audit_record(
            actor=actor,
            action="filings.filing.registered",
            obj=locked,
            changes={
                "receipt": receipt.number,
                "registration_number": locked.registration_number,
                "late_check": _day(now) > locked.formal_check_due_on,
                "similar": [s["id"] for s in locked.similar],
            },
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


def filing_return(*, actor, filing: Filing, reason: str, now: dt.datetime | None = None) -> Receipt:
    """Return a filing for correction with reasons (rules §5.4); the filer corrects within 10 days."""
    _require(actor, "filings.manage")
    reason = _text(reason, field="reason", label=_("退回理由"), max_length=2000)
    now = _now(now)
    with transaction.atomic():
        locked = _lock_filing(filing)
        _check_filing("return", locked)
        _update(
            locked,
            status=Filing.Status.RETURNED,
            returned_at=now,
            return_reason=reason,
            correction_due_on=days_due(_day(now), statute.values()["filings.correction_days"]),
            returned_count=locked.returned_count + 1,
        )
        receipt = _receipt(locked, Receipt.Kind.RETURNED, actor, now, reason)
        audit_record(
            actor=actor,
            action="filings.filing.returned",
            obj=locked,
            changes={
                "receipt": receipt.number,
                "reason": reason,
                "correction_due_on": locked.correction_due_on.isoformat(),
            },
        )
    return receipt


def filing_transfer(
    *, actor, filing: Filing, to: str, note: str = "", now: dt.datetime | None = None
) -> Filing:
    """Transfer a document outside this jurisdiction to the competent body (衔接联动, rules §5.11)."""
    _require(actor, "filings.manage")
    to = _text(to, field="to", label=_("移送机关"), max_length=200)
    note = _text(note, field="note", label=_("移送说明"), required=False, max_length=2000)
    now = _now(now)
    with transaction.atomic():
        locked = _lock_filing(filing)
        _check_filing("transfer", locked)
        due = days_due(_day(locked.filed_at), statute.values()["filings.transfer_days"])
        _update(
            locked,
            status=Filing.Status.TRANSFERRED,
            transferred_to=to,
            transferred_at=now,
            transfer_note=note,
        )
        audit_record(
            actor=actor,
            action="filings.filing.transferred",
            obj=locked,
            changes={
                "to": to,
                "note": note,
                "due_on": due.isoformat(),
                "late": _day(now) > due,
            },
        )
    return locked


# -- reviews (审查) -----------------------------------------------------------------------


def review_start(
    *,
    actor,
    kind: str,
    filings: Sequence[Filing],
    title: str = "",
    suggestion: ReviewSuggestion | None = None,
    now: dt.datetime | None = None,
) -> Review:
    """Start an on-request review of a document or a thematic review of a set (rules §5.5, §5.7)."""
    _require(actor, "filings.manage")
    if kind not in (Review.Kind.ON_REQUEST, Review.Kind.THEMATIC):
        raise DomainError(
            "invalid_review_kind", _("审查方式无效（主动审查在登记时自动开始）。"), field="kind"
        )
    rows = list(dict.fromkeys(filings))
    if not rows:
        raise DomainError("filings_required", _("请选择要审查的文件。"), field="filings")
    if kind == Review.Kind.ON_REQUEST and len(rows) != 1:
        raise DomainError("one_filing", _("依申请审查针对一件文件。"), field="filings")
    if kind == Review.Kind.THEMATIC:
        title = _text(title, field="title", label=_("专项审查名称"), max_length=200)
    now = _now(now)
    with transaction.atomic():
        locked = list(Filing.objects.select_for_update().filter(pk__in=[f.pk for f in rows]))
        for f in locked:
            _check_filing("review", f)
        if kind == Review.Kind.ON_REQUEST:
            title = title or str(_("依申请审查：{title}")).format(title=locked[0].title)
        review = _review_open(
            kind=kind, title=title, filings=locked, actor=actor, now=now, suggestion=suggestion
        )
        Filing.objects.filter(pk__in=[f.pk for f in locked], status=Filing.Status.CONCLUDED).update(
            status=Filing.Status.REGISTERED
        )
    return review


def _lock_review(review: Review) -> Review:
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.status != Review.Status.OPEN:
        raise Conflict("review_concluded", _("该审查已完成。"))
    return locked


def review_route(
    *, actor, review: Review, body: Organization, reviewer=None, now: dt.datetime | None = None
) -> Review:
    """Route the review to the responsible working body (within 5 working days, rules §5.5)."""
    _require(actor, "filings.manage")
    if body is None or body.kind not in (K.WORKING_BODY, K.SPECIAL_COMMITTEE, K.GENERAL_OFFICE):
        raise DomainError(
            "not_working_body", _("请选择常委会的工作机构或专门委员会。"), field="body"
        )
    now = _now(now)
    with transaction.atomic():
        locked = _lock_review(review)
        locked.responsible_body, locked.routed_at = body, now
        if reviewer is not None:
            locked.reviewer = reviewer
        locked.save(update_fields=["responsible_body", "routed_at", "reviewer", "updated_at"])
        audit_record(
            actor=actor,
            action="filings.review.routed",
            obj=locked,
            changes={
                "body": body.pk,
                "reviewer": getattr(reviewer, "pk", None),
                "late": _day(now) > locked.route_due_on,
            },
        )
    return locked


def review_extend(*, actor, review: Review, reason: str, now: dt.datetime | None = None) -> Review:
    """Extend the review by 3 months with a leader's approval, once (rules §5.5)."""
    _require(actor, "filings.approve")
    reason = _text(reason, field="reason", label=_("延长理由"), max_length=2000)
    with transaction.atomic():
        locked = _lock_review(review)
        if locked.extended:
            raise Conflict("already_extended", _("审查期限已延长过一次。"))
        old = locked.due_on
        locked.due_on = workdays.add_months(
            old, statute.values()["filings.review_extension_months"]
        )
        locked.extended, locked.extension_approved_by, locked.extension_reason = True, actor, reason
        locked.save(
            update_fields=[
                "due_on",
                "extended",
                "extension_approved_by",
                "extension_reason",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="filings.review.extended",
            obj=locked,
            changes={"due_on": [old.isoformat(), locked.due_on.isoformat()], "reason": reason},
        )
    return locked


def committee_view_request(
    *, actor, review: Review, committee: Organization, now: dt.datetime | None = None
) -> CommitteeView:
    """Ask a committee for its written view, due within 30 days (rules §5.5)."""
    _require(actor, "filings.manage")
    if committee is None or committee.kind not in (K.SPECIAL_COMMITTEE, K.WORKING_BODY):
        raise DomainError("not_committee", _("请选择专门委员会或工作委员会。"), field="committee")
    now = _now(now)
    with transaction.atomic():
        locked = _lock_review(review)
        if CommitteeView.objects.filter(review=locked, committee=committee).exists():
            raise Conflict("view_requested", _("已向该委员会征求意见。"), field="committee")
        day = _day(now)
        view = CommitteeView.objects.create(
            review=locked,
            committee=committee,
            requested_on=day,
            due_on=days_due(day, statute.values()["filings.committee_view_days"]),
        )
        audit_record(
            actor=actor,
            action="filings.view.requested",
            obj=locked,
            changes={"committee": committee.pk, "due_on": view.due_on.isoformat()},
        )
    return view


def committee_view_submit(
    *, actor, view: CommitteeView, text: str, now: dt.datetime | None = None
) -> CommitteeView:
    """Record the committee's written view."""
    _require(actor, "filings.manage")
    body = _text(text, field="text", label=_("书面意见"))
    now = _now(now)
    with transaction.atomic():
        locked = CommitteeView.objects.select_for_update().get(pk=view.pk)
        if locked.submitted_at is not None:
            raise Conflict("view_submitted", _("该委员会的书面意见已录入。"))
        locked.text, locked.submitted_at, locked.submitted_by = body, now, actor
        locked.save(update_fields=["text", "submitted_at", "submitted_by", "updated_at"])
        audit_record(
            actor=actor,
            action="filings.view.submitted",
            obj=locked.review,
            changes={"committee": locked.committee_id, "late": _day(now) > locked.due_on},
        )
    return locked


def hearing_record(
    *, actor, review: Review, kind: str, held_on, participants: str, summary: str
) -> Hearing:
    """Record a hearing or argumentation meeting held for the review (S6)."""
    _require(actor, "filings.manage")
    if kind not in Hearing.Kind.values:
        raise DomainError("invalid_hearing_kind", _("会议类别无效。"), field="kind")
    held_on = _date(held_on, field="held_on", label=_("举行日期"))
    participants = _text(participants, field="participants", label=_("参加人员"), max_length=2000)
    summary = _text(summary, field="summary", label=_("主要意见"))
    with transaction.atomic():
        locked = _lock_review(review)
        hearing = Hearing.objects.create(
            review=locked,
            kind=kind,
            held_on=held_on,
            participants=participants,
            summary=summary,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="filings.hearing.recorded",
            obj=locked,
            changes={"kind": kind, "held_on": held_on.isoformat()},
        )
    return hearing


def checklist_save(
    *, actor, item: ReviewItem, answers: Mapping[str, Any], findings: str = ""
) -> ReviewItem:
    """Fill the §5.6 checklist of one document: each standard ok / problem / not applicable, with a note.

    ``answers`` maps a standard to its answer or to ``{"answer": …, "note": …}``; a
    problem needs a note saying what it is.
    """
    _require(actor, "filings.manage")
    clean: dict[str, dict[str, str]] = {}
    for key, value in (answers or {}).items():
        if key not in CHECKLIST_KEYS:
            raise DomainError(
                "invalid_standard", _("审查标准“{key}”无效。"), field="checklist", key=key
            )
        answer, note = (
            (value.get("answer"), value.get("note", ""))
            if isinstance(value, Mapping)
            else (value, "")
        )
        if not answer:
            continue
        if answer not in workflow.CHECKLIST_ANSWERS:
            raise DomainError("invalid_answer", _("审查标准的核对结果无效。"), field="checklist")
        note = _text(
            note,
            field="checklist",
            label=_("问题说明"),
            required=answer == "problem",
            max_length=2000,
        )
        clean[key] = {"answer": answer, "note": note}
    findings = _text(findings, field="findings", label=_("审查意见"), required=False)
    with transaction.atomic():
        locked = (
            ReviewItem.objects.select_for_update(of=("self",))
            .select_related("review")
            .get(pk=item.pk)
        )
        if locked.review.status != Review.Status.OPEN or locked.outcome:
            raise Conflict("item_decided", _("该文件的审查已有结果，不能再修改核对表。"))
        locked.checklist = {**(locked.checklist or {}), **clean}
        if findings:
            locked.findings = findings
        locked.save(update_fields=["checklist", "findings", "updated_at"])
        if locked.review.reviewer_id is None:
            Review.objects.filter(pk=locked.review_id).update(reviewer=actor)
        audit_record(
            actor=actor,
            action="filings.checklist.saved",
            obj=locked.review,
            changes={
                "filing": locked.filing_id,
                "answers": {k: v["answer"] for k, v in clean.items()},
            },
        )
    return locked


def correction_kind():
    """The engine's kind for correction requests, by the §5.8 setting: 2 months nationally or 30 days locally."""
    from renda.casework.kinds import ensure_kind
    from renda.casework.models import DeadlineUnit

    p = statute.values()
    common = {
        "extended_amount": 0,
        "requester_rates": False,
        "contact_required": False,
        "result_classes": dict(CORRECTION_RESULTS),
        "follow_up_classes": ["B"],
        "publish_default": True,
    }
    if p["filings.correction_answer_basis"] == "national":
        return ensure_kind(
            code="filing_correction_national",
            name="备案审查纠正意见（两个月）",
            reply_amount=p["filings.correction_answer_months_national"],
            reply_unit=DeadlineUnit.MONTHS,
            **common,
        )
    return ensure_kind(
        code="filing_correction_local",
        name="备案审查纠正意见",
        reply_amount=p["filings.correction_answer_days_local"],
        reply_unit=DeadlineUnit.DAYS,
        **common,
    )


def _sc() -> Organization:
    sc = Organization.objects.filter(code="standing-committee").first()
    if sc is None:
        raise Conflict("no_standing_committee", _("尚未设置常务委员会机构。"))
    return sc


def outcome_record(
    *,
    actor,
    item: ReviewItem,
    outcome: str,
    note: str = "",
    meeting=None,
    transferred_to: str = "",
    now: dt.datetime | None = None,
) -> ReviewItem:
    """Record what the review of one document found (rules §5.3, §5.8, §5.11).

    - no problem, or communicated and amended by the body itself;
    - a formal correction request: a casework case with the enacting body as lead
      unit, answered through its queue within the §5.8 period;
    - a proposal to revoke: an agenda item of the given standing-committee meeting
      and a draft decision poll on it;
    - transfer to another jurisdiction's body.
    """
    _require(actor, "filings.manage")
    if outcome not in Outcome.values:
        raise DomainError("invalid_outcome", _("审查结果无效。"), field="outcome")
    note = _text(
        note, field="note", label=_("处理说明"), required=outcome in workflow.OUTCOMES_NEEDING_NOTE
    )
    if outcome == Outcome.TRANSFERRED:
        transferred_to = _text(
            transferred_to, field="transferred_to", label=_("移送机关"), max_length=200
        )
    if outcome == Outcome.REVOCATION:
        from renda.meetings.models import Meeting

        if meeting is None:
            raise DomainError("meeting_required", _("提请撤销须选择常委会会议。"), field="meeting")
        if meeting.kind != Meeting.Kind.SC_MEETING or meeting.status == Meeting.Status.CLOSED:
            raise DomainError(
                "meeting_not_open", _("请选择尚未闭会的常委会会议。"), field="meeting"
            )
    now = _now(now)
    with transaction.atomic():
        locked = (
            ReviewItem.objects.select_for_update(of=("self",))
            .select_related("review", "filing__enacting_body")
            .get(pk=item.pk)
        )
        review = locked.review
        if review.status != Review.Status.OPEN or locked.outcome:
            raise Conflict("item_decided", _("该文件的审查已有结果。"))
        if outcome in workflow.OUTCOMES_NEEDING_PROBLEM and not locked.problems:
            raise Conflict(
                "no_problem_found", _("请先在审查标准核对表中标明发现的问题。"), field="outcome"
            )
        if outcome == Outcome.NO_PROBLEM and locked.problems:
            raise Conflict(
                "problem_found",
                _("核对表中标明存在问题，不能作出“未发现问题”的结论。"),
                field="outcome",
            )
        filing = locked.filing
        changes: dict[str, Any] = {"filing": filing.pk, "outcome": outcome, "note": note}
        if outcome == Outcome.CORRECTION:
            from renda.casework import services as casework

            kind = correction_kind()
            case = casework.case_create(
                actor=actor,
                kind=kind,
                title=str(_("关于《{title}》的纠正意见")).format(title=filing.title)[:200],
                summary=f"{filing.document_number}\n{note}\n{locked.findings}".strip(),
                requester_body=_sc(),
                source_type="filings.reviewitem",
                source_id=str(locked.pk),
            )
            case = casework.case_assign(actor=actor, case=case, lead=filing.enacting_body, now=now)
            locked.correction_case = case
            changes |= {"case": case.pk, "due_on": case.due_on.isoformat()}
        elif outcome == Outcome.REVOCATION:
            from renda.meetings.services import agenda_item_add
            from renda.voting.services import poll_create

            agenda = agenda_item_add(
                actor=actor,
                meeting=meeting,
                kind="motion",
                title=str(_("关于撤销《{title}》的议案")).format(title=filing.title)[:200],
                description=f"{filing.enacting_body.name} {filing.document_number}\n{note}",
            )
            poll = poll_create(actor=actor, agenda_item=agenda, kind="decision")
            locked.agenda_item, locked.poll = agenda, poll
            changes |= {"agenda_item": agenda.pk, "poll": poll.pk, "meeting": meeting.pk}
        elif outcome == Outcome.TRANSFERRED:
            locked.transferred_to = transferred_to
            changes["to"] = transferred_to
        elif outcome == Outcome.SELF_AMENDED:
            locked.amend_report_due_on = amend_report_due(locked, now)
            changes["amend_report_due_on"] = locked.amend_report_due_on.isoformat()
        locked.outcome, locked.outcome_note, locked.decided_at, locked.decided_by = (
            outcome,
            note,
            now,
            actor,
        )
        locked.save()
        audit_record(actor=actor, action="filings.outcome.recorded", obj=review, changes=changes)
        if not review.items.filter(outcome="").exists():
            review.status, review.concluded_at = Review.Status.CONCLUDED, now
            review.save(update_fields=["status", "concluded_at", "updated_at"])
            audit_record(actor=actor, action="filings.review.concluded", obj=review, changes={})
        ids = list(review.items.values_list("filing_id", flat=True))
        open_ids = set(
            ReviewItem.objects.filter(
                filing_id__in=ids, review__status=Review.Status.OPEN
            ).values_list("filing_id", flat=True)
        )
        Filing.objects.filter(pk__in=set(ids) - open_ids, status=Filing.Status.REGISTERED).update(
            status=Filing.Status.CONCLUDED, updated_at=now
        )
    return locked


def amend_report_due(item: ReviewItem, reply_at: dt.datetime | None) -> dt.date | None:
    """When the body must report after amending (30 days from its 'amending' answer, rules §5.8)."""
    if reply_at is None:
        return None
    return days_due(_day(reply_at), statute.values()["filings.amend_report_days"])


# -- carried results: the revocation vote and the report after amending -------------------------

#: Answers to a correction request by which the body says it amends or has amended (rules §5.8).
AMENDING_CLASSES = frozenset({"A", "B"})


def revocation_record(
    *, actor, item: ReviewItem, from_seal: bool = False, now: dt.datetime | None = None
) -> ReviewItem:
    """Carry the sealed result of a revocation poll onto the review item and the filing (rules §5.3).

    Called by the office's button, or on its own when the poll is sealed (``from_seal``: the
    seal is the authority, the actor is whoever closed the poll). Once recorded it changes
    nothing and returns the item as it is.
    """
    from renda.voting.models import Poll

    if not from_seal:
        _require(actor, "filings.manage")
    now = _now(now)
    with transaction.atomic():
        locked = ReviewItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
        if locked.outcome != Outcome.REVOCATION or locked.poll_id is None:
            raise Conflict("not_revocation", _("该文件的审查结果不是提请常委会撤销。"))
        if locked.revocation_result:
            return locked
        poll = Poll.objects.select_related("seal").get(pk=locked.poll_id)
        if poll.status != Poll.Status.SEALED:
            raise Conflict("poll_not_sealed", _("表决尚未结束并封存，不能登记结果。"))
        tally = poll.seal.tally
        passed = tally.get("result") == "passed"
        locked.revocation_result = RevocationResult.PASSED if passed else RevocationResult.FAILED
        locked.revocation_tally = {
            **{
                k: tally.get(k)
                for k in ("base", "threshold", "yes", "no", "abstain", "not_voted", "result")
            },
            "fingerprint": poll.seal.fingerprint,
        }
        locked.revocation_recorded_at = now
        locked.save(
            update_fields=[
                "revocation_result",
                "revocation_tally",
                "revocation_recorded_at",
                "updated_at",
            ]
        )
        changes: dict[str, Any] = {
            "filing": locked.filing_id,
            "result": tally.get("result"),
            "yes": tally.get("yes"),
            "threshold": tally.get("threshold"),
            "fingerprint": poll.seal.fingerprint,
            "automatic": from_seal,
        }
        if passed:
            filing = _lock_filing(locked.filing)
            if workflow.filing_allows("revoke", filing.status):
                changes["status"] = [filing.status, Filing.Status.REVOKED]
                filing.status, filing.revoked_at = Filing.Status.REVOKED, now
                filing.save(update_fields=["status", "revoked_at", "updated_at"])
        audit_record(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action="filings.revocation.recorded",
            obj=locked.review,
            changes=changes,
        )
    return locked


def _carry_reply(item: ReviewItem, instance) -> None:
    if instance.is_follow_up:
        if item.amend_reported_at is None and item.amend_report_due_on is not None:
            _amend_report_save(
                instance.replied_by, item, instance.text, instance.replied_at, via="casework"
            )
        return
    if instance.result_class in AMENDING_CLASSES and item.amend_report_due_on is None:
        due = amend_report_due(item, instance.replied_at)
        item.amend_report_due_on = due
        item.save(update_fields=["amend_report_due_on", "updated_at"])
        audit_record(
            actor=instance.replied_by,
            action="filings.amend_report.due",
            obj=item.review,
            changes={
                "filing": item.filing_id,
                "due_on": due.isoformat(),
                "result_class": instance.result_class,
            },
        )


def _amend_report_save(actor, item: ReviewItem, text: str, at: dt.datetime, *, via: str) -> None:
    item.amend_report_text, item.amend_reported_at = text, at
    item.save(update_fields=["amend_report_text", "amend_reported_at", "updated_at"])
    audit_record(
        actor=actor,
        action="filings.amend_report.recorded",
        obj=item.review,
        changes={
            "filing": item.filing_id,
            "due_on": item.amend_report_due_on.isoformat(),
            "via": via,
            "late": _day(at) > item.amend_report_due_on,
        },
    )


def can_report_amendment(actor, item: ReviewItem) -> bool:
    """The office, or an officer of the enacting body itself."""
    if actor is None or not actor.is_authenticated:
        return False
    if actor.has_perm("filings.manage"):
        return True
    return (
        actor.has_perm("filings.report_amendment")
        and getattr(actor, "scope_id", None) == item.filing.enacting_body_id
    )


def amend_report_record(
    *, actor, item: ReviewItem, text: str, now: dt.datetime | None = None
) -> ReviewItem:
    """Record the body's report after amending the document (within 30 days, rules §5.8)."""
    _require(actor, "filings.report_amendment")
    text = _text(text, field="text", label=_("修改后报告"), max_length=10_000)
    now = _now(now)
    with transaction.atomic():
        locked = (
            ReviewItem.objects.select_for_update(of=("self",))
            .select_related("filing", "review")
            .get(pk=item.pk)
        )
        if not can_report_amendment(actor, locked):
            raise PermissionDenied("not_own_filing", _("只能报告本机关制定的文件的修改情况。"))
        if locked.amend_report_due_on is None:
            raise Conflict("amend_report_not_expected", _("该文件没有须在修改后报告的事项。"))
        if locked.amend_reported_at is not None:
            raise Conflict("amend_report_recorded", _("修改后报告已经登记。"))
        _amend_report_save(actor, locked, text, now, via="filings")
    return locked


def amend_report_sweep(today: dt.date) -> dict[str, int]:
    """Remind the body and the office of reports after amending due within 7 days or late (rules §5.8).

    Notifications of the correction case, keyed by the report's deadline, so running it
    again adds nothing. Items without a case (self-amended) show in the list and in "my work".
    """
    from renda.casework.deadlines import DUE_VERY_SOON_DAYS
    from renda.casework.models import NotificationKind as NK
    from renda.casework.notifications import notify, staff_users, unit_users

    created = {"due_7": 0, "overdue": 0}
    rows = (
        ReviewItem.objects.filter(
            amend_reported_at__isnull=True,
            correction_case__isnull=False,
            amend_report_due_on__lte=today + dt.timedelta(days=DUE_VERY_SOON_DAYS),
        )
        .select_related("filing", "correction_case", "correction_case__kind")
        .order_by("amend_report_due_on")
    )
    for item in rows:
        due = item.amend_report_due_on
        left = (due - today).days
        kind = NK.OVERDUE if left < 0 else NK.DUE_7
        if left < 0:
            text = f"《{item.filing.title}》修改后报告已逾期 {-left} 天（期限 {due.isoformat()}，规则5.8）。"
        else:
            text = f"《{item.filing.title}》修改后报告期限 {due.isoformat()}，还剩 {left} 天（规则5.8）。"
        case = item.correction_case
        n = notify(
            case=case,
            kind=kind,
            users=unit_users([item.filing.enacting_body_id]),
            text=text,
            key_date=due,
        )
        n += notify(case=case, kind=kind, users=staff_users(case), text=text, key_date=due)
        created[kind] += n
    return {k: v for k, v in created.items() if v}


# -- review suggestions from the public (审查建议, rules §5.7) ------------------------------------


def _tracking_code() -> str:
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _i in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def review_suggestion_submit(
    *,
    proposer_name: str,
    contact: str,
    document_reference: str,
    reasons: str,
    proposer_kind: str = ReviewSuggestion.ProposerKind.CITIZEN,
    enacting_body_name: str = "",
    filing: Filing | None = None,
    actor=None,
    now: dt.datetime | None = None,
) -> ReviewSuggestion:
    """A citizen or organization suggests reviewing a document (rules §5.7); returns it with its tracking code.

    The document must be named (title or number) or chosen from the filed documents.
    """
    if proposer_kind not in ReviewSuggestion.ProposerKind.values:
        raise DomainError("invalid_proposer_kind", _("建议人类别无效。"), field="proposer_kind")
    name = _text(proposer_name, field="proposer_name", label=_("建议人"), max_length=100)
    contact = _text(contact, field="contact", label=_("联系方式"), max_length=100)
    reference = _text(
        document_reference,
        field="document_reference",
        label=_("文件名称或文号"),
        required=False,
        max_length=200,
    )
    if filing is not None and not reference:
        reference = f"{filing.title}（{filing.document_number}）"[:200]
    if not reference:
        raise DomainError(
            "document_reference_required",
            _("请写明建议审查的文件名称或文号。"),
            field="document_reference",
        )
    body_name = _text(
        enacting_body_name,
        field="enacting_body_name",
        label=_("制定机关"),
        required=False,
        max_length=200,
    )
    reasons = _text(reasons, field="reasons", label=_("审查建议的理由"), max_length=10_000)
    if len(reasons) < 10:
        raise DomainError(
            "reasons_too_short",
            _("请具体说明认为该文件存在问题的理由（至少10个字）。"),
            field="reasons",
        )
    now = _now(now)
    day = _day(now)
    p = statute.values()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                s = ReviewSuggestion.objects.create(
                    tracking_code=_tracking_code(),
                    proposer_kind=proposer_kind,
                    proposer_name=name,
                    contact=contact,
                    filing=filing,
                    document_reference=reference,
                    enacting_body_name=body_name,
                    reasons=reasons,
                    received_at=now,
                    completeness_due_on=workdays.add_working_days(
                        day, p["filings.suggestion_completeness_workdays"]
                    ),
                    decision_due_on=days_due(day, p["filings.suggestion_decision_days"]),
                    transfer_due_on=days_due(day, p["filings.transfer_days"]),
                )
                audit_record(
                    actor=actor if getattr(actor, "is_authenticated", False) else None,
                    action="filings.suggestion.received",
                    obj=s,
                    changes={"filing": filing.pk if filing else None, "reference": reference},
                )
                return s
        except IntegrityError:
            continue
    raise Conflict("tracking_code_busy", _("查询码生成冲突，请重试。"))  # pragma: no cover


def _lock_suggestion(s: ReviewSuggestion) -> ReviewSuggestion:
    return ReviewSuggestion.objects.select_for_update().get(pk=s.pk)


def review_suggestion_request_completion(
    *, actor, suggestion: ReviewSuggestion, note: str, now: dt.datetime | None = None
) -> ReviewSuggestion:
    """Ask the proposer to complete the suggestion (within 5 working days of receipt, rules §5.7)."""
    _require(actor, "filings.manage")
    note = _text(note, field="note", label=_("需补充的材料"), max_length=2000)
    now = _now(now)
    with transaction.atomic():
        locked = _lock_suggestion(suggestion)
        _check_suggestion("request_completion", locked)
        locked.status, locked.completeness_note, locked.completeness_requested_at = (
            ReviewSuggestion.Status.INCOMPLETE,
            note,
            now,
        )
        locked.save(
            update_fields=["status", "completeness_note", "completeness_requested_at", "updated_at"]
        )
        audit_record(
            actor=actor,
            action="filings.suggestion.completion_requested",
            obj=locked,
            changes={"note": note, "late": _day(now) > locked.completeness_due_on},
        )
    return locked


def review_suggestion_supplement(
    *, suggestion: ReviewSuggestion, text: str, now: dt.datetime | None = None
) -> ReviewSuggestion:
    """The proposer adds the missing material with the tracking code; the 10 days run again."""
    body = _text(text, field="supplement", label=_("补充材料"), max_length=10_000)
    now = _now(now)
    with transaction.atomic():
        locked = _lock_suggestion(suggestion)
        _check_suggestion("supplement", locked)
        locked.status = ReviewSuggestion.Status.RECEIVED
        locked.supplement = (locked.supplement + "\n\n" + body).strip()
        locked.supplemented_at = now
        locked.decision_due_on = days_due(
            _day(now), statute.values()["filings.suggestion_decision_days"]
        )
        locked.save(
            update_fields=[
                "status",
                "supplement",
                "supplemented_at",
                "decision_due_on",
                "updated_at",
            ]
        )
        audit_record(actor=None, action="filings.suggestion.supplemented", obj=locked, changes={})
    return locked


def review_suggestion_decide(
    *,
    actor,
    suggestion: ReviewSuggestion,
    start: bool,
    note: str = "",
    filing: Filing | None = None,
    now: dt.datetime | None = None,
) -> ReviewSuggestion:
    """Start an on-request review, or decide not to and tell the proposer why (within 10 days, rules §5.7)."""
    _require(actor, "filings.manage")
    note = _text(note, field="note", label=_("决定说明"), required=not start, max_length=2000)
    now = _now(now)
    with transaction.atomic():
        locked = _lock_suggestion(suggestion)
        _check_suggestion("start_review" if start else "not_start", locked)
        target = filing or locked.filing
        changes: dict[str, Any] = {
            "start": start,
            "note": note,
            "late": _day(now) > locked.decision_due_on,
        }
        if start:
            if target is None:
                raise DomainError(
                    "filing_required", _("请先关联建议审查的备案文件。"), field="filing"
                )
            review = review_start(
                actor=actor,
                kind=Review.Kind.ON_REQUEST,
                filings=[target],
                suggestion=locked,
                now=now,
            )
            locked.filing = target
            locked.status = ReviewSuggestion.Status.UNDER_REVIEW
            changes["review"] = review.pk
        else:
            locked.status = ReviewSuggestion.Status.NOT_STARTED
        locked.decided_at, locked.decision_note = now, note
        locked.save(update_fields=["filing", "status", "decided_at", "decision_note", "updated_at"])
        audit_record(actor=actor, action="filings.suggestion.decided", obj=locked, changes=changes)
    return locked


def review_suggestion_transfer(
    *, actor, suggestion: ReviewSuggestion, to: str, note: str = "", now: dt.datetime | None = None
) -> ReviewSuggestion:
    """Transfer a suggestion about another jurisdiction's document (within 10 days, rules §5.11)."""
    _require(actor, "filings.manage")
    to = _text(to, field="to", label=_("移送机关"), max_length=200)
    note = _text(note, field="note", label=_("移送说明"), required=False, max_length=2000)
    now = _now(now)
    with transaction.atomic():
        locked = _lock_suggestion(suggestion)
        _check_suggestion("transfer", locked)
        locked.status, locked.transferred_to = ReviewSuggestion.Status.TRANSFERRED, to
        locked.decided_at, locked.decision_note = now, note
        locked.save(
            update_fields=["status", "transferred_to", "decided_at", "decision_note", "updated_at"]
        )
        audit_record(
            actor=actor,
            action="filings.suggestion.transferred",
            obj=locked,
            changes={"to": to, "late": _day(now) > locked.transfer_due_on},
        )
    return locked


def review_suggestion_feedback(
    *, actor, suggestion: ReviewSuggestion, text: str, now: dt.datetime | None = None
) -> ReviewSuggestion:
    """Tell the proposer what the review found (rules §5.7)."""
    _require(actor, "filings.manage")
    body = _text(text, field="text", label=_("审查结果反馈"), max_length=5000)
    now = _now(now)
    with transaction.atomic():
        locked = _lock_suggestion(suggestion)
        _check_suggestion("feedback", locked)
        if locked.reviews.filter(status=Review.Status.OPEN).exists():
            raise Conflict("review_open", _("审查尚未完成，完成后再反馈。"))
        locked.status, locked.feedback, locked.feedback_at = (
            ReviewSuggestion.Status.ANSWERED,
            body,
            now,
        )
        locked.save(update_fields=["status", "feedback", "feedback_at", "updated_at"])
        audit_record(actor=actor, action="filings.suggestion.answered", obj=locked, changes={})
    return locked


# -- yearly: catalogue reminders and the annual report ---------------------------------------


def catalogue_due_on(year: int) -> dt.date:
    """The day the catalogue of ``year``'s documents is due in the next year (rules §5.9)."""
    raw = str(statute.values()["filings.catalogue_due"])
    try:
        month, day = (int(x) for x in raw.split("-"))
        return dt.date(year + 1, month, day)
    except ValueError as exc:
        raise DomainError(
            "rule_value_invalid",
            _("参数 {key} 的取值“{raw}”格式不正确。"),
            key="filings.catalogue_due",
            raw=raw,
        ) from exc


def catalogue_reminders_send(
    *, actor, year: int, now: dt.datetime | None = None
) -> list[CatalogueReminder]:
    """Remind every enacting body to send its catalogue of ``year``'s documents (rules §5.9); once per body."""
    _require(actor, "filings.manage")
    now = _now(now)
    if year < 2000 or year > _day(now).year:
        raise DomainError("invalid_year", _("年度无效。"), field="year")
    due = catalogue_due_on(year)
    with transaction.atomic():
        done = set(CatalogueReminder.objects.filter(year=year).values_list("body_id", flat=True))
        rows = [
            CatalogueReminder(year=year, body=b, due_on=due, sent_at=now)
            for b in enacting_bodies().order_by("sort_order", "id")
            if b.pk not in done
        ]
        CatalogueReminder.objects.bulk_create(rows)
        audit_record(
            actor=actor,
            action="filings.catalogue.reminded",
            obj=None,
            changes={"year": year, "bodies": [r.body_id for r in rows], "due_on": due.isoformat()},
        )
    return rows


def annual_figures(year: int) -> dict[str, Any]:
    """The figures of the annual report: filings, late, returned, reviews by kind, outcomes, suggestions."""
    from django.db.models import Count

    filings = Filing.objects.filter(filed_at__year=year)
    by_kind = dict(
        Review.objects.filter(started_on__year=year).values_list("kind").annotate(n=Count("id"))
    )
    outcomes = dict(
        ReviewItem.objects.filter(decided_at__year=year)
        .exclude(outcome="")
        .values_list("outcome")
        .annotate(n=Count("id"))
    )
    suggestions = ReviewSuggestion.objects.filter(received_at__year=year)
    bodies = list(filings.values_list("enacting_body__name").annotate(n=Count("id")).order_by("-n"))
    return {
        "year": year,
        "filed": filings.count(),
        "late": filings.filter(is_late=True).count(),
        "returned": filings.filter(returned_count__gt=0).count(),
        "registered": filings.exclude(registration_number="").count(),
        "reviews": {k: by_kind.get(k, 0) for k in Review.Kind.values},
        "outcomes": {k: outcomes.get(k, 0) for k in Outcome.values},
        "suggestions": suggestions.count(),
        "suggestions_reviewed": suggestions.filter(status__in=["under_review", "answered"]).count(),
        "bodies": [[name, n] for name, n in bodies],
    }


def annual_report_prepare(
    *, actor, year: int, summary: str = "", now: dt.datetime | None = None
) -> AnnualReport:
    """Draft (or refresh) the annual filing-review report with this year's figures (rules §5.10)."""
    _require(actor, "filings.manage")
    now = _now(now)
    if year < 2000 or year > _day(now).year:
        raise DomainError("invalid_year", _("年度无效。"), field="year")
    summary = _text(summary, field="summary", label=_("工作概述"), required=False)
    with transaction.atomic():
        report, _created = AnnualReport.objects.select_for_update().get_or_create(
            year=year, defaults={"created_by": actor}
        )
        if report.published_at is not None:
            raise Conflict("report_published", _("该年度报告已公布，不能再修改。"))
        report.figures = annual_figures(year)
        if summary:
            report.summary = summary
        report.save()
        audit_record(
            actor=actor, action="filings.report.prepared", obj=report, changes={"year": year}
        )
    return report


def annual_report_publish(
    *, actor, report: AnnualReport, now: dt.datetime | None = None
) -> AnnualReport:
    """Publish the annual report; it is reported upward within 30 days (rules §5.10)."""
    _require(actor, "filings.manage")
    now = _now(now)
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if locked.published_at is not None:
            raise Conflict("report_published", _("该年度报告已公布。"))
        if not locked.summary.strip():
            raise DomainError(
                "field_required", _("请填写{label}。"), field="summary", label=_("工作概述")
            )
        locked.published_at = now
        locked.upward_due_on = days_due(_day(now), statute.values()["filings.report_upward_days"])
        locked.save(update_fields=["published_at", "upward_due_on", "updated_at"])
        audit_record(
            actor=actor,
            action="filings.report.published",
            obj=locked,
            changes={"year": locked.year, "upward_due_on": locked.upward_due_on.isoformat()},
        )
    return locked


def get_suggestion_by_code(code: str) -> ReviewSuggestion:
    code = (code or "").strip().upper()
    s = ReviewSuggestion.objects.filter(tracking_code=code).select_related("filing").first()
    if s is None:
        raise NotFound("tracking_code_unknown", _("未找到该查询码对应的审查建议。"))
    return s
