"""The annual compliance report as Word (docx): what the standing committee sends the party
committee on how the seed's requirements and the statutes were carried out in a year,
written from the registry's verdicts."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from renda.core import docx
from renda.core.docx import DOCX_TYPE  # noqa: F401 (the views send files with it)
from renda.people.selectors import jurisdiction_name

from . import registry as r


def annual_report(year: int, today: dt.date) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        return _build(year, today)


def _build(year: int, today: dt.date) -> bytes:
    results = r.evaluate_all(year, today)
    data = r.summary(results)
    counts = data["counts"]
    sc = jurisdiction_name()
    doc = docx.new_document(12)
    docx.title(doc, _("{sc}关于{year}年度贯彻落实人大工作有关要求情况的报告").format(sc=sc, year=year))  # fmt: skip
    doc.add_paragraph(
        _(
            "对照《关于推进人大工作加强和建设的意见》和有关法律规定，按本会工作平台记录的数据逐项评估：已落实 {met} 项，有风险 {at_risk} 项，未落实 {broken} 项，尚未到期 {not_due} 项，本级不适用 {na} 项，不能由数据评估 {ne} 项。"
        ).format(
            met=counts["met"],
            at_risk=counts["at_risk"],
            broken=counts["broken"],
            not_due=counts["not_due"],
            na=counts["not_applicable"],
            ne=counts["not_evaluated"],
        )  # fmt: skip
    )
    attention = [x for x in results if x.verdict.status in (r.Status.BROKEN, r.Status.AT_RISK)]
    if attention:
        docx.title(doc, _("需要重视的问题"), level=2)
        for x in attention:
            doc.add_paragraph(f"{x.check.rule.title}（{x.status_label}）：{x.verdict.summary}", style="List Number")  # fmt: skip
    for area in data["areas"]:
        docx.title(doc, str(area["label"]), level=2)
        docx.table(
            doc, [_("要求"), _("依据"), _("状态"), _("情况")],
            [(x.check.rule.title, f"{x.code} {x.check.rule.source}", x.status_label, x.verdict.summary) for x in area["results"]],
        )  # fmt: skip
    if data["missing"]:
        docx.title(doc, _("尚未纳入评估的规则"), level=2)
        doc.add_paragraph("；".join(f"{m.title}（{m.code}）" for m in data["missing"]))
    docx.right_aligned(doc.add_paragraph(sc))
    docx.right_aligned(doc.add_paragraph(docx.zh_date(today)))
    return docx.to_bytes(doc)
