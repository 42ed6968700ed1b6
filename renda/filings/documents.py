"""Documents of filing review: the electronic receipt, the catalogue reminder, the annual report (docx),
and the list export (xlsx, cells escaped against formulas).

Built with python-docx and returned as bytes; the views only send them.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core import docx
from renda.core.docx import DOCX_TYPE  # noqa: F401 (the views send files with it)
from renda.core.docx import bold_title as _heading
from renda.core.docx import new_document as _document
from renda.core.docx import to_bytes as _save
from renda.core.docx import zh_date as _zh_date

from .models import CHECKLIST, Outcome, Receipt, Review


def _sc_name() -> str:
    from renda.people.models import Organization

    sc = Organization.objects.filter(code="standing-committee").only("name").first()
    return sc.name if sc else _("人民代表大会常务委员会")


def receipt_docx(receipt: Receipt) -> bytes:
    """The electronic receipt of the formal check (rules §5.4): registered, or returned with reasons."""
    filing = receipt.filing
    doc = _document()
    registered = receipt.kind == Receipt.Kind.REGISTERED
    _heading(doc, _("规范性文件备案登记回执") if registered else _("规范性文件备案退回补正通知"))
    doc.add_paragraph(_("回执编号：{number}").format(number=receipt.number))
    doc.add_paragraph(_("{body}：").format(body=filing.enacting_body.name))
    if registered:
        doc.add_paragraph(
            _(
                "你机关报送的《{title}》（{number}）经形式审查，符合备案要求，予以登记，登记号为{reg}。"
            ).format(
                title=filing.title, number=filing.document_number, reg=filing.registration_number
            )
        )
    else:
        doc.add_paragraph(
            _(
                "你机关报送的《{title}》（{number}）经形式审查，不符合备案要求，现予退回。"
                "请于{due}前补正后重新报送。"
            ).format(
                title=filing.title,
                number=filing.document_number,
                due=_zh_date(filing.correction_due_on) if filing.correction_due_on else "—",
            )
        )
        doc.add_paragraph(_("退回理由：{reason}").format(reason=receipt.note))
    if registered and receipt.note:
        doc.add_paragraph(receipt.note)
    doc.add_paragraph(
        _("报送时间：{at}").format(
            at=timezone.localtime(filing.filed_at).strftime("%Y-%m-%d %H:%M")
        )
    )
    doc.add_paragraph(_sc_name())
    doc.add_paragraph(_zh_date(timezone.localdate(receipt.issued_at)))
    return _save(doc)


def reminder_docx(reminder, filings) -> bytes:
    """The reminder to send the year's document catalogue (rules §5.9), with the documents on record."""
    doc = _document()
    _heading(doc, _("关于报送{year}年度规范性文件目录的通知").format(year=reminder.year))
    doc.add_paragraph(_("{body}：").format(body=reminder.body.name))
    doc.add_paragraph(
        _(
            "请于{due}前报送你机关{year}年度制定的规范性文件目录。本委备案记录中你机关{year}年度报送的文件如下，"
            "请核对，如有遗漏请一并补报。"
        ).format(due=_zh_date(reminder.due_on), year=reminder.year)
    )
    docx.table(
        doc,
        [_("文件名称"), _("文号"), _("公布日期"), _("状态")],
        (
            (f.title, f.document_number, f.published_on.isoformat(), f.get_status_display())
            for f in filings
        ),
        style=None,
    )
    if not filings:
        doc.add_paragraph(_("本委备案记录中暂无你机关该年度报送的文件。"))
    doc.add_paragraph(_sc_name())
    doc.add_paragraph(_zh_date(timezone.localdate(reminder.sent_at)))
    return _save(doc)


def annual_report_docx(report) -> bytes:
    """The annual filing-review report to the standing committee (rules §5.10)."""
    f = report.figures or {}
    doc = _document()
    _heading(
        doc,
        _("{sc}{year}年度规范性文件备案审查工作情况的报告").format(sc=_sc_name(), year=report.year),
    )
    for line in (report.summary or "").splitlines():
        if line.strip():
            doc.add_paragraph(line.strip())
    doc.add_paragraph(_("一、备案情况"))
    doc.add_paragraph(
        _(
            "全年共收到报送备案的规范性文件{filed}件，登记{registered}件，退回补正{returned}件，逾期报送{late}件。"
        ).format(
            filed=f.get("filed", 0),
            registered=f.get("registered", 0),
            returned=f.get("returned", 0),
            late=f.get("late", 0),
        )
    )
    reviews = f.get("reviews", {})
    doc.add_paragraph(_("二、审查情况"))
    doc.add_paragraph(
        _(
            "开展主动审查{a}件次，依申请审查{r}件次，专项审查{t}项；收到审查建议{s}件，启动审查{sr}件。"
        ).format(
            a=reviews.get(Review.Kind.ACTIVE, 0),
            r=reviews.get(Review.Kind.ON_REQUEST, 0),
            t=reviews.get(Review.Kind.THEMATIC, 0),
            s=f.get("suggestions", 0),
            sr=f.get("suggestions_reviewed", 0),
        )
    )
    doc.add_paragraph(_("三、审查结果"))
    outcomes = f.get("outcomes", {})
    rows = [(label, outcomes.get(code, 0)) for code, label in Outcome.choices]
    docx.table(doc, [_("审查结果"), _("件数")], rows, style=None)
    if f.get("bodies"):
        doc.add_paragraph(_("四、各制定机关报送情况"))
        docx.table(doc, [_("制定机关"), _("件数")], f["bodies"], style=None)
    doc.add_paragraph(_("审查标准：") + "；".join(str(label) for _k, label in CHECKLIST))
    if report.published_at:
        doc.add_paragraph(
            _("公布日期：{day}").format(day=_zh_date(timezone.localdate(report.published_at)))
        )
    return _save(doc)


def filing_rows(qs):
    for f in qs.iterator(chunk_size=500):
        yield [
            f.registration_number,
            f.title,
            f.document_number,
            f.enacting_body.name,
            f.published_on.isoformat(),
            timezone.localtime(f.filed_at).strftime("%Y-%m-%d %H:%M"),
            f.filing_due_on.isoformat(),
            _("是") if f.is_late else _("否"),
            str(f.get_status_display()),
        ]


FILING_HEADERS = (
    "登记号",
    "文件名称",
    "文号",
    "制定机关",
    "公布日期",
    "报送时间",
    "报备期限",
    "逾期",
    "状态",
)
