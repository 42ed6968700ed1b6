"""Navigation of the back office and the public site, filled by each domain app.

Apps register their entries in ``AppConfig.ready()``; templates read them
through :func:`office_sections` and :func:`portal_links`, so the menu only ever
lists pages that exist and that the user may open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse


@dataclass
class NavItem:
    label: Any
    url_name: str
    perm: str | None = None
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass
class NavSection:
    key: str
    label: Any
    order: int = 100
    items: list[NavItem] = field(default_factory=list)


#: Position of each public section in the top navigation, in the order of ui.md:
#: 首页, 人大概况, 代表风采, 会议与决定, 代表建议, 监督工作, 备案审查, 立法征求意见,
#: 公开数据, 联系代表. Apps that add a section use the order given here.
PORTAL_NAV_ORDER = {
    "news": 5,
    "about": 10,
    "deputies": 20,
    "meetings": 30,
    "suggestions": 40,
    "supervision": 50,
    "filings": 60,
    "budget": 65,
    "legislation": 70,
    "open_data": 80,
    "contact": 90,
}

_OFFICE: dict[str, NavSection] = {}
#: Where the site's name comes from when no setting gives it (the jurisdiction, from people).
_SITE_NAME: list[Any] = []


def register_site_name(source: Any) -> None:
    """Name the function that gives the site's name (``people`` registers the jurisdiction's)."""
    _SITE_NAME[:] = [source]


def site_name() -> str:
    return str(_SITE_NAME[0]()) if _SITE_NAME else ""


_PORTAL: list[NavItem] = []


def register_office(
    section_key: str, section_label: Any, *items: NavItem, order: int = 100
) -> None:
    section = _OFFICE.setdefault(section_key, NavSection(section_key, section_label, order))
    for item in items:
        if all(existing.url_name != item.url_name for existing in section.items):
            section.items.append(item)
    section.items.sort(key=lambda i: i.order)


def register_portal(*items: NavItem) -> None:
    for item in items:
        if all(existing.url_name != item.url_name for existing in _PORTAL):
            _PORTAL.append(item)
    _PORTAL.sort(key=lambda i: i.order)


def office_sections(user) -> list[dict]:
    result = []
    for section in sorted(_OFFICE.values(), key=lambda s: s.order):
        items = [i for i in section.items if i.perm is None or user.has_perm(i.perm)]
        if items:
            result.append({"label": section.label, "items": items})
    return result


def portal_links() -> list[NavItem]:
    return list(_PORTAL)
