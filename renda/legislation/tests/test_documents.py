"""The draft as Word and PDF with line numbers, the comment summary as xlsx (opened back), and the
public collection of regulations with a contact point's page."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from renda.legislation import documents, services
from renda.legislation.models import Project

from .conftest import today


def test_the_draft_docx_numbers_its_lines_and_keeps_every_article(client_for, project):
    from docx import Document

    version = project.versions.get()
    r = client_for("member").get(reverse("legislation:version_docx", args=[version.pk]))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert (
        "第一章　总则" in text
        and "第三十二条" in text
        and "关于《清河市养犬管理条例》的说明" in text
    )
    numbering = doc.sections[0]._sectPr.xpath("./w:lnNumType")
    assert numbering and numbering[0].get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}countBy") == "1"  # fmt: skip


def test_the_draft_pdf_numbers_every_printed_line_and_keeps_every_article(client, client_for, staff, project):  # fmt: skip
    import re

    from pypdf import PdfReader

    version = project.versions.get()
    r = client_for("member").get(reverse("legislation:version_pdf", args=[version.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(r.content))
    numbers, lines = [], []

    def margin(text, cm, tm, font, size):  # what is printed left of the text column
        if text.strip().isdigit() and tm[4] < 85:
            numbers.append(int(text))
        elif text.strip():
            lines.append(text)

    for page in reader.pages:
        page.extract_text(visitor_text=margin)
    flat = re.sub(r"\s+", "", "".join(lines))
    assert (
        "第一章总则" in flat and "第三十二条" in flat and "关于《清河市养犬管理条例》的说明" in flat
    )
    # The margin numbers run 1, 2, 3 … without a gap over every page, one per printed line.
    assert len(reader.pages) >= 2 and len(numbers) > 60
    assert numbers == list(range(1, len(numbers) + 1))
    assert not any(line.lstrip("\u3000")[:1] in documents.NO_LINE_START for line in lines)
    # The public copy exists only once the draft is published for comment.
    public = reverse("portal:legislation_draft_pdf", args=[version.pk])
    assert client.get(public).status_code == 404
    services.project_open_comment(actor=staff, project=project, version=version, opens_on=today(), closes_on=today() + dt.timedelta(days=30))  # fmt: skip
    assert client.get(public).content[:5] == b"%PDF-"
    # The API names both files: the office's copies to a member, the public ones to anyone.
    member = client_for("member")
    files = member.get(f"/api/v1/legislation/versions/{version.pk}").json()["files"]
    assert member.get(files["pdf"]).content[:5] == b"%PDF-" and member.get(files["docx"]).status_code == 200  # fmt: skip
    client.logout()
    files = client.get(f"/api/v1/legislation/drafts/{version.pk}").json()["files"]
    assert files["pdf"] == public and client.get(files["docx"]).status_code == 200


@given(st.text(alphabet="第一条　养犬人应当ABCabc12，。（）", max_size=300), st.integers(4, 80))
def test_wrapping_keeps_the_text_and_every_line_fits(text, cells):
    lines = documents.wrap(text, cells)
    assert "".join(lines) == text
    for n, line in enumerate(lines):
        body = line.rstrip("".join(documents.NO_LINE_START))  # what hangs may overflow
        assert sum(documents._cells(c) for c in body) <= cells or len(body) == 1
        assert n == 0 or line[0] not in documents.NO_LINE_START


def test_the_comment_summary_lists_every_comment_without_a_contact(client_for, staff, project):
    from openpyxl import load_workbook

    version = project.versions.get()
    services.project_open_comment(actor=staff, project=project, version=version, opens_on=today(), closes_on=today() + dt.timedelta(days=30))  # fmt: skip
    version.refresh_from_db()
    article = version.provisions.get(label="第十六条")
    a = services.comment_submit(actor=None, version=version, provision=article, body="牵引绳太短。", name="李女士", contact="13300001111")  # fmt: skip
    services.comment_submit(actor=None, version=version, body="整体赞成。")
    group = services.project_group_comments(actor=staff, project=project, comments=[a], title="牵引绳长度")  # fmt: skip
    services.project_decide_group(actor=staff, project=project, group=group, handling="partly", reason="部分采纳理由")  # fmt: skip
    assert client_for("member").get(reverse("legislation:comments_xlsx", args=[project.pk])).status_code == 403  # fmt: skip
    r = client_for("staff").get(reverse("legislation:comments_xlsx", args=[project.pk]))
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "序号" and len(rows) == 3
    by_article = {row[2]: row for row in rows[1:]}
    assert by_article["第十六条"][3] == "牵引绳太短。" and by_article["第十六条"][9] == "部分采纳"
    assert "草案整体" in by_article
    assert not any("13300001111" in str(v) or "李女士" in str(v) for row in rows for v in row)


def test_the_public_collection_shows_regulations_in_force(client, staff, project):
    Project.objects.filter(pk=project.pk).update(
        status="promulgated", promulgated_on=today() - dt.timedelta(days=30),
        effective_on=today() - dt.timedelta(days=1), announcement="公告第1号",
    )  # fmt: skip
    other = services.project_create(actor=staff, title="清河市某某条例", proposer="government")
    listing = client.get(reverse("portal:legislation_regulations") + "?state=in_force&q=养犬")
    body = listing.content.decode()
    assert listing.status_code == 200 and "清河市养犬管理条例" in body and other.title not in body
    page = client.get(reverse("portal:legislation_feedback", args=[project.pk]))
    assert page.status_code == 200 and "现行有效" in page.content.decode() and "第三十二条" in page.content.decode()  # fmt: skip
    assert client.get(reverse("portal:legislation_feedback", args=[other.pk])).status_code == 404
    point = services.contact_point_create(actor=staff, name="望湖街道基层立法联系点")
    r = client.get(reverse("portal:legislation_contact_point", args=[point.pk]))
    assert r.status_code == 200 and "望湖街道基层立法联系点" in r.content.decode()


def test_an_interpretation_is_published_with_the_regulation(client, client_for, staff, project):
    from renda.core.errors import Conflict

    with pytest.raises(Conflict):  # not yet in force
        services.project_add_interpretation(actor=staff, project=project, kind="answer", question="问", text="答", adopted_on=today())  # fmt: skip
    Project.objects.filter(pk=project.pk).update(status="promulgated", promulgated_on=today() - dt.timedelta(days=30), effective_on=today())  # fmt: skip
    r = client_for("staff").post(reverse("legislation:project_act", args=[project.pk, "add_interpretation"]), {
        "kind": "answer", "articles": "第十六条", "question": "牵引绳长度如何计算？", "text": "自项圈起算。",
        "adopted_on": today().isoformat(),
    })  # fmt: skip
    assert r.status_code == 302 and project.interpretations.count() == 1
    client.logout()
    page = client.get(reverse("portal:legislation_feedback", args=[project.pk])).content.decode()
    assert "牵引绳长度如何计算" in page and "法规询问答复" in page
    api = client.get(f"/api/v1/legislation/regulations/{project.pk}").json()
    assert (
        api["in_force"]
        and api["interpretations"][0]["text"] == "自项圈起算。"
        and "第一条" in api["text"]
    )
    listed = client.get("/api/v1/legislation/regulations?q=养犬").json()
    assert listed["count"] == 1
