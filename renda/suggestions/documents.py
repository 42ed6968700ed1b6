"""Word documents of suggestions: the reply letter (答复函, rules §1.11) and the handling report (§1.3).

Both are built with python-docx and returned as bytes; the views only send them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from renda.core import docx
from renda.core.docx import DOCX_TYPE  # noqa: F401 (the views send files with it)
from renda.core.docx import new_document as _document
from renda.core.docx import to_bytes as _save
from renda.core.docx import zh_date as _zh_date

from .statistics import Figures


def reply_letter(*, suggestion, reply, cosigner_names: list[str] | None = None) -> bytes:
    """The unit's reply letter to the lead deputy: number, title, reply, result class, signer, unit, date."""
    doc = _document()
    _letter(
        doc,
        suggestion=suggestion,
        reply=reply,
        addressee=suggestion.lead_deputy.person.name,
        copied=cosigner_names or [],
    )
    return _save(doc)


def reply_letters(
    *, suggestion, reply, names: list[str], addressees: list[str] | None = None
) -> bytes:
    """One reply letter to each deputy in ``names`` (the lead deputy and the co-signers, rules §1.11),
    each on its own page of one document, so the office prints, signs and seals them in one go.

    Each letter is addressed to its deputy and names the other deputies of the suggestion;
    ``addressees`` limits the letters to some of them.
    """
    from docx.enum.text import WD_BREAK

    doc = _document()
    for i, name in enumerate(addressees if addressees is not None else names):
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        others = [n for n in names if n != name]
        _letter(
            doc,
            suggestion=suggestion,
            reply=reply,
            addressee=name,
            copied=others,
            copied_label=_("同时答复：{names}"),
        )
    return _save(doc)


def _letter(
    doc, *, suggestion, reply, addressee: str, copied: list[str], copied_label: str | None = None
) -> None:
    docx.bold_title(doc, _("关于{number}建议的答复").format(number=suggestion.number))
    doc.add_paragraph(_("{name}代表：").format(name=addressee))
    doc.add_paragraph(
        _("您提出的《{title}》（{number}）收悉。现答复如下：").format(
            title=suggestion.title, number=suggestion.number
        )
    )
    for line in reply.text.splitlines():
        if line.strip():
            doc.add_paragraph(line.strip())
    label = suggestion.case.kind.result_label(reply.result_class) if suggestion.case_id else ""
    doc.add_paragraph(
        _("办理结果：{code}类（{label}）").format(code=reply.result_class, label=label)
    )
    doc.add_paragraph(_("感谢您对我们工作的关心和支持。"))
    for text in (
        _("签发人：{name}").format(name=reply.signed_by_name),
        reply.unit.name,
        _zh_date(timezone.localtime(reply.replied_at).date()),
    ):
        docx.right_aligned(doc.add_paragraph(text))
    if copied:
        doc.add_paragraph((copied_label or _("抄送：{names}")).format(names="、".join(copied)))


HEADERS = tuple(
    gettext_noop(h) for h in ("件数", "已交办", "已答复", "办复率", "满意率", "解决率", "逾期")
)


def _pct(value) -> str:
    return "—" if value is None else f"{value}%"


def _table(doc, first: str, rows: list[Figures], *, ranked: bool = False) -> None:
    headers = ([_("名次")] if ranked else []) + [first] + [_(h) for h in HEADERS]
    docx.table(
        doc,
        headers,
        (
            ([n] if ranked else [])
            + [f.label, f.total, f.assigned, f.replied]
            + [_pct(f.reply_rate), _pct(f.satisfaction_rate), _pct(f.solved_rate), f.overdue]
            for n, f in enumerate(rows, start=1)
        ),
    )


def handling_report(*, figures: dict[str, Any], today: dt.date, body_name: str = "") -> bytes:
    """The handling report for the standing committee and the next session (rules §1.3)."""
    doc = _document()
    docx.title(doc, _("关于代表建议办理情况的报告"))
    t: Figures = figures["totals"]
    if body_name:
        doc.add_paragraph(body_name)
    doc.add_paragraph(
        _(
            "截至{date}，共收到代表建议{total}件，已交办{assigned}件，已答复{replied}件，办复率{reply_rate}；"
            "代表评价满意和基本满意的占{satisfaction_rate}；办理结果为已解决或采纳（A类）的{solved}件，"
            "解决率{solved_rate}；逾期未答复{overdue}件。"
        ).format(
            date=_zh_date(today),
            total=t.total,
            assigned=t.assigned,
            replied=t.replied,
            reply_rate=_pct(t.reply_rate),
            satisfaction_rate=_pct(t.satisfaction_rate),
            solved=t.solved,
            solved_rate=_pct(t.solved_rate),
            overdue=t.overdue,
        )
    )
    doc.add_paragraph(
        _(
            "说明：办复率为已答复件数占已交办件数的比例；满意率为满意和基本满意占已评价的比例，"
            "逾期评价不计入（规则1.7）；解决率为A类占已答复件数的比例（规则1.12、1.14）。"
        )
    )
    doc.add_heading(_("一、按会议统计"), level=2)
    _table(doc, _("会议"), figures["sessions"])
    doc.add_heading(_("二、按年度统计"), level=2)
    _table(doc, _("年度"), figures["years"])
    doc.add_heading(_("三、各承办单位办理情况"), level=2)
    _table(doc, _("主办单位"), figures["units"], ranked=True)
    docx.right_aligned(doc.add_paragraph(_zh_date(today)))
    return _save(doc)
