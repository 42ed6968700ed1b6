"""Filing review pages through the test client: filer, intake, review desk, documents, public pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from renda.filings import services as S
from renda.filings.models import Filing, ReviewSuggestion

from .conftest import docx_upload

pytestmark = pytest.mark.django_db


def _post_filing(client, **extra):
    data = {
        "title": "清河市校外培训机构管理办法",
        "document_number": "清教发〔2026〕7号",
        "published_on": (dt.date.today() - dt.timedelta(days=40)).isoformat(),
        "drafting_explanation": "说明",
        "legal_basis": "教育法",
        "file": docx_upload(),
        **extra,
    }
    return client.post(reverse("filings:create"), data)


def test_filer_files_late_and_it_shows_on_the_late_list(client_for):
    client = client_for("unit_officer")
    response = _post_filing(client)
    filing = Filing.objects.get()
    assert response.status_code == 302 and filing.is_late
    page = client.get(reverse("filings:late")).content.decode()
    assert "清河市校外培训机构管理办法" in page
    mine = client.get(reverse("filings:mine")).content.decode()
    assert "清教发〔2026〕7号" in mine


def test_bad_uploads_and_missing_number_show_form_errors(client_for):
    client = client_for("unit_officer")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _post_filing(client, file=SimpleUploadedFile("x.docx", b"PK\x03\x04garbage"))
    assert response.status_code == 400 and "无法读取" in response.content.decode()
    response = _post_filing(client, document_number="")
    assert response.status_code == 400
    assert not Filing.objects.exists()
    _post_filing(client)
    response = _post_filing(client)
    assert response.status_code == 400 and "不能重复报送" in response.content.decode()


def test_staff_register_and_receipt_docx_opens(client_for, make_filing):
    from docx import Document

    filing = make_filing()
    staff = client_for("staff")
    assert filing.title in staff.get(reverse("filings:intake")).content.decode()
    response = staff.post(reverse("filings:register", args=[filing.pk]))
    assert response.status_code == 302
    filing.refresh_from_db()
    receipt = filing.receipts.get()
    officer = client_for("unit_officer")
    response = officer.get(reverse("filings:receipt", args=[filing.pk, receipt.pk]))
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert receipt.number in text and filing.registration_number in text and "予以登记" in text


def test_return_shows_on_the_filer_page_and_correction(client_for, make_filing):
    filing = make_filing()
    client_for("staff").post(
        reverse("filings:return", args=[filing.pk]), {"reason": "缺少起草说明"}
    )
    filing.refresh_from_db()
    assert filing.status == "returned"
    officer = client_for("unit_officer")
    assert (
        "补正后重新报送"
        in officer.get(reverse("filings:detail", args=[filing.pk])).content.decode()
    )
    response = officer.post(
        reverse("filings:correct", args=[filing.pk]), {"file": docx_upload(), "note": "已补"}
    )
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.status == "submitted"


def test_a_body_cannot_open_another_bodys_filing(client, other_filer, make_filing):
    filing = make_filing()
    client.force_login(other_filer)
    assert client.get(reverse("filings:detail", args=[filing.pk])).status_code == 404
    assert filing.title not in client.get(reverse("filings:mine")).content.decode()


def test_review_desk_checklist_and_correction_outcome(client_for, registered, filer):
    staff = client_for("staff")
    review = registered.reviews.get()
    item = review.items.get()
    page = staff.get(reverse("filings:review", args=[review.pk])).content.decode()
    assert "审查标准核对表" in page and "需要关注的条款" in page and "罚款" in page
    p = f"i{item.pk}-"
    staff.post(
        reverse("filings:checklist", args=[item.pk]),
        {
            p + "legality": "problem",
            p + "legality_note": "设定罚款超越权限",
            p + "findings": "第五条违法",
        },
    )
    item.refresh_from_db()
    assert item.problems == ["legality"]
    response = staff.post(
        reverse("filings:outcome", args=[item.pk]),
        {"outcome": "correction", "note": "请修改第五条"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.correction_case.assignments.get().unit == filer.scope
    mine = client_for("unit_officer").get(reverse("filings:mine")).content.decode()
    assert reverse("casework:detail", args=[item.correction_case_id]) in mine


def test_list_pages_have_pinned_query_counts(
    client_for, make_filing, staff, django_assert_num_queries
):
    for _i in range(3):
        S.filing_register(
            actor=staff, filing=make_filing(published_on=dt.date.today() - dt.timedelta(days=60))
        )
    client = client_for("staff")
    client.get(reverse("filings:list"))  # warm caches (sessions, nav)
    with django_assert_num_queries(7):
        assert client.get(reverse("filings:list")).status_code == 200
    with django_assert_num_queries(6):
        assert client.get(reverse("filings:late")).status_code == 200
    with django_assert_num_queries(6):
        assert client.get(reverse("filings:reviews")).status_code == 200
    officer = client_for("unit_officer")
    officer.get(reverse("filings:mine"))
    with django_assert_num_queries(9):
        assert officer.get(reverse("filings:mine")).status_code == 200


def test_export_escapes_formulas(client_for, make_filing):
    from openpyxl import load_workbook

    make_filing(title='=HYPERLINK("http://x")')
    response = client_for("staff").get(reverse("filings:export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][1] == "文件名称" and rows[1][1].startswith("'=")


def test_annual_reminder_and_report_docx_published(client_for, registered):
    from docx import Document

    staff = client_for("staff")
    year = registered.filed_at.year
    staff.post(reverse("filings:reminders_send"), {"year": year - 1 if year > 2000 else year})
    staff.post(
        reverse("filings:report_prepare"), {"year": year, "summary": "本年度备案审查工作概述。"}
    )
    from renda.filings.models import AnnualReport, CatalogueReminder

    report = AnnualReport.objects.get(year=year)
    reminder = CatalogueReminder.objects.select_related("body").first()
    doc = Document(io.BytesIO(staff.get(reverse("filings:reminder", args=[reminder.pk])).content))
    assert reminder.body.name in "\n".join(p.text for p in doc.paragraphs)
    assert staff.get(reverse("portal:filing_report", args=[year])).status_code == 404
    staff.post(reverse("filings:report_publish", args=[report.pk]))
    anon = client_for(None)
    response = anon.get(reverse("portal:filing_report", args=[year]))
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "本年度备案审查工作概述" in text and "全年共收到报送备案的规范性文件1件" in text
    assert str(year) in anon.get(reverse("portal:filings")).content.decode()


# -- public ---------------------------------------------------------------------------------


def test_public_search_shows_registered_documents_with_status(client, registered, make_filing):
    pending = make_filing(title="清河市学校食堂管理规定", text="第一条 食堂管理。")
    page = client.get(reverse("portal:filings"), {"q": "校外培训"}).content.decode()
    assert registered.title in page and pending.title not in page
    detail = client.get(reverse("portal:filing_detail", args=[registered.pk])).content.decode()
    assert "审查中" in detail
    assert client.get(reverse("portal:filing_detail", args=[pending.pk])).status_code == 404


def test_the_public_finds_a_document_by_the_body_that_made_it(client, registered, filer):
    body = filer.scope.name  # e.g. 清河市教育局
    word = body.removeprefix("清河市").removesuffix("局")  # 教育, not in the title or text
    assert word not in registered.title
    page = client.get(reverse("portal:filings"), {"q": word}).content.decode()
    assert registered.title in page


def test_one_search_box_over_the_public_site(client, registered, make_filing):
    pending = make_filing(title="清河市校外培训收费管理规定", text="第一条 收费。")
    page = client.get(reverse("portal:search"), {"q": "校外培训"}).content.decode()
    assert 'data-source="filings"' in page
    assert "<mark>校外培训</mark>" in page  # the words marked in the title and the snippet
    assert reverse("portal:filing_detail", args=[registered.pk]) in page
    assert reverse("portal:filing_detail", args=[pending.pk]) not in page  # not public
    # Every public page carries the box; nothing found says so in words; markup is escaped.
    assert 'action="/search/"' in client.get(reverse("portal:home")).content.decode()
    none = client.get(reverse("portal:search"), {"q": "<b>不存在的词语</b>"}).content.decode()
    assert "没有找到与" in none and "<b>不存在的词语</b>" not in none
    assert "data-source" not in client.get(reverse("portal:search")).content.decode()


def test_public_suggestion_form_and_tracking(client, registered):
    cache.clear()
    response = client.post(
        reverse("portal:filing_suggest"),
        {
            "proposer_kind": "citizen",
            "proposer_name": "王某",
            "contact": "13800000000",
            "document_reference": "",
            "reasons": "该文件设定罚款没有法律依据，侵害经营者权益。",
        },
    )
    assert (
        response.status_code == 400
        and "请写明建议审查的文件名称或文号" in response.content.decode()
    )
    assert not ReviewSuggestion.objects.exists()
    response = client.post(
        reverse("portal:filing_suggest"),
        {
            "proposer_kind": "citizen",
            "proposer_name": "王某",
            "contact": "13800000000",
            "document_reference": "清教发〔2026〕1号",
            "reasons": "该文件设定罚款没有法律依据，侵害经营者权益。",
        },
    )
    s = ReviewSuggestion.objects.get()
    assert s.tracking_code in response.content.decode()
    page = client.get(reverse("portal:filing_track"), {"code": s.tracking_code}).content.decode()
    assert "已收到" in page
    assert client.get(reverse("portal:filing_track"), {"code": "NOPE-NOPE-NOPE"}).status_code == 404


@override_settings(PUBLIC_FORM_RATE_PER_MINUTE=2)
def test_public_suggestion_form_is_rate_limited(client):
    cache.clear()
    data = {
        "proposer_kind": "citizen",
        "proposer_name": "王某",
        "contact": "1",
        "document_reference": "某文件",
        "reasons": "该文件设定罚款没有法律依据，侵害经营者权益。",
    }
    codes = [client.post(reverse("portal:filing_suggest"), data).status_code for _i in range(3)]
    assert codes == [200, 200, 429]
    assert ReviewSuggestion.objects.count() == 2
    cache.clear()


def test_staff_handles_a_suggestion(client_for, registered):
    s = S.review_suggestion_submit(
        proposer_name="王某",
        contact="1",
        document_reference="清教发",
        reasons="该文件设定罚款没有法律依据，侵害经营者权益。",
    )
    staff = client_for("staff")
    assert s.tracking_code in staff.get(reverse("filings:suggestions")).content.decode()
    staff.post(
        reverse("filings:suggestion_action", args=[s.pk, "start"]), {"filing": registered.pk}
    )
    s.refresh_from_db()
    assert s.status == "under_review" and s.reviews.count() == 1
