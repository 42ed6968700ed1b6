"""``{{ obj|protected_url:"field" }}``: the checked download link of a stored file."""

from django import template

from renda.core.files import protected_url as _protected_url

register = template.Library()


@register.filter
def protected_url(obj, field: str) -> str:
    return _protected_url(obj, field)
