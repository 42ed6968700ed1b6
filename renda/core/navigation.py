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


_OFFICE: dict[str, NavSection] = {}
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
