"""``{% rule_ref code %}``: a rule's readable name, its code and source on hover."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from renda.core import rulebook

register = template.Library()


@register.simple_tag
def rule_ref(code: str):
    if not code:
        return ""
    return format_html(
        '<abbr class="rule-ref" title="{}" data-rule="{}">{}</abbr>',
        rulebook.describe(code),
        code,
        rulebook.title(code),
    )
