"""Import of a session's suggestions from a spreadsheet: every row checked, all written or none.

The office receives paper suggestions during a congress session (rules §1.1) and
enters them as one workbook with the columns 标题, 内容, 类别, 领衔代表, 联名代表
(co-signers separated by 、 , ; or spaces). Each row is checked against the same
rules as a deputy's own draft; if any row fails, nothing is written and every
error is reported with its row number. Imported suggestions are numbered and wait
for screening, their co-signers confirmed (they signed the paper).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from renda.core.actions import SYSTEM, ActionContext, action
from renda.core.errors import DomainError
from renda.meetings.models import Meeting
from renda.people.models import Deputy

from .models import Category, CoSigner, Suggestion
from .services import MANAGE, MAX_CONTENT, MAX_TITLE, next_serial, number_for

#: Column headers, in order; the first row of the sheet must hold them.
COLUMNS = ("标题", "内容", "类别", "领衔代表", "联名代表")
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
_SPLIT = re.compile(r"[、,，;；\s]+")


@dataclass
class RowError:
    """One problem of one row (row numbers as the spreadsheet shows them)."""

    row: int
    column: str
    message: str


@dataclass
class ImportFailed(Exception):
    """The workbook was refused; ``errors`` lists every problem found."""

    errors: list[RowError] = field(default_factory=list)


@dataclass
class _Row:
    number: int
    title: str
    content: str
    category: str
    lead: Deputy
    cosigners: list[Deputy]


def _cell(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _read(upload) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".xlsx"):
        raise DomainError("upload_type", _("请上传 Excel（xlsx）文件。"), field="file")
    if (getattr(upload, "size", 0) or 0) > MAX_BYTES:
        raise DomainError(
            "upload_too_large",
            _("文件不能超过 {mb} MB。"),
            field="file",
            mb=MAX_BYTES // (1024 * 1024),
        )
    upload.seek(0)
    if not upload.read(4).startswith(b"PK\x03\x04"):
        raise DomainError("upload_type", _("文件内容不是 Excel（xlsx）文件。"), field="file")
    upload.seek(0)
    try:
        sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
        rows = [
            (n, [_cell(v) for v in row])
            for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    except Exception as exc:  # a broken file is the user's input, never a 500
        raise DomainError("upload_unreadable", _("无法读取该 Excel 文件。"), field="file") from exc
    if not rows or rows[0][1][: len(COLUMNS)] != list(COLUMNS):
        raise DomainError(
            "import_headers",
            _("第一行应为列名：{columns}。"),
            field="file",
            columns="、".join(COLUMNS),
        )
    body = [(n, cells + [""] * (len(COLUMNS) - len(cells))) for n, cells in rows[1:] if any(cells)]
    if not body:
        raise DomainError("import_empty", _("表格中没有建议。"), field="file")
    if len(body) > MAX_ROWS:
        raise DomainError(
            "import_too_many", _("一次最多导入{max}件建议。"), field="file", max=MAX_ROWS
        )
    return body


def _check_rows(
    rows: list[tuple[int, list[str]]], session: Meeting
) -> tuple[list[_Row], list[RowError]]:
    deputies: dict[str, list[Deputy]] = {}
    for d in Deputy.objects.filter(
        term_id=session.term_id, status=Deputy.Status.ACTIVE
    ).select_related("person"):
        deputies.setdefault(d.person.name, []).append(d)
    labels = {code: code for code in Category.values}
    labels.update({str(label): code for code, label in Category.choices})
    with translation.override("zh-hans"):
        labels.update({str(label): code for code, label in Category.choices})
    errors: list[RowError] = []
    good: list[_Row] = []
    col = dict(zip(("title", "content", "category", "lead", "cosigners"), COLUMNS, strict=True))

    def deputy(name: str, n: int, column: str) -> Deputy | None:
        found = deputies.get(name, [])
        if not found:
            errors.append(
                RowError(n, column, str(_("“{name}”不是本届在任代表。")).format(name=name))
            )
            return None
        if len(found) > 1:
            errors.append(
                RowError(
                    n,
                    column,
                    str(_("本届有多名代表名为“{name}”，请在系统中逐件录入。")).format(name=name),
                )
            )
            return None
        return found[0]

    for n, (title, content, category, lead_name, cosigner_names, *_rest) in rows:
        before = len(errors)
        if not title:
            errors.append(RowError(n, col["title"], str(_("请填写标题。"))))
        elif len(title) > MAX_TITLE:
            errors.append(
                RowError(n, col["title"], str(_("标题不能超过{max}个字符。")).format(max=MAX_TITLE))
            )
        if not content:
            errors.append(RowError(n, col["content"], str(_("请填写内容。"))))
        elif len(content) > MAX_CONTENT:
            errors.append(
                RowError(
                    n, col["content"], str(_("内容不能超过{max}个字符。")).format(max=MAX_CONTENT)
                )
            )
        code = labels.get(category) if category else Category.OTHER
        if code is None:
            errors.append(
                RowError(n, col["category"], str(_("类别“{value}”无效。")).format(value=category))
            )
        lead = None
        if not lead_name:
            errors.append(RowError(n, col["lead"], str(_("请填写领衔代表。"))))
        else:
            lead = deputy(lead_name, n, col["lead"])
        cosigners: list[Deputy] = []
        for name in [x for x in _SPLIT.split(cosigner_names) if x]:
            d = deputy(name, n, col["cosigners"])
            if d is None:
                continue
            if lead is not None and d.pk == lead.pk:
                errors.append(RowError(n, col["cosigners"], str(_("领衔代表不必再作为联名代表。"))))
            elif d not in cosigners:
                cosigners.append(d)
        if len(errors) == before and lead is not None and code is not None:
            good.append(_Row(n, title, content, code, lead, cosigners))
    return good, errors


@action(
    "suggestions.suggestion.import_row",
    model=Suggestion,
    permission=SYSTEM,
    rule="§1.1",
    label=_("导入建议"),
    audit="suggestions.suggestion.imported",
)
def suggestion_import_row(ctx: ActionContext, *, session: Meeting, row: _Row) -> Suggestion:
    """One checked row of a workbook, numbered and waiting for screening (within the import)."""
    s = Suggestion(
        term_id=session.term_id,
        session=session,
        channel=Suggestion.Channel.SESSION,
        title=row.title,
        content=row.content,
        category=row.category,
        lead_deputy=row.lead,
        status=Suggestion.Status.SUBMITTED,
        submitted_at=ctx.now,
        created_by=ctx.user,
    )
    s.term = session.term
    serial = next_serial(s)
    s.serial, s.number = serial, number_for(s, serial)
    s.save()
    CoSigner.objects.bulk_create(
        [CoSigner(suggestion=s, deputy=d, confirmed_at=ctx.now) for d in row.cosigners]
    )
    ctx.changes.update(number=s.number, row=row.number, session=session.pk)
    return s


@action(
    "suggestions.suggestion.import",
    model=Suggestion,
    permission=MANAGE,
    rule="§1.1",
    label=_("导入建议"),
    audit="suggestions.suggestion.import",
)
def suggestions_import(ctx: ActionContext, *, session: Meeting, upload) -> list[Suggestion]:
    """Import a congress session's suggestions from ``upload``; raise :class:`ImportFailed` listing every error.

    Each row is its own audited action (``suggestions.suggestion.imported``) within this one;
    nothing is written unless every row passes.
    """
    if session.kind != Meeting.Kind.CONGRESS_SESSION:
        raise DomainError("invalid_session", _("所选会议不是人民代表大会会议。"), field="session")
    rows = _read(upload)
    good, errors = _check_rows(rows, session)
    if errors:
        raise ImportFailed(errors)
    created = [ctx.perform(suggestion_import_row, session=session, row=row) for row in good]
    ctx.audit_object = session
    ctx.changes.update(session=session.pk, count=len(created), numbers=[s.number for s in created])
    return created
