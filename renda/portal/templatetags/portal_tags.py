"""Template helpers of the public website: publication dates, localized names, nav state."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import get_language

register = template.Library()


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _english() -> bool:
    return (get_language() or "").lower().startswith("en")


@register.filter
def isodate(value) -> str:
    """Return a date as ISO 8601, for ``<time datetime>``."""
    day = _as_date(value)
    return day.isoformat() if day else ""


@register.filter
def pubdate(value) -> str:
    """Return a date as 2026年11月28日 in Chinese and as ISO 8601 in English (ui.md)."""
    day = _as_date(value)
    if day is None:
        return ""
    if _english():
        return day.isoformat()
    return f"{day.year}年{day.month}月{day.day}日"


@register.filter
def localname(obj) -> str:
    """Return the English name of a body or person on English pages when there is one."""
    if obj is None:
        return ""
    if _english():
        english = getattr(obj, "name_en", "")
        if english:
            return english
    return getattr(obj, "name", str(obj))


@register.filter
def in_section(path: str, url: str) -> bool:
    """Tell whether a page belongs to the navigation entry at ``url``."""
    if not path or not url:
        return False
    if url == "/":
        return path == "/"
    return path == url or path.startswith(url)


@register.filter
def current_section(path: str, items) -> str:
    """The url of the one navigation entry a page belongs to: the longest that contains it
    (``/deputies/stations/`` belongs to its own entry, not to ``/deputies/`` as well)."""
    urls = [item.url for item in items if in_section(path, item.url)]
    return max(urls, key=len) if urls else ""


@register.filter
def result_class_label(code: str) -> str:
    """The words of a default reply result class (``"B"`` → 正在解决或列入计划), never the letter."""
    from django.utils.translation import gettext

    from renda.casework.models.choices import DEFAULT_RESULT_CLASSES

    label = DEFAULT_RESULT_CLASSES.get(code or "")
    return gettext(label) if label else ""
