"""The latest audit anchor, for the public footer."""

from django import template

from renda.core.anchoring import latest_anchor

register = template.Library()


@register.simple_tag
def audit_latest_anchor():
    """Return the latest anchor (or ``None``); never fails a page."""
    try:
        return latest_anchor()
    except Exception:  # noqa: BLE001 - a footer line must never break the page
        return None
