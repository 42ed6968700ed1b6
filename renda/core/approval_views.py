"""Pages of the external-approval step: the office's list, and the request and answer forms.

A domain's page shows the panel of its subject (``core/approvals_panel.html``, with the
context from :func:`panel`); the forms post here and come back to the subject's page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import approvals
from .errors import DomainError
from .forms import char_field, choice_field, date_field
from .models import Approval
from .pages import perform
from .views import paginate, permission_required


class ApprovalRequestForm(forms.Form):
    purpose = char_field(_("报请事项"), 200)
    document_title = char_field(_("报送文件"), 200)
    document_reference = char_field(_("报送文号"), 100)
    sent_on = date_field(_("报送日期"))


class ApprovalAnswerForm(forms.Form):
    answer = choice_field(
        _("答复"),
        [(Approval.Status.APPROVED, _("同意")), (Approval.Status.RETURNED, _("退回修改"))],
    )
    answered_on = date_field(_("答复日期"))
    answer_reference = char_field(_("答复文号"), 100)
    note = forms.CharField(
        label=_("答复意见"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("退回修改时须填写党委的意见。"),
    )


def panel(user: Any, obj: Any, kind: str) -> dict[str, Any]:
    """The context of ``core/approvals_panel.html`` for ``obj``: history, forms, what may be done."""
    subject_type, subject_id = approvals.subject_key(obj)
    rows = list(approvals.history(obj, kind).select_related("requested_by", "answered_by"))
    pending = next((a for a in rows if a.status == Approval.Status.PENDING), None)
    return {
        "approval_kind": kind,
        "approval_kind_label": Approval.Kind(kind).label,
        "approval_rows": rows,
        "approval_subject_type": subject_type,
        "approval_subject_id": subject_id,
        "approval_pending": pending,
        "approval_may_request": pending is None and approvals.approval_request.permits(user),
        "approval_may_answer": pending is not None
        and approvals.approval_answer.allows(user, pending),
        "approval_request_form": ApprovalRequestForm(),
        "approval_answer_form": ApprovalAnswerForm(),
    }


def _back(request, fallback: str = "core:approvals"):
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@permission_required("core.view_approvals")
def approval_list(request):
    """Every external approval, pending first, with the subject it is for."""
    status = request.GET.get("status") or ""
    qs = Approval.objects.select_related("requested_by", "answered_by").order_by(
        "status", "-sent_on", "-id"
    )
    if status in Approval.Status.values:
        qs = qs.filter(status=status)
    context = {
        "status": status,
        "statuses": Approval.Status.choices,
        **paginate(request, qs),
    }
    return render(request, "core/approval_list.html", context)


@require_POST
@permission_required("core.record_approval")
def approval_request(request):
    """Record that a subject was sent for approval; back to the subject's page."""
    kind = request.POST.get("kind") or ""
    try:
        subject = approvals.subject_row(
            request.POST.get("subject_type") or "", request.POST.get("subject_id") or "", kind
        )
    except DomainError as error:
        from django.contrib import messages

        messages.error(request, error.message_in(request.LANGUAGE_CODE))
        return _back(request)
    perform(
        request,
        approvals.approval_request,
        form=ApprovalRequestForm(request.POST),
        subject=subject,
        kind=kind,
        success=_("已登记报送情况。"),
    )
    return _back(request)


@require_POST
@permission_required("core.record_approval")
def approval_answer(request, pk: int):
    """Record the answer to a pending approval; back to the subject's page."""
    approval = get_object_or_404(Approval, pk=pk)
    perform(
        request,
        approvals.approval_answer,
        form=ApprovalAnswerForm(request.POST),
        approval=approval,
        success=_("已登记答复情况。"),
    )
    return _back(request)
