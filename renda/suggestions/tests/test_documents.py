"""Reply letters, the handling report and the list export, opened back and read."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    doc = Document(io.BytesIO(response.content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [" | ".join(c.text for c in row.cells) for row in table.rows]
    return "\n".join(parts)


def test_reply_letter_for_staff_unit_and_deputy(client_for, handled, users, units):
    s = handled(result="A")
    reply = s.case.replies.get()
    url = reverse("suggestions:reply_letter", args=[s.pk, reply.pk])
    for role in ("staff", "deputy", "unit_officer"):
        response = client_for(role).get(url)
        assert response.status_code == 200, role
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = _text(response)
    assert f"{users['deputy'].person.name}代表：" in text
    assert s.number in text and f"《{s.title}》" in text
    assert "经研究，已经落实。" in text and "A类（已解决或采纳）" in text
    assert "签发人：张局长" in text and units["education"].name in text and "2026年3月12日" in text
    assert client_for("member").get(url).status_code == 403
    # A unit that does not handle it cannot read it.
    other = handled(unit="transport", result="B")
    other_url = reverse("suggestions:reply_letter", args=[other.pk, other.case.replies.get().pk])
    assert client_for("unit_officer").get(other_url).status_code == 404
    # A reply of another suggestion is not this one's.
    assert client_for("staff").get(reverse("suggestions:reply_letter", args=[s.pk, other.case.replies.get().pk])
                                   ).status_code == 404
    page = client_for("deputy").get(reverse("suggestions:detail", args=[s.pk])).content.decode()
    assert url in page


def test_handling_report_holds_the_tables(client_for, handled, units):
    handled(result="A", rating="satisfied")
    handled(unit="transport")
    response = client_for("leader").get(reverse("suggestions:handling_report"))
    assert response.status_code == 200
    text = _text(response)
    assert "关于代表建议办理情况的报告" in text
    assert "共收到代表建议2件，已交办2件，已答复1件，办复率50.0%" in text
    assert f"1 | {units['education'].name} | 1 | 1 | 1 | 100.0% | 100.0% | 100.0% | 0" in text
    assert "第17届闭会期间 | 2" in text


def test_export_writes_exactly_the_filtered_rows_escaped(client_for, make_suggestion):
    make_suggestion(title="=HYPERLINK(\"http://x\")关于公交的建议")
    make_suggestion(title="关于教育的建议")
    make_suggestion(title="草稿建议", status="draft")
    client = client_for("staff")
    response = client.get(reverse("suggestions:export"), {"q": "公交"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("编号", "标题")
    assert len(rows) == 2 and rows[1][1].startswith("'=HYPERLINK")
    response = client.get(reverse("suggestions:export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3  # the header and the two submitted; others' drafts are never shown
    assert client_for("leader").get(reverse("suggestions:export")).status_code == 403
    assert "export.xlsx" in client_for("staff").get(reverse("suggestions:list")).content.decode()
