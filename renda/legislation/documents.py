"""Documents of a draft: the text as Word and as PDF with line numbers (the way drafts go to
members and to the public for comment), and the comment summary (意见汇总表) as a spreadsheet.

The summary never carries a writer's contact: it is handed round the legal committee and
attached to reports, so it names each comment's source and article, not the person.
"""

from __future__ import annotations

import io
import unicodedata

from django.conf import settings
from django.utils import timezone, translation
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


PDF_TYPE = "application/pdf"
# Half-width cells on one printed line of the PDF (a Chinese character takes two): A4 with
# 25 mm margins at 13 pt holds 34 characters; 32 leaves room for wide punctuation.
PDF_LINE_CELLS = 64
PDF_TITLE_CELLS = 48  # the title is set at 17 pt


def _cells(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# Punctuation a Chinese line never begins with (避头点): it hangs at the end of the line
# before instead, in the slack PDF_LINE_CELLS leaves.
NO_LINE_START = frozenset("，。、；：？！）》」』”’…—,.;:?!)")


def wrap(text: str, cells: int = PDF_LINE_CELLS) -> list[str]:
    """Split a paragraph into printed lines of at most ``cells`` half-width cells (plus any
    punctuation hanging at the end), so that each line the reader sees carries its own
    number."""
    lines, line, used = [], "", 0
    for char in text:
        width = _cells(char)
        if used + width > cells and line and char not in NO_LINE_START:
            lines.append(line)
            line, used = "", 0
        line += char
        used += width
    if line or not lines:
        lines.append(line)
    return lines


def _pdf_lines(version: DraftVersion) -> list[tuple[str, str]]:
    """(style, text) per printed line: the title, headings centred, paragraphs indented."""
    out = [("title", line) for line in wrap(version.project.title, PDF_TITLE_CELLS)]
    out.append(("title", f"（{version.label}）"))
    for unit in texts.parse(version.text):
        if unit.is_article:
            first = unit.paragraphs[0] if unit.paragraphs else ""
            paragraphs = [f"　　{unit.label}　{first}"] + [f"　　{p}" for p in unit.paragraphs[1:]]
        elif unit.kind == texts.PREAMBLE:
            paragraphs = [f"　　{line}" for line in unit.paragraphs]
        else:
            out.extend(("heading", line) for line in wrap(f"{unit.label}　{unit.heading}"))
            continue
        for paragraph in paragraphs:
            out.extend(("text", line) for line in wrap(paragraph))
    return out


def draft_pdf(version: DraftVersion) -> bytes:
    """The draft on A4, every printed line numbered in the margin (WeasyPrint, Noto CJK),
    the explanation after a page break with the numbering continued."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        explanation = []
        if version.explanation:
            heading = _("关于《{title}》的说明").format(title=version.project.title)
            explanation.extend(("title", line) for line in wrap(heading, PDF_TITLE_CELLS))
            for line in version.explanation.splitlines():
                if line.strip():
                    explanation.extend(("text", part) for part in wrap("　　" + line.strip()))
        lines = _pdf_lines(version)
        html = render_to_string(
            "legislation/draft_pdf.html",
            {
                "version": version,
                "lines": list(enumerate(lines, start=1)),
                "explanation": list(enumerate(explanation, start=len(lines) + 1)),
            },
        )
    return HTML(string=html).write_pdf()


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
