"""Import of a session's suggestions from xlsx: every row checked, all or nothing (rules §1.1)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from renda.core.errors import DomainError
from renda.core.models import AuditEvent
from renda.suggestions.imports import COLUMNS, ImportFailed, suggestions_import
from renda.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db


def workbook(rows, headers=COLUMNS) -> SimpleUploadedFile:
    wb = Workbook()
    sheet = wb.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("suggestions.xlsx", buffer.getvalue())


@pytest.fixture
def names(users, deputy, other_deputies):
    return users["deputy"].person.name, other_deputies[0].person.name, other_deputies[1].person.name


def test_imports_all_rows_numbered_with_cosigners(users, session, names):
    lead, co1, co2 = names
    created = suggestions_import(
        actor=users["staff"],
        session=session,
        upload=workbook(
            [
                ("关于优化公交线路的建议", "建议增加班次。", "交通", lead, f"{co1}、{co2}"),
                ("关于加强乡村教师队伍建设的建议", "提高待遇。", "education", co1, ""),
            ]
        ),
    )
    assert [s.number for s in created] == ["第17届第1次会议第001号", "第17届第1次会议第002号"]
    first = Suggestion.objects.get(pk=created[0].pk)
    assert (
        first.status == "submitted" and first.channel == "session" and first.category == "transport"
    )
    assert sorted(c.deputy.person.name for c in first.cosigners.all()) == sorted([co1, co2])
    assert all(c.confirmed_at for c in first.cosigners.all())
    assert AuditEvent.objects.filter(action="suggestions.suggestion.imported").count() == 2


def test_every_row_error_is_reported_and_nothing_written(users, session, names):
    lead, co1, _co2 = names
    with pytest.raises(ImportFailed) as failed:
        suggestions_import(
            actor=users["staff"],
            session=session,
            upload=workbook(
                [
                    ("关于优化公交线路的建议", "建议增加班次。", "交通", lead, ""),
                    ("", "没有标题", "交通", lead, ""),
                    ("标题", "内容", "不存在的类别", "查无此人", co1),
                    ("标题二", "内容", "", lead, lead),
                ]
            ),
        )
    found = {(e.row, e.column) for e in failed.value.errors}
    assert found == {(3, "标题"), (4, "类别"), (4, "领衔代表"), (5, "联名代表")}
    assert not Suggestion.objects.exists()


def test_bad_files_are_refused(users, session):
    with pytest.raises(DomainError) as err:
        suggestions_import(
            actor=users["staff"],
            session=session,
            upload=SimpleUploadedFile("x.xlsx", b"not a workbook"),
        )
    assert err.value.code == "upload_type"
    with pytest.raises(DomainError) as err:
        suggestions_import(
            actor=users["staff"], session=session, upload=workbook([], headers=("a", "b"))
        )
    assert err.value.code == "import_headers"


def test_import_page_shows_row_errors_and_keeps_nothing(client_for, session, names):
    client = client_for("staff")
    assert client.get(reverse("suggestions:import")).status_code == 200
    response = client.post(
        reverse("suggestions:import"),
        {"session": session.pk, "file": workbook([("标题", "内容", "交通", "查无此人", "")])},
    )
    page = response.content.decode()
    assert response.status_code == 400 and 'id="import-errors"' in page and "查无此人" in page
    response = client.post(
        reverse("suggestions:import"),
        {"session": session.pk, "file": workbook([("标题", "内容", "交通", names[0], "")])},
    )
    assert response.status_code == 302 and Suggestion.objects.count() == 1
    assert client_for("deputy").get(reverse("suggestions:import")).status_code == 403
