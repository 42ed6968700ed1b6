"""Files of major matters: the published annual list as Word (docx) and the lists as Excel (xlsx).

The xlsx files go through :func:`renda.people.exports.xlsx_response`, which escapes
cells that a spreadsheet would run as formulas; the docx is built with python-docx.
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone
from django.utils.translation import gettext as _

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


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
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    heading = doc.add_heading(lst.title, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
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
        p = doc.add_paragraph("，".join(lines) + "。")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if lst.explanation:
        doc.add_paragraph(lst.explanation)
    headers = item_headers()[:-1]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(text)
    for item in items:
        for cell, value in zip(table.add_row().cells, item_row(item)[:-1], strict=True):
            cell.text = str(value)
    doc.add_paragraph(_("共{n}项。").format(n=len(items)))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
