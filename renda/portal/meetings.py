"""Public meeting pages: the list, one meeting with its agenda and results, gallery registration."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from renda.core.errors import DomainError
from renda.core.throttle import rate_limited
from renda.core.views import field_messages
from renda.meetings.models import Meeting
from renda.meetings.selectors import meetings_public
from renda.meetings.services import gallery_register as gallery_register_service

MEETINGS_PER_PAGE = 20


class GalleryForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=40, error_messages=field_messages(_("姓名")))
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        error_messages=field_messages(_("联系电话")),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    organization = forms.CharField(
        label=_("工作单位"),
        max_length=100,
        required=False,
        error_messages=field_messages(_("工作单位")),
    )


@require_safe
def meeting_list(request):
    page = Paginator(meetings_public().order_by("-starts_on", "-id"), MEETINGS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "portal/meetings/list.html", {"page_obj": page, "querystring_without_page": ""}
    )


def _detail_context(meeting: Meeting, form: GalleryForm | None = None, registration=None) -> dict:
    items = list(meeting.items.select_related("reporter", "reporting_body").order_by("order"))
    documents = list(
        meeting.documents.filter(is_public=True)
        .select_related("item")
        .order_by("item__order", "id")
    )
    registered = meeting.gallery.filter(status="registered").count()
    from .polls import sealed_polls

    return {
        "meeting": meeting,
        "items": items,
        "documents": documents,
        "polls": sealed_polls(meeting),
        "seats_left": max(meeting.gallery_seats - registered, 0),
        "can_register": meeting.status != Meeting.Status.CLOSED and meeting.gallery_seats > 0,
        "form": form or GalleryForm(),
        "registration": registration,
    }


@require_safe
def meeting_detail(request, pk: int):
    meeting = get_object_or_404(meetings_public(), pk=pk)
    return render(request, "portal/meetings/detail.html", _detail_context(meeting))


@require_http_methods(["GET", "POST"])
def gallery_register(request, pk: int):
    """Register for the public gallery (旁听, S18); rate-limited per address."""
    meeting = get_object_or_404(meetings_public(), pk=pk)
    if request.method != "POST":
        return render(request, "portal/meetings/detail.html", _detail_context(meeting))
    form = GalleryForm(request.POST)
    if rate_limited(request, "gallery"):
        form.add_error(None, _("提交过于频繁，请稍后再试。"))
        return render(
            request, "portal/meetings/detail.html", _detail_context(meeting, form), status=429
        )
    registration = None
    if form.is_valid():
        try:
            registration = gallery_register_service(meeting=meeting, **form.cleaned_data)
        except DomainError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message_in(request.LANGUAGE_CODE))
    status = 200 if registration else 400
    return render(
        request,
        "portal/meetings/detail.html",
        _detail_context(meeting, form if registration is None else None, registration),
        status=status,
    )
