from django import template

register = template.Library()

BADGES = {"met": "ok", "at_risk": "warn", "broken": "overdue"}


@register.filter
def badge(status: str) -> str:
    """The badge class of a status."""
    return BADGES.get(status, "")


@register.filter
def public_badge(status: str) -> str:
    """The badge class of a status on the public site's style sheet."""
    return {"met": "ok", "at_risk": "warn", "broken": "fail"}.get(status, "")
