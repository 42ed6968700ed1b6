"""Word documents of supervision: the deliberation-opinion letter (审议意见书) and the annual summary.

Built with python-docx and returned as bytes; lists go out as xlsx through
:func:`renda.people.exports.xlsx_response`, which escapes cells against formulas.
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _zh_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _document():
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    return doc


def _save(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def opinion_letter(*, opinion, sc_name: str, today: dt.date) -> bytes:
    """The 审议意见书 to the body: the report and meeting, the opinions, the deadline of the handling report."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = _document()
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(_("审议意见书")).bold = True
    title = doc.add_paragraph(opinion.title)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(_("{body}：").format(body=opinion.body.name))
    meeting = (
        opinion.inquiry.meeting
        if opinion.inquiry_id
        else (opinion.report.meeting if opinion.report_id else None)
    )
    if meeting is not None:
        subject = opinion.inquiry.title if opinion.inquiry_id else opinion.report.title
        doc.add_paragraph(
            _(
                "{meeting}于{date}审议了《{subject}》。现将常务委员会组成人员的审议意见交由你单位研究处理："
            ).format(meeting=meeting.title, date=_zh_date(meeting.starts_on), subject=subject)
        )
    for line in opinion.text.splitlines():
        if line.strip():
            doc.add_paragraph(line.strip())
    rnd = opinion.rounds.select_related("case").order_by("-number").first()
    if rnd is not None and rnd.case.due_on:
        doc.add_paragraph(
            _("请于{date}前将研究处理情况书面报告常务委员会。").format(
                date=_zh_date(rnd.case.due_on)
            )
        )
    for text in (sc_name, _zh_date(today)):
        p = doc.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return _save(doc)


def annual_summary(
    *, year: int, states, evaluations, opinions, today: dt.date, sc_name: str
) -> bytes:
    """The annual supervision summary: topics with their status, opinions and evaluation results."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = _document()
    heading = doc.add_heading(_("{year}年度监督工作情况").format(year=year), level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    done = sum(1 for s in states if s.status in ("deliberated", "in_handling", "evaluated", "done"))
    overdue = sum(1 for s in states if s.overdue)
    doc.add_paragraph(
        _(
            "本年度监督计划共安排议题{total}项，已审议{done}项，逾期未完成{overdue}项；"
            "交办审议意见{opinions}件，开展满意度测评{evaluations}次。"
        ).format(
            total=len(states),
            done=done,
            overdue=overdue,
            opinions=len(opinions),
            evaluations=len(evaluations),
        )
    )
    doc.add_heading(_("一、计划执行情况"), level=2)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, (_("议题"), _("形式"), _("监督对象"), _("状态")), strict=True
    ):
        cell.text = text
    for s in states:
        row = table.add_row().cells
        row[0].text = s.item.title
        row[1].text = str(s.item.get_kind_display())
        row[2].text = s.item.supervised_body.name if s.item.supervised_body_id else "—"
        row[3].text = str(s.label) + (_("（逾期）") if s.overdue else "")
    doc.add_heading(_("二、满意度测评结果"), level=2)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        (_("测评事项"), _("满意"), _("基本满意"), _("不满意"), _("结果")),
        strict=True,
    ):
        cell.text = text
    for ev, tally in evaluations:
        row = table.add_row().cells
        row[0].text = ev.poll.title
        if tally:
            row[1].text, row[2].text, row[3].text = (
                str(tally.get("satisfied", 0)),
                str(tally.get("basically_satisfied", 0)),
                str(tally.get("dissatisfied", 0)),
            )
            row[4].text = _("满意") if tally.get("result") == "satisfied" else _("不满意")
        else:
            row[4].text = _("待测评")
    p = doc.add_paragraph(sc_name)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p = doc.add_paragraph(_zh_date(today))
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return _save(doc)
