"""The printable agenda (PDF, WeasyPrint with the Noto CJK fonts) and the attendance sheet (xlsx)."""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as gettext_now

from renda.people.exports import xlsx_response

from .models import Meeting


def agenda_pdf_bytes(meeting: Meeting, request=None) -> bytes:
    from weasyprint import HTML

    items = list(
        meeting.items.select_related(
            "reporter", "reporter_post__organization", "reporting_body"
        ).order_by("order")
    )
    html = render_to_string(
        "meetings/agenda_pdf.html",
        {
            "meeting": meeting,
            "items": items,
            "printed": timezone.localtime(),
        },
        request=request,
    )
    return HTML(string=html).write_pdf()


def agenda_pdf_response(request, meeting: Meeting) -> HttpResponse:
    response = HttpResponse(agenda_pdf_bytes(meeting, request), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="agenda-{meeting.pk}.pdf"'
    return response


def attendance_xlsx_response(meeting: Meeting) -> HttpResponse:
    rows = (
        meeting.attendance.select_related("person", "signed_in_by")
        .only(
            "role",
            "status",
            "signed_in_at",
            "person__name",
            "signed_in_by__username",
            "signed_in_by__display_name",
        )
        .order_by("role", "person__name", "person_id")
    )
    headers = [
        gettext_now("序号"),
        gettext_now("姓名"),
        gettext_now("身份"),
        gettext_now("出席情况"),
        gettext_now("签到时间"),
        gettext_now("签名"),
    ]
    data = (
        [
            i,
            a.person.name,
            a.get_role_display(),
            a.get_status_display(),
            timezone.localtime(a.signed_in_at).strftime("%Y-%m-%d %H:%M") if a.signed_in_at else "",
            "",
        ]
        for i, a in enumerate(rows.iterator(chunk_size=1000), start=1)
    )
    return xlsx_response(f"attendance-{meeting.pk}", meeting.title, headers, data)
