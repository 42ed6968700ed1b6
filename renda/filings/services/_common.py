"""What the services of filing review share: limits, dates, the enacting bodies, the text index."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import validation, workdays
from renda.core.errors import DomainError, PermissionDenied
from renda.people.models import Organization

from .. import similarity
from ..models import Filing, SimilarityKey

MAX_TITLE = 200
MAX_NUMBER = 80
MAX_TEXT = validation.MAX_TEXT
#: Permissions of the actions.
FILE = "filings.file"
MANAGE = "filings.manage"
APPROVE = "filings.approve"
REPORT = "filings.report_amendment"
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

_text = validation.text


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


def _year_done(year: Any, today: dt.date) -> int:
    """A year from 2000 up to this one (the catalogue and the report look back)."""
    year = validation.year(year)
    if year > today.year:
        raise DomainError("invalid_year", _("年度无效。"), field="year")
    return year


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


def own_filing(actor, filing: Filing) -> None:
    """A unit officer acts only on their own body's filings."""
    if actor.has_perm(MANAGE):
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
