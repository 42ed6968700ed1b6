"""The public gallery of public meetings (旁听, S18): anyone registers, no account needed."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from renda.core.throttle import rate_limited
from renda.meetings import services
from renda.meetings.selectors import meetings_public

from .auth import OPTIONAL_AUTH, READ_AUTH
from .common import InputSchema, PathId, text
from .errors import WRITE_ERRORS, ApiError, ErrorOut

router = Router(tags=["meetings"])


class GalleryRegisterIn(InputSchema):
    """A citizen's registration for the public gallery (旁听); no account needed."""

    name: text(40)
    phone: text(20)
    organization: text(100) = ""


class GalleryRegisteredOut(Schema):
    code: str
    meeting_id: int
    name: str
    status: str
    seats_left: int


#: Registering shares the per-address limit of the public page (renda.portal.meetings).
_GALLERY_SCOPE = "gallery"


@router.post(
    "/meetings/{meeting_id}/gallery",
    response={201: GalleryRegisteredOut, **WRITE_ERRORS, 429: ErrorOut},
    auth=READ_AUTH,
    operation_id="meetings_gallery_register",
    summary="登记旁听 · Register for the public gallery of a public meeting (S18)",
    description=(
        "Open to everyone, no account needed; one seat per phone number, up to the meeting's "
        "gallery seats. Keep the returned `code`: with the phone it cancels the registration "
        "on the meeting's public page. Limited per address (429 `rate_limited`)."
    ),
    openapi_extra=OPTIONAL_AUTH,
)
def meetings_gallery_register(request, meeting_id: PathId, payload: GalleryRegisterIn):
    m = get_object_or_404(meetings_public(), pk=meeting_id)
    if rate_limited(request, _GALLERY_SCOPE):
        raise ApiError(
            "rate_limited",
            "提交过于频繁，请稍后再试。",
            "Too many submissions from this address; try again in a minute.",
            status=429,
        )
    reg = services.gallery_register(
        meeting=m, name=payload.name, phone=payload.phone, organization=payload.organization
    )
    taken = m.gallery.filter(status="registered").count()
    return Status(
        201,
        {
            "code": reg.code,
            "meeting_id": m.pk,
            "name": reg.name,
            "status": reg.status,
            "seats_left": max(m.gallery_seats - taken, 0),
        },
    )
