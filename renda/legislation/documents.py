"""Documents of a draft: the text as Word with line numbers (the way drafts go to members and
to the public for comment), and the comment summary (意见汇总表) as a spreadsheet.

The summary never carries a writer's contact: it is handed round the legal committee and
attached to reports, so it names each comment's source and article, not the person.
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renda.core import docx

from . import texts
from .models import DraftVersion, Project, PublicComment

DOCX_TYPE = docx.DOCX_TYPE
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _line_numbers(doc) -> None:
    """Number every line in the margin, continuously (Word's 行号)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sect = doc.sections[0]._sectPr
    numbering = OxmlElement("w:lnNumType")
    numbering.set(qn("w:countBy"), "1")
    numbering.set(qn("w:restart"), "continuous")
    numbering.set(qn("w:distance"), "360")
    sect.append(numbering)


def draft_docx(version: DraftVersion) -> bytes:
    """The draft as it was sent: title, chapters and articles, then its explanation."""
    doc = docx.new_document(size=14)
    _line_numbers(doc)
    docx.title(doc, f"{version.project.title}（{version.label}）", level=1)
    for unit in texts.parse(version.text):
        if unit.is_article:
            p = doc.add_paragraph()
            p.add_run(unit.label).bold = True
            p.add_run("　" + unit.paragraphs[0] if unit.paragraphs else "")
            for more in unit.paragraphs[1:]:
                doc.add_paragraph(more)
        elif unit.kind == texts.PREAMBLE:
            for line in unit.paragraphs:
                doc.add_paragraph(line)
        else:
            docx.bold_title(doc, f"{unit.label}　{unit.heading}")
    if version.explanation:
        doc.add_page_break()
        docx.title(doc, _("关于《{title}》的说明").format(title=version.project.title), level=2)
        for line in version.explanation.splitlines():
            if line.strip():
                doc.add_paragraph(line.strip())
    return docx.to_bytes(doc)


SUMMARY_HEADERS = (
    gettext_lazy("序号"), gettext_lazy("草案版本"), gettext_lazy("条文"), gettext_lazy("意见内容"),
    gettext_lazy("来源"), gettext_lazy("基层立法联系点"), gettext_lazy("收到时间"), gettext_lazy("审核"),
    gettext_lazy("归类"), gettext_lazy("处理情况"), gettext_lazy("理由"),
)  # fmt: skip


def comments_xlsx(project: Project) -> bytes:
    """Every comment on the project's drafts, article by article, with its group's handling."""
    from openpyxl import Workbook

    from renda.people.exports import safe_cell

    rows = (
        PublicComment.objects.filter(version__project=project)
        .select_related("version", "provision", "contact_point", "group")
        .order_by("version__number", "provision__ordinal", "received_at", "id")
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("意见汇总表")[:31]
    sheet.append([str(h) for h in SUMMARY_HEADERS])
    for n, c in enumerate(rows, start=1):
        sheet.append([
            safe_cell(v) for v in (
                n, c.version.label, c.provision.label if c.provision_id else _("草案整体"), c.body,
                c.get_source_display(), c.contact_point.name if c.contact_point_id else "",
                timezone.localtime(c.received_at).strftime("%Y-%m-%d %H:%M"), c.get_status_display(),
                c.group.title if c.group_id else "", c.group.get_handling_display() if c.group_id else "",
                c.group.reason if c.group_id else "",
            )
        ])  # fmt: skip
    for column, width in zip(
        "ABCDEFGHIJK", (6, 14, 10, 60, 14, 20, 17, 10, 16, 10, 40), strict=True
    ):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
