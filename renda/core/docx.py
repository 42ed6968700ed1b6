"""Word (docx) building blocks shared by the documents modules of every domain.

A document starts with :func:`new_document` (Chinese body font, size in points), gets
centred titles, right-aligned signature lines and tables from rows, and leaves as bytes
through :func:`to_bytes`; views send them with :data:`DOCX_TYPE`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BODY_FONT = "SimSun"


def zh_date(day: dt.date) -> str:
    """A date as written in official letters: 2026年3月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def new_document(size: int = 14):
    """An empty document whose body text is SimSun (also for Chinese characters) at ``size`` pt."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(size)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    return doc


def centered(paragraph):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def right_aligned(paragraph):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return paragraph


def bold_title(doc, text: str):
    """A centred bold line in body style (the heading of a letter)."""
    p = centered(doc.add_paragraph())
    p.add_run(text).bold = True
    return p


def title(doc, text: str, level: int = 1):
    """A centred Word heading (the title of a report)."""
    return centered(doc.add_heading(text, level=level))


def table(
    doc, headers: Sequence, rows: Iterable[Sequence] = (), *, style: str | None = "Table Grid"
):
    """A table with a header row and one row per item of ``rows``; every value is written as text."""
    out = doc.add_table(rows=1, cols=len(headers))
    if style:
        out.style = style
    for cell, text in zip(out.rows[0].cells, headers, strict=True):
        cell.text = str(text)
    for values in rows:
        for cell, value in zip(out.add_row().cells, values, strict=True):
            cell.text = str(value)
    return out


def to_bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
