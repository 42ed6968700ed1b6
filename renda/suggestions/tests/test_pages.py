"""The pages that edit a draft, attach files, merge and split suggestions (rules §1.1, §1.5)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renda.core.models import AuditEvent
from renda.suggestions.models import Suggestion

pytestmark = pytest.mark.django_db


def _events(code: str) -> int:
    return AuditEvent.objects.filter(action=code).count()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# --------------------------------------------------------------------------- editing a draft


def test_the_lead_deputy_edits_a_draft(make_suggestion, client_for):
    draft = make_suggestion(status="draft")
    client = client_for("deputy")
    page = client.get(reverse("suggestions:update", args=[draft.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "修改建议草稿" in body and draft.title in body and "200" in body and "20000" in body
    response = client.post(
        reverse("suggestions:update", args=[draft.pk]),
        {"title": "关于提高乡村教师待遇的建议", "content": "新的内容。", "category": "education"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "关于提高乡村教师待遇的建议" and draft.content == "新的内容。"
    assert _events("suggestions.suggestion.updated") == 1


def test_an_edit_with_errors_keeps_what_was_typed(make_suggestion, client_for):
    draft = make_suggestion(status="draft")
    response = client_for("deputy").post(
        reverse("suggestions:update", args=[draft.pk]),
        {"title": "", "content": "保留这段新写的内容", "category": "education"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "保留这段新写的内容" in body and "请填写标题" in body
    draft.refresh_from_db()
    assert draft.content != "保留这段新写的内容"
    assert _events("suggestions.suggestion.updated") == 0


@pytest.mark.parametrize("role", ["staff", "unit_officer", "member"])
def test_others_cannot_edit_a_draft(make_suggestion, client_for, role):
    draft = make_suggestion(status="draft")
    client = client_for(role)
    url = reverse("suggestions:update", args=[draft.pk])
    assert client.get(url).status_code in (403, 404)
    response = client.post(url, {"title": "改", "content": "改", "category": "education"})
    assert response.status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.title != "改" and _events("suggestions.suggestion.updated") == 0


def test_a_submitted_suggestion_is_no_longer_edited(make_suggestion, client_for):
    sent = make_suggestion()
    client = client_for("deputy")
    assert client.get(reverse("suggestions:update", args=[sent.pk])).status_code == 403
    detail = client.get(reverse("suggestions:detail", args=[sent.pk])).content.decode()
    assert reverse("suggestions:update", args=[sent.pk]) not in detail


# --------------------------------------------------------------------------- attachments


def test_the_lead_deputy_attaches_a_file_and_downloads_it(make_suggestion, client_for):
    draft = make_suggestion(status="draft")
    client = client_for("deputy")
    detail = client.get(reverse("suggestions:detail", args=[draft.pk])).content.decode()
    assert reverse("suggestions:attachment_add", args=[draft.pk]) in detail
    upload = SimpleUploadedFile("说明.txt", "调研情况说明".encode(), content_type="text/plain")
    response = client.post(
        reverse("suggestions:attachment_add", args=[draft.pk]), {"upload": upload}
    )
    assert response.status_code == 302
    attachment = draft.attachments.get()
    assert attachment.name == "说明.txt" and _events("suggestions.attachment.added") == 1
    url = reverse("suggestions:attachment", args=[draft.pk, attachment.pk])
    detail = client.get(reverse("suggestions:detail", args=[draft.pk])).content.decode()
    assert url in detail and "/media/" not in detail
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).decode() == "调研情况说明"
    assert "attachment" in download["Content-Disposition"]
    # Someone who may not see the suggestion does not get its file.
    assert client_for("unit_officer").get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_a_wrong_file_is_refused_with_its_reason(make_suggestion, client_for):
    draft = make_suggestion(status="draft")
    upload = SimpleUploadedFile("程序.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    response = client_for("deputy").post(
        reverse("suggestions:attachment_add", args=[draft.pk]), {"upload": upload}
    )
    assert response.status_code == 400
    assert "只能上传 PDF" in response.content.decode()
    assert not draft.attachments.exists() and _events("suggestions.attachment.added") == 0


@pytest.mark.parametrize("role", ["staff", "member", "unit_officer"])
def test_others_cannot_attach_files(make_suggestion, client_for, role):
    draft = make_suggestion(status="draft")
    upload = SimpleUploadedFile("说明.txt", b"text", content_type="text/plain")
    response = client_for(role).post(
        reverse("suggestions:attachment_add", args=[draft.pk]), {"upload": upload}
    )
    assert response.status_code in (403, 404)
    assert not draft.attachments.exists() and _events("suggestions.attachment.added") == 0


# --------------------------------------------------------------------------- merge and split


def test_the_office_merges_duplicates_found_by_search(make_suggestion, client_for):
    into = make_suggestion(title="关于乡村教师待遇的建议")
    dup = make_suggestion(title="关于提高教师工资的建议")
    other = make_suggestion(title="关于修建公园的建议")
    client = client_for("staff")
    detail = client.get(reverse("suggestions:detail", args=[into.pk])).content.decode()
    assert reverse("suggestions:merge", args=[into.pk]) in detail
    page = client.get(reverse("suggestions:merge", args=[into.pk]), {"q": "工资"})
    body = page.content.decode()
    assert page.status_code == 200 and dup.title in body and other.title not in body
    response = client.post(reverse("suggestions:merge", args=[into.pk]), {"others": [dup.pk]})
    assert response.status_code == 302
    dup.refresh_from_db()
    assert dup.status == Suggestion.Status.MERGED and dup.merged_into_id == into.pk
    assert _events("suggestions.suggestion.merged") == 1


def test_a_merge_without_choice_says_so(make_suggestion, client_for):
    into = make_suggestion()
    response = client_for("staff").post(reverse("suggestions:merge", args=[into.pk]), {"q": "教师"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "请填写并入的建议" in body and 'value="教师"' in body
    assert _events("suggestions.suggestion.merged") == 0


@pytest.mark.parametrize("role", ["deputy", "leader", "unit_officer"])
def test_others_cannot_merge_or_split(make_suggestion, client_for, role):
    into, dup = make_suggestion(), make_suggestion(title="重复的建议")
    client = client_for(role)
    merge = client.post(reverse("suggestions:merge", args=[into.pk]), {"others": [dup.pk]})
    split = client.post(
        reverse("suggestions:split", args=[into.pk]),
        {"title_1": "一", "content_1": "一", "title_2": "二", "content_2": "二"},
    )
    assert merge.status_code in (403, 404) and split.status_code in (403, 404)
    dup.refresh_from_db()
    into.refresh_from_db()
    assert dup.status == into.status == Suggestion.Status.SUBMITTED
    assert _events("suggestions.suggestion.merged") == _events("suggestions.suggestion.split") == 0


def test_the_office_splits_a_suggestion_into_titled_parts(make_suggestion, client_for):
    s = make_suggestion()
    client = client_for("staff")
    assert client.get(reverse("suggestions:split", args=[s.pk])).status_code == 200
    response = client.post(
        reverse("suggestions:split", args=[s.pk]),
        {
            "title_1": "关于乡村教师编制的建议",
            "content_1": "编制不足。",
            "title_2": "关于乡村教师待遇的建议",
            "content_2": "待遇偏低。",
        },
    )
    assert response.status_code == 302
    s.refresh_from_db()
    parts = list(Suggestion.objects.filter(split_from=s).order_by("number"))
    assert s.status == Suggestion.Status.SPLIT
    assert [p.title for p in parts] == ["关于乡村教师编制的建议", "关于乡村教师待遇的建议"]
    assert parts[0].number.endswith("之一") and _events("suggestions.suggestion.split") == 1


def test_a_split_with_one_part_keeps_what_was_typed(make_suggestion, client_for):
    s = make_suggestion()
    response = client_for("staff").post(
        reverse("suggestions:split", args=[s.pk]),
        {"title_1": "唯一的部分", "content_1": "只写了一部分的内容"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "拆分至少需要两部分" in body and "只写了一部分的内容" in body
    s.refresh_from_db()
    assert s.status == Suggestion.Status.SUBMITTED and _events("suggestions.suggestion.split") == 0
