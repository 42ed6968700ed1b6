"""Word documents of supervision: the deliberation-opinion letter (审议意见书) and the annual summary.

Built with python-docx and returned as bytes; lists go out as xlsx through
:func:`renda.people.exports.xlsx_response`, which escapes cells against formulas.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from renda.core import docx
from renda.core.docx import DOCX_TYPE  # noqa: F401 (the views send files with it)
from renda.core.docx import zh_date as _zh_date


def opinion_letter(*, opinion, sc_name: str, today: dt.date) -> bytes:
    """The 审议意见书 to the body: the report and meeting, the opinions, the deadline of the handling report."""
    doc = docx.new_document()
    docx.bold_title(doc, _("审议意见书"))
    docx.centered(doc.add_paragraph(opinion.title))
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
        docx.right_aligned(doc.add_paragraph(text))
    return docx.to_bytes(doc)


def annual_summary(
    *, year: int, states, evaluations, opinions, today: dt.date, sc_name: str
) -> bytes:
    """The annual supervision summary: topics with their status, opinions and evaluation results."""
    doc = docx.new_document()
    docx.title(doc, _("{year}年度监督工作情况").format(year=year))
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
    docx.table(
        doc,
        (_("议题"), _("形式"), _("监督对象"), _("状态")),
        (
            (
                s.item.title,
                s.item.get_kind_display(),
                s.item.supervised_body.name if s.item.supervised_body_id else "—",
                str(s.label) + (_("（逾期）") if s.overdue else ""),
            )
            for s in states
        ),
    )
    doc.add_heading(_("二、满意度测评结果"), level=2)
    docx.table(
        doc,
        (_("测评事项"), _("满意"), _("基本满意"), _("不满意"), _("结果")),
        ((ev.poll.title, *_evaluation_cells(tally)) for ev, tally in evaluations),
    )
    for text in (sc_name, _zh_date(today)):
        docx.right_aligned(doc.add_paragraph(text))
    return docx.to_bytes(doc)


def _evaluation_cells(tally) -> tuple:
    if not tally:
        return ("", "", "", _("待测评"))
    return (
        tally.get("satisfied", 0),
        tally.get("basically_satisfied", 0),
        tally.get("dissatisfied", 0),
        _("满意") if tally.get("result") == "satisfied" else _("不满意"),
    )
