"""The printable duty record (履职档案) as Word (docx)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from renda.core import docx
from renda.core.docx import DOCX_TYPE  # noqa: F401 (the views send files with it)
from renda.meetings.models import Attendance, Meeting

from .duty_record import FIGURE_KEYS, FIGURE_LABELS, LINE_LABELS, DutyRecord
from .models import DutyActivity


def record_docx(record: DutyRecord, delegation: str = "") -> bytes:
    """The record as the office prints it for the deputy's file: figures, then each section."""
    with translation.override(settings.LANGUAGE_CODE):
        return _build(record, delegation)


def _build(record: DutyRecord, delegation: str) -> bytes:
    deputy, period = record.deputy, record.period
    doc = docx.new_document(12)
    docx.title(doc, _("{name}代表履职档案").format(name=deputy.person.name))
    span = (
        _("{year}年度").format(year=period.year)
        if period.year
        else _("{term}任期").format(term=deputy.term)
    )
    docx.centered(doc.add_paragraph(span))
    facts = [deputy.person.name, str(deputy.term)]
    if delegation:
        facts.append(delegation)
    if deputy.constituency:
        facts.append(deputy.constituency)
    doc.add_paragraph(" · ".join(facts))
    figures = record.figures()
    docx.title(doc, _("履职情况统计"), level=2)
    docx.table(doc, [_("项目"), _("数量")], [(FIGURE_LABELS[k], figures[k]) for k in FIGURE_KEYS])

    status = dict(Attendance.Status.choices)
    kinds = dict(Meeting.Kind.choices)
    docx.title(doc, _("出席会议"), level=2)
    docx.table(
        doc,
        [_("会议"), _("日期"), _("类别"), _("出席情况")],
        [(m.title, docx.zh_date(m.on), kinds.get(m.kind, m.kind), status.get(m.outcome, m.outcome))
         for m in record.meetings],
    )  # fmt: skip
    docx.title(doc, _("代表建议"), level=2)
    docx.table(
        doc,
        [_("标题"), _("提出日期"), _("身份"), _("办理结果")],
        [(s.title, docx.zh_date(s.on), LINE_LABELS[s.role], s.result or "—")
         for s in record.suggestions],
    )  # fmt: skip
    docx.title(doc, _("参加监督工作"), level=2)
    docx.table(
        doc,
        [_("事项"), _("日期"), _("类别")],
        [(x.title, docx.zh_date(x.on) if x.on else "—", LINE_LABELS[x.kind])
         for x in record.supervision],
    )  # fmt: skip
    docx.title(doc, _("履职学习培训"), level=2)
    docx.table(
        doc, [_("培训"), _("日期")], [(t.title, docx.zh_date(t.on)) for t in record.trainings]
    )
    docx.title(doc, _("联系群众"), level=2)
    docx.table(
        doc,
        [_("事项"), _("日期"), _("类别")],
        [(x.title, docx.zh_date(x.on), LINE_LABELS[x.kind])
         for x in [*record.receptions, *record.contacts, *record.letters]],
    )  # fmt: skip
    docx.title(doc, _("向选民述职"), level=2)
    docx.table(
        doc,
        [_("选区或选举单位"), _("日期"), _("选民测评")],
        [(x.title, docx.zh_date(x.on), x.outcome or "—") for x in record.reports],
    )
    kinds = dict(DutyActivity.Kind.choices)
    docx.title(doc, _("其他履职活动"), level=2)
    docx.table(
        doc,
        [_("活动"), _("日期"), _("类别")],
        [(a.title, docx.zh_date(a.on), kinds.get(a.kind, a.kind)) for a in record.activities],
    )
    docx.right_aligned(
        doc.add_paragraph(_("制表日期：{day}").format(day=docx.zh_date(timezone.localdate())))
    )
    return docx.to_bytes(doc)
