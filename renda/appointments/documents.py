"""The appointment certificate (任命书, rules.md §7.11) as Word (docx), to edit, and as PDF,
to print as it stands."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from renda.core import docx
from renda.core.docx import DOCX_TYPE  # noqa: F401 (the views send files with it)
from renda.people.models import Membership, Organization, Post
from renda.people.selectors import jurisdiction

from .models import Appointment


def chair_name(on) -> str:
    """The standing committee's chair on the day of issue, for the signature block."""
    row = (
        Membership.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on),
            organization__kind=Organization.Kind.STANDING_COMMITTEE,
            role=Post.Role.CHAIR,
            start_date__lte=on,
        )
        .select_related("person")
        .order_by("-start_date")
        .first()
    )
    return row.person.name if row else ""


def _parts(appointment: Appointment) -> dict:
    j = jurisdiction()
    body = _("{name}人民代表大会常务委员会").format(name=j.name if j else "")
    return {
        "number": appointment.certificate_no,
        "text": _("根据{body}{day}的决定，任命{name}为{post}。").format(
            body=body,
            day=docx.zh_date(appointment.decided_on),
            name=appointment.person.name,
            post=appointment.post,
        ),  # fmt: skip
        "body": body,
        "signature": _("主任 {name}").format(name=chair_name(appointment.certificate_issued_on)),
        "day": docx.zh_date(appointment.certificate_issued_on),
    }


def certificate_pdf(appointment: Appointment) -> bytes:
    """The same certificate on one A4 page (WeasyPrint, the Noto CJK fonts)."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        context = {"c": _parts(appointment), "title": _("任命书")}
        html = render_to_string("appointments/certificate_pdf.html", context)
    return HTML(string=html).write_pdf()


def certificate_docx(appointment: Appointment) -> bytes:
    """Number, the appointment, the body, the chair's signature block and the date."""
    with translation.override(settings.LANGUAGE_CODE):
        c = _parts(appointment)
        doc = docx.new_document(16)
        docx.title(doc, _("任命书"))
        docx.right_aligned(doc.add_paragraph(c["number"]))
        doc.add_paragraph(c["text"])
        docx.right_aligned(doc.add_paragraph(c["body"]))
        docx.right_aligned(doc.add_paragraph(c["signature"]))
        docx.right_aligned(doc.add_paragraph(c["day"]))
        return docx.to_bytes(doc)
