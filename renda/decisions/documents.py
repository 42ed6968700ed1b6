"""Files of major matters: the published annual list as Word (docx) and the lists as Excel (xlsx).

The xlsx files go through :func:`renda.people.exports.xlsx_response`, which escapes
cells that a spreadsheet would run as formulas; the docx is built with python-docx.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import docx
from renda.core.docx import DOCX_TYPE  # noqa: F401 (the views send files with it)
from renda.core.docx import zh_date as _zh_date


def item_headers() -> list[str]:
    return [
        _("序号"),
        _("类别"),
        _("事项名称"),
        _("事项类型"),
        _("提请机关"),
        _("计划提请季度"),
        _("主要内容"),
    ]


def item_row(item) -> list:
    return [
        item.order,
        item.category.name,
        item.title,
        item.get_kind_display(),
        item.proposing_body.name,
        item.get_planned_quarter_display(),
        item.description,
    ]


def annual_list_docx(lst, items) -> bytes:
    """The published list: title, the consent and adoption it went through, and the items by category."""
    doc = docx.new_document(size=12)
    docx.title(doc, lst.title)
    lines = []
    if lst.consented_on:
        lines.append(
            _("经{date}党委研究同意{reference}").format(
                date=_zh_date(lst.consented_on),
                reference=f"（{lst.consent_reference}）" if lst.consent_reference else "",
            )
        )
    if lst.adopted_at:
        lines.append(
            _("{date}主任会议通过").format(date=_zh_date(timezone.localtime(lst.adopted_at).date()))
        )
    if lst.published_at:
        lines.append(
            _("{date}公布").format(date=_zh_date(timezone.localtime(lst.published_at).date()))
        )
    if lines:
        docx.centered(doc.add_paragraph("，".join(lines) + "。"))
    if lst.explanation:
        doc.add_paragraph(lst.explanation)
    docx.table(doc, item_headers()[:-1], (item_row(item)[:-1] for item in items))
    doc.add_paragraph(_("共{n}项。").format(n=len(items)))
    return docx.to_bytes(doc)
