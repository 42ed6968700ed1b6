"""Meeting pages through the test client: pinned query counts, exports, bad input, public pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from renda.core.models import AuditEvent
from renda.meetings import services as S
from renda.meetings.models import (
    AgendaItem,
    Attendance,
    GalleryRegistration,
    Meeting,
    MeetingDocument,
)
from renda.people.models import Membership, Person

from .conftest import DAY

pytestmark = pytest.mark.django_db


def _fill(meeting, staff, sc, term, n):
    """Add n agenda items with a document each and n more members on the roll."""
    for i in range(n):
        item = S.agenda_item_add(
            actor=staff,
            meeting=meeting,
            kind="motion",
            title=f"议案{i}",
            reporter=Person.objects.create(name=f"报告人{i}", gender="male"),
        )
        S.document_add(
            actor=staff,
            meeting=meeting,
            item=item,
            kind="motion",
            title=f"文本{i}",
            received_on=DAY - dt.timedelta(days=25),
        )
        p = Person.objects.create(name=f"增补{i}", gender="female")
        Membership.objects.create(person=p, organization=sc, term=term, start_date=term.start_date)
        Attendance.objects.create(meeting=meeting, person=p)
        S.leave_request_create(actor=staff, meeting=meeting, person=p, reason="公务")


@pytest.mark.parametrize("n", [1, 12])
def test_meeting_list_query_count(
    client_for, staff, term, sc_members, django_assert_num_queries, n
):
    for i in range(n):
        S.meeting_schedule(
            actor=staff, kind="sc_meeting", term=term, starts_on=DAY + dt.timedelta(days=i)
        )
    client = client_for("staff")
    # session, user, scope, count, rows, site name
    with django_assert_num_queries(6):
        response = client.get(reverse("meetings:list"), {"kind": "sc_meeting"})
    assert response.status_code == 200 and len(response.context["rows"]) == n


@pytest.mark.parametrize("n", [1, 10])
def test_meeting_detail_query_count(
    client_for, staff, term, sc, meeting, django_assert_num_queries, n
):
    _fill(meeting, staff, sc, term, n)
    client = client_for("staff")
    # session, user, meeting, items, documents, attendance, leave, settings, pool, quorum ×2,
    # model permissions ×2, timeline and the names of its actors, gallery count, site name, scope
    with django_assert_num_queries(16):
        response = client.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "议案0" in page and "增补0" in page and 'hx-trigger="every 5s"' in page
    assert len(response.context["items"]) == n


def test_detail_shows_late_flags_and_dispositions(client_for, staff, meeting, court_president):
    S.agenda_item_add(
        actor=staff,
        meeting=meeting,
        kind="work_report",
        title="法院工作报告",
        reporter=court_president,
    )
    page = client_for("staff").get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "data-late" in page and "李院长" in page and "待处理" in page


def test_member_signs_in_from_the_page_and_quorum_updates(client_for, meeting, users):
    client = client_for("member")
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "本人签到" in page
    response = client.post(reverse("meetings:sign_in", args=[meeting.pk]))
    assert response.status_code == 302
    assert (
        Attendance.objects.get(meeting=meeting, person=users["member"].person).status == "present"
    )
    fragment = client.get(reverse("meetings:quorum", args=[meeting.pk])).content.decode()
    assert "data-present>1<" in fragment


def test_deputy_cannot_see_sc_meetings_but_sees_congress_sessions(
    client_for, meeting, staff, term, deputies
):
    client = client_for("deputy")
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 404
    session = S.meeting_schedule(actor=staff, kind="congress_session", term=term, starts_on=DAY)
    assert client.get(reverse("meetings:detail", args=[session.pk])).status_code == 200


def test_schedule_form_and_bad_input_changes_nothing(client_for, term, sc_members):
    client = client_for("staff")
    url = reverse("meetings:create")
    before = (Meeting.objects.count(), AuditEvent.objects.count())
    response = client.post(
        url,
        {
            "kind": "sc_meeting",
            "term": term.pk,
            "starts_on": "2026-06-24",
            "ends_on": "2026-06-20",
            "gallery_seats": 20,
        },
    )
    assert response.status_code == 200 and "结束日期不能早于开始日期" in response.content.decode()
    response = client.post(
        url,
        {
            "kind": "sc_meeting",
            "term": term.pk,
            "starts_on": "2026-06-24",
            "title": "长" * 121,
            "gallery_seats": 20,
        },
    )
    assert "会议名称不能超过120个字符" in response.content.decode()
    assert (Meeting.objects.count(), AuditEvent.objects.count()) == before
    response = client.post(
        url,
        {
            "kind": "sc_meeting",
            "term": term.pk,
            "starts_on": "2026-06-24",
            "gallery_seats": 20,
            "is_public": "on",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "meetings:detail", args=[meeting.pk]
    )


def test_unknown_ids_are_404(client_for, meeting):
    client = client_for("staff")
    for name in ("meetings:detail", "meetings:edit", "meetings:item_create", "meetings:agenda_pdf"):
        assert client.get(reverse(name, args=[99999])).status_code == 404
    assert client.get(reverse("meetings:item_edit", args=[99999])).status_code == 404
    assert (
        client.post(
            reverse("meetings:leave_decide", args=[99999]), {"decision": "approve"}
        ).status_code
        == 404
    )
    assert client.get(reverse("portal:meeting_detail", args=[99999])).status_code == 404


def test_wrong_upload_type_changes_nothing(client_for, meeting):
    client = client_for("staff")
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("meetings:document_create", args=[meeting.pk]),
        {
            "kind": "notice",
            "title": "通知",
            "file": SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
        },
    )
    assert response.status_code == 400 and "只能上传" in response.content.decode()
    assert not MeetingDocument.objects.exists() and AuditEvent.objects.count() == before


def test_close_refusal_is_shown(client_for, meeting, staff, sc_members):
    S.agenda_item_add(actor=staff, meeting=meeting, kind="other", title="未处理事项")
    for p in sc_members[:3]:
        S.attendance_sign_in(actor=staff, meeting=meeting, person=p)
    client = client_for("staff")
    client.post(reverse("meetings:open", args=[meeting.pk]))
    response = client.post(reverse("meetings:close", args=[meeting.pk]), follow=True)
    assert "未处理事项" in response.content.decode() and "S16" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == "in_progress"
    item = AgendaItem.objects.get(meeting=meeting)
    response = client.post(
        reverse("meetings:item_dispose", args=[item.pk]), {"disposition": "deferred", "note": ""}
    )
    assert response.status_code == 400
    client.post(
        reverse("meetings:item_dispose", args=[item.pk]),
        {"disposition": "deferred", "note": "下次再议"},
    )
    client.post(reverse("meetings:close", args=[meeting.pk]))
    assert Meeting.objects.get(pk=meeting.pk).status == "closed"


def test_leave_request_and_decision_through_pages(client_for, meeting, users):
    client = client_for("member")
    client.post(reverse("meetings:leave_create", args=[meeting.pk]), {"reason": "出差"})
    leave = meeting.leave_requests.get()
    assert (
        client.post(
            reverse("meetings:leave_decide", args=[leave.pk]), {"decision": "approve"}
        ).status_code
        == 403
    )
    client_for("leader").post(
        reverse("meetings:leave_decide", args=[leave.pk]), {"decision": "approve"}
    )
    assert (
        Attendance.objects.get(meeting=meeting, person=users["member"].person).status == "on_leave"
    )


def test_agenda_pdf_has_the_items_in_chinese(client_for, meeting, staff, court_president):
    from pypdf import PdfReader

    S.agenda_item_add(
        actor=staff,
        meeting=meeting,
        kind="work_report",
        title="关于审判工作情况的报告",
        reporter=court_president,
    )
    response = client_for("member").get(reverse("meetings:agenda_pdf", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "关于审判工作情况的报告" in text and "李院长" in text


def test_attendance_xlsx(client_for, meeting, staff, sc_members):
    S.attendance_sign_in(actor=staff, meeting=meeting, person=sc_members[1])
    response = client_for("leader").get(reverse("meetings:attendance_xlsx", args=[meeting.pk]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "姓名", "身份", "出席情况")
    assert len(rows) == 6
    assert any(r[1] == "委员1" and r[3] == "已签到" for r in rows)
    assert (
        client_for("member").get(reverse("meetings:attendance_xlsx", args=[meeting.pk])).status_code
        == 403
    )


def test_overview_shows_rule_codes(client_for, meeting):
    page = client_for("leader").get(reverse("meetings:overview")).content.decode()
    assert 'data-rule="§8.7"' in page and 'data-rule="S14"' in page


def test_calendar_lists_the_month(client_for, meeting):
    response = client_for("member").get(reverse("meetings:calendar"), {"month": "2026-06"})
    assert response.status_code == 200 and meeting in response.context["meetings"]
    assert (
        client_for("member").get(reverse("meetings:calendar"), {"month": "bad"}).status_code == 200
    )


# -- public pages ---------------------------------------------------------------------------


def test_public_page_shows_agenda_and_registers_gallery(client, meeting, staff):
    item = S.agenda_item_add(actor=staff, meeting=meeting, kind="motion", title="公开议案")
    S.agenda_item_dispose(actor=staff, item=item, disposition="decided", note="同意提请表决")
    url = reverse("portal:meeting_detail", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "公开议案" in page and "已作出决定" in page
    assert meeting.title in client.get(reverse("portal:meetings")).content.decode()
    post = reverse("portal:gallery_register", args=[meeting.pk])
    response = client.post(post, {"name": "市民甲", "phone": "13800000001"})
    reg = GalleryRegistration.objects.get()
    assert response.status_code == 200 and reg.code in response.content.decode()
    response = client.post(post, {"name": "市民乙", "phone": "13800000001"})
    assert response.status_code == 400 and "已登记" in response.content.decode()
    response = client.post(post, {"name": "", "phone": "abc"})
    assert response.status_code == 400 and GalleryRegistration.objects.count() == 1


def test_private_meetings_are_not_public(client, meeting, staff):
    S.meeting_update(actor=staff, meeting=meeting, is_public=False)
    assert client.get(reverse("portal:meeting_detail", args=[meeting.pk])).status_code == 404


def test_gallery_form_is_rate_limited(client, meeting, settings):
    from django.core.cache import cache

    cache.clear()
    settings.PUBLIC_FORM_RATE_PER_MINUTE = 2
    post = reverse("portal:gallery_register", args=[meeting.pk])
    codes = [
        client.post(post, {"name": "甲", "phone": f"1380000000{i}"}).status_code for i in range(3)
    ]
    assert codes == [200, 200, 429]
    assert GalleryRegistration.objects.count() == 2
    cache.clear()


def test_the_door_clerk_signs_in_several_members_at_once(client_for, meeting, sc_members):
    client = client_for("staff")
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert 'id="bulk-sign-in"' in page and 'data-check-all="bulk-sign-in"' in page
    assert page.count('form="bulk-sign-in"') == len(sc_members)  # one tick per member not present
    before = AuditEvent.objects.filter(action="meetings.attendance.signed_in").count()
    ticked = [p.pk for p in sc_members[:3]]
    response = client.post(
        reverse("meetings:sign_in_bulk", args=[meeting.pk]), {"person": ticked}, follow=True
    )
    assert "已签到 3 人" in response.content.decode()
    present = Attendance.objects.filter(meeting=meeting, status="present")
    assert sorted(present.values_list("person_id", flat=True)) == sorted(ticked)
    # Each sign-in is audited on its own; the quorum follows.
    after = AuditEvent.objects.filter(action="meetings.attendance.signed_in").count()
    assert after - before == 3
    fragment = client.get(reverse("meetings:quorum", args=[meeting.pk])).content.decode()
    assert "data-present>3<" in fragment
    # Nothing ticked: a clear message, nothing changes; the signed-in are no longer offered.
    response = client.post(reverse("meetings:sign_in_bulk", args=[meeting.pk]), follow=True)
    assert "请勾选要签到的人员" in response.content.decode()
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert page.count('form="bulk-sign-in"') == len(sc_members) - 3
    # A member cannot sign others in.
    member = client_for("member")
    assert member.post(
        reverse("meetings:sign_in_bulk", args=[meeting.pk]), {"person": [sc_members[4].pk]}
    ).status_code in (302, 403)
    assert not Attendance.objects.filter(
        meeting=meeting, person=sc_members[4], status="present"
    ).exists()
