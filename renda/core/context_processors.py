"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .navigation import office_sections, portal_links, site_name


def site(request):
    user = getattr(request, "user", None)
    return {
        "site_name": SimpleLazyObject(lambda: settings.RENDA_SITE_NAME or site_name()),
        "office_nav": (lambda: office_sections(user))
        if user is not None and user.is_authenticated
        else list,
        "portal_nav": portal_links,
    }
