"""The monitoring tables, written in one pass.

A department's page lists a few hundred rows of seven cells; written through template tags
that costs more than every query of the page, so the rows are joined here from the labels
and links the view prepared (``views_monitor._dress``). Every text is escaped.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def budget_rows(rows, label, ask=False) -> SafeString:
    heads = [gettext(t) for t in ("预算数（元）", "执行数（元）", "执行率", "偏离", "同比")]
    flag, asking = escape(gettext("预警")), escape(gettext("询问"))
    out = ['<table class="data stack"><thead><tr><th>', escape(str(label)), "</th>"]
    out += [f'<th class="num">{escape(h)}</th>' for h in heads]
    out.append(f"<th>{flag}</th></tr></thead><tbody>\n")
    labels = [escape(h) for h in heads]
    for r in rows:
        name = escape(r.label)
        if r.href:
            name = f'<a href="{escape(r.href)}">{name}</a>'
        if r.sub:
            name += f'<div class="small muted">{escape(r.sub)}</div>'
        values = (r.budget_yuan, r.executed_yuan, r.rate_text, r.deviation_text, r.growth_text)
        cells = "".join(f'<td class="num" data-label="{lab}">{escape(v)}</td>' for lab, v in zip(labels, values, strict=True))  # fmt: skip
        warn = ""
        if r.flag:
            warn = f'<span class="badge warn">{escape(r.flag_label)}</span>'
            if ask and r.ask:
                warn += f' <a class="small" href="{escape(r.ask)}">{asking}</a>'
        out.append(f'<tr data-key="{escape(r.key)}"><td>{name}</td>{cells}<td data-label="{flag}">{warn}</td></tr>\n')  # fmt: skip
    if not rows:
        out.append(f'<tr><td colspan="7" class="muted">{escape(gettext("没有数据。"))}</td></tr>')
    out.append("</tbody></table>")
    return mark_safe("".join(out))  # noqa: S308 — every text above is escaped
