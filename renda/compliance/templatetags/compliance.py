from django import template

register = template.Library()

BADGES = {"met": "ok", "at_risk": "warn", "broken": "overdue"}


@register.filter
def badge(status: str) -> str:
    """The badge class of a status."""
    return BADGES.get(status, "")
