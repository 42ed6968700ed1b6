"""扫码签到: the door clerk's page, the scan it posts, and the printable cards with the codes."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from renda.core.actions import available
from renda.core.errors import DomainError
from renda.core.views import permission_required

from .. import services
from ..door import door_code, person_for_code, qr_svg
from ..models import Attendance
from ..selectors import quorum
from ._common import _managed_meeting

RECENT = 8


def _recent(meeting):
    return (
        Attendance.objects.filter(meeting=meeting, status=Attendance.Status.PRESENT)
        .select_related("person")
        .order_by("-signed_in_at", "-pk")[:RECENT]
    )


@permission_required("meetings.manage")
def door(request, pk: int):
    """The page the clerk keeps open at the door: one box a scanner types into, the camera
    as an alternative, the last sign-ins and the quorum, both updating as people arrive."""
    meeting = _managed_meeting(pk)
    can_sign = "sign_in" in available(request.user, meeting, (services.attendance_sign_in,))
    return render(
        request,
        "meetings/door.html",
        {
            "meeting": meeting,
            "quorum": quorum(meeting),
            "recent": _recent(meeting),
            "can_sign": can_sign,
        },
    )


@require_POST
@permission_required("meetings.manage")
def door_scan(request, pk: int):
    """Sign in the person whose code was scanned; answers the page's fragment (or redirects)."""
    meeting = _managed_meeting(pk)
    result = {"ok": False}
    try:
        person = person_for_code(meeting, request.POST.get("code", ""))
        before = (
            Attendance.objects.filter(meeting=meeting, person=person)
            .values_list("status", flat=True)
            .first()
        )
        row = services.attendance_sign_in(actor=request.user, meeting=meeting, person=person)
    except DomainError as error:
        result["message"] = error.message_in(request.LANGUAGE_CODE)
        result["code"] = error.code
    else:
        result.update(ok=True, person=person, row=row, again=before == Attendance.Status.PRESENT)
    if not request.headers.get("HX-Request"):
        if result["ok"]:
            text = _("{name}此前已签到。") if result["again"] else _("{name}已签到。")
            messages.success(request, format_lazy(text, name=result["person"].name))
        else:
            messages.error(request, result["message"])
        return redirect("meetings:door", pk)
    return render(
        request,
        "meetings/_door_result.html",
        {
            "meeting": meeting,
            "result": result,
            "quorum": quorum(meeting),
            "recent": _recent(meeting),
        },
        status=200 if result["ok"] else 400,
    )


@permission_required("meetings.manage")
def door_cards(request, pk: int):
    """Printable sign-in cards (出席证), one per person on the roll, each with its QR code."""
    meeting = _managed_meeting(pk)
    rows = (
        Attendance.objects.filter(meeting=meeting)
        .select_related("person")
        .order_by("role", "person__name", "pk")
    )
    cards = []
    for row in rows:
        code = door_code(meeting, row.person_id)
        cards.append({"row": row, "code": code, "svg": mark_safe(qr_svg(code, scale=4))})  # noqa: S308 (segno's own SVG)
    return render(request, "meetings/door_cards.html", {"meeting": meeting, "cards": cards})


def own_code(meeting, person) -> dict:
    """The signed-in member's own code and QR for their meeting page."""
    code = door_code(meeting, person)
    return {"code": code, "svg": mark_safe(qr_svg(code))}  # noqa: S308 (segno's own SVG)
